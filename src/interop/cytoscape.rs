//! Cytoscape.js JSON: `elements` as an object (`{"nodes": […], "edges": […]}`, also what
//! Cytoscape desktop exports as `.cyjs`) or as an array of `{"group", "data", "position"}`
//! (a bare top-level array too), or the nodes and edges without the `elements` wrapper. `data` holds ids and attributes; `position` the place.

use std::path::Path;

use serde_json::{Map, Value};

use crate::network::model::Position;

use super::ImportError;
use super::mapping::{RawEdge, RawGraph, RawNode};
use super::node_link::{id_text, read_graph_attributes, value_text};
use super::report::{Finding, ImportReport, Place};
use crate::interop::reader::{Fit, Input, Probe, Reader};
use crate::interop::{Format, mapping};
use crate::network::model::Network;

/// Whether an element of the array form is an edge: its `group` says so, or its data has a
/// source and a target (Cytoscape.js infers the group the same way).
fn is_edge(element: &Map<String, Value>) -> bool {
    match element.get("group").and_then(Value::as_str) {
        Some(group) => group == "edges",
        None => element
            .get("data")
            .and_then(Value::as_object)
            .is_some_and(|data| data.contains_key("source") && data.contains_key("target")),
    }
}

/// An element's `data`, or `empty` when it has none.
fn data_of<'a>(
    element: &'a Map<String, Value>,
    empty: &'a Map<String, Value>,
) -> &'a Map<String, Value> {
    element
        .get("data")
        .and_then(Value::as_object)
        .unwrap_or(empty)
}

/// Reads a Cytoscape.js document.
pub(crate) fn read(
    document: &Value,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let mut graph = RawGraph::default();
    let malformed = |path: &str, message: &str| ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path(path.to_owned()),
        message: message.to_owned(),
    };
    let mut nodes: Vec<(String, &Map<String, Value>)> = Vec::new();
    let mut edges: Vec<(String, &Map<String, Value>)> = Vec::new();
    let elements = match document {
        Value::Array(_) => document,
        Value::Object(object) => {
            if let Some(data) = object.get("data").and_then(Value::as_object) {
                read_graph_attributes(data, "data", &mut graph, report);
            }
            // Some tools leave the `elements` wrapper out: `{"nodes": […], "edges": […]}`.
            match object.get("elements") {
                Some(elements) => elements,
                None if object.contains_key("nodes") => document,
                None => {
                    return Err(malformed(
                        "elements",
                        "missing: Cytoscape.js JSON has \"elements\"",
                    ));
                }
            }
        }
        _ => {
            return Err(malformed(
                "",
                "Cytoscape.js JSON is an object with \"elements\"",
            ));
        }
    };
    match elements {
        Value::Object(groups) => {
            for (group, list) in [("nodes", &mut nodes), ("edges", &mut edges)] {
                let Some(items) = groups.get(group) else {
                    continue;
                };
                let items = items
                    .as_array()
                    .ok_or_else(|| malformed(&format!("elements.{group}"), "must be an array"))?;
                for (index, item) in items.iter().enumerate() {
                    let path = if std::ptr::eq(elements, document) {
                        format!("{group}[{index}]")
                    } else {
                        format!("elements.{group}[{index}]")
                    };
                    match item.as_object() {
                        Some(item) => list.push((path, item)),
                        None => {
                            report.record(Finding::MissingId, || format!("{path}: not an object"))
                        }
                    }
                }
            }
        }
        Value::Array(items) => {
            let prefix = if document.is_array() { "" } else { "elements" };
            for (index, item) in items.iter().enumerate() {
                let path = format!("{prefix}[{index}]");
                match item.as_object() {
                    Some(item) if is_edge(item) => edges.push((path, item)),
                    Some(item) => nodes.push((path, item)),
                    None => report.record(Finding::MissingId, || format!("{path}: not an object")),
                }
            }
        }
        _ => return Err(malformed("elements", "must be an object or an array")),
    }

    let empty = Map::new();
    for (path, element) in nodes {
        let data = data_of(element, &empty);
        let mut attributes: Vec<(String, String)> = data
            .iter()
            .filter(|(key, _)| key.as_str() != "id")
            .filter_map(|(key, value)| Some((key.clone(), value_text(value)?)))
            .collect();
        if let Some(classes) = element.get("classes").and_then(value_text) {
            attributes.push(("classes".to_owned(), classes));
        }
        if element.get("locked").and_then(Value::as_bool) == Some(true) {
            attributes.push(("pinned".to_owned(), "true".to_owned()));
        }
        let position = element.get("position").and_then(|position| {
            let coordinate = |axis: &str| position.get(axis).and_then(Value::as_f64);
            match (coordinate("x"), coordinate("y")) {
                (Some(x), Some(y)) => Some(Position { x, y }),
                _ => {
                    report.record(Finding::UnreadablePosition, || {
                        format!("{path}.position: {position}")
                    });
                    None
                }
            }
        });
        graph.push_node(
            RawNode {
                id: data.get("id").and_then(id_text).unwrap_or_default(),
                attributes,
                position,
                place: Place::Path(path),
            },
            file,
        )?;
    }
    for (path, element) in edges {
        let data = data_of(element, &empty);
        let mut attributes: Vec<(String, String)> = data
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "id" | "source" | "target"))
            .filter_map(|(key, value)| Some((key.clone(), value_text(value)?)))
            .collect();
        if let Some(classes) = element.get("classes").and_then(value_text) {
            attributes.push(("classes".to_owned(), classes));
        }
        let end = |key: &str| data.get(key).and_then(id_text).unwrap_or_default();
        graph.push_edge(
            RawEdge {
                id: data.get("id").and_then(id_text),
                endpoints: vec![end("source"), end("target")],
                attributes,
                place: Place::Path(path),
            },
            file,
        )?;
    }
    Ok(graph)
}

/// Cytoscape.js JSON (elements, or nodes with data).
pub(crate) struct CytoscapeReader;

impl Reader for CytoscapeReader {
    fn format(&self) -> Format {
        Format::Cytoscape
    }

    fn describe(&self) -> &'static str {
        "Cytoscape.js JSON (elements, or nodes with data)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".cyjs"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        let has_data = |items: &Value| {
            items
                .as_array()
                .is_some_and(|items| items.iter().any(|item| item.get("data").is_some()))
        };
        let json = probe.json()?;
        (has_data(json)
            || json.get("elements").is_some()
            || json.get("nodes").is_some_and(has_data))
        .then_some(Fit::Sure)
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

    fn read_text(text: &str) -> RawGraph {
        let mut report = ImportReport::new(Path::new("t.cyjs"), Format::Cytoscape);
        let value: Value = serde_json::from_str(text).expect("json");
        read(&value, Path::new("t.cyjs"), &mut report).expect("reads")
    }

    #[test]
    fn reads_both_forms_alike() {
        let object = read_text(
            r#"{"data": {"name": "deals"}, "elements": {
                "nodes": [{"data": {"id": "a", "name": "Ada"}, "position": {"x": 1, "y": 2}, "locked": true},
                          {"data": {"id": "b"}}],
                "edges": [{"data": {"id": "ab", "source": "a", "target": "b", "kind": "meeting"}}]}}"#,
        );
        let array = read_text(
            r#"[{"group": "edges", "data": {"id": "ab", "source": "a", "target": "b", "kind": "meeting"}},
                {"group": "nodes", "data": {"id": "a", "name": "Ada"}, "position": {"x": 1, "y": 2}, "locked": true},
                {"data": {"id": "b"}}]"#,
        );
        assert_eq!(object.title.as_deref(), Some("deals"));
        assert_eq!(object.nodes.len(), 2);
        assert_eq!(object.nodes[0].position, Some(Position { x: 1.0, y: 2.0 }));
        assert!(
            object.nodes[0]
                .attributes
                .contains(&("pinned".to_owned(), "true".to_owned()))
        );
        assert_eq!(array.nodes.len(), 2);
        assert_eq!(object.edges[0].endpoints, array.edges[0].endpoints);
        assert_eq!(object.edges[0].attributes, array.edges[0].attributes);
        assert_eq!(object.nodes[0].attributes, array.nodes[0].attributes);
    }
}
