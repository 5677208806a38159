//! The exported web page in a real browser: headless Chromium, driven through chromedriver
//! (WebDriver) on a free local port, opens the page from a `file://` path as a reader
//! would, and the tests click, type and step through it. `scripts/setup-browser.sh`
//! installs Debian's `chromium` and `chromium-driver`; `POWERMAP_CHROMIUM` and
//! `POWERMAP_CHROMEDRIVER` name others (Google Chrome and its driver work alike).
//!
//! `POWERMAP_WEB_SCREENSHOT=docs/web-page.png cargo test --test web_page` also saves the
//! README's screenshot, the Samsung–Tesla contract's evidence open.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction,
};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use powermap::export::{BASE_WIDTH_PX, Background, ExportOptions, export_map};
use powermap::layout::lay_out;
use powermap::network::dataset::load_default_network;
use powermap::network::date::PartialDate;
use powermap::network::index::NetworkIndex;
use powermap::network::model::{
    Entity, EntityKind, Evidence, LocalizedText, Network, Position, Source, StoryStep, StoryView,
    Tie, TieKind,
};
use powermap::network::save::{Overwrite, write_atomically};
use powermap::scene::graph::MapGraph;
use serde_json::{Value, json};

mod common;
use common::{powermap_command, succeeds};

/// How long the page may take to show what a test waits for.
const PATIENCE: Duration = Duration::from_secs(15);

fn program(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// A port nothing listens on, for chromedriver.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds a local port");
    listener.local_addr().expect("has an address").port()
}

/// A headless Chromium session and the chromedriver it runs through.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

async fn start_browser() -> Browser {
    let chromium = program("POWERMAP_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = program("POWERMAP_CHROMEDRIVER", "/usr/bin/chromedriver");
    for (path, what) in [(&chromium, "Chromium"), (&chromedriver, "chromedriver")] {
        assert!(
            path.exists(),
            "{what} is not at {}: run scripts/setup-browser.sh (as root or with sudo), which \
             installs Debian's chromium and chromium-driver, or set POWERMAP_CHROMIUM and \
             POWERMAP_CHROMEDRIVER to a browser and its driver",
            path.display()
        );
    }
    let port = free_port();
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {}: {err}", chromedriver.display()));
    let profile = tempfile::tempdir().expect("a profile folder");
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": chromium,
            // Without the background-networking flags Chromium reaches for the network at
            // start, which a closed machine refuses.
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let address = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&address)
            .await
        {
            Ok(client) => break client,
            // chromedriver takes a moment to listen.
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(err) => panic!("cannot start a Chromium session through chromedriver: {err}"),
        }
    };
    Browser {
        client,
        driver,
        _profile: profile,
    }
}

/// Runs `test` in a browser, then ends the session and chromedriver, whether it passed or not.
fn with_browser<F, Fut>(test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mut browser = start_browser().await;
        let outcome = tokio::spawn(test(browser.client.clone())).await;
        let _ = browser.client.clone().close().await;
        let _ = browser.driver.kill();
        let _ = browser.driver.wait();
        if let Err(err) = outcome {
            match err.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(err) => panic!("the test did not finish: {err}"),
            }
        }
    });
}

/// A page on disk and the folder holding it.
struct PageFile {
    path: PathBuf,
    _folder: tempfile::TempDir,
}

/// The default map's page, as `powermap render -o map.html` writes it.
fn default_page() -> PageFile {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("map.html");
    succeeds(powermap_command().args(["render", "-o"]).arg(&path));
    PageFile {
        path,
        _folder: folder,
    }
}

/// The page of `network`, laid out as the command line lays it out, labels in Korean.
fn page_of(network: &Network) -> PageFile {
    let map = MapGraph::new(&NetworkIndex::new(network));
    let positions = lay_out(network, &map.links());
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("page.html");
    let options = ExportOptions {
        width_px: BASE_WIDTH_PX,
        background: Background::White,
        language: "ko".to_owned(),
    };
    export_map(
        network,
        &map,
        &positions,
        &options,
        &path,
        Overwrite::Refuse,
    )
    .expect("writes the page");
    PageFile {
        path,
        _folder: folder,
    }
}

async fn open(client: &Client, page: &Path) {
    let url = url::Url::from_file_path(page).expect("an absolute path");
    client.goto(url.as_str()).await.expect("opens the page");
    wait_until(
        client,
        "return document.readyState === 'complete'",
        "the page loads",
    )
    .await;
}

/// Opens the page of a map and leaves its story, if it tells one, for the whole map.
async fn open_whole_map(client: &Client, page: &Path) {
    open(client, page).await;
    press(client, Key::Escape).await;
}

/// Presses and releases a key, wherever the page has the focus.
async fn press(client: &Client, key: Key) {
    let value = key.chars().next().expect("a key's code");
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value })
        .then(KeyAction::Up { value });
    client.perform_actions(keys).await.expect("presses the key");
}

/// Runs `script` until it returns true; fails saying `what` never happened.
async fn wait_until(client: &Client, script: &str, what: &str) {
    let started = Instant::now();
    loop {
        let value = client
            .execute(script, vec![])
            .await
            .expect("runs the check");
        if value == Value::Bool(true) {
            return;
        }
        assert!(started.elapsed() < PATIENCE, "{what}: never happened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The text of the element `selector` once `ready` holds for it.
async fn text_when(client: &Client, selector: &str, ready: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let text = client
            .execute(
                "const element = document.querySelector(arguments[0]); \
                 return element && !element.closest('[hidden]') ? element.innerText : null;",
                vec![json!(selector)],
            )
            .await
            .expect("reads the page");
        if let Some(text) = text.as_str().filter(|text| ready(text)) {
            return text.to_owned();
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{selector} never showed what was expected; it has {text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Moves the mouse to a point of the window and clicks there, as a reader would.
async fn click_at(client: &Client, [x, y]: [f64; 2]) {
    let mouse = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x.round(),
            y: y.round(),
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(mouse).await.expect("clicks");
    client.release_actions().await.expect("lets go");
}

/// Where a tie's line shows on the window: a point along it that no other line or entity
/// covers.
async fn tie_point(client: &Client, tie: &str) -> [f64; 2] {
    let point = client
        .execute(
            r#"
            const lines = document.querySelectorAll('[data-tie-id="' + CSS.escape(arguments[0]) + '"]');
            for (const line of lines) {
              const path = line.querySelector('path:last-child');
              const length = path.getTotalLength();
              for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const p = path.getPointAtLength(length * share);
                const s = new DOMPoint(p.x, p.y).matrixTransform(path.getScreenCTM());
                const hit = document.elementFromPoint(s.x, s.y);
                if (hit && hit.closest('[data-tie-id]') === line) return [s.x, s.y];
              }
            }
            return null;"#,
            vec![json!(tie)],
        )
        .await
        .expect("finds the line");
    serde_json::from_value(point.clone())
        .unwrap_or_else(|_| panic!("no line of {tie} shows on the page: {point}"))
}

/// Where an entity's shape shows on the window: its centre.
async fn entity_point(client: &Client, entity: &str) -> [f64; 2] {
    let point = client
        .execute(
            r#"
            const shape = document.querySelector('[data-entity-id="' + CSS.escape(arguments[0]) + '"]');
            if (!shape) return null;
            const box = shape.getBoundingClientRect();
            return [box.x + box.width / 2, box.y + box.height / 2];"#,
            vec![json!(entity)],
        )
        .await
        .expect("finds the entity");
    serde_json::from_value(point.clone())
        .unwrap_or_else(|_| panic!("{entity} is not drawn: {point}"))
}

#[test]
fn a_click_on_the_samsung_tesla_contract_shows_its_amount_and_outlet() {
    let page = default_page();
    let network = load_default_network().expect("loads").network;
    let first_caption = network
        .story
        .first()
        .map(|step| step.caption["ko"].to_owned());
    with_browser(move |client| async move {
        open(&client, &page.path).await;
        // The default map tells a story; the page opens on its first step.
        if let Some(caption) = first_caption {
            text_when(&client, "#caption", |text| text == caption).await;
        }
        press(&client, Key::Escape).await;
        let point = tie_point(&client, "samsung-electronics-tesla-ai6-contract").await;
        click_at(&client, point).await;
        let evidence = text_when(&client, "#evidence", |text| text.contains("165억달러")).await;
        for expected in [
            "Contract",
            "삼성전자",
            "테슬라",
            "2025-07 (known to the month)",
            "16,500,000,000 USD (165억달러)",
            "테슬라 측이 밝힌 계약 규모는 총 165억달러에 달한다.",
            "The contract size disclosed by Tesla totals US$16.5 billion.",
            "아이뉴스24",
        ] {
            assert!(
                evidence.contains(expected),
                "no {expected:?} in #evidence: {evidence}"
            );
        }
        // The Hangul is drawn with the page's own font, which needs no Korean font installed.
        wait_until(
            &client,
            "return [...document.fonts].some(font => font.family.replace(/\"/g, '') === 'NanumGothic' \
             && font.status === 'loaded') && document.fonts.check('14px NanumGothic', '아이뉴스24 165억달러')",
            "the embedded NanumGothic loads and draws the evidence",
        )
        .await;
        // The contract stands out; a line of another tie fades.
        wait_until(
            &client,
            "return document.querySelector('[data-tie-id=\"samsung-electronics-tesla-ai6-contract\"]').classList.contains('on') \
             && document.querySelectorAll('.tie:not(.on)').length > 0",
            "the contract stands out",
        )
        .await;
        if let Some(screenshot) = std::env::var_os("POWERMAP_WEB_SCREENSHOT") {
            let png = client.screenshot().await.expect("takes a screenshot");
            write_atomically(Path::new(&screenshot), &png, Overwrite::Replace)
                .expect("saves the screenshot");
        }
    });
}

#[test]
fn an_entity_shows_its_ties_by_date_and_search_finds_names_in_either_language() {
    let page = default_page();
    with_browser(move |client| async move {
        open_whole_map(&client, &page.path).await;
        let point = entity_point(&client, "tesla").await;
        click_at(&client, point).await;
        let entity = text_when(&client, "#entity", |text| text.contains("Ties by date")).await;
        assert!(entity.contains("테슬라"), "{entity}");
        let dates: Vec<String> = client
            .execute(
                "return [...document.querySelectorAll('#entity .ties .date')].map(d => d.textContent)",
                vec![],
            )
            .await
            .map(|value| serde_json::from_value(value).expect("strings"))
            .expect("reads the dates");
        assert!(dates.len() >= 2, "{dates:?}");
        let dated: Vec<&String> = dates.iter().filter(|d| *d != "undated").collect();
        assert!(
            dated.windows(2).all(|pair| pair[0] <= pair[1]),
            "not in date order: {dates:?}"
        );

        let search = client
            .find(Locator::Css("#search"))
            .await
            .expect("a search box");
        for query in ["Musk", "머스크"] {
            search.clear().await.expect("clears");
            search.send_keys(query).await.expect("types");
            let results =
                text_when(&client, "#results", |text| text.contains("1 name found")).await;
            assert!(results.contains("일론 머스크"), "{query}: {results}");
            wait_until(
                &client,
                "return document.querySelector('[data-entity-id=\"elon-musk\"]').classList.contains('found') \
                 && document.querySelectorAll('.entity.found').length === 1",
                "Elon Musk stands out, alone",
            )
            .await;
        }
        // An alias finds its entity too.
        search.clear().await.expect("clears");
        search.send_keys("이 회장").await.expect("types");
        let results = text_when(&client, "#results", |text| text.contains("found")).await;
        assert!(results.contains("이재용"), "{results}");
        // Enter shows the first one found.
        search.send_keys(&Key::Enter).await.expect("presses Enter");
        let entity = text_when(&client, "#entity", |text| text.contains("이재용")).await;
        assert!(entity.contains("Lee Jae-yong"), "{entity}");

        // The labels switch to English.
        client
            .find(Locator::Css("[data-language=\"en\"]"))
            .await
            .expect("the English button")
            .click()
            .await
            .expect("clicks");
        wait_until(
            &client,
            "return document.querySelector('[data-label-of=\"elon-musk\"]').textContent === 'Elon Musk' \
             && document.getElementById('credit').textContent.includes('inews24') \
             && document.querySelector('#entity h2').textContent === 'Lee Jae-yong'",
            "the labels, the credit and the panel in English",
        )
        .await;
    });
}

#[test]
fn a_click_on_a_self_loop_shows_its_tie_and_its_entity_lists_it_with_itself() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/self-loop.json");
    let network = powermap::network::load::load_file(&fixture)
        .expect("loads")
        .network;
    let page = page_of(&network);
    with_browser(move |client| async move {
        open_whole_map(&client, &page.path).await;
        let point = tie_point(&client, "acme-treasury").await;
        click_at(&client, point).await;
        let evidence = text_when(&client, "#evidence", |text| text.contains("own shares")).await;
        assert!(
            evidence.contains("Acme holds 5% of its own shares."),
            "{evidence}"
        );
        let point = entity_point(&client, "acme").await;
        click_at(&client, point).await;
        let entity = text_when(&client, "#entity", |text| text.contains("Ties by date")).await;
        assert!(entity.contains("with itself"), "{entity}");
    });
}

/// Text meant to run in a page that shows it as markup.
const HOSTILE: [&str; 5] = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "{{constructor}}",
    "</script><script>alert(2)</script>",
    "\"><svg onload=alert(3)>",
];

fn hostile_network() -> Network {
    let text = |s: &str| {
        LocalizedText::from([
            ("ko".to_owned(), s.to_owned()),
            ("en".to_owned(), s.to_owned()),
        ])
    };
    let mut network = Network::empty();
    network.title = HOSTILE[1].to_owned();
    network.sources = vec![Source {
        id: "s".to_owned(),
        outlet: text(HOSTILE[0]),
        title: HOSTILE[3].to_owned(),
        author: Some(HOSTILE[4].to_owned()),
        published: None,
        url: Some("javascript:alert(4)".to_owned()),
        language: None,
        text: None,
    }];
    // Ids that are names of every JavaScript object's properties.
    let ids = ["constructor", "__proto__", "toString"];
    network.entities = ids
        .iter()
        .zip([HOSTILE[0], HOSTILE[2], HOSTILE[4]])
        .map(|(id, name)| {
            let mut entity = Entity::new(*id, EntityKind::Person, text(name));
            entity.aliases = vec![HOSTILE[1].to_owned()];
            entity.role = Some(text(HOSTILE[3]));
            entity
        })
        .collect();
    let mut tie = Tie::new("hasOwnProperty", TieKind::Meeting, &ids[..2]);
    tie.summary = HOSTILE[1].to_owned();
    tie.place = Some(text(HOSTILE[0]));
    tie.evidence = vec![Evidence {
        source: "s".to_owned(),
        quote: HOSTILE[3].to_owned(),
        translation: Some(HOSTILE[2].to_owned()),
    }];
    let mut other = Tie::new("valueOf", TieKind::Contract, &ids[1..]);
    other.evidence = vec![Evidence {
        source: "s".to_owned(),
        quote: HOSTILE[0].to_owned(),
        translation: None,
    }];
    network.ties = vec![tie, other];
    network
}

#[test]
fn hostile_text_shows_as_text_and_runs_nothing() {
    let page = page_of(&hostile_network());
    with_browser(move |client| async move {
        open(&client, &page.path).await;
        let point = tie_point(&client, "hasOwnProperty").await;
        click_at(&client, point).await;
        let evidence = text_when(&client, "#evidence", |text| text.contains("alert(2)")).await;
        for expected in [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[4]] {
            assert!(
                evidence.contains(expected),
                "no {expected:?} as text in {evidence}"
            );
        }
        let point = entity_point(&client, "__proto__").await;
        click_at(&client, point).await;
        let entity = text_when(&client, "#entity", |text| text.contains("Ties by date")).await;
        assert!(
            entity.contains(HOSTILE[2]) && entity.contains(HOSTILE[3]),
            "{entity}"
        );
        let search = client
            .find(Locator::Css("#search"))
            .await
            .expect("a search box");
        search.send_keys("{{constructor}}").await.expect("types");
        let results = text_when(&client, "#results", |text| text.contains("found")).await;
        assert!(
            results.contains("1 name found") && results.contains(HOSTILE[2]),
            "{results}"
        );

        let labels: Vec<String> = serde_json::from_value(
            client
                .execute(
                    "return [...document.querySelectorAll('[data-label-of]')].map(l => l.textContent)",
                    vec![],
                )
                .await
                .expect("reads the labels"),
        )
        .expect("strings");
        assert_eq!(labels, [HOSTILE[0], HOSTILE[2], HOSTILE[4]]);
        let facts = client
            .execute(
                "return {
                   images: document.querySelectorAll('img').length,
                   scripts: document.scripts.length,
                   svgs: document.querySelectorAll('svg[onload]').length,
                   handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                   links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href')),
                   requests: performance.getEntriesByType('resource').map(r => r.name),
                   title: document.title,
                 }",
                vec![],
            )
            .await
            .expect("reads the page");
        assert_eq!(
            facts,
            json!({
                "images": 0,
                "scripts": 2,
                "svgs": 0,
                "handlers": 0,
                "links": [],
                "requests": [],
                "title": HOSTILE[1],
            }),
            "what the page holds"
        );
        match client.get_alert_text().await {
            Err(err) if err.is_no_such_alert() => {}
            other => panic!("an alert is open: {other:?}"),
        }
    });
}

/// The default map with a story of three steps: a meeting in 2023, the contract it led to
/// in July 2025, then OpenAI, seen close up.
fn storied_network() -> Network {
    let mut network = load_default_network().expect("loads").network;
    // Fixed positions, so that a step's view can name where OpenAI is.
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    for (entity, [x, y]) in network.entities.iter_mut().zip(positions) {
        entity.position = Some(Position {
            x: f64::from(x),
            y: f64::from(y),
        });
    }
    let openai = network
        .entity("openai")
        .and_then(|e| e.position)
        .expect("OpenAI is placed");
    let caption = |ko: &str, en: &str| {
        LocalizedText::from([
            ("ko".to_owned(), ko.to_owned()),
            ("en".to_owned(), en.to_owned()),
        ])
    };
    let mut meeting = StoryStep::new(caption(
        "2023년, 이재용 회장이 일론 머스크를 만난다.",
        "2023: Lee Jae-yong meets Elon Musk.",
    ));
    meeting.ties = vec!["lee-musk-2023-meeting".to_owned()];
    meeting.date = Some(PartialDate::year(2023));
    let mut contract = StoryStep::new(caption(
        "2025년 7월, 삼성전자가 테슬라와 165억달러 계약을 맺는다.",
        "July 2025: Samsung Electronics signs a US$16.5 billion contract with Tesla.",
    ));
    contract.ties = vec!["samsung-electronics-tesla-ai6-contract".to_owned()];
    contract.date = PartialDate::year_month(2025, 7);
    let mut close_up = StoryStep::new(caption("오픈AI", "OpenAI"));
    close_up.entities = vec!["openai".to_owned()];
    close_up.view = Some(StoryView {
        x: openai.x,
        y: openai.y,
        zoom: 4.0,
    });
    network.story = vec![meeting, contract, close_up];
    network
}

/// What the page shows of its story: the caption, the step's count, whether the story's
/// ties stand out and whether a tie dated after the step fades.
async fn story_state(client: &Client) -> Value {
    client
        .execute(
            r#"
            const on = id => document.querySelector('[data-tie-id="' + id + '"]').classList.contains('on');
            const box = document.getElementById('map-svg').viewBox.baseVal;
            const openai = document.querySelector('[data-entity-id="openai"]').getBBox();
            return {
              caption: document.getElementById('caption') && document.getElementById('caption').textContent,
              count: document.querySelector('#story .count') && document.querySelector('#story .count').textContent,
              meeting: on('lee-musk-2023-meeting'),
              contract: on('samsung-electronics-tesla-ai6-contract'),
              laterFades: document.querySelector('[data-tie-id="openai-samsung-sds-loi-2025-10-01"]').classList.contains('later'),
              focus: document.getElementById('map-svg').classList.contains('focus'),
              onOpenAi: Math.abs(box.x + box.width / 2 - (openai.x + openai.width / 2)) < 1
                && Math.abs(box.y + box.height / 2 - (openai.y + openai.height / 2)) < 1,
            };"#,
            vec![],
        )
        .await
        .expect("reads the story")
}

#[test]
fn the_story_steps_forward_and_back_with_the_arrow_keys() {
    let page = page_of(&storied_network());
    with_browser(move |client| async move {
        open(&client, &page.path).await;
        // It opens on the first step.
        assert_eq!(
            story_state(&client).await,
            json!({
                "caption": "2023년, 이재용 회장이 일론 머스크를 만난다.",
                "count": "Step 1 of 3",
                "meeting": true,
                "contract": false,
                "laterFades": true,
                "focus": true,
                "onOpenAi": false,
            })
        );
        press(&client, Key::Right).await;
        assert_eq!(
            story_state(&client).await,
            json!({
                "caption": "2025년 7월, 삼성전자가 테슬라와 165억달러 계약을 맺는다.",
                "count": "Step 2 of 3",
                "meeting": false,
                "contract": true,
                "laterFades": true,
                "focus": true,
                "onOpenAi": false,
            })
        );
        // The step's tie opens its evidence from the story.
        client
            .find(Locator::Css("#story .ties button"))
            .await
            .expect("the step's tie")
            .click()
            .await
            .expect("clicks");
        text_when(&client, "#evidence", |text| text.contains("아이뉴스24")).await;
        press(&client, Key::Right).await;
        let close_up = story_state(&client).await;
        assert_eq!(close_up["count"], "Step 3 of 3");
        assert_eq!(
            close_up["onOpenAi"], true,
            "the view moves to OpenAI: {close_up}"
        );
        assert_eq!(
            close_up["laterFades"], false,
            "an undated step shows every date"
        );
        // The last step stays the last.
        press(&client, Key::Right).await;
        assert_eq!(story_state(&client).await["count"], "Step 3 of 3");
        press(&client, Key::Left).await;
        assert_eq!(story_state(&client).await["count"], "Step 2 of 3");
        // The caption follows the label language.
        client
            .find(Locator::Css("[data-language=\"en\"]"))
            .await
            .expect("the English button")
            .click()
            .await
            .expect("clicks");
        assert_eq!(
            story_state(&client).await["caption"],
            "July 2025: Samsung Electronics signs a US$16.5 billion contract with Tesla."
        );
        // Esc leaves the story for the whole map.
        press(&client, Key::Escape).await;
        let left = story_state(&client).await;
        assert_eq!(
            (left["focus"].clone(), left["caption"].clone()),
            (json!(false), Value::Null)
        );
    });
}
