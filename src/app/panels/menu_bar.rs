//! The menu bar: File, View, Layout and Help menus built from the commands' own texts,
//! tooltips and shortcuts, then the search box and the label language toggle.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::explore_state::SizeBy;
use crate::app::panels::search_bar::search_bar_ui;
use crate::app::selection::LabelLanguage;

/// A menu entry that queues `command`, with its text, shortcut and tooltip.
fn command_button(ui: &mut egui::Ui, command: Command, commands: &mut Vec<Command>) {
    let text = command.text();
    named_command_button(ui, command, text, commands);
}

/// As [`command_button`], with a text of its own ("Undo add tie").
fn named_command_button(
    ui: &mut egui::Ui,
    command: Command,
    text: &str,
    commands: &mut Vec<Command>,
) {
    let shortcut = command
        .shortcut()
        .map(|shortcut| ui.ctx().format_shortcut(&shortcut))
        .unwrap_or_default();
    let mut response = ui.add(egui::Button::new(text).shortcut_text(shortcut));
    if !command.tooltip().is_empty() {
        response = response.on_hover_text(command.tooltip());
    }
    if response.clicked() {
        commands.push(command);
        ui.close();
    }
}

/// A menu's entries: commands, with `None` for a separator.
fn command_buttons(ui: &mut egui::Ui, items: &[Option<Command>], commands: &mut Vec<Command>) {
    for item in items.iter().cloned() {
        match item {
            Some(command) => command_button(ui, command, commands),
            None => {
                ui.separator();
            }
        }
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                command_button(ui, Command::NewMapDialog, commands);
                command_button(ui, Command::OpenDialog, commands);
                ui.menu_button("Open recent", |ui| {
                    if state.settings.recent_files.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &state.settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Open(path.clone()));
                            ui.close();
                        }
                    }
                });
                let items = [
                    Some(Command::OpenDefault),
                    None,
                    Some(Command::MergeMapDialog),
                    Some(Command::AddArticleDialog),
                ];
                command_buttons(ui, &items, commands);
                ui.menu_button("Articles", |ui| {
                    let articles: Vec<_> = (state.document.network.sources.iter())
                        .filter(|source| source.text.is_some())
                        .collect();
                    if articles.is_empty() {
                        ui.label("No article of this map stores its text");
                    }
                    for source in articles {
                        if ui.button(&source.title).clicked() {
                            commands.push(Command::OpenArticle {
                                source: source.id.clone(),
                                highlight: None,
                            });
                            ui.close();
                        }
                    }
                });
                let items = [
                    None,
                    Some(Command::Save),
                    Some(Command::SaveAsDialog),
                    None,
                    Some(Command::ShowExportDialog),
                    Some(Command::ExportFilmDialog),
                    None,
                    Some(Command::Quit),
                ];
                command_buttons(ui, &items, commands);
            });
            ui.menu_button("Edit", |ui| {
                let history = &state.document.history;
                for (command, name) in [
                    (Command::Undo, history.undo_name()),
                    (Command::Redo, history.redo_name()),
                ] {
                    let text = match name {
                        Some(name) => format!("{} {name}", command.text()),
                        None => command.text().to_owned(),
                    };
                    ui.add_enabled_ui(name.is_some(), |ui| {
                        named_command_button(ui, command, &text, commands);
                    });
                }
                ui.separator();
                let items = [
                    Some(Command::AddEntity(None)),
                    Some(Command::AddSource),
                    None,
                    Some(Command::DeleteSelected),
                    None,
                    Some(Command::TogglePossibleDuplicates),
                ];
                command_buttons(ui, &items, commands);
            });
            ui.menu_button("View", |ui| {
                let items = [
                    Some(Command::FitView),
                    Some(Command::ClearSelection),
                    None,
                    Some(Command::SetLanguage(LabelLanguage::Korean)),
                    Some(Command::SetLanguage(LabelLanguage::English)),
                    None,
                    Some(Command::FocusSearch),
                    Some(Command::ToggleFilters),
                ];
                command_buttons(ui, &items, commands);
                ui.menu_button(Command::SetSizeBy(SizeBy::None).text(), |ui| {
                    let current = state.document.explore.size_by();
                    for size_by in SizeBy::ALL {
                        if ui.radio(current == size_by, size_by.label()).clicked() {
                            commands.push(Command::SetSizeBy(size_by));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button("Layout", |ui| {
                let items = [Command::ToggleLayout, Command::Relayout, Command::TogglePin];
                command_buttons(ui, &items.map(Some), commands);
            });
            ui.menu_button("Help", |ui| {
                let items = [Command::ToggleShortcuts, Command::ToggleAbout];
                command_buttons(ui, &items.map(Some), commands);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                language_toggle_ui(ui, state.language, commands);
                let relayout = Command::Relayout;
                if ui
                    .button(relayout.text())
                    .on_hover_text(relayout.tooltip())
                    .clicked()
                {
                    commands.push(relayout);
                }
                ui.separator();
                search_bar_ui(ui, state.document, state.language, commands);
                ui.separator();
                // The editing tools, right of the menus.
                let add = Command::AddEntity(None);
                if ui
                    .button("+ Entity")
                    .on_hover_text(format!("{} (N)", add.tooltip()))
                    .clicked()
                {
                    commands.push(add);
                }
            });
        });
    });
}

/// 한국어 | English: which language the map's labels are in.
fn language_toggle_ui(ui: &mut egui::Ui, current: LabelLanguage, commands: &mut Vec<Command>) {
    // Right to left: English is added first so that 한국어 reads first.
    for (language, text) in [
        (LabelLanguage::English, "English"),
        (LabelLanguage::Korean, "한국어"),
    ] {
        if ui
            .selectable_label(current == language, text)
            .on_hover_text("Language of the labels")
            .clicked()
        {
            commands.push(Command::SetLanguage(language));
        }
    }
    ui.label("Labels:");
}
