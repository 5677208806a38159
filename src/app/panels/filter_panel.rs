//! Filters: checkboxes for the entity kinds, tie kinds, tie statuses and groups the open
//! network has.
//! Hidden items are not drawn and cannot be clicked; the layout keeps its positions.

use std::collections::BTreeSet;

use crate::app::command::Command;
use crate::app::selection::LabelLanguage;
use crate::explore::filter::Filter;
use crate::network::model::{EntityKind, Network, TieKind, TieStatus, localized};

/// The checkboxes; a change queues the new filter.
pub fn filters_ui(
    ui: &mut egui::Ui,
    network: &Network,
    filter: &Filter,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let mut edited = filter.clone();
    let entity_kinds: BTreeSet<EntityKind> = network.entities.iter().map(|e| e.kind).collect();
    let tie_kinds: BTreeSet<TieKind> = network.ties.iter().map(|t| t.kind).collect();
    let tie_statuses: BTreeSet<TieStatus> = network.ties.iter().map(|t| t.status).collect();
    let groups = network.groups_in_use();

    ui.label(egui::RichText::new("Entities").strong());
    ui.horizontal_wrapped(|ui| {
        for kind in entity_kinds {
            let count = network.entities.iter().filter(|e| e.kind == kind).count();
            shown_checkbox_ui(
                ui,
                &mut edited.hidden_entity_kinds,
                kind,
                &format!("{} ({count})", kind.label()),
            );
        }
    });
    ui.label(egui::RichText::new("Ties").strong());
    ui.horizontal_wrapped(|ui| {
        for kind in tie_kinds {
            let count = network.ties.iter().filter(|t| t.kind == kind).count();
            shown_checkbox_ui(
                ui,
                &mut edited.hidden_tie_kinds,
                kind,
                &format!("{} ({count})", kind.label()),
            );
        }
    });
    // One status alone (all reported, say) filters nothing the tie kinds do not.
    if tie_statuses.len() > 1 {
        ui.label(egui::RichText::new("Status").strong());
        ui.horizontal_wrapped(|ui| {
            for status in tie_statuses {
                let count = network.ties.iter().filter(|t| t.status == status).count();
                shown_checkbox_ui(
                    ui,
                    &mut edited.hidden_tie_statuses,
                    status,
                    &format!("{} ({count})", status.label()),
                );
            }
        });
    }
    if !groups.is_empty() {
        ui.label(egui::RichText::new("Groups").strong());
        ui.horizontal_wrapped(|ui| {
            for (_, group) in groups {
                let name = localized(&group.name, language.code()).unwrap_or(&group.id);
                shown_checkbox_ui(ui, &mut edited.hidden_groups, group.id.clone(), name);
            }
        });
    }
    ui.add_enabled_ui(!filter.hides_nothing(), |ui| {
        if ui.button("Show everything").clicked() {
            edited = Filter::default();
        }
    });
    if edited != *filter {
        commands.push(Command::SetFilter(edited));
    }
}

/// A checkbox that is ticked while `item` is not in `hidden`.
fn shown_checkbox_ui<T: Ord>(ui: &mut egui::Ui, hidden: &mut BTreeSet<T>, item: T, text: &str) {
    let mut shown = !hidden.contains(&item);
    if ui.checkbox(&mut shown, text).changed() {
        if shown {
            hidden.remove(&item);
        } else {
            hidden.insert(item);
        }
    }
}

/// The Filters window (View ▸ Filters…), while open.
pub fn filters_window_ui(
    ctx: &egui::Context,
    network: &Network,
    filter: &Filter,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new("Filters")
        .id(egui::Id::new("filters-window"))
        .open(&mut open)
        .default_width(320.0)
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(12.0, 40.0))
        .show(ctx, |ui| {
            filters_ui(ui, network, filter, language, commands)
        });
    if !open {
        commands.push(Command::ToggleFilters);
    }
}
