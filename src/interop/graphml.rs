//! GraphML: `<key>` declarations with defaults and `<data>` values, directed or not,
//! nested graphs (flattened, children keep a `parent`), hyperedges (one tie among all
//! their endpoints), and the variants Gephi (`label`, `x`, `y`, `r` `g` `b`), yEd
//! (`y:ShapeNode` with `y:NodeLabel` and `y:Geometry`, `y:EdgeLabel`) and graph-tool
//! (hexadecimal floats, `pos` vectors, `_graphml_vertex_id`) write. Writes plain GraphML.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::network::model::Position;

use super::ImportError;
use super::mapping::{
    DIRECTED_NOTE, OutGraph, OutValue, RawEdge, RawGraph, RawNode, parse_number, turn_y,
};
use super::report::{Finding, ImportReport};
use super::xml::{Element, XmlReader, escape};
use crate::interop::reader::{self, Fit, Input, Probe};
use crate::interop::{Format, mapping};
use crate::network::model::Network;

/// A `<key>`: the attribute it declares.
#[derive(Debug)]
struct Key {
    name: String,
    /// `node`, `edge`, `graph`, `all`…
    domain: String,
    /// `attr.type`: `string`, `double`, graph-tool's `vector_float`…
    kind: String,
    /// yEd's `yfiles.type`: `nodegraphics`, `edgegraphics`, `resources`…
    yfiles: Option<String>,
    default: Option<String>,
}

impl Key {
    fn applies_to(&self, domain: &str) -> bool {
        self.domain == domain || self.domain == "all"
    }
}

/// Rewrites graph-tool's hexadecimal floats (`0x1.8p+1`, also in `, `-separated vectors)
/// as decimals.
fn decimal_numbers(value: &str) -> String {
    if !value.contains("0x") && !value.contains("0X") {
        return value.to_owned();
    }
    value
        .split(", ")
        .map(|part| parse_number(part).map_or_else(|| part.to_owned(), |number| number.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The drawing yEd shows for a node: a folder or a group (`y:ProxyAutoBoundsNode`) holds
/// one realizer for each state, open and closed, and `active` says which is shown.
fn shown_realizer(data: &Element) -> &Element {
    let Some(realizers) = data.find("Realizers") else {
        return data;
    };
    let active = realizers
        .attr("active")
        .and_then(|active| active.trim().parse::<usize>().ok())
        .unwrap_or(0);
    realizers
        .children
        .get(active)
        .or(realizers.children.first())
        .unwrap_or(data)
}

/// yEd's drawing of a node: its label, the centre of its box, its fill colour.
fn yed_node(data: &Element, attributes: &mut Vec<(String, String)>) -> Option<Position> {
    let data = shown_realizer(data);
    if let Some(label) = first_label(data, "NodeLabel") {
        attributes.push(("label".to_owned(), label));
    }
    if let Some(fill) = data.find("Fill").and_then(|fill| fill.attr("color")) {
        attributes.push(("color".to_owned(), fill.to_owned()));
    }
    let geometry = data.find("Geometry")?;
    let number = |name: &str| geometry.attr(name).and_then(parse_number);
    Some(Position {
        x: number("x")? + number("width").unwrap_or(0.0) / 2.0,
        y: number("y")? + number("height").unwrap_or(0.0) / 2.0,
    })
}

/// The text of the first non-empty label element named `local` (yEd).
fn first_label(element: &Element, local: &str) -> Option<String> {
    if element.local() == local && !element.text.trim().is_empty() {
        return Some(element.text.trim().to_owned());
    }
    element
        .children
        .iter()
        .find_map(|child| first_label(child, local))
}

struct Reader<'a> {
    file: &'a Path,
    keys: HashMap<String, Key>,
    graph: RawGraph,
}

impl Reader<'_> {
    /// The `<data>` of an element as attributes, then the defaults of keys not given.
    fn data(
        &self,
        element: &Element,
        domain: &str,
        attributes: &mut Vec<(String, String)>,
        report: &mut ImportReport,
    ) -> Option<Position> {
        let mut position = None;
        let mut given = HashSet::new();
        for data in element.children_named("data") {
            let Some(id) = data.attr("key") else {
                continue;
            };
            given.insert(id.to_owned());
            let Some(key) = self.keys.get(id) else {
                report.record(Finding::UnreadableValue, || {
                    format!(
                        "<data> at {} for {id:?}, which no <key> declares: kept under that name",
                        data.place
                    )
                });
                attributes.push((id.to_owned(), data.text.trim().to_owned()));
                continue;
            };
            match key.yfiles.as_deref() {
                Some("nodegraphics") => position = yed_node(data, attributes).or(position),
                Some("edgegraphics") => {
                    if let Some(label) = first_label(data, "EdgeLabel") {
                        attributes.push(("label".to_owned(), label));
                    }
                }
                Some(_) => {}
                None if !data.children.is_empty() => {
                    let (name, place) = (key.name.clone(), data.place.clone());
                    report.record(Finding::Ignored, || {
                        format!("<data> {name:?} at {place}: XML inside a value is not read")
                    });
                }
                None => {
                    let value = if key.kind.contains("float") || key.kind.contains("double") {
                        decimal_numbers(&data.text)
                    } else {
                        data.text.clone()
                    };
                    attributes.push((key.name.clone(), value));
                }
            }
        }
        let mut defaults: Vec<(&String, &Key)> = self
            .keys
            .iter()
            .filter(|(id, key)| key.applies_to(domain) && !given.contains(*id))
            .collect();
        defaults.sort_by(|a, b| a.0.cmp(b.0));
        for (_, key) in defaults {
            if let Some(default) = &key.default {
                attributes.push((key.name.clone(), default.clone()));
            }
        }
        position
    }

    fn node(
        &mut self,
        element: &Element,
        parent: Option<&str>,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        let id = element.attr("id").unwrap_or("").to_owned();
        let mut attributes = Vec::new();
        if let Some(parent) = parent {
            attributes.push(("parent".to_owned(), parent.to_owned()));
        }
        let position = self.data(element, "node", &mut attributes, report);
        gephi_color(&mut attributes);
        self.graph.push_node(
            RawNode {
                id: id.clone(),
                attributes,
                position,
                place: element.place.clone(),
            },
            self.file,
        )?;
        for nested in element.children_named("graph") {
            self.graph_children(nested, Some(&id), report)?;
        }
        Ok(())
    }

    fn edge(&mut self, element: &Element, report: &mut ImportReport) -> Result<(), ImportError> {
        let endpoints = if element.local() == "hyperedge" {
            element
                .children_named("endpoint")
                .map(|end| end.attr("node").unwrap_or("").to_owned())
                .collect()
        } else {
            let end = |name: &str| element.attr(name).unwrap_or("").to_owned();
            vec![end("source"), end("target")]
        };
        let mut attributes = Vec::new();
        self.data(element, "edge", &mut attributes, report);
        self.graph.push_edge(
            RawEdge {
                id: element.attr("id").map(str::to_owned),
                endpoints,
                attributes,
                place: element.place.clone(),
            },
            self.file,
        )
    }

    /// The nodes and edges of a graph nested in a node.
    fn graph_children(
        &mut self,
        graph: &Element,
        parent: Option<&str>,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        for child in &graph.children {
            match child.local() {
                "node" => self.node(child, parent, report)?,
                "edge" | "hyperedge" => self.edge(child, report)?,
                _ => {}
            }
        }
        Ok(())
    }
}

/// Gephi writes colours as three attributes `r`, `g`, `b`: joined into `color`.
fn gephi_color(attributes: &mut Vec<(String, String)>) {
    let channel = |name: &str| {
        attributes
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| value.trim().parse::<u8>().ok())
    };
    if let (Some(r), Some(g), Some(b)) = (channel("r"), channel("g"), channel("b")) {
        attributes.retain(|(key, _)| !matches!(key.as_str(), "r" | "g" | "b"));
        attributes.push(("color".to_owned(), format!("#{r:02x}{g:02x}{b:02x}")));
    }
}

/// graph-tool writes its own ids (`n0`, `n1`) and keeps a file's original ones in
/// `_graphml_vertex_id` and `_graphml_edge_id`: those become the ids again.
fn graph_tool_ids(graph: &mut RawGraph, report: &mut ImportReport) {
    let take = |attributes: &mut Vec<(String, String)>, name: &str| {
        let at = attributes.iter().position(|(key, _)| key == name)?;
        Some(attributes.remove(at).1)
    };
    let original: Vec<Option<String>> = graph
        .nodes
        .iter()
        .map(|node| {
            node.attributes
                .iter()
                .find(|(key, _)| key == "_graphml_vertex_id")
                .map(|(_, value)| value.clone())
        })
        .collect();
    let unique: HashSet<&String> = original.iter().flatten().collect();
    if original.iter().any(Option::is_none) || unique.len() != original.len() {
        return;
    }
    let mut renamed = HashMap::new();
    for node in &mut graph.nodes {
        if let Some(id) = take(&mut node.attributes, "_graphml_vertex_id") {
            renamed.insert(std::mem::replace(&mut node.id, id.clone()), id);
        }
    }
    for edge in &mut graph.edges {
        for end in &mut edge.endpoints {
            if let Some(id) = renamed.get(end) {
                end.clone_from(id);
            }
        }
        if let Some(id) = take(&mut edge.attributes, "_graphml_edge_id") {
            edge.id = Some(id);
        }
    }
    report.note("graph-tool's _graphml_vertex_id and _graphml_edge_id were used as the ids");
}

/// Reads a GraphML document.
pub(crate) fn read(
    text: &str,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let mut xml = XmlReader::new(text, file);
    let (root, empty) = xml.root_named("graphml", report)?;
    let mut reader = Reader {
        file,
        keys: HashMap::new(),
        graph: RawGraph {
            // `x` and `y` keys are Gephi's, whose y axis points up.
            y_axis_up: true,
            ..RawGraph::default()
        },
    };
    let mut graphs = 0usize;
    let mut directed = false;
    xml.each_element(empty, report, |xml, element, empty, report| {
        match element.local() {
            "key" => {
                let key = xml.subtree(element, empty, report)?;
                let Some(id) = key.attr("id") else {
                    return Ok(());
                };
                let default = key
                    .children_named("default")
                    .next()
                    .map(|default| default.text.clone());
                reader.keys.insert(
                    id.to_owned(),
                    Key {
                        name: key.attr("attr.name").unwrap_or(id).to_owned(),
                        domain: key.attr("for").unwrap_or("all").to_lowercase(),
                        kind: key.attr("attr.type").unwrap_or("string").to_lowercase(),
                        yfiles: key.attr("yfiles.type").map(str::to_lowercase),
                        default,
                    },
                );
            }
            "graph" => {
                graphs += 1;
                directed |= element.attr("edgedefault") == Some("directed");
            }
            "data" => {
                let data = xml.subtree(element, empty, report)?;
                let Some(key) = data.attr("key").and_then(|id| reader.keys.get(id)) else {
                    return Ok(());
                };
                let value = Some(data.text.trim().to_owned()).filter(|v| !v.is_empty());
                match key.name.to_lowercase().as_str() {
                    _ if key.yfiles.is_some() => {}
                    "title" | "name" if reader.graph.title.is_none() => {
                        reader.graph.title = value;
                    }
                    "description" => reader.graph.description = value,
                    // Only powermap writes the label language.
                    "label_language" => {
                        reader.graph.written_by_powermap = true;
                        reader.graph.label_language = value;
                    }
                    _ => {
                        let (name, place) = (key.name.clone(), data.place.clone());
                        report.record(Finding::Ignored, || {
                            format!("<data> {name:?} at {place}: attributes of the whole graph are not read")
                        });
                    }
                }
            }
            "node" => {
                let node = xml.subtree(element, empty, report)?;
                reader.node(&node, None, report)?;
            }
            "edge" | "hyperedge" => {
                let edge = xml.subtree(element, empty, report)?;
                reader.edge(&edge, report)?;
            }
            "desc" => xml.skip(empty, report)?,
            "locator" => xml.ignore(
                &element,
                empty,
                Some("a reference to another file, never fetched"),
                report,
            )?,
            _ => xml.ignore(&element, empty, None, report)?,
        }
        Ok(())
    })?;
    if graphs == 0 {
        return Err(xml.malformed_at(&root, "the GraphML document has no <graph>"));
    }
    if directed {
        report.note(DIRECTED_NOTE);
    }
    graph_tool_ids(&mut reader.graph, report);
    Ok(reader.graph)
}

/// Declares keys for the attributes `items` use, in first-use order.
fn declare<'a>(
    out: &mut String,
    domain: &str,
    prefix: &str,
    items: impl Iterator<Item = &'a Vec<(String, OutValue)>>,
) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    for attributes in items {
        for (name, _) in attributes {
            if !ids.contains_key(name) {
                let id = format!("{prefix}{}", ids.len());
                out.push_str(&format!(
                    "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"string\"/>\n",
                    escape(name)
                ));
                ids.insert(name.clone(), id);
            }
        }
    }
    ids
}

fn data(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!(
        "      <data key=\"{key}\">{}</data>\n",
        escape(value)
    ));
}

/// The network as GraphML, with `label`, `x` and `y` as Gephi reads them.
pub(crate) fn write(graph: &OutGraph) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let graph_data: Vec<(&str, &str)> = [
        ("title", graph.title.as_str()),
        ("description", graph.description.as_str()),
        ("label_language", graph.label_language.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect();
    for (i, (name, _)) in graph_data.iter().enumerate() {
        out.push_str(&format!(
            "  <key id=\"g{i}\" for=\"graph\" attr.name=\"{name}\" attr.type=\"string\"/>\n"
        ));
    }
    out.push_str("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    let positioned = graph.nodes.iter().any(|node| node.position.is_some());
    if positioned {
        out.push_str("  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n");
        out.push_str("  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n");
    }
    let node_keys = declare(
        &mut out,
        "node",
        "n",
        graph.nodes.iter().map(|n| &n.attributes),
    );
    let edge_keys = declare(
        &mut out,
        "edge",
        "e",
        graph.edges.iter().map(|e| &e.attributes),
    );
    out.push_str("  <graph id=\"G\" edgedefault=\"undirected\">\n");
    for (i, (_, value)) in graph_data.iter().enumerate() {
        out.push_str(&format!(
            "    <data key=\"g{i}\">{}</data>\n",
            escape(value)
        ));
    }
    for node in &graph.nodes {
        out.push_str(&format!("    <node id=\"{}\">\n", escape(&node.id)));
        data(&mut out, "label", &node.label);
        if let Some(position) = node.position.map(turn_y) {
            data(&mut out, "x", &position.x.to_string());
            data(&mut out, "y", &position.y.to_string());
        }
        for (name, value) in &node.attributes {
            if let Some(key) = node_keys.get(name) {
                data(&mut out, key, &value.text());
            }
        }
        out.push_str("    </node>\n");
    }
    for edge in &graph.edges {
        out.push_str(&format!(
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">\n",
            escape(&edge.id),
            escape(&edge.source),
            escape(&edge.target)
        ));
        for (name, value) in &edge.attributes {
            if let Some(key) = edge_keys.get(name) {
                data(&mut out, key, &value.text());
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// GraphML (a <graphml> root).
pub(crate) struct GraphMlReader;

impl reader::Reader for GraphMlReader {
    fn format(&self) -> Format {
        Format::GraphMl
    }

    fn describe(&self) -> &'static str {
        "GraphML (a <graphml> root)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".graphml"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        (probe.xml_root()? == "graphml").then_some(Fit::Sure)
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        let raw = read(input.text, input.file, report)?;
        mapping::build(raw, input.file, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Format;

    fn read_text(text: &str) -> (RawGraph, ImportReport) {
        let mut report = ImportReport::new(Path::new("t.graphml"), Format::GraphMl);
        let graph = read(text, Path::new("t.graphml"), &mut report).expect("reads");
        (graph, report)
    }

    #[test]
    fn reads_keys_defaults_and_gephi_colours() {
        let (graph, _) = read_text(
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="k" for="node" attr.name="kind" attr.type="string"><default>company</default></key>
  <key id="r" for="node" attr.name="r" attr.type="int"/>
  <key id="g" for="node" attr.name="g" attr.type="int"/>
  <key id="b" for="node" attr.name="b" attr.type="int"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="label">Acme</data><data key="r">255</data><data key="g">128</data><data key="b">0</data></node>
    <node id="b"><data key="k">person</data></node>
  </graph>
</graphml>"#,
        );
        let a = &graph.nodes[0].attributes;
        assert!(
            a.contains(&("kind".to_owned(), "company".to_owned())),
            "{a:?}"
        );
        assert!(
            a.contains(&("color".to_owned(), "#ff8000".to_owned())),
            "{a:?}"
        );
        assert!(!a.iter().any(|(name, _)| name == "r"));
        let b = &graph.nodes[1].attributes;
        assert_eq!(b, &[("kind".to_owned(), "person".to_owned())]);
    }

    #[test]
    fn reads_graph_tool_hex_floats_and_ids() {
        let (graph, report) = read_text(
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="key0" for="node" attr.name="pos" attr.type="vector_float"/>
  <key id="key1" for="node" attr.name="_graphml_vertex_id" attr.type="string"/>
  <key id="key2" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="directed" parse.nodeids="canonical" parse.edgeids="canonical" parse.order="nodesfirst">
    <node id="n0"><data key="key0">0x1.8p+1, -0x1p+0</data><data key="key1">samsung</data></node>
    <node id="n1"><data key="key1">openai</data></node>
    <edge id="e0" source="n0" target="n1"><data key="key2">0x1.4p+1</data></edge>
  </graph>
</graphml>"#,
        );
        assert_eq!(graph.nodes[0].id, "samsung");
        assert!(
            graph.nodes[0]
                .attributes
                .contains(&("pos".to_owned(), "3, -1".to_owned()))
        );
        assert_eq!(graph.edges[0].endpoints, ["samsung", "openai"]);
        assert!(
            graph.edges[0]
                .attributes
                .contains(&("weight".to_owned(), "2.5".to_owned()))
        );
        assert!(report.notes.iter().any(|note| note.contains("graph-tool")));
        assert!(report.notes.iter().any(|note| note.contains("directed")));
    }

    #[test]
    fn hyperedges_join_all_their_endpoints() {
        let (graph, _) = read_text(
            r#"<graphml><graph><node id="a"/><node id="b"/><node id="c"/>
                <hyperedge id="h"><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>
               </graph></graphml>"#,
        );
        assert_eq!(graph.edges[0].endpoints, ["a", "b", "c"]);
    }
}
