//! What File ▸ Export asks for: the current view as on screen, or the whole map at a
//! chosen size, as PNG or SVG, or as a web page, on a white, dark or transparent
//! background; and where.

use std::path::PathBuf;

use crate::export::{BASE_WIDTH_PX, Background, ImageFormat};

/// What part of the map to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportScope {
    /// Exactly what the map shows now, at the screen's pixel density (PNG only).
    CurrentView,
    /// Every entity, fitted with a margin, with a legend and the sources' credit.
    WholeMap,
}

/// How big the whole-map picture is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExportSize {
    WidthPx(u32),
    /// A multiple of [`BASE_WIDTH_PX`], 1 to 4.
    Scale(f32),
}

impl ExportSize {
    pub fn width_px(self) -> u32 {
        match self {
            Self::WidthPx(width) => width,
            Self::Scale(scale) => (BASE_WIDTH_PX as f32 * scale).round() as u32,
        }
    }
}

/// The choices the export dialog keeps between uses.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportSettings {
    pub scope: ExportScope,
    pub format: ImageFormat,
    pub size: ExportSize,
    pub background: Background,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            scope: ExportScope::WholeMap,
            format: ImageFormat::Png,
            size: ExportSize::Scale(2.0),
            background: Background::White,
        }
    }
}

/// An export to carry out: where, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub settings: ExportSettings,
}
