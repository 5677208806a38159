//! The map as one self-contained web page: the SVG the picture export draws, with each
//! tie's and entity's id on it, made interactive by a small script (pan and zoom, hover
//! names, a tie's evidence, an entity's ties by date, search, the ko/en toggle). Nothing is
//! loaded from outside the file: the script, the style and a subset of the bundled fonts
//! are inside it, and a Content-Security-Policy forbids any request.
//!
//! Safe by construction: the network's text reaches the page only as escaped SVG text and
//! as JSON in a `<script type="application/json">`, with `<`, `>`, `&` and the JavaScript
//! line separators escaped; the script builds everything with `textContent`,
//! `createElement` and `setAttribute`, and links only to http and https addresses.

mod font;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use base64::Engine as _;
use serde::Serialize;

use font::subset_font;

use super::svg::{
    Frame, LEGEND_ICON_WIDTH, Marks, Palette, draw_map, escape, labels, legend, legend_icon_svg,
};
use super::{Background, ExportError, credit_line};
use crate::article::dates::precision_name;
use crate::layout::Point;
use crate::network::index::NetworkIndex;
use crate::network::model::{LocalizedText, Network, is_web_address, localized};
use crate::scene::fonts::{LATIN_FALLBACK, NANUM_GOTHIC, NANUM_GOTHIC_FAMILY, fallback_families};
use crate::scene::graph::MapGraph;
use crate::scene::labels::short_label;
use crate::scene::shown::EntityLooks;

/// The page's style.
const STYLE: &str = include_str!("web/page.css");
/// The page's script.
const SCRIPT: &str = include_str!("web/page.js");

/// The family the page names its subset of [`LATIN_FALLBACK`] by.
const LATIN_FAMILY: &str = "powermap-latin";

/// The width of the map's drawing, in CSS pixels at zoom 1: the window's sizes.
const MAP_WIDTH: f32 = 1200.0;

/// Forbids the page every request: no script, style, font or picture but its own, no
/// form, no `<base>` and no connection.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Writes the whole web page of a map whose entities are at `positions` (layout units),
/// its labels first in `language` (`"ko"` or `"en"`), on `background`.
pub fn web_page(
    network: &Network,
    map: &MapGraph,
    positions: &[Point],
    language: &str,
    background: Background,
) -> Result<String, ExportError> {
    let index = NetworkIndex::new(network);
    let palette = Palette::of(background);
    let short = labels(network, language);
    let labels: Vec<&str> = short.iter().map(AsRef::as_ref).collect();
    let looks = EntityLooks::new(network);
    let frame = Frame::fit(network, &looks.radii, positions, &labels, MAP_WIDTH, 0.0);
    let height = (frame.bottom + frame.margin).ceil();
    let title = if network.title.is_empty() {
        "powermap"
    } else {
        &network.title
    };

    let mut body = String::with_capacity(4096 + 300 * (map.edges.len() + network.entities.len()));
    let _ = writeln!(
        body,
        "<header><h1 id=\"title\">{}</h1>\
         <input id=\"search\" type=\"search\" placeholder=\"Search names\u{2026}\" aria-label=\"Search names\" autocomplete=\"off\" spellcheck=\"false\">\
         <div id=\"languages\" role=\"group\" aria-label=\"Labels\">\
         <button type=\"button\" data-language=\"ko\" lang=\"ko\">한국어</button>\
         <button type=\"button\" data-language=\"en\" lang=\"en\">English</button></div></header>",
        escape(title)
    );
    let _ = write!(
        body,
        "<main><div id=\"map\"><svg id=\"map-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {MAP_WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    draw_map(
        &mut body,
        network,
        map,
        positions,
        &frame,
        &looks,
        &labels,
        &palette,
        Marks::Page,
    );
    body.push_str(
        "\n</svg><div id=\"zoom\"><button type=\"button\" id=\"zoom-in\" aria-label=\"Zoom in\">+</button>\
         <button type=\"button\" id=\"zoom-out\" aria-label=\"Zoom out\">\u{2212}</button>\
         <button type=\"button\" id=\"zoom-fit\" aria-label=\"Show the whole map\">\u{2922}</button></div></div>\n\
         <aside id=\"panel\"><section id=\"story\" hidden></section><section id=\"results\" hidden></section>\
         <section id=\"entity\" hidden></section><section id=\"evidence\" hidden></section>\
         <p id=\"hint\">Click a line to read its evidence, a name to see its ties by date.</p></aside></main>\n",
    );
    body.push_str("<footer><ul id=\"legend\">");
    for entry in legend(network, &looks, language) {
        let icon = legend_icon_svg(&entry.icon, 0.0, 8.0, 1.0, &palette);
        // A group's name follows the label language: the script finds it by its position.
        let group = entry.group.map_or_else(String::new, |position| {
            format!(" data-group=\"{position}\"")
        });
        let _ = write!(
            body,
            "<li><svg width=\"{LEGEND_ICON_WIDTH}\" height=\"16\" viewBox=\"0 0 {LEGEND_ICON_WIDTH} 16\" aria-hidden=\"true\">{icon}</svg><span{group}>{}</span></li>",
            escape(&entry.text)
        );
    }
    let _ = write!(
        body,
        "</ul><p id=\"credit\">{}</p></footer>\n<div id=\"tooltip\" role=\"tooltip\" hidden></div>\n",
        escape(&credit_line(network, language))
    );
    let data = page_data(network, &index, positions, &frame, language);
    let json = serde_json::to_string(&data)
        .map_err(|err| ExportError::Render(format!("cannot write the page's data: {err}")))?;
    let _ = write!(
        body,
        "<script type=\"application/json\" id=\"powermap-data\">{}</script>\n<script>{SCRIPT}</script>\n",
        script_json(&json)
    );

    // Every character of the page's text is in its body, its data or its script.
    let characters: BTreeSet<char> = (' '..='~')
        .chain(body.chars())
        .chain(title.chars())
        .filter(|c| !c.is_control())
        .collect();
    let korean = subset_font(NANUM_GOTHIC, characters.iter().copied())?;
    let latin = subset_font(
        LATIN_FALLBACK,
        characters.difference(&korean.covered).copied(),
    )?;
    let theme = match background {
        Background::White => "light",
        Background::Dark => "dark",
        Background::Transparent => "light transparent",
    };

    let mut page =
        String::with_capacity(body.len() + 4 * (korean.bytes.len() + latin.bytes.len()) / 3 + 8192);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\" class=\"{theme}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"powermap\">\n<title>{}</title>\n<style>\n",
        escape(language),
        escape(title)
    );
    for (family, subset) in [(NANUM_GOTHIC_FAMILY, &korean), (LATIN_FAMILY, &latin)] {
        if subset.covered.is_empty() {
            continue;
        }
        let _ = writeln!(
            page,
            "@font-face {{ font-family: \"{family}\"; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}",
            base64::engine::general_purpose::STANDARD.encode(&subset.bytes)
        );
    }
    // The embedded fonts first, then the reader's own for the scripts they lack.
    let fallbacks: String = fallback_families()
        .iter()
        .map(|family| format!("\"{family}\", "))
        .collect();
    let _ = writeln!(
        page,
        ":root {{ --fonts: \"{NANUM_GOTHIC_FAMILY}\", \"{LATIN_FAMILY}\", {fallbacks}sans-serif; --text: {}; --weak-text: {}; --halo: {}; }}",
        palette.text, palette.weak_text, palette.halo
    );
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
    page.push_str(&body);
    page.push_str("</body>\n</html>\n");
    Ok(page)
}

/// JSON made safe to stand inside a `<script>` element: `<`, `>` and `&` escaped (so no
/// `</script>` or `<!--` can end or change it), and U+2028 and U+2029, which older
/// JavaScript reads as line ends. They can only occur inside strings, where the escapes
/// mean the same characters.
fn script_json(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

/// Text in the two languages the page toggles between, each falling back to the other.
#[derive(Serialize)]
struct Names {
    ko: String,
    en: String,
}

impl Names {
    fn of(text: &LocalizedText, fallback: &str) -> Self {
        let pick = |language| localized(text, language).unwrap_or(fallback).to_owned();
        Self {
            ko: pick("ko"),
            en: pick("en"),
        }
    }

    /// The names cut short as the map's labels show them.
    fn labels(&self) -> Self {
        Self {
            ko: short_label(&self.ko).into_owned(),
            en: short_label(&self.en).into_owned(),
        }
    }

    fn optional(text: Option<&LocalizedText>) -> Option<Self> {
        text.filter(|text| localized(text, "en").is_some())
            .map(|text| Self::of(text, ""))
    }
}

/// What the page's script reads: the network as it shows it, ids turned into positions in
/// these lists, dates and amounts written out.
#[derive(Serialize)]
struct PageData {
    language: String,
    /// The credit line in each language.
    credit: Names,
    /// Layout units to the map's pixels: `x · scale + x0`, `y · scale + y0`.
    transform: Transform,
    groups: Vec<Names>,
    sources: Vec<PageSource>,
    entities: Vec<PageEntity>,
    ties: Vec<PageTie>,
    story: Vec<PageStep>,
}

#[derive(Serialize)]
struct Transform {
    scale: f32,
    x0: f32,
    y0: f32,
}

#[derive(Serialize)]
struct PageSource {
    outlet: Names,
    title: String,
    author: Option<String>,
    published: Option<String>,
    /// The article's address, only if it is http or https.
    url: Option<String>,
}

#[derive(Serialize)]
struct PageEntity {
    id: String,
    /// Its kind, or its value of the attribute shown as kinds.
    kind: String,
    /// The names whole, for the entity's panel.
    names: Names,
    /// The names as labels, cut short ([`short_label`]), for the map, hover and lists.
    label: Names,
    aliases: Vec<String>,
    /// Everything search matches: the names in every language and the aliases.
    terms: Vec<String>,
    role: Option<Names>,
    description: Option<Names>,
    group: Option<usize>,
    /// The centre on the map, in its pixels.
    x: f32,
    y: f32,
    /// Its ties in date order, undated last.
    ties: Vec<usize>,
}

#[derive(Serialize)]
struct PageTie {
    id: String,
    kind: &'static str,
    /// The status, unless it is the usual "Reported".
    status: Option<&'static str>,
    participants: Vec<usize>,
    date: Option<String>,
    /// How much of the date is known: "year", "month" or "day".
    precision: Option<&'static str>,
    /// The first day the date covers, as a day number, to compare with a story step's.
    day: Option<i64>,
    place: Option<Names>,
    amount: Option<String>,
    summary: String,
    evidence: Vec<PageEvidence>,
}

/// A step of the story, its ids turned into positions.
#[derive(Serialize)]
struct PageStep {
    caption: Names,
    entities: Vec<usize>,
    ties: Vec<usize>,
    view: Option<PageView>,
    date: Option<String>,
    /// The last day the date covers, as a day number: ties that start later fade.
    until: Option<i64>,
}

/// Where a step looks: the centre, in the map's pixels, and how many CSS pixels one of
/// them takes (the window's zoom, in screen points per layout unit, over the map's scale).
#[derive(Serialize)]
struct PageView {
    x: f32,
    y: f32,
    scale: f32,
}

#[derive(Serialize)]
struct PageEvidence {
    quote: String,
    translation: Option<String>,
    source: Option<usize>,
}

fn page_data(
    network: &Network,
    index: &NetworkIndex,
    positions: &[Point],
    frame: &Frame,
    language: &str,
) -> PageData {
    let origin = frame.to_px([0.0, 0.0]);
    let entities = index
        .entities()
        .map(|ix| {
            let entity = &network[ix];
            let mut terms: Vec<String> = entity.name.values().map(str::to_owned).collect();
            terms.extend(entity.aliases.iter().cloned());
            // A label from an attribute is the same in both languages, and searched too.
            let label = (network.shown_by.label.as_deref())
                .map(|label_by| entity.label(Some(label_by), language))
                .filter(|label| !entity.name.values().any(|name| name == *label));
            terms.extend(label.map(str::to_owned));
            let [x, y] = frame.to_px(positions[ix.index()]);
            let names = label.map_or_else(
                || Names::of(&entity.name, &entity.id),
                |label| Names {
                    ko: label.to_owned(),
                    en: label.to_owned(),
                },
            );
            PageEntity {
                id: entity.id.clone(),
                kind: (network.shown_by.kind.as_deref())
                    .and_then(|kind_by| entity.attributes.get(kind_by))
                    .unwrap_or_else(|| entity.kind.label())
                    .to_owned(),
                label: names.labels(),
                names,
                aliases: entity.aliases.clone(),
                terms,
                role: Names::optional(entity.role.as_ref()),
                description: Names::optional(entity.description.as_ref()),
                group: entity
                    .group
                    .as_deref()
                    .and_then(|group| index.group_position(group)),
                x,
                y,
                ties: index.ties_of(ix).iter().map(|tie| tie.index()).collect(),
            }
        })
        .collect();
    let ties = index
        .ties()
        .map(|ix| {
            let tie = &network[ix];
            PageTie {
                id: tie.id.clone(),
                kind: tie.kind.label(),
                status: (!tie.status.is_reported()).then(|| tie.status.label()),
                participants: index
                    .participants(ix)
                    .iter()
                    .map(|entity| entity.index())
                    .collect(),
                date: tie.date.map(|date| date.to_string()),
                precision: tie.date.map(|date| precision_name(date.precision())),
                day: tie.date.map(|date| date.first_day()),
                place: Names::optional(tie.place.as_ref()),
                amount: tie.amount.as_ref().map(ToString::to_string),
                summary: tie.summary.clone(),
                evidence: tie
                    .evidence
                    .iter()
                    .map(|evidence| PageEvidence {
                        quote: evidence.quote.clone(),
                        translation: evidence.translation.clone(),
                        source: index.source_position(&evidence.source),
                    })
                    .collect(),
            }
        })
        .collect();
    PageData {
        language: language.to_owned(),
        credit: Names {
            ko: credit_line(network, "ko"),
            en: credit_line(network, "en"),
        },
        transform: Transform {
            scale: frame.scale,
            x0: origin[0],
            y0: origin[1],
        },
        groups: network
            .groups
            .iter()
            .map(|group| Names::of(&group.name, &group.id))
            .collect(),
        sources: network
            .sources
            .iter()
            .map(|source| PageSource {
                outlet: Names::of(&source.outlet, &source.id),
                title: source.title.clone(),
                author: source.author.clone(),
                published: source.published.map(|date| date.to_string()),
                url: source
                    .url
                    .as_deref()
                    .map(str::trim)
                    .filter(|url| is_web_address(url))
                    .map(str::to_owned),
            })
            .collect(),
        entities,
        ties,
        story: network
            .story
            .iter()
            .map(|step| PageStep {
                caption: Names::of(&step.caption, ""),
                entities: (step.entities.iter())
                    .filter_map(|id| index.entity_ix(id))
                    .map(|ix| ix.index())
                    .collect(),
                ties: (step.ties.iter())
                    .filter_map(|id| index.tie_ix(id))
                    .map(|ix| ix.index())
                    .collect(),
                view: step.view.map(|view| {
                    let [x, y] = frame.to_px([view.x as f32, view.y as f32]);
                    PageView {
                        x,
                        y,
                        scale: view.zoom as f32 / frame.scale,
                    }
                }),
                date: step.date.map(|date| date.to_string()),
                until: step.date.map(|date| date.last_day()),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::font::tests::glyph_of;
    use super::*;
    use crate::layout::lay_out;
    use crate::network::dataset::load_default_network;

    #[test]
    fn the_embedded_font_draws_every_hangul_syllable_of_the_default_page() {
        let network = load_default_network().expect("loads").network;
        let map = MapGraph::new(&NetworkIndex::new(&network));
        let positions = lay_out(&network, &map.links());
        let page = web_page(&network, &map, &positions, "ko", Background::White).expect("makes it");
        let prefix = "font-family: \"NanumGothic\"; src: url(data:font/ttf;base64,";
        let start = page.find(prefix).expect("a NanumGothic @font-face") + prefix.len();
        let end = start + page[start..].find(')').expect("the data URL ends");
        let font = base64::engine::general_purpose::STANDARD
            .decode(&page[start..end])
            .expect("base64");
        let hangul: BTreeSet<char> = page.chars().filter(|c| ('가'..='힣').contains(c)).collect();
        assert!(hangul.len() > 200, "only {} syllables", hangul.len());
        let missing: String = hangul
            .iter()
            .filter(|&&c| glyph_of(&font, c) == 0)
            .collect();
        assert!(
            missing.is_empty(),
            "the embedded font cannot draw {missing}"
        );
        assert_eq!(glyph_of(&font, '똠'), 0, "a syllable the page does not use");
        assert!(font.len() * 10 < NANUM_GOTHIC.len(), "{} bytes", font.len());
    }

    #[test]
    fn a_name_of_a_million_characters_is_a_short_label_and_whole_in_the_panel_data() {
        use crate::explore::test_support::NetworkBuilder;
        use crate::network::model::{EntityKind, TieKind};
        use crate::scene::labels::LABEL_MAX_CHARS;

        let huge = "長".repeat(1_000_000);
        let network = NetworkBuilder::new()
            .named("huge", EntityKind::Company, &[("en", &huge)], &[])
            .person("ada")
            .tie("t", TieKind::Meeting, &["huge", "ada"], None)
            .build();
        let map = MapGraph::new(&NetworkIndex::new(&network));
        let positions = lay_out(&network, &map.links());
        let page = web_page(&network, &map, &positions, "en", Background::White).expect("makes it");
        let label_start = page.find("data-label-of=\"huge\"").expect("a label");
        let label = &page[label_start..];
        let label =
            &label[label.find('>').expect("its text") + 1..label.find("</text>").expect("ends")];
        assert_eq!(label, format!("{}…", "長".repeat(LABEL_MAX_CHARS - 1)));
        let data = &page[page.find("id=\"powermap-data\">").expect("the data")..];
        assert!(data.contains(&format!(
            "\"names\":{{\"ko\":\"{huge}\",\"en\":\"{huge}\"}}"
        )));
        assert!(data.contains(&format!(
            "\"label\":{{\"ko\":\"{label}\",\"en\":\"{label}\"}}"
        )));
        // The reader's fonts follow the embedded ones for the scripts they lack.
        assert!(
            page.contains("--fonts: \"NanumGothic\", \"powermap-latin\", \"Noto Sans CJK KR\",")
        );
        assert!(page.contains("\"Noto Sans Arabic\""));
    }

    #[test]
    fn json_in_a_script_cannot_end_it() {
        let json = serde_json::to_string(&serde_json::json!({
            "label": "</script><script>alert(1)</script><!-- & \u{2028}\u{2029}",
        }))
        .expect("encodes");
        let safe = script_json(&json);
        for forbidden in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!safe.contains(forbidden), "{forbidden:?} in {safe}");
        }
        assert_eq!(
            safe,
            r#"{"label":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029"}"#
        );
        // The escapes mean the same text.
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(&json).expect("JSON")
        );
    }

    #[test]
    fn the_script_and_style_build_nothing_from_markup() {
        for forbidden in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ] {
            assert!(!SCRIPT.contains(forbidden), "page.js uses {forbidden}");
        }
        for (name, text) in [("page.js", SCRIPT), ("page.css", STYLE)] {
            assert!(
                !text.to_ascii_lowercase().contains("</script"),
                "{name} ends its element"
            );
            assert!(
                !text.to_ascii_lowercase().contains("</style"),
                "{name} ends its element"
            );
            assert!(!text.contains("url("), "{name} loads something");
        }
    }
}
