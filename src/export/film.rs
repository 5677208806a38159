//! The timeline as a film: one frame group per distinct date of the network's ties, in
//! order, each showing every tie dated up to then (the ties of its date appear in it),
//! with the date as its caption; and the story the same way, a frame per step. Written as
//! an animated GIF or APNG, or as numbered PNG frames in a folder. Undated ties have no
//! date to appear at, so no frame of the timeline shows them.

use std::path::{Path, PathBuf};

use crate::explore::timeline::timeline_steps;
use crate::export::png::svg_to_rgba;
use crate::export::{ExportError, ExportOptions, map_svg};
use crate::layout::Point;
use crate::network::date::PartialDate;
use crate::network::index::NetworkIndex;
use crate::network::model::{Network, localized};
use crate::network::save::{Overwrite, write_atomically};
use crate::scene::graph::MapGraph;

/// The width of a film's frames unless asked otherwise.
pub const FILM_WIDTH_PX: u32 = 1_000;

/// How long each date stays on screen, and the last one before the film starts again.
const FRAME_MS: u16 = 1_200;
const LAST_FRAME_MS: u16 = 3_000;

/// One date of the film: the ties it shows, and those that appear at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameGroup {
    pub date: PartialDate,
    /// Indexes into `network.ties`: every tie dated up to this date's end.
    pub shown: Vec<usize>,
    /// Of those, the ties of this date.
    pub appearing: Vec<usize>,
}

/// The film's frame groups: one per distinct tie date, earliest first.
pub fn timeline_groups(network: &Network) -> Vec<FrameGroup> {
    timeline_steps(network)
        .into_iter()
        .map(|step| {
            let dated = |tie: &crate::network::model::Tie| tie.date;
            let shown = (network.ties.iter().enumerate())
                .filter(|(_, tie)| {
                    dated(tie).is_some_and(|date| date.first_day() <= step.first_day)
                })
                .map(|(i, _)| i)
                .collect();
            let appearing = (network.ties.iter().enumerate())
                .filter(|(_, tie)| tie.date == Some(step.date))
                .map(|(i, _)| i)
                .collect();
            FrameGroup {
                date: step.date,
                shown,
                appearing,
            }
        })
        .collect()
}

/// What a film is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilmFormat {
    /// An animated GIF (`.gif`).
    Gif,
    /// An animated PNG (`.png`, `.apng`).
    Apng,
    /// Numbered PNG frames in a folder (a name ending in `/`, or a folder that exists).
    Frames,
}

impl FilmFormat {
    pub fn from_path(path: &Path) -> Option<Self> {
        if path.is_dir() || path.as_os_str().to_string_lossy().ends_with(['/', '\\']) {
            return Some(Self::Frames);
        }
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "gif" => Some(Self::Gif),
            "png" | "apng" => Some(Self::Apng),
            _ => None,
        }
    }
}

/// A film's frames, one per frame group, all of one size.
pub struct Film {
    pub width: u32,
    pub height: u32,
    /// Straight RGBA pixels of each frame.
    pub frames: Vec<Vec<u8>>,
    /// The date each frame shows, if it has one (a story's step may not).
    pub dates: Vec<Option<PartialDate>>,
}

/// Draws the film of `network`'s timeline with the entities at `positions`.
pub fn timeline_film(
    network: &Network,
    positions: &[Point],
    options: &ExportOptions,
) -> Result<Film, ExportError> {
    let groups = timeline_groups(network);
    if groups.is_empty() {
        return Err(ExportError::Render(
            "no tie has a date: the timeline has nothing to show".to_owned(),
        ));
    }
    let frames = groups
        .iter()
        .map(|group| {
            let caption = if network.title.is_empty() {
                group.date.to_string()
            } else {
                format!("{} · {}", group.date, network.title)
            };
            (caption, group.shown.clone())
        })
        .collect();
    let mut film = film_of(network, positions, options, frames)?;
    film.dates = groups.iter().map(|group| Some(group.date)).collect();
    Ok(film)
}

/// Draws the film of `network`'s story: one frame per step, showing the ties the step
/// highlights, with its caption (in the options' language) and its date.
pub fn story_film(
    network: &Network,
    positions: &[Point],
    options: &ExportOptions,
) -> Result<Film, ExportError> {
    if network.story.is_empty() {
        return Err(ExportError::Render(
            "the map tells no story: add steps in the window's Story panel".to_owned(),
        ));
    }
    let frames = (network.story.iter().enumerate())
        .map(|(i, step)| {
            let caption = localized(&step.caption, &options.language).unwrap_or_default();
            let caption = match step.date {
                Some(date) => format!("{}. {date} · {caption}", i + 1),
                None => format!("{}. {caption}", i + 1),
            };
            let ties = (network.ties.iter().enumerate())
                .filter(|(_, tie)| step.ties.contains(&tie.id))
                .map(|(at, _)| at)
                .collect();
            (caption, ties)
        })
        .collect();
    let mut film = film_of(network, positions, options, frames)?;
    film.dates = network.story.iter().map(|step| step.date).collect();
    Ok(film)
}

/// Draws one frame per `(caption, ties shown)`, every entity in its place.
fn film_of(
    network: &Network,
    positions: &[Point],
    options: &ExportOptions,
    frames: Vec<(String, Vec<usize>)>,
) -> Result<Film, ExportError> {
    let mut drawn = Vec::with_capacity(frames.len());
    for (caption, shown) in frames {
        let mut frame = network.clone();
        frame.ties = shown.iter().map(|&i| network.ties[i].clone()).collect();
        frame.story.clear();
        frame.title = caption;
        let map = MapGraph::new(&NetworkIndex::new(&frame));
        let svg = map_svg(&frame, &map, positions, options)?;
        drawn.push(svg_to_rgba(&svg)?);
    }
    // Frames are drawn to one size: the largest, each on its own background.
    let width = drawn.iter().map(|frame| frame.1).max().unwrap_or(1);
    let height = drawn.iter().map(|frame| frame.2).max().unwrap_or(1);
    let frames = drawn
        .into_iter()
        .map(|(pixels, w, h)| placed(&pixels, w, h, width, height))
        .collect();
    Ok(Film {
        width,
        height,
        frames,
        dates: Vec::new(),
    })
}

/// `pixels` (`w` × `h`) at the top left of a `width` × `height` frame, the rest filled
/// with its top-left pixel (the background).
fn placed(pixels: &[u8], w: u32, h: u32, width: u32, height: u32) -> Vec<u8> {
    if (w, h) == (width, height) {
        return pixels.to_vec();
    }
    let background: [u8; 4] = pixels
        .get(..4)
        .and_then(|p| p.try_into().ok())
        .unwrap_or([255; 4]);
    let mut frame: Vec<u8> = background.repeat((width * height) as usize);
    for row in 0..h as usize {
        let from = row * w as usize * 4;
        let to = row * width as usize * 4;
        frame[to..to + w as usize * 4].copy_from_slice(&pixels[from..from + w as usize * 4]);
    }
    frame
}

/// Writes `film` to `path` in `format`, atomically; frames go into the folder `path` as
/// `frame-0001.png`….
pub fn write_film(
    film: &Film,
    path: &Path,
    format: FilmFormat,
    overwrite: Overwrite,
) -> Result<Vec<PathBuf>, ExportError> {
    let delays = (0..film.frames.len()).map(|i| {
        if i + 1 == film.frames.len() {
            LAST_FRAME_MS
        } else {
            FRAME_MS
        }
    });
    match format {
        FilmFormat::Gif => {
            let mut bytes = Vec::new();
            {
                let mut encoder = image::codecs::gif::GifEncoder::new_with_speed(&mut bytes, 10);
                encoder
                    .set_repeat(image::codecs::gif::Repeat::Infinite)
                    .map_err(render_error)?;
                for (pixels, delay) in film.frames.iter().zip(delays) {
                    let image = image::RgbaImage::from_raw(film.width, film.height, pixels.clone())
                        .ok_or_else(|| {
                            ExportError::Render("a frame of the wrong size".to_owned())
                        })?;
                    let delay = image::Delay::from_numer_denom_ms(u32::from(delay), 1);
                    encoder
                        .encode_frame(image::Frame::from_parts(image, 0, 0, delay))
                        .map_err(render_error)?;
                }
            }
            write_atomically(path, &bytes, overwrite)?;
            Ok(vec![path.to_owned()])
        }
        FilmFormat::Apng => {
            let mut bytes = Vec::new();
            {
                let mut encoder = png::Encoder::new(&mut bytes, film.width, film.height);
                encoder.set_color(png::ColorType::Rgba);
                encoder.set_depth(png::BitDepth::Eight);
                let frames = u32::try_from(film.frames.len()).unwrap_or(u32::MAX);
                encoder.set_animated(frames, 0).map_err(render_error)?;
                let mut writer = encoder.write_header().map_err(render_error)?;
                for (pixels, delay) in film.frames.iter().zip(delays) {
                    writer.set_frame_delay(delay, 1_000).map_err(render_error)?;
                    writer.write_image_data(pixels).map_err(render_error)?;
                }
                writer.finish().map_err(render_error)?;
            }
            write_atomically(path, &bytes, overwrite)?;
            Ok(vec![path.to_owned()])
        }
        FilmFormat::Frames => {
            std::fs::create_dir_all(path)
                .map_err(|err| ExportError::Render(format!("{}: {err}", path.display())))?;
            let mut written = Vec::with_capacity(film.frames.len());
            for (i, pixels) in film.frames.iter().enumerate() {
                let file = path.join(format!("frame-{:04}.png", i + 1));
                let png = crate::export::encode_png(pixels, film.width, film.height)?;
                write_atomically(&file, &png, overwrite)?;
                written.push(file);
            }
            Ok(written)
        }
    }
}

fn render_error(err: impl std::fmt::Display) -> ExportError {
    ExportError::Render(err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Background;
    use crate::network::dataset::load_default_network;

    #[test]
    fn one_frame_group_per_distinct_date_in_order_each_showing_the_ties_up_to_it() {
        let network = load_default_network().expect("loads").network;
        let groups = timeline_groups(&network);
        let mut dates: Vec<PartialDate> = network.ties.iter().filter_map(|t| t.date).collect();
        dates.sort();
        dates.dedup();
        assert_eq!(groups.iter().map(|g| g.date).collect::<Vec<_>>(), dates);
        assert_eq!(
            groups.first().map(|g| g.date.to_string()).as_deref(),
            Some("2011")
        );
        for pair in groups.windows(2) {
            assert!(pair[0].date < pair[1].date, "in order");
            assert!(
                pair[0].shown.iter().all(|tie| pair[1].shown.contains(tie)),
                "a tie once shown stays"
            );
        }
        for (i, tie) in network.ties.iter().enumerate() {
            let first = groups.iter().position(|g| g.shown.contains(&i));
            match tie.date {
                Some(date) => {
                    let at = first.expect("a dated tie appears");
                    assert_eq!(groups[at].date, date, "{} appears at its date", tie.id);
                    assert!(groups[at].appearing.contains(&i));
                }
                None => assert_eq!(first, None, "{} has no date to appear at", tie.id),
            }
        }
    }

    #[test]
    fn a_film_is_written_as_gif_apng_and_frames_with_one_frame_per_date() {
        let network = load_default_network().expect("loads").network;
        let positions: Vec<Point> = (0..network.entities.len())
            .map(|i| [(i % 7) as f32 * 90.0, (i / 7) as f32 * 70.0])
            .collect();
        let options = ExportOptions {
            width_px: 400,
            background: Background::White,
            language: "ko".to_owned(),
        };
        let film = timeline_film(&network, &positions, &options).expect("draws");
        let dates = timeline_groups(&network).len();
        let story = story_film(&network, &positions, &options).expect("the story draws");
        assert_eq!(story.frames.len(), network.story.len(), "a frame per step");
        assert_eq!(film.frames.len(), dates);
        assert!(
            film.frames
                .iter()
                .all(|f| f.len() == (film.width * film.height * 4) as usize)
        );
        assert_ne!(film.frames[0], film.frames[dates - 1], "ties appear");

        let folder = tempfile::tempdir().expect("tempdir");
        let gif = folder.path().join("film.gif");
        write_film(&film, &gif, FilmFormat::Gif, Overwrite::Refuse).expect("gif");
        let decoder = image::codecs::gif::GifDecoder::new(std::io::BufReader::new(
            std::fs::File::open(&gif).expect("open"),
        ))
        .expect("decodes");
        let frames = image::AnimationDecoder::into_frames(decoder)
            .collect_frames()
            .expect("frames");
        assert_eq!(frames.len(), dates);

        let apng = folder.path().join("film.png");
        write_film(&film, &apng, FilmFormat::Apng, Overwrite::Refuse).expect("apng");
        let reader = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(&apng).expect("open"),
        ))
        .read_info()
        .expect("reads");
        let control = reader.info().animation_control.expect("animated");
        assert_eq!(control.num_frames as usize, dates);

        let frames = folder.path().join("frames/");
        assert_eq!(FilmFormat::from_path(&frames), Some(FilmFormat::Frames));
        let written =
            write_film(&film, &frames, FilmFormat::Frames, Overwrite::Refuse).expect("frames");
        assert_eq!(written.len(), dates);
        assert!(written[0].ends_with("frame-0001.png"));
        assert!(
            write_film(&film, &gif, FilmFormat::Gif, Overwrite::Refuse).is_err(),
            "an existing film is not replaced unasked"
        );
    }
}
