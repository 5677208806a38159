//! Spreadsheets: CSV and TSV tables with any headers, `.xlsx` and `.ods` workbooks, the
//! column mapping (recognised, given on the command line, chosen in the window's dialog)
//! and broken tables, each on a small fixture in `tests/fixtures/spreadsheets/` (the
//! workbooks are written by `make-workbooks.py` there).

use std::path::PathBuf;

use egui::accesskit::Role as A11yRole;
use egui_kittest::kittest::Queryable;
use powermap::interop::{
    ColumnMapping, EntitiesSheet, Finding, Format, ImportError, ImportOptions, Imported, Role,
    SheetChoice, import_file, import_file_with,
};
use powermap::network::model::{EntityKind, Network, Tie, TieKind};

mod common;
use common::{harness, powermap_command, send, succeeds};

fn fixture(name: &str) -> PathBuf {
    common::fixture_in("spreadsheets", name)
}

fn import(name: &str) -> Imported {
    common::import_fixture("spreadsheets", name)
}

/// The tie between two entities, by their ids.
fn tie<'a>(network: &'a Network, a: &str, b: &str) -> &'a Tie {
    network
        .ties
        .iter()
        .find(|tie| tie.participants == [a, b])
        .unwrap_or_else(|| panic!("no tie {a}–{b} in {:?}", network.ties))
}

/// Opens the column dialog's drop-down labelled `label` and picks `option` in it.
fn choose(
    harness: &mut egui_kittest::Harness<'static, powermap::app::PowermapApp>,
    label: &str,
    option: &str,
) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(A11yRole::Button, option)
        .click();
    harness.run_steps(2);
}

fn date(tie: &Tie) -> Option<String> {
    tie.date.map(|date| date.to_string())
}

#[test]
fn an_xlsx_reads_its_ties_sheet_and_people_sheet_with_real_dates() {
    let Imported {
        network,
        report,
        format,
    } = import("ties-and-people.xlsx");
    assert_eq!(format, Format::Xlsx);
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (4, 3),
        "{report}"
    );
    let lee = network.entity("lee").expect("Lee by his id");
    assert_eq!(lee.kind, EntityKind::Person);
    assert_eq!(lee.attributes.get("Nationality"), Some("KR"));
    // Ties name entities by name or id; names become the People sheet's ids.
    let role = tie(&network, "lee", "samsung");
    assert_eq!(role.kind, TieKind::Role);
    assert_eq!(date(role).as_deref(), Some("2022-10-27"), "a date cell");
    assert_eq!(role.summary, "Chairman since 2022");
    assert_eq!(role.evidence[0].quote, "Chairman since 2022");
    let source = network
        .source(&role.evidence[0].source)
        .expect("its source");
    assert_eq!(
        source.url.as_deref(),
        Some("https://example.com/lee-chairman")
    );
    let supply = tie(&network, "samsung", "nvidia");
    assert_eq!(supply.kind, TieKind::Supply);
    let amount = supply.amount.as_ref().expect("an amount");
    assert_eq!((amount.value, amount.currency.as_str()), (5e6, "USD"));
    let dinner = tie(&network, "lee", "Jensen Huang");
    assert_eq!(dinner.kind, TieKind::Meeting);
    assert_eq!(date(dinner).as_deref(), Some("2025-10-30"));
    assert_eq!(report.count(Finding::TimeOfDay), 1, "{report}");
    let text = report.to_string();
    assert!(text.contains("Excel workbook"), "{text}");
    assert!(
        text.contains("the ties from sheet \"Ties\" and the entities from sheet \"People\""),
        "{text}"
    );
    assert!(text.contains("not read: sheets \"Notes\""), "{text}");
    assert!(
        text.contains("1 entity named by ties is not in the entities sheet"),
        "{text}"
    );
}

#[test]
fn an_ods_with_german_headers_reads_ownership() {
    let Imported {
        network,
        report,
        format,
    } = import("beteiligungen.ods");
    assert_eq!(format, Format::Ods);
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (4, 3),
        "{report}"
    );
    let daughter = tie(&network, "Holding AG", "Tochter GmbH");
    assert_eq!(daughter.kind, TieKind::Affiliate, "a share is an ownership");
    assert_eq!(
        date(daughter).as_deref(),
        Some("2024-03-01"),
        "Datum as Germans write it"
    );
    assert_eq!(daughter.attributes.get("Anteil"), Some("75 %"));
    let amount = daughter.amount.as_ref().expect("Betrag");
    assert_eq!((amount.value, amount.currency.as_str()), (1.5e6, "EUR"));
    let grandchild = tie(&network, "Holding AG", "Enkel GmbH");
    assert_eq!(date(grandchild).as_deref(), Some("2023"));
    assert_eq!(grandchild.amount.as_ref().map(|a| a.value), Some(250_000.0));
    let foundation = tie(&network, "Stiftung", "Holding AG");
    assert_eq!(
        date(foundation).as_deref(),
        Some("2022-06-01"),
        "an ODS date cell"
    );
}

#[test]
fn korean_headers_are_recognised() {
    let Imported {
        network, report, ..
    } = import("korean.csv");
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (5, 3),
        "{report}"
    );
    let dinner = tie(&network, "이재용", "젠슨 황");
    assert_eq!(dinner.kind, TieKind::Meeting);
    assert_eq!(date(dinner).as_deref(), Some("2025-10-30"));
    assert_eq!(dinner.evidence.len(), 1);
    let hbm = tie(&network, "삼성전자", "엔비디아");
    assert_eq!(hbm.kind, TieKind::Supply);
    assert_eq!(date(hbm).as_deref(), Some("2025-10"));
    let amount = hbm.amount.as_ref().expect("금액");
    assert_eq!((amount.value, amount.currency.as_str()), (16.5e9, "USD"));
    assert_eq!(amount.text.as_deref(), Some("165억달러"));
    let hyundai = tie(&network, "현대자동차", "엔비디아");
    assert_eq!(hyundai.kind, TieKind::Partnership);
    assert!(hyundai.evidence.is_empty(), "no 출처, no evidence");
    assert_eq!(network.label_language, "ko");
}

#[test]
fn a_tsv_with_from_and_to_opens() {
    let Imported {
        network, report, ..
    } = import("from-to.tsv");
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (3, 2),
        "{report}"
    );
    assert_eq!(tie(&network, "Alice", "Bob").kind, TieKind::Meeting);
    assert_eq!(tie(&network, "Bob", "Carol").kind, TieKind::Contract);
    assert!(report.to_string().contains("separated by tabs"), "{report}");
}

#[test]
fn unknown_headers_ask_for_their_columns_and_open_with_them() {
    let file = fixture("unknown-headers.csv");
    match import_file(&file) {
        Err(ImportError::UnknownColumns { table, .. }) => {
            assert_eq!(table.headers, ["Person", "Company", "Role", "When"]);
            assert_eq!(table.rows.len(), 3);
            assert_eq!(table.rows[0][0], "Ada Lovelace");
        }
        other => panic!("expected unknown columns, got {other:?}"),
    }
    let options = ImportOptions {
        columns: ColumnMapping {
            source: Some("Person".to_owned()),
            target: Some("Company".to_owned()),
            kind: Some("Role".to_owned()),
            date: Some("When".to_owned()),
            ..ColumnMapping::default()
        },
        ..ImportOptions::default()
    };
    let Imported {
        network, report, ..
    } = import_file_with(&file, &options).expect("opens with the columns");
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (3, 3),
        "{report}"
    );
    let met = tie(&network, "Ada Lovelace", "Charles Babbage");
    assert_eq!(
        (met.kind, date(met).as_deref()),
        (TieKind::Meeting, Some("1833-06"))
    );
}

#[test]
fn an_unterminated_quote_names_the_line_it_opened_on() {
    let error = import_file(&fixture("unterminated-quote.csv")).expect_err("refused");
    let text = error.to_string();
    assert!(text.contains("line 3"), "{text}");
    assert!(text.contains("never closed"), "{text}");
}

#[test]
fn a_header_without_rows_says_so() {
    let error = import_file(&fixture("header-only.csv")).expect_err("refused");
    assert!(error.to_string().contains("but no rows"), "{error}");
}

#[test]
fn ragged_rows_are_reported_and_the_rest_opens() {
    let Imported {
        network, report, ..
    } = import("ragged.csv");
    // A–B, D–E (empty extra cells are harmless) and E–F open, and so does B–C, whose
    // missing kind and date are empty; C–D has cells too many and is left out.
    assert_eq!(network.ties.len(), 4, "{report}");
    assert_eq!(tie(&network, "B", "C").kind, TieKind::Other);
    assert_eq!(report.count(Finding::ShortRow), 1, "{report}");
    assert_eq!(report.count(Finding::LongRow), 1, "{report}");
    let text = report.to_string();
    assert!(text.contains("line 3: 2 cells, the header has 4"), "{text}");
    assert!(text.contains("line 4: 6 cells, the header has 4"), "{text}");
    assert!(text.contains("the missing cells are empty"), "{text}");
}

#[test]
fn control_characters_are_removed_and_their_rows_named() {
    let Imported {
        network, report, ..
    } = import("control-characters.csv");
    assert!(network.entity("A").is_some() && network.entity("C[0m").is_some());
    assert_eq!(network.ties.len(), 3);
    // The ends of two edges, and the two entities made from them.
    assert_eq!(report.count(Finding::ControlCharacters), 4, "{report}");
    let text = report.to_string();
    assert!(text.contains("edge at line 2: source or target"), "{text}");
    assert!(text.contains("edge at line 3: source or target"), "{text}");
}

#[test]
fn convert_takes_the_columns_as_options() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = folder.path().join("out.json");
    let printed = succeeds(powermap_command().args([
        "convert".as_ref(),
        fixture("unknown-headers.csv").as_os_str(),
        output.as_os_str(),
        "--source-column".as_ref(),
        "Person".as_ref(),
        "--target-column".as_ref(),
        "Company".as_ref(),
    ]));
    assert!(printed.contains("3 entities, 3 ties"), "{printed}");
    let validated = succeeds(powermap_command().args([
        "validate".as_ref(),
        fixture("unknown-headers.csv").as_os_str(),
        "--source-column".as_ref(),
        "person".as_ref(),
        "--target-column".as_ref(),
        "company".as_ref(),
        "--date-column".as_ref(),
        "When".as_ref(),
    ]));
    assert!(validated.contains("3 dated"), "{validated}");
}

#[test]
fn convert_and_validate_refuse_unknown_headers_listing_them() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = powermap_command()
        .arg("convert")
        .arg(fixture("unknown-headers.csv"))
        .arg(folder.path().join("out.json"))
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\"Person\", \"Company\", \"Role\", \"When\""),
        "{stderr}"
    );
    assert!(stderr.contains("--source-column"), "{stderr}");
    let output = powermap_command()
        .arg("validate")
        .arg(fixture("unknown-headers.csv"))
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"Person\", \"Company\""), "{stdout}");
    assert!(stdout.contains("--target-column"), "{stdout}");
    let output = powermap_command()
        .arg("validate")
        .arg(fixture("unknown-headers.csv"))
        .args(["--source-column", "Nobody", "--target-column", "Company"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("no column \"Nobody\""), "{stdout}");
}

#[test]
fn the_window_asks_for_the_columns_and_remembers_them() {
    let mut harness = harness();
    let file = fixture("unknown-headers.csv");
    send(&mut harness, powermap::app::Command::Open(file.clone()));
    harness.get_by_label("Which column is which?");
    // Every field is found by its label; the preview shows the first rows.
    for role in Role::ALL {
        harness.get_by_label(role.label());
    }
    assert_eq!(
        harness.get_all_by_label("Ada Lovelace").count(),
        2,
        "two rows name her"
    );
    for (role, header) in [
        (Role::Source, "Person"),
        (Role::Target, "Company"),
        (Role::Kind, "Role"),
    ] {
        choose(&mut harness, role.label(), header);
    }
    harness.get_by_label("Open with these columns").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Which column is which?").is_none());
    harness.get_by_label_contains("3 entities · 3 ties");
    let network = &harness.state().document.network;
    assert_eq!(
        tie(network, "Ada Lovelace", "Charles Babbage").kind,
        TieKind::Meeting
    );
    // Opened again, a table with the same headers needs no questions.
    send(&mut harness, powermap::app::Command::OpenDefault);
    harness.get_by_label_contains("41 entities");
    send(&mut harness, powermap::app::Command::Open(file));
    assert!(harness.query_by_label("Which column is which?").is_none());
    harness.get_by_label_contains("3 entities · 3 ties");
}

#[test]
fn a_workbook_whose_sheet_names_say_nothing_reads_the_sheet_that_names_the_ends() {
    let Imported {
        network, report, ..
    } = import("notes-first.xlsx");
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (3, 2),
        "{report}"
    );
    assert_eq!(
        date(tie(&network, "Holding AG", "Tochter GmbH")).as_deref(),
        Some("2024-03-01")
    );
    let text = report.to_string();
    assert!(
        text.contains("read the ties from sheet \"Sheet2\"") && text.contains("\"Sheet1\""),
        "the note says which sheet was read and which not: {report}"
    );
}

/// The options that read `unnamed-sheets.xlsx` as its author meant: the ties in Sheet2,
/// the entities in Sheet1, and the two ends named.
fn unnamed_sheets_options() -> ImportOptions {
    ImportOptions {
        columns: ColumnMapping {
            source: Some("Person".to_owned()),
            target: Some("Met".to_owned()),
            ..ColumnMapping::default()
        },
        sheets: SheetChoice {
            ties: Some("Sheet2".to_owned()),
            entities: EntitiesSheet::Named("Sheet1".to_owned()),
        },
    }
}

/// What `unnamed-sheets.xlsx` holds, read as its author meant.
fn assert_unnamed_sheets_read(network: &Network) {
    assert_eq!((network.entities.len(), network.ties.len()), (3, 2));
    let ada = network.entity("ada").expect("Ada, by the id in Sheet1");
    assert_eq!(ada.display_name("en"), "Ada Lovelace");
    assert_eq!(ada.kind, EntityKind::Person);
    assert_eq!(
        network.entity("engine").map(|e| e.kind),
        Some(EntityKind::Company)
    );
    assert_eq!(
        date(tie(network, "ada", "babbage")).as_deref(),
        Some("1833-06-05")
    );
}

#[test]
fn the_sheets_of_ties_and_entities_can_be_chosen() {
    let file = fixture("unnamed-sheets.xlsx");
    // Nothing says which sheet is which: the first is tried, and every sheet comes back
    // with the question.
    match import_file(&file) {
        Err(ImportError::UnknownColumns {
            table,
            sheets,
            entities_sheet,
            ..
        }) => {
            assert_eq!(table.sheet.as_deref(), Some("Sheet1"));
            let names: Vec<_> = sheets.iter().map(|s| s.sheet.as_deref()).collect();
            assert_eq!(names, [Some("Sheet1"), Some("Sheet2"), Some("Sheet3")]);
            assert_eq!(sheets[1].headers, ["Person", "Met", "When"]);
            assert_eq!(sheets[1].rows[0], ["ada", "babbage", "1833-06-05"]);
            assert!(sheets[2].headers.is_empty(), "Sheet3 is empty");
            assert_eq!(entities_sheet, None);
        }
        other => panic!("expected unknown columns, got {other:?}"),
    }
    let Imported {
        network, report, ..
    } = import_file_with(&file, &unnamed_sheets_options()).expect("opens");
    assert_unnamed_sheets_read(&network);
    assert!(
        report
            .to_string()
            .contains("the entities from sheet \"Sheet1\""),
        "{report}"
    );
    // Without an entities sheet, the entities are those the ties name.
    let mut options = unnamed_sheets_options();
    options.sheets.entities = EntitiesSheet::Without;
    let network = import_file_with(&file, &options).expect("opens").network;
    assert_eq!(network.entities.len(), 3);
    assert_eq!(
        network.entity("ada").map(|e| e.kind),
        Some(EntityKind::Other)
    );
    // A sheet the workbook does not have, or one sheet for both, is said so.
    for (ties, entities, expected) in [
        (
            "Nope",
            "Sheet1",
            "there is no sheet \"Nope\"; the workbook has \"Sheet1\"",
        ),
        ("Sheet2", "Sheet2", "sheet \"Sheet2\" cannot hold both"),
    ] {
        let mut options = unnamed_sheets_options();
        options.sheets = SheetChoice {
            ties: Some(ties.to_owned()),
            entities: EntitiesSheet::Named(entities.to_owned()),
        };
        let err = import_file_with(&file, &options).expect_err("refused");
        assert!(err.to_string().contains(expected), "{err}");
    }
}

#[test]
fn validate_takes_the_sheets_as_options_and_lists_them_when_it_cannot_tell() {
    let file = fixture("unnamed-sheets.xlsx");
    let output = powermap_command()
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("--ties-sheet")
            && stdout.contains("\"Sheet2\" (Person, Met, When)")
            && stdout.contains("\"Sheet3\" (empty)"),
        "{stdout}"
    );
    let stdout = succeeds(powermap_command().arg("validate").arg(&file).args([
        "--ties-sheet",
        "Sheet2",
        "--entities-sheet",
        "Sheet1",
        "--source-column",
        "Person",
        "--target-column",
        "Met",
    ]));
    assert!(stdout.contains("ok: 3 entities, 2 ties"), "{stdout}");
}

#[test]
fn the_window_asks_which_sheets_hold_the_ties_and_the_entities() {
    let mut harness = harness();
    send(
        &mut harness,
        powermap::app::Command::Open(fixture("unnamed-sheets.xlsx")),
    );
    harness.get_by_label("Which column is which?");
    // The first sheet is shown; the person picks the sheet of ties, and its rows show.
    harness.get_by_label("Ada Lovelace");
    assert!(harness.query_by_label("1833-06-05").is_none());
    choose(&mut harness, "Sheet of ties", "Sheet2");
    harness.get_by_label("1833-06-05");
    choose(&mut harness, "Sheet of entities", "Sheet1");
    choose(&mut harness, Role::Source.label(), "Person");
    choose(&mut harness, Role::Target.label(), "Met");
    harness.get_by_label("Open with these columns").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Which column is which?").is_none());
    assert_unnamed_sheets_read(&harness.state().document.network);
}

/// A table with an `Id` and other headers is a reporter's table of ties, not Gephi's nodes
/// table (which has `Id` and `Label`): it asks for its ends instead of opening with none.
#[test]
fn a_table_with_an_id_but_no_label_asks_for_its_ends() {
    let file = fixture("id-without-ends.csv");
    match import_file(&file) {
        Err(ImportError::UnknownColumns { table, .. }) => {
            assert_eq!(table.headers, ["Id", "Person", "Company", "When"]);
        }
        other => panic!("expected unknown columns, got {other:?}"),
    }
    let options = ImportOptions {
        columns: ColumnMapping {
            source: Some("Person".to_owned()),
            target: Some("Company".to_owned()),
            ..ColumnMapping::default()
        },
        ..ImportOptions::default()
    };
    let network = import_file_with(&file, &options).expect("opens").network;
    assert_eq!((network.entities.len(), network.ties.len()), (3, 2));
    let tie = tie(&network, "Ada Lovelace", "Analytical Engines");
    assert_eq!(tie.id, "1", "the Id column is the tie's id");
    assert_eq!(date(tie).as_deref(), Some("1843"));
}
