//! Writing files atomically: a temporary file beside the target, then a rename, so a
//! crash or a full disk never leaves a half-written network or image behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::network::model::Network;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{file}: already exists; choose another name or allow replacing it", file = file.display())]
    Exists { file: PathBuf },
    #[error("{file}: cannot write: {source}", file = file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot encode the network as JSON: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Whether an existing file at the target may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it: the user confirmed, or asked for this path explicitly.
    Replace,
    /// Refuse with [`SaveError::Exists`].
    Refuse,
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// On any error the target is untouched and the temporary file is removed.
#[allow(clippy::disallowed_methods, reason = "the atomic writer itself")]
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), SaveError> {
    let io_error = |source| SaveError::Io {
        file: path.to_owned(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".powermap-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io_error)?;
    temporary.write_all(bytes).map_err(io_error)?;
    #[cfg(unix)]
    {
        // Temporary files are private (0600); the saved file gets the permissions of the
        // file it replaces, or the usual 0644 for a new one.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |old| old.permissions().mode());
        temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io_error)?;
    }
    temporary.as_file().sync_all().map_err(io_error)?;
    match overwrite {
        Overwrite::Replace => temporary.persist(path).map(drop),
        Overwrite::Refuse => temporary.persist_noclobber(path).map(drop),
    }
    .map_err(|err| match err.error.kind() {
        std::io::ErrorKind::AlreadyExists => SaveError::Exists {
            file: path.to_owned(),
        },
        _ => io_error(err.error),
    })
}

/// The network as pretty-printed JSON in the current format.
pub fn network_to_json(network: &Network) -> Result<String, SaveError> {
    let mut json = serde_json::to_string_pretty(network)?;
    json.push('\n');
    Ok(json)
}

/// Saves the network to `path` in the current format, atomically.
pub fn save_network(network: &Network, path: &Path, overwrite: Overwrite) -> Result<(), SaveError> {
    write_atomically(path, network_to_json(network)?.as_bytes(), overwrite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_unless_asked() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("map.json");
        write_atomically(&path, b"first", Overwrite::Refuse).expect("new file");
        let refused = write_atomically(&path, b"second", Overwrite::Refuse);
        assert!(
            matches!(refused, Err(SaveError::Exists { .. })),
            "got {refused:?}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        write_atomically(&path, b"third", Overwrite::Replace).expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"third");
        let leftovers: Vec<_> = std::fs::read_dir(folder.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn saved_files_are_readable_by_others_like_any_document() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("map.png");
        write_atomically(&path, b"png", Overwrite::Refuse).expect("saves");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn unwritable_folder_is_an_error_and_writes_nothing() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("missing-folder").join("map.json");
        let result = write_atomically(&path, b"x", Overwrite::Replace);
        assert!(
            matches!(result, Err(SaveError::Io { .. })),
            "got {result:?}"
        );
        assert!(!path.exists());
    }
}
