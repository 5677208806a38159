//! The entity graph the explorers walk: two entities are adjacent when they share a tie,
//! whatever the tie's kind and however many participants it has.

use std::collections::HashMap;

use crate::network::model::Network;

/// Whether tie `tie` is visible under an optional per-tie mask: without a mask every tie
/// is, and ties past the mask's end are not.
pub fn is_tie_visible(visible_ties: Option<&[bool]>, tie: usize) -> bool {
    visible_ties.is_none_or(|mask| mask.get(tie).copied().unwrap_or(false))
}

/// Each entity's index in `network.entities`, by id.
pub fn entity_indexes(network: &Network) -> HashMap<&str, usize> {
    network
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| (entity.id.as_str(), index))
        .collect()
}

/// The entity indexes of a tie's participants, in the tie's order, skipping ids that name
/// no entity.
pub fn participant_indexes(
    entity_indexes: &HashMap<&str, usize>,
    participants: &[String],
) -> Vec<usize> {
    participants
        .iter()
        .filter_map(|id| entity_indexes.get(id.as_str()).copied())
        .collect()
}

/// One way out of an entity: the tie it shares with a neighbour, and that neighbour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TieStep {
    /// Index into `network.ties`.
    pub tie: usize,
    /// Index into `network.entities`: the entity at the other end.
    pub entity: usize,
}

/// For each entity, every step to a neighbour over a visible tie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjacency {
    steps: Vec<Vec<TieStep>>,
}

impl Adjacency {
    /// The adjacency of a network over the ties `visible_ties` lets through (all of them
    /// when it is `None`). A tie of three participants joins each of them to the others.
    pub fn new(network: &Network, visible_ties: Option<&[bool]>) -> Self {
        let indexes = entity_indexes(network);
        let mut steps = vec![Vec::new(); network.entities.len()];
        for (tie_index, tie) in network.ties.iter().enumerate() {
            if !is_tie_visible(visible_ties, tie_index) {
                continue;
            }
            let members = participant_indexes(&indexes, &tie.participants);
            for &from in &members {
                for &to in &members {
                    if from != to {
                        steps[from].push(TieStep {
                            tie: tie_index,
                            entity: to,
                        });
                    }
                }
            }
        }
        for entity_steps in &mut steps {
            entity_steps.sort_unstable();
            entity_steps.dedup();
        }
        Self { steps }
    }

    /// How many entities the graph has (all of the network's, visible ties or not).
    pub fn entity_count(&self) -> usize {
        self.steps.len()
    }

    /// The steps out of an entity, by tie index and then neighbour index; none for an
    /// index past the last entity.
    pub fn steps_from(&self, entity: usize) -> &[TieStep] {
        self.steps.get(entity).map_or(&[], Vec::as_slice)
    }

    /// The distinct neighbours of an entity, in index order.
    pub fn neighbours(&self, entity: usize) -> Vec<usize> {
        let mut neighbours: Vec<usize> = self
            .steps_from(entity)
            .iter()
            .map(|step| step.entity)
            .collect();
        neighbours.sort_unstable();
        neighbours.dedup();
        neighbours
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{NetworkBuilder, entity_at};

    fn three_met_and_a_pair() -> Network {
        NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .person("d")
            .meeting("abc", &["a", "b", "c"])
            .meeting("cd", &["c", "d"])
            .meeting("ab-again", &["b", "a"])
            .build()
    }

    #[test]
    fn a_tie_of_three_joins_each_participant_to_the_others() {
        let network = three_met_and_a_pair();
        let adjacency = Adjacency::new(&network, None);
        let a = entity_at(&network, "a");
        assert_eq!(
            adjacency.steps_from(a),
            [
                TieStep { tie: 0, entity: 1 },
                TieStep { tie: 0, entity: 2 },
                TieStep { tie: 2, entity: 1 },
            ]
        );
        assert_eq!(adjacency.neighbours(a), [1, 2], "b counts once");
        assert_eq!(adjacency.neighbours(entity_at(&network, "c")), [0, 1, 3]);
        assert_eq!(adjacency.entity_count(), 4);
    }

    #[test]
    fn hidden_ties_join_nobody() {
        let network = three_met_and_a_pair();
        let adjacency = Adjacency::new(&network, Some(&[false, true, true]));
        assert_eq!(adjacency.neighbours(entity_at(&network, "a")), [1]);
        assert_eq!(adjacency.neighbours(entity_at(&network, "c")), [3]);
        let short_mask = Adjacency::new(&network, Some(&[true]));
        assert_eq!(
            short_mask.neighbours(entity_at(&network, "d")),
            Vec::<usize>::new(),
            "ties past the mask's end are hidden"
        );
    }

    #[test]
    fn unknown_participants_and_entities_are_skipped() {
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .meeting("with-a-ghost", &["a", "ghost", "b"])
            .build();
        let adjacency = Adjacency::new(&network, None);
        assert_eq!(adjacency.neighbours(0), [1]);
        assert!(adjacency.steps_from(7).is_empty());
        assert!(is_tie_visible(None, 99));
        assert!(!is_tie_visible(Some(&[true]), 1));
    }
}
