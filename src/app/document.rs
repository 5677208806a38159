//! The open document (the network, what is derived from it for drawing and exploring,
//! where it came from) and its file I/O: opening, in the background for large files, and
//! saving.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::app::PowermapApp;
use crate::app::explore_state::{EXACT_BETWEENNESS_LIMIT, ExploreState};
use crate::app::loader;
use crate::app::map::map_view::MapView;
use crate::app::panels::legend::LegendEntries;
use crate::app::saving;
use crate::app::selection::{LabelLanguage, Selection};
use crate::app::windows::columns::ColumnDialog;
use crate::app::windows::failures::LoadFailure;
use crate::edit::history::{Direction, History, Step};
use crate::edit::{Edit, EditError, Item, apply, apply_checked};
use crate::explore::search::SearchIndex;
use crate::interop::{
    ColumnMapping, ExportFormat, Format, ImportError, ImportOptions, ImportReport, Imported,
    export_network, import_file_with,
};
use crate::network::diagnostic::{Diagnostic, LoadError, ReadError};
use crate::network::index::NetworkIndex;
use crate::network::load::Loaded;
use crate::network::model::{Network, Position};
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
    /// The entities' names, aliases and shown labels as search reads them: built with the
    /// document (on the loading thread for a large file) and again after every change
    /// that is not just a move.
    pub search: SearchIndex,
    /// What the legend lists.
    pub legend: LegendEntries,
    /// Every edit made since it opened, for undo and redo, and whether it is saved.
    pub history: History,
    /// When its file was last modified, as of opening or saving it: Save asks before
    /// replacing a file changed since by something else.
    pub file_modified: Option<std::time::SystemTime>,
    /// This run's number for the document, which caches of what it shows are keyed on.
    id: u64,
    /// The selection, story step and explore generation the map's looks were last set for.
    looks_key: Option<(Option<Selection>, Option<usize>, u64)>,
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
        let mut explore = ExploreState::new(&loaded.network, &index);
        if index.entity_count() > EXACT_BETWEENNESS_LIMIT {
            // Degree alone, now (on the loading thread for a large file), so that the
            // first entity shown need not wait for a million of them; after an edit they
            // are counted again when first asked for.
            explore.centrality(&index);
        }
        let search = SearchIndex::new(&loaded.network, &index);
        let legend = LegendEntries::new(&loaded.network);
        Self {
            network: loaded.network,
            index,
            file_modified: path.as_deref().and_then(modified_time),
            path,
            name,
            map,
            view,
            warnings: loaded.warnings,
            import: None,
            explore,
            search,
            legend,
            history: History::new(),
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

    /// Sets the map's looks after the selection, the story step on show (an index into the
    /// story, while it plays) and the explore state, when any of them changed.
    pub(super) fn update_looks(&mut self, selection: Option<Selection>, story_step: Option<usize>) {
        let key = (selection, story_step, self.explore.generation());
        if self.looks_key != Some(key) {
            let step = story_step.and_then(|step| self.network.story.get(step));
            let (network, index, map) = (&self.network, &self.index, &self.map);
            let explore = &mut self.explore;
            (self.view)
                .update_looks(|looks| looks.set(network, index, map, selection, step, explore));
            self.looks_key = Some(key);
        }
    }

    /// The powermap file the network came from, which Save writes back to; `None` for the
    /// embedded network and for files in other formats.
    pub fn own_file(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.import.is_none())
    }

    /// The window's title: a dot while there are unsaved changes, the network's title,
    /// its file, and the app.
    pub fn window_title(&self) -> String {
        let unsaved = if self.is_dirty() { "• " } else { "" };
        match self.network.title.as_str() {
            "" => format!("{unsaved}{} — powermap", self.name),
            title => format!("{unsaved}{title} — {} — powermap", self.name),
        }
    }

    /// Whether the network's own file was changed by something else since it was opened or
    /// last saved.
    pub fn file_changed_on_disk(&self) -> bool {
        match self.own_file() {
            Some(path) => modified_time(path) != self.file_modified,
            None => false,
        }
    }

    /// Whether the network has changes that its file does not.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Makes `edit` as one step of the history, named `what`; an edit that would make the
    /// file invalid is refused and changes nothing.
    pub(super) fn edit(
        &mut self,
        what: String,
        edit: Edit,
        language: LabelLanguage,
    ) -> Result<(), EditError> {
        let before = self.before_change();
        let moved = moved_entity(&self.network, &edit);
        let undo = apply_checked(&mut self.network, edit)?;
        self.history.record(what, undo);
        self.after_change(moved, before, language);
        Ok(())
    }

    /// Takes the last step back, or makes the last undone one again; returns its name, or
    /// `None` when there is none.
    pub(super) fn walk_history(
        &mut self,
        direction: Direction,
        language: LabelLanguage,
    ) -> Option<Result<String, EditError>> {
        let step = self.history.take(direction)?;
        let before = self.before_change();
        let moved = moved_entity(&self.network, &step.edit);
        Some(match apply(&mut self.network, step.edit.clone()) {
            Ok(edit) => {
                let what = step.what.clone();
                self.history.taken(direction, Step { what, edit });
                self.after_change(moved, before, language);
                Ok(step.what)
            }
            Err(err) => {
                self.history.put_back(direction, step);
                Err(err)
            }
        })
    }

    /// What must be noted before the network changes: where the entities are on the map
    /// is written into the network, so that an edit and its undo leave every entity where
    /// it was (the layout's own movement, not a step of the history), and the path's ends
    /// are noted by id, to be found again after.
    fn before_change(&mut self) -> Before {
        for (entity, [x, y]) in self.network.entities.iter_mut().zip(self.view.positions()) {
            if x.is_finite() && y.is_finite() {
                entity.position = Some(Position {
                    x: f64::from(x),
                    y: f64::from(y),
                });
            }
        }
        let id = |entity: Option<crate::network::index::EntityIx>| {
            entity.map(|e| self.network[e].id.clone())
        };
        Before {
            path_from: id(self.explore.path_from()),
            path_to: id(self.explore.path_to()),
            positions: (self.network.entities.iter())
                .filter_map(|entity| Some((entity.id.clone(), entity.position?)))
                .collect(),
        }
    }

    /// Brings what is derived from the network up to date after it changed: only the
    /// map's entity when the change moved one, else everything, with the map's view,
    /// filters and path kept.
    fn after_change(&mut self, moved: Option<usize>, before: Before, language: LabelLanguage) {
        if let Some(at) = moved {
            let entity = &self.network.entities[at];
            if let (Some(position), Some(ix)) = (entity.position, self.index.entity_ix(&entity.id))
            {
                let location = [position.x as f32, position.y as f32];
                self.view.place(ix, location, entity.pinned);
            }
            return;
        }
        // Where the layout has taken an entity is not a step of the history: an edit or an
        // undo that puts back an older copy of an entity leaves it where it is now.
        for entity in &mut self.network.entities {
            if let Some(&position) = before.positions.get(&entity.id) {
                entity.position = Some(position);
            }
        }
        self.index.rebuild(&self.network);
        self.map = MapGraph::new(&self.index);
        self.view = self
            .view
            .rebuilt(&self.network, &self.index, &self.map, language);
        let from = before.path_from.and_then(|id| self.index.entity_ix(&id));
        let to = before.path_to.and_then(|id| self.index.entity_ix(&id));
        self.explore = self
            .explore
            .carried_to(&self.network, &self.index, from, to);
        self.search = SearchIndex::new(&self.network, &self.index);
        self.legend = LegendEntries::new(&self.network);
        self.id = NEXT_DOCUMENT_ID.fetch_add(1, Ordering::Relaxed);
        self.looks_key = None;
    }
}

/// The path's ends and the entities' places, by id, as they were before a change.
struct Before {
    path_from: Option<String>,
    path_to: Option<String>,
    /// Where each entity was on the map, by id.
    positions: std::collections::HashMap<String, Position>,
}

/// The entity an edit only moves or pins, if that is all it does: the map then moves that
/// one entity rather than being built again.
fn moved_entity(network: &Network, edit: &Edit) -> Option<usize> {
    let Edit::Replace {
        at,
        item: Item::Entity(entity),
    } = edit
    else {
        return None;
    };
    let before = network.entities.get(*at)?;
    let mut moved = before.clone();
    moved.position = entity.position;
    moved.pinned = entity.pinned;
    (moved == *entity && entity.position.is_some()).then_some(*at)
}

/// When a file was last modified, if it can be told.
pub(super) fn modified_time(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
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
    /// its import report. On failure the current network stays and the errors show; a
    /// spreadsheet whose columns cannot be told opens with the columns last chosen for its
    /// headers, else shows the column-mapping dialog. Files of
    /// [`loader::BACKGROUND_LOAD_BYTES`] or more open on a background thread.
    pub fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        self.open_path_with(ctx, path, None);
    }

    /// As [`PowermapApp::open_path`], reading a spreadsheet's ties with the columns and
    /// sheets of `options` when given.
    pub fn open_path_with(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        options: Option<ImportOptions>,
    ) {
        let given = options.is_some();
        let options = options.unwrap_or_default();
        let size = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        if size >= loader::BACKGROUND_LOAD_BYTES {
            if let Some(previous) = self.loading.take() {
                self.stopping_loads.push(previous.cancel());
            }
            let owned = path.to_owned();
            let loading = loader::Loading::start(
                path.to_owned(),
                size,
                options,
                ctx.clone(),
                move |imported| Opened::new(&owned, imported),
            );
            match loading {
                Ok(loading) => self.loading = Some(loading),
                Err(err) => {
                    self.failures.load = Some(LoadFailure::from(&ImportError::from(
                        ReadError::io(path, err),
                    )));
                }
            }
            return;
        }
        let result = import_file_with(path, &options).map(|imported| Opened::new(path, imported));
        self.finish_opening(ctx, path, result, given);
    }

    /// Puts an opened network on screen, or shows why it did not open. A spreadsheet whose
    /// columns were not `given` and cannot be told opens again with those remembered for
    /// its headers, else asks for them.
    fn finish_opening(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        result: Result<Opened, ImportError>,
        given: bool,
    ) {
        match result {
            Err(ImportError::UnknownColumns {
                table,
                sheets,
                entities_sheet,
                ..
            }) => match self.settings.columns_for(&table.headers).filter(|_| !given) {
                Some(columns) => {
                    let options = ImportOptions {
                        columns: columns.clone(),
                        ..ImportOptions::default()
                    };
                    self.open_path_with(ctx, path, Some(options));
                }
                None => {
                    self.column_dialog = Some(ColumnDialog {
                        path: path.to_owned(),
                        columns: ColumnMapping::recognised(&table.headers),
                        table: *table,
                        sheets,
                        entities_sheet,
                    });
                }
            },
            Ok(opened) => {
                tracing::info!("opened {}", path.display());
                self.replace_document(opened.document, opened.language);
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
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        self.stopping_loads.retain(|thread| !thread.is_finished());
        let Some(loading) = &self.loading else {
            return;
        };
        if let Some(result) = loading.poll() {
            let (path, given) = (loading.path.clone(), loading.columns_given());
            self.loading = None;
            self.finish_opening(ctx, &path, result, given);
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
                    self.document.history.mark_saved();
                    self.document.file_modified = modified_time(&path);
                    self.recovery.remove();
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
