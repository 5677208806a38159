//! The command line on other tools' formats: `convert` there and back, and `validate` and
//! `render` on files that are not powermap's own; `merge`, combining maps of any format;
//! `mentions`, the ties a news article proposes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use powermap::network::dataset::{DEFAULT_DATASET_JSON, load_default_network};
use powermap::network::load::load_file;
use powermap::network::model::Network;

fn interop_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
}

fn powermap(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Entities, ties, and ties with evidence.
fn counts(network: &Network) -> (usize, usize, usize) {
    (
        network.entities.len(),
        network.ties.len(),
        network
            .ties
            .iter()
            .filter(|tie| !tie.evidence.is_empty())
            .count(),
    )
}

#[test]
fn convert_to_gexf_and_back_keeps_the_network() {
    let folder = tempfile::tempdir().expect("tempdir");
    let original = folder.path().join("samsung.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&original, DEFAULT_DATASET_JSON).expect("write");
    let gexf = folder.path().join("samsung.gexf");
    let back = folder.path().join("back.json");

    let to = powermap(&["convert".as_ref(), &original, &gexf]);
    assert!(to.status.success(), "{}", stderr(&to));
    let text = stdout(&to);
    assert!(text.contains("powermap JSON"), "the import report: {text}");
    assert!(text.contains("mapped 41 entities"), "{text}");
    assert!(
        text.contains(&format!(
            "{}: written as GEXF 1.3: 41 entities, 56 ties",
            gexf.display()
        )),
        "{text}"
    );

    let from = powermap(&["convert".as_ref(), &gexf, &back]);
    assert!(from.status.success(), "{}", stderr(&from));
    let text = stdout(&from);
    assert!(text.contains("GEXF 1.3"), "{text}");
    assert!(text.contains("56 with evidence"), "{text}");
    assert!(text.contains("written as powermap JSON"), "{text}");

    let before = load_file(&original).expect("the original opens").network;
    let after = load_file(&back).expect("the result opens").network;
    assert_eq!(counts(&after), counts(&before));
    assert_eq!(counts(&after), (41, 56, 56));
    assert_eq!(
        after.sources, before.sources,
        "the sources come back, each article's text with them"
    );
    let written = std::fs::read_to_string(&gexf).expect("read");
    let lead = "이재용 삼성전자 회장이 2주간의 미국 출장을 마치고";
    assert!(
        written.matches(lead).count() <= 2,
        "an article's text is written once, not on every edge (its sentence may also be quoted)"
    );
}

#[test]
fn convert_refuses_to_replace_without_force() {
    let folder = tempfile::tempdir().expect("tempdir");
    let input = interop_fixture("gephi.graphml");
    let output = folder.path().join("out.nodelink.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&output, "mine").expect("write");

    let refused = powermap(&["convert".as_ref(), &input, &output]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("already exists"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(&output).expect("read"), "mine");

    let forced = powermap(&["convert".as_ref(), &input, &output, "--force".as_ref()]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let written = std::fs::read_to_string(&output).expect("read");
    assert!(written.contains("\"links\""), "node-link JSON: {written}");
}

#[test]
fn convert_errors_are_clear() {
    let folder = tempfile::tempdir().expect("tempdir");
    let unknown = powermap(&[
        "convert".as_ref(),
        &interop_fixture("gephi-1.2.gexf"),
        &folder.path().join("out.png"),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("cannot tell which format to write"),
        "{}",
        stderr(&unknown)
    );

    let output = folder.path().join("out.gexf");
    let hostile = powermap(&[
        "convert".as_ref(),
        &interop_fixture("hostile/billion-laughs.gexf"),
        &output,
    ]);
    assert_eq!(hostile.status.code(), Some(1));
    assert!(stderr(&hostile).contains("refused"), "{}", stderr(&hostile));
    assert!(!output.exists(), "nothing is written");
}

#[test]
fn validate_prints_the_import_report_of_a_gexf_file() {
    let gexf = interop_fixture("gephi-1.2.gexf");
    let output = powermap(&["validate".as_ref(), &gexf]);
    assert!(output.status.success(), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("GEXF 1.2, UTF-8"), "{text}");
    assert!(
        text.contains("mapped 3 entities: 3 named, 3 with a kind, 3 with a position"),
        "{text}"
    );
    assert!(
        text.contains("kept as entity attributes: \"Modularity Class\" (3)"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}: ok: 3 entities, 3 ties, read as GEXF 1.2",
            gexf.display()
        )),
        "{text}"
    );
}

#[test]
fn validate_reports_hostile_files() {
    let refused = interop_fixture("hostile/billion-laughs.gexf");
    let dropped = interop_fixture("hostile/missing-nodes.graphml");
    let output = powermap(&["validate".as_ref(), &dropped, &refused]);
    assert_eq!(output.status.code(), Some(1), "an error sets the status");
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{}: line 2, column 1: refused", refused.display())),
        "{text}"
    );
    assert!(text.contains("<!ENTITY"), "{text}");
    // What was dropped is reported, with why, and is no error.
    assert!(
        text.contains("edges to nodes the file does not have: 2 (dropped; the rest opens)"),
        "{text}"
    );
    assert!(text.contains("no node \"x\""), "{text}");
    assert!(
        text.contains(&format!(
            "{}: ok: 2 entities, 2 ties, read as GraphML, 5 warnings",
            dropped.display()
        )),
        "{text}"
    );
    let alone = powermap(&["validate".as_ref(), &dropped]);
    assert!(alone.status.success(), "dropped edges are warnings only");
}

#[test]
fn render_draws_another_tools_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let svg = folder.path().join("map.svg");
    let output = powermap(&[
        "render".as_ref(),
        &interop_fixture("yed.graphml"),
        "-o".as_ref(),
        &svg,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let picture = std::fs::read_to_string(&svg).expect("written");
    assert!(picture.contains("<svg"), "{picture}");
    assert!(
        picture.contains("Mark Zuckerberg"),
        "the file's labels are drawn"
    );
}

fn default_dataset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samsung-network.json")
}

/// A small map that names Lee Jae-yong under its own id, dining with someone the default
/// network does not have.
const DINNER_MAP: &str = r#"{
  "format": "powermap",
  "version": 1,
  "title": "A dinner",
  "sources": [
    {
      "id": "herald-dinner",
      "outlet": { "en": "Herald" },
      "title": "Lee dines with Kim",
      "published": "2025-11-02",
      "url": "https://example.com/dinner"
    }
  ],
  "entities": [
    { "id": "jy-lee", "kind": "person", "name": { "en": "Lee Jae-yong" } },
    { "id": "kim-do-hyun", "kind": "person", "name": { "en": "Kim Do-hyun" } }
  ],
  "ties": [
    {
      "id": "lee-dines-with-kim",
      "kind": "meeting",
      "participants": ["jy-lee", "kim-do-hyun"],
      "date": "2025-11",
      "evidence": [{ "source": "herald-dinner", "quote": "Lee had dinner with Kim." }]
    }
  ]
}
"#;

fn write_dinner_map(folder: &Path) -> PathBuf {
    let path = folder.join("dinner.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, DINNER_MAP).expect("write");
    path
}

#[test]
fn merge_combines_lee_jae_yong_under_another_id_into_one_entity() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dinner = write_dinner_map(folder.path());
    let out = folder.path().join("combined.json");

    let merged = powermap(&[
        "merge".as_ref(),
        &default_dataset(),
        &dinner,
        "-o".as_ref(),
        &out,
    ]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let text = stdout(&merged);
    assert!(
        text.contains(&format!(
            "{}: combined into {}:",
            dinner.display(),
            default_dataset().display()
        )),
        "{text}"
    );
    assert!(
        text.contains("matched \"jy-lee\" to \"lee-jae-yong\": same name \"Lee Jae-yong\""),
        "{text}"
    );
    assert!(text.contains("entities: 1 matched, 1 added"), "{text}");
    assert!(text.contains("no conflicts"), "{text}");
    assert!(
        text.contains(&format!(
            "{}: written as powermap JSON: 42 entities, 57 ties",
            out.display()
        )),
        "{text}"
    );

    let network = load_file(&out).expect("the result opens").network;
    let lees: Vec<&str> = network
        .entities
        .iter()
        .filter(|entity| entity.name.values().any(|name| name == "Lee Jae-yong"))
        .map(|entity| entity.id.as_str())
        .collect();
    assert_eq!(lees, ["lee-jae-yong"]);
    assert!(network.entity("jy-lee").is_none());
    let dinner_tie = network.tie("lee-dines-with-kim").expect("the tie is added");
    assert_eq!(dinner_tie.participants, ["lee-jae-yong", "kim-do-hyun"]);
    assert_eq!(dinner_tie.evidence[0].source, "herald-dinner");
    assert!(network.source("herald-dinner").is_some());
    let default = load_file(&default_dataset()).expect("opens").network;
    assert_eq!(
        network.title, default.title,
        "the first file's title is kept"
    );
    assert_eq!(
        (network.entities.len(), network.ties.len()),
        (default.entities.len() + 1, default.ties.len() + 1)
    );
}

#[test]
fn merge_refuses_to_replace_without_force() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dinner = write_dinner_map(folder.path());
    let out = folder.path().join("combined.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&out, "mine").expect("write");
    let gexf = interop_fixture("gephi-1.2.gexf");

    let args = [
        "merge".as_ref(),
        dinner.as_path(),
        &gexf,
        "-o".as_ref(),
        &out,
    ];
    let refused = powermap(&args);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("already exists"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "mine");

    let forced = powermap(&[&args[..], &["--force".as_ref()]].concat());
    assert!(forced.status.success(), "{}", stderr(&forced));
    // Any format powermap opens can be merged: the GEXF file's report is printed too.
    assert!(stdout(&forced).contains("GEXF 1.2"), "{}", stdout(&forced));
    let network = load_file(&out).expect("the result opens").network;
    assert_eq!(network.entities.len(), 2 + 3);
    assert_eq!(network.title, "A dinner");
}

#[test]
fn merge_errors_name_the_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dinner = write_dinner_map(folder.path());
    let missing = folder.path().join("missing.json");
    let out = folder.path().join("combined.json");

    let unreadable = powermap(&["merge".as_ref(), &dinner, &missing, "-o".as_ref(), &out]);
    assert_eq!(unreadable.status.code(), Some(1));
    let message = stderr(&unreadable);
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(!out.exists(), "nothing is written");

    let gexf_out = folder.path().join("combined.gexf");
    let wrong_format = powermap(&[
        "merge".as_ref(),
        &dinner,
        &default_dataset(),
        "-o".as_ref(),
        &gexf_out,
    ]);
    assert_eq!(wrong_format.status.code(), Some(1));
    assert!(
        stderr(&wrong_format).contains("merge writes powermap JSON"),
        "{}",
        stderr(&wrong_format)
    );
    assert!(!gexf_out.exists());

    let one = powermap(&["merge".as_ref(), &dinner, "-o".as_ref(), &out]);
    assert_eq!(one.status.code(), Some(2), "clap asks for two files");
}

/// The lines `powermap mentions` printed, each read as JSON.
fn proposal_lines(output: &Output) -> Vec<serde_json::Value> {
    assert!(output.status.success(), "{}", stderr(output));
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}")))
        .collect()
}

#[test]
fn mentions_prints_the_ties_an_article_proposes() {
    let network = load_default_network().expect("the default network").network;
    let source = network
        .source("nocutnews-2024-06-13")
        .expect("the CBS NoCut News article");
    let folder = tempfile::tempdir().expect("tempdir");
    let article = folder.path().join("nocut.txt");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&article, source.text.as_deref().expect("its text")).expect("write");

    let output = powermap(&[
        "mentions".as_ref(),
        &article,
        "--published".as_ref(),
        "2024-06-13".as_ref(),
    ]);
    let lines = proposal_lines(&output);
    assert!(lines.len() > 10, "{}", stdout(&output));
    assert!(
        stdout(&output).starts_with("{\"sentence\":"),
        "the fields in their order: {}",
        stdout(&output)
    );
    let amazon = lines
        .iter()
        .find(|line| {
            line["sentence"] == "지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다."
        })
        .expect("the Amazon meeting");
    assert_eq!(
        amazon["entities"],
        serde_json::json!(["lee-jae-yong", "amazon", "andy-jassy"])
    );
    assert_eq!(amazon["kind"], "meeting");
    assert_eq!(amazon["date"], "2024-06-12");
    assert_eq!(amazon["precision"], "day");
    let because = amazon["because"].as_str().expect("a reason");
    assert!(
        because.contains("subject dropped: the article is about 이재용"),
        "{because}"
    );

    // Without --published the text gives no date line: only dates with their year resolve.
    let undated = proposal_lines(&powermap(&["mentions".as_ref(), &article]));
    let dates: Vec<&serde_json::Value> = undated
        .iter()
        .map(|line| &line["date"])
        .filter(|date| !date.is_null())
        .collect();
    assert_eq!(dates, [&serde_json::json!("2011")], "{undated:#?}");
}

#[test]
fn mentions_reads_standard_input_against_another_map() {
    let folder = tempfile::tempdir().expect("tempdir");
    let dinner = write_dinner_map(folder.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args([
            "mentions".as_ref(),
            "-".as_ref(),
            "--map".as_ref(),
            dinner.as_os_str(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("its input")
        .write_all(
            "Published: 31 Oct. 2025\n\nSamsung's Lee Jae-yong had dinner with Kim Do-hyun on Oct 30. \
             Mr. Lee met him again on Thursday."
                .as_bytes(),
        )
        .expect("written");
    let output = child.wait_with_output().expect("finishes");
    let lines = proposal_lines(&output);
    assert_eq!(lines.len(), 1, "{}", stdout(&output));
    assert_eq!(
        lines[0]["entities"],
        serde_json::json!(["jy-lee", "kim-do-hyun"])
    );
    assert_eq!(
        lines[0]["date"], "2025-10-30",
        "resolved against the date line"
    );
    assert_eq!(lines[0]["kind"], serde_json::Value::Null);
}

#[test]
fn mentions_errors_name_the_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let missing = folder.path().join("missing.txt");
    let output = powermap(&["mentions".as_ref(), &missing]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("{}: cannot read the article", missing.display())),
        "{}",
        stderr(&output)
    );

    let latin1 = folder.path().join("latin1.txt");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&latin1, b"Caf\xe9 Samsung").expect("write");
    let output = powermap(&["mentions".as_ref(), &latin1]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not UTF-8 text"),
        "{}",
        stderr(&output)
    );

    let broken_map = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syntax-error.json");
    let article = folder.path().join("article.txt");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&article, "이재용 삼성전자 회장").expect("write");
    let output = powermap(&["mentions".as_ref(), &article, "--map".as_ref(), &broken_map]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("syntax-error.json") && message.contains("line 13, column 7"),
        "{message}"
    );
}
