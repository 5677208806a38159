//! The legend, built from what the open network contains: the shapes of its entity kinds,
//! the colours of its groups, the strokes of its tie kinds and of the tie statuses that
//! change them.

use std::collections::BTreeSet;

use egui::{Sense, Shape, Stroke, Vec2};

use crate::app::LabelLanguage;
use crate::app::map::shapes::{color32, node_outline};
use crate::network::model::{EntityKind, Network, TieKind, TieStatus, localized};
use crate::scene::style::{self, Dash, TieStyle};

const ICON: Vec2 = Vec2::new(28.0, 14.0);

/// What the legend lists: the kinds and groups the network uses, found once when it opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegendEntries {
    entity_kinds: BTreeSet<EntityKind>,
    tie_kinds: BTreeSet<TieKind>,
    /// The statuses in use that draw ties otherwise than their kind.
    tie_statuses: BTreeSet<TieStatus>,
    /// Indexes into `network.groups` of the groups some entity belongs to, in file order.
    groups: Vec<usize>,
}

impl LegendEntries {
    pub fn new(network: &Network) -> Self {
        Self {
            entity_kinds: network.entities.iter().map(|e| e.kind).collect(),
            tie_kinds: network.ties.iter().map(|t| t.kind).collect(),
            tie_statuses: (network.ties.iter())
                .map(|t| t.status)
                .filter(|&status| style::status_changes_the_stroke(status))
                .collect(),
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
                                line_sample(painter, rect, style::tie_style(kind));
                            });
                        }
                        if !entries.tie_statuses.is_empty() {
                            ui.add_space(4.0);
                        }
                        let text = style::Rgba(ui.visuals().text_color().to_srgba_unmultiplied());
                        for &status in &entries.tie_statuses {
                            entry_ui(ui, status.label(), |painter, rect| {
                                line_sample(painter, rect, style::status_sample(status, text));
                            });
                        }
                    });
            });
        });
}

/// A short line across `rect` in `sample`'s colour, width and dash, as the map draws it.
fn line_sample(painter: &egui::Painter, rect: egui::Rect, sample: TieStyle) {
    let color = color32(sample.color);
    let points = [rect.left_center(), rect.right_center()];
    let stroke = Stroke::new(sample.width, color);
    match sample.dash {
        Dash::Solid => {
            painter.line_segment(points, stroke);
        }
        Dash::Dashed { on, off } => {
            painter.extend(Shape::dashed_line(&points, stroke, on, off));
        }
        Dash::Dotted { spacing } => {
            painter.extend(Shape::dotted_line(
                &points,
                color,
                spacing,
                sample.width * 0.6 + 0.4,
            ));
        }
    }
}

fn entry_ui(ui: &mut egui::Ui, label: &str, icon: impl FnOnce(&egui::Painter, egui::Rect)) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(ICON, Sense::hover());
        icon(ui.painter(), rect);
        ui.label(egui::RichText::new(label).small());
    });
}
