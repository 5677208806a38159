//! The legend, built from what the open network contains: the shapes of its entity kinds,
//! the colours of its groups and the strokes of its tie kinds.

use std::collections::BTreeSet;

use egui::{Sense, Shape, Stroke, Vec2};

use crate::app::LabelLanguage;
use crate::app::map::shapes::{color32, node_outline};
use crate::network::model::{EntityKind, Network, TieKind, localized};
use crate::scene::style::{self, Dash};

const ICON: Vec2 = Vec2::new(28.0, 14.0);

/// What the legend lists: the kinds and groups the network uses, found once when it opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegendEntries {
    entity_kinds: BTreeSet<EntityKind>,
    tie_kinds: BTreeSet<TieKind>,
    /// Indexes into `network.groups` of the groups some entity belongs to, in file order.
    groups: Vec<usize>,
}

impl LegendEntries {
    pub fn new(network: &Network) -> Self {
        Self {
            entity_kinds: network.entities.iter().map(|e| e.kind).collect(),
            tie_kinds: network.ties.iter().map(|t| t.kind).collect(),
            groups: network
                .groups_in_use()
                .into_iter()
                .map(|(position, _)| position)
                .collect(),
        }
    }
}

/// Draws the legend in the bottom-left corner of `map_rect`.
pub fn legend_ui(
    ctx: &egui::Context,
    map_rect: egui::Rect,
    network: &Network,
    entries: &LegendEntries,
    language: LabelLanguage,
) {
    let groups: Vec<(usize, &crate::network::model::Group)> = entries
        .groups
        .iter()
        .filter_map(|&position| Some((position, network.groups.get(position)?)))
        .collect();

    egui::Area::new(egui::Id::new("legend"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(map_rect.left_bottom() + Vec2::new(10.0, -10.0))
        .constrain_to(map_rect)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                egui::CollapsingHeader::new("Legend")
                    .default_open(true)
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 2.0;
                        for &kind in &entries.entity_kinds {
                            entry_ui(ui, kind.label(), |painter, rect| {
                                let fill = color32(style::kind_color(kind));
                                painter.add(node_outline(
                                    style::node_shape(kind),
                                    rect.center(),
                                    5.5,
                                    fill,
                                    Stroke::NONE,
                                ));
                            });
                        }
                        for &(position, group) in groups.iter().take(style::LEGEND_GROUPS) {
                            let name = localized(&group.name, language.code()).unwrap_or(&group.id);
                            entry_ui(ui, &format!("{name} (group)"), |painter, rect| {
                                let fill = color32(style::group_color(&group.id, position));
                                painter.rect_filled(rect.shrink2(Vec2::new(6.0, 2.0)), 2.0, fill);
                            });
                        }
                        if groups.len() > style::LEGEND_GROUPS {
                            ui.label(
                                egui::RichText::new(format!(
                                    "and {} more groups",
                                    groups.len() - style::LEGEND_GROUPS
                                ))
                                .small()
                                .weak(),
                            );
                        }
                        ui.add_space(4.0);
                        for &kind in &entries.tie_kinds {
                            entry_ui(ui, kind.label(), |painter, rect| {
                                let tie_style = style::tie_style(kind);
                                let color = color32(tie_style.color);
                                let points = vec![rect.left_center(), rect.right_center()];
                                let stroke = Stroke::new(tie_style.width, color);
                                match tie_style.dash {
                                    Dash::Solid => {
                                        painter.add(Shape::line(points, stroke));
                                    }
                                    Dash::Dashed => {
                                        painter
                                            .extend(Shape::dashed_line(&points, stroke, 6.0, 4.0));
                                    }
                                    Dash::Dotted => {
                                        painter.extend(Shape::dotted_line(
                                            &points,
                                            color,
                                            5.0,
                                            tie_style.width * 0.6 + 0.4,
                                        ));
                                    }
                                }
                            });
                        }
                    });
            });
        });
}

fn entry_ui(ui: &mut egui::Ui, label: &str, icon: impl FnOnce(&egui::Painter, egui::Rect)) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(ICON, Sense::hover());
        icon(ui.painter(), rect);
        ui.label(egui::RichText::new(label).small());
    });
}
