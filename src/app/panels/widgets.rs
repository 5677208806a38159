//! Small pieces the panels share: a panel's header with its close button, a name that
//! selects its entity, and an entity's Add tie… and Merge with… buttons.

use crate::app::command::Command;
use crate::app::selection::{LabelLanguage, Selection};
use crate::network::index::{EntityIx, NetworkIndex};
use crate::network::model::Network;

/// A panel's first line: its heading on the left (drawn by `heading`), and on the right a
/// small button that pushes `command`.
pub fn panel_header_ui(
    ui: &mut egui::Ui,
    heading: impl FnOnce(&mut egui::Ui),
    button: (&str, &str, Command),
    commands: &mut Vec<Command>,
) {
    let (text, tooltip, command) = button;
    ui.horizontal(|ui| {
        heading(ui);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button(text).on_hover_text(tooltip).clicked() {
                commands.push(command);
            }
        });
    });
}

/// The close button of a selected tie's or entity's panel.
pub fn clear_selection_button() -> (&'static str, &'static str, Command) {
    ("×", "Clear the selection (Esc)", Command::ClearSelection)
}

/// A clickable name that selects an entity.
pub fn entity_link_ui(
    ui: &mut egui::Ui,
    network: &Network,
    index: &NetworkIndex,
    entity_id: &str,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    match index.entity_ix(entity_id) {
        Some(entity_index) => {
            let entity = &network[entity_index];
            let response = ui
                .link(entity.display_name(language.code()))
                .on_hover_ui(|ui| {
                    ui.label(format!("{} · {}", entity.kind, entity.id));
                });
            if response.clicked() {
                commands.push(Command::Select(Selection::Entity(entity_index)));
            }
        }
        None => {
            ui.label(entity_id);
        }
    }
}

/// Add tie… and Merge with…: each starts picking another entity, on the map or in search.
pub fn tie_and_merge_buttons_ui(ui: &mut egui::Ui, entity: EntityIx, commands: &mut Vec<Command>) {
    if ui
        .button("Add tie…")
        .on_hover_text(
            "Then click the other end on the map (this entity again for a tie to itself), or \
             find it in search (or Shift-drag from one entity to another)",
        )
        .clicked()
    {
        commands.push(Command::StartTie(entity));
    }
    if ui
        .button("Merge with…")
        .on_hover_text("Then click the entity that is the same, or find it in search")
        .clicked()
    {
        commands.push(Command::StartMerging(entity));
    }
}
