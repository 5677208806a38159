//! File ▸ Export's dialog: what to export (the current view or the whole map), in which
//! format (a picture or the web page), at which size and on which background.

use crate::app::command::Command;
use crate::app::export_settings::{ExportScope, ExportSettings, ExportSize};
use crate::export::{Background, ImageFormat, MAX_SIDE_PX, MIN_WIDTH_PX};

/// The dialog's window, showing `current`: a change keeps the new choices, Export… asks
/// where to export with them, and closing the window closes it, each by a command.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    current: &ExportSettings,
    commands: &mut Vec<Command>,
) {
    let mut settings = current.clone();
    let mut open = true;
    let mut chosen = false;
    egui::Window::new("Export the map")
        .id(egui::Id::new("export-dialog"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("export-options")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("What");
                    ui.vertical(|ui| {
                        ui.radio_value(
                            &mut settings.scope,
                            ExportScope::WholeMap,
                            "Whole map, with legend and sources",
                        );
                        ui.radio_value(
                            &mut settings.scope,
                            ExportScope::CurrentView,
                            "Current view, as on screen",
                        );
                    });
                    ui.end_row();
                    let whole_map = settings.scope == ExportScope::WholeMap;
                    if !whole_map {
                        settings.format = ImageFormat::Png;
                    }
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut settings.format, ImageFormat::Png, "PNG");
                        ui.add_enabled_ui(whole_map, |ui| {
                            ui.radio_value(&mut settings.format, ImageFormat::Svg, "SVG (vector)");
                            ui.radio_value(
                                &mut settings.format,
                                ImageFormat::Html,
                                "Web page (HTML)",
                            )
                            .on_hover_text(
                                "One file to open in a browser or put in an article: the map to \
                                     pan, zoom and search, each tie's evidence a click away",
                            );
                        });
                    });
                    ui.end_row();
                    // A web page's map takes the width of the browser's window.
                    let sized = whole_map && settings.format != ImageFormat::Html;
                    ui.add_enabled_ui(sized, |ui| ui.label("Size"));
                    ui.add_enabled_ui(sized, |ui| size_ui(ui, &mut settings.size));
                    ui.end_row();
                    ui.add_enabled_ui(whole_map, |ui| ui.label("Background"));
                    ui.add_enabled_ui(whole_map, |ui| {
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.background, Background::White, "White");
                            ui.radio_value(&mut settings.background, Background::Dark, "Dark");
                            ui.radio_value(
                                &mut settings.background,
                                Background::Transparent,
                                "Transparent",
                            );
                        });
                    });
                    ui.end_row();
                });
            ui.separator();
            chosen = ui.button("Export…").clicked();
        });
    if settings != *current {
        commands.push(Command::SetExportSettings(settings.clone()));
    }
    if chosen {
        commands.push(Command::CloseExportDialog);
        commands.push(Command::ChooseExportFile(settings));
    } else if !open {
        commands.push(Command::CloseExportDialog);
    }
}

fn size_ui(ui: &mut egui::Ui, size: &mut ExportSize) {
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let by_scale = matches!(size, ExportSize::Scale(_));
            if ui.radio(by_scale, "Scale").clicked() && !by_scale {
                *size = ExportSize::Scale(2.0);
            }
            if let ExportSize::Scale(scale) = size {
                ui.add(egui::Slider::new(scale, 1.0..=4.0).step_by(0.5).suffix("×"));
            }
        });
        ui.horizontal(|ui| {
            let by_width = matches!(size, ExportSize::WidthPx(_));
            if ui.radio(by_width, "Width").clicked() && !by_width {
                *size = ExportSize::WidthPx(size.width_px());
            }
            if let ExportSize::WidthPx(width) = size {
                ui.add(
                    egui::DragValue::new(width)
                        .range(MIN_WIDTH_PX..=MAX_SIDE_PX)
                        .suffix(" px"),
                );
            }
        });
        ui.label(
            egui::RichText::new(format!("{} pixels wide", size.width_px()))
                .small()
                .weak(),
        );
    });
}
