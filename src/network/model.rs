//! The network model: sources, groups, entities and the sourced ties between them.
//!
//! These types are the powermap file format (version [`FORMAT_VERSION`]) as serde reads
//! and writes it; `docs/format.md` documents it for people writing their own files.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::network::date::PartialDate;
pub use crate::network::text_map::TextMap;

/// The `format` field every powermap file carries.
pub const FORMAT_NAME: &str = "powermap";

/// The format version this program writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 3;

/// Text in one or more languages, keyed by language code: `{"ko": "이재용", "en": "Lee Jae-yong"}`.
pub type LocalizedText = TextMap;

/// Free-form facts kept beside the typed fields and shown in the panels.
pub type Attributes = TextMap;

/// Picks the text to show in `language`, falling back to English and then to any language.
pub fn localized<'a>(text: &'a LocalizedText, language: &str) -> Option<&'a str> {
    [language, "en"]
        .iter()
        .find_map(|lang| text.get(lang))
        .or_else(|| text.values().next())
        .filter(|text| !text.is_empty())
}

/// A whole network: what a powermap file holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub format: String,
    /// The version the file was written in; it is kept while the network is open (an
    /// older file is not rewritten by opening it) and always written as
    /// [`FORMAT_VERSION`], so a saved file is in the current format.
    #[serde(serialize_with = "current_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language labels are shown in by default.
    #[serde(default = "default_label_language")]
    pub label_language: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub groups: Vec<Group>,
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub ties: Vec<Tie>,
    /// The map told step by step (format version 2): each step highlights some entities
    /// and ties, with a caption, a view and a timeline date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story: Vec<StoryStep>,
    /// Which entity attributes the map shows as labels, kinds, colours and sizes (format
    /// version 3); left out, the map shows names and kinds as usual.
    #[serde(default, skip_serializing_if = "ShownBy::is_usual")]
    pub shown_by: ShownBy,
}

/// Which entity attributes the map shows in place of the usual names, kinds, colours and
/// sizes: View ▸ Label by, Kind by, Colour by and Size by. Each names an attribute (a key
/// of [`Entity::attributes`]); `None` keeps the usual. An entity without the attribute is
/// shown as usual (its name, its kind's size) or with the others that lack it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShownBy {
    /// The attribute each entity is labelled by; `None`: its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The attribute whose values are the kinds the map and its legend show (a shape and a
    /// colour each); `None`: the entity's `kind`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The attribute that colours the entities: a colour per text value, a gradient for
    /// numbers; `None`: by group, else by kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The numeric attribute that sizes the entities; `None`: each kind's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

impl ShownBy {
    /// Whether the map shows names, kinds and sizes as usual, which a file leaves out.
    pub fn is_usual(&self) -> bool {
        *self == Self::default()
    }

    /// The attributes named, with the field that names each.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("label", &self.label),
            ("kind", &self.kind),
            ("color", &self.color),
            ("size", &self.size),
        ]
        .into_iter()
        .filter_map(|(field, attribute)| Some((field, attribute.as_deref()?)))
    }
}

/// Reads a list with no room to spare. serde grows a list it reads to room for four
/// elements; a network holds hundreds of thousands of short ones (each tie's participants
/// and evidence), whose room was some 50 MB of a map of 100,000 entities.
fn to_fit<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

fn current_version<S: serde::Serializer>(_: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u32(FORMAT_VERSION)
}

fn default_label_language() -> String {
    "en".to_owned()
}

/// An article or document that evidence quotes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub outlet: LocalizedText,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The article's full text, as published (format version 2): evidence quotes are
    /// checked against it, and the article view shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Whether `url` is a web address (http or https): the only links the window opens and a
/// web page links to, so that a file's link cannot launch programs, open local files or
/// run script (`javascript:`).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A named set of entities, such as a conglomerate and its affiliates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: LocalizedText,
}

/// What sort of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Company,
    Government,
    Project,
    Other,
}

impl EntityKind {
    pub const ALL: [Self; 5] = [
        Self::Person,
        Self::Company,
        Self::Government,
        Self::Project,
        Self::Other,
    ];

    /// A capitalised English name for legends and panels.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Company => "Company",
            Self::Government => "Government",
            Self::Project => "Project",
            Self::Other => "Other",
        }
    }
}

/// A person or an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: LocalizedText,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "to_fit"
    )]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The layout never moves a pinned entity from its `position`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

impl Entity {
    /// An entity with only its id, kind and names: no aliases, role, group, position or
    /// attributes yet.
    pub fn new(id: impl Into<String>, kind: EntityKind, name: LocalizedText) -> Self {
        Self {
            id: id.into(),
            kind,
            name,
            aliases: Vec::new(),
            role: None,
            description: None,
            group: None,
            position: None,
            pinned: false,
            attributes: Attributes::new(),
        }
    }

    /// The name to show in `language`, falling back to another language, then to the id.
    pub fn display_name(&self, language: &str) -> &str {
        localized(&self.name, language).unwrap_or(&self.id)
    }

    /// The label the map shows: the value of the attribute `label_by` names (see
    /// [`ShownBy::label`]) where the entity has it, else its [display name](Self::display_name).
    pub fn label(&self, label_by: Option<&str>, language: &str) -> &str {
        label_by
            .and_then(|attribute| self.attributes.get(attribute))
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
            .unwrap_or_else(|| self.display_name(language))
    }
}

/// A point on the map, in layout units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    #[serde(serialize_with = "whole_numbers_without_fraction")]
    pub x: f64,
    #[serde(serialize_with = "whole_numbers_without_fraction")]
    pub y: f64,
}

/// Writes `16500000000` rather than `16500000000.0`, as people write amounts.
fn whole_numbers_without_fraction<S: serde::Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // Integers up to 2^53 are exact in f64, so the conversion loses nothing.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() <= EXACT {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// What sort of tie joins the participants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieKind {
    Meeting,
    Contract,
    LetterOfIntent,
    Supply,
    Partnership,
    Visit,
    Role,
    Affiliate,
    Other,
}

impl TieKind {
    pub const ALL: [Self; 9] = [
        Self::Meeting,
        Self::Contract,
        Self::LetterOfIntent,
        Self::Supply,
        Self::Partnership,
        Self::Visit,
        Self::Role,
        Self::Affiliate,
        Self::Other,
    ];

    /// A capitalised English name for legends and panels.
    pub fn label(self) -> &'static str {
        match self {
            Self::Meeting => "Meeting",
            Self::Contract => "Contract",
            Self::LetterOfIntent => "Letter of intent",
            Self::Supply => "Supply",
            Self::Partnership => "Partnership",
            Self::Visit => "Visit",
            Self::Role => "Role",
            Self::Affiliate => "Affiliate",
            Self::Other => "Other",
        }
    }

    /// Deals: the ties an owner's contact is said to lead to.
    pub fn is_deal(self) -> bool {
        matches!(self, Self::Contract | Self::LetterOfIntent | Self::Supply)
    }
}

impl fmt::Display for TieKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How far the sources stand behind a tie. A file that gives no status means
/// [`Reported`](Self::Reported): a source says so.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TieStatus {
    /// Confirmed by the parties or by a record (a filing, a registry).
    Confirmed,
    /// Reported by a source.
    #[default]
    Reported,
    /// Claimed by someone, not established.
    Alleged,
    /// Denied by a party.
    Denied,
    /// Not checked yet.
    Unverified,
}

impl TieStatus {
    pub const ALL: [Self; 5] = [
        Self::Confirmed,
        Self::Reported,
        Self::Alleged,
        Self::Denied,
        Self::Unverified,
    ];

    /// A capitalised English name for legends and panels.
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "Confirmed",
            Self::Reported => "Reported",
            Self::Alleged => "Alleged",
            Self::Denied => "Denied",
            Self::Unverified => "Unverified",
        }
    }

    /// Whether this is the status a tie has when its file gives none, which is left out
    /// when writing.
    pub fn is_reported(&self) -> bool {
        *self == Self::Reported
    }
}

impl fmt::Display for TieStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A stated sum of money.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    #[serde(serialize_with = "whole_numbers_without_fraction")]
    pub value: f64,
    /// ISO 4217 code, such as `USD`.
    pub currency: String,
    /// The source's own wording, such as `165억달러`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", group_thousands(self.value), self.currency)?;
        if let Some(text) = &self.text {
            write!(f, " ({text})")?;
        }
        Ok(())
    }
}

/// `16500000000` → `16,500,000,000`; keeps up to two decimals when there are any.
fn group_thousands(value: f64) -> String {
    let whole = value.trunc();
    let fraction = value - whole;
    let digits = format!("{whole:.0}");
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |d| ("-", d));
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if fraction.abs() >= 0.005 {
        let cents = format!("{:.2}", fraction.abs());
        grouped.push_str(cents.trim_start_matches('0'));
    }
    format!("{sign}{grouped}")
}

/// A quoted sentence from a source that reports a tie.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// The sentence in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// A meeting, deal, role or other tie among two or more entities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    pub id: String,
    pub kind: TieKind,
    #[serde(deserialize_with = "to_fit")]
    pub participants: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// How far the sources stand behind the tie; reported unless the file says otherwise.
    #[serde(default, skip_serializing_if = "TieStatus::is_reported")]
    pub status: TieStatus,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "to_fit"
    )]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

impl Tie {
    /// A reported tie of `kind` among `participants` (entity ids), undated and without
    /// evidence yet.
    pub fn new(id: impl Into<String>, kind: TieKind, participants: &[&str]) -> Self {
        Self {
            id: id.into(),
            kind,
            participants: participants.iter().map(|&p| p.to_owned()).collect(),
            date: None,
            place: None,
            amount: None,
            summary: String::new(),
            status: TieStatus::default(),
            evidence: Vec::new(),
            attributes: Attributes::new(),
        }
    }

    /// Whether the tie joins one entity to itself (a company holding its own shares): it
    /// lists the same entity twice, and no other.
    pub fn is_self_loop(&self) -> bool {
        matches!(self.participants.as_slice(), [a, b] if a == b)
    }
}

/// A tie's participants from `ids`, each once in the order first given; ids that are all
/// the same entity give it twice, a self-loop. Readers, merges and edits that gather ends
/// from elsewhere go through this, so that they all make self-loops alike.
pub fn distinct_participants(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut participants: Vec<String> = Vec::new();
    let mut given = 0;
    for id in ids {
        given += 1;
        if !participants.contains(&id) {
            participants.push(id);
        }
    }
    if let [only] = participants.as_slice()
        && given > 1
    {
        participants.push(only.clone());
    }
    participants
}

/// One step of a map's story: a caption, what it highlights (the rest of the map fades),
/// and, if it says so, where the map looks and the date the timeline shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryStep {
    /// What the step tells, in Korean and English (or any language).
    pub caption: LocalizedText,
    /// Ids of the entities the step highlights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    /// Ids of the ties the step highlights; the entities they join stand out with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ties: Vec<String>,
    /// Where the map looks; `None` leaves the view as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<StoryView>,
    /// The date the timeline shows the map as of; `None` shows every date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
}

impl StoryStep {
    /// A step with only its caption: it highlights nothing, keeps the view and shows
    /// every date.
    pub fn new(caption: LocalizedText) -> Self {
        Self {
            caption,
            entities: Vec::new(),
            ties: Vec::new(),
            view: None,
            date: None,
        }
    }
}

/// Where the map looks in a story step: the point in the middle of the map, in layout
/// units (as entity positions are), and the zoom, in screen points per layout unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryView {
    #[serde(serialize_with = "whole_numbers_without_fraction")]
    pub x: f64,
    #[serde(serialize_with = "whole_numbers_without_fraction")]
    pub y: f64,
    pub zoom: f64,
}

impl Network {
    /// An empty network of the current format version.
    pub fn empty() -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            label_language: default_label_language(),
            ..Self::default()
        }
    }

    /// The entity with this id, by a scan of every entity: for one-off lookups (tests,
    /// the command line). The window and the explorers look ids up in the
    /// [`NetworkIndex`](crate::network::index::NetworkIndex).
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|entity| entity.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|group| group.id == id)
    }

    pub fn tie(&self, id: &str) -> Option<&Tie> {
        self.ties.iter().find(|tie| tie.id == id)
    }

    /// The groups some entity belongs to, with their index in `groups` (file order).
    pub fn groups_in_use(&self) -> Vec<(usize, &Group)> {
        let used: std::collections::HashSet<&str> = self
            .entities
            .iter()
            .filter_map(|e| e.group.as_deref())
            .collect();
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, group)| used.contains(group.id.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_open() {
        for url in [
            "https://www.inews24.com/view/1",
            "http://example.com",
            "HTTPS://X.KR",
        ] {
            assert!(is_web_address(url), "{url} should open");
        }
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "C:\\Windows\\System32\\calc.exe",
            "/usr/bin/xterm",
            "ftp://example.com/a",
            "mailto:a@b.c",
            "httpx://example.com",
            "",
        ] {
            assert!(!is_web_address(url), "{url} must not open");
        }
    }

    #[test]
    fn localized_falls_back_to_english_then_any() {
        let both = LocalizedText::from([
            ("ko".to_owned(), "이재용".to_owned()),
            ("en".to_owned(), "Lee Jae-yong".to_owned()),
        ]);
        assert_eq!(localized(&both, "ko"), Some("이재용"));
        assert_eq!(localized(&both, "en"), Some("Lee Jae-yong"));
        assert_eq!(localized(&both, "fr"), Some("Lee Jae-yong"));
        let korean_only = LocalizedText::from([("ko".to_owned(), "삼성".to_owned())]);
        assert_eq!(localized(&korean_only, "en"), Some("삼성"));
        assert_eq!(localized(&LocalizedText::new(), "en"), None);
    }

    #[test]
    fn participants_are_each_listed_once_or_one_twice_for_a_self_loop() {
        let ids = |list: &[&str]| distinct_participants(list.iter().map(|&id| id.to_owned()));
        assert_eq!(ids(&["a", "b", "a", "c"]), ["a", "b", "c"]);
        assert_eq!(ids(&["a", "a", "b"]), ["a", "b"]);
        assert_eq!(ids(&["a", "a"]), ["a", "a"]);
        assert_eq!(ids(&["a", "a", "a"]), ["a", "a"]);
        assert_eq!(ids(&["a"]), ["a"], "one end given stays one: not a loop");
        assert!(ids(&[]).is_empty());
        assert!(Tie::new("t", TieKind::Affiliate, &["a", "a"]).is_self_loop());
        assert!(!Tie::new("t", TieKind::Affiliate, &["a", "b"]).is_self_loop());
        assert!(!Tie::new("t", TieKind::Meeting, &["a", "a", "a"]).is_self_loop());
    }

    #[test]
    fn amounts_read_like_money() {
        let amount = Amount {
            value: 16_500_000_000.0,
            currency: "USD".to_owned(),
            text: Some("165억달러".to_owned()),
        };
        assert_eq!(amount.to_string(), "16,500,000,000 USD (165억달러)");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1234.5), "1,234.50");
    }

    #[test]
    fn a_tie_is_reported_unless_its_file_says_otherwise() {
        let reported: Tie =
            serde_json::from_str(r#"{"id": "t", "kind": "meeting", "participants": ["a", "b"]}"#)
                .expect("a tie without status");
        assert_eq!(reported.status, TieStatus::Reported);
        assert_eq!(reported, Tie::new("t", TieKind::Meeting, &["a", "b"]));
        // Reported is left out when writing, so files without statuses stay as they were.
        let written = serde_json::to_value(&reported).expect("encodes");
        assert_eq!(written.get("status"), None, "{written}");

        for status in TieStatus::ALL {
            let mut tie = Tie::new("t", TieKind::Contract, &["a", "b"]);
            tie.status = status;
            let written = serde_json::to_value(&tie).expect("encodes");
            if status != TieStatus::Reported {
                let name = status.label().to_lowercase();
                assert_eq!(written["status"], serde_json::Value::String(name));
            }
            let back: Tie = serde_json::from_value(written).expect("decodes");
            assert_eq!(back.status, status);
        }
    }

    #[test]
    fn a_story_step_writes_only_what_it_has() {
        let caption = LocalizedText::from([("en".to_owned(), "Start".to_owned())]);
        let bare = StoryStep::new(caption.clone());
        assert_eq!(
            serde_json::to_value(&bare).expect("encodes"),
            serde_json::json!({ "caption": { "en": "Start" } })
        );
        let full = StoryStep {
            caption,
            entities: vec!["a".to_owned()],
            ties: vec!["t".to_owned()],
            view: Some(StoryView {
                x: 12.0,
                y: -3.5,
                zoom: 0.75,
            }),
            date: "2025-10".parse().ok(),
        };
        let written = serde_json::to_string(&full).expect("encodes");
        assert_eq!(
            written,
            r#"{"caption":{"en":"Start"},"entities":["a"],"ties":["t"],"view":{"x":12,"y":-3.5,"zoom":0.75},"date":"2025-10"}"#
        );
        let back: StoryStep = serde_json::from_str(&written).expect("decodes");
        assert_eq!(back, full);

        // A network without a story writes no "story" field at all.
        let network = serde_json::to_value(Network::empty()).expect("encodes");
        assert_eq!(network.get("story"), None, "{network}");
    }
}
