//! Force-directed layout on plain positions, after d3-force: a Barnes–Hut many-body
//! repulsion, link springs and a weak pull to the centre, integrated with velocity Verlet
//! while a "temperature" (`alpha`) cools, so the layout converges and then rests. Large
//! networks are laid out by levels ([`multilevel`]), each connected component on its own,
//! and the components packed ([`pack`]).
//!
//! Everything is deterministic: the same network always starts from the same positions
//! (a pivot embedding of its shape, nudged by a jitter seeded from the entity ids) and
//! takes the same steps.

mod barnes_hut;
mod embedding;
pub mod multilevel;
pub mod pack;
pub mod quality;
mod stress;

pub use embedding::pivot_embedding;
pub use multilevel::{LayoutReport, MultilevelOptions, multilevel_layout};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::network::model::Network;

/// A point in layout units.
pub type Point = [f32; 2];

/// A spring between two entities (indexes into the positions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub a: usize,
    pub b: usize,
}

/// Steps the default schedule takes to cool from hot to resting.
pub const COOLING_STEPS: u64 = 500;

/// The forces and the cooling schedule.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutParams {
    /// The rest length of a link.
    pub link_distance: f32,
    /// How hard links pull towards their rest length (0–1).
    pub link_strength: f32,
    /// When given, a link between two entities that both have more links than this is
    /// weakened in proportion (d3 weakens every link by the smaller degree): in a dense
    /// graph, as the coarse levels of the multilevel layout are, the sum of many
    /// full-strength springs overshoots and the layout flies apart. `None`: equal springs.
    pub crowded_degree: Option<f32>,
    /// Repulsion between every pair of entities (d3's negative charge, as a positive number).
    pub repulsion: f32,
    /// Pull of every entity towards the origin, which keeps disconnected parts together.
    pub gravity: f32,
    /// Barnes–Hut accuracy: a cell whose size / distance is below this acts as one body.
    pub theta: f32,
    /// The share of velocity lost per step (0–1).
    pub velocity_decay: f32,
    /// How fast `alpha` cools per step.
    pub alpha_decay: f32,
    /// Below this `alpha` the layout rests.
    pub alpha_min: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        let alpha_min = 0.001_f32;
        Self {
            link_distance: 120.0,
            link_strength: 1.0,
            crowded_degree: None,
            repulsion: 560.0,
            gravity: 0.03,
            theta: 1.2,
            // Less friction and a slower cooling than d3's (0.4, 300 steps): large
            // networks untangle before they freeze.
            velocity_decay: 0.2,
            alpha_decay: 1.0 - alpha_min.powf(1.0 / COOLING_STEPS as f32),
            alpha_min,
        }
    }
}

/// The moving parts of a running layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Simulation {
    /// The temperature: 1 when started, resting below [`LayoutParams::alpha_min`].
    pub alpha: f32,
    velocities: Vec<Point>,
    /// Steps taken since the last (re)start.
    pub steps: u64,
}

impl Simulation {
    /// A hot simulation for `count` entities.
    pub fn new(count: usize) -> Self {
        Self {
            alpha: 1.0,
            velocities: vec![[0.0; 2]; count],
            steps: 0,
        }
    }

    /// Whether the layout still moves.
    pub fn is_running(&self, params: &LayoutParams) -> bool {
        self.alpha >= params.alpha_min
    }

    /// Warms a resting layout up again, as after a node was dragged.
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
    }

    /// Advances one step. `fixed[i]` entities do not move. Returns whether it still runs.
    pub fn step(
        &mut self,
        positions: &mut [Point],
        links: &[Link],
        fixed: &[bool],
        params: &LayoutParams,
    ) -> bool {
        let degree = link_degrees(positions.len(), links);
        self.step_with(positions, links, &degree, fixed, params)
    }

    /// One step, with the links' [`link_degrees`] counted already.
    fn step_with(
        &mut self,
        positions: &mut [Point],
        links: &[Link],
        degree: &[u32],
        fixed: &[bool],
        params: &LayoutParams,
    ) -> bool {
        let count = positions.len();
        if self.velocities.len() != count {
            self.velocities.resize(count, [0.0; 2]);
        }
        if !self.is_running(params) || count == 0 {
            return false;
        }
        self.alpha += (0.0 - self.alpha) * params.alpha_decay;
        let alpha = self.alpha;

        apply_links(
            positions,
            &mut self.velocities,
            links,
            degree,
            params,
            alpha,
        );
        barnes_hut::apply_repulsion(
            positions,
            &mut self.velocities,
            params.repulsion * alpha,
            params.theta,
        );
        // Gravity, then friction and the move: each entity on its own, in parallel.
        let (gravity, keep) = (params.gravity, 1.0 - params.velocity_decay);
        positions
            .par_iter_mut()
            .zip(self.velocities.par_iter_mut())
            .enumerate()
            .with_min_len(4096)
            .for_each(|(i, (position, velocity))| {
                if fixed.get(i).copied().unwrap_or(false) {
                    *velocity = [0.0; 2];
                    return;
                }
                velocity[0] = (velocity[0] - position[0] * gravity * alpha) * keep;
                velocity[1] = (velocity[1] - position[1] * gravity * alpha) * keep;
                position[0] += velocity[0];
                position[1] += velocity[1];
            });
        self.steps += 1;
        self.is_running(params)
    }

    /// Steps until the layout rests or `max_steps` were taken; returns the steps taken.
    pub fn run(
        &mut self,
        positions: &mut [Point],
        links: &[Link],
        fixed: &[bool],
        params: &LayoutParams,
        max_steps: u64,
    ) -> u64 {
        let start = self.steps;
        let degree = link_degrees(positions.len(), links);
        while self.steps - start < max_steps
            && self.step_with(positions, links, &degree, fixed, params)
        {}
        self.steps - start
    }
}

/// Springs pull linked entities towards the rest distance; the lighter end moves more,
/// so hubs stay put while their leaves arrange around them (d3's bias). Every spring is
/// equally strong: weakening those of hubs, as d3 does by default, lets their leaves
/// drift and the drawing strays further from the network's distances (normalized stress
/// 0.178 against 0.165 on the 1k benchmark graph).
fn apply_links(
    positions: &[Point],
    velocities: &mut [Point],
    links: &[Link],
    degree: &[u32],
    params: &LayoutParams,
    alpha: f32,
) {
    for &Link { a, b } in links {
        if a == b {
            continue;
        }
        let dx = positions[b][0] + velocities[b][0] - positions[a][0] - velocities[a][0];
        let dy = positions[b][1] + velocities[b][1] - positions[a][1] - velocities[a][1];
        let distance = (dx * dx + dy * dy).sqrt().max(1e-3);
        let strength = match params.crowded_degree {
            Some(crowded) => {
                params.link_strength * (crowded / degree[a].min(degree[b]) as f32).min(1.0)
            }
            None => params.link_strength,
        };
        let pull = (distance - params.link_distance) / distance * alpha * strength;
        let bias = degree[a] as f32 / (degree[a] + degree[b]) as f32;
        velocities[b][0] -= dx * pull * bias;
        velocities[b][1] -= dy * pull * bias;
        velocities[a][0] += dx * pull * (1.0 - bias);
        velocities[a][1] += dy * pull * (1.0 - bias);
    }
}

/// How many links each of `count` entities has; a link from an entity to itself (a
/// self-loop) pulls nothing and weighs nothing.
fn link_degrees(count: usize, links: &[Link]) -> Vec<u32> {
    let mut degree = vec![0u32; count];
    for link in links.iter().filter(|link| link.a != link.b) {
        degree[link.a] += 1;
        degree[link.b] += 1;
    }
    degree
}

/// A deterministic number in [−1, 1) derived from `seed`.
pub(crate) fn jitter(seed: u64) -> f32 {
    let unit = (splitmix64(seed) >> 40) as f32 / (1u64 << 24) as f32;
    unit * 2.0 - 1.0
}

pub(crate) fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed from the entity ids: the same network always gets the same one.
pub fn seed_from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> u64 {
    // FNV-1a, stable across platforms and Rust versions (unlike `DefaultHasher`).
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for id in ids {
        for byte in id.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    hash
}

/// Steps the window's live layout takes to refine what the multilevel layout left
/// unrefined (the finest level of a large network), about a second of frames.
pub const LIVE_STEPS: u64 = 60;

/// What a network's file says of where its entities are.
enum Saved {
    /// Every entity is placed.
    All(Vec<Point>),
    /// Only pinned entities are placed, if any: the multilevel layout, pins kept.
    Pins(Vec<Option<Point>>),
    /// Some free entities are placed: the force layout goes on from there.
    Some,
}

impl Saved {
    fn of(network: &Network) -> Self {
        let position =
            |e: &crate::network::model::Entity| e.position.map(|p| [p.x as f32, p.y as f32]);
        if let Some(all) = network.entities.iter().map(position).collect() {
            return Self::All(all);
        }
        if network
            .entities
            .iter()
            .all(|e| e.pinned || e.position.is_none())
        {
            return Self::Pins(
                network
                    .entities
                    .iter()
                    .map(|e| position(e).filter(|_| e.pinned))
                    .collect(),
            );
        }
        Self::Some
    }
}

/// The multilevel layout of `network`'s entities (`pins` holds one entry for each, `Some`
/// where the file pins it), seeded by its ids.
fn multilevel_from_pins(
    network: &Network,
    links: &[Link],
    pins: &[Option<Point>],
    params: &LayoutParams,
    options: &MultilevelOptions,
) -> (Vec<Point>, LayoutReport) {
    multilevel_layout(
        pins.len(),
        links,
        pins,
        network_seed(network),
        params,
        options,
    )
}

/// A seed from the network's entity ids.
fn network_seed(network: &Network) -> u64 {
    seed_from_ids(network.entities.iter().map(|e| e.id.as_str()))
}

/// The pivot embedding with the saved positions kept.
fn embedding_with_saved(network: &Network, links: &[Link], params: &LayoutParams) -> Vec<Point> {
    let mut positions =
        pivot_embedding(network.entities.len(), links, network_seed(network), params);
    for (start, entity) in positions.iter_mut().zip(&network.entities) {
        if let Some(position) = entity.position {
            *start = [position.x as f32, position.y as f32];
        }
    }
    positions
}

/// Where the window's layout of a network starts, and how it goes on from there.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveStart {
    pub positions: Vec<Point>,
    /// The live layout's forces and schedule.
    pub params: LayoutParams,
    /// The live layout's temperature at the start.
    pub alpha: f32,
}

/// Where each entity starts in the window: its saved position when the file places every
/// entity, or when it places some that are free to move (the layout then goes on from
/// there, the others starting in the pivot embedding); else the multilevel layout with
/// its finest level left for the window to refine live.
pub fn start_positions(network: &Network, links: &[Link]) -> LiveStart {
    let params = LayoutParams::default();
    match Saved::of(network) {
        Saved::All(positions) => LiveStart {
            positions,
            params,
            alpha: 1.0,
        },
        Saved::Pins(pins) => {
            let options = MultilevelOptions {
                leave_finest: true,
                ..MultilevelOptions::default()
            };
            let (positions, _) = multilevel_from_pins(network, links, &pins, &params, &options);
            let (mut params, alpha) = multilevel::finest_refinement(&params, LIVE_STEPS);
            // The components are packed: a pull to the centre would crowd them together.
            params.gravity = 0.0;
            LiveStart {
                positions,
                params,
                alpha,
            }
        }
        Saved::Some => LiveStart {
            positions: embedding_with_saved(network, links, &params),
            params,
            alpha: 1.0,
        },
    }
}

/// How a headless layout went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutRun {
    /// The multilevel layout.
    Multilevel(LayoutReport),
    /// The force layout from the saved positions, for this many steps.
    FromSaved(u64),
}

/// The picture of a network without a window, with `steps` steps of the coarsest level
/// (the whole layout of a small network): the multilevel layout when the file places no
/// entity, or only pinned ones (kept where the file puts them); the force layout on from
/// the saved positions when it places some free ones, for `steps` steps.
pub fn lay_out_in(network: &Network, links: &[Link], steps: u64) -> (Vec<Point>, LayoutRun) {
    let mut params = LayoutParams::default();
    match Saved::of(network) {
        Saved::Pins(pins) => {
            let options = MultilevelOptions {
                coarsest_steps: steps,
                ..MultilevelOptions::default()
            };
            let (positions, report) =
                multilevel_from_pins(network, links, &pins, &params, &options);
            (positions, LayoutRun::Multilevel(report))
        }
        saved @ (Saved::All(_) | Saved::Some) => {
            params.alpha_decay = 1.0 - params.alpha_min.powf(1.0 / steps.max(1) as f32);
            let mut positions = match saved {
                Saved::All(positions) => positions,
                _ => embedding_with_saved(network, links, &params),
            };
            let fixed: Vec<bool> = network.entities.iter().map(|e| e.pinned).collect();
            let taken =
                Simulation::new(positions.len()).run(&mut positions, links, &fixed, &params, steps);
            (positions, LayoutRun::FromSaved(taken))
        }
    }
}

/// The picture of a network without a window: the positions saved in the file when every
/// entity has one, else [`lay_out_in`] with the default schedule.
pub fn lay_out(network: &Network, links: &[Link]) -> Vec<Point> {
    if let Saved::All(positions) = Saved::of(network) {
        return positions;
    }
    lay_out_in(network, links, COOLING_STEPS).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pairs: &[(usize, usize)]) -> Vec<Link> {
        pairs.iter().map(|&(a, b)| Link { a, b }).collect()
    }

    fn distance(a: Point, b: Point) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    #[test]
    fn converges_and_rests() {
        let params = LayoutParams::default();
        let links = links(&[(0, 1), (1, 2), (2, 0), (2, 3)]);
        let mut positions = pivot_embedding(4, &links, 7, &params);
        let mut simulation = Simulation::new(4);
        let steps = simulation.run(&mut positions, &links, &[], &params, 10_000);
        assert!(steps < 1_000, "still running after {steps} steps");
        assert!(!simulation.is_running(&params));
        let before = positions.clone();
        assert!(!simulation.step(&mut positions, &links, &[], &params));
        assert_eq!(positions, before, "a resting layout does not move");
    }

    #[test]
    fn same_seed_same_picture() {
        let params = LayoutParams::default();
        let links = links(&[(0, 1), (1, 2), (3, 4)]);
        let run = || {
            let mut positions = pivot_embedding(5, &links, 42, &params);
            Simulation::new(5).run(&mut positions, &links, &[], &params, 500);
            positions
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn linked_entities_end_nearer_than_unlinked() {
        let params = LayoutParams::default();
        // Two triangles joined by nothing: members of a triangle sit together.
        let links = links(&[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]);
        let mut positions = pivot_embedding(6, &links, 1, &params);
        Simulation::new(6).run(&mut positions, &links, &[], &params, 1_000);
        let inside = distance(positions[0], positions[1]);
        let across = distance(positions[0], positions[4]);
        assert!(inside < across, "linked {inside} vs unlinked {across}");
    }

    #[test]
    fn a_link_from_an_entity_to_itself_exerts_no_force() {
        let params = LayoutParams::default();
        let run = |links: &[Link]| {
            let mut positions = pivot_embedding(4, links, 5, &params);
            Simulation::new(4).run(&mut positions, links, &[], &params, 1_000);
            positions
        };
        let plain = run(&links(&[(0, 1), (1, 2), (2, 3)]));
        let looped = run(&links(&[(0, 1), (1, 1), (1, 2), (2, 3), (3, 3)]));
        assert_eq!(looped, plain);
        assert!(looped.iter().flatten().all(|c| c.is_finite()));
    }

    #[test]
    fn fixed_entities_stay_put() {
        let params = LayoutParams::default();
        let links = links(&[(0, 1), (1, 2)]);
        let mut positions = pivot_embedding(3, &links, 3, &params);
        positions[1] = [500.0, -200.0];
        Simulation::new(3).run(
            &mut positions,
            &links,
            &[false, true, false],
            &params,
            1_000,
        );
        assert_eq!(positions[1], [500.0, -200.0]);
    }
}
