//! File ▸ New: an empty map, with its title and the language its labels are in.

use crate::app::command::Command;
use crate::app::panels::editors::fields::name_for_access;
use crate::app::selection::LabelLanguage;

/// What the dialog holds between frames.
#[derive(Clone, Debug)]
struct Draft {
    title: String,
    language: LabelLanguage,
}

/// The New map dialog; pushes `CreateMap` or `CloseNewMap`.
pub fn new_map_ui(ctx: &egui::Context, language: LabelLanguage, commands: &mut Vec<Command>) {
    let id = egui::Id::new("new-map-draft");
    let kept = ctx.data_mut(|data| data.get_temp::<Draft>(id));
    let first_frame = kept.is_none();
    let mut draft = kept.unwrap_or(Draft {
        title: String::new(),
        language,
    });
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("new-map")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("New map");
        ui.add_space(6.0);
        egui::Grid::new("new-map-fields")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Title");
                let title = ui.add(
                    egui::TextEdit::singleline(&mut draft.title)
                        .hint_text("e.g. Samsung's partners, 2025")
                        .desired_width(260.0),
                );
                name_for_access(ui, title.id, "Map title");
                if first_frame {
                    title.request_focus();
                }
                ui.end_row();
                ui.label("Labels");
                ui.horizontal(|ui| {
                    ui.radio_value(
                        &mut draft.language,
                        LabelLanguage::Korean,
                        "in Korean (한국어)",
                    );
                    ui.radio_value(&mut draft.language, LabelLanguage::English, "in English");
                });
                ui.end_row();
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let enter = ui.input(|input| input.key_pressed(egui::Key::Enter));
            if ui.button("Create").clicked() || enter {
                answer = Some(Command::CreateMap {
                    title: draft.title.clone(),
                    language: draft.language,
                });
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::CloseNewMap);
            }
        });
    });
    let answer = answer.or_else(|| modal.should_close().then_some(Command::CloseNewMap));
    ctx.data_mut(|data| match answer {
        Some(_) => data.remove::<Draft>(id),
        None => {
            data.insert_temp(id, draft);
        }
    });
    commands.extend(answer);
}
