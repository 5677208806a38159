//! The article workbench in the window: an article pasted into File ▸ Add article…, its
//! mentions and proposed ties in the article view, a proposal made a tie whose quote is
//! found in the article, and the step undone.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::app::{Detail, PowermapApp};
use powermap::network::model::TieKind;

use common::{harness, tie_index};

const HEADLINE: &str = "삼성전자, 테슬라와 반도체 계약";
const CONTRACT: &str =
    "삼성전자가 지난 7월 테슬라와 체결한 165억달러 규모 반도체 공급 계약도 비슷한 과정을 거쳤다.";
const MEETING: &str = "이후 이 회장은 지난 10월 1일 서초사옥에서 올트먼 CEO와 다시 만나 논의를 진전시키고 전방위 협력 의향서(LOI)를 체결했다.";

fn article() -> String {
    format!(
        "{HEADLINE}\n\n[테스트일보 홍길동 기자] 이재용 삼성전자 회장의 행보다. {CONTRACT}\n\n{MEETING}\n"
    )
}

/// Pastes the article into File ▸ Add article…, dates it and adds it.
fn add_article(harness: &mut Harness<'static, PowermapApp>) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Add article…").click();
    harness.run_steps(3);
    harness.get_by_label("Article text").focus();
    harness.run_steps(1);
    harness.get_by_label("Article text").type_text(&article());
    harness.run_steps(3);

    // The details the text gives, each saying where it was found.
    let form = harness.state().add_article.clone().expect("the form");
    assert_eq!(form.detail(Detail::Title), HEADLINE);
    assert_eq!(form.detail(Detail::Outlet), "테스트일보");
    assert_eq!(form.detail(Detail::Author), "홍길동");
    assert_eq!(form.detail(Detail::Language), "ko");
    assert!(harness.query_all_by_label("found in the byline").count() >= 2);
    harness.get_by_label("found in the first line");
    harness.get_by_label("published").focus();
    harness.run_steps(1);
    harness.get_by_label("published").type_text("2025-12-23");
    harness.run_steps(2);
    harness.get_by_label("as you wrote it");
    harness.get_by_label("Add to the map").click();
    harness.run_steps(4);
}

#[test]
fn an_article_pasted_proposes_a_tie_made_with_its_quote_found_then_undone() {
    let mut harness = harness();
    let ties = harness.state().document.network.ties.len();
    add_article(&mut harness);

    // The article is a source with its text, open in the article view.
    let network = &harness.state().document.network;
    let source = network.sources.last().expect("the new source");
    assert_eq!(source.title, HEADLINE);
    assert_eq!(source.author.as_deref(), Some("홍길동"));
    assert_eq!(
        source.published.map(|d| d.to_string()).as_deref(),
        Some("2025-12-23")
    );
    assert_eq!(source.text.as_deref(), Some(article().as_str()));
    let source_id = source.id.clone();
    harness.get_by_label(&format!("Article: {HEADLINE}"));
    harness.get_by_label_contains("proposed ties");

    // Its mentions: the map's entities, found by name and by surname and title.
    harness.get_by_label_contains("Mentioned: ").click();
    harness.run_steps(2);
    for name in ["삼성전자 ×3", "테슬라 ×2", "이재용 ×2", "샘 올트먼 ×1"] {
        harness.get_by_label(name);
    }

    // The meeting sentence proposes Lee and Altman, found as "이 회장" and "올트먼 CEO".
    harness.get_by_label(MEETING).click();
    harness.run_steps(3);
    harness.get_by_label("Proposed tie");
    harness.get_by_label("이재용, 샘 올트먼");
    harness.get_by_label_contains("2025-10-01 (day), from “지난 10월 1일”");

    // The contract sentence, made a tie: one step, open in the tie editor.
    harness.get_by_label(CONTRACT).click();
    harness.run_steps(3);
    harness.get_by_label("삼성전자, 테슬라");
    harness.get_by_label("Make a tie from this").click();
    harness.run_steps(4);
    let network = &harness.state().document.network;
    assert_eq!(network.ties.len(), ties + 1, "one new tie");
    let tie = network.ties.last().expect("the new tie").clone();
    assert_eq!(tie.participants, ["samsung-electronics", "tesla"]);
    assert_eq!(tie.kind, TieKind::Contract);
    assert_eq!(tie.date.map(|d| d.to_string()).as_deref(), Some("2025-07"));
    assert_eq!(tie.evidence.len(), 1);
    assert_eq!(tie.evidence[0].source, source_id);
    assert_eq!(tie.evidence[0].quote, CONTRACT);
    assert_eq!(
        harness.state().selection,
        Some(powermap::app::Selection::Tie(tie_index(
            harness.state(),
            &tie.id
        )))
    );
    harness.get_by_label("Edit tie");

    // Read back, its quote is marked as found in the article, and a click shows it there.
    harness.get_by_label("Done").click();
    harness.run_steps(3);
    harness.get_by_label("✔ found in the article").click();
    harness.run_steps(3);
    let view = harness.state().article.as_ref().expect("the article view");
    let highlight = view.highlight.clone().expect("the quote highlighted");
    assert_eq!(&article()[highlight], CONTRACT);
    let sentence = view.sentence.expect("its sentence selected");
    assert_eq!(
        &article()[view.analysis.sentences[sentence].clone()],
        CONTRACT
    );
    assert!(
        view.quoted[sentence],
        "the sentence is marked as quoted now"
    );

    // One undo takes the whole proposal back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    let network = &harness.state().document.network;
    assert_eq!(network.ties.len(), ties);
    assert!(network.ties.iter().all(|t| t.id != tie.id));
    assert!(
        network.sources.iter().any(|s| s.id == source_id),
        "the article stays"
    );
    let view = harness.state().article.as_ref().expect("the article view");
    assert!(!view.quoted[sentence], "not quoted any more");
}

#[test]
fn a_page_that_is_not_text_or_a_missing_outlet_is_refused_with_why() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Add article…").click();
    harness.run_steps(3);
    harness.get_by_label("Article text").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Article text")
        .type_text("제목\n\n삼성전자가 테슬라와 계약했다.\n");
    harness.run_steps(3);
    let sources = harness.state().document.network.sources.len();
    harness.get_by_label("Add to the map").click();
    harness.run_steps(3);
    harness.get_by_label("Name the outlet that published the article");
    assert_eq!(harness.state().document.network.sources.len(), sources);
    assert!(
        harness.state().add_article.is_some(),
        "the form stays, with the text"
    );
}

#[test]
fn a_saved_page_dropped_on_the_window_fills_add_article() {
    let mut harness = harness();
    let folder = tempfile::tempdir().expect("tempdir");
    let page = folder.path().join("article.html");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html lang=\"ko\"><head><title>{HEADLINE} - 테스트일보</title>\
             <meta property=\"og:title\" content=\"{HEADLINE}\">\
             <meta property=\"og:site_name\" content=\"테스트일보\">\
             <meta property=\"og:url\" content=\"https://example.org/news/1\">\
             <meta property=\"article:published_time\" content=\"2025-12-23T09:00:00+09:00\">\
             </head><body><nav>메뉴</nav><article><h1>{HEADLINE}</h1><p>{CONTRACT}</p></article></body></html>"
        ),
    )
    .expect("write");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::DroppedPath(page)));
    harness.run_steps(4);
    harness.get_by_label("found in og:title");
    harness.get_by_label("found in article:published_time");
    let form = harness.state().add_article.clone().expect("the form");
    assert_eq!(form.detail(Detail::Title), HEADLINE);
    assert_eq!(form.detail(Detail::Outlet), "테스트일보");
    assert_eq!(form.detail(Detail::Published), "2025-12-23");
    assert_eq!(form.detail(Detail::Url), "https://example.org/news/1");
    assert!(form.text.contains(CONTRACT), "{}", form.text);
    assert!(!form.text.contains("메뉴"), "the page's menu is left out");
    let sources = harness.state().document.network.sources.len();
    harness.get_by_label("Add to the map").click();
    harness.run_steps(4);
    assert_eq!(harness.state().document.network.sources.len(), sources + 1);
    harness.get_by_label(&format!("Article: {HEADLINE}"));
}
