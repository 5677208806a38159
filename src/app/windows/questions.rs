//! The questions that keep work from being lost: save unsaved changes before going on,
//! restore the work a crashed run left, delete an entity with the ties that go with it.

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::recovery::RecoveredWork;
use crate::app::selection::LabelLanguage;
use crate::edit::ops::delete_entity;
use crate::network::diagnostic::count_text;
use crate::network::index::EntityIx;

/// Buttons in a row; the answer is the command of the one clicked.
fn answers_ui(ui: &mut egui::Ui, answers: &[(&str, Command)]) -> Option<Command> {
    let mut answer = None;
    ui.horizontal(|ui| {
        for (text, command) in answers {
            if ui.button(*text).clicked() {
                answer = Some(command.clone());
            }
        }
    });
    answer
}

/// "Save the changes to …?" before opening, starting anew or quitting drops them.
pub fn unsaved_question_ui(
    ctx: &egui::Context,
    document: &Document,
    then: &Command,
) -> Option<Command> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("unsaved-question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Save the changes to {}?", document.name));
        ui.add_space(4.0);
        let going_on = match then {
            Command::Quit => "closing the window",
            Command::NewMapDialog => "starting a new map",
            _ => "opening another network",
        };
        ui.label(format!(
            "The map has changes that are not saved. They are lost on {going_on} unless you \
             save them."
        ));
        if let Some(step) = document.history.undo_name() {
            ui.label(egui::RichText::new(format!("Last change: {step}")).weak());
        }
        ui.add_space(8.0);
        answer = answers_ui(
            ui,
            &[
                ("Save", Command::SaveThenContinue),
                ("Discard", Command::DiscardThenContinue),
                ("Cancel", Command::CancelUnsaved),
            ],
        );
    });
    answer.or_else(|| modal.should_close().then_some(Command::CancelUnsaved))
}

/// "Restore unsaved work?" at start, when a run ended with changes unsaved.
pub fn recovery_offer_ui(ctx: &egui::Context, work: &RecoveredWork) -> Option<Command> {
    let mut answer = None;
    egui::Modal::new(egui::Id::new("recovery-offer")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Restore unsaved work?");
        ui.add_space(4.0);
        let title = match work.network.title.as_str() {
            "" => work.name.clone(),
            title => format!("{title} ({})", work.name),
        };
        ui.label(format!(
            "powermap did not close normally last time. A copy of unsaved work on {title} \
             was kept: {} and {}.",
            count_text(work.network.entities.len(), "entity", "entities"),
            count_text(work.network.ties.len(), "tie", "ties"),
        ));
        if let Some(file) = &work.file {
            ui.label(format!("It belongs to {}.", file.display()));
        }
        ui.add_space(8.0);
        answer = answers_ui(
            ui,
            &[
                ("Restore", Command::RestoreRecovery),
                ("Discard", Command::DiscardRecovery),
            ],
        );
    });
    answer
}

/// "Delete …?" naming the ties that go with the entity and those that only lose it.
pub fn confirm_delete_ui(
    ctx: &egui::Context,
    document: &Document,
    entity: EntityIx,
    language: LabelLanguage,
) -> Option<Command> {
    let network = &document.network;
    if entity.index() >= network.entities.len() {
        return Some(Command::CancelDelete);
    }
    let deletion = delete_entity(network, entity.index());
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("confirm-delete")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        let name = network[entity].display_name(language.code());
        ui.heading(format!("Delete {name}?"));
        ui.add_space(4.0);
        let describe = |id: &String| {
            let tie = document.index.tie_ix(id).map(|t| &network[t]);
            tie.map_or_else(
                || id.clone(),
                |tie| {
                    let others: Vec<&str> = (tie.participants.iter())
                        .filter(|p| **p != network[entity].id)
                        .filter_map(|p| document.index.entity_ix(p))
                        .map(|e| network[e].display_name(language.code()))
                        .collect();
                    let date = tie.date.map(|d| format!(", {d}")).unwrap_or_default();
                    let others = if others.is_empty() {
                        "itself".to_owned()
                    } else {
                        others.join(", ")
                    };
                    format!("{} with {others}{date}", tie.kind)
                },
            )
        };
        if deletion.ties_removed.is_empty() {
            ui.label("No tie goes with it.");
        } else {
            ui.label(format!(
                "{} with it:",
                count_text(deletion.ties_removed.len(), "tie goes", "ties go")
            ));
            egui::ScrollArea::vertical()
                .max_height(200.0)
                .show(ui, |ui| {
                    for id in &deletion.ties_removed {
                        ui.label(format!("• {}", describe(id)));
                    }
                });
        }
        if !deletion.ties_shrunk.is_empty() {
            ui.label(format!(
                "{} without it.",
                count_text(
                    deletion.ties_shrunk.len(),
                    "tie of several stays",
                    "ties of several stay"
                )
            ));
        }
        ui.label(egui::RichText::new("Ctrl+Z (Edit, Undo) brings it all back.").weak());
        ui.add_space(8.0);
        answer = answers_ui(
            ui,
            &[
                ("Delete", Command::DeleteEntity(entity)),
                ("Cancel", Command::CancelDelete),
            ],
        );
    });
    answer.or_else(|| modal.should_close().then_some(Command::CancelDelete))
}
