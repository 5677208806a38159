//! LittleSis's own JSON, as its API gives it and people save it to a file
//! (`https://littlesis.org/api/entities/13/relationships`, `/api/relationships/297069`,
//! `/api/entities/13`): `data` (one resource or a list) and `included`, each resource
//! `{type, id, attributes, links}`. Entities (`primary_ext` Person or Org) become entities,
//! relationships ties, their category (1 Position … 12 Generic) the kind. An entity known
//! only from a relationship's links (`entity`, `related`) is named from its LittleSis
//! address, and a relationship's page is its evidence's source.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::mapping::{RawEdge, RawGraph, RawNode};
use super::node_link::{id_text, value_text};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{ImportReport, Place};
use super::{Format, ImportError};
use crate::network::model::{Network, TieKind};

/// LittleSis API JSON.
pub(crate) struct LittleSisReader;

impl Reader for LittleSisReader {
    fn format(&self) -> Format {
        Format::LittleSis
    }

    fn describe(&self) -> &'static str {
        "LittleSis API JSON (data with entities or relationships)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        let data = probe.json()?.get("data")?;
        let first = match data {
            Value::Array(items) => items.first()?,
            one => one,
        };
        let kind = first.get("type")?.as_str()?;
        (matches!(kind, "entities" | "relationships") && first.get("attributes").is_some())
            .then_some(Fit::Sure)
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        input.map_json(report, read)
    }
}

/// LittleSis's relationship categories, by id, with the tie kind each becomes.
const CATEGORIES: [(&str, TieKind); 12] = [
    ("Position", TieKind::Role),
    ("Education", TieKind::Other),
    ("Membership", TieKind::Affiliate),
    ("Family", TieKind::Other),
    ("Donation", TieKind::Other),
    ("Transaction", TieKind::Contract),
    ("Lobbying", TieKind::Other),
    ("Social", TieKind::Other),
    ("Professional", TieKind::Partnership),
    ("Ownership", TieKind::Affiliate),
    ("Hierarchy", TieKind::Affiliate),
    ("Generic", TieKind::Other),
];

/// The category a relationship's `category_id` names.
fn category(id: &Value) -> Option<(&'static str, TieKind)> {
    let number = id_text(id)?.parse::<usize>().ok()?;
    CATEGORIES.get(number.checked_sub(1)?).copied()
}

/// The category a relationship's name is, in any case: Oligrapher draws a LittleSis
/// relationship with its category as the label unless the map's author wrote another.
pub(crate) fn category_named(name: &str) -> Option<(&'static str, TieKind)> {
    CATEGORIES
        .iter()
        .find(|(category, _)| category.eq_ignore_ascii_case(name.trim()))
        .copied()
}

/// A LittleSis date (`2011-08-15`, and `1856-00-00` or `2010-05-00` for a year or a month)
/// as a date with its precision.
fn date_text(text: &str) -> String {
    let mut text = text.trim();
    while let Some(shorter) = text.strip_suffix("-00") {
        text = shorter;
    }
    text.to_owned()
}

/// Reads a LittleSis API document.
pub(crate) fn read(
    document: &Value,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let malformed = |message: &str| ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path("data".to_owned()),
        message: message.to_owned(),
    };
    let mut resources: Vec<(&Value, String)> = Vec::new();
    match document.get("data") {
        Some(Value::Array(items)) => resources.extend(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| (item, format!("data[{index}]"))),
        ),
        Some(item @ Value::Object(_)) => resources.push((item, "data".to_owned())),
        _ => {
            return Err(malformed(
                "LittleSis JSON has \"data\": a resource or a list",
            ));
        }
    }
    if let Some(included) = document.get("included").and_then(Value::as_array) {
        resources.extend(
            included
                .iter()
                .enumerate()
                .map(|(index, item)| (item, format!("included[{index}]"))),
        );
    }
    let mut graph = RawGraph::default();
    let mut known: HashSet<String> = HashSet::new();
    let mut linked: Vec<RawNode> = Vec::new();
    let mut currency_taken = false;
    for (resource, path) in resources {
        let kind = resource.get("type").and_then(Value::as_str).unwrap_or("");
        let Some(id) = resource.get("id").and_then(id_text) else {
            report.record(super::Finding::MissingId, || format!("{path}: no id"));
            continue;
        };
        let empty = Map::new();
        let attributes = resource
            .get("attributes")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        match kind {
            "entities" => {
                if known.insert(id.clone()) {
                    graph.push_node(entity_node(id, attributes, resource, path), file)?;
                }
            }
            "relationships" => {
                let related = relationship_edge(id, attributes, resource, path);
                currency_taken |= related.currency_assumed;
                linked.extend(related.ends);
                graph.push_edge(related.edge, file)?;
            }
            other => report.record(super::Finding::Ignored, || {
                format!("{path}: a LittleSis resource of type {other:?}")
            }),
        }
    }
    let mut added = 0;
    for node in linked {
        if known.insert(node.id.clone()) {
            added += 1;
            graph.push_node(node, file)?;
        }
    }
    if added > 0 {
        report.note(format!(
            "{added} entities are not in the file, only named by their relationships' links: \
             their names and kinds come from their LittleSis addresses"
        ));
    }
    if currency_taken {
        report.note(
            "amounts without a currency are taken as US dollars, as LittleSis recorded \
             every amount before it kept currencies",
        );
    }
    Ok(graph)
}

/// A resource's link to its LittleSis page: `links.self`, or `self` beside the attributes
/// (where relationships have it).
fn page_of(resource: &Value) -> Option<String> {
    resource
        .get("links")
        .and_then(|links| links.get("self"))
        .or_else(|| resource.get("self"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(value_text)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn entity_node(
    id: String,
    attributes: &Map<String, Value>,
    resource: &Value,
    path: String,
) -> RawNode {
    let mut fields = Vec::new();
    let name = text(attributes.get("name"));
    if let Some(name) = &name {
        fields.push(("label".to_owned(), name.clone()));
    }
    let types: Vec<&str> = attributes
        .get("types")
        .and_then(Value::as_array)
        .map(|types| types.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let government = types.iter().any(|kind| kind.contains("Government"));
    let kind = match attributes.get("primary_ext").and_then(Value::as_str) {
        Some("Person") => Some("person"),
        Some("Org") if government => Some("government"),
        Some("Org") => Some("company"),
        _ => None,
    };
    fields.extend(kind.map(|kind| ("kind".to_owned(), kind.to_owned())));
    // The blurb ("Renaissance Tech billionaire") says what the entity is: its role.
    if let Some(blurb) = text(attributes.get("blurb")) {
        fields.push(("role".to_owned(), json!({ "en": blurb }).to_string()));
    }
    if let Some(summary) = text(attributes.get("summary")) {
        fields.push((
            "description".to_owned(),
            json!({ "en": summary }).to_string(),
        ));
    }
    let aliases: Vec<String> = attributes
        .get("aliases")
        .and_then(Value::as_array)
        .map(|aliases| {
            aliases
                .iter()
                .filter_map(|alias| text(Some(alias)))
                .filter(|alias| Some(alias) != name.as_ref())
                .collect()
        })
        .unwrap_or_default();
    if !aliases.is_empty() {
        fields.push(("aliases".to_owned(), json!(aliases).to_string()));
    }
    for (key, value) in attributes {
        if matches!(
            key.as_str(),
            "id" | "name" | "primary_ext" | "blurb" | "summary" | "aliases"
        ) {
            continue;
        }
        if let Some(value) = text(Some(value)) {
            let value = match key.as_str() {
                "start_date" | "end_date" => date_text(&value),
                _ => value,
            };
            fields.push((format!("attribute:{key}"), value));
        }
    }
    if let Some(page) = page_of(resource) {
        fields.push(("attribute:url".to_owned(), page));
    }
    RawNode {
        id,
        attributes: fields,
        position: None,
        place: Place::Path(path),
    }
}

/// An entity named only by a LittleSis address: `…/person/72489-Robert_Mercer` is the
/// person Robert Mercer, `…/org/28778-Republican_National_Committee` an organisation.
fn linked_entity(id: &str, url: &str, path: &str) -> Option<RawNode> {
    let rest = url.split_once("littlesis.org/")?.1;
    let (kind, slug) = rest.split_once('/')?;
    let kind = match kind {
        "person" => "person",
        "org" => "company",
        _ => return None,
    };
    let (number, name) = slug.split_once('-')?;
    if number != id {
        return None;
    }
    Some(RawNode {
        id: id.to_owned(),
        attributes: vec![
            ("label".to_owned(), name.replace('_', " ")),
            ("kind".to_owned(), kind.to_owned()),
            ("attribute:url".to_owned(), url.to_owned()),
        ],
        position: None,
        place: Place::Path(path.to_owned()),
    })
}

/// A relationship read: its edge, the entities its links name, and whether its amount's
/// currency was taken as US dollars.
struct Related {
    edge: RawEdge,
    ends: Vec<RawNode>,
    currency_assumed: bool,
}

fn relationship_edge(
    id: String,
    attributes: &Map<String, Value>,
    resource: &Value,
    path: String,
) -> Related {
    let end = |name: &str| attributes.get(name).and_then(id_text);
    let mut endpoints: Vec<String> = [end("entity1_id"), end("entity2_id")]
        .into_iter()
        .flatten()
        .collect();
    let link = |name: &str| resource.get(name).and_then(Value::as_str);
    let ends = endpoints
        .iter()
        .zip([link("entity"), link("related")])
        .filter_map(|(id, url)| linked_entity(id, url?, &path))
        .collect();
    let mut fields = Vec::new();
    let category = attributes.get("category_id").and_then(category);
    if let Some((name, kind)) = category {
        fields.push(("kind".to_owned(), snake_name(kind)));
        fields.push(("attribute:category".to_owned(), name.to_owned()));
        // An owner comes after what it owns, as powermap's affiliates read
        // ("subsidiary of"); LittleSis names the owner first.
        if name == "Ownership" {
            endpoints.reverse();
        }
    }
    let start = text(attributes.get("start_date")).map(|date| date_text(&date));
    let end_date = text(attributes.get("end_date")).map(|date| date_text(&date));
    if let Some(start) = &start {
        fields.push(("date".to_owned(), start.clone()));
    }
    if let Some(end_date) = end_date.filter(|end_date| Some(end_date) != start.as_ref()) {
        fields.push(("attribute:end_date".to_owned(), end_date));
    }
    let mut currency_assumed = false;
    if let Some(amount) = attributes.get("amount").and_then(Value::as_f64) {
        let currency = text(attributes.get("currency")).map(|code| code.to_ascii_uppercase());
        currency_assumed = currency.is_none();
        let currency = currency.unwrap_or_else(|| "USD".to_owned());
        fields.push((
            "amount".to_owned(),
            json!({ "value": amount, "currency": currency }).to_string(),
        ));
    }
    let sentence = text(attributes.get("description"));
    if let Some(sentence) = &sentence {
        // LittleSis writes its sentences with doubled spaces around the names.
        let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        fields.push(("summary".to_owned(), sentence));
    }
    // The relationship's page is its evidence's source: it states what the sentence says.
    if let Some(page) = page_of(resource).filter(|page| page.starts_with("http")) {
        let host = page.split('/').nth(2).unwrap_or(&page).to_owned();
        let quote = sentence
            .map(|sentence| sentence.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_else(|| category.map(|(name, _)| name.to_owned()));
        if let Some(quote) = quote {
            let source = json!([{
                "id": page,
                "outlet": { "en": host },
                "title": quote,
                "url": page,
            }]);
            fields.push(("sources".to_owned(), source.to_string()));
            fields.push((
                "evidence".to_owned(),
                json!([{ "source": page, "quote": quote }]).to_string(),
            ));
        }
    }
    for (key, value) in attributes {
        if matches!(
            key.as_str(),
            "id" | "entity1_id"
                | "entity2_id"
                | "category_id"
                | "start_date"
                | "end_date"
                | "amount"
                | "currency"
                | "description"
                | "updated_at"
        ) {
            continue;
        }
        if let Some(value) = text(Some(value)).filter(|value| value != "{}") {
            fields.push((format!("attribute:{key}"), value));
        }
    }
    Related {
        edge: RawEdge {
            id: Some(id),
            endpoints,
            attributes: fields,
            place: Place::Path(path),
        },
        ends,
        currency_assumed,
    }
}

/// The snake_case name serde gives a tie kind (`letter_of_intent`).
pub(crate) fn snake_name(kind: TieKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|kind| kind.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn littlesis_dates_leave_out_what_they_write_as_zeros() {
        assert_eq!(date_text("1856-00-00"), "1856");
        assert_eq!(date_text("2016-03-00"), "2016-03");
        assert_eq!(date_text("2011-08-15"), "2011-08-15");
    }

    #[test]
    fn categories_are_read_by_their_ids() {
        assert_eq!(category(&json!(1)), Some(("Position", TieKind::Role)));
        assert_eq!(
            category(&json!("10")),
            Some(("Ownership", TieKind::Affiliate))
        );
        assert_eq!(category(&json!(12)), Some(("Generic", TieKind::Other)));
        assert_eq!(category(&json!(0)), None);
        assert_eq!(category(&json!(13)), None);
    }

    #[test]
    fn addresses_name_the_entities_they_are_for() {
        let node = linked_entity(
            "72489",
            "https://littlesis.org/person/72489-Robert_Mercer",
            "x",
        )
        .expect("a person");
        assert_eq!(
            node.attributes[0],
            ("label".to_owned(), "Robert Mercer".to_owned())
        );
        assert_eq!(node.attributes[1], ("kind".to_owned(), "person".to_owned()));
        assert!(linked_entity("1", "https://littlesis.org/person/2-Someone_Else", "x").is_none());
    }
}
