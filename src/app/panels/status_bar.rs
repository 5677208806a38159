//! The status bar: the open file, its size, how it was imported, and what the layout is
//! doing.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::windows::import_report::format_name;
use crate::network::diagnostic::count_text;

pub fn status_bar_ui(ui: &mut egui::Ui, app: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    let layout = match app.document.view.layout_moving() {
        Some(true) => "Layout running (Space pauses)",
        Some(false) => "Layout resting (Space resumes)",
        None => "Layout paused (Space resumes)",
    };
    let mut show_report = false;
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let document = &app.document;
            ui.label(egui::RichText::new(&document.name).strong());
            ui.separator();
            ui.label(format!(
                "{} · {}",
                count_text(document.network.entities.len(), "entity", "entities"),
                count_text(document.network.ties.len(), "tie", "ties")
            ));
            ui.separator();
            if let Some(report) = &document.import {
                let mut note = format!("Imported from {}", format_name(report));
                match report.dropped_or_changed() {
                    0 => {}
                    n => note.push_str(&format!(" · {n} dropped or changed")),
                }
                show_report = ui
                    .link(note)
                    .on_hover_text(
                        "Show the import report: what was mapped, kept as attributes, \
                         dropped and why",
                    )
                    .clicked();
                ui.separator();
            }
            ui.label(layout);
            if let Some(notice) = app.notice {
                ui.separator();
                ui.label(notice);
            }
            if !document.warnings.is_empty() {
                ui.separator();
                let text = format!("{} warnings", document.warnings.len());
                ui.label(egui::RichText::new(text).color(ui.visuals().warn_fg_color))
                    .on_hover_ui(|ui| {
                        for warning in &document.warnings {
                            ui.label(warning.to_string());
                        }
                    });
            }
        });
    });
    if show_report {
        commands.push(Command::ShowImportReport);
    }
}
