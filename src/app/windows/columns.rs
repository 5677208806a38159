//! The column-mapping dialog: a spreadsheet whose headers do not say which columns are the
//! two ends of each tie shows its first rows and asks which column is which. The choice is
//! remembered for tables with the same headers.

use std::path::PathBuf;

use crate::app::command::Command;
use crate::interop::{ColumnMapping, Role, TablePreview};

/// What the dialog shows and what has been chosen so far.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDialog {
    /// The file to open once the columns are chosen.
    pub path: PathBuf,
    /// Its header and first rows.
    pub table: TablePreview,
    /// The columns chosen: what was remembered or recognised, then the person's choices.
    pub columns: ColumnMapping,
}

/// What the dialog calls a role left without a column.
const NO_COLUMN: &str = "(none)";
/// The longest cell text the preview shows whole.
const MAX_PREVIEW_CHARS: usize = 32;

fn shortened(text: &str) -> String {
    match text.char_indices().nth(MAX_PREVIEW_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The dialog; pushes `SetColumns` as choices change, then `OpenWithColumns` or
/// `CloseColumnDialog`.
pub fn column_dialog_ui(ctx: &egui::Context, dialog: &ColumnDialog, commands: &mut Vec<Command>) {
    let name = dialog.path.file_name().map_or_else(
        || dialog.path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut answer = None;
    let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 760.0);
    let modal = egui::Modal::new(egui::Id::new("column-mapping")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading("Which column is which?");
        ui.label(format!(
            "powermap cannot tell which columns of {name} are the two ends of each tie. \
             Choose them below; the choice is remembered for tables with these headers."
        ));
        if let Some(sheet) = &dialog.table.sheet {
            ui.label(format!("Sheet: {sheet}"));
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("The first rows").strong());
        egui::ScrollArea::both()
            .id_salt("column-preview")
            .max_height(170.0)
            .show(ui, |ui| {
                egui::Grid::new("column-preview-grid")
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        for header in &dialog.table.headers {
                            ui.label(egui::RichText::new(shortened(header)).strong());
                        }
                        ui.end_row();
                        for row in &dialog.table.rows {
                            for cell in row {
                                ui.label(shortened(cell));
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(8.0);
        egui::Grid::new("column-roles")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for role in Role::ALL {
                    role_ui(ui, dialog, role, commands);
                    ui.end_row();
                }
            });
        let (source, target) = (dialog.columns.get(Role::Source), dialog.columns.get(Role::Target));
        let ready = source.is_some() && target.is_some() && source != target;
        if !ready {
            ui.label(
                egui::RichText::new("Choose two different columns for the two ends.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.label(
            egui::RichText::new(
                "Columns left at (none) are still read by their header's words, as attributes otherwise.",
            )
            .small()
            .weak(),
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new("Open with these columns"))
                .clicked()
            {
                answer = Some(Command::OpenWithColumns {
                    path: dialog.path.clone(),
                    headers: dialog.table.headers.clone(),
                    columns: dialog.columns.clone(),
                });
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::CloseColumnDialog);
            }
        });
    });
    commands.extend(answer.or_else(|| modal.should_close().then_some(Command::CloseColumnDialog)));
}

/// One role's drop-down of the headers, labelled with the role.
fn role_ui(ui: &mut egui::Ui, dialog: &ColumnDialog, role: Role, commands: &mut Vec<Command>) {
    let chosen = dialog.columns.get(role);
    let label = ui.label(role.label());
    let combo = egui::ComboBox::from_id_salt(("column-role", role.label()))
        .selected_text(chosen.map_or(NO_COLUMN.to_owned(), shortened))
        .width(260.0)
        .show_ui(ui, |ui| {
            let mut choose = |ui: &mut egui::Ui, header: Option<&String>, text: &str| {
                let selected = chosen == header.map(String::as_str);
                if ui.selectable_label(selected, text).clicked() && !selected {
                    let mut columns = dialog.columns.clone();
                    columns.set(role, header.cloned());
                    commands.push(Command::SetColumns(columns));
                }
            };
            choose(ui, None, NO_COLUMN);
            for header in &dialog.table.headers {
                choose(ui, Some(header), header);
            }
        });
    // The drop-down is found by its role's name, as a person reads it beside it.
    let _ = combo.response.labelled_by(label.id);
}
