//! The bundled Hangul font in egui: egui's own fonts have no Korean, so NanumGothic backs
//! every text style.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::scene::fonts::{NANUM_GOTHIC, NANUM_GOTHIC_FAMILY as NANUM_NAME};

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
