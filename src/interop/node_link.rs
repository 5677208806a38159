//! Node-link JSON as d3 and networkx write it: `nodes` with `links` (or `edges`, networkx
//! 3.4+), `source` and `target` given as node ids (strings or numbers), as indexes into
//! `nodes` (classic d3), or as the node objects d3's simulation puts there; `graph` holds
//! the network's own attributes.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value};

use super::mapping::{OutGraph, RawEdge, RawGraph, RawNode};
use super::report::{Finding, ImportReport, Place};
use super::{ExportError, ImportError};
use crate::interop::reader::{Fit, Input, Probe, Reader};
use crate::interop::{Format, mapping};
use crate::network::model::Network;

/// A JSON value as attribute text: strings as they are, anything else as compact JSON.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// A JSON value as an id: strings and numbers.
pub(crate) fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Title, description and label language from a graph-level object; the rest is reported.
pub(crate) fn read_graph_attributes(
    object: &Map<String, Value>,
    path: &str,
    graph: &mut RawGraph,
    report: &mut ImportReport,
) {
    for (key, value) in object {
        let text = value_text(value);
        match key.to_lowercase().as_str() {
            "title" | "name" if graph.title.is_none() => graph.title = text,
            "description" => graph.description = text,
            "label_language" => graph.label_language = text,
            _ => report.record(Finding::Ignored, || {
                format!("{path}.{key}: attributes of the whole graph are not read")
            }),
        }
    }
}

fn malformed(file: &Path, path: &str, message: &str) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path(path.to_owned()),
        message: message.to_owned(),
    }
}

/// Reads a node-link document.
pub(crate) fn read(
    document: &Value,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let object = document
        .as_object()
        .ok_or_else(|| malformed(file, "", "node-link JSON is an object with \"nodes\""))?;
    let mut graph = RawGraph::default();
    if let Some(attributes) = object.get("graph").and_then(Value::as_object) {
        read_graph_attributes(attributes, "graph", &mut graph, report);
        // Only powermap writes the label language.
        graph.written_by_powermap = attributes.contains_key("label_language");
    }
    let nodes = object
        .get("nodes")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed(file, "nodes", "\"nodes\" must be an array"))?;
    let (key, links) = match (object.get("links"), object.get("edges")) {
        (Some(links), edges) => {
            if edges.is_some() {
                report.record(Finding::Ignored, || {
                    "edges: the file has both \"links\" and \"edges\"; \"links\" was read"
                        .to_owned()
                });
            }
            ("links", Some(links))
        }
        (None, edges) => ("edges", edges),
    };
    let links = match links {
        Some(links) => links
            .as_array()
            .ok_or_else(|| malformed(file, key, "must be an array"))?
            .as_slice(),
        None => &[],
    };

    let mut ids = Vec::with_capacity(nodes.len());
    let any_ids = nodes
        .iter()
        .any(|node| !node.is_object() || node.get("id").is_some());
    let all_ids = nodes
        .iter()
        .all(|node| !node.is_object() || node.get("id").is_some());
    for (index, node) in nodes.iter().enumerate() {
        let path = format!("nodes[{index}]");
        let (id, attributes) = match node {
            Value::Object(fields) => {
                let id = match fields.get("id") {
                    Some(id) => id_text(id).unwrap_or_default(),
                    None => index.to_string(),
                };
                let attributes = fields
                    .iter()
                    .filter(|(key, _)| key.as_str() != "id")
                    .filter_map(|(key, value)| Some((key.clone(), value_text(value)?)))
                    .collect();
                (id, attributes)
            }
            scalar => (id_text(scalar).unwrap_or_default(), Vec::new()),
        };
        ids.push(id.clone());
        graph.push_node(
            RawNode {
                id,
                attributes,
                position: None,
                place: Place::Path(path),
            },
            file,
        )?;
    }

    let known: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut by_index = 0usize;
    let mut resolve = |value: &Value| -> Option<String> {
        match value {
            Value::String(id) => Some(id.clone()),
            Value::Number(number) => {
                let text = number.to_string();
                if all_ids || (any_ids && known.contains(text.as_str())) {
                    return Some(text);
                }
                by_index += 1;
                let id = number
                    .as_u64()
                    .and_then(|i| ids.get(usize::try_from(i).ok()?).cloned());
                Some(id.unwrap_or_else(|| format!("#{text}")))
            }
            Value::Object(node) => match node.get("id") {
                Some(id) => id_text(id),
                None => node
                    .get("index")
                    .and_then(Value::as_u64)
                    .and_then(|i| ids.get(usize::try_from(i).ok()?).cloned()),
            },
            _ => None,
        }
    };
    for (index, link) in links.iter().enumerate() {
        let path = format!("{key}[{index}]");
        let Some(fields) = link.as_object() else {
            report.record(Finding::MissingEndpoint, || {
                format!("{path}: not an object")
            });
            continue;
        };
        let endpoints = ["source", "target"]
            .iter()
            .map(|end| fields.get(*end).and_then(&mut resolve).unwrap_or_default())
            .collect();
        let id = fields.get("id").and_then(id_text);
        // networkx's multigraph key, which powermap's writer sets to the id.
        let key_is_id = fields.get("key").and_then(id_text) == id;
        let attributes = fields
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "source" | "target" | "id"))
            .filter(|(name, _)| !(key_is_id && name.as_str() == "key"))
            .filter_map(|(name, value)| Some((name.clone(), value_text(value)?)))
            .collect();
        graph.push_edge(
            RawEdge {
                id,
                endpoints,
                attributes,
                place: Place::Path(path),
            },
            file,
        )?;
    }
    if by_index > 0 {
        report.note(format!(
            "{key} refer to nodes by their index in \"nodes\" (as d3 does): read that way"
        ));
    }
    Ok(graph)
}

/// The network as node-link JSON: `directed`, `multigraph`, `graph`, `nodes`, `links`, as
/// networkx's `node_link_graph` and d3 read it.
pub(crate) fn write(graph: &OutGraph) -> Result<String, ExportError> {
    let mut attributes = Map::new();
    attributes.insert("title".into(), Value::String(graph.title.clone()));
    if !graph.description.is_empty() {
        attributes.insert(
            "description".into(),
            Value::String(graph.description.clone()),
        );
    }
    attributes.insert(
        "label_language".into(),
        Value::String(graph.label_language.clone()),
    );
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .map(|node| {
            let mut object = Map::new();
            object.insert("id".into(), Value::String(node.id.clone()));
            object.insert("label".into(), Value::String(node.label.clone()));
            if let Some(position) = node.position {
                object.insert("x".into(), Value::from(position.x));
                object.insert("y".into(), Value::from(position.y));
            }
            for (name, value) in &node.attributes {
                object.insert(name.clone(), value.json());
            }
            Value::Object(object)
        })
        .collect();
    let links: Vec<Value> = graph
        .edges
        .iter()
        .map(|edge| {
            let mut object = Map::new();
            object.insert("id".into(), Value::String(edge.id.clone()));
            object.insert("source".into(), Value::String(edge.source.clone()));
            object.insert("target".into(), Value::String(edge.target.clone()));
            object.insert("key".into(), Value::String(edge.id.clone()));
            for (name, value) in &edge.attributes {
                object.insert(name.clone(), value.json());
            }
            Value::Object(object)
        })
        .collect();
    let mut document = Map::new();
    document.insert("directed".into(), Value::Bool(false));
    document.insert("multigraph".into(), Value::Bool(true));
    document.insert("graph".into(), Value::Object(attributes));
    document.insert("nodes".into(), Value::Array(nodes));
    document.insert("links".into(), Value::Array(links));
    let mut text = serde_json::to_string_pretty(&Value::Object(document))?;
    text.push('\n');
    Ok(text)
}

/// Node-link JSON (nodes and links).
pub(crate) struct NodeLinkReader;

impl Reader for NodeLinkReader {
    fn format(&self) -> Format {
        Format::NodeLink
    }

    fn describe(&self) -> &'static str {
        "node-link JSON (nodes and links)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".nodelink.json", ".node-link.json"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        let json = probe.json()?;
        json.get("nodes")?.as_array()?;
        Some(if json.get("links").is_some() {
            Fit::Sure
        } else {
            Fit::Likely
        })
    }

    fn read(
        &self,
        mut input: Input<'_>,
        report: &mut ImportReport,
    ) -> Result<Network, ImportError> {
        let raw = read(&input.json(report)?, input.file, report)?;
        mapping::build(raw, input.file, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn read_text(text: &str) -> (RawGraph, ImportReport) {
        let mut report = ImportReport::new(Path::new("t.json"), Format::NodeLink);
        let value: Value = serde_json::from_str(text).expect("json");
        let graph = read(&value, Path::new("t.json"), &mut report).expect("reads");
        (graph, report)
    }

    #[test]
    fn indexes_ids_and_objects_all_resolve() {
        let (graph, report) = read_text(
            r#"{"nodes": [{"name": "Myriel"}, {"name": "Napoleon"}],
                "links": [{"source": 1, "target": 0, "value": 1}]}"#,
        );
        assert_eq!(graph.nodes[0].id, "0");
        assert_eq!(graph.edges[0].endpoints, ["1", "0"]);
        assert!(report.notes.iter().any(|note| note.contains("index")));

        let (graph, report) = read_text(
            r#"{"graph": {"name": "g"}, "nodes": [{"id": 10}, {"id": 20}],
                "edges": [{"source": 10, "target": 20}]}"#,
        );
        assert_eq!(graph.title.as_deref(), Some("g"));
        assert_eq!(graph.edges[0].endpoints, ["10", "20"]);
        assert!(report.notes.is_empty());

        let (graph, _) = read_text(
            r#"{"nodes": [{"id": "a"}, {"id": "b"}],
                "links": [{"source": {"id": "a", "index": 0}, "target": {"index": 1}}]}"#,
        );
        assert_eq!(graph.edges[0].endpoints, ["a", "b"]);
    }

    #[test]
    fn values_become_text() {
        let (graph, _) = read_text(
            r#"{"nodes": [{"id": "a", "size": 2.5, "tags": ["x"], "ok": true, "gone": null}], "links": []}"#,
        );
        let attributes = &graph.nodes[0].attributes;
        assert!(attributes.contains(&("size".to_owned(), "2.5".to_owned())));
        assert!(attributes.contains(&("tags".to_owned(), "[\"x\"]".to_owned())));
        assert!(attributes.contains(&("ok".to_owned(), "true".to_owned())));
        assert!(!attributes.iter().any(|(name, _)| name == "gone"));
    }
}
