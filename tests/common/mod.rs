//! Helpers shared by the integration tests: the egui_kittest harness and index lookups for
//! the window tests, running the `powermap` binary for the command-line ones, and the
//! fixtures the import tests open.

// Each test crate uses some of these helpers, not all.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

use powermap::app::{Command, PowermapApp};
use powermap::interop::{Imported, import_file};
use powermap::network::index::{EntityIx, TieIx};

/// The app with the embedded network in a 1400×900 window, a few frames in. It keeps no
/// recovery copies: the tests must not write into, or find work in, the user's own data
/// directory.
pub fn harness() -> Harness<'static, PowermapApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(|cc| PowermapApp::with_recovery_dir(cc, None, None));
    // egui_graphs repaints every frame, so step a fixed number of frames.
    harness.run_steps(5);
    harness
}

/// Runs a command as the window would (from a menu, a shortcut or a click), and the few
/// frames that show its effect.
pub fn send(harness: &mut Harness<'static, PowermapApp>, command: Command) {
    harness.state_mut().command(command);
    harness.run_steps(3);
}

/// Steps frames in real time until a label containing `text` shows, as a person waits
/// for a file opening in the background; fails after about twelve seconds.
pub fn wait_for_label(harness: &mut Harness<'static, PowermapApp>, text: &str) {
    for _ in 0..600 {
        harness.run_steps(1);
        if harness.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{text:?} never showed");
}

/// The open network's tie with this id.
pub fn tie_index(app: &PowermapApp, id: &str) -> TieIx {
    app.document
        .index
        .tie_ix(id)
        .unwrap_or_else(|| panic!("no tie {id}"))
}

/// The open network's entity with this id.
pub fn entity_index(app: &PowermapApp, id: &str) -> EntityIx {
    app.document
        .index
        .entity_ix(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The `powermap` binary, ready for its arguments.
pub fn powermap_command() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_powermap"))
}

/// Runs a command that must succeed; returns what it printed.
pub fn succeeds(command: &mut std::process::Command) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A file dropped on the window, as the windowing backend hands it over.
#[derive(Debug)]
pub struct DroppedPath(pub std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|err| err.to_string())
    }
}

/// A click of the primary button at `pos`, hovered first, as a person clicks.
pub fn click_at(harness: &mut Harness<'static, PowermapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

/// The file `name` in `tests/fixtures/<folder>`.
pub fn fixture_in(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
}

/// The file `name` in `tests/fixtures/<folder>`, imported; a file that does not open fails
/// the test, naming it and saying why.
pub fn import_fixture(folder: &str, name: &str) -> Imported {
    import_file(&fixture_in(folder, name)).unwrap_or_else(|err| panic!("{name} opens: {err}"))
}
