//! One index of an open network, built once when it opens (and again after an edit):
//! entities and ties by id, each tie's participants and each entity's ties, named by
//! typed indexes ([`EntityIx`], [`TieIx`]) that only the index hands out.
//!
//! Everything that looks things up — the explorers, the drawing model, the window's panels
//! and selection — reads this one index rather than building its own id map or scanning
//! the network, so that an edited network needs only this index rebuilt.
//!
//! `network[entity]` and `network[tie]` give the [`Entity`] and [`Tie`] an index names.

use std::collections::HashMap;
use std::ops::Index;

use crate::network::model::{Entity, Network, Tie};

/// The position of an entity in `network.entities`, as the network's [`NetworkIndex`]
/// hands it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityIx(u32);

/// The position of a tie in `network.ties`, as the network's [`NetworkIndex`] hands it
/// out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TieIx(u32);

impl EntityIx {
    /// The entity's position in `network.entities` (and in any per-entity `Vec`).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl TieIx {
    /// The tie's position in `network.ties` (and in any per-tie `Vec` or mask).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A position as a `u32`. Networks are far smaller than 2³² entities or ties: a file that
/// size could not be read into memory.
fn position_u32(position: usize) -> u32 {
    u32::try_from(position).expect("a network holds fewer than 2^32 entities and ties")
}

/// Lookups of one network, by id and by structure.
///
/// Built from a `&Network` with [`NetworkIndex::new`]; it keeps no reference to it, so it
/// must be [rebuilt](NetworkIndex::rebuild) whenever the network's entities or ties change.
/// Indexes it hands out are valid for that network only.
#[derive(Clone, Debug, Default)]
pub struct NetworkIndex {
    entity_by_id: HashMap<String, EntityIx>,
    tie_by_id: HashMap<String, TieIx>,
    source_by_id: HashMap<String, usize>,
    group_by_id: HashMap<String, usize>,
    /// `participants[participant_starts[t]..participant_starts[t + 1]]` are tie t's.
    participant_starts: Vec<u32>,
    participants: Vec<EntityIx>,
    /// `entity_ties[entity_tie_starts[e]..entity_tie_starts[e + 1]]` are entity e's ties.
    entity_tie_starts: Vec<u32>,
    entity_ties: Vec<TieIx>,
}

impl NetworkIndex {
    /// Indexes a network. Ids are expected to be unique (the validator insists); where one
    /// is not, the last entity or tie with it wins.
    pub fn new(network: &Network) -> Self {
        let mut index = Self::default();
        index.rebuild(network);
        index
    }

    /// Indexes `network` again, after it changed, reusing this index's memory.
    pub fn rebuild(&mut self, network: &Network) {
        fn by_id<'a, T>(
            map: &mut HashMap<String, T>,
            items: impl ExactSizeIterator<Item = (&'a str, T)>,
        ) {
            map.clear();
            map.reserve(items.len());
            for (id, value) in items {
                map.insert(id.to_owned(), value);
            }
        }
        by_id(
            &mut self.entity_by_id,
            (network.entities.iter().enumerate())
                .map(|(i, entity)| (entity.id.as_str(), EntityIx(position_u32(i)))),
        );
        by_id(
            &mut self.tie_by_id,
            (network.ties.iter().enumerate())
                .map(|(i, tie)| (tie.id.as_str(), TieIx(position_u32(i)))),
        );
        by_id(
            &mut self.source_by_id,
            (network.sources.iter().enumerate()).map(|(i, source)| (source.id.as_str(), i)),
        );
        by_id(
            &mut self.group_by_id,
            (network.groups.iter().enumerate()).map(|(i, group)| (group.id.as_str(), i)),
        );

        self.participant_starts.clear();
        self.participant_starts.reserve(network.ties.len() + 1);
        self.participants.clear();
        self.participant_starts.push(0);
        for tie in &network.ties {
            self.participants.extend(
                (tie.participants.iter()).filter_map(|id| self.entity_by_id.get(id).copied()),
            );
            self.participant_starts
                .push(position_u32(self.participants.len()));
        }

        // Each entity's ties, filled in date order: visiting the ties in that order once
        // leaves every entity's list sorted, with no sort per entity.
        let mut by_date: Vec<TieIx> = (0..network.ties.len())
            .map(|i| TieIx(position_u32(i)))
            .collect();
        by_date.sort_by_key(|&tie| {
            let date = network.ties[tie.index()].date;
            (date.is_none(), date, tie)
        });
        let mut counts = vec![0u32; network.entities.len()];
        for tie in self.ties() {
            for_each_distinct(self.participants(tie), |entity| counts[entity.index()] += 1);
        }
        self.entity_tie_starts.clear();
        self.entity_tie_starts.reserve(network.entities.len() + 1);
        let mut start = 0u32;
        self.entity_tie_starts.push(0);
        for count in &mut counts {
            start += *count;
            self.entity_tie_starts.push(start);
            // From here on, `counts` holds where each entity's next tie goes.
            *count = start - *count;
        }
        let mut entity_ties = std::mem::take(&mut self.entity_ties);
        entity_ties.clear();
        entity_ties.resize(start as usize, TieIx(0));
        for tie in by_date {
            for_each_distinct(self.participants(tie), |entity| {
                let next = &mut counts[entity.index()];
                entity_ties[*next as usize] = tie;
                *next += 1;
            });
        }
        self.entity_ties = entity_ties;
    }

    /// How many entities the network has.
    pub fn entity_count(&self) -> usize {
        self.entity_tie_starts.len().saturating_sub(1)
    }

    /// How many ties the network has.
    pub fn tie_count(&self) -> usize {
        self.participant_starts.len().saturating_sub(1)
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> impl DoubleEndedIterator<Item = EntityIx> + ExactSizeIterator {
        (0..position_u32(self.entity_count())).map(EntityIx)
    }

    /// Every tie, in file order.
    pub fn ties(&self) -> impl DoubleEndedIterator<Item = TieIx> + ExactSizeIterator {
        (0..position_u32(self.tie_count())).map(TieIx)
    }

    /// The entity with this id.
    pub fn entity_ix(&self, id: &str) -> Option<EntityIx> {
        self.entity_by_id.get(id).copied()
    }

    /// The tie with this id.
    pub fn tie_ix(&self, id: &str) -> Option<TieIx> {
        self.tie_by_id.get(id).copied()
    }

    /// The entity at a position of `network.entities`, for positions that come from
    /// elsewhere (the layout's arrays, the map's nodes); `None` past the last entity.
    pub fn entity_ix_at(&self, position: usize) -> Option<EntityIx> {
        (position < self.entity_count()).then(|| EntityIx(position_u32(position)))
    }

    /// The tie at a position of `network.ties`; `None` past the last tie.
    pub fn tie_ix_at(&self, position: usize) -> Option<TieIx> {
        (position < self.tie_count()).then(|| TieIx(position_u32(position)))
    }

    /// The position in `network.sources` of the source with this id.
    pub fn source_position(&self, id: &str) -> Option<usize> {
        self.source_by_id.get(id).copied()
    }

    /// The position in `network.groups` of the group with this id.
    pub fn group_position(&self, id: &str) -> Option<usize> {
        self.group_by_id.get(id).copied()
    }

    /// A tie's participants, in the tie's order, without the ids that name no entity;
    /// none for a tie of another network.
    pub fn participants(&self, tie: TieIx) -> &[EntityIx] {
        let i = tie.index();
        match self.participant_starts.get(i..i + 2) {
            Some(&[start, end]) => &self.participants[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The ties an entity takes part in, each once, in date order: by date as
    /// [`PartialDate`](crate::network::date::PartialDate) orders dates (the earliest start
    /// first, the less precise first on the same start), then by index; undated ties last,
    /// by index. None for an entity of another network.
    pub fn ties_of(&self, entity: EntityIx) -> &[TieIx] {
        let i = entity.index();
        match self.entity_tie_starts.get(i..i + 2) {
            Some(&[start, end]) => &self.entity_ties[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// Calls `f` with each entity of `entities` once, in order of first appearance. Ties have
/// a handful of participants, so looking back beats a set.
fn for_each_distinct(entities: &[EntityIx], mut f: impl FnMut(EntityIx)) {
    for (i, &entity) in entities.iter().enumerate() {
        if !entities[..i].contains(&entity) {
            f(entity);
        }
    }
}

impl Index<EntityIx> for Network {
    type Output = Entity;

    /// The entity an index names; panics for an index of another, larger network.
    fn index(&self, entity: EntityIx) -> &Entity {
        &self.entities[entity.index()]
    }
}

impl Index<TieIx> for Network {
    type Output = Tie;

    /// The tie an index names; panics for an index of another, larger network.
    fn index(&self, tie: TieIx) -> &Tie {
        &self.ties[tie.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;
    use crate::network::model::TieKind;

    #[test]
    fn participants_skip_unknown_ids_and_ties_run_in_date_order() {
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .person("c")
            .tie(
                "late",
                TieKind::Meeting,
                &["a", "ghost", "b"],
                Some("2025-03"),
            )
            .tie("undated", TieKind::Role, &["b", "a"], None)
            .tie("year", TieKind::Meeting, &["a", "c"], Some("2025"))
            .tie("early", TieKind::Meeting, &["c", "a"], Some("2024-12-31"))
            .tie(
                "also-late",
                TieKind::Visit,
                &["a", "a", "b"],
                Some("2025-03"),
            )
            .build();
        let index = NetworkIndex::new(&network);
        let entity = |id| index.entity_ix(id).expect("known");
        let tie_ids = |entity| -> Vec<&str> {
            (index.ties_of(entity).iter())
                .map(|&tie| network[tie].id.as_str())
                .collect()
        };
        let late = index.tie_ix("late").expect("known");
        assert_eq!(index.participants(late), [entity("a"), entity("b")]);
        assert_eq!(
            tie_ids(entity("a")),
            ["early", "year", "late", "also-late", "undated"]
        );
        assert_eq!(tie_ids(entity("c")), ["early", "year"]);
        assert_eq!(index.entity_ix("ghost"), None);
        assert_eq!(index.entity_ix_at(3), None);
        assert_eq!(index.entity_ix_at(2), Some(entity("c")));
        assert_eq!((index.entity_count(), index.tie_count()), (3, 5));
    }

    #[test]
    fn rebuilding_follows_the_network() {
        let mut network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .meeting("ab", &["a", "b"])
            .build();
        let mut index = NetworkIndex::new(&network);
        network.entities.remove(0);
        index.rebuild(&network);
        let b = index.entity_ix("b").expect("b is still there");
        assert_eq!(b.index(), 0);
        assert_eq!(index.entity_ix("a"), None);
        let ab = index.tie_ix("ab").expect("the tie stays");
        assert_eq!(index.participants(ab), [b]);
        assert_eq!(index.ties_of(b), [ab]);
    }
}
