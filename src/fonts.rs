//! The bundled Hangul font, shared by the window and the exporters so that Korean renders
//! the same everywhere: NanumGothic (SIL Open Font License, `assets/fonts/OFL.txt`).

/// NanumGothic, embedded so Korean renders on any machine.
pub const NANUM_GOTHIC: &[u8] = include_bytes!("../assets/fonts/NanumGothic.ttf");

/// The family name NanumGothic registers under.
pub const NANUM_GOTHIC_FAMILY: &str = "NanumGothic";
