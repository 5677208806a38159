//! Oligrapher maps, as Oligrapher 3 and 4 save and embed them on LittleSis:
//! `graph.nodes`, `graph.edges` and `graph.captions` as objects keyed by id,
//! `attributes` (title, subtitle) and `annotations` (a click-through story). Oligrapher 2's
//! maps, which LittleSis still serves, keep a node's and an edge's look under `display`;
//! those fields are read as if they stood on the item itself. Nodes become
//! entities (their `url` and `image` kept as attributes; images are never fetched), edges
//! ties (label, dash and arrow kept; the edge's `url` a source link of its evidence),
//! captions notes in the map's description, and annotations the map's story.

use std::path::Path;

use serde_json::{Map, Value};

use crate::network::model::Position;

use super::ImportError;
use super::littlesis::{category_named, snake_name};
use super::mapping::{RawEdge, RawGraph, RawNode, RawStep};
use super::node_link::{id_text, value_text};
use super::report::{Finding, ImportReport, Place};
use crate::interop::Format;
use crate::interop::reader::{Fit, Input, Probe, Reader};
use crate::network::model::Network;

/// Reads an Oligrapher map.
pub(crate) fn read(
    document: &Value,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let malformed = |path: &str, message: &str| ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path(path.to_owned()),
        message: message.to_owned(),
    };
    let graph_value = document
        .get("graph")
        .ok_or_else(|| malformed("graph", "missing: an Oligrapher map has a \"graph\""))?;
    let empty = Map::new();
    let objects = |key: &str| -> Result<&Map<String, Value>, ImportError> {
        match graph_value.get(key) {
            None | Some(Value::Null) => Ok(&empty),
            Some(Value::Object(items)) => Ok(items),
            Some(_) => Err(malformed(
                &format!("graph.{key}"),
                "must be an object of items keyed by their ids",
            )),
        }
    };
    let mut graph = RawGraph::default();
    if let Some(attributes) = document.get("attributes").and_then(Value::as_object) {
        graph.title = text_of(attributes.get("title"));
        graph.description = text_of(attributes.get("subtitle"));
    }

    for (key, node) in objects("nodes")? {
        let path = format!("graph.nodes.{key}");
        let node = flattened(
            node.as_object()
                .ok_or_else(|| malformed(&path, "a node is an object"))?,
        );
        let node = &node;
        let id = node
            .get("id")
            .and_then(id_text)
            .unwrap_or_else(|| key.clone());
        let mut attributes = Vec::new();
        for (name, value) in node {
            let Some(text) = value_text(value) else {
                continue;
            };
            match name.as_str() {
                "id" | "x" | "y" | "edgeIds" | "status" => {}
                // The name is the label; an entity's type, if the map says one.
                "name" => attributes.push(("label".to_owned(), text)),
                "type" => attributes.push(("kind".to_owned(), text)),
                "description" => attributes.push((
                    "description".to_owned(),
                    serde_json::json!({ "en": text }).to_string(),
                )),
                _ => attributes.push((name.clone(), text)),
            }
        }
        // A LittleSis page says what the entity is: /person/… or /org/….
        if let Some(kind) = text_of(node.get("url")).and_then(|url| littlesis_kind(&url)) {
            attributes.push(("kind".to_owned(), kind.to_owned()));
        }
        let number = |name: &str| {
            node.get(name)
                .and_then(Value::as_f64)
                .filter(|v| v.is_finite())
        };
        let position = match (number("x"), number("y")) {
            (Some(x), Some(y)) => Some(Position { x, y }),
            _ => None,
        };
        graph.push_node(
            RawNode {
                id,
                attributes,
                position,
                place: Place::Path(path),
            },
            file,
        )?;
    }

    for (key, edge) in objects("edges")? {
        let path = format!("graph.edges.{key}");
        let edge = flattened(
            edge.as_object()
                .ok_or_else(|| malformed(&path, "an edge is an object"))?,
        );
        let edge = &edge;
        let end = |name: &str| edge.get(name).and_then(id_text);
        let (Some(mut from), Some(mut to)) = (end("node1_id"), end("node2_id")) else {
            report.record(Finding::Ignored, || {
                format!("{path}: an edge without node1_id and node2_id")
            });
            continue;
        };
        let mut attributes = Vec::new();
        for (name, value) in edge {
            let Some(text) = value_text(value) else {
                continue;
            };
            match name.as_str() {
                // Where it was drawn is the map's business; the ends say what it joins.
                "id" | "node1_id" | "node2_id" | "x1" | "y1" | "x2" | "y2" | "s1" | "s2" | "cx"
                | "cy" | "status" | "url" => {}
                "dash" | "arrow" if matches!(text.as_str(), "false" | "null" | "0") => {}
                // The label ("Institutional investor") says what the tie is.
                "label" => attributes.push(("summary".to_owned(), text)),
                _ => attributes.push((name.clone(), text)),
            }
        }
        // A label that is a LittleSis category ("Position", "Ownership") says the kind.
        if let Some((name, kind)) = text_of(edge.get("label")).and_then(|l| category_named(&l)) {
            attributes.push(("kind".to_owned(), snake_name(kind)));
            attributes.push(("attribute:category".to_owned(), name.to_owned()));
            // An owner comes after what it owns, as powermap's affiliates read.
            if name == "Ownership" {
                std::mem::swap(&mut from, &mut to);
            }
        }
        // The edge's link is its evidence's source: LittleSis's page of the relationship,
        // which states what the label says.
        if let Some(url) = text_of(edge.get("url")).filter(|url| url.starts_with("http")) {
            let label = text_of(edge.get("label"));
            let id = format!("link-{key}");
            let host = url.split('/').nth(2).unwrap_or(&url).to_owned();
            let source = serde_json::json!([{
                "id": id,
                "outlet": { "en": host },
                "title": label.clone().unwrap_or_else(|| url.clone()),
                "url": url,
            }]);
            let evidence = serde_json::json!([{
                "source": id,
                "quote": label.unwrap_or_else(|| url.clone()),
            }]);
            attributes.push(("sources".to_owned(), source.to_string()));
            attributes.push(("evidence".to_owned(), evidence.to_string()));
        }
        graph.push_edge(
            RawEdge {
                id: edge
                    .get("id")
                    .and_then(id_text)
                    .or_else(|| Some(key.clone())),
                endpoints: vec![from, to],
                attributes,
                place: Place::Path(path),
            },
            file,
        )?;
    }

    // Annotations: the map's click-through story, `{"list": […]}` or the list itself.
    let annotations = match document.get("annotations") {
        Some(Value::Object(annotations)) => annotations.get("list"),
        other => other,
    };
    if let Some(list) = annotations.and_then(Value::as_array) {
        for (index, annotation) in list.iter().enumerate() {
            let ids = |key: &str| -> Vec<String> {
                (annotation.get(key).and_then(Value::as_array))
                    .map(|ids| ids.iter().filter_map(id_text).collect())
                    .unwrap_or_default()
            };
            let header = text_of(annotation.get("header"));
            // The text is HTML; the caption is its text.
            let body = text_of(annotation.get("text")).map(|html| {
                html2text::config::plain_no_decorate()
                    .string_from_read(html.as_bytes(), usize::MAX / 4)
                    .unwrap_or(html)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let caption = [header, body]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(": ");
            graph.story.push(RawStep {
                caption,
                nodes: ids("nodeIds"),
                edges: ids("edgeIds"),
                place: Place::Path(format!("annotations[{index}]")),
            });
        }
    }

    // Captions: text placed on the map, kept as notes in the description.
    let notes: Vec<String> = objects("captions")?
        .values()
        .filter_map(|caption| text_of(caption.get("text")))
        .collect();
    if !notes.is_empty() {
        let mut description = graph.description.take().unwrap_or_default();
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str("Notes on the map: ");
        description.push_str(&notes.join(" · "));
        graph.description = Some(description);
    }
    Ok(graph)
}

/// An Oligrapher item with its `display` fields (Oligrapher 1 and 2) beside its own, and
/// its addresses made whole: LittleSis wrote them without a scheme (`//littlesis.org/…`).
fn flattened(item: &Map<String, Value>) -> Map<String, Value> {
    let mut fields = item.clone();
    if let Some(Value::Object(display)) = fields.remove("display") {
        for (name, value) in display {
            fields.entry(name).or_insert(value);
        }
    }
    for name in ["url", "image"] {
        if let Some(Value::String(address)) = fields.get_mut(name)
            && address.starts_with("//")
        {
            address.insert_str(0, "https:");
        }
    }
    fields
}

/// The kind a LittleSis address names: `…/person/1045-Rex_Tillerson` a person,
/// `…/org/2-ExxonMobil` an organisation.
fn littlesis_kind(url: &str) -> Option<&'static str> {
    let path = url.split_once("littlesis.org/")?.1;
    match path.split('/').next()? {
        "person" => Some("person"),
        "org" => Some("company"),
        _ => None,
    }
}

fn text_of(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// Oligrapher maps (graph with nodes keyed by id).
pub(crate) struct OligrapherReader;

impl Reader for OligrapherReader {
    fn format(&self) -> Format {
        Format::Oligrapher
    }

    fn describe(&self) -> &'static str {
        "Oligrapher maps (graph with nodes keyed by id)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        probe
            .json()?
            .get("graph")?
            .get("nodes")?
            .is_object()
            .then_some(Fit::Sure)
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        input.map_json(report, read)
    }
}
