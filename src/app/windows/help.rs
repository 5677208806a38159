//! Help ▸ Keyboard shortcuts, listed from the commands themselves with what the mouse
//! does on the map and the keys of a playing story, and Help ▸ About: the version and the
//! licences.

use crate::app::command::Command;

/// What the mouse does on the map, which no command lists.
const MOUSE: [(&str, &str); 7] = [
    (
        "Click a line",
        "the tie's evidence: quote, outlet, date, link",
    ),
    (
        "Click a person or organisation",
        "who they are and all of their ties",
    ),
    ("Drag a node", "moves it and pins it there (Ctrl+Z undoes)"),
    (
        "Shift-drag from one node to another",
        "ties the two by a new meeting",
    ),
    ("Double-click the background", "adds an entity there"),
    ("Mouse wheel", "zooms about the pointer"),
    ("Drag the background", "pans the map"),
];

/// The Keyboard shortcuts window, until closed.
pub fn shortcuts_window_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .id(egui::Id::new("keyboard-shortcuts"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts-grid")
                .num_columns(2)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for command in Command::with_shortcuts() {
                        if let Some(shortcut) = command.shortcut() {
                            ui.strong(ctx.format_shortcut(&shortcut));
                            ui.label(command.text()).on_hover_text(command.tooltip());
                            ui.end_row();
                        }
                    }
                    let redo_y =
                        egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
                    ui.strong(ctx.format_shortcut(&redo_y));
                    ui.label(Command::Redo.text());
                    ui.end_row();
                });
            ui.add_space(8.0);
            ui.strong("On the map");
            egui::Grid::new("mouse-grid")
                .num_columns(2)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for (gesture, effect) in MOUSE {
                        ui.label(gesture);
                        ui.label(effect);
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.strong("While a story plays");
            egui::Grid::new("story-keys-grid")
                .num_columns(2)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for command in Command::while_story_plays() {
                        if let Some(shortcut) = command.shortcut() {
                            ui.strong(ctx.format_shortcut(&shortcut));
                            ui.label(command.text()).on_hover_text(command.tooltip());
                            ui.end_row();
                        }
                    }
                });
        });
    if !open {
        commands.push(Command::ToggleShortcuts);
    }
}

/// The About window, until closed: what powermap is, its version, and the licences of the
/// app and of the fonts it bundles.
pub fn about_window_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("About powermap")
        .id(egui::Id::new("about"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.heading(format!("powermap {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.add_space(8.0);
            ui.strong("Licences");
            ui.label(format!(
                "powermap: {} (LICENSE-MIT, LICENSE-APACHE).",
                env!("CARGO_PKG_LICENSE").replace(" OR ", " or ")
            ));
            ui.label(
                "NanumGothic, the Hangul font: © 2010 NAVER Corporation, \
                 SIL Open Font License 1.1 (assets/fonts/OFL.txt).",
            );
            ui.label(
                "Ubuntu Light, for Latin letters, as egui bundles it: \
                 Ubuntu Font Licence 1.0.",
            );
            egui::CollapsingHeader::new("SIL Open Font License 1.1")
                .id_salt("ofl-text")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(240.0)
                        .show(ui, |ui| {
                            ui.label(
                                egui::RichText::new(crate::scene::fonts::FONT_LICENCE).small(),
                            );
                        });
                });
        });
    if !open {
        commands.push(Command::ToggleAbout);
    }
}
