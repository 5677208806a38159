//! The selected tie's fields, to edit in place: id, kind, status, participants, date with its
//! precision, place, amount and currency, summary, attributes, and its evidence items
//! (a source, the quoted sentence and its translation); with Delete.

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::explore_state::precision_text;
use crate::app::panels::editors::fields::{Fields, choice_ui, name_for_access, non_empty, refuse};
use crate::app::panels::editors::{attributes_ui, localized_ui};
use crate::edit::ops;
use crate::network::date::PartialDate;
use crate::network::index::TieIx;
use crate::network::model::{Amount, Evidence, Network, Tie, TieKind, TieStatus, localized};

/// The evidence item being written, before it is added.
#[derive(Clone, Debug, Default)]
struct EvidenceDraft {
    source: Option<String>,
    quote: String,
    translation: String,
}

pub fn tie_editor_ui(
    ui: &mut egui::Ui,
    document: &Document,
    tie_ix: TieIx,
    language: &str,
    fields: &mut Fields<'_>,
) {
    let network = &document.network;
    let at = tie_ix.index();
    let tie = &network[tie_ix];
    let change = |changed: Tie| ops::change_tie(network, at, changed);

    egui::Grid::new("tie-editor")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("Id");
            let id = fields.id(&tie.id, "id");
            if let Some(new_id) = fields.text_ui(ui, id, &tie.id, "a short unique name") {
                let mut changed = tie.clone();
                changed.id = new_id.trim().to_owned();
                fields.edit(id, "change tie id", change(changed));
            }
            ui.end_row();

            ui.label("Kind");
            let kinds = (tie.kind, &TieKind::ALL[..]);
            if let Some(kind) = choice_ui(ui, ("tie-kind", &tie.id), "kind", kinds, TieKind::label)
            {
                let mut changed = tie.clone();
                changed.kind = kind;
                let id = fields.id(&tie.id, "kind");
                fields.edit(id, "change tie kind", change(changed));
            }
            ui.end_row();

            ui.label("Status");
            let statuses = (tie.status, &TieStatus::ALL[..]);
            let picked = choice_ui(
                ui,
                ("tie-status", &tie.id),
                "status",
                statuses,
                TieStatus::label,
            );
            if let Some(status) = picked {
                let mut changed = tie.clone();
                changed.status = status;
                let id = fields.id(&tie.id, "status");
                fields.edit(id, "change status", change(changed));
            }
            ui.end_row();

            ui.label("Participants");
            ui.vertical(|ui| {
                let id = fields.id(&tie.id, "participants");
                for (p, participant) in tie.participants.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let name = (document.index.entity_ix(participant))
                            .map_or(participant.as_str(), |e| network[e].display_name(language));
                        ui.label(name);
                        if ui
                            .small_button("×")
                            .on_hover_text("Take out of the tie")
                            .clicked()
                        {
                            let mut changed = tie.clone();
                            changed.participants.remove(p);
                            fields.edit(id, "remove participant", change(changed));
                        }
                    });
                }
                if ui
                    .button("Add participant…")
                    .on_hover_text("Then click one more on the map, or find it in search")
                    .clicked()
                {
                    fields
                        .commands
                        .push(Command::StartAddingParticipant(tie_ix));
                }
                fields.error_ui(ui, id);
            });
            ui.end_row();

            ui.label("Date");
            ui.vertical(|ui| {
                let id = fields.id(&tie.id, "date");
                let current = tie.date.map(|d| d.to_string()).unwrap_or_default();
                let hint = "2025, 2025-10 or 2025-10-01";
                if let Some(text) = fields.text_ui(ui, id, &current, hint) {
                    match non_empty(&text).map(|t| t.parse::<PartialDate>()) {
                        None => {
                            let mut changed = tie.clone();
                            changed.date = None;
                            fields.edit(id, "remove date", change(changed));
                        }
                        Some(Ok(date)) => {
                            let mut changed = tie.clone();
                            changed.date = Some(date);
                            fields.edit(id, "change date", change(changed));
                        }
                        Some(Err(err)) => refuse(ui, id, err.to_string()),
                    }
                }
                let precision = tie
                    .date
                    .map_or("none: no date is given", |d| precision_text(d.precision()));
                ui.label(
                    egui::RichText::new(format!("precision: {precision}"))
                        .small()
                        .weak(),
                );
            });
            ui.end_row();

            ui.label("Place");
            let place = tie.place.clone().unwrap_or_default();
            if let Some((id, place)) = localized_ui(ui, fields, (&tie.id, "place"), &place, false) {
                let mut changed = tie.clone();
                changed.place = (!place.is_empty()).then_some(place);
                fields.edit(id, "change place", change(changed));
            }
            ui.end_row();

            ui.label("Amount");
            amount_ui(ui, network, at, fields);
            ui.end_row();

            ui.label("Summary");
            let id = fields.id(&tie.id, "summary");
            if let Some(summary) = fields.multiline_ui(ui, id, &tie.summary, "what happened") {
                let mut changed = tie.clone();
                changed.summary = summary.trim().to_owned();
                fields.edit(id, "change summary", change(changed));
            }
            ui.end_row();
        });
    ui.add_space(4.0);
    ui.strong("Attributes");
    if let Some((id, attributes)) = attributes_ui(ui, fields, &tie.id, &tie.attributes) {
        let mut changed = tie.clone();
        changed.attributes = attributes;
        fields.edit(id, "change attributes", change(changed));
    }
    ui.add_space(6.0);
    evidence_ui(ui, document, tie, at, language, fields);
    ui.add_space(6.0);
    if ui.button("Delete tie").clicked() {
        fields.commands.push(Command::DeleteSelected);
    }
}

/// The amount as `16500000000 USD`, and the source's own wording of it.
fn amount_ui(ui: &mut egui::Ui, network: &Network, at: usize, fields: &mut Fields<'_>) {
    let tie = &network.ties[at];
    ui.vertical(|ui| {
        let id = fields.id(&tie.id, "amount");
        let current = tie.amount.as_ref().map_or_else(String::new, |amount| {
            format!("{} {}", amount.value, amount.currency)
        });
        if let Some(text) = fields.text_ui(ui, id, &current, "e.g. 16500000000 USD") {
            let mut changed = tie.clone();
            match parse_amount(&text) {
                Ok(amount) => {
                    let wording = tie.amount.as_ref().and_then(|a| a.text.clone());
                    changed.amount = amount.map(|(value, currency)| Amount {
                        value,
                        currency,
                        text: wording,
                    });
                    fields.edit(id, "change amount", ops::change_tie(network, at, changed));
                }
                Err(message) => refuse(ui, id, message),
            }
        }
        if let Some(amount) = &tie.amount {
            let id = fields.id(&tie.id, "amount.text");
            let wording = amount.text.as_deref().unwrap_or("");
            if let Some(text) =
                fields.text_ui(ui, id, wording, "as the source writes it: 165억달러")
            {
                let mut changed = tie.clone();
                if let Some(amount) = &mut changed.amount {
                    amount.text = non_empty(&text);
                }
                fields.edit(
                    id,
                    "change amount wording",
                    ops::change_tie(network, at, changed),
                );
            }
        }
    });
}

/// `"16,500,000,000 USD"` → `(16500000000, "USD")`; empty → no amount.
fn parse_amount(text: &str) -> Result<Option<(f64, String)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let expected = || format!("{text:?}: write a number and a currency code, e.g. 16500000000 USD");
    let (number, currency) = text.rsplit_once(char::is_whitespace).ok_or_else(expected)?;
    let value: f64 = number
        .trim()
        .replace(',', "")
        .parse()
        .map_err(|_| expected())?;
    Ok(Some((value, currency.trim().to_uppercase())))
}

/// A drop-down of the network's sources, each by its outlet and title.
fn source_ui(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    network: &Network,
    language: &str,
    source: &mut String,
) {
    let name = |id: &str| {
        network.source(id).map_or_else(
            || id.to_owned(),
            |source| {
                let outlet = localized(&source.outlet, language).unwrap_or(&source.id);
                format!("{outlet}: {}", source.title)
            },
        )
    };
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name(source))
        .width(ui.available_width().min(320.0))
        .show_ui(ui, |ui| {
            for choice in &network.sources {
                ui.selectable_value(source, choice.id.clone(), name(&choice.id));
            }
        });
}

/// The tie's evidence items, each editable, and a new one to write and add.
fn evidence_ui(
    ui: &mut egui::Ui,
    document: &Document,
    tie: &Tie,
    at: usize,
    language: &str,
    fields: &mut Fields<'_>,
) {
    let network = &document.network;
    ui.strong(format!("Evidence ({})", tie.evidence.len()));
    for (e, evidence) in tie.evidence.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let item = format!("{}#evidence{e}", tie.id);
            let mut source = evidence.source.clone();
            source_ui(
                ui,
                ("evidence-source", &item),
                network,
                language,
                &mut source,
            );
            let mut changed = tie.clone();
            if source != evidence.source {
                changed.evidence[e].source = source;
                let id = fields.id(&item, "source");
                fields.edit(
                    id,
                    "change evidence source",
                    ops::change_tie(network, at, changed.clone()),
                );
            }
            let id = fields.id(&item, "quote");
            if let Some(quote) =
                fields.multiline_ui(ui, id, &evidence.quote, "the sentence, verbatim")
            {
                changed.evidence[e].quote = quote;
                fields.edit(
                    id,
                    "change quote",
                    ops::change_tie(network, at, changed.clone()),
                );
            }
            let id = fields.id(&item, "translation");
            let translation = evidence.translation.as_deref().unwrap_or("");
            if let Some(text) = fields.multiline_ui(ui, id, translation, "the sentence in English")
            {
                changed.evidence[e].translation = non_empty(&text);
                fields.edit(
                    id,
                    "change translation",
                    ops::change_tie(network, at, changed.clone()),
                );
            }
            if ui.small_button("Remove this evidence").clicked() {
                let mut changed = tie.clone();
                changed.evidence.remove(e);
                fields.commands.push(Command::Edit {
                    what: "remove evidence".to_owned(),
                    edit: ops::change_tie(network, at, changed),
                    field: None,
                });
            }
        });
    }

    // The item being written, kept between frames until the network changes: once it is
    // added, the next draft starts empty; a refused one stays to fix.
    let draft_id = egui::Id::new(("evidence-draft", &tie.id, fields.generation));
    let mut draft: EvidenceDraft = ui.data(|data| data.get_temp(draft_id)).unwrap_or_default();
    egui::CollapsingHeader::new("Add evidence")
        .id_salt(("add-evidence", &tie.id))
        .default_open(tie.evidence.is_empty())
        .show(ui, |ui| {
            if network.sources.is_empty() {
                ui.label("Evidence quotes a source: add the article first.");
            } else {
                let source = draft
                    .source
                    .get_or_insert_with(|| network.sources[0].id.clone());
                source_ui(
                    ui,
                    ("new-evidence-source", &tie.id),
                    network,
                    language,
                    source,
                );
                for (shown, label, text, hint) in [
                    (
                        "Quote",
                        "New quote",
                        &mut draft.quote,
                        "the sentence, verbatim",
                    ),
                    (
                        "Translation",
                        "New translation",
                        &mut draft.translation,
                        "the sentence in English",
                    ),
                ] {
                    ui.label(shown);
                    let response = ui.add(
                        egui::TextEdit::multiline(text)
                            .id(draft_id.with(label))
                            .hint_text(hint)
                            .desired_rows(2),
                    );
                    name_for_access(ui, response.id, label);
                }
                let id = fields.id(&tie.id, "new-evidence");
                if ui.button("Add this evidence").clicked() {
                    let mut changed = tie.clone();
                    changed.evidence.push(Evidence {
                        source: source.clone(),
                        quote: draft.quote.clone(),
                        translation: non_empty(&draft.translation),
                    });
                    fields.edit(id, "add evidence", ops::change_tie(network, at, changed));
                }
                fields.error_ui(ui, id);
            }
            if ui.button("Add source").clicked() {
                fields.commands.push(Command::AddSource);
            }
        });
    ui.data_mut(|data| data.insert_temp(draft_id, draft));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_with_or_without_thousands_separators() {
        assert_eq!(
            parse_amount("16,500,000,000 usd"),
            Ok(Some((16_500_000_000.0, "USD".to_owned())))
        );
        assert_eq!(parse_amount("  "), Ok(None));
        assert!(parse_amount("lots").is_err());
        assert!(parse_amount("12 3 4").is_err());
    }
}
