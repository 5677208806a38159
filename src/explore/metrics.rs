//! Who is central: degree and betweenness centrality over the entity graph, where
//! entities that share a tie are adjacent.

use rayon::prelude::*;

use crate::explore::adjacency::{Adjacency, is_tie_visible};
use crate::network::index::{EntityIx, NetworkIndex};

/// How many groups of sources betweenness splits its work into; fixed, so the sums (and
/// so the scores) do not depend on the number of threads.
const SOURCE_GROUPS: usize = 64;

/// The degree and betweenness of every entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Centrality {
    /// For each entity, how many distinct neighbours it has over visible ties.
    pub degree: Vec<usize>,
    /// For each entity, its normalised betweenness (see [`betweenness`]).
    pub betweenness: Vec<f64>,
}

/// Degree and betweenness of every entity over the ties `visible_ties` lets through (all
/// when `None`). Both are indexed by [`EntityIx::index`](crate::network::index::EntityIx::index).
pub fn centrality(index: &NetworkIndex, visible_ties: Option<&[bool]>) -> Centrality {
    let neighbours = neighbour_lists(index, &Adjacency::new(index, visible_ties));
    Centrality {
        degree: neighbours.iter().map(Vec::len).collect(),
        betweenness: betweenness_of(&neighbours),
    }
}

/// For each entity, the number of distinct entities it shares a visible tie with: read
/// from each entity's ties in the index, on rayon's threads, without building the
/// adjacency (a million entities take a fraction of a second).
pub fn degrees(index: &NetworkIndex, visible_ties: Option<&[bool]>) -> Vec<usize> {
    (0..index.entity_count())
        .into_par_iter()
        .map_init(Vec::new, |neighbours: &mut Vec<EntityIx>, position| {
            let Some(entity) = index.entity_ix_at(position) else {
                return 0;
            };
            neighbours.clear();
            for &tie in index.ties_of(entity) {
                if is_tie_visible(visible_ties, tie) {
                    let others = index.participants(tie).iter();
                    neighbours.extend(others.filter(|&&other| other != entity));
                }
            }
            neighbours.sort_unstable();
            neighbours.dedup();
            neighbours.len()
        })
        .collect()
}

/// For each entity, the share of shortest paths between other entities that pass through
/// it (Brandes' algorithm, unweighted and undirected, over visible ties), normalised to
/// 0–1 by the number of pairs of the other entities: `(n − 1)(n − 2) / 2` for the network's
/// `n` entities, hidden or isolated ones included. The middle of a path of three scores 1,
/// as does the centre of a star; a triangle scores 0 everywhere.
pub fn betweenness(index: &NetworkIndex, visible_ties: Option<&[bool]>) -> Vec<f64> {
    betweenness_of(&neighbour_lists(
        index,
        &Adjacency::new(index, visible_ties),
    ))
}

/// Each entity's distinct neighbours, as positions: Brandes' algorithm works on plain
/// arrays.
fn neighbour_lists(index: &NetworkIndex, adjacency: &Adjacency) -> Vec<Vec<usize>> {
    index
        .entities()
        .map(|entity| {
            (adjacency.neighbours(entity).into_iter())
                .map(|neighbour| neighbour.index())
                .collect()
        })
        .collect()
}

fn betweenness_of(neighbours: &[Vec<usize>]) -> Vec<f64> {
    let count = neighbours.len();
    if count < 3 {
        return vec![0.0; count];
    }
    let group_size = count.div_ceil(SOURCE_GROUPS);
    let partial_sums: Vec<Vec<f64>> = (0..count.div_ceil(group_size))
        .into_par_iter()
        .map(|group| {
            let mut search = ShortestPaths::new(count);
            let mut sums = vec![0.0; count];
            for source in group * group_size..((group + 1) * group_size).min(count) {
                search.add_dependencies(neighbours, source, &mut sums);
            }
            sums
        })
        .collect();
    let mut totals = vec![0.0; count];
    for sums in partial_sums {
        for (total, sum) in totals.iter_mut().zip(sums) {
            *total += sum;
        }
    }
    // Each unordered pair is counted from both ends: halve, then divide by the pairs.
    let pairs = ((count - 1) * (count - 2)) as f64;
    totals.iter().map(|total| total / pairs).collect()
}

/// The distance of an entity the search has not reached.
const UNREACHED: usize = usize::MAX;

/// The working memory of one breadth-first search of Brandes' algorithm, reused between
/// sources.
struct ShortestPaths {
    /// Entities in the order they were reached.
    order: Vec<usize>,
    /// For each entity, its neighbours one step closer to the source.
    predecessors: Vec<Vec<usize>>,
    /// For each entity, how many shortest paths reach it from the source.
    path_counts: Vec<f64>,
    /// For each entity, its distance from the source; [`UNREACHED`] until reached.
    distances: Vec<usize>,
    dependencies: Vec<f64>,
}

impl ShortestPaths {
    fn new(count: usize) -> Self {
        Self {
            order: Vec::with_capacity(count),
            predecessors: vec![Vec::new(); count],
            path_counts: vec![0.0; count],
            distances: vec![UNREACHED; count],
            dependencies: vec![0.0; count],
        }
    }

    /// Adds to `sums` each entity's dependency on `source`: the shortest paths from the
    /// source that pass through it, as a fraction of all shortest paths to each target.
    fn add_dependencies(&mut self, neighbours: &[Vec<usize>], source: usize, sums: &mut [f64]) {
        self.order.clear();
        self.predecessors.iter_mut().for_each(Vec::clear);
        self.path_counts.fill(0.0);
        self.distances.fill(UNREACHED);
        self.dependencies.fill(0.0);
        self.path_counts[source] = 1.0;
        self.distances[source] = 0;
        self.order.push(source);
        let mut next = 0;
        while let Some(&entity) = self.order.get(next) {
            next += 1;
            let distance = self.distances[entity] + 1;
            for &neighbour in &neighbours[entity] {
                if self.distances[neighbour] == UNREACHED {
                    self.distances[neighbour] = distance;
                    self.order.push(neighbour);
                }
                if self.distances[neighbour] == distance {
                    self.path_counts[neighbour] += self.path_counts[entity];
                    self.predecessors[neighbour].push(entity);
                }
            }
        }
        for &entity in self.order.iter().rev() {
            for &predecessor in &self.predecessors[entity] {
                self.dependencies[predecessor] += self.path_counts[predecessor]
                    / self.path_counts[entity]
                    * (1.0 + self.dependencies[entity]);
            }
            if entity != source {
                sums[entity] += self.dependencies[entity];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;

    fn close(actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
            assert!((a - e).abs() < 1e-12, "entity {i}: {a} ≠ {e} in {actual:?}");
        }
    }

    fn people(count: usize) -> NetworkBuilder {
        (0..count).fold(NetworkBuilder::new(), |builder, i| {
            builder.person(&format!("p{i}"))
        })
    }

    #[test]
    fn the_middle_of_a_path_of_three_lies_between_the_ends() {
        let network = people(3)
            .meeting("01", &["p0", "p1"])
            .meeting("12", &["p1", "p2"])
            .build();
        close(
            &betweenness(&NetworkIndex::new(&network), None),
            &[0.0, 1.0, 0.0],
        );
        assert_eq!(degrees(&NetworkIndex::new(&network), None), [1, 2, 1]);
    }

    #[test]
    fn a_star_centre_lies_between_every_pair() {
        let network = people(5)
            .meeting("01", &["p0", "p1"])
            .meeting("02", &["p0", "p2"])
            .meeting("03", &["p0", "p3"])
            .meeting("04", &["p0", "p4"])
            .build();
        let scores = centrality(&NetworkIndex::new(&network), None);
        close(&scores.betweenness, &[1.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(scores.degree, [4, 1, 1, 1, 1]);
    }

    #[test]
    fn a_triangle_has_nobody_between() {
        let by_pairs = people(3)
            .meeting("01", &["p0", "p1"])
            .meeting("12", &["p1", "p2"])
            .meeting("20", &["p2", "p0"])
            .build();
        close(&betweenness(&NetworkIndex::new(&by_pairs), None), &[0.0; 3]);
        let one_meeting = people(3).meeting("all", &["p0", "p1", "p2"]).build();
        close(
            &betweenness(&NetworkIndex::new(&one_meeting), None),
            &[0.0; 3],
        );
        assert_eq!(degrees(&NetworkIndex::new(&one_meeting), None), [2, 2, 2]);
    }

    #[test]
    fn a_path_of_five_matches_the_textbook_values() {
        // Path 0–1–2–3–4: node 1 lies on 3 of the 6 pairs of the others, node 2 on 4.
        let network = people(5)
            .meeting("01", &["p0", "p1"])
            .meeting("12", &["p1", "p2"])
            .meeting("23", &["p2", "p3"])
            .meeting("34", &["p3", "p4"])
            .build();
        close(
            &betweenness(&NetworkIndex::new(&network), None),
            &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0],
        );
    }

    #[test]
    fn shortest_paths_are_shared_between_equal_routes() {
        // A square 0–1–2–3–0: 0 and 2 are joined through 1 or 3, half each.
        let network = people(4)
            .meeting("01", &["p0", "p1"])
            .meeting("12", &["p1", "p2"])
            .meeting("23", &["p2", "p3"])
            .meeting("30", &["p3", "p0"])
            .build();
        close(
            &betweenness(&NetworkIndex::new(&network), None),
            &[1.0 / 6.0; 4],
        );
    }

    #[test]
    fn hidden_ties_and_parallel_ties() {
        let network = people(3)
            .meeting("01", &["p0", "p1"])
            .meeting("01-again", &["p1", "p0"])
            .meeting("12", &["p1", "p2"])
            .build();
        assert_eq!(
            degrees(&NetworkIndex::new(&network), None),
            [1, 2, 1],
            "parallel ties count once"
        );
        close(
            &betweenness(&NetworkIndex::new(&network), None),
            &[0.0, 1.0, 0.0],
        );
        let mask = [true, true, false];
        assert_eq!(
            degrees(&NetworkIndex::new(&network), Some(&mask)),
            [1, 1, 0]
        );
        close(
            &betweenness(&NetworkIndex::new(&network), Some(&mask)),
            &[0.0; 3],
        );
    }

    #[test]
    fn every_source_is_counted_when_there_are_more_than_groups() {
        // A path longer than the number of source groups: node i lies between
        // i·(n − 1 − i) pairs of the others.
        let count = 2 * SOURCE_GROUPS + 3;
        let mut builder = people(count);
        for i in 1..count {
            let (a, b) = (format!("p{}", i - 1), format!("p{i}"));
            builder = builder.meeting(&format!("{a}-{b}"), &[&a, &b]);
        }
        let n = count as f64;
        let expected: Vec<f64> = (0..count)
            .map(|i| {
                let i = i as f64;
                i * (n - 1.0 - i) / ((n - 1.0) * (n - 2.0) / 2.0)
            })
            .collect();
        close(
            &betweenness(&NetworkIndex::new(&builder.build()), None),
            &expected,
        );
    }

    #[test]
    fn fewer_than_three_entities_score_zero() {
        let pair = people(2).meeting("01", &["p0", "p1"]).build();
        close(&betweenness(&NetworkIndex::new(&pair), None), &[0.0, 0.0]);
        assert!(betweenness(&NetworkIndex::new(&NetworkBuilder::new().build()), None).is_empty());
    }
}
