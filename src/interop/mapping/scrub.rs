//! What a file holds, cleaned before mapping: control characters (NUL, escape, the C1
//! controls) removed from ids and values (tabs and line breaks stay; they are text), and
//! numbers too large to hold (`1e999` as a coordinate or a weight) dropped. Each element
//! that had them is reported.

use crate::interop::report::{Finding, ImportReport};

use super::raw::{Context, RawGraph};

/// Whether `c` is a control character that is not text (a tab or a line break).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Removes stray control characters from `text`; whether there were any.
fn scrub(text: &mut String) -> bool {
    if !text.chars().any(is_stray_control) {
        return false;
    }
    text.retain(|c| !is_stray_control(c));
    true
}

/// Removes stray control characters from an element's id and attributes; the names of
/// the fields that had them.
fn scrub_element(id: Option<&mut String>, attributes: &mut [(String, String)]) -> Vec<String> {
    let mut fields = Vec::new();
    if let Some(id) = id
        && scrub(id)
    {
        fields.push("id".to_owned());
    }
    for (name, value) in attributes {
        let named = scrub(name);
        if scrub(value) || named {
            fields.push(name.clone());
        }
    }
    fields
}

/// Whether `value` is written as a number but is too large for a double (`1e999`); words
/// such as `Infinity`, which Gephi writes for open intervals, are not numbers written.
fn overflows(value: &str) -> bool {
    let value = value.trim();
    value.bytes().any(|byte| byte.is_ascii_digit())
        && value
            .bytes()
            .all(|byte| byte.is_ascii_digit() || matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E'))
        && value.parse::<f64>().is_ok_and(f64::is_infinite)
}

/// Drops the attributes whose numbers overflow; each as `name = value`.
fn drop_overflows(attributes: &mut Vec<(String, String)>) -> Vec<String> {
    let mut dropped = Vec::new();
    attributes.retain(|(name, value)| {
        let keep = !overflows(value);
        if !keep {
            dropped.push(format!("{name} = {value}"));
        }
        keep
    });
    dropped
}

/// Reports what was cleaned from one element.
fn record(report: &mut ImportReport, context: &Context<'_>, controls: &[String], big: &[String]) {
    if !controls.is_empty() {
        report.record(Finding::ControlCharacters, || {
            format!("{}: {}", context.describe(), controls.join(", "))
        });
    }
    if !big.is_empty() {
        report.record(Finding::OverflowingNumber, || {
            format!("{}: {}", context.describe(), big.join(", "))
        });
    }
}

/// Cleans every node and edge of `graph`, reporting each element that had control
/// characters or numbers too large to hold, and in which fields.
pub(super) fn scrub_graph(graph: &mut RawGraph, report: &mut ImportReport) {
    for node in &mut graph.nodes {
        let controls = scrub_element(Some(&mut node.id), &mut node.attributes);
        let big = drop_overflows(&mut node.attributes);
        let context = Context {
            what: "node",
            id: Some(&node.id),
            place: &node.place,
        };
        record(report, &context, &controls, &big);
    }
    for edge in &mut graph.edges {
        let mut controls = scrub_element(edge.id.as_mut(), &mut edge.attributes);
        if edge
            .endpoints
            .iter_mut()
            .map(scrub)
            .fold(false, |a, b| a | b)
        {
            controls.push("source or target".to_owned());
        }
        let big = drop_overflows(&mut edge.attributes);
        let context = Context {
            what: "edge",
            id: edge.id.as_deref(),
            place: &edge.place,
        };
        record(report, &context, &controls, &big);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;
    use crate::interop::mapping::{RawEdge, RawNode};
    use crate::interop::report::Place;

    #[test]
    fn control_characters_go_and_are_reported_by_element() {
        let mut graph = RawGraph::default();
        graph.nodes.push(RawNode {
            id: "a\u{0}".to_owned(),
            attributes: vec![("label".to_owned(), "Lee\u{1b}[31m\tJae-yong\n".to_owned())],
            position: None,
            place: Place::Line(2),
        });
        graph.nodes.push(RawNode {
            id: "b".to_owned(),
            attributes: vec![("label".to_owned(), "clean".to_owned())],
            position: None,
            place: Place::Line(3),
        });
        graph.edges.push(RawEdge {
            id: None,
            endpoints: vec!["a\u{0}".to_owned(), "b".to_owned()],
            attributes: vec![("label\u{7f}".to_owned(), "met\u{85}".to_owned())],
            place: Place::Line(7),
        });
        let mut report = ImportReport::new(std::path::Path::new("x.csv"), Format::Csv);
        scrub_graph(&mut graph, &mut report);
        assert_eq!(graph.nodes[0].id, "a");
        assert_eq!(graph.nodes[0].attributes[0].1, "Lee[31m\tJae-yong\n");
        assert_eq!(graph.edges[0].endpoints, ["a", "b"]);
        assert_eq!(
            graph.edges[0].attributes[0],
            ("label".to_owned(), "met".to_owned())
        );
        let found = &report.findings[&Finding::ControlCharacters];
        assert_eq!(found.count, 2, "the clean node is not listed");
        assert!(found.examples[0].contains("line 2"), "{:?}", found.examples);
        assert!(
            found.examples[0].contains("id, label"),
            "{:?}",
            found.examples
        );
        assert!(found.examples[1].contains("line 7"), "{:?}", found.examples);
    }

    #[test]
    fn numbers_too_large_are_dropped_and_named() {
        let mut graph = RawGraph::default();
        graph.edges.push(RawEdge {
            id: Some("e1".to_owned()),
            endpoints: vec!["a".to_owned(), "b".to_owned()],
            attributes: vec![
                ("weight".to_owned(), "1e999".to_owned()),
                ("until".to_owned(), "Infinity".to_owned()),
                ("share".to_owned(), "-2.5E+308".to_owned()),
                ("x".to_owned(), "1e300".to_owned()),
            ],
            place: Place::Line(4),
        });
        let mut report = ImportReport::new(std::path::Path::new("x.csv"), Format::Csv);
        scrub_graph(&mut graph, &mut report);
        let kept: Vec<&str> = graph.edges[0]
            .attributes
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(kept, ["until", "x"]);
        let found = &report.findings[&Finding::OverflowingNumber];
        assert_eq!(found.count, 1);
        assert!(
            found.examples[0].contains("weight = 1e999, share = -2.5E+308"),
            "{:?}",
            found.examples
        );
    }
}
