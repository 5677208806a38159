//! The desktop window: a thin layer over the library that draws the map and its panels
//! and turns clicks, keys and dropped files into [`Command`]s applied in one place.
//!
//! The app is split as rerun's viewer is: [`PowermapApp`] holds the state (here), the open
//! [`Document`] and its file I/O are in `document`, `command_handling` applies commands
//! and turns input into them, and `ui` lays the frame out. Panels get a read-only
//! [`AppStateRef`] and push commands; none changes the state itself.

mod articles;
mod command;
mod command_handling;
mod document;
mod editing;
mod explore_state;
mod export_settings;
mod fonts;
mod loader;
mod map;
mod panels;
mod recovery;
mod saving;
mod selection;
mod settings;
mod story;
mod ui;
mod windows;

use std::path::{Path, PathBuf};

pub use articles::ArticleView;
pub use command::Command;
pub use document::{Document, Opened};
pub use editing::{Picking, Refusal};
pub use explore_state::{ExploreState, SizeBy, TimelinePosition};
pub use export_settings::{ExportRequest, ExportScope, ExportSettings, ExportSize};
pub use fonts::font_definitions;
pub use map::map_view::MapView;
pub use map::shapes::{Emphasis, node_outline};
pub use recovery::Recovery;
pub use selection::{LabelLanguage, Selection};
pub use settings::Settings;
pub use story::Presentation;
pub use windows::add_article::{ArticleForm, Detail, DetailField};
pub use windows::columns::ColumnDialog;
pub use windows::failures::{Failures, LoadFailure};

use crate::network::dataset::{DEFAULT_DATASET_NAME, load_default_network};
use crate::network::index::EntityIx;

const SETTINGS_KEY: &str = "powermap-settings";

/// Which of the app's own windows are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenWindows {
    pub filters: bool,
    pub export: bool,
    pub import_report: bool,
    pub shortcuts: bool,
    pub about: bool,
    pub new_map: bool,
    pub duplicates: bool,
    pub story: bool,
}

/// The powermap window.
pub struct PowermapApp {
    pub settings: Settings,
    pub document: Document,
    pub selection: Option<Selection>,
    pub language: LabelLanguage,
    /// What went wrong, shown until dismissed.
    pub failures: Failures,
    pub export_settings: ExportSettings,
    pub windows: OpenWindows,
    /// The last thing done worth telling, such as an export, shown in the status bar.
    pub notice: Option<String>,
    /// The file Save asks to replace, while it asks.
    pub confirm_replace: Option<PathBuf>,
    /// A large file being opened in the background.
    pub loading: Option<loader::Loading<Opened>>,
    /// Whether the selected entity's, tie's or source's panel shows its fields to edit.
    pub editing: bool,
    /// An entity being picked on the map or in search, and what for.
    pub picking: Option<Picking>,
    /// The last edit refused, with why, shown beside its field.
    pub refusal: Option<Refusal>,
    /// The merge being chosen: `(kept, merged)`.
    pub merging: Option<(EntityIx, EntityIx)>,
    /// The entity Delete asks about, while it asks.
    pub confirm_delete: Option<EntityIx>,
    /// What was asked for (open, new, quit) while there are unsaved changes, while the
    /// window asks whether to save them.
    pub unsaved_question: Option<Command>,
    /// The recovery copy of unsaved work: where it is written, and one found at start.
    pub recovery: Recovery,
    /// What the last merge of another map matched, added and found in conflict, until
    /// its window is closed: `(file name, report)`.
    pub merge_report: Option<(String, String)>,
    /// File ▸ Add article…'s form, while it is open.
    pub add_article: Option<ArticleForm>,
    /// The article open in the article view.
    pub article: Option<ArticleView>,
    /// The story as it plays: the step on show.
    pub presenting: Option<Presentation>,
    /// The column-mapping dialog, while a spreadsheet waits for its columns to be chosen.
    pub column_dialog: Option<ColumnDialog>,
    /// Closing the window was confirmed: the next close request is let through.
    closing: bool,
    /// Discard was chosen: the next command that drops unsaved changes goes ahead.
    discard_confirmed: bool,
    /// The threads of cancelled loads, until they end.
    stopping_loads: Vec<std::thread::JoinHandle<()>>,
    /// The window's title, when it changed and is yet to be sent to the window.
    pending_title: Option<String>,
    /// Whether a text field had the keyboard as the last frame ended. egui lets go of the
    /// field when Esc is pressed, before the frame's shortcuts are read; that Esc is the
    /// field's (it puts the old text back), not a shortcut's.
    was_typing: bool,
    commands: Vec<Command>,
}

/// What the panels show, read-only: they push [`Command`]s to change any of it.
#[derive(Clone, Copy)]
pub struct AppStateRef<'a> {
    pub document: &'a Document,
    pub selection: Option<Selection>,
    pub language: LabelLanguage,
    pub settings: &'a Settings,
    pub notice: Option<&'a str>,
    pub export_settings: &'a ExportSettings,
    pub windows: OpenWindows,
    pub loading: Option<&'a loader::Loading<Opened>>,
    pub failures: &'a Failures,
    pub confirm_replace: Option<&'a Path>,
    pub editing: bool,
    pub picking: Option<Picking>,
    pub refusal: Option<&'a Refusal>,
    pub merging: Option<(EntityIx, EntityIx)>,
    pub confirm_delete: Option<EntityIx>,
    pub unsaved_question: Option<&'a Command>,
    pub recovery: &'a Recovery,
    pub merge_report: Option<&'a (String, String)>,
    pub add_article: Option<&'a ArticleForm>,
    pub article: Option<&'a ArticleView>,
    pub presenting: Option<Presentation>,
    pub column_dialog: Option<&'a ColumnDialog>,
}

impl PowermapApp {
    /// The app with the embedded network, or with `file` if given and it opens. Unsaved
    /// work is kept for recovery in the app's data directory
    /// ([`recovery::default_dir`]).
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        Self::with_recovery_dir(cc, file, recovery::default_dir())
    }

    /// As [`PowermapApp::new`], keeping recovery copies in `recovery_dir` (`None`: none).
    pub fn with_recovery_dir(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        fonts::set_fonts(&cc.egui_ctx);
        let settings = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_default_network(settings);
        app.recovery = Recovery::look_in(recovery_dir);
        if let Some(file) = file {
            app.open_path(&cc.egui_ctx, &file);
        }
        app
    }

    fn with_default_network(settings: Settings) -> Self {
        // The embedded network is checked by the tests; failing here is a build defect.
        let loaded = load_default_network()
            .unwrap_or_else(|err| panic!("the embedded network is invalid: {err}"));
        let language = LabelLanguage::from_code(&loaded.network.label_language);
        let document = Document::new(loaded, None, DEFAULT_DATASET_NAME.to_owned(), language);
        Self {
            settings,
            pending_title: Some(document.window_title()),
            document,
            selection: None,
            language,
            failures: Failures::default(),
            export_settings: ExportSettings::default(),
            windows: OpenWindows::default(),
            notice: None,
            confirm_replace: None,
            loading: None,
            editing: false,
            picking: None,
            refusal: None,
            merging: None,
            confirm_delete: None,
            unsaved_question: None,
            recovery: Recovery::default(),
            merge_report: None,
            add_article: None,
            article: None,
            presenting: None,
            column_dialog: None,
            closing: false,
            discard_confirmed: false,
            stopping_loads: Vec::new(),
            was_typing: false,
            commands: Vec::new(),
        }
    }

    /// Queues a command, to be applied at the end of the frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The state as the panels see it.
    pub fn state(&self) -> AppStateRef<'_> {
        AppStateRef {
            document: &self.document,
            selection: self.selection,
            language: self.language,
            settings: &self.settings,
            notice: self.notice.as_deref(),
            export_settings: &self.export_settings,
            windows: self.windows,
            loading: self.loading.as_ref(),
            failures: &self.failures,
            confirm_replace: self.confirm_replace.as_deref(),
            editing: self.editing,
            picking: self.picking,
            refusal: self.refusal.as_ref(),
            merging: self.merging,
            confirm_delete: self.confirm_delete,
            unsaved_question: self.unsaved_question.as_ref(),
            recovery: &self.recovery,
            merge_report: self.merge_report.as_ref(),
            add_article: self.add_article.as_ref(),
            article: self.article.as_ref(),
            presenting: self.presenting,
            column_dialog: self.column_dialog.as_ref(),
        }
    }
}
