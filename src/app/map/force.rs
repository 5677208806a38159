//! powermap's force layout plugged into egui_graphs through its `ForceAlgorithm` trait.
//!
//! egui_graphs keeps a layout state in egui's memory and copies it out and back in every
//! frame. Ours is only a handle: the [`LiveLayout`] (velocities, temperature, pins) lives
//! once, shared by the map and the algorithm, so those copies cost nothing and the map
//! reads and changes the layout without going through egui's memory.

use std::sync::{Arc, Mutex, MutexGuard};

use egui::{Pos2, Rect};
use egui_graphs::{DisplayEdge, DisplayNode, ForceAlgorithm, Graph, LayoutForceDirected};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;
use serde::{Deserialize, Serialize};

use crate::layout::{LayoutParams, Link, Simulation};

/// The layout of the open network between frames.
#[derive(Debug, Default)]
pub struct LiveLayout {
    /// Paused by the user (Space) when false.
    pub running: bool,
    /// The entities the layout must not move, by node index.
    pub pinned: Vec<bool>,
    /// Linked node pairs, each once.
    pub links: Arc<[Link]>,
    pub params: LayoutParams,
    /// Velocities and temperature.
    pub simulation: Simulation,
}

impl LiveLayout {
    /// A hot layout for `count` entities, with these forces and schedule.
    pub fn start(
        count: usize,
        links: Arc<[Link]>,
        pinned: Vec<bool>,
        params: LayoutParams,
    ) -> Self {
        Self {
            running: true,
            pinned,
            links,
            params,
            simulation: Simulation::new(count),
        }
    }

    /// Whether the entities still move: not paused and not yet at rest.
    pub fn is_moving(&self) -> bool {
        self.running && self.simulation.is_running(&self.params)
    }
}

/// The handle egui_graphs keeps in egui's memory. Nothing of it is persisted: a network's
/// layout is made afresh when it opens.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ForceState {
    #[serde(skip)]
    live: SharedLayout,
}

impl ForceState {
    pub fn new(live: SharedLayout) -> Self {
        Self { live }
    }
}

impl egui_graphs::LayoutState for ForceState {}

/// The one [`LiveLayout`] of the open map, shared by the map and the algorithm.
#[derive(Clone, Debug, Default)]
pub struct SharedLayout(Arc<Mutex<LiveLayout>>);

impl SharedLayout {
    pub fn new(layout: LiveLayout) -> Self {
        Self(Arc::new(Mutex::new(layout)))
    }

    /// The layout, for reading or changing it. Only the UI thread takes it, one frame step
    /// at a time, so a poisoned lock (a panic mid-step) still holds a usable layout.
    pub fn lock(&self) -> MutexGuard<'_, LiveLayout> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

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
        let mut live = self.state.live.lock();
        if !live.is_moving() {
            return;
        }
        // Nodes are never removed, so node index i is entity i.
        let mut positions = Vec::with_capacity(graph.node_count());
        let mut fixed = Vec::with_capacity(graph.node_count());
        for (index, node) in graph.nodes_iter() {
            let location = node.location();
            positions.push([location.x, location.y]);
            fixed.push(node.dragged() || live.pinned.get(index.index()).copied().unwrap_or(false));
        }
        let LiveLayout {
            links,
            params,
            simulation,
            ..
        } = &mut *live;
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
