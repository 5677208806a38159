//! The path between two entities: its ends, and each hop of the shortest chain of visible
//! ties between them with its evidence (quote, outlet, date), each hop opening its tie.

use crate::app::command::Command;
use crate::app::explore_state::ExploreState;
use crate::app::map::shapes::color32;
use crate::app::panels::contact_deal_panel::participants_text;
use crate::app::panels::widgets::panel_header_ui;
use crate::app::selection::{LabelLanguage, Selection};
use crate::network::index::{EntityIx, NetworkIndex};
use crate::network::model::{Network, localized};
use crate::scene::style;

/// The Path section, shown while either end is chosen.
pub fn path_panel_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    explore: &ExploreState,
    selection: Option<Selection>,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let name = |entity: Option<EntityIx>| {
        entity
            .and_then(|e| network.entities.get(e.index()))
            .map_or("(choose an entity)", |e| e.display_name(language.code()))
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        panel_header_ui(
            ui,
            |ui| {
                ui.strong("Path");
                ui.label(format!(
                    "{} ➡ {}",
                    name(explore.path_from()),
                    name(explore.path_to())
                ));
            },
            ("Clear path", "Forget both ends", Command::ClearPath),
            commands,
        );
        let (Some(from), Some(to)) = (explore.path_from(), explore.path_to()) else {
            ui.label(
                egui::RichText::new(
                    "Select another entity and press “Path to here” (or “Path from here”).",
                )
                .weak(),
            );
            return;
        };
        let Some(hops) = explore.path() else {
            ui.label(
                egui::RichText::new("No chain of visible ties joins them.")
                    .color(ui.visuals().warn_fg_color),
            );
            return;
        };
        if from == to {
            ui.label("Both ends are the same entity.");
            return;
        }
        ui.label(
            egui::RichText::new(format!(
                "{} hop{}",
                hops.len(),
                if hops.len() == 1 { "" } else { "s" }
            ))
            .weak(),
        );
        for (i, hop) in hops.iter().enumerate() {
            let tie = &network[hop.tie];
            let selected = selection == Some(Selection::Tie(hop.tie));
            ui.add_space(4.0);
            let kind_color = color32(style::tie_style(tie.kind).color);
            let heading = format!(
                "{}. {} ➡ {}",
                i + 1,
                name(Some(hop.from)),
                name(Some(hop.to))
            );
            ui.horizontal_wrapped(|ui| {
                if ui
                    .selectable_label(selected, egui::RichText::new(heading).strong())
                    .on_hover_ui(|ui| {
                        ui.label(participants_text(network, index, hop.tie, language));
                    })
                    .clicked()
                {
                    commands.push(Command::Select(Selection::Tie(hop.tie)));
                }
                ui.label(egui::RichText::new(tie.kind.label()).color(kind_color));
                ui.label(
                    tie.date
                        .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
                );
            });
            match tie.evidence.first() {
                Some(evidence) => {
                    let quote = match (language, &evidence.translation) {
                        (LabelLanguage::English, Some(translation)) => translation,
                        _ => &evidence.quote,
                    };
                    ui.label(egui::RichText::new(format!("“{quote}”")).italics());
                    if let Some(source) = index
                        .source_position(&evidence.source)
                        .map(|source| &network.sources[source])
                    {
                        let outlet =
                            localized(&source.outlet, language.code()).unwrap_or(&source.id);
                        let published = source
                            .published
                            .map(|d| format!(", {d}"))
                            .unwrap_or_default();
                        ui.label(egui::RichText::new(format!("{outlet}{published}")).small());
                    }
                }
                None => {
                    ui.label(egui::RichText::new("No evidence given").small().weak());
                }
            }
        }
    });
}
