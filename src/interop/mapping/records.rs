//! A network as nodes and edges for the writers: powermap's own fields as attributes
//! (JSON where they are more than text), a user's attribute renamed `attribute:<name>`
//! where a field uses its name, and one edge per pair of a tie among three or more.

use std::collections::HashSet;

use serde_json::Value;

use crate::network::date::PartialDate;
use crate::network::model::{Network, Position, Source};

use super::attributes::VERBATIM;
use super::dates::{DATE_NAMES, TIME_SET_NAMES};
use super::kinds::{ENTITY_KIND_NAMES, TIE_KIND_NAMES};
use super::language::localized_from;

/// Attribute names that the readers take powermap's own fields on nodes from, so the
/// writers use them for those fields only. A user's attribute of one of these names is
/// written as `attribute:<name>` and read back verbatim.
const ENTITY_FIELDS: &[&[&str]] = &[
    &["id", "label", "name"],
    ENTITY_KIND_NAMES,
    &[
        "aliases",
        "role",
        "description",
        "group",
        "group_name",
        "pinned",
        "x",
        "y",
        "pos",
        "position",
    ],
];

/// As [`ENTITY_FIELDS`], for edges.
const TIE_FIELDS: &[&[&str]] = &[
    &["id", "key", "source", "target", "tie", "participants"],
    TIE_KIND_NAMES,
    DATE_NAMES,
    &["end"],
    TIME_SET_NAMES,
    &[
        "place", "amount", "summary", "status", "evidence", "sources",
    ],
];

/// An attribute value for the writers: text, or JSON that node-link JSON writes as it is
/// and the XML formats write as its text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum OutValue {
    Text(String),
    Json(Value),
}

impl OutValue {
    /// The value as text, for XML.
    pub fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Json(value) => value.to_string(),
        }
    }

    /// The value as JSON, for node-link JSON.
    pub fn json(&self) -> Value {
        match self {
            Self::Text(text) => Value::String(text.clone()),
            Self::Json(value) => value.clone(),
        }
    }
}

/// A node for the writers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OutNode {
    pub id: String,
    /// The name shown, in the network's label language.
    pub label: String,
    pub position: Option<Position>,
    pub attributes: Vec<(String, OutValue)>,
}

/// An edge for the writers: one per tie, or one per pair of a tie among three or more.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OutEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    /// The tie's date, which GEXF also writes as the edge's time span.
    pub date: Option<PartialDate>,
    pub attributes: Vec<(String, OutValue)>,
}

/// A network as the writers see it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OutGraph {
    pub title: String,
    pub description: String,
    pub label_language: String,
    pub nodes: Vec<OutNode>,
    pub edges: Vec<OutEdge>,
}

fn json<T: serde::Serialize>(value: &T) -> OutValue {
    OutValue::Json(serde_json::to_value(value).unwrap_or(Value::Null))
}

/// A user's attribute, renamed if powermap's own fields use its name.
fn user_attribute(name: &str, value: &str, fields: &[&[&str]]) -> (String, OutValue) {
    let taken = fields
        .iter()
        .flat_map(|names| names.iter())
        .any(|field| field.eq_ignore_ascii_case(name.trim()))
        || name
            .get(..VERBATIM.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(VERBATIM));
    let name = if taken {
        format!("{VERBATIM}{name}")
    } else {
        name.to_owned()
    };
    (name, OutValue::Text(value.to_owned()))
}

/// The nodes and edges that carry `network`, with powermap's fields as attributes.
pub(crate) fn records(network: &Network) -> OutGraph {
    let nodes = network
        .entities
        .iter()
        .map(|entity| {
            let label = entity.display_name(&network.label_language).to_owned();
            let mut attributes = vec![("kind".to_owned(), OutValue::Text(json_name(&entity.kind)))];
            if localized_from(&label) != entity.name {
                attributes.push(("name".to_owned(), json(&entity.name)));
            }
            if !entity.aliases.is_empty() {
                attributes.push(("aliases".to_owned(), json(&entity.aliases)));
            }
            if let Some(role) = &entity.role {
                attributes.push(("role".to_owned(), json(role)));
            }
            if let Some(description) = &entity.description {
                attributes.push(("description".to_owned(), json(description)));
            }
            if let Some(group) = entity.group.as_ref().and_then(|id| network.group(id)) {
                attributes.push(("group".to_owned(), OutValue::Text(group.id.clone())));
                attributes.push(("group_name".to_owned(), json(&group.name)));
            }
            if entity.pinned {
                attributes.push(("pinned".to_owned(), OutValue::Json(Value::Bool(true))));
            }
            attributes.extend(
                entity
                    .attributes
                    .iter()
                    .map(|(name, value)| user_attribute(name, value, ENTITY_FIELDS)),
            );
            OutNode {
                id: entity.id.clone(),
                label,
                position: entity.position,
                attributes,
            }
        })
        .collect();

    let mut used: HashSet<String> = network.ties.iter().map(|tie| tie.id.clone()).collect();
    // An article's text is written once, with the first tie citing it, not on every edge.
    let mut texts_written: HashSet<&str> = HashSet::new();
    let mut edges = Vec::new();
    for tie in &network.ties {
        let mut attributes = vec![("kind".to_owned(), OutValue::Text(json_name(&tie.kind)))];
        let pairs: Vec<(&String, &String)> = tie
            .participants
            .iter()
            .enumerate()
            .flat_map(|(i, a)| tie.participants[i + 1..].iter().map(move |b| (a, b)))
            .collect();
        let multi = pairs.len() > 1;
        if multi {
            attributes.push(("tie".to_owned(), OutValue::Text(tie.id.clone())));
            attributes.push(("participants".to_owned(), json(&tie.participants)));
        }
        if let Some(date) = tie.date {
            attributes.push(("date".to_owned(), OutValue::Text(date.to_string())));
        }
        if let Some(place) = &tie.place {
            attributes.push(("place".to_owned(), json(place)));
        }
        if let Some(amount) = &tie.amount {
            attributes.push(("amount".to_owned(), json(amount)));
        }
        if !tie.summary.is_empty() {
            attributes.push(("summary".to_owned(), OutValue::Text(tie.summary.clone())));
        }
        if !tie.status.is_reported() {
            attributes.push(("status".to_owned(), OutValue::Text(json_name(&tie.status))));
        }
        if !tie.evidence.is_empty() {
            attributes.push(("evidence".to_owned(), json(&tie.evidence)));
            let mut cited: Vec<Source> = Vec::new();
            for item in &tie.evidence {
                if let Some(source) = network.source(&item.source)
                    && !cited.iter().any(|known| known.id == source.id)
                {
                    let text = source
                        .text
                        .clone()
                        .filter(|_| texts_written.insert(source.id.as_str()));
                    cited.push(Source {
                        text,
                        ..source.clone()
                    });
                }
            }
            attributes.push(("sources".to_owned(), json(&cited)));
        }
        attributes.extend(
            tie.attributes
                .iter()
                .map(|(name, value)| user_attribute(name, value, TIE_FIELDS)),
        );
        let mut k = 0;
        for (source, target) in pairs {
            let id = if multi {
                loop {
                    k += 1;
                    let candidate = format!("{}#{k}", tie.id);
                    if used.insert(candidate.clone()) {
                        break candidate;
                    }
                }
            } else {
                tie.id.clone()
            };
            edges.push(OutEdge {
                id,
                source: source.clone(),
                target: target.clone(),
                date: tie.date,
                attributes: attributes.clone(),
            });
        }
    }
    OutGraph {
        title: network.title.clone(),
        description: network.description.clone(),
        label_language: network.label_language.clone(),
        nodes,
        edges,
    }
}

/// The snake_case name serde gives a kind: `letter_of_intent`.
fn json_name<T: serde::Serialize>(kind: &T) -> String {
    match serde_json::to_value(kind) {
        Ok(Value::String(name)) => name,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::build;
    use super::super::raw::{RawGraph, RawNode};
    use super::super::testing::report;
    use super::*;
    use crate::interop::report::Place;
    use crate::network::model::{Attributes, Entity, EntityKind};

    #[test]
    fn reserved_names_travel_verbatim() {
        let mut network = Network::empty();
        let mut ada = Entity::new("a", EntityKind::Person, localized_from("Ada"));
        ada.attributes = Attributes::from([("kind".to_owned(), "founder".to_owned())]);
        network.entities.push(ada);
        let out = records(&network);
        let names: Vec<&str> = out.nodes[0]
            .attributes
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(names, ["kind", "attribute:kind"]);
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![RawNode {
                id: "a".into(),
                attributes: out.nodes[0]
                    .attributes
                    .iter()
                    .map(|(name, value)| (name.clone(), value.text()))
                    .chain([("label".to_owned(), out.nodes[0].label.clone())])
                    .collect(),
                position: None,
                place: Place::Line(1),
            }],
            ..RawGraph::default()
        };
        let back = build(raw, Path::new("t"), &mut report).expect("builds");
        assert_eq!(back.entities, network.entities);
    }
}
