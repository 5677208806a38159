//! The entity graph the explorers walk: two entities are adjacent when they share a tie,
//! whatever the tie's kind and however many participants it has.

use crate::network::index::{EntityIx, NetworkIndex, TieIx};

/// Whether tie `tie` is visible under an optional per-tie mask: without a mask every tie
/// is, and ties past the mask's end are not.
pub fn is_tie_visible(visible_ties: Option<&[bool]>, tie: TieIx) -> bool {
    visible_ties.is_none_or(|mask| mask.get(tie.index()).copied().unwrap_or(false))
}

/// One way out of an entity: the tie it shares with a neighbour, and that neighbour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TieStep {
    /// The tie shared.
    pub tie: TieIx,
    /// The entity at the other end.
    pub entity: EntityIx,
}

/// For each entity, every step to a neighbour over a visible tie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjacency {
    steps: Vec<Vec<TieStep>>,
}

impl Adjacency {
    /// The adjacency of an indexed network over the ties `visible_ties` lets through (all
    /// of them when it is `None`). A tie of three participants joins each of them to the
    /// others.
    pub fn new(index: &NetworkIndex, visible_ties: Option<&[bool]>) -> Self {
        let mut steps = vec![Vec::new(); index.entity_count()];
        for tie in index.ties() {
            if !is_tie_visible(visible_ties, tie) {
                continue;
            }
            let members = index.participants(tie);
            for &from in members {
                for &to in members {
                    if from != to {
                        steps[from.index()].push(TieStep { tie, entity: to });
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
    /// entity of another, larger network.
    pub fn steps_from(&self, entity: EntityIx) -> &[TieStep] {
        self.steps.get(entity.index()).map_or(&[], Vec::as_slice)
    }

    /// The distinct neighbours of an entity, in index order.
    pub fn neighbours(&self, entity: EntityIx) -> Vec<EntityIx> {
        let mut neighbours: Vec<EntityIx> = self
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
    use crate::explore::test_support::{
        NetworkBuilder, entities_at, entity_at, foreign_entity, foreign_tie,
    };
    use crate::network::model::Network;

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

    /// Steps as (tie, entity) positions.
    fn positions(steps: &[TieStep]) -> Vec<(usize, usize)> {
        steps
            .iter()
            .map(|step| (step.tie.index(), step.entity.index()))
            .collect()
    }

    #[test]
    fn a_tie_of_three_joins_each_participant_to_the_others() {
        let network = three_met_and_a_pair();
        let index = NetworkIndex::new(&network);
        let adjacency = Adjacency::new(&index, None);
        let a = entity_at(&network, "a");
        assert_eq!(positions(adjacency.steps_from(a)), [(0, 1), (0, 2), (2, 1)]);
        assert_eq!(
            adjacency.neighbours(a),
            entities_at(&index, &[1, 2]),
            "b counts once"
        );
        assert_eq!(
            adjacency.neighbours(entity_at(&network, "c")),
            entities_at(&index, &[0, 1, 3])
        );
        assert_eq!(adjacency.entity_count(), 4);
    }

    #[test]
    fn hidden_ties_join_nobody() {
        let network = three_met_and_a_pair();
        let index = NetworkIndex::new(&network);
        let adjacency = Adjacency::new(&index, Some(&[false, true, true]));
        assert_eq!(
            adjacency.neighbours(entity_at(&network, "a")),
            entities_at(&index, &[1])
        );
        assert_eq!(
            adjacency.neighbours(entity_at(&network, "c")),
            entities_at(&index, &[3])
        );
        let short_mask = Adjacency::new(&index, Some(&[true]));
        assert_eq!(
            short_mask.neighbours(entity_at(&network, "d")),
            Vec::<EntityIx>::new(),
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
        let index = NetworkIndex::new(&network);
        let adjacency = Adjacency::new(&index, None);
        assert_eq!(
            adjacency.neighbours(entity_at(&network, "a")),
            entities_at(&index, &[1])
        );
        assert!(adjacency.steps_from(foreign_entity(7)).is_empty());
        assert!(is_tie_visible(None, foreign_tie(99)));
        assert!(!is_tie_visible(Some(&[true]), foreign_tie(1)));
    }

    #[test]
    fn a_self_loop_leads_nowhere_but_stays_in_its_entitys_neighbourhood() {
        use crate::explore::metrics::{betweenness, degrees};
        use crate::explore::neighbourhood::neighbourhood;
        use crate::explore::path::shortest_path;
        let plain = three_met_and_a_pair();
        let looped = NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .person("d")
            .meeting("abc", &["a", "b", "c"])
            .meeting("cd", &["c", "d"])
            .meeting("ab-again", &["b", "a"])
            .meeting("cc", &["c", "c"])
            .build();
        let (plain_index, index) = (NetworkIndex::new(&plain), NetworkIndex::new(&looped));
        let adjacency = Adjacency::new(&index, None);
        let c = entity_at(&looped, "c");
        assert_eq!(
            adjacency,
            Adjacency::new(&plain_index, None),
            "no step from c to c"
        );
        assert_eq!(shortest_path(&index, c, c, None), Some(Vec::new()));
        let (a, d) = (entity_at(&looped, "a"), entity_at(&looped, "d"));
        assert_eq!(
            shortest_path(&index, a, d, None),
            shortest_path(&plain_index, a, d, None)
        );
        assert_eq!(degrees(&index, None), degrees(&plain_index, None));
        assert_eq!(betweenness(&index, None), betweenness(&plain_index, None));
        let around_c = neighbourhood(&index, c, 1, None);
        assert!(around_c.ties.contains(&index.tie_ix("cc").expect("cc")));
        assert_eq!(
            index.ties_of(c).len(),
            3,
            "the loop counts once among c's ties"
        );
    }
}
