//! The window, driven headless with egui_kittest: what a person clicks and what appears.

use std::path::{Path, PathBuf};

use egui::{Event, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::app::{Command, LabelLanguage, PowermapApp, Selection};
use powermap::network::index::{EntityIx, TieIx};

mod common;
use common::{DroppedPath, click_at, entity_index, harness, send, tie_index, wait_for_label};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Lets the layout run to rest, as a person waits for the map to settle.
fn settle(harness: &mut Harness<'static, PowermapApp>) {
    for _ in 0..100 {
        harness.run_steps(10);
        if harness.query_by_label_contains("Layout resting").is_some() {
            return;
        }
    }
    panic!("the layout never came to rest");
}

fn sds_openai_contract(app: &PowermapApp) -> TieIx {
    let network = &app.document.network;
    (app.document.index.ties())
        .map(|tie| (tie, &network[tie]))
        .find(|(_, tie)| {
            tie.kind == powermap::network::model::TieKind::Contract
                && tie.participants.iter().any(|p| p == "samsung-sds")
                && tie.participants.iter().any(|p| p == "openai")
        })
        .expect("the Samsung SDS–OpenAI contract")
        .0
}

#[test]
fn the_default_network_opens_and_settles() {
    let mut harness = harness();
    harness.get_by_label("samsung-network.json");
    harness.get_by_label_contains("41 entities · 56 ties");
    harness.get_by_label("Samsung: owner contact first, affiliate execution after");
    harness.get_by_label("Legend");
    settle(&mut harness);
    // A resting layout stays put.
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let before = harness.state().document.view.entity_screen_pos(lee);
    harness.run_steps(5);
    assert_eq!(harness.state().document.view.entity_screen_pos(lee), before);
}

#[test]
fn the_fitted_map_keeps_clear_of_the_legend() {
    let mut harness = harness();
    settle(&mut harness);
    let header = harness.get_by_label("Legend").rect();
    // The legend's widest entry marks how far right it reaches.
    let right = harness.get_by_label("Letter of intent").rect().right();
    let app = harness.state();
    let map = app.document.view.screen_rect();
    assert!(header.left() < map.left() + 20.0 && header.top() > map.center().y);
    // Fitted, every entity beside the legend stands right of it, with room for the middle
    // of its label.
    for entity in app.document.index.entities() {
        let at = app.document.view.entity_screen_pos(entity).expect("drawn");
        assert!(
            at.x > right + 40.0 || at.y < header.top(),
            "{} at {at:?}, the legend's right edge at {right}",
            app.document.network[entity].id
        );
    }
}

#[test]
fn clicking_the_sds_openai_contract_shows_its_evidence() {
    let mut harness = harness();
    settle(&mut harness);
    let contract = sds_openai_contract(harness.state());
    let pos = harness
        .state()
        .document
        .view
        .tie_screen_pos(contract)
        .expect("drawn");
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selection, Some(Selection::Tie(contract)));
    let summary = harness.state().document.network[contract].summary.clone();
    harness.get_by_label(&summary);
    harness.get_by_label("2025-12-23 (day)");
    harness.get_by_label_contains("삼성SDS는 23일 오픈AI와 기업용 인공지능(AI) 서비스");
    // Outlet, date and reporter, and the article title, under each evidence item.
    assert!(
        harness
            .get_all_by_label("아이뉴스24, 2025-12-23, 박지은")
            .count()
            >= 1
    );
    assert!(
        harness
            .get_all_by_label("이재용은 테슬라·오픈AI·BYD 문 열고 계열사는 사업 따내고")
            .count()
            >= 1
    );
}

#[test]
fn clicking_a_self_loop_on_the_map_shows_its_tie() {
    let mut harness = harness();
    send(&mut harness, Command::Open(fixture("self-loop.json")));
    harness.get_by_label_contains("2 entities · 2 ties");
    settle(&mut harness);
    let treasury = tie_index(harness.state(), "acme-treasury");
    let acme = entity_index(harness.state(), "acme");
    let view = &harness.state().document.view;
    let on_loop = view.tie_screen_pos(treasury).expect("drawn");
    let centre = view.entity_screen_pos(acme).expect("drawn");
    assert!(
        (on_loop - centre).length() > 20.0,
        "the loop stands out of Acme: {on_loop:?} from {centre:?}"
    );
    click_at(&mut harness, on_loop);
    assert_eq!(harness.state().selection, Some(Selection::Tie(treasury)));
    harness.get_by_label("Acme holds 5% of its own shares.");
    harness.get_by_label("5%");

    // Acme's own panel lists it as a tie with itself, which opens it again.
    click_at(&mut harness, centre);
    assert_eq!(harness.state().selection, Some(Selection::Entity(acme)));
    harness.get_by_label("itself").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection, Some(Selection::Tie(treasury)));
}

#[test]
fn a_tie_dated_to_the_month_says_so() {
    let mut harness = harness();
    let document = &harness.state().document;
    let tesla = (document.index.ties())
        .find(|&t| {
            let t = &document.network[t];
            t.kind == powermap::network::model::TieKind::Contract
                && t.participants.iter().any(|p| p == "tesla")
        })
        .expect("the Tesla contract");
    send(&mut harness, Command::Select(Selection::Tie(tesla)));
    harness.get_by_label("2025-07 (month only)");
    harness.get_by_label_contains("16,500,000,000 USD (165억달러)");
}

#[test]
fn selecting_lee_jae_yong_lists_his_ties_and_a_tie_can_be_opened_from_there() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    harness.get_by_label("이재용");
    harness.get_by_label("Lee Jae-yong");
    harness.get_by_label("삼성전자 회장");
    let lee_ties = harness
        .state()
        .document
        .network
        .ties
        .iter()
        .filter(|t| t.participants.iter().any(|p| p == "lee-jae-yong"))
        .count();
    harness.get_by_label(&format!("Ties ({lee_ties})"));
    // The three-way meeting of 2025-02-04 is listed with the other two participants.
    harness.get_by_label("2025-02-04");
    // Listed twice: the dated three-way meeting, then the undated "met several times".
    harness
        .get_all_by_label("샘 올트먼, 손정의")
        .next()
        .expect("listed")
        .click();
    harness.run_steps(3);
    let meeting = tie_index(harness.state(), "lee-altman-son-2025-02-04-meeting");
    assert_eq!(harness.state().selection, Some(Selection::Tie(meeting)));
    harness.get_by_label("Participants");
}

#[test]
fn clicking_a_person_on_the_map_selects_them() {
    let mut harness = harness();
    settle(&mut harness);
    let musk = entity_index(harness.state(), "elon-musk");
    let pos = harness
        .state()
        .document
        .view
        .entity_screen_pos(musk)
        .expect("drawn");
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selection, Some(Selection::Entity(musk)));
    harness.get_by_label("Elon Musk");
}

#[test]
fn a_broken_file_shows_its_errors_and_keeps_the_network() {
    let mut harness = harness();
    send(&mut harness, Command::Open(fixture("many-errors.json")));
    harness.get_by_label("Could not open the file");
    harness.get_by_label_contains("could not be opened: 4 errors");
    harness.get_by_label_contains("sources[0].published: \"2024-13\" is impossible");
    harness.get_by_label_contains("line 30, column 22: error: entities[0].kind");
    harness.get_by_label_contains("41 entities · 56 ties");
    harness.get_by_label("samsung-network.json");
}

#[test]
fn a_good_file_opens_and_is_remembered() {
    let mut harness = harness();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json");
    send(&mut harness, Command::Open(example.clone()));
    harness.get_by_label("minimal.json");
    harness.get_by_label_contains("3 entities · 2 ties");
    assert_eq!(
        harness.state().settings.recent_files.first(),
        Some(&example)
    );
    assert_eq!(
        harness.state().language,
        LabelLanguage::English,
        "the file asks for English labels"
    );
}

#[test]
fn the_language_toggle_changes_the_labels() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    assert_eq!(
        harness.state().document.view.entity_label(lee).as_deref(),
        Some("이재용")
    );
    harness.get_by_label("English").click();
    harness.run_steps(3);
    assert_eq!(harness.state().language, LabelLanguage::English);
    assert_eq!(
        harness.state().document.view.entity_label(lee).as_deref(),
        Some("Lee Jae-yong")
    );
    harness.get_by_label("한국어").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().document.view.entity_label(lee).as_deref(),
        Some("이재용")
    );
}

#[test]
fn space_pauses_and_resumes_the_layout() {
    let mut harness = harness();
    harness.get_by_label_contains("Layout running");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label_contains("Layout paused");
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let before = harness.state().document.view.entity_screen_pos(lee);
    harness.run_steps(5);
    assert_eq!(
        harness.state().document.view.entity_screen_pos(lee),
        before,
        "a paused layout moves nothing"
    );
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label_contains("Layout running");
}

#[test]
fn p_pins_the_selected_entity() {
    let mut harness = harness();
    let musk = entity_index(harness.state(), "elon-musk");
    harness
        .state_mut()
        .command(Command::Select(Selection::Entity(musk)));
    harness.run_steps(2);
    assert!(!harness.state().document.view.is_pinned(musk));
    harness.key_press(egui::Key::P);
    harness.run_steps(2);
    assert!(harness.state().document.view.is_pinned(musk));
    let location = |harness: &Harness<'static, PowermapApp>, entity: EntityIx| {
        harness.state().document.view.positions()[entity.index()]
    };
    let tesla = entity_index(harness.state(), "tesla");
    harness.run_steps(20);
    let (musk_before, tesla_before) = (location(&harness, musk), location(&harness, tesla));
    harness.state_mut().command(Command::Relayout);
    harness.run_steps(20);
    assert_eq!(
        location(&harness, musk),
        musk_before,
        "a pinned entity stays put"
    );
    assert_ne!(
        location(&harness, tesla),
        tesla_before,
        "re-layout moves the others"
    );
    harness.key_press(egui::Key::P);
    harness.run_steps(2);
    assert!(
        !harness.state().document.view.is_pinned(musk),
        "P again unpins"
    );
}

#[test]
fn ctrl_e_opens_the_export_dialog() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run_steps(3);
    harness.get_by_label("Export the map");
    harness.get_by_label("Whole map, with legend and sources");
    harness.get_by_label("Current view, as on screen");
    harness.get_by_label("Transparent");
    harness.get_by_label("3200 pixels wide");
    harness.get_by_label("Web page (HTML)");
}

#[test]
fn exporting_the_whole_map_writes_the_picture_and_says_so() {
    let mut harness = harness();
    settle(&mut harness);
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("samsung.png");
    let settings = powermap::app::ExportSettings {
        size: powermap::app::ExportSize::WidthPx(900),
        ..Default::default()
    };
    send(
        &mut harness,
        Command::Export(powermap::app::ExportRequest {
            path: path.clone(),
            settings,
        }),
    );
    let image = image::open(&path).expect("a PNG was written").to_rgba8();
    assert_eq!(image.width(), 900);
    harness.get_by_label_contains("Exported");
    // A name without the extension gets it, and never replaces a file it was not asked to.
    let bare = folder.path().join("samsung");
    let settings = powermap::app::ExportSettings {
        size: powermap::app::ExportSize::WidthPx(900),
        ..Default::default()
    };
    send(
        &mut harness,
        Command::Export(powermap::app::ExportRequest {
            path: bare,
            settings,
        }),
    );
    harness.get_by_label("Export failed");
    harness.get_by_label_contains("already exists");
}

#[test]
fn exporting_a_web_page_writes_the_map_with_its_evidence() {
    let mut harness = harness();
    settle(&mut harness);
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("samsung.html");
    let settings = powermap::app::ExportSettings {
        format: powermap::export::ImageFormat::Html,
        ..Default::default()
    };
    send(
        &mut harness,
        Command::Export(powermap::app::ExportRequest {
            path: path.clone(),
            settings,
        }),
    );
    let page = std::fs::read_to_string(&path).expect("a page was written");
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    assert!(page.contains("data-tie-id=\"samsung-electronics-tesla-ai6-contract\""));
    assert!(page.contains("165억달러"));
    harness.get_by_label_contains("Exported");
}

fn interop_fixture(name: &str) -> PathBuf {
    fixture("interop").join(name)
}

#[test]
fn a_gexf_file_opens_with_its_import_report() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::Open(interop_fixture("gephi-1.2.gexf")),
    );
    harness.get_by_label("gephi-1.2.gexf");
    harness.get_by_label_contains("3 entities · 3 ties");
    harness.get_by_label("Import report");
    harness.get_by_label_contains("read as GEXF 1.2, UTF-8");
    harness.get_by_label_contains("Modularity Class (3)");
    harness.get_by_label_contains("Imported from GEXF 1.2");
    assert_eq!(
        harness.state().document.own_file(),
        None,
        "Save does not write over another tool's file"
    );
    // Its attributes show with the entity.
    let openai = entity_index(harness.state(), "openai");
    send(&mut harness, Command::Select(Selection::Entity(openai)));
    harness.get_by_label("country");
    harness.get_by_label("US");
    // The report closes, and the status bar brings it back.
    send(&mut harness, Command::CloseImportReport);
    assert!(harness.query_by_label("Import report").is_none());
    harness
        .get_by_label_contains("Imported from GEXF 1.2")
        .click();
    harness.run_steps(3);
    harness.get_by_label("Import report");
}

#[test]
fn a_broken_xml_file_shows_where_and_keeps_the_network() {
    let mut harness = harness();
    send(
        &mut harness,
        Command::Open(interop_fixture("hostile/truncated.gexf")),
    );
    harness.get_by_label("Could not open the file");
    harness.get_by_label_contains("truncated.gexf could not be opened: 1 error");
    harness.get_by_label_contains("line 12, column 9: error: gexf/graph/attributes/attribute");
    harness.get_by_label_contains("it is truncated");
    harness.get_by_label_contains("41 entities · 56 ties");
    harness.get_by_label("samsung-network.json");
    assert!(harness.query_by_label("Import report").is_none());
}

#[test]
fn save_as_gexf_writes_what_reopens_the_same() {
    let mut harness = harness();
    harness.run_steps(20);
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("samsung.gexf");
    send(&mut harness, Command::SaveAs(path.clone()));
    harness.get_by_label_contains(&format!("Saved {}", path.display()));
    let imported = powermap::interop::import_file(&path).expect("the saved file imports");
    let network = &imported.network;
    assert_eq!((network.entities.len(), network.ties.len()), (41, 56));
    assert!(
        network
            .entities
            .iter()
            .all(|e| e.position.is_some() && !e.pinned),
        "positions are saved, and nothing is pinned that was not"
    );
    // Saving as GEXF exports: the window goes on with the network it had.
    harness.get_by_label("samsung-network.json");

    send(&mut harness, Command::Open(path.clone()));
    harness.get_by_label("samsung.gexf");
    harness.get_by_label_contains("41 entities · 56 ties");
    harness.get_by_label("Import report");

    // A name without an extension is saved as powermap JSON beside it, never replacing.
    let bare = folder.path().join("samsung");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(bare.with_extension("json"), "mine").expect("write");
    send(&mut harness, Command::SaveAs(bare));
    harness.get_by_label("Save failed");
    harness.get_by_label_contains("already exists");
    assert_eq!(
        std::fs::read_to_string(folder.path().join("samsung.json")).expect("read"),
        "mine"
    );

    // Saved as powermap JSON, the imported network becomes that file, which Save writes to.
    let own = folder.path().join("samsung-own.json");
    send(&mut harness, Command::SaveAs(own.clone()));
    assert_eq!(harness.state().document.own_file(), Some(own.as_path()));
    harness.get_by_label("samsung-own.json");
    assert!(harness.query_by_label("Import report").is_none());
    let saved = powermap::network::load::load_file(&own).expect("the saved file opens");
    assert_eq!(
        (saved.network.entities.len(), saved.network.ties.len()),
        (41, 56)
    );
}

#[test]
fn save_writes_back_and_asks_first_only_when_another_program_changed_the_file() {
    let mut harness = harness();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("minimal.json");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::copy(&example, &path).expect("copy");
    harness.state_mut().command(Command::Open(path.clone()));
    harness.run_steps(20);
    assert_eq!(harness.state().document.own_file(), Some(path.as_path()));

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    assert!(harness.query_by_label("Replace minimal.json?").is_none());
    harness.get_by_label_contains(&format!("Saved {}", path.display()));
    let saved = powermap::network::load::load_file(&path).expect("the saved file opens");
    let before = powermap::network::load::load_file(&example).expect("the example opens");
    assert!(saved.network.entities.iter().all(|e| e.position.is_some()));
    assert_eq!(
        saved.network.ties, before.network.ties,
        "ties and evidence are kept"
    );
    assert_eq!(saved.network.sources, before.network.sources);

    // Another program writes the file: Save asks before replacing what it wrote.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let theirs = std::fs::read_to_string(&example).expect("read");
    #[allow(clippy::disallowed_methods, reason = "another program's write")]
    std::fs::write(&path, &theirs).expect("write");
    send(&mut harness, Command::Save);
    harness.get_by_label("Replace minimal.json?");
    harness.get_by_label_contains("was changed by another program");
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Replace minimal.json?").is_none());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);

    send(&mut harness, Command::Save);
    harness.run_steps(10);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        theirs,
        "nothing is written while it asks"
    );
    harness.get_by_label("Replace").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Replace minimal.json?").is_none());
    assert_ne!(std::fs::read_to_string(&path).expect("read"), theirs);
}

/// A generated network big enough to open in the background.
fn large_file(folder: &Path) -> PathBuf {
    let path = folder.join("large.json");
    let network = powermap::network::generate::generate_network(6_000, 12_000, 5);
    powermap::network::save::save_network(
        &network,
        &path,
        powermap::network::save::Overwrite::Refuse,
    )
    .expect("saves");
    assert!(
        std::fs::metadata(&path).expect("stat").len() >= 1 << 20,
        "not large enough to test background loading"
    );
    path
}

#[test]
fn a_large_file_opens_in_the_background_with_progress() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = large_file(folder.path());
    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    // The command is applied at the end of a frame; the progress shows on the next.
    harness.run_steps(2);
    harness.get_by_label_contains("Opening large.json");
    // The old network stays on screen, and usable, meanwhile.
    harness.get_by_label_contains("41 entities · 56 ties");
    wait_for_label(&mut harness, "6000 entities · 12000 ties");
    assert!(
        harness
            .query_by_label_contains("Opening large.json")
            .is_none()
    );
}

#[test]
fn a_large_network_opens_without_its_explore_indexes_and_builds_them_when_asked() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = large_file(folder.path());
    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    wait_for_label(&mut harness, "6000 entities · 12000 ties");
    harness.run_steps(5);
    let explore = &harness.state().document.explore;
    assert!(
        !explore.has_contact_deals(),
        "drawing the map and the overview indexes no contact or deal"
    );
    assert!(explore.found_chains().is_none());
    // The chains' section opens closed; opening it finds them.
    harness.get_by_label("Contact ➡ deal chains").click();
    harness.run_steps(3);
    assert!(harness.state().document.explore.has_contact_deals());
    let chains = harness
        .state()
        .document
        .explore
        .found_chains()
        .map(<[_]>::len);
    let chains = chains.expect("found once asked for");
    harness.get_by_label(&format!("Contact ➡ deal chains ({chains})"));
}

#[test]
fn a_hubs_panel_lists_its_first_hundred_ties_and_counts_the_rest() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = large_file(folder.path());
    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    wait_for_label(&mut harness, "6000 entities · 12000 ties");
    let index = &harness.state().document.index;
    let hub = (index.entities())
        .max_by_key(|&entity| index.ties_of(entity).len())
        .expect("entities");
    let ties = index.ties_of(hub).len();
    assert!(ties > 100, "the hub has {ties} ties");
    send(&mut harness, Command::Select(Selection::Entity(hub)));
    harness.get_by_label(&format!("Ties ({ties})"));
    harness.get_by_label_contains(&format!("and {} more, not listed", ties - 100));
}

#[test]
fn opening_a_large_file_can_be_cancelled() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = large_file(folder.path());
    let mut harness = harness();
    harness.state_mut().command(Command::Open(path));
    // A new window takes a frame to size itself before it takes clicks.
    harness.run_steps(3);
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(harness.state().loading.is_none());
    harness.get_by_label_contains("Cancelled opening");
    // Wait for the cancelled thread to end: whatever it read by then must not open.
    for _ in 0..1000 {
        if harness.state().stopping_loads() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        harness.state().stopping_loads(),
        0,
        "the load never stopped"
    );
    harness.run_steps(3);
    harness.get_by_label_contains("41 entities · 56 ties");
    assert!(harness.state().loading.is_none());
}

/// Turns the mouse wheel by `points` (positive: zoom in) where the pointer is.
fn turn_wheel(harness: &Harness<'static, PowermapApp>, points: f32) {
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, points),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
}

#[test]
fn the_mouse_wheel_zooms_about_the_pointer() {
    let mut harness = harness();
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    let view = |harness: &Harness<'static, PowermapApp>, entity| {
        harness
            .state()
            .document
            .view
            .entity_screen_pos(entity)
            .expect("drawn")
    };
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let musk = entity_index(harness.state(), "elon-musk");
    let (lee_before, musk_before) = (view(&harness, lee), view(&harness, musk));
    harness.hover_at(lee_before);
    harness.run_steps(1);
    turn_wheel(&harness, 120.0);
    harness.run_steps(20);
    let (lee_after, musk_after) = (view(&harness, lee), view(&harness, musk));
    let zoom = (musk_after - lee_after).length() / (musk_before - lee_before).length();
    // 120 points of wheel zoom in by e^0.3.
    assert!((zoom - 0.3_f32.exp()).abs() < 0.02, "zoomed by {zoom}");
    assert!(
        (lee_after - lee_before).length() < 1.0,
        "the entity under the pointer stays under it: {lee_before:?} → {lee_after:?}"
    );
}

#[test]
fn a_large_meeting_is_named_in_short_in_the_entity_panel() {
    let mut harness = harness();
    let lee = entity_index(harness.state(), "lee-jae-yong");
    send(&mut harness, Command::Select(Selection::Entity(lee)));
    // The ten-person Qualcomm meeting: three names and a count keep the panel narrow.
    harness.get_by_label_contains("and 6 more").click();
    harness.run_steps(3);
    let Some(Selection::Tie(tie)) = harness.state().selection else {
        panic!("a click on the row selects its tie");
    };
    assert_eq!(harness.state().document.network[tie].participants.len(), 10);
}

#[test]
fn fit_shows_the_whole_network_with_room_for_the_labels_at_its_edges() {
    let mut harness = harness();
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    // Zoom far in, then fit.
    let lee = entity_index(harness.state(), "lee-jae-yong");
    let centre = harness
        .state()
        .document
        .view
        .entity_screen_pos(lee)
        .expect("drawn");
    harness.hover_at(centre);
    turn_wheel(&harness, 800.0);
    harness.run_steps(20);
    send(&mut harness, Command::FitView);
    let view = &harness.state().document.view;
    let inner = view.screen_rect().shrink2(egui::vec2(100.0, 30.0));
    let positions: Vec<Pos2> = (harness.state().document.index.entities())
        .map(|entity| view.entity_screen_pos(entity).expect("drawn"))
        .collect();
    for (entity, position) in positions.iter().enumerate() {
        assert!(
            inner.contains(*position),
            "entity {entity} at {position:?} outside {inner:?}"
        );
    }
    // And it fills the map right of the legend: the network spans most of the room in
    // one direction.
    let legend_right = harness.get_by_label("Letter of intent").rect().right();
    let mut room = inner;
    room.min.x = legend_right + 100.0;
    let span = egui::Rect::from_points(&positions).size();
    assert!(
        span.x > room.width() * 0.9 || span.y > room.height() * 0.9,
        "{span:?} in {room:?}"
    );
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let mut harness = harness();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(example)));
    harness.run_steps(3);
    harness.get_by_label("minimal.json");
    harness.get_by_label_contains("3 entities · 2 ties");
}

#[test]
fn long_tie_attributes_wrap_inside_the_side_panel() {
    let mut harness = harness();
    let contract = tie_index(harness.state(), "samsung-electronics-tesla-ai6-contract");
    send(&mut harness, Command::Select(Selection::Tie(contract)));
    // "production site": a sentence in two languages, longer than the panel is wide.
    let value = harness.get_by_label_contains("Taylor, Texas)").rect();
    assert!(
        value.width() < 400.0 && value.height() > 20.0,
        "wrapped onto several lines within the panel: {value:?}"
    );
    assert!(value.right() <= 1400.0);
}

#[test]
fn the_window_rests_once_the_layout_does() {
    let mut harness = harness();
    // While the layout moves, every frame asks for the next.
    assert!(
        harness.try_run().is_err(),
        "a moving layout must keep repainting"
    );
    settle(&mut harness);
    let frames = harness
        .try_run()
        .unwrap_or_else(|err| panic!("the window does not rest: {err}"));
    assert!(frames <= 3, "{frames} frames to come to rest");
    assert_eq!(
        repaint_delay(&harness),
        std::time::Duration::MAX,
        "at rest, no repaint is asked for at all"
    );
    // The pointer moving over the map and stopping on a node costs a frame or two, then
    // the window rests again.
    let lee = harness
        .state()
        .document
        .view
        .entity_screen_pos(entity_index(harness.state(), "lee-jae-yong"))
        .expect("Lee Jae-yong is drawn");
    harness.hover_at(lee);
    let frames = harness
        .try_run()
        .unwrap_or_else(|err| panic!("hovering keeps the window awake: {err}"));
    assert!(frames <= 3, "{frames} frames after hovering");
    // The timeline's play button asks for the next frame when its next date is due.
    harness.state_mut().command(Command::SetPlaying(true));
    harness.run_steps(2);
    let delay = repaint_delay(&harness);
    assert!(
        delay <= std::time::Duration::from_secs_f64(0.8),
        "a playing timeline must come back for its next date, not in {delay:?}"
    );
    harness.state_mut().command(Command::SetPlaying(false));
    harness.run_steps(2);
    harness
        .try_run()
        .unwrap_or_else(|err| panic!("a paused timeline keeps the window awake: {err}"));
    // A command that moves the layout wakes it.
    harness.state_mut().command(Command::Relayout);
    harness.run_steps(2);
    assert!(harness.try_run().is_err(), "re-layout must animate");
}

/// How long after the last frame the window asked to be drawn again.
fn repaint_delay(harness: &Harness<'static, PowermapApp>) -> std::time::Duration {
    harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
}

#[test]
fn only_web_links_open_in_the_browser() {
    let mut harness = harness();
    let opened = |harness: &Harness<'static, PowermapApp>| -> Vec<String> {
        harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter_map(|command| match command {
                egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
                _ => None,
            })
            .collect()
    };
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "/usr/bin/xterm",
    ] {
        harness
            .state_mut()
            .command(Command::OpenLink(url.to_owned()));
        harness.step();
        assert!(opened(&harness).is_empty(), "{url} must not open");
    }
    let article = "https://www.inews24.com/view/1917034";
    harness
        .state_mut()
        .command(Command::OpenLink(article.to_owned()));
    harness.step();
    assert_eq!(opened(&harness), [article]);
}

#[test]
fn exporting_the_current_view_saves_the_map_as_on_screen() {
    let mut harness = harness();
    settle(&mut harness);
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("view.png");
    harness
        .state_mut()
        .command(Command::Export(powermap::app::ExportRequest {
            path: path.clone(),
            settings: powermap::app::ExportSettings {
                scope: powermap::app::ExportScope::CurrentView,
                ..Default::default()
            },
        }));
    harness.step();
    // The window asks for a screenshot; here the test answers as the platform would, with
    // a picture of the whole window whose map area is red.
    let user_data = harness.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .iter()
        .find_map(|command| match command {
            egui::ViewportCommand::Screenshot(user_data) => Some(user_data.clone()),
            _ => None,
        })
        .expect("a screenshot was asked for");
    assert!(
        !path.exists(),
        "nothing is written before the picture comes"
    );
    let map = harness.state().document.view.screen_rect();
    let [width, height] = [1400, 900];
    let mut pixels = vec![egui::Color32::BLUE; width * height];
    for y in map.min.y as usize..map.max.y as usize {
        for x in map.min.x as usize..map.max.x as usize {
            pixels[y * width + x] = egui::Color32::RED;
        }
    }
    harness.event(egui::Event::Screenshot {
        viewport_id: egui::ViewportId::ROOT,
        user_data,
        image: std::sync::Arc::new(egui::ColorImage::new([width, height], pixels)),
    });
    harness.run_steps(2);
    let image = image::open(&path).expect("a PNG was written").to_rgba8();
    assert_eq!(
        (image.width(), image.height()),
        (map.width() as u32, map.height() as u32),
        "cropped to the map"
    );
    assert!(
        image.pixels().all(|pixel| pixel.0 == [255, 0, 0, 255]),
        "only the map, none of the panels"
    );
    harness.get_by_label_contains("Exported");
}

#[test]
fn closing_an_error_dismisses_it_and_keeps_the_network() {
    let mut harness = harness();
    send(&mut harness, Command::Open(fixture("many-errors.json")));
    harness.get_by_label("Could not open the file");
    send(&mut harness, Command::DismissErrors);
    assert!(harness.query_by_label("Could not open the file").is_none());
    harness.get_by_label_contains("41 entities · 56 ties");
    // A failed export too: a folder that does not exist.
    let missing = std::env::temp_dir().join("powermap-no-such-folder/a/b/map.png");
    send(
        &mut harness,
        Command::Export(powermap::app::ExportRequest {
            path: missing,
            settings: Default::default(),
        }),
    );
    harness.get_by_label("Export failed");
    send(&mut harness, Command::DismissErrors);
    assert!(harness.query_by_label("Export failed").is_none());
}

#[test]
fn help_lists_every_shortcut_and_about_names_the_licences() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    // A menu entry's label ends with its shortcut.
    harness.get_by_label_contains("Keyboard shortcuts").click();
    harness.run_steps(3);
    for command in Command::with_shortcuts() {
        // Each command with a shortcut is listed by its own text, the one its menu uses.
        assert!(
            harness.query_all_by_label(command.text()).count() >= 1,
            "{} is missing from Keyboard shortcuts",
            command.text()
        );
    }
    harness.get_by_label("Drag a node");
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label_contains("About powermap").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("powermap {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("MIT or Apache-2.0");
    harness.get_by_label_contains("NanumGothic, the Hangul font");
}

#[test]
fn file_export_timeline_film_writes_a_gif_of_the_map_as_it_is() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Export timeline film…");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    let folder = tempfile::tempdir().expect("tempdir");
    // As the file dialog returns it: a name without an ending becomes a .gif beside it.
    send(
        &mut harness,
        Command::ExportFilm(folder.path().join("samsung")),
    );
    let film = folder.path().join("samsung.gif");
    harness.get_by_label_contains(&format!("Exported {}", film.display()));
    let bytes = std::fs::read(&film).expect("the film");
    assert!(bytes.starts_with(b"GIF89a"), "an animated GIF");
}
