//! The desktop window: a thin layer over the library that draws the map and its panels
//! and turns clicks, keys and dropped files into [`Command`]s applied in one place.

mod command;
mod contact_deal_panel;
mod entity_panel;
mod explore_state;
mod export_dialog;
mod failures;
mod filter_panel;
mod fonts;
mod force;
mod import_report;
mod legend;
mod loader;
mod looks;
mod map_painter;
mod map_view;
mod menu_bar;
mod path_panel;
mod saving;
mod search_bar;
mod selection;
mod settings;
mod shapes;
mod side_panel;
mod status_bar;
mod tie_panel;
mod timeline_bar;

use std::path::{Path, PathBuf};

pub use command::Command;
pub use explore_state::{ExploreState, SizeBy, TimelinePosition};
pub use export_dialog::{ExportRequest, ExportScope, ExportSettings, ExportSize};
pub use failures::LoadFailure;
pub use fonts::font_definitions;
pub use map_view::MapView;
pub use search_bar::SearchBar;
pub use selection::{LabelLanguage, Selection};
pub use settings::Settings;
pub use shapes::{Emphasis, node_outline};

use crate::export::{ExportOptions, ImageFormat, encode_png, export_map, file_stem};
use crate::interop::{
    ExportFormat, Format, ImportError, ImportReport, Imported, export_network, import_file,
};
use crate::network::dataset::{DEFAULT_DATASET_NAME, load_default_network};
use crate::network::diagnostic::{Diagnostic, LoadError};
use crate::network::index::NetworkIndex;
use crate::network::load::Loaded;
use crate::network::model::Network;
use crate::network::save::{Overwrite, write_atomically};
use crate::scene::graph::MapGraph;

const SETTINGS_KEY: &str = "powermap-settings";

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
    /// The selection and explore generation the map's looks were last set for.
    looks_key: Option<(Option<Selection>, u64)>,
}

impl Document {
    fn new(loaded: Loaded, path: Option<PathBuf>, name: String, language: LabelLanguage) -> Self {
        let index = NetworkIndex::new(&loaded.network);
        let map = MapGraph::new(&index);
        let view = MapView::new(&loaded.network, &index, &map, language);
        let explore = ExploreState::new(&loaded.network, &index);
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
            looks_key: None,
        }
    }

    /// Sets the map's looks after the selection and the explore state, when either changed.
    fn update_looks(&mut self, selection: Option<Selection>) {
        let key = (selection, self.explore.generation());
        if self.looks_key != Some(key) {
            let looks = looks::map_looks(&self.index, &self.map, selection, &mut self.explore);
            self.view.set_looks(&looks);
            self.looks_key = Some(key);
        }
    }

    /// The looks the map is drawn with now, for tests and checks.
    pub fn looks(&mut self, selection: Option<Selection>) -> looks::MapLooks {
        looks::map_looks(&self.index, &self.map, selection, &mut self.explore)
    }

    /// The powermap file the network came from, which Save writes back to; `None` for the
    /// embedded network and for files in other formats.
    pub fn own_file(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.import.is_none())
    }
}

/// The powermap window.
pub struct PowermapApp {
    pub settings: Settings,
    pub document: Document,
    pub selection: Option<Selection>,
    pub language: LabelLanguage,
    pub load_failure: Option<LoadFailure>,
    pub export_settings: ExportSettings,
    pub export_dialog_open: bool,
    /// The last thing done worth telling, such as an export, shown in the status bar.
    pub notice: Option<String>,
    /// A failed export, shown until dismissed.
    pub export_failure: Option<String>,
    /// Whether the open network's import report is shown.
    pub import_report_open: bool,
    /// The file Save asks to replace, while it asks.
    pub confirm_replace: Option<PathBuf>,
    /// A failed save, shown until dismissed.
    pub save_failure: Option<String>,
    /// The search box in the top bar.
    pub search: SearchBar,
    /// Whether the Filters window is open.
    pub filters_open: bool,
    /// A large file being opened in the background.
    pub loading: Option<loader::Loading<Opened>>,
    commands: Vec<Command>,
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
    /// The app with the embedded network, or with `file` if given and it opens.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        cc.egui_ctx.set_fonts(font_definitions());
        let settings = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_default_network(settings);
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
        Self {
            settings,
            document: Document::new(loaded, None, DEFAULT_DATASET_NAME.to_owned(), language),
            selection: None,
            language,
            load_failure: None,
            export_settings: ExportSettings::default(),
            export_dialog_open: false,
            notice: None,
            export_failure: None,
            import_report_open: false,
            confirm_replace: None,
            save_failure: None,
            search: SearchBar::default(),
            filters_open: false,
            loading: None,
            commands: Vec::new(),
        }
    }

    /// Opens a network file in any format powermap reads; a file from another tool shows
    /// its import report. On failure the current network stays and the errors show.
    /// Files of [`loader::BACKGROUND_LOAD_BYTES`] or more open on a background thread.
    pub fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        let size = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        if size >= loader::BACKGROUND_LOAD_BYTES {
            if let Some(previous) = self.loading.take() {
                previous.cancel();
            }
            let owned = path.to_owned();
            match loader::Loading::start(path.to_owned(), size, ctx.clone(), move |imported| {
                Opened::new(&owned, imported)
            }) {
                Ok(loading) => self.loading = Some(loading),
                Err(err) => {
                    self.load_failure = Some(LoadFailure::from(&ImportError::Io {
                        file: path.to_owned(),
                        source: err,
                    }));
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
                self.import_report_open = self.document.import.is_some();
                self.selection = None;
                self.load_failure = None;
                self.settings.remember(path.to_owned());
            }
            Err(err) => {
                tracing::warn!("{err}");
                if let ImportError::Io { file, .. }
                | ImportError::Powermap(LoadError::Io { file, .. }) = &err
                    && file == path
                {
                    self.settings.forget(path);
                }
                self.load_failure = Some(LoadFailure::from(&err));
            }
        }
    }

    /// Shows a background load's progress, and puts its network on screen when ready.
    fn loading_ui(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else {
            return;
        };
        if let Some(result) = loading.poll() {
            let path = loading.path.clone();
            self.loading = None;
            self.finish_opening(&path, result);
        } else if loader::loading_ui(ctx, loading) {
            loading.cancel();
            self.notice = Some(format!("Cancelled opening {}", loading.path.display()));
            self.loading = None;
        }
    }

    /// Writes the network as it is on screen to `path` in `format`. Saved as powermap JSON,
    /// the window goes on with that file, so that Save writes to it.
    fn save(&mut self, path: PathBuf, format: ExportFormat, overwrite: Overwrite) {
        let network = saving::network_as_shown(&self.document);
        match export_network(&network, format, &path, overwrite) {
            Ok(()) => {
                tracing::info!("saved {}", path.display());
                self.notice = Some(format!("Saved {}", path.display()));
                if format == ExportFormat::Powermap {
                    self.document.name = saving::display_name(&path);
                    self.document.path = Some(path.clone());
                    self.document.import = None;
                    self.import_report_open = false;
                    self.settings.remember(path);
                }
            }
            Err(err) => {
                tracing::warn!("save failed: {err}");
                self.save_failure = Some(err.to_string());
            }
        }
    }

    /// Queues a command, to be applied at the end of the frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn run_command(&mut self, ui: &mut egui::Ui, command: Command) {
        match command {
            Command::OpenDialog => {
                let picked = rfd::FileDialog::new()
                    .set_title("Open a network")
                    .add_filter(
                        "Networks (powermap, GEXF, GraphML, CSV, node-link, Cytoscape)",
                        &["json", "gexf", "graphml", "xml", "csv", "tsv", "cyjs"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open_path(ui.ctx(), &path);
                }
            }
            Command::Open(path) => self.open_path(ui.ctx(), &path),
            Command::OpenDefault => {
                let settings = std::mem::take(&mut self.settings);
                *self = Self::with_default_network(settings);
            }
            Command::Save => match self.document.own_file() {
                Some(path) => self.confirm_replace = Some(path.to_owned()),
                None => self.commands.push(Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                let document = &self.document;
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Save the network")
                    .set_file_name(format!(
                        "{}.{}",
                        file_stem(&document.network, &document.name),
                        ExportFormat::Powermap.extension()
                    ))
                    .add_filter("powermap JSON", &["json"])
                    .add_filter("GEXF (Gephi)", &["gexf"])
                    .add_filter("GraphML", &["graphml"])
                    .add_filter("node-link JSON (name.nodelink.json)", &["json"]);
                if let Some(folder) = document
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .filter(|folder| !folder.as_os_str().is_empty())
                {
                    dialog = dialog.set_directory(folder);
                }
                if let Some(path) = dialog.save_file() {
                    self.commands.push(Command::SaveAs(path));
                }
            }
            Command::SaveAs(path) => {
                let (path, format, overwrite) = saving::save_target(path);
                self.save(path, format, overwrite);
            }
            Command::ReplaceFile(path) => {
                self.confirm_replace = None;
                self.save(path, ExportFormat::Powermap, Overwrite::Replace);
            }
            Command::CancelSave => self.confirm_replace = None,
            Command::ShowImportReport => self.import_report_open = true,
            Command::CloseImportReport => self.import_report_open = false,
            Command::Select(selection) => self.selection = Some(selection),
            Command::ClearSelection => self.selection = None,
            Command::SetLanguage(language) => {
                self.language = language;
                self.document
                    .view
                    .set_language(&self.document.network, language);
            }
            Command::ToggleLayout => self.document.view.toggle_layout(ui),
            Command::Relayout => self.document.view.relayout(),
            Command::TogglePin => {
                if let Some(Selection::Entity(entity)) = self.selection {
                    let pinned = self.document.view.is_pinned(entity);
                    self.document.view.set_pinned(ui, entity, !pinned);
                }
            }
            Command::FitView => self.document.view.fit(),
            Command::DismissErrors => {
                self.load_failure = None;
                self.export_failure = None;
                self.save_failure = None;
            }
            Command::ShowExportDialog => self.export_dialog_open = true,
            Command::ChooseExportFile(settings) => {
                let extension = settings.format.extension();
                let picked = rfd::FileDialog::new()
                    .set_title("Export the map")
                    .set_file_name(format!(
                        "{}.{extension}",
                        file_stem(&self.document.network, &self.document.name)
                    ))
                    .add_filter(extension.to_uppercase(), &[extension])
                    .save_file();
                if let Some(path) = picked {
                    self.commands
                        .push(Command::Export(ExportRequest { path, settings }));
                }
            }
            Command::Export(request) => self.export(ui.ctx(), request),
            Command::OpenLink(url) => {
                // Only web addresses: a file's URL must not launch programs.
                if url.starts_with("https://") || url.starts_with("http://") {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::Quit => ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close),
            Command::FocusSearch => self.search.request_focus(),
            Command::ShowEntity(entity) => {
                if entity.index() < self.document.index.entity_count() {
                    self.selection = Some(Selection::Entity(entity));
                    self.document.view.centre_on(entity);
                }
            }
            Command::ToggleFilters => self.filters_open = !self.filters_open,
            Command::SetFilter(filter) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_filter(network, index, filter);
            }
            Command::SetTimeline(step) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                // A hand on the slider stops the play button.
                explore.set_playing(network, index, false);
                explore.set_timeline(network, index, step);
            }
            Command::SetPlaying(playing) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_playing(network, index, playing);
            }
            Command::SetUndatedTies(undated) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_undated(network, index, undated);
            }
            Command::SetFocusSteps(steps) => self.document.explore.set_focus_steps(steps),
            Command::SetPathFrom(from) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_path(network, index, from, explore.path_to());
            }
            Command::SetPathTo(to) => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_path(network, index, explore.path_from(), to);
            }
            Command::ClearPath => {
                let Document {
                    network,
                    index,
                    explore,
                    ..
                } = &mut self.document;
                explore.set_path(network, index, None, None);
            }
            Command::SetSizeBy(size_by) => self.document.explore.set_size_by(size_by),
        }
    }

    /// Exports the whole map now, or asks for a screenshot of the current view, which
    /// [`Self::save_screenshots`] saves when it arrives.
    fn export(&mut self, ctx: &egui::Context, request: ExportRequest) {
        let ExportRequest { path, settings } = request;
        match settings.scope {
            ExportScope::WholeMap => {
                let (path, overwrite) = with_extension(path, settings.format);
                let document = &self.document;
                let options = ExportOptions {
                    width_px: settings.size.width_px(),
                    background: settings.background,
                    language: self.language.code().to_owned(),
                };
                let positions = document.view.positions();
                let result = export_map(
                    &document.network,
                    &document.map,
                    &positions,
                    &options,
                    &path,
                    overwrite,
                );
                self.report_export(&path, result.map_err(|err| err.to_string()));
            }
            ExportScope::CurrentView => {
                let target = with_extension(path, ImageFormat::Png);
                ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::new(
                    target,
                )));
            }
        }
    }

    /// Saves the current-view screenshots that arrived this frame, cropped to the map.
    fn save_screenshots(&mut self, ctx: &egui::Context) {
        let screenshots: Vec<((PathBuf, Overwrite), std::sync::Arc<egui::ColorImage>)> =
            ctx.input(|input| {
                input
                    .events
                    .iter()
                    .filter_map(|event| match event {
                        egui::Event::Screenshot {
                            user_data, image, ..
                        } => {
                            let target = user_data
                                .data
                                .as_ref()?
                                .downcast_ref::<(PathBuf, Overwrite)>()?
                                .clone();
                            Some((target, image.clone()))
                        }
                        _ => None,
                    })
                    .collect()
            });
        for ((path, overwrite), image) in screenshots {
            let map = image.region(
                &self.document.view.screen_rect(),
                Some(ctx.pixels_per_point()),
            );
            let [width, height] = map.size;
            let result = encode_png(map.as_raw(), width as u32, height as u32)
                .map_err(|err| err.to_string())
                .and_then(|png| {
                    write_atomically(&path, &png, overwrite).map_err(|err| err.to_string())
                });
            self.report_export(&path, result);
        }
    }

    fn report_export(&mut self, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                tracing::info!("exported {}", path.display());
                self.notice = Some(format!("Exported {}", path.display()));
            }
            Err(err) => {
                tracing::warn!("export failed: {err}");
                self.export_failure = Some(err);
            }
        }
    }

    /// Shortcuts and dropped files; none while Save asks its question.
    fn input_commands(&mut self, ctx: &egui::Context) {
        if self.confirm_replace.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        for command in Command::with_shortcuts() {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            // Plain keys (Space, P, F) belong to a text field being typed in.
            if typing && shortcut.modifiers.is_none() {
                continue;
            }
            if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next_back() {
            self.commands.push(Command::Open(path));
        }
    }
}

impl eframe::App for PowermapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.input_commands(ui.ctx());
        self.loading_ui(ui.ctx());
        self.save_screenshots(ui.ctx());
        let title = match self.document.network.title.as_str() {
            "" => format!("{} — powermap", self.document.name),
            title => format!("{title} — {} — powermap", self.document.name),
        };
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));

        let now_secs = ui.input(|input| input.time);
        let Document {
            network,
            index,
            explore,
            ..
        } = &mut self.document;
        if let Some(wait_secs) = explore.advance(network, index, now_secs) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait_secs));
        }
        if matches!(self.selection, Some(Selection::Entity(_))) {
            // The entity panel shows degree and betweenness, computed once.
            self.document.explore.centrality(&self.document.index);
        }

        menu_bar::menu_bar_ui(ui, self);
        status_bar::status_bar_ui(ui, self);
        timeline_bar::timeline_bar_ui(ui, &self.document.explore, &mut self.commands);
        side_panel::side_panel_ui(ui, self);
        let Self {
            document,
            selection,
            commands,
            language,
            ..
        } = self;
        document.update_looks(*selection);
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                let map = document.view.ui(ui, commands);
                legend::legend_ui(ui.ctx(), map.rect, &document.network, *language);
            });
        if self.filters_open {
            let mut open = true;
            filter_panel::filters_window_ui(
                ui.ctx(),
                &self.document.network,
                self.document.explore.filter(),
                self.language,
                &mut open,
                &mut self.commands,
            );
            if !open {
                self.commands.push(Command::ToggleFilters);
            }
        }
        if self.export_dialog_open {
            let mut open = true;
            if let Some(settings) =
                export_dialog::export_dialog_ui(ui.ctx(), &mut self.export_settings, &mut open)
            {
                self.commands.push(Command::ChooseExportFile(settings));
            }
            self.export_dialog_open = open;
        }
        for (title, failure) in [
            ("Export failed", &self.export_failure),
            ("Save failed", &self.save_failure),
        ] {
            if let Some(failure) = failure
                && !write_failure_ui(ui.ctx(), title, failure)
            {
                self.commands.push(Command::DismissErrors);
            }
        }
        if let Some(report) = &self.document.import
            && self.import_report_open
        {
            let mut open = true;
            import_report::import_report_ui(ui.ctx(), report, &mut open);
            if !open {
                self.commands.push(Command::CloseImportReport);
            }
        }
        if let Some(path) = &self.confirm_replace {
            self.commands
                .extend(saving::confirm_replace_ui(ui.ctx(), path));
        }
        if let Some(failure) = &self.load_failure {
            let mut open = true;
            load_failure_ui(ui.ctx(), failure, &mut open);
            if !open {
                self.commands.push(Command::DismissErrors);
            }
        }

        for command in std::mem::take(&mut self.commands) {
            self.run_command(ui, command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// `path` with the format's extension, unless it already has it. The file dialog only
/// confirmed replacing the name it returned, so a changed name must not replace a file.
fn with_extension(path: PathBuf, format: ImageFormat) -> (PathBuf, Overwrite) {
    if ImageFormat::from_path(&path) == Some(format) {
        (path, Overwrite::Replace)
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(format.extension());
        (PathBuf::from(name), Overwrite::Refuse)
    }
}

/// A failed export or save, until closed; returns whether it stays open.
fn write_failure_ui(ctx: &egui::Context, title: &str, failure: &str) -> bool {
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::new(title))
        .open(&mut open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(failure).color(ui.visuals().error_fg_color));
            ui.label("Nothing was written.");
        });
    open
}

/// The errors of a file that failed to open, one per line with its place.
fn load_failure_ui(ctx: &egui::Context, failure: &LoadFailure, open: &mut bool) {
    egui::Window::new("Could not open the file")
        .id(egui::Id::new("load-failure"))
        .open(open)
        .collapsible(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(&failure.message).strong());
            ui.label("The network that was open stays open.");
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for diagnostic in &failure.diagnostics {
                        let color = if diagnostic.is_error() {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().warn_fg_color
                        };
                        ui.label(
                            egui::RichText::new(diagnostic.to_string())
                                .color(color)
                                .monospace(),
                        );
                    }
                });
        });
}
