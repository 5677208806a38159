//! Control characters (NUL, escape, the C1 controls) in what a file holds: removed from
//! ids and values before mapping, with the elements that had them reported. Tabs and
//! line breaks stay; they are text.

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

/// Removes stray control characters from every node and edge of `graph`, reporting each
/// element that had them and in which fields.
pub(super) fn remove_controls(graph: &mut RawGraph, report: &mut ImportReport) {
    for node in &mut graph.nodes {
        let fields = scrub_element(Some(&mut node.id), &mut node.attributes);
        if !fields.is_empty() {
            let context = Context {
                what: "node",
                id: Some(&node.id),
                place: &node.place,
            };
            report.record(Finding::ControlCharacters, || {
                format!("{}: {}", context.describe(), fields.join(", "))
            });
        }
    }
    for edge in &mut graph.edges {
        let mut fields = scrub_element(edge.id.as_mut(), &mut edge.attributes);
        if edge
            .endpoints
            .iter_mut()
            .map(scrub)
            .fold(false, |a, b| a | b)
        {
            fields.push("source or target".to_owned());
        }
        if !fields.is_empty() {
            let context = Context {
                what: "edge",
                id: edge.id.as_deref(),
                place: &edge.place,
            };
            report.record(Finding::ControlCharacters, || {
                format!("{}: {}", context.describe(), fields.join(", "))
            });
        }
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
        remove_controls(&mut graph, &mut report);
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
}
