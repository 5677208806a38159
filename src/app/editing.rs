//! Editing the map from the window: the commands that change the network, each made as one
//! step of the document's history; picking an entity on the map or in search (the other
//! end of a tie, one more participant, the entity to merge with); and the questions that
//! keep work from being lost (unsaved changes, the recovery copy).

use std::path::PathBuf;

use crate::app::PowermapApp;
use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::recovery::RecoveredWork;
use crate::app::saving;
use crate::app::selection::{LabelLanguage, Selection};
use crate::edit::history::Direction;
use crate::edit::merge::{Choice, merge_entities};
use crate::edit::{List, ops};
use crate::interop::ExportFormat;
use crate::network::combine::combine;
use crate::network::diagnostic::count_text;
use crate::network::index::{EntityIx, TieIx};
use crate::network::load::Loaded;
use crate::network::model::{
    Entity, EntityKind, LocalizedText, Network, Position, Source, Tie, TieKind,
    distinct_participants,
};
use crate::network::save::Overwrite;
use crate::network::validate::validate;

/// What an entity is being picked for, on the map or in search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picking {
    /// The other end of a new tie from this entity.
    TieFrom(EntityIx),
    /// One more participant of this tie.
    Participant(TieIx),
    /// The entity to merge with this one.
    MergeWith(EntityIx),
}

impl Picking {
    /// What the map's banner asks for.
    pub fn prompt(self, document: &Document, language: LabelLanguage) -> String {
        let name = |entity: EntityIx| document.network[entity].display_name(language.code());
        match self {
            Self::TieFrom(from) => format!(
                "Click the other end of the new tie from {0}, or find it in search \
                 ({0} itself for a tie to itself)",
                name(from)
            ),
            Self::Participant(_) => {
                "Click one more participant of the tie, or find it in search".to_owned()
            }
            Self::MergeWith(entity) => format!(
                "Click the entity to merge with {}, or find it in search",
                name(entity)
            ),
        }
    }
}

/// An edit the network refused, and why, shown beside the field it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub field: Option<egui::Id>,
    pub message: String,
}

/// What is selected, by id, to be found again after the network changed.
struct SelectedId {
    selection: Selection,
    id: String,
    /// How long its list was: if the id is gone but the list is as long, the change gave
    /// the item a new id, and the selection stays on it.
    list_len: usize,
}

impl PowermapApp {
    /// Makes an edit as one step of the history; a refusal is kept to show beside `field`.
    /// Returns whether the edit was made.
    pub(super) fn apply_edit(
        &mut self,
        what: String,
        edit: crate::edit::Edit,
        field: Option<egui::Id>,
    ) -> bool {
        let selected = self.selected_id();
        match self.document.edit(what.clone(), edit, self.language) {
            Ok(()) => {
                tracing::info!("edit: {what}");
                self.refusal = None;
                self.after_change(selected);
                true
            }
            Err(err) => {
                tracing::info!("edit refused: {err}");
                self.refusal = Some(Refusal {
                    field,
                    message: err.to_string(),
                });
                false
            }
        }
    }

    /// Takes the last step back, or makes the last undone one again.
    pub(super) fn walk_history(&mut self, direction: Direction) {
        let selected = self.selected_id();
        let done = self.document.walk_history(direction, self.language);
        match done {
            Some(Ok(what)) => {
                self.refusal = None;
                let done = match direction {
                    Direction::Undo => "Undid",
                    Direction::Redo => "Redid",
                };
                self.notice = Some(format!("{done} {what}"));
                self.after_change(selected);
            }
            Some(Err(err)) => self.failures.save = Some(format!("Cannot undo: {err}")),
            None => {}
        }
    }

    /// After the network changed: the selection found again by id, the title's dot.
    fn after_change(&mut self, selected: Option<SelectedId>) {
        let (index, network) = (&self.document.index, &self.document.network);
        self.selection = selected.and_then(|selected| {
            let (found, list_len) = match selected.selection {
                Selection::Entity(_) => (
                    index.entity_ix(&selected.id).map(Selection::Entity),
                    network.entities.len(),
                ),
                Selection::Tie(_) => (
                    index.tie_ix(&selected.id).map(Selection::Tie),
                    network.ties.len(),
                ),
                Selection::Source(_) => (
                    index.source_position(&selected.id).map(Selection::Source),
                    network.sources.len(),
                ),
            };
            found.or((list_len == selected.list_len).then_some(selected.selection))
        });
        if self.merging.is_some() || self.confirm_delete.is_some() {
            self.merging = None;
            self.confirm_delete = None;
        }
        self.picking = None;
        self.keep_story_in_range();
        self.pending_title = Some(self.document.window_title());
    }

    fn selected_id(&self) -> Option<SelectedId> {
        let network = &self.document.network;
        let selection = self.selection?;
        let (id, list_len) = match selection {
            Selection::Entity(entity) => (network[entity].id.clone(), network.entities.len()),
            Selection::Tie(tie) => (network[tie].id.clone(), network.ties.len()),
            Selection::Source(source) => (
                network.sources.get(source)?.id.clone(),
                network.sources.len(),
            ),
        };
        Some(SelectedId {
            selection,
            id,
            list_len,
        })
    }

    /// Adds an entity at a point of the map (the middle of the view by default), selects it
    /// and opens it for editing.
    pub(super) fn add_entity(&mut self, at: Option<[f32; 2]>) {
        let network = &self.document.network;
        let [x, y] = at.unwrap_or_else(|| self.document.view.centre());
        let id = ops::fresh_id(network, List::Entities, "", "entity");
        let name = match self.language {
            LabelLanguage::Korean => "새 인물",
            LabelLanguage::English => "New entity",
        };
        let mut entity = Entity::new(
            id.clone(),
            EntityKind::Person,
            LocalizedText::from([(self.language.code().to_owned(), name.to_owned())]),
        );
        entity.position = Some(Position {
            x: f64::from(x),
            y: f64::from(y),
        });
        let edit = ops::add_entity(network, entity);
        if self.apply_edit("add entity".to_owned(), edit, None) {
            self.selection = self.document.index.entity_ix(&id).map(Selection::Entity);
            self.editing = true;
        }
    }

    /// Adds a source with a name to change, selects it and opens it for editing.
    pub(super) fn add_source(&mut self) {
        let network = &self.document.network;
        let id = ops::fresh_id(network, List::Sources, "", "source");
        let source = Source {
            id: id.clone(),
            outlet: LocalizedText::from([("en".to_owned(), "Outlet".to_owned())]),
            title: "Title of the article".to_owned(),
            author: None,
            published: None,
            url: None,
            language: None,
            text: None,
        };
        let edit = ops::add_source(network, source);
        if self.apply_edit("add source".to_owned(), edit, None) {
            self.selection = self
                .document
                .index
                .source_position(&id)
                .map(Selection::Source);
            self.editing = true;
        }
    }

    /// Ties two entities by a new meeting, selected and open for editing; an entity tied
    /// to itself (a company holding its own shares) gets a tie of kind `other`, as no
    /// one meets themselves.
    pub(super) fn add_tie_between(&mut self, a: EntityIx, b: EntityIx) {
        let network = &self.document.network;
        let kind = if a == b {
            TieKind::Other
        } else {
            TieKind::Meeting
        };
        let (a, b) = (&network[a], &network[b]);
        let stem = format!("{}-{}", a.id, b.id);
        let id = ops::fresh_id(network, List::Ties, &stem, "tie");
        let tie = Tie::new(id.clone(), kind, &[&a.id, &b.id]);
        let edit = ops::add_tie(network, tie);
        if self.apply_edit("add tie".to_owned(), edit, None) {
            self.selection = self.document.index.tie_ix(&id).map(Selection::Tie);
            self.editing = true;
        }
    }

    /// The entity picked on the map or in search, for what is being picked.
    pub(super) fn pick(&mut self, picked: EntityIx) {
        let Some(picking) = self.picking.take() else {
            return;
        };
        match picking {
            // The entity itself as the other end: a tie to itself, a self-loop.
            Picking::TieFrom(from) => self.add_tie_between(from, picked),
            Picking::Participant(tie) => {
                let network = &self.document.network;
                let mut changed = network[tie].clone();
                let id = &network[picked].id;
                if !changed.participants.contains(id) {
                    // One more entity on a self-loop makes it a tie between the two.
                    changed.participants = distinct_participants(
                        (changed.participants.into_iter()).chain([id.clone()]),
                    );
                    let edit = ops::change_tie(network, tie.index(), changed);
                    self.apply_edit("add participant".to_owned(), edit, None);
                }
            }
            Picking::MergeWith(kept) if kept != picked => self.merging = Some((kept, picked)),
            // Merging an entity with itself picks nothing.
            _ => self.picking = Some(picking),
        }
    }

    /// A drag moved an entity from `from` to `to` and pins it there: one step.
    pub(super) fn move_entity(&mut self, entity: EntityIx, from: [f32; 2], to: [f32; 2]) {
        let at = entity.index();
        // The step starts where the drag did, so that undo puts the entity back there.
        if let Some(moved) = self.document.network.entities.get_mut(at) {
            moved.position = Some(Position {
                x: f64::from(from[0]),
                y: f64::from(from[1]),
            });
        }
        let to = Position {
            x: f64::from(to[0]),
            y: f64::from(to[1]),
        };
        let name = self.document.network.entities[at]
            .display_name(self.language.code())
            .to_owned();
        let edit = ops::move_entity(&self.document.network, at, to, true);
        self.apply_edit(format!("move {name}"), edit, None);
    }

    /// Pins the selected entity where it is, or lets the layout move it again: one step.
    pub(super) fn toggle_pin(&mut self) {
        let Some(Selection::Entity(entity)) = self.selection else {
            return;
        };
        let [x, y] = self.document.view.positions()[entity.index()];
        let network = &self.document.network;
        let (pinned, name) = (
            !network[entity].pinned,
            network[entity].display_name(self.language.code()),
        );
        let what = format!("{} {name}", if pinned { "pin" } else { "unpin" });
        let position = Position {
            x: f64::from(x),
            y: f64::from(y),
        };
        let edit = ops::move_entity(network, entity.index(), position, pinned);
        self.apply_edit(what, edit, None);
    }

    /// Deletes the selected tie or source; an entity is asked about first.
    pub(super) fn delete_selected(&mut self) {
        let network = &self.document.network;
        match self.selection {
            Some(Selection::Entity(entity)) => self.confirm_delete = Some(entity),
            Some(Selection::Tie(tie)) => {
                let what = format!("delete tie {}", network[tie].id);
                if self.apply_edit(what, ops::delete_tie(network, tie.index()), None) {
                    self.selection = None;
                }
            }
            Some(Selection::Source(source)) if source < network.sources.len() => {
                let what = format!("delete source {}", network.sources[source].id);
                let (edit, _) = ops::delete_source(network, source);
                if self.apply_edit(what, edit, None) {
                    self.selection = None;
                }
            }
            _ => {}
        }
    }

    /// Deletes an entity and the ties that go with it, as confirmed.
    pub(super) fn delete_entity(&mut self, entity: EntityIx) {
        self.confirm_delete = None;
        let network = &self.document.network;
        let name = network[entity]
            .display_name(self.language.code())
            .to_owned();
        let deletion = ops::delete_entity(network, entity.index());
        if self.apply_edit(format!("delete {name}"), deletion.edit, None) {
            self.selection = None;
            self.notice = Some(format!(
                "Deleted {name} and {}",
                count_text(deletion.ties_removed.len(), "tie", "ties")
            ));
        }
    }

    /// Merges one entity into another, as chosen in the merge dialog.
    pub(super) fn merge(&mut self, kept: EntityIx, merged: EntityIx, choices: &[Choice]) {
        self.merging = None;
        let network = &self.document.network;
        let names = |e: EntityIx| network[e].display_name(self.language.code()).to_owned();
        let what = format!("merge {} into {}", names(merged), names(kept));
        let kept_id = network[kept].id.clone();
        let merge = merge_entities(network, kept.index(), merged.index(), choices);
        let repointed = merge.ties_repointed.len() + merge.ties_folded.len();
        let looped = match merge.ties_looped.len() {
            0 => String::new(),
            looped => format!(", {looped} now joining it to itself"),
        };
        if self.apply_edit(what.clone(), merge.edit, None) {
            self.selection = self
                .document
                .index
                .entity_ix(&kept_id)
                .map(Selection::Entity);
            self.notice = Some(format!(
                "{what}: {} re-pointed{looped}",
                count_text(repointed, "tie", "ties")
            ));
        }
    }

    /// Combines another network file into the open one, as one step; its report shows what
    /// was matched, added and in conflict. A file that does not open shows its errors.
    pub(super) fn merge_map(&mut self, path: &std::path::Path) {
        let imported = match crate::interop::import_file(path) {
            Ok(imported) => imported,
            Err(err) => {
                self.failures.load = Some(crate::app::windows::failures::LoadFailure::from(&err));
                return;
            }
        };
        let combined = combine(&self.document.network, &imported.network);
        let name = saving::display_name(path);
        let edit = crate::edit::Edit::ReplaceNetwork(Box::new(combined.network));
        if self.apply_edit(format!("merge {name}"), edit, None) {
            self.merge_report = Some((name, combined.report.to_string()));
        }
    }

    /// Starts an empty map with a title and a label language, unsaved.
    pub(super) fn create_map(&mut self, title: String, language: LabelLanguage) {
        let mut network = Network::empty();
        network.title = title.trim().to_owned();
        network.label_language = language.code().to_owned();
        let loaded = Loaded {
            network,
            warnings: Vec::new(),
        };
        let name = "untitled.json".to_owned();
        self.replace_document(Document::new(loaded, None, name, language), language);
        self.document.history = crate::edit::history::History::unsaved();
        self.windows.new_map = false;
        self.editing = true;
        self.pending_title = Some(self.document.window_title());
    }

    /// Puts a document on screen in place of the open one.
    pub(super) fn replace_document(&mut self, document: Document, language: LabelLanguage) {
        self.document = document;
        self.language = language;
        self.selection = None;
        self.picking = None;
        self.refusal = None;
        self.merging = None;
        self.confirm_delete = None;
        self.presenting = None;
        self.windows.import_report = self.document.import.is_some();
        self.pending_title = Some(self.document.window_title());
    }

    /// Whether `command` (open, new, quit) may go ahead now; with unsaved changes, it is
    /// kept and the window asks whether to save them first.
    pub(super) fn may_drop_changes(&mut self, command: &Command) -> bool {
        if !self.document.is_dirty() || self.discard_confirmed {
            self.discard_confirmed = false;
            return true;
        }
        self.unsaved_question = Some(command.clone());
        false
    }

    /// Save ▸ then what was asked: saved to the network's own file, or where the person
    /// chooses; what was asked goes ahead once nothing is unsaved.
    pub(super) fn save_then_continue(&mut self) {
        let Some(then) = self.unsaved_question.take() else {
            return;
        };
        let target = match self.document.own_file() {
            Some(path) => Some((path.to_owned(), ExportFormat::Powermap, Overwrite::Replace)),
            None => saving::save_as_dialog(&self.document)
                .save_file()
                .map(saving::save_target),
        };
        if let Some((path, format, overwrite)) = target {
            self.save(path, format, overwrite);
            if !self.document.is_dirty() {
                self.commands.push(then);
            }
        }
    }

    /// Discard ▸ then what was asked.
    pub(super) fn discard_then_continue(&mut self) {
        if let Some(then) = self.unsaved_question.take() {
            self.recovery.remove();
            self.discard_confirmed = true;
            self.commands.push(then);
        }
    }

    /// Copies unsaved work for recovery when due, and asks to be woken for the next copy.
    pub(super) fn copy_for_recovery(&mut self, ctx: &egui::Context) {
        let document = &self.document;
        let now_secs = ctx.input(|input| input.time);
        let wait_secs = self
            .recovery
            .tick(now_secs, document.is_dirty(), || RecoveredWork {
                file: document.own_file().map(PathBuf::from),
                name: document.name.clone(),
                network: saving::network_as_shown(document),
            });
        if let Some(wait_secs) = wait_secs {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait_secs.max(0.1)));
        }
    }

    /// Opens the work a crashed run left, unsaved, with the file it belongs to.
    pub(super) fn restore_recovery(&mut self) {
        let Some(work) = self.recovery.found.take() else {
            return;
        };
        let errors: Vec<String> = validate(&work.network)
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        if !errors.is_empty() {
            self.failures.save = Some(format!(
                "The recovered work does not read: {}",
                errors.join("; ")
            ));
            return;
        }
        let language = LabelLanguage::from_code(&work.network.label_language);
        let loaded = Loaded {
            network: work.network,
            warnings: Vec::new(),
        };
        let document = Document::new(loaded, work.file, work.name, language);
        self.replace_document(document, language);
        self.document.history = crate::edit::history::History::unsaved();
        self.pending_title = Some(self.document.window_title());
        self.notice = Some("Restored the unsaved work; save it to keep it".to_owned());
    }

    /// Drops the work a crashed run left.
    pub(super) fn discard_recovery(&mut self) {
        self.recovery.found = None;
        self.recovery.remove();
    }

    /// A close of the window with unsaved changes waits for the person's answer.
    pub(super) fn hold_close_for_unsaved(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested())
            && self.document.is_dirty()
            && !self.closing
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_question = Some(Command::Quit);
        }
    }

    /// Quit: closes the window, once nothing unsaved is in the way.
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        self.closing = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
