//! Merging: the merge dialog, which shows where two entities disagree and lets the person
//! choose each side; Edit ▸ Possible duplicates, which lists the pairs that may be one;
//! and the report of File ▸ Merge another map.

use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::selection::LabelLanguage;
use crate::edit::duplicates::possible_duplicates;
use crate::edit::merge::{Choice, conflicts};
use crate::network::diagnostic::count_text;
use crate::network::index::EntityIx;

/// The merge of `merged` into `kept`: what each is, what the merge keeps, and a choice
/// for each conflict.
pub fn merge_dialog_ui(
    ctx: &egui::Context,
    document: &Document,
    (kept, merged): (EntityIx, EntityIx),
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    let network = &document.network;
    let count = network.entities.len();
    if kept.index() >= count || merged.index() >= count {
        commands.push(Command::CloseMerge);
        return;
    }
    let (a, b) = (&network[kept], &network[merged]);
    let found = conflicts(a, b);
    let id = egui::Id::new(("merge-choices", &a.id, &b.id));
    let mut choices: Vec<Choice> = ctx
        .data_mut(|data| data.get_temp(id))
        .unwrap_or_else(|| vec![Choice::Kept; found.len()]);
    choices.resize(found.len(), Choice::Kept);
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("merge-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        let name = |e: EntityIx| network[e].display_name(language.code());
        ui.heading(format!("Merge {} into {}?", name(merged), name(kept)));
        ui.add_space(4.0);
        let ties = document.index.ties_of(merged).len();
        ui.label(format!(
            "{} ({}) goes; its {} move to {} ({}). Names, aliases, attributes and evidence \
             are combined.",
            name(merged),
            b.id,
            count_text(ties, "tie", "ties"),
            name(kept),
            a.id
        ));
        // Ties that join only the two join the entity to itself after the merge.
        let between = (document.index.ties_of(merged).iter())
            .filter(|&&tie| {
                let ends = document.index.participants(tie);
                ends.contains(&kept) && ends.iter().all(|&end| end == kept || end == merged)
            })
            .count();
        if between > 0 {
            ui.label(format!(
                "{} between the two will join {} to itself, as a loop on the map, with its \
                 evidence; delete it afterwards if it only said they are one.",
                count_text(between, "tie", "ties"),
                name(kept)
            ));
        }
        ui.add_space(6.0);
        if found.is_empty() {
            ui.label("They do not disagree on anything.");
        } else {
            ui.strong(format!(
                "They disagree on {}: choose what the merged entity says",
                count_text(found.len(), "field", "fields")
            ));
            egui::Grid::new("merge-conflicts")
                .num_columns(3)
                .striped(true)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    for (conflict, choice) in found.iter().zip(&mut choices) {
                        ui.label(&conflict.field);
                        ui.radio_value(choice, Choice::Kept, &conflict.kept);
                        ui.radio_value(choice, Choice::Merged, &conflict.merged);
                        ui.end_row();
                    }
                });
            ui.label(
                egui::RichText::new("A name not chosen stays as an alias.")
                    .small()
                    .weak(),
            );
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() {
                answer = Some(Command::Merge {
                    kept,
                    merged,
                    choices: choices.clone(),
                });
            }
            if ui
                .button("Swap")
                .on_hover_text("Keep the other one's id instead")
                .clicked()
            {
                answer = Some(Command::ShowMerge {
                    kept: merged,
                    merged: kept,
                });
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::CloseMerge);
            }
        });
    });
    let answer = answer.or_else(|| modal.should_close().then_some(Command::CloseMerge));
    ctx.data_mut(|data| match answer {
        Some(_) => data.remove::<Vec<Choice>>(id),
        None => {
            data.insert_temp(id, choices);
        }
    });
    commands.extend(answer);
}

/// Edit ▸ Possible duplicates: each pair that may be one, why, and a Merge button.
pub fn duplicates_window_ui(
    ctx: &egui::Context,
    document: &Document,
    language: LabelLanguage,
    commands: &mut Vec<Command>,
) {
    // Worked out once per version of the network.
    let cache = egui::Id::new(("possible-duplicates", document.id()));
    let candidates = ctx.data_mut(|data| {
        data.get_temp_mut_or_insert_with(cache, || {
            std::sync::Arc::new(possible_duplicates(&document.network))
        })
        .clone()
    });
    let mut open = true;
    egui::Window::new("Possible duplicates")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            if candidates.is_empty() {
                ui.label("No two entities look like one.");
                return;
            }
            ui.label(format!(
                "{} that may be one entity",
                count_text(candidates.len(), "pair", "pairs")
            ));
            egui::ScrollArea::vertical()
                .max_height(400.0)
                .show(ui, |ui| {
                    egui::Grid::new("duplicates")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            for candidate in candidates.iter() {
                                let (Some(first), Some(second)) = (
                                    document.network.entities.get(candidate.first),
                                    document.network.entities.get(candidate.second),
                                ) else {
                                    continue;
                                };
                                let (Some(a), Some(b)) = (
                                    document.index.entity_ix(&first.id),
                                    document.index.entity_ix(&second.id),
                                ) else {
                                    continue;
                                };
                                ui.label(format!(
                                    "{} ({}) · {} ({})",
                                    first.display_name(language.code()),
                                    first.id,
                                    second.display_name(language.code()),
                                    second.id
                                ));
                                ui.label(egui::RichText::new(&candidate.reason).small());
                                if ui.button("Merge…").clicked() {
                                    commands.push(Command::ShowMerge { kept: a, merged: b });
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        commands.push(Command::TogglePossibleDuplicates);
    }
}

/// What merging another map matched, added and found in conflict.
pub fn merge_report_ui(
    ctx: &egui::Context,
    (file, report): &(String, String),
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new(format!("Merged {file}"))
        .id(egui::Id::new("merge-report"))
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Entities were matched by id, then by name or alias; Ctrl+Z (Edit, Undo) takes the merge back.");
            ui.add_space(4.0);
            egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(report).monospace()).wrap());
            });
        });
    if !open {
        commands.push(Command::CloseMergeReport);
    }
}
