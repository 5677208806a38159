//! The column-mapping dialog: a spreadsheet whose headers do not say which columns are the
//! two ends of each tie shows its first rows and asks which column is which. The choice is
//! remembered for tables with the same headers. In a workbook of several sheets it also
//! asks which sheet holds the ties and which the entities.

use std::path::PathBuf;

use crate::app::command::Command;
use crate::app::settings::Settings;
use crate::interop::{ColumnMapping, EntitiesSheet, Role, SheetChoice, TablePreview};

/// What the dialog shows and what has been chosen so far.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDialog {
    /// The file to open once the columns are chosen.
    pub path: PathBuf,
    /// The header and first rows of the table of ties.
    pub table: TablePreview,
    /// The columns chosen: what was remembered or recognised, then the person's choices.
    pub columns: ColumnMapping,
    /// In a workbook, every sheet's header and first rows; empty for a CSV or TSV file.
    pub sheets: Vec<TablePreview>,
    /// In a workbook, the sheet of entities chosen, if any.
    pub entities_sheet: Option<String>,
}

impl ColumnDialog {
    /// Makes `ties` the sheet of ties (its columns those remembered for its headers, else
    /// those recognised) and `entities` the sheet of entities; a sheet cannot be both.
    pub fn choose_sheets(&mut self, ties: &str, entities: Option<String>, settings: &Settings) {
        if let Some(table) = (self.sheets.iter()).find(|sheet| sheet.sheet.as_deref() == Some(ties))
            && self.table.sheet.as_deref() != Some(ties)
        {
            self.columns = (settings.columns_for(&table.headers).cloned())
                .unwrap_or_else(|| ColumnMapping::recognised(&table.headers));
            self.table = table.clone();
        }
        self.entities_sheet = entities.filter(|entities| entities != ties);
    }

    /// The sheets to read: those chosen, in a workbook.
    fn sheet_choice(&self) -> SheetChoice {
        if self.sheets.is_empty() {
            return SheetChoice::default();
        }
        SheetChoice {
            ties: self.table.sheet.clone(),
            entities: match &self.entities_sheet {
                Some(name) => EntitiesSheet::Named(name.clone()),
                None => EntitiesSheet::Without,
            },
        }
    }
}

/// What the dialog calls a role left without a column, or no sheet of entities.
const NO_COLUMN: &str = "(none)";
/// The label of the drop-down of the sheet of ties.
const TIES_SHEET: &str = "Sheet of ties";
/// The label of the drop-down of the sheet of entities.
const ENTITIES_SHEET: &str = "Sheet of entities";
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
        if dialog.sheets.len() > 1 {
            sheets_ui(ui, dialog, commands);
        } else if let Some(sheet) = &dialog.table.sheet {
            ui.label(format!("Sheet: {sheet}"));
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("The first rows").strong());
        // As tall whatever the sheet, so that the dialog keeps its place as sheets change.
        egui::ScrollArea::both()
            .id_salt("column-preview")
            .max_height(150.0)
            .auto_shrink([false, false])
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
                    sheets: dialog.sheet_choice(),
                });
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::CloseColumnDialog);
            }
        });
    });
    commands.extend(answer.or_else(|| modal.should_close().then_some(Command::CloseColumnDialog)));
}

/// The drop-downs of a workbook's sheets: which holds the ties, which the entities.
fn sheets_ui(ui: &mut egui::Ui, dialog: &ColumnDialog, commands: &mut Vec<Command>) {
    let ties = dialog.table.sheet.clone().unwrap_or_default();
    let names: Vec<&str> = (dialog.sheets.iter())
        .filter_map(|sheet| sheet.sheet.as_deref())
        .collect();
    egui::Grid::new("column-sheets")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(TIES_SHEET);
            let combo = egui::ComboBox::from_id_salt("ties-sheet")
                .selected_text(shortened(&ties))
                .width(260.0)
                .show_ui(ui, |ui| {
                    for name in &names {
                        let selected = *name == ties;
                        if ui.selectable_label(selected, *name).clicked() && !selected {
                            commands.push(Command::SetSheets {
                                ties: (*name).to_owned(),
                                entities: dialog.entities_sheet.clone(),
                            });
                        }
                    }
                });
            let _ = combo.response.labelled_by(label.id);
            ui.end_row();
            let chosen = dialog.entities_sheet.as_deref();
            let label = ui.label(ENTITIES_SHEET);
            let combo = egui::ComboBox::from_id_salt("entities-sheet")
                .selected_text(chosen.map_or(NO_COLUMN.to_owned(), shortened))
                .width(260.0)
                .show_ui(ui, |ui| {
                    let others = names.iter().copied().filter(|name| *name != ties);
                    for name in std::iter::once(None).chain(others.map(Some)) {
                        let selected = chosen == name;
                        if ui
                            .selectable_label(selected, name.unwrap_or(NO_COLUMN))
                            .clicked()
                            && !selected
                        {
                            commands.push(Command::SetSheets {
                                ties: ties.clone(),
                                entities: name.map(str::to_owned),
                            });
                        }
                    }
                });
            let _ = combo.response.labelled_by(label.id);
            ui.end_row();
        });
    ui.add_space(4.0);
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
