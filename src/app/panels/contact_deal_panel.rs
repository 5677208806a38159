//! "Owner contact first, affiliate execution after" in the side panel: a deal's earlier
//! contacts, a contact's deals that followed, each with its lag, and every chain of the
//! network in the overview. Every line opens its tie.

use crate::app::command::Command;
use crate::app::explore_state::{ExploreState, lag_after_text, lag_before_text};
use crate::app::map::shapes::color32;
use crate::app::selection::{LabelLanguage, Selection};
use crate::explore::contact_deal::is_contact;
use crate::network::index::{NetworkIndex, TieIx};
use crate::network::model::Network;
use crate::scene::style;

/// The name of the entity with this id, or the id itself when it names none.
pub fn entity_name<'a>(
    network: &'a Network,
    index: &NetworkIndex,
    id: &'a str,
    language: LabelLanguage,
) -> &'a str {
    index
        .entity_ix(id)
        .map_or(id, |entity| network[entity].display_name(language.code()))
}

/// The names of a tie's participants, joined.
pub fn participants_text(
    network: &Network,
    index: &NetworkIndex,
    tie: TieIx,
    language: LabelLanguage,
) -> String {
    network[tie]
        .participants
        .iter()
        .map(|id| entity_name(network, index, id, language))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A tie's date as given, or "undated".
fn date_text(network: &Network, tie: TieIx) -> String {
    network[tie]
        .date
        .map_or_else(|| "undated".to_owned(), |date| date.to_string())
}

/// One row: the date, the kind in its colour, the participants as a link to the tie, and
/// a note such as the lag.
fn tie_row_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    tie: TieIx,
    note: Option<String>,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let kind = network[tie].kind;
    ui.label(date_text(network, tie));
    ui.label(egui::RichText::new(kind.label()).color(color32(style::tie_style(kind).color)));
    ui.vertical(|ui| {
        let response = ui.link(participants_text(network, index, tie, language));
        let summary = &network[tie].summary;
        let response = if summary.is_empty() {
            response
        } else {
            response.on_hover_text(summary)
        };
        if response.clicked() {
            commands.push(Command::Select(Selection::Tie(tie)));
        }
        if let Some(note) = note {
            ui.label(egui::RichText::new(note).strong());
        }
    });
    ui.end_row();
}

/// For a deal, "Earlier contacts"; for a meeting or visit, "Deals that followed". Nothing
/// for other ties.
pub fn contact_deal_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    tie: TieIx,
    explore: &ExploreState,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let kind = network[tie].kind;
    let linked = if kind.is_deal() {
        let found = explore.contact_deals(network, index).contacts_before(tie);
        LinkedTies {
            heading: "Earlier contacts",
            none: "No dated meeting or visit between the two sides before it",
            undated_heading: "Undated contacts, order unknown",
            id: "earlier-contacts",
            dated: (found.dated.iter())
                .map(|pair| (pair.contact, lag_before_text(&pair.lag)))
                .collect(),
            undated: found.undated.iter().map(|pair| pair.contact).collect(),
        }
    } else if is_contact(kind) {
        let found = explore.contact_deals(network, index).deals_after(tie);
        LinkedTies {
            heading: "Deals that followed",
            none: "No dated deal between the two sides after it",
            undated_heading: "Undated deals, order unknown",
            id: "following-deals",
            dated: (found.dated.iter())
                .map(|pair| (pair.deal, lag_after_text(&pair.lag)))
                .collect(),
            undated: found.undated.iter().map(|pair| pair.deal).collect(),
        }
    } else {
        return;
    };
    linked_ties_ui(ui, network, index, &linked, language, commands);
}

/// The ties a contact or deal chains to: the dated ones with their lags, then the undated.
struct LinkedTies {
    heading: &'static str,
    /// What to say when no dated tie chains to it.
    none: &'static str,
    undated_heading: &'static str,
    /// The grids' id, unique in the panel.
    id: &'static str,
    dated: Vec<(TieIx, String)>,
    undated: Vec<TieIx>,
}

fn linked_ties_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    linked: &LinkedTies,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    ui.add_space(10.0);
    ui.strong(format!("{} ({})", linked.heading, linked.dated.len()));
    if linked.dated.is_empty() {
        ui.label(egui::RichText::new(linked.none).weak());
    }
    let grid = |id: &str| {
        egui::Grid::new((linked.id, id.to_owned()))
            .num_columns(3)
            .striped(true)
            .spacing([8.0, 4.0])
    };
    grid("dated").show(ui, |ui| {
        for (tie, note) in &linked.dated {
            let note = Some(note.clone());
            tie_row_ui(ui, network, index, *tie, note, language, commands);
        }
    });
    if !linked.undated.is_empty() {
        ui.add_space(4.0);
        let heading = format!("{} ({})", linked.undated_heading, linked.undated.len());
        ui.label(egui::RichText::new(heading).strong());
        grid("undated").show(ui, |ui| {
            for &tie in &linked.undated {
                tie_row_ui(ui, network, index, tie, None, language, commands);
            }
        });
    }
}

/// Every contact→deal chain of the network whose ties are visible, deal by deal (by deal
/// date), each deal with its contacts latest first.
pub fn chains_overview_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    explore: &ExploreState,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    if explore.chains(network, index).is_empty() {
        ui.label(egui::RichText::new("No meeting or visit comes before a deal here").weak());
        return;
    }
    let hidden = explore.hidden_chains(network, index);
    if hidden > 0 {
        ui.label(
            egui::RichText::new(format!(
                "{hidden} more hidden by the filters or the timeline"
            ))
            .small()
            .color(ui.visuals().warn_fg_color),
        );
    }
    let mut previous_deal = None;
    for chain in explore.visible_chains(network, index) {
        if previous_deal != Some(chain.deal) {
            previous_deal = Some(chain.deal);
            ui.add_space(4.0);
            let deal = &network[chain.deal];
            let text = format!(
                "{} · {} · {}",
                date_text(network, chain.deal),
                deal.kind.label(),
                participants_text(network, index, chain.deal, language)
            );
            let response = ui.link(
                egui::RichText::new(text)
                    .strong()
                    .color(ui.visuals().hyperlink_color),
            );
            let response = if deal.summary.is_empty() {
                response
            } else {
                response.on_hover_text(&deal.summary)
            };
            if response.clicked() {
                commands.push(Command::Select(Selection::Tie(chain.deal)));
            }
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("    ⬅");
            ui.label(
                egui::RichText::new(lag_before_text(&chain.lag))
                    .small()
                    .weak(),
            );
            let text = format!(
                "{} {} · {}",
                date_text(network, chain.contact),
                network[chain.contact].kind.label().to_lowercase(),
                participants_text(network, index, chain.contact, language)
            );
            if ui.link(text).clicked() {
                commands.push(Command::Select(Selection::Tie(chain.contact)));
            }
        });
    }
}
