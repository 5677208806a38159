//! The legend, built from what the open network contains: the shapes of its entity kinds
//! (or of the values of the attribute shown as kinds), the colours of its groups (or of
//! the attribute shown as colours), the strokes of its tie kinds and of the tie statuses
//! that change them.

use std::collections::BTreeSet;

use egui::{Sense, Shape, Stroke, Vec2};

use crate::app::LabelLanguage;
use crate::app::map::shapes::{color32, node_outline};
use crate::network::model::{Network, TieKind, TieStatus};
use crate::scene::shown::{self, EntityEntry, EntityLooks, EntryIcon};
use crate::scene::style::{self, Dash, TieStyle};

const ICON: Vec2 = Vec2::new(28.0, 14.0);

/// What the legend lists: the kinds, groups and values the entities show and the tie kinds
/// and statuses the network uses, found once when it opens and after each edit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegendEntries {
    /// The entities' shapes, colours and sizes, as the map's `shown_by` says.
    entities: Vec<EntityEntry>,
    tie_kinds: BTreeSet<TieKind>,
    /// The statuses in use that draw ties otherwise than their kind.
    tie_statuses: BTreeSet<TieStatus>,
}

impl LegendEntries {
    pub fn new(network: &Network) -> Self {
        Self {
            entities: EntityLooks::new(network).legend,
            tie_kinds: network.ties.iter().map(|t| t.kind).collect(),
            tie_statuses: (network.ties.iter())
                .map(|t| t.status)
                .filter(|&status| style::status_changes_the_stroke(status))
                .collect(),
        }
    }
}

/// Draws the legend in the bottom-left corner of `map_rect`; returns where it is.
pub fn legend_ui(
    ctx: &egui::Context,
    map_rect: egui::Rect,
    network: &Network,
    entries: &LegendEntries,
    language: LabelLanguage,
) -> egui::Rect {
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
                        for entry in &entries.entities {
                            let text = entry.text.text(network, language.code());
                            if entry.icon == EntryIcon::Blank {
                                ui.label(egui::RichText::new(text).small().weak());
                            } else {
                                entry_ui(ui, &text, |painter, rect| {
                                    entity_icon(painter, rect, entry.icon);
                                });
                            }
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
        })
        .response
        .rect
}

/// An entity entry's icon in `rect`: a shape, a swatch or a gradient.
fn entity_icon(painter: &egui::Painter, rect: egui::Rect, icon: EntryIcon) {
    let swatch = rect.shrink2(Vec2::new(6.0, 2.0));
    match icon {
        EntryIcon::Blank => {}
        EntryIcon::Node(shape, color) => {
            painter.add(node_outline(
                shape,
                rect.center(),
                5.5,
                color32(color),
                Stroke::NONE,
            ));
        }
        EntryIcon::Swatch(color) => {
            painter.rect_filled(swatch, 2.0, color32(color));
        }
        EntryIcon::Gradient(from, to) => {
            // Four bands from one end to the other read as a gradient at this size.
            const BANDS: usize = 4;
            for band in 0..BANDS {
                let share = band as f64 / (BANDS - 1) as f64;
                let left = swatch.left() + swatch.width() * band as f32 / BANDS as f32;
                let band_rect = egui::Rect::from_min_max(
                    egui::pos2(left, swatch.top()),
                    egui::pos2(left + swatch.width() / BANDS as f32, swatch.bottom()),
                );
                painter.rect_filled(band_rect, 0.0, color32(shown::mixed(from, to, share)));
            }
        }
    }
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
