//! The panel of a selected person or organisation: who they are, how central, the focus
//! and path controls, and their ties in date order (the first hundred), each one a link to
//! its evidence.

use crate::app::Document;
use crate::app::command::Command;
use crate::app::explore_state::MAX_FOCUS_STEPS;
use crate::app::panels::contact_deal_panel::entity_name;
use crate::app::panels::widgets::{
    clear_selection_button, panel_header_ui, tie_and_merge_buttons_ui,
};
use crate::app::selection::{LabelLanguage, Selection};
use crate::network::index::EntityIx;
use crate::network::model::localized;

/// The most ties the panel lists: a hub of a large network has thousands, and laying
/// them all out would take every frame far longer than the person waits.
const LISTED_TIES: usize = 100;

pub fn entity_panel_ui(
    ui: &mut egui::Ui,
    document: &Document,
    entity_index: EntityIx,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let Document {
        network,
        index,
        explore,
        ..
    } = document;
    let pinned = document.view.is_pinned(entity_index);
    let entity = &network[entity_index];
    // The label the map shows (an attribute, when View ▸ Label by chose one).
    let label = entity.label(network.shown_by.label.as_deref(), language.code());
    panel_header_ui(
        ui,
        |ui| {
            ui.heading(label);
        },
        clear_selection_button(),
        commands,
    );
    // The names not in the heading, such as the English beside the Korean.
    for (code, name) in &entity.name {
        if name != label
            && (code != language.code() || label != entity.display_name(language.code()))
        {
            ui.label(egui::RichText::new(name).size(15.0));
        }
    }
    ui.add_space(6.0);
    egui::Grid::new("entity-facts")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Kind");
            ui.label(entity.kind.label());
            ui.end_row();
            if let Some(role) = &entity.role {
                ui.label("Role");
                ui.vertical(|ui| {
                    for text in role.values() {
                        ui.label(text);
                    }
                });
                ui.end_row();
            }
            if let Some(group) = &entity.group {
                ui.label("Group");
                ui.label(
                    index
                        .group_position(group)
                        .and_then(|g| localized(&network.groups[g].name, language.code()))
                        .unwrap_or(group),
                );
                ui.end_row();
            }
            if !entity.aliases.is_empty() {
                ui.label("Also called");
                ui.label(entity.aliases.join(", "));
                ui.end_row();
            }
            for (name, value) in &entity.attributes {
                ui.label(name);
                ui.label(value);
                ui.end_row();
            }
            if let Some(centrality) = explore.computed_centrality() {
                if let Some(degree) = centrality.degree.get(entity_index.index()) {
                    ui.label("Degree")
                        .on_hover_text("How many others it shares a tie with");
                    ui.label(format!(
                        "{degree} (rank {})",
                        rank(&centrality.degree, *degree as f64, |&d| d as f64)
                    ));
                    ui.end_row();
                }
                if let Some(&betweenness) = centrality.betweenness.get(entity_index.index()) {
                    ui.label("Betweenness")
                        .on_hover_text("How many shortest chains between others pass through it");
                    ui.label(format!(
                        "{betweenness:.3} (rank {})",
                        rank(&centrality.betweenness, betweenness, |&b| b)
                    ));
                    ui.end_row();
                } else if centrality.betweenness.is_empty() {
                    ui.label("Betweenness");
                    ui.label(
                        egui::RichText::new(format!(
                            "not computed above {} entities",
                            crate::app::explore_state::EXACT_BETWEENNESS_LIMIT
                        ))
                        .weak(),
                    );
                    ui.end_row();
                }
            }
        });
    if let Some(description) = entity
        .description
        .as_ref()
        .and_then(|d| localized(d, language.code()))
    {
        ui.add_space(6.0);
        ui.label(description);
    }
    ui.add_space(6.0);
    let mut pin = pinned;
    if ui
        .checkbox(&mut pin, "Pinned where it is")
        .on_hover_text("The layout does not move a pinned entity (P)")
        .changed()
    {
        commands.push(Command::TogglePin);
    }
    ui.horizontal(|ui| {
        ui.label("Focus:")
            .on_hover_text("Show only what lies within this many ties of it; the rest fades");
        let focus = explore.focus_steps();
        for steps in 0..=MAX_FOCUS_STEPS {
            let text = match steps {
                0 => "off".to_owned(),
                1 => "1 step".to_owned(),
                n => format!("{n} steps"),
            };
            if ui.selectable_label(focus == steps, text).clicked() {
                commands.push(Command::SetFocusSteps(steps));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .button("Path from here")
            .on_hover_text("Start a shortest chain of ties at this entity")
            .clicked()
        {
            commands.push(Command::SetPathFrom(Some(entity_index)));
        }
        if ui
            .button("Path to here")
            .on_hover_text("End the shortest chain of ties at this entity")
            .clicked()
        {
            commands.push(Command::SetPathTo(Some(entity_index)));
        }
    });
    ui.horizontal(|ui| tie_and_merge_buttons_ui(ui, entity_index, commands));

    ui.add_space(10.0);
    // Dated ties in order, then the undated ones in file order.
    let ties = index.ties_of(entity_index);
    ui.strong(format!("Ties ({})", ties.len()));
    egui::Grid::new("entity-ties")
        .num_columns(3)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for &tie_index in ties.iter().take(LISTED_TIES) {
                let tie = &network[tie_index];
                ui.label(
                    tie.date
                        .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
                );
                let color = crate::app::map::shapes::color32(
                    crate::scene::style::tie_style(tie.kind).color,
                );
                ui.label(egui::RichText::new(tie.kind.label()).color(color));
                let others: Vec<&str> = tie
                    .participants
                    .iter()
                    .filter(|p| *p != &entity.id)
                    .map(|p| entity_name(network, index, p, language))
                    .collect();
                // A meeting of ten would widen the panel: name three, count the rest (the
                // tie's own panel lists them all).
                let names = match others.len() {
                    // A self-loop: the entity's only participant is itself.
                    0 => "itself".to_owned(),
                    1..=3 => others.join(", "),
                    more => format!("{} and {} more", others[..3].join(", "), more - 3),
                };
                let response = ui.link(names);
                let response = if tie.summary.is_empty() {
                    response
                } else {
                    response.on_hover_text(&tie.summary)
                };
                if response.clicked() {
                    commands.push(Command::Select(Selection::Tie(tie_index)));
                }
                ui.end_row();
            }
        });
    if let Some(more) = ties.len().checked_sub(LISTED_TIES).filter(|&more| more > 0) {
        ui.label(
            egui::RichText::new(format!(
                "and {more} more, not listed: find them on the map or by the other side's name"
            ))
            .small()
            .weak(),
        );
    }
}

/// 1 for the largest of `values`, counting ties alike (two equal firsts are both 1).
fn rank<T>(values: &[T], value: f64, as_number: impl Fn(&T) -> f64) -> usize {
    1 + values.iter().filter(|v| as_number(v) > value).count()
}
