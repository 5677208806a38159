//! Reading a network file: size and encoding checks, parsing, then validation.
//!
//! Each source, group, entity, tie and story step is parsed on its own, so one malformed element
//! does not hide the problems in the others: every problem is reported in one pass.

use std::fs::File;
use std::io::Read;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::network::diagnostic::{Diagnostic, LoadError, ReadError, TextPosition};
use crate::network::model::{FORMAT_NAME, FORMAT_VERSION, Network, ShownBy};
use crate::network::validate::{ElementOrigins, validate_with_origins};

/// The largest file powermap opens, in bytes (512 MiB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// The most entities a file may hold.
pub const MAX_ENTITIES: usize = 2_000_000;
/// The most ties a file may hold.
pub const MAX_TIES: usize = 4_000_000;
/// The most sources, and separately the most groups, a file may hold.
pub const MAX_SOURCES_OR_GROUPS: usize = 100_000;
/// The most steps a story may have.
pub const MAX_STORY_STEPS: usize = 10_000;

/// A network that opened, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub network: Network,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates the network file at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    parse_network(&read_bounded(path)?, path)
}

/// The bytes of the file at `path`, refused before reading when it is larger than
/// [`MAX_FILE_BYTES`] (and after, should it have grown meanwhile).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (mut file, size) = open_bounded(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|source| ReadError::io(path, source))?;
    check_size(path, bytes.len() as u64)?;
    Ok(bytes)
}

/// Opens the file at `path` for reading, refused when it is larger than
/// [`MAX_FILE_BYTES`]; returns it with its size. Reads stop one byte past the limit, so
/// that [`check_size`] on what was read also refuses a file that grew since it was
/// measured.
pub fn open_bounded(path: &Path) -> Result<(std::io::Take<File>, u64), ReadError> {
    let file = File::open(path).map_err(|source| ReadError::io(path, source))?;
    let size = file
        .metadata()
        .map_err(|source| ReadError::io(path, source))?
        .len();
    check_size(path, size)?;
    Ok((file.take(MAX_FILE_BYTES + 1), size))
}

/// Refuses `size` bytes of the file at `path` when that is more than [`MAX_FILE_BYTES`].
pub fn check_size(path: &Path, size: u64) -> Result<(), ReadError> {
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Parses and validates a network from the bytes of a file; `file` names it in errors.
pub fn parse_network(bytes: &[u8], file: &Path) -> Result<Loaded, LoadError> {
    let invalid = |diagnostics| LoadError::Invalid {
        file: file.to_owned(),
        diagnostics,
    };
    let mut diagnostics = Vec::new();
    let text = decode_text(bytes, &mut diagnostics).map_err(|d| invalid(vec![d]))?;
    let network = parse_document(text, &mut diagnostics).map_err(|d| {
        diagnostics.push(d);
        invalid(diagnostics.clone())
    })?;
    let (network, origins) = network;
    diagnostics.extend(validate_with_origins(&network, &origins));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(invalid(diagnostics));
    }
    Ok(Loaded {
        network,
        warnings: diagnostics,
    })
}

fn decode_text<'a>(
    bytes: &'a [u8],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<&'a str, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            "",
            "the file is UTF-16 text; save it as UTF-8 and open it again",
        ));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            diagnostics.push(Diagnostic::warning(
                "",
                "the file starts with a UTF-8 byte order mark; it was ignored",
            ));
            rest
        }
        None => bytes,
    };
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = err.valid_up_to();
        // The valid prefix is text, so positions can be counted in it.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        Diagnostic::error(
            "",
            format!(
                "the file is not UTF-8 text (invalid byte 0x{:02X}); save it as UTF-8",
                bytes[valid]
            ),
        )
        .at(TextPosition::of_offset(prefix, valid))
    })?;
    match text.trim_start().chars().next() {
        None => Err(Diagnostic::error("", "the file is empty")),
        Some('{') => Ok(text),
        Some('[') => Err(Diagnostic::error(
            "",
            format!(
                "the file holds a JSON array; a powermap network is a JSON object \
                 starting with {{\"format\": \"{FORMAT_NAME}\", \"version\": {FORMAT_VERSION}, …}}"
            ),
        )
        .at(TextPosition::of_offset(
            text,
            text.len() - text.trim_start().len(),
        ))),
        Some(_) => Err(Diagnostic::error(
            "",
            "the file is not a JSON object; a powermap network starts with '{'",
        )
        .at(TextPosition::of_offset(
            text,
            text.len() - text.trim_start().len(),
        ))),
    }
}

/// The top-level object, with each element of its lists still unparsed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    format: Option<String>,
    version: Option<u32>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    label_language: Option<String>,
    #[serde(default, borrow)]
    sources: RawElements<'a, MAX_SOURCES_OR_GROUPS>,
    #[serde(default, borrow)]
    groups: RawElements<'a, MAX_SOURCES_OR_GROUPS>,
    #[serde(borrow)]
    entities: Option<RawElements<'a, MAX_ENTITIES>>,
    #[serde(default, borrow)]
    ties: RawElements<'a, MAX_TIES>,
    #[serde(default, borrow)]
    story: RawElements<'a, MAX_STORY_STEPS>,
    #[serde(default)]
    shown_by: ShownBy,
}

/// The unparsed elements of a JSON array, refused beyond `LIMIT` elements.
struct RawElements<'a, const LIMIT: usize>(Vec<&'a RawValue>);

impl<const LIMIT: usize> Default for RawElements<'_, LIMIT> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de: 'a, 'a, const LIMIT: usize> Deserialize<'de> for RawElements<'a, LIMIT> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ElementsVisitor<'a, const LIMIT: usize>(PhantomData<&'a ()>);

        impl<'de: 'a, 'a, const LIMIT: usize> Visitor<'de> for ElementsVisitor<'a, LIMIT> {
            type Value = RawElements<'a, LIMIT>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "an array of at most {LIMIT} objects")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut elements = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(LIMIT));
                while let Some(element) = seq.next_element::<&'a RawValue>()? {
                    if elements.len() == LIMIT {
                        return Err(serde::de::Error::custom(format!(
                            "more than {LIMIT} elements; powermap opens at most {LIMIT}"
                        )));
                    }
                    elements.push(element);
                }
                Ok(RawElements(elements))
            }
        }

        deserializer.deserialize_seq(ElementsVisitor::<LIMIT>(PhantomData))
    }
}

/// Just enough of an element to learn its id when the rest of it is malformed.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

fn parse_document(
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Network, ElementOrigins), Diagnostic> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: Document =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
            let path = err.path().to_string();
            json_error(if path == "." { String::new() } else { path }, err.inner())
        })?;
    deserializer
        .end()
        .map_err(|err| json_error(String::new(), &err))?;

    match document.format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => diagnostics.push(Diagnostic::error(
            "format",
            format!(
                "this is a {other:?} file, not a powermap network (\"format\": \"{FORMAT_NAME}\")"
            ),
        )),
        None => diagnostics.push(Diagnostic::error(
            "format",
            format!("missing: a powermap network has \"format\": \"{FORMAT_NAME}\""),
        )),
    }
    let version = match document.version {
        Some(version @ 1..=FORMAT_VERSION) => version,
        Some(version) => {
            diagnostics.push(Diagnostic::error(
                "version",
                format!(
                    "format version {version} is not one this powermap reads (1 to {FORMAT_VERSION}); \
                     a newer powermap may open it"
                ),
            ));
            FORMAT_VERSION
        }
        None => {
            diagnostics.push(Diagnostic::error(
                "version",
                format!("missing: write \"version\": {FORMAT_VERSION}"),
            ));
            FORMAT_VERSION
        }
    };
    let Some(entities) = document.entities else {
        return Err(Diagnostic::error(
            "entities",
            "missing: a network lists its people and organisations in \"entities\"",
        ));
    };

    let mut origins = ElementOrigins::default();
    let mut network = Network {
        format: FORMAT_NAME.to_owned(),
        version,
        title: document.title,
        description: document.description,
        label_language: document.label_language.unwrap_or_else(|| "en".to_owned()),
        shown_by: document.shown_by,
        ..Network::empty()
    };
    network.sources = parse_elements(
        text,
        "sources",
        &document.sources.0,
        &mut origins.sources,
        diagnostics,
    );
    network.groups = parse_elements(
        text,
        "groups",
        &document.groups.0,
        &mut origins.groups,
        diagnostics,
    );
    network.entities = parse_elements(
        text,
        "entities",
        &entities.0,
        &mut origins.entities,
        diagnostics,
    );
    network.ties = parse_elements(
        text,
        "ties",
        &document.ties.0,
        &mut origins.ties,
        diagnostics,
    );
    network.story = parse_elements(
        text,
        "story",
        &document.story.0,
        &mut origins.story,
        diagnostics,
    );
    Ok((network, origins))
}

/// Parses each element on its own, recording where each parsed one came from and an
/// error for each that failed. The ids of failed elements still count as known, so
/// references to them are not reported a second time.
fn parse_elements<T: DeserializeOwned>(
    text: &str,
    list: &str,
    elements: &[&RawValue],
    origins: &mut crate::network::validate::ListOrigins,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut parsed = Vec::with_capacity(elements.len());
    for (index, raw) in elements.iter().enumerate() {
        let element_text = raw.get();
        let mut deserializer = serde_json::Deserializer::from_str(element_text);
        match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(element) => {
                parsed.push(element);
                origins.indexes.push(index);
            }
            Err(err) => {
                let inner_path = err.path().to_string();
                let inner = err.into_inner();
                let path = match inner_path.as_str() {
                    "." => format!("{list}[{index}]"),
                    inner_path if inner_path.starts_with('[') => {
                        format!("{list}[{index}]{inner_path}")
                    }
                    inner_path => format!("{list}[{index}].{inner_path}"),
                };
                let element_offset = element_text.as_ptr() as usize - text.as_ptr() as usize;
                let start = TextPosition::of_offset(text, element_offset);
                let position = TextPosition {
                    line: start.line + inner.line() - 1,
                    column: if inner.line() == 1 {
                        start.column + inner.column() - 1
                    } else {
                        inner.column()
                    },
                };
                diagnostics.push(Diagnostic::error(path, strip_position(&inner)).at(position));
                if let Ok(IdOnly { id }) = serde_json::from_str(element_text) {
                    origins.failed_ids.push(id);
                }
            }
        }
    }
    parsed
}

fn json_error(path: String, err: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(path, strip_position(err)).at(TextPosition {
        line: err.line(),
        column: err.column(),
    })
}

/// serde_json's message without its trailing " at line L column C", which is reported apart.
fn strip_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) if err.line() > 0 => message[..at].to_owned(),
        _ => message,
    }
}

/// A file name for errors about the embedded default network.
pub fn embedded_file_name(name: &str) -> PathBuf {
    PathBuf::from(format!("<embedded {name}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_network(text.as_bytes(), Path::new("story.json")) {
            Ok(loaded) => panic!("it loaded: {:?}", loaded.network.story),
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => panic!("expected located errors, got {other}"),
        }
    }

    const HEAD: &str = r#"{"format": "powermap", "version": 2,
"entities": [{"id": "a", "kind": "person", "name": {"en": "A"}}],
"story": ["#;

    #[test]
    fn a_story_step_is_read_on_its_own_and_its_errors_located() {
        // The second step is malformed and the third names no entity: both are reported,
        // each at its own place in the file.
        let text = format!(
            "{HEAD}\n{{\"caption\": {{\"en\": \"1\"}}}},\n{{\"caption\": {{\"en\": \"2\"}}, \"view\": {{\"x\": 0, \"y\": 0, \"zoom\": \"far\"}}}},\n{{\"caption\": {{\"en\": \"3\"}}, \"entities\": [\"b\"]}}\n]}}"
        );
        let found = errors(&text);
        let described: Vec<String> = found
            .iter()
            .map(|d| format!("{} {:?}", d.path, d.position.map(|p| (p.line, p.column))))
            .collect();
        assert_eq!(
            described,
            // Line 5 is the second step; column 63 ends its "far".
            [
                "story[1].view.zoom Some((5, 63))",
                "story[2].entities[0] None"
            ],
            "{found:#?}"
        );
        assert!(found[0].message.contains("invalid type"), "{}", found[0]);
        assert!(found[1].message.contains("no entity has the id \"b\""));
    }

    #[test]
    fn an_unknown_field_of_a_step_is_an_error() {
        let text = format!("{HEAD}{{\"caption\": {{\"en\": \"1\"}}, \"zoom\": 2}}]}}");
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].path, "story[0].zoom");
        assert!(
            found[0].message.contains("unknown field `zoom`"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_story_loads_as_written() {
        let text = format!(
            "{HEAD}{{\"caption\": {{\"ko\": \"시작\", \"en\": \"Start\"}}, \"entities\": [\"a\"], \"view\": {{\"x\": 1.5, \"y\": -2, \"zoom\": 0.5}}, \"date\": \"2025-10\"}}]}}"
        );
        let loaded = parse_network(text.as_bytes(), Path::new("story.json")).expect("loads");
        let step = &loaded.network.story[0];
        assert_eq!(step.caption["ko"], "시작");
        assert_eq!(step.entities, ["a"]);
        assert_eq!(
            step.view.map(|v| (v.x, v.y, v.zoom)),
            Some((1.5, -2.0, 0.5))
        );
        assert_eq!(step.date.map(|d| d.to_string()).as_deref(), Some("2025-10"));
    }
}
