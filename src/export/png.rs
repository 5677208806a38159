//! PNG: the map's SVG rendered by resvg (no GPU) with the bundled fonts, then the
//! system's for the scripts they lack, in horizontal bands drawn in parallel.

use rayon::prelude::*;

use super::{ExportError, MAX_PIXELS, MAX_SIDE_PX};
use crate::scene::fonts::{NANUM_GOTHIC_FAMILY, export_database};

/// How many horizontal bands a picture is drawn in, whatever the number of threads.
///
/// A fixed number, so that the picture does not depend on the machine: resvg's
/// anti-aliasing of an edge that crosses a band's border depends slightly on where the
/// border is (the default map's lines came out up to 49 levels of 255 apart when drawn in
/// one band and in two). Each band walks the whole picture, about a tenth of a second of
/// CPU time on a 10,000-entity map at 4096 px, against some 12 s for all of it; eight
/// keep the cores of most machines busy.
const BANDS: u32 = 8;

/// Renders SVG to PNG bytes. Latin, Greek, Cyrillic, Hangul and emoji come from the bundled
/// fonts, the same on every machine; other scripts from the system's fonts.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let (pixels, width, height) = svg_to_rgba(svg)?;
    encode_png(&pixels, width, height)
}

/// Renders the SVG to straight RGBA pixels: `(pixels, width, height)`.
pub fn svg_to_rgba(svg: &str) -> Result<(Vec<u8>, u32, u32), ExportError> {
    let tree = resvg::usvg::Tree::from_str(svg, &svg_options())
        .map_err(|err| ExportError::Render(err.to_string()))?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    if width > MAX_SIDE_PX
        || height > MAX_SIDE_PX
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(ExportError::TooLarge {
            width: u64::from(width),
            height: u64::from(height),
        });
    }
    // Drawn in horizontal bands, in parallel: the thousands of lines of a large map take
    // seconds on one core. Each band draws the whole picture shifted up, clipped to it.
    // A picture fewer rows high than BANDS gets fewer, one row each.
    let band_height = height.div_ceil(BANDS).max(1);
    let bands = height.div_ceil(band_height);
    let rendered: Vec<Vec<u8>> = (0..bands)
        .into_par_iter()
        .map(|band| {
            let top = band * band_height;
            let rows = band_height.min(height - top);
            let mut pixmap = resvg::tiny_skia::Pixmap::new(width, rows).ok_or_else(|| {
                ExportError::Render(format!("cannot allocate {width} × {rows} pixels"))
            })?;
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::from_translate(0.0, -(top as f32)),
                &mut pixmap.as_mut(),
            );
            Ok(pixmap
                .pixels()
                .iter()
                .flat_map(|pixel| {
                    let color = pixel.demultiply();
                    [color.red(), color.green(), color.blue(), color.alpha()]
                })
                .collect())
        })
        .collect::<Result<_, ExportError>>()?;
    Ok((rendered.concat(), width, height))
}

/// How resvg reads the map's SVG: with the bundled fonts, NanumGothic first, then the
/// system's (found once, see [`export_database`]). resvg shapes each run of a script with
/// its font (Arabic letters join) and orders right-to-left text.
fn svg_options() -> resvg::usvg::Options<'static> {
    resvg::usvg::Options {
        font_family: NANUM_GOTHIC_FAMILY.to_owned(),
        fontdb: export_database(),
        ..Default::default()
    }
}

/// Encodes straight (not premultiplied) RGBA pixels as PNG.
pub fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|err| ExportError::Render(err.to_string()))?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of text as the export's fonts render it.
    fn rendered(text: &str) -> resvg::tiny_skia::Pixmap {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="4" y="28" font-size="24">{text}</text></svg>"#
        );
        let tree = resvg::usvg::Tree::from_str(&svg, &svg_options()).expect("parses");
        let mut pixmap = resvg::tiny_skia::Pixmap::new(240, 40).expect("allocates");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        pixmap
    }

    /// The glyphs resvg lays a line of text out in: the glyph and the text it draws,
    /// left to right.
    fn glyphs(text: &str) -> Vec<(u32, String)> {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="4" y="28" font-size="24">{text}</text></svg>"#
        );
        let tree = resvg::usvg::Tree::from_str(&svg, &svg_options()).expect("parses");
        let Some(resvg::usvg::Node::Text(text)) = tree.root().children().first() else {
            panic!("no text in {svg}");
        };
        let mut glyphs: Vec<(f32, u32, String)> = (text.layouted().iter())
            .flat_map(|span| &span.positioned_glyphs)
            .map(|glyph| (glyph.transform().tx, glyph.id.0, glyph.text.clone()))
            .collect();
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        glyphs.into_iter().map(|(_, id, text)| (id, text)).collect()
    }

    /// A name in each script the exports must draw, and the script's name.
    const SCRIPT_SAMPLES: [(&str, &str); 8] = [
        ("汉字", "Chinese"),
        ("辻", "Japanese"),
        ("Жуков", "Cyrillic"),
        ("שלום", "Hebrew"),
        ("عربي", "Arabic"),
        ("हिन्दी", "Devanagari"),
        ("ไทย", "Thai"),
        ("😀", "emoji"),
    ];

    /// Whether the system has a font for every script, as CI does (it installs
    /// fonts-noto-core and fonts-noto-cjk); otherwise a test of them says so and passes.
    fn every_script_has_a_font() -> bool {
        let fonts = crate::scene::fonts::system_fonts();
        if fonts.uncovered.is_empty() {
            return true;
        }
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no font for {:?}: run scripts/setup-debian.sh (fonts-noto-core, fonts-noto-cjk)",
            fonts.uncovered
        );
        #[allow(clippy::print_stderr, reason = "says why the test checks nothing")]
        {
            eprintln!("skipped: no system font for {:?}", fonts.uncovered);
        }
        false
    }

    #[test]
    fn system_fonts_draw_every_script_rather_than_boxes() {
        if !every_script_has_a_font() {
            return;
        }
        // A character no font has: drawn as the missing-glyph box.
        let tofu = rendered("\u{10FFFD}");
        assert!(glyphs("\u{10FFFD}").iter().all(|(id, _)| *id == 0));
        for (text, script) in SCRIPT_SAMPLES {
            let missing: Vec<String> = glyphs(text)
                .into_iter()
                .filter(|(id, _)| *id == 0)
                .map(|(_, text)| text)
                .collect();
            assert!(missing.is_empty(), "{script}: no glyph for {missing:?}");
            let pixmap = rendered(text);
            let ink = pixmap.pixels().iter().filter(|p| p.alpha() > 0).count();
            assert!(ink > 30, "{script}: {text} draws {ink} pixels");
            assert!(pixmap.data() != tofu.data(), "{script}: {text} draws a box");
        }
    }

    #[test]
    fn system_fonts_join_arabic_and_put_right_to_left_text_in_order() {
        if !every_script_has_a_font() {
            return;
        }
        // Alone, beh is its isolated form; before teh, its initial form, joined to it.
        let [(isolated, _)] = glyphs("ب")[..] else {
            panic!("beh is one glyph");
        };
        let joined = glyphs("بت");
        assert_eq!(joined.len(), 2, "{joined:?}");
        // Read right to left: teh, the second letter, lies left of beh.
        assert_eq!(joined[0].1, "ت", "{joined:?}");
        assert_eq!(joined[1].1, "ب", "{joined:?}");
        assert_ne!(
            joined[1].0, isolated,
            "beh keeps its isolated form: not joined"
        );
        let hebrew: String = glyphs("שלום").into_iter().map(|(_, text)| text).collect();
        assert_eq!(hebrew, "םולש", "left to right on the picture");
    }

    #[test]
    fn a_picture_fewer_rows_high_than_the_bands_is_whole() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="9"><rect width="10" height="9" fill="#1F4FD8"/></svg>"##;
        let png = svg_to_png(svg).expect("renders");
        let image = image::load_from_memory(&png).expect("decodes").to_rgba8();
        assert_eq!(image.dimensions(), (10, 9));
        assert!(
            image
                .pixels()
                .all(|pixel| pixel.0 == [0x1F, 0x4F, 0xD8, 255]),
            "not all blue: {:?}",
            image
                .pixels()
                .find(|pixel| pixel.0 != [0x1F, 0x4F, 0xD8, 255])
        );
    }

    #[test]
    fn hangul_and_latin_letters_nanum_gothic_lacks_both_render() {
        let inked = |text: &str| {
            let pixmap = rendered(text);
            pixmap.pixels().iter().filter(|p| p.alpha() > 0).count()
        };
        assert!(inked("이재용") > 50);
        // NanumGothic has no ã, ğ or ő: without a fallback each would be the same
        // missing-glyph box.
        let letters = ["ã", "ğ", "ő"].map(|letter| rendered(letter).data().to_vec());
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            assert!(
                letters[a] != letters[b],
                "letters {a} and {b} render alike: missing glyphs"
            );
        }
    }
}
