//! The mapping every format shares, both ways: nodes and edges with string attributes
//! become entities and ties (names, kinds, dates, positions brought to powermap's spacing,
//! and powermap's own fields when powermap wrote them), and a network becomes nodes and
//! edges for the writers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::network::date::{DatePrecision, PartialDate};
use crate::network::load::{MAX_ENTITIES, MAX_TIES};
use crate::network::model::{
    Amount, Attributes, Entity, EntityKind, Evidence, Group, LocalizedText, Network, Position,
    Source, Tie, TieKind,
};

use super::ImportError;
use super::report::{Finding, ImportReport, Place};

/// A node as a reader found it, before mapping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawNode {
    pub id: String,
    /// Attributes in file order, values as text; empty values are ignored.
    pub attributes: Vec<(String, String)>,
    /// A position the format states apart from attributes (`viz:position`, yEd geometry).
    pub position: Option<Position>,
    pub place: Place,
}

/// An edge (or a hyperedge) as a reader found it, before mapping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawEdge {
    pub id: Option<String>,
    /// The node ids it joins: source then target, or a hyperedge's endpoints.
    pub endpoints: Vec<String>,
    pub attributes: Vec<(String, String)>,
    pub place: Place,
}

/// A whole graph as a reader found it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RawGraph {
    pub title: Option<String>,
    pub description: Option<String>,
    pub label_language: Option<String>,
    /// Positions read from `x` and `y` attributes have their y axis pointing up, as Gephi
    /// writes them (GraphML, CSV): they are turned over with [`turn_y`].
    pub y_axis_up: bool,
    /// powermap wrote the file (GEXF's `<creator>powermap</creator>`, the graph-level
    /// `label_language` of GraphML and node-link): its positions are already at
    /// powermap's spacing and are never scaled.
    pub written_by_powermap: bool,
    pub nodes: Vec<RawNode>,
    pub edges: Vec<RawEdge>,
}

/// The same point with the y axis turned over. Gephi's y axis points up (its previews draw
/// `-y`); powermap's map, like the screen, yEd, Cytoscape and d3, points down. Its own
/// inverse, so reading and writing Gephi's positions both use it.
pub(crate) fn turn_y(position: Position) -> Position {
    Position {
        x: position.x,
        // 0 − y rather than −y, so that 0 stays 0 instead of becoming −0.
        y: 0.0 - position.y,
    }
}

impl RawGraph {
    /// Adds a node, refusing files with more nodes than powermap opens.
    pub fn push_node(&mut self, node: RawNode, file: &Path) -> Result<(), ImportError> {
        if self.nodes.len() >= MAX_ENTITIES {
            return Err(ImportError::TooMany {
                file: file.to_owned(),
                what: "nodes",
                limit: MAX_ENTITIES,
            });
        }
        self.nodes.push(node);
        Ok(())
    }

    /// Adds an edge, refusing files with more edges than powermap opens ties.
    pub fn push_edge(&mut self, edge: RawEdge, file: &Path) -> Result<(), ImportError> {
        if self.edges.len() >= MAX_TIES {
            return Err(ImportError::TooMany {
                file: file.to_owned(),
                what: "edges",
                limit: MAX_TIES,
            });
        }
        self.edges.push(edge);
        Ok(())
    }
}

/// Attribute names that the writers use for powermap's own fields on nodes. A user's
/// attribute of the same name is written as `attribute:<name>` and read back verbatim.
const ENTITY_FIELDS: &[&str] = &[
    "id",
    "label",
    "name",
    "kind",
    "type",
    "category",
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
];

/// As [`ENTITY_FIELDS`], for edges.
const TIE_FIELDS: &[&str] = &[
    "id",
    "key",
    "source",
    "target",
    "tie",
    "participants",
    "kind",
    "type",
    "category",
    "label",
    "edge label",
    "interaction",
    "relation",
    "relationship",
    "date",
    "날짜",
    "start",
    "end",
    "timestamp",
    "timestamps",
    "intervals",
    "interval",
    "timeset",
    "spells",
    "place",
    "amount",
    "summary",
    "evidence",
    "sources",
];

/// The prefix that marks an attribute to keep as it is, whatever its name.
const VERBATIM: &str = "attribute:";

/// Attribute names read as an entity kind, in order of preference.
const ENTITY_KIND_NAMES: &[&str] = &["kind", "type", "category"];
/// Attribute names read as a tie kind, in order of preference.
const TIE_KIND_NAMES: &[&str] = &[
    "kind",
    "type",
    "category",
    "label",
    "edge label",
    "interaction",
    "relation",
    "relationship",
];
/// Attributes holding a set of times (GEXF, Gephi's spreadsheet `timeset`).
const TIME_SET_NAMES: &[&str] = &["timestamps", "intervals", "interval", "timeset", "spells"];

/// What the report says when a file's edges have directions.
pub(crate) const DIRECTED_NOTE: &str = "the edges are directed: powermap keeps each edge's \
     source first among its participants, which is what direction means for ties such as \
     supply, visit, role and affiliate";

/// `"ko"` for text with Hangul in it, else `"en"`.
pub(crate) fn language_of(text: &str) -> &'static str {
    let hangul = |c: char| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}');
    if text.chars().any(hangul) { "ko" } else { "en" }
}

/// Text in the language it is written in.
pub(crate) fn localized_from(text: &str) -> LocalizedText {
    LocalizedText::from([(language_of(text).to_owned(), text.to_owned())])
}

fn normalize(value: &str) -> String {
    value.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The entity kind a value names, accepting common synonyms.
pub(crate) fn entity_kind(value: &str) -> Option<EntityKind> {
    Some(match normalize(value).as_str() {
        "person" | "people" | "individual" | "human" | "executive" | "인물" | "사람" => {
            EntityKind::Person
        }
        "company" | "organization" | "organisation" | "org" | "firm" | "corporation" | "corp"
        | "business" | "enterprise" | "기업" | "회사" => EntityKind::Company,
        "government" | "gov" | "ministry" | "정부" => EntityKind::Government,
        "project" | "프로젝트" => EntityKind::Project,
        "other" => EntityKind::Other,
        _ => return None,
    })
}

/// The tie kind a value names, accepting common synonyms.
pub(crate) fn tie_kind(value: &str) -> Option<TieKind> {
    Some(match normalize(value).as_str() {
        "meeting" | "meet" | "met" | "meets" | "met_with" | "회동" | "만남" | "회담" | "면담" => {
            TieKind::Meeting
        }
        "contract" | "contracts" | "계약" => TieKind::Contract,
        "letter_of_intent"
        | "loi"
        | "mou"
        | "memorandum_of_understanding"
        | "memorandum"
        | "양해각서"
        | "업무협약" => TieKind::LetterOfIntent,
        "supply" | "supplies" | "supplier" | "supplies_to" | "공급" => TieKind::Supply,
        "partnership" | "partner" | "partners" | "cooperation" | "collaboration" | "alliance"
        | "협력" | "제휴" => TieKind::Partnership,
        "visit" | "visits" | "visited" | "방문" => TieKind::Visit,
        "role" | "employment" | "employed_by" | "works_at" | "works_for" | "employee" => {
            TieKind::Role
        }
        "affiliate" | "affiliation" | "subsidiary" | "subsidiary_of" | "owned_by" | "계열사" => {
            TieKind::Affiliate
        }
        "other" => TieKind::Other,
        _ => return None,
    })
}

/// A date as a file wrote it: `2025`, `2025-03`, `2025-03-04`, `2025-03-04T10:00:00Z`, or a
/// whole year as a number (`2025.0`). The flag says a time of day other than midnight was cut.
pub(crate) fn parse_moment(text: &str) -> Option<(PartialDate, bool)> {
    let text = text.trim();
    if let Some(year) = text.strip_suffix(".0")
        && year.len() == 4
    {
        return year.parse().ok().map(|date| (date, false));
    }
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    let date: PartialDate = date.parse().ok()?;
    let Some(time) = time else {
        return Some((date, false));
    };
    let bytes = time.as_bytes();
    let clock = bytes.len() >= 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    if date.precision() != DatePrecision::Day || !clock {
        return None;
    }
    let local = time.split(['Z', '+', '-']).next().unwrap_or(time);
    let midnight = local.chars().all(|c| matches!(c, '0' | ':' | '.'));
    Some((date, !midnight))
}

/// One item of a set of times: a timestamp, or an interval whose bounds may be open.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TimeItem {
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    /// An interval with a bound left open (empty or `±Infinity`, as Gephi writes
    /// `<[2016-03-04, Infinity]>`): not one date, whatever its start.
    open: bool,
    /// A time of day was cut from one of the bounds.
    cut: bool,
}

/// A set of times as GEXF and Gephi write them: `<[2020, 2021]; [2023-05, 2023-06]>`,
/// `<[2020, 2021, 2022]>` (timestamps), `[, 2021]` (an open start) or one time.
fn parse_time_set(text: &str) -> Option<Vec<TimeItem>> {
    let bound = |time: &str| -> Option<Option<(PartialDate, bool)>> {
        let time = time.trim();
        let open = time.is_empty()
            || time
                .trim_start_matches(['-', '+'])
                .eq_ignore_ascii_case("infinity");
        if open {
            Some(None)
        } else {
            parse_moment(time).map(Some)
        }
    };
    let inner = text.trim().trim_start_matches('<').trim_end_matches('>');
    let mut items = Vec::new();
    for interval in inner.split(';').filter(|part| !part.trim().is_empty()) {
        let interval = interval.trim().trim_matches(['[', ']', '(', ')']);
        let times: Vec<Option<(PartialDate, bool)>> =
            interval.split(',').map(bound).collect::<Option<_>>()?;
        let cut = times.iter().flatten().any(|(_, cut)| *cut);
        match times.as_slice() {
            [start] => items.push(TimeItem {
                start: start.map(|(date, _)| date),
                end: None,
                open: false,
                cut,
            }),
            [start, end] => items.push(TimeItem {
                start: start.map(|(date, _)| date),
                end: end.map(|(date, _)| date),
                open: start.is_none() || end.is_none(),
                cut,
            }),
            many => items.extend(many.iter().flatten().map(|(date, cut)| TimeItem {
                start: Some(*date),
                end: None,
                open: false,
                cut: *cut,
            })),
        }
    }
    (!items.is_empty()).then_some(items)
}

/// The one date that says exactly what `start`–`end` says, if there is one: the same date,
/// or a whole month or year written as its first and last days.
fn span_as_date(start: PartialDate, end: PartialDate) -> Option<PartialDate> {
    if start == end {
        return Some(start);
    }
    let (first, last) = (start.first_day(), end.last_day());
    let year = PartialDate::year(start.year_number());
    if first == year.first_day() && last == year.last_day() {
        return Some(year);
    }
    let month = PartialDate::year_month(start.year_number(), start.month_number()?)?;
    (first == month.first_day() && last == month.last_day()).then_some(month)
}

/// The attributes of one element, taken one by one as fields are recognised.
struct Attrs {
    list: Vec<(String, String)>,
}

impl Attrs {
    fn index(&self, name: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|(key, _)| key.eq_ignore_ascii_case(name))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.index(name).map(|i| self.list[i].1.as_str())
    }

    fn take(&mut self, name: &str) -> Option<String> {
        self.index(name).map(|i| self.list.remove(i).1)
    }

    /// Takes the attribute only if `parse` reads it.
    fn take_if<T>(&mut self, name: &str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let i = self.index(name)?;
        let parsed = parse(&self.list[i].1)?;
        self.list.remove(i);
        Some(parsed)
    }
}

/// Reads the powermap JSON that powermap's writers put in an attribute. A value that is
/// not JSON is someone else's attribute and stays as it is; JSON that is not what powermap
/// writes is reported and stays too.
fn take_json<T: DeserializeOwned>(
    attrs: &mut Attrs,
    name: &str,
    valid: impl FnOnce(&T) -> bool,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<T> {
    let text = attrs.get(name)?;
    let trimmed = text.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return None;
    }
    match serde_json::from_str::<T>(text) {
        Ok(value) if valid(&value) => attrs.take(name).map(|_| value),
        _ => {
            report.record(Finding::UnreadableValue, || {
                format!(
                    "{} {name:?}: not powermap's {name} JSON",
                    context.describe()
                )
            });
            None
        }
    }
}

fn valid_text(text: &LocalizedText) -> bool {
    !text.is_empty() && text.values().all(|value| !value.trim().is_empty())
}

fn valid_source(source: &Source) -> bool {
    !source.id.trim().is_empty()
        && !source.title.trim().is_empty()
        && valid_text(&source.outlet)
        && source
            .url
            .as_ref()
            .is_none_or(|url| url.starts_with("https://") || url.starts_with("http://"))
}

fn valid_amount(amount: &Amount) -> bool {
    amount.value.is_finite()
        && amount.value >= 0.0
        && amount.currency.len() == 3
        && amount.currency.bytes().all(|b| b.is_ascii_uppercase())
}

/// A finite number as files write them, including C's hexadecimal floats (`0x1.8p+1`)
/// that graph-tool writes.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let value = match unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        Some(hex) => parse_hex_float(hex)?,
        None => unsigned.parse::<f64>().ok()?,
    };
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

fn parse_hex_float(hex: &str) -> Option<f64> {
    let (mantissa, exponent) = match hex.find(['p', 'P']) {
        Some(at) => (&hex[..at], hex[at + 1..].parse::<i32>().ok()?),
        None => (hex, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for digit in whole.chars() {
        value = value * 16.0 + f64::from(digit.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for digit in fraction.chars() {
        value += f64::from(digit.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    Some(value * 2f64.powi(exponent))
}

/// Two numbers written as `x, y`, `[x, y]` or `x y` (graph-tool's `pos`).
fn parse_pair(text: &str) -> Option<Position> {
    let inner = text.trim().trim_matches(['[', ']', '(', ')']);
    let numbers: Vec<f64> = inner
        .split([',', ' ', ';'])
        .filter(|part| !part.is_empty())
        .map(parse_number)
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [x, y] => Some(Position { x: *x, y: *y }),
        _ => None,
    }
}

/// What an example in the report names: the element and where it is.
struct Context<'a> {
    what: &'static str,
    id: Option<&'a str>,
    place: &'a Place,
}

impl Context<'_> {
    fn describe(&self) -> String {
        match self.id {
            Some(id) => format!("{} {id:?} at {}", self.what, self.place),
            None => format!("{} at {}", self.what, self.place),
        }
    }
}

/// Sources and groups gathered from the elements that carry them, first description kept.
struct Registry<T> {
    items: Vec<T>,
    index: HashMap<String, usize>,
}

impl<T: PartialEq> Registry<T> {
    fn new() -> Self {
        Self {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn add(&mut self, id: &str, item: T, context: &Context<'_>, report: &mut ImportReport) {
        match self.index.get(id) {
            Some(&i) if self.items[i] != item => {
                report.record(Finding::ConflictingDefinition, || {
                    format!(
                        "{}: {id:?} described differently before",
                        context.describe()
                    )
                });
            }
            Some(_) => {}
            None => {
                self.index.insert(id.to_owned(), self.items.len());
                self.items.push(item);
            }
        }
    }
}

/// Splits off `attribute:`-prefixed attributes and drops empty values, keeping file order
/// and the first of names given twice (dynamic values over time, repeated columns).
fn split_attributes(
    list: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> (Attrs, Vec<(String, String)>) {
    let mut mapped: Vec<(String, String)> = Vec::new();
    let mut verbatim: Vec<(String, String)> = Vec::new();
    for (name, value) in list {
        if value.trim().is_empty() || name.trim().is_empty() {
            continue;
        }
        let (list, name) = match name
            .get(..VERBATIM.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(VERBATIM))
        {
            Some(_) => (&mut verbatim, name[VERBATIM.len()..].to_owned()),
            None => (&mut mapped, name),
        };
        if list
            .iter()
            .any(|(known, _)| known.eq_ignore_ascii_case(&name))
        {
            report.record(Finding::LaterValue, || {
                format!("{}: a second {name:?}", context.describe())
            });
        } else {
            list.push((name, value));
        }
    }
    (Attrs { list: mapped }, verbatim)
}

/// Puts what no field took into `attributes`; a verbatim attribute whose name another
/// attribute kept is reported and left out.
fn keep_rest(
    rest: Attrs,
    verbatim: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Attributes {
    let mut attributes = Attributes::new();
    for (name, value) in rest.list.into_iter().chain(verbatim) {
        match attributes.entry(name) {
            std::collections::btree_map::Entry::Occupied(taken) => {
                report.record(Finding::LaterValue, || {
                    format!("{}: a second {:?}", context.describe(), taken.key())
                });
            }
            std::collections::btree_map::Entry::Vacant(free) => {
                free.insert(value);
            }
        }
    }
    attributes
}

/// The tie date among the date-like attributes, taking those it says all of.
fn take_date(
    attrs: &mut Attrs,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<PartialDate> {
    let date = first_date(attrs, context, report)?;
    // A span that says the same as the date (GEXF's dynamics as powermap writes them).
    if let Some((start, _)) = attrs.get("start").and_then(parse_moment) {
        let same = match attrs.get("end").map(parse_moment) {
            Some(Some((end, _))) => span_as_date(start, end) == Some(date),
            Some(None) => false,
            None => start == date,
        };
        if same {
            attrs.take("start");
            attrs.take("end");
        }
    }
    Some(date)
}

/// The date the first readable date-like attribute gives, in order of preference.
fn first_date(
    attrs: &mut Attrs,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<PartialDate> {
    let unreadable = |report: &mut ImportReport, name: &str, value: &str| {
        report.record(Finding::UnreadableValue, || {
            format!("{} {name:?}: {value:?} is not a date", context.describe())
        });
    };
    let cut = |report: &mut ImportReport, value: &str| {
        report.record(Finding::TimeOfDay, || {
            format!("{}: {value:?}", context.describe())
        });
    };
    for name in ["date", "날짜", "start", "timestamp"] {
        let Some(value) = attrs.get(name).map(str::to_owned) else {
            continue;
        };
        let Some((mut date, time_cut)) = parse_moment(&value) else {
            unreadable(report, name, &value);
            continue;
        };
        attrs.take(name);
        if time_cut {
            cut(report, &value);
        }
        if name == "start"
            && let Some(end) = attrs.get("end").and_then(parse_moment)
            && let Some(span) = span_as_date(date, end.0)
        {
            attrs.take("end");
            date = span;
        }
        return Some(date);
    }
    for name in TIME_SET_NAMES {
        let Some(value) = attrs.get(name).map(str::to_owned) else {
            continue;
        };
        let Some(items) = parse_time_set(&value) else {
            unreadable(report, name, &value);
            continue;
        };
        let starts: Vec<PartialDate> = items.iter().filter_map(|item| item.start).collect();
        if starts.is_empty() {
            unreadable(report, name, &value);
            continue;
        }
        if items.iter().any(|item| item.cut) {
            cut(report, &value);
        }
        let whole = match items.as_slice() {
            [
                TimeItem {
                    start: Some(start),
                    end: None,
                    open: false,
                    ..
                },
            ] => Some(*start),
            [
                TimeItem {
                    start: Some(start),
                    end: Some(end),
                    ..
                },
            ] => span_as_date(*start, *end),
            _ => None,
        };
        if let Some(date) = whole {
            attrs.take(name);
            return Some(date);
        }
        return starts.into_iter().min_by_key(PartialDate::first_day);
    }
    None
}

/// What mapping an entity's attributes gave.
struct EntityFields {
    entity: Entity,
    /// The language of the name the file shows as the label.
    label_language: Option<String>,
    named: bool,
    kind_given: bool,
    group: Option<Group>,
}

fn map_entity(node: RawNode, y_axis_up: bool, report: &mut ImportReport) -> EntityFields {
    let RawNode {
        id,
        attributes,
        position,
        place,
    } = node;
    let context = Context {
        what: "node",
        id: Some(&id),
        place: &place,
    };
    let (mut attrs, verbatim) = split_attributes(attributes, &context, report);

    let json_name = take_json::<LocalizedText>(&mut attrs, "name", valid_text, &context, report);
    let (name, label_language, named) = match json_name {
        Some(name) => {
            let language = attrs.get("label").and_then(|label| {
                name.iter()
                    .find(|(_, value)| value.as_str() == label.trim())
                    .map(|(language, _)| language.clone())
            });
            if language.is_some() {
                attrs.take("label");
            }
            (name, language, true)
        }
        None => match attrs.take("label").or_else(|| attrs.take("name")) {
            Some(text) => {
                let language = language_of(&text).to_owned();
                (localized_from(text.trim()), Some(language), true)
            }
            None => (
                localized_from(&id),
                Some(language_of(&id).to_owned()),
                false,
            ),
        },
    };
    let kind = ENTITY_KIND_NAMES
        .iter()
        .find_map(|key| attrs.take_if(key, entity_kind));
    let aliases = take_json::<Vec<String>>(
        &mut attrs,
        "aliases",
        |aliases| aliases.iter().all(|alias| !alias.trim().is_empty()),
        &context,
        report,
    );
    let role = take_json(&mut attrs, "role", valid_text, &context, report);
    let description = take_json(&mut attrs, "description", valid_text, &context, report);
    let group_name = if attrs.get("group").is_some() {
        take_json::<LocalizedText>(&mut attrs, "group_name", valid_text, &context, report).or_else(
            || {
                attrs
                    .take("group_name")
                    .map(|text| localized_from(text.trim()))
            },
        )
    } else {
        None
    };
    let group = group_name.and_then(|name| {
        attrs
            .take_if("group", |id| {
                Some(id.trim().to_owned()).filter(|id| !id.is_empty())
            })
            .map(|id| Group { id, name })
    });
    let position = position
        .or_else(|| {
            let x = attrs.get("x").and_then(parse_number)?;
            let y = attrs.get("y").and_then(parse_number)?;
            attrs.take("x");
            attrs.take("y");
            let position = Position { x, y };
            Some(if y_axis_up {
                turn_y(position)
            } else {
                position
            })
        })
        .or_else(|| attrs.take_if("pos", parse_pair))
        .or_else(|| attrs.take_if("position", parse_pair));
    let pinned = attrs
        .take_if("pinned", |value| value.trim().parse::<bool>().ok())
        .unwrap_or(false);
    let entity = Entity {
        kind: kind.unwrap_or(EntityKind::Other),
        name,
        aliases: aliases.unwrap_or_default(),
        role,
        description,
        group: group.as_ref().map(|group| group.id.clone()),
        position,
        pinned: pinned && position.is_some(),
        attributes: keep_rest(attrs, verbatim, &context, report),
        id,
    };
    EntityFields {
        entity,
        label_language,
        named,
        kind_given: kind.is_some(),
        group,
    }
}

/// What mapping an edge's attributes gave.
struct TieFields {
    kind: Option<TieKind>,
    date: Option<PartialDate>,
    place: Option<LocalizedText>,
    amount: Option<Amount>,
    summary: String,
    evidence: Vec<Evidence>,
    sources: Vec<Source>,
    tie: Option<String>,
    participants: Option<Vec<String>>,
    attributes: Attributes,
    directed: bool,
}

fn map_tie_fields(
    attributes: Vec<(String, String)>,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> TieFields {
    let (mut attrs, verbatim) = split_attributes(attributes, context, report);
    // Gephi's `Type` column and GEXF's edge `type`: a direction, not a kind.
    let directed = attrs
        .take_if("type", |value| {
            let value = value.trim().to_ascii_lowercase();
            matches!(value.as_str(), "directed" | "undirected" | "mutual")
                .then(|| value == "directed")
        })
        .unwrap_or(false);
    let kind = TIE_KIND_NAMES
        .iter()
        .find_map(|key| attrs.take_if(key, tie_kind));
    let date = take_date(&mut attrs, context, report);
    let place = take_json(&mut attrs, "place", valid_text, context, report);
    let amount = take_json(&mut attrs, "amount", valid_amount, context, report);
    let summary = attrs
        .take("summary")
        .map(|text| text.trim().to_owned())
        .unwrap_or_default();
    let evidence = take_json::<Vec<Evidence>>(
        &mut attrs,
        "evidence",
        |items| {
            items
                .iter()
                .all(|item| !item.quote.trim().is_empty() && !item.source.trim().is_empty())
        },
        context,
        report,
    );
    let sources = take_json::<Vec<Source>>(
        &mut attrs,
        "sources",
        |sources| sources.iter().all(valid_source),
        context,
        report,
    );
    let tie = attrs.take("tie").map(|id| id.trim().to_owned());
    let participants = take_json::<Vec<String>>(
        &mut attrs,
        "participants",
        |ids| ids.len() >= 2,
        context,
        report,
    );
    TieFields {
        kind,
        date,
        place,
        amount,
        summary,
        evidence: evidence.unwrap_or_default(),
        sources: sources.unwrap_or_default(),
        tie,
        participants,
        attributes: keep_rest(attrs, verbatim, context, report),
        directed,
    }
}

/// How far apart a file draws its entities: the median length of its ties' lines, or of
/// each entity's distance to its nearest neighbour when no tie joins two placed entities.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Spacing {
    Lines(f64),
    Neighbours(f64),
}

impl Spacing {
    fn length(self) -> f64 {
        match self {
            Self::Lines(length) | Self::Neighbours(length) => length,
        }
    }
}

/// The median of some lengths; `None` for none.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

fn distance(a: Position, b: Position) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The lines the map draws between placed entities: one for every pair of a tie's
/// participants, as [`crate::scene::graph::MapGraph`] draws them.
fn line_lengths(network: &Network) -> Vec<f64> {
    let placed: HashMap<&str, Position> = network
        .entities
        .iter()
        .filter_map(|entity| Some((entity.id.as_str(), entity.position?)))
        .collect();
    let mut lengths = Vec::new();
    for tie in &network.ties {
        let ends: Vec<Position> = tie
            .participants
            .iter()
            .filter_map(|id| placed.get(id.as_str()).copied())
            .collect();
        for (i, &a) in ends.iter().enumerate() {
            lengths.extend(ends[i + 1..].iter().map(|&b| distance(a, b)));
        }
    }
    lengths
}

/// At most this many points ask for their nearest neighbour: enough for a median, and a
/// file of points all on one vertical line (where the sweep cannot stop early) stays quick.
const NEAREST_NEIGHBOUR_QUERIES: usize = 2_000;

/// The distance to its nearest other point of every point (or of an even sample of
/// [`NEAREST_NEIGHBOUR_QUERIES`] of them). The points are swept in order of `x`, and the
/// sweep each way stops once `x` alone is farther than the nearest found.
fn nearest_neighbour_distances(points: &[Position]) -> Vec<f64> {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
    let step = sorted.len().div_ceil(NEAREST_NEIGHBOUR_QUERIES).max(1);
    (0..sorted.len())
        .step_by(step)
        .map(|i| {
            let at = sorted[i];
            let mut nearest = f64::INFINITY;
            for &other in &sorted[i + 1..] {
                if other.x - at.x >= nearest {
                    break;
                }
                nearest = nearest.min(distance(at, other));
            }
            for &other in sorted[..i].iter().rev() {
                if at.x - other.x >= nearest {
                    break;
                }
                nearest = nearest.min(distance(at, other));
            }
            nearest
        })
        .collect()
}

/// How far apart the file draws its entities, when at least two have positions.
fn spacing(network: &Network) -> Option<Spacing> {
    let placed: Vec<Position> = network
        .entities
        .iter()
        .filter_map(|entity| entity.position)
        .collect();
    if placed.len() < 2 {
        return None;
    }
    median(line_lengths(network))
        .map(Spacing::Lines)
        .or_else(|| median(nearest_neighbour_distances(&placed)).map(Spacing::Neighbours))
}

/// A number for the report, to about three significant digits: `0.148`, `812`, `3022`.
fn approximately(value: f64) -> String {
    let magnitude = value.abs().log10().floor();
    let decimals = if magnitude.is_finite() {
        (2.0 - magnitude).clamp(0.0, 12.0) as usize
    } else {
        0
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Brings positions from other tools to powermap's spacing. Each tool draws in its own
/// units (Gephi's layouts span thousands, networkx's one); when the file's median line is
/// not within a factor of four of the layout's link distance, every position is scaled
/// about the origin so that it is, and the report says so. Positions at powermap's spacing
/// stay exactly as they are.
fn fit_spacing(network: &mut Network, report: &mut ImportReport) {
    let link_distance = f64::from(crate::layout::LayoutParams::default().link_distance);
    let Some(spacing) = spacing(network) else {
        return;
    };
    let length = spacing.length();
    let fits = (link_distance / 4.0..=link_distance * 4.0).contains(&length);
    // Entities all on one spot say nothing about the file's units.
    if fits || !(length.is_finite() && length > 0.0) {
        return;
    }
    let factor = link_distance / length;
    // To a millionth of a unit, far finer than the map shows: short decimals, which save
    // and load as they are (long ones may come back a last digit off).
    let scale = |value: f64| (value * factor * 1e6).round() / 1e6;
    for position in network
        .entities
        .iter_mut()
        .filter_map(|entity| entity.position.as_mut())
    {
        position.x = scale(position.x);
        position.y = scale(position.y);
    }
    let measured = match spacing {
        Spacing::Lines(_) => format!("their median line was {} units long", approximately(length)),
        Spacing::Neighbours(_) => format!(
            "no tie joins two placed entities; their median distance to the nearest one was {} units",
            approximately(length)
        ),
    };
    report.note(format!(
        "positions scaled ×{} to powermap's spacing ({measured})",
        approximately(factor)
    ));
}

/// Builds the network a reader found, reporting everything left out, and checks it with
/// powermap's validator.
pub(crate) fn build(
    raw: RawGraph,
    file: &Path,
    report: &mut ImportReport,
) -> Result<Network, ImportError> {
    let RawGraph {
        title,
        description,
        label_language,
        y_axis_up,
        written_by_powermap,
        nodes,
        edges,
    } = raw;
    let mut network = Network::empty();
    network.title = title
        .filter(|title| !title.trim().is_empty())
        .or_else(|| {
            file.file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    network.description = description.unwrap_or_default();

    let mut groups: Registry<Group> = Registry::new();
    let mut entity_index: HashMap<String, usize> = HashMap::new();
    let mut label_languages: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        let id = node.id.trim().to_owned();
        if id.is_empty() {
            report.record(Finding::MissingId, || format!("node at {}", node.place));
            continue;
        }
        if entity_index.contains_key(&id) {
            report.record(Finding::DuplicateEntityId, || {
                format!("node {id:?} at {}", node.place)
            });
            continue;
        }
        let place = node.place.clone();
        let fields = map_entity(RawNode { id, ..node }, y_axis_up, report);
        let counts = &mut report.counts;
        counts.names += usize::from(fields.named);
        counts.entity_kinds += usize::from(fields.kind_given);
        counts.positions += usize::from(fields.entity.position.is_some());
        if let Some(language) = fields.label_language {
            *label_languages.entry(language).or_default() += 1;
        }
        if let Some(group) = fields.group {
            let context = Context {
                what: "node",
                id: Some(&fields.entity.id),
                place: &place,
            };
            groups.add(&group.id.clone(), group, &context, report);
        }
        entity_index.insert(fields.entity.id.clone(), network.entities.len());
        network.entities.push(fields.entity);
    }
    network.groups = groups.items;
    network.label_language = label_language
        .filter(|language| !language.trim().is_empty())
        .unwrap_or_else(|| {
            // The language most labels are in; English when none leads.
            let english = label_languages.get("en").copied().unwrap_or(0);
            label_languages
                .into_iter()
                .filter(|(_, count)| *count > english)
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map_or_else(|| "en".to_owned(), |(language, _)| language)
        });

    // Ids the file gives, so that generated ones never take them.
    let given_ids: HashSet<String> = edges
        .iter()
        .flat_map(|edge| {
            let tie = edge
                .attributes
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("tie"))
                .map(|(_, value)| value.trim().to_owned());
            edge.id.iter().map(|id| id.trim().to_owned()).chain(tie)
        })
        .collect();
    let mut sources: Registry<Source> = Registry::new();
    let mut tie_index: HashMap<String, usize> = HashMap::new();
    let mut directed = 0usize;
    for (index, edge) in edges.into_iter().enumerate() {
        let id = edge
            .id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty());
        let context = Context {
            what: "edge",
            id,
            place: &edge.place,
        };
        if edge.endpoints.len() < 2 || edge.endpoints.iter().any(|end| end.trim().is_empty()) {
            report.record(Finding::MissingEndpoint, || context.describe());
            continue;
        }
        let mut endpoints: Vec<String> = Vec::with_capacity(edge.endpoints.len());
        for end in &edge.endpoints {
            let end = end.trim();
            if !endpoints.iter().any(|known| known == end) {
                endpoints.push(end.to_owned());
            }
        }
        if endpoints.len() < 2 {
            report.record(Finding::SelfLoop, || {
                format!("{}: {:?} to itself", context.describe(), endpoints[0])
            });
            continue;
        }
        if let Some(missing) = endpoints
            .iter()
            .find(|end| !entity_index.contains_key(*end))
        {
            report.record(Finding::MissingNode, || {
                format!("{}: no node {missing:?}", context.describe())
            });
            continue;
        }
        let mut fields = map_tie_fields(edge.attributes, &context, report);
        directed += usize::from(fields.directed);
        let participants = match fields.participants.take() {
            Some(listed)
                if listed.iter().all(|id| entity_index.contains_key(id))
                    && endpoints.iter().all(|end| listed.contains(end))
                    && listed
                        .iter()
                        .enumerate()
                        .all(|(i, id)| !listed[..i].contains(id)) =>
            {
                listed
            }
            Some(listed) => {
                report.record(Finding::UnreadableValue, || {
                    format!(
                        "{} \"participants\": {listed:?} does not fit the edge's nodes",
                        context.describe()
                    )
                });
                fields.attributes.insert(
                    "participants".to_owned(),
                    serde_json::to_string(&listed).unwrap_or_default(),
                );
                endpoints
            }
            None => endpoints,
        };
        let tie_id = match fields.tie.clone().filter(|tie| !tie.is_empty()) {
            Some(tie) => tie,
            None => match id {
                Some(id) => id.to_owned(),
                None => {
                    let mut generated = format!("e{index}");
                    let mut n = 1;
                    while given_ids.contains(&generated) || tie_index.contains_key(&generated) {
                        n += 1;
                        generated = format!("e{index}-{n}");
                    }
                    generated
                }
            },
        };
        if let Some(&existing) = tie_index.get(&tie_id) {
            if fields.tie.is_some() && network.ties[existing].participants == participants {
                report.counts.merged_edges += 1;
            } else {
                report.record(Finding::DuplicateTieId, || {
                    format!("{}: tie id {tie_id:?}", context.describe())
                });
            }
            continue;
        }
        for source in fields.sources {
            sources.add(&source.id.clone(), source, &context, report);
        }
        report.counts.tie_kinds += usize::from(fields.kind.is_some());
        tie_index.insert(tie_id.clone(), network.ties.len());
        network.ties.push(Tie {
            id: tie_id,
            kind: fields.kind.unwrap_or(TieKind::Other),
            participants,
            date: fields.date,
            place: fields.place,
            amount: fields.amount,
            summary: fields.summary,
            evidence: fields.evidence,
            attributes: fields.attributes,
        });
    }
    if directed > 0 {
        report.note(DIRECTED_NOTE);
    }
    if !written_by_powermap {
        fit_spacing(&mut network, report);
    }
    network.sources = sources.items;
    for tie in &mut network.ties {
        let known = &sources.index;
        tie.evidence.retain(|item| {
            let found = known.contains_key(&item.source);
            if !found {
                report.record(Finding::EvidenceWithoutSource, || {
                    format!("tie {:?}: source {:?}", tie.id, item.source)
                });
            }
            found
        });
    }

    let counts = &mut report.counts;
    counts.entities = network.entities.len();
    counts.ties = network.ties.len();
    counts.dates = network.ties.iter().filter(|tie| tie.date.is_some()).count();
    counts.evidence = network
        .ties
        .iter()
        .filter(|tie| !tie.evidence.is_empty())
        .count();
    for entity in &network.entities {
        for name in entity.attributes.keys() {
            *report.entity_attributes.entry(name.clone()).or_default() += 1;
        }
    }
    for tie in &network.ties {
        for name in tie.attributes.keys() {
            *report.tie_attributes.entry(name.clone()).or_default() += 1;
        }
    }
    let errors: Vec<_> = crate::network::validate::validate(&network)
        .into_iter()
        .filter(crate::network::diagnostic::Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            diagnostics: errors,
        });
    }
    Ok(network)
}

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
fn user_attribute(name: &str, value: &str, fields: &[&str]) -> (String, OutValue) {
    let taken = fields
        .iter()
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
        if !tie.evidence.is_empty() {
            attributes.push(("evidence".to_owned(), json(&tie.evidence)));
            let mut cited: Vec<&Source> = Vec::new();
            for item in &tie.evidence {
                if let Some(source) = network.source(&item.source)
                    && !cited.iter().any(|known| known.id == source.id)
                {
                    cited.push(source);
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
    use super::*;
    use crate::interop::Format;

    fn report() -> ImportReport {
        ImportReport::new(Path::new("t.csv"), Format::Csv)
    }

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    fn node(id: &str, pairs: &[(&str, &str)]) -> RawNode {
        RawNode {
            id: id.to_owned(),
            attributes: attrs(pairs),
            position: None,
            place: Place::Line(2),
        }
    }

    fn edge(id: Option<&str>, source: &str, target: &str, pairs: &[(&str, &str)]) -> RawEdge {
        RawEdge {
            id: id.map(str::to_owned),
            endpoints: vec![source.to_owned(), target.to_owned()],
            attributes: attrs(pairs),
            place: Place::Line(3),
        }
    }

    #[test]
    fn kinds_accept_synonyms_in_any_case() {
        assert_eq!(entity_kind("Organisation"), Some(EntityKind::Company));
        assert_eq!(entity_kind(" FIRM "), Some(EntityKind::Company));
        assert_eq!(entity_kind("person"), Some(EntityKind::Person));
        assert_eq!(entity_kind("planet"), None);
        assert_eq!(tie_kind("LOI"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("MOU"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("Letter of intent"), Some(TieKind::LetterOfIntent));
        assert_eq!(tie_kind("works_at"), Some(TieKind::Role));
        assert_eq!(tie_kind("Employment"), Some(TieKind::Role));
        assert_eq!(tie_kind("friendship"), None);
    }

    #[test]
    fn languages_follow_the_script() {
        assert_eq!(language_of("이재용"), "ko");
        assert_eq!(language_of("Samsung 삼성"), "ko");
        assert_eq!(language_of("Lee Jae-yong"), "en");
    }

    #[test]
    fn dates_keep_their_precision() {
        let date = |text: &str| parse_moment(text).map(|(date, cut)| (date.to_string(), cut));
        assert_eq!(date("2025"), Some(("2025".into(), false)));
        assert_eq!(date("2025-03"), Some(("2025-03".into(), false)));
        assert_eq!(date("2025-03-04"), Some(("2025-03-04".into(), false)));
        assert_eq!(
            date("2025-03-04T10:00:00"),
            Some(("2025-03-04".into(), true))
        );
        assert_eq!(
            date("2025-03-04T00:00:00Z"),
            Some(("2025-03-04".into(), false))
        );
        assert_eq!(date("2025-03-04 00:00"), Some(("2025-03-04".into(), false)));
        assert_eq!(date("2015.0"), Some(("2015".into(), false)));
        assert_eq!(date("2025-02-30"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(date("2025-03T10:00"), None);
    }

    #[test]
    fn spans_become_a_date_only_when_they_say_one() {
        let d = |text: &str| text.parse::<PartialDate>().expect("date");
        let span = |a, b| span_as_date(d(a), d(b)).map(|date| date.to_string());
        assert_eq!(span("2025-03-01", "2025-03-31"), Some("2025-03".into()));
        assert_eq!(span("2024-01-01", "2024-12-31"), Some("2024".into()));
        assert_eq!(span("2025-03-04", "2025-03-04"), Some("2025-03-04".into()));
        assert_eq!(span("2025-03-04", "2025-03-05"), None);
        assert_eq!(span("2025-03", "2025-04"), None);
    }

    #[test]
    fn time_sets_read_gephi_and_gexf_syntax() {
        let set = parse_time_set("<[2020-01-01, 2020-12-31]; [2023-05, 2023-06]>").expect("set");
        assert_eq!(set.len(), 2);
        assert_eq!(set[1].start.map(|d| d.to_string()), Some("2023-05".into()));
        let stamps = parse_time_set("<[2021, 2019, 2022]>").expect("timestamps");
        assert_eq!(stamps.len(), 3);
        let open = parse_time_set("[, 2021]").expect("open start");
        assert_eq!(open[0].start, None);
        assert_eq!(open[0].end.map(|d| d.to_string()), Some("2021".into()));
        assert!(open[0].open);
        let onwards = parse_time_set("<[2016-03-04, Infinity]>").expect("open end");
        assert_eq!(onwards[0].end, None);
        assert!(onwards[0].open, "from a day onwards is not that day");
        assert!(!stamps[0].open && !set[0].open);
        assert!(parse_time_set("<[soon]>").is_none());
    }

    #[test]
    fn numbers_include_hexadecimal_floats() {
        assert_eq!(parse_number("0x1.8p+1"), Some(3.0));
        assert_eq!(parse_number("-0x1p-2"), Some(-0.25));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(
            parse_pair("0x1p+0, 0x1p+1"),
            Some(Position { x: 1.0, y: 2.0 })
        );
        assert_eq!(parse_pair("[3, 4]"), Some(Position { x: 3.0, y: 4.0 }));
        assert_eq!(parse_pair("1, 2, 3"), None);
    }

    #[test]
    fn maps_names_kinds_dates_and_keeps_the_rest() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                node(
                    "a",
                    &[("Label", "이재용"), ("type", "Person"), ("age", "57")],
                ),
                node(
                    "b",
                    &[
                        ("name", "Acme"),
                        ("category", "planet"),
                        ("x", "1"),
                        ("y", "-2"),
                    ],
                ),
            ],
            edges: vec![
                edge(
                    None,
                    "a",
                    "b",
                    &[
                        ("Type", "Undirected"),
                        ("kind", "MOU"),
                        ("date", "2025-03-04T10:00:00"),
                        ("Weight", "2"),
                    ],
                ),
                edge(
                    Some("x"),
                    "a",
                    "b",
                    &[
                        ("start", "2025-03-01"),
                        ("end", "2025-03-31"),
                        ("TYPE", "directed"),
                    ],
                ),
                edge(
                    Some("y"),
                    "a",
                    "b",
                    &[
                        ("timeset", "<[2021-06-01, 2021-06-03]>"),
                        ("date", "someday"),
                    ],
                ),
            ],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("dir/people.csv"), &mut report).expect("builds");
        assert_eq!(network.title, "people");
        assert_eq!(network.label_language, "en");
        let a = network.entity("a").expect("a");
        assert_eq!(a.name.get("ko").map(String::as_str), Some("이재용"));
        assert_eq!(a.kind, EntityKind::Person);
        assert_eq!(a.attributes.get("age").map(String::as_str), Some("57"));
        let b = network.entity("b").expect("b");
        assert_eq!(b.kind, EntityKind::Other);
        assert_eq!(
            b.attributes.get("category").map(String::as_str),
            Some("planet")
        );
        assert_eq!(b.position, Some(Position { x: 1.0, y: -2.0 }));
        let first = network.tie("e0").expect("generated id");
        assert_eq!(first.kind, TieKind::LetterOfIntent);
        assert_eq!(first.date.map(|d| d.to_string()), Some("2025-03-04".into()));
        assert_eq!(
            first.attributes.get("Weight").map(String::as_str),
            Some("2")
        );
        assert!(!first.attributes.contains_key("Type"));
        let x = network.tie("x").expect("x");
        assert_eq!(x.date.map(|d| d.to_string()), Some("2025-03".into()));
        assert!(x.attributes.is_empty(), "{:?}", x.attributes);
        let y = network.tie("y").expect("y");
        assert_eq!(y.date.map(|d| d.to_string()), Some("2021-06-01".into()));
        assert!(
            y.attributes.contains_key("timeset"),
            "an interval is not one date"
        );
        assert_eq!(
            y.attributes.get("date").map(String::as_str),
            Some("someday")
        );
        assert_eq!(report.count(Finding::TimeOfDay), 1);
        assert_eq!(report.count(Finding::UnreadableValue), 1);
        assert_eq!(report.counts.names, 2);
        assert_eq!(report.counts.entity_kinds, 1);
        assert_eq!(report.counts.tie_kinds, 1);
        assert_eq!(report.counts.dates, 3);
        assert_eq!(report.counts.positions, 1);
        assert_eq!(report.entity_attributes.get("age"), Some(&1));
        assert_eq!(report.notes, [DIRECTED_NOTE]);
    }

    #[test]
    fn drops_what_cannot_be_a_tie_and_keeps_the_rest() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                node("a", &[]),
                node("b", &[]),
                node("a", &[("label", "again")]),
                node(" ", &[]),
            ],
            edges: vec![
                edge(Some("e1"), "a", "missing", &[]),
                edge(Some("e2"), "a", "a", &[]),
                edge(Some("e3"), "a", "b", &[]),
                edge(Some("e3"), "b", "a", &[]),
                edge(None, "a", "", &[]),
                edge(None, "b", "a", &[]),
            ],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.csv"), &mut report).expect("builds");
        assert_eq!(network.entities.len(), 2);
        assert_eq!(network.entity("a").map(|a| a.display_name("en")), Some("a"));
        assert_eq!(network.ties.len(), 2);
        assert!(network.tie("e5").is_some(), "generated from its index");
        assert_eq!(report.count(Finding::MissingNode), 1);
        assert_eq!(report.count(Finding::SelfLoop), 1);
        assert_eq!(report.count(Finding::DuplicateTieId), 1);
        assert_eq!(report.count(Finding::DuplicateEntityId), 1);
        assert_eq!(report.count(Finding::MissingId), 1);
        assert_eq!(report.count(Finding::MissingEndpoint), 1);
        assert!(
            report.findings[&Finding::MissingNode].examples[0].contains("\"missing\""),
            "{report}"
        );
    }

    #[test]
    fn generated_ids_never_take_given_ones() {
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![node("a", &[]), node("b", &[])],
            edges: vec![edge(None, "a", "b", &[]), edge(Some("e0"), "b", "a", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.csv"), &mut report).expect("builds");
        let ids: Vec<&str> = network.ties.iter().map(|tie| tie.id.as_str()).collect();
        assert_eq!(ids, ["e0-2", "e0"]);
    }

    #[test]
    fn reserved_names_travel_verbatim() {
        let mut network = Network::empty();
        network.entities.push(Entity {
            id: "a".into(),
            kind: EntityKind::Person,
            name: localized_from("Ada"),
            aliases: Vec::new(),
            role: None,
            description: None,
            group: None,
            position: None,
            pinned: false,
            attributes: Attributes::from([("kind".to_owned(), "founder".to_owned())]),
        });
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

    /// A node drawn at (`x`, `y`) by a tool whose y axis points down.
    fn placed(id: &str, x: f64, y: f64) -> RawNode {
        RawNode {
            position: Some(Position { x, y }),
            ..node(id, &[])
        }
    }

    fn positions(network: &Network) -> Vec<Option<Position>> {
        network
            .entities
            .iter()
            .map(|entity| entity.position)
            .collect()
    }

    fn scaled_note(report: &ImportReport) -> Option<&String> {
        report
            .notes
            .iter()
            .find(|note| note.starts_with("positions scaled"))
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }

    #[test]
    fn nearest_neighbours_match_a_search_of_every_pair() {
        let points: Vec<Position> = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 1.0),
            (-4.0, 30.0),
            (3.0, -3.0),
            (50.0, 50.0),
            (3.0, -3.0),
        ]
        .into_iter()
        .map(|(x, y)| Position { x, y })
        .collect();
        let mut swept = nearest_neighbour_distances(&points);
        assert_eq!(swept.len(), points.len(), "few points: every one asks");
        let mut every_pair: Vec<f64> = points
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                points
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, &b)| distance(a, b))
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        swept.sort_by(f64::total_cmp);
        every_pair.sort_by(f64::total_cmp);
        assert_eq!(swept, every_pair);
    }

    #[test]
    fn report_numbers_have_about_three_digits() {
        assert_eq!(approximately(120.0 / 812.4), "0.148");
        assert_eq!(approximately(812.4), "812");
        assert_eq!(approximately(3021.7), "3022");
        assert_eq!(approximately(0.5), "0.5");
        assert_eq!(approximately(0.08), "0.08");
        assert_eq!(approximately(240.0), "240");
        assert_eq!(approximately(12.345), "12.3");
    }

    #[test]
    fn many_points_on_one_line_are_measured_from_a_sample() {
        // The sweep cannot stop early when every x is the same: only a sample asks.
        let points: Vec<Position> = (0..20_000)
            .map(|i| Position {
                x: 0.0,
                y: f64::from(i) * 3.0,
            })
            .collect();
        let distances = nearest_neighbour_distances(&points);
        assert_eq!(distances.len(), NEAREST_NEIGHBOUR_QUERIES);
        assert_eq!(median(distances), Some(3.0));
    }

    #[test]
    fn tiny_layouts_without_ties_scale_by_nearest_neighbours() {
        // networkx draws in a unit square; no tie joins two placed nodes here.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                placed("a", 0.0, 0.0),
                placed("b", 0.5, 0.0),
                placed("c", 0.5, -0.5),
                placed("d", -1.0, 1.0),
                node("e", &[]),
            ],
            edges: vec![edge(None, "a", "e", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.json"), &mut report).expect("builds");
        // Nearest neighbours: 0.5, 0.5, 0.5 and √2 ≈ 1.414: a median of 0.5, so ×240.
        assert_eq!(
            positions(&network),
            [
                Some(Position { x: 0.0, y: 0.0 }),
                Some(Position { x: 120.0, y: 0.0 }),
                Some(Position {
                    x: 120.0,
                    y: -120.0
                }),
                Some(Position {
                    x: -240.0,
                    y: 240.0
                }),
                None,
            ]
        );
        assert_eq!(
            scaled_note(&report).map(String::as_str),
            Some(
                "positions scaled ×240 to powermap's spacing (no tie joins two placed \
                 entities; their median distance to the nearest one was 0.5 units)"
            )
        );
    }

    #[test]
    fn every_pair_of_a_tie_is_a_line() {
        // A tie among three draws three lines, 3000, 4000 and 5000 long: a median of 4000.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![
                placed("a", 0.0, 0.0),
                placed("b", 3000.0, 0.0),
                placed("c", 0.0, 4000.0),
            ],
            edges: vec![RawEdge {
                endpoints: vec!["a".into(), "b".into(), "c".into()],
                ..edge(None, "a", "b", &[])
            }],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.graphml"), &mut report).expect("builds");
        assert_eq!(
            positions(&network)[1..],
            [
                Some(Position { x: 90.0, y: 0.0 }),
                Some(Position { x: 0.0, y: 120.0 })
            ]
        );
        assert!(
            scaled_note(&report).is_some_and(|note| note.contains("4000 units long")),
            "{report}"
        );
    }

    #[test]
    fn positions_at_powermaps_spacing_or_from_powermap_stay_as_they_are() {
        let far = |written_by_powermap: bool, length: f64| RawGraph {
            nodes: vec![placed("a", 0.1, 0.2), placed("b", 0.1 + length, 0.2)],
            edges: vec![edge(None, "a", "b", &[])],
            written_by_powermap,
            ..RawGraph::default()
        };
        for (written_by_powermap, length) in [
            (false, 30.0),
            (false, 480.0),
            (false, 0.0),
            (true, 5000.0),
            (true, 0.01),
        ] {
            let mut report = report();
            let raw = far(written_by_powermap, length);
            let expected: Vec<Option<Position>> =
                raw.nodes.iter().map(|node| node.position).collect();
            let network = build(raw, Path::new("t.gexf"), &mut report).expect("builds");
            assert_eq!(positions(&network), expected, "{length}");
            assert_eq!(scaled_note(&report), None, "{length}");
        }
        for length in [29.9, 480.1] {
            let mut report = report();
            build(far(false, length), Path::new("t.gexf"), &mut report).expect("builds");
            assert!(scaled_note(&report).is_some(), "{length}");
        }
        // One placed entity says nothing about spacing.
        let mut report = report();
        let raw = RawGraph {
            nodes: vec![placed("a", 5000.0, 0.0), node("b", &[])],
            ..RawGraph::default()
        };
        let network = build(raw, Path::new("t.gexf"), &mut report).expect("builds");
        assert_eq!(
            network.entities[0].position,
            Some(Position { x: 5000.0, y: 0.0 })
        );
        assert_eq!(scaled_note(&report), None);
    }
}
