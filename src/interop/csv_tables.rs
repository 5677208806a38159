//! CSV tables as Gephi's spreadsheet import takes them: a nodes table (`Id`, `Label`, …)
//! and an edges table (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, …), with the
//! delimiter (`,` `;` tab) detected. Other columns become attributes. Cells that start
//! like spreadsheet formulas are kept as plain text and reported, never evaluated.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::mapping::{self, RawEdge, RawGraph, RawNode, parse_number};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{Finding, ImportReport, Place};
use super::{Format, ImportError, text};
use crate::network::load::read_bounded;
use crate::network::model::Network;

/// Which of Gephi's two tables a CSV file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Nodes,
    Edges,
}

/// The delimiter used most often outside quotes in the header line.
fn delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in text.bytes().take_while(|byte| *byte != b'\n') {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
            count.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .filter(|(_, count)| *count > 0)
        .map_or(b',', |(delimiter, _)| *delimiter)
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes())
}

fn column(headers: &[String], name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|header| header.eq_ignore_ascii_case(name))
}

fn kind_of(headers: &[String]) -> Option<Table> {
    if column(headers, "source").is_some() && column(headers, "target").is_some() {
        Some(Table::Edges)
    } else if column(headers, "id").is_some() {
        Some(Table::Nodes)
    } else {
        None
    }
}

fn header_names(record: &csv::StringRecord) -> Vec<String> {
    record
        .iter()
        .map(|name| name.trim_start_matches('\u{FEFF}').trim().to_owned())
        .collect()
}

/// Which table a CSV text is, judging by its header row.
pub(crate) fn table_kind(text: &str) -> Option<Table> {
    let text = text.trim_start_matches('\u{FEFF}');
    let header = text.lines().next()?;
    let headers = reader(header).headers().ok().map(header_names)?;
    (headers.len() > 1 || headers.iter().any(|h| h.eq_ignore_ascii_case("id")))
        .then(|| kind_of(&headers))
        .flatten()
}

/// Line numbers of records, counted forward as the reader moves. The csv crate's own line
/// count is one short for `\r\n` files, whose records it starts at the `\n`; counting the
/// line breaks up to and including a record's first byte is right for both.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, position: Option<&csv::Position>) -> usize {
        let byte = position.map_or(0, |position| usize::try_from(position.byte()).unwrap_or(0));
        let end = byte.saturating_add(1).min(self.text.len());
        if end > self.offset {
            self.line += self.text[self.offset..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.offset = end;
        }
        self.line
    }
}

/// Whether a cell starts like a spreadsheet formula (and is not simply a negative number).
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@']) && parse_number(cell).is_none()
}

/// Reads one table into `graph`, checking it is the table `expected` when given.
pub(crate) fn read_table(
    text: &str,
    file: &Path,
    expected: Option<Table>,
    graph: &mut RawGraph,
    report: &mut ImportReport,
) -> Result<Table, ImportError> {
    let text = text.trim_start_matches('\u{FEFF}');
    let malformed = |place: Place, message: String| ImportError::Malformed {
        file: file.to_owned(),
        place,
        message,
    };
    let mut reader = reader(text);
    let headers = header_names(
        reader
            .headers()
            .map_err(|err| malformed(Place::Line(1), err.to_string()))?,
    );
    let table = kind_of(&headers).ok_or_else(|| {
        malformed(
            Place::Line(1),
            format!(
                "the header ({}) has neither an Id column (a nodes table) nor Source and \
                 Target columns (an edges table)",
                headers.join(", ")
            ),
        )
    })?;
    if let Some(expected) = expected
        && expected != table
    {
        return Err(malformed(
            Place::Line(1),
            match expected {
                Table::Nodes => "this is not a nodes table: its header has no Id column".to_owned(),
                Table::Edges => {
                    "this is not an edges table: its header has no Source and Target columns"
                        .to_owned()
                }
            },
        ));
    }
    let delimiter = char::from(delimiter(text));
    let separator = match delimiter {
        ';' => Some("semicolons"),
        '\t' => Some("tabs"),
        _ => None,
    };
    if let Some(separator) = separator {
        let name = file
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        report.note(format!("{name}: cells are separated by {separator}"));
    }
    // Gephi's `X` and `Y` columns, whose y axis points up.
    graph.y_axis_up = true;
    let id = column(&headers, "id");
    let source = column(&headers, "source");
    let target = column(&headers, "target");
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: 1,
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                let line = lines.at(err.position());
                let message = match err.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "this row has {len} cells but the header has {expected_len}: a \
                         missing or extra {delimiter:?}, or a quote not closed"
                    ),
                    _ => err.to_string(),
                };
                return Err(malformed(Place::Line(line), message));
            }
        }
        let line = lines.at(record.position());
        let place = Place::Line(line);
        let mut attributes = Vec::new();
        for (i, (header, cell)) in headers.iter().zip(record.iter()).enumerate() {
            let cell = cell.trim();
            if looks_like_formula(cell) {
                report.record(Finding::FormulaCell, || {
                    format!("line {line}, column {header:?}: {cell:?}")
                });
            }
            if Some(i) != id && Some(i) != source && Some(i) != target {
                attributes.push((header.clone(), cell.to_owned()));
            }
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|cell| cell.trim().to_owned())
                .unwrap_or_default()
        };
        match table {
            Table::Nodes => graph.push_node(
                RawNode {
                    id: cell(id),
                    attributes,
                    position: None,
                    place,
                },
                file,
            )?,
            Table::Edges => graph.push_edge(
                RawEdge {
                    id: Some(cell(id)).filter(|id| !id.is_empty()),
                    endpoints: vec![cell(source), cell(target)],
                    attributes,
                    place,
                },
                file,
            )?,
        }
    }
    Ok(table)
}

/// Makes one node for each Source and Target, in the order they first appear.
pub(crate) fn nodes_from_edges(graph: &mut RawGraph, file: &Path) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    let mut nodes = Vec::new();
    for edge in &graph.edges {
        for end in &edge.endpoints {
            let end = end.trim();
            if !end.is_empty() && seen.insert(end.to_owned()) {
                nodes.push(RawNode {
                    id: end.to_owned(),
                    attributes: Vec::new(),
                    position: None,
                    place: edge.place.clone(),
                });
            }
        }
    }
    for node in nodes {
        graph.push_node(node, file)?;
    }
    Ok(())
}

/// Replaces `from` by `to` in `name` once, matching case-insensitively and keeping the
/// case of the original (`Edges` → `Nodes`, `EDGES` → `NODES`).
fn swap_word(name: &str, from: &str, to: &str) -> Option<String> {
    let at = name.to_ascii_lowercase().find(from)?;
    let original = &name[at..at + from.len()];
    let replacement: String = if original.chars().all(|c| c.is_uppercase()) {
        to.to_uppercase()
    } else if original.starts_with(char::is_uppercase) {
        let mut chars = to.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        to.to_owned()
    };
    Some(format!(
        "{}{replacement}{}",
        &name[..at],
        &name[at + from.len()..]
    ))
}

/// The other table beside `path`, named as Gephi names them: the same name with `nodes`
/// for `edges` (or the reverse), else the only other CSV in the folder with that word.
pub(crate) fn sibling(path: &Path, table: Table) -> Option<PathBuf> {
    let (mine, theirs) = match table {
        Table::Edges => ("edges", "nodes"),
        Table::Nodes => ("nodes", "edges"),
    };
    let name = path.file_name()?.to_string_lossy().into_owned();
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Some(other) = swap_word(&name, mine, theirs).map(|other| folder.join(other))
        && other.is_file()
    {
        return Some(other);
    }
    if !name.to_ascii_lowercase().contains(mine) {
        return None;
    }
    let mut candidates = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|candidate| {
            candidate.is_file()
                && candidate.file_name().is_some_and(|other| {
                    let other = other.to_string_lossy().to_lowercase();
                    other.contains(theirs) && other.ends_with(".csv")
                })
        });
    let only = candidates.next()?;
    candidates.next().is_none().then_some(only)
}

/// Reads Gephi's two tables, the nodes table optional, into a network; the report names
/// the edges table as the file.
pub(crate) fn read_tables(
    nodes: Option<&Path>,
    edges: &Path,
    report: &mut ImportReport,
) -> Result<Network, ImportError> {
    report.file = edges.to_owned();
    let mut raw = RawGraph::default();
    let mut encodings = Vec::new();
    if let Some(nodes) = nodes {
        encodings.push(read_table_file(nodes, Table::Nodes, &mut raw, report)?);
        report.nodes_table = Some(nodes.to_owned());
    }
    encodings.push(read_table_file(edges, Table::Edges, &mut raw, report)?);
    if nodes.is_none() {
        nodes_from_edges(&mut raw, edges)?;
    }
    encodings.dedup();
    report.encoding = encodings.join(" (nodes), ");
    if encodings.len() > 1 {
        report.encoding.push_str(" (edges)");
    }
    mapping::build(raw, edges, report)
}

/// Reads the CSV file at `path` as the `table` of a network into `raw`; returns the
/// encoding it was in.
fn read_table_file(
    path: &Path,
    table: Table,
    raw: &mut RawGraph,
    report: &mut ImportReport,
) -> Result<&'static str, ImportError> {
    let bytes = read_bounded(path)?;
    let decoded = text::decode(&bytes, path)?;
    read_table(&decoded.text, path, Some(table), raw, report)?;
    Ok(decoded.encoding)
}

/// CSV and TSV tables.
pub(crate) struct CsvReader;

impl Reader for CsvReader {
    fn format(&self) -> Format {
        Format::Csv
    }

    fn describe(&self) -> &'static str {
        "CSV tables (a header with Id, or with Source and Target)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".csv", ".tsv"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        table_kind(probe.text()).map(|_| Fit::Likely)
    }

    /// Reads the table, and the other one beside it when the file is on disk.
    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        let table = table_kind(input.text);
        let other = input
            .on_disk
            .then(|| table.and_then(|table| sibling(input.file, table)))
            .flatten();
        let network = match (table, &other) {
            (Some(Table::Edges), Some(nodes)) => read_tables(Some(nodes), input.file, report)?,
            (Some(Table::Nodes), Some(edges)) => read_tables(Some(input.file), edges, report)?,
            _ => {
                let mut raw = RawGraph::default();
                if read_table(input.text, input.file, None, &mut raw, report)? == Table::Edges {
                    nodes_from_edges(&mut raw, input.file)?;
                }
                report.note(match table {
                    Some(Table::Edges) => {
                        "no nodes table found beside it (a CSV named like it with \"nodes\" \
                         for \"edges\"): the entities were made from Source and Target"
                    }
                    _ => "no edges table found beside it: the network has no ties",
                });
                mapping::build(raw, input.file, report)?
            }
        };
        if let Some(other) = other {
            report.note(format!(
                "found the other table beside it: {}",
                other.display()
            ));
        }
        Ok(network)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn read(text: &str) -> Result<(RawGraph, ImportReport), ImportError> {
        let mut graph = RawGraph::default();
        let mut report = ImportReport::new(Path::new("t.csv"), Format::Csv);
        read_table(text, Path::new("t.csv"), None, &mut graph, &mut report)?;
        Ok((graph, report))
    }

    #[test]
    fn detects_delimiters_outside_quotes() {
        assert_eq!(delimiter("Id;Label;\"a,b,c\"\n"), b';');
        assert_eq!(delimiter("Id\tLabel\n"), b'\t');
        assert_eq!(delimiter("Id,Label\n"), b',');
        assert_eq!(delimiter("Id\n"), b',');
    }

    #[test]
    fn tells_tables_apart_by_their_header() {
        assert_eq!(table_kind("Id,Label\n"), Some(Table::Nodes));
        assert_eq!(table_kind("id\n1\n"), Some(Table::Nodes));
        assert_eq!(table_kind("source;target;weight\n"), Some(Table::Edges));
        assert_eq!(table_kind("Name,Age\n"), None);
        assert_eq!(table_kind("hello world\n"), None);
    }

    #[test]
    fn reads_rows_with_their_lines() {
        let (graph, _) = read("Id,Label,Note\n1,Ada,\"multi\nline\"\n2,Bo,x\n").expect("reads");
        assert_eq!(graph.nodes.len(), 2);
        assert_eq!(graph.nodes[1].id, "2");
        assert_eq!(graph.nodes[1].place, Place::Line(4));
        assert_eq!(
            graph.nodes[0].attributes[1],
            ("Note".to_owned(), "multi\nline".to_owned())
        );
    }

    #[test]
    fn windows_line_ends_count_right() {
        let (graph, _) = read("Source,Target\r\na,b\r\nc,d\r\n").expect("reads");
        assert_eq!(graph.edges[1].place, Place::Line(3));
        let error = read("Source,Target\r\na,b\r\nc\r\n").expect_err("ragged");
        assert!(error.to_string().contains("line 3"), "{error}");
    }

    #[test]
    fn ragged_rows_are_errors_with_their_line() {
        let error = read("Source,Target\na,b\nc,d,e\n").expect_err("ragged");
        let text = error.to_string();
        assert!(text.contains("line 3"), "{text}");
        assert!(text.contains("3 cells"), "{text}");
    }

    #[test]
    fn formulas_are_text_and_reported() {
        let (graph, report) =
            read("Id,Label,Score\n1,=HYPERLINK(\"http://x\"),-12.5\n2,@SUM(A1),+1\n")
                .expect("reads");
        assert_eq!(graph.nodes[0].attributes[0].1, "=HYPERLINK(\"http://x\")");
        assert_eq!(
            report.count(Finding::FormulaCell),
            2,
            "negative numbers are not formulas"
        );
    }

    #[test]
    fn swaps_words_keeping_case() {
        assert_eq!(
            swap_word("Untitled [Edges].csv", "edges", "nodes").as_deref(),
            Some("Untitled [Nodes].csv")
        );
        assert_eq!(
            swap_word("EDGES.csv", "edges", "nodes").as_deref(),
            Some("NODES.csv")
        );
        assert_eq!(
            swap_word("my_edges.csv", "edges", "nodes").as_deref(),
            Some("my_nodes.csv")
        );
        assert_eq!(swap_word("links.csv", "edges", "nodes"), None);
    }
}
