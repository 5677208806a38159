//! The search box in the top bar (Ctrl+F): part of a name in Korean or English, or an
//! alias; matches listed as you type, Enter or a click shows the entity on the map.

use std::sync::Arc;

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::selection::LabelLanguage;
use crate::explore::search::{EntityMatch, MatchedField};
use crate::network::model::Network;

/// The most matches listed under the box.
const MATCH_LIMIT: usize = 12;

/// The search box's text, whether its list of matches is open, and the matches of its
/// text, kept in egui's memory as a widget's own state.
#[derive(Clone, Default)]
struct SearchState {
    /// What has been typed.
    query: String,
    /// Whether the list of matches shows under the box.
    open: bool,
    /// The match Enter picks, highlighted in the list (arrow keys move it).
    cursor: usize,
    /// Put the cursor in the box on the next frame (Ctrl+F).
    focus_requested: bool,
    /// The matches of `searched`'s query in its document, searched once per change.
    matches: Arc<[EntityMatch]>,
    /// The document and the query `matches` were found for.
    searched: Option<(u64, String)>,
}

fn state_id() -> egui::Id {
    egui::Id::new("search-bar")
}

/// Puts the cursor in the search box on the next frame.
pub fn focus_search(ctx: &egui::Context) {
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<SearchState>(state_id())
            .focus_requested = true;
    });
}

/// The search box, and under it the matches of what is typed.
pub fn search_bar_ui(
    ui: &mut egui::Ui,
    document: &Document,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let network = &document.network;
    let mut search: SearchState = ui.data(|data| data.get_temp(state_id()).unwrap_or_default());
    // Ctrl+F, or ⌘F on a Mac.
    let shortcut = (Command::FocusSearch.shortcut())
        .map(|shortcut| format!(" ({})", ui.ctx().format_shortcut(&shortcut)))
        .unwrap_or_default();
    let hint = format!("Search names{shortcut}");
    let edit = egui::TextEdit::singleline(&mut search.query)
        .id_salt("search-box")
        .hint_text(hint)
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
    let key = (document.id(), search.query.clone());
    if search.searched.as_ref() != Some(&key) {
        search.matches = (document.search)
            .search(network, &search.query, MATCH_LIMIT)
            .into();
        search.searched = Some(key);
    }
    let matches = search.matches.clone();
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
        search.query.clear();
        search.open = false;
        search.cursor = 0;
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
            .label(network.shown_by.label.as_deref(), language.code())
            .to_owned();
    }
    ui.data_mut(|data| data.insert_temp(state_id(), search));
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
    // The label the map shows, so that what is found reads as on the map.
    let name = entity.label(network.shown_by.label.as_deref(), language.code());
    let text = match &found.field {
        MatchedField::Alias => format!("{name} — alias “{}”", found.matched_text),
        MatchedField::Name { .. } | MatchedField::Label if found.matched_text != name => {
            format!("{name} — {}", found.matched_text)
        }
        MatchedField::Name { .. } | MatchedField::Label => name.to_owned(),
    };
    ui.add(
        egui::Button::selectable(highlighted, text)
            .shortcut_text(egui::RichText::new(entity.kind.label()).weak().small()),
    )
}
