//! Everything a menu, a shortcut, a panel or a click on the map can ask the app to do,
//! applied in one place at the end of the frame. Each command carries its menu text, its
//! tooltip and its shortcut, so that the menus, the shortcut handling and Help ▸ Keyboard
//! shortcuts all come from this one list.

use std::ops::Range;
use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::explore_state::SizeBy;
use crate::app::export_settings::{ExportRequest, ExportSettings};
use crate::app::selection::{LabelLanguage, Selection};
use crate::app::windows::add_article::ArticleForm;
use crate::edit::Edit;
use crate::edit::merge::Choice;
use crate::explore::filter::Filter;
use crate::explore::timeline::UndatedTies;
use crate::interop::{ColumnMapping, SheetChoice};
use crate::network::index::{EntityIx, TieIx};
use crate::network::model::EntityKind;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a file with the native dialog, then open it.
    OpenDialog,
    /// Open a network file.
    Open(PathBuf),
    /// Open a spreadsheet with these columns as the column-mapping dialog chose them, and
    /// remember them for tables with these headers.
    OpenWithColumns {
        path: PathBuf,
        headers: Vec<String>,
        columns: ColumnMapping,
        /// A workbook's sheets of ties and entities.
        sheets: SheetChoice,
    },
    /// The column-mapping dialog's choices as the person changed them.
    SetColumns(ColumnMapping),
    /// The column-mapping dialog's sheets of a workbook as the person chose them: the
    /// ties' (whose columns are then asked for) and the entities', if any.
    SetSheets {
        ties: String,
        entities: Option<String>,
    },
    /// Close the column-mapping dialog without opening the file.
    CloseColumnDialog,
    /// Open the embedded Samsung network.
    OpenDefault,
    /// Save the open network: back to the powermap file it came from, after asking; a
    /// network from elsewhere (embedded, imported) asks where, as Save as….
    Save,
    /// Ask where to save with the native dialog, then save there.
    SaveAsDialog,
    /// Save to a chosen file (the file dialog already confirmed replacing it), in the format
    /// its name asks for: powermap JSON, GEXF, GraphML or node-link JSON.
    SaveAs(PathBuf),
    /// Replace the open network's own powermap file, as the person confirmed.
    ReplaceFile(PathBuf),
    /// Do not replace the file after all.
    CancelSave,
    /// Show the import report of the open network again.
    ShowImportReport,
    /// Close the import report's window.
    CloseImportReport,
    /// Stop opening a file in the background; the open network stays.
    CancelLoad,
    Select(Selection),
    ClearSelection,
    SetLanguage(LabelLanguage),
    /// Pause a running layout, or resume it.
    ToggleLayout,
    /// Start the layout again from the file's starting positions.
    Relayout,
    /// Pin the selected entity where it is, or let the layout move it again.
    TogglePin,
    /// Move an entity by hand from one point of the map to another, pinning it there (a
    /// drag): one step of the history.
    MoveEntity {
        entity: EntityIx,
        from: [f32; 2],
        to: [f32; 2],
    },
    /// File ▸ New: ask for the new map's title and language (after asking about unsaved
    /// changes).
    NewMapDialog,
    /// Start an empty map with this title and label language.
    CreateMap {
        title: String,
        language: LabelLanguage,
    },
    /// Close File ▸ New's dialog.
    CloseNewMap,
    /// File ▸ Merge another map…: ask for a file with the native dialog, then merge it.
    MergeMapDialog,
    /// Combine another network file into the open one: one step of the history.
    MergeMap(PathBuf),
    /// Close the report of the last merge of another map.
    CloseMergeReport,
    /// File ▸ Add article…: ask for an article's text and details.
    AddArticleDialog,
    /// Ask for an article file (`.txt`, `.md`, `.html`) with the native dialog, then read it
    /// into File ▸ Add article…'s form.
    ChooseArticleFile,
    /// Read an article file into File ▸ Add article…'s form.
    ReadArticleFile(PathBuf),
    /// File ▸ Add article…'s form as the person changed it.
    SetArticleForm(Box<ArticleForm>),
    /// Add the form's article to the map as a source: one step of the history.
    AddArticle,
    /// Close File ▸ Add article… without adding.
    CloseAddArticle,
    /// Show a source's article in the article view, with a quote's bytes highlighted.
    OpenArticle {
        source: String,
        highlight: Option<Range<usize>>,
    },
    /// Close the article view.
    CloseArticle,
    /// Select a sentence of the article view (its index).
    SelectSentence(usize),
    /// Choose part of the selected sentence to quote (bytes of the article), or all of it.
    SetArticleSpan(Option<Range<usize>>),
    /// Make the article view's selection a new tie: one step, opened in the tie editor.
    MakeTieFromArticle,
    /// Add the article view's selection to a tie as evidence: one step.
    AddEvidenceFromArticle(TieIx),
    /// Make the name chosen in the article view an entity of this kind: one step.
    EntityFromArticle(EntityKind),
    /// Take the last edit back.
    Undo,
    /// Make the last undone edit again.
    Redo,
    /// Change the map: one step of the history, named `what`. A refusal shows beside the
    /// field `field`, if the edit came from one.
    Edit {
        what: String,
        edit: Edit,
        field: Option<egui::Id>,
    },
    /// Add an entity at a point of the map (the middle of the view if `None`) and open it
    /// for editing.
    AddEntity(Option<[f32; 2]>),
    /// Add a source, open for editing.
    AddSource,
    /// Tie two entities by a new meeting, open for editing (a Shift-drag, or the second end
    /// picked).
    AddTieBetween(EntityIx, EntityIx),
    /// Pick the other end of a new tie from this entity, by click or search.
    StartTie(EntityIx),
    /// Pick one more participant of this tie, by click or search.
    StartAddingParticipant(TieIx),
    /// Pick the entity to merge with this one, by click or search.
    StartMerging(EntityIx),
    /// Stop picking an entity.
    CancelPicking,
    /// Show the merge of one entity into another, with its conflicts to choose.
    ShowMerge {
        kept: EntityIx,
        merged: EntityIx,
    },
    /// Merge `merged` into `kept`, taking each conflict's side as chosen.
    Merge {
        kept: EntityIx,
        merged: EntityIx,
        choices: Vec<Choice>,
    },
    /// Close the merge dialog without merging.
    CloseMerge,
    /// Show or hide Edit ▸ Possible duplicates.
    TogglePossibleDuplicates,
    /// Delete the selected entity (after asking), tie or source.
    DeleteSelected,
    /// Delete an entity and the ties that go with it, as the person confirmed.
    DeleteEntity(EntityIx),
    /// Do not delete after all.
    CancelDelete,
    /// Show the selected entity's, tie's or source's fields for editing, or only read them.
    SetEditing(bool),
    /// Save the changes, then go on with what was asked (open, new, quit).
    SaveThenContinue,
    /// Drop the changes and go on with what was asked.
    DiscardThenContinue,
    /// Keep the changes and do not go on.
    CancelUnsaved,
    /// Open the recovery copy of unsaved work found at start.
    RestoreRecovery,
    /// Delete the recovery copy found at start.
    DiscardRecovery,
    FitView,
    DismissErrors,
    /// Show File ▸ Export's dialog.
    ShowExportDialog,
    /// Close the export dialog.
    CloseExportDialog,
    /// Keep these choices in the export dialog.
    SetExportSettings(ExportSettings),
    /// Ask where to save, then export with these settings.
    ChooseExportFile(ExportSettings),
    /// Export to a chosen file (the file dialog already confirmed replacing it).
    Export(ExportRequest),
    /// File ▸ Export timeline film…: ask where, then play the timeline into a film.
    ExportFilmDialog,
    /// Play the timeline into a film at this file (`.gif`, `.png`), which the file dialog
    /// confirmed replacing.
    ExportFilm(PathBuf),
    /// Open an article's address in the system browser.
    OpenLink(String),
    Quit,
    /// Put the cursor in the search box.
    FocusSearch,
    /// Select an entity and centre the map on it (a search result).
    ShowEntity(EntityIx),
    /// Show or hide the Filters window.
    ToggleFilters,
    /// Hide what the filter says, and nothing else.
    SetFilter(Filter),
    /// Show the network as of a timeline step (an index into its distinct dates), or with
    /// `None` every tie whatever its date.
    SetTimeline(Option<usize>),
    /// Play the timeline, one date after another, or pause it.
    SetPlaying(bool),
    /// Step the playing timeline on to its next date, if that is due.
    AdvanceTimeline,
    /// Show or hide undated ties while the timeline is on.
    SetUndatedTies(UndatedTies),
    /// Focus the map on this many steps around the selected entity (0: off).
    SetFocusSteps(usize),
    /// Start the path at an entity (`None`: no start).
    SetPathFrom(Option<EntityIx>),
    /// End the path at an entity (`None`: no end).
    SetPathTo(Option<EntityIx>),
    /// Forget the path's ends.
    ClearPath,
    /// Scale the entities by a metric, or not.
    SetSizeBy(SizeBy),
    /// View ▸ Story…: show or hide the Story window, where the map's story is made.
    ToggleStory,
    /// Add a story step made from what the map shows (the selection, path or focus, the
    /// view, the timeline's date): one step of the history.
    AddStoryStep,
    /// Play the story from its first step.
    PlayStory,
    /// Play the story from this step (an index into it), or show it if it plays.
    ShowStoryStep(usize),
    /// Show the playing story's next step.
    NextStoryStep,
    /// Show the playing story's step before.
    PreviousStoryStep,
    /// Stop playing the story.
    LeaveStory,
    /// Show or hide Help ▸ Keyboard shortcuts.
    ToggleShortcuts,
    /// Show or hide Help ▸ About.
    ToggleAbout,
}

impl Command {
    /// The command's name in menus and in Help ▸ Keyboard shortcuts.
    pub fn text(&self) -> &'static str {
        match self {
            Self::OpenDialog => "Open…",
            Self::Open(_) => "Open a file",
            Self::OpenWithColumns { .. } => "Open with these columns",
            Self::SetColumns(_) => "Choose a column",
            Self::SetSheets { .. } => "Choose the sheets",
            Self::CloseColumnDialog => "Close the column dialog",
            Self::OpenDefault => "Open the Samsung network",
            Self::Save => "Save",
            Self::SaveAsDialog => "Save as…",
            Self::SaveAs(_) => "Save as",
            Self::ReplaceFile(_) => "Replace the file",
            Self::CancelSave => "Do not replace the file",
            Self::ShowImportReport => "Import report",
            Self::CloseImportReport => "Close the import report",
            Self::CancelLoad => "Cancel opening",
            Self::Select(_) => "Select",
            Self::ClearSelection => "Clear selection",
            Self::SetLanguage(LabelLanguage::Korean) => "Labels in Korean",
            Self::SetLanguage(LabelLanguage::English) => "Labels in English",
            Self::ToggleLayout => "Pause / resume",
            Self::Relayout => "Re-layout",
            Self::TogglePin => "Pin / unpin selected",
            Self::MoveEntity { .. } => "Move",
            Self::NewMapDialog => "New map…",
            Self::CreateMap { .. } => "Create the map",
            Self::CloseNewMap => "Close the new map dialog",
            Self::MergeMapDialog => "Merge another map…",
            Self::MergeMap(_) => "Merge a map",
            Self::CloseMergeReport => "Close the merge report",
            Self::ExportFilmDialog => "Export timeline film…",
            Self::ExportFilm(_) => "Export the timeline film",
            Self::AddArticleDialog => "Add article…",
            Self::ChooseArticleFile => "Open an article file…",
            Self::ReadArticleFile(_) => "Read an article file",
            Self::SetArticleForm(_) => "Change the article's details",
            Self::AddArticle => "Add article",
            Self::CloseAddArticle => "Close Add article",
            Self::OpenArticle { .. } => "Read the article",
            Self::CloseArticle => "Close the article",
            Self::SelectSentence(_) => "Select a sentence",
            Self::SetArticleSpan(_) => "Choose words to quote",
            Self::MakeTieFromArticle => "Make a tie from this",
            Self::AddEvidenceFromArticle(_) => "Add as evidence to the selected tie",
            Self::EntityFromArticle(_) => "Make a new entity",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Edit { .. } => "Edit",
            Self::AddEntity(_) => "Add entity",
            Self::AddSource => "Add source",
            Self::AddTieBetween(..) => "Tie the two",
            Self::StartTie(_) => "Add tie",
            Self::StartAddingParticipant(_) => "Add participant",
            Self::StartMerging(_) => "Merge with…",
            Self::CancelPicking => "Stop picking",
            Self::ShowMerge { .. } => "Merge…",
            Self::Merge { .. } => "Merge",
            Self::CloseMerge => "Do not merge",
            Self::TogglePossibleDuplicates => "Possible duplicates…",
            Self::DeleteSelected => "Delete",
            Self::DeleteEntity(_) => "Delete the entity",
            Self::CancelDelete => "Do not delete",
            Self::SetEditing(true) => "Edit",
            Self::SetEditing(false) => "Done",
            Self::SaveThenContinue => "Save",
            Self::DiscardThenContinue => "Discard",
            Self::CancelUnsaved => "Cancel",
            Self::RestoreRecovery => "Restore",
            Self::DiscardRecovery => "Discard the recovered work",
            Self::FitView => "Fit to window",
            Self::DismissErrors => "Dismiss errors",
            Self::ShowExportDialog => "Export…",
            Self::CloseExportDialog => "Close the export dialog",
            Self::SetExportSettings(_) => "Export settings",
            Self::ChooseExportFile(_) => "Export to a file…",
            Self::Export(_) => "Export",
            Self::OpenLink(_) => "Open the article",
            Self::Quit => "Quit",
            Self::FocusSearch => "Search…",
            Self::ShowEntity(_) => "Show on the map",
            Self::ToggleFilters => "Filters…",
            Self::SetFilter(_) => "Filter",
            Self::SetTimeline(_) => "Timeline",
            Self::SetPlaying(true) => "Play the timeline",
            Self::SetPlaying(false) => "Pause the timeline",
            Self::AdvanceTimeline => "Next date",
            Self::SetUndatedTies(_) => "Undated ties",
            Self::SetFocusSteps(_) => "Focus",
            Self::SetPathFrom(_) => "Path from here",
            Self::SetPathTo(_) => "Path to here",
            Self::ClearPath => "Clear the path",
            Self::SetSizeBy(_) => "Size entities by",
            Self::ToggleStory => "Story…",
            Self::AddStoryStep => "Add step",
            Self::PlayStory => "Play story",
            Self::ShowStoryStep(_) => "Play from here",
            Self::NextStoryStep => "Next step",
            Self::PreviousStoryStep => "Step before",
            Self::LeaveStory => "Leave the story",
            Self::ToggleShortcuts => "Keyboard shortcuts",
            Self::ToggleAbout => "About powermap",
        }
    }

    /// What the command does, for its menu entry's tooltip.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::OpenDialog => {
                "Open a network: powermap JSON, GEXF, GraphML, CSV, a spreadsheet, node-link or Cytoscape"
            }
            Self::OpenDefault => "Open the embedded network of the two Korean articles on Samsung",
            Self::Save => "Write the network back to its powermap file, after asking",
            Self::SaveAsDialog => {
                "Write the network as it is on screen, as powermap JSON, GEXF, GraphML or node-link JSON"
            }
            Self::ShowExportDialog => "Export the map as a PNG or SVG picture, or as a web page",
            Self::Quit => "Close the window",
            Self::FitView => "Zoom and pan so that the whole network fills the map",
            Self::ClearSelection => "Close the panel of the selected tie or entity",
            Self::SetLanguage(_) => "The language of the labels on the map",
            Self::FocusSearch => {
                "Find an entity by part of a name or an alias, in Korean or English"
            }
            Self::ToggleFilters => "Hide kinds of entities and ties, or groups",
            Self::ToggleLayout => "Pause the layout, or resume it",
            Self::Relayout => "Lay the map out again from the start",
            Self::TogglePin => "A pinned entity stays where it is; the layout does not move it",
            Self::ShowImportReport => "What was mapped, kept as attributes, dropped and why",
            Self::ToggleShortcuts => "Every keyboard shortcut and what the mouse does on the map",
            Self::ToggleAbout => "powermap's version and licences",
            Self::NewMapDialog => "Start an empty map",
            Self::MergeMapDialog => {
                "Combine another network into this one: entities matched by id, then by name or alias"
            }
            Self::ExportFilmDialog => {
                "The timeline as an animated GIF or PNG: one frame per date, each tie appearing at its date"
            }
            Self::AddArticleDialog => {
                "Paste an article or open a .txt, .md or .html file: its sentences propose ties"
            }
            Self::Undo => "Take the last change back",
            Self::Redo => "Make the last undone change again",
            Self::AddEntity(_) => {
                "Add a person or organisation in the middle of the map (or double-click the map)"
            }
            Self::AddSource => "Add an article or document that evidence can quote",
            Self::TogglePossibleDuplicates => {
                "Entities that may be one: the same name, a name that is the other's alias…"
            }
            Self::DeleteSelected => "Delete the selected entity, tie or source",
            Self::ToggleStory => {
                "Tell the map step by step: each step a caption, the entities and ties it \
                 highlights, a view and a date"
            }
            Self::AddStoryStep => {
                "A step highlighting what is selected (or the path, or the focus), with this \
                 view and the timeline's date"
            }
            Self::PlayStory => {
                "Show the story one step at a time: the left and right arrow keys step, Esc leaves"
            }
            Self::ShowStoryStep(_) => "Play the story from this step",
            Self::NextStoryStep => "Show the story's next step",
            Self::PreviousStoryStep => "Show the story's step before",
            Self::LeaveStory => "Stop playing the story and go back to the map",
            _ => "",
        }
    }

    /// The keyboard shortcut of commands that have one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let key = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::OpenDialog => key(Modifiers::COMMAND, Key::O),
            Self::SaveAsDialog => key(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S),
            Self::Save => key(Modifiers::COMMAND, Key::S),
            Self::ShowExportDialog => key(Modifiers::COMMAND, Key::E),
            Self::ToggleLayout => key(Modifiers::NONE, Key::Space),
            Self::TogglePin => key(Modifiers::NONE, Key::P),
            Self::FitView => key(Modifiers::NONE, Key::F),
            Self::ClearSelection => key(Modifiers::NONE, Key::Escape),
            Self::Quit => key(Modifiers::COMMAND, Key::Q),
            Self::FocusSearch => key(Modifiers::COMMAND, Key::F),
            Self::ToggleShortcuts => key(Modifiers::NONE, Key::F1),
            Self::NewMapDialog => key(Modifiers::COMMAND, Key::N),
            Self::Undo => key(Modifiers::COMMAND, Key::Z),
            Self::Redo => key(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
            Self::AddEntity(None) => key(Modifiers::NONE, Key::N),
            Self::DeleteSelected => key(Modifiers::NONE, Key::Delete),
            Self::NextStoryStep => key(Modifiers::NONE, Key::ArrowRight),
            Self::PreviousStoryStep => key(Modifiers::NONE, Key::ArrowLeft),
            Self::LeaveStory => key(Modifiers::NONE, Key::Escape),
            _ => None,
        }
    }

    /// The commands that shortcuts trigger, most modifiers first: extra Shift is ignored
    /// when matching, so Ctrl+Shift+S must be tried before Ctrl+S.
    pub fn with_shortcuts() -> [Self; 16] {
        [
            Self::Redo,
            Self::Undo,
            Self::NewMapDialog,
            Self::AddEntity(None),
            Self::DeleteSelected,
            Self::FocusSearch,
            Self::SaveAsDialog,
            Self::Save,
            Self::OpenDialog,
            Self::ShowExportDialog,
            Self::Quit,
            Self::ToggleLayout,
            Self::TogglePin,
            Self::FitView,
            Self::ClearSelection,
            Self::ToggleShortcuts,
        ]
    }

    /// The commands that shortcuts trigger while a story plays, before any of
    /// [`Command::with_shortcuts`]: Esc leaves the story rather than clearing the selection.
    pub fn while_story_plays() -> [Self; 3] {
        [
            Self::NextStoryStep,
            Self::PreviousStoryStep,
            Self::LeaveStory,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let commands = Command::with_shortcuts();
        for (i, a) in commands.iter().enumerate() {
            assert!(
                a.shortcut().is_some(),
                "{} is listed without a shortcut",
                a.text()
            );
            assert!(!a.tooltip().is_empty(), "{} has no tooltip", a.text());
            for b in &commands[i + 1..] {
                assert_ne!(a.shortcut(), b.shortcut(), "{} and {}", a.text(), b.text());
            }
        }
    }

    #[test]
    fn the_story_steps_on_the_arrows_and_ends_on_esc() {
        let commands = Command::while_story_plays();
        let keys: Vec<Option<Key>> = (commands.iter())
            .map(|command| command.shortcut().map(|shortcut| shortcut.logical_key))
            .collect();
        assert_eq!(
            keys,
            [
                Some(Key::ArrowRight),
                Some(Key::ArrowLeft),
                Some(Key::Escape)
            ]
        );
        assert!(commands.iter().all(|command| !command.tooltip().is_empty()));
    }

    #[test]
    fn shortcuts_with_more_modifiers_are_tried_first() {
        let commands = Command::with_shortcuts();
        let position = |command: &Command| commands.iter().position(|c| c == command);
        assert!(position(&Command::SaveAsDialog) < position(&Command::Save));
        assert!(position(&Command::Redo) < position(&Command::Undo));
    }
}
