//! FollowTheMoney (FtM) entities, the model of OCCRP's Aleph, OpenAleph and OpenSanctions,
//! as the `ftm` tool and those services write them: one `{"id", "schema", "properties":
//! {name: [values]}}` per line (JSON lines), or a JSON array of the same.
//!
//! Reading: people, companies, organisations, legal entities, public bodies, projects and
//! assets become entities; the link schemata (Ownership, Directorship, Membership,
//! Employment, Representation, Family, Associate, UnknownLink, Payment) and Events become
//! ties, with their dates, roles and amounts; Articles become sources, and a link's
//! `sourceUrl` and `publisher` its evidence's source. Writing does the reverse, so that a
//! map goes into Aleph and comes back: see [`write`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value, json};

use super::mapping::{self, RawEdge, RawGraph, RawNode, language_of, tie_kind};
use super::node_link::{id_text, value_text};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{Finding, ImportReport, Place};
use super::{ExportError, Format, ImportError};
use crate::network::date::PartialDate;
use crate::network::model::{
    EntityKind, Evidence, LocalizedText, Network, Source, Tie, TieKind, is_web_address,
};

/// FollowTheMoney entities, as JSON lines or a JSON array.
pub(crate) struct FtmReader;

impl Reader for FtmReader {
    fn format(&self) -> Format {
        Format::Ftm
    }

    fn describe(&self) -> &'static str {
        "FollowTheMoney entities (JSON lines or an array of {id, schema, properties})"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".ftm.json", ".ftm", ".ijson"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        let fits = match probe.json() {
            Some(Value::Array(items)) => items.first().is_some_and(is_entity),
            Some(one) => is_entity(one),
            // JSON lines are not one JSON document: the first line says what they are.
            None => probe
                .text()
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .and_then(|line| serde_json::from_str::<Value>(line).ok())
                .is_some_and(|first| is_entity(&first)),
        };
        fits.then_some(Fit::Sure)
    }

    fn read(
        &self,
        mut input: Input<'_>,
        report: &mut ImportReport,
    ) -> Result<Network, ImportError> {
        let items = match input.json.take() {
            Some(parsed) => items_of_document(parsed.into_value(report)),
            None => items_of_lines(input.text, input.file)?,
        };
        let mut raw = read_items(items, report)?;
        raw.title = title_of(input.file);
        mapping::build(raw, input.file, report)
    }
}

/// The network's title: the file's name without FtM's endings (`zala.ftm.json` is
/// "zala"), as FtM files have no title of their own.
fn title_of(file: &Path) -> Option<String> {
    let mut name = file.file_name()?.to_string_lossy().into_owned();
    for ending in [".json", ".ftm", ".ijson", ".jsonl", ".ndjson"] {
        let cut = name.len().saturating_sub(ending.len());
        if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(ending) && cut > 0 {
            name.truncate(cut);
        }
    }
    Some(name)
}

/// Whether a JSON value is an FtM entity: an object with a `schema` and `properties`.
fn is_entity(value: &Value) -> bool {
    value.get("schema").is_some_and(Value::is_string)
        && value.get("properties").is_some_and(Value::is_object)
}

/// An entity of the file and where it stands.
struct Item {
    value: Value,
    place: Place,
}

/// The entities of a JSON array (or of one entity alone).
fn items_of_document(document: Value) -> Vec<Item> {
    match document {
        Value::Array(values) => values
            .into_iter()
            .enumerate()
            .map(|(index, value)| Item {
                value,
                place: Place::Path(format!("[{index}]")),
            })
            .collect(),
        value => vec![Item {
            value,
            place: Place::Line(1),
        }],
    }
}

/// The entities of JSON lines; a line that is not JSON is an error at its line and column.
fn items_of_lines(text: &str, file: &Path) -> Result<Vec<Item>, ImportError> {
    let mut items = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches('\u{FEFF}');
        if trimmed.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str::<Value>(trimmed).map_err(|err| {
            let skipped = line.chars().count() - trimmed.chars().count();
            ImportError::Malformed {
                file: file.to_owned(),
                place: Place::Text {
                    line: index + 1,
                    column: err.column().max(1) + skipped,
                    element: None,
                },
                message: format!(
                    "not a FollowTheMoney entity, not valid JSON: {}",
                    super::strip_position(&err)
                ),
            }
        })?;
        items.push(Item {
            value,
            place: Place::Line(index + 1),
        });
    }
    Ok(items)
}

/// What a schema becomes.
#[derive(Clone, Copy)]
enum Role {
    Entity(EntityKind),
    Link(&'static LinkSchema),
    Article,
}

/// A link schema: the properties naming its two sides, in the order powermap keeps them
/// as participants, and the tie kind it is.
struct LinkSchema {
    name: &'static str,
    first: &'static str,
    second: &'static str,
    kind: TieKind,
}

/// The link schemata read as ties. The participants come in powermap's order: the one who
/// holds a role first, and an affiliate (an owned company) before its owner, as powermap's
/// `affiliate` and `subsidiary_of` read.
const LINKS: &[LinkSchema] = &[
    LinkSchema {
        name: "Ownership",
        first: "asset",
        second: "owner",
        kind: TieKind::Affiliate,
    },
    LinkSchema {
        name: "Directorship",
        first: "director",
        second: "organization",
        kind: TieKind::Role,
    },
    LinkSchema {
        name: "Employment",
        first: "employee",
        second: "employer",
        kind: TieKind::Role,
    },
    LinkSchema {
        name: "Representation",
        first: "agent",
        second: "client",
        kind: TieKind::Role,
    },
    LinkSchema {
        name: "Membership",
        first: "member",
        second: "organization",
        kind: TieKind::Affiliate,
    },
    LinkSchema {
        name: "Family",
        first: "person",
        second: "relative",
        kind: TieKind::Other,
    },
    LinkSchema {
        name: "Associate",
        first: "person",
        second: "associate",
        kind: TieKind::Other,
    },
    LinkSchema {
        name: "UnknownLink",
        first: "subject",
        second: "object",
        kind: TieKind::Other,
    },
    LinkSchema {
        name: "Payment",
        first: "payer",
        second: "beneficiary",
        kind: TieKind::Other,
    },
    LinkSchema {
        name: "Event",
        first: "organizer",
        second: "involved",
        kind: TieKind::Meeting,
    },
];

/// The schemata read as entities, with their kinds.
const ENTITIES: &[(&str, EntityKind)] = &[
    ("Person", EntityKind::Person),
    ("Company", EntityKind::Company),
    ("Organization", EntityKind::Company),
    // A legal entity may be a person or an organisation.
    ("LegalEntity", EntityKind::Other),
    ("PublicBody", EntityKind::Government),
    ("Project", EntityKind::Project),
    // Things that are owned: an Ownership's asset may be one.
    ("Asset", EntityKind::Other),
    ("RealEstate", EntityKind::Other),
    ("Vessel", EntityKind::Other),
    ("Airplane", EntityKind::Other),
    ("Vehicle", EntityKind::Other),
    ("Security", EntityKind::Other),
];

/// Every other schema of FollowTheMoney 3 and 4, which powermap knows but does not read.
const OTHER_SCHEMATA: &[&str] = &[
    "Address",
    "Analyzable",
    "Assessment",
    "Audio",
    "BankAccount",
    "Call",
    "CallForTenders",
    "Contract",
    "ContractAward",
    "CourtCase",
    "CourtCaseParty",
    "CryptoWallet",
    "Debt",
    "Document",
    "Documentation",
    "EconomicActivity",
    "Email",
    "Folder",
    "HyperText",
    "Identification",
    "Image",
    "Interest",
    "Interval",
    "License",
    "Mention",
    "Message",
    "Note",
    "Occupancy",
    "Package",
    "Page",
    "Pages",
    "Passport",
    "PlainText",
    "Position",
    "Post",
    "ProjectParticipant",
    "Sanction",
    "Similar",
    "Succession",
    "Table",
    "TaxRoll",
    "Thing",
    "Trip",
    "UserAccount",
    "Value",
    "Video",
    "Workbook",
];

fn role_of(schema: &str) -> Option<Role> {
    if schema == "Article" {
        return Some(Role::Article);
    }
    if let Some(link) = LINKS.iter().find(|link| link.name == schema) {
        return Some(Role::Link(link));
    }
    ENTITIES
        .iter()
        .find(|(name, _)| *name == schema)
        .map(|(_, kind)| Role::Entity(*kind))
}

/// The schema powermap writes for an entity of `kind`.
fn entity_schema(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Company => "Company",
        EntityKind::Government => "PublicBody",
        EntityKind::Project => "Project",
        EntityKind::Other => "LegalEntity",
    }
}

/// The schema powermap writes for a tie of `kind` (with an amount or not).
fn link_schema(kind: TieKind, has_amount: bool) -> &'static str {
    match kind {
        TieKind::Meeting => "Event",
        TieKind::Affiliate => "Ownership",
        _ if has_amount => "Payment",
        TieKind::Role => "Employment",
        _ => "UnknownLink",
    }
}

/// An entity's properties, taken one by one as fields are recognised.
struct Properties(Map<String, Value>);

impl Properties {
    /// The texts of a property, taking it.
    fn take(&mut self, name: &str) -> Vec<String> {
        texts(self.0.remove(name).as_ref())
    }

    /// The texts of a property, leaving it.
    fn peek(&self, name: &str) -> Vec<String> {
        texts(self.0.get(name))
    }

    /// The first text of a property, leaving it if there is none.
    fn take_first(&mut self, name: &str) -> Option<String> {
        self.take(name).into_iter().next()
    }

    /// Whatever no field took, as attributes kept under their own names: one value as
    /// it is, several as a JSON list.
    fn rest(self, attributes: &mut Vec<(String, String)>) {
        for (name, value) in self.0 {
            if let Some(text) = list_text(&texts(Some(&value))) {
                attributes.push((verbatim(&name), text));
            }
        }
    }
}

/// The texts of a property's values (FtM values are strings; numbers and booleans are
/// taken as written, anything else as JSON), as they are, without empty ones.
fn texts(value: Option<&Value>) -> Vec<String> {
    let values: Vec<String> = match value {
        Some(Value::Array(values)) => values.iter().filter_map(value_text).collect(),
        Some(value) => value_text(value).into_iter().collect(),
        None => Vec::new(),
    };
    values
        .into_iter()
        .filter(|text| !text.trim().is_empty())
        .collect()
}

/// An attribute name that the mapping keeps as it is, whatever field it could name.
fn verbatim(name: &str) -> String {
    format!("attribute:{name}")
}

/// Values as one attribute: the only one as it is, several as a JSON list.
fn list_text(texts: &[String]) -> Option<String> {
    match texts {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(Value::from(many.to_vec()).to_string()),
    }
}

/// Texts in several languages, told by their script: the first in each language; the
/// others are returned apart.
fn localized(texts: Vec<String>) -> (LocalizedText, Vec<String>) {
    let mut text = LocalizedText::new();
    let mut others = Vec::new();
    for value in texts {
        let language = language_of(&value);
        if text.contains_key(language) {
            others.push(value);
        } else {
            text.insert(language, value);
        }
    }
    (text, others)
}

/// Reads the entities of a file into the graph the mapping builds.
fn read_items(items: Vec<Item>, report: &mut ImportReport) -> Result<RawGraph, ImportError> {
    let items = flatten_nested(items);
    let mut graph = RawGraph::default();
    let file = report.file.clone();
    let mut sources = SourceBook::default();
    for item in items.iter() {
        if item.value.get("schema").and_then(Value::as_str) == Some("Article") {
            sources.add_article(item);
        }
    }
    let mut unread: HashMap<String, usize> = HashMap::new();
    for item in items {
        let Some(object) = item.value.as_object() else {
            report.record(Finding::Ignored, || {
                format!("{}: not an entity object", item.place)
            });
            continue;
        };
        let id = object.get("id").and_then(id_text).unwrap_or_default();
        let Some(schema) = object.get("schema").and_then(Value::as_str) else {
            report.record(Finding::Ignored, || {
                format!("{}: entity {id:?} has no schema", item.place)
            });
            continue;
        };
        match role_of(schema) {
            Some(Role::Entity(kind)) => {
                graph.push_node(entity_node(id, schema, kind, &item), &file)?
            }
            Some(Role::Link(link)) => {
                graph.push_edge(link_edge(id, link, &item, &sources), &file)?
            }
            Some(Role::Article) => {}
            None if OTHER_SCHEMATA.contains(&schema) => {
                *unread.entry(schema.to_owned()).or_default() += 1;
                report.record(Finding::Ignored, || {
                    format!(
                        "{}: entity {id:?} of schema {schema}, which powermap does not read",
                        item.place
                    )
                });
            }
            None => report.record(Finding::Ignored, || {
                format!(
                    "{}: entity {id:?} of schema {schema:?}, which is not a FollowTheMoney \
                     schema; skipped",
                    item.place
                )
            }),
        }
    }
    if !unread.is_empty() {
        let mut counts: Vec<(String, usize)> = unread.into_iter().collect();
        counts.sort();
        let list: Vec<String> = counts
            .iter()
            .map(|(schema, count)| format!("{count} {schema}"))
            .collect();
        report.note(format!(
            "FollowTheMoney entities not read (they are not people, organisations, assets \
             or links between them): {}",
            list.join(", ")
        ));
    }
    Ok(graph)
}

/// Entities nested in others' properties (as yente and Aleph's APIs give them) taken out
/// as entities of their own, referred to by their ids.
fn flatten_nested(items: Vec<Item>) -> Vec<Item> {
    let mut flat = Vec::new();
    let mut stack: Vec<Item> = items.into_iter().rev().collect();
    while let Some(mut item) = stack.pop() {
        let mut nested = Vec::new();
        if let Some(properties) = item
            .value
            .get_mut("properties")
            .and_then(Value::as_object_mut)
        {
            for (name, values) in properties.iter_mut() {
                let Some(values) = values.as_array_mut() else {
                    continue;
                };
                for (index, value) in values.iter_mut().enumerate() {
                    if is_entity(value)
                        && let Some(id) = value.get("id").cloned()
                    {
                        let entity = std::mem::replace(value, id);
                        nested.push(Item {
                            value: entity,
                            place: Place::Path(format!(
                                "{}: properties.{name}[{index}]",
                                item.place
                            )),
                        });
                    }
                }
            }
        }
        stack.extend(nested.into_iter().rev());
        flat.push(item);
    }
    flat
}

/// The fields beside `id`, `schema` and `properties` that say something about the entity
/// (OpenSanctions' `datasets`, `first_seen`, `target`…), kept as attributes.
fn extra_fields(object: &Map<String, Value>, attributes: &mut Vec<(String, String)>) {
    for (name, value) in object {
        if matches!(
            name.as_str(),
            "id" | "schema" | "properties" | "caption" | "referents"
        ) {
            continue;
        }
        if let Some(text) = list_text(&texts(Some(value))) {
            attributes.push((verbatim(name), text));
        }
    }
}

fn entity_node(id: String, schema: &str, kind: EntityKind, item: &Item) -> RawNode {
    let object = item.value.as_object().cloned().unwrap_or_default();
    let mut properties = Properties(
        object
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
    );
    let mut attributes = vec![("kind".to_owned(), snake_name(&kind))];
    // OpenSanctions gives the name to show as `caption`: its `name`s come in no order
    // ("OSETROVA, Maria Aleksandrovna" before "Maria Aleksandrovna Osetrova").
    let mut names = properties.take("name");
    if let Some(caption) = object.get("caption").and_then(id_text) {
        names.retain(|name| *name != caption);
        names.insert(0, caption);
    }
    let (name, mut aliases) = localized(names.clone());
    if let Some(first) = names.first() {
        attributes.push(("label".to_owned(), first.clone()));
        attributes.push(("name".to_owned(), json!(name).to_string()));
    }
    aliases.extend(properties.take("alias"));
    let mut seen = HashSet::new();
    aliases.retain(|alias| seen.insert(alias.clone()) && !name.values().any(|n| n == alias));
    if !aliases.is_empty() {
        attributes.push(("aliases".to_owned(), json!(aliases).to_string()));
    }
    let description = properties.take("description");
    if !description.is_empty() {
        attributes.push(("description".to_owned(), localized_json(description)));
    }
    // A person's position is their role; for others, the one-line summary.
    let mut role = properties.take("position");
    if role.is_empty() {
        role = properties.take("summary");
    }
    if !role.is_empty() {
        attributes.push(("role".to_owned(), localized_json(role)));
    }
    if schema != entity_schema(kind) {
        attributes.push((verbatim("schema"), schema.to_owned()));
    }
    properties.rest(&mut attributes);
    extra_fields(&object, &mut attributes);
    RawNode {
        id,
        attributes,
        position: None,
        place: item.place.clone(),
    }
}

/// Texts as powermap's localized JSON: one per language, several in one language joined
/// by blank lines.
fn localized_json(texts: Vec<String>) -> String {
    let mut text = LocalizedText::new();
    for value in texts {
        let language = language_of(&value);
        let joined = match text.get(language) {
            Some(known) => format!("{known}\n\n{value}"),
            None => value,
        };
        text.insert(language, joined);
    }
    json!(text).to_string()
}

/// The sources a file describes (its Articles) and those its links name by address.
#[derive(Default)]
struct SourceBook {
    articles: HashMap<String, Source>,
    by_url: HashMap<String, String>,
}

impl SourceBook {
    fn add_article(&mut self, item: &Item) {
        let Some(id) = item.value.get("id").and_then(id_text) else {
            return;
        };
        let mut properties = Properties(
            item.value
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        );
        let url = properties
            .take("sourceUrl")
            .into_iter()
            .find(|url| is_web_address(url));
        let (mut outlet, _) = localized(properties.take("publisher"));
        let title = properties
            .take_first("title")
            .or_else(|| url.clone())
            .unwrap_or_else(|| id.clone());
        if outlet.is_empty() {
            let host = url.as_deref().map_or(title.as_str(), host_of);
            outlet.insert(language_of(host), host);
        }
        let published = properties
            .take_first("publishedAt")
            .and_then(|date| date.get(..10.min(date.len()))?.parse::<PartialDate>().ok());
        let source = Source {
            id: id.clone(),
            outlet,
            title,
            author: properties.take_first("author"),
            published,
            url: url.clone(),
            language: properties.take_first("language"),
            text: properties.take_first("bodyText"),
        };
        if let Some(url) = url {
            self.by_url.insert(url, id.clone());
        }
        self.articles.insert(id, source);
    }
}

/// The host of a web address, or the address.
fn host_of(url: &str) -> &str {
    url.split('/').nth(2).unwrap_or(url)
}

fn link_edge(id: String, link: &LinkSchema, item: &Item, sources: &SourceBook) -> RawEdge {
    let object = item.value.as_object().cloned().unwrap_or_default();
    let mut properties = Properties(
        object
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
    );
    let mut endpoints = properties.take(link.first);
    // An Event's organiser is among its participants, and stays named as such.
    if link.name == "Event" && !endpoints.is_empty() {
        properties
            .0
            .insert("organizer".to_owned(), json!(endpoints.clone()));
    }
    endpoints.extend(properties.take(link.second));
    let mut attributes = Vec::new();

    // The kind: the schema's, or the one an UnknownLink's role (a Payment's purpose) names.
    let mut kind = link.kind;
    let named_by = match link.name {
        "UnknownLink" => Some("role"),
        "Payment" => Some("purpose"),
        _ => None,
    };
    if let Some(property) = named_by {
        let mut values = properties.take(property);
        if let Some(at) = values.iter().position(|value| tie_kind(value).is_some()) {
            kind = tie_kind(&values.remove(at)).unwrap_or(kind);
        }
        if !values.is_empty() {
            properties.0.insert(property.to_owned(), json!(values));
        }
    }
    attributes.push(("kind".to_owned(), snake_name(&kind)));
    // powermap's statuses (`alleged`) are read as such; an Interest's own stay attributes.
    if let Some(status) = properties.take_first("status") {
        attributes.push(("status".to_owned(), status));
    }

    // The date, with its precision; the other ends of the span stay as attributes.
    let date = properties.take("date");
    let start = properties.take("startDate");
    let (date, rest) = match (date.is_empty(), start.is_empty()) {
        (false, _) => (date, Some(("startDate", start))),
        (true, false) => (start, None),
        (true, true) => (Vec::new(), None),
    };
    if let Some((first, others)) = date.split_first() {
        attributes.push(("date".to_owned(), first.clone()));
        if !others.is_empty() {
            properties.0.insert("date".to_owned(), json!(date));
        }
    }
    if let Some((name, values)) = rest
        && !values.is_empty()
    {
        properties.0.insert(name.to_owned(), json!(values));
    }

    if let Some(amount) = take_amount(&mut properties, link.name) {
        attributes.push(("amount".to_owned(), amount.to_string()));
    }

    // An Event's name and summary say the same as powermap's summary.
    let mut summary = properties.take("summary");
    if link.name == "Event" {
        let names = properties.take("name");
        if summary.is_empty() {
            summary = names;
        } else if names.iter().any(|name| !summary.contains(name)) {
            properties.0.insert("name".to_owned(), json!(names));
        }
        let places = properties.take("location");
        if !places.is_empty() {
            attributes.push(("place".to_owned(), localized_json(places)));
        }
    }
    let summary = summary.join("\n\n");
    if !summary.is_empty() {
        attributes.push(("summary".to_owned(), summary.clone()));
    }

    evidence(&mut properties, link, &summary, sources, &mut attributes);
    if link.name != link_schema(kind, attributes.iter().any(|(name, _)| name == "amount")) {
        attributes.push((verbatim("schema"), link.name.to_owned()));
    }
    properties.rest(&mut attributes);
    extra_fields(&object, &mut attributes);
    RawEdge {
        id: Some(id),
        endpoints,
        attributes,
        place: item.place.clone(),
    }
}

/// A link's amount as powermap's amount JSON: a Payment's `amount` and `currency` (or its
/// `amountEur`, `amountUsd`), an Ownership's `sharesValue` and `sharesCurrency`.
fn take_amount(properties: &mut Properties, schema: &str) -> Option<Value> {
    let pairs: &[(&str, Option<&str>, &str)] = match schema {
        "Payment" => &[
            ("amount", None, "currency"),
            ("amountEur", Some("EUR"), ""),
            ("amountUsd", Some("USD"), ""),
        ],
        "Ownership" => &[("sharesValue", None, "sharesCurrency")],
        _ => &[],
    };
    for (value_name, fixed, currency_name) in pairs {
        let currency = match fixed {
            Some(code) => Some((*code).to_owned()),
            None => properties
                .peek(currency_name)
                .first()
                .map(|code| code.to_ascii_uppercase()),
        };
        let number = properties
            .peek(value_name)
            .first()
            .and_then(|text| mapping::parse_number(&text.replace(',', "")));
        if let (Some(number), Some(currency)) = (number, currency)
            && number >= 0.0
            && currency.len() == 3
            && currency.bytes().all(|b| b.is_ascii_uppercase())
        {
            properties.0.remove(*value_name);
            if fixed.is_none() {
                properties.0.remove(*currency_name);
            }
            return Some(json!({ "value": number, "currency": currency }));
        }
    }
    None
}

/// A link's evidence: its `description` (else its summary, else its role) as what its
/// sources state, each quote given to the source whose text has it, else to the first.
/// The sources are the Articles its `recordId` names and the addresses in its
/// `sourceUrl`, with their `publisher`. A link without both keeps its fields as
/// attributes: no quote is made up.
fn evidence(
    properties: &mut Properties,
    link: &LinkSchema,
    summary: &str,
    book: &SourceBook,
    attributes: &mut Vec<(String, String)>,
) {
    let records = properties.peek("recordId");
    let urls = properties.peek("sourceUrl");
    let publishers = properties.peek("publisher");
    let web: Vec<&String> = urls.iter().filter(|url| is_web_address(url)).collect();
    let mut cited: Vec<Source> = records
        .iter()
        .filter_map(|record| book.articles.get(record))
        .cloned()
        .collect();
    for (index, url) in web.iter().enumerate() {
        if let Some(source) = book.by_url.get(*url).and_then(|id| book.articles.get(id)) {
            if !cited.iter().any(|known| known.id == source.id) {
                cited.push(source.clone());
            }
            continue;
        }
        // A publisher goes with its address when there is one of each per address.
        let outlet = publishers
            .get(index)
            .filter(|_| publishers.len() == web.len())
            .cloned()
            .unwrap_or_else(|| host_of(url).to_owned());
        cited.push(named_source(url, &outlet, Some(url)));
    }
    if let ([publisher], true) = (publishers.as_slice(), cited.is_empty() && urls.is_empty()) {
        cited.push(named_source(publisher, publisher, None));
    }
    let mut quotes = properties.peek("description");
    if quotes.is_empty() && !summary.is_empty() {
        quotes.push(summary.to_owned());
    }
    if quotes.is_empty() {
        quotes = properties.peek(match link.name {
            "Family" | "Associate" => "relationship",
            "Payment" => "purpose",
            _ => "role",
        });
    }
    let Some(first) = cited.first() else {
        return;
    };
    if quotes.is_empty() {
        return;
    }
    let items: Vec<Evidence> = quotes
        .into_iter()
        .map(|quote| {
            let source = cited
                .iter()
                .find(|source| {
                    source
                        .text
                        .as_deref()
                        .is_some_and(|text| text.contains(&quote))
                })
                .unwrap_or(first);
            Evidence {
                source: source.id.clone(),
                quote,
                translation: None,
            }
        })
        .collect();
    // What became evidence is not kept twice; record ids that are not Articles and
    // addresses that are not web addresses stay.
    properties.take("description");
    properties.take("publisher");
    let others: Vec<&String> = records
        .iter()
        .filter(|record| !book.articles.contains_key(*record))
        .collect();
    properties.take("recordId");
    if !others.is_empty() {
        properties.0.insert("recordId".to_owned(), json!(others));
    }
    properties.take("sourceUrl");
    let local: Vec<&String> = urls.iter().filter(|url| !is_web_address(url)).collect();
    if !local.is_empty() {
        properties.0.insert("sourceUrl".to_owned(), json!(local));
    }
    attributes.push(("sources".to_owned(), json!(cited).to_string()));
    attributes.push(("evidence".to_owned(), json!(items).to_string()));
}

/// A source known only by its address or its publisher's name.
fn named_source(id: &str, outlet: &str, url: Option<&String>) -> Source {
    Source {
        id: id.to_owned(),
        outlet: LocalizedText::from([(language_of(outlet).to_owned(), outlet.to_owned())]),
        title: outlet.to_owned(),
        author: None,
        published: None,
        url: url.cloned(),
        language: None,
        text: None,
    }
}

/// An FtM entity's properties as they are written: each a list of texts.
type Written = std::collections::BTreeMap<String, Vec<String>>;

fn add(properties: &mut Written, name: &str, values: impl IntoIterator<Item = String>) {
    let list = properties.entry(name.to_owned()).or_default();
    for value in values {
        if !value.trim().is_empty() && !list.contains(&value) {
            list.push(value);
        }
    }
    if list.is_empty() {
        properties.remove(name);
    }
}

/// Localized text as FtM values: the label language's first, then the others.
fn values_of(text: &LocalizedText, language: &str) -> Vec<String> {
    let first = text.get(language).into_iter();
    let others = text
        .iter()
        .filter(|&(code, _)| code != language)
        .map(|(_, value)| value);
    first.chain(others).map(str::to_owned).collect()
}

/// Whether an attribute's name can be an FtM property's (`registrationNumber`): written
/// as a property, as the readers keep FtM's own properties.
fn is_property_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// An attribute's values: a JSON list of texts as its items, anything else as one value.
fn attribute_values(value: &str) -> Vec<String> {
    serde_json::from_str::<Vec<String>>(value).unwrap_or_else(|_| vec![value.to_owned()])
}

/// A number as FtM writes amounts: whole numbers without a fraction.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn record(id: &str, schema: &str, properties: Written) -> Value {
    json!({ "id": id, "schema": schema, "properties": properties })
}

/// The network as FollowTheMoney JSON lines, one entity a line, as `ftm` and Aleph read
/// them: sources as Articles, entities as People, Companies, PublicBodies, Projects and
/// LegalEntities, meetings as Events among their participants, roles as Employments,
/// affiliates as Ownerships, ties with an amount as Payments and other ties as
/// UnknownLinks whose `role` names their kind. A tie's evidence is its `description` (the
/// quotes) with its sources in `recordId` (the Articles), `sourceUrl` and `publisher`.
/// powermap's ids are the entities' ids. Attributes named like FtM properties are
/// written as properties; an entity's (an Event's) others go to its `notes`.
pub(crate) fn write(network: &Network) -> Result<String, ExportError> {
    let language = network.label_language.as_str();
    let mut lines = Vec::new();
    for source in &network.sources {
        let mut properties = Written::new();
        add(&mut properties, "title", [source.title.clone()]);
        add(&mut properties, "author", source.author.clone());
        add(
            &mut properties,
            "publishedAt",
            source.published.map(|date| date.to_string()),
        );
        add(
            &mut properties,
            "publisher",
            values_of(&source.outlet, language),
        );
        add(&mut properties, "sourceUrl", source.url.clone());
        add(&mut properties, "language", source.language.clone());
        add(&mut properties, "bodyText", source.text.clone());
        lines.push(record(&source.id, "Article", properties));
    }
    for entity in &network.entities {
        let schema = entity
            .attributes
            .get("schema")
            .and_then(|schema| {
                ENTITIES
                    .iter()
                    .find(|&&(name, kind)| name == schema && kind == entity.kind)
            })
            .map_or(entity_schema(entity.kind), |(name, _)| *name);
        let mut properties = Written::new();
        add(&mut properties, "name", values_of(&entity.name, language));
        add(&mut properties, "alias", entity.aliases.iter().cloned());
        if let Some(description) = &entity.description {
            add(
                &mut properties,
                "description",
                values_of(description, language),
            );
        }
        if let Some(role) = &entity.role {
            let name = if schema == "Person" {
                "position"
            } else {
                "summary"
            };
            add(&mut properties, name, values_of(role, language));
        }
        write_attributes(&entity.attributes, &["schema"], true, &mut properties);
        lines.push(record(&entity.id, schema, properties));
    }
    for tie in &network.ties {
        lines.push(tie_record(tie, network, language));
    }
    let mut text = String::new();
    for line in lines {
        text.push_str(&serde_json::to_string(&line)?);
        text.push('\n');
    }
    Ok(text)
}

/// Attributes as properties (those named like FtM's) and, for Things, notes.
fn write_attributes(
    attributes: &crate::network::model::Attributes,
    skip: &[&str],
    notes: bool,
    properties: &mut Written,
) {
    for (name, value) in attributes {
        if skip.contains(&name) {
            continue;
        }
        if is_property_name(name) {
            add(properties, name, attribute_values(value));
        } else if notes {
            add(properties, "notes", [format!("{name}: {value}")]);
        }
    }
}

fn tie_record(tie: &Tie, network: &Network, language: &str) -> Value {
    let link = tie
        .attributes
        .get("schema")
        .and_then(|schema| LINKS.iter().find(|link| link.name == schema))
        .filter(|link| {
            link.kind == tie.kind
                || matches!(link.name, "UnknownLink" | "Payment") && tie.participants.len() >= 2
        })
        .or_else(|| {
            let name = link_schema(tie.kind, tie.amount.is_some());
            LINKS.iter().find(|link| link.name == name)
        })
        .unwrap_or(&LINKS[0]);
    let mut properties = Written::new();
    let mut skip = vec!["schema"];
    if link.name == "Event" {
        let organizers: Vec<String> = tie
            .attributes
            .get("organizer")
            .map(attribute_values)
            .unwrap_or_default()
            .into_iter()
            .filter(|id| tie.participants.contains(id))
            .collect();
        let involved = tie
            .participants
            .iter()
            .filter(|id| !organizers.contains(id))
            .cloned();
        add(&mut properties, "involved", involved);
        add(&mut properties, "organizer", organizers);
        skip.push("organizer");
    } else if let Some((first, rest)) = tie.participants.split_first() {
        add(&mut properties, link.first, [first.clone()]);
        add(&mut properties, link.second, rest.iter().cloned());
    }
    let kind_names = match link.name {
        "UnknownLink" => Some("role"),
        "Payment" => Some("purpose"),
        _ => None,
    };
    if let Some(name) = kind_names
        && tie.kind != TieKind::Other
    {
        add(&mut properties, name, [snake_name(&tie.kind)]);
    }
    add(
        &mut properties,
        "date",
        tie.date.map(|date| date.to_string()),
    );
    if let Some(amount) = &tie.amount {
        let names = match link.name {
            "Payment" => Some(("amount", "currency")),
            "Ownership" => Some(("sharesValue", "sharesCurrency")),
            _ => None,
        };
        if let Some((value, currency)) = names {
            add(&mut properties, value, [number_text(amount.value)]);
            add(&mut properties, currency, [amount.currency.clone()]);
        }
    }
    if !tie.summary.is_empty() {
        add(&mut properties, "summary", [tie.summary.clone()]);
        if link.name == "Event" {
            add(&mut properties, "name", [tie.summary.clone()]);
        }
    }
    if let (Some(place), "Event") = (&tie.place, link.name) {
        add(&mut properties, "location", values_of(place, language));
    }
    let interest = matches!(
        link.name,
        "Ownership"
            | "Directorship"
            | "Employment"
            | "Representation"
            | "Membership"
            | "UnknownLink"
    );
    if interest && !tie.status.is_reported() {
        add(&mut properties, "status", [snake_name(&tie.status)]);
    }
    add(
        &mut properties,
        "description",
        tie.evidence.iter().map(|item| item.quote.clone()),
    );
    for item in &tie.evidence {
        let Some(source) = network.source(&item.source) else {
            continue;
        };
        add(&mut properties, "recordId", [source.id.clone()]);
        add(&mut properties, "sourceUrl", source.url.clone());
        add(
            &mut properties,
            "publisher",
            values_of(&source.outlet, language).into_iter().take(1),
        );
    }
    write_attributes(
        &tie.attributes,
        &skip,
        link.name == "Event",
        &mut properties,
    );
    record(&tie.id, link.name, properties)
}

/// The snake_case name serde gives a kind or a status (`letter_of_intent`, `alleged`).
fn snake_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}
