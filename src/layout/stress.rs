//! The finest level's last polish: a few rounds of sparse stress majorization (after
//! Ortmann, Klimenta and Brandes, "A sparse stress model", 2016). The forces leave a
//! large component's far parts a little too near or too far for their hop distances;
//! stress majorization moves each entity to where its drawn distances best match its
//! graph distances, to its neighbours and to a seeded sample of pivots that stand for
//! everyone else. Each round moves every entity at once from the previous round's
//! positions (a Jacobi step), so the result does not depend on the thread count.

use rayon::prelude::*;

use super::multilevel::Adjacency;
use super::{Point, splitmix64};

/// Pivots sampled, two searches' worth (see [`Batch`]): each stands for `count / PIVOTS`
/// entities. On generated preferential-attachment graphs, 64 pivots took the normalized
/// stress of the 10k graph from 0.179 to 0.174 and 128 to 0.169; fewer
/// are too few to average out their hop distances' coarseness.
const PIVOTS: usize = 128;
/// Rounds of majorization: each costs about as much as a Barnes–Hut step. On the 100k
/// graph, 2 rounds gave 0.170, 3 0.169 (from 0.179).
const ROUNDS: usize = 3;
/// Hop distances are kept in 16 bits: farther ones (past a path of 65,535 links) count as
/// this far.
const FARTHEST: u16 = u16::MAX;

/// Moves the entities of `graph` (one connected component) so that their drawn distances
/// match their hop distances better, in the drawing's own scale; `fixed` entities stay.
pub(super) fn polish(positions: &mut [Point], graph: &Adjacency, fixed: &[bool], seed: u64) {
    let count = positions.len();
    if count < 3 {
        return;
    }
    let pivots = sample(count, PIVOTS.min(count), seed);
    let batches: Vec<Batch> = pivots
        .par_chunks(64)
        .map(|pivots| Batch::new(graph, pivots))
        .collect();
    let Some(unit) = drawn_length_of_a_hop(positions, &batches) else {
        return;
    };
    // Each pivot stands for this many entities; its weight is `share / hops²`.
    let share = count as f32 / pivots.len() as f32;
    let mut next = positions.to_vec();
    for _ in 0..ROUNDS {
        let current: &[Point] = positions;
        next.par_iter_mut().enumerate().for_each(|(node, place)| {
            if fixed.get(node).copied().unwrap_or(false) {
                return;
            }
            let here = current[node];
            let (mut sum, mut weight) = ([0.0_f32; 2], 0.0_f32);
            let mut pull = |other: Point, target: f32, w: f32| {
                let (dx, dy) = (here[0] - other[0], here[1] - other[1]);
                let length = (dx * dx + dy * dy).sqrt();
                let stretch = if length > 0.0 { target / length } else { 0.0 };
                sum[0] += w * (other[0] + stretch * dx);
                sum[1] += w * (other[1] + stretch * dy);
                weight += w;
            };
            for &neighbour in graph.neighbours(node) {
                pull(current[neighbour as usize], unit, 1.0);
            }
            for batch in &batches {
                for (&pivot, &h) in batch.pivots.iter().zip(batch.row(node)) {
                    if h > 0 {
                        let h = f32::from(h);
                        pull(current[pivot], unit * h, share / h.powi(2));
                    }
                }
            }
            if weight > 0.0 {
                *place = [sum[0] / weight, sum[1] / weight];
            }
        });
        positions.copy_from_slice(&next);
    }
}

/// `wanted` distinct entities of `count`, drawn by a seeded partial shuffle, in index order.
fn sample(count: usize, wanted: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<u32> = (0..count as u32).collect();
    let mut state = seed;
    for i in 0..wanted {
        state = splitmix64(state);
        let j = i + (state % (count - i) as u64) as usize;
        order.swap(i, j);
    }
    let mut chosen: Vec<usize> = order[..wanted].iter().map(|&i| i as usize).collect();
    chosen.sort_unstable();
    chosen
}

/// Up to 64 pivots and their hops to every entity, found by one breadth-first search
/// that carries a bit per pivot (a multi-source BFS): each entity is visited once per
/// distinct distance from the pivots, not once per pivot.
struct Batch {
    pivots: Vec<usize>,
    /// `hops[node * pivots.len() + k]`: hops from pivot `k` to `node`.
    hops: Vec<u16>,
}

impl Batch {
    fn new(graph: &Adjacency, pivots: &[usize]) -> Self {
        let count = graph.count();
        let width = pivots.len();
        debug_assert!(width <= 64);
        let mut hops = vec![FARTHEST; count * width];
        let mut seen = vec![0_u64; count];
        let mut frontier = vec![0_u64; count];
        let mut next = vec![0_u64; count];
        let mut current: Vec<u32> = Vec::new();
        for (bit, &pivot) in pivots.iter().enumerate() {
            seen[pivot] |= 1 << bit;
            if frontier[pivot] == 0 {
                current.push(pivot as u32);
            }
            frontier[pivot] |= 1 << bit;
            hops[pivot * width + bit] = 0;
        }
        let mut reached: Vec<u32> = Vec::new();
        let mut distance = 0_u16;
        while !current.is_empty() {
            distance = distance.saturating_add(1);
            for &node in &current {
                let bits = frontier[node as usize];
                for &neighbour in graph.neighbours(node as usize) {
                    let n = neighbour as usize;
                    let new = bits & !seen[n];
                    if new != 0 {
                        if next[n] == 0 {
                            reached.push(neighbour);
                        }
                        next[n] |= new;
                    }
                }
            }
            for &node in &current {
                frontier[node as usize] = 0;
            }
            for &node in &reached {
                let n = node as usize;
                let mut bits = next[n];
                seen[n] |= bits;
                frontier[n] = bits;
                next[n] = 0;
                while bits != 0 {
                    hops[n * width + bits.trailing_zeros() as usize] = distance;
                    bits &= bits - 1;
                }
            }
            std::mem::swap(&mut current, &mut reached);
            reached.clear();
        }
        Self {
            pivots: pivots.to_vec(),
            hops,
        }
    }

    /// The hops from each of the batch's pivots to `node`.
    fn row(&self, node: usize) -> &[u16] {
        let width = self.pivots.len();
        &self.hops[node * width..(node + 1) * width]
    }
}

/// The drawn length that best stands for one hop, over the pivots' pairs: the mean of
/// drawn distance over hops (the least-squares scale with stress's weights, `1 / hops²`).
fn drawn_length_of_a_hop(positions: &[Point], batches: &[Batch]) -> Option<f32> {
    let (sum, pairs) = positions
        .par_iter()
        .enumerate()
        .map(|(node, q)| {
            let mut found = (0.0_f64, 0_u64);
            for batch in batches {
                for (&pivot, &h) in batch.pivots.iter().zip(batch.row(node)) {
                    if h > 0 {
                        let p = positions[pivot];
                        let drawn = (p[0] - q[0]).hypot(p[1] - q[1]);
                        found.0 += f64::from(drawn / f32::from(h));
                        found.1 += 1;
                    }
                }
            }
            found
        })
        .reduce(|| (0.0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    (pairs > 0 && sum > 0.0).then(|| (sum / pairs as f64) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Link;
    use crate::layout::quality::normalized_stress;

    #[test]
    fn a_folded_path_is_drawn_straighter() {
        // A path of 40 drawn as a zigzag folded back on itself.
        let links: Vec<Link> = (0..39).map(|i| Link { a: i, b: i + 1 }).collect();
        let graph = Adjacency::new(40, &links);
        let mut positions: Vec<Point> = (0..40)
            .map(|i| {
                let i = i as f32;
                [(i * 0.7).sin() * 10.0, i]
            })
            .collect();
        let before = normalized_stress(&positions, &links, 40);
        polish(&mut positions, &graph, &[false; 40], 1);
        let after = normalized_stress(&positions, &links, 40);
        assert!(after < before * 0.5, "{before} → {after}");
    }

    #[test]
    fn one_search_finds_every_pivots_hops() {
        let links = crate::network::generate::preferential_attachment(2_000, 3_000, 3);
        let graph = Adjacency::new(2_000, &links);
        let pivots = sample(2_000, 64, 11);
        let batch = Batch::new(&graph, &pivots);
        for (k, &pivot) in pivots.iter().enumerate() {
            // A plain breadth-first search from the pivot.
            let mut hops = vec![FARTHEST; 2_000];
            hops[pivot] = 0;
            let mut queue = std::collections::VecDeque::from([pivot]);
            while let Some(node) = queue.pop_front() {
                for &next in graph.neighbours(node) {
                    if hops[next as usize] == FARTHEST {
                        hops[next as usize] = hops[node] + 1;
                        queue.push_back(next as usize);
                    }
                }
            }
            for (node, &h) in hops.iter().enumerate() {
                assert_eq!(batch.row(node)[k], h, "pivot {pivot}, entity {node}");
            }
        }
    }

    #[test]
    fn fixed_entities_stay_and_the_result_is_repeatable() {
        let links = crate::network::generate::preferential_attachment(3_000, 6_000, 2);
        let graph = Adjacency::new(3_000, &links);
        let start: Vec<Point> = (0..3_000)
            .map(|i| {
                [
                    super::super::jitter(i) * 500.0,
                    super::super::jitter(i + 7) * 500.0,
                ]
            })
            .collect();
        let fixed: Vec<bool> = (0..3_000).map(|i| i % 50 == 0).collect();
        let mut first = start.clone();
        polish(&mut first, &graph, &fixed, 9);
        for (i, (a, b)) in first.iter().zip(&start).enumerate() {
            if fixed[i] {
                assert_eq!(a, b);
            }
        }
        assert_ne!(first, start);
        let mut again = start.clone();
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool")
            .install(|| polish(&mut again, &graph, &fixed, 9));
        assert_eq!(first, again, "one thread or many, the same positions");
    }
}
