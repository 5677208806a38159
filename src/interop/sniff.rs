//! Recognising a file's format: every reader is asked how well the content fits it (see
//! `reader.rs`); the best fit wins, the name breaks a tie, and a tie the name cannot break
//! is read as the first reader and said in the report. A file whose content fits no reader
//! is read by its name. A `.json` file that starts with powermap's marker is known by its
//! first bytes, and read in pieces by powermap's loader rather than whole.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::reader::{Fit, Probe, READERS, Reader};
use super::{Format, ImportError, text};
use crate::network::diagnostic::ReadError;
use crate::network::load::starts_as_powermap;

/// The first bytes of a file looked at for powermap's marker.
const HEAD_BYTES: u64 = 64 << 10;

/// The reader chosen for a file, the probe it was recognised with, and a note when the
/// choice needs saying (the name suggested another format, or two formats fit).
pub(crate) struct Sniffed<'a> {
    pub reader: &'static dyn Reader,
    pub probe: Probe<'a>,
    pub note: Option<String>,
}

/// The reader whose name endings `file` has.
pub(super) fn by_name(file: &Path) -> Option<&'static dyn Reader> {
    let name = lower_name(file)?;
    READERS
        .iter()
        .copied()
        .find(|reader| reader.endings().iter().any(|ending| name.ends_with(ending)))
}

/// Whether the file at `path` is powermap JSON to read in pieces, and then its text's
/// encoding: named `.json` (no other format's name) and starting with `{"format":
/// "powermap"` (a field before it may come first, if all of it is in the first
/// [`HEAD_BYTES`]). Any other file is read whole, and its content sniffed.
pub(super) fn powermap_to_stream(path: &Path) -> Result<Option<&'static str>, ReadError> {
    let json_name = lower_name(path).is_some_and(|name| name.ends_with(".json"));
    if !json_name || by_name(path).is_some() {
        return Ok(None);
    }
    let io = |source| ReadError::io(path, source);
    let mut head = Vec::new();
    File::open(path)
        .map_err(io)?
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(io)?;
    Ok(starts_as_powermap(&head).then(|| {
        if head.starts_with(b"\xEF\xBB\xBF") {
            "UTF-8 (with a byte order mark)"
        } else {
            "UTF-8"
        }
    }))
}

fn lower_name(file: &Path) -> Option<String> {
    Some(file.file_name()?.to_string_lossy().to_lowercase())
}

/// The readers whose content fits `probe` best; one only if a reader's own marker is there.
fn best_fits(probe: &Probe<'_>) -> Vec<&'static dyn Reader> {
    let mut best: Option<Fit> = None;
    let mut fits = Vec::new();
    for reader in READERS.iter().copied() {
        let Some(fit) = reader.recognise(probe) else {
            continue;
        };
        if fit == Fit::Marked {
            return vec![reader];
        }
        if best.is_none_or(|best| fit > best) {
            best = Some(fit);
            fits.clear();
        }
        if best == Some(fit) {
            fits.push(reader);
        }
    }
    fits
}

/// The reader for a file's text, with a note when the choice needs saying.
pub(crate) fn sniff<'a>(
    text: &'a str,
    bytes: &'a [u8],
    file: &Path,
) -> Result<Sniffed<'a>, ImportError> {
    let probe = Probe::new(text, bytes);
    if probe.looks_like_json() {
        text::check_json_depth(probe.text(), file)?;
    }
    let named = by_name(file);
    let fits = best_fits(&probe);
    let (reader, note) = match fits.as_slice() {
        [] => (unrecognised(&probe, named, file)?, None),
        [only] => {
            let note = named
                .filter(|named| named.format() != only.format())
                .map(|named| {
                    let (named, content) = (named.format(), only.format());
                    format!(
                        "the file's name suggests {named}, but its content is {content}; \
                     read as {content}"
                    )
                });
            (*only, note)
        }
        several => {
            let chosen = named
                .filter(|named| several.iter().any(|fit| fit.format() == named.format()))
                .unwrap_or(several[0]);
            let others: Vec<String> = several
                .iter()
                .filter(|other| other.format() != chosen.format())
                .map(|other| match other.endings().first() {
                    Some(ending) => format!("{} (name it …{ending})", other.format()),
                    None => other.format().to_string(),
                })
                .collect();
            let note = format!(
                "the file fits {} and also {}; read as {}",
                chosen.format(),
                others.join(" and "),
                chosen.format()
            );
            (chosen, Some(note))
        }
    };
    Ok(Sniffed {
        reader,
        probe,
        note,
    })
}

/// The reader for a file whose content no reader recognises: its name's, else broken JSON
/// is reported where it breaks (by powermap's loader if it carries powermap's marker).
fn unrecognised(
    probe: &Probe<'_>,
    named: Option<&'static dyn Reader>,
    file: &Path,
) -> Result<&'static dyn Reader, ImportError> {
    if let Some(named) = named {
        return Ok(named);
    }
    let fallback = || {
        let name = lower_name(file)?;
        READERS.iter().copied().find(|reader| {
            reader
                .fallback_endings()
                .iter()
                .any(|ending| name.ends_with(ending))
        })
    };
    if probe.looks_like_json() && probe.json().is_none() {
        let marker = format!("\"{}\"", crate::network::model::FORMAT_NAME);
        if probe.text().contains(&marker) {
            return Ok(&super::powermap::PowermapReader);
        }
        if let Err(err) = super::json::parse(probe.text()) {
            return Err(super::json_syntax_error(&err, file));
        }
    }
    fallback().ok_or_else(|| ImportError::UnknownFormat {
        file: file.to_owned(),
        message: format!(
            "cannot tell the format: powermap reads {}",
            READERS
                .iter()
                .map(|reader| reader.describe())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// The format of a file from its bytes and name: the content decides where it can (a
/// powermap JSON object, node-link `nodes` and `links`, Cytoscape.js `elements`, a `<gexf>`
/// or `<graphml>` root, a CSV header with `Id` or the ends of ties, a workbook's archive),
/// else the name.
pub fn detect_format(bytes: &[u8], file: &Path) -> Option<Format> {
    let decoded = if bytes.starts_with(super::spreadsheet::ZIP_MAGIC) {
        text::Decoded::binary()
    } else {
        text::decode(bytes, file).ok()?
    };
    sniff(&decoded.text, bytes, file)
        .ok()
        .map(|sniffed| sniffed.reader.format())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str, name: &str) -> Option<Format> {
        detect_format(text.as_bytes(), Path::new(name))
    }

    #[test]
    fn content_decides_before_the_name() {
        let cases = [
            (
                r#"{"format": "powermap", "version": 1, "entities": []}"#,
                Format::Powermap,
            ),
            (r#"{"nodes": [], "links": []}"#, Format::NodeLink),
            (
                r#"{"directed": false, "nodes": [{"id": 1}], "edges": []}"#,
                Format::NodeLink,
            ),
            (
                r#"{"elements": {"nodes": [], "edges": []}}"#,
                Format::Cytoscape,
            ),
            (
                r#"[{"group": "nodes", "data": {"id": "a"}}]"#,
                Format::Cytoscape,
            ),
            (
                "<?xml version=\"1.0\"?>\n<gexf version=\"1.3\"/>",
                Format::Gexf,
            ),
            (
                "<!-- x --><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"/>",
                Format::GraphMl,
            ),
            ("Id;Label\n1;Ada\n", Format::Csv),
            ("\u{FEFF}Source,Target,Weight\na,b,1\n", Format::Csv),
        ];
        for (text, format) in cases {
            assert_eq!(detect(text, "file.txt"), Some(format), "{text}");
        }
        assert_eq!(
            detect("<gexf version=\"1.2\"/>", "misnamed.json"),
            Some(Format::Gexf)
        );
    }

    #[test]
    fn the_name_decides_when_the_content_cannot() {
        assert_eq!(detect("{broken", "map.json"), None);
        assert_eq!(
            detect("{\"format\": \"powermap\", broken", "map.json"),
            Some(Format::Powermap)
        );
        assert_eq!(
            detect("{broken", "map.nodelink.json"),
            Some(Format::NodeLink)
        );
        assert_eq!(detect("<gexf", "map.gexf"), Some(Format::Gexf));
        assert_eq!(detect("name,age\n", "people.csv"), Some(Format::Csv));
        assert_eq!(detect("name,age\n", "people.txt"), None);
        assert_eq!(detect("", "empty"), None);
    }

    #[test]
    fn a_misleading_name_is_noted() {
        let sniffed = sniff(
            "Source,Target\na,b\n",
            "Source,Target\na,b\n".as_bytes(),
            Path::new("graph.gexf"),
        )
        .expect("sniffs");
        assert_eq!(sniffed.reader.format(), Format::Csv);
        assert!(
            sniffed
                .note
                .is_some_and(|note| note.contains("suggests GEXF"))
        );
        let sniffed = sniff(
            r#"{"nodes": []}"#,
            r#"{"nodes": []}"#.as_bytes(),
            Path::new("graph.json"),
        )
        .expect("sniffs");
        assert_eq!(sniffed.reader.format(), Format::NodeLink);
        assert!(sniffed.note.is_none(), "a plain .json says nothing");
    }

    #[test]
    fn a_file_that_fits_two_formats_says_so() {
        let both = r#"{"nodes": [{"id": "a"}], "links": [], "elements": {"nodes": []}}"#;
        let sniffed = sniff(both, both.as_bytes(), Path::new("graph.json")).expect("sniffs");
        assert_eq!(sniffed.reader.format(), Format::Cytoscape);
        let note = sniffed.note.expect("a note");
        assert!(note.contains("node-link JSON"), "{note}");
        assert!(note.contains(".nodelink.json"), "{note}");
        let named = sniff(both, both.as_bytes(), Path::new("graph.nodelink.json")).expect("sniffs");
        assert_eq!(named.reader.format(), Format::NodeLink);
        assert!(named.note.is_some_and(|note| note.contains("Cytoscape")));
    }
}
