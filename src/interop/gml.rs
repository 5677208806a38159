//! GML, the Graph Modelling Language that networkx, igraph, Gephi, yEd and Cytoscape write:
//! nested `key value` lists (`graph [ node [ id 1 label "Lee" ] edge [ source 1 target 2 ] ]`)
//! with quoted strings whose `&…;` entities are decoded, `graphics [ x … y … ]` positions,
//! and ids or labels as names. Repeated edges are kept, each a tie of its own. Networks
//! are written back as GML too, for networkx and igraph.

use std::collections::HashMap;
use std::path::Path;

use crate::interop::Format;
use crate::interop::ImportError;
use crate::interop::mapping::{OutGraph, RawEdge, RawGraph, RawNode};
use crate::interop::reader::{Fit, Input, Probe, Reader};
use crate::interop::report::ImportReport;
use crate::interop::text::{MAX_DEPTH, place_of};
use crate::network::model::Network;
use crate::network::model::Position;

/// A value of a GML list, with where its key starts in the text.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    /// A number or a string, as text.
    Scalar(String),
    List(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    key: String,
    value: Value,
    offset: usize,
}

/// Whether a text looks like GML: after comments and `Creator`/`Version` lines, a `graph`
/// key opening a list.
pub(crate) fn looks_like_gml(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(after) = ["Creator", "Version", "creator", "version"]
            .iter()
            .find_map(|key| rest.strip_prefix(key))
        {
            rest = after.split_once('\n').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.strip_prefix("graph")
        .is_some_and(|after| after.trim_start().starts_with('['))
}

/// Reads a GML document.
pub(crate) fn read(
    text: &str,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let entries = Parser { text, file, at: 0 }.list(0, None)?;
    let graph = entries
        .iter()
        .find(|entry| entry.key == "graph")
        .ok_or_else(|| malformed(text, file, 0, "a GML file holds a \"graph [ … ]\" list"))?;
    let Value::List(items) = &graph.value else {
        return Err(malformed(
            text,
            file,
            graph.offset,
            "\"graph\" must be a list [ … ]",
        ));
    };
    let mut raw = RawGraph::default();
    // The GML ids (numbers, as igraph wants them) of nodes powermap wrote with their ids.
    let mut powermap_ids: HashMap<String, String> = HashMap::new();
    for item in items {
        match (item.key.as_str(), &item.value) {
            ("node", Value::List(fields)) => {
                let (node, gml_id) = node(text, item, fields);
                if let Some(gml_id) = gml_id {
                    powermap_ids.insert(gml_id, node.id.clone());
                }
                raw.push_node(node, file)?;
            }
            ("edge", Value::List(fields)) => {
                let mut edge = edge(text, item, fields);
                for end in &mut edge.endpoints {
                    if let Some(id) = powermap_ids.get(end.as_str()) {
                        end.clone_from(id);
                    }
                }
                raw.push_edge(edge, file)?;
            }
            ("label" | "name", Value::Scalar(title)) if raw.title.is_none() => {
                raw.title = Some(title.clone());
            }
            ("comment", Value::Scalar(description)) if raw.description.is_none() => {
                raw.description = Some(description.clone());
            }
            // Only powermap writes the label language: its positions are at its spacing.
            ("label_language", Value::Scalar(language)) => {
                raw.label_language = Some(language.clone());
                raw.written_by_powermap = true;
            }
            // Whether edges have a direction: powermap's ties have none.
            ("directed" | "multigraph" | "hierarchic", _) => {}
            (key, _) => report.note(format!("graph: {key:?} ignored")),
        }
    }
    Ok(raw)
}

/// A node, and its GML id when powermap wrote the node with its own id beside it.
fn node(text: &str, entry: &Entry, fields: &[Entry]) -> (RawNode, Option<String>) {
    let mut id = None;
    let mut powermap_id = None;
    let mut attributes = Vec::new();
    let mut position = None;
    for field in fields {
        match (field.key.as_str(), &field.value) {
            ("id", Value::Scalar(value)) if id.is_none() => id = Some(value.clone()),
            (POWERMAP_ID, Value::Scalar(value)) => powermap_id = Some(value.clone()),
            ("graphics", Value::List(graphics)) => {
                let number = |key: &str| {
                    graphics.iter().find_map(|g| match &g.value {
                        Value::Scalar(v) if g.key == key => v.parse::<f64>().ok(),
                        _ => None,
                    })
                };
                if let (Some(x), Some(y)) = (number("x"), number("y"))
                    && x.is_finite()
                    && y.is_finite()
                {
                    position = Some(Position { x, y });
                }
                // Coordinates that are not a position stay as values, for the report.
                let taken: &[&str] = if position.is_some() { &["x", "y"] } else { &[] };
                flatten("graphics", graphics, &mut attributes, taken);
            }
            (key, Value::Scalar(value)) => attributes.push((key.to_owned(), value.clone())),
            (key, Value::List(list)) => flatten(key, list, &mut attributes, &[]),
        }
    }
    // A node without an id is known by its label, as some writers leave ids out.
    let id = id.or_else(|| {
        attributes
            .iter()
            .find(|(key, _)| key == "label")
            .map(|(_, label)| label.clone())
    });
    let (id, gml_id) = match powermap_id {
        Some(powermap_id) => (Some(powermap_id), id),
        None => (id, None),
    };
    let node = RawNode {
        id: id.unwrap_or_default(),
        attributes,
        position,
        place: place_of(text, entry.offset, Some("graph/node".to_owned())),
    };
    (node, gml_id)
}

fn edge(text: &str, entry: &Entry, fields: &[Entry]) -> RawEdge {
    let mut endpoints = [String::new(), String::new()];
    let mut id = None;
    let mut attributes = Vec::new();
    for field in fields {
        match (field.key.as_str(), &field.value) {
            ("source", Value::Scalar(value)) => endpoints[0].clone_from(value),
            ("target", Value::Scalar(value)) => endpoints[1].clone_from(value),
            ("id", Value::Scalar(value)) => id = Some(value.clone()),
            (key, Value::Scalar(value)) => attributes.push((key.to_owned(), value.clone())),
            (key, Value::List(list)) => flatten(key, list, &mut attributes, &[]),
        }
    }
    RawEdge {
        id,
        endpoints: endpoints.into(),
        attributes,
        place: place_of(text, entry.offset, Some("graph/edge".to_owned())),
    }
}

/// An `attribute [ name "…" value "…" ]` list, as [`write`] writes an attribute whose
/// name is no GML key.
fn named_attribute(list: &[Entry]) -> Option<(String, String)> {
    let scalar = |key: &str| {
        list.iter().find_map(|entry| match &entry.value {
            Value::Scalar(value) if entry.key == key => Some(value.clone()),
            _ => None,
        })
    };
    Some((scalar("name")?, scalar("value")?))
}

/// A nested list's scalars as `outer.inner` attributes, leaving out `skip`; an
/// `attribute [ name value ]` list is the attribute it names.
fn flatten(prefix: &str, list: &[Entry], attributes: &mut Vec<(String, String)>, skip: &[&str]) {
    if prefix == ATTRIBUTE
        && let Some(named) = named_attribute(list)
    {
        attributes.push(named);
        return;
    }
    for entry in list {
        let key = format!("{prefix}.{}", entry.key);
        match &entry.value {
            Value::Scalar(_) if skip.contains(&entry.key.as_str()) => {}
            Value::Scalar(value) => attributes.push((key, value.clone())),
            Value::List(inner) => flatten(&key, inner, attributes, &[]),
        }
    }
}

fn malformed(text: &str, file: &Path, offset: usize, message: &str) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: place_of(text, offset, None),
        message: message.to_owned(),
    }
}

/// A GML parser over the whole text, one list at a time.
struct Parser<'a> {
    text: &'a str,
    file: &'a Path,
    /// The byte offset read up to.
    at: usize,
}

impl Parser<'_> {
    /// The entries up to the `]` that closes the list opened at `opened` (or to the end of
    /// the text at the top level).
    fn list(&mut self, depth: usize, opened: Option<usize>) -> Result<Vec<Entry>, ImportError> {
        if depth > MAX_DEPTH {
            return Err(ImportError::Refused {
                file: self.file.to_owned(),
                place: place_of(self.text, self.at, None),
                message: format!("lists nested deeper than {MAX_DEPTH}"),
            });
        }
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            let Some(c) = self.peek() else {
                return match opened {
                    None => Ok(entries),
                    Some(opened) => Err(self.error(opened, "this \"[\" is never closed by \"]\"")),
                };
            };
            if c == ']' {
                return match opened {
                    Some(_) => {
                        self.at += 1;
                        Ok(entries)
                    }
                    None => Err(self.error(self.at, "a \"]\" that closes no list")),
                };
            }
            let offset = self.at;
            let key = self.key()?;
            self.skip_space();
            let value = match self.peek() {
                Some('[') => {
                    let opened = self.at;
                    self.at += 1;
                    Value::List(self.list(depth + 1, Some(opened))?)
                }
                Some('"') => Value::Scalar(self.string()?),
                Some(_) => Value::Scalar(self.word()),
                None => return Err(self.error(offset, &format!("{key:?} has no value"))),
            };
            entries.push(Entry { key, value, offset });
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// Skips whitespace and `#` comments to the end of their line.
    fn skip_space(&mut self) {
        loop {
            let rest = &self.text[self.at..];
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with('#') {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    /// A key: a letter, then letters, digits and underscores.
    fn key(&mut self) -> Result<String, ImportError> {
        let rest = &self.text[self.at..];
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_alphanumeric() || c == '_') || (i == 0 && !c.is_alphabetic()))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            let found = rest.chars().next().unwrap_or(' ');
            return Err(self.error(self.at, &format!("expected a key, found {found:?}")));
        }
        self.at += len;
        Ok(rest[..len].to_owned())
    }

    /// A number or another bare word, up to whitespace or a bracket.
    fn word(&mut self) -> String {
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| c.is_whitespace() || c == '[' || c == ']')
            .unwrap_or(rest.len());
        self.at += len;
        rest[..len].to_owned()
    }

    /// A quoted string, which may span lines, with its `&…;` entities decoded.
    fn string(&mut self) -> Result<String, ImportError> {
        let opened = self.at;
        let rest = &self.text[self.at + 1..];
        let Some(len) = rest.find('"') else {
            return Err(self.error(opened, "this string's closing quote is missing"));
        };
        self.at += len + 2;
        let raw = &rest[..len];
        Ok(match quick_xml::escape::unescape(raw) {
            Ok(text) => text.into_owned(),
            // An `&` that starts no entity stays as written.
            Err(_) => raw.to_owned(),
        })
    }

    fn error(&self, offset: usize, message: &str) -> ImportError {
        malformed(self.text, self.file, offset, message)
    }
}

/// Whether `name` can be a GML key: a letter, then letters, digits and underscores.
fn is_key(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` as a GML string: `&`, `"` and every character beyond ASCII as entities, as
/// networkx writes them (it reads GML as ASCII).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("&#{};", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Writes an attribute: as `name "value"` where the name is a GML key, else as an
/// `attribute [ name "…" value "…" ]` list, which [`read`] takes back as that attribute.
fn attribute(out: &mut String, indent: &str, name: &str, value: &str) {
    if is_key(name)
        && !matches!(
            name,
            "id" | "source" | "target" | "graphics" | ATTRIBUTE | POWERMAP_ID
        )
    {
        out.push_str(&format!("{indent}{name} {}\n", quoted(value)));
    } else {
        out.push_str(&format!(
            "{indent}{ATTRIBUTE} [ name {} value {} ]\n",
            quoted(name),
            quoted(value)
        ));
    }
}

/// The key of a list that carries an attribute whose name is no GML key.
const ATTRIBUTE: &str = "attribute";

/// The key powermap writes an entity's id under: GML ids are numbers for igraph.
const POWERMAP_ID: &str = "powermap_id";

/// The network as GML, as networkx's `read_gml` and igraph read it: a multigraph whose
/// nodes are numbered (igraph reads only numbers as ids) and keep powermap's ids as
/// `powermap_id`, and whose nodes and edges keep their names and powermap's fields as
/// attributes.
pub(crate) fn write(graph: &OutGraph) -> String {
    let mut out = String::from("Creator \"powermap\"\ngraph [\n  directed 0\n  multigraph 1\n");
    for (name, value) in [
        ("label", &graph.title),
        ("comment", &graph.description),
        ("label_language", &graph.label_language),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("  {name} {}\n", quoted(value)));
        }
    }
    let numbers: HashMap<&str, usize> = (graph.nodes.iter().enumerate())
        .map(|(number, node)| (node.id.as_str(), number))
        .collect();
    for (number, node) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "  node [\n    id {number}\n    {POWERMAP_ID} {}\n",
            quoted(&node.id)
        ));
        out.push_str(&format!("    label {}\n", quoted(&node.label)));
        if let Some(Position { x, y }) = node.position {
            out.push_str(&format!("    graphics [ x {x} y {y} ]\n"));
        }
        for (name, value) in &node.attributes {
            attribute(&mut out, "    ", name, &value.text());
        }
        out.push_str("  ]\n");
    }
    for edge in &graph.edges {
        out.push_str(&format!(
            "  edge [\n    id {}\n    source {}\n    target {}\n",
            quoted(&edge.id),
            numbers[edge.source.as_str()],
            numbers[edge.target.as_str()]
        ));
        for (name, value) in &edge.attributes {
            attribute(&mut out, "    ", name, &value.text());
        }
        out.push_str("  ]\n");
    }
    out.push_str("]\n");
    out
}

/// GML (graph [ … ]).
pub(crate) struct GmlReader;

impl Reader for GmlReader {
    fn format(&self) -> Format {
        Format::Gml
    }

    fn describe(&self) -> &'static str {
        "GML (graph [ … ])"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".gml"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        looks_like_gml(probe.text()).then_some(Fit::Sure)
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        input.map_text(report, read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn read_text(text: &str) -> Result<RawGraph, ImportError> {
        let file = Path::new("test.gml");
        read(text, file, &mut ImportReport::new(file, Format::Gml))
    }

    #[test]
    fn nodes_edges_positions_and_entities_are_read() {
        let raw = read_text(
            "Creator \"igraph\"\n# a comment\ngraph [\n  directed 0\n  label \"Chips\"\n  \
             node [ id 1 label \"Lee Jae-yong\" graphics [ x 1.5 y -2 w 10 ] ]\n  \
             node [ id 2 label \"&#51060;&#51116;&#50857; &amp; co\" ]\n  \
             edge [ source 1 target 2 label \"met\" ]\n  \
             edge [ source 1 target 2 label \"met again\" ]\n]\n",
        )
        .expect("reads");
        assert_eq!(raw.title.as_deref(), Some("Chips"));
        assert_eq!(raw.nodes.len(), 2);
        assert_eq!(raw.nodes[0].id, "1");
        assert_eq!(raw.nodes[0].position, Some(Position { x: 1.5, y: -2.0 }));
        assert!(
            raw.nodes[0]
                .attributes
                .contains(&("graphics.w".to_owned(), "10".to_owned()))
        );
        let label = |node: &RawNode| {
            node.attributes
                .iter()
                .find(|(k, _)| k == "label")
                .map(|(_, v)| v.clone())
        };
        assert_eq!(label(&raw.nodes[1]).as_deref(), Some("이재용 & co"));
        assert_eq!(raw.edges.len(), 2, "repeated edges are kept");
        assert_eq!(raw.edges[1].endpoints, ["1", "2"]);
    }

    #[test]
    fn broken_gml_is_located() {
        let err = read_text("graph [\n  node [ id 1\n").expect_err("unclosed");
        let message = err.to_string();
        assert!(
            message.contains("line 2") && message.contains("never closed"),
            "{message}"
        );
        let err = read_text("graph [ node [ label \"open ] ]").expect_err("unclosed string");
        assert!(err.to_string().contains("closing quote"), "{err}");
        let err = read_text("graph [ 12 ]").expect_err("no key");
        assert!(err.to_string().contains("expected a key"), "{err}");
    }

    #[test]
    fn gml_is_recognised_by_its_graph_list() {
        assert!(looks_like_gml("graph [ ]"));
        assert!(looks_like_gml("Creator \"networkx\"\ngraph\n[\n]"));
        assert!(looks_like_gml("# c\nVersion 1\ngraph ["));
        assert!(!looks_like_gml("Id,Label\n1,a"));
        assert!(!looks_like_gml("graphs [ ]"));
    }
}
