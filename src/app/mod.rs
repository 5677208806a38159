//! The desktop window: a thin layer over the library that draws the map and its panels
//! and turns clicks, keys and dropped files into [`Command`]s applied in one place.

mod command;
mod entity_panel;
mod fonts;
mod force;
mod legend;
mod map_view;
mod menu_bar;
mod settings;
mod shapes;
mod side_panel;
mod status_bar;
mod tie_panel;

use std::path::{Path, PathBuf};

pub use command::{Command, LabelLanguage, Selection};
pub use fonts::{NANUM_GOTHIC, font_definitions};
pub use map_view::MapView;
pub use settings::Settings;
pub use shapes::node_outline;

use crate::dataset::{DEFAULT_DATASET_NAME, load_default_network};
use crate::diagnostic::{Diagnostic, LoadError};
use crate::graph::MapGraph;
use crate::load::{Loaded, load_file};
use crate::model::Network;

const SETTINGS_KEY: &str = "powermap-settings";

/// The open network, with what is derived from it for drawing.
pub struct Document {
    pub network: Network,
    /// The file it came from; `None` for the embedded network.
    pub path: Option<PathBuf>,
    /// What the window calls it: the file name.
    pub name: String,
    pub map: MapGraph,
    pub view: MapView,
    /// Warnings found when it opened.
    pub warnings: Vec<Diagnostic>,
}

impl Document {
    fn new(loaded: Loaded, path: Option<PathBuf>, name: String, language: LabelLanguage) -> Self {
        let map = MapGraph::new(&loaded.network);
        let view = MapView::new(&loaded.network, &map, language);
        Self {
            network: loaded.network,
            path,
            name,
            map,
            view,
            warnings: loaded.warnings,
        }
    }
}

/// A file that failed to open, shown until dismissed.
pub struct LoadFailure {
    pub message: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl From<&LoadError> for LoadFailure {
    fn from(err: &LoadError) -> Self {
        let message = match err {
            LoadError::Invalid { file, diagnostics } => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                format!(
                    "{} could not be opened: {errors} error{}",
                    file.display(),
                    if errors == 1 { "" } else { "s" }
                )
            }
            other => other.to_string(),
        };
        Self {
            message,
            diagnostics: err.diagnostics().to_vec(),
        }
    }
}

/// The powermap window.
pub struct PowermapApp {
    pub settings: Settings,
    pub document: Document,
    pub selection: Option<Selection>,
    pub language: LabelLanguage,
    pub load_failure: Option<LoadFailure>,
    commands: Vec<Command>,
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
            app.open_path(&file);
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
            commands: Vec::new(),
        }
    }

    /// Opens a network file; on failure the current network stays and the errors show.
    pub fn open_path(&mut self, path: &Path) {
        match load_file(path) {
            Ok(loaded) => {
                tracing::info!("opened {}", path.display());
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.language = LabelLanguage::from_code(&loaded.network.label_language);
                self.document = Document::new(loaded, Some(path.to_owned()), name, self.language);
                self.selection = None;
                self.load_failure = None;
                self.settings.remember(path.to_owned());
            }
            Err(err) => {
                tracing::warn!("{err}");
                if matches!(err, LoadError::Io { .. }) {
                    self.settings.forget(path);
                }
                self.load_failure = Some(LoadFailure::from(&err));
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
                    .set_title("Open a powermap network")
                    .add_filter("powermap network", &["json"])
                    .add_filter("All files", &["*"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open_path(&path);
                }
            }
            Command::Open(path) => self.open_path(&path),
            Command::OpenDefault => {
                let settings = std::mem::take(&mut self.settings);
                *self = Self::with_default_network(settings);
            }
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
            Command::DismissErrors => self.load_failure = None,
            Command::OpenLink(url) => {
                // Only web addresses: a file's URL must not launch programs.
                if url.starts_with("https://") || url.starts_with("http://") {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::Quit => ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Shortcuts and dropped files.
    fn input_commands(&mut self, ctx: &egui::Context) {
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
        let title = match self.document.network.title.as_str() {
            "" => format!("{} — powermap", self.document.name),
            title => format!("{title} — {} — powermap", self.document.name),
        };
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));

        menu_bar::menu_bar_ui(ui, self);
        status_bar::status_bar_ui(ui, self);
        side_panel::side_panel_ui(ui, self);
        let Self {
            document,
            selection,
            commands,
            language,
            ..
        } = self;
        document
            .view
            .set_emphasis(&document.network, &document.map, *selection);
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                let map = document.view.ui(ui, commands);
                legend::legend_ui(ui.ctx(), map.rect, &document.network, *language);
            });
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
