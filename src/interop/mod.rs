//! Opening what people already have and giving it back: GEXF, GraphML, CSV tables,
//! spreadsheets (`.xlsx`, `.ods`), node-link JSON, Cytoscape.js JSON, GML, Oligrapher maps
//! and graphology JSON imported into a [`Network`] with an [`ImportReport`]; a network
//! exported to GEXF 1.3, GraphML and node-link JSON.
//!
//! Every format goes through the same mapping (`mapping/`): labels become names, `kind`
//! `type` or `category` become kinds when they name one, date-like attributes become tie
//! dates with their precision, positions are kept, everything else becomes attributes.
//! Exports carry powermap's own fields (evidence, sources, dates, places, amounts, groups)
//! as attributes, so that a network survives the round trip. `docs/formats.md` describes it
//! for people.

mod columns;
mod csv_tables;
mod cytoscape;
mod ftm;
mod gexf;
mod gml;
mod graphml;
mod graphology;
mod json;
mod littlesis;
mod mapping;
mod node_link;
mod oligrapher;
mod powermap;
mod reader;
mod report;
mod sniff;
mod spreadsheet;
mod text;
mod xml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::network::diagnostic::{Diagnostic, LoadError, ReadError};
use crate::network::load::{Progress, check_size, read_bounded_with};
use crate::network::model::Network;
use crate::network::save::{Overwrite, SaveError, save_network, write_atomically};

pub use columns::{ColumnMapping, EntitiesSheet, PREVIEW_ROWS, Role, SheetChoice, TablePreview};
pub use report::{Counts, Examples, Finding, ImportReport, MAX_EXAMPLES, Place};
pub use sniff::detect_format;
pub use text::MAX_DEPTH;

/// The largest file powermap opens in a format it reads whole: every format but its own
/// JSON, which it reads in pieces, up to [`MAX_FILE_BYTES`](crate::network::load::MAX_FILE_BYTES).
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// A file format powermap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// powermap's own JSON (`"format": "powermap"`).
    Powermap,
    /// GEXF 1.1 to 1.3, as Gephi writes it.
    Gexf,
    /// GraphML, including the variants Gephi, yEd and graph-tool write.
    GraphMl,
    /// CSV and TSV tables: Gephi's nodes (`Id`, `Label`, …) and edges (`Source`, `Target`,
    /// …), and tables of ties with any headers.
    Csv,
    /// d3 and networkx node-link JSON (`nodes` with `links` or `edges`).
    NodeLink,
    /// Cytoscape.js JSON (`elements`), also what Cytoscape desktop exports as `.cyjs`.
    Cytoscape,
    /// GML, as networkx, igraph, Gephi, yEd and Cytoscape write it.
    Gml,
    /// An Oligrapher map, as LittleSis saves and embeds it (`graph.nodes` keyed by id).
    Oligrapher,
    /// graphology's serialisation and sigma.js's demo JSON (`nodes` with `key`).
    Graphology,
    /// An Excel workbook (`.xlsx`): a sheet of ties, perhaps one of entities.
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`), as LibreOffice saves it.
    Ods,
    /// FollowTheMoney entities (Aleph, OpenAleph, OpenSanctions), as JSON lines or an array.
    Ftm,
    /// LittleSis's API JSON: entities and relationships (`data`, `included`).
    LittleSis,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Powermap => "powermap JSON",
            Self::Gexf => "GEXF",
            Self::GraphMl => "GraphML",
            Self::Csv => "CSV",
            Self::NodeLink => "node-link JSON",
            Self::Cytoscape => "Cytoscape.js JSON",
            Self::Gml => "GML",
            Self::Oligrapher => "Oligrapher",
            Self::Graphology => "graphology JSON",
            Self::Xlsx => "Excel workbook",
            Self::Ods => "OpenDocument spreadsheet",
            Self::Ftm => "FollowTheMoney",
            Self::LittleSis => "LittleSis JSON",
        })
    }
}

/// A network read from a file, with the report of how it was read.
#[derive(Debug)]
pub struct Imported {
    /// The network, valid by powermap's rules.
    pub network: Network,
    /// What was mapped, kept and dropped.
    pub report: ImportReport,
    /// The format the file was read as.
    pub format: Format,
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read, or is larger than powermap opens.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Neither the content nor the name says which format the file is in.
    #[error("{file}: {message}", file = file.display())]
    UnknownFormat {
        /// The file.
        file: PathBuf,
        /// What powermap reads.
        message: String,
    },
    /// Broken syntax or structure: a truncated file, a ragged row, a bad reference.
    #[error("{file}: {place}: {message}", file = file.display())]
    Malformed {
        /// The file.
        file: PathBuf,
        /// Where in it.
        place: Place,
        /// What is wrong.
        message: String,
    },
    /// A table of ties whose headers do not say which columns are the two ends of each
    /// tie: the person is to say, with a [`ColumnMapping`] (the window asks with a dialog,
    /// the command line with `--source-column` and `--target-column`).
    #[error(
        "{file}: cannot tell which columns are the two ends of each tie{sheet}; the header has {headers}",
        file = file.display(),
        sheet = table.sheet.as_ref().map(|sheet| format!(" in sheet {sheet:?}")).unwrap_or_default(),
        headers = columns::header_list(&table.headers)
    )]
    UnknownColumns {
        /// The file.
        file: PathBuf,
        /// The table's header and first rows.
        table: Box<TablePreview>,
        /// In a workbook, every sheet's header and first rows, in order, so that the
        /// person can say which holds the ties and which the entities; empty otherwise.
        sheets: Vec<TablePreview>,
        /// In a workbook, the sheet read as the entities, if one was.
        entities_sheet: Option<String>,
    },
    /// Something powermap will not read for safety: entity declarations, deep nesting.
    #[error("{file}: {place}: refused: {message}", file = file.display())]
    Refused {
        /// The file.
        file: PathBuf,
        /// Where in it.
        place: Place,
        /// What was refused, and why.
        message: String,
    },
    /// More nodes or edges than powermap opens.
    #[error("{file}: more than {limit} {what}; powermap opens at most {limit}", file = file.display())]
    TooMany {
        /// The file.
        file: PathBuf,
        /// `nodes` or `edges`.
        what: &'static str,
        /// The most powermap opens.
        limit: usize,
    },
    /// A powermap JSON file that does not open, with every problem powermap's loader found.
    #[error(transparent)]
    Powermap(#[from] LoadError),
    /// The imported network broke one of powermap's rules (a bug in the mapping if it happens).
    #[error("{file}: the imported network is not valid: {}", list(diagnostics), file = file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// The validator's errors.
        diagnostics: Vec<Diagnostic>,
    },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// How to read a file, where it cannot tell by itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Which columns of a table of ties (CSV, TSV, a workbook's sheet) hold what; roles
    /// left out are recognised by their headers' words.
    pub columns: ColumnMapping,
    /// Which sheets of a workbook hold the ties and the entities.
    pub sheets: SheetChoice,
}

/// Imports the file at `path`, recognising its format by content and then by extension.
/// Given one CSV table, it looks for the other beside it, named as Gephi names them
/// (`… [Nodes].csv` next to `… [Edges].csv`, `nodes.csv` next to `edges.csv`), and says in
/// the report whether it found one. A table of ties whose headers do not say which
/// columns are its ends is an [`ImportError::UnknownColumns`]: see [`import_file_with`].
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    import_file_with(path, &ImportOptions::default())
}

/// As [`import_file`], with `options` (a table's columns).
pub fn import_file_with(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    import_file_with_progress(path, options, &mut |_| std::ops::ControlFlow::Continue(()))
}

/// As [`import_file_with`], telling `progress` how many bytes have been read after each
/// piece, and stopping with [`ReadError::Cancelled`] when it breaks. A powermap `.json`
/// file is parsed as it is read (in pieces: it is never held whole), so its reading is
/// most of the work; a file in another format is read whole, then imported.
pub fn import_file_with_progress(
    path: &Path,
    options: &ImportOptions,
    progress: &mut Progress<'_>,
) -> Result<Imported, ImportError> {
    if let Some(encoding) = sniff::powermap_to_stream(path)? {
        return powermap::import_file(path, encoding, progress);
    }
    let bytes = read_bounded_with(path, MAX_IMPORT_BYTES, progress)?;
    import(&bytes, path, true, options)
}

/// Imports a file already read; `file` names it in the report and errors. It never reads
/// other files, so a CSV edges table is imported alone.
pub fn import_bytes(bytes: &[u8], file: &Path) -> Result<Imported, ImportError> {
    import_bytes_with(bytes, file, &ImportOptions::default())
}

/// As [`import_bytes`], with `options` (a table's columns).
pub fn import_bytes_with(
    bytes: &[u8],
    file: &Path,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    check_size(file, bytes.len() as u64, MAX_IMPORT_BYTES)?;
    import(bytes, file, false, options)
}

/// Decodes the file, asks the readers which format it is, and has that one read it. A zip
/// archive (a workbook) is not text: it is not decoded, and its readers read the bytes.
fn import(
    bytes: &[u8],
    file: &Path,
    on_disk: bool,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let decoded = if bytes.starts_with(spreadsheet::ZIP_MAGIC) {
        text::Decoded::binary()
    } else {
        decode(bytes, file)?
    };
    let sniff::Sniffed {
        reader,
        probe,
        note,
    } = sniff::sniff(&decoded.text, bytes, file)?;
    let format = reader.format();
    let mut report = ImportReport::new(file, format);
    report.encoding = decoded.encoding.to_owned();
    let input = reader::Input {
        file,
        text: &decoded.text,
        bytes,
        json: probe.into_json(),
        on_disk,
        options,
    };
    let network = reader.read(input, &mut report)?;
    report.notes.extend(note);
    Ok(Imported {
        network,
        report,
        format,
    })
}

/// Decodes a file's text. A file that is not text and whose name gives it to powermap's
/// loader (a plain `.json`) gets the loader's own error, as powermap's files always have.
fn decode<'a>(bytes: &'a [u8], file: &Path) -> Result<text::Decoded<'a>, ImportError> {
    text::decode(bytes, file).map_err(|err| match sniff::by_name(file) {
        None if file
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json")) =>
        {
            crate::network::load::parse_network(bytes, file)
                .err()
                .map_or(err, ImportError::Powermap)
        }
        _ => err,
    })
}

/// Parses JSON that is not powermap's, after bounding its nesting.
fn parse_json(text: &str, file: &Path) -> Result<json::Parsed, ImportError> {
    text::check_json_depth(text, file)?;
    json::parse(text.trim_start_matches('\u{FEFF}')).map_err(|err| json_syntax_error(&err, file))
}

/// A JSON syntax error, at its line and column.
fn json_syntax_error(err: &serde_json::Error, file: &Path) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Text {
            line: err.line(),
            column: err.column().max(1),
            element: None,
        },
        message: format!("not valid JSON: {}", strip_position(err)),
    }
}

/// serde_json's message without its trailing " at line L column C".
fn strip_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// Imports Gephi's two spreadsheet tables: an optional nodes table (`Id`, `Label`, …) and
/// an edges table (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, …). Without a nodes
/// table, the entities are made from the edges' Source and Target.
pub fn import_csv_tables(nodes: Option<&Path>, edges: &Path) -> Result<Imported, ImportError> {
    let mut report = ImportReport::new(edges, Format::Csv);
    let network = csv_tables::read_tables(nodes, edges, &ColumnMapping::default(), &mut report)?;
    Ok(Imported {
        network,
        report,
        format: Format::Csv,
    })
}

/// A file format powermap writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// powermap's own JSON, as File ▸ Save writes it.
    Powermap,
    /// GEXF 1.3, for Gephi.
    Gexf,
    /// GraphML, for yEd, Cytoscape, networkx, igraph, graph-tool.
    GraphMl,
    /// node-link JSON, for d3 and networkx (`node_link_graph`).
    NodeLink,
    /// FollowTheMoney entities as JSON lines, for Aleph, OpenAleph and the `ftm` tool.
    Ftm,
    /// GML, for networkx, igraph, Gephi and Cytoscape.
    Gml,
}

impl ExportFormat {
    /// The format a file name asks for: `.gexf`, `.graphml`, `.gml`, `.nodelink.json` (or
    /// `.node-link.json`) for node-link, `.ftm.json`, `.ftm` or `.ijson` for
    /// FollowTheMoney, and any other `.json` for powermap's own format.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        let extension = name.rsplit_once('.')?.1;
        Some(match extension {
            "gexf" => Self::Gexf,
            "graphml" => Self::GraphMl,
            "gml" => Self::Gml,
            "json" if name.ends_with(".nodelink.json") || name.ends_with(".node-link.json") => {
                Self::NodeLink
            }
            "json" if name.ends_with(".ftm.json") => Self::Ftm,
            "ftm" | "ijson" => Self::Ftm,
            "json" => Self::Powermap,
            _ => return None,
        })
    }

    /// The usual file name ending.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Powermap => "json",
            Self::Gexf => "gexf",
            Self::GraphMl => "graphml",
            Self::NodeLink => "nodelink.json",
            Self::Ftm => "ftm.json",
            Self::Gml => "gml",
        }
    }
}

/// Why a network could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be written (or exists and may not be replaced).
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The network could not be encoded as node-link JSON.
    #[error("cannot encode the network as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The network as the text of a file in `format`.
pub fn export_to_string(network: &Network, format: ExportFormat) -> Result<String, ExportError> {
    Ok(match format {
        ExportFormat::Powermap => crate::network::save::network_to_json(network)?,
        ExportFormat::Gexf => gexf::write(&mapping::records(network)),
        ExportFormat::GraphMl => graphml::write(&mapping::records(network)),
        ExportFormat::NodeLink => node_link::write(&mapping::records(network))?,
        ExportFormat::Ftm => ftm::write(network)?,
        ExportFormat::Gml => gml::write(&mapping::records(network)),
    })
}

/// Writes the network to `path` in `format`, atomically. A powermap file is streamed
/// to it as it is serialized ([`save_network`]), never held whole.
pub fn export_network(
    network: &Network,
    format: ExportFormat,
    path: &Path,
    overwrite: Overwrite,
) -> Result<(), ExportError> {
    if format == ExportFormat::Powermap {
        save_network(network, path, overwrite)?;
        return Ok(());
    }
    let text = export_to_string(network, format)?;
    write_atomically(path, text.as_bytes(), overwrite)?;
    Ok(())
}

/// Why a conversion did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The input did not import.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The output could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The output's name asks for no format powermap writes.
    #[error(
        "{file}: cannot tell which format to write from the name; end it in .json \
         (powermap), .gexf, .graphml, .gml, .nodelink.json or .ftm.json (FollowTheMoney)",
        file = file.display()
    )]
    UnknownOutputFormat {
        /// The output file.
        file: PathBuf,
    },
}

/// Imports `input` (any format powermap reads) and writes it to `output` in the format its
/// name asks for ([`ExportFormat::from_path`]); returns the import's report.
pub fn convert(
    input: &Path,
    output: &Path,
    overwrite: Overwrite,
) -> Result<ImportReport, ConvertError> {
    let format =
        ExportFormat::from_path(output).ok_or_else(|| ConvertError::UnknownOutputFormat {
            file: output.to_owned(),
        })?;
    let imported = import_file(input)?;
    export_network(&imported.network, format, output, overwrite)?;
    Ok(imported.report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_formats_follow_the_name() {
        let format = |name: &str| ExportFormat::from_path(Path::new(name));
        assert_eq!(format("a/map.GEXF"), Some(ExportFormat::Gexf));
        assert_eq!(format("map.graphml"), Some(ExportFormat::GraphMl));
        assert_eq!(format("map.GML"), Some(ExportFormat::Gml));
        assert_eq!(format("map.nodelink.json"), Some(ExportFormat::NodeLink));
        assert_eq!(format("map.node-link.json"), Some(ExportFormat::NodeLink));
        assert_eq!(format("a/map.FTM.json"), Some(ExportFormat::Ftm));
        assert_eq!(format("entities.ijson"), Some(ExportFormat::Ftm));
        assert_eq!(format("map.json"), Some(ExportFormat::Powermap));
        assert_eq!(format("map.csv"), None);
        assert_eq!(format("map"), None);
    }

    #[test]
    fn sizes_beyond_the_limit_are_refused_before_reading() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("big.gexf");
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_IMPORT_BYTES + 1).expect("sparse file");
        let error = import_file(&path).expect_err("too large");
        assert!(
            matches!(error, ImportError::Read(ReadError::TooLarge { .. })),
            "{error}"
        );
    }
}
