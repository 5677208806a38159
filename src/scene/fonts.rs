//! The bundled fonts, shared by the window and the exporters so that names render the same
//! everywhere: NanumGothic for Hangul (SIL Open Font License, `assets/fonts/OFL.txt`), and
//! egui's own Ubuntu Light for the Latin letters NanumGothic lacks.

/// NanumGothic, embedded so Korean renders on any machine.
pub const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// The family name NanumGothic registers under.
pub const NANUM_GOTHIC_FAMILY: &str = "NanumGothic";

/// Ubuntu Light (Ubuntu Font Licence), egui's default font, which the window already uses:
/// the exporters fall back on it for letters NanumGothic lacks (ã, õ, ğ, ş, ő…), as in
/// "São Paulo".
pub const LATIN_FALLBACK: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// NanumGothic's licence, the SIL Open Font License 1.1, which Help ▸ About shows.
pub const FONT_LICENCE: &str = include_str!("../../assets/fonts/OFL.txt");
