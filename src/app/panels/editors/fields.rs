//! The fields of the editors: a text field that commits its value when the person presses
//! Enter or leaves it (Esc puts the old value back), and the reason beside it when a value
//! is refused, by the field's own parsing (an impossible date) or by the validator (an id
//! another item has).

use crate::app::command::Command;
use crate::app::editing::Refusal;
use crate::edit::Edit;

/// Where a field is and what it edits: the panel's `Ui`, the refusal to show beside the
/// field it concerns, and the commands the fields push.
pub struct Fields<'a> {
    pub refusal: Option<&'a Refusal>,
    pub commands: &'a mut Vec<Command>,
    /// Drafts and errors are kept per version of the network, so that an edit, an undo or
    /// a redo shows the network's own values again.
    pub generation: u64,
    /// The accessible name of each field asked for by [`Fields::id`] this frame: what a
    /// screen reader says, and what the window tests find the field by.
    pub labels: Vec<(egui::Id, String)>,
}

impl Fields<'_> {
    /// The id of a field: its item and its name, for this version of the network. The
    /// name is the field's accessible name too: `name.en` is read "name (en)".
    pub fn id(&mut self, item: &str, field: &str) -> egui::Id {
        let id = field_id(item, field, self.generation);
        let label = match field.split_once('.') {
            Some(("attribute", name)) => name.to_owned(),
            Some((field, language)) => format!("{field} ({language})"),
            None => field.replace('_', " "),
        };
        self.labels.push((id, label));
        id
    }

    /// Pushes an edit coming from field `id`, so that a refusal shows beside it.
    pub fn edit(&mut self, id: egui::Id, what: impl Into<String>, edit: Edit) {
        self.commands.push(Command::Edit {
            what: what.into(),
            edit,
            field: Some(id),
        });
    }

    /// A one-line text field showing `current`; returns the new text once committed.
    pub fn text_ui(
        &mut self,
        ui: &mut egui::Ui,
        id: egui::Id,
        current: &str,
        hint: &str,
    ) -> Option<String> {
        self.text_edit_ui(ui, id, current, hint, false)
    }

    /// As [`Fields::text_ui`], on several lines (Enter starts a new line; leaving the
    /// field commits it).
    pub fn multiline_ui(
        &mut self,
        ui: &mut egui::Ui,
        id: egui::Id,
        current: &str,
        hint: &str,
    ) -> Option<String> {
        self.text_edit_ui(ui, id, current, hint, true)
    }

    fn text_edit_ui(
        &mut self,
        ui: &mut egui::Ui,
        id: egui::Id,
        current: &str,
        hint: &str,
        multiline: bool,
    ) -> Option<String> {
        let kept = ui.data(|data| data.get_temp::<String>(id));
        let mut draft = kept.clone().unwrap_or_else(|| current.to_owned());
        let mut committed = None;
        ui.vertical(|ui| {
            let edit = if multiline {
                egui::TextEdit::multiline(&mut draft).desired_rows(2)
            } else {
                egui::TextEdit::singleline(&mut draft)
            };
            let response = ui.add(
                edit.id(id)
                    .hint_text(hint)
                    .desired_width(ui.available_width().clamp(200.0, 320.0)),
            );
            take_focus_request(ui, &response, &draft);
            if let Some((_, label)) = self.labels.iter().rev().find(|(field, _)| *field == id) {
                name_for_access(ui, response.id, label);
            }
            if response.lost_focus() {
                if ui.input(|input| input.key_pressed(egui::Key::Escape)) {
                    ui.data_mut(|data| data.remove::<String>(id));
                } else if draft != current {
                    // Kept until the network changes, so that a refused value stays to fix.
                    ui.data_mut(|data| data.insert_temp(id, draft.clone()));
                    committed = Some(draft.clone());
                } else {
                    ui.data_mut(|data| data.remove::<String>(id));
                }
            } else if response.changed() || (kept.is_some() && response.has_focus()) {
                ui.data_mut(|data| data.insert_temp(id, draft.clone()));
            }
            self.error_ui(ui, id);
        });
        if committed.is_some() {
            clear_error(ui, id);
        }
        committed
    }

    /// The reason a value of field `id` was refused, if it was.
    pub fn error_ui(&self, ui: &mut egui::Ui, id: egui::Id) {
        let own = ui.data(|data| data.get_temp::<String>(error_id(id)));
        let refused = self
            .refusal
            .filter(|refusal| refusal.field == Some(id))
            .map(|refusal| refusal.message.clone());
        if let Some(message) = own.or(refused) {
            ui.label(
                egui::RichText::new(message)
                    .color(ui.visuals().error_fg_color)
                    .small(),
            );
        }
    }
}

/// The id of field `field` of item `item` for a version of the network.
pub fn field_id(item: &str, field: &str, generation: u64) -> egui::Id {
    egui::Id::new(("field", item, field, generation))
}

/// Where the field to put the cursor in next is kept until it is drawn.
fn focus_request_id() -> egui::Id {
    egui::Id::new("field-focus-request")
}

/// Puts the cursor in field `id` with its text selected, the next time the field is drawn,
/// so that typing replaces the text (the name of an entity just added).
pub fn focus_and_select(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|data| data.insert_temp(focus_request_id(), id));
}

/// Takes a focus request for the field `response` is, if there is one.
fn take_focus_request(ui: &egui::Ui, response: &egui::Response, text: &str) {
    let requested = ui.data(|data| data.get_temp::<egui::Id>(focus_request_id()));
    if requested != Some(response.id) {
        return;
    }
    ui.data_mut(|data| data.remove::<egui::Id>(focus_request_id()));
    response.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
    let all = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(all));
    state.store(ui.ctx(), response.id);
}

/// A drop-down of `choices` named `name`, showing `current`; returns the choice picked,
/// when it is another.
pub fn choice_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    (current, choices): (T, &[T]),
    label: impl Fn(T) -> &'static str,
) -> Option<T> {
    let mut chosen = current;
    let combo = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(label(current))
        .show_ui(ui, |ui| {
            for &choice in choices {
                ui.selectable_value(&mut chosen, choice, label(choice));
            }
        });
    name_for_access(ui, combo.response.id, name);
    (chosen != current).then_some(chosen)
}

/// Gives a widget the name a screen reader says, and the window tests find it by.
pub fn name_for_access(ui: &egui::Ui, widget: egui::Id, name: &str) {
    let name = name.to_owned();
    ui.ctx()
        .accesskit_node_builder(widget, |node| node.set_label(name));
}

fn error_id(id: egui::Id) -> egui::Id {
    id.with("error")
}

/// Shows `message` beside field `id` until its next value is committed: a value the field
/// itself cannot read.
pub fn refuse(ui: &egui::Ui, id: egui::Id, message: String) {
    ui.data_mut(|data| data.insert_temp(error_id(id), message));
}

fn clear_error(ui: &egui::Ui, id: egui::Id) {
    ui.data_mut(|data| data.remove::<String>(error_id(id)));
}

/// `None` for an empty or blank text, else the text trimmed.
pub fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
