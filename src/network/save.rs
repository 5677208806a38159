//! Writing files atomically: a temporary file beside the target, then a rename, so a
//! crash or a full disk never leaves a half-written network or image behind.
//!
//! A network is written as serde_json's pretty JSON, its entities and ties serialized in
//! chunks on rayon's threads and streamed to the file in order, so that a network of a
//! million entities is never held whole as text (a gigabyte) beside itself.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

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
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), SaveError> {
    write_atomically_with(path, overwrite, |out| {
        out.write_all(bytes).map_err(|source| SaveError::Io {
            file: path.to_owned(),
            source,
        })
    })
}

/// How much a file's writer gathers before it writes to the file.
const WRITE_BUFFER_BYTES: usize = 1 << 20;

/// As [`write_atomically`], with the bytes written by `write` (through a buffer) rather
/// than held whole first. On any error, `write`'s or the file's, the target is untouched
/// and the temporary file is removed.
#[allow(clippy::disallowed_methods, reason = "the atomic writer itself")]
pub fn write_atomically_with(
    path: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), SaveError>,
) -> Result<(), SaveError> {
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
    {
        let mut out = BufWriter::with_capacity(WRITE_BUFFER_BYTES, temporary.as_file_mut());
        write(&mut out)?;
        out.flush().map_err(io_error)?;
    }
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
    let mut json = Vec::new();
    write_network_json(network, &mut json).map_err(|err| match err {
        WriteError::Encode(err) => SaveError::Encode(err),
        WriteError::Io(err) => SaveError::Encode(serde_json::Error::io(err)),
    })?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(json).expect("serde_json writes UTF-8"))
}

/// Saves the network to `path` in the current format, atomically.
pub fn save_network(network: &Network, path: &Path, overwrite: Overwrite) -> Result<(), SaveError> {
    write_atomically_with(path, overwrite, |out| {
        write_network_json(network, out).map_err(|err| match err {
            WriteError::Encode(err) => SaveError::Encode(err),
            WriteError::Io(source) => SaveError::Io {
                file: path.to_owned(),
                source,
            },
        })
    })
}

/// Why a network's JSON could not be written: it did not encode, or the writer failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot encode the network as JSON: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How many entities or ties one rayon task serializes: some hundreds of kilobytes of
/// text.
const CHUNK_ELEMENTS: usize = 2_048;

/// How many chunks are serialized while the ones before them are written: the text held
/// at once, some tens of megabytes.
const CHUNKS_IN_FLIGHT: usize = 16;

/// Writes the network as [`network_to_json`] gives it, byte for byte: serde_json's pretty
/// JSON and a final newline. The network's other fields are serialized as they are, with
/// empty lists of entities and ties; the entities and the ties are serialized in chunks
/// on rayon's threads, each element indented for its place, and written in order into
/// those lists while the next chunks are serialized.
pub fn write_network_json(
    network: &Network,
    out: &mut (dyn Write + Send),
) -> Result<(), WriteError> {
    // Every field but the two long lists, which are written in place of their `[]`.
    let Network {
        format,
        version,
        title,
        description,
        label_language,
        sources,
        groups,
        entities,
        ties,
        story,
        shown_by,
    } = network;
    let shell = Network {
        format: format.clone(),
        version: *version,
        title: title.clone(),
        description: description.clone(),
        label_language: label_language.clone(),
        sources: sources.clone(),
        groups: groups.clone(),
        entities: Vec::new(),
        ties: Vec::new(),
        story: story.clone(),
        shown_by: shown_by.clone(),
    };
    let shell = serde_json::to_vec_pretty(&shell)?;
    // The top-level fields are the only ones indented by two spaces; a quote inside a
    // string is escaped, so neither marker can be found inside one.
    let entities_at = top_level_list(&shell, b"entities", 0);
    let ties_at = top_level_list(&shell, b"ties", entities_at.end);
    out.write_all(&shell[..entities_at.start])?;
    write_list(entities, out)?;
    out.write_all(&shell[entities_at.end..ties_at.start])?;
    write_list(ties, out)?;
    out.write_all(&shell[ties_at.end..])?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Where the empty list of the top-level field `name` is in `json` (from `from` on): the
/// range of its `[]`.
fn top_level_list(json: &[u8], name: &[u8], from: usize) -> std::ops::Range<usize> {
    let marker = [b"\n  \"", name, b"\": "].concat();
    let at = (json[from..].windows(marker.len()))
        .position(|window| window == marker.as_slice())
        .map(|at| from + at + marker.len())
        .expect("a network's JSON has its lists of entities and ties");
    debug_assert_eq!(&json[at..at + 2], b"[]");
    at..at + 2
}

/// Writes a top-level list as serde_json's pretty printer does: `[]` when it is empty,
/// else each element on its own lines, indented by four spaces, then `]` indented by two.
fn write_list<T: Serialize + Sync>(
    elements: &[T],
    out: &mut (dyn Write + Send),
) -> Result<(), WriteError> {
    if elements.is_empty() {
        out.write_all(b"[]")?;
        return Ok(());
    }
    out.write_all(b"[")?;
    let chunks: Vec<&[T]> = elements.chunks(CHUNK_ELEMENTS).collect();
    let mut written: Vec<Vec<u8>> = Vec::new();
    for (number, group) in chunks.chunks(CHUNKS_IN_FLIGHT).enumerate() {
        let first_chunk = number * CHUNKS_IN_FLIGHT;
        // The chunks serialized before are written while these are serialized.
        let (serialized, wrote) = rayon::join(
            || {
                (group.par_iter().enumerate())
                    .map(|(i, chunk)| serialize_chunk(chunk, first_chunk + i == 0))
                    .collect::<Result<Vec<_>, _>>()
            },
            || write_all(&written, out),
        );
        wrote?;
        written = serialized?;
    }
    write_all(&written, out)?;
    out.write_all(b"\n  ]")?;
    Ok(())
}

fn write_all(buffers: &[Vec<u8>], out: &mut (dyn Write + Send)) -> std::io::Result<()> {
    buffers.iter().try_for_each(|buffer| out.write_all(buffer))
}

/// A chunk of a top-level list's elements, each after its separator (a newline, with a
/// comma before it but for the list's first element) and indented by four spaces.
fn serialize_chunk<T: Serialize>(chunk: &[T], starts_list: bool) -> Result<Vec<u8>, WriteError> {
    let mut text = Vec::new();
    let mut element = Vec::new();
    for (i, item) in chunk.iter().enumerate() {
        element.clear();
        serde_json::to_writer_pretty(&mut element, item)?;
        text.extend_from_slice(if starts_list && i == 0 { b"\n" } else { b",\n" });
        // serde_json escapes every newline inside a string, so each one here ends a line.
        for (j, line) in element.split(|&byte| byte == b'\n').enumerate() {
            if j > 0 {
                text.push(b'\n');
            }
            text.extend_from_slice(b"    ");
            text.extend_from_slice(line);
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dataset::load_default_network;
    use crate::network::generate::generate_network;
    use crate::network::model::{Entity, EntityKind, LocalizedText, Position, Tie, TieKind};

    /// What a network's JSON was before it was written in chunks: serde_json's pretty
    /// printer over the whole network, and a newline.
    fn whole_json(network: &Network) -> String {
        serde_json::to_string_pretty(network).expect("encodes") + "\n"
    }

    fn assert_same_json(network: &Network, what: &str) {
        let chunked = network_to_json(network).expect("encodes");
        let whole = whole_json(network);
        if chunked != whole {
            let at = (chunked.bytes().zip(whole.bytes()))
                .position(|(a, b)| a != b)
                .unwrap_or(chunked.len().min(whole.len()));
            let around =
                |text: &str| text[at.saturating_sub(60)..(at + 60).min(text.len())].to_owned();
            panic!(
                "{what}: the JSON parts at byte {at}\nexpected: {:?}\ngot:      {:?}",
                around(&whole),
                around(&chunked)
            );
        }
    }

    #[test]
    fn a_network_written_in_chunks_is_the_whole_networks_json() {
        assert_same_json(&Network::empty(), "the empty network");
        let samsung = load_default_network()
            .expect("the embedded network")
            .network;
        assert_same_json(&samsung, "the embedded network");
        // More entities than one round of chunks in flight, placed, and ties of them.
        let count = CHUNK_ELEMENTS * CHUNKS_IN_FLIGHT + 5;
        let mut generated = generate_network(count, 3_000, 2);
        for (i, entity) in generated.entities.iter_mut().enumerate() {
            entity.position = Some(Position {
                x: i as f64 * 0.5,
                y: -(i as f64),
            });
        }
        assert_same_json(&generated, "a generated network");
    }

    #[test]
    fn text_that_looks_like_the_lists_does_not_move_them() {
        let mut network = Network::empty();
        network.title = "\n  \"entities\": [],\n  \"ties\": []".to_owned();
        let name = LocalizedText::from([("en".to_owned(), "line one\nline two".to_owned())]);
        let mut entity = Entity::new("a", EntityKind::Person, name);
        entity.attributes.insert("entities", "[]");
        network.entities = vec![entity];
        assert_same_json(&network, "no ties");
        network.ties = vec![Tie::new("t", TieKind::Meeting, &["a", "a"])];
        assert_same_json(&network, "one tie");
    }

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
