//! Recognising a file's format by its content first (a JSON object's keys, an XML root
//! element, a CSV header), then by its name.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{Format, ImportError, csv_tables, gml, text};

/// The keys of a JSON object that tell the formats apart; the rest is skipped unread.
#[derive(Deserialize)]
struct ObjectProbe {
    format: Option<serde_json::Value>,
    entities: Option<IgnoredAny>,
    nodes: Option<Vec<NodeProbe>>,
    elements: Option<IgnoredAny>,
    graph: Option<GraphProbe>,
}

/// A node of a `nodes` list: a Cytoscape.js element keeps its fields in `data` (the
/// `{"nodes": [{"data": …}], "edges": […]}` that some tools write without `elements`);
/// node-link nodes are objects of their own fields, or bare ids.
#[derive(Deserialize)]
#[serde(untagged)]
enum NodeProbe {
    Object(ElementProbe),
    Other(IgnoredAny),
}

/// An Oligrapher map's `graph`: its `nodes` are an object keyed by id (node-link JSON's
/// `graph` holds attributes of the whole graph).
#[derive(Deserialize)]
struct GraphProbe {
    nodes: Option<serde_json::Value>,
}

/// An element of a top-level JSON array: Cytoscape.js elements have `data`.
#[derive(Deserialize)]
struct ElementProbe {
    data: Option<IgnoredAny>,
}

/// The format a JSON document's keys show; `Err` when it is not JSON at all.
fn json_format(text: &str) -> Result<Option<Format>, serde_json::Error> {
    let data_error = |err: serde_json::Error| match err.classify() {
        serde_json::error::Category::Data => Ok(None),
        _ => Err(err),
    };
    if text.starts_with('[') {
        let elements: Vec<ElementProbe> = match serde_json::from_str(text) {
            Ok(elements) => elements,
            Err(err) => return data_error(err),
        };
        return Ok(elements
            .iter()
            .any(|element| element.data.is_some())
            .then_some(Format::Cytoscape));
    }
    let probe: ObjectProbe = match serde_json::from_str(text) {
        Ok(probe) => probe,
        Err(err) => return data_error(err),
    };
    Ok(
        if probe.format.as_ref().and_then(|f| f.as_str())
            == Some(crate::network::model::FORMAT_NAME)
            || probe.entities.is_some()
        {
            Some(Format::Powermap)
        } else if probe.elements.is_some() {
            Some(Format::Cytoscape)
        } else if probe
            .graph
            .as_ref()
            .and_then(|graph| graph.nodes.as_ref())
            .is_some_and(serde_json::Value::is_object)
        {
            Some(Format::Oligrapher)
        } else if let Some(nodes) = &probe.nodes {
            let elements = nodes
                .iter()
                .any(|node| matches!(node, NodeProbe::Object(ElementProbe { data: Some(_) })));
            Some(if elements {
                Format::Cytoscape
            } else {
                Format::NodeLink
            })
        } else {
            None
        },
    )
}

fn xml_format(text: &str) -> Option<Format> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                let name = start.name();
                let local = super::xml::local_name(name.as_ref());
                return if local.eq_ignore_ascii_case("gexf") {
                    Some(Format::Gexf)
                } else if local.eq_ignore_ascii_case("graphml") {
                    Some(Format::GraphMl)
                } else {
                    None
                };
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// The format the content shows, if it shows one.
fn by_content(text: &str, file: &Path) -> Result<Option<Format>, ImportError> {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    Ok(match text.chars().next() {
        Some('{' | '[') => {
            text::check_json_depth(text, file)?;
            match json_format(text) {
                Ok(format) => format,
                // Broken JSON: a specific name, or powermap's own marker, says whose parser
                // reports it (powermap's loader lists every problem); else it is reported here.
                Err(err) => match by_name(file) {
                    Some((format, true)) => Some(format),
                    _ if text.contains(&format!("\"{}\"", crate::network::model::FORMAT_NAME)) => {
                        Some(Format::Powermap)
                    }
                    _ => return Err(super::json_syntax_error(&err, file)),
                },
            }
        }
        Some('<') => xml_format(text),
        Some(_) if gml::looks_like_gml(text) => Some(Format::Gml),
        Some(_) => csv_tables::table_kind(text).map(|_| Format::Csv),
        None => None,
    })
}

/// The format a file name suggests, and whether the name is specific to it (a plain
/// `.json` is not: it is only powermap's by default).
pub(super) fn by_name(file: &Path) -> Option<(Format, bool)> {
    let name = file.file_name()?.to_string_lossy().to_lowercase();
    Some(match name.rsplit_once('.')?.1 {
        "gexf" => (Format::Gexf, true),
        "graphml" => (Format::GraphMl, true),
        "csv" | "tsv" => (Format::Csv, true),
        "xlsx" => (Format::Xlsx, true),
        "ods" => (Format::Ods, true),
        "cyjs" => (Format::Cytoscape, true),
        "gml" => (Format::Gml, true),
        "json" if name.ends_with(".nodelink.json") || name.ends_with(".node-link.json") => {
            (Format::NodeLink, true)
        }
        "json" => (Format::Powermap, false),
        _ => return None,
    })
}

/// The format of a file's text, with a note when its name suggested another.
pub(crate) fn sniff(text: &str, file: &Path) -> Result<(Format, Option<String>), ImportError> {
    let content = by_content(text, file)?;
    let name = by_name(file);
    match (content, name) {
        (Some(content), Some((name, true))) if content != name => Ok((
            content,
            Some(format!(
                "the file's name suggests {name}, but its content is {content}; read as {content}"
            )),
        )),
        (Some(format), _) | (None, Some((format, _))) => Ok((format, None)),
        (None, None) => Err(ImportError::UnknownFormat {
            file: file.to_owned(),
            message: "cannot tell the format: powermap reads powermap JSON, GEXF, GraphML, \
                      CSV tables (a header with Id, or with Source and Target), node-link \
                      JSON (nodes and links), Cytoscape.js JSON (elements) and GML (graph [ … ])"
                .to_owned(),
        }),
    }
}

/// The format of a file from its bytes and name: the content decides where it can (a
/// powermap JSON object, node-link `nodes` and `links`, Cytoscape.js `elements`, a `<gexf>`
/// or `<graphml>` root, a CSV header with `Id` or `Source` and `Target`), else the name.
pub fn detect_format(bytes: &[u8], file: &Path) -> Option<Format> {
    let decoded = text::decode(bytes, file).ok()?;
    sniff(&decoded.text, file).ok().map(|(format, _)| format)
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
        let (format, note) =
            sniff("Source,Target\na,b\n", Path::new("graph.gexf")).expect("sniffs");
        assert_eq!(format, Format::Csv);
        assert!(note.is_some_and(|note| note.contains("suggests GEXF")));
        let (format, note) = sniff(r#"{"nodes": []}"#, Path::new("graph.json")).expect("sniffs");
        assert_eq!(format, Format::NodeLink);
        assert_eq!(note, None, "a plain .json says nothing");
    }
}
