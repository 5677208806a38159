//! FollowTheMoney entities (JSON lines and arrays) and LittleSis API JSON: reading each
//! format's own dialect, the report, sniffing, writing FtM, and the round trip powermap →
//! FtM → powermap on the default network, also through `powermap convert`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use powermap::interop::{
    ExportFormat, Finding, Format, ImportError, Imported, Place, detect_format, export_to_string,
    import_bytes, import_file,
};
use powermap::network::dataset::load_default_network;
use powermap::network::date::DatePrecision;
use powermap::network::load::load_file;
use powermap::network::model::{EntityKind, LocalizedText, Network, Tie, TieKind};

mod common;

fn fixture(name: &str) -> PathBuf {
    common::fixture_in("interop", name)
}

fn import(name: &str) -> Imported {
    common::import_fixture("interop", name)
}

fn tie<'a>(network: &'a Network, id: &str) -> &'a Tie {
    network
        .tie(id)
        .unwrap_or_else(|| panic!("no tie {id}: {:?}", ids_of_ties(network)))
}

fn ids_of_ties(network: &Network) -> Vec<&str> {
    network.ties.iter().map(|tie| tie.id.as_str()).collect()
}

fn kind_of(network: &Network, id: &str) -> EntityKind {
    network
        .entity(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
        .kind
}

fn date_of(tie: &Tie) -> Option<(String, DatePrecision)> {
    tie.date.map(|date| (date.to_string(), date.precision()))
}

fn attribute<'a>(tie: &'a Tie, name: &str) -> Option<&'a str> {
    tie.attributes.get(name)
}

fn participants(tie: &Tie) -> Vec<&str> {
    tie.participants.iter().map(String::as_str).collect()
}

// --- FollowTheMoney ---

#[test]
fn ftm_json_lines_become_entities_and_ties_with_kinds() {
    let Imported {
        network,
        report,
        format,
    } = import("ftm-entities.ftm.json");
    assert_eq!(format, Format::Ftm);
    assert_eq!(network.title, "ftm-entities", "the name without .ftm.json");
    assert_eq!(network.entities.len(), 8, "{report}");
    for (id, kind) in [
        ("p-ada", EntityKind::Person),
        ("p-kim", EntityKind::Person),
        ("c-acme", EntityKind::Company),
        ("o-union", EntityKind::Company),
        ("le-trust", EntityKind::Other),
        ("pb-ministry", EntityKind::Government),
    ] {
        assert_eq!(kind_of(&network, id), kind, "{id}");
    }
    let mut ids = ids_of_ties(&network);
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "assoc-1", "dir-1", "emp-1", "ev-1", "fam-1", "link-1", "mem-1", "own-1", "own-2",
            "pay-1", "rep-1"
        ]
    );
    for (id, kind) in [
        ("own-1", TieKind::Affiliate),
        ("mem-1", TieKind::Affiliate),
        ("dir-1", TieKind::Role),
        ("emp-1", TieKind::Role),
        ("rep-1", TieKind::Role),
        ("fam-1", TieKind::Other),
        ("assoc-1", TieKind::Other),
        ("pay-1", TieKind::Other),
        ("ev-1", TieKind::Meeting),
        // An UnknownLink whose role names a kind is of that kind.
        ("link-1", TieKind::Supply),
    ] {
        assert_eq!(tie(&network, id).kind, kind, "{id}");
    }
    // An owned company comes before its owner, as powermap's affiliates read.
    assert_eq!(participants(tie(&network, "own-1")), ["c-acme", "le-trust"]);
    assert_eq!(participants(tie(&network, "dir-1")), ["p-ben", "c-acme"]);
    assert_eq!(
        participants(tie(&network, "ev-1")),
        ["p-ada", "p-ben", "p-kim"],
        "an Event is one tie among all involved"
    );
    // Each keeps its role and what the schema was, when the kind alone does not say it.
    assert_eq!(attribute(tie(&network, "dir-1"), "role"), Some("Director"));
    assert_eq!(
        attribute(tie(&network, "dir-1"), "schema"),
        Some("Directorship")
    );
    assert_eq!(
        attribute(tie(&network, "fam-1"), "relationship"),
        Some("spouse")
    );
    assert_eq!(attribute(tie(&network, "fam-1"), "schema"), Some("Family"));
    assert_eq!(
        attribute(tie(&network, "emp-1"), "schema"),
        None,
        "the default"
    );
    assert_eq!(attribute(tie(&network, "own-1"), "percentage"), Some("60"));
    assert_eq!(
        attribute(tie(&network, "own-1"), "sharesCount"),
        Some("600")
    );
    assert_eq!(report.count(Finding::MissingNode), 1, "{report}");
    assert!(
        report.findings[&Finding::MissingNode].examples[0].contains("vessel-9"),
        "{report}"
    );
}

#[test]
fn ftm_dates_keep_their_precision_and_amounts_their_currency() {
    let network = import("ftm-entities.ftm.json").network;
    let year = |text: &str| Some((text.to_owned(), DatePrecision::Year));
    assert_eq!(date_of(tie(&network, "own-1")), year("2021"));
    assert_eq!(
        date_of(tie(&network, "dir-1")),
        Some(("2021-02".to_owned(), DatePrecision::Month))
    );
    assert_eq!(
        attribute(tie(&network, "dir-1"), "endDate"),
        Some("2023-11-30"),
        "the end of the span stays"
    );
    assert_eq!(
        date_of(tie(&network, "emp-1")),
        Some(("2021-02-16".to_owned(), DatePrecision::Day))
    );
    assert_eq!(
        date_of(tie(&network, "ev-1")),
        Some(("2022-06-03".to_owned(), DatePrecision::Day))
    );
    let payment = tie(&network, "pay-1");
    let amount = payment.amount.as_ref().expect("a payment's amount");
    assert_eq!(
        (amount.value, amount.currency.as_str()),
        (2_500_000.0, "USD")
    );
    assert_eq!(attribute(payment, "purpose"), Some("Port services"));
    let shares = tie(&network, "own-2")
        .amount
        .as_ref()
        .expect("the shares' value");
    assert_eq!(
        (shares.value, shares.currency.as_str()),
        (1_000_000.0, "GBP")
    );
    let event = tie(&network, "ev-1");
    assert_eq!(event.summary, "Port contract dinner");
    assert_eq!(
        event.place.as_ref().and_then(|place| place.get("en")),
        Some("Lagos")
    );
}

#[test]
fn ftm_sources_and_publishers_become_evidence() {
    let network = import("ftm-entities.ftm.json").network;
    // The Article is the source; the Ownership cites it by its address.
    let ownership = tie(&network, "own-1");
    assert_eq!(ownership.evidence.len(), 1);
    assert_eq!(ownership.evidence[0].source, "art-1");
    assert!(ownership.evidence[0].quote.starts_with("Records show"));
    let article = network.source("art-1").expect("the Article is a source");
    assert_eq!(article.title, "Minister's trust owns shipping firm");
    assert_eq!(
        article.url.as_deref(),
        Some("https://ledger.example.com/2021/trust")
    );
    assert_eq!(article.author.as_deref(), Some("R. Reporter"));
    assert_eq!(
        article.published.map(|d| d.to_string()),
        Some("2021-03-02".into())
    );
    assert_eq!(article.outlet.get("en"), Some("The Daily Ledger"));
    // A Payment's sourceUrl and publisher: its summary is what the source states.
    let payment = tie(&network, "pay-1");
    let url = "https://gazette.example.gov/contracts/17";
    assert_eq!(payment.evidence.len(), 1);
    assert_eq!(payment.evidence[0].source, url);
    assert_eq!(
        payment.evidence[0].quote,
        "The ministry paid Acme Shipping for port services."
    );
    let gazette = network.source(url).expect("a source for the address");
    assert_eq!(gazette.outlet.get("en"), Some("Official Gazette"));
    // No quote is made up: a link without text or sources has no evidence.
    assert!(tie(&network, "own-2").evidence.is_empty());
}

#[test]
fn ftm_entities_keep_names_aliases_roles_and_properties() {
    let network = import("ftm-entities.ftm.json").network;
    let ada = network.entity("p-ada").expect("ada");
    assert_eq!(ada.display_name("en"), "Ada Okafor");
    assert_eq!(ada.aliases, ["A. Okafor"]);
    assert_eq!(
        ada.role.as_ref().and_then(|role| role.get("en")),
        Some("Minister of Finance")
    );
    let get = |entity: &powermap::network::model::Entity, name: &str| {
        entity.attributes.get(name).map(str::to_owned)
    };
    assert_eq!(get(ada, "nationality").as_deref(), Some("ng"));
    assert_eq!(get(ada, "birthDate").as_deref(), Some("1971"));
    assert_eq!(get(ada, "datasets").as_deref(), Some("demo"));
    assert_eq!(get(ada, "target").as_deref(), Some("true"));
    let ben = network.entity("p-ben").expect("ben");
    assert_eq!(ben.aliases, ["Benjamín Ortiz"], "a second name is an alias");
    assert_eq!(get(ben, "country").as_deref(), Some(r#"["mx","us"]"#));
    let kim = network.entity("p-kim").expect("kim");
    assert_eq!(kim.name.get("ko"), Some("김민지"));
    assert_eq!(kim.name.get("en"), Some("Kim Min-ji"));
    let acme = network.entity("c-acme").expect("acme");
    assert_eq!(get(acme, "registrationNumber").as_deref(), Some("01234567"));
    assert_eq!(
        acme.description.as_ref().and_then(|d| d.get("en")),
        Some("A holding company.")
    );
    let union = network.entity("o-union").expect("the union");
    assert_eq!(get(union, "schema").as_deref(), Some("Organization"));
    assert_eq!(
        get(acme, "schema"),
        None,
        "Company is what a company is written as"
    );
}

#[test]
fn ftm_schemata_powermap_does_not_read_are_reported() {
    let report = import("ftm-entities.ftm.json").report;
    assert_eq!(report.count(Finding::Ignored), 1, "{report}");
    assert!(
        report.findings[&Finding::Ignored].examples[0].contains("Sanction"),
        "{report}"
    );
    assert!(
        report.notes.iter().any(|note| note.contains("1 Sanction")),
        "{:?}",
        report.notes
    );
}

#[test]
fn ftm_arrays_open_as_json_lines_do() {
    let Imported {
        network, format, ..
    } = import("ftm-array.json");
    assert_eq!(format, Format::Ftm);
    assert_eq!((network.entities.len(), network.ties.len()), (2, 2));
    // OpenSanctions' caption is the name shown; the other names are aliases.
    let firm = network.entity("c1").expect("the firm");
    assert_eq!(firm.display_name("en"), "Rossi SpA");
    assert_eq!(firm.aliases, ["ROSSI S.P.A."]);
    // A payment with only its amount in euros, as German party donations have it.
    let amount = tie(&network, "pay1").amount.as_ref().expect("an amount");
    assert_eq!((amount.value, amount.currency.as_str()), (100_000.0, "EUR"));
    let ceo = tie(&network, "d1");
    assert_eq!(ceo.kind, TieKind::Role);
    assert_eq!(
        date_of(ceo),
        Some(("2019-01".to_owned(), DatePrecision::Month))
    );
}

#[test]
fn a_broken_ftm_line_is_an_error_at_its_line_and_column() {
    let error = import_file(&fixture("ftm-broken.ftm.json")).expect_err("a broken line");
    match &error {
        ImportError::Malformed {
            place: Place::Text { line, column, .. },
            message,
            ..
        } => {
            assert_eq!(*line, 3, "{error}");
            assert_eq!(*column, 115, "{error}");
            assert!(message.contains("not valid JSON"), "{error}");
        }
        other => panic!("expected a located error, got {other}"),
    }
    assert!(error.to_string().contains("line 3, column 115"), "{error}");
}

#[test]
fn an_unknown_schema_is_reported_and_the_rest_opens() {
    let Imported {
        network,
        report,
        format,
    } = import("ftm-unknown-schema.jsonl");
    assert_eq!(format, Format::Ftm, "a .jsonl whose content is FtM");
    assert_eq!(network.entities.len(), 2);
    assert_eq!(ids_of_ties(&network), ["l2"]);
    assert_eq!(attribute(tie(&network, "l2"), "role"), Some("adviser"));
    let ignored = &report.findings[&Finding::Ignored];
    assert_eq!(ignored.count, 1, "{report}");
    assert!(ignored.examples[0].contains("line 2"), "{report}");
    assert!(ignored.examples[0].contains("\"Spaceship\""), "{report}");
    assert!(
        ignored.examples[0].contains("not a FollowTheMoney schema"),
        "{report}"
    );
    assert_eq!(
        report.count(Finding::MissingNode),
        1,
        "the link to the spaceship"
    );
}

#[test]
fn ftm_is_recognised_by_content_not_by_a_jsonl_name() {
    let line = r#"{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}"#;
    let lines = format!("{line}\n{line}\n");
    assert_eq!(
        detect_format(lines.as_bytes(), Path::new("people.txt")),
        Some(Format::Ftm)
    );
    let array = format!("[{line}]");
    assert_eq!(
        detect_format(array.as_bytes(), Path::new("x.json")),
        Some(Format::Ftm)
    );
    let other = "{\"event\": \"click\"}\n{\"event\": \"scroll\"}\n";
    assert_ne!(
        detect_format(other.as_bytes(), Path::new("log.jsonl")),
        Some(Format::Ftm)
    );
    assert_eq!(
        ExportFormat::from_path(Path::new("map.ftm.json")),
        Some(ExportFormat::Ftm)
    );
    assert_eq!(ExportFormat::Ftm.extension(), "ftm.json");
}

// --- Writing FtM, and back ---

fn default_network() -> Network {
    load_default_network().expect("the default network").network
}

#[test]
fn the_written_ftm_is_one_entity_a_line_in_ftm_schemata() {
    let network = default_network();
    let text = export_to_string(&network, ExportFormat::Ftm).expect("exports");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(
        lines.len(),
        network.sources.len() + network.entities.len() + network.ties.len()
    );
    let schemata: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|line| line["schema"].as_str().expect("a schema"))
        .collect();
    let known = [
        "Article",
        "Person",
        "Company",
        "PublicBody",
        "Project",
        "LegalEntity",
        "Event",
        "Employment",
        "Ownership",
        "Payment",
        "UnknownLink",
    ];
    assert!(
        schemata.iter().all(|schema| known.contains(schema)),
        "{schemata:?}"
    );
    for line in &lines {
        let properties = line["properties"].as_object().expect("properties");
        assert!(
            properties.values().all(|values| values
                .as_array()
                .is_some_and(|list| list.iter().all(serde_json::Value::is_string))),
            "every property is a list of texts: {line}"
        );
    }
    // A meeting of three or more is an Event with all of them involved.
    let big = network
        .ties
        .iter()
        .find(|tie| tie.kind == TieKind::Meeting && tie.participants.len() > 2)
        .expect("a meeting of many");
    let event = lines
        .iter()
        .find(|line| line["id"] == big.id.as_str())
        .expect("written");
    assert_eq!(event["schema"], "Event");
    assert_eq!(
        event["properties"]["involved"].as_array().map(Vec::len),
        Some(big.participants.len())
    );
    // A kind FtM has no schema for is an UnknownLink whose role names it.
    let loi = network
        .ties
        .iter()
        .find(|tie| tie.kind == TieKind::LetterOfIntent)
        .expect("a letter of intent");
    let link = lines
        .iter()
        .find(|line| line["id"] == loi.id.as_str())
        .expect("written");
    assert_eq!(link["schema"], "UnknownLink");
    assert_eq!(link["properties"]["role"][0], "letter_of_intent");
}

#[test]
fn powermap_to_ftm_and_back_keeps_entities_ties_dates_amounts_and_sources() {
    let original = default_network();
    let text = export_to_string(&original, ExportFormat::Ftm).expect("exports");
    let Imported {
        network, report, ..
    } = import_bytes(text.as_bytes(), Path::new("back.ftm.json"))
        .unwrap_or_else(|err| panic!("back: {err}"));
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(network.entities.len(), original.entities.len());
    for (after, before) in network.entities.iter().zip(&original.entities) {
        assert_eq!(after.id, before.id);
        assert_eq!(after.kind, before.kind, "{}", before.id);
        // FtM names have no language: a name the same in two languages comes back once.
        let names =
            |name: &LocalizedText| name.values().map(str::to_owned).collect::<BTreeSet<_>>();
        assert_eq!(names(&after.name), names(&before.name), "{}", before.id);
        assert_eq!(after.aliases, before.aliases, "{}", before.id);
        assert_eq!(after.role, before.role, "{}", before.id);
        assert_eq!(after.description, before.description, "{}", before.id);
    }
    assert_eq!(network.ties.len(), original.ties.len());
    for (after, before) in network.ties.iter().zip(&original.ties) {
        let id = &before.id;
        assert_eq!(after.id, *id);
        assert_eq!(after.kind, before.kind, "{id}");
        assert_eq!(after.participants, before.participants, "{id}");
        assert_eq!(after.date, before.date, "{id}");
        assert_eq!(
            after.amount.as_ref().map(|a| (a.value, a.currency.clone())),
            before
                .amount
                .as_ref()
                .map(|a| (a.value, a.currency.clone())),
            "{id}"
        );
        assert_eq!(after.summary, before.summary, "{id}");
        assert_eq!(after.status, before.status, "{id}");
        let cited = |tie: &Tie| -> Vec<(String, String)> {
            tie.evidence
                .iter()
                .map(|item| (item.source.clone(), item.quote.clone()))
                .collect()
        };
        assert_eq!(
            cited(after),
            cited(before),
            "{id}: the quotes and their sources"
        );
        if before.kind == TieKind::Meeting {
            assert_eq!(after.place, before.place, "{id}: a meeting's place");
        }
    }
    let mut sources = network.sources.clone();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let mut expected = original.sources.clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        sources, expected,
        "the sources, each with its article's text"
    );
}

#[test]
fn ftm_written_from_ftm_keeps_the_schemata_and_properties() {
    let first = import("ftm-entities.ftm.json").network;
    let text = export_to_string(&first, ExportFormat::Ftm).expect("exports");
    for (id, schema) in [
        ("dir-1", "Directorship"),
        ("fam-1", "Family"),
        ("le-trust", "LegalEntity"),
        ("o-union", "Organization"),
        ("pay-1", "Payment"),
        ("own-2", "Ownership"),
    ] {
        let line = text
            .lines()
            .find(|line| line.contains(&format!("\"id\":\"{id}\"")))
            .unwrap_or_else(|| panic!("{id} written"));
        assert!(line.contains(&format!("\"schema\":\"{schema}\"")), "{line}");
    }
    let again = import_bytes(text.as_bytes(), Path::new("again.ftm.json"))
        .expect("reads back")
        .network;
    assert_eq!(again.entities, first.entities);
    for (after, before) in again.ties.iter().zip(&first.ties) {
        assert_eq!(after.kind, before.kind, "{}", before.id);
        assert_eq!(after.participants, before.participants, "{}", before.id);
        assert_eq!(after.date, before.date, "{}", before.id);
        assert_eq!(after.amount, before.amount, "{}", before.id);
        assert_eq!(after.attributes, before.attributes, "{}", before.id);
    }
}

#[test]
fn convert_writes_ftm_and_reads_it_back() {
    let folder = tempfile::tempdir().expect("tempdir");
    let original = folder.path().join("samsung.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&original, powermap::network::dataset::DEFAULT_DATASET_JSON).expect("write");
    let ftm = folder.path().join("samsung.ftm.json");
    let back = folder.path().join("back.json");
    let run = |args: &[&Path]| {
        let output = Command::new(env!("CARGO_BIN_EXE_powermap"))
            .args(args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let to = run(&["convert".as_ref(), &original, &ftm]);
    assert!(
        to.contains(&format!(
            "{}: written as FollowTheMoney JSON lines: 41 entities, 56 ties",
            ftm.display()
        )),
        "{to}"
    );
    let from = run(&["convert".as_ref(), &ftm, &back]);
    assert!(from.contains("FollowTheMoney"), "{from}");
    assert!(from.contains("56 with evidence"), "{from}");
    let before = load_file(&original).expect("opens").network;
    let after = load_file(&back).expect("opens").network;
    assert_eq!(after.entities.len(), before.entities.len());
    assert_eq!(after.ties.len(), before.ties.len());
    assert_eq!(after.sources.len(), before.sources.len());
}

// --- LittleSis ---

#[test]
fn littlesis_relationships_map_their_categories() {
    let Imported {
        network,
        report,
        format,
    } = import("littlesis-relationships.json");
    assert_eq!(format, Format::LittleSis);
    let mut ids = ids_of_ties(&network);
    ids.sort_unstable();
    assert_eq!(ids, ["9001", "9002", "9003", "9004", "9005"], "{report}");
    for (id, kind, category) in [
        ("9001", TieKind::Role, "Position"),
        ("9002", TieKind::Other, "Donation"),
        ("9003", TieKind::Affiliate, "Ownership"),
        ("9004", TieKind::Other, "Family"),
        ("9005", TieKind::Partnership, "Professional"),
    ] {
        let tie = tie(&network, id);
        assert_eq!(tie.kind, kind, "{id}");
        assert_eq!(attribute(tie, "category"), Some(category), "{id}");
    }
    let position = tie(&network, "9001");
    assert_eq!(participants(position), ["101", "202"]);
    assert_eq!(
        date_of(position),
        Some(("2015".to_owned(), DatePrecision::Year)),
        "LittleSis writes a year as 2015-00-00"
    );
    assert_eq!(
        attribute(position, "description1"),
        Some("Chief Executive Officer")
    );
    assert_eq!(
        position.summary,
        "Jane Doe has a position (Chief Executive Officer) at Example Bank"
    );
    let donation = tie(&network, "9002");
    let amount = donation.amount.as_ref().expect("the donation's amount");
    assert_eq!((amount.value, amount.currency.as_str()), (2700.0, "USD"));
    assert_eq!(
        date_of(donation),
        Some(("2016-03".to_owned(), DatePrecision::Month))
    );
    assert_eq!(attribute(donation, "end_date"), Some("2016-11-08"));
    // The owner comes after what it owns; its amount has no currency: dollars.
    let ownership = tie(&network, "9003");
    assert_eq!(participants(ownership), ["404", "202"]);
    assert_eq!(
        ownership.amount.as_ref().map(|a| a.currency.as_str()),
        Some("USD")
    );
    assert!(
        report.notes.iter().any(|note| note.contains("US dollars")),
        "{:?}",
        report.notes
    );
    assert_eq!(
        date_of(ownership),
        Some(("2018-06-30".to_owned(), DatePrecision::Day))
    );
    assert_eq!(attribute(ownership, "end_date"), None, "the same day");
    // The relationship's page is the source of its sentence.
    let page = "https://littlesis.org/relationships/9002";
    assert_eq!(donation.evidence.len(), 1);
    assert_eq!(donation.evidence[0].source, page);
    assert_eq!(
        donation.evidence[0].quote,
        "Jane Doe gave money to Citizens for Progress"
    );
    assert_eq!(
        network.source(page).and_then(|s| s.url.as_deref()),
        Some(page)
    );
    assert_eq!(report.count(Finding::MissingNode), 1, "{report}");
    assert!(
        report.findings[&Finding::MissingNode].examples[0].contains("707"),
        "{report}"
    );
}

#[test]
fn littlesis_entities_and_those_named_by_links() {
    let Imported {
        network, report, ..
    } = import("littlesis-relationships.json");
    assert_eq!(network.entities.len(), 6, "{report}");
    let jane = network.entity("101").expect("Jane Doe");
    assert_eq!(jane.kind, EntityKind::Person);
    assert_eq!(jane.display_name("en"), "Jane Doe");
    assert_eq!(jane.aliases, ["J. Doe"], "the name is not its own alias");
    assert_eq!(
        jane.role.as_ref().and_then(|r| r.get("en")),
        Some("Banker and donor")
    );
    assert_eq!(jane.attributes.get("start_date"), Some("1960"));
    assert_eq!(
        jane.attributes.get("url"),
        Some("https://littlesis.org/entities/101-Jane_Doe")
    );
    assert_eq!(kind_of(&network, "202"), EntityKind::Company);
    assert_eq!(kind_of(&network, "606"), EntityKind::Government);
    // Not in the file: named from the links of the relationships that name them.
    let committee = network.entity("303").expect("named by a link");
    assert_eq!(committee.display_name("en"), "Citizens for Progress");
    assert_eq!(committee.kind, EntityKind::Company);
    assert_eq!(kind_of(&network, "505"), EntityKind::Person);
    assert!(
        report
            .notes
            .iter()
            .any(|note| note.starts_with("2 entities")),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_littlesis_entity_alone_opens() {
    let Imported {
        network, format, ..
    } = import("littlesis-entity.json");
    assert_eq!(format, Format::LittleSis);
    assert_eq!((network.entities.len(), network.ties.len()), (1, 0));
    let corp = &network.entities[0];
    assert_eq!(corp.id, "13");
    assert_eq!(corp.kind, EntityKind::Company);
    assert_eq!(corp.aliases, ["ExCo"]);
    let get = |name: &str| corp.attributes.get(name);
    assert_eq!(get("website"), Some("https://example.com/"));
    assert_eq!(get("start_date"), Some("1892-04"));
    assert_eq!(get("tags"), Some(r#"["finance"]"#));
    assert_eq!(
        get("types"),
        Some(r#"["Organization","Business","Public Company"]"#)
    );
}
