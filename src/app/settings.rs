//! What the window remembers between runs: recent files, and the columns chosen for
//! spreadsheets whose headers powermap could not read.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::interop::ColumnMapping;

/// How many recent files the File menu lists.
pub const MAX_RECENT_FILES: usize = 10;
/// How many sets of headers the columns chosen for them are remembered for.
pub const MAX_REMEMBERED_COLUMNS: usize = 50;

/// The columns chosen in the column-mapping dialog for a table with these headers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RememberedColumns {
    pub headers: Vec<String>,
    pub columns: ColumnMapping,
}

/// Headers as they are compared: trimmed, in lower case.
fn same_headers(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.trim().to_lowercase() == b.trim().to_lowercase())
}

/// Persisted through eframe's storage (the window size is persisted by eframe itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Most recent first.
    pub column_mappings: Vec<RememberedColumns>,
}

impl Settings {
    /// Puts `path` at the top of the recent files, once.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent_files.retain(|known| known != &path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    pub fn forget(&mut self, path: &std::path::Path) {
        self.recent_files.retain(|known| known != path);
    }

    /// The columns last chosen for a table with these headers.
    pub fn columns_for(&self, headers: &[String]) -> Option<&ColumnMapping> {
        self.column_mappings
            .iter()
            .find(|known| same_headers(&known.headers, headers))
            .map(|known| &known.columns)
    }

    /// Remembers the columns chosen for a table with these headers, replacing what was
    /// chosen for them before.
    pub fn remember_columns(&mut self, headers: Vec<String>, columns: ColumnMapping) {
        self.column_mappings
            .retain(|known| !same_headers(&known.headers, &headers));
        self.column_mappings
            .insert(0, RememberedColumns { headers, columns });
        self.column_mappings.truncate(MAX_REMEMBERED_COLUMNS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_remembered_by_headers_in_any_case() {
        let mut settings = Settings::default();
        let headers = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let columns = ColumnMapping {
            source: Some("Person".to_owned()),
            target: Some("Company".to_owned()),
            ..ColumnMapping::default()
        };
        settings.remember_columns(headers(&["Person", "Company"]), columns.clone());
        assert_eq!(
            settings.columns_for(&headers(&["person", " COMPANY "])),
            Some(&columns)
        );
        assert_eq!(settings.columns_for(&headers(&["Person"])), None);
        settings.remember_columns(headers(&["PERSON", "company"]), ColumnMapping::default());
        assert_eq!(settings.column_mappings.len(), 1, "replaced, not added");
        let old: Settings = serde_json::from_str(r#"{"recent_files": []}"#).expect("old settings");
        assert!(old.column_mappings.is_empty());
    }

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut settings = Settings::default();
        for i in 0..15 {
            settings.remember(PathBuf::from(format!("{i}.json")));
        }
        settings.remember(PathBuf::from("12.json"));
        assert_eq!(settings.recent_files.len(), MAX_RECENT_FILES);
        assert_eq!(settings.recent_files[0], PathBuf::from("12.json"));
        assert_eq!(settings.recent_files[1], PathBuf::from("14.json"));
        assert_eq!(
            settings
                .recent_files
                .iter()
                .filter(|p| p.ends_with("12.json"))
                .count(),
            1
        );
    }
}
