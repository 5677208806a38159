//! What went wrong, as the window shows it until dismissed: a file that failed to open
//! (a summary and every problem at its place), a failed export or save.

use std::path::Path;

use crate::app::command::Command;
use crate::interop::{ImportError, Place};
use crate::network::diagnostic::{Diagnostic, LoadError, TextPosition, errors_text};

/// A file that failed to open, shown until dismissed.
pub struct LoadFailure {
    pub message: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadFailure {
    /// A file with problems to list: "`file` could not be opened: 4 errors".
    fn with_diagnostics(file: &Path, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            message: format!(
                "{} could not be opened: {}",
                file.display(),
                errors_text(&diagnostics)
            ),
            diagnostics,
        }
    }

    /// A file that failed as a whole (it could not be read, or is too large): the error
    /// says it all.
    fn without_diagnostics(err: &impl std::fmt::Display) -> Self {
        Self {
            message: err.to_string(),
            diagnostics: Vec::new(),
        }
    }
}

impl From<&LoadError> for LoadFailure {
    fn from(err: &LoadError) -> Self {
        match err {
            LoadError::Invalid { file, diagnostics } => {
                Self::with_diagnostics(file, diagnostics.clone())
            }
            LoadError::Read(err) => Self::without_diagnostics(err),
        }
    }
}

impl From<&ImportError> for LoadFailure {
    fn from(err: &ImportError) -> Self {
        match err {
            ImportError::Powermap(err) => Self::from(err),
            ImportError::Malformed {
                file,
                place,
                message,
            } => Self::with_diagnostics(file, vec![located(place, message.clone())]),
            ImportError::Refused {
                file,
                place,
                message,
            } => Self::with_diagnostics(file, vec![located(place, format!("refused: {message}"))]),
            ImportError::Invalid { file, diagnostics } => {
                Self::with_diagnostics(file, diagnostics.clone())
            }
            other => Self::without_diagnostics(other),
        }
    }
}

/// An import error as a diagnostic: at its line and column (with the open XML elements as
/// its path), on its table line, or at its JSON path.
fn located(place: &Place, message: String) -> Diagnostic {
    match place {
        Place::Text {
            line,
            column,
            element,
        } => Diagnostic::error(element.clone().unwrap_or_default(), message).at(TextPosition {
            line: *line,
            column: *column,
        }),
        Place::Line(line) => Diagnostic::error(format!("line {line}"), message),
        Place::Path(path) => Diagnostic::error(path.clone(), message),
        Place::Row { .. } => Diagnostic::error(place.to_string(), message),
    }
}

/// What went wrong and is shown until dismissed.
#[derive(Default)]
pub struct Failures {
    /// A file that failed to open.
    pub load: Option<LoadFailure>,
    /// A failed export.
    pub export: Option<String>,
    /// A failed save.
    pub save: Option<String>,
}

/// The windows of what went wrong; closing any of them dismisses them all.
pub fn failures_ui(ctx: &egui::Context, failures: &Failures, commands: &mut Vec<Command>) {
    let mut open = true;
    for (title, failure) in [
        ("Export failed", &failures.export),
        ("Save failed", &failures.save),
    ] {
        if let Some(failure) = failure {
            write_failure_ui(ctx, title, failure, &mut open);
        }
    }
    if let Some(failure) = &failures.load {
        load_failure_ui(ctx, failure, &mut open);
    }
    if !open {
        commands.push(Command::DismissErrors);
    }
}

/// A failed export or save, until closed.
fn write_failure_ui(ctx: &egui::Context, title: &str, failure: &str, open: &mut bool) {
    egui::Window::new(title)
        .id(egui::Id::new(title))
        .open(open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(failure).color(ui.visuals().error_fg_color));
            ui.label("Nothing was written.");
        });
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
