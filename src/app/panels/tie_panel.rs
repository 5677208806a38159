//! The panel of a selected tie: what it is, who it joins, when and where, the contacts
//! or deals it chains to, and the quoted evidence behind it with its source, each quote
//! marked as found in its article's stored text or not.

use crate::app::command::Command;
use crate::app::explore_state::{ExploreState, precision_text};
use crate::app::panels::contact_deal_panel::contact_deal_ui;
use crate::app::panels::widgets::{clear_selection_button, entity_link_ui, panel_header_ui};
use crate::app::selection::LabelLanguage;
use crate::network::index::{NetworkIndex, TieIx};
use crate::network::model::{Network, Source, localized};
use crate::network::quotes::{QuoteCheck, check_quote, not_found_reason};

pub fn tie_panel_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    tie_index: TieIx,
    explore: &ExploreState,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let tie = &network[tie_index];
    let color = crate::app::map::shapes::color32(crate::scene::style::tie_style(tie.kind).color);
    panel_header_ui(
        ui,
        |ui| {
            ui.label(egui::RichText::new(tie.kind.label()).heading().color(color));
        },
        clear_selection_button(),
        commands,
    );
    if !tie.summary.is_empty() {
        ui.label(egui::RichText::new(&tie.summary).strong());
    }
    ui.add_space(6.0);
    egui::Grid::new("tie-facts")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(if tie.participants.len() > 2 {
                "Participants"
            } else {
                "Between"
            });
            ui.horizontal_wrapped(|ui| {
                for (i, participant) in tie.participants.iter().enumerate() {
                    if i > 0 {
                        ui.label("·");
                    }
                    entity_link_ui(ui, network, index, participant, language, commands);
                }
            });
            ui.end_row();
            ui.label("Status");
            ui.label(tie.status.label());
            ui.end_row();
            ui.label("Date");
            ui.label(match tie.date {
                Some(date) => format!("{date} ({})", precision_text(date.precision())),
                None => "not given in the sources".to_owned(),
            });
            ui.end_row();
            if let Some(place) = tie
                .place
                .as_ref()
                .and_then(|p| localized(p, language.code()))
            {
                ui.label("Place");
                ui.add(egui::Label::new(place).wrap());
                ui.end_row();
            }
            if let Some(amount) = &tie.amount {
                ui.label("Amount");
                ui.label(amount.to_string());
                ui.end_row();
            }
            for (name, value) in &tie.attributes {
                ui.label(name);
                // Long values wrap rather than widen the panel.
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
    if !explore.is_tie_visible(tie_index) {
        ui.label(
            egui::RichText::new("Hidden on the map now (filters or timeline)")
                .color(ui.visuals().warn_fg_color),
        );
    }
    contact_deal_ui(ui, network, index, tie_index, explore, language, commands);

    ui.add_space(10.0);
    ui.strong(match tie.evidence.len() {
        0 => "No evidence given".to_owned(),
        1 => "Evidence".to_owned(),
        n => format!("Evidence ({n} items)"),
    });
    for (i, evidence) in tie.evidence.iter().enumerate() {
        egui::Frame::group(ui.style())
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(format!("“{}”", evidence.quote)).size(15.0));
                if let Some(translation) = &evidence.translation {
                    ui.add_space(2.0);
                    ui.label(egui::RichText::new(translation).italics());
                }
                ui.add_space(4.0);
                match index
                    .source_position(&evidence.source)
                    .map(|source| &network.sources[source])
                {
                    Some(source) => {
                        let outlet =
                            localized(&source.outlet, language.code()).unwrap_or(&source.id);
                        let mut line = outlet.to_owned();
                        if let Some(published) = source.published {
                            line.push_str(&format!(", {published}"));
                        }
                        if let Some(author) = &source.author {
                            line.push_str(&format!(", {author}"));
                        }
                        ui.label(egui::RichText::new(line).small().strong());
                        ui.label(egui::RichText::new(&source.title).small());
                        quote_check_ui(ui, source, &evidence.quote, commands);
                        match &source.url {
                            Some(url) => {
                                if ui
                                    .link(url)
                                    .on_hover_text("Open the article in your browser")
                                    .clicked()
                                {
                                    commands.push(Command::OpenLink(url.clone()));
                                }
                            }
                            None => {
                                ui.label(
                                    egui::RichText::new("No link known for this article")
                                        .small()
                                        .weak(),
                                );
                            }
                        }
                    }
                    None => {
                        ui.label(format!("Source {} (not listed)", evidence.source));
                    }
                }
            })
            .response
            .on_hover_ui(|ui| {
                ui.label(format!("Evidence {}", i + 1));
            });
    }
}

/// Whether the quote is in its article's stored text: found (a click shows it there), not
/// found (with where it parts from the text), or no text to check against.
fn quote_check_ui(ui: &mut egui::Ui, source: &Source, quote: &str, commands: &mut Vec<Command>) {
    let check = check_quote(Some(source), quote);
    let label = check.label();
    match check {
        QuoteCheck::Found(range) => {
            let response = ui
                .link(egui::RichText::new(format!("✔ {label}")).small())
                .on_hover_text("Show the sentence in the article");
            if response.clicked() {
                commands.push(Command::OpenArticle {
                    source: source.id.clone(),
                    highlight: Some(range),
                });
            }
        }
        QuoteCheck::NotFound { agrees_for } => {
            ui.label(
                egui::RichText::new(format!("✖ {label}"))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(not_found_reason(&source.id, quote, agrees_for));
        }
        QuoteCheck::NoText => {
            ui.label(egui::RichText::new(label).small().weak())
                .on_hover_text("The source stores no article text to check the quote against");
        }
    }
}
