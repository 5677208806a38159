//! The menu bar: File, View, Layout and Help menus built from the commands' own texts,
//! tooltips and shortcuts, then the search box and the label language toggle. View ▸ Label
//! by, Kind by, Colour by and Size entities by list the entities' attributes; a choice is
//! saved with the map, so it is an edit.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::explore_state::SizeBy;
use crate::app::panels::search_bar::search_bar_ui;
use crate::app::selection::LabelLanguage;
use crate::edit::Edit;
use crate::network::model::{Network, ShownBy};
use crate::scene::shown::{AttributeChoice, attribute_choices};

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
                ui.separator();
                let network = &state.document.network;
                for shown in [Shown::Label, Shown::Kind, Shown::Color] {
                    ui.menu_button(shown.title(), |ui| {
                        shown_by_menu_ui(ui, network, shown, commands);
                    });
                }
                ui.menu_button(Command::SetSizeBy(SizeBy::None).text(), |ui| {
                    let current = state.document.explore.size_by();
                    let by_attribute = network.shown_by.size.is_some();
                    for size_by in SizeBy::ALL {
                        if ui
                            .radio(!by_attribute && current == size_by, size_by.label())
                            .clicked()
                        {
                            if by_attribute {
                                commands.push(shown_by_edit(network, Shown::Size, None));
                            }
                            commands.push(Command::SetSizeBy(size_by));
                            ui.close();
                        }
                    }
                    shown_by_menu_ui(ui, network, Shown::Size, commands);
                });
                ui.separator();
                command_button(ui, Command::ToggleStory, commands);
                if state.presenting.is_some() {
                    command_button(ui, Command::LeaveStory, commands);
                } else {
                    let has_story = !state.document.network.story.is_empty();
                    ui.add_enabled_ui(has_story, |ui| {
                        command_button(ui, Command::PlayStory, commands);
                    });
                }
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

/// What of the entities a View menu choice shows an attribute as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Label,
    Kind,
    Color,
    Size,
}

impl Shown {
    fn title(self) -> &'static str {
        match self {
            Self::Label => "Label by",
            Self::Kind => "Kind by",
            Self::Color => "Colour by",
            Self::Size => "Size entities by",
        }
    }

    /// The usual choice, shown first; sizes list theirs apart (none, degree, betweenness).
    fn usual(self) -> Option<&'static str> {
        match self {
            Self::Label => Some("entity name"),
            Self::Kind => Some("entity kind"),
            Self::Color => Some("group and kind"),
            Self::Size => None,
        }
    }

    /// How the history names a choice: "label by station_name".
    fn history_name(self, attribute: Option<&str>) -> String {
        let by = match self {
            Self::Label => "label by",
            Self::Kind => "kinds by",
            Self::Color => "colour by",
            Self::Size => "size by",
        };
        format!("{by} {}", attribute.or(self.usual()).unwrap_or("kind"))
    }

    fn current(self, shown_by: &ShownBy) -> Option<&str> {
        match self {
            Self::Label => shown_by.label.as_deref(),
            Self::Kind => shown_by.kind.as_deref(),
            Self::Color => shown_by.color.as_deref(),
            Self::Size => shown_by.size.as_deref(),
        }
    }

    fn field(self, shown_by: &mut ShownBy) -> &mut Option<String> {
        match self {
            Self::Label => &mut shown_by.label,
            Self::Kind => &mut shown_by.kind,
            Self::Color => &mut shown_by.color,
            Self::Size => &mut shown_by.size,
        }
    }

    /// Whether an attribute can be chosen: sizes need numbers.
    fn takes(self, choice: &AttributeChoice) -> bool {
        self != Self::Size || choice.numeric
    }
}

/// The edit that shows `attribute` (or the usual, with `None`) as `shown`: one step of
/// the history.
fn shown_by_edit(network: &Network, shown: Shown, attribute: Option<String>) -> Command {
    let mut shown_by = network.shown_by.clone();
    let what = shown.history_name(attribute.as_deref());
    *shown.field(&mut shown_by) = attribute;
    Command::Edit {
        what,
        edit: Edit::SetShownBy(shown_by),
        field: None,
    }
}

/// The choices of one of View ▸ Label by, Kind by, Colour by, Size entities by: the usual,
/// then every attribute the entities have, the most widely held first.
fn shown_by_menu_ui(
    ui: &mut egui::Ui,
    network: &Network,
    shown: Shown,
    commands: &mut Vec<Command>,
) {
    let current = shown.current(&network.shown_by);
    if let Some(usual) = shown.usual()
        && ui.radio(current.is_none(), usual).clicked()
    {
        if current.is_some() {
            commands.push(shown_by_edit(network, shown, None));
        }
        ui.close();
    }
    let choices: Vec<AttributeChoice> = (attribute_choices(network).into_iter())
        .filter(|choice| shown.takes(choice))
        .collect();
    if choices.is_empty() {
        ui.label(egui::RichText::new("No entity attribute to show").weak());
        return;
    }
    ui.separator();
    let entities = network.entities.len();
    egui::ScrollArea::vertical()
        .max_height(400.0)
        .show(ui, |ui| {
            for choice in choices {
                let chosen = current == Some(choice.name.as_str());
                let text = if choice.entities == entities {
                    choice.name.clone()
                } else {
                    format!("{} ({} of {entities})", choice.name, choice.entities)
                };
                let response = ui.radio(chosen, text);
                let response = if shown == Shown::Color && choice.numeric {
                    response.on_hover_text("Numbers: a gradient from the smallest to the largest")
                } else {
                    response
                };
                if response.clicked() {
                    if !chosen {
                        if shown == Shown::Size {
                            commands.push(Command::SetSizeBy(SizeBy::None));
                        }
                        commands.push(shown_by_edit(network, shown, Some(choice.name)));
                    }
                    ui.close();
                }
            }
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
