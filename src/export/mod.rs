//! The whole map fit to publish: SVG (vector, text as text) and PNG (the same SVG rendered
//! by resvg with the bundled Hangul font), with a title, a legend built from what the
//! network contains, and a credit line naming the sources; the web page, that SVG made
//! interactive with every tie's evidence ([`web_page`]); and the timeline as a film
//! ([`film`]). No window, no GPU.

pub mod film;
mod png;
mod svg;
mod web;

use std::path::{Path, PathBuf};

use crate::layout::Point;
use crate::network::model::Network;
use crate::network::save::{Overwrite, SaveError, write_atomically};
use crate::scene::graph::MapGraph;

pub use png::{encode_png, svg_to_png};
pub use svg::{credit_line, map_svg};
pub use web::{CONTENT_SECURITY_POLICY, web_page};

/// The widest (and tallest) picture powermap draws, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;
/// The most pixels a PNG may have (a 16384 × 8192 picture, 512 MiB of RGBA while drawing).
pub const MAX_PIXELS: u64 = 16_384 * 8_192;
/// The narrowest picture worth drawing.
pub const MIN_WIDTH_PX: u32 = 200;
/// The width of a 1× picture.
pub const BASE_WIDTH_PX: u32 = 1_600;

/// What is behind the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Background {
    #[default]
    White,
    Dark,
    Transparent,
}

/// How to draw the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// The picture's width in pixels; its height follows the map's shape. (A web page's
    /// map takes the width of its window.)
    pub width_px: u32,
    pub background: Background,
    /// The language of the labels, such as `"ko"` or `"en"`.
    pub language: String,
}

/// The file formats the whole map exports to: two pictures, and the web page around one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
    /// One self-contained HTML file: the map to pan, zoom, search and click for evidence.
    Html,
}

impl ImageFormat {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Html => "html",
        }
    }
}

/// Why a picture could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{width} × {height} pixels is too large: powermap draws at most {MAX_SIDE_PX} pixels a side and {MAX_PIXELS} pixels in all"
    )]
    TooLarge { width: u64, height: u64 },
    #[error("{width} pixels is too narrow: choose at least {MIN_WIDTH_PX}")]
    TooSmall { width: u32 },
    #[error("{file}: choose a file name ending in .png, .svg or .html", file = file.display())]
    UnknownFormat { file: PathBuf },
    #[error("cannot draw the map: {0}")]
    Render(String),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// A slug of the network's title for file names: `samsung-owner-contact-first…`.
pub fn file_stem(network: &Network, fallback: &str) -> String {
    let source = if network.title.is_empty() {
        fallback
    } else {
        &network.title
    };
    let mut stem = String::new();
    for c in source.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "powermap".to_owned()
    } else {
        stem.to_owned()
    }
}
/// Draws the whole map into `path` as PNG, SVG or a web page (by its extension), atomically.
pub fn export_map(
    network: &Network,
    map: &MapGraph,
    positions: &[Point],
    options: &ExportOptions,
    path: &Path,
    overwrite: Overwrite,
) -> Result<(), ExportError> {
    let format = ImageFormat::from_path(path).ok_or_else(|| ExportError::UnknownFormat {
        file: path.to_owned(),
    })?;
    let bytes = match format {
        ImageFormat::Svg => map_svg(network, map, positions, options)?.into_bytes(),
        ImageFormat::Png => svg_to_png(&map_svg(network, map, positions, options)?)?,
        ImageFormat::Html => web_page(
            network,
            map,
            positions,
            &options.language,
            options.background,
        )?
        .into_bytes(),
    };
    write_atomically(path, &bytes, overwrite)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_slugs_of_the_title() {
        let mut network = Network::empty();
        network.title = "Samsung: owner contact first, affiliate execution after".to_owned();
        assert_eq!(
            file_stem(&network, "x"),
            "samsung-owner-contact-first-affiliate-execution-after"
        );
        network.title = "삼성 네트워크!".to_owned();
        assert_eq!(file_stem(&network, "x"), "삼성-네트워크");
        network.title = "!!!".to_owned();
        assert_eq!(file_stem(&network, "x"), "powermap");
    }
}
