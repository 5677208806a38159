//! The window's fonts: egui's own first (Latin keeps its look), NanumGothic for Hangul,
//! then one system font for each script neither has ([`crate::scene::fonts`]), so that
//! Chinese, Japanese, Arabic, Hebrew, Devanagari or Thai names are letters, not boxes.

use std::sync::{Arc, OnceLock};

use egui::{FontData, FontDefinitions, FontFamily};

use crate::scene::fonts::{NANUM_GOTHIC, NANUM_GOTHIC_FAMILY as NANUM_NAME, SystemFonts};

/// egui's fonts with NanumGothic, then the system's fallbacks, after them in every
/// family. The first call scans the system's fonts (see
/// [`crate::scene::fonts::system_fonts`]) and reads the fallbacks; later ones share them.
pub fn font_definitions() -> FontDefinitions {
    static FALLBACKS: OnceLock<Vec<(String, Arc<FontData>)>> = OnceLock::new();
    let fallbacks = FALLBACKS.get_or_init(|| read_fallbacks(crate::scene::fonts::system_fonts()));
    let mut fonts = bundled_font_definitions();
    for (name, font) in fallbacks {
        add_fallback(&mut fonts, name, font.clone());
    }
    fonts
}

/// Gives the window its fonts: the bundled ones at once and, from a thread, the system's
/// fallbacks once they are found (a repaint shows them), so the window does not wait for
/// the scan.
pub fn set_fonts(ctx: &egui::Context) {
    ctx.set_fonts(bundled_font_definitions());
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("fonts".to_owned())
        .spawn(move || {
            ctx.set_fonts(font_definitions());
            ctx.request_repaint();
        });
    if let Err(err) = spawned {
        tracing::warn!("cannot look for the system's fonts: {err}");
    }
}

/// egui's fonts with NanumGothic only: what the window starts with while the system's
/// fonts are looked up.
pub fn bundled_font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let nanum = Arc::new(FontData::from_static(NANUM_GOTHIC));
    add_fallback(&mut fonts, NANUM_NAME, nanum);
    fonts
}

/// `system`'s fallbacks read into memory, where egui keeps its fonts, each named by its
/// family; a file that cannot be read is left out.
fn read_fallbacks(system: &SystemFonts) -> Vec<(String, Arc<FontData>)> {
    let mut fonts = Vec::new();
    for fallback in &system.fallbacks {
        let Some((data, index)) = system.font_data(fallback) else {
            tracing::warn!(
                "cannot read {} ({:?}) for {}",
                fallback.family,
                fallback.path,
                fallback.script
            );
            continue;
        };
        let mut font = FontData::from_owned(data);
        font.index = index;
        fonts.push((fallback.family.clone(), Arc::new(font)));
    }
    fonts
}

/// Adds `font` under `name` after the fonts of every family.
fn add_fallback(fonts: &mut FontDefinitions, name: &str, font: Arc<FontData>) {
    fonts.font_data.insert(name.to_owned(), font);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use egui::FontId;

    use super::*;
    use crate::scene::fonts::{covers, system_fonts};

    /// Whether the window's fonts draw every one of `text`'s characters.
    fn draws(fonts: FontDefinitions, text: &str) -> bool {
        let ctx = egui::Context::default();
        ctx.set_fonts(fonts);
        // The fonts take effect at the start of a pass.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        // No painter takes the font atlas here.
        output.textures_delta.clear();
        ctx.fonts_mut(|fonts| fonts.has_glyphs(&FontId::proportional(14.0), text))
    }

    /// The first font of the window's proportional family whose character map has `c`:
    /// the one egui draws it with. (egui's own `has_glyphs` cannot tell for emoji: it says
    /// no for every character of the face that also holds the replacement box ◻, and that
    /// face is Noto Emoji.)
    fn drawn_by(fonts: &FontDefinitions, c: char) -> Option<&str> {
        fonts.families[&FontFamily::Proportional]
            .iter()
            .find(|name| {
                let data = &fonts.font_data[name.as_str()];
                covers(&data.font, data.index, &[c])
            })
            .map(String::as_str)
    }

    #[test]
    fn emoji_are_drawn_by_egui_s_noto_emoji_not_as_boxes() {
        let fonts = bundled_font_definitions();
        for c in ['😀', '🚀', '🏢'] {
            assert_eq!(drawn_by(&fonts, c), Some("NotoEmoji-Regular"), "{c}");
        }
        assert_eq!(
            drawn_by(&fonts, '\u{10FFFD}'),
            None,
            "a character no font has"
        );
        assert_eq!(drawn_by(&fonts, '이'), Some(NANUM_NAME));
    }

    #[test]
    fn latin_keeps_egui_s_font_and_hangul_nanum_before_any_system_font() {
        let fonts = font_definitions();
        let proportional = &fonts.families[&FontFamily::Proportional];
        assert_eq!(proportional[0], "Ubuntu-Light", "{proportional:?}");
        let nanum = proportional.iter().position(|name| name == NANUM_NAME);
        assert_eq!(
            nanum,
            Some(proportional.len() - system_fonts().fallbacks.len() - 1),
            "NanumGothic is not right before the system's fallbacks: {proportional:?}"
        );
        assert!(draws(bundled_font_definitions(), "Tesla 이재용 São Жуков"));
    }

    #[test]
    fn ideographs_nanum_lacks_come_from_a_system_font_when_there_is_one() {
        // NanumGothic has the Hanja 漢 but not Chinese 汉 or Japanese 辻: without a fallback
        // they are boxes.
        let text = "汉辻";
        assert!(!draws(bundled_font_definitions(), text));
        let chars: Vec<char> = text.chars().collect();
        let database = &system_fonts().database;
        let installed = database.faces().any(|face| {
            database
                .with_face_data(face.id, |data, index| covers(data, index, &chars))
                .unwrap_or(false)
        });
        if !installed {
            // CI installs fonts-noto-cjk (scripts/setup-debian.sh): there the test must run.
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "no system font has {text}: run scripts/setup-debian.sh (fonts-noto-cjk)"
            );
            #[allow(clippy::print_stderr, reason = "says why the test checks nothing")]
            {
                eprintln!("skipped: no system font has {text} (install fonts-noto-cjk)");
            }
            return;
        }
        assert!(
            draws(font_definitions(), text),
            "a system font has {text}, but the window's fonts do not draw it; fallbacks: {:?}",
            system_fonts().fallbacks
        );
    }
}
