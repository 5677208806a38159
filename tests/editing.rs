//! Making maps in the window: a new map built field by field, saved and opened again;
//! undo and redo; refused values beside their fields; merging duplicates; and the
//! questions and recovery copies that keep work from being lost.

mod common;

use std::path::Path;

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::app::{Command, PowermapApp, Selection};
use powermap::edit::ops;
use powermap::network::model::{Entity, EntityKind, LocalizedText, Network, Tie, TieKind};

use common::{entity_index, harness, send, tie_index};

/// Replaces the text of the field with this accessible name and presses Enter.
fn fill(harness: &mut Harness<'static, PowermapApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

/// Adds an entity with the toolbar button and names it in English by typing at once: the
/// new entity's name is selected, ready to be typed over.
fn add_entity(harness: &mut Harness<'static, PowermapApp>, name: &str) {
    harness.get_by_label("+ Entity").click();
    harness.run_steps(3);
    harness.get_by_label("Edit entity");
    assert!(harness.get_by_label("name (en)").is_focused());
    harness.get_by_label("name (en)").type_text(name);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

/// The network without where its entities are: the layout moves them between frames.
fn without_positions(network: &Network) -> Network {
    let mut network = network.clone();
    for entity in &mut network.entities {
        entity.position = None;
    }
    network
}

fn entity_named(app: &PowermapApp, name: &str) -> Entity {
    app.document
        .network
        .entities
        .iter()
        .find(|e| e.name.get("en") == Some(name))
        .unwrap_or_else(|| panic!("no entity named {name}"))
        .clone()
}

/// A new map with two people and an organisation, the people tied by a meeting on
/// 2025-10-01 quoting one source, made through the window.
fn make_a_map(harness: &mut Harness<'static, PowermapApp>) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("New map…").click();
    harness.run_steps(3);
    harness
        .get_by_label("Map title")
        .type_text("Chip diplomacy");
    harness.get_by_label("in English").click();
    harness.run_steps(1);
    harness.get_by_label("Create").click();
    harness.run_steps(3);
    assert!(harness.state().document.network.entities.is_empty());

    add_entity(harness, "Lee Jae-yong");
    add_entity(harness, "Jensen Huang");
    add_entity(harness, "Nvidia");
    harness.get_by_label("kind").click();
    harness.run_steps(2);
    harness.get_by_label("Company").click();
    harness.run_steps(3);
    assert_eq!(
        entity_named(harness.state(), "Nvidia").kind,
        EntityKind::Company
    );

    // Lee's panel: Add tie…, then pick Huang as the map would on a click.
    let lee = entity_named(harness.state(), "Lee Jae-yong").id;
    let huang = entity_named(harness.state(), "Jensen Huang").id;
    let lee_ix = entity_index(harness.state(), &lee);
    send(harness, Command::Select(Selection::Entity(lee_ix)));
    harness.get_by_label("Add tie…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Click the other end of the new tie");
    let huang_ix = entity_index(harness.state(), &huang);
    send(harness, Command::Select(Selection::Entity(huang_ix)));
    harness.get_by_label("Edit tie");
    fill(harness, "date", "2025-10-01");

    // The article it comes from, then the sentence.
    harness.get_by_label("Add source").click();
    harness.run_steps(3);
    harness.get_by_label("Edit source");
    fill(harness, "outlet (en)", "The Daily");
    fill(harness, "title", "Lee meets Huang");
    fill(harness, "url", "https://example.com/lee-huang");
    let tie = harness.state().document.network.ties[0].id.clone();
    let tie_ix = tie_index(harness.state(), &tie);
    send(harness, Command::Select(Selection::Tie(tie_ix)));
    harness.get_by_label("New quote").focus();
    harness.run_steps(1);
    harness
        .get_by_label("New quote")
        .type_text("Lee met Huang in Seoul.");
    harness.run_steps(1);
    harness.get_by_label("Add this evidence").click();
    harness.run_steps(3);
}

#[test]
fn an_entity_picked_as_the_other_end_of_its_own_tie_gets_a_self_loop() {
    let mut harness = harness();
    let samsung = entity_index(harness.state(), "samsung-electronics");
    let ties_before = harness.state().document.network.ties.len();
    send(&mut harness, Command::Select(Selection::Entity(samsung)));
    harness.get_by_label("Add tie…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("itself for a tie to itself");
    send(&mut harness, Command::Select(Selection::Entity(samsung)));
    harness.get_by_label("Edit tie");
    let network = &harness.state().document.network;
    assert_eq!(network.ties.len(), ties_before + 1);
    let tie = network.ties.last().expect("the new tie");
    assert_eq!(
        tie.participants,
        ["samsung-electronics", "samsung-electronics"]
    );
    assert_eq!(tie.kind, TieKind::Other, "no one meets themselves");
    let tie_ix = tie_index(harness.state(), &tie.id.clone());
    assert_eq!(harness.state().selection, Some(Selection::Tie(tie_ix)));
    // One more participant makes the loop a tie between the two.
    harness.get_by_label("Add participant…").click();
    harness.run_steps(3);
    let lee = entity_index(harness.state(), "lee-jae-yong");
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    let tie = harness
        .state()
        .document
        .network
        .ties
        .last()
        .expect("the tie");
    assert_eq!(tie.participants, ["samsung-electronics", "lee-jae-yong"]);
}

#[test]
fn a_new_map_made_in_the_window_is_saved_and_opens_again_as_made() {
    let mut harness = harness();
    make_a_map(&mut harness);
    let network = harness.state().document.network.clone();
    assert_eq!(network.title, "Chip diplomacy");
    let ids: Vec<&str> = network.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["lee-jae-yong", "jensen-huang", "nvidia"],
        "named, they take their names as ids"
    );
    assert_eq!(network.ties.len(), 1);
    let tie = &network.ties[0];
    assert_eq!(tie.kind, TieKind::Meeting);
    assert_eq!(
        tie.date.map(|d| d.to_string()).as_deref(),
        Some("2025-10-01")
    );
    assert_eq!(tie.evidence.len(), 1);
    assert_eq!(tie.evidence[0].quote, "Lee met Huang in Seoul.");
    assert!(harness.state().document.window_title().starts_with("• "));

    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("chips.json");
    send(&mut harness, Command::SaveAs(path.clone()));
    assert!(!harness.state().document.is_dirty());
    assert!(!harness.state().document.window_title().starts_with("• "));

    send(&mut harness, Command::OpenDefault);
    send(&mut harness, Command::Open(path.clone()));
    harness.run_steps(5);
    let reopened = &harness.state().document.network;
    assert_eq!(reopened.title, network.title);
    assert_eq!(reopened.ties, network.ties);
    assert_eq!(reopened.sources, network.sources);
    let names = |n: &powermap::network::model::Network| {
        n.entities
            .iter()
            .map(|e| (e.id.clone(), e.name.clone(), e.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(reopened), names(&network));
}

#[test]
fn every_step_undoes_and_redoes_and_the_edit_menu_names_it() {
    let mut harness = harness();
    make_a_map(&mut harness);
    let made = without_positions(&harness.state().document.network);
    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Undo add evidence");
    harness.key_press(Key::Escape);
    harness.run_steps(2);

    // Back step by step to the empty map, and forward again to the same map (where the
    // layout has moved the entities aside).
    let mut seen = vec![made.clone()];
    while harness.state().document.history.undo_name().is_some() {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(2);
        seen.push(without_positions(&harness.state().document.network));
    }
    let empty = seen.last().expect("undone").clone();
    assert!(empty.entities.is_empty() && empty.ties.is_empty() && empty.sources.is_empty());
    assert!(
        seen.len() >= 9,
        "each field was a step of its own: {}",
        seen.len()
    );
    for expected in seen.iter().rev().skip(1) {
        harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
        harness.run_steps(2);
        assert_eq!(
            &without_positions(&harness.state().document.network),
            expected
        );
    }
    // Ctrl+Y redoes too.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(without_positions(&harness.state().document.network), made);
}

#[test]
fn an_impossible_date_and_a_taken_id_are_refused_beside_their_fields() {
    let mut harness = harness();
    let tie = tie_index(
        harness.state(),
        &harness.state().document.network.ties[0].id.clone(),
    );
    send(&mut harness, Command::Select(Selection::Tie(tie)));
    harness.get_by_label("✏ Edit").click();
    harness.run_steps(3);
    let before = without_positions(&harness.state().document.network);
    fill(&mut harness, "date", "2025-02-30");
    harness.get_by_label_contains("2025-02 has 28 days");
    assert_eq!(without_positions(&harness.state().document.network), before);

    fill(&mut harness, "amount", "-5 USD");
    harness.get_by_label_contains("-5 is not an amount");
    assert_eq!(without_positions(&harness.state().document.network), before);

    let lee = entity_index(harness.state(), "lee-jae-yong");
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    fill(&mut harness, "id", "elon-musk");
    harness.get_by_label_contains("duplicate id \"elon-musk\"");
    assert_eq!(without_positions(&harness.state().document.network), before);
    assert!(!harness.state().document.is_dirty());

    // A new id that is free is taken, its ties follow, and its panel stays open.
    fill(&mut harness, "id", "jy-lee");
    let app = harness.state();
    assert!(app.document.index.entity_ix("jy-lee").is_some());
    assert!(
        app.document
            .network
            .ties
            .iter()
            .any(|t| t.participants.contains(&"jy-lee".to_owned()))
    );
    assert_eq!(app.selection, Some(Selection::Entity(lee)));
    harness.get_by_label("Edit entity");
}

#[test]
fn merging_two_entities_puts_their_ties_on_the_one_that_stays() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::SetLanguage(powermap::app::LabelLanguage::English),
    );
    // A second Lee, as an import would bring him, met by Elon Musk.
    let network = &harness.state().document.network;
    let twin = Entity::new(
        "jy-lee",
        EntityKind::Person,
        LocalizedText::from([("en".to_owned(), "LEE JAE YONG".to_owned())]),
    );
    let mut tie = Tie::new("jy-musk", TieKind::Meeting, &["jy-lee", "elon-musk"]);
    tie.summary = "Lee and Musk".to_owned();
    let edit = powermap::edit::Edit::Batch(vec![
        ops::add_entity(network, twin),
        ops::add_tie(network, tie),
    ]);
    send(
        &mut harness,
        Command::Edit {
            what: "import".to_owned(),
            edit,
            field: None,
        },
    );

    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    harness
        .get_by_label_contains("Possible duplicates…")
        .click();
    harness.run_steps(3);
    harness.get_by_label_contains("both are called");
    harness.get_by_label("Merge…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Merge LEE JAE YONG into Lee Jae-yong?");
    harness.get_by_label("Merge").click();
    harness.run_steps(3);

    let app = harness.state();
    assert!(app.document.index.entity_ix("jy-lee").is_none());
    let lee = entity_index(app, "lee-jae-yong");
    let musk_tie = tie_index(app, "jy-musk");
    assert!(app.document.index.ties_of(lee).contains(&musk_tie));
    assert_eq!(app.selection, Some(Selection::Entity(lee)));
    // The merged entity's panel lists the tie it brought beside Lee's own with Musk.
    assert_eq!(harness.get_all_by_label("Elon Musk").count(), 2);
    let aliases = &harness.state().document.network[lee].aliases;
    assert!(aliases.contains(&"LEE JAE YONG".to_owned()), "{aliases:?}");
}

#[test]
fn closing_or_opening_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    send(&mut harness, Command::AddEntity(None));
    assert!(harness.state().document.is_dirty());

    send(&mut harness, Command::Quit);
    harness.get_by_label_contains("Save the changes to");
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Save the changes to")
            .is_none()
    );
    assert!(harness.state().document.is_dirty(), "still there");

    send(&mut harness, Command::OpenDefault);
    harness.get_by_label_contains("Save the changes to");
    harness.get_by_label("Discard").click();
    harness.run_steps(3);
    assert!(!harness.state().document.is_dirty());
    assert_eq!(
        harness.state().document.network.entities.len(),
        powermap::network::dataset::load_default_network()
            .expect("loads")
            .network
            .entities
            .len()
    );
}

#[test]
fn unsaved_work_is_copied_for_recovery_and_offered_back_at_the_next_start() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dir = folder.path().to_owned();
    let start = |dir: &Path| {
        let dir = dir.to_owned();
        let mut harness = Harness::builder()
            .with_size([1400.0, 900.0])
            .build_eframe(move |cc| PowermapApp::with_recovery_dir(cc, None, Some(dir)));
        harness.run_steps(3);
        harness
    };
    let mut harness = start(&dir);
    harness.state_mut().recovery.set_interval_secs(0.0);
    send(&mut harness, Command::AddEntity(None));
    harness.run_steps(3);
    let file = harness.state().recovery.file().expect("a recovery file");
    assert!(file.exists(), "a copy is written while changes are unsaved");
    // The window goes without asking, as in a crash.
    drop(harness);

    let mut harness = start(&dir);
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run_steps(3);
    assert!(harness.state().document.is_dirty());
    assert!(
        (harness.state().document.network.entities.iter()).any(|e| e.id.starts_with("entity")),
        "the added entity is back"
    );

    let saved = folder.path().join("saved.json");
    send(&mut harness, Command::SaveAs(saved));
    assert!(!file.exists(), "saving removes the copy");
}

#[test]
fn a_drag_is_one_step_that_undo_takes_back() {
    let mut harness = harness();
    // At rest, only the drag and its undo move anything.
    send(&mut harness, Command::ToggleLayout);
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let before = harness.state().document.view.positions()[lee.index()];
    send(
        &mut harness,
        Command::MoveEntity {
            entity: lee,
            from: before,
            to: [before[0] + 300.0, before[1]],
        },
    );
    let moved = harness.state().document.view.positions()[lee.index()];
    assert!((moved[0] - before[0] - 300.0).abs() < 1.0, "{moved:?}");
    assert!(harness.state().document.view.is_pinned(lee));
    send(&mut harness, Command::Undo);
    let back = harness.state().document.view.positions()[lee.index()];
    assert!((back[0] - before[0]).abs() < 1.0, "{back:?} vs {before:?}");
    assert!(!harness.state().document.view.is_pinned(lee));
}

#[test]
fn another_map_merged_in_the_window_matches_lee_by_name_and_undoes() {
    let mut harness = harness();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("more.json");
    let small = r#"{
      "format": "powermap", "version": 1,
      "sources": [{"id": "s", "outlet": {"en": "The Daily"}, "title": "More"}],
      "entities": [
        {"id": "jy", "kind": "person", "name": {"en": "Lee Jae-yong"}},
        {"id": "tim-cook", "kind": "person", "name": {"en": "Tim Cook"}}
      ],
      "ties": [{"id": "lee-cook", "kind": "meeting", "participants": ["jy", "tim-cook"],
                "evidence": [{"source": "s", "quote": "Lee met Cook."}]}]
    }"#;
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, small).expect("write");
    let before = harness.state().document.network.entities.len();
    send(&mut harness, Command::MergeMap(path));
    harness.get_by_label("Merged more.json");
    harness.get_by_label_contains("1 matched, 1 added");
    let app = harness.state();
    assert_eq!(app.document.network.entities.len(), before + 1);
    let tie = app
        .document
        .network
        .tie("lee-cook")
        .expect("the tie came along");
    assert!(tie.participants.contains(&"lee-jae-yong".to_owned()));
    send(&mut harness, Command::Undo);
    assert_eq!(harness.state().document.network.entities.len(), before);
}

#[test]
fn a_ties_status_is_chosen_in_its_editor_and_shows_in_the_legend() {
    let mut harness = harness();
    let tie = tie_index(harness.state(), "samsung-electronics-tesla-ai6-contract");
    send(&mut harness, Command::Select(Selection::Tie(tie)));
    send(&mut harness, Command::SetEditing(true));
    harness.get_by_label("status").click();
    harness.run_steps(2);
    harness.get_by_label("Alleged").click();
    harness.run_steps(3);
    let network = &harness.state().document.network;
    assert_eq!(
        network
            .tie("samsung-electronics-tesla-ai6-contract")
            .map(|t| t.status),
        Some(powermap::network::model::TieStatus::Alleged)
    );
    assert_eq!(
        harness.state().document.history.undo_name(),
        Some("change status")
    );
    // With the panel closed, only the legend names it: it explains the dashes.
    send(&mut harness, Command::ClearSelection);
    harness.get_by_label("Alleged");
}

/// Presses the primary button at `from`, moves to `to` and lets go there, with `modifiers`
/// held throughout.
fn drag(harness: &mut Harness<'static, PowermapApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.run_steps(2);
    let button = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    };
    harness.event(button(from, true));
    harness.run_steps(1);
    for step in 1..=10 {
        harness.hover_at(from + (to - from) * (step as f32 / 10.0));
        harness.run_steps(1);
    }
    harness.event(button(to, false));
    harness.run_steps(2);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

/// A point of the map far from every entity and line ends, right of the legend.
fn empty_spot(app: &PowermapApp) -> Pos2 {
    let view = &app.document.view;
    let rect = view.screen_rect().shrink(40.0);
    let entities: Vec<Pos2> = (app.document.index.entities())
        .filter_map(|e| view.entity_screen_pos(e))
        .collect();
    let mut best = (0.0, rect.center());
    for i in 0..20 {
        for j in 0..20 {
            let point = Pos2::new(
                rect.left() + rect.width() * (i as f32 + 0.5) / 20.0,
                rect.top() + rect.height() * (j as f32 + 0.5) / 20.0,
            );
            if point.x < 200.0 && point.y > rect.center().y {
                continue; // the legend
            }
            let nearest = (entities.iter().map(|e| e.distance(point))).fold(f32::MAX, f32::min);
            if nearest > best.0 {
                best = (nearest, point);
            }
        }
    }
    best.1
}

#[test]
fn a_double_click_adds_an_entity_and_shift_dragging_from_one_to_another_ties_them() {
    // Frames a sixtieth of a second apart, as on screen: two clicks four frames apart are
    // a double click.
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|cc| PowermapApp::with_recovery_dir(cc, None, None));
    harness.run_steps(5);
    send(&mut harness, Command::ToggleLayout);
    send(&mut harness, Command::FitView);
    let (lei, musk) = (
        entity_index(harness.state(), "lei-jun"),
        entity_index(harness.state(), "elon-musk"),
    );
    let view = &harness.state().document.view;
    let (from, to) = (
        view.entity_screen_pos(lei).expect("drawn"),
        view.entity_screen_pos(musk).expect("drawn"),
    );
    // A double click on empty map space: a new entity there.
    let entities = harness.state().document.network.entities.len();
    let empty = empty_spot(harness.state());
    harness.hover_at(empty);
    harness.run_steps(2);
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(Event::PointerButton {
                pos: empty,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.run_steps(1);
        }
    }
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.document.network.entities.len(), entities + 1);
    let added = app.document.network.entities.last().expect("added");
    let at = app.document.index.entity_ix(&added.id).expect("indexed");
    let drawn = app.document.view.entity_screen_pos(at).expect("drawn");
    assert!(
        drawn.distance(empty) < 2.0,
        "placed where clicked: {drawn:?}"
    );
    send(&mut harness, Command::ClearSelection);

    let ties = harness.state().document.network.ties.len();
    let lei_on_map = harness.state().document.view.positions()[lei.index()];
    drag(&mut harness, from, to, Modifiers::SHIFT);
    let network = &harness.state().document.network;
    assert_eq!(network.ties.len(), ties + 1, "one new tie");
    let tie = network.ties.last().expect("tie");
    assert_eq!(tie.kind, TieKind::Meeting);
    assert_eq!(tie.participants, ["lei-jun", "elon-musk"]);
    harness.get_by_label("Edit tie");
    // Where it is on the map, not on screen: the map keeps its middle as the tie editor
    // opens beside it.
    let moved = harness.state().document.view.positions()[lei.index()];
    assert!(
        (moved[0] - lei_on_map[0]).hypot(moved[1] - lei_on_map[1]) < 1.0,
        "Shift-drag moves nothing: {lei_on_map:?} to {moved:?}"
    );
}

#[test]
fn deleting_an_entity_names_the_ties_that_go_and_undo_brings_them_back() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::SetLanguage(powermap::app::LabelLanguage::English),
    );
    let musk = entity_index(harness.state(), "elon-musk");
    let before = without_positions(&harness.state().document.network);
    send(&mut harness, Command::Select(Selection::Entity(musk)));
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    harness.get_by_label("Delete Elon Musk?");
    harness.get_by_label_contains("Meeting with Lee Jae-yong, 2023");
    harness.get_by_label("Delete").click();
    harness.run_steps(3);
    let network = &harness.state().document.network;
    assert!(network.entity("elon-musk").is_none());
    assert!(
        network
            .ties
            .iter()
            .all(|t| !t.participants.contains(&"elon-musk".to_owned()))
    );
    send(&mut harness, Command::Undo);
    assert_eq!(without_positions(&harness.state().document.network), before);
}

#[test]
fn a_meeting_takes_more_participants_picked_in_search() {
    let mut harness = harness();
    let tie = tie_index(harness.state(), "samsung-electronics-tesla-ai6-contract");
    send(&mut harness, Command::Select(Selection::Tie(tie)));
    send(&mut harness, Command::SetEditing(true));
    harness.get_by_label("Add participant…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Click one more participant");
    // A search result picks, as a click on the map does.
    let musk = entity_index(harness.state(), "elon-musk");
    send(&mut harness, Command::ShowEntity(musk));
    let network = &harness.state().document.network;
    let tie = network
        .tie("samsung-electronics-tesla-ai6-contract")
        .expect("tie");
    assert_eq!(tie.participants.len(), 3);
    assert!(tie.participants.contains(&"elon-musk".to_owned()));
    assert!(
        harness
            .query_by_label_contains("Click one more participant")
            .is_none()
    );
}

#[test]
fn the_first_entity_of_a_new_map_is_drawn_in_the_middle_of_the_map() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::CreateMap {
            title: "Empty".to_owned(),
            language: powermap::app::LabelLanguage::English,
        },
    );
    send(&mut harness, Command::AddEntity(None));
    harness.run_steps(30);
    let app = harness.state();
    let entity = entity_index(app, "entity-1");
    let drawn = app.document.view.entity_screen_pos(entity).expect("drawn");
    let map = app.document.view.screen_rect();
    assert!(
        map.shrink(100.0).contains(drawn),
        "{drawn:?} is not well inside the map {map:?}"
    );
    // A second one, tied to the first, stays in view too.
    send(&mut harness, Command::AddEntity(None));
    let second = entity_index(harness.state(), "entity-2");
    send(&mut harness, Command::AddTieBetween(entity, second));
    harness.run_steps(60);
    let app = harness.state();
    for e in [entity, second] {
        let drawn = app.document.view.entity_screen_pos(e).expect("drawn");
        assert!(app.document.view.screen_rect().contains(drawn), "{drawn:?}");
    }
}

#[test]
fn undoing_a_change_leaves_the_entity_where_the_layout_took_it() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let at = lee.index();
    let mut renamed = harness.state().document.network.entities[at].clone();
    renamed.aliases.push("JY".to_owned());
    let edit = ops::change_entity(&harness.state().document.network, at, renamed);
    send(
        &mut harness,
        Command::Edit {
            what: "change aliases".to_owned(),
            edit,
            field: None,
        },
    );
    // The layout moves on, then stops.
    harness.run_steps(30);
    send(&mut harness, Command::ToggleLayout);
    let here = harness.state().document.view.positions()[at];
    send(&mut harness, Command::Undo);
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let after = harness.state().document.view.positions()[lee.index()];
    assert!(
        (after[0] - here[0]).abs() < 0.5 && (after[1] - here[1]).abs() < 0.5,
        "undo moved the entity from {here:?} to {after:?}"
    );
    assert!(
        !harness.state().document.network.entities[lee.index()]
            .aliases
            .contains(&"JY".to_owned())
    );
}

#[test]
fn the_status_bar_counts_one_entity_in_the_singular() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::CreateMap {
            title: String::new(),
            language: powermap::app::LabelLanguage::English,
        },
    );
    send(&mut harness, Command::AddEntity(None));
    harness.get_by_label_contains("1 entity · 0 ties");
}

#[test]
fn shortcuts_wait_while_a_dialog_asks() {
    let mut harness = harness();
    let (lee, musk) = (
        entity_index(harness.state(), "lee-jae-yong"),
        entity_index(harness.state(), "elon-musk"),
    );
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    send(
        &mut harness,
        Command::ShowMerge {
            kept: lee,
            merged: musk,
        },
    );
    harness.key_press(Key::Delete);
    harness.key_press(Key::N);
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.confirm_delete, None,
        "Delete waits for the merge dialog"
    );
    assert!(!app.document.is_dirty(), "N added nothing");
    assert!(app.merging.is_some());
}

#[test]
fn view_label_by_shows_an_attribute_on_the_map_and_in_the_panel_and_undo_brings_the_name_back() {
    let mut harness = harness();
    let railway =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/cytoscape-railway.cyjs");
    send(&mut harness, Command::Open(railway));
    harness.run_steps(5);
    let tokyo = entity_index(harness.state(), "3000");
    let label =
        |harness: &Harness<'static, PowermapApp>| harness.state().document.view.entity_label(tokyo);
    // The import read the names from `station_name`, not the codes in `name`.
    assert_eq!(label(&harness).as_deref(), Some("東京"));
    assert!(!harness.state().document.is_dirty());
    // The panel lists the code three times: as `name`, `shared_name` and `station_cd`.
    send(&mut harness, Command::Select(Selection::Entity(tokyo)));
    let codes_shown =
        |harness: &Harness<'static, PowermapApp>| harness.query_all_by_label("1130101").count();
    assert_eq!(codes_shown(&harness), 3);
    harness.get_by_label("東京");
    // The panel names the attributes too: closed, the menu's are the only ones.
    send(&mut harness, Command::ClearSelection);

    harness.get_by_label("View").click();
    harness.run_steps(2);
    // The submenu's button, and its text within it.
    (harness.get_all_by_label_contains("Label by").next())
        .expect("View ▸ Label by")
        .click();
    harness.run_steps(2);
    harness.get_by_label("station_cd").click();
    harness.run_steps(3);
    assert_eq!(label(&harness).as_deref(), Some("1130101"));
    assert_eq!(
        harness.state().document.network.shown_by.label.as_deref(),
        Some("station_cd")
    );
    assert!(harness.state().document.is_dirty(), "a change to the file");
    // The panel's heading is the label now, with the name under it.
    send(&mut harness, Command::Select(Selection::Entity(tokyo)));
    assert_eq!(codes_shown(&harness), 4);
    harness.get_by_label("東京");

    send(&mut harness, Command::Undo);
    assert_eq!(label(&harness).as_deref(), Some("東京"));
    assert_eq!(harness.state().document.network.shown_by.label, None);
    assert!(!harness.state().document.is_dirty());
    send(&mut harness, Command::Redo);
    assert_eq!(label(&harness).as_deref(), Some("1130101"));
}
