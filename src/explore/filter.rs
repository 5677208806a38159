//! Filters: hiding kinds of entities, kinds and statuses of ties and groups, as visibility
//! masks that combine with the timeline's.

use std::collections::BTreeSet;

use crate::network::index::NetworkIndex;
use crate::network::model::{EntityKind, Network, TieKind, TieStatus};

/// What the map hides. The default hides nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Entities of these kinds are hidden.
    pub hidden_entity_kinds: BTreeSet<EntityKind>,
    /// Ties of these kinds are hidden.
    pub hidden_tie_kinds: BTreeSet<TieKind>,
    /// Ties of these statuses are hidden.
    pub hidden_tie_statuses: BTreeSet<TieStatus>,
    /// Entities in these groups (by group id) are hidden.
    pub hidden_groups: BTreeSet<String>,
}

/// Which entities and ties are visible: one flag per entity of `network.entities` and per
/// tie of `network.ties`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visibility {
    /// One flag per entity: `true` when visible.
    pub entities: Vec<bool>,
    /// One flag per tie: `true` when visible.
    pub ties: Vec<bool>,
}

impl Filter {
    /// Whether the filter hides nothing.
    pub fn hides_nothing(&self) -> bool {
        self.hidden_entity_kinds.is_empty()
            && self.hidden_tie_kinds.is_empty()
            && self.hidden_tie_statuses.is_empty()
            && self.hidden_groups.is_empty()
    }

    /// The entities and ties this filter leaves visible. An entity is hidden when its kind
    /// or its group is; a tie when its kind or its status is, or any of its participants is
    /// hidden.
    pub fn visibility(&self, network: &Network, index: &NetworkIndex) -> Visibility {
        let entities: Vec<bool> = network
            .entities
            .iter()
            .map(|entity| {
                !self.hidden_entity_kinds.contains(&entity.kind)
                    && entity
                        .group
                        .as_ref()
                        .is_none_or(|group| !self.hidden_groups.contains(group))
            })
            .collect();
        let ties = index
            .ties()
            .map(|tie| {
                !self.hidden_tie_kinds.contains(&network[tie].kind)
                    && !self.hidden_tie_statuses.contains(&network[tie].status)
                    && (index.participants(tie).iter()).all(|entity| entities[entity.index()])
            })
            .collect();
        Visibility { entities, ties }
    }
}

impl Visibility {
    /// Hides, in addition, the ties another mask hides (the timeline's, say): a tie stays
    /// visible only where both masks show it. Entities are left as they are.
    pub fn with_tie_mask(mut self, tie_mask: &[bool]) -> Self {
        self.ties = both_visible(&self.ties, tie_mask);
        self
    }
}

/// Two masks combined: visible where both are. The result is as long as the shorter.
pub fn both_visible(a: &[bool], b: &[bool]) -> Vec<bool> {
    a.iter().zip(b).map(|(&a, &b)| a && b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;
    use crate::explore::test_support::date;
    use crate::explore::timeline::{UndatedTies, ties_visible_as_of};

    fn network() -> Network {
        NetworkBuilder::new()
            .person("lee")
            .in_group("samsung")
            .company("samsung-electronics")
            .in_group("samsung")
            .company("openai")
            .person("altman")
            .entity("stargate", EntityKind::Project)
            .tie(
                "lee-role",
                TieKind::Role,
                &["lee", "samsung-electronics"],
                None,
            )
            .tie(
                "meeting",
                TieKind::Meeting,
                &["lee", "altman"],
                Some("2025-10-01"),
            )
            .tie(
                "deal",
                TieKind::Contract,
                &["openai", "samsung-electronics"],
                Some("2025-12-23"),
            )
            .tie(
                "project",
                TieKind::Partnership,
                &["openai", "stargate"],
                None,
            )
            .with_status(TieStatus::Confirmed)
            .tie("altman-role", TieKind::Role, &["altman", "openai"], None)
            .build()
    }

    #[test]
    fn the_default_filter_shows_everything() {
        let network = network();
        let filter = Filter::default();
        assert!(filter.hides_nothing());
        let visible = filter.visibility(&network, &NetworkIndex::new(&network));
        assert_eq!(visible.entities, [true; 5]);
        assert_eq!(visible.ties, [true; 5]);
    }

    #[test]
    fn hiding_a_kind_of_entity_hides_its_ties() {
        let network = network();
        let filter = Filter {
            hidden_entity_kinds: BTreeSet::from([EntityKind::Person]),
            ..Filter::default()
        };
        assert!(!filter.hides_nothing());
        let visible = filter.visibility(&network, &NetworkIndex::new(&network));
        assert_eq!(visible.entities, [false, true, true, false, true]);
        assert_eq!(visible.ties, [false, false, true, true, false]);
    }

    #[test]
    fn hiding_a_group_hides_its_members_and_their_ties() {
        let network = network();
        let filter = Filter {
            hidden_groups: BTreeSet::from(["samsung".to_owned()]),
            ..Filter::default()
        };
        let visible = filter.visibility(&network, &NetworkIndex::new(&network));
        assert_eq!(visible.entities, [false, false, true, true, true]);
        assert_eq!(visible.ties, [false, false, false, true, true]);
    }

    #[test]
    fn hiding_a_kind_of_tie_leaves_entities_visible() {
        let network = network();
        let filter = Filter {
            hidden_tie_kinds: BTreeSet::from([TieKind::Role, TieKind::Partnership]),
            ..Filter::default()
        };
        let visible = filter.visibility(&network, &NetworkIndex::new(&network));
        assert_eq!(visible.entities, [true; 5]);
        assert_eq!(visible.ties, [false, true, true, false, false]);
    }

    #[test]
    fn hiding_a_status_hides_its_ties_and_leaves_entities_visible() {
        let mut network = network();
        network.ties[1].status = TieStatus::Alleged;
        network.ties[2].status = TieStatus::Alleged;
        let index = NetworkIndex::new(&network);
        let filter = Filter {
            hidden_tie_statuses: BTreeSet::from([TieStatus::Alleged]),
            ..Filter::default()
        };
        assert!(!filter.hides_nothing());
        let visible = filter.visibility(&network, &index);
        assert_eq!(visible.entities, [true; 5]);
        assert_eq!(visible.ties, [true, false, false, true, true]);
        // Hiding reported ties, the default status, leaves the others.
        let filter = Filter {
            hidden_tie_statuses: BTreeSet::from([TieStatus::Reported]),
            ..Filter::default()
        };
        let visible = filter.visibility(&network, &index);
        assert_eq!(visible.ties, [false, true, true, true, false]);
    }

    #[test]
    fn combines_with_the_timeline() {
        let network = network();
        let filter = Filter {
            hidden_entity_kinds: BTreeSet::from([EntityKind::Project]),
            ..Filter::default()
        };
        let as_of = ties_visible_as_of(&network, date("2025-11").first_day(), UndatedTies::Show);
        assert_eq!(as_of, [true, true, false, true, true]);
        let visible = filter
            .visibility(&network, &NetworkIndex::new(&network))
            .with_tie_mask(&as_of);
        assert_eq!(visible.ties, [true, true, false, false, true]);
        assert_eq!(visible.entities, [true, true, true, true, false]);
        assert_eq!(
            both_visible(&[true, false, true], &[true, true]),
            [true, false]
        );
    }
}
