//! The network format: the default dataset, one fixture per kind of problem, round trips,
//! the JSON Schema and the `validate` command.

use std::path::{Path, PathBuf};

use powermap::network::dataset::{DEFAULT_DATASET_JSON, load_default_network};
use powermap::network::diagnostic::{Diagnostic, LoadError, ReadError, Severity, TextPosition};
use powermap::network::load::{MAX_ENTITIES, MAX_FILE_BYTES, load_file, parse_network};
use powermap::network::model::{EntityKind, TieKind, TieStatus};
use powermap::network::save::{Overwrite, save_network};

mod common;
use common::{powermap_command, succeeds};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Loads a fixture that must fail, returning its diagnostics.
fn load_errors(name: &str) -> Vec<Diagnostic> {
    match load_file(&fixture(name)) {
        Ok(loaded) => panic!("{name} loaded, with warnings {:?}", loaded.warnings),
        Err(LoadError::Invalid { file, diagnostics }) => {
            assert_eq!(file, fixture(name), "the error names the file");
            diagnostics
        }
        Err(other) => panic!("{name}: expected validation errors, got {other}"),
    }
}

/// The single error of a fixture, checked for its path and a word of its message.
fn only_error(name: &str, path: &str, message_part: &str) -> Diagnostic {
    let errors: Vec<Diagnostic> = load_errors(name)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "{name}: expected one error, got {errors:#?}"
    );
    let error = errors.into_iter().next().expect("one error");
    assert_eq!(error.path, path, "{name}: path of {error}");
    assert!(
        error.message.contains(message_part),
        "{name}: expected {message_part:?} in {:?}",
        error.message
    );
    error
}

#[test]
fn default_dataset_loads_without_errors_or_warnings() {
    let loaded = load_default_network().expect("the default dataset loads");
    assert!(
        loaded.warnings.is_empty(),
        "warnings: {:#?}",
        loaded.warnings
    );
    let network = &loaded.network;
    assert!(
        (35..=45).contains(&network.entities.len()),
        "{} entities",
        network.entities.len()
    );
    assert!(network.ties.len() >= 40, "{} ties", network.ties.len());
    assert_eq!(network.label_language, "ko");
    for entity in &network.entities {
        assert!(
            entity.name.contains_key("ko"),
            "{} has no Korean name",
            entity.id
        );
        assert!(
            entity.name.contains_key("en"),
            "{} has no English name",
            entity.id
        );
    }
    for tie in &network.ties {
        assert!(!tie.evidence.is_empty(), "{} has no evidence", tie.id);
        for evidence in &tie.evidence {
            assert!(
                evidence
                    .translation
                    .as_deref()
                    .is_some_and(|t| !t.is_empty()),
                "{}: a quote without translation",
                tie.id
            );
        }
    }
}

#[test]
fn default_dataset_quotes_the_articles_verbatim() {
    let network = load_default_network().expect("loads").network;
    for source in &network.sources {
        let text_path = repo_file(&format!("tests/data/articles/{}.txt", source.id));
        let article = std::fs::read_to_string(&text_path)
            .unwrap_or_else(|err| panic!("{}: {err}", text_path.display()));
        for tie in &network.ties {
            for evidence in tie.evidence.iter().filter(|e| e.source == source.id) {
                assert!(
                    article.contains(&evidence.quote),
                    "{}: quote is not in {}: {:?}",
                    tie.id,
                    source.id,
                    evidence.quote
                );
            }
        }
    }
}

#[test]
fn default_dataset_holds_the_story_of_the_articles() {
    let network = load_default_network().expect("loads").network;
    let tie_between = |kind: TieKind, a: &str, b: &str, date: Option<&str>| {
        network.ties.iter().any(|tie| {
            tie.kind == kind
                && tie.participants.iter().any(|p| p == a)
                && tie.participants.iter().any(|p| p == b)
                && tie.date.map(|d| d.to_string()).as_deref() == date
        })
    };
    assert!(tie_between(
        TieKind::Contract,
        "samsung-sds",
        "openai",
        Some("2025-12-23")
    ));
    assert!(tie_between(
        TieKind::Meeting,
        "lee-jae-yong",
        "sam-altman",
        Some("2025-02-04")
    ));
    assert!(tie_between(
        TieKind::Meeting,
        "lee-jae-yong",
        "masayoshi-son",
        Some("2025-02-04")
    ));
    assert!(tie_between(
        TieKind::Meeting,
        "lee-jae-yong",
        "sam-altman",
        Some("2025-10-01")
    ));
    assert!(tie_between(
        TieKind::Meeting,
        "lee-jae-yong",
        "elon-musk",
        Some("2023")
    ));
    assert!(tie_between(
        TieKind::Contract,
        "samsung-electronics",
        "tesla",
        Some("2025-07")
    ));
    assert!(tie_between(
        TieKind::Supply,
        "samsung-electro-mechanics",
        "byd",
        Some("2025-04")
    ));
    assert!(tie_between(
        TieKind::Meeting,
        "lee-jae-yong",
        "mark-zuckerberg",
        Some("2024-06-11")
    ));
    let tesla = network
        .ties
        .iter()
        .find(|t| t.kind == TieKind::Contract && t.participants.iter().any(|p| p == "tesla"))
        .expect("the Tesla contract");
    let amount = tesla
        .amount
        .as_ref()
        .expect("the Tesla contract states its amount");
    assert_eq!(
        (amount.value, amount.currency.as_str()),
        (16_500_000_000.0, "USD")
    );
    let samsung_members = network
        .entities
        .iter()
        .filter(|e| e.group.as_deref() == Some("samsung") && e.kind == EntityKind::Company)
        .count();
    assert!(samsung_members >= 5, "{samsung_members} Samsung companies");
}

#[test]
fn the_examples_load() {
    for example in [
        "docs/examples/minimal.json",
        "docs/examples/three-way-meeting.json",
    ] {
        let loaded = load_file(&repo_file(example)).unwrap_or_else(|err| panic!("{err}"));
        assert!(
            loaded.warnings.is_empty(),
            "{example}: {:?}",
            loaded.warnings
        );
    }
    let three_way = load_file(&repo_file("docs/examples/three-way-meeting.json"))
        .expect("loads")
        .network;
    assert_eq!(three_way.story.len(), 3, "the example tells its story");
    assert_eq!(three_way.story[0].ties, ["three-way"]);
}

#[test]
fn unknown_references_are_named_by_path() {
    only_error(
        "unknown-entity.json",
        "ties[1].participants[1]",
        "\"initech\"",
    );
    only_error(
        "unknown-source.json",
        "ties[1].evidence[0].source",
        "\"daily-planet\"",
    );
    only_error(
        "unknown-group.json",
        "entities[2].group",
        "\"globex-group\"",
    );
}

#[test]
fn a_story_step_naming_no_tie_an_empty_caption_or_a_zero_zoom_is_an_error() {
    only_error(
        "story-unknown-tie.json",
        "story[1].ties[0]",
        "no tie has the id \"acme-initech\"",
    );
    only_error("story-empty-caption.json", "story[1].caption", "empty");
    only_error("story-zero-zoom.json", "story[0].view.zoom", "above 0");
}

#[test]
fn duplicate_ids_name_both_places() {
    only_error("duplicate-id.json", "entities[3].id", "entities[1]");
}

#[test]
fn malformed_and_impossible_dates_are_errors_with_positions() {
    let malformed = only_error("malformed-date.json", "ties[1].date", "YYYY-MM-DD");
    assert_eq!(malformed.position.map(|p| p.line), Some(82), "{malformed}");
    let impossible = only_error("impossible-date.json", "ties[1].date", "28 days");
    assert_eq!(
        impossible.position.map(|p| p.line),
        Some(82),
        "{impossible}"
    );
}

#[test]
fn negative_amounts_and_non_finite_positions_are_errors() {
    only_error(
        "negative-amount.json",
        "ties[1].amount.value",
        "finite number, 0 or more",
    );
    let position = only_error(
        "non-finite-position.json",
        "entities[1].position.y",
        "out of range",
    );
    assert_eq!(position.position.map(|p| p.line), Some(49), "{position}");
}

#[test]
fn empty_names_and_lonely_ties_are_errors() {
    only_error("empty-name.json", "entities[1].name.en", "empty");
    only_error(
        "one-participant.json",
        "ties[0].participants",
        "at least two",
    );
}

#[test]
fn a_self_loop_opens_and_saves_but_no_one_is_listed_twice_among_others() {
    let loaded = load_file(&fixture("self-loop.json")).unwrap_or_else(|err| panic!("{err}"));
    let treasury = loaded.network.tie("acme-treasury").expect("the self-loop");
    assert_eq!(treasury.participants, ["acme", "acme"]);
    assert!(treasury.is_self_loop());
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("saved.json");
    save_network(&loaded.network, &path, Overwrite::Refuse).expect("saves");
    let again = load_file(&path).expect("loads again").network;
    assert_eq!(again, loaded.network, "the self-loop survives a save");
    only_error(
        "participant-twice.json",
        "ties[0].participants[2]",
        "listed twice",
    );
}

#[test]
fn unknown_kinds_and_newer_versions_are_errors() {
    only_error("unknown-kind.json", "entities[1].kind", "corporation");
    only_error("newer-version.json", "version", "format version 4");
}

#[test]
fn an_unknown_tie_status_is_a_located_error_naming_the_statuses() {
    let error = only_error("unknown-status.json", "ties[1].status", "rumoured");
    assert_eq!(error.position.map(|p| p.line), Some(98), "{error}");
    for status in TieStatus::ALL {
        let name = status.label().to_lowercase();
        assert!(error.message.contains(&name), "{name} not in {error}");
    }
}

#[test]
fn a_tie_without_evidence_is_a_warning_only() {
    let loaded = load_file(&fixture("no-evidence.json")).expect("warnings do not stop loading");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert_eq!(loaded.warnings[0].severity, Severity::Warning);
    assert_eq!(loaded.warnings[0].path, "ties[0].evidence");
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let errors = load_errors("many-errors.json");
    let paths: Vec<&str> = errors.iter().map(|d| d.path.as_str()).collect();
    for expected in [
        "sources[0].published",
        "entities[0].kind",
        "ties[0].participants[1]",
        "ties[1].participants[1]",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    // Ada's entity failed to parse, but ties naming her are not blamed for it.
    assert!(
        !errors
            .iter()
            .any(|d| d.message.contains("no entity has the id \"ada\"")),
        "{errors:#?}"
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let errors = load_errors("syntax-error.json");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].position,
        Some(TextPosition {
            line: 13,
            column: 7
        }),
        "{}",
        errors[0]
    );
    assert!(errors[0].message.contains("expected"), "{}", errors[0]);
}

#[test]
fn encodings_and_shapes_get_clear_messages() {
    let cases = [
        ("empty.json", "empty"),
        ("array.json", "JSON array"),
        ("utf16.json", "UTF-16"),
        ("not-utf8.json", "not UTF-8"),
    ];
    for (name, message_part) in cases {
        let errors = load_errors(name);
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(
            errors[0].message.contains(message_part),
            "{name}: {}",
            errors[0]
        );
    }
    let not_utf8 = &load_errors("not-utf8.json")[0];
    assert_eq!(not_utf8.position.map(|p| p.line), Some(10), "{not_utf8}");
    let bom = load_file(&fixture("bom.json")).expect("a BOM is only a warning");
    assert!(bom.warnings[0].message.contains("byte order mark"));
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("huge.json");
    // A sparse file: measured, never read.
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES + 1).expect("grow");
    match load_file(&path) {
        Err(err @ LoadError::Read(ReadError::TooLarge { .. })) => {
            assert!(err.to_string().contains("huge.json"), "{err}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn absurd_counts_are_refused() {
    let mut json = String::from(r#"{"format": "powermap", "version": 1, "entities": ["#);
    json.push_str(&vec!["{}"; MAX_ENTITIES + 1].join(","));
    json.push_str("]}");
    let err = parse_network(json.as_bytes(), Path::new("many.json")).expect_err("too many");
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{err}");
    assert_eq!(diagnostics[0].path, "entities");
    assert!(diagnostics[0].message.contains("at most"), "{err}");
}

#[test]
fn load_save_load_keeps_everything() {
    let folder = tempfile::tempdir().expect("tempdir");
    for (name, network) in [
        (
            "default.json",
            load_default_network().expect("loads").network,
        ),
        (
            "minimal.json",
            load_file(&repo_file("docs/examples/minimal.json"))
                .expect("loads")
                .network,
        ),
        (
            "three-way-meeting.json",
            load_file(&repo_file("docs/examples/three-way-meeting.json"))
                .expect("loads")
                .network,
        ),
    ] {
        let path = folder.path().join(name);
        save_network(&network, &path, Overwrite::Refuse).expect("saves");
        let reloaded = load_file(&path).expect("reloads");
        assert!(reloaded.warnings.is_empty());
        assert_eq!(
            reloaded.network, network,
            "{name} changed in the round trip"
        );
    }
    // The default dataset as shipped is exactly what saving writes back.
    let default = load_default_network().expect("loads").network;
    let resaved = powermap::network::save::network_to_json(&default).expect("encodes");
    let shipped: serde_json::Value = serde_json::from_str(DEFAULT_DATASET_JSON).expect("json");
    let written: serde_json::Value = serde_json::from_str(&resaved).expect("json");
    assert_eq!(shipped, written);
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_file("docs/powermap.schema.json")).expect("schema file"),
    )
    .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[test]
fn the_schema_accepts_the_dataset_and_the_examples() {
    let validator = schema_validator();
    let default: serde_json::Value = serde_json::from_str(DEFAULT_DATASET_JSON).expect("json");
    let problems: Vec<String> = validator
        .iter_errors(&default)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(problems.is_empty(), "default dataset: {problems:#?}");
    for example in [
        "docs/examples/minimal.json",
        "docs/examples/three-way-meeting.json",
        "tests/fixtures/self-loop.json",
    ] {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(repo_file(example)).expect("read"))
                .expect("json");
        let problems: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(problems.is_empty(), "{example}: {problems:#?}");
    }
}

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let validator = schema_validator();
    for name in [
        "malformed-date.json",
        "negative-amount.json",
        "unknown-kind.json",
        "unknown-status.json",
        "newer-version.json",
        "one-participant.json",
        "participant-twice.json",
        "empty-name.json",
        "story-empty-caption.json",
        "story-zero-zoom.json",
    ] {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(name)).expect("read"))
                .expect("json");
        assert!(!validator.is_valid(&value), "the schema accepts {name}");
    }
}

#[test]
fn validate_command_reports_and_sets_the_exit_status() {
    let binary = env!("CARGO_BIN_EXE_powermap");
    let ok = succeeds(
        powermap_command()
            .args(["validate"])
            .arg(repo_file("docs/examples/minimal.json")),
    );
    assert!(ok.contains("ok: 3 entities, 2 ties"), "{ok}");

    let bad = std::process::Command::new(binary)
        .args(["validate"])
        .arg(repo_file("docs/examples/minimal.json"))
        .arg(fixture("many-errors.json"))
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    let report = String::from_utf8_lossy(&bad.stdout);
    assert!(report.contains("many-errors.json: line "), "{report}");
    assert!(report.contains("sources[0].published"), "{report}");
    assert!(report.contains("cannot open: 4 errors"), "{report}");
}

#[test]
fn validate_warns_on_a_quote_one_character_off_its_article() {
    let report = succeeds(
        powermap_command()
            .args(["validate"])
            .arg(fixture("quote-differs.json")),
    );
    assert!(report.contains("ok: 3 entities, 2 ties"), "{report}");
    assert!(
        report.contains("1 warning"),
        "only the drifted quote warns: {report}"
    );
    let warning = report
        .lines()
        .find(|line| line.contains(": warning: "))
        .expect("a warning line");
    assert!(warning.contains("ties[1].evidence[0].quote"), "{warning}");
    assert!(
        warning.contains("not in the text stored for source \"inews24\""),
        "{warning}"
    );
    // "타진했다" became "타진하였다": the first 62 characters agree.
    assert!(warning.contains("first 62 characters"), "{warning}");
    assert!(
        warning.contains("parts from it at \"하였다.\""),
        "{warning}"
    );
}

#[test]
fn every_quote_of_the_default_dataset_is_in_its_article() {
    let loaded = load_default_network().expect("loads");
    assert!(
        loaded.network.sources.iter().all(|s| s.text.is_some()),
        "both articles store their text"
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_version_1_file_opens_as_it_is_and_is_saved_as_the_current_version() {
    let file = fixture("no-evidence.json");
    let written = std::fs::read_to_string(&file).expect("read");
    assert!(
        written.contains("\"version\": 1"),
        "the fixture is a version 1 file"
    );
    let loaded = load_file(&file).expect("opens");
    assert_eq!(loaded.network.version, 1, "opening rewrites nothing");
    let folder = tempfile::tempdir().expect("tempdir");
    let saved = folder.path().join("saved.json");
    save_network(&loaded.network, &saved, Overwrite::Refuse).expect("saves");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("read")).expect("json");
    assert_eq!(json["version"], 3);
    assert_eq!(
        load_file(&saved).expect("reopens").network.ties,
        loaded.network.ties
    );
}

#[test]
fn what_the_map_shows_by_is_saved_and_loaded_back() {
    let mut network = load_file(&repo_file("docs/examples/minimal.json"))
        .expect("loads")
        .network;
    network.entities[0].attributes.insert("nickname", "Ada P.");
    network.shown_by.label = Some("nickname".to_owned());
    network.shown_by.size = Some("founded".to_owned());
    let json = powermap::network::save::network_to_json(&network).expect("encodes");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        value["shown_by"],
        serde_json::json!({ "label": "nickname", "size": "founded" })
    );
    assert_eq!(value["version"], 3);
    assert!(schema_validator().is_valid(&value), "the schema accepts it");
    let loaded = parse_network(json.as_bytes(), Path::new("shown.json")).expect("loads");
    assert_eq!(loaded.network, network);
    // No entity has "founded": a warning at its path, and the file opens.
    let warnings: Vec<String> = (loaded.warnings.iter())
        .map(|w| format!("{}: {}", w.path, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "shown_by.size: no entity has the attribute \"founded\"; the map shows every size as usual"
        ]
    );
    // Without a choice, the file has no `shown_by`.
    network.shown_by = Default::default();
    let json = powermap::network::save::network_to_json(&network).expect("encodes");
    assert!(!json.contains("shown_by"), "{json}");
}
