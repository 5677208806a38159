//! Problems found in a network file: where they are and how serious.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the file from opening.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A line and column in the file's text, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

impl TextPosition {
    /// The position of byte `offset` in `text`; columns count characters, not bytes.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut counter = PositionCounter::default();
        counter.advance(&text.as_bytes()[..offset.min(text.len())]);
        counter.position()
    }
}

/// Counts lines and characters through text given piece by piece, so that a file read in
/// pieces can name a place in it after the text before it is gone. Given all of a text
/// before an offset, it gives the same position as [`TextPosition::of_offset`].
#[derive(Clone, Copy, Debug)]
pub struct PositionCounter {
    line: usize,
    column: usize,
}

impl Default for PositionCounter {
    fn default() -> Self {
        Self { line: 1, column: 1 }
    }
}

impl PositionCounter {
    /// Moves past `bytes`, UTF-8 text (a character cut at its end counts as one).
    pub fn advance(&mut self, bytes: &[u8]) {
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += bytes.iter().filter(|&&b| b == b'\n').count();
                self.column = 1 + characters(&bytes[last + 1..]);
            }
            None => self.column += characters(bytes),
        }
    }

    /// The position of the byte after those counted.
    pub fn position(&self) -> TextPosition {
        TextPosition {
            line: self.line,
            column: self.column,
        }
    }
}

/// The characters UTF-8 `bytes` begin: every byte but continuation bytes (`10xxxxxx`).
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// One problem: its severity, the JSON path it concerns, the text position where known.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A JSON path such as `ties[12].participants[1]`; empty for the whole file.
    pub path: String,
    pub position: Option<TextPosition>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    pub fn at(mut self, position: TextPosition) -> Self {
        self.position = Some(position);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `12:5: error: ties[3].date: "2025-13" is impossible: there is no month 13`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(TextPosition { line, column }) = self.position {
            write!(f, "line {line}, column {column}: ")?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Why a file's bytes could not be read, before anything in them was looked at.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read: {source}", file = file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than powermap opens ([`super::load::MAX_FILE_BYTES`]).
    #[error("{file}: the file is {size} bytes; powermap opens files up to {limit} bytes", file = file.display())]
    TooLarge {
        /// The file.
        file: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The most powermap opens.
        limit: u64,
    },
    /// Reading stopped because the person cancelled it.
    #[error("{file}: opening was cancelled", file = file.display())]
    Cancelled {
        /// The file.
        file: PathBuf,
    },
}

impl ReadError {
    /// The file at `file` could not be opened or read.
    pub fn io(file: &Path, source: std::io::Error) -> Self {
        Self::Io {
            file: file.to_owned(),
            source,
        }
    }
}

/// Why a network could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read, or is too large.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file was read, and has errors.
    #[error("{file}: {}", summarize(diagnostics), file = file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// Every problem found, errors and warnings, in file order.
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// The problems to list one by one; empty for I/O and size errors and cancelled reads.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid { diagnostics, .. } => diagnostics,
            Self::Read(_) => &[],
        }
    }
}

/// How many of `diagnostics` are errors, in words: `1 error`, `4 errors`.
pub fn errors_text(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    count_text(errors, "error", "errors")
}

/// A count with its noun: `1 warning`, `0 warnings`, `3 entities`.
pub fn count_text(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn summarize(diagnostics: &[Diagnostic]) -> String {
    let mut text = format!("{} found", errors_text(diagnostics));
    for diagnostic in diagnostics {
        text.push_str("\n  ");
        text.push_str(&diagnostic.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "{\n  \"이름\": 1,\n  x";
        let offset = text.find('x').expect("x");
        assert_eq!(
            TextPosition::of_offset(text, offset),
            TextPosition { line: 3, column: 3 }
        );
        let after_hangul = text.find(':').expect("colon");
        assert_eq!(
            TextPosition::of_offset(text, after_hangul),
            TextPosition { line: 2, column: 7 }
        );
    }

    #[test]
    fn positions_counted_piece_by_piece_are_those_of_the_whole_text() {
        let text = "{\n  \"이름\": \"가나\",\n\n  x😀y\n";
        for offset in 0..=text.len() {
            // Lines and characters counted in the text before the offset.
            let before = &text.as_bytes()[..offset];
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let expected = TextPosition {
                line: before.iter().filter(|&&b| b == b'\n').count() + 1,
                column: String::from_utf8_lossy(&before[line_start..])
                    .chars()
                    .count()
                    + 1,
            };
            assert_eq!(TextPosition::of_offset(text, offset), expected, "{offset}");
            for cut in 0..=offset {
                let mut counter = PositionCounter::default();
                counter.advance(&before[..cut]);
                counter.advance(&before[cut..]);
                assert_eq!(counter.position(), expected, "{offset} cut at {cut}");
            }
        }
    }

    #[test]
    fn counts_have_their_noun_in_number() {
        assert_eq!(count_text(0, "entity", "entities"), "0 entities");
        assert_eq!(count_text(1, "entity", "entities"), "1 entity");
        assert_eq!(count_text(2, "tie", "ties"), "2 ties");
        let diagnostics = [
            Diagnostic::error("a", "bad"),
            Diagnostic::warning("b", "odd"),
            Diagnostic::error("c", "bad"),
        ];
        assert_eq!(errors_text(&diagnostics), "2 errors");
        assert_eq!(errors_text(&diagnostics[..2]), "1 error");
    }

    #[test]
    fn display_names_position_path_and_message() {
        let diagnostic = Diagnostic::error("ties[3].date", "bad date").at(TextPosition {
            line: 12,
            column: 5,
        });
        assert_eq!(
            diagnostic.to_string(),
            "line 12, column 5: error: ties[3].date: bad date"
        );
    }
}
