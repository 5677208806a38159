//! What the window remembers between runs: recent files and the label language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How many recent files the File menu lists.
pub const MAX_RECENT_FILES: usize = 10;

/// Persisted through eframe's storage (the window size is persisted by eframe itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
