//! The network as drawable lines: every tie becomes a line between each pair of its
//! participants (a meeting of three draws three lines, all leading to the same tie), and
//! lines between the same pair fan out so none hides another. A self-loop (a tie of an
//! entity to itself) becomes a line from the entity to itself, drawn as a small loop on
//! the side away from its neighbours; several at one entity nest, each a little larger.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::slice::ParallelSliceMut as _;

use crate::layout::{Link, Point};
use crate::network::index::{EntityIx, NetworkIndex, TieIx, TieParticipants};
use crate::network::model::Network;

/// One line on the map: a pair of entities joined by a tie.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapEdge {
    /// The tie the line draws.
    pub tie: TieIx,
    /// The entities it joins, `a < b` unless the tie lists them the other way; `a == b`
    /// for a self-loop.
    pub a: EntityIx,
    pub b: EntityIx,
    /// How far this line bows out from the straight one, in lanes: 0 is straight,
    /// lines sharing a pair get lanes spread evenly around 0 (−0.5 and 0.5 for two).
    /// For a self-loop, which loop at its entity it is: 0 the smallest, then 1, 2…
    pub bend: f32,
}

impl MapEdge {
    /// Whether the line joins an entity to itself.
    pub fn is_loop(&self) -> bool {
        self.a == self.b
    }
}

/// The drawable lines of a network.
#[derive(Clone, Debug, Default)]
pub struct MapGraph {
    /// The lines, in the order of their ties.
    pub edges: Vec<MapEdge>,
    /// Where the self-loops go.
    pub loops: Loops,
}

/// Each entity with a self-loop, with its neighbours (the other ends of its other lines,
/// each once): its loops are drawn away from them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loops {
    neighbours: BTreeMap<EntityIx, Vec<EntityIx>>,
}

impl MapGraph {
    /// The lines of a tie, as positions in `edges`: the lines are in tie order, each
    /// tie's together (none for a tie without lines).
    pub fn lines_of(&self, tie: TieIx) -> Range<usize> {
        let start = self.edges.partition_point(|edge| edge.tie < tie);
        let end = start + self.edges[start..].partition_point(|edge| edge.tie <= tie);
        start..end
    }

    /// Builds the lines of an indexed network; participants that name no entity are
    /// skipped (the index leaves them out).
    pub fn new(index: &NetworkIndex) -> Self {
        let mut edges = Vec::new();
        for tie in index.ties() {
            match index.participants(tie) {
                // A self-loop lists its entity twice: one line, from it to itself.
                &[a, b] if a == b => edges.push(MapEdge {
                    tie,
                    a,
                    b,
                    bend: 0.0,
                }),
                members => {
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
            }
        }
        let mut lanes: HashMap<(EntityIx, EntityIx), Vec<usize>> = HashMap::new();
        for (i, edge) in edges.iter().enumerate() {
            lanes.entry(pair_key(edge.a, edge.b)).or_default().push(i);
        }
        let mut looped: BTreeMap<EntityIx, Vec<EntityIx>> = BTreeMap::new();
        for (&(a, b), members) in &lanes {
            if a == b {
                // Loops nest rather than fan out: each lane a larger loop.
                for (lane, &edge) in members.iter().enumerate() {
                    edges[edge].bend = lane as f32;
                }
                looped.insert(a, Vec::new());
                continue;
            }
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
        for &(a, b) in lanes.keys() {
            if a == b {
                continue;
            }
            for (entity, neighbour) in [(a, b), (b, a)] {
                if let Some(neighbours) = looped.get_mut(&entity) {
                    neighbours.push(neighbour);
                }
            }
        }
        for neighbours in looped.values_mut() {
            // The lanes' map has no order of its own: the sum of directions must not
            // depend on it, to the last bit.
            neighbours.sort_unstable();
        }
        Self {
            edges,
            loops: Loops { neighbours: looped },
        }
    }

    /// Each linked pair once, for the layout's springs. A self-loop pulls nothing: it is
    /// left out. [`network_links`] gives the same without the lines.
    pub fn links(&self) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .edges
            .iter()
            .filter(|edge| !edge.is_loop())
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

/// The links [`MapGraph::links`] gives for the network, in the same order, from the ties'
/// participants alone: no index, no lines, no lanes. Each pair of distinct entities of a
/// tie is a link (a tie of k entities gives k(k−1)/2, an entity listed twice in one tie
/// none to itself), each pair once, lower index first, sorted.
pub fn network_links(network: &Network) -> Vec<Link> {
    let participants = TieParticipants::new(network);
    let mut links = Vec::with_capacity(network.ties.len());
    for members in participants.each_tie() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if a != b {
                    let (a, b) = pair_key(a, b);
                    links.push(Link {
                        a: a.index(),
                        b: b.index(),
                    });
                }
            }
        }
    }
    drop(participants);
    links.par_sort_unstable();
    links.dedup();
    links
}

impl Loops {
    /// The entities with a self-loop, in index order.
    pub fn entities(&self) -> impl Iterator<Item = EntityIx> + '_ {
        self.neighbours.keys().copied()
    }

    /// The direction (a unit vector) the self-loops at `entity` are drawn in, with the
    /// entities at `position`: away from its neighbours on the whole, straight up (towards
    /// −y) when they pull no way, none or all around. Any uniform scale and shift of the
    /// positions gives the same direction, so layout units and screen points agree.
    pub fn direction(&self, entity: EntityIx, position: impl Fn(EntityIx) -> Point) -> Point {
        let centre = position(entity);
        let neighbours = self.neighbours.get(&entity).map_or(&[][..], Vec::as_slice);
        let (mut x, mut y) = (0.0_f32, 0.0_f32);
        for &neighbour in neighbours {
            let at = position(neighbour);
            let (dx, dy) = (at[0] - centre[0], at[1] - centre[1]);
            let length = dx.hypot(dy);
            if length > 1e-6 {
                x -= dx / length;
                y -= dy / length;
            }
        }
        let length = x.hypot(y);
        // Below a tenth of one neighbour's pull, the neighbours balance: no side is free.
        if length < 0.1 || !length.is_finite() {
            [0.0, -1.0]
        } else {
            [x / length, y / length]
        }
    }
}

fn pair_key(a: EntityIx, b: EntityIx) -> (EntityIx, EntityIx) {
    (a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{Entity, EntityKind, LocalizedText, Tie, TieKind};

    fn entity(id: &str) -> Entity {
        let name = LocalizedText::from([("en".to_owned(), id.to_owned())]);
        Entity::new(id, EntityKind::Person, name)
    }

    fn tie(id: &str, participants: &[&str]) -> Tie {
        Tie::new(id, TieKind::Meeting, participants)
    }

    #[test]
    fn links_from_the_network_are_the_map_graphs() {
        let same = |network: &Network, what: &str| {
            let from_lines = MapGraph::new(&NetworkIndex::new(network)).links();
            assert_eq!(network_links(network), from_lines, "{what}");
        };
        let mut network = Network::empty();
        network.entities = ["a", "b", "c", "d", "e", "alone"].map(entity).to_vec();
        network.entities[3].pinned = true;
        network.ties = vec![
            tie("deal", &["d", "c", "b", "a"]),
            tie("own", &["e", "e"]),
            tie("twice", &["c", "a", "c"]),
            tie("back", &["b", "a"]),
            tie("again", &["a", "b"]),
            tie("ghost", &["e", "nobody", "d"]),
            tie("thrice", &["e", "e", "e"]),
        ];
        same(
            &network,
            "a meeting of four, loops, repeats and an unknown id",
        );
        let pairs: Vec<(usize, usize)> = (network_links(&network).iter())
            .map(|l| (l.a, l.b))
            .collect();
        assert_eq!(
            pairs,
            [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4)]
        );
        same(&Network::empty(), "no entities");
        let samsung = crate::network::dataset::load_default_network().expect("embedded");
        same(&samsung.network, "the embedded network");
        let generated = crate::network::generate::generate_network(2_000, 5_000, 4);
        same(&generated, "a generated network");
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

    #[test]
    fn a_self_loop_is_one_line_to_itself_that_pulls_nothing() {
        let mut network = Network::empty();
        network.entities = ["a", "b", "c"].map(entity).to_vec();
        network.ties = vec![
            tie("own", &["a", "a"]),
            tie("ab", &["a", "b"]),
            tie("own-again", &["a", "a"]),
            tie("ac", &["a", "c"]),
        ];
        let graph = MapGraph::new(&NetworkIndex::new(&network));
        let lines: Vec<(usize, usize, f32)> = (graph.edges.iter())
            .map(|e| (e.a.index(), e.b.index(), e.bend))
            .collect();
        assert_eq!(
            lines,
            [(0, 0, 0.0), (0, 1, 0.0), (0, 0, 1.0), (0, 2, 0.0)],
            "the second loop nests around the first"
        );
        assert!(graph.edges[0].is_loop() && !graph.edges[1].is_loop());
        let links: Vec<(usize, usize)> = graph.links().iter().map(|l| (l.a, l.b)).collect();
        assert_eq!(links, [(0, 1), (0, 2)], "no spring from a to itself");
        let a = graph.edges[0].a;
        assert_eq!(graph.loops.entities().collect::<Vec<_>>(), [a]);

        // Neighbours to the right and below: the loops go up and to the left.
        let positions = [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]];
        let at = |e: EntityIx| positions[e.index()];
        let [x, y] = graph.loops.direction(a, at);
        let half = std::f32::consts::FRAC_1_SQRT_2;
        assert!(
            (x + half).abs() < 1e-6 && (y + half).abs() < 1e-6,
            "{x} {y}"
        );
        // Scaled and shifted, as on screen: the same.
        let screen = |e: EntityIx| {
            [
                positions[e.index()][0] * 3.0 + 7.0,
                positions[e.index()][1] * 3.0 - 2.0,
            ]
        };
        let [sx, sy] = graph.loops.direction(a, screen);
        assert!((sx - x).abs() < 1e-6 && (sy - y).abs() < 1e-6);
        // Neighbours on either side pull no way: up.
        let balanced = [[0.0, 0.0], [10.0, 0.0], [-10.0, 0.0]];
        assert_eq!(
            graph.loops.direction(a, |e| balanced[e.index()]),
            [0.0, -1.0]
        );
    }
}
