//! The open document (the network, what is derived from it for drawing and exploring,
//! where it came from) and its file I/O: opening, in the background for large files, and
//! saving.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::app::PowermapApp;
use crate::app::explore_state::ExploreState;
use crate::app::loader;
use crate::app::map::looks;
use crate::app::map::map_view::MapView;
use crate::app::panels::legend::LegendEntries;
use crate::app::saving;
use crate::app::selection::{LabelLanguage, Selection};
use crate::app::windows::failures::LoadFailure;
use crate::interop::{
    ExportFormat, Format, ImportError, ImportReport, Imported, export_network, import_file,
};
use crate::network::diagnostic::{Diagnostic, LoadError, ReadError};
use crate::network::index::NetworkIndex;
use crate::network::load::Loaded;
use crate::network::model::Network;
use crate::network::save::Overwrite;
use crate::scene::graph::MapGraph;

/// Every document opened in this run gets its own number, for caches keyed on it.
static NEXT_DOCUMENT_ID: AtomicU64 = AtomicU64::new(1);

/// The open network, with what is derived from it for drawing.
pub struct Document {
    pub network: Network,
    /// Lookups of `network` by id and by structure, built when it opened.
    pub index: NetworkIndex,
    /// The file it came from; `None` for the embedded network.
    pub path: Option<PathBuf>,
    /// What the window calls it: the file name.
    pub name: String,
    pub map: MapGraph,
    pub view: MapView,
    /// Warnings found when it opened.
    pub warnings: Vec<Diagnostic>,
    /// How it was read, for a file in another tool's format; `None` for powermap's own.
    pub import: Option<ImportReport>,
    /// Filter, timeline, focus, path and sizes, and what follows from them.
    pub explore: ExploreState,
    /// What the legend lists.
    pub legend: LegendEntries,
    /// This run's number for the document, which caches of what it shows are keyed on.
    id: u64,
    /// The selection and explore generation the map's looks were last set for.
    looks_key: Option<(Option<Selection>, u64)>,
}

impl Document {
    pub(super) fn new(
        loaded: Loaded,
        path: Option<PathBuf>,
        name: String,
        language: LabelLanguage,
    ) -> Self {
        let index = NetworkIndex::new(&loaded.network);
        let map = MapGraph::new(&index);
        let view = MapView::new(&loaded.network, &index, &map, language);
        let explore = ExploreState::new(&loaded.network, &index);
        let legend = LegendEntries::new(&loaded.network);
        Self {
            network: loaded.network,
            index,
            path,
            name,
            map,
            view,
            warnings: loaded.warnings,
            import: None,
            explore,
            legend,
            id: NEXT_DOCUMENT_ID.fetch_add(1, Ordering::Relaxed),
            looks_key: None,
        }
    }

    /// The explore state, with the network and index its changes are worked out from.
    pub(super) fn explore_mut(&mut self) -> (&mut ExploreState, &Network, &NetworkIndex) {
        (&mut self.explore, &self.network, &self.index)
    }

    /// This run's number for the document: caches of what it shows are keyed on it.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Sets the map's looks after the selection and the explore state, when either changed.
    pub(super) fn update_looks(&mut self, selection: Option<Selection>) {
        let key = (selection, self.explore.generation());
        if self.looks_key != Some(key) {
            let looks = looks::map_looks(&self.index, &self.map, selection, &mut self.explore);
            self.view.set_looks(&looks);
            self.looks_key = Some(key);
        }
    }

    /// The powermap file the network came from, which Save writes back to; `None` for the
    /// embedded network and for files in other formats.
    pub fn own_file(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.import.is_none())
    }

    /// The window's title: the network's title, its file, and the app.
    pub fn window_title(&self) -> String {
        match self.network.title.as_str() {
            "" => format!("{} — powermap", self.name),
            title => format!("{title} — {} — powermap", self.name),
        }
    }
}

/// A network opened and prepared for drawing, ready to replace the open one.
pub struct Opened {
    document: Document,
    language: LabelLanguage,
}

impl Opened {
    fn new(path: &Path, imported: Imported) -> Self {
        let loaded = Loaded {
            network: imported.network,
            warnings: imported.report.warnings.clone(),
        };
        let language = LabelLanguage::from_code(&loaded.network.label_language);
        let mut document = Document::new(
            loaded,
            Some(path.to_owned()),
            saving::display_name(path),
            language,
        );
        document.import = (imported.format != Format::Powermap).then_some(imported.report);
        Self { document, language }
    }
}

impl PowermapApp {
    /// Opens a network file in any format powermap reads; a file from another tool shows
    /// its import report. On failure the current network stays and the errors show.
    /// Files of [`loader::BACKGROUND_LOAD_BYTES`] or more open on a background thread.
    pub fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        let size = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        if size >= loader::BACKGROUND_LOAD_BYTES {
            if let Some(previous) = self.loading.take() {
                self.stopping_loads.push(previous.cancel());
            }
            let owned = path.to_owned();
            match loader::Loading::start(path.to_owned(), size, ctx.clone(), move |imported| {
                Opened::new(&owned, imported)
            }) {
                Ok(loading) => self.loading = Some(loading),
                Err(err) => {
                    self.failures.load = Some(LoadFailure::from(&ImportError::from(
                        ReadError::io(path, err),
                    )));
                }
            }
            return;
        }
        let result = import_file(path).map(|imported| Opened::new(path, imported));
        self.finish_opening(path, result);
    }

    /// Puts an opened network on screen, or shows why it did not open.
    fn finish_opening(&mut self, path: &Path, result: Result<Opened, ImportError>) {
        match result {
            Ok(opened) => {
                tracing::info!("opened {}", path.display());
                self.language = opened.language;
                self.document = opened.document;
                self.pending_title = Some(self.document.window_title());
                self.windows.import_report = self.document.import.is_some();
                self.selection = None;
                self.failures.load = None;
                self.settings.remember(path.to_owned());
            }
            Err(err) => {
                tracing::warn!("{err}");
                if let ImportError::Read(ReadError::Io { file, .. })
                | ImportError::Powermap(LoadError::Read(ReadError::Io { file, .. })) = &err
                    && file == path
                {
                    self.settings.forget(path);
                }
                self.failures.load = Some(LoadFailure::from(&err));
            }
        }
    }

    /// Puts a background load's network on screen once it is ready.
    pub(super) fn poll_loading(&mut self) {
        self.stopping_loads.retain(|thread| !thread.is_finished());
        let Some(loading) = &self.loading else {
            return;
        };
        if let Some(result) = loading.poll() {
            let path = loading.path.clone();
            self.loading = None;
            self.finish_opening(&path, result);
        }
    }

    /// Stops opening a file in the background; the open network stays.
    pub(super) fn cancel_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            self.notice = Some(format!("Cancelled opening {}", loading.path.display()));
            self.stopping_loads.push(loading.cancel());
        }
    }

    /// How many cancelled loads are still stopping: their threads end at their next check,
    /// and what they read is dropped.
    #[cfg(feature = "testing")]
    pub fn stopping_loads(&self) -> usize {
        self.stopping_loads
            .iter()
            .filter(|thread| !thread.is_finished())
            .count()
    }

    /// Writes the network as it is on screen to `path` in `format`. Saved as powermap JSON,
    /// the window goes on with that file, so that Save writes to it.
    pub(super) fn save(&mut self, path: PathBuf, format: ExportFormat, overwrite: Overwrite) {
        let network = saving::network_as_shown(&self.document);
        match export_network(&network, format, &path, overwrite) {
            Ok(()) => {
                tracing::info!("saved {}", path.display());
                self.notice = Some(format!("Saved {}", path.display()));
                if format == ExportFormat::Powermap {
                    self.document.name = saving::display_name(&path);
                    self.document.path = Some(path.clone());
                    self.document.import = None;
                    self.pending_title = Some(self.document.window_title());
                    self.windows.import_report = false;
                    self.settings.remember(path);
                }
            }
            Err(err) => {
                tracing::warn!("save failed: {err}");
                self.failures.save = Some(err.to_string());
            }
        }
    }
}
