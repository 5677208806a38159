//! The bundled Hangul font: egui's own fonts have no Korean, so NanumGothic (SIL OFL,
//! `assets/fonts/OFL.txt`) backs every text style.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// NanumGothic, embedded so Korean renders on any machine.
pub const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

const NANUM_NAME: &str = "NanumGothic";

/// egui's fonts with NanumGothic as the fallback for every family, so Latin text keeps
/// egui's look and Hangul (and Hanja such as 李) comes from Nanum.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        NANUM_NAME.to_owned(),
        Arc::new(FontData::from_static(NANUM_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(NANUM_NAME.to_owned());
    }
    fonts
}
