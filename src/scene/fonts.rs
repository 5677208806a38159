//! The fonts names are drawn with, shared by the window and the exporters so that names
//! render the same everywhere.
//!
//! Bundled: NanumGothic for Hangul (SIL Open Font License, `assets/fonts/OFL.txt`), egui's
//! own Ubuntu Light for the Latin, Greek and Cyrillic letters NanumGothic lacks, and egui's
//! Noto Emoji. For the scripts none of them has (Chinese and Japanese ideographs beyond
//! Korean Hanja, Arabic, Hebrew, Devanagari, Thai…) a font of the system's is picked per
//! script, a Noto one where there is one ([`SystemFonts`]), and used after the bundled ones.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use allsorts::binary::read::ReadScope;
use allsorts::font::read_cmap_subtable;
use allsorts::font_data::FontData;
use allsorts::tables::FontTableProvider;
use allsorts::tables::cmap::Cmap;
use allsorts::tag;

/// NanumGothic, embedded so Korean renders on any machine.
pub const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// The family name NanumGothic registers under.
pub const NANUM_GOTHIC_FAMILY: &str = "NanumGothic";

/// Ubuntu Light (Ubuntu Font Licence), egui's default font, which the window already uses:
/// the exporters fall back on it for letters NanumGothic lacks (ã, õ, ğ, ş, ő…), as in
/// "São Paulo".
pub const LATIN_FALLBACK: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// Noto Emoji (SIL Open Font License), the outline emoji egui draws in the window: the
/// exporters draw emoji with it too.
pub const EMOJI_FALLBACK: &[u8] = epaint_default_fonts::NOTO_EMOJI_REGULAR;

/// The fonts every renderer has, in the order they are tried for a character.
pub const BUNDLED_FONTS: [&[u8]; 3] = [NANUM_GOTHIC, LATIN_FALLBACK, EMOJI_FALLBACK];

/// NanumGothic's licence, the SIL Open Font License 1.1, which Help ▸ About shows.
pub const FONT_LICENCE: &str = include_str!("../../assets/fonts/OFL.txt");

/// A writing system and how to find a font for it.
#[derive(Clone, Copy, Debug)]
pub struct Script {
    /// The script's name, for logs and messages.
    pub name: &'static str,
    /// Characters a font must have to be picked for the script.
    pub probes: &'static [char],
    /// The families that cover it on Linux (Noto), Windows and macOS, best first: tried
    /// first when picking a font, and named after the bundled fonts in the exports'
    /// `font-family`, so that a browser or an SVG viewer finds one.
    pub families: &'static [&'static str],
}

/// The scripts names are expected in beyond Hangul and Latin. The ideographs' probes are
/// Chinese 汉 and Japanese 辻, which NanumGothic lacks (it has the Hanja 漢).
pub const SCRIPTS: &[Script] = &[
    Script {
        name: "Chinese and Japanese",
        probes: &['汉', '辻', 'ひ'],
        // Malgun Gothic, Windows' Korean font, has no 汉: named for the Hangul of an SVG
        // opened where NanumGothic is not installed.
        families: &[
            "Noto Sans CJK KR",
            "Malgun Gothic",
            "Noto Sans CJK JP",
            "Noto Sans CJK SC",
            "Source Han Sans",
            "Microsoft YaHei",
            "Yu Gothic",
            "PingFang SC",
            "Hiragino Sans",
        ],
    },
    Script {
        name: "Cyrillic",
        probes: &['Ж'],
        families: &["Noto Sans", "Segoe UI", "Helvetica Neue", "Arial"],
    },
    Script {
        name: "Hebrew",
        probes: &['ש'],
        families: &["Noto Sans Hebrew", "Segoe UI", "Arial Hebrew", "Arial"],
    },
    Script {
        name: "Arabic",
        probes: &['ع'],
        families: &[
            "Noto Sans Arabic",
            "Noto Naskh Arabic",
            "Segoe UI",
            "Geeza Pro",
            "Arial",
        ],
    },
    Script {
        name: "Devanagari",
        probes: &['क'],
        families: &["Noto Sans Devanagari", "Nirmala UI", "Kohinoor Devanagari"],
    },
    Script {
        name: "Thai",
        probes: &['ก'],
        families: &["Noto Sans Thai", "Leelawadee UI", "Thonburi", "Tahoma"],
    },
    Script {
        name: "emoji",
        probes: &['😀'],
        families: &["Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"],
    },
];

/// The families the exports name after the bundled fonts (before the generic
/// `sans-serif`): each script's, once, in [`SCRIPTS`]' order. The same on every machine.
pub fn fallback_families() -> Vec<&'static str> {
    let mut families: Vec<&'static str> = Vec::new();
    for family in SCRIPTS.iter().flat_map(|script| script.families) {
        if !families.contains(family) {
            families.push(family);
        }
    }
    families
}

/// Whether the font `data` (face `index` of a collection) maps every one of `chars` to a
/// glyph. A font that cannot be read covers nothing.
pub fn covers(data: &[u8], index: u32, chars: &[char]) -> bool {
    let covered = || -> Option<bool> {
        let font = ReadScope::new(data).read::<FontData<'_>>().ok()?;
        let provider = font.table_provider(index as usize).ok()?;
        let cmap_data = provider.read_table_data(tag::CMAP).ok()?;
        let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().ok()?;
        let (_, characters) = read_cmap_subtable(&cmap).ok()??;
        Some(chars.iter().all(|&c| {
            characters
                .map_glyph(u32::from(c))
                .ok()
                .flatten()
                .is_some_and(|glyph| glyph != 0)
        }))
    };
    covered().unwrap_or(false)
}

/// Whether one of the bundled fonts has all of `chars`.
pub fn bundled_covers(chars: &[char]) -> bool {
    BUNDLED_FONTS.iter().any(|font| covers(font, 0, chars))
}

/// A system font picked for a script.
#[derive(Clone, Debug)]
pub struct Fallback {
    /// The script it is for ([`Script::name`]); a font picked for several scripts is
    /// listed once, for the first.
    pub script: &'static str,
    /// Its family name, as the font gives it in English.
    pub family: String,
    /// The face in [`SystemFonts::database`].
    pub id: fontdb::ID,
    /// Its file, for messages.
    pub path: Option<PathBuf>,
}

/// The system's fonts, found by `fontdb` (fontconfig's directories on Linux, the Fonts
/// folders on Windows and macOS; files are read only to check coverage, memory-mapped),
/// and one picked for each script of [`SCRIPTS`] that the bundled fonts lack.
#[derive(Debug)]
pub struct SystemFonts {
    /// Every face found, in the order `fontdb` found them.
    pub database: fontdb::Database,
    /// The picked fonts, in [`SCRIPTS`]' order.
    pub fallbacks: Vec<Fallback>,
    /// The scripts neither the bundled fonts nor a system font covers.
    pub uncovered: Vec<&'static str>,
    /// How long finding the fonts and picking took.
    pub scan_time: Duration,
}

impl SystemFonts {
    /// Looks the system's fonts up and picks the fallbacks. Tens to hundreds of
    /// milliseconds: [`system_fonts`] does it once.
    pub fn scan() -> Self {
        let start = Instant::now();
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        let mut fonts = Self::pick(database);
        fonts.scan_time = start.elapsed();
        tracing::info!(
            "{} system font faces found, {} picked as fallbacks ({}), in {:.0?}",
            fonts.database.len(),
            fonts.fallbacks.len(),
            fonts
                .fallbacks
                .iter()
                .map(|fallback| format!("{}: {}", fallback.script, fallback.family))
                .collect::<Vec<_>>()
                .join(", "),
            fonts.scan_time
        );
        if !fonts.uncovered.is_empty() {
            tracing::warn!(
                "no font for {}: such names show as boxes (on Debian, scripts/setup-debian.sh installs the Noto fonts)",
                fonts.uncovered.join(", ")
            );
        }
        fonts
    }

    /// Picks a font of `database` for each script the bundled fonts lack.
    pub fn pick(database: fontdb::Database) -> Self {
        let mut fallbacks: Vec<Fallback> = Vec::new();
        let mut uncovered = Vec::new();
        for script in SCRIPTS {
            if bundled_covers(script.probes) {
                continue;
            }
            match pick_face(&database, script) {
                Some(face) => {
                    if fallbacks.iter().all(|fallback| fallback.id != face.id) {
                        fallbacks.push(Fallback {
                            script: script.name,
                            family: english_family(face).to_owned(),
                            id: face.id,
                            path: match &face.source {
                                fontdb::Source::File(path) => Some(path.clone()),
                                _ => None,
                            },
                        });
                    }
                }
                None => uncovered.push(script.name),
            }
        }
        Self {
            database,
            fallbacks,
            uncovered,
            scan_time: Duration::ZERO,
        }
    }

    /// The whole file a fallback's face is in and the face's index in it, read into
    /// memory (for egui, which keeps its fonts in memory); `None` if it cannot be read.
    pub fn font_data(&self, fallback: &Fallback) -> Option<(Vec<u8>, u32)> {
        self.database
            .with_face_data(fallback.id, |data, index| (data.to_vec(), index))
    }

    /// A database for resvg: the bundled fonts first, then the fallbacks, then every
    /// other system face, so that resvg, which takes a missing character from the first
    /// face that has it, finds the picked fonts before the rest.
    pub fn export_database(&self) -> fontdb::Database {
        let mut database = fontdb::Database::new();
        for font in BUNDLED_FONTS {
            database.load_font_data(font.to_vec());
        }
        let picked = |id: fontdb::ID| self.fallbacks.iter().any(|fallback| fallback.id == id);
        let faces = (self.fallbacks.iter())
            .filter_map(|fallback| self.database.face(fallback.id))
            .chain(self.database.faces().filter(|face| !picked(face.id)));
        for face in faces {
            database.push_face_info(face.clone());
        }
        database
    }
}

/// The system's fonts, scanned the first time they are asked for.
pub fn system_fonts() -> &'static SystemFonts {
    static FONTS: OnceLock<SystemFonts> = OnceLock::new();
    FONTS.get_or_init(SystemFonts::scan)
}

/// The fonts resvg renders exports with ([`SystemFonts::export_database`]), built once.
pub fn export_database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| Arc::new(system_fonts().export_database()))
        .clone()
}

/// A face's family name in English, or its first.
fn english_family(face: &fontdb::FaceInfo) -> &str {
    face.families
        .iter()
        .find(|(_, language)| *language == fontdb::Language::English_UnitedStates)
        .or(face.families.first())
        .map_or("", |(name, _)| name)
}

/// The face of `database` that `script` is drawn with: the best-ranked that has every
/// probe character.
fn pick_face<'a>(database: &'a fontdb::Database, script: &Script) -> Option<&'a fontdb::FaceInfo> {
    let mut faces: Vec<&fontdb::FaceInfo> = database.faces().collect();
    faces.sort_by_cached_key(|face| rank(face, script));
    faces.into_iter().find(|face| {
        database
            .with_face_data(face.id, |data, index| covers(data, index, script.probes))
            .unwrap_or(false)
    })
}

/// How well a face suits a script, lower first: one of the script's own families in their
/// order, then Noto Sans, then other Noto, then the rest; upright regular faces before
/// others, proportional before monospaced; then by name, so the pick does not depend on
/// the order the files were found in.
fn rank(face: &fontdb::FaceInfo, script: &Script) -> (usize, bool, u16, bool, String) {
    let family = english_family(face);
    let listed = script.families.iter().position(|&name| name == family);
    let class = match listed {
        Some(position) => position,
        None if family.starts_with("Noto Sans") => script.families.len(),
        None if family.starts_with("Noto") => script.families.len() + 1,
        None => script.families.len() + 2,
    };
    (
        class,
        face.style != fontdb::Style::Normal,
        face.weight.0.abs_diff(fontdb::Weight::NORMAL.0),
        face.monospaced,
        family.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_read_from_the_character_map() {
        assert!(covers(NANUM_GOTHIC, 0, &['이', '漢']));
        // NanumGothic has Korean Hanja, not simplified Chinese.
        assert!(!covers(NANUM_GOTHIC, 0, &['汉']));
        assert!(covers(LATIN_FALLBACK, 0, &['ã', 'Ж']));
        assert!(!covers(LATIN_FALLBACK, 0, &['ש']));
        assert!(covers(EMOJI_FALLBACK, 0, &['😀']));
        assert!(!covers(b"not a font", 0, &['a']));
    }

    #[test]
    fn only_scripts_the_bundled_fonts_lack_need_a_system_font() {
        let needed: Vec<&str> = SCRIPTS
            .iter()
            .filter(|script| !bundled_covers(script.probes))
            .map(|script| script.name)
            .collect();
        assert_eq!(
            needed,
            [
                "Chinese and Japanese",
                "Hebrew",
                "Arabic",
                "Devanagari",
                "Thai"
            ]
        );
    }

    #[test]
    fn a_database_of_bundled_fonts_only_picks_nothing_and_says_what_is_uncovered() {
        let mut database = fontdb::Database::new();
        database.load_font_data(NANUM_GOTHIC.to_vec());
        let fonts = SystemFonts::pick(database);
        assert!(fonts.fallbacks.is_empty(), "{:?}", fonts.fallbacks);
        assert_eq!(
            fonts.uncovered,
            [
                "Chinese and Japanese",
                "Hebrew",
                "Arabic",
                "Devanagari",
                "Thai"
            ]
        );
    }

    #[test]
    fn fallback_families_name_each_family_once() {
        let families = fallback_families();
        assert_eq!(families[..2], ["Noto Sans CJK KR", "Malgun Gothic"]);
        let mut unique = families.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), families.len(), "{families:?}");
        assert!(families.contains(&"Noto Sans Arabic"));
    }
}
