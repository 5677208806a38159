//! GEXF, Gephi's format, versions 1.1 to 1.3: attributes declared in
//! `<attributes class="node|edge">` with defaults and valued in `<attvalues>`,
//! `viz:position`, `viz:color`, `viz:size`, hierarchy (nodes inside nodes), and the
//! dynamics of static and dynamic graphs (`start`, `end`, `timestamp`, `timestamps`,
//! `intervals`, `<spells>`), which become tie dates where they are one date. Writes
//! GEXF 1.3 with tie dates as spells, so Gephi's timeline shows them.

use std::collections::HashMap;
use std::path::Path;

use crate::network::date::{PartialDate, days_in_month};
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

/// A declared attribute: its title and default value.
#[derive(Debug, Default)]
struct Declared {
    /// id → (title, default), in declaration order.
    order: Vec<String>,
    titles: HashMap<String, (String, Option<String>)>,
}

impl Declared {
    fn add(&mut self, element: &Element) {
        let Some(id) = element.attr("id") else {
            return;
        };
        let title = element.attr("title").unwrap_or(id).to_owned();
        let default = element
            .children_named("default")
            .next()
            .map(|default| default.text.trim().to_owned())
            .filter(|default| !default.is_empty());
        if !self.titles.contains_key(id) {
            self.order.push(id.to_owned());
        }
        self.titles.insert(id.to_owned(), (title, default));
    }
}

/// The time attributes GEXF puts on nodes and edges, read under the names the mapping
/// knows; `startopen`/`endopen` are GEXF 1.2's open bounds.
const TIME_ATTRIBUTES: &[(&str, &str)] = &[
    ("start", "start"),
    ("startopen", "start"),
    ("end", "end"),
    ("endopen", "end"),
    ("timestamp", "timestamp"),
    ("timestamps", "timestamps"),
    ("intervals", "intervals"),
];

struct Reader<'a> {
    file: &'a Path,
    nodes: Declared,
    edges: Declared,
    graph: RawGraph,
}

/// `<spells>` (or GEXF 1.1's `<slices>`) as one set of times: `<[start, end]; [t]>`.
fn spells(element: &Element) -> String {
    let items: Vec<String> = element
        .children
        .iter()
        .map(|spell| match spell.attr("timestamp") {
            Some(timestamp) => format!("[{timestamp}]"),
            None => format!(
                "[{}, {}]",
                spell
                    .attr("start")
                    .or(spell.attr("startopen"))
                    .unwrap_or(""),
                spell.attr("end").or(spell.attr("endopen")).unwrap_or("")
            ),
        })
        .collect();
    format!("<{}>", items.join("; "))
}

/// `viz:color` as `#rrggbb`, from GEXF 1.3's `hex` or from `r`, `g`, `b`.
fn color(element: &Element) -> Option<String> {
    if let Some(hex) = element.attr("hex") {
        return Some(hex.to_owned());
    }
    let channel = |name: &str| element.attr(name)?.trim().parse::<u8>().ok();
    Some(format!(
        "#{:02x}{:02x}{:02x}",
        channel("r")?,
        channel("g")?,
        channel("b")?
    ))
}

impl Reader<'_> {
    /// Attribute values, with the declared defaults for those not given.
    fn attvalues(
        &self,
        element: &Element,
        declared: &Declared,
        attributes: &mut Vec<(String, String)>,
        report: &mut ImportReport,
    ) {
        let mut given = Vec::new();
        for values in element.children_named("attvalues") {
            for value in values.children_named("attvalue") {
                let Some(key) = value.attr("for").or(value.attr("id")) else {
                    continue;
                };
                given.push(key.to_owned());
                let name = match declared.titles.get(key) {
                    Some((title, _)) => title.clone(),
                    None => {
                        report.record(Finding::UnreadableValue, || {
                            format!(
                                "attvalue at {} for {key:?}, which no <attribute> declares: kept under that name",
                                value.place
                            )
                        });
                        key.to_owned()
                    }
                };
                attributes.push((name, value.attr("value").unwrap_or("").to_owned()));
            }
        }
        for id in &declared.order {
            if let Some((title, Some(default))) = declared.titles.get(id)
                && !given.contains(id)
            {
                attributes.push((title.clone(), default.clone()));
            }
        }
    }

    fn time_attributes(element: &Element, attributes: &mut Vec<(String, String)>) {
        for (xml, name) in TIME_ATTRIBUTES {
            if let Some(value) = element.attr(xml) {
                attributes.push(((*name).to_owned(), value.to_owned()));
            }
        }
        for child in &element.children {
            if matches!(child.local(), "spells" | "slices") {
                attributes.push(("spells".to_owned(), spells(child)));
            }
        }
    }

    fn viz(element: &Element, attributes: &mut Vec<(String, String)>) {
        for child in &element.children {
            let value = match child.local() {
                "color" => color(child),
                "size" | "thickness" | "shape" => child.attr("value").map(str::to_owned),
                _ => None,
            };
            if let Some(value) = value {
                attributes.push((child.local().to_owned(), value));
            }
        }
    }

    fn node(
        &mut self,
        element: &Element,
        parent: Option<&str>,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        let id = element.attr("id").unwrap_or("").to_owned();
        let mut attributes = Vec::new();
        if let Some(label) = element.attr("label") {
            attributes.push(("label".to_owned(), label.to_owned()));
        }
        if let Some(parent) = parent.or(element.attr("pid")) {
            attributes.push(("parent".to_owned(), parent.to_owned()));
        }
        self.attvalues(element, &self.nodes, &mut attributes, report);
        Self::time_attributes(element, &mut attributes);
        Self::viz(element, &mut attributes);
        let position = element.children_named("position").next().and_then(|at| {
            let coordinate = |axis: &str| at.attr(axis).and_then(parse_number);
            match (coordinate("x"), coordinate("y")) {
                // Gephi's y axis points up.
                (Some(x), Some(y)) => Some(turn_y(Position { x, y })),
                _ => {
                    report.record(Finding::UnreadablePosition, || {
                        format!("node {id:?} at {}", at.place)
                    });
                    None
                }
            }
        });
        self.graph.push_node(
            RawNode {
                id: id.clone(),
                attributes,
                position,
                place: element.place.clone(),
            },
            self.file,
        )?;
        for child in element.children_named("nodes") {
            for node in child.children_named("node") {
                self.node(node, Some(&id), report)?;
            }
        }
        for child in element.children_named("edges") {
            for edge in child.children_named("edge") {
                self.edge(edge, report)?;
            }
        }
        Ok(())
    }

    fn edge(&mut self, element: &Element, report: &mut ImportReport) -> Result<(), ImportError> {
        let mut attributes = Vec::new();
        for name in ["label", "type", "kind"] {
            if let Some(value) = element.attr(name) {
                attributes.push((name.to_owned(), value.to_owned()));
            }
        }
        // GEXF's default weight says nothing; other weights are kept.
        if let Some(weight) = element.attr("weight")
            && parse_number(weight) != Some(1.0)
        {
            attributes.push(("weight".to_owned(), weight.to_owned()));
        }
        self.attvalues(element, &self.edges, &mut attributes, report);
        Self::time_attributes(element, &mut attributes);
        Self::viz(element, &mut attributes);
        let end = |name: &str| element.attr(name).unwrap_or("").to_owned();
        self.graph.push_edge(
            RawEdge {
                id: element.attr("id").map(str::to_owned),
                endpoints: vec![end("source"), end("target")],
                attributes,
                place: element.place.clone(),
            },
            self.file,
        )
    }
}

/// Reads a GEXF document.
pub(crate) fn read(
    text: &str,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let mut xml = XmlReader::new(text, file);
    let (root, empty) = xml.root_named("gexf", report)?;
    report.format_version = root.attr("version").map(str::to_owned);
    let mut reader = Reader {
        file,
        nodes: Declared::default(),
        edges: Declared::default(),
        graph: RawGraph::default(),
    };
    let mut class_is_edge = false;
    let mut graphs = 0usize;
    xml.each_element(empty, report, |xml, element, empty, report| {
        match element.local() {
            "meta" => {
                let meta = xml.subtree(element, empty, report)?;
                for child in &meta.children {
                    let text = child.text.trim().to_owned();
                    // Some GEXF 1.1 files write `<Title>` and `<Creator>`.
                    match child.local().to_ascii_lowercase().as_str() {
                        "description" if !text.is_empty() => {
                            reader.graph.description = Some(text);
                        }
                        "title" if !text.is_empty() => reader.graph.title = Some(text),
                        "creator" if text == "powermap" => {
                            reader.graph.written_by_powermap = true;
                        }
                        _ => {}
                    }
                }
            }
            "graph" => {
                graphs += 1;
                if element.attr("defaultedgetype") == Some("directed") {
                    report.note(DIRECTED_NOTE);
                }
                if element.attr("mode") == Some("dynamic") || element.attr("timeformat").is_some() {
                    report.note(format!(
                        "a dynamic graph (time format {}): times on edges became tie \
                         dates where they are dates; other times are kept as attributes",
                        element.attr("timeformat").unwrap_or("double")
                    ));
                }
            }
            "attributes" => {
                class_is_edge = element.attr("class") == Some("edge");
            }
            "attribute" => {
                let declaration = xml.subtree(element, empty, report)?;
                if class_is_edge {
                    reader.edges.add(&declaration);
                } else {
                    reader.nodes.add(&declaration);
                }
            }
            "nodes" | "edges" => {}
            "node" => {
                let node = xml.subtree(element, empty, report)?;
                reader.node(&node, None, report)?;
            }
            "edge" => {
                let edge = xml.subtree(element, empty, report)?;
                reader.edge(&edge, report)?;
            }
            _ => xml.ignore(&element, empty, None, report)?,
        }
        Ok(())
    })?;
    if graphs == 0 {
        return Err(xml.malformed_at(&root, "the GEXF document has no <graph>"));
    }
    Ok(reader.graph)
}

/// The first and last days a date covers, as GEXF dates.
fn day_span(date: PartialDate) -> (String, String) {
    let year = date.year_number();
    let first_month = date.month_number().unwrap_or(1);
    let last_month = date.month_number().unwrap_or(12);
    let first_day = date.day_number().unwrap_or(1);
    let last_day = date
        .day_number()
        .unwrap_or_else(|| days_in_month(year, last_month));
    (
        format!("{year:04}-{first_month:02}-{first_day:02}"),
        format!("{year:04}-{last_month:02}-{last_day:02}"),
    )
}

/// Declares the attributes that `items` use, in first-use order, numbering their ids.
fn declare<'a>(
    out: &mut String,
    class: &str,
    items: impl Iterator<Item = &'a Vec<(String, OutValue)>>,
) -> HashMap<String, usize> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut titles = Vec::new();
    for attributes in items {
        for (name, _) in attributes {
            if !ids.contains_key(name) {
                ids.insert(name.clone(), titles.len());
                titles.push(name.clone());
            }
        }
    }
    if !titles.is_empty() {
        out.push_str(&format!(
            "    <attributes class=\"{class}\" mode=\"static\">\n"
        ));
        for (id, title) in titles.iter().enumerate() {
            out.push_str(&format!(
                "      <attribute id=\"{id}\" title=\"{}\" type=\"string\"/>\n",
                escape(title)
            ));
        }
        out.push_str("    </attributes>\n");
    }
    ids
}

fn attvalues(out: &mut String, ids: &HashMap<String, usize>, attributes: &[(String, OutValue)]) {
    if attributes.is_empty() {
        return;
    }
    out.push_str("        <attvalues>\n");
    for (name, value) in attributes {
        if let Some(id) = ids.get(name) {
            out.push_str(&format!(
                "          <attvalue for=\"{id}\" value=\"{}\"/>\n",
                escape(&value.text())
            ));
        }
    }
    out.push_str("        </attvalues>\n");
}

/// The network as GEXF 1.3.
pub(crate) fn write(graph: &OutGraph) -> String {
    let dated = graph.edges.iter().any(|edge| edge.date.is_some());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n\
         \x20 <meta>\n    <creator>powermap</creator>\n",
    );
    if !graph.description.is_empty() {
        out.push_str(&format!(
            "    <description>{}</description>\n",
            escape(&graph.description)
        ));
    }
    out.push_str("  </meta>\n");
    if dated {
        out.push_str(
            "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n",
        );
    } else {
        out.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    }
    let node_ids = declare(
        &mut out,
        "node",
        graph.nodes.iter().map(|node| &node.attributes),
    );
    let edge_ids = declare(
        &mut out,
        "edge",
        graph.edges.iter().map(|edge| &edge.attributes),
    );
    out.push_str("    <nodes>\n");
    for node in &graph.nodes {
        out.push_str(&format!(
            "      <node id=\"{}\" label=\"{}\">\n",
            escape(&node.id),
            escape(&node.label)
        ));
        attvalues(&mut out, &node_ids, &node.attributes);
        if let Some(position) = node.position.map(turn_y) {
            out.push_str(&format!(
                "        <viz:position x=\"{}\" y=\"{}\" z=\"0\"/>\n",
                position.x, position.y
            ));
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for edge in &graph.edges {
        out.push_str(&format!(
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\"",
            escape(&edge.id),
            escape(&edge.source),
            escape(&edge.target)
        ));
        if let Some(date) = edge.date {
            let (start, end) = day_span(date);
            out.push_str(&format!(" start=\"{start}\" end=\"{end}\""));
        }
        out.push_str(">\n");
        attvalues(&mut out, &edge_ids, &edge.attributes);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// GEXF (a <gexf> root).
pub(crate) struct GexfReader;

impl reader::Reader for GexfReader {
    fn format(&self) -> Format {
        Format::Gexf
    }

    fn describe(&self) -> &'static str {
        "GEXF (a <gexf> root)"
    }

    fn endings(&self) -> &'static [&'static str] {
        &[".gexf"]
    }

    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        (probe.xml_root()? == "gexf").then_some(Fit::Sure)
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

    fn read_text(text: &str) -> Result<(RawGraph, ImportReport), ImportError> {
        let mut report = ImportReport::new(Path::new("t.gexf"), Format::Gexf);
        let graph = read(text, Path::new("t.gexf"), &mut report)?;
        Ok((graph, report))
    }

    #[test]
    fn reads_attributes_defaults_viz_and_spells() {
        let (graph, report) = read_text(
            r##"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph mode="dynamic" timeformat="date">
    <attributes class="node"><attribute id="0" title="kind" type="string"><default>person</default></attribute></attributes>
    <attributes class="edge"><attribute id="0" title="kind" type="string"/></attributes>
    <nodes>
      <node id="a" label="Ada"><viz:position x="1.5" y="-2" z="0"/><viz:color r="255" g="0" b="16"/><viz:size value="4"/></node>
      <node id="b" label="Acme"><attvalues><attvalue for="0" value="company"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="e" source="a" target="b" weight="1.0"><attvalues><attvalue for="0" value="meeting"/></attvalues>
        <spells><spell start="2025-03-04" end="2025-03-04"/><spell timestamp="2025-05-01"/></spells></edge>
    </edges>
  </graph>
</gexf>"##,
        )
        .expect("reads");
        assert_eq!(report.format_version.as_deref(), Some("1.3"));
        let a = &graph.nodes[0];
        assert_eq!(
            a.position,
            Some(Position { x: 1.5, y: 2.0 }),
            "Gephi's y axis points up"
        );
        assert!(
            a.attributes
                .contains(&("kind".to_owned(), "person".to_owned()))
        );
        assert!(
            a.attributes
                .contains(&("color".to_owned(), "#ff0010".to_owned()))
        );
        assert!(a.attributes.contains(&("size".to_owned(), "4".to_owned())));
        assert!(
            graph.nodes[1]
                .attributes
                .contains(&("kind".to_owned(), "company".to_owned()))
        );
        let edge = &graph.edges[0];
        assert!(!edge.attributes.iter().any(|(name, _)| name == "weight"));
        assert!(edge.attributes.contains(&(
            "spells".to_owned(),
            "<[2025-03-04, 2025-03-04]; [2025-05-01]>".to_owned()
        )));
    }

    #[test]
    fn hierarchy_flattens_with_parents() {
        let (graph, _) = read_text(
            r#"<gexf version="1.2"><graph><nodes>
                 <node id="g" label="Group"><nodes><node id="a"/><node id="b"/></nodes>
                   <edges><edge source="a" target="b"/></edges></node>
               </nodes></graph></gexf>"#,
        )
        .expect("reads");
        let ids: Vec<&str> = graph.nodes.iter().map(|node| node.id.as_str()).collect();
        assert_eq!(ids, ["g", "a", "b"]);
        assert!(
            graph.nodes[1]
                .attributes
                .contains(&("parent".to_owned(), "g".to_owned()))
        );
        assert_eq!(graph.edges.len(), 1);
    }

    #[test]
    fn a_document_without_a_graph_is_an_error() {
        let error = read_text("<gexf version=\"1.3\"><meta/></gexf>").expect_err("no graph");
        assert!(error.to_string().contains("no <graph>"), "{error}");
        let error = read_text("<graphml/>").expect_err("not gexf");
        assert!(error.to_string().contains("not <gexf>"), "{error}");
    }

    #[test]
    fn dates_cover_their_whole_span() {
        let date = |text: &str| day_span(text.parse().expect("date"));
        assert_eq!(date("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(date("2025"), ("2025-01-01".into(), "2025-12-31".into()));
        assert_eq!(
            date("2025-10-01"),
            ("2025-10-01".into(), "2025-10-01".into())
        );
    }
}
