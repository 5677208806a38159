//! The loader powermap had before it read files in pieces: the whole file's bytes in
//! memory, parsed at once, each element borrowed from them (`src/network/load.rs` at
//! 1acf947, its parsing unchanged). The tests hold the streaming loader to its results:
//! the same networks, and the same diagnostics at the same lines and columns.

use std::marker::PhantomData;
use std::path::Path;

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use powermap::network::diagnostic::{Diagnostic, LoadError, TextPosition};
use powermap::network::load::{
    Loaded, MAX_ENTITIES, MAX_SOURCES_OR_GROUPS, MAX_STORY_STEPS, MAX_TIES,
};
use powermap::network::model::{FORMAT_NAME, FORMAT_VERSION, Network, ShownBy};
use powermap::network::validate::{ElementOrigins, ListOrigins, validate_with_origins};

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
    origins: &mut ListOrigins,
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
