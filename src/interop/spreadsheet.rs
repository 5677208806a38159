//! Workbooks: Excel's `.xlsx` and OpenDocument's `.ods`, read with calamine. One sheet
//! holds the ties (the one the person chose; else named like `Ties`, `관계`, `Beziehungen`;
//! else the first whose header names both ends; else the first), with any headers as the
//! columns given tell them apart; another may hold the entities (chosen, or named like
//! `People`, `인물`, `Personen`). Cells are read as their values: dates (serial numbers
//! with a date format) as dates, whole numbers without `.0`, formulas as what they gave.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Xlsx, open_workbook_from_rs};

use super::columns::{self, Columns, EntitiesSheet, Sheet, SheetChoice, TablePreview};
use super::csv_tables::nodes_from_edges;
use super::mapping::{self, RawGraph};
use super::reader::{Fit, Input, Probe, Reader};
use super::report::{ImportReport, Place};
use super::{Format, ImportError, ImportOptions};
use crate::network::diagnostic::count_text;
use crate::network::model::Network;

/// A zip archive's first bytes: both `.xlsx` and `.ods` files are zip archives.
pub(crate) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The workbook format `bytes` are in, by what the archive holds: OpenDocument names its
/// type in a first, uncompressed `mimetype` entry; Excel's archive lists `xl/workbook.xml`.
pub(crate) fn workbook_format(bytes: &[u8]) -> Option<Format> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return None;
    }
    let head = &bytes[..bytes.len().min(200)];
    let has = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    };
    if has(head, b"application/vnd.oasis.opendocument.spreadsheet") {
        Some(Format::Ods)
    } else if has(bytes, b"xl/workbook.xml") {
        Some(Format::Xlsx)
    } else {
        None
    }
}

/// A cell as text: dates as `2025-03-04` (with the time, when it has one, for the mapping
/// to cut and count), whole numbers without a fraction, errors as Excel writes them.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(moment) if moment.is_datetime() && moment.as_f64() >= 1.0 => {
            let (year, month, day, hour, minute, second, _) = moment.to_ymd_hms_milli();
            let date = format!("{year:04}-{month:02}-{day:02}");
            if (hour, minute, second) == (0, 0, 0) {
                date
            } else {
                format!("{date}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        Data::DateTime(moment) => {
            // A time of day or a duration, not a date.
            let (_, _, _, hour, minute, second, _) = moment.to_ymd_hms_milli();
            format!("{hour:02}:{minute:02}:{second:02}")
        }
        Data::Error(error) => error.to_string(),
    }
}

/// A sheet's cells as a table: the first row with anything in it is the header (an empty
/// header is named by its column's letter), the rows under it follow, each at its row.
fn sheet_of(name: &str, range: &Range<Data>) -> Option<Sheet> {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        let row = usize::try_from(first_row).unwrap_or_default() + i + 1;
        (cells.iter().map(cell_text).collect::<Vec<_>>(), row)
    });
    let (headers, header_row) =
        rows.find(|(cells, _)| cells.iter().any(|c| !c.trim().is_empty()))?;
    let first_column = usize::try_from(first_column).unwrap_or_default();
    let headers = (headers.iter().enumerate())
        .map(|(i, header)| match header.trim() {
            "" => format!("Column {}", column_letters(first_column + i)),
            header => header.to_owned(),
        })
        .collect();
    let place = |row| Place::Row {
        sheet: name.to_owned(),
        row,
    };
    Some(Sheet {
        name: Some(name.to_owned()),
        headers,
        rows: rows
            .filter(|(cells, _)| cells.iter().any(|c| !c.trim().is_empty()))
            .map(|(cells, row)| (cells, place(row)))
            .collect(),
        header_place: place(header_row),
    })
}

/// `0` → `A`, `26` → `AA`: a column as spreadsheets name it.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Every sheet of a workbook, by name, in order.
fn all_sheets<'a, W>(mut workbook: W) -> Result<Vec<(String, Range<Data>)>, String>
where
    W: calamine::Reader<Cursor<&'a [u8]>>,
    W::Error: std::fmt::Display,
{
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook
                .worksheet_range(&name)
                .map_err(|err| err.to_string())?;
            Ok((name, range))
        })
        .collect()
}

/// Every sheet of the workbook in `bytes`, by name, in order.
fn sheets(
    bytes: &[u8],
    format: Format,
    file: &Path,
) -> Result<Vec<(String, Range<Data>)>, ImportError> {
    let cursor = Cursor::new(bytes);
    let sheets = match format {
        Format::Ods => open_workbook_from_rs::<Ods<_>, _>(cursor)
            .map_err(|err| err.to_string())
            .and_then(all_sheets),
        _ => open_workbook_from_rs::<Xlsx<_>, _>(cursor)
            .map_err(|err| err.to_string())
            .and_then(all_sheets),
    };
    sheets.map_err(|message| whole(file, format!("cannot read it: {message}")))
}

/// An error of the whole workbook.
fn whole(file: &Path, message: String) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Path("workbook".to_owned()),
        message,
    }
}

/// Which sheets hold the ties and the entities: those `choice` names, else those
/// [`columns::choose_sheets`] finds.
fn chosen_sheets(
    choice: &SheetChoice,
    names: &[String],
    tables: &[Option<Sheet>],
    file: &Path,
) -> Result<(usize, Option<usize>), ImportError> {
    let find = |name: &str| {
        names.iter().position(|sheet| sheet == name).ok_or_else(|| {
            whole(
                file,
                format!(
                    "there is no sheet {name:?}; the workbook has {}",
                    columns::header_list(names)
                ),
            )
        })
    };
    let names_ends: Vec<bool> = (tables.iter())
        .map(|table| {
            table
                .as_ref()
                .is_some_and(|t| Columns::recognises_ends(&t.headers))
        })
        .collect();
    let (found_ties, found_entities) = columns::choose_sheets(names, &names_ends);
    let ties = match &choice.ties {
        Some(name) => find(name)?,
        None => found_ties,
    };
    let entities = match &choice.entities {
        EntitiesSheet::ByName => found_entities.filter(|at| *at != ties),
        EntitiesSheet::Without => None,
        EntitiesSheet::Named(name) => Some(find(name)?),
    };
    if entities == Some(ties) {
        return Err(whole(
            file,
            format!(
                "sheet {:?} cannot hold both the ties and the entities",
                names[ties]
            ),
        ));
    }
    Ok((ties, entities))
}

/// Reads a workbook's ties (and entities, if a sheet has them) into a graph.
pub(crate) fn read(
    bytes: &[u8],
    format: Format,
    options: &ImportOptions,
    file: &Path,
    report: &mut ImportReport,
) -> Result<RawGraph, ImportError> {
    let sheets = sheets(bytes, format, file)?;
    let names: Vec<String> = sheets.iter().map(|(name, _)| name.clone()).collect();
    if names.is_empty() {
        return Err(whole(file, "it has no sheets".to_owned()));
    }
    let tables: Vec<Option<Sheet>> = (sheets.iter())
        .map(|(name, range)| sheet_of(name, range))
        .collect();
    let (ties_at, entities_at) = chosen_sheets(&options.sheets, &names, &tables, file)?;
    let empty = |name: &str, what: &str| ImportError::Malformed {
        file: file.to_owned(),
        place: Place::Row {
            sheet: name.to_owned(),
            row: 1,
        },
        message: format!("the sheet of {what} is empty"),
    };
    let ties_name = &names[ties_at];
    let ties = tables[ties_at]
        .as_ref()
        .ok_or_else(|| empty(ties_name, "ties"))?;
    if ties.rows.is_empty() {
        return Err(ImportError::Malformed {
            file: file.to_owned(),
            place: ties.header_place.clone(),
            message: format!(
                "the sheet has a header ({}) but no rows: there is nothing to open",
                columns::header_list(&ties.headers)
            ),
        });
    }
    let mut graph = RawGraph::default();
    let mut read_from = vec![format!("the ties from sheet {ties_name:?}")];
    if let Some(at) = entities_at {
        let name = &names[at];
        match &tables[at] {
            Some(sheet) if columns::read_entities(sheet, file, &mut graph)? => {
                read_from.push(format!("the entities from sheet {name:?}"));
            }
            _ => report.note(format!(
                "sheet {name:?} has no id or name column: its entities were not read"
            )),
        }
    }
    // A sheet whose ends cannot be told comes with every sheet, for the person to choose.
    columns::read_ties(ties, &options.columns, file, &mut graph, report).map_err(
        |err| match err {
            ImportError::UnknownColumns { file, table, .. } => ImportError::UnknownColumns {
                file,
                table,
                sheets: (names.iter().zip(&tables))
                    .map(|(name, table)| match table {
                        Some(table) => table.preview(),
                        None => TablePreview {
                            sheet: Some(name.clone()),
                            headers: Vec::new(),
                            rows: Vec::new(),
                        },
                    })
                    .collect(),
                entities_sheet: entities_at.map(|at| names[at].clone()),
            },
            other => other,
        },
    )?;
    columns::ends_by_name(&mut graph);
    let known = graph.nodes.len();
    nodes_from_edges(&mut graph, file)?;
    if entities_at.is_some() && graph.nodes.len() > known {
        let made = graph.nodes.len() - known;
        report.note(format!(
            "{} by ties {} not in the entities sheet: made from the ties",
            count_text(made, "entity named", "entities named"),
            if made == 1 { "is" } else { "are" }
        ));
    }
    let unread: Vec<String> = (names.iter().enumerate())
        .filter(|(i, _)| *i != ties_at && Some(*i) != entities_at)
        .map(|(_, name)| format!("{name:?}"))
        .collect();
    let mut note = format!("read {}", read_from.join(" and "));
    if !unread.is_empty() {
        note.push_str(&format!("; not read: sheets {}", unread.join(", ")));
    }
    report.note(note);
    Ok(graph)
}

/// The reader of one workbook format.
pub(crate) struct WorkbookReader {
    format: Format,
}

/// Excel workbooks.
pub(crate) const XLSX_READER: WorkbookReader = WorkbookReader {
    format: Format::Xlsx,
};
/// OpenDocument spreadsheets.
pub(crate) const ODS_READER: WorkbookReader = WorkbookReader {
    format: Format::Ods,
};

impl Reader for WorkbookReader {
    fn format(&self) -> Format {
        self.format
    }

    fn describe(&self) -> &'static str {
        match self.format {
            Format::Ods => "OpenDocument spreadsheets (.ods)",
            _ => "Excel workbooks (.xlsx)",
        }
    }

    fn endings(&self) -> &'static [&'static str] {
        match self.format {
            Format::Ods => &[".ods"],
            _ => &[".xlsx"],
        }
    }

    /// Sure when the bytes are a zip archive of this workbook format.
    fn recognise(&self, probe: &Probe<'_>) -> Option<Fit> {
        (workbook_format(probe.bytes()) == Some(self.format)).then_some(Fit::Sure)
    }

    fn read(&self, input: Input<'_>, report: &mut ImportReport) -> Result<Network, ImportError> {
        let graph = read(input.bytes, self.format, input.options, input.file, report)?;
        mapping::build(graph, input.file, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_people_see_them() {
        let date = |serial| {
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            ))
        };
        assert_eq!(cell_text(&date(45720.0)), "2025-03-04");
        assert_eq!(cell_text(&date(45720.5)), "2025-03-04T12:00:00");
        assert_eq!(cell_text(&Data::Float(2025.0)), "2025");
        assert_eq!(cell_text(&Data::Float(0.25)), "0.25");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn columns_are_named_by_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn workbooks_are_told_by_their_archive() {
        assert_eq!(
            workbook_format(
                b"PK\x03\x04\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
            ),
            Some(Format::Ods)
        );
        assert_eq!(
            workbook_format(b"PK\x03\x04....xl/workbook.xml...."),
            Some(Format::Xlsx)
        );
        assert_eq!(workbook_format(b"PK\x03\x04....word/document.xml"), None);
        assert_eq!(workbook_format(b"Source,Target"), None);
    }
}
