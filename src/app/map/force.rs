//! The live layout of the open map: powermap's force layout (`crate::layout`) stepped
//! once a frame, in place, on the map's one copy of the entities' positions, while it
//! moves and is not paused.

use std::sync::Arc;

use crate::layout::{LayoutParams, Link, Point, Simulation};

/// The layout of the open network between frames.
#[derive(Debug, Default)]
pub struct LiveLayout {
    /// Paused by the user (Space) when false.
    pub running: bool,
    /// Linked entity pairs, each once.
    pub links: Arc<[Link]>,
    pub params: LayoutParams,
    /// Velocities and temperature.
    pub simulation: Simulation,
    /// Which entities stay put this step (the pinned ones and the one being dragged),
    /// kept to reuse its memory.
    fixed: Vec<bool>,
}

impl LiveLayout {
    /// A layout for `count` entities at temperature `alpha`, with these forces and
    /// schedule.
    pub fn start(count: usize, links: Arc<[Link]>, params: LayoutParams, alpha: f32) -> Self {
        let mut simulation = Simulation::new(count);
        simulation.alpha = alpha;
        Self {
            running: true,
            links,
            params,
            simulation,
            fixed: Vec::new(),
        }
    }

    /// Whether the entities still move: not paused and not yet at rest.
    pub fn is_moving(&self) -> bool {
        self.running && self.simulation.is_running(&self.params)
    }

    /// Moves the entities one step, unless the layout rests or is paused; the pinned
    /// entities and the one being dragged stay where they are.
    pub fn step(&mut self, positions: &mut [Point], pinned: &[bool], dragged: Option<usize>) {
        if !self.is_moving() {
            return;
        }
        self.fixed.clear();
        self.fixed.extend_from_slice(pinned);
        self.fixed.resize(positions.len(), false);
        if let Some(flag) = dragged.and_then(|entity| self.fixed.get_mut(entity)) {
            *flag = true;
        }
        (self.simulation).step(positions, &self.links, &self.fixed, &self.params);
    }
}
