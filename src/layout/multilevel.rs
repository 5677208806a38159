//! The multilevel layout, as sfdp, FM³ and DRGraph do it: each connected component is
//! coarsened level by level (a matching of neighbours, the unmatched then joining their
//! lightest neighbouring cluster, so that a hub's leaves fold into it) down to a few
//! hundred clusters; the coarsest level is laid out from its pivot embedding with the
//! whole cooling schedule; then each finer level starts from its clusters' positions,
//! spread out, and is refined with a few Barnes–Hut steps, the finest with a handful
//! and then a few rounds of stress majorization (see [`super::stress`]).
//! The components are then packed (see [`super::pack`]). Small components are laid out in
//! one level, and a component whose pivot embedding is already faithful (a grid) starts
//! from it and is only refined.
//!
//! Level `l` is laid out in its own units, where links keep their rest length: with
//! `n_l` clusters in place of `n_0` entities, its picture is `sqrt(n_0 / n_l)` times
//! smaller than the finest. Pinned entities are never merged, and sit at their pinned
//! place (in each level's units) at every level.
//!
//! Deterministic: the coarsening visits entities in a fixed order, the spreading is seeded,
//! and the Barnes–Hut forces do not depend on the thread count.

use rayon::prelude::*;

use super::pack::{Bounds, grid, pack};
use super::quality::normalized_stress;
use super::stress::polish;
use super::{LayoutParams, Link, Point, Simulation, jitter, pivot_embedding, splitmix64};

/// Components up to this size are laid out in one level, with the whole cooling schedule:
/// that takes a tenth of a second or less, and draws them a little more faithfully
/// (normalized stress 0.167 against 0.180 on a 1k preferential-attachment graph).
const SINGLE_LEVEL: usize = 2_000;
/// Coarsening stops at this many clusters: the coarsest level is cheap to lay out whole.
const COARSEST: usize = 300;
/// A level that keeps more than this share of the finer level's clusters ends the
/// coarsening (only pins, or a pinned neighbourhood, are left to merge).
const STALL: f32 = 0.8;
/// The temperature each finer level starts at: warm enough to untangle what the spreading
/// of clusters folded, cool enough to keep the coarser level's shape.
const REFINE_ALPHA: f32 = 0.25;
/// Each level coarser than the finest takes this many times as many steps as the one
/// below it (up to the coarsest's schedule): levels halve in size, so the whole costs
/// about 4 finest levels.
const STEP_GROWTH: f32 = 1.5;

/// A pivot embedding whose normalized stress (over [`STRESS_SOURCES`] sources) is below
/// this is a better start than the levels: a grid or a mesh scores about 0.01, a
/// preferential-attachment graph 0.3.
const FAITHFUL_STRESS: f64 = 0.1;
const STRESS_SOURCES: usize = 8;
/// The most links an entity of a graph that may be so drawn has (a grid's have 4).
const MESH_DEGREE: usize = 12;
/// A cluster of a coarse level keeps its links to this many others, the heaviest.
const STRONGEST_LINKS: usize = 8;
/// The coarse levels' springs: their clusters have many links each (see
/// [`LayoutParams::crowded_degree`]).
const CROWDED_DEGREE: f32 = 8.0;

/// How the multilevel layout runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MultilevelOptions {
    /// Steps of the coarsest level, its whole cooling schedule (a component that needs no
    /// coarsening is laid out in this many).
    pub coarsest_steps: u64,
    /// Steps of the finest level.
    pub finest_steps: u64,
    /// Leave the finest level unrefined, its entities spread around their clusters: the
    /// window refines it live, with [`finest_refinement`].
    pub leave_finest: bool,
}

impl Default for MultilevelOptions {
    fn default() -> Self {
        Self {
            coarsest_steps: super::COOLING_STEPS,
            finest_steps: 12,
            leave_finest: false,
        }
    }
}

/// What the multilevel layout did, for reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutReport {
    /// Connected components laid out (entities without a tie included, one each).
    pub components: usize,
    /// Levels of the largest component, the finest included.
    pub levels: usize,
    /// Clusters in the largest component's coarsest level.
    pub coarsest: usize,
    /// Steps taken at the coarsest and at the finest level of the largest component.
    pub coarsest_steps: u64,
    pub finest_steps: u64,
}

/// The forces and schedule of the live refinement of a level left unrefined
/// ([`MultilevelOptions::leave_finest`]): start a [`Simulation`] at `alpha` with these
/// params, and it rests after about `steps` steps.
pub fn finest_refinement(params: &LayoutParams, steps: u64) -> (LayoutParams, f32) {
    (schedule(params, REFINE_ALPHA, steps), REFINE_ALPHA)
}

/// `params` cooling from `alpha` to rest in `steps` steps.
fn schedule(params: &LayoutParams, alpha: f32, steps: u64) -> LayoutParams {
    let mut params = *params;
    params.alpha_decay = 1.0 - (params.alpha_min / alpha).powf(1.0 / steps.max(1) as f32);
    params
}

/// Lays out `count` entities joined by `links`: each connected component by levels, then
/// the components packed largest first, the entities without a tie in a grid below them.
/// `pins[i]`, when given, is where entity `i` stays; components with a pin keep their
/// place, and the others are packed to the right of them.
pub fn multilevel_layout(
    count: usize,
    links: &[Link],
    pins: &[Option<Point>],
    seed: u64,
    params: &LayoutParams,
    options: &MultilevelOptions,
) -> (Vec<Point>, LayoutReport) {
    let pin = |i: usize| pins.get(i).copied().flatten();
    let graph = Adjacency::new(count, links);
    let components = graph.components();
    let mut report = LayoutReport {
        components: components.len(),
        ..LayoutReport::default()
    };
    // Entities alone: a grid of their own, unless pinned.
    let (alone, parts): (Vec<Vec<u32>>, Vec<Vec<u32>>) = components
        .into_iter()
        .partition(|members| members.len() == 1 && pin(members[0] as usize).is_none());
    let mut local_of = vec![0_u32; count];
    for members in &parts {
        for (local, &entity) in members.iter().enumerate() {
            local_of[entity as usize] = local as u32;
        }
    }
    // Each part's links, in local indexes.
    let mut part_of = vec![u32::MAX; count];
    for (part, members) in parts.iter().enumerate() {
        for &entity in members {
            part_of[entity as usize] = part as u32;
        }
    }
    let mut part_links: Vec<Vec<Link>> = vec![Vec::new(); parts.len()];
    for &Link { a, b } in graph.unique_links() {
        let part = part_of[a] as usize;
        part_links[part].push(Link {
            a: local_of[a] as usize,
            b: local_of[b] as usize,
        });
    }
    // Lay the parts out, the largest first (a big one runs its Barnes–Hut steps in
    // parallel by itself; the small ones share the threads).
    let laid_out: Vec<(Vec<Point>, LayoutReport)> = parts
        .par_iter()
        .zip(part_links.par_iter())
        .map(|(members, links)| {
            let local_pins: Vec<Option<Point>> =
                members.iter().map(|&entity| pin(entity as usize)).collect();
            let part_seed = splitmix64(seed ^ u64::from(members[0]));
            lay_out_component(
                members.len(),
                links,
                &local_pins,
                part_seed,
                params,
                options,
                |_, _| {},
            )
        })
        .collect();
    if let Some((_, largest)) = laid_out.first() {
        report = LayoutReport {
            components: report.components,
            ..*largest
        };
    }

    // Pack the free parts; those with a pin stay where they are.
    let mut positions = vec![[0.0; 2]; count];
    let gap = params.link_distance;
    let mut free = Vec::new();
    let mut pinned_bounds: Option<Bounds> = None;
    for (part, (members, (local, _))) in parts.iter().zip(&laid_out).enumerate() {
        if members.iter().any(|&entity| pin(entity as usize).is_some()) {
            for (&entity, &p) in members.iter().zip(local) {
                positions[entity as usize] = p;
            }
            let bounds = Bounds::of(local.iter().copied());
            pinned_bounds = Some(match pinned_bounds {
                Some(b) => Bounds::of([b.min, b.max, bounds.min, bounds.max]),
                None => bounds,
            });
        } else {
            free.push(part);
        }
    }
    let bounds: Vec<Bounds> = free
        .iter()
        .map(|&part| Bounds::of(laid_out[part].0.iter().copied()))
        .collect();
    let mut sizes: Vec<[f32; 2]> = bounds.iter().map(|b| [b.width(), b.height()]).collect();
    // The grid of entities alone is one more box, after the components.
    let spacing = params.link_distance * 0.75;
    let alone_area = alone.len() as f32 * spacing * spacing;
    let packed_area: f32 = sizes.iter().map(|s| (s[0] + gap) * (s[1] + gap)).sum();
    let columns = if alone.is_empty() {
        1
    } else {
        let width = ((packed_area + alone_area) * 1.6).sqrt();
        ((width / spacing) as usize).clamp(1, alone.len())
    };
    if !alone.is_empty() {
        let rows = alone.len().div_ceil(columns);
        sizes.push([(columns - 1) as f32 * spacing, (rows - 1) as f32 * spacing]);
    }
    let (corners, _) = pack(&sizes, gap);
    // Free parts go right of the pinned ones, top-aligned; else the picture is centred.
    let offset = match pinned_bounds {
        Some(b) => [b.max[0] + gap, b.min[1]],
        None => {
            let whole = Bounds::of(
                corners
                    .iter()
                    .zip(&sizes)
                    .flat_map(|(c, s)| [*c, [c[0] + s[0], c[1] + s[1]]]),
            );
            [
                -(whole.min[0] + whole.max[0]) / 2.0,
                -(whole.min[1] + whole.max[1]) / 2.0,
            ]
        }
    };
    for ((&part, b), corner) in free.iter().zip(&bounds).zip(&corners) {
        let shift = [
            corner[0] + offset[0] - b.min[0],
            corner[1] + offset[1] - b.min[1],
        ];
        for (&entity, p) in parts[part].iter().zip(&laid_out[part].0) {
            positions[entity as usize] = [p[0] + shift[0], p[1] + shift[1]];
        }
    }
    if let Some(corner) = corners.get(free.len()) {
        let start = [corner[0] + offset[0], corner[1] + offset[1]];
        for (members, p) in alone.iter().zip(grid(alone.len(), columns, spacing, start)) {
            positions[members[0] as usize] = p;
        }
    }
    (positions, report)
}

/// The neighbours of every entity, each link once, without self-links.
pub(super) struct Adjacency {
    offsets: Vec<u32>,
    targets: Vec<u32>,
    /// The links, `a < b`, sorted and without repeats.
    links: Vec<Link>,
}

impl Adjacency {
    pub(super) fn new(count: usize, links: &[Link]) -> Self {
        let mut unique: Vec<Link> = links
            .iter()
            .filter(|l| l.a != l.b && l.a < count && l.b < count)
            .map(|l| Link {
                a: l.a.min(l.b),
                b: l.a.max(l.b),
            })
            .collect();
        unique.par_sort_unstable();
        unique.dedup();
        let mut offsets = vec![0_u32; count + 1];
        for link in &unique {
            offsets[link.a + 1] += 1;
            offsets[link.b + 1] += 1;
        }
        for i in 0..count {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0_u32; 2 * unique.len()];
        for link in &unique {
            targets[fill[link.a] as usize] = link.b as u32;
            fill[link.a] += 1;
            targets[fill[link.b] as usize] = link.a as u32;
            fill[link.b] += 1;
        }
        Self {
            offsets,
            targets,
            links: unique,
        }
    }

    pub(super) fn count(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(super) fn neighbours(&self, node: usize) -> &[u32] {
        &self.targets[self.offsets[node] as usize..self.offsets[node + 1] as usize]
    }

    fn degree(&self, node: usize) -> usize {
        (self.offsets[node + 1] - self.offsets[node]) as usize
    }

    fn unique_links(&self) -> &[Link] {
        &self.links
    }

    /// The connected components, largest first (ties by lowest member), each with its
    /// members in index order.
    fn components(&self) -> Vec<Vec<u32>> {
        let count = self.count();
        let mut component = vec![u32::MAX; count];
        let mut sizes = Vec::new();
        let mut stack = Vec::new();
        for root in 0..count {
            if component[root] != u32::MAX {
                continue;
            }
            let id = sizes.len() as u32;
            component[root] = id;
            stack.push(root as u32);
            let mut size = 0_usize;
            while let Some(node) = stack.pop() {
                size += 1;
                for &next in self.neighbours(node as usize) {
                    if component[next as usize] == u32::MAX {
                        component[next as usize] = id;
                        stack.push(next);
                    }
                }
            }
            sizes.push(size);
        }
        let mut members: Vec<Vec<u32>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
        for (node, &id) in component.iter().enumerate() {
            members[id as usize].push(node as u32);
        }
        // Components are numbered by lowest member, so a stable sort by size breaks ties
        // by it.
        members.sort_by_key(|m| std::cmp::Reverse(m.len()));
        members
    }
}

/// One level of the coarsening: its clusters and how the finer level's entities map to
/// them.
struct Level {
    graph: Adjacency,
    /// How many finest links each of the graph's links stands for.
    weights: Vec<u32>,
    /// Whether each cluster is a pinned entity.
    pinned: Vec<bool>,
    /// Entities (or finer clusters) inside each cluster.
    mass: Vec<u32>,
    /// `parent[i]` is the cluster of the finer level's node `i` (empty for the finest).
    parent: Vec<u32>,
}

/// The next coarser level of `fine`, or `None` when it would barely shrink.
fn coarsen(fine: &Level) -> Option<Level> {
    let count = fine.graph.count();
    // Lowest degree first: leaves pick their hub before the hub picks anyone.
    let mut order: Vec<u32> = (0..count as u32).collect();
    order.sort_by_key(|&node| (fine.graph.degree(node as usize), node));
    let mut cluster = vec![u32::MAX; count];
    let mut mass: Vec<u32> = Vec::new();
    // Matching: each node pairs with its lightest unmatched neighbour.
    for &node in &order {
        let node = node as usize;
        if cluster[node] != u32::MAX || fine.pinned[node] {
            continue;
        }
        let partner = fine
            .graph
            .neighbours(node)
            .iter()
            .map(|&n| n as usize)
            .filter(|&n| cluster[n] == u32::MAX && !fine.pinned[n])
            .min_by_key(|&n| (fine.mass[n], fine.graph.degree(n), n));
        if let Some(partner) = partner {
            cluster[node] = mass.len() as u32;
            cluster[partner] = mass.len() as u32;
            mass.push(fine.mass[node] + fine.mass[partner]);
        }
    }
    // The unmatched (their neighbours all taken) join their lightest neighbouring
    // cluster; pinned entities, and nodes with only pinned neighbours, stay alone.
    for &node in &order {
        let node = node as usize;
        if cluster[node] != u32::MAX {
            continue;
        }
        let host = if fine.pinned[node] {
            None
        } else {
            fine.graph
                .neighbours(node)
                .iter()
                .map(|&n| n as usize)
                .filter(|&n| cluster[n] != u32::MAX && !fine.pinned[n])
                .map(|n| cluster[n])
                .min_by_key(|&c| (mass[c as usize], c))
        };
        match host {
            Some(host) => {
                cluster[node] = host;
                mass[host as usize] += fine.mass[node];
            }
            None => {
                cluster[node] = mass.len() as u32;
                mass.push(fine.mass[node]);
            }
        }
    }
    let coarse_count = mass.len();
    if coarse_count as f32 > STALL * count as f32 {
        return None;
    }
    let mut pinned = vec![false; coarse_count];
    for node in 0..count {
        if fine.pinned[node] {
            pinned[cluster[node] as usize] = true;
        }
    }
    // The coarse links, each weighed by the fine links it stands for.
    let mut coarse: Vec<(Link, u32)> = fine
        .graph
        .unique_links()
        .iter()
        .zip(&fine.weights)
        .filter(|(l, _)| cluster[l.a] != cluster[l.b])
        .map(|(l, &weight)| {
            let (a, b) = (cluster[l.a] as usize, cluster[l.b] as usize);
            (
                Link {
                    a: a.min(b),
                    b: a.max(b),
                },
                weight,
            )
        })
        .collect();
    coarse.par_sort_unstable();
    let mut merged: Vec<(Link, u32)> = Vec::with_capacity(coarse.len());
    for (link, weight) in coarse {
        match merged.last_mut() {
            Some((last, total)) if *last == link => *total += weight,
            _ => merged.push((link, weight)),
        }
    }
    let (links, weights) = sparsify(coarse_count, merged);
    let graph = Adjacency::new(coarse_count, &links);
    debug_assert_eq!(graph.unique_links(), links.as_slice());
    Some(Level {
        graph,
        weights,
        pinned,
        mass,
        parent: cluster,
    })
}

/// Keeps of the weighed links (sorted, without repeats) those among the
/// [`STRONGEST_LINKS`] heaviest of either end: clusters of a coarse level are linked to
/// many others, mostly by a fine link or two, and springs to all of them would pull the
/// level into a ball (and cost as much as the finest level's).
fn sparsify(count: usize, links: Vec<(Link, u32)>) -> (Vec<Link>, Vec<u32>) {
    let mut ends: Vec<Vec<(u32, u32)>> = vec![Vec::new(); count];
    for (index, (link, weight)) in links.iter().enumerate() {
        ends[link.a].push((*weight, index as u32));
        ends[link.b].push((*weight, index as u32));
    }
    let mut kept = vec![false; links.len()];
    for mut end in ends {
        // Heaviest first, then the lowest link.
        end.sort_unstable_by_key(|&(weight, index)| (std::cmp::Reverse(weight), index));
        for &(_, index) in end.iter().take(STRONGEST_LINKS) {
            kept[index as usize] = true;
        }
    }
    links
        .into_iter()
        .zip(kept)
        .filter(|(_, kept)| *kept)
        .map(|(link, _)| link)
        .unzip()
}

/// One connected component (`pins` in its local indexes), laid out by levels around the
/// origin, or around its pins. `look` sees each level once laid out: its positions and
/// its pins, in its own units.
fn lay_out_component(
    count: usize,
    links: &[Link],
    pins: &[Option<Point>],
    seed: u64,
    params: &LayoutParams,
    options: &MultilevelOptions,
    mut look: impl FnMut(&[Point], &[Option<Point>]),
) -> (Vec<Point>, LayoutReport) {
    let graph = Adjacency::new(count, links);
    let mut levels = vec![Level {
        weights: vec![1; graph.unique_links().len()],
        graph,
        pinned: pins.iter().map(Option::is_some).collect(),
        mass: vec![1; count],
        parent: Vec::new(),
    }];
    // The pivot start stays where it helps: when the component's pivot embedding already
    // draws it faithfully (a grid, a mesh), the finest level starts from it and is only
    // refined; coarse levels would blur what it has right. Only a graph without hubs can
    // be drawn so (distances to a few pivots cannot tell a hub's leaves apart), so others
    // are spared the embedding's cost.
    let most_links = (0..count).map(|node| levels[0].graph.degree(node)).max();
    if count > SINGLE_LEVEL && most_links.is_some_and(|links| links <= MESH_DEGREE) {
        let level = &levels[0];
        let start = pivot_embedding(count, level.graph.unique_links(), seed, params);
        if normalized_stress(&start, level.graph.unique_links(), STRESS_SOURCES) < FAITHFUL_STRESS {
            let mut positions = start;
            place_pins(&mut positions, pins);
            let taken = if options.leave_finest {
                0
            } else {
                let alpha = REFINE_ALPHA;
                let steps = options.finest_steps;
                let taken = refine(
                    &mut positions,
                    level,
                    pins,
                    &schedule(params, alpha, steps),
                    alpha,
                    steps,
                );
                polish(&mut positions, &level.graph, &level.pinned, seed);
                taken
            };
            look(&positions, pins);
            let report = LayoutReport {
                components: 1,
                levels: 1,
                coarsest: count,
                coarsest_steps: taken,
                finest_steps: taken,
            };
            return (positions, report);
        }
    }
    while let Some(last) = levels
        .last()
        .filter(|l| count > SINGLE_LEVEL && l.graph.count() > COARSEST)
    {
        match coarsen(last) {
            Some(next) => levels.push(next),
            None => break,
        }
    }
    // Level l's units: the finest picture is `scale[l]` times larger.
    let scale: Vec<f32> = levels
        .iter()
        .map(|l| (count as f32 / l.graph.count() as f32).sqrt())
        .collect();
    let any_pin = pins.iter().any(Option::is_some);
    let pins_at = |level: usize| -> Vec<Option<Point>> {
        if !any_pin {
            return vec![None; levels[level].graph.count()];
        }
        // The pinned entities are clusters of their own: find each one's cluster.
        let mut at: Vec<Option<Point>> = pins.to_vec();
        for l in 1..=level {
            let mut next = vec![None; levels[l].graph.count()];
            for (node, &p) in at.iter().enumerate() {
                if let Some(p) = p {
                    next[levels[l].parent[node] as usize] = Some(p);
                }
            }
            at = next;
        }
        at.into_iter()
            .map(|p| p.map(|p| [p[0] / scale[level], p[1] / scale[level]]))
            .collect()
    };

    let coarsest = levels.len() - 1;
    let level_params = |level: usize| LayoutParams {
        crowded_degree: (level > 0).then_some(CROWDED_DEGREE),
        ..*params
    };
    let top = &levels[coarsest];
    let mut positions = pivot_embedding(top.graph.count(), top.graph.unique_links(), seed, params);
    let mut report = LayoutReport {
        components: 1,
        levels: levels.len(),
        coarsest: top.graph.count(),
        coarsest_steps: 0,
        finest_steps: 0,
    };
    let top_pins = pins_at(coarsest);
    place_pins(&mut positions, &top_pins);
    report.coarsest_steps = refine(
        &mut positions,
        top,
        &top_pins,
        &schedule(&level_params(coarsest), 1.0, options.coarsest_steps),
        1.0,
        options.coarsest_steps,
    );
    look(&positions, &top_pins);
    for level in (0..coarsest).rev() {
        let coarse = &levels[level + 1];
        positions = spread(
            &positions,
            &coarse.parent,
            scale[level + 1] / scale[level],
            params.link_distance,
            seed ^ level as u64,
        );
        let level_pins = pins_at(level);
        place_pins(&mut positions, &level_pins);
        if level == 0 && options.leave_finest {
            look(&positions, &level_pins);
            break;
        }
        let steps = if level == 0 {
            options.finest_steps
        } else {
            let grown = options.finest_steps as f32 * STEP_GROWTH.powi(level as i32);
            (grown as u64).min(options.coarsest_steps)
        };
        let taken = refine(
            &mut positions,
            &levels[level],
            &level_pins,
            &schedule(&level_params(level), REFINE_ALPHA, steps),
            REFINE_ALPHA,
            steps,
        );
        if level == 0 {
            report.finest_steps = taken;
            polish(&mut positions, &levels[0].graph, &levels[0].pinned, seed);
        }
        look(&positions, &level_pins);
    }
    (positions, report)
}

/// Puts the pinned entities (or clusters) at their pins.
fn place_pins(positions: &mut [Point], pins: &[Option<Point>]) {
    for (p, pin) in positions.iter_mut().zip(pins) {
        if let Some(pin) = pin {
            *p = *pin;
        }
    }
}

/// Runs the force layout on one level from `alpha`; returns the steps taken.
fn refine(
    positions: &mut [Point],
    level: &Level,
    pins: &[Option<Point>],
    params: &LayoutParams,
    alpha: f32,
    steps: u64,
) -> u64 {
    let fixed: Vec<bool> = pins.iter().map(Option::is_some).collect();
    let mut simulation = Simulation::new(positions.len());
    simulation.alpha = alpha;
    simulation.run(positions, level.graph.unique_links(), &fixed, params, steps)
}

/// The finer level's positions from the coarser one's: the coarse picture scaled by
/// `grow`, each cluster's members set around its place on a small sunflower spiral (link
/// distances apart), turned by a seeded angle.
fn spread(
    coarse: &[Point],
    parent: &[u32],
    grow: f32,
    link_distance: f32,
    seed: u64,
) -> Vec<Point> {
    const GOLDEN_ANGLE: f32 = 2.399_963;
    let mut seen = vec![0_u32; coarse.len()];
    parent
        .iter()
        .map(|&cluster| {
            let cluster = cluster as usize;
            let rank = seen[cluster];
            seen[cluster] += 1;
            let turn = std::f32::consts::PI * jitter(seed ^ (cluster as u64).wrapping_mul(31));
            let radius = 0.3 * link_distance * (rank as f32).sqrt();
            let angle = turn + rank as f32 * GOLDEN_ANGLE;
            [
                coarse[cluster][0] * grow + radius * angle.cos(),
                coarse[cluster][1] * grow + radius * angle.sin(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star(leaves: usize) -> Vec<Link> {
        (1..=leaves).map(|b| Link { a: 0, b }).collect()
    }

    #[test]
    fn a_star_folds_into_its_hub() {
        let links = star(999);
        let graph = Adjacency::new(1_000, &links);
        let level = Level {
            weights: vec![1; graph.unique_links().len()],
            graph,
            pinned: vec![false; 1_000],
            mass: vec![1; 1_000],
            parent: Vec::new(),
        };
        let coarse = coarsen(&level).expect("it shrinks");
        assert_eq!(coarse.graph.count(), 1);
        assert_eq!(coarse.mass, vec![1_000]);
    }

    #[test]
    fn pinned_entities_stay_clusters_of_their_own() {
        let links = star(99);
        let mut pinned = vec![false; 100];
        pinned[0] = true;
        pinned[7] = true;
        let graph = Adjacency::new(100, &links);
        let level = Level {
            weights: vec![1; graph.unique_links().len()],
            graph,
            pinned,
            mass: vec![1; 100],
            parent: Vec::new(),
        };
        // The hub is pinned, so its leaves have no one to merge with.
        assert!(coarsen(&level).is_none());
    }

    #[test]
    fn pinned_entities_stay_put_at_every_level() {
        let links = crate::network::generate::preferential_attachment(3_000, 6_000, 4);
        let mut pins = vec![None; 3_000];
        for (i, pin) in pins.iter_mut().enumerate().step_by(97) {
            *pin = Some([i as f32 * 3.0 - 4_000.0, 2_500.0 - i as f32]);
        }
        let mut levels = 0;
        let (positions, report) = lay_out_component(
            3_000,
            &links,
            &pins,
            5,
            &LayoutParams::default(),
            &MultilevelOptions::default(),
            |positions, level_pins| {
                levels += 1;
                let pinned = level_pins.iter().filter(|p| p.is_some()).count();
                assert_eq!(pinned, 31, "every pin is a cluster of its own");
                for (p, pin) in positions.iter().zip(level_pins) {
                    if let Some(pin) = pin {
                        assert_eq!(p, pin, "level {levels}");
                    }
                }
            },
        );
        assert!(report.levels > 2, "{report:?}");
        assert_eq!(levels, report.levels);
        for (p, pin) in positions.iter().zip(&pins) {
            if let Some(pin) = pin {
                assert_eq!(p, pin);
            }
        }
    }

    #[test]
    fn components_come_largest_first() {
        let links = vec![
            Link { a: 0, b: 1 },
            Link { a: 2, b: 3 },
            Link { a: 3, b: 4 },
        ];
        let components = Adjacency::new(6, &links).components();
        assert_eq!(components, vec![vec![2, 3, 4], vec![0, 1], vec![5]]);
    }
}
