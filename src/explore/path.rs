//! The shortest chain of ties between two entities ("how does Lee Jae-yong reach Tesla?").

use std::collections::VecDeque;

use crate::explore::adjacency::Adjacency;
use crate::network::index::{EntityIx, NetworkIndex, TieIx};

/// One link of a chain: `from` and `to` share `tie`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hop {
    /// Where the link starts.
    pub from: EntityIx,
    /// The tie the two share.
    pub tie: TieIx,
    /// Where the link leads.
    pub to: EntityIx,
}

/// A shortest chain of ties from `from` to `to` over the ties `visible_ties` lets through
/// (all when `None`), every tie counting as one step.
///
/// Among chains of the same length, the one whose ties have the lowest indexes wins, the
/// first hop deciding first. An entity reaches itself with no hops; `None` when there is
/// no chain, or either entity is of another, larger network.
pub fn shortest_path(
    index: &NetworkIndex,
    from: EntityIx,
    to: EntityIx,
    visible_ties: Option<&[bool]>,
) -> Option<Vec<Hop>> {
    let entity_count = index.entity_count();
    if from.index() >= entity_count || to.index() >= entity_count {
        return None;
    }
    let adjacency = Adjacency::new(index, visible_ties);
    let steps_to_target = steps_to(&adjacency, to, from);
    let mut remaining = steps_to_target[from.index()]?;
    let mut hops = Vec::with_capacity(remaining);
    let mut here = from;
    while remaining > 0 {
        let next = adjacency
            .steps_from(here)
            .iter()
            .find(|step| steps_to_target[step.entity.index()] == Some(remaining - 1))?;
        hops.push(Hop {
            from: here,
            tie: next.tie,
            to: next.entity,
        });
        here = next.entity;
        remaining -= 1;
    }
    Some(hops)
}

/// Breadth-first distances to `target`, searched until `stop` is reached: every entity
/// closer to `target` than `stop` then has its distance.
fn steps_to(adjacency: &Adjacency, target: EntityIx, stop: EntityIx) -> Vec<Option<usize>> {
    let mut distance = vec![None; adjacency.entity_count()];
    distance[target.index()] = Some(0);
    let mut queue = VecDeque::from([(target, 0)]);
    while let Some((entity, steps)) = queue.pop_front() {
        if entity == stop {
            break;
        }
        for step in adjacency.steps_from(entity) {
            if distance[step.entity.index()].is_none() {
                distance[step.entity.index()] = Some(steps + 1);
                queue.push_back((step.entity, steps + 1));
            }
        }
    }
    distance
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{NetworkBuilder, entity_at, foreign_entity};
    use crate::network::model::Network;

    /// Two ways from a to d of two ties each (a–b–d and a–c–d), and e–f apart.
    fn diamond() -> Network {
        NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .person("d")
            .person("e")
            .person("f")
            .meeting("cd", &["c", "d"])
            .meeting("ab", &["a", "b"])
            .meeting("ac", &["a", "c"])
            .meeting("bd", &["b", "d"])
            .meeting("ef", &["e", "f"])
            .meeting("ab-again", &["a", "b"])
            .build()
    }

    /// A hop over the tie at position `tie`.
    fn hop(network: &Network, from: &str, tie: usize, to: &str) -> Hop {
        Hop {
            from: entity_at(network, from),
            tie: NetworkIndex::new(network)
                .tie_ix_at(tie)
                .expect("a tie of the network"),
            to: entity_at(network, to),
        }
    }

    fn chain(network: &Network, from: &str, to: &str, mask: Option<&[bool]>) -> Option<Vec<Hop>> {
        let (from, to) = (entity_at(network, from), entity_at(network, to));
        shortest_path(&NetworkIndex::new(network), from, to, mask)
    }

    #[test]
    fn takes_the_lowest_tie_first_among_shortest_chains() {
        let network = diamond();
        let path = chain(&network, "a", "d", None);
        assert_eq!(
            path,
            Some(vec![hop(&network, "a", 1, "b"), hop(&network, "b", 3, "d")])
        );
        let back = chain(&network, "d", "a", None);
        assert_eq!(
            back,
            Some(vec![hop(&network, "d", 0, "c"), hop(&network, "c", 2, "a")]),
            "from d, tie 0 (c–d) is the lowest way out"
        );
    }

    #[test]
    fn goes_around_hidden_ties() {
        let network = diamond();
        let mask = [true, true, true, false, true, true];
        let path = chain(&network, "a", "d", Some(&mask));
        assert_eq!(
            path,
            Some(vec![hop(&network, "a", 2, "c"), hop(&network, "c", 0, "d")])
        );
        let mask = [false, true, true, false, true, true];
        assert_eq!(chain(&network, "a", "d", Some(&mask)), None);
    }

    #[test]
    fn prefers_fewer_ties_to_lower_indexes() {
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .meeting("ab", &["a", "b"])
            .meeting("bc", &["b", "c"])
            .meeting("abc", &["a", "b", "c"])
            .build();
        assert_eq!(
            chain(&network, "a", "c", None),
            Some(vec![hop(&network, "a", 2, "c")])
        );
    }

    #[test]
    fn unreachable_same_and_unknown_entities() {
        let network = diamond();
        assert_eq!(chain(&network, "a", "e", None), None);
        assert_eq!(chain(&network, "e", "e", None), Some(Vec::new()));
        assert_eq!(
            chain(&network, "e", "f", None),
            Some(vec![hop(&network, "e", 4, "f")])
        );
        let index = NetworkIndex::new(&network);
        let (a, far) = (entity_at(&network, "a"), foreign_entity(42));
        assert_eq!(shortest_path(&index, a, far, None), None);
        assert_eq!(shortest_path(&index, far, far, None), None);
    }
}
