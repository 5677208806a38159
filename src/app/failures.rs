//! Files that failed to open, as the window shows them: a summary and every problem at its place.

use std::path::Path;

use crate::interop::{ImportError, Place};
use crate::network::diagnostic::{Diagnostic, LoadError, TextPosition};

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

impl From<&ImportError> for LoadFailure {
    fn from(err: &ImportError) -> Self {
        let failure = |file: &Path, diagnostics: Vec<Diagnostic>| {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            Self {
                message: format!(
                    "{} could not be opened: {errors} error{}",
                    file.display(),
                    if errors == 1 { "" } else { "s" }
                ),
                diagnostics,
            }
        };
        match err {
            ImportError::Powermap(err) => Self::from(err),
            ImportError::Malformed {
                file,
                place,
                message,
            } => failure(file, vec![located(place, message.clone())]),
            ImportError::Refused {
                file,
                place,
                message,
            } => failure(file, vec![located(place, format!("refused: {message}"))]),
            ImportError::Invalid { file, diagnostics } => failure(file, diagnostics.clone()),
            other => Self {
                message: other.to_string(),
                diagnostics: Vec::new(),
            },
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
    }
}
