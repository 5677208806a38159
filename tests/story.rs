//! Telling a story in the window: three steps made in the Story window from what the map
//! shows, played (→ shows step 2's caption and highlights, a highlighted tie still shows
//! its evidence, the keys wait while typing, Esc leaves), a caption's edit, a move and a
//! deletion each undone by Ctrl+Z, a step retaken, and undoing while the story plays.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use powermap::app::{Command, Emphasis, PowermapApp, Selection};
use powermap::network::index::TieIx;

use common::{click_at, entity_index, send, tie_index};

/// The app on the embedded network without its own story, for stories made from nothing.
fn harness() -> Harness<'static, PowermapApp> {
    let mut harness = common::harness();
    harness.state_mut().document.network.story.clear();
    harness.run_steps(2);
    harness
}

const MEETING: &str = "lee-musk-2023-meeting";
const CONTRACT: &str = "samsung-electronics-tesla-ai6-contract";
/// An undated tie no step highlights.
const ROLE: &str = "elon-musk-ceo-tesla";

/// Replaces the text of the caption field with this accessible name, and leaves it.
fn write_caption(harness: &mut Harness<'static, PowermapApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(1);
    leave_field(harness);
}

/// Clicks beside the field being typed in (on the Story window's hint), which keeps its
/// text: a caption has several lines, so Enter starts a new one.
fn leave_field(harness: &mut Harness<'static, PowermapApp>) {
    harness
        .get_by_label_contains("A caption keeps its text")
        .click();
    harness.run_steps(3);
    assert!(!harness.ctx.egui_wants_keyboard_input(), "still typing");
}

/// The timeline step of a date the open network's ties have.
fn timeline_step(app: &PowermapApp, date: &str) -> usize {
    (app.document.explore.steps.iter())
        .position(|step| step.date.to_string() == date)
        .unwrap_or_else(|| panic!("no tie is dated {date}"))
}

/// How the lines of a tie are drawn, all alike.
fn tie_look(harness: &Harness<'static, PowermapApp>, tie: TieIx) -> Emphasis {
    let looks = harness.state().document.view.tie_emphases(tie);
    assert!(!looks.is_empty(), "the tie is drawn");
    assert!(looks.iter().all(|look| *look == looks[0]), "{looks:?}");
    looks[0]
}

fn captions_en(app: &PowermapApp) -> Vec<String> {
    (app.document.network.story.iter())
        .map(|step| step.caption.get("en").unwrap_or_default().to_owned())
        .collect()
}

/// Makes the three steps through the Story window: the 2023 meeting of Lee and Musk as of
/// its date, the Tesla contract as of its month, and Lee with all his ties, every date.
fn make_a_story(harness: &mut Harness<'static, PowermapApp>) {
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Story…").click();
    harness.run_steps(3);
    harness.get_by_label_contains("No steps yet");

    let meeting = tie_index(harness.state(), MEETING);
    send(harness, Command::Select(Selection::Tie(meeting)));
    let in_2023 = timeline_step(harness.state(), "2023");
    send(harness, Command::SetTimeline(Some(in_2023)));
    harness.get_by_label("Add step").click();
    harness.run_steps(3);
    // The new step's caption (in the labels' language, Korean here) is ready to type over.
    assert!(harness.get_by_label("step 1 caption (ko)").is_focused());
    harness
        .get_by_label("step 1 caption (ko)")
        .type_text("이재용, 머스크를 만나다");
    harness.run_steps(1);
    leave_field(harness);
    write_caption(harness, "step 1 caption (en)", "Lee meets Musk");

    let contract = tie_index(harness.state(), CONTRACT);
    send(harness, Command::Select(Selection::Tie(contract)));
    let july = timeline_step(harness.state(), "2025-07");
    send(harness, Command::SetTimeline(Some(july)));
    harness.get_by_label("Add step").click();
    harness.run_steps(3);
    write_caption(harness, "step 2 caption (ko)", "삼성전자, 테슬라와 계약");
    write_caption(harness, "step 2 caption (en)", "Samsung signs with Tesla");

    let lee = entity_index(harness.state(), "lee-jae-yong");
    send(harness, Command::Select(Selection::Entity(lee)));
    send(harness, Command::SetTimeline(None));
    harness.get_by_label("Add step").click();
    harness.run_steps(3);
    write_caption(harness, "step 3 caption (en)", "Lee, at the centre");
}

#[test]
fn a_story_made_in_the_window_holds_what_the_map_showed() {
    let mut harness = harness();
    make_a_story(&mut harness);
    let app = harness.state();
    let story = &app.document.network.story;
    assert_eq!(story.len(), 3, "{story:#?}");
    assert_eq!(
        captions_en(app),
        [
            "Lee meets Musk",
            "Samsung signs with Tesla",
            "Lee, at the centre"
        ]
    );
    assert_eq!(&story[0].caption["ko"], "이재용, 머스크를 만나다");
    assert_eq!(story[0].ties, [MEETING]);
    assert!(story[0].entities.is_empty());
    assert_eq!(
        story[0].date.map(|d| d.to_string()).as_deref(),
        Some("2023")
    );
    assert_eq!(story[1].ties, [CONTRACT]);
    assert_eq!(
        story[1].date.map(|d| d.to_string()).as_deref(),
        Some("2025-07")
    );
    assert_eq!(story[2].entities, ["lee-jae-yong"]);
    let lee = entity_index(app, "lee-jae-yong");
    assert_eq!(
        story[2].ties.len(),
        app.document.index.ties_of(lee).len(),
        "every date shows, so all of Lee's ties"
    );
    assert_eq!(story[2].date, None);
    assert!(
        story
            .iter()
            .all(|step| step.view.is_some_and(|v| v.zoom > 0.0))
    );
    // The caption without a Korean text yet started as Lee's name.
    assert_eq!(&story[2].caption["ko"], "이재용");
    // Each step was one step of the history.
    assert_eq!(
        harness.state().document.history.undo_name(),
        Some("change the caption of step 3")
    );
}

#[test]
fn the_story_plays_step_by_step_and_esc_leaves_it() {
    let mut harness = harness();
    make_a_story(&mut harness);
    let (meeting, contract, role) = {
        let app = harness.state();
        (
            tie_index(app, MEETING),
            tie_index(app, CONTRACT),
            tie_index(app, ROLE),
        )
    };
    send(&mut harness, Command::ClearSelection);
    let before = harness.state().document.explore.timeline();
    assert_eq!(before, None);

    harness.get_by_label("Play story").click();
    harness.run_steps(4);
    harness.get_by_label("Story · step 1 of 3");
    harness.get_by_label("이재용, 머스크를 만나다");
    harness.get_by_label("Lee meets Musk");
    harness.get_by_label("The map as of 2023");
    assert!(
        harness.query_by_label("step 1 caption (en)").is_none(),
        "the Story window is put away while the story plays"
    );
    assert_eq!(tie_look(&harness, meeting), Emphasis::Selected);
    assert_eq!(tie_look(&harness, role), Emphasis::Faded);
    assert_eq!(
        tie_look(&harness, contract),
        Emphasis::Hidden,
        "the contract of 2025 is not there yet in 2023"
    );
    let timeline = |harness: &Harness<'static, PowermapApp>| {
        (harness.state().document.explore.timeline()).map(|position| position.step)
    };
    assert_eq!(
        timeline(&harness),
        Some(timeline_step(harness.state(), "2023"))
    );

    harness.key_press(Key::ArrowRight);
    harness.run_steps(4);
    harness.get_by_label("Story · step 2 of 3");
    harness.get_by_label("Samsung signs with Tesla");
    assert!(harness.query_by_label("Lee meets Musk").is_none());
    assert_eq!(tie_look(&harness, contract), Emphasis::Selected);
    assert_eq!(tie_look(&harness, meeting), Emphasis::Faded);
    assert_eq!(
        timeline(&harness),
        Some(timeline_step(harness.state(), "2025-07"))
    );
    // The view is the one the step was made with.
    let view = harness.state().document.network.story[1]
        .view
        .expect("a view");
    let (_, zoom) = harness.state().document.view.view();
    assert!(
        (f64::from(zoom) - view.zoom).abs() < 1e-3,
        "{zoom} against {}",
        view.zoom
    );

    // A highlighted tie, clicked, shows its evidence as always; the step stays.
    let pos = (harness.state().document.view)
        .tie_screen_pos(contract)
        .expect("drawn");
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selection, Some(Selection::Tie(contract)));
    harness.get_by_label_contains("16,500,000,000 USD (165억달러)");
    harness.get_by_label_contains("테슬라 측이 밝힌 계약 규모는 총 165억달러에 달한다.");
    harness.get_by_label("Story · step 2 of 3");

    // While typing in a field, the arrows are the field's.
    send(&mut harness, Command::FocusSearch);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(3);
    harness.get_by_label("Story · step 2 of 3");
    // Esc first leaves the field, then the story.
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    harness.get_by_label("Story · step 2 of 3");

    harness.key_press(Key::ArrowLeft);
    harness.run_steps(4);
    harness.get_by_label("Story · step 1 of 3");
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(3);
    harness.get_by_label("Story · step 1 of 3");

    harness.key_press(Key::Escape);
    harness.run_steps(4);
    assert!(harness.state().presenting.is_none());
    // The caption box goes and the map widens about the same middle: step 1's.
    let step_1 = harness.state().document.network.story[0]
        .view
        .expect("a view");
    let ([x, y], _) = harness.state().document.view.view();
    assert!(
        (f64::from(x) - step_1.x).abs() < 0.5 && (f64::from(y) - step_1.y).abs() < 0.5,
        "the map looks at ({x}, {y}), step 1 at ({}, {})",
        step_1.x,
        step_1.y
    );
    assert!(harness.query_by_label_contains("Story · step").is_none());
    assert_eq!(
        harness.state().document.explore.timeline(),
        before,
        "the timeline is back where it was"
    );
    assert_eq!(tie_look(&harness, meeting), Emphasis::Normal);
    assert_eq!(tie_look(&harness, contract), Emphasis::Normal);
    harness.get_by_label("step 1 caption (en)");
}

#[test]
fn a_caption_a_move_and_a_deletion_each_undo_and_a_step_is_retaken() {
    let mut harness = harness();
    make_a_story(&mut harness);
    write_caption(&mut harness, "step 2 caption (en)", "A contract");
    assert_eq!(captions_en(harness.state())[1], "A contract");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        captions_en(harness.state())[1],
        "Samsung signs with Tesla",
        "Ctrl+Z brings the old caption back"
    );
    harness.get(
        By::new()
            .label("step 2 caption (en)")
            .value("Samsung signs with Tesla"),
    );

    harness.get_by_label("move down step 1").click();
    harness.run_steps(3);
    assert_eq!(
        captions_en(harness.state()),
        [
            "Samsung signs with Tesla",
            "Lee meets Musk",
            "Lee, at the centre"
        ]
    );
    harness.get_by_label("delete step 3").click();
    harness.run_steps(3);
    assert_eq!(captions_en(harness.state()).len(), 2);
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(3);
    }
    assert_eq!(
        captions_en(harness.state()),
        [
            "Lee meets Musk",
            "Samsung signs with Tesla",
            "Lee, at the centre"
        ]
    );
    assert!(
        (harness.get_by_label("move up step 1").accesskit_node()).is_disabled(),
        "the first step cannot move up"
    );

    // Retake: step 3 highlights the tie selected now; its caption stays.
    let role = tie_index(harness.state(), ROLE);
    send(&mut harness, Command::Select(Selection::Tie(role)));
    harness.get_by_label("retake step 3").click();
    harness.run_steps(3);
    let retaken = &harness.state().document.network.story[2];
    assert_eq!(retaken.ties, [ROLE]);
    assert!(retaken.entities.is_empty());
    assert_eq!(&retaken.caption["en"], "Lee, at the centre");
}

#[test]
fn undoing_while_the_story_plays_keeps_a_step_on_show() {
    let mut harness = harness();
    make_a_story(&mut harness);
    send(&mut harness, Command::ShowStoryStep(2));
    harness.get_by_label("Story · step 3 of 3");
    // The caption of step 3 undone while step 2 shows: step 2 shows on, as of its date.
    send(&mut harness, Command::ShowStoryStep(1));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    harness.get_by_label("Story · step 2 of 3");
    let july = timeline_step(harness.state(), "2025-07");
    let timeline = |harness: &Harness<'static, PowermapApp>| {
        (harness.state().document.explore.timeline()).map(|position| position.step)
    };
    assert_eq!(timeline(&harness), Some(july), "step 2's date still");
    // Step 3 itself undone while it shows: step 2 shows.
    send(&mut harness, Command::ShowStoryStep(2));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().document.network.story.len(), 2);
    harness.get_by_label("Story · step 2 of 2");
    harness.get_by_label("Samsung signs with Tesla");
    let july = timeline_step(harness.state(), "2025-07");
    let timeline = harness.state().document.explore.timeline();
    assert_eq!(
        timeline.map(|position| position.step),
        Some(july),
        "step 2's date"
    );
    // Everything undone, the story ends.
    while harness.state().document.history.undo_name().is_some() {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(2);
    }
    assert!(harness.state().document.network.story.is_empty());
    assert!(harness.state().presenting.is_none());
    assert!(harness.query_by_label_contains("Story · step").is_none());
}
