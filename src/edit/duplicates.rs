//! Possible duplicates: pairs of entities that are likely one, as imported data is full
//! of. Two entities are candidates when a name of one is a name of the other after
//! normalising case, spacing, hyphens and punctuation (as combining maps compares them);
//! when one's name is the other's
//! alias; or when one's Korean name and the other's English name are paired as one
//! entity's two names elsewhere in the file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::network::combine::name_key;
use crate::network::model::{Entity, Network};

/// Two entities that may be one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Positions in `network.entities`, the earlier first.
    pub first: usize,
    pub second: usize,
    pub reason: String,
}

/// Every pair of entities that may be one, each once, in the order of the first.
pub fn possible_duplicates(network: &Network) -> Vec<Candidate> {
    let entities = &network.entities;
    let mut found: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut note = |a: usize, b: usize, reason: String| {
        if a != b {
            found.entry((a.min(b), a.max(b))).or_insert(reason);
        }
    };

    // Names and aliases by their normal form.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_alias: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entity) in entities.iter().enumerate() {
        for name in names(entity) {
            by_name.entry(name_key(name)).or_default().push(i);
        }
        for alias in &entity.aliases {
            by_alias.entry(name_key(alias)).or_default().push(i);
        }
    }
    for (i, entity) in entities.iter().enumerate() {
        for name in names(entity) {
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            for &j in by_name.get(&key).into_iter().flatten() {
                note(i, j, format!("both are called {name:?}"));
            }
            for &j in by_alias.get(&key).into_iter().flatten() {
                note(i, j, format!("{name:?} is also the other's alias"));
            }
        }
    }

    // Korean and English names the file gives as one entity's two names.
    let mut pairs: HashMap<String, BTreeSet<String>> = HashMap::new();
    for entity in entities {
        if let (Some(ko), Some(en)) = (entity.name.get("ko"), entity.name.get("en")) {
            pairs.entry(name_key(ko)).or_default().insert(name_key(en));
        }
    }
    let mut by_english: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entity) in entities.iter().enumerate() {
        if let Some(en) = entity.name.get("en") {
            by_english.entry(name_key(en)).or_default().push(i);
        }
    }
    for (i, entity) in entities.iter().enumerate() {
        let Some(ko) = entity.name.get("ko") else {
            continue;
        };
        for en in pairs.get(&name_key(ko)).into_iter().flatten() {
            for &j in by_english.get(en).into_iter().flatten() {
                if entities[j]
                    .name
                    .get("ko")
                    .is_none_or(|other| name_key(other) == name_key(ko))
                {
                    let english = entities[j].name.get("en").unwrap_or_default();
                    note(
                        i,
                        j,
                        format!("the file pairs {ko:?} with {english:?} elsewhere"),
                    );
                }
            }
        }
    }
    found
        .into_iter()
        .map(|((first, second), reason)| Candidate {
            first,
            second,
            reason,
        })
        .collect()
}

fn names(entity: &Entity) -> impl Iterator<Item = &str> {
    entity.name.values()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{EntityKind, LocalizedText};

    fn entity(id: &str, names: &[(&str, &str)], aliases: &[&str]) -> Entity {
        let name: LocalizedText = names
            .iter()
            .map(|(l, n)| ((*l).to_owned(), (*n).to_owned()))
            .collect();
        let mut entity = Entity::new(id, EntityKind::Person, name);
        entity.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        entity
    }

    fn pairs(network: &Network) -> Vec<(usize, usize)> {
        possible_duplicates(network)
            .iter()
            .map(|c| (c.first, c.second))
            .collect()
    }

    #[test]
    fn names_that_differ_only_in_case_spacing_and_punctuation_are_candidates() {
        let mut network = Network::empty();
        network.entities = vec![
            entity("a", &[("en", "Lee Jae-yong")], &[]),
            entity("b", &[("en", "LEE JAEYONG.")], &[]),
            entity("c", &[("en", "Lee Jae-hyun")], &[]),
        ];
        assert_eq!(pairs(&network), [(0, 1)]);
        assert!(
            possible_duplicates(&network)[0]
                .reason
                .contains("Lee Jae-yong")
        );
    }

    #[test]
    fn a_name_that_is_the_others_alias_makes_a_candidate() {
        let mut network = Network::empty();
        network.entities = vec![
            entity("a", &[("en", "Samsung Electronics")], &["SEC"]),
            entity("b", &[("en", "S.E.C.")], &[]),
        ];
        assert_eq!(pairs(&network), [(0, 1)]);
    }

    #[test]
    fn a_korean_and_an_english_name_paired_elsewhere_make_a_candidate() {
        let mut network = Network::empty();
        network.entities = vec![
            entity(
                "full",
                &[("ko", "삼성전자"), ("en", "Samsung Electronics")],
                &[],
            ),
            entity("ko-only", &[("ko", "삼성전자")], &[]),
            entity("en-only", &[("en", "Samsung Electronics")], &[]),
            entity("other", &[("ko", "현대차")], &[]),
        ];
        assert_eq!(pairs(&network), [(0, 1), (0, 2), (1, 2)]);
        let candidates = possible_duplicates(&network);
        assert!(candidates[2].reason.contains("pairs"), "{candidates:?}");
    }

    #[test]
    fn the_default_network_has_no_duplicates() {
        let network = crate::network::dataset::load_default_network()
            .expect("loads")
            .network;
        assert_eq!(possible_duplicates(&network), []);
    }
}
