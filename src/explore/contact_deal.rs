//! "Owner contact first, affiliate execution after": the meetings and visits between two
//! organisations' families that came before a deal between them, and the deals that
//! followed a meeting.
//!
//! A deal (`contract`, `letter_of_intent`, `supply`) has sides: its participants that are
//! organisations, taken in pairs from different [families](crate::explore::family). A
//! *contact* between two sides is
//! - a `meeting` with a participant from each side's family (one of its organisations, or
//!   a person with a role at one), two different participants;
//! - a `visit` whose visitor is a person of one side and whose visited participant is an
//!   organisation or a person of the other side.
//!
//! A contact comes *before* a deal when it may have happened earlier: when its first day is
//! before the deal's last. It is *certainly* before when its last day is before the deal's
//! first. A contact on the deal's day, or later, is not before it. When the contact or the
//! deal has no date their order is unknown, and the pair is listed apart as undated.

use std::collections::{BTreeMap, HashMap};

use crate::explore::family::{Families, FamilyId, is_organisation};
use crate::explore::lag::Lag;
use crate::network::date::PartialDate;
use crate::network::index::{EntityIx, NetworkIndex, TieIx};
use crate::network::model::{EntityKind, Network, TieKind};

/// Whether ties of this kind are contacts: meetings and visits.
pub fn is_contact(kind: TieKind) -> bool {
    matches!(kind, TieKind::Meeting | TieKind::Visit)
}

/// Two organisations on different sides of a deal, in the deal's participant order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DealSides {
    /// The first organisation.
    pub first: EntityIx,
    /// The second organisation.
    pub second: EntityIx,
}

/// A dated contact before a dated deal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDeal {
    /// The meeting or visit.
    pub contact: TieIx,
    /// The deal.
    pub deal: TieIx,
    /// The pairs of the deal's sides the contact joins (one for a deal of two companies).
    pub sides: Vec<DealSides>,
    /// Whether the contact ended before the deal could have begun; `false` when the
    /// dates share a period (`2025-03` and `2025-03-20`) and it only may have.
    pub certainly_before: bool,
    /// From the contact's date to the deal's.
    pub lag: Lag,
}

/// A contact and a deal between the same sides, one of them undated, so in no known order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndatedContactDeal {
    /// The meeting or visit.
    pub contact: TieIx,
    /// The deal.
    pub deal: TieIx,
    /// The pairs of the deal's sides the contact joins.
    pub sides: Vec<DealSides>,
}

/// The contacts of a deal, or the deals of a contact: dated pairs in order, undated apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactDeals {
    /// Pairs whose contact may come before the deal. For a deal's contacts: latest contact
    /// first; for a contact's deals: earliest deal first.
    pub dated: Vec<ContactDeal>,
    /// Pairs with a contact or deal that has no date, by tie index.
    pub undated: Vec<UndatedContactDeal>,
}

/// Two different families, the lower first.
type FamilyPair = (FamilyId, FamilyId);

fn family_pair(a: FamilyId, b: FamilyId) -> FamilyPair {
    (a.min(b), a.max(b))
}

/// Which deals each contact joins and which contacts each deal's sides have, found once
/// for a network (build it again when the network changes).
#[derive(Clone, Debug, Default)]
pub struct ContactDealIndex {
    families: Families,
    /// Each tie's date.
    dates: Vec<Option<PartialDate>>,
    /// For each tie that is a deal, its pairs of sides from different families.
    deal_sides: Vec<Vec<(DealSides, FamilyPair)>>,
    /// The deals that have sides, in index order.
    deals: Vec<TieIx>,
    /// For each tie that is a contact, the pairs of families it joins.
    contact_pairs: Vec<Vec<FamilyPair>>,
    contacts_by_pair: HashMap<FamilyPair, Vec<TieIx>>,
    deals_by_pair: HashMap<FamilyPair, Vec<TieIx>>,
}

impl ContactDealIndex {
    /// Indexes the deals and contacts of a network and its [`NetworkIndex`].
    pub fn new(network: &Network, index: &NetworkIndex) -> Self {
        let families = Families::new(network, index);
        let mut deal_sides = vec![Vec::new(); index.tie_count()];
        let mut contact_pairs = vec![Vec::new(); index.tie_count()];
        let mut contacts_by_pair: HashMap<FamilyPair, Vec<TieIx>> = HashMap::new();
        let mut deals_by_pair: HashMap<FamilyPair, Vec<TieIx>> = HashMap::new();
        let mut deals = Vec::new();
        for tie_index in index.ties() {
            let tie = &network[tie_index];
            let participants = index.participants(tie_index);
            if tie.kind.is_deal() {
                let sides = sides_of_deal(network, &families, participants);
                let mut pairs: Vec<FamilyPair> = sides.iter().map(|&(_, pair)| pair).collect();
                pairs.sort_unstable();
                pairs.dedup();
                for pair in pairs {
                    deals_by_pair.entry(pair).or_default().push(tie_index);
                }
                if !sides.is_empty() {
                    deals.push(tie_index);
                }
                deal_sides[tie_index.index()] = sides;
            } else if is_contact(tie.kind) {
                let pairs = pairs_of_contact(network, &families, tie.kind, participants);
                for &pair in &pairs {
                    contacts_by_pair.entry(pair).or_default().push(tie_index);
                }
                contact_pairs[tie_index.index()] = pairs;
            }
        }
        Self {
            families,
            dates: network.ties.iter().map(|tie| tie.date).collect(),
            deal_sides,
            deals,
            contact_pairs,
            contacts_by_pair,
            deals_by_pair,
        }
    }

    /// The families of the network, as the index found them.
    pub fn families(&self) -> &Families {
        &self.families
    }

    /// The contacts that may have come before a deal (latest first), and those in no
    /// known order. Empty for a tie that is not a deal between organisations of
    /// different families.
    pub fn contacts_before(&self, deal: TieIx) -> ContactDeals {
        let mut sides_by_contact: BTreeMap<TieIx, Vec<DealSides>> = BTreeMap::new();
        for (sides, pair) in self.deal_sides.get(deal.index()).into_iter().flatten() {
            for &contact in self.contacts_by_pair.get(pair).into_iter().flatten() {
                sides_by_contact.entry(contact).or_default().push(*sides);
            }
        }
        let mut found = self.pair_up(
            sides_by_contact
                .into_iter()
                .map(|(contact, sides)| (contact, deal, sides)),
        );
        found.dated.sort_by(|a, b| {
            let latest_first = b.lag.earlier().cmp(&a.lag.earlier());
            latest_first.then(a.contact.cmp(&b.contact))
        });
        found
    }

    /// The deals that may have followed a meeting or visit (earliest first), and those in
    /// no known order. Empty for a tie that is not a contact.
    pub fn deals_after(&self, contact: TieIx) -> ContactDeals {
        let mut sides_by_deal: BTreeMap<TieIx, Vec<DealSides>> = BTreeMap::new();
        for pair in self
            .contact_pairs
            .get(contact.index())
            .into_iter()
            .flatten()
        {
            for &deal in self.deals_by_pair.get(pair).into_iter().flatten() {
                let sides = self.deal_sides[deal.index()]
                    .iter()
                    .filter(|(_, deal_pair)| deal_pair == pair)
                    .map(|&(sides, _)| sides);
                sides_by_deal.entry(deal).or_default().extend(sides);
            }
        }
        let mut found = self.pair_up(sides_by_deal.into_iter().map(|(deal, mut sides)| {
            sides.sort_unstable();
            (contact, deal, sides)
        }));
        found
            .dated
            .sort_by_key(|pairing| (pairing.lag.later(), pairing.deal));
        found
    }

    /// Every dated contact→deal chain of the network: by deal date (then deal index), and
    /// for each deal its contacts latest first.
    pub fn chains(&self) -> Vec<ContactDeal> {
        let mut deals: Vec<(PartialDate, TieIx)> = self
            .deals
            .iter()
            .filter_map(|&deal| self.dates[deal.index()].map(|date| (date, deal)))
            .collect();
        deals.sort_unstable();
        deals
            .into_iter()
            .flat_map(|(_, deal)| self.contacts_before(deal).dated)
            .collect()
    }

    /// Sorts candidate (contact, deal, sides) triples into dated and undated pairs,
    /// dropping contacts that came on or after the deal.
    fn pair_up(
        &self,
        candidates: impl Iterator<Item = (TieIx, TieIx, Vec<DealSides>)>,
    ) -> ContactDeals {
        let mut found = ContactDeals::default();
        for (contact, deal, sides) in candidates {
            match (self.dates[contact.index()], self.dates[deal.index()]) {
                (Some(contact_date), Some(deal_date)) => {
                    if contact_date.first_day() < deal_date.last_day() {
                        found.dated.push(ContactDeal {
                            contact,
                            deal,
                            sides,
                            certainly_before: contact_date.last_day() < deal_date.first_day(),
                            lag: Lag::between(contact_date, deal_date),
                        });
                    }
                }
                _ => found.undated.push(UndatedContactDeal {
                    contact,
                    deal,
                    sides,
                }),
            }
        }
        found
    }
}

/// The pairs of a deal's organisations from different families, in participant order.
fn sides_of_deal(
    network: &Network,
    families: &Families,
    participants: &[EntityIx],
) -> Vec<(DealSides, FamilyPair)> {
    let organisations: Vec<(EntityIx, FamilyId)> = participants
        .iter()
        .filter(|&&entity| is_organisation(network[entity].kind))
        .filter_map(|&entity| families.family_of(entity).map(|family| (entity, family)))
        .collect();
    let mut sides = Vec::new();
    for (i, &(first, first_family)) in organisations.iter().enumerate() {
        for &(second, second_family) in &organisations[i + 1..] {
            if first_family != second_family {
                sides.push((
                    DealSides { first, second },
                    family_pair(first_family, second_family),
                ));
            }
        }
    }
    sides
}

/// The pairs of different families a meeting or visit joins.
fn pairs_of_contact(
    network: &Network,
    families: &Families,
    kind: TieKind,
    participants: &[EntityIx],
) -> Vec<FamilyPair> {
    let mut pairs = Vec::new();
    let mut join = |a: EntityIx, b: EntityIx| {
        if a == b {
            return;
        }
        for &a_family in families.memberships(a) {
            for &b_family in families.memberships(b) {
                if a_family != b_family {
                    pairs.push(family_pair(a_family, b_family));
                }
            }
        }
    };
    if kind == TieKind::Visit {
        if let Some((&visitor, visited)) = participants.split_first()
            && network[visitor].kind == EntityKind::Person
        {
            for &host in visited {
                join(visitor, host);
            }
        }
    } else {
        for (i, &a) in participants.iter().enumerate() {
            for &b in &participants[i + 1..] {
                join(a, b);
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The contacts before a deal tie (see [`ContactDealIndex::contacts_before`]).
pub fn earlier_contacts(network: &Network, index: &NetworkIndex, deal: TieIx) -> ContactDeals {
    ContactDealIndex::new(network, index).contacts_before(deal)
}

/// The deals after a meeting or visit tie (see [`ContactDealIndex::deals_after`]).
pub fn following_deals(network: &Network, index: &NetworkIndex, contact: TieIx) -> ContactDeals {
    ContactDealIndex::new(network, index).deals_after(contact)
}

/// Every dated contact→deal chain (see [`ContactDealIndex::chains`]).
pub fn contact_deal_chains(network: &Network, index: &NetworkIndex) -> Vec<ContactDeal> {
    ContactDealIndex::new(network, index).chains()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{NetworkBuilder, date, entity_at, foreign_tie, tie_at};
    use crate::network::model::Tie;

    /// A small Samsung: a group with two affiliates and their people, and three partners.
    fn owners_and_affiliates() -> Network {
        NetworkBuilder::new()
            .company("group")
            .company("elec")
            .company("sds")
            .person("lee")
            .person("jun")
            .company("openai")
            .person("altman")
            .company("byd")
            .company("tesla")
            .person("musk")
            .tie(
                "elec-of-group",
                TieKind::Affiliate,
                &["elec", "group"],
                None,
            )
            .tie("sds-of-group", TieKind::Affiliate, &["sds", "group"], None)
            .tie("lee-at-elec", TieKind::Role, &["lee", "elec"], None)
            .tie("jun-at-sds", TieKind::Role, &["jun", "sds"], None)
            .tie(
                "altman-at-openai",
                TieKind::Role,
                &["altman", "openai"],
                None,
            )
            .tie("musk-at-tesla", TieKind::Role, &["musk", "tesla"], None)
            .tie(
                "feb",
                TieKind::Meeting,
                &["lee", "altman"],
                Some("2025-02-04"),
            )
            .tie(
                "oct",
                TieKind::Meeting,
                &["lee", "altman"],
                Some("2025-10-01"),
            )
            .tie("dec", TieKind::Meeting, &["altman", "lee"], Some("2025-12"))
            .tie(
                "loi",
                TieKind::LetterOfIntent,
                &["openai", "sds"],
                Some("2025-10-01"),
            )
            .tie(
                "reseller",
                TieKind::Contract,
                &["sds", "openai"],
                Some("2025-12-23"),
            )
            .tie("altman-visits", TieKind::Visit, &["altman", "elec"], None)
            .tie(
                "openai-visits",
                TieKind::Visit,
                &["openai", "elec"],
                Some("2024"),
            )
            .tie(
                "byd-visit",
                TieKind::Visit,
                &["lee", "byd"],
                Some("2025-03"),
            )
            .tie(
                "byd-supply",
                TieKind::Supply,
                &["elec", "byd"],
                Some("2025-04"),
            )
            .tie("in-house", TieKind::Meeting, &["lee", "jun"], Some("2024"))
            .tie(
                "in-house-deal",
                TieKind::Contract,
                &["elec", "sds"],
                Some("2025"),
            )
            .tie(
                "musk-2023",
                TieKind::Meeting,
                &["lee", "musk"],
                Some("2023"),
            )
            .tie(
                "tesla-deal",
                TieKind::Contract,
                &["elec", "tesla"],
                Some("2025-07"),
            )
            .tie(
                "musk-2026",
                TieKind::Meeting,
                &["musk", "lee"],
                Some("2026"),
            )
            .tie(
                "tesla-talks",
                TieKind::Partnership,
                &["lee", "musk"],
                Some("2022"),
            )
            .tie(
                "org-meets",
                TieKind::Meeting,
                &["tesla", "jun"],
                Some("2024-06"),
            )
            .build()
    }

    fn tie_ids(network: &Network, ties: impl IntoIterator<Item = TieIx>) -> Vec<String> {
        ties.into_iter()
            .map(|tie| network[tie].id.clone())
            .collect()
    }

    fn contact_deal_index(network: &Network) -> ContactDealIndex {
        ContactDealIndex::new(network, &NetworkIndex::new(network))
    }

    #[test]
    fn self_loops_join_no_sides_and_leave_the_chains_as_they_were() {
        let network = owners_and_affiliates();
        let index = NetworkIndex::new(&network);
        let chains = contact_deal_chains(&network, &index);
        let mut looped = network.clone();
        for (id, kind, entity) in [
            ("lee-alone", TieKind::Meeting, "lee"),
            ("elec-own-shares", TieKind::Affiliate, "elec"),
            ("tesla-with-itself", TieKind::Contract, "tesla"),
            ("musk-visits-himself", TieKind::Visit, "musk"),
        ] {
            let mut tie = Tie::new(id, kind, &[entity, entity]);
            tie.date = Some(date("2025-05"));
            looped.ties.push(tie);
        }
        let looped_index = NetworkIndex::new(&looped);
        assert_eq!(contact_deal_chains(&looped, &looped_index), chains);
        let deal = tie_at(&looped, "tesla-with-itself");
        assert_eq!(
            earlier_contacts(&looped, &looped_index, deal),
            ContactDeals::default()
        );
        let contact = tie_at(&looped, "lee-alone");
        assert_eq!(
            following_deals(&looped, &looped_index, contact),
            ContactDeals::default()
        );
    }

    #[test]
    fn a_deal_leads_back_to_the_owners_meetings_latest_first() {
        let network = owners_and_affiliates();
        let index = contact_deal_index(&network);
        let reseller = tie_at(&network, "reseller");
        let found = index.contacts_before(reseller);
        assert_eq!(
            tie_ids(&network, found.dated.iter().map(|c| c.contact)),
            ["dec", "oct", "feb"]
        );
        assert_eq!(
            found
                .dated
                .iter()
                .map(|c| c.certainly_before)
                .collect::<Vec<_>>(),
            [false, true, true],
            "a meeting some day in December may come after the 23rd"
        );
        let october = &found.dated[1];
        assert_eq!(october.deal, reseller);
        assert_eq!(
            october.sides,
            [DealSides {
                first: entity_at(&network, "sds"),
                second: entity_at(&network, "openai"),
            }]
        );
        assert_eq!((october.lag.min_days, october.lag.max_days), (83, 83));
        assert_eq!(found.dated[2].lag.to_string(), "322 days");
        assert_eq!(found.dated[0].lag.to_string(), "same month");
        assert_eq!(
            tie_ids(&network, found.undated.iter().map(|c| c.contact)),
            ["altman-visits"],
            "a visit by a person of one side to the other side's affiliate, undated"
        );
    }

    #[test]
    fn a_contact_on_the_deals_day_is_not_before_it() {
        let network = owners_and_affiliates();
        let found = earlier_contacts(
            &network,
            &NetworkIndex::new(&network),
            tie_at(&network, "loi"),
        );
        assert_eq!(
            tie_ids(&network, found.dated.iter().map(|c| c.contact)),
            ["feb"]
        );
    }

    #[test]
    fn later_contacts_and_other_kinds_do_not_count() {
        let network = owners_and_affiliates();
        let found = earlier_contacts(
            &network,
            &NetworkIndex::new(&network),
            tie_at(&network, "tesla-deal"),
        );
        assert_eq!(
            tie_ids(&network, found.dated.iter().map(|c| c.contact)),
            ["org-meets", "musk-2023"],
            "not the 2026 meeting, nor the 2022 partnership"
        );
        let musk = &found.dated[1];
        assert!(musk.certainly_before);
        assert_eq!((musk.lag.min_days, musk.lag.max_days), (548, 942));
        assert_eq!(musk.lag.to_string(), "about 2 years");
        assert!(found.undated.is_empty());
    }

    #[test]
    fn a_visit_counts_when_a_person_visits_the_other_side() {
        let network = owners_and_affiliates();
        let found = earlier_contacts(
            &network,
            &NetworkIndex::new(&network),
            tie_at(&network, "byd-supply"),
        );
        assert_eq!(
            tie_ids(&network, found.dated.iter().map(|c| c.contact)),
            ["byd-visit"]
        );
        assert!(found.dated[0].certainly_before);
        assert_eq!(found.dated[0].lag.to_string(), "about 1 month");
        let organisation_visits = following_deals(
            &network,
            &NetworkIndex::new(&network),
            tie_at(&network, "openai-visits"),
        );
        assert_eq!(
            organisation_visits,
            ContactDeals::default(),
            "the visitor must be a person"
        );
    }

    #[test]
    fn deals_within_one_family_have_no_sides() {
        let network = owners_and_affiliates();
        assert_eq!(
            earlier_contacts(
                &network,
                &NetworkIndex::new(&network),
                tie_at(&network, "in-house-deal")
            ),
            ContactDeals::default()
        );
        assert_eq!(
            following_deals(
                &network,
                &NetworkIndex::new(&network),
                tie_at(&network, "in-house")
            ),
            ContactDeals::default()
        );
    }

    #[test]
    fn a_meeting_lists_the_deals_that_followed_earliest_first() {
        let network = owners_and_affiliates();
        let index = contact_deal_index(&network);
        let after_february = index.deals_after(tie_at(&network, "feb"));
        assert_eq!(
            tie_ids(&network, after_february.dated.iter().map(|d| d.deal)),
            ["loi", "reseller"]
        );
        assert_eq!(
            after_february.dated[0].sides,
            [DealSides {
                first: entity_at(&network, "openai"),
                second: entity_at(&network, "sds"),
            }],
            "sides keep the deal's order"
        );
        let after_october = index.deals_after(tie_at(&network, "oct"));
        assert_eq!(
            tie_ids(&network, after_october.dated.iter().map(|d| d.deal)),
            ["reseller"]
        );
        let undated_visit = index.deals_after(tie_at(&network, "altman-visits"));
        assert!(undated_visit.dated.is_empty());
        assert_eq!(
            tie_ids(&network, undated_visit.undated.iter().map(|d| d.deal)),
            ["loi", "reseller"]
        );
        assert_eq!(
            index.deals_after(tie_at(&network, "reseller")),
            ContactDeals::default(),
            "a deal is not a contact"
        );
        assert_eq!(index.deals_after(foreign_tie(999)), ContactDeals::default());
    }

    #[test]
    fn both_directions_agree() {
        let network = owners_and_affiliates();
        let index = contact_deal_index(&network);
        for deal in NetworkIndex::new(&network).ties() {
            for before in index.contacts_before(deal).dated {
                let after = index.deals_after(before.contact);
                assert!(
                    after.dated.contains(&before),
                    "{} → {}",
                    network[before.contact].id,
                    network[deal].id
                );
            }
        }
    }

    #[test]
    fn chains_run_by_deal_date() {
        let network = owners_and_affiliates();
        let chains = contact_deal_chains(&network, &NetworkIndex::new(&network));
        let pairs: Vec<(String, String)> = chains
            .iter()
            .map(|c| (network[c.contact].id.clone(), network[c.deal].id.clone()))
            .collect();
        let expected = [
            ("byd-visit", "byd-supply"),
            ("org-meets", "tesla-deal"),
            ("musk-2023", "tesla-deal"),
            ("feb", "loi"),
            ("dec", "reseller"),
            ("oct", "reseller"),
            ("feb", "reseller"),
        ];
        assert_eq!(
            pairs,
            expected
                .iter()
                .map(|(c, d)| ((*c).to_owned(), (*d).to_owned()))
                .collect::<Vec<_>>()
        );
        let families = contact_deal_index(&network);
        let elec = entity_at(&network, "elec");
        let family = families
            .families()
            .family_of(elec)
            .expect("elec has a family");
        assert_eq!(families.families().people(family).len(), 2);
    }
}
