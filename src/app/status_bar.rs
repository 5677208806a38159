//! The status bar: the open file, its size, and what the layout is doing.

use super::PowermapApp;
use super::map_view::MapView;

pub fn status_bar_ui(ui: &mut egui::Ui, app: &PowermapApp) {
    let layout = match MapView::layout_moving(ui) {
        Some(true) => "Layout running (Space pauses)",
        Some(false) => "Layout resting",
        None => "Layout paused (Space resumes)",
    };
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let document = &app.document;
            ui.label(egui::RichText::new(&document.name).strong());
            ui.separator();
            ui.label(format!(
                "{} entities · {} ties",
                document.network.entities.len(),
                document.network.ties.len()
            ));
            ui.separator();
            ui.label(layout);
            if let Some(notice) = &app.notice {
                ui.separator();
                ui.label(notice);
            }
            if !document.warnings.is_empty() {
                ui.separator();
                let text = format!("{} warnings", document.warnings.len());
                let tooltip: Vec<String> =
                    document.warnings.iter().map(ToString::to_string).collect();
                ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color))
                    .on_hover_text(tooltip.join("\n"));
            }
        });
    });
}
