//! Families of organisations and their people.
//!
//! The *family* of an organisation is every organisation joined to it by `affiliate` ties,
//! transitively and in either direction: Samsung SDS —affiliate→ Samsung Group
//! ←affiliate— Samsung Electronics puts all three in one family. The *people* of a family
//! are the persons with a `role` tie to any of its organisations, so Lee Jae-yong, chairman
//! of Samsung Electronics, is one of Samsung SDS's people.

use crate::network::index::{EntityIx, NetworkIndex};
use crate::network::model::{EntityKind, Network, TieKind};

/// Whether an entity of this kind is an organisation (anything but a person).
pub fn is_organisation(kind: EntityKind) -> bool {
    kind != EntityKind::Person
}

/// A family of organisations; families are numbered in the order of their first
/// organisation in `network.entities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FamilyId(usize);

/// The families of a network's organisations and the families its people belong to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Families {
    /// For each entity, its family if it is an organisation.
    family_of: Vec<Option<FamilyId>>,
    /// For each family, its organisations in index order.
    organisations: Vec<Vec<EntityIx>>,
    /// For each family, its people in index order.
    people: Vec<Vec<EntityIx>>,
    /// For each entity, the families it belongs to: its own for an organisation, those it
    /// has roles in for a person.
    memberships: Vec<Vec<FamilyId>>,
}

impl Families {
    /// Finds the families of an indexed network from its `affiliate` and `role` ties.
    pub fn new(network: &Network, index: &NetworkIndex) -> Self {
        let is_organisation_at = |entity: EntityIx| is_organisation(network[entity].kind);
        let ties_of_kind =
            |kind: TieKind| index.ties().filter(move |&tie| network[tie].kind == kind);
        let mut roots: Vec<usize> = (0..index.entity_count()).collect();
        for tie in ties_of_kind(TieKind::Affiliate) {
            let organisations: Vec<usize> = (index.participants(tie).iter())
                .filter(|&&entity| is_organisation_at(entity))
                .map(|entity| entity.index())
                .collect();
            for pair in organisations.windows(2) {
                let (a, b) = (
                    find_root(&mut roots, pair[0]),
                    find_root(&mut roots, pair[1]),
                );
                // The lower index stays the root, so a family is named by its first member.
                roots[a.max(b)] = a.min(b);
            }
        }
        let mut family_of = vec![None; index.entity_count()];
        let mut organisations: Vec<Vec<EntityIx>> = Vec::new();
        let mut family_of_root = vec![None; index.entity_count()];
        for entity in index
            .entities()
            .filter(|&entity| is_organisation_at(entity))
        {
            let root = find_root(&mut roots, entity.index());
            let family = *family_of_root[root].get_or_insert_with(|| {
                organisations.push(Vec::new());
                FamilyId(organisations.len() - 1)
            });
            organisations[family.0].push(entity);
            family_of[entity.index()] = Some(family);
        }
        let mut memberships: Vec<Vec<FamilyId>> = family_of
            .iter()
            .map(|family| family.iter().copied().collect())
            .collect();
        for tie in ties_of_kind(TieKind::Role) {
            let members = index.participants(tie);
            let families: Vec<FamilyId> = (members.iter())
                .filter_map(|e| family_of[e.index()])
                .collect();
            for &person in members
                .iter()
                .filter(|&&entity| !is_organisation_at(entity))
            {
                memberships[person.index()].extend(&families);
            }
        }
        let mut people = vec![Vec::new(); organisations.len()];
        for (entity, families) in index.entities().zip(&mut memberships) {
            families.sort_unstable();
            families.dedup();
            if family_of[entity.index()].is_none() {
                for family in families.iter() {
                    people[family.0].push(entity);
                }
            }
        }
        Self {
            family_of,
            organisations,
            people,
            memberships,
        }
    }

    /// The family of an organisation; `None` for a person or an entity of another network.
    pub fn family_of(&self, organisation: EntityIx) -> Option<FamilyId> {
        self.family_of.get(organisation.index()).copied().flatten()
    }

    /// The organisations of a family, in index order.
    pub fn organisations(&self, family: FamilyId) -> &[EntityIx] {
        &self.organisations[family.0]
    }

    /// The people of a family (persons with a role at one of its organisations), in index
    /// order.
    pub fn people(&self, family: FamilyId) -> &[EntityIx] {
        &self.people[family.0]
    }

    /// The families an entity belongs to: an organisation's own, or the families a person
    /// holds roles in; none for an entity of another network.
    pub fn memberships(&self, entity: EntityIx) -> &[FamilyId] {
        self.memberships
            .get(entity.index())
            .map_or(&[], Vec::as_slice)
    }
}

/// The root of an entity's set, halving the path on the way.
fn find_root(roots: &mut [usize], mut entity: usize) -> usize {
    while roots[entity] != entity {
        roots[entity] = roots[roots[entity]];
        entity = roots[entity];
    }
    entity
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{NetworkBuilder, entities_at, entity_at, foreign_entity};

    /// sub-a → group ← sub-b ← sub-c (a chain of affiliations), and other apart; ada works
    /// at sub-c, bob at other, cy at both.
    fn two_families() -> Network {
        NetworkBuilder::new()
            .company("sub-a")
            .company("group")
            .company("sub-b")
            .company("sub-c")
            .company("other")
            .person("ada")
            .person("bob")
            .person("cy")
            .person("nobody")
            .tie("a-of-group", TieKind::Affiliate, &["sub-a", "group"], None)
            .tie("b-of-group", TieKind::Affiliate, &["sub-b", "group"], None)
            .tie("c-of-b", TieKind::Affiliate, &["sub-c", "sub-b"], None)
            .tie("ada-at-c", TieKind::Role, &["ada", "sub-c"], None)
            .tie("bob-at-other", TieKind::Role, &["bob", "other"], None)
            .tie("cy-at-other", TieKind::Role, &["cy", "other"], None)
            .tie("cy-at-a", TieKind::Role, &["cy", "sub-a"], None)
            .tie("ada-met-bob", TieKind::Meeting, &["ada", "bob"], None)
            .build()
    }

    fn ids(network: &Network, entities: &[EntityIx]) -> Vec<String> {
        entities.iter().map(|&e| network[e].id.clone()).collect()
    }

    fn families(network: &Network) -> Families {
        Families::new(network, &NetworkIndex::new(network))
    }

    #[test]
    fn affiliations_join_families_transitively_both_ways() {
        let network = two_families();
        let families = families(&network);
        let sub_a = families
            .family_of(entity_at(&network, "sub-a"))
            .expect("an organisation has a family");
        for id in ["group", "sub-b", "sub-c"] {
            assert_eq!(
                families.family_of(entity_at(&network, id)),
                Some(sub_a),
                "{id}"
            );
        }
        assert_eq!(
            ids(&network, families.organisations(sub_a)),
            ["sub-a", "group", "sub-b", "sub-c"]
        );
        let other = families
            .family_of(entity_at(&network, "other"))
            .expect("other has a family of its own");
        assert_ne!(other, sub_a);
        assert_eq!(ids(&network, families.organisations(other)), ["other"]);
    }

    #[test]
    fn people_are_those_with_a_role_in_the_family() {
        let network = two_families();
        let families = families(&network);
        let samsung_like = families
            .family_of(entity_at(&network, "group"))
            .expect("group has a family");
        let other = families
            .family_of(entity_at(&network, "other"))
            .expect("other has a family");
        assert_eq!(ids(&network, families.people(samsung_like)), ["ada", "cy"]);
        assert_eq!(ids(&network, families.people(other)), ["bob", "cy"]);
        assert_eq!(
            families.memberships(entity_at(&network, "cy")),
            [samsung_like, other]
        );
        assert!(
            families
                .memberships(entity_at(&network, "nobody"))
                .is_empty()
        );
        assert_eq!(families.family_of(entity_at(&network, "ada")), None);
        assert_eq!(
            families.memberships(entity_at(&network, "sub-c")),
            [samsung_like],
            "an organisation belongs to its own family"
        );
        assert!(families.memberships(foreign_entity(99)).is_empty());
    }

    #[test]
    fn only_affiliate_ties_make_families() {
        let network = NetworkBuilder::new()
            .company("a")
            .company("b")
            .tie("deal", TieKind::Contract, &["a", "b"], None)
            .tie("partners", TieKind::Partnership, &["a", "b"], None)
            .build();
        let families = families(&network);
        let [a, b] = entities_at(&NetworkIndex::new(&network), &[0, 1])[..] else {
            panic!("two companies");
        };
        assert_ne!(families.family_of(a), families.family_of(b));
        assert!(is_organisation(EntityKind::Government));
        assert!(!is_organisation(EntityKind::Person));
    }
}
