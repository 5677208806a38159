//! One index of an open network, built once when it opens (and again after an edit):
//! entities and ties by id, each tie's participants and each entity's ties, named by
//! typed indexes ([`EntityIx`], [`TieIx`]) that only the index hands out.
//!
//! Everything that looks things up — the explorers, the drawing model, the window's panels
//! and selection — reads this one index rather than building its own id map or scanning
//! the network, so that an edited network needs only this index rebuilt.
//!
//! `network[entity]` and `network[tie]` give the [`Entity`] and [`Tie`] an index names.

use std::ops::Index;

use rayon::prelude::*;

use crate::network::date::PartialDate;
use crate::network::model::{Entity, Network, Tie};

/// How many ties one rayon task looks the participants of up.
const PARTICIPANT_CHUNK: usize = 8_192;

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
    entity_by_id: IdTable,
    tie_by_id: IdTable,
    source_by_id: IdTable,
    group_by_id: IdTable,
    participants: TieParticipants,
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
        // The id tables are independent, and so is the date order: build them side by side
        // on rayon's threads.
        let Self {
            entity_by_id,
            tie_by_id,
            source_by_id,
            group_by_id,
            ..
        } = self;
        let ((), by_date) = rayon::join(
            || entity_by_id.rebuild(network.entities.iter().map(|entity| entity.id.as_str())),
            || {
                // The ties' dates are read in the same pass over the ties as their ids.
                let mut dates = Vec::with_capacity(network.ties.len());
                tie_by_id.rebuild(network.ties.iter().map(|tie| {
                    dates.push(date_order(tie.date));
                    tie.id.as_str()
                }));
                source_by_id.rebuild(network.sources.iter().map(|source| source.id.as_str()));
                group_by_id.rebuild(network.groups.iter().map(|group| group.id.as_str()));
                // Each entity's ties are filled in date order below: visiting the ties in
                // that order once leaves every entity's list sorted, with no sort per
                // entity.
                ties_by_date(dates)
            },
        );

        self.participants.rebuild(network, &self.entity_by_id);
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
        self.participants.tie_count()
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
        self.entity_by_id.get(id).map(EntityIx)
    }

    /// The tie with this id.
    pub fn tie_ix(&self, id: &str) -> Option<TieIx> {
        self.tie_by_id.get(id).map(TieIx)
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
        self.source_by_id.get(id).map(|position| position as usize)
    }

    /// The position in `network.groups` of the group with this id.
    pub fn group_position(&self, id: &str) -> Option<usize> {
        self.group_by_id.get(id).map(|position| position as usize)
    }

    /// A tie's participants, in the tie's order, without the ids that name no entity;
    /// none for a tie of another network.
    pub fn participants(&self, tie: TieIx) -> &[EntityIx] {
        self.participants.of(tie)
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

/// Each tie's participants as entities, and nothing else of a [`NetworkIndex`]: what
/// needs only the network's shape (the layout's springs, in `powermap layout`) builds this
/// alone, which at a million entities costs a fraction of the whole index's time and
/// memory. The participants are those the index gives ([`NetworkIndex::participants`]).
#[derive(Clone, Debug, Default)]
pub struct TieParticipants {
    /// `entities[starts[t]..starts[t + 1]]` are tie t's participants.
    starts: Vec<u32>,
    entities: Vec<EntityIx>,
}

impl TieParticipants {
    /// Looks up the participants of the network's ties.
    pub fn new(network: &Network) -> Self {
        let mut entity_by_id = IdTable::default();
        entity_by_id.rebuild(network.entities.iter().map(|entity| entity.id.as_str()));
        let mut participants = Self::default();
        participants.rebuild(network, &entity_by_id);
        participants
    }

    /// Looks up the participants of the network's ties in `entity_by_id`, reusing this
    /// memory.
    fn rebuild(&mut self, network: &Network, entity_by_id: &IdTable) {
        // Participants are looked up in chunks of ties on rayon's threads, then laid end
        // to end.
        let chunks: Vec<(Vec<EntityIx>, Vec<u32>)> = network
            .ties
            .par_chunks(PARTICIPANT_CHUNK)
            .map(|ties| {
                // Every participant's key first, then the lookups: each loop's reads (of
                // the ids, each in its own allocation, then of the table) do not wait on
                // one another, so the processor keeps several misses in flight.
                let keys: Vec<IdKey> = (ties.iter())
                    .flat_map(|tie| tie.participants.iter().map(|id| IdKey::of(id)))
                    .collect();
                let mut keys = keys.into_iter();
                let mut participants = Vec::with_capacity(keys.len());
                let mut ends = Vec::with_capacity(ties.len());
                for tie in ties {
                    participants.extend(
                        (tie.participants.iter().zip(&mut keys))
                            .filter_map(|(id, key)| entity_by_id.find(id, key).map(EntityIx)),
                    );
                    ends.push(position_u32(participants.len()));
                }
                (participants, ends)
            })
            .collect();
        self.starts.clear();
        self.starts.reserve(network.ties.len() + 1);
        self.entities.clear();
        self.starts.push(0);
        for (participants, ends) in chunks {
            let base = position_u32(self.entities.len());
            self.starts.extend(ends.into_iter().map(|end| base + end));
            self.entities.extend(participants);
        }
    }

    /// How many ties the network has.
    fn tie_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// A tie's participants, in the tie's order, without the ids that name no entity;
    /// none for a tie of another network.
    pub fn of(&self, tie: TieIx) -> &[EntityIx] {
        let i = tie.index();
        match self.starts.get(i..i + 2) {
            Some(&[start, end]) => &self.entities[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Each tie's participants (as [`of`](Self::of) gives them), the ties in file order.
    pub fn each_tie(&self) -> impl Iterator<Item = &[EntityIx]> {
        self.starts
            .windows(2)
            .map(|ends| &self.entities[ends[0] as usize..ends[1] as usize])
    }
}

/// A number that orders dates as [`PartialDate`]'s `Ord` does (year, then month, then day,
/// a missing part first), with no date after every date. It fits in 49 bits, so that
/// [`ties_by_date`] sorts on seven bytes at most (and, as a rule, on four).
fn date_order(date: Option<PartialDate>) -> u64 {
    date.map_or(UNDATED, |date| {
        // The year shifted to be positive, then the month and day (0 when not given).
        let year = (i64::from(date.year_number()) - i64::from(i32::MIN)) as u64;
        let month = u64::from(date.month_number().unwrap_or(0));
        let day = u64::from(date.day_number().unwrap_or(0));
        (year << 16) | (month << 8) | day
    })
}

/// [`date_order`] of no date: just past the order of every date (a 32-bit year, then a
/// byte each for the month and the day).
const UNDATED: u64 = 1 << 48;

/// The ties in date order (see [`NetworkIndex::ties_of`]), from each tie's [`date_order`]
/// in file order: a least-significant-byte-first radix sort. Each pass is stable, so ties of one date stay in
/// file order; a byte that every key shares (the high bytes of the year, as a rule) takes
/// no pass.
fn ties_by_date(mut keys: Vec<u64>) -> Vec<TieIx> {
    let mut order: Vec<TieIx> = (0..position_u32(keys.len())).map(TieIx).collect();
    let mut counts = [[0usize; 256]; 7];
    for &key in &keys {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[(key >> (8 * byte)) as usize & 0xff] += 1;
        }
    }
    let mut sorted_keys = vec![0; keys.len()];
    let mut sorted_order = vec![TieIx(0); keys.len()];
    for (byte, count) in counts.iter().enumerate() {
        if count.contains(&keys.len()) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut start = 0;
        for (next, count) in next.iter_mut().zip(count) {
            *next = start;
            start += count;
        }
        for (&key, &tie) in keys.iter().zip(&order) {
            let slot = &mut next[(key >> (8 * byte)) as usize & 0xff];
            sorted_keys[*slot] = key;
            sorted_order[*slot] = tie;
            *slot += 1;
        }
        std::mem::swap(&mut keys, &mut sorted_keys);
        std::mem::swap(&mut order, &mut sorted_order);
    }
    order
}

/// Ids to their positions, without a copy of each id: the ids live end to end in one
/// string, and an open-addressing table of [`Slot`]s finds them by their [`IdKey`].
/// Building it costs a few large allocations rather than one per id, and finding an id of
/// up to eight bytes reads slots only, never the text.
#[derive(Clone, Debug, Default)]
struct IdTable {
    /// Every id longer than [`WHOLE_ID_BYTES`], end to end: the shorter ones are whole in
    /// their slots.
    text: String,
    /// Where the id at each position starts in `text` (if it is there).
    starts: Vec<u32>,
    /// A power-of-two table, probed linearly from the key's home slot.
    slots: Vec<Slot>,
}

/// What an [`IdTable`] compares first: an id of up to eight bytes whole (its bytes and its
/// length say which id it is), a longer one by its length and hash (so that its text is
/// read only on a likely match).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct IdKey {
    /// The id's bytes, little-endian and padded with zeros, or its hash.
    word: u64,
    /// The id's length in bytes.
    len: u32,
}

/// Ids of up to this many bytes are held whole in their [`IdKey`].
const WHOLE_ID_BYTES: usize = 8;

impl IdKey {
    /// The key of an id.
    #[inline]
    fn of(id: &str) -> Self {
        let bytes = id.as_bytes();
        let len = u32::try_from(bytes.len()).expect("an id is shorter than 4 GiB");
        let word = match *bytes {
            [] => 0,
            // Whole, with no call to `memcpy`: one to three bytes from their first,
            // middle and last, four to eight from two four-byte words that overlap on
            // the same bytes.
            [first, ..] if bytes.len() < 4 => {
                let middle = bytes.len() / 2;
                u64::from(first)
                    | u64::from(bytes[middle]) << (8 * middle)
                    | u64::from(bytes[bytes.len() - 1]) << (8 * (bytes.len() - 1))
            }
            [a, b, c, d, ..] if bytes.len() <= WHOLE_ID_BYTES => {
                let tail = bytes.len() - 4;
                let [e, f, g, h] = [
                    bytes[tail],
                    bytes[tail + 1],
                    bytes[tail + 2],
                    bytes[tail + 3],
                ];
                u64::from(u32::from_le_bytes([a, b, c, d]))
                    | u64::from(u32::from_le_bytes([e, f, g, h])) << (8 * tail)
            }
            _ => hash_id(id),
        };
        Self { word, len }
    }

    /// Whether the key alone says which id it is.
    fn is_whole(self) -> bool {
        self.len as usize <= WHOLE_ID_BYTES
    }

    /// The slot a probe for this key starts at, in a table of 2^`bits` slots (`bits` ≥ 1):
    /// the top bits of a multiplicative (Fibonacci) hash, which depend on every bit of the
    /// key.
    fn home(self, bits: u32) -> usize {
        let mixed =
            (self.word ^ u64::from(self.len).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> (u64::BITS - bits)) as usize
    }
}

/// One slot of an [`IdTable`]: an id's [`IdKey`] and its position + 1, or all zeros.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// [`IdKey::word`].
    word: u64,
    /// [`IdKey::len`].
    len: u32,
    /// The id's position + 1; 0 in an empty slot.
    entry: u32,
}

impl IdTable {
    /// Holds `ids`, at their positions; where an id repeats, the last position wins.
    /// `ids` is read once, in order.
    fn rebuild<'a>(&mut self, ids: impl ExactSizeIterator<Item = &'a str>) {
        let count = ids.len();
        self.text.clear();
        self.starts.clear();
        self.starts.reserve(count);
        self.slots.clear();
        // At most four fifths full (and never full, so that every probe ends): probes stay
        // short, and the table small. At least two slots, for `IdKey::home`.
        let slots = (count + count / 4 + 1).next_power_of_two().max(2);
        self.slots.resize(slots, Slot::default());
        // Every id is read once, in order, before the table is touched: the reads of the
        // ids (each in its own allocation), then the probes, do not wait on one another,
        // so the processor keeps several cache misses in flight.
        let keys: Vec<IdKey> = ids
            .map(|id| {
                let key = IdKey::of(id);
                self.starts.push(position_u32(self.text.len()));
                if !key.is_whole() {
                    self.text.push_str(id);
                }
                key
            })
            .collect();
        for (position, key) in keys.into_iter().enumerate() {
            // The slot of an earlier equal id, or the empty one that ends the probe.
            let id = if key.is_whole() {
                ""
            } else {
                self.id_at(position, key.len)
            };
            let (slot, _) = self.probe(id, key);
            self.slots[slot] = Slot {
                word: key.word,
                len: key.len,
                entry: position_u32(position + 1),
            };
        }
    }

    /// Probes for `id`, whose key is `key`: the slot holding it and its position, or the
    /// empty slot where the probe ended and `None`.
    fn probe(&self, id: &str, key: IdKey) -> (usize, Option<usize>) {
        let mask = self.slots.len() - 1;
        let mut slot = key.home(self.slots.len().trailing_zeros());
        loop {
            let taken = self.slots[slot];
            if taken.entry == 0 {
                return (slot, None);
            }
            if taken.word == key.word && taken.len == key.len {
                let position = (taken.entry - 1) as usize;
                if key.is_whole() || self.id_at(position, key.len) == id {
                    return (slot, Some(position));
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The id longer than [`WHOLE_ID_BYTES`] at a position, `len` bytes long.
    fn id_at(&self, position: usize, len: u32) -> &str {
        let start = self.starts[position] as usize;
        &self.text[start..start + len as usize]
    }

    /// The position of an id.
    fn get(&self, id: &str) -> Option<u32> {
        self.find(id, IdKey::of(id))
    }

    /// The position of `id`, whose key (computed ahead, see the participants' lookups)
    /// is `key`.
    fn find(&self, id: &str, key: IdKey) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let (_, position) = self.probe(id, key);
        position.map(position_u32)
    }
}

/// A fast hash of an id longer than [`WHOLE_ID_BYTES`] (FxHash's multiply-rotate over
/// eight bytes at a time, then splitmix64's finaliser so that every bit of the hash
/// depends on every byte).
fn hash_id(id: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut hash = id.len() as u64;
    let mut add = |word: u64| hash = (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut chunks = id.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        add(u64::from_le_bytes(word));
    }
    let mut rest = [0; 8];
    rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    add(u64::from_le_bytes(rest));
    // The finaliser of splitmix64.
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
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
    fn ids_are_found_among_many_and_the_last_of_a_repeated_id_wins() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("entity-{i}")).collect();
        let mut table = IdTable::default();
        table.rebuild(ids.iter().map(String::as_str));
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(table.get(id), Some(position as u32), "{id}");
        }
        assert_eq!(table.get("entity-5000"), None);
        assert_eq!(table.get(""), None);
        table.rebuild(["a", "", "b", "a"].into_iter());
        assert_eq!(table.get("a"), Some(3), "the last a");
        assert_eq!(table.get(""), Some(1));
        assert_eq!(table.get("b"), Some(2));
        table.rebuild(std::iter::empty());
        assert_eq!(table.get("a"), None);
    }

    #[test]
    fn tables_of_every_small_size_find_their_ids_and_miss_the_others() {
        let ids: Vec<String> = (0..40).map(|i| format!("{i}-{}", "x".repeat(i))).collect();
        let mut table = IdTable::default();
        for count in 0..ids.len() {
            table.rebuild(ids[..count].iter().map(String::as_str));
            for (position, id) in ids[..count].iter().enumerate() {
                assert_eq!(table.get(id), Some(position as u32), "{id} among {count}");
            }
            assert_eq!(table.get(&ids[count]), None, "{} among {count}", ids[count]);
            assert_eq!(table.get(""), None, "the empty id among {count}");
        }
    }

    #[test]
    fn dates_order_as_partial_dates_do() {
        let dates: Vec<Option<PartialDate>> = ["2024-12-31", "2025", "2025-01", "2025-01-01"]
            .iter()
            .map(|text| Some(text.parse().expect("a date")))
            .chain([None])
            .collect();
        for pair in dates.windows(2) {
            assert!(date_order(pair[0]) < date_order(pair[1]), "{pair:?}");
        }
        let before_our_era = PartialDate::year(-44);
        assert!(date_order(Some(before_our_era)) < date_order(dates[0]));
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
