//! Everything a menu, a shortcut, a panel or a click on the map can ask the app to do,
//! applied in one place at the end of the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::explore_state::SizeBy;
use super::export_dialog::{ExportRequest, ExportSettings};
use super::selection::{LabelLanguage, Selection};
use crate::explore::filter::Filter;
use crate::explore::timeline::UndatedTies;
use crate::network::index::EntityIx;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a file with the native dialog, then open it.
    OpenDialog,
    /// Open a network file.
    Open(PathBuf),
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
    Select(Selection),
    ClearSelection,
    SetLanguage(LabelLanguage),
    /// Pause a running layout, or resume it.
    ToggleLayout,
    /// Start the layout again from the file's starting positions.
    Relayout,
    /// Pin the selected entity where it is, or let the layout move it again.
    TogglePin,
    FitView,
    DismissErrors,
    /// Show File ▸ Export's dialog.
    ShowExportDialog,
    /// Ask where to save, then export with these settings.
    ChooseExportFile(ExportSettings),
    /// Export to a chosen file (the file dialog already confirmed replacing it).
    Export(ExportRequest),
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
}

impl Command {
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
            _ => None,
        }
    }

    /// The commands that shortcuts trigger, most modifiers first: extra Shift is ignored
    /// when matching, so Ctrl+Shift+S must be tried before Ctrl+S.
    pub fn with_shortcuts() -> [Self; 10] {
        [
            Self::FocusSearch,
            Self::SaveAsDialog,
            Self::Save,
            Self::OpenDialog,
            Self::ShowExportDialog,
            Self::ToggleLayout,
            Self::TogglePin,
            Self::FitView,
            Self::ClearSelection,
            Self::Quit,
        ]
    }
}
