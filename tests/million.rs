//! The window at a million entities, headless: how long the frames take that answer a
//! pan, a zoom, a search and a click on an entity, each asked to answer within 100 ms.
//! Ignored by default, as it opens a generated network of 1M entities and 2M ties from a
//! Gephi edge table (laying it out takes about a minute); run it in release:
//!
//! ```sh
//! cargo test --release --test million -- --ignored --nocapture
//! ```
//!
//! The frames are egui's run of the whole window and the map's own tessellation; no GPU
//! draws them here. See docs/performance.md.

use std::fmt::Write;
use std::time::{Duration, Instant};

use egui::{Event, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::app::{Command, PowermapApp, Selection};
use powermap::network::generate::preferential_attachment;
use powermap::network::save::{Overwrite, write_atomically};

mod common;
use common::harness;

/// The longest a frame that answers the person may take.
const ANSWER: Duration = Duration::from_millis(100);

/// Runs `frames` frames, each timed; returns the longest.
fn slowest_frame(harness: &mut Harness<'static, PowermapApp>, frames: usize) -> Duration {
    (0..frames)
        .map(|_| {
            let start = Instant::now();
            harness.run_steps(1);
            start.elapsed()
        })
        .max()
        .unwrap_or_default()
}

#[test]
#[ignore = "minutes: opens a network of a million entities"]
#[allow(clippy::print_stderr, reason = "the figures are what this test is for")]
fn a_million_entities_answer_pan_zoom_search_and_click_within_100_ms() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("million.csv");
    let mut table = String::from("Source,Target\n");
    for link in preferential_attachment(1_000_000, 2_000_000, 1) {
        writeln!(table, "e{},e{}", link.a, link.b).expect("writes");
    }
    write_atomically(&path, table.as_bytes(), Overwrite::Refuse).expect("writes");

    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    let opened = Instant::now();
    while harness.state().document.network.entities.len() < 1_000_000 {
        assert!(opened.elapsed() < Duration::from_secs(900), "never opened");
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("opened in {:.1} s", opened.elapsed().as_secs_f32());
    // The window refines the layout live; pause it, as the map then rests.
    if harness.state().document.view.layout_moving() == Some(true) {
        harness.state_mut().command(Command::ToggleLayout);
    }
    let first = slowest_frame(&mut harness, 5);
    eprintln!("first frames, the summed picture made: {first:?}");
    // A frame of nothing but the pointer moving over the map.
    let centre = harness.state().document.view.screen_rect().center();
    let mut idle = Duration::ZERO;
    for step in 0..5 {
        harness.hover_at(centre + egui::vec2(step as f32, 0.0));
        idle = idle.max(slowest_frame(&mut harness, 1));
    }
    eprintln!("pointer moving: slowest frame {idle:?}");

    harness.hover_at(centre);
    harness.run_steps(2);
    // Pan: drag the map 200 points, in ten moves.
    harness.event(Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    let mut pan = slowest_frame(&mut harness, 1);
    for step in 1..=10 {
        harness.hover_at(centre + egui::vec2(20.0 * step as f32, 0.0));
        pan = pan.max(slowest_frame(&mut harness, 1));
    }
    harness.event(Event::PointerButton {
        pos: centre + egui::vec2(200.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    pan = pan.max(slowest_frame(&mut harness, 2));
    eprintln!("pan: slowest frame {pan:?}");
    assert!(
        !harness.state().document.is_dirty(),
        "the drag panned, moving no entity"
    );

    // Zoom: three notches of the wheel, in, each a new zoom level of the summed picture.
    let mut zoom = Duration::ZERO;
    for _ in 0..3 {
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 150.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
        });
        zoom = zoom.max(slowest_frame(&mut harness, 4));
    }
    eprintln!("zoom: slowest frame {zoom:?}");
    // Once the view holds still, the summed picture is made again at the new zoom.
    let remade = slowest_frame(&mut harness, 30);
    eprintln!("the summed picture made again, 0.25 s after: {remade:?}");

    // Search: the frame in which the typed name's matches are found.
    harness.state_mut().command(Command::FocusSearch);
    harness.run_steps(2);
    harness.event(Event::Text("e999999".to_owned()));
    let search = slowest_frame(&mut harness, 2);
    harness.get_by_label_contains("e999999");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    eprintln!("search: slowest frame {search:?}");

    // Click an entity on the map: the frames until its panel shows.
    let view = &harness.state().document.view;
    let rect = view.screen_rect().shrink(100.0);
    let entity = (harness.state().document.index.entities())
        .find(|&entity| {
            view.entity_screen_pos(entity)
                .is_some_and(|at| rect.contains(at))
        })
        .expect("an entity in view");
    let at: Pos2 = view.entity_screen_pos(entity).expect("drawn");
    harness.hover_at(at);
    harness.run_steps(2);
    let mut click = Duration::ZERO;
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        click = click.max(slowest_frame(&mut harness, 1));
    }
    click = click.max(slowest_frame(&mut harness, 2));
    assert_eq!(harness.state().selection, Some(Selection::Entity(entity)));
    eprintln!("click: slowest frame {click:?}");
    let faded = slowest_frame(&mut harness, 30);
    eprintln!("the summed picture made again, the rest faded: {faded:?}");
    // The first entity shown computes every entity's degree for the panel's ranks; the
    // next one answers from them.
    let view = &harness.state().document.view;
    let other = (harness.state().document.index.entities())
        .filter(|&other| other != entity)
        .find(|&other| {
            view.entity_screen_pos(other)
                .is_some_and(|at| rect.contains(at))
        })
        .expect("another entity in view");
    let at = view.entity_screen_pos(other).expect("drawn");
    harness.hover_at(at);
    harness.run_steps(2);
    let mut click_again = Duration::ZERO;
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        click_again = click_again.max(slowest_frame(&mut harness, 1));
    }
    click_again = click_again.max(slowest_frame(&mut harness, 2));
    assert_eq!(harness.state().selection, Some(Selection::Entity(other)));
    eprintln!("click on another entity: slowest frame {click_again:?}");

    for (what, took) in [
        ("pan", pan),
        ("zoom", zoom),
        ("search", search),
        ("click", click),
    ] {
        assert!(took <= ANSWER, "{what} took {took:?}, more than {ANSWER:?}");
    }
}
