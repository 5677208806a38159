//! powermap's own JSON as one of the readers: recognised by its `"format": "powermap"`
//! marker (or an `entities` list), read by powermap's loader with every problem it finds.
//! A `.json` file that starts with the marker is read by the loader straight from the
//! disk, in pieces ([`import_file`]), rather than read whole first.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::reader::{Fit, Input, Probe, Reader};
use super::report::{Counts, ImportReport};
use super::{Format, ImportError, Imported, text};
use crate::network::diagnostic::LoadError;
use crate::network::load::{Loaded, Progress, load_file_with};
use crate::network::model::{FORMAT_NAME, Network};

/// powermap JSON.
pub(crate) struct PowermapReader;

/// The keys that show a powermap file, read without building the rest.
#[derive(Deserialize)]
struct Marker {
    format: Option<serde_json::Value>,
    entities: Option<IgnoredAny>,
}

impl Reader for PowermapReader {
    fn format(&self) -> Format {
        Format::Powermap
    }

    fn describe(&self) -> &'static str {
        "powermap JSON"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[]
    }

    fn fallback_endings(&self) -> &'static [&'static str] {
        &[".json"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        if !probe.text().starts_with('{') {
            return None;
        }
        let marker: Marker = serde_json::from_str(probe.text()).ok()?;
        if marker.format.as_ref().and_then(serde_json::Value::as_str) == Some(FORMAT_NAME) {
            Some(Fit::Marked)
        } else {
            marker.entities.map(|_| Fit::Sure)
        }
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        let loaded = crate::network::load::parse_network(input.bytes, input.file)?;
        Ok(reported(loaded, report))
    }
}

/// Reads the powermap file at `path` in pieces, telling `progress` how far it has read;
/// `encoding` is its text's, as the report names it. A file that does not open and nests
/// arrays and objects too deeply is refused for that, as a file read whole is.
pub(super) fn import_file(
    path: &Path,
    encoding: &str,
    progress: &mut Progress<'_>,
) -> Result<Imported, ImportError> {
    let loaded = match load_file_with(path, progress) {
        Ok(loaded) => loaded,
        Err(err @ LoadError::Invalid { .. }) => {
            text::check_json_depth_of_file(path)?;
            return Err(err.into());
        }
        Err(err) => return Err(err.into()),
    };
    let mut report = ImportReport::new(path, Format::Powermap);
    report.encoding = encoding.to_owned();
    let network = reported(loaded, &mut report);
    Ok(Imported {
        network,
        report,
        format: Format::Powermap,
    })
}

/// The network loaded, its warnings and counts put in `report`.
fn reported(loaded: Loaded, report: &mut ImportReport) -> Network {
    let network = loaded.network;
    report.warnings = loaded.warnings;
    report.counts = Counts {
        entities: network.entities.len(),
        ties: network.ties.len(),
        names: network.entities.len(),
        entity_kinds: network.entities.len(),
        tie_kinds: network.ties.len(),
        dates: network.ties.iter().filter(|tie| tie.date.is_some()).count(),
        positions: network
            .entities
            .iter()
            .filter(|entity| entity.position.is_some())
            .count(),
        evidence: network
            .ties
            .iter()
            .filter(|tie| !tie.evidence.is_empty())
            .count(),
        merged_edges: 0,
    };
    network
}
