//! The graph a reader found, before mapping: nodes and edges with their attributes as
//! text, where each stands in the file, and the element an example in the report names.
//! Readers fill a [`RawGraph`]; `build` maps it.

use std::path::Path;

use crate::interop::ImportError;
use crate::interop::report::Place;
use crate::network::load::{MAX_ENTITIES, MAX_TIES};
use crate::network::model::Position;

/// A node as a reader found it, before mapping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawNode {
    pub id: String,
    /// Attributes in file order, values as text; empty values are ignored.
    pub attributes: Vec<(String, String)>,
    /// A position the format states apart from attributes (`viz:position`, yEd geometry).
    pub position: Option<Position>,
    pub place: Place,
}

/// An edge (or a hyperedge) as a reader found it, before mapping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawEdge {
    pub id: Option<String>,
    /// The node ids it joins: source then target, or a hyperedge's endpoints.
    pub endpoints: Vec<String>,
    pub attributes: Vec<(String, String)>,
    pub place: Place,
}

/// A whole graph as a reader found it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RawGraph {
    pub title: Option<String>,
    pub description: Option<String>,
    pub label_language: Option<String>,
    /// Positions read from `x` and `y` attributes have their y axis pointing up, as Gephi
    /// writes them (GraphML, CSV): they are turned over with [`super::turn_y`].
    pub y_axis_up: bool,
    /// powermap wrote the file (GEXF's `<creator>powermap</creator>`, the graph-level
    /// `label_language` of GraphML and node-link): its positions are already at
    /// powermap's spacing and are never scaled.
    pub written_by_powermap: bool,
    pub nodes: Vec<RawNode>,
    pub edges: Vec<RawEdge>,
    /// A story the file tells over its graph (Oligrapher's annotations).
    pub story: Vec<RawStep>,
}

/// A step of a story as a reader found it: its caption (plain text) and the node and
/// edge ids it highlights.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RawStep {
    pub caption: String,
    pub nodes: Vec<String>,
    pub edges: Vec<String>,
    pub place: Place,
}

impl RawGraph {
    /// Adds a node, refusing files with more nodes than powermap opens.
    pub fn push_node(&mut self, node: RawNode, file: &Path) -> Result<(), ImportError> {
        if self.nodes.len() >= MAX_ENTITIES {
            return Err(ImportError::TooMany {
                file: file.to_owned(),
                what: "nodes",
                limit: MAX_ENTITIES,
            });
        }
        self.nodes.push(node);
        Ok(())
    }

    /// Adds an edge, refusing files with more edges than powermap opens ties.
    pub fn push_edge(&mut self, edge: RawEdge, file: &Path) -> Result<(), ImportError> {
        if self.edges.len() >= MAX_TIES {
            return Err(ImportError::TooMany {
                file: file.to_owned(),
                what: "edges",
                limit: MAX_TIES,
            });
        }
        self.edges.push(edge);
        Ok(())
    }
}

/// What the report says when a file's edges have directions.
pub(crate) const DIRECTED_NOTE: &str = "the edges are directed: powermap keeps each edge's \
     source first among its participants, which is what direction means for ties such as \
     supply, visit, role and affiliate";

/// What an example in the report names: the element and where it is.
pub(super) struct Context<'a> {
    pub what: &'static str,
    pub id: Option<&'a str>,
    pub place: &'a Place,
}

impl Context<'_> {
    pub fn describe(&self) -> String {
        match self.id {
            Some(id) => format!("{} {id:?} at {}", self.what, self.place),
            None => format!("{} at {}", self.what, self.place),
        }
    }
}
