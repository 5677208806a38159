//! The mapping every format shares, both ways: nodes and edges with string attributes
//! become entities and ties (names, kinds, dates, positions brought to powermap's spacing,
//! and powermap's own fields when powermap wrote them), and a network becomes nodes and
//! edges for the writers.
//!
//! Readers fill a [`RawGraph`] (`raw`); [`build`] maps it (`build`), each node through
//! `entities` and each edge through `ties`, which take their fields with `attributes`,
//! `kinds`, `language`, `dates`, `numbers` and `json_fields`; `sources` gathers sources
//! and groups, `positions` scales positions. [`records`] turns a network into an
//! [`OutGraph`] for the writers.

mod attributes;
mod build;
mod compound;
mod dates;
mod entities;
mod json_fields;
mod kinds;
mod language;
mod numbers;
mod positions;
mod raw;
mod records;
mod scrub;
mod sources;
mod ties;

pub(crate) use build::build;
pub(crate) use kinds::TIE_KIND_NAMES;
pub(crate) use kinds::tie_kind;
pub(crate) use language::language_of;
pub(crate) use numbers::parse_number;
pub(crate) use positions::turn_y;
pub(crate) use raw::{DIRECTED_NOTE, RawEdge, RawGraph, RawNode, RawStep};
pub(crate) use records::{OutGraph, OutValue, records};

/// Nodes, edges and a report for the mapping's unit tests.
#[cfg(test)]
mod testing {
    use std::path::Path;

    use super::{RawEdge, RawNode};
    use crate::interop::Format;
    use crate::interop::report::{ImportReport, Place};

    pub fn report() -> ImportReport {
        ImportReport::new(Path::new("t.csv"), Format::Csv)
    }

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    pub fn node(id: &str, pairs: &[(&str, &str)]) -> RawNode {
        RawNode {
            id: id.to_owned(),
            attributes: attrs(pairs),
            position: None,
            place: Place::Line(2),
        }
    }

    pub fn edge(id: Option<&str>, source: &str, target: &str, pairs: &[(&str, &str)]) -> RawEdge {
        RawEdge {
            id: id.map(str::to_owned),
            endpoints: vec![source.to_owned(), target.to_owned()],
            attributes: attrs(pairs),
            place: Place::Line(3),
        }
    }
}
