//! The menu bar: File, View and Layout menus, the search box and the label language toggle.

use super::PowermapApp;
use super::command::Command;
use super::explore_state::SizeBy;
use super::search_bar::search_bar_ui;
use super::selection::LabelLanguage;

fn shortcut_text(ui: &egui::Ui, command: &Command) -> String {
    command
        .shortcut()
        .map(|shortcut| ui.ctx().format_shortcut(&shortcut))
        .unwrap_or_default()
}

/// A menu entry that queues `command`, showing its shortcut.
fn command_button(ui: &mut egui::Ui, app: &mut PowermapApp, text: &str, command: Command) {
    let shortcut = shortcut_text(ui, &command);
    if ui
        .add(egui::Button::new(text).shortcut_text(shortcut))
        .clicked()
    {
        app.command(command);
        ui.close();
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, app: &mut PowermapApp) {
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                command_button(ui, app, "Open…", Command::OpenDialog);
                ui.menu_button("Open recent", |ui| {
                    if app.settings.recent_files.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in app.settings.recent_files.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.command(Command::Open(path));
                            ui.close();
                        }
                    }
                });
                command_button(ui, app, "Open the Samsung network", Command::OpenDefault);
                ui.separator();
                command_button(ui, app, "Save", Command::Save);
                command_button(ui, app, "Save as…", Command::SaveAsDialog);
                ui.separator();
                command_button(ui, app, "Export…", Command::ShowExportDialog);
                ui.separator();
                command_button(ui, app, "Quit", Command::Quit);
            });
            ui.menu_button("View", |ui| {
                command_button(ui, app, "Fit to window", Command::FitView);
                command_button(ui, app, "Clear selection", Command::ClearSelection);
                ui.separator();
                command_button(
                    ui,
                    app,
                    "Labels in Korean",
                    Command::SetLanguage(LabelLanguage::Korean),
                );
                command_button(
                    ui,
                    app,
                    "Labels in English",
                    Command::SetLanguage(LabelLanguage::English),
                );
                ui.separator();
                command_button(ui, app, "Search…", Command::FocusSearch);
                command_button(ui, app, "Filters…", Command::ToggleFilters);
                ui.menu_button("Size entities by", |ui| {
                    let current = app.document.explore.size_by();
                    for size_by in SizeBy::ALL {
                        if ui.radio(current == size_by, size_by.label()).clicked() {
                            app.command(Command::SetSizeBy(size_by));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Layout", |ui| {
                command_button(ui, app, "Pause / resume", Command::ToggleLayout);
                command_button(ui, app, "Re-layout", Command::Relayout);
                command_button(ui, app, "Pin / unpin selected", Command::TogglePin);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                language_toggle_ui(ui, app);
                if ui
                    .button("Re-layout")
                    .on_hover_text("Lay the map out again from the start")
                    .clicked()
                {
                    app.command(Command::Relayout);
                }
                ui.separator();
                search_bar_ui(
                    ui,
                    &mut app.search,
                    &app.document.network,
                    &app.document.index,
                    app.language,
                    &mut app.commands,
                );
            });
        });
    });
}

/// 한국어 | English: which language the map's labels are in.
fn language_toggle_ui(ui: &mut egui::Ui, app: &mut PowermapApp) {
    // Right to left: English is added first so that 한국어 reads first.
    for (language, text) in [
        (LabelLanguage::English, "English"),
        (LabelLanguage::Korean, "한국어"),
    ] {
        if ui
            .selectable_label(app.language == language, text)
            .on_hover_text("Language of the labels")
            .clicked()
        {
            app.command(Command::SetLanguage(language));
        }
    }
    ui.label("Labels:");
}
