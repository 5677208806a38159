//! The right-hand panel: the path being traced, then the selected tie or entity, or an
//! overview of the network with its filters and contact→deal chains.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::panels::contact_deal_panel;
use crate::app::panels::editors::fields::{Fields, non_empty};
use crate::app::panels::editors::{entity_editor, source_editor, tie_editor};
use crate::app::panels::entity_panel;
use crate::app::panels::filter_panel;
use crate::app::panels::path_panel;
use crate::app::panels::tie_panel;
use crate::app::panels::widgets::{clear_selection_button, panel_header_ui};
use crate::app::selection::Selection;
use crate::edit::{Details, Edit};
use crate::network::model::{Network, localized};

/// Networks of up to this many ties show their contact→deal chains from the start; larger
/// ones find them when their section is first opened.
const EAGER_CHAINS_LIMIT: usize = 10_000;

pub fn side_panel_ui(ui: &mut egui::Ui, app: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    egui::Panel::right("side-panel")
        .resizable(true)
        .default_size(400.0)
        .min_size(280.0)
        .show(ui, |ui| {
            // Each selection opens at its top.
            egui::ScrollArea::vertical()
                .id_salt(app.selection)
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    let explore = &app.document.explore;
                    if explore.path_from().is_some() || explore.path_to().is_some() {
                        path_panel::path_panel_ui(
                            ui,
                            &app.document.network,
                            &app.document.index,
                            explore,
                            app.selection,
                            app.language,
                            commands,
                        );
                        ui.add_space(8.0);
                    }
                    let mut fields = Fields {
                        refusal: app.refusal,
                        commands,
                        generation: app.document.id(),
                        labels: Vec::new(),
                    };
                    let commands = &mut *fields.commands;
                    let language = app.language.code();
                    match app.selection {
                        Some(Selection::Tie(tie))
                            if tie.index() < app.document.index.tie_count() && app.editing =>
                        {
                            editing_header_ui(ui, "Edit tie", fields.commands);
                            tie_editor::tie_editor_ui(ui, app.document, tie, language, &mut fields);
                        }
                        Some(Selection::Entity(entity))
                            if entity.index() < app.document.index.entity_count()
                                && app.editing =>
                        {
                            editing_header_ui(ui, "Edit entity", fields.commands);
                            entity_editor::entity_editor_ui(
                                ui,
                                app.document,
                                entity,
                                language,
                                &mut fields,
                            );
                        }
                        Some(Selection::Source(source))
                            if source < app.document.network.sources.len() && app.editing =>
                        {
                            editing_header_ui(ui, "Edit source", fields.commands);
                            source_editor::source_editor_ui(
                                ui,
                                &app.document.network,
                                source,
                                &mut fields,
                            );
                        }
                        Some(Selection::Source(source))
                            if source < app.document.network.sources.len() =>
                        {
                            source_panel_ui(ui, app, source, commands);
                        }
                        Some(Selection::Tie(tie))
                            if tie.index() < app.document.index.tie_count() =>
                        {
                            edit_button_ui(ui, commands);
                            tie_panel::tie_panel_ui(
                                ui,
                                &app.document.network,
                                &app.document.index,
                                tie,
                                explore,
                                app.language,
                                commands,
                            );
                        }
                        Some(Selection::Entity(entity))
                            if entity.index() < app.document.index.entity_count() =>
                        {
                            edit_button_ui(ui, commands);
                            entity_panel::entity_panel_ui(
                                ui,
                                app.document,
                                entity,
                                app.language,
                                commands,
                            );
                        }
                        _ if app.editing => {
                            editing_header_ui(ui, "Edit the map", fields.commands);
                            details_editor_ui(ui, &app.document.network, &mut fields);
                            overview_ui(ui, app, fields.commands);
                        }
                        _ => overview_ui(ui, app, commands),
                    }
                });
        });
}

/// What the network is, where it comes from, how to read the map, its filters and its
/// contact→deal chains.
fn overview_ui(ui: &mut egui::Ui, app: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    let network = &app.document.network;
    let title = if network.title.is_empty() {
        &app.document.name
    } else {
        &network.title
    };
    ui.heading(title);
    if !network.description.is_empty() {
        ui.add_space(4.0);
        ui.label(&network.description);
    }
    ui.add_space(8.0);
    ui.label(egui::RichText::new("Click a line to read the article sentences behind that tie; click a person or organisation to see all of its ties.").italics());
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong("Sources");
        if ui
            .small_button("Add source")
            .on_hover_text(Command::AddSource.tooltip())
            .clicked()
        {
            commands.push(Command::AddSource);
        }
    });
    for (position, source) in network.sources.iter().enumerate() {
        let outlet = localized(&source.outlet, app.language.code()).unwrap_or("?");
        let date = source
            .published
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        if ui
            .link(format!("• {outlet}{date}: {}", source.title))
            .on_hover_text("Show the source, to read or edit it")
            .clicked()
        {
            commands.push(Command::Select(Selection::Source(position)));
        }
    }
    ui.add_space(8.0);
    let explore = &app.document.explore;
    let filter_title = if explore.filter().hides_nothing() {
        "Filters".to_owned()
    } else {
        "Filters (some hidden)".to_owned()
    };
    egui::CollapsingHeader::new(filter_title)
        .id_salt("filters-section")
        .default_open(false)
        .show(ui, |ui| {
            filter_panel::filters_ui(ui, network, explore.filter(), app.language, commands);
        });
    // Finding the chains of a large network takes a moment: its section opens closed, and
    // the chains are found when it is first opened. Each network starts with the section
    // as its size says, whatever the last one's was left as.
    let chains_title = match explore.found_chains() {
        Some(chains) => format!("Contact ➡ deal chains ({})", chains.len()),
        None => "Contact ➡ deal chains".to_owned(),
    };
    egui::CollapsingHeader::new(chains_title)
        .id_salt(("chains-section", app.document.id()))
        .default_open(network.ties.len() <= EAGER_CHAINS_LIMIT)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(
                    "Deals, each with the earlier meetings and visits between the two sides.",
                )
                .small()
                .weak(),
            );
            contact_deal_panel::chains_overview_ui(
                ui,
                network,
                &app.document.index,
                explore,
                app.language,
                commands,
            );
        });
}

/// The button that opens the selected item's fields for editing.
fn edit_button_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        if ui
            .button("✏ Edit")
            .on_hover_text("Edit every field of it here")
            .clicked()
        {
            commands.push(Command::SetEditing(true));
        }
    });
}

/// An editor's first line: what is edited, and Done.
fn editing_header_ui(ui: &mut egui::Ui, heading: &str, commands: &mut Vec<Command>) {
    panel_header_ui(
        ui,
        |ui| {
            ui.heading(heading);
        },
        ("Done", "Back to reading it", Command::SetEditing(false)),
        commands,
    );
    ui.label(
        egui::RichText::new(
            "Enter or leaving a field keeps its value; Esc puts it back; Ctrl+Z undoes.",
        )
        .small()
        .weak(),
    );
    ui.add_space(4.0);
}

/// The map's own fields: title, description and the language of its labels.
fn details_editor_ui(ui: &mut egui::Ui, network: &Network, fields: &mut Fields<'_>) {
    let details = Details::of(network);
    egui::Grid::new("details-editor")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("Title");
            let id = fields.id("map", "title");
            if let Some(title) = fields.text_ui(ui, id, &details.title, "what the map shows") {
                let mut changed = details.clone();
                changed.title = title.trim().to_owned();
                fields.edit(id, "change map title", Edit::SetDetails(changed));
            }
            ui.end_row();
            ui.label("Description");
            let id = fields.id("map", "description");
            if let Some(text) = fields.multiline_ui(ui, id, &details.description, "") {
                let mut changed = details.clone();
                changed.description = non_empty(&text).unwrap_or_default();
                fields.edit(id, "change map description", Edit::SetDetails(changed));
            }
            ui.end_row();
            ui.label("Labels in");
            let id = fields.id("map", "label_language");
            if let Some(code) = fields.text_ui(ui, id, &details.label_language, "ko or en") {
                let mut changed = details;
                changed.label_language = code.trim().to_owned();
                fields.edit(id, "change label language", Edit::SetDetails(changed));
            }
            ui.end_row();
        });
    ui.add_space(8.0);
}

/// A selected source: where it was published, its title, author, date and link.
fn source_panel_ui(
    ui: &mut egui::Ui,
    app: &AppStateRef<'_>,
    position: usize,
    commands: &mut Vec<Command>,
) {
    let network = &app.document.network;
    let source = &network.sources[position];
    edit_button_ui(ui, commands);
    let outlet = localized(&source.outlet, app.language.code()).unwrap_or(&source.id);
    panel_header_ui(
        ui,
        |ui| {
            ui.heading(outlet);
        },
        clear_selection_button(),
        commands,
    );
    ui.label(egui::RichText::new(&source.title).strong());
    let facts = [
        ("Author", source.author.clone()),
        ("Published", source.published.map(|d| d.to_string())),
        ("Language", source.language.clone()),
    ];
    egui::Grid::new("source-facts")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (label, value) in facts {
                if let Some(value) = value {
                    ui.label(label);
                    ui.label(value);
                    ui.end_row();
                }
            }
        });
    if let Some(url) = &source.url
        && ui
            .link(url)
            .on_hover_text("Open the article in your browser")
            .clicked()
    {
        commands.push(Command::OpenLink(url.clone()));
    }
    let quoting: Vec<_> = app
        .document
        .index
        .ties()
        .filter(|&tie| network[tie].evidence.iter().any(|e| e.source == source.id))
        .collect();
    ui.add_space(8.0);
    ui.strong(format!("Quoted by {} ties", quoting.len()));
    for tie in quoting {
        let tie_data = &network[tie];
        let label = match tie_data.date {
            Some(date) => format!("{date} · {} · {}", tie_data.kind, tie_data.id),
            None => format!("{} · {}", tie_data.kind, tie_data.id),
        };
        if ui.link(label).clicked() {
            commands.push(Command::Select(Selection::Tie(tie)));
        }
    }
}
