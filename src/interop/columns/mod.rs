//! Tables of ties with any headers (CSV and TSV files, the sheets of a workbook): which
//! column is which, recognised from the header's words in English, Korean and German or
//! given as a [`ColumnMapping`], and the rows made into the edges (and an entities sheet's
//! rows into the nodes) of a [`RawGraph`].
//!
//! Recognised columns are renamed to what the shared mapping reads (`관계` → `kind`,
//! `Datum` → `date`, a label → `summary`), amounts become powermap amounts where they
//! name a currency, and an evidence URL becomes the tie's evidence, with the page as its
//! source. Every other column stays an attribute under its own header.

mod values;
mod words;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ImportError;
use super::mapping::{RawEdge, RawGraph, RawNode, TIE_KIND_NAMES};
use super::report::{Finding, ImportReport, Place};
use crate::network::model::is_web_address;

pub use words::Role;
use words::{
    CURRENCY_WORDS, ENTITY_KIND_WORDS, ENTITY_SHEET_WORDS, ID_WORDS, NAME_WORDS, SHARE_WORDS,
    TIE_SHEET_WORDS, is_one_of, mentions,
};

/// How many rows the column-mapping dialog and the error show.
pub const PREVIEW_ROWS: usize = 5;

/// Which column of a table of ties holds what, by header. A role left `None` is recognised
/// by its header's words when exactly one column has them; the columns no role takes stay
/// attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnMapping {
    /// The column of one end of each tie.
    pub source: Option<String>,
    /// The column of the other end.
    pub target: Option<String>,
    /// The tie's kind, or what the table calls the relationship.
    pub kind: Option<String>,
    /// When it happened.
    pub date: Option<String>,
    /// A few words on the tie: its summary.
    pub label: Option<String>,
    /// Money, with its currency.
    pub amount: Option<String>,
    /// The address of the page that shows the tie.
    pub url: Option<String>,
}

impl ColumnMapping {
    /// The column given for `role`.
    pub fn get(&self, role: Role) -> Option<&str> {
        match role {
            Role::Source => &self.source,
            Role::Target => &self.target,
            Role::Kind => &self.kind,
            Role::Date => &self.date,
            Role::Label => &self.label,
            Role::Amount => &self.amount,
            Role::Url => &self.url,
        }
        .as_deref()
    }

    /// Gives `role` the column `header` (`None`: recognise it).
    pub fn set(&mut self, role: Role, header: Option<String>) {
        *match role {
            Role::Source => &mut self.source,
            Role::Target => &mut self.target,
            Role::Kind => &mut self.kind,
            Role::Date => &mut self.date,
            Role::Label => &mut self.label,
            Role::Amount => &mut self.amount,
            Role::Url => &mut self.url,
        } = header;
    }

    /// Whether no column is given.
    pub fn is_empty(&self) -> bool {
        Role::ALL.iter().all(|role| self.get(*role).is_none())
    }

    /// The columns `headers` give each role: those given, else those recognised. This is
    /// what the column-mapping dialog starts from.
    pub fn recognised(headers: &[String]) -> Self {
        let mut mapping = Self::default();
        if let Ok(columns) = Columns::partial(headers, &Self::default()) {
            for role in Role::ALL {
                mapping.set(role, columns.index(role).map(|i| headers[i].clone()));
            }
        }
        mapping
    }
}

/// Which sheets of a workbook hold the ties and the entities, where their names and
/// headers do not say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetChoice {
    /// The sheet of ties, by name; `None`: the first named like ties (`Ties`, `관계`),
    /// else the first whose header names both ends, else the first.
    pub ties: Option<String>,
    /// The sheet of entities.
    pub entities: EntitiesSheet,
}

/// Where a workbook's entities are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum EntitiesSheet {
    /// In the sheet named like entities (`People`, `인물`, `Personen`), if one is.
    #[default]
    ByName,
    /// In no sheet: the entities are those the ties name.
    Without,
    /// In this sheet.
    Named(String),
}

/// The first rows of a table whose ends could not be told, for the column-mapping dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TablePreview {
    /// The sheet, in a workbook.
    pub sheet: Option<String>,
    /// The header row.
    pub headers: Vec<String>,
    /// Up to [`PREVIEW_ROWS`] rows after it, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

/// A table as a reader found it: a header row and the rows under it, each at its place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sheet {
    /// The sheet's name, in a workbook.
    pub name: Option<String>,
    pub headers: Vec<String>,
    /// Rows as long as the header (readers pad or drop the others, and report them).
    pub rows: Vec<(Vec<String>, Place)>,
    /// Where the header is.
    pub header_place: Place,
}

impl Sheet {
    /// The first rows, for the dialog.
    pub fn preview(&self) -> TablePreview {
        TablePreview {
            sheet: self.name.clone(),
            headers: self.headers.clone(),
            rows: (self.rows.iter().take(PREVIEW_ROWS))
                .map(|(cells, _)| cells.clone())
                .collect(),
        }
    }
}

/// The column index of each role in one table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Columns {
    indexes: [Option<usize>; 7],
    currency: Option<usize>,
    share: Option<usize>,
    id: Option<usize>,
}

fn role_slot(role: Role) -> usize {
    Role::ALL
        .iter()
        .position(|r| *r == role)
        .unwrap_or_default()
}

/// The only column whose header is one of `words`, among those not taken.
fn only_column(headers: &[String], words: &[&str], taken: &HashSet<usize>) -> Option<usize> {
    let mut matching = (headers.iter().enumerate())
        .filter(|(i, header)| !taken.contains(i) && is_one_of(header, words))
        .map(|(i, _)| i);
    let first = matching.next()?;
    matching.next().is_none().then_some(first)
}

/// `"a", "b", "c"`: headers as messages list them.
pub(crate) fn header_list(headers: &[String]) -> String {
    headers
        .iter()
        .map(|header| format!("{header:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Columns {
    fn index(&self, role: Role) -> Option<usize> {
        self.indexes[role_slot(role)]
    }

    /// The columns of every role, given or recognised; `Err` names a given column the
    /// header does not have, or says the ends are not known.
    fn partial(headers: &[String], given: &ColumnMapping) -> Result<Self, String> {
        let mut columns = Self::default();
        let mut taken = HashSet::new();
        for role in Role::ALL {
            if let Some(name) = given.get(role) {
                let i = (headers.iter())
                    .position(|header| header.trim().eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        format!(
                            "there is no column {name:?} for the {}; the header has {}",
                            role.label().to_lowercase(),
                            header_list(headers)
                        )
                    })?;
                columns.indexes[role_slot(role)] = Some(i);
                taken.insert(i);
            }
        }
        for role in Role::ALL {
            if columns.index(role).is_none()
                && let Some(i) = only_column(headers, role.words(), &taken)
            {
                columns.indexes[role_slot(role)] = Some(i);
                taken.insert(i);
            }
        }
        columns.currency = only_column(headers, CURRENCY_WORDS, &taken);
        columns.share = only_column(headers, SHARE_WORDS, &taken);
        columns.id = only_column(headers, &["id"], &taken);
        Ok(columns)
    }

    /// Whether the header's words name both ends, so that the table is surely one of ties.
    pub(crate) fn recognises_ends(headers: &[String]) -> bool {
        Self::partial(headers, &ColumnMapping::default()).is_ok_and(|columns| {
            columns.index(Role::Source).is_some() && columns.index(Role::Target).is_some()
        })
    }
}

/// The name the shared mapping reads a role's column under.
fn mapped_name(role: Role, header: &str) -> String {
    match role {
        // `type`, `relationship` and the like are read as kinds already, and Gephi's `Type`
        // (a direction) must keep its name.
        Role::Kind
            if TIE_KIND_NAMES
                .iter()
                .any(|name| name.eq_ignore_ascii_case(header.trim())) =>
        {
            header.trim().to_owned()
        }
        Role::Kind => "kind".to_owned(),
        Role::Date => "date".to_owned(),
        Role::Label => "summary".to_owned(),
        Role::Source | Role::Target | Role::Amount | Role::Url => header.to_owned(),
    }
}

/// Reads a table of ties into `graph`'s edges, with `given` columns (the others
/// recognised). A table whose ends are not known is an [`ImportError::UnknownColumns`]
/// carrying its first rows, so that the person can say.
pub(crate) fn read_ties(
    sheet: &Sheet,
    given: &ColumnMapping,
    file: &Path,
    graph: &mut RawGraph,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let columns = Columns::partial(&sheet.headers, given)
        .map_err(|message| malformed(file, sheet, message))?;
    let (Some(source), Some(target)) = (columns.index(Role::Source), columns.index(Role::Target))
    else {
        return Err(ImportError::UnknownColumns {
            file: file.to_owned(),
            table: Box::new(sheet.preview()),
            sheets: Vec::new(),
            entities_sheet: None,
        });
    };
    // Columns read into fields; the others stay attributes.
    let taken: HashSet<usize> = Role::ALL
        .iter()
        .filter_map(|role| columns.index(*role))
        .chain(
            columns
                .currency
                .filter(|_| columns.index(Role::Amount).is_some()),
        )
        .chain(columns.id)
        .collect();
    let mut sources: HashMap<String, String> = HashMap::new();
    let mut without_currency = 0usize;
    for (cells, place) in &sheet.rows {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map_or("", |c| c.trim());
        let mut attributes = Vec::new();
        for role in [Role::Kind, Role::Date, Role::Label] {
            if let Some(i) = columns.index(role) {
                let value = cell(Some(i));
                let value = match role {
                    Role::Date => values::iso_date(value).unwrap_or_else(|| value.to_owned()),
                    _ => value.to_owned(),
                };
                attributes.push((mapped_name(role, &sheet.headers[i]), value));
            }
        }
        if columns.index(Role::Kind).is_none() && !cell(columns.share).is_empty() {
            // A share of the other: an ownership, which powermap calls an affiliate.
            attributes.push(("kind".to_owned(), "affiliate".to_owned()));
        }
        if let Some(i) = columns.index(Role::Amount) {
            let text = cell(Some(i));
            match values::amount(text, Some(cell(columns.currency)).filter(|c| !c.is_empty())) {
                Some(amount) => attributes.push((
                    "amount".to_owned(),
                    serde_json::to_string(&amount).unwrap_or_default(),
                )),
                None if text.is_empty() => {}
                None => {
                    without_currency += 1;
                    attributes.push((sheet.headers[i].clone(), text.to_owned()));
                }
            }
        }
        if let Some(i) = columns.index(Role::Url) {
            let url = cell(Some(i));
            if is_web_address(url) {
                let count = sources.len();
                let id = sources
                    .entry(url.to_owned())
                    .or_insert_with(|| format!("link-{}", count + 1))
                    .clone();
                let host = url.split('/').nth(2).unwrap_or(url).to_owned();
                let quote = [Role::Label, Role::Kind]
                    .iter()
                    .map(|role| cell(columns.index(*role)))
                    .find(|text| !text.is_empty())
                    .unwrap_or(url);
                let source = serde_json::json!([{
                    "id": id, "outlet": { "en": host }, "title": url, "url": url,
                }]);
                let evidence = serde_json::json!([{ "source": id, "quote": quote }]);
                attributes.push(("sources".to_owned(), source.to_string()));
                attributes.push(("evidence".to_owned(), evidence.to_string()));
            } else if !url.is_empty() {
                report.record(Finding::UnreadableValue, || {
                    format!("{place}: {url:?} is not a web address (http or https)")
                });
                attributes.push((sheet.headers[i].clone(), url.to_owned()));
            }
        }
        for (i, (header, value)) in sheet.headers.iter().zip(cells).enumerate() {
            if !taken.contains(&i) {
                attributes.push((header.clone(), value.trim().to_owned()));
            }
        }
        graph.push_edge(
            RawEdge {
                id: Some(cell(columns.id).to_owned()).filter(|id| !id.is_empty()),
                endpoints: vec![cell(Some(source)).to_owned(), cell(Some(target)).to_owned()],
                attributes,
                place: place.clone(),
            },
            file,
        )?;
    }
    if without_currency > 0 {
        report.note(format!(
            "{without_currency} amounts name no currency and stay attributes: write \
             \"5000 USD\" or \"$5,000\", or add a currency column"
        ));
    }
    Ok(())
}

fn malformed(file: &Path, sheet: &Sheet, message: String) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: sheet.header_place.clone(),
        message,
    }
}

/// Reads an entities sheet into `graph`'s nodes: an id column (else the name is the id),
/// a name and a kind, recognised by their headers, and the other columns as attributes.
/// Returns `false`, reading nothing, when it has neither an id nor a name column.
pub(crate) fn read_entities(
    sheet: &Sheet,
    file: &Path,
    graph: &mut RawGraph,
) -> Result<bool, ImportError> {
    let none = HashSet::new();
    let id = only_column(&sheet.headers, ID_WORDS, &none);
    let name = only_column(&sheet.headers, NAME_WORDS, &none);
    let kind = only_column(&sheet.headers, ENTITY_KIND_WORDS, &none);
    let Some(key) = id.or(name) else {
        return Ok(false);
    };
    for (cells, place) in &sheet.rows {
        let mut attributes = Vec::new();
        for (i, (header, value)) in sheet.headers.iter().zip(cells).enumerate() {
            let header = if Some(i) == id {
                continue;
            } else if Some(i) == name && !is_one_of(header, &["name", "label"]) {
                "name".to_owned()
            } else if Some(i) == kind && !is_one_of(header, &["kind", "type", "category"]) {
                "kind".to_owned()
            } else {
                header.clone()
            };
            attributes.push((header, value.trim().to_owned()));
        }
        let id = cells.get(key).map_or("", |c| c.trim()).to_owned();
        if id.is_empty() && cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        graph.push_node(
            RawNode {
                id,
                attributes,
                position: None,
                place: place.clone(),
            },
            file,
        )?;
    }
    Ok(true)
}

/// Makes the ends of ties name entities by id: an end that is no node's id but is one
/// node's name (as an entities sheet with ids gives them) becomes that node's id.
pub(crate) fn ends_by_name(graph: &mut RawGraph) {
    let ids: HashSet<String> = graph.nodes.iter().map(|node| node.id.clone()).collect();
    let mut names: HashMap<String, Option<String>> = HashMap::new();
    for node in &graph.nodes {
        for (key, value) in &node.attributes {
            if is_one_of(key, &["name", "label"]) && !value.trim().is_empty() {
                names
                    .entry(value.trim().to_lowercase())
                    .and_modify(|id| *id = None)
                    .or_insert_with(|| Some(node.id.clone()));
            }
        }
    }
    for edge in &mut graph.edges {
        for end in &mut edge.endpoints {
            if !ids.contains(end.trim())
                && let Some(Some(id)) = names.get(&end.trim().to_lowercase())
            {
                *end = id.clone();
            }
        }
    }
}

/// Which sheet of a workbook holds the ties and which (if any) the entities, when the
/// person has not said: for the ties, the first named like ties (`Ties`, `관계`,
/// `Beziehungen`), else the first whose header names both ends (`names_ends`, by sheet),
/// else the first that is not named like entities; for the entities, the first named like
/// entities (`People`, `인물`, `Personen`).
pub(crate) fn choose_sheets(names: &[String], names_ends: &[bool]) -> (usize, Option<usize>) {
    // Kumu's convention: a sheet named "… (ignore)" is not to be read.
    let read = |i: &usize| !names[*i].to_lowercase().contains("(ignore)");
    let named = |words: &[&str], not: &[&str]| {
        (0..names.len())
            .filter(read)
            .find(|i| mentions(&names[*i], words) && !mentions(&names[*i], not))
    };
    let entities = named(ENTITY_SHEET_WORDS, TIE_SHEET_WORDS);
    let ties = named(TIE_SHEET_WORDS, &[])
        .or_else(|| {
            (0..names.len())
                .filter(read)
                .find(|i| Some(*i) != entities && names_ends[*i])
        })
        .or_else(|| (0..names.len()).filter(read).find(|i| Some(*i) != entities))
        .unwrap_or_default();
    (ties, entities.filter(|entities| *entities != ties))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    fn sheet(names: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: None,
            headers: headers(names),
            rows: (rows.iter().enumerate())
                .map(|(i, row)| {
                    (
                        row.iter().map(|cell| (*cell).to_owned()).collect(),
                        Place::Line(i + 2),
                    )
                })
                .collect(),
            header_place: Place::Line(1),
        }
    }

    fn read(sheet: &Sheet, given: &ColumnMapping) -> Result<RawGraph, ImportError> {
        let mut graph = RawGraph::default();
        let mut report = ImportReport::new(Path::new("t.csv"), Format::Csv);
        read_ties(sheet, given, Path::new("t.csv"), &mut graph, &mut report)?;
        Ok(graph)
    }

    #[test]
    fn ends_are_recognised_only_when_unambiguous() {
        assert!(Columns::recognises_ends(&headers(&[
            "From",
            "To",
            "Relationship"
        ])));
        assert!(Columns::recognises_ends(&headers(&[
            "보낸 사람",
            "받는 사람"
        ])));
        assert!(Columns::recognises_ends(&headers(&[
            "Gesellschafter",
            "Beteiligung",
            "Anteil"
        ])));
        assert!(!Columns::recognises_ends(&headers(&[
            "From", "Source", "To"
        ])));
        assert!(!Columns::recognises_ends(&headers(&["Person", "Company"])));
    }

    #[test]
    fn roles_are_renamed_for_the_mapping() {
        let table = sheet(
            &["주체", "대상", "관계", "날짜", "금액", "출처", "비고"],
            &[&[
                "이재용",
                "삼성전자",
                "회동",
                "2025.03.04",
                "165억달러",
                "https://a.kr/1",
                "x",
            ]],
        );
        let graph = read(&table, &ColumnMapping::default()).expect("reads");
        let edge = &graph.edges[0];
        assert_eq!(edge.endpoints, vec!["이재용", "삼성전자"]);
        let get = |name: &str| {
            (edge.attributes.iter())
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        assert_eq!(get("kind"), Some("회동"));
        assert_eq!(get("date"), Some("2025-03-04"));
        assert_eq!(get("summary"), Some("x"));
        assert!(get("amount").is_some_and(|json| json.contains("\"USD\"")));
        assert!(get("evidence").is_some_and(|json| json.contains("\"quote\":\"x\"")));
    }

    #[test]
    fn unknown_headers_carry_a_preview_and_given_ones_are_used() {
        let table = sheet(&["Person", "Company", "When"], &[&["Ada", "Acme", "2024"]]);
        match read(&table, &ColumnMapping::default()) {
            Err(ImportError::UnknownColumns { table, .. }) => {
                assert_eq!(table.headers, headers(&["Person", "Company", "When"]));
                assert_eq!(table.rows, vec![headers(&["Ada", "Acme", "2024"])]);
            }
            other => panic!("expected unknown columns, got {other:?}"),
        }
        let given = ColumnMapping {
            source: Some("person".to_owned()),
            target: Some("Company".to_owned()),
            ..ColumnMapping::default()
        };
        let graph = read(&table, &given).expect("reads with the mapping");
        assert_eq!(graph.edges[0].endpoints, vec!["Ada", "Acme"]);
        assert!(
            graph.edges[0]
                .attributes
                .contains(&("date".to_owned(), "2024".to_owned()))
        );
        let wrong = ColumnMapping {
            source: Some("Nobody".to_owned()),
            target: Some("Company".to_owned()),
            ..ColumnMapping::default()
        };
        let error = read(&table, &wrong)
            .expect_err("no such column")
            .to_string();
        assert!(
            error.contains("\"Nobody\"") && error.contains("\"Person\""),
            "{error}"
        );
    }

    #[test]
    fn the_dialog_starts_from_what_is_recognised() {
        let mapping = ColumnMapping::recognised(&headers(&["Person", "Company", "Datum"]));
        assert_eq!(mapping.date.as_deref(), Some("Datum"));
        assert_eq!(mapping.source, None);
    }

    #[test]
    fn sheets_are_chosen_by_name_then_by_header() {
        let by_name = |list: &[&str]| choose_sheets(&headers(list), &vec![false; list.len()]);
        assert_eq!(by_name(&["People", "Ties"]), (1, Some(0)));
        assert_eq!(by_name(&["인물", "관계"]), (1, Some(0)));
        assert_eq!(by_name(&["Sheet1", "Sheet2"]), (0, None));
        assert_eq!(by_name(&["Personen", "Daten"]), (1, Some(0)));
        assert_eq!(by_name(&["Only"]), (0, None));
        // Names that say nothing: the sheet whose header names both ends.
        let names = headers(&["Sheet1", "Sheet2", "Sheet3"]);
        assert_eq!(choose_sheets(&names, &[false, true, true]), (1, None));
        // A name still wins over a header.
        let names = headers(&["Notes", "Beziehungen"]);
        assert_eq!(choose_sheets(&names, &[true, false]), (1, None));
        // Kumu's "Elements" and "Connections"; a sheet named "(ignore)" is not read.
        let names = headers(&["Connections (ignore)", "Elements", "Connections"]);
        assert_eq!(choose_sheets(&names, &[true, false, true]), (2, Some(1)));
        let names = headers(&["Notes (ignore)", "Sheet2"]);
        assert_eq!(choose_sheets(&names, &[false, false]), (1, None));
        // The entities sheet is never the ties sheet, whatever its header.
        let names = headers(&["People", "Sheet2"]);
        assert_eq!(choose_sheets(&names, &[true, false]), (1, Some(0)));
    }
}
