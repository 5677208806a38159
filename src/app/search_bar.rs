//! The search box in the top bar (Ctrl+F): part of a name in Korean or English, or an
//! alias; matches listed as you type, Enter or a click shows the entity on the map.

use super::command::Command;
use super::selection::LabelLanguage;
use crate::explore::search::{EntityMatch, MatchedField, search_entities};
use crate::network::index::NetworkIndex;
use crate::network::model::Network;

/// The most matches listed under the box.
const MATCH_LIMIT: usize = 12;

/// The search box's text and whether its list of matches is open.
#[derive(Default)]
pub struct SearchBar {
    /// What has been typed.
    pub query: String,
    /// Whether the list of matches shows under the box.
    open: bool,
    /// The match Enter picks, highlighted in the list (arrow keys move it).
    cursor: usize,
    /// Put the cursor in the box on the next frame (Ctrl+F).
    focus_requested: bool,
}

impl SearchBar {
    /// Puts the cursor in the box on the next frame.
    pub fn request_focus(&mut self) {
        self.focus_requested = true;
    }

    /// Empties the box and closes its list.
    pub fn clear(&mut self) {
        self.query.clear();
        self.open = false;
        self.cursor = 0;
    }
}

/// The search box, and under it the matches of what is typed.
pub fn search_bar_ui(
    ui: &mut egui::Ui,
    search: &mut SearchBar,
    network: &Network,
    index: &NetworkIndex,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let edit = egui::TextEdit::singleline(&mut search.query)
        .id_salt("search-box")
        .hint_text("Search names (Ctrl+F)")
        .desired_width(220.0);
    let response = ui.add(edit);
    if std::mem::take(&mut search.focus_requested) {
        response.request_focus();
        search.open = true;
    }
    if response.changed() || response.gained_focus() {
        search.open = true;
        search.cursor = 0;
    }
    let matches = search_entities(network, index, &search.query, MATCH_LIMIT);
    let mut picked = None;
    if response.has_focus() {
        ui.input_mut(|input| {
            if input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                search.cursor = (search.cursor + 1).min(matches.len().saturating_sub(1));
            }
            if input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                search.cursor = search.cursor.saturating_sub(1);
            }
        });
    }
    if response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
        picked = matches.get(search.cursor).or(matches.first()).cloned();
    }
    if response.has_focus() && ui.input(|input| input.key_pressed(egui::Key::Escape)) {
        search.clear();
        response.surrender_focus();
    }
    if search.open && !search.query.trim().is_empty() {
        let area = egui::Area::new(egui::Id::new("search-matches"))
            .order(egui::Order::Foreground)
            .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 4.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(response.rect.width().max(280.0));
                    if matches.is_empty() {
                        ui.label(egui::RichText::new("No entity matches").weak());
                    }
                    for (i, found) in matches.iter().enumerate() {
                        if match_ui(ui, network, found, language, i == search.cursor).clicked() {
                            picked = Some(found.clone());
                        }
                    }
                });
            });
        // A click elsewhere closes the list; a click in it picks first.
        let clicked_elsewhere = ui.input(|input| input.pointer.any_click())
            && !area.response.hovered()
            && !response.hovered();
        if response.lost_focus() && !area.response.hovered() || clicked_elsewhere {
            search.open = false;
        }
    }
    if let Some(found) = picked {
        commands.push(Command::ShowEntity(found.entity));
        search.open = false;
        search.query = network[found.entity]
            .display_name(language.code())
            .to_owned();
    }
}

/// One match: the entity's name, and the text that matched when it is an alias or the
/// name in the other language.
fn match_ui(
    ui: &mut egui::Ui,
    network: &Network,
    found: &EntityMatch,
    language: LabelLanguage,
    highlighted: bool,
) -> egui::Response {
    let entity = &network[found.entity];
    let name = entity.display_name(language.code());
    let text = match &found.field {
        MatchedField::Alias => format!("{name} — alias “{}”", found.matched_text),
        MatchedField::Name { .. } if found.matched_text != name => {
            format!("{name} — {}", found.matched_text)
        }
        MatchedField::Name { .. } => name.to_owned(),
    };
    ui.add(
        egui::Button::selectable(highlighted, text)
            .shortcut_text(egui::RichText::new(entity.kind.label()).weak().small()),
    )
}
