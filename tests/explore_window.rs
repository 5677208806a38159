//! Exploring in the window, driven headless with egui_kittest: search, the timeline,
//! contact→deal chains, paths, focus, sizes and filters, as a person uses them.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use powermap::app::{Command, Emphasis, PowermapApp, Selection, SizeBy};
use powermap::edit::ops;
use powermap::explore::adjacency::Adjacency;
use powermap::network::index::{EntityIx, TieIx};
use powermap::network::model::{LocalizedText, TieKind, TieStatus};

mod common;
use common::{entity_index, harness, send, tie_index, wait_for_label};

fn sds_openai_contract(app: &PowermapApp) -> TieIx {
    tie_index(app, "sds-openai-chatgpt-enterprise-reseller")
}

fn tesla_contract(app: &PowermapApp) -> TieIx {
    tie_index(app, "samsung-electronics-tesla-ai6-contract")
}

/// How the map draws each line of a tie.
fn tie_emphases(app: &PowermapApp, tie: TieIx) -> Vec<Emphasis> {
    let emphases = app.document.view.tie_emphases(tie);
    assert!(!emphases.is_empty(), "tie {tie:?} has no line");
    emphases
}

/// How the map draws an entity, and how large.
fn entity_look(app: &PowermapApp, entity: EntityIx) -> (Emphasis, f32) {
    app.document
        .view
        .entity_look(entity)
        .unwrap_or_else(|| panic!("entity {entity:?} has no node"))
}

#[test]
fn typing_part_of_a_name_lists_matches_and_a_click_shows_the_entity() {
    let mut harness = harness();
    harness.get_by_role(Role::TextInput).focus();
    harness.run_steps(2);
    harness.get_by_role(Role::TextInput).type_text("musk");
    harness.run_steps(3);
    // The map speaks Korean: the match shows the English name that matched.
    harness
        .get_by_label_contains("일론 머스크 — Elon Musk")
        .click();
    harness.run_steps(4);
    let musk = entity_index(harness.state(), "elon-musk");
    assert_eq!(harness.state().selection, Some(Selection::Entity(musk)));
    // The entity panel shows Musk, with his English name under the Korean.
    harness.get_by_label("Elon Musk");
    harness.get_by_label("Path from here");
}

#[test]
fn an_alias_is_found_and_enter_picks_the_first_match() {
    let mut harness = harness();
    send(&mut harness, Command::FocusSearch);
    harness.get_by_role(Role::TextInput).type_text("이 회장");
    harness.run_steps(3);
    harness.get_by_label_contains("alias “이 회장”");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    let lee = entity_index(harness.state(), "lee-jae-yong");
    assert_eq!(harness.state().selection, Some(Selection::Entity(lee)));
    harness.get_by_label("Lee Jae-yong");
}

/// Types `query` into the search box, emptied first, and lets the matches list.
fn search_for(harness: &mut egui_kittest::Harness<'static, PowermapApp>, query: &str) {
    send(harness, Command::FocusSearch);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role(Role::TextInput).type_text(query);
    harness.run_steps(3);
}

#[test]
fn search_finds_the_name_an_edit_gives_and_the_one_undo_gives_back() {
    let mut harness = harness();
    let app = harness.state();
    let at = entity_index(app, "elon-musk").index();
    let mut renamed = app.document.network.entities[at].clone();
    renamed.name = LocalizedText::from([
        ("en".to_owned(), "Zebulon Quartz".to_owned()),
        ("ko".to_owned(), "제불론 쿼츠".to_owned()),
    ]);
    let edit = ops::change_entity(&app.document.network, at, renamed);
    send(
        &mut harness,
        Command::Edit {
            what: "rename".to_owned(),
            edit,
            field: None,
        },
    );
    search_for(&mut harness, "quartz");
    harness.get_by_label_contains("제불론 쿼츠 — Zebulon Quartz");
    search_for(&mut harness, "musk");
    harness.get_by_label("No entity matches");

    harness.key_press(egui::Key::Escape);
    send(&mut harness, Command::Undo);
    search_for(&mut harness, "musk");
    harness.get_by_label_contains("일론 머스크 — Elon Musk");
    search_for(&mut harness, "quartz");
    harness.get_by_label("No entity matches");
}

#[test]
fn the_timeline_hides_the_reseller_contract_until_its_day() {
    let mut harness = harness();
    let contract = sds_openai_contract(harness.state());
    let deal_row = "2025-12-23 · Contract";
    harness.get_by_label_contains(deal_row);
    // Turning the timeline on starts at the last date, the contract's.
    harness.get_by_label("Timeline").click();
    harness.run_steps(3);
    harness.get_by_label("As of 2025-12-23");
    assert!(harness.state().document.explore.is_tie_visible(contract));

    let steps = harness.state().document.explore.steps.clone();
    let before = steps
        .iter()
        .rposition(|step| step.date.to_string().as_str() < "2025-12-23")
        .expect("a date before the contract");
    send(&mut harness, Command::SetTimeline(Some(before)));
    assert!(!harness.state().document.explore.is_tie_visible(contract));
    assert!(
        tie_emphases(harness.state(), contract)
            .iter()
            .all(|&e| e == Emphasis::Hidden)
    );
    assert!(
        harness.query_by_label_contains(deal_row).is_none(),
        "the contract's chain is not listed before its day"
    );
    harness.get_by_label_contains("more hidden by the filters or the timeline");

    let day = steps
        .iter()
        .position(|step| step.date.to_string() == "2025-12-23")
        .expect("the contract's date is a step");
    send(&mut harness, Command::SetTimeline(Some(day)));
    assert!(harness.state().document.explore.is_tie_visible(contract));
    assert!(
        tie_emphases(harness.state(), contract)
            .iter()
            .all(|&e| e == Emphasis::Normal)
    );
    harness.get_by_label_contains(deal_row);
}

#[test]
fn a_month_is_a_step_of_its_own_and_play_steps_through_the_dates() {
    let mut harness = harness();
    let tesla = tesla_contract(harness.state());
    let steps = harness.state().document.explore.steps.clone();
    let july = steps
        .iter()
        .position(|step| step.date.to_string() == "2025-07")
        .expect("2025-07 is a step, not an invented day");
    send(&mut harness, Command::SetTimeline(Some(july)));
    harness.get_by_label("As of 2025-07");
    harness.get_by_label_contains("(month only)");
    assert!(harness.state().document.explore.is_tie_visible(tesla));
    send(&mut harness, Command::SetTimeline(Some(july - 1)));
    assert!(!harness.state().document.explore.is_tie_visible(tesla));

    send(&mut harness, Command::SetTimeline(None));
    harness.get_by_label("All dates");
    harness.get_by_label("▶").click();
    harness.run_steps(2);
    let explore = &harness.state().document.explore;
    assert!(explore.is_playing());
    assert_eq!(explore.timeline().map(|p| p.step), Some(0));
    // One step per 0.8 s of egui's time (the harness steps a quarter second a frame).
    harness.run_steps(4);
    let step = harness.state().document.explore.timeline().map(|p| p.step);
    assert!(
        step.is_some_and(|s| (1..=2).contains(&s)),
        "played to {step:?}"
    );
    harness.get_by_label("⏸").click();
    harness.run_steps(2);
    assert!(!harness.state().document.explore.is_playing());
}

#[test]
fn the_reseller_contract_lists_lee_meeting_altman_before_it() {
    let mut harness = harness();
    let contract = sds_openai_contract(harness.state());
    send(&mut harness, Command::Select(Selection::Tie(contract)));
    harness.get_by_label("Earlier contacts (2)");
    harness.get_by_label("83 days before");
    harness.get_by_label("322 days before");
    harness.get_by_label("Undated contacts, order unknown (2)");
    // The chain is highlighted on the map: the deal, and its contacts beside it.
    let october = tie_index(harness.state(), "lee-altman-2025-10-01-meeting");
    let february = tie_index(harness.state(), "lee-altman-son-2025-02-04-meeting");
    assert!(
        tie_emphases(harness.state(), contract)
            .iter()
            .all(|&e| e == Emphasis::Selected)
    );
    for contact in [october, february] {
        assert!(
            tie_emphases(harness.state(), contact)
                .iter()
                .all(|&e| e == Emphasis::Related)
        );
    }
    // A contact opens its tie, which lists the deal that followed.
    harness
        .get_all_by_label("이재용, 샘 올트먼")
        .next()
        .expect("the October meeting")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection, Some(Selection::Tie(october)));
    harness.get_by_label_contains("Deals that followed");
    harness.get_by_label("83 days later");
}

#[test]
fn the_tesla_contract_lists_lee_meeting_musk_in_2023() {
    let mut harness = harness();
    let contract = tesla_contract(harness.state());
    send(&mut harness, Command::Select(Selection::Tie(contract)));
    harness.get_by_label("Earlier contacts (1)");
    harness.get_by_label("2023");
    harness.get_by_label("about 2 years before");
    harness.get_by_label("이재용, 일론 머스크");
}

#[test]
fn a_path_from_lee_jae_yong_to_tesla_lists_its_hops() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let tesla = entity_index(harness.state(), "tesla");
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    harness.get_by_label("Path from here").click();
    harness.run_steps(3);
    send(&mut harness, Command::Select(Selection::Entity(tesla)));
    harness.get_by_label("Path to here").click();
    harness.run_steps(3);
    let hops = harness
        .state()
        .document
        .explore
        .path()
        .expect("a path")
        .to_vec();
    assert_eq!(hops.len(), 2);
    harness.get_by_label("2 hops");
    harness.get_by_label_contains("1. 이재용 ➡ ");
    harness.get_by_label_contains("2. ");
    for hop in &hops {
        assert!(
            tie_emphases(harness.state(), hop.tie)
                .iter()
                .all(|&e| e == Emphasis::Selected)
        );
    }
    // A hop opens its tie, and the path stays listed.
    harness.get_by_label_contains("1. 이재용 ➡ ").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection, Some(Selection::Tie(hops[0].tie)));
    harness.get_by_label("2 hops");
    harness.get_by_label("Clear path").click();
    harness.run_steps(3);
    assert!(harness.state().document.explore.path_from().is_none());
}

#[test]
fn focus_one_step_on_musk_fades_the_unrelated() {
    let mut harness = harness();
    let musk = entity_index(harness.state(), "elon-musk");
    let tesla = entity_index(harness.state(), "tesla");
    let altman = entity_index(harness.state(), "sam-altman");
    send(&mut harness, Command::Select(Selection::Entity(musk)));
    harness.get_by_label("1 step").click();
    harness.run_steps(3);
    assert_eq!(harness.state().document.explore.focus_steps(), 1);
    assert_eq!(entity_look(harness.state(), musk).0, Emphasis::Selected);
    assert_eq!(entity_look(harness.state(), tesla).0, Emphasis::Related);
    assert_eq!(entity_look(harness.state(), altman).0, Emphasis::Faded);
}

#[test]
fn sizing_by_degree_makes_lee_larger_than_a_leaf() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let verizon = entity_index(harness.state(), "hans-vestberg");
    assert_eq!(entity_look(harness.state(), lee).1, 1.0);
    send(&mut harness, Command::SetSizeBy(SizeBy::Degree));
    let (_, lee_scale) = entity_look(harness.state(), lee);
    let (_, leaf_scale) = entity_look(harness.state(), verizon);
    assert!(
        lee_scale > leaf_scale,
        "Lee {lee_scale} should be larger than a leaf {leaf_scale}"
    );
    assert!((lee_scale - 3.0).abs() < 1e-4, "the most connected is 3×");
    // The entity panel gives the numbers.
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    harness.get_by_label("Degree");
    harness.get_by_label("Betweenness");
    assert_eq!(
        harness.get_all_by_label_contains("(rank 1)").count(),
        2,
        "first by degree and by betweenness"
    );
}

#[test]
fn filters_hide_a_tie_kind() {
    let mut harness = harness();
    let document = &harness.state().document;
    let role = (document.index.ties())
        .find(|&tie| document.network[tie].kind == TieKind::Role)
        .expect("a role tie");
    harness.get_by_label("Filters").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Role (").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .document
            .explore
            .filter()
            .hidden_tie_kinds
            .contains(&TieKind::Role)
    );
    assert!(
        tie_emphases(harness.state(), role)
            .iter()
            .all(|&e| e == Emphasis::Hidden)
    );
    harness.get_by_label("Show everything").click();
    harness.run_steps(3);
    assert!(harness.state().document.explore.filter().hides_nothing());
    assert!(
        tie_emphases(harness.state(), role)
            .iter()
            .all(|&e| e == Emphasis::Normal)
    );
}

/// Three entities, a reported role and an alleged payment.
const ALLEGED_PAYMENT: &str = r#"{
  "format": "powermap",
  "version": 1,
  "label_language": "en",
  "sources": [{ "id": "paper", "outlet": { "en": "The Paper" }, "title": "Claims" }],
  "entities": [
    { "id": "ada", "kind": "person", "name": { "en": "Ada Park" } },
    { "id": "acme", "kind": "company", "name": { "en": "Acme" } },
    { "id": "globex", "kind": "company", "name": { "en": "Globex" } }
  ],
  "ties": [
    { "id": "ada-acme", "kind": "role", "participants": ["ada", "acme"],
      "evidence": [{ "source": "paper", "quote": "Ada Park runs Acme." }] },
    { "id": "acme-globex", "kind": "contract", "participants": ["acme", "globex"],
      "status": "alleged",
      "evidence": [{ "source": "paper", "quote": "Globex is said to have paid Acme." }] }
  ]
}"#;

#[test]
fn a_tie_status_shows_in_the_legend_and_the_tie_panel_and_filters() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("alleged.json");
    powermap::network::save::write_atomically(
        &path,
        ALLEGED_PAYMENT.as_bytes(),
        powermap::network::save::Overwrite::Refuse,
    )
    .expect("writes the fixture");
    let mut harness = harness();
    send(&mut harness, Command::Open(path));
    harness.get_by_label_contains("3 entities · 2 ties");
    // The legend explains the alleged tie's dashes; reported ties need no entry.
    assert_eq!(harness.get_all_by_label("Alleged").count(), 1, "the legend");
    assert!(harness.query_by_label("Reported").is_none());
    let alleged = tie_index(harness.state(), "acme-globex");
    let reported = tie_index(harness.state(), "ada-acme");

    send(&mut harness, Command::Select(Selection::Tie(alleged)));
    harness.get_by_label("Status");
    assert_eq!(
        harness.get_all_by_label("Alleged").count(),
        2,
        "the legend and the tie panel"
    );
    send(&mut harness, Command::Select(Selection::Tie(reported)));
    harness.get_by_label("Reported");

    send(&mut harness, Command::ToggleFilters);
    harness.get_by_label("Reported (1)");
    harness.get_by_label("Alleged (1)").click();
    harness.run_steps(3);
    let filter = harness.state().document.explore.filter();
    assert_eq!(
        filter.hidden_tie_statuses,
        std::collections::BTreeSet::from([TieStatus::Alleged])
    );
    assert!(
        tie_emphases(harness.state(), alleged)
            .iter()
            .all(|&e| e == Emphasis::Hidden)
    );
    assert!(
        !tie_emphases(harness.state(), reported).contains(&Emphasis::Hidden),
        "the reported tie stays"
    );
}

#[test]
fn a_large_network_shows_degree_without_freezing_on_betweenness() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("large.json");
    let network = powermap::network::generate::generate_network(6_000, 6_000, 3);
    powermap::network::save::save_network(
        &network,
        &path,
        powermap::network::save::Overwrite::Refuse,
    )
    .expect("saves");
    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    // A file this large opens in the background.
    wait_for_label(&mut harness, "6000 entities · 6000 ties");
    let first = (harness.state().document.index.entity_ix_at(0)).expect("an entity");
    harness
        .state_mut()
        .command(Command::Select(Selection::Entity(first)));
    harness.run_steps(3);
    harness.get_by_label("Degree");
    harness.get_by_label("not computed above 5000 entities");
    // Its degree counts each neighbour once, and its rank the entities with more.
    let index = &harness.state().document.index;
    let adjacency = Adjacency::new(index, None);
    let degree = |entity| adjacency.neighbours(entity).len();
    let more = index
        .entities()
        .filter(|&e| degree(e) > degree(first))
        .count();
    harness.get_by_label(&format!("{} (rank {})", degree(first), more + 1));
}
