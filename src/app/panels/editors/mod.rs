//! The editors in the side panel: every field of the selected entity, tie or source, and
//! the map's own details, edited in place. Each committed field becomes one
//! [`Command::Edit`](crate::app::command::Command::Edit), which the validator may refuse;
//! the reason shows beside the field.

pub mod entity_editor;
pub mod fields;
pub mod source_editor;
pub mod tie_editor;

use crate::app::panels::editors::fields::{Fields, non_empty, refuse};
use crate::network::model::{Attributes, LocalizedText};

/// The languages every localized field offers, in this order, then any other it has.
const LANGUAGES: [&str; 2] = ["ko", "en"];

/// A text in Korean and English (and any other language it has), one field each (on
/// several lines when `multiline`); returns the field committed and the whole text as it
/// is then (an emptied language goes).
pub fn localized_ui(
    ui: &mut egui::Ui,
    fields: &mut Fields<'_>,
    (item, field): (&str, &str),
    text: &LocalizedText,
    multiline: bool,
) -> Option<(egui::Id, LocalizedText)> {
    let others = text.keys().filter(|l| !LANGUAGES.contains(l));
    let languages: Vec<String> = (LANGUAGES.iter().map(|l| (*l).to_owned()))
        .chain(others.map(str::to_owned))
        .collect();
    let mut committed = None;
    ui.vertical(|ui| {
        for language in &languages {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(language).small().weak());
                let id = fields.id(item, &format!("{field}.{language}"));
                let current = text.get(language).unwrap_or_default();
                let committed_text = if multiline {
                    fields.multiline_ui(ui, id, current, "")
                } else {
                    fields.text_ui(ui, id, current, "")
                };
                if let Some(value) = committed_text {
                    let mut changed = text.clone();
                    match non_empty(&value) {
                        Some(value) => changed.insert(language.clone(), value),
                        None => changed.remove(language),
                    };
                    committed = Some((id, changed));
                }
            });
        }
    });
    committed
}

/// Free attributes, one `name: value` line each with a button to remove it, and a line
/// to add one; returns the field committed and the attributes as they are then.
pub fn attributes_ui(
    ui: &mut egui::Ui,
    fields: &mut Fields<'_>,
    item: &str,
    attributes: &Attributes,
) -> Option<(egui::Id, Attributes)> {
    let mut committed = None;
    for (name, value) in attributes {
        ui.horizontal(|ui| {
            ui.add_sized([110.0, 18.0], egui::Label::new(name).truncate());
            let id = fields.id(item, &format!("attribute.{name}"));
            if let Some(value) = fields.text_ui(ui, id, value, "") {
                let mut changed = attributes.clone();
                match non_empty(&value) {
                    Some(value) => changed.insert(name, value),
                    None => changed.remove(name),
                };
                committed = Some((id, changed));
            }
            if ui.small_button("×").on_hover_text("Remove").clicked() {
                let mut changed = attributes.clone();
                changed.remove(name);
                committed = Some((id, changed));
            }
        });
    }
    let id = fields.id(item, "attribute.new");
    if let Some(line) = fields.text_ui(ui, id, "", "add one: name = value") {
        match line
            .split_once('=')
            .map(|(n, v)| (non_empty(n), non_empty(v)))
        {
            Some((Some(name), Some(value))) => {
                let mut changed = attributes.clone();
                changed.insert(name, value);
                committed = Some((id, changed));
            }
            _ => refuse(ui, id, "write it as name = value".to_owned()),
        }
    }
    committed
}
