//! The neighbourhood of an entity: everyone within a few steps over ties, how many steps
//! away each is, and the ties among them.

use std::collections::VecDeque;

use crate::explore::adjacency::{Adjacency, is_tie_visible};
use crate::network::index::{EntityIx, NetworkIndex, TieIx};

/// An entity of a neighbourhood and its distance from the centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NeighbourhoodMember {
    /// How many ties lie between the centre and this entity (0 for the centre).
    pub steps: usize,
    /// The member.
    pub entity: EntityIx,
}

/// The entities within some steps of a centre, and the ties among them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbourhood {
    /// The entity the neighbourhood is around.
    pub centre: EntityIx,
    /// The centre first, then everyone else by distance, then by index.
    pub members: Vec<NeighbourhoodMember>,
    /// The visible ties joining at least two members, in index order. A meeting may also
    /// have participants beyond the neighbourhood; they are not members.
    pub ties: Vec<TieIx>,
}

impl Neighbourhood {
    /// The distance of an entity from the centre, if it is a member.
    pub fn steps_to(&self, entity: EntityIx) -> Option<usize> {
        self.members
            .iter()
            .find(|member| member.entity == entity)
            .map(|member| member.steps)
    }
}

/// The entities within `max_steps` ties of `centre` (the map offers 1–3) over the ties
/// `visible_ties` lets through (all when `None`). Any participant of a tie is a neighbour
/// of the others. A `centre` of another, larger network has an empty neighbourhood.
pub fn neighbourhood(
    index: &NetworkIndex,
    centre: EntityIx,
    max_steps: usize,
    visible_ties: Option<&[bool]>,
) -> Neighbourhood {
    if centre.index() >= index.entity_count() {
        return Neighbourhood {
            centre,
            members: Vec::new(),
            ties: Vec::new(),
        };
    }
    let adjacency = Adjacency::new(index, visible_ties);
    let mut distance: Vec<Option<usize>> = vec![None; index.entity_count()];
    distance[centre.index()] = Some(0);
    let mut queue = VecDeque::from([(centre, 0)]);
    while let Some((entity, steps)) = queue.pop_front() {
        if steps == max_steps {
            continue;
        }
        for step in adjacency.steps_from(entity) {
            if distance[step.entity.index()].is_none() {
                distance[step.entity.index()] = Some(steps + 1);
                queue.push_back((step.entity, steps + 1));
            }
        }
    }
    let mut members: Vec<NeighbourhoodMember> = index
        .entities()
        .zip(&distance)
        .filter_map(|(entity, steps)| steps.map(|steps| NeighbourhoodMember { steps, entity }))
        .collect();
    members.sort_unstable();
    let ties = index
        .ties()
        .filter(|&tie| {
            is_tie_visible(visible_ties, tie)
                && (index.participants(tie).iter())
                    .filter(|entity| distance[entity.index()].is_some())
                    .count()
                    >= 2
        })
        .collect();
    Neighbourhood {
        centre,
        members,
        ties,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{
        NetworkBuilder, entities_at, entity_at, foreign_entity, ties_at,
    };
    use crate::network::model::Network;

    /// a – b – c – d – e in a line (ties 0–3), f and g met b together (tie 4), h alone with i.
    fn line() -> Network {
        NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .person("d")
            .person("e")
            .person("f")
            .person("g")
            .person("h")
            .person("i")
            .meeting("ab", &["a", "b"])
            .meeting("bc", &["b", "c"])
            .meeting("cd", &["c", "d"])
            .meeting("de", &["d", "e"])
            .meeting("bfg", &["b", "f", "g"])
            .meeting("hi", &["h", "i"])
            .build()
    }

    fn members(found: &Neighbourhood, network: &Network) -> Vec<(String, usize)> {
        found
            .members
            .iter()
            .map(|m| (network[m.entity].id.clone(), m.steps))
            .collect()
    }

    fn named(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
        pairs
            .iter()
            .map(|(id, steps)| ((*id).to_owned(), *steps))
            .collect()
    }

    #[test]
    fn one_step_is_everyone_met() {
        let network = line();
        let index = NetworkIndex::new(&network);
        let found = neighbourhood(&index, entity_at(&network, "b"), 1, None);
        assert_eq!(
            members(&found, &network),
            named(&[("b", 0), ("a", 1), ("c", 1), ("f", 1), ("g", 1)])
        );
        assert_eq!(found.ties, ties_at(&index, &[0, 1, 4]));
    }

    #[test]
    fn each_step_goes_one_tie_further() {
        let network = line();
        let index = NetworkIndex::new(&network);
        let a = entity_at(&network, "a");
        let two = neighbourhood(&index, a, 2, None);
        assert_eq!(
            members(&two, &network),
            named(&[("a", 0), ("b", 1), ("c", 2), ("f", 2), ("g", 2)])
        );
        assert_eq!(
            two.ties,
            ties_at(&index, &[0, 1, 4]),
            "c–d leaves the neighbourhood"
        );
        let three = neighbourhood(&index, a, 3, None);
        assert_eq!(three.steps_to(entity_at(&network, "d")), Some(3));
        assert_eq!(three.steps_to(entity_at(&network, "e")), None);
        assert_eq!(three.ties, ties_at(&index, &[0, 1, 2, 4]));
        assert_eq!(
            three.steps_to(entity_at(&network, "h")),
            None,
            "another part"
        );
    }

    #[test]
    fn a_meeting_is_inside_when_two_of_its_participants_are() {
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .person("d")
            .meeting("ab", &["a", "b"])
            .meeting("bcd", &["b", "c", "d"])
            .meeting("cd", &["c", "d"])
            .build();
        let index = NetworkIndex::new(&network);
        let a = entity_at(&network, "a");
        let mask = [true, true, true];
        let found = neighbourhood(&index, a, 2, Some(&mask));
        assert_eq!(found.ties, ties_at(&index, &[0, 1, 2]));
        let only_a_and_b = neighbourhood(&index, a, 1, Some(&mask));
        assert_eq!(
            only_a_and_b.ties,
            ties_at(&index, &[0]),
            "bcd has one participant inside"
        );
    }

    #[test]
    fn hidden_ties_are_not_walked() {
        let network = line();
        let mut mask = vec![true; network.ties.len()];
        mask[1] = false;
        let index = NetworkIndex::new(&network);
        let found = neighbourhood(&index, entity_at(&network, "a"), 3, Some(&mask));
        assert_eq!(
            members(&found, &network),
            named(&[("a", 0), ("b", 1), ("f", 2), ("g", 2)])
        );
        assert_eq!(found.ties, ties_at(&index, &[0, 4]));
    }

    #[test]
    fn zero_steps_and_unknown_centres() {
        let network = line();
        let index = NetworkIndex::new(&network);
        let alone = neighbourhood(&index, entities_at(&index, &[2])[0], 0, None);
        assert_eq!(members(&alone, &network), named(&[("c", 0)]));
        assert!(alone.ties.is_empty());
        let nowhere = neighbourhood(&index, foreign_entity(99), 2, None);
        assert!(nowhere.members.is_empty());
        assert_eq!(nowhere.centre, foreign_entity(99));
    }
}
