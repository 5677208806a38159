//! The caption box while a story plays: a panel on the left of the map, so that it never
//! covers what the step highlights, with the step's number, its caption (in the labels'
//! language, then the other), its date, and the buttons that step and leave.

use crate::app::AppStateRef;
use crate::app::command::Command;
use crate::app::story::Presentation;
use crate::network::model::localized;

pub fn story_caption_ui(
    ui: &mut egui::Ui,
    app: &AppStateRef<'_>,
    presentation: Presentation,
    commands: &mut Vec<Command>,
) {
    let story = &app.document.network.story;
    let Some(step) = story.get(presentation.step) else {
        return;
    };
    let number = presentation.step + 1;
    egui::Panel::left("story-caption")
        .resizable(true)
        .default_size(320.0)
        .min_size(220.0)
        .show(ui, |ui| {
            ui.add_space(10.0);
            ui.label(
                egui::RichText::new(format!("Story · step {number} of {}", story.len())).weak(),
            );
            ui.add_space(8.0);
            let language = app.language.code();
            let caption = localized(&step.caption, language).unwrap_or_default();
            ui.label(egui::RichText::new(caption).size(20.0).strong());
            // The caption in the other language, when it has one.
            let other = step
                .caption
                .iter()
                .find(|&(code, text)| code != language && text != caption);
            if let Some((_, text)) = other {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(text).weak());
            }
            if let Some(date) = step.date {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(format!("The map as of {date}")).monospace());
            }
            ui.add_space(14.0);
            ui.horizontal(|ui| {
                let back = Command::PreviousStoryStep;
                let first = presentation.step == 0;
                if ui
                    .add_enabled(!first, egui::Button::new("◀ Back"))
                    .on_hover_text(back.tooltip())
                    .clicked()
                {
                    commands.push(back);
                }
                let next = Command::NextStoryStep;
                let last = number == story.len();
                if ui
                    .add_enabled(!last, egui::Button::new("Next ▶"))
                    .on_hover_text(next.tooltip())
                    .clicked()
                {
                    commands.push(next);
                }
            });
            ui.add_space(6.0);
            let leave = Command::LeaveStory;
            if ui
                .button(leave.text())
                .on_hover_text(leave.tooltip())
                .clicked()
            {
                commands.push(leave);
            }
            ui.add_space(10.0);
            ui.label(
                egui::RichText::new(
                    "The arrow keys step, Esc leaves. Click a highlighted line to read its \
                     evidence.",
                )
                .small()
                .weak(),
            );
        });
}
