//! Exploring networks: the contact→deal chains, search, paths, neighbourhoods, centrality,
//! the timeline and filters, on the default Samsung network and on small fixtures.

use std::collections::BTreeSet;
use std::path::Path;

use powermap::explore::contact_deal::{
    ContactDeal, ContactDealIndex, DealSides, contact_deal_chains, earlier_contacts,
    following_deals,
};
use powermap::explore::filter::Filter;
use powermap::explore::metrics::centrality;
use powermap::explore::neighbourhood::neighbourhood;
use powermap::explore::path::{Hop, shortest_path};
use powermap::explore::search::{MatchRank, MatchedField, search_entities};
use powermap::explore::timeline::{UndatedTies, step_as_of, ties_visible_as_of, timeline_steps};
use powermap::network::dataset::load_default_network;
use powermap::network::date::PartialDate;
use powermap::network::index::{EntityIx, NetworkIndex, TieIx};
use powermap::network::load::load_file;
use powermap::network::model::{EntityKind, Network, TieKind};

fn samsung() -> Network {
    load_default_network()
        .expect("the default network loads")
        .network
}

fn fixture(name: &str) -> Network {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/explore")
        .join(name);
    load_file(&path)
        .unwrap_or_else(|error| panic!("{name} loads: {error}"))
        .network
}

fn indexed(network: &Network) -> NetworkIndex {
    NetworkIndex::new(network)
}

fn entity(network: &Network, id: &str) -> EntityIx {
    indexed(network)
        .entity_ix(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

fn tie(network: &Network, id: &str) -> TieIx {
    indexed(network)
        .tie_ix(id)
        .unwrap_or_else(|| panic!("no tie {id}"))
}

fn day(text: &str) -> i64 {
    text.parse::<PartialDate>().expect("a date").first_day()
}

fn contact_ids(network: &Network, found: &[ContactDeal]) -> Vec<String> {
    found
        .iter()
        .map(|pair| network[pair.contact].id.clone())
        .collect()
}

fn deal_ids(network: &Network, found: &[ContactDeal]) -> Vec<String> {
    found
        .iter()
        .map(|pair| network[pair.deal].id.clone())
        .collect()
}

// The contact→deal chains of the default network.

#[test]
fn the_sds_openai_reseller_contract_leads_back_to_lee_meeting_altman() {
    let network = samsung();
    let deal = tie(&network, "sds-openai-chatgpt-enterprise-reseller");
    let found = earlier_contacts(&network, &indexed(&network), deal);
    assert_eq!(
        contact_ids(&network, &found.dated),
        [
            "lee-altman-2025-10-01-meeting",
            "lee-altman-son-2025-02-04-meeting"
        ],
        "latest first"
    );
    assert!(found.dated.iter().all(|pair| pair.certainly_before));
    let october = &found.dated[0];
    assert_eq!((october.lag.min_days, october.lag.max_days), (83, 83));
    assert_eq!(october.lag.to_string(), "83 days");
    let february = &found.dated[1];
    assert_eq!((february.lag.min_days, february.lag.max_days), (322, 322));
    assert_eq!(february.lag.to_string(), "322 days");
    assert_eq!(
        october.sides,
        [DealSides {
            first: entity(&network, "samsung-sds"),
            second: entity(&network, "openai"),
        }]
    );
    let undated: Vec<&str> = found
        .undated
        .iter()
        .map(|pair| network[pair.contact].id.as_str())
        .collect();
    assert_eq!(
        undated,
        [
            "lee-altman-son-repeated-meetings",
            "altman-visit-samsung-seocho"
        ],
        "undated contacts are listed apart"
    );
}

#[test]
fn the_tesla_contract_leads_back_to_lee_meeting_musk() {
    let network = samsung();
    let found = earlier_contacts(
        &network,
        &indexed(&network),
        tie(&network, "samsung-electronics-tesla-ai6-contract"),
    );
    assert_eq!(
        contact_ids(&network, &found.dated),
        ["lee-musk-2023-meeting"]
    );
    let musk = &found.dated[0];
    assert!(musk.certainly_before);
    // From 2023-12-31 to 2025-07-01, and from 2023-01-01 to 2025-07-31.
    assert_eq!((musk.lag.min_days, musk.lag.max_days), (548, 942));
    assert_eq!(musk.lag.to_string(), "about 2 years");
    let after = following_deals(
        &network,
        &indexed(&network),
        tie(&network, "lee-musk-2023-meeting"),
    );
    assert_eq!(
        deal_ids(&network, &after.dated),
        ["samsung-electronics-tesla-ai6-contract"]
    );
    assert_eq!(after.dated[0], *musk, "both directions give the same pair");
}

#[test]
fn the_byd_supply_deal_leads_back_to_lee_visiting_byd() {
    let network = samsung();
    let found = earlier_contacts(
        &network,
        &indexed(&network),
        tie(&network, "semco-byd-mlcc-supply"),
    );
    assert_eq!(
        contact_ids(&network, &found.dated),
        ["lee-visit-byd-hq-2025-03"]
    );
    let visit = &found.dated[0];
    assert!(visit.certainly_before);
    assert_eq!((visit.lag.min_days, visit.lag.max_days), (1, 60));
    assert_eq!(visit.lag.to_string(), "about 1 month");
    assert!(found.undated.is_empty());
}

#[test]
fn letters_of_intent_signed_on_the_meeting_day_do_not_follow_it() {
    let network = samsung();
    let october = tie(&network, "lee-altman-2025-10-01-meeting");
    let after = following_deals(&network, &indexed(&network), october);
    assert_eq!(
        deal_ids(&network, &after.dated),
        ["sds-openai-chatgpt-enterprise-reseller"],
        "the 2025-10-01 letters of intent are the same day, not after"
    );
    let loi = earlier_contacts(
        &network,
        &indexed(&network),
        tie(&network, "openai-samsung-sds-loi-2025-10-01"),
    );
    assert_eq!(
        contact_ids(&network, &loi.dated),
        ["lee-altman-son-2025-02-04-meeting"]
    );
    let after_february = following_deals(
        &network,
        &indexed(&network),
        tie(&network, "lee-altman-son-2025-02-04-meeting"),
    );
    assert_eq!(
        deal_ids(&network, &after_february.dated),
        [
            "openai-samsung-electronics-loi-2025-10-01",
            "openai-samsung-sds-loi-2025-10-01",
            "openai-samsung-c-and-t-loi-2025-10-01",
            "openai-samsung-heavy-industries-loi-2025-10-01",
            "sds-openai-chatgpt-enterprise-reseller",
        ],
        "Son's SoftBank is no side of these deals, but Lee and Altman are"
    );
}

#[test]
fn chains_cover_the_articles_thesis_in_deal_order() {
    let network = samsung();
    let chains = contact_deal_chains(&network, &indexed(&network));
    let pairs: BTreeSet<(String, String)> = chains
        .iter()
        .map(|pair| {
            (
                network[pair.contact].id.clone(),
                network[pair.deal].id.clone(),
            )
        })
        .collect();
    for expected in [
        (
            "lee-altman-son-2025-02-04-meeting",
            "sds-openai-chatgpt-enterprise-reseller",
        ),
        (
            "lee-altman-2025-10-01-meeting",
            "sds-openai-chatgpt-enterprise-reseller",
        ),
        (
            "lee-musk-2023-meeting",
            "samsung-electronics-tesla-ai6-contract",
        ),
        ("lee-visit-byd-hq-2025-03", "semco-byd-mlcc-supply"),
    ] {
        assert!(
            pairs.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "missing {expected:?} in {pairs:#?}"
        );
    }
    let deal_dates: Vec<PartialDate> = chains
        .iter()
        .map(|pair| network[pair.deal].date.expect("chains are dated"))
        .collect();
    assert!(deal_dates.is_sorted(), "by deal date: {deal_dates:?}");
    assert_eq!(
        network[chains[0].deal].id, "semco-byd-mlcc-supply",
        "the earliest deal with an earlier contact"
    );
    let index = ContactDealIndex::new(&network, &indexed(&network));
    for pair in &chains {
        assert!(index.deals_after(pair.contact).dated.contains(pair));
    }
}

#[test]
fn samsung_sds_is_in_lee_jae_yongs_family() {
    let network = samsung();
    let index = ContactDealIndex::new(&network, &indexed(&network));
    let families = index.families();
    let sds = families
        .family_of(entity(&network, "samsung-sds"))
        .expect("an organisation has a family");
    assert_eq!(
        families.family_of(entity(&network, "samsung-electronics")),
        Some(sds)
    );
    assert!(
        families
            .people(sds)
            .contains(&entity(&network, "lee-jae-yong"))
    );
    assert!(
        !families
            .people(sds)
            .contains(&entity(&network, "sam-altman"))
    );
}

// Imprecise dates.

#[test]
fn imprecise_contacts_may_come_before_and_say_so() {
    let network = fixture("imprecise-dates.json");
    let supply = earlier_contacts(
        &network,
        &indexed(&network),
        tie(&network, "labs-globex-supply"),
    );
    assert_eq!(
        contact_ids(&network, &supply.dated),
        ["met-in-march", "met-in-2024", "talks-in-2022"],
        "not the visit on the deal's day, nor the April meeting"
    );
    let certainty: Vec<bool> = supply.dated.iter().map(|p| p.certainly_before).collect();
    assert_eq!(certainty, [false, true, true]);
    let lags: Vec<String> = supply.dated.iter().map(|p| p.lag.to_string()).collect();
    assert_eq!(lags, ["same month", "about 1 year", "810 days"]);
    assert_eq!(
        (supply.dated[0].lag.min_days, supply.dated[0].lag.max_days),
        (-11, 19)
    );
    assert_eq!(
        (supply.dated[1].lag.min_days, supply.dated[1].lag.max_days),
        (79, 444)
    );
    let undated: Vec<&str> = supply
        .undated
        .iter()
        .map(|p| network[p.contact].id.as_str())
        .collect();
    assert_eq!(undated, ["met-some-time"]);

    let loi = earlier_contacts(
        &network,
        &indexed(&network),
        tie(&network, "labs-globex-loi"),
    );
    assert_eq!(
        contact_ids(&network, &loi.dated),
        [
            "met-in-april",
            "visit-on-the-day",
            "met-in-march",
            "met-in-2024",
            "talks-in-2022"
        ]
    );
    let certainty: Vec<bool> = loi.dated.iter().map(|p| p.certainly_before).collect();
    assert_eq!(certainty, [false, false, false, true, true]);
    assert_eq!(loi.dated[0].lag.to_string(), "same year");
    assert_eq!(loi.dated[4].lag.to_string(), "about 3 years");
    assert_eq!(
        loi.dated[0].sides,
        [DealSides {
            first: entity(&network, "globex"),
            second: entity(&network, "acme-labs"),
        }]
    );

    let after_march = following_deals(&network, &indexed(&network), tie(&network, "met-in-march"));
    assert_eq!(
        deal_ids(&network, &after_march.dated),
        ["labs-globex-loi", "labs-globex-supply"]
    );
    let after_april = following_deals(&network, &indexed(&network), tie(&network, "met-in-april"));
    assert_eq!(deal_ids(&network, &after_april.dated), ["labs-globex-loi"]);
}

#[test]
fn the_timeline_never_invents_a_day() {
    let network = fixture("imprecise-dates.json");
    let steps = timeline_steps(&network);
    let texts: Vec<String> = steps.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(
        texts,
        [
            "2022-12-31",
            "2024",
            "2025",
            "2025-03",
            "2025-03-20",
            "2025-04"
        ]
    );
    let visible = |as_of: &str, id: &str| {
        ties_visible_as_of(&network, day(as_of), UndatedTies::Hide)[tie(&network, id).index()]
    };
    assert!(!visible("2023-12-31", "met-in-2024"));
    assert!(visible("2024-01-01", "met-in-2024"));
    assert!(!visible("2025-02-28", "met-in-march"));
    assert!(visible("2025-03-01", "met-in-march"));
    assert!(!visible("2025-03-19", "labs-globex-supply"));
    assert!(visible("2025-03-20", "labs-globex-supply"));
    assert!(!visible("2030-01-01", "met-some-time"));
    assert!(
        ties_visible_as_of(&network, day("1990-01-01"), UndatedTies::Show)
            [tie(&network, "met-some-time").index()]
    );
    assert_eq!(step_as_of(&steps, day("2025-03-19")), Some(3));
    assert_eq!(step_as_of(&steps, day("2022-12-30")), None);
}

#[test]
fn the_default_timeline_runs_from_2011_to_the_reseller_contract() {
    let network = samsung();
    let steps = timeline_steps(&network);
    let first = steps.first().expect("dated ties");
    let last = steps.last().expect("dated ties");
    assert_eq!(first.date.to_string(), "2011");
    assert_eq!(last.date.to_string(), "2025-12-23");
    assert!(steps.windows(2).all(|pair| pair[0].date < pair[1].date));
    let as_of_2024 = ties_visible_as_of(&network, day("2024-01-01"), UndatedTies::Hide);
    assert!(as_of_2024[tie(&network, "lee-musk-2023-meeting").index()]);
    assert!(!as_of_2024[tie(&network, "samsung-electronics-tesla-ai6-contract").index()]);
    assert!(!as_of_2024[tie(&network, "lee-jae-yong-chairman-samsung-electronics").index()]);
}

// Search.

#[test]
fn finds_people_by_korean_english_or_alias() {
    let network = samsung();
    for query in ["올트먼", "샘올트먼", "샘 올트먼", "altman", "SAM ALT"] {
        let found = search_entities(&network, &indexed(&network), query, 5);
        assert_eq!(
            found.first().map(|m| network[m.entity].id.as_str()),
            Some("sam-altman"),
            "{query:?}"
        );
    }
    let chairman = search_entities(&network, &indexed(&network), "이 회장", 5);
    assert_eq!(chairman[0].entity, entity(&network, "lee-jae-yong"));
    assert_eq!(chairman[0].field, MatchedField::Alias);
    assert_eq!(chairman[0].matched_text, "이 회장");
    assert_eq!(chairman[0].rank, MatchRank::Exact);
    let lees: Vec<(&str, MatchRank)> = search_entities(&network, &indexed(&network), "lee", 10)
        .iter()
        .map(|m| (network[m.entity].id.as_str(), m.rank))
        .collect();
    assert_eq!(
        lees,
        [
            ("lee-jae-yong", MatchRank::Prefix),
            ("lee-jung-bae", MatchRank::Prefix),
            ("aleeza-lawson", MatchRank::Contains),
        ]
    );
    assert!(search_entities(&network, &indexed(&network), "", 10).is_empty());
    assert_eq!(
        search_entities(&network, &indexed(&network), "삼성", 3).len(),
        3,
        "limited"
    );
}

// Paths and neighbourhoods.

#[test]
fn shortest_paths_pick_the_lowest_ties_and_follow_the_timeline() {
    let network = fixture("paths.json");
    let (a, d) = (entity(&network, "a"), entity(&network, "d"));
    let hop = |from: &str, tie_id: &str, to: &str| Hop {
        from: entity(&network, from),
        tie: tie(&network, tie_id),
        to: entity(&network, to),
    };
    assert_eq!(
        shortest_path(&indexed(&network), a, d, None),
        Some(vec![hop("a", "a-b", "b"), hop("b", "b-d", "d")])
    );
    let as_of_2024 = ties_visible_as_of(&network, day("2024-01-01"), UndatedTies::Show);
    assert_eq!(
        shortest_path(&indexed(&network), a, d, Some(&as_of_2024)),
        Some(vec![hop("a", "a-c", "c"), hop("c", "c-d", "d")])
    );
    let before_everything = ties_visible_as_of(&network, day("2022-01-01"), UndatedTies::Hide);
    assert_eq!(
        shortest_path(&indexed(&network), a, d, Some(&before_everything)),
        None
    );
    assert_eq!(
        shortest_path(&indexed(&network), a, entity(&network, "e"), None),
        None
    );
    assert_eq!(
        shortest_path(&indexed(&network), d, d, None),
        Some(Vec::new())
    );
}

#[test]
fn lee_reaches_tesla_through_his_company_or_through_musk() {
    let network = samsung();
    let (lee, tesla) = (entity(&network, "lee-jae-yong"), entity(&network, "tesla"));
    let through = |visible_ties: Option<&[bool]>| -> Vec<String> {
        shortest_path(&indexed(&network), lee, tesla, visible_ties)
            .expect("Lee reaches Tesla")
            .iter()
            .map(|hop| network[hop.tie].id.clone())
            .collect()
    };
    assert_eq!(
        through(None),
        [
            "lee-jae-yong-chairman-samsung-electronics",
            "samsung-electronics-tesla-ai6-contract"
        ],
        "two routes of two ties: the one starting with the lower tie index wins"
    );
    let no_contracts = Filter {
        hidden_tie_kinds: BTreeSet::from([TieKind::Contract]),
        ..Filter::default()
    }
    .visibility(&network, &indexed(&network));
    assert_eq!(
        through(Some(&no_contracts.ties)),
        ["lee-musk-2023-meeting", "elon-musk-ceo-tesla"]
    );
}

#[test]
fn neighbourhoods_grow_a_step_at_a_time() {
    let network = fixture("paths.json");
    let a = entity(&network, "a");
    let one = neighbourhood(&indexed(&network), a, 1, None);
    let members: Vec<(&str, usize)> = one
        .members
        .iter()
        .map(|m| (network[m.entity].id.as_str(), m.steps))
        .collect();
    assert_eq!(members, [("a", 0), ("b", 1), ("c", 1)]);
    assert_eq!(
        one.ties,
        [
            tie(&network, "a-b"),
            tie(&network, "a-c"),
            tie(&network, "a-b-again")
        ]
    );
    let two = neighbourhood(&indexed(&network), a, 2, None);
    assert_eq!(two.steps_to(entity(&network, "d")), Some(2));
    assert_eq!(two.ties.len(), 5);
    assert_eq!(two.steps_to(entity(&network, "e")), None);
    let as_of_2024 = ties_visible_as_of(&network, day("2024-01-01"), UndatedTies::Show);
    let then = neighbourhood(&indexed(&network), a, 1, Some(&as_of_2024));
    assert_eq!(then.steps_to(entity(&network, "b")), None);
}

#[test]
fn everyone_in_the_default_network_is_within_three_steps_of_lee() {
    let network = samsung();
    let lee = entity(&network, "lee-jae-yong");
    let around = neighbourhood(&indexed(&network), lee, 3, None);
    assert_eq!(around.members.len(), network.entities.len());
    assert_eq!(around.ties.len(), network.ties.len());
    let one = neighbourhood(&indexed(&network), lee, 1, None);
    assert_eq!(one.steps_to(entity(&network, "elon-musk")), Some(1));
    assert_eq!(one.steps_to(entity(&network, "tesla")), None);
}

// Centrality.

#[test]
fn lee_jae_yong_is_the_most_central() {
    let network = samsung();
    let scores = centrality(&indexed(&network), None);
    let lee = entity(&network, "lee-jae-yong");
    let lee = lee.index();
    for (other, entity) in network.entities.iter().enumerate() {
        if other != lee {
            assert!(
                scores.degree[lee] > scores.degree[other],
                "degree of {}",
                entity.id
            );
            assert!(
                scores.betweenness[lee] > scores.betweenness[other],
                "betweenness of {}",
                entity.id
            );
        }
    }
    assert!(scores.betweenness.iter().all(|b| (0.0..=1.0).contains(b)));
}

#[test]
fn centrality_of_a_square_and_a_pair() {
    let network = fixture("paths.json");
    let scores = centrality(&indexed(&network), None);
    assert_eq!(scores.degree, [2, 2, 2, 2, 1, 1]);
    // Each corner of the square carries half of the path between its two neighbours:
    // 0.5 of the 10 pairs of the five other entities.
    for (index, expected) in [0.05, 0.05, 0.05, 0.05, 0.0, 0.0].iter().enumerate() {
        assert!(
            (scores.betweenness[index] - expected).abs() < 1e-12,
            "{index}: {}",
            scores.betweenness[index]
        );
    }
}

// Filters.

#[test]
fn filters_compose_with_the_timeline() {
    let network = fixture("paths.json");
    let hide_companies = Filter {
        hidden_entity_kinds: BTreeSet::from([EntityKind::Company]),
        ..Filter::default()
    };
    let visible = hide_companies.visibility(&network, &indexed(&network));
    assert_eq!(visible.entities, [true, true, true, false, true, false]);
    assert_eq!(visible.ties, [false, true, true, false, false, true]);
    let (a, b) = (entity(&network, "a"), entity(&network, "b"));
    assert_eq!(
        shortest_path(
            &indexed(&network),
            a,
            entity(&network, "d"),
            Some(&visible.ties)
        ),
        None
    );
    let as_of_2024 = ties_visible_as_of(&network, day("2024-01-01"), UndatedTies::Show);
    let both = visible.with_tie_mask(&as_of_2024);
    assert_eq!(both.ties, [false, false, true, false, false, false]);
    assert_eq!(
        shortest_path(&indexed(&network), a, b, Some(&both.ties)),
        None
    );
    assert_eq!(
        centrality(&indexed(&network), Some(&both.ties)).degree,
        [1, 0, 1, 0, 0, 0]
    );
}

#[test]
fn hiding_samsung_cuts_every_chain_to_lee() {
    let network = samsung();
    let filter = Filter {
        hidden_groups: BTreeSet::from(["samsung".to_owned()]),
        ..Filter::default()
    };
    let visible = filter.visibility(&network, &indexed(&network));
    assert!(!visible.entities[entity(&network, "lee-jae-yong").index()]);
    assert!(visible.entities[entity(&network, "openai").index()]);
    let lee = entity(&network, "lee-jae-yong");
    let alone = neighbourhood(&indexed(&network), lee, 3, Some(&visible.ties));
    assert_eq!(alone.members.len(), 1);
    assert!(visible.ties[tie(&network, "sam-altman-ceo-openai").index()]);
}
