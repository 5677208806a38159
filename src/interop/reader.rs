//! One reader per format behind one trait: each format's file says how its content is
//! recognised, which file names are its own, and how it is read. [`READERS`] lists them;
//! `sniff.rs` asks them all and chooses. Adding a format is a file with a [`Reader`], a
//! [`Format`] variant and a line in [`READERS`].

use std::cell::OnceCell;
use std::path::Path;

use serde_json::Value;

use super::json::{self, Parsed};
use super::mapping::{self, RawGraph};
use super::report::ImportReport;
use super::{Format, ImportError, ImportOptions};
use crate::network::model::Network;

/// How well a file's content fits a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    /// It could be this format, if no other says it is surely theirs (`nodes` with `edges`
    /// is node-link JSON unless its nodes are Cytoscape.js elements).
    Likely,
    /// The content names this format (a `<gexf>` root, a `links` list, `elements`).
    Sure,
    /// The content carries the format's own marker (`"format": "powermap"`): it is chosen
    /// without asking the other readers.
    Marked,
}

/// A file as the readers see it while recognising it: the text and, parsed once for all of
/// them, its JSON or its XML root.
pub(crate) struct Probe<'a> {
    text: &'a str,
    bytes: &'a [u8],
    json: OnceCell<Option<Parsed>>,
    xml_root: OnceCell<Option<String>>,
}

impl<'a> Probe<'a> {
    /// A probe of `text`, a decoded file's whole text, and the `bytes` it was decoded
    /// from (a file that is not text, such as a workbook's zip archive, has no text).
    pub(crate) fn new(text: &'a str, bytes: &'a [u8]) -> Self {
        Self {
            text: text.trim_start_matches('\u{FEFF}').trim_start(),
            bytes,
            json: OnceCell::new(),
            xml_root: OnceCell::new(),
        }
    }

    /// The text, without a byte order mark and leading white space.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The file's bytes, as read.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Whether the text starts like JSON (an object or an array).
    pub(crate) fn looks_like_json(&self) -> bool {
        self.text.starts_with(['{', '['])
    }

    /// The text as JSON, when it is one JSON document (the caller has bounded its depth).
    pub(crate) fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| {
                self.looks_like_json()
                    .then(|| json::parse(self.text).ok())
                    .flatten()
            })
            .as_ref()
            .map(|parsed| &parsed.value)
    }

    /// The local name of the root element, when the text is XML.
    pub(crate) fn xml_root(&self) -> Option<&str> {
        self.xml_root
            .get_or_init(|| {
                self.text
                    .starts_with('<')
                    .then(|| xml_root(self.text))
                    .flatten()
            })
            .as_deref()
    }

    /// The parsed JSON, handed on to the reader so that the file is parsed once.
    pub(crate) fn into_json(self) -> Option<Parsed> {
        self.json.into_inner().flatten()
    }
}

fn xml_root(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                let name = start.name();
                return Some(super::xml::local_name(name.as_ref()).to_ascii_lowercase());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// A file being read.
pub(crate) struct Input<'a> {
    /// The file's name, for the report and errors.
    pub file: &'a Path,
    /// The decoded text.
    pub text: &'a str,
    /// The bytes as read.
    pub bytes: &'a [u8],
    /// The text's JSON, if sniffing parsed it.
    pub json: Option<Parsed>,
    /// Whether the file is on disk, so that a reader may look beside it (CSV tables come
    /// in pairs); not for bytes given without a folder.
    pub on_disk: bool,
    /// What the person said about the file (a table's columns).
    pub options: &'a ImportOptions,
}

/// How a format's file reads its text, or its parsed JSON, into a raw graph.
pub(crate) type ReadRaw<T> = fn(&T, &Path, &mut ImportReport) -> Result<RawGraph, ImportError>;

impl Input<'_> {
    /// Reads a JSON format: the document through `read`, then the mapping every format
    /// shares.
    pub(crate) fn map_json(
        mut self,
        report: &mut ImportReport,
        read: ReadRaw<Value>,
    ) -> Result<Network, ImportError> {
        let document = self.json(report)?;
        let raw = read(&document, self.file, report)?;
        mapping::build(raw, self.file, report)
    }

    /// Reads a text format: the text through `read`, then the mapping every format shares.
    pub(crate) fn map_text(
        self,
        report: &mut ImportReport,
        read: ReadRaw<str>,
    ) -> Result<Network, ImportError> {
        let raw = read(self.text, self.file, report)?;
        mapping::build(raw, self.file, report)
    }

    /// The text as JSON: the parse sniffing made, or a located syntax error. Numbers too
    /// large to hold are reported.
    pub(crate) fn json(&mut self, report: &mut ImportReport) -> Result<Value, ImportError> {
        let parsed = match self.json.take() {
            Some(parsed) => parsed,
            None => super::parse_json(self.text, self.file)?,
        };
        Ok(parsed.into_value(report))
    }
}

/// A format powermap reads.
pub(crate) trait Reader: Sync {
    /// The format it reads.
    fn format(&self) -> Format;

    /// What it reads, for the message that lists them when a file fits none.
    fn describe(&self) -> &'static str;

    /// The endings of file names that are surely this format (lower case, with the dot).
    fn endings(&self) -> &'static [&'static str];

    /// Endings that mean this format only when no reader recognises the content (a plain
    /// `.json` is powermap's).
    fn fallback_endings(&self) -> &'static [&'static str] {
        &[]
    }

    /// How well the content fits, or `None` when it is not this format.
    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit>;

    /// Reads the file, filling in the report.
    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError>;
}

/// Every format powermap reads, in the order a tie between equal fits is broken.
pub(crate) static READERS: &[&dyn Reader] = &[
    &super::powermap::PowermapReader,
    &super::gexf::GexfReader,
    &super::graphml::GraphMlReader,
    &super::cytoscape::CytoscapeReader,
    &super::oligrapher::OligrapherReader,
    &super::littlesis::LittleSisReader,
    &super::ftm::FtmReader,
    &super::graphology::GraphologyReader,
    &super::node_link::NodeLinkReader,
    &super::gml::GmlReader,
    &super::csv_tables::CsvReader,
    &super::spreadsheet::XLSX_READER,
    &super::spreadsheet::ODS_READER,
];
