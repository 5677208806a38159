//! The network index read against the network it indexes, on the default Samsung network
//! and on a generated one: participants, each entity's ties in date order, and lookups
//! by id.

use std::collections::{BTreeSet, HashSet};

use powermap::network::dataset::load_default_network;
use powermap::network::generate::generate_network;
use powermap::network::index::{EntityIx, NetworkIndex, TieIx};
use powermap::network::model::Network;

fn samsung() -> Network {
    load_default_network()
        .expect("the default network loads")
        .network
}

fn generated() -> Network {
    generate_network(2_000, 4_000, 7)
}

/// Every tie's participant indexes name the entities its ids name, in its order.
fn participants_match_ids(network: &Network, index: &NetworkIndex) {
    assert_eq!(index.tie_count(), network.ties.len());
    let ids: HashSet<&str> = network.entities.iter().map(|e| e.id.as_str()).collect();
    for tie in index.ties() {
        let named: Vec<&str> = (index.participants(tie).iter())
            .map(|&entity| network[entity].id.as_str())
            .collect();
        let known: Vec<&str> = (network[tie].participants.iter())
            .map(String::as_str)
            .filter(|id| ids.contains(id))
            .collect();
        assert_eq!(named, known, "tie {}", network[tie].id);
    }
}

/// Every entity's ties are exactly those that list it, each once, dated ones by date
/// (then index) and undated ones last (by index).
fn ties_of_each_entity_in_date_order(network: &Network, index: &NetworkIndex) {
    assert_eq!(index.entity_count(), network.entities.len());
    let mut listed = 0;
    for entity in index.entities() {
        let id = &network[entity].id;
        let ties = index.ties_of(entity);
        let expected: BTreeSet<TieIx> = index
            .ties()
            .filter(|&tie| network[tie].participants.contains(id))
            .collect();
        let got: BTreeSet<TieIx> = ties.iter().copied().collect();
        assert_eq!(got, expected, "ties of {id}");
        assert_eq!(got.len(), ties.len(), "{id}: each tie once");
        let keys: Vec<_> = (ties.iter())
            .map(|&tie| {
                let date = network[tie].date;
                (date.is_none(), date, tie)
            })
            .collect();
        assert!(keys.is_sorted(), "{id}: ties out of date order: {keys:?}");
        listed += ties.len();
    }
    let memberships: usize = (network.ties.iter())
        .map(|tie| {
            (tie.participants.iter().collect::<BTreeSet<_>>().into_iter())
                .filter(|id| index.entity_ix(id).is_some())
                .count()
        })
        .sum();
    assert_eq!(listed, memberships, "every membership listed once");
}

/// Lookups by id give back the entity or tie with that id; unknown ids give nothing.
fn lookups_round_trip(network: &Network, index: &NetworkIndex) {
    for (position, entity) in network.entities.iter().enumerate() {
        let found: EntityIx = index.entity_ix(&entity.id).expect("a known entity id");
        assert_eq!(found.index(), position);
        assert_eq!(network[found].id, entity.id);
        assert_eq!(index.entity_ix_at(position), Some(found));
    }
    for (position, tie) in network.ties.iter().enumerate() {
        let found = index.tie_ix(&tie.id).expect("a known tie id");
        assert_eq!(found.index(), position);
        assert_eq!(index.tie_ix_at(position), Some(found));
    }
    for (position, source) in network.sources.iter().enumerate() {
        assert_eq!(index.source_position(&source.id), Some(position));
    }
    for (position, group) in network.groups.iter().enumerate() {
        assert_eq!(index.group_position(&group.id), Some(position));
    }
    for unknown in ["", "no-such-id", "LEE-JAE-YONG"] {
        assert_eq!(index.entity_ix(unknown), None, "{unknown:?}");
        assert_eq!(index.tie_ix(unknown), None, "{unknown:?}");
        assert_eq!(index.source_position(unknown), None, "{unknown:?}");
        assert_eq!(index.group_position(unknown), None, "{unknown:?}");
    }
    assert_eq!(index.entity_ix_at(network.entities.len()), None);
    assert_eq!(index.tie_ix_at(network.ties.len()), None);
}

#[test]
fn the_default_network_index_agrees_with_the_network() {
    let network = samsung();
    let index = NetworkIndex::new(&network);
    participants_match_ids(&network, &index);
    ties_of_each_entity_in_date_order(&network, &index);
    lookups_round_trip(&network, &index);
}

#[test]
fn a_generated_network_index_agrees_with_the_network() {
    let network = generated();
    let index = NetworkIndex::new(&network);
    participants_match_ids(&network, &index);
    ties_of_each_entity_in_date_order(&network, &index);
    lookups_round_trip(&network, &index);
}

#[test]
fn lee_jae_yongs_ties_run_from_the_earliest() {
    let network = samsung();
    let index = NetworkIndex::new(&network);
    let lee = index.entity_ix("lee-jae-yong").expect("Lee Jae-yong");
    let ties = index.ties_of(lee);
    assert!(ties.len() > 5, "Lee has many ties: {}", ties.len());
    let first = network[ties[0]].date.expect("his earliest tie is dated");
    for &tie in ties {
        if let Some(date) = network[tie].date {
            assert!(first <= date, "{} comes before {first}", network[tie].id);
        }
    }
    let position = |id: &str| {
        let tie = index.tie_ix(id).expect("a tie of the default network");
        (ties.iter().position(|&t| t == tie)).unwrap_or_else(|| panic!("{id} is not Lee's"))
    };
    assert!(
        position("lee-musk-2023-meeting") < position("lee-altman-2025-10-01-meeting"),
        "the 2023 meeting with Musk is listed before the 2025 one with Altman"
    );
    let undated = position("lee-jae-yong-chairman-samsung-electronics");
    assert!(
        ties[undated..]
            .iter()
            .all(|&tie| network[tie].date.is_none()),
        "his undated chairmanship comes after every dated tie"
    );
}

#[test]
fn a_rebuilt_index_is_the_index_of_the_changed_network() {
    let mut network = samsung();
    let mut index = NetworkIndex::new(&network);
    let removed = network.ties.remove(0);
    network.entities.reverse();
    index.rebuild(&network);
    assert_eq!(index.tie_ix(&removed.id), None);
    participants_match_ids(&network, &index);
    ties_of_each_entity_in_date_order(&network, &index);
    lookups_round_trip(&network, &index);
}
