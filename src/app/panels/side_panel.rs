//! The right-hand panel: the path being traced, then the selected tie or entity, or an
//! overview of the network with its filters and contact→deal chains.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::panels::contact_deal_panel;
use crate::app::panels::entity_panel;
use crate::app::panels::filter_panel;
use crate::app::panels::path_panel;
use crate::app::panels::tie_panel;
use crate::app::selection::Selection;
use crate::network::model::localized;

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
                    match app.selection {
                        Some(Selection::Tie(tie))
                            if tie.index() < app.document.index.tie_count() =>
                        {
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
                            entity_panel::entity_panel_ui(
                                ui,
                                app.document,
                                entity,
                                app.language,
                                commands,
                            );
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
    if !network.sources.is_empty() {
        ui.add_space(8.0);
        ui.strong("Sources");
        for source in &network.sources {
            let outlet = localized(&source.outlet, app.language.code()).unwrap_or("?");
            let date = source
                .published
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            ui.label(format!("• {outlet}{date}: {}", source.title));
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
    egui::CollapsingHeader::new(format!("Contact ➡ deal chains ({})", explore.chains.len()))
        .id_salt("chains-section")
        .default_open(true)
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
