//! The import report: what a foreign file mapped to, what was kept as attributes, and what
//! was dropped and why, with counts and the first few examples of each.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::network::diagnostic::{Diagnostic, count_text};

use super::Format;

/// How many examples the report keeps for each kind of finding.
pub const MAX_EXAMPLES: usize = 5;

/// Where something is in an imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A line and column of the text (XML, JSON syntax), both counted from 1, with the
    /// path of open elements where known (`graphml/graph/node`).
    Text {
        /// The line, from 1.
        line: usize,
        /// The column in characters, from 1.
        column: usize,
        /// The open elements, outermost first, for XML.
        element: Option<String>,
    },
    /// A line of a table (CSV), counted from 1.
    Line(usize),
    /// A path in a JSON document, such as `links[3].source`.
    Path(String),
    /// A row of a workbook's sheet, counted from 1 as the spreadsheet shows it.
    Row {
        /// The sheet's name.
        sheet: String,
        /// The row, from 1.
        row: usize,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text {
                line,
                column,
                element,
            } => {
                write!(f, "line {line}, column {column}")?;
                if let Some(element) = element {
                    write!(f, " (in {element})")?;
                }
                Ok(())
            }
            Self::Line(line) => write!(f, "line {line}"),
            Self::Path(path) => f.write_str(path),
            Self::Row { sheet, row } => write!(f, "sheet {sheet:?}, row {row}"),
        }
    }
}

/// A kind of thing the import noticed: something dropped, or kept in a changed form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Finding {
    /// A node without an id: nothing can refer to it. Dropped.
    MissingId,
    /// A node whose id an earlier node already has. The first is kept.
    DuplicateEntityId,
    /// An edge whose id an earlier edge already has. The first is kept.
    DuplicateTieId,
    /// An edge without a source or a target. Dropped.
    MissingEndpoint,
    /// An edge to a node the file does not have. Dropped; the rest opens.
    MissingNode,
    /// A position that is not two finite numbers. Dropped.
    UnreadablePosition,
    /// A value that was not understood (a date, a JSON field). Kept as an attribute, as text.
    UnreadableValue,
    /// Evidence citing a source the file does not describe. Dropped.
    EvidenceWithoutSource,
    /// A source or group described twice, differently. The first description is kept.
    ConflictingDefinition,
    /// The second value of an attribute on the same element (dynamic values over time,
    /// repeated columns). The first is kept.
    LaterValue,
    /// A time of day in a date: powermap dates stop at the day. The day is kept.
    TimeOfDay,
    /// Something the format can hold that powermap does not read (external references,
    /// graph-level data). Ignored.
    Ignored,
    /// A table cell that starts like a spreadsheet formula (`=`, `+`, `-`, `@`). Kept as
    /// plain text, never evaluated.
    FormulaCell,
    /// A table row with fewer cells than the header. Kept, the missing cells empty.
    ShortRow,
    /// A table row with more cells than the header (a delimiter too many, a quote not
    /// closed). Left out; the rest opens.
    LongRow,
    /// NUL and other control characters in an id or a value. Removed; the rest is kept.
    ControlCharacters,
    /// A number too large to hold (`1e999`). Dropped; the rest opens.
    OverflowingNumber,
    /// A compound node whose parent is itself, missing, or would close a cycle. That link
    /// is dropped; the node stays.
    BadParent,
}

impl Finding {
    /// What was found, as a heading for its count.
    pub fn description(self) -> &'static str {
        match self {
            Self::MissingId => "nodes without an id",
            Self::DuplicateEntityId => "nodes with an id an earlier node has",
            Self::DuplicateTieId => "edges with an id an earlier edge has",
            Self::MissingEndpoint => "edges without a source or a target",
            Self::MissingNode => "edges to nodes the file does not have",
            Self::UnreadablePosition => "positions that are not two finite numbers",
            Self::UnreadableValue => "values not understood",
            Self::EvidenceWithoutSource => "evidence items citing a source not in the file",
            Self::ConflictingDefinition => "sources or groups described twice, differently",
            Self::LaterValue => "repeated values of one attribute",
            Self::TimeOfDay => "times of day in dates",
            Self::Ignored => "parts of the file powermap does not read",
            Self::FormulaCell => "cells that look like spreadsheet formulas",
            Self::ShortRow => "rows with fewer cells than the header",
            Self::LongRow => "rows with more cells than the header",
            Self::ControlCharacters => "values with control characters (NUL and others)",
            Self::OverflowingNumber => "numbers too large to hold (such as 1e999)",
            Self::BadParent => "compound nodes whose parent is themselves, missing or a cycle",
        }
    }

    /// What became of it.
    pub fn outcome(self) -> &'static str {
        match self {
            Self::MissingId
            | Self::MissingEndpoint
            | Self::UnreadablePosition
            | Self::EvidenceWithoutSource => "dropped",
            Self::MissingNode | Self::OverflowingNumber => "dropped; the rest opens",
            Self::DuplicateEntityId | Self::DuplicateTieId => "dropped; the first is kept",
            Self::ConflictingDefinition | Self::LaterValue => "the first is kept",
            Self::UnreadableValue => "kept as attributes, as text",
            Self::TimeOfDay => "the day is kept",
            Self::Ignored => "ignored; nothing is fetched",
            Self::FormulaCell => "kept as plain text, never evaluated",
            Self::ShortRow => "kept; the missing cells are empty",
            Self::LongRow => "left out; the rest opens",
            Self::BadParent => "that link dropped; the node stays",
            Self::ControlCharacters => "the characters removed, the rest kept",
        }
    }
}

/// How many times a finding occurred, with the first few examples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Examples {
    /// How many times it occurred.
    pub count: usize,
    /// At most [`MAX_EXAMPLES`], in file order, each naming its place.
    pub examples: Vec<String>,
}

/// What was mapped onto powermap's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities in the network.
    pub entities: usize,
    /// Ties in the network.
    pub ties: usize,
    /// Entities named by the file (the others are named by their id).
    pub names: usize,
    /// Entities whose kind came from the file (the others are `other`).
    pub entity_kinds: usize,
    /// Ties whose kind came from the file (the others are `other`).
    pub tie_kinds: usize,
    /// Ties with a date.
    pub dates: usize,
    /// Entities with a position.
    pub positions: usize,
    /// Ties with evidence.
    pub evidence: usize,
    /// Edges folded into a tie among three or more entities that powermap exported as
    /// one edge per pair.
    pub merged_edges: usize,
}

/// What an import did, for the person who asked for it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// The file imported (for CSV, the edges table or the only table).
    pub file: PathBuf,
    /// The format it was read as.
    pub format: Format,
    /// The format's own version where it states one (`1.3` for GEXF 1.3).
    pub format_version: Option<String>,
    /// The text encoding detected: `UTF-8`, `UTF-16LE`, `EUC-KR`…
    pub encoding: String,
    /// CSV: the nodes table read beside the edges table, if any.
    pub nodes_table: Option<PathBuf>,
    /// What was mapped onto powermap's fields.
    pub counts: Counts,
    /// Attributes kept on entities: name → how many entities have it.
    pub entity_attributes: BTreeMap<String, usize>,
    /// Attributes kept on ties: name → how many ties have it.
    pub tie_attributes: BTreeMap<String, usize>,
    /// What was dropped or changed, and why, with examples.
    pub findings: BTreeMap<Finding, Examples>,
    /// Remarks on the file as a whole, in the order they were made.
    pub notes: Vec<String>,
    /// Warnings from powermap's own loader, for powermap JSON.
    pub warnings: Vec<Diagnostic>,
}

impl ImportReport {
    pub(crate) fn new(file: &Path, format: Format) -> Self {
        Self {
            file: file.to_owned(),
            format,
            format_version: None,
            encoding: "UTF-8".to_owned(),
            nodes_table: None,
            counts: Counts::default(),
            entity_attributes: BTreeMap::new(),
            tie_attributes: BTreeMap::new(),
            findings: BTreeMap::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Records one occurrence of `finding`; `example` is built only while examples are kept.
    pub(crate) fn record(&mut self, finding: Finding, example: impl FnOnce() -> String) {
        let entry = self.findings.entry(finding).or_default();
        entry.count += 1;
        if entry.examples.len() < MAX_EXAMPLES {
            entry.examples.push(example());
        }
    }

    /// Adds a remark on the file as a whole, once.
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// How many times `finding` occurred.
    pub fn count(&self, finding: Finding) -> usize {
        self.findings
            .get(&finding)
            .map_or(0, |examples| examples.count)
    }

    /// How many things were dropped or changed, every finding counted.
    pub fn dropped_or_changed(&self) -> usize {
        self.findings.values().map(|examples| examples.count).sum()
    }

    /// Ties that came without evidence: normal for files powermap did not write.
    pub fn ties_without_evidence(&self) -> usize {
        self.counts.ties - self.counts.evidence
    }
}

fn attribute_list(attributes: &BTreeMap<String, usize>) -> String {
    attributes
        .iter()
        .map(|(name, count)| format!("{name:?} ({count})"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.format)?;
        if let Some(version) = &self.format_version {
            write!(f, " {version}")?;
        }
        writeln!(f, ", {}", self.encoding)?;
        if let Some(nodes) = &self.nodes_table {
            writeln!(f, "  nodes table: {}", nodes.display())?;
        }
        let counts = &self.counts;
        writeln!(
            f,
            "  mapped {}: {} named, {} with a kind, {} with a position",
            count_text(counts.entities, "entity", "entities"),
            counts.names,
            counts.entity_kinds,
            counts.positions
        )?;
        write!(
            f,
            "  mapped {}: {} with a kind, {} dated, {} with evidence",
            count_text(counts.ties, "tie", "ties"),
            counts.tie_kinds,
            counts.dates,
            counts.evidence
        )?;
        if counts.merged_edges > 0 {
            write!(
                f,
                "; {} joined into ties among three or more",
                count_text(counts.merged_edges, "edge", "edges")
            )?;
        }
        writeln!(f)?;
        for (what, attributes) in [
            ("entity", &self.entity_attributes),
            ("tie", &self.tie_attributes),
        ] {
            if !attributes.is_empty() {
                writeln!(
                    f,
                    "  kept as {what} attributes: {}",
                    attribute_list(attributes)
                )?;
            }
        }
        for (finding, examples) in &self.findings {
            writeln!(
                f,
                "  {}: {} ({})",
                finding.description(),
                examples.count,
                finding.outcome()
            )?;
            for example in &examples.examples {
                writeln!(f, "    - {example}")?;
            }
            if examples.count > examples.examples.len() {
                writeln!(
                    f,
                    "    - … and {} more",
                    examples.count - examples.examples.len()
                )?;
            }
        }
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        for warning in &self.warnings {
            writeln!(f, "  {warning}")?;
        }
        let without = self.ties_without_evidence();
        if without > 0 && self.format != Format::Powermap {
            writeln!(
                f,
                "  {} no evidence: {} files carry none unless powermap wrote them, \
                 so this is normal; add evidence in powermap's own format",
                count_text(without, "tie has", "ties have"),
                self.format
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_counts_beyond_the_examples() {
        let mut report = ImportReport::new(Path::new("x.gexf"), Format::Gexf);
        for i in 0..(MAX_EXAMPLES + 3) {
            report.record(Finding::MissingEndpoint, || format!("edge {i}"));
        }
        let missing = &report.findings[&Finding::MissingEndpoint];
        assert_eq!(missing.count, MAX_EXAMPLES + 3);
        assert_eq!(missing.examples.len(), MAX_EXAMPLES);
        assert_eq!(missing.examples[0], "edge 0");
        assert_eq!(report.count(Finding::MissingEndpoint), MAX_EXAMPLES + 3);
        assert_eq!(report.count(Finding::MissingNode), 0);
        report.record(Finding::MissingNode, || "edge x".to_owned());
        assert_eq!(report.dropped_or_changed(), MAX_EXAMPLES + 4);
        let text = report.to_string();
        assert!(text.contains("and 3 more"), "{text}");
    }

    #[test]
    fn says_once_that_ties_lack_evidence() {
        let mut report = ImportReport::new(Path::new("x.graphml"), Format::GraphMl);
        report.counts.ties = 4;
        report.counts.evidence = 1;
        report.note("a note");
        report.note("a note");
        let text = report.to_string();
        assert_eq!(text.matches("no evidence").count(), 1, "{text}");
        assert!(text.contains("3 ties have no evidence"), "{text}");
        assert_eq!(text.matches("a note").count(), 1, "{text}");
    }

    #[test]
    fn places_read_naturally() {
        let place = Place::Text {
            line: 3,
            column: 7,
            element: Some("gexf/graph".to_owned()),
        };
        assert_eq!(place.to_string(), "line 3, column 7 (in gexf/graph)");
        assert_eq!(Place::Line(4).to_string(), "line 4");
        assert_eq!(Place::Path("links[2]".into()).to_string(), "links[2]");
        let row = Place::Row {
            sheet: "관계".into(),
            row: 3,
        };
        assert_eq!(row.to_string(), "sheet \"관계\", row 3");
    }
}
