//! Files that failed to open, as the window shows them: a summary and every problem at its place.

use std::path::Path;

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
    }
}
