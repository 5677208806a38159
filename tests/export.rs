//! Exporting the whole map headless: PNG and SVG, sizes, backgrounds, labels and errors.

use std::path::Path;

use powermap::export::{
    Background, CONTENT_SECURITY_POLICY, ExportError, ExportOptions, credit_line, export_map,
    map_svg, web_page,
};
use powermap::layout::{Point, lay_out};
use powermap::network::dataset::load_default_network;
use powermap::network::index::NetworkIndex;
use powermap::network::model::{Network, TieKind, TieStatus};
use powermap::network::save::{Overwrite, SaveError};
use powermap::scene::graph::MapGraph;
use powermap::scene::style::{SAMSUNG_BLUE, kind_color};

mod common;
use common::{powermap_command, succeeds};

fn default_map() -> (Network, MapGraph, Vec<Point>) {
    let network = load_default_network().expect("loads").network;
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    (network, map, positions)
}

fn options(width_px: u32, background: Background, language: &str) -> ExportOptions {
    ExportOptions {
        width_px,
        background,
        language: language.to_owned(),
    }
}

fn export_png(width: u32, background: Background) -> image::RgbaImage {
    let (network, map, positions) = default_map();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("map.png");
    export_map(
        &network,
        &map,
        &positions,
        &options(width, background, "ko"),
        &path,
        Overwrite::Refuse,
    )
    .expect("exports");
    image::open(&path).expect("the PNG decodes").to_rgba8()
}

fn count_pixels(image: &image::RgbaImage, rgb: [u8; 3]) -> usize {
    image
        .pixels()
        .filter(|p| p.0[3] == 255 && p.0[..3] == rgb)
        .count()
}

#[test]
fn png_has_the_requested_width_and_the_map_colours() {
    let image = export_png(1200, Background::White);
    assert_eq!(image.width(), 1200);
    assert!(image.height() > 400, "height {}", image.height());
    let [r, g, b, _] = SAMSUNG_BLUE.0;
    assert!(
        count_pixels(&image, [r, g, b]) > 200,
        "too few Samsung-blue pixels"
    );
    let [r, g, b, _] = kind_color(powermap::network::model::EntityKind::Person).0;
    assert!(
        count_pixels(&image, [r, g, b]) > 200,
        "too few person-orange pixels"
    );
    assert_eq!(
        image.get_pixel(0, 0).0,
        [255, 255, 255, 255],
        "white background"
    );
}

#[test]
fn png_is_transparent_where_asked_and_dark_where_asked() {
    let transparent = export_png(600, Background::Transparent);
    assert_eq!(
        transparent.get_pixel(0, 0).0[3],
        0,
        "the corner is transparent"
    );
    let opaque = transparent.pixels().filter(|p| p.0[3] == 255).count();
    assert!(opaque > 1000, "the map itself is opaque ({opaque} pixels)");
    let dark = export_png(600, Background::Dark);
    assert_eq!(dark.get_pixel(0, 0).0, [0x1b, 0x1b, 0x1b, 255]);
}

#[test]
fn large_pictures_reach_8192_pixels() {
    let image = export_png(8192, Background::White);
    assert_eq!(image.width(), 8192);
}

#[test]
fn svg_parses_and_names_the_entities_in_the_chosen_language() {
    let (network, map, positions) = default_map();
    for (language, lee, samsung) in [
        ("ko", "이재용", "삼성전자"),
        ("en", "Lee Jae-yong", "Samsung Electronics"),
    ] {
        let svg = map_svg(
            &network,
            &map,
            &positions,
            &options(1600, Background::White, language),
        )
        .expect("draws");
        let document = roxmltree::Document::parse(&svg).expect("the SVG is XML");
        let texts: Vec<&str> = document
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .filter_map(|node| node.text())
            .collect();
        assert!(texts.contains(&lee), "{language}: no {lee} in {texts:?}");
        assert!(texts.contains(&samsung), "{language}: no {samsung}");
        for entity in &network.entities {
            assert!(
                texts.contains(&entity.display_name(language)),
                "{} is missing",
                entity.id
            );
        }
        // The legend and the credit line, as publishers require.
        assert!(
            texts.contains(&"Meeting") && texts.contains(&"Contract"),
            "legend: {texts:?}"
        );
        // The credit line may wrap onto several lines (tspans) in a narrow picture.
        let credit_element = document
            .descendants()
            .find(|node| node.attribute("id") == Some("credit"))
            .expect("a credit line");
        let credit_lines: Vec<&str> = credit_element
            .descendants()
            .filter(|node| node.is_text())
            .filter_map(|node| node.text())
            .collect();
        let credit = credit_line(&network, language);
        assert_eq!(
            credit_lines.join(" "),
            credit,
            "the credit line names the sources"
        );
        assert_eq!(document.root_element().attribute("width"), Some("1600"));
    }
    assert_eq!(
        credit_line(&network, "ko"),
        "Sources: 아이뉴스24 (2025-12-23); CBS 노컷뉴스 (2024-06-13). Map: powermap."
    );
}

/// The attributes of the SVG line that draws the tie `id`, by name.
fn tie_line_attributes(svg: &str, id: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(svg).expect("the SVG is XML");
    let line = document
        .descendants()
        .filter(|node| node.has_tag_name("path"))
        .find(|node| {
            node.children().any(|child| {
                child.has_tag_name("title")
                    && child
                        .text()
                        .is_some_and(|title| title.ends_with(&format!(": {id}")))
            })
        })
        .unwrap_or_else(|| panic!("no line for {id}"));
    line.attributes()
        .map(|attribute| (attribute.name().to_owned(), attribute.value().to_owned()))
        .collect()
}

fn has_attribute(attributes: &[(String, String)], name: &str) -> bool {
    attributes.iter().any(|(known, _)| known == name)
}

fn legend_texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the SVG is XML");
    let legend = document
        .descendants()
        .find(|node| node.attribute("id") == Some("legend"))
        .expect("a legend");
    legend
        .descendants()
        .filter_map(|node| node.text())
        .map(str::to_owned)
        .collect()
}

#[test]
fn svg_lines_are_dashed_and_faded_by_their_status_and_the_legend_says_so() {
    let (mut network, map, positions) = default_map();
    let options = options(1200, Background::White, "en");
    let before = map_svg(&network, &map, &positions, &options).expect("draws");
    let meetings: Vec<String> = (network.ties.iter())
        .filter(|tie| tie.kind == TieKind::Meeting)
        .map(|tie| tie.id.clone())
        .take(3)
        .collect();
    let [alleged, denied, reported] = &meetings[..] else {
        panic!("the default network has three meetings: {meetings:?}");
    };
    assert!(!has_attribute(
        &tie_line_attributes(&before, alleged),
        "stroke-dasharray"
    ));
    for status in TieStatus::ALL {
        assert!(
            !legend_texts(&before).contains(&status.label().to_owned()),
            "every tie is reported: nothing to explain"
        );
    }

    for tie in &mut network.ties {
        if tie.id == *alleged {
            tie.status = TieStatus::Alleged;
        } else if tie.id == *denied {
            tie.status = TieStatus::Denied;
        }
    }
    let svg = map_svg(&network, &map, &positions, &options).expect("draws");
    let alleged_line = tie_line_attributes(&svg, alleged);
    assert!(
        has_attribute(&alleged_line, "stroke-dasharray"),
        "{alleged_line:?}"
    );
    assert!(
        !has_attribute(&alleged_line, "stroke-opacity"),
        "{alleged_line:?}"
    );
    let denied_line = tie_line_attributes(&svg, denied);
    assert!(
        has_attribute(&denied_line, "stroke-dasharray"),
        "{denied_line:?}"
    );
    let opacity: f32 = (denied_line.iter())
        .find(|(name, _)| name == "stroke-opacity")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or_else(|| panic!("a denied tie is faint: {denied_line:?}"));
    assert!(opacity < 0.6, "{opacity}");
    let reported_line = tie_line_attributes(&svg, reported);
    assert!(
        !has_attribute(&reported_line, "stroke-dasharray"),
        "{reported_line:?}"
    );
    assert!(
        !has_attribute(&reported_line, "stroke-opacity"),
        "{reported_line:?}"
    );
    let legend = legend_texts(&svg);
    for (status, listed) in [
        (TieStatus::Alleged, true),
        (TieStatus::Denied, true),
        (TieStatus::Reported, false),
    ] {
        assert_eq!(
            legend.contains(&status.label().to_owned()),
            listed,
            "{status} in {legend:?}"
        );
    }
}

#[test]
fn unwritable_folders_and_absurd_sizes_fail_and_write_nothing() {
    let (network, map, positions) = default_map();
    let folder = tempfile::tempdir().expect("tempdir");
    let missing = folder.path().join("no-such-folder").join("map.png");
    let err = export_map(
        &network,
        &map,
        &positions,
        &options(800, Background::White, "ko"),
        &missing,
        Overwrite::Refuse,
    )
    .expect_err("no folder");
    assert!(
        matches!(err, ExportError::Save(SaveError::Io { .. })),
        "{err}"
    );
    assert!(!missing.exists());

    let huge = folder.path().join("huge.png");
    let err = export_map(
        &network,
        &map,
        &positions,
        &options(100_000, Background::White, "ko"),
        &huge,
        Overwrite::Refuse,
    )
    .expect_err("too wide");
    assert!(matches!(err, ExportError::TooLarge { .. }), "{err}");
    assert!(
        err.to_string().contains("at most 16384 pixels a side"),
        "{err}"
    );
    assert!(!huge.exists());
    let entries = std::fs::read_dir(folder.path()).expect("list").count();
    assert_eq!(entries, 0, "nothing was left behind");
}

#[test]
fn an_existing_file_is_kept_unless_replacing_is_allowed() {
    let (network, map, positions) = default_map();
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("map.svg");
    #[allow(clippy::disallowed_methods, reason = "a test fixture")]
    std::fs::write(&path, "mine").expect("write");
    let options = options(800, Background::White, "ko");
    let err = export_map(
        &network,
        &map,
        &positions,
        &options,
        &path,
        Overwrite::Refuse,
    )
    .expect_err("exists");
    assert!(
        matches!(err, ExportError::Save(SaveError::Exists { .. })),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
    export_map(
        &network,
        &map,
        &positions,
        &options,
        &path,
        Overwrite::Replace,
    )
    .expect("replaces");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with("<svg")
    );
}

#[test]
fn render_command_writes_png_and_svg() {
    let binary = env!("CARGO_BIN_EXE_powermap");
    let folder = tempfile::tempdir().expect("tempdir");
    let png = folder.path().join("map.png");
    succeeds(powermap_command().args(["render", "-o"]).arg(&png).args([
        "--width",
        "900",
        "--background",
        "transparent",
        "--labels",
        "en",
    ]));
    let image = image::open(&png).expect("decodes").to_rgba8();
    assert_eq!(image.width(), 900);
    assert_eq!(image.get_pixel(0, 0).0[3], 0);

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/minimal.json");
    let svg = folder.path().join("map.svg");
    succeeds(
        powermap_command()
            .arg("render")
            .arg(&example)
            .arg("-o")
            .arg(&svg),
    );
    assert!(
        std::fs::read_to_string(&svg)
            .expect("read")
            .contains(">Globex</text>")
    );

    // The same again refuses to replace it without --force.
    let again = std::process::Command::new(binary)
        .arg("render")
        .arg(&example)
        .arg("-o")
        .arg(&svg)
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn the_web_page_is_one_small_file_that_marks_every_tie_and_entity_and_loads_nothing() {
    let (network, map, positions) = default_map();
    let page = web_page(&network, &map, &positions, "ko", Background::White).expect("makes it");
    assert!(
        page.len() <= 2 * 1024 * 1024,
        "the default map's page is {} bytes, over 2 MB",
        page.len()
    );
    let document = scraper::Html::parse_document(&page);
    let select = |css: &str| {
        let selector = scraper::Selector::parse(css).expect("a selector");
        document.select(&selector).collect::<Vec<_>>()
    };
    let policy = select("meta[http-equiv=Content-Security-Policy]");
    assert_eq!(policy.len(), 1);
    assert_eq!(policy[0].attr("content"), Some(CONTENT_SECURITY_POLICY));
    // Nothing names anything to load: no src, href or link element, and the only url()
    // in the style is the embedded font's.
    assert!(select("[src], [href], link, iframe, object, embed").is_empty());
    let style: String = select("style").iter().flat_map(|s| s.text()).collect();
    assert_eq!(
        style.matches("url(").count(),
        style.matches("url(data:font/ttf;base64,").count()
    );
    assert!(
        style.contains("font-family: \"NanumGothic\""),
        "no embedded Hangul font"
    );
    for tie in &network.ties {
        let css = format!("#map-svg [data-tie-id=\"{}\"]", tie.id);
        assert!(!select(&css).is_empty(), "no line for {}", tie.id);
    }
    for entity in &network.entities {
        let css = format!("#map-svg [data-entity-id=\"{}\"]", entity.id);
        assert_eq!(select(&css).len(), 1, "{} is not drawn once", entity.id);
        let label = format!("#map-svg [data-label-of=\"{}\"]", entity.id);
        let text: String = select(&label).iter().flat_map(|l| l.text()).collect();
        assert_eq!(text, entity.display_name("ko"));
    }
    assert_eq!(select("#evidence").len(), 1);
    // The data the script reads is JSON, with the contract's amount and its quotes.
    let data: String = select("script#powermap-data")
        .iter()
        .flat_map(|s| s.text())
        .collect();
    let data: serde_json::Value = serde_json::from_str(&data).expect("the data is JSON");
    let contract = (data["ties"].as_array().expect("ties"))
        .iter()
        .find(|tie| tie["id"] == "samsung-electronics-tesla-ai6-contract")
        .expect("the contract");
    assert_eq!(contract["amount"], "16,500,000,000 USD (165억달러)");
    assert_eq!(contract["date"], "2025-07");
    assert_eq!(contract["precision"], "month");
    assert_eq!(contract["evidence"].as_array().map(Vec::len), Some(6));
}

/// The fixture of a company holding its own shares, laid out as the command line lays it
/// out.
fn self_loop_map() -> (Network, MapGraph, Vec<Point>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/self-loop.json");
    let network = powermap::network::load::load_file(&path)
        .expect("loads")
        .network;
    let map = MapGraph::new(&NetworkIndex::new(&network));
    let positions = lay_out(&network, &map.links());
    (network, map, positions)
}

#[test]
fn a_self_loop_exerts_no_force_and_lays_out_the_same_every_time() {
    let (network, map, positions) = self_loop_map();
    assert!(
        positions.iter().flatten().all(|c| c.is_finite()),
        "{positions:?}"
    );
    assert_eq!(lay_out(&network, &map.links()), positions, "deterministic");
    let mut without = network.clone();
    without.ties.retain(|tie| !tie.is_self_loop());
    let plain = MapGraph::new(&NetworkIndex::new(&without));
    assert_eq!(
        lay_out(&without, &plain.links()),
        positions,
        "as if it were not there"
    );
}

#[test]
fn svg_draws_a_self_loop_as_a_circle_touching_its_entity() {
    let (network, map, positions) = self_loop_map();
    let svg = map_svg(
        &network,
        &map,
        &positions,
        &options(1200, Background::White, "en"),
    )
    .expect("draws");
    let document = roxmltree::Document::parse(&svg).expect("the SVG is XML");
    let numbers = |text: &str| -> Vec<f32> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter(|part| !part.is_empty())
            .map(|part| part.parse().expect("a number"))
            .collect()
    };
    let path = document
        .descendants()
        .filter(|node| node.has_tag_name("path"))
        .find(|node| {
            node.children()
                .any(|child| child.text() == Some("Affiliate: acme-treasury"))
        })
        .expect("the loop's path, titled with its tie");
    let d = path.attribute("d").expect("a path");
    assert_eq!(d.matches('A').count(), 2, "two half arcs: {d}");
    // M foot A r r 0 1 1 top A r r 0 1 1 foot
    let n = numbers(d);
    let (foot, radius, top) = ([n[0], n[1]], n[2], [n[7], n[8]]);
    assert_eq!([n[14], n[15]], foot, "the loop closes: {d}");
    let across = (top[0] - foot[0]).hypot(top[1] - foot[1]);
    assert!((across - 2.0 * radius).abs() < 0.5, "{d}");
    // Acme is the first entity drawn, a square around its centre.
    let acme = document
        .descendants()
        .find(|node| node.attribute("id") == Some("entities"))
        .and_then(|entities| {
            entities
                .descendants()
                .find(|node| node.has_tag_name("rect"))
        })
        .expect("Acme's square");
    let attribute = |name: &str| -> f32 {
        acme.attribute(name)
            .expect("an attribute")
            .parse()
            .expect("a number")
    };
    let side = attribute("width");
    let centre = [attribute("x") + side / 2.0, attribute("y") + side / 2.0];
    let entity_radius = side / 1.8;
    let from_centre = |p: [f32; 2]| (p[0] - centre[0]).hypot(p[1] - centre[1]);
    assert!(
        from_centre(foot) < entity_radius,
        "its foot is in Acme: {d}"
    );
    assert!(
        from_centre(top) > 2.0 * entity_radius,
        "it stands out of Acme: {d}"
    );
}

#[test]
fn rendering_is_deterministic() {
    let (network, map, _) = default_map();
    let first = lay_out(&network, &map.links());
    let second = lay_out(&network, &map.links());
    assert_eq!(first, second);
}

/// What `powermap render` writes for the embedded network to a file called `name`, with
/// rayon on `threads` threads (the layout's force walk and the PNG's bands are parallel).
fn render_on_threads(name: &str, threads: usize) -> Vec<u8> {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = folder.path().join(name);
    succeeds(
        powermap_command()
            .env("RAYON_NUM_THREADS", threads.to_string())
            .args(["render", "-o"])
            .arg(&output),
    );
    std::fs::read(&output).expect("read")
}

#[test]
fn rendering_does_not_depend_on_the_number_of_threads() {
    for name in ["map.png", "map.svg"] {
        let one = render_on_threads(name, 1);
        let two = render_on_threads(name, 2);
        let first_difference = one.iter().zip(&two).position(|(a, b)| a != b);
        assert!(
            one == two,
            "{name}: {} bytes on one thread, {} on two, first differing at byte {first_difference:?}",
            one.len(),
            two.len(),
        );
    }
}

#[test]
fn render_timeline_plays_the_dates_into_a_film_and_refuses_other_names() {
    let folder = tempfile::tempdir().expect("tempdir");
    let film = folder.path().join("film.gif");
    let said = succeeds(
        powermap_command()
            .args(["render", "--timeline", "--width", "400", "-o"])
            .arg(&film),
    );
    let network = load_default_network().expect("loads").network;
    let mut dates: Vec<_> = network.ties.iter().filter_map(|t| t.date).collect();
    dates.sort();
    dates.dedup();
    assert!(
        said.contains(&format!(
            "the timeline in {} frames (2011 to 2025-12-23)",
            dates.len()
        )),
        "{said}"
    );
    let decoder = image::codecs::gif::GifDecoder::new(std::io::BufReader::new(
        std::fs::File::open(&film).expect("the film is written"),
    ))
    .expect("a GIF");
    let frames = image::AnimationDecoder::into_frames(decoder)
        .collect_frames()
        .expect("frames");
    assert_eq!(frames.len(), dates.len(), "one frame per date");

    let refused = powermap_command()
        .args(["render", "--timeline", "-o"])
        .arg(folder.path().join("film.svg"))
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("film.svg: choose a film name ending in .gif or .png"),
        "{message}"
    );
}

#[test]
fn the_picture_and_the_web_page_show_what_the_map_shows_by() {
    let (mut network, map, positions) = default_map();
    for (i, entity) in network.entities.iter_mut().enumerate() {
        entity.attributes.insert("code", format!("E-{i:03}"));
        entity
            .attributes
            .insert("tier", if i % 2 == 0 { "first" } else { "second" });
    }
    network.shown_by.label = Some("code".to_owned());
    network.shown_by.color = Some("tier".to_owned());
    let svg = map_svg(
        &network,
        &map,
        &positions,
        &options(1200, Background::White, "ko"),
    )
    .expect("draws");
    let document = roxmltree::Document::parse(&svg).expect("the SVG is XML");
    let labels: Vec<&str> = document
        .descendants()
        .find(|node| node.attribute("id") == Some("labels"))
        .expect("labels")
        .descendants()
        .filter_map(|node| node.text())
        .collect();
    assert!(labels.contains(&"E-000"), "{labels:?}");
    assert!(
        !labels.iter().any(|label| label.contains("이재용")),
        "{labels:?}"
    );
    let legend = legend_texts(&svg);
    for value in ["first", "second"] {
        assert!(legend.iter().any(|text| text == value), "{legend:?}");
    }
    assert!(
        !legend.iter().any(|text| text.ends_with("(group)")),
        "groups colour nothing now: {legend:?}"
    );

    let page = web_page(&network, &map, &positions, "ko", Background::White).expect("makes it");
    assert!(
        page.contains(">E-000</text>"),
        "the page's map is labelled by code"
    );
    assert!(page.contains("\"names\":{\"ko\":\"E-000\",\"en\":\"E-000\"}"));
}
