//! The recovery copy of unsaved work: written every [`RECOVERY_INTERVAL_SECS`] while there
//! are unsaved changes, atomically, into the app's data directory; removed on save or when
//! the changes are discarded; offered back at the next start after a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::network::model::Network;
use crate::network::save::{Overwrite, write_atomically};

/// How often unsaved work is copied for recovery.
pub const RECOVERY_INTERVAL_SECS: f64 = 30.0;

const RECOVERY_FILE: &str = "recovery.json";

/// Where powermap keeps its own files: eframe's storage directory for the app.
pub fn default_dir() -> Option<PathBuf> {
    eframe::storage_dir("powermap")
}

/// What the recovery file holds: the network as it was on screen, and where it came from.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoveredWork {
    /// The powermap file the work was opened from and would be saved to, if any.
    pub file: Option<PathBuf>,
    /// What the window called it.
    pub name: String,
    pub network: Network,
}

/// The recovery copy: where it goes, when it was last written, and one found at start.
#[derive(Debug, Default)]
pub struct Recovery {
    /// `None`: no recovery copies are kept (no data directory).
    dir: Option<PathBuf>,
    interval_secs: f64,
    /// When (egui's time) the unsaved changes were last copied, or were first made.
    last_copy_secs: Option<f64>,
    /// Whether this run wrote the recovery file, which it removes once nothing is unsaved.
    written: bool,
    /// Work left by a run that did not end well, until the person restores or discards it.
    pub found: Option<RecoveredWork>,
}

impl Recovery {
    /// Recovery copies kept in `dir`, with any left there by an earlier run.
    pub fn look_in(dir: Option<PathBuf>) -> Self {
        let found = dir.as_deref().and_then(read_copy);
        Self {
            dir,
            interval_secs: RECOVERY_INTERVAL_SECS,
            last_copy_secs: None,
            written: false,
            found,
        }
    }

    /// Copies unsaved changes less often or more often than every 30 s (tests).
    #[cfg(feature = "testing")]
    pub fn set_interval_secs(&mut self, interval_secs: f64) {
        self.interval_secs = interval_secs;
    }

    /// The recovery file's path.
    pub fn file(&self) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(RECOVERY_FILE))
    }

    /// Copies `work()` when there are unsaved changes and the last copy is old enough;
    /// returns the seconds until the next copy is due, for a repaint then.
    pub fn tick(
        &mut self,
        now_secs: f64,
        dirty: bool,
        work: impl FnOnce() -> RecoveredWork,
    ) -> Option<f64> {
        if !dirty || self.dir.is_none() {
            if self.written {
                // Undone back to the file as it is: nothing to recover any more.
                self.remove();
            }
            self.last_copy_secs = None;
            return None;
        }
        let since = *self.last_copy_secs.get_or_insert(now_secs);
        let wait_secs = since + self.interval_secs - now_secs;
        if wait_secs > 0.0 {
            return Some(wait_secs);
        }
        self.last_copy_secs = Some(now_secs);
        if let Some(file) = self.file() {
            match write_copy(&file, &work()) {
                Ok(()) => {
                    self.written = true;
                    tracing::info!("unsaved work copied to {}", file.display());
                }
                Err(err) => tracing::warn!("cannot copy unsaved work to {}: {err}", file.display()),
            }
        }
        Some(self.interval_secs)
    }

    /// Removes the recovery copy: the work is saved, or was discarded. A copy left by an
    /// earlier run stays until the person restores or discards it.
    pub fn remove(&mut self) {
        self.last_copy_secs = None;
        self.written = false;
        if self.found.is_none()
            && let Some(file) = self.file()
            && file.exists()
            && let Err(err) = std::fs::remove_file(&file)
        {
            tracing::warn!("cannot remove {}: {err}", file.display());
        }
    }
}

fn write_copy(file: &Path, work: &RecoveredWork) -> anyhow::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec(work)?;
    write_atomically(file, &json, Overwrite::Replace)?;
    Ok(())
}

/// The work left in `dir`, if there is a recovery file that reads.
fn read_copy(dir: &Path) -> Option<RecoveredWork> {
    let file = dir.join(RECOVERY_FILE);
    let bytes = std::fs::read(&file).ok()?;
    match serde_json::from_slice(&bytes) {
        Ok(work) => Some(work),
        Err(err) => {
            tracing::warn!("{} does not read: {err}", file.display());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work() -> RecoveredWork {
        let mut network = Network::empty();
        network.title = "Unsaved".to_owned();
        RecoveredWork {
            file: None,
            name: "untitled".to_owned(),
            network,
        }
    }

    #[test]
    fn unsaved_work_is_copied_when_due_found_again_and_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut recovery = Recovery::look_in(Some(dir.path().to_owned()));
        assert!(recovery.found.is_none());
        assert_eq!(recovery.tick(100.0, false, work), None, "nothing unsaved");
        assert_eq!(recovery.tick(100.0, true, work), Some(30.0));
        assert!(!dir.path().join(RECOVERY_FILE).exists(), "not due yet");
        recovery.tick(130.0, true, work);
        assert!(dir.path().join(RECOVERY_FILE).exists());

        let mut again = Recovery::look_in(Some(dir.path().to_owned()));
        assert_eq!(
            again.found.as_ref().expect("found").network.title,
            "Unsaved"
        );
        again.remove();
        assert!(
            dir.path().join(RECOVERY_FILE).exists(),
            "a copy found at start stays until restored or discarded"
        );
        recovery.tick(140.0, false, work);
        assert!(!dir.path().join(RECOVERY_FILE).exists());
        assert!(
            Recovery::look_in(Some(dir.path().to_owned()))
                .found
                .is_none(),
            "undone back to the file: the copy went"
        );
    }
}
