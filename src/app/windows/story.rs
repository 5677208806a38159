//! The Story window (View ▸ Story…): the map's story as a list of steps, each with its
//! caption in Korean and English edited in place and what it shows (highlights, view,
//! date); Add step, Play, and per step move up or down, play from here, retake from the
//! map, delete. Every change is one [`Command::Edit`], undone by Ctrl+Z.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::panels::editors::fields::{Fields, field_id, name_for_access};
use crate::app::panels::editors::localized_ui;
use crate::app::story::step_from_map;
use crate::edit::ops;
use crate::network::diagnostic::count_text;
use crate::network::model::StoryStep;

/// The item the story's fields belong to, for their ids.
const STORY_ITEM: &str = "story";

/// The name of step `step`'s caption fields: "step 1 caption", read "step 1 caption (en)".
fn caption_field_name(step: usize) -> String {
    format!("step {} caption", step + 1)
}

/// The id of step `step`'s caption field in `language`, for a version of the network.
pub fn caption_field_id(step: usize, language: &str, generation: u64) -> egui::Id {
    let field = format!("{}.{language}", caption_field_name(step));
    field_id(STORY_ITEM, &field, generation)
}

/// The Story window, until closed.
pub fn story_window_ui(ctx: &egui::Context, app: &AppStateRef<'_>, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Story")
        .id(egui::Id::new("story-window"))
        .open(&mut open)
        .default_pos([16.0, 90.0])
        .default_width(440.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            let story = &app.document.network.story;
            ui.horizontal(|ui| {
                let add = Command::AddStoryStep;
                if ui.button(add.text()).on_hover_text(add.tooltip()).clicked() {
                    commands.push(add);
                }
                let play = Command::PlayStory;
                let button = ui.add_enabled(!story.is_empty(), egui::Button::new("▶ Play"));
                name_for_access(ui, button.id, play.text());
                if button.on_hover_text(play.tooltip()).clicked() {
                    commands.push(play);
                }
            });
            ui.label(
                egui::RichText::new(
                    "A caption keeps its text when you leave it; Esc puts it back; Ctrl+Z undoes.",
                )
                .small()
                .weak(),
            );
            ui.separator();
            if story.is_empty() {
                ui.label(
                    "No steps yet. Select an entity or a tie (or trace a path), move the view \
                     and the timeline where the step should show them, then Add step.",
                );
            }
            let mut fields = Fields {
                refusal: app.refusal,
                commands,
                generation: app.document.id(),
                labels: Vec::new(),
            };
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (at, step) in story.iter().enumerate() {
                        step_ui(ui, app, at, step, &mut fields);
                        ui.add_space(4.0);
                    }
                });
        });
    if !open {
        commands.push(Command::ToggleStory);
    }
}

/// One step: its number and what it shows, its caption's fields, and its buttons.
fn step_ui(
    ui: &mut egui::Ui,
    app: &AppStateRef<'_>,
    at: usize,
    step: &StoryStep,
    fields: &mut Fields<'_>,
) {
    let network = &app.document.network;
    let number = at + 1;
    let last = network.story.len() - 1;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.strong(format!("Step {number}"));
            ui.label(egui::RichText::new(shows_text(step)).small().weak());
        });
        let name = caption_field_name(at);
        if let Some((id, text)) = localized_ui(ui, fields, (STORY_ITEM, &name), &step.caption, true)
        {
            let changed = StoryStep {
                caption: text,
                ..step.clone()
            };
            let what = format!("change the caption of step {number}");
            fields.edit(id, what, ops::change_step(at, changed));
        }
        ui.horizontal(|ui| {
            let button = |ui: &mut egui::Ui, enabled: bool, text: &str, name: &str, tip: &str| {
                let response = ui.add_enabled(enabled, egui::Button::new(text).small());
                name_for_access(ui, response.id, &format!("{name} step {number}"));
                response.on_hover_text(tip).clicked()
            };
            let edit = |what: String, edit| Command::Edit {
                what,
                edit,
                field: None,
            };
            if button(ui, at > 0, "Up", "move up", "Tell it one step earlier") {
                let moved = ops::move_step(network, at, at - 1);
                fields
                    .commands
                    .push(edit(format!("move step {number} up"), moved));
            }
            if button(ui, at < last, "Down", "move down", "Tell it one step later") {
                let moved = ops::move_step(network, at, at + 1);
                fields
                    .commands
                    .push(edit(format!("move step {number} down"), moved));
            }
            let tip = "Highlight what is selected now (or the path, or the focus), with this \
                       view and the timeline's date; the caption stays";
            if button(ui, true, "Retake", "retake", tip) {
                let retaken = StoryStep {
                    caption: step.caption.clone(),
                    ..step_from_map(app.document, app.selection)
                };
                let changed = ops::change_step(at, retaken);
                fields
                    .commands
                    .push(edit(format!("retake step {number}"), changed));
            }
            if button(
                ui,
                true,
                "Play from here",
                "play from",
                "Play the story from this step",
            ) {
                fields.commands.push(Command::ShowStoryStep(at));
            }
            if button(
                ui,
                true,
                "Delete",
                "delete",
                "Delete this step (Ctrl+Z brings it back)",
            ) {
                let deleted = ops::delete_step(at);
                fields
                    .commands
                    .push(edit(format!("delete step {number}"), deleted));
            }
        });
    });
}

/// What a step shows, in a few words: "1 entity, 2 ties · a view · as of 2025-10".
fn shows_text(step: &StoryStep) -> String {
    let mut parts = Vec::new();
    parts.push(match (step.entities.len(), step.ties.len()) {
        (0, 0) => "highlights nothing".to_owned(),
        (entities, 0) => count_text(entities, "entity", "entities"),
        (0, ties) => count_text(ties, "tie", "ties"),
        (entities, ties) => format!(
            "{}, {}",
            count_text(entities, "entity", "entities"),
            count_text(ties, "tie", "ties")
        ),
    });
    if step.view.is_some() {
        parts.push("a view".to_owned());
    }
    if let Some(date) = step.date {
        parts.push(format!("as of {date}"));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::model::{LocalizedText, StoryView};

    #[test]
    fn a_step_says_what_it_shows() {
        let mut step = StoryStep::new(LocalizedText::new());
        assert_eq!(shows_text(&step), "highlights nothing");
        step.ties = vec!["t".to_owned(), "u".to_owned()];
        step.view = Some(StoryView {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        });
        assert_eq!(shows_text(&step), "2 ties · a view");
        step.entities = vec!["a".to_owned()];
        step.date = "2025-10".parse().ok();
        assert_eq!(
            shows_text(&step),
            "1 entity, 2 ties · a view · as of 2025-10"
        );
    }
}
