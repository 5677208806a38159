//! The selected source's fields, to edit in place: id, outlet in Korean and English,
//! title, author, publication date, address and language; the article it stores, to
//! read; with Delete.

use crate::app::command::Command;
use crate::app::panels::editors::fields::{Fields, non_empty, refuse};
use crate::app::panels::editors::localized_ui;
use crate::edit::ops;
use crate::network::date::PartialDate;
use crate::network::model::{Network, Source};

pub fn source_editor_ui(ui: &mut egui::Ui, network: &Network, at: usize, fields: &mut Fields<'_>) {
    let source = &network.sources[at];
    let change = |changed: Source| ops::change_source(network, at, changed);
    egui::Grid::new("source-editor")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("Id");
            let id = fields.id(&source.id, "id");
            if let Some(new_id) = fields.text_ui(ui, id, &source.id, "a short unique name") {
                let mut changed = source.clone();
                changed.id = new_id.trim().to_owned();
                fields.edit(id, "change source id", change(changed));
            }
            ui.end_row();

            ui.label("Outlet");
            if let Some((id, outlet)) =
                localized_ui(ui, fields, (&source.id, "outlet"), &source.outlet, false)
            {
                let mut changed = source.clone();
                changed.outlet = outlet;
                fields.edit(id, "change outlet", change(changed));
            }
            ui.end_row();

            ui.label("Title");
            let id = fields.id(&source.id, "title");
            if let Some(title) = fields.text_ui(ui, id, &source.title, "the article's headline") {
                let mut changed = source.clone();
                changed.title = title.trim().to_owned();
                fields.edit(id, "change title", change(changed));
            }
            ui.end_row();

            let optional = [
                ("Author", "author", source.author.as_deref(), "who wrote it"),
                ("Address", "url", source.url.as_deref(), "https://…"),
                (
                    "Language",
                    "language",
                    source.language.as_deref(),
                    "ko, en…",
                ),
            ];
            for (label, field, current, hint) in optional {
                ui.label(label);
                let id = fields.id(&source.id, field);
                if let Some(text) = fields.text_ui(ui, id, current.unwrap_or(""), hint) {
                    let mut changed = source.clone();
                    let value = non_empty(&text);
                    match field {
                        "author" => changed.author = value,
                        "url" => changed.url = value,
                        _ => changed.language = value,
                    }
                    fields.edit(
                        id,
                        format!("change {}", label.to_lowercase()),
                        change(changed),
                    );
                }
                ui.end_row();
            }

            ui.label("Published");
            let id = fields.id(&source.id, "published");
            let current = source.published.map(|d| d.to_string()).unwrap_or_default();
            if let Some(text) = fields.text_ui(ui, id, &current, "2025-10-30") {
                match non_empty(&text)
                    .map(|t| t.parse::<PartialDate>())
                    .transpose()
                {
                    Ok(published) => {
                        let mut changed = source.clone();
                        changed.published = published;
                        fields.edit(id, "change publication date", change(changed));
                    }
                    Err(err) => refuse(ui, id, err.to_string()),
                }
            }
            ui.end_row();
        });
    ui.add_space(6.0);
    match &source.text {
        Some(text) => {
            let read = ui.button("Read the article").on_hover_text(format!(
                "Its stored text ({} characters), as sentences, with the ties they propose",
                text.chars().count()
            ));
            if read.clicked() {
                fields.commands.push(Command::OpenArticle {
                    source: source.id.clone(),
                    highlight: None,
                });
            }
        }
        None => {
            ui.label(
                egui::RichText::new(
                    "No article text stored (File, Add article… adds an article with its text)",
                )
                .small()
                .weak(),
            );
        }
    }
    ui.add_space(6.0);
    let quoting = network
        .ties
        .iter()
        .filter(|tie| tie.evidence.iter().any(|e| e.source == source.id))
        .count();
    let delete = ui.button("Delete source");
    let delete = if quoting > 0 {
        delete.on_hover_text(format!(
            "Its evidence goes too, from {quoting} ties (Ctrl+Z brings it back)"
        ))
    } else {
        delete
    };
    if delete.clicked() {
        fields.commands.push(Command::DeleteSelected);
    }
}
