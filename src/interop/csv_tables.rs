//! CSV and TSV tables: Gephi's nodes table (`Id`, `Label`, …), and tables of ties with any
//! headers, Gephi's edges table (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, …)
//! among them, whose columns `columns` tells apart. The delimiter (`,` `;` tab) is
//! detected. A quote never closed is an error at its line; rows with too few or too many
//! cells are reported by line and the rest opens. Cells that start like spreadsheet
//! formulas are kept as plain text and reported, never evaluated.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::columns::{self, ColumnMapping, Columns, Sheet, header_list};
use super::mapping::{self, RawGraph, RawNode, parse_number};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{Finding, ImportReport, Place};
use super::{Format, ImportError, MAX_IMPORT_BYTES, text};
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
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn column(headers: &[String], name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|header| header.eq_ignore_ascii_case(name))
}

/// Which table a header is: one of ties when its words name both ends (Gephi's `Source`
/// and `Target`, `from` and `to`, `보낸 사람` and `받는 사람`…), else Gephi's nodes table
/// when it has an `Id` column.
fn kind_of(headers: &[String]) -> Option<Table> {
    if Columns::recognises_ends(headers) {
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

/// Which table a CSV text is, judging by its header row; `None` when its headers say
/// nothing (a table of ties with other headers is still read when its name ends in `.csv`).
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

/// The line of a quote that opens a cell and is never closed, if there is one. A quote
/// opens a cell only as its first character (elsewhere it is a letter, as the csv reader
/// takes it); inside, `""` is a quote and the next lone one closes the cell.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let mut line = 1;
    let mut opened = None;
    let mut at_cell_start = true;
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        if opened.is_some() {
            match byte {
                b'"' if bytes.peek() == Some(&b'"') => {
                    bytes.next();
                }
                b'"' => {
                    opened = None;
                    at_cell_start = false;
                }
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' if at_cell_start => opened = Some(line),
            b'\n' => {
                line += 1;
                at_cell_start = true;
            }
            b'\r' => {}
            _ if byte == delimiter => at_cell_start = true,
            _ => at_cell_start = false,
        }
    }
    opened
}

/// Whether a cell starts like a spreadsheet formula (and is not simply a negative number).
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@']) && parse_number(cell).is_none()
}

/// The header and rows of a CSV text. A quote never closed is an error at the line it
/// opened on; a header without rows is an error too. Rows shorter than the header get
/// empty cells for the missing ones, rows longer than it are left out (unless the extra
/// cells are empty), and both are reported by line; formulas are reported.
pub(crate) fn read_sheet(
    text: &str,
    file: &Path,
    report: &mut ImportReport,
) -> Result<Sheet, ImportError> {
    let text = text.trim_start_matches('\u{FEFF}');
    let malformed = |place: Place, message: String| ImportError::Malformed {
        file: file.to_owned(),
        place,
        message,
    };
    let delimiter = delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(malformed(
            Place::Line(line),
            "a quote opens a cell on this line and is never closed, so every row after it \
             would be one cell: close the quote, or write a quote inside a cell as \"\""
                .to_owned(),
        ));
    }
    let mut reader = reader(text);
    let headers = header_names(
        reader
            .headers()
            .map_err(|err| malformed(Place::Line(1), err.to_string()))?,
    );
    let separator = match delimiter {
        b';' => Some("semicolons"),
        b'\t' => Some("tabs"),
        _ => None,
    };
    if let Some(separator) = separator {
        let name = file
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        report.note(format!("{name}: cells are separated by {separator}"));
    }
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: 1,
    };
    let mut sheet = Sheet {
        name: None,
        headers,
        rows: Vec::new(),
        header_place: Place::Line(1),
    };
    let width = sheet.headers.len();
    let mut record = csv::StringRecord::new();
    let mut any_row = false;
    while reader
        .read_record(&mut record)
        .map_err(|err| malformed(Place::Line(lines.at(err.position())), err.to_string()))?
    {
        any_row = true;
        let line = lines.at(record.position());
        let mut cells: Vec<String> = record.iter().map(|cell| cell.trim().to_owned()).collect();
        if cells.len() > width && cells[width..].iter().all(String::is_empty) {
            cells.truncate(width);
        }
        if cells.len() > width {
            report.record(Finding::LongRow, || {
                format!("line {line}: {} cells, the header has {width}", cells.len())
            });
            continue;
        }
        if cells.len() < width {
            report.record(Finding::ShortRow, || {
                format!("line {line}: {} cells, the header has {width}", cells.len())
            });
            cells.resize(width, String::new());
        }
        for (header, cell) in sheet.headers.iter().zip(&cells) {
            if looks_like_formula(cell) {
                report.record(Finding::FormulaCell, || {
                    format!("line {line}, column {header:?}: {cell:?}")
                });
            }
        }
        sheet.rows.push((cells, Place::Line(line)));
    }
    if !any_row {
        return Err(malformed(
            Place::Line(1),
            format!(
                "the table has a header ({}) but no rows: there is nothing to open",
                header_list(&sheet.headers)
            ),
        ));
    }
    Ok(sheet)
}

/// Reads one table into `graph`, checking it is the table `expected` when given. A table
/// that is not Gephi's nodes table is one of ties, with the columns `given` (the others
/// recognised by their headers).
pub(crate) fn read_table(
    text: &str,
    file: &Path,
    expected: Option<Table>,
    given: &ColumnMapping,
    graph: &mut RawGraph,
    report: &mut ImportReport,
) -> Result<Table, ImportError> {
    let sheet = read_sheet(text, file, report)?;
    let table = match kind_of(&sheet.headers) {
        // Alone, a table with an `Id` but no `Label` is more likely a reporter's table of
        // ties (`Id, Person, Company`) than Gephi's nodes table, which always has both:
        // read as ties, its ends are asked for.
        Some(Table::Nodes) if expected.is_none() && column(&sheet.headers, "label").is_none() => {
            Table::Edges
        }
        Some(Table::Nodes) if given.source.is_none() || given.target.is_none() => Table::Nodes,
        _ => Table::Edges,
    };
    if let Some(expected) = expected
        && expected != table
    {
        return Err(ImportError::Malformed {
            file: file.to_owned(),
            place: Place::Line(1),
            message: match expected {
                Table::Nodes => "this is not a nodes table: its header has no Id column".to_owned(),
                Table::Edges => {
                    "this is not an edges table: its header has no Source and Target columns"
                        .to_owned()
                }
            },
        });
    }
    if table == Table::Edges {
        return columns::read_ties(&sheet, given, file, graph, report).map(|()| table);
    }
    // Gephi's `X` and `Y` columns, whose y axis points up.
    graph.y_axis_up = true;
    let id = column(&sheet.headers, "id");
    for (cells, place) in sheet.rows {
        let attributes = (sheet.headers.iter().zip(&cells).enumerate())
            .filter(|(i, _)| Some(*i) != id)
            .map(|(_, (header, cell))| (header.clone(), cell.clone()))
            .collect();
        graph.push_node(
            RawNode {
                id: id.map(|i| cells[i].clone()).unwrap_or_default(),
                attributes,
                position: None,
                place,
            },
            file,
        )?;
    }
    Ok(table)
}

/// Makes one node for each end of a tie that no node has as its id, in the order they
/// first appear.
pub(crate) fn nodes_from_edges(graph: &mut RawGraph, file: &Path) -> Result<(), ImportError> {
    let mut seen: HashSet<String> = graph
        .nodes
        .iter()
        .map(|node| node.id.trim().to_owned())
        .collect();
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

/// Reads Gephi's two tables, the nodes table optional, into a network, the edges table's
/// columns `given` (the others recognised); the report names the edges table as the file.
pub(crate) fn read_tables(
    nodes: Option<&Path>,
    edges: &Path,
    given: &ColumnMapping,
    report: &mut ImportReport,
) -> Result<Network, ImportError> {
    report.file = edges.to_owned();
    let mut raw = RawGraph::default();
    let mut encodings = Vec::new();
    if let Some(nodes) = nodes {
        encodings.push(read_table_file(
            nodes,
            Table::Nodes,
            given,
            &mut raw,
            report,
        )?);
        report.nodes_table = Some(nodes.to_owned());
    }
    encodings.push(read_table_file(
        edges,
        Table::Edges,
        given,
        &mut raw,
        report,
    )?);
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
    given: &ColumnMapping,
    raw: &mut RawGraph,
    report: &mut ImportReport,
) -> Result<&'static str, ImportError> {
    let bytes = read_bounded(path, MAX_IMPORT_BYTES)?;
    let decoded = text::decode(&bytes, path)?;
    read_table(&decoded.text, path, Some(table), given, raw, report)?;
    Ok(decoded.encoding)
}

/// CSV and TSV tables.
pub(crate) struct CsvReader;

impl Reader for CsvReader {
    fn format(&self) -> Format {
        Format::Csv
    }

    fn describe(&self) -> &'static str {
        "CSV and TSV tables (Gephi's, or ties with any headers)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".csv", ".tsv"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        table_kind(probe.text()).map(|_| Fit::Likely)
    }

    /// Reads the table, and the other one beside it when the file is on disk.
    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        let given = &input.options.columns;
        let table = table_kind(input.text);
        let other = input
            .on_disk
            .then(|| table.and_then(|table| sibling(input.file, table)))
            .flatten();
        let network = match (table, &other) {
            (Some(Table::Edges), Some(nodes)) => {
                read_tables(Some(nodes), input.file, given, report)?
            }
            (Some(Table::Nodes), Some(edges)) => {
                read_tables(Some(input.file), edges, given, report)?
            }
            _ => {
                let mut raw = RawGraph::default();
                let read = read_table(input.text, input.file, None, given, &mut raw, report)?;
                if read == Table::Edges {
                    nodes_from_edges(&mut raw, input.file)?;
                }
                report.note(match (read, table) {
                    (Table::Edges, Some(Table::Edges)) => {
                        "no nodes table found beside it (a CSV named like it with \"nodes\" \
                         for \"edges\"): the entities were made from the ends of the ties"
                    }
                    (Table::Edges, _) => "the entities were made from the ends of the ties",
                    (Table::Nodes, _) => "no edges table found beside it: the network has no ties",
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
        read_table(
            text,
            Path::new("t.csv"),
            None,
            &ColumnMapping::default(),
            &mut graph,
            &mut report,
        )?;
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
        assert_eq!(table_kind("From;To;Date\n"), Some(Table::Edges));
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
        let (graph, report) = read("Source,Target\r\na,b\r\nc\r\n").expect("reads");
        assert_eq!(graph.edges[1].place, Place::Line(3));
        let short = &report.findings[&Finding::ShortRow].examples;
        assert_eq!(short[0], "line 3: 1 cells, the header has 2");
    }

    #[test]
    fn ragged_rows_are_reported_by_line_and_the_rest_opens() {
        let (graph, report) = read("Source,Target\na,b\nc,d,e\nf,g,,\nh\n").expect("reads");
        let ends: Vec<&[String]> = graph.edges.iter().map(|e| e.endpoints.as_slice()).collect();
        assert_eq!(ends, [["a", "b"], ["f", "g"], ["h", ""]]);
        assert_eq!(report.count(Finding::LongRow), 1);
        assert_eq!(
            report.findings[&Finding::LongRow].examples[0],
            "line 3: 3 cells, the header has 2"
        );
        assert_eq!(report.count(Finding::ShortRow), 1);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_line_it_opened() {
        let error = read("Source,Target\na,b\n\"c,d\ne,f\n").expect_err("unclosed");
        assert!(error.to_string().contains("line 3"), "{error}");
        assert_eq!(unclosed_quote("a,\"b\"\"c\"\nd,e 5\" f\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n\"multi\nline\",x\n", b','), None);
        assert_eq!(unclosed_quote("a;b\nc;\"d\n", b';'), Some(2));
    }

    #[test]
    fn a_header_without_rows_is_an_error() {
        let error = read("Source,Target\n").expect_err("no rows");
        assert!(error.to_string().contains("but no rows"), "{error}");
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
