//! powermap's force layout plugged into egui_graphs through its `ForceAlgorithm` trait.
//!
//! egui_graphs keeps the layout state in egui's memory and rebuilds the algorithm from it
//! every frame; the app writes that state when a network opens, and reads it back for
//! the status bar.

use std::sync::Arc;

use egui::{Pos2, Rect};
use egui_graphs::{DisplayEdge, DisplayNode, ForceAlgorithm, Graph, LayoutForceDirected};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;
use serde::{Deserialize, Serialize};

use crate::layout::{LayoutParams, Link, Simulation};

/// The layout's state between frames.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ForceState {
    /// Paused by the user (Space) when false.
    pub running: bool,
    /// The entities the layout must not move, by node index. Not persisted, like the
    /// links: a network's state is made afresh when it opens.
    #[serde(skip)]
    pub pinned: Vec<bool>,
    /// Linked node pairs, each once; shared, as egui_graphs copies the state every frame.
    #[serde(skip)]
    pub links: Arc<[Link]>,
    pub params: LayoutParams,
    /// Velocities and temperature; not worth persisting (a new run starts hot).
    #[serde(skip)]
    pub simulation: Simulation,
}

impl ForceState {
    /// A hot layout for `count` entities.
    pub fn start(count: usize, links: Arc<[Link]>, pinned: Vec<bool>) -> Self {
        Self {
            running: true,
            pinned,
            links,
            params: LayoutParams::default(),
            simulation: Simulation::new(count),
        }
    }

    /// Whether the entities still move: not paused and not yet at rest.
    pub fn is_moving(&self) -> bool {
        self.running && self.simulation.is_running(&self.params)
    }
}

impl egui_graphs::LayoutState for ForceState {}

/// The algorithm egui_graphs runs one step of per frame.
#[derive(Debug, Default)]
pub struct PowermapForce {
    state: ForceState,
}

/// The layout type to give `GraphView`.
pub type PowermapLayout = LayoutForceDirected<PowermapForce>;

impl ForceAlgorithm for PowermapForce {
    type State = ForceState;

    fn from_state(state: Self::State) -> Self {
        Self { state }
    }

    fn step<N, E, Ty, Ix, Dn, De>(&mut self, graph: &mut Graph<N, E, Ty, Ix, Dn, De>, _view: Rect)
    where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
        if !self.state.is_moving() {
            return;
        }
        // Nodes are never removed, so node index i is entity i.
        let mut positions = Vec::with_capacity(graph.node_count());
        let mut fixed = Vec::with_capacity(graph.node_count());
        for (index, node) in graph.nodes_iter() {
            let location = node.location();
            positions.push([location.x, location.y]);
            fixed.push(
                node.dragged()
                    || self
                        .state
                        .pinned
                        .get(index.index())
                        .copied()
                        .unwrap_or(false),
            );
        }
        let ForceState {
            links,
            params,
            simulation,
            ..
        } = &mut self.state;
        simulation.step(&mut positions, links, &fixed, params);
        let indices: Vec<_> = graph.g().node_indices().collect();
        for (index, position) in indices.into_iter().zip(positions) {
            if let Some(node) = graph.node_mut(index) {
                node.set_location(Pos2::new(position[0], position[1]));
            }
        }
    }

    fn state(&self) -> Self::State {
        self.state.clone()
    }
}
