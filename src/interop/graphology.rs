//! graphology's serialisation, which sigma.js reads and writes: `nodes` of `{key,
//! attributes}`, `edges` of `{key, source, target, attributes, undirected}`, `options`
//! (`type`, `multi`) and the graph's `attributes`. Also sigma.js's demo files: nodes with
//! their fields beside `key`, edges as `[source, target]` pairs, and `clusters` whose
//! colour and label the nodes of each cluster take.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::mapping::{self, DIRECTED_NOTE, RawEdge, RawGraph, RawNode};
use super::node_link::{id_text, read_graph_attributes, value_text};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{Finding, ImportReport, Place};
use super::{Format, ImportError};
use crate::network::model::Network;

/// graphology and sigma.js JSON.
pub(crate) struct GraphologyReader;

impl Reader for GraphologyReader {
    fn format(&self) -> Format {
        Format::Graphology
    }

    fn describe(&self) -> &'static str {
        "graphology and sigma.js JSON (nodes with key)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        let json = probe.json()?;
        let nodes = json.get("nodes")?.as_array()?;
        let keyed = nodes
            .first()
            .is_some_and(|node| node.get("key").is_some() && node.get("id").is_none());
        let pairs = json
            .get("edges")
            .and_then(Value::as_array)
            .and_then(|edges| edges.first())
            .is_some_and(Value::is_array);
        let empty = nodes.is_empty() && json.get("options").is_some_and(Value::is_object);
        (keyed || pairs || empty).then_some(Fit::Sure)
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

fn malformed(file: &Path, path: &str, message: &str) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path(path.to_owned()),
        message: message.to_owned(),
    }
}

/// A sigma.js cluster: the colour and label its nodes take.
struct Cluster {
    color: Option<String>,
    label: Option<String>,
}

/// The `clusters` table of a sigma.js demo file, by key.
fn clusters(document: &Map<String, Value>) -> HashMap<String, Cluster> {
    let Some(clusters) = document.get("clusters").and_then(Value::as_array) else {
        return HashMap::new();
    };
    clusters
        .iter()
        .filter_map(|cluster| {
            let text = |key: &str| cluster.get(key).and_then(value_text);
            Some((
                cluster.get("key").and_then(id_text)?,
                Cluster {
                    color: text("color"),
                    label: text("clusterLabel").or_else(|| text("label")),
                },
            ))
        })
        .collect()
}

/// An element's fields: its `attributes` object and whatever stands beside it (sigma.js
/// demo files put them there), except the fields named in `skip`.
fn fields_of(element: &Map<String, Value>, skip: &[&str]) -> Vec<(String, String)> {
    let nested = element
        .get("attributes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten();
    element
        .iter()
        .filter(|(key, _)| !skip.contains(&key.as_str()) && key.as_str() != "attributes")
        .chain(nested)
        .filter_map(|(key, value)| Some((key.clone(), value_text(value)?)))
        .collect()
}

/// Reads a graphology or sigma.js document.
pub(crate) fn read(
    document: &Value,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let object = document
        .as_object()
        .ok_or_else(|| malformed(file, "", "graphology JSON is an object with \"nodes\""))?;
    let mut graph = RawGraph {
        // sigma.js draws y upwards, as Gephi does.
        y_axis_up: true,
        ..RawGraph::default()
    };
    if let Some(attributes) = object.get("attributes").and_then(Value::as_object) {
        read_graph_attributes(attributes, "attributes", &mut graph, report);
    }
    if let Some(options) = object.get("options").and_then(Value::as_object)
        && options.get("type").and_then(Value::as_str) == Some("directed")
    {
        report.note(DIRECTED_NOTE);
    }
    let clusters = clusters(object);
    let nodes = object
        .get("nodes")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed(file, "nodes", "\"nodes\" must be an array"))?;
    for (index, node) in nodes.iter().enumerate() {
        let path = format!("nodes[{index}]");
        let element = node
            .as_object()
            .ok_or_else(|| malformed(file, &path, "a node is an object with a \"key\""))?;
        let id = element
            .get("key")
            .and_then(id_text)
            .ok_or_else(|| malformed(file, &path, "a node needs a \"key\""))?;
        let mut attributes = fields_of(element, &["key"]);
        cluster_look(&mut attributes, &clusters);
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
    let edges = match object.get("edges") {
        Some(edges) => edges
            .as_array()
            .ok_or_else(|| malformed(file, "edges", "\"edges\" must be an array"))?
            .as_slice(),
        None => &[],
    };
    for (index, edge) in edges.iter().enumerate() {
        let path = format!("edges[{index}]");
        let (id, endpoints, attributes) = match edge {
            Value::Array(pair) => {
                let ends: Vec<String> = pair.iter().take(2).filter_map(id_text).collect();
                (None, ends, Vec::new())
            }
            Value::Object(element) => {
                let ends = ["source", "target"]
                    .iter()
                    .filter_map(|end| element.get(*end).and_then(id_text))
                    .collect();
                let skip = ["key", "source", "target", "undirected"];
                (
                    element.get("key").and_then(id_text),
                    ends,
                    fields_of(element, &skip),
                )
            }
            _ => (None, Vec::new(), Vec::new()),
        };
        if endpoints.len() < 2 {
            report.record(Finding::MissingEndpoint, || {
                format!("{path}: an edge needs a source and a target")
            });
            continue;
        }
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
    if !clusters.is_empty() {
        report.note(format!(
            "{} clusters: their nodes take the cluster's colour, and its label as \"cluster\"",
            clusters.len()
        ));
    }
    Ok(graph)
}

/// A node of a sigma.js cluster takes the cluster's colour (unless it has its own) and
/// names the cluster by its label.
fn cluster_look(attributes: &mut Vec<(String, String)>, clusters: &HashMap<String, Cluster>) {
    let Some(cluster) = attributes
        .iter()
        .find(|(key, _)| key == "cluster")
        .and_then(|(_, value)| clusters.get(value))
    else {
        return;
    };
    if let Some(label) = &cluster.label {
        for (key, value) in attributes.iter_mut() {
            if key == "cluster" {
                value.clone_from(label);
            }
        }
    }
    if let Some(color) = &cluster.color
        && !attributes.iter().any(|(key, _)| key == "color")
    {
        attributes.push(("color".to_owned(), color.clone()));
    }
}
