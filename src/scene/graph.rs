//! The network as drawable lines: every tie becomes a line between each pair of its
//! participants (a meeting of three draws three lines, all leading to the same tie), and
//! lines between the same pair fan out so none hides another.

use std::collections::HashMap;

use crate::layout::Link;
use crate::network::index::{EntityIx, NetworkIndex, TieIx};

/// One line on the map: a pair of entities joined by a tie.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapEdge {
    /// The tie the line draws.
    pub tie: TieIx,
    /// The entities it joins, `a < b` unless the tie lists them the other way.
    pub a: EntityIx,
    pub b: EntityIx,
    /// How far this line bows out from the straight one, in lanes: 0 is straight,
    /// lines sharing a pair get lanes spread evenly around 0 (−0.5 and 0.5 for two).
    pub bend: f32,
}

/// The drawable lines of a network.
#[derive(Clone, Debug, Default)]
pub struct MapGraph {
    pub edges: Vec<MapEdge>,
}

impl MapGraph {
    /// Builds the lines of an indexed network; participants that name no entity are
    /// skipped (the index leaves them out).
    pub fn new(index: &NetworkIndex) -> Self {
        let mut edges = Vec::new();
        for tie in index.ties() {
            let members = index.participants(tie);
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    edges.push(MapEdge {
                        tie,
                        a,
                        b,
                        bend: 0.0,
                    });
                }
            }
        }
        let mut lanes: HashMap<(EntityIx, EntityIx), Vec<usize>> = HashMap::new();
        for (i, edge) in edges.iter().enumerate() {
            lanes.entry(pair_key(edge.a, edge.b)).or_default().push(i);
        }
        for members in lanes.values() {
            let middle = (members.len() as f32 - 1.0) / 2.0;
            for (lane, &edge) in members.iter().enumerate() {
                // Bends are measured in the pair's own direction (low index to high), so
                // lines drawn from either end fan out the same way.
                let sign = if edges[edge].a < edges[edge].b {
                    1.0
                } else {
                    -1.0
                };
                edges[edge].bend = (lane as f32 - middle) * sign;
            }
        }
        Self { edges }
    }

    /// Each linked pair once, for the layout's springs.
    pub fn links(&self) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .edges
            .iter()
            .map(|edge| {
                let (a, b) = pair_key(edge.a, edge.b);
                Link {
                    a: a.index(),
                    b: b.index(),
                }
            })
            .collect();
        links.sort_unstable();
        links.dedup();
        links
    }
}

fn pair_key(a: EntityIx, b: EntityIx) -> (EntityIx, EntityIx) {
    (a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{Entity, EntityKind, LocalizedText, Network, Tie, TieKind};

    fn entity(id: &str) -> Entity {
        let name = LocalizedText::from([("en".to_owned(), id.to_owned())]);
        Entity::new(id, EntityKind::Person, name)
    }

    fn tie(id: &str, participants: &[&str]) -> Tie {
        Tie::new(id, TieKind::Meeting, participants)
    }

    #[test]
    fn a_meeting_of_three_draws_three_lines_to_one_tie() {
        let mut network = Network::empty();
        network.entities = ["a", "b", "c"].map(entity).to_vec();
        network.ties = vec![tie("m", &["a", "b", "c"])];
        let graph = MapGraph::new(&NetworkIndex::new(&network));
        let pairs: Vec<(usize, usize)> = (graph.edges.iter())
            .map(|e| (e.a.index(), e.b.index()))
            .collect();
        assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
        assert!((graph.edges.iter()).all(|e| e.tie.index() == 0 && e.bend == 0.0));
        let links: Vec<(usize, usize)> = graph.links().iter().map(|l| (l.a, l.b)).collect();
        assert_eq!(links, [(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn parallel_lines_fan_out_symmetrically() {
        let mut network = Network::empty();
        network.entities = ["a", "b"].map(entity).to_vec();
        network.ties = vec![
            tie("1", &["a", "b"]),
            tie("2", &["b", "a"]),
            tie("3", &["a", "b"]),
        ];
        let graph = MapGraph::new(&NetworkIndex::new(&network));
        // The second tie runs b→a, so its bend is mirrored to land in the same fan.
        let bends: Vec<f32> = graph.edges.iter().map(|e| e.bend).collect();
        assert_eq!(bends, [-1.0, 0.0, 1.0]);
        let links: Vec<(usize, usize)> = graph.links().iter().map(|l| (l.a, l.b)).collect();
        assert_eq!(links, [(0, 1)], "the layout gets each pair once");
    }
}
