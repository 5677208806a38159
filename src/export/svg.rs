//! The map as SVG, in the window's style: entities, lines dashed and faded by their kinds
//! and statuses, labels that fit, a title, a legend built from what the network contains,
//! and a credit line naming the sources.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{Background, ExportError, ExportOptions, MAX_PIXELS, MAX_SIDE_PX, MIN_WIDTH_PX};
use crate::layout::Point;
use crate::network::model::{Network, TieKind, TieStatus, localized};
use crate::scene::fonts::NANUM_GOTHIC_FAMILY;
use crate::scene::graph::MapGraph;
use crate::scene::labels::{LABEL_EVERY_ENTITY_UP_TO, LabelBox, LabelPlacer, by_degree};
use crate::scene::shown::{self, EntityLooks, EntryIcon, EntryText};
use crate::scene::style::{self, Dash, NodeShape, Rgba, TieStyle};

/// Colours that depend on the background.
pub(super) struct Palette {
    pub background: Option<&'static str>,
    pub text: &'static str,
    pub weak_text: &'static str,
    pub halo: &'static str,
    /// The legend's samples of what applies to lines of any colour.
    line_sample: Rgba,
}

impl Palette {
    pub fn of(background: Background) -> Self {
        match background {
            Background::White => Self {
                background: Some("#ffffff"),
                text: "#1f1f1f",
                weak_text: "#555555",
                halo: "#ffffff",
                line_sample: Rgba::rgb(0x1f, 0x1f, 0x1f),
            },
            Background::Dark => Self {
                background: Some("#1b1b1b"),
                text: "#e8e8e8",
                weak_text: "#a0a0a0",
                halo: "#1b1b1b",
                line_sample: Rgba::rgb(0xe8, 0xe8, 0xe8),
            },
            Background::Transparent => Self {
                background: None,
                text: "#1f1f1f",
                weak_text: "#555555",
                halo: "#ffffff",
                line_sample: Rgba::rgb(0x1f, 0x1f, 0x1f),
            },
        }
    }
}
/// `text` made safe for SVG and HTML text and attribute values; control characters,
/// which XML forbids, are dropped.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A width estimate for laying out labels: Hangul and other wide scripts take a full em,
/// Latin about half of one.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// `text` in lines no wider than `width` at `size`, broken between words (a word wider
/// than the line stands alone); none for empty text.
fn wrapped(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// A legend entry's icon.
pub(super) enum LegendIcon {
    Blank,
    Node(NodeShape, Rgba),
    Swatch(Rgba),
    /// A swatch from one colour to the other (a numeric attribute's colours).
    Gradient(Rgba, Rgba),
    Line(TieKind),
    /// A tie status's dash and opacity (see [`style::status_sample`]).
    Status(TieStatus),
}

/// The attributes that stroke a line in `tie_style`, `u` being one unit of stroke.
fn stroke_attributes(tie_style: &TieStyle, u: f32) -> String {
    let mut attributes = format!(" stroke=\"{}\"", tie_style.color.hex());
    let opacity = tie_style.color.opacity();
    if opacity < 1.0 {
        let _ = write!(attributes, " stroke-opacity=\"{opacity:.2}\"");
    }
    let width = match tie_style.dash {
        // Round caps on nearly empty dashes make the dots; they look thinner than a line.
        Dash::Dotted { .. } => tie_style.width * 1.3,
        Dash::Solid | Dash::Dashed { .. } => tie_style.width,
    };
    let _ = write!(attributes, " stroke-width=\"{:.2}\"", width * u);
    match tie_style.dash {
        Dash::Solid => {}
        Dash::Dashed { on, off } => {
            let _ = write!(
                attributes,
                " stroke-dasharray=\"{:.1} {:.1}\"",
                on * u,
                off * u
            );
        }
        Dash::Dotted { spacing } => {
            let _ = write!(
                attributes,
                " stroke-dasharray=\"0.1 {:.1}\" stroke-linecap=\"round\"",
                spacing * u
            );
        }
    }
    attributes
}

/// How the map's parts are marked up: as a picture, each line titled with its tie; or as
/// the web page's map, each line and entity carrying its id for the page's script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marks {
    Picture,
    Page,
}

/// Where the map lands on a picture: the transform from layout units to pixels, and the
/// sizes of what is drawn.
pub(super) struct Frame {
    /// One unit of type and stroke: a 1200-pixel picture uses the window's sizes.
    pub u: f32,
    /// Pixels per layout unit.
    pub scale: f32,
    pub margin: f32,
    pub label_size: f32,
    /// The pixel at which the layout's `min` corner lands.
    origin: Point,
    min: Point,
    /// Where the map ends: the bottom of its lowest label.
    pub bottom: f32,
}

impl Frame {
    /// Fits `positions` to a picture `width` pixels wide, under a title `title_height`
    /// high, leaving room for the `labels` that stick out at the sides and for entities
    /// `radii` large (layout units), and for the self-loops of `network`'s entities.
    pub fn fit(
        network: &Network,
        radii: &[f32],
        positions: &[Point],
        labels: &[&str],
        width: f32,
        title_height: f32,
    ) -> Self {
        let w = width;
        let u = w / 1200.0;
        let margin = 36.0 * u;
        let label_size = 13.0 * u;
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in positions {
            for axis in 0..2 {
                min[axis] = min[axis].min(p[axis]);
                max[axis] = max[axis].max(p[axis]);
            }
        }
        if positions.is_empty() {
            (min, max) = ([0.0; 2], [1.0; 2]);
        }
        let span = [(max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0)];
        // Entities with a self-loop reach as far as their loop, on whichever side it is.
        let looped: HashSet<&str> = (network.ties.iter())
            .filter(|tie| tie.is_self_loop())
            .map(|tie| tie.participants[0].as_str())
            .collect();
        let loop_reach = |index: usize| {
            if looped.contains(network.entities[index].id.as_str()) {
                style::LOOP_REACH
            } else {
                1.0
            }
        };
        // How far an entity reaches sideways from its centre: its label's half or its radius.
        let reach = |index: usize, scale: f32| {
            let half_label = text_width(labels[index], label_size) / 2.0 + 4.0 * u;
            let radius = (radii[index] * scale).max(3.0 * u);
            half_label.max(radius * loop_reach(index))
        };
        let overhangs = |scale: f32| {
            let (mut left, mut right) = (0.0_f32, 0.0_f32);
            for (index, p) in positions.iter().enumerate() {
                left = left.max(reach(index, scale) - (p[0] - min[0]) * scale);
                right = right.max(reach(index, scale) - (max[0] - p[0]) * scale);
            }
            (left, right)
        };
        let overhang = |scale: f32| {
            let (left, right) = overhangs(scale);
            left + right
        };
        let mut scale = (w - 2.0 * margin) / span[0];
        scale = ((w - 2.0 * margin - overhang(scale)) / span[0]).max(0.01);
        // A tall, narrow network must not become absurdly high: cap the height at twice the width.
        scale = scale.min(2.0 * w / span[1]);
        let left_overhang = overhangs(scale).0;
        let map_width = span[0] * scale;
        let offset_x = margin
            + left_overhang
            + ((w - 2.0 * margin - overhang(scale)) - map_width).max(0.0) / 2.0;
        // Entities reach their radius beyond their centres, and labels hang under them.
        let largest_radius = (radii.iter().enumerate())
            .map(|(index, radius)| (radius * scale).max(3.0 * u) * loop_reach(index))
            .fold(0.0_f32, f32::max);
        let top = margin + title_height + 12.0 * u + largest_radius;
        let map_height = span[1] * scale + 2.0 * largest_radius + label_size * 2.0;
        Self {
            u,
            scale,
            margin,
            label_size,
            origin: [offset_x, top],
            min,
            bottom: top + map_height,
        }
    }

    /// Where a point of the layout lands, in pixels.
    pub fn to_px(&self, p: Point) -> Point {
        [
            self.origin[0] + (p[0] - self.min[0]) * self.scale,
            self.origin[1] + (p[1] - self.min[1]) * self.scale,
        ]
    }

    /// The radius in pixels of an entity `radius` large in layout units.
    pub fn radius(&self, radius: f32) -> f32 {
        (radius * self.scale).max(3.0 * self.u)
    }
}

/// Draws the whole map as SVG.
pub fn map_svg(
    network: &Network,
    map: &MapGraph,
    positions: &[Point],
    options: &ExportOptions,
) -> Result<String, ExportError> {
    let width = options.width_px;
    if width < MIN_WIDTH_PX {
        return Err(ExportError::TooSmall { width });
    }
    if width > MAX_SIDE_PX {
        return Err(ExportError::TooLarge {
            width: u64::from(width),
            height: 0,
        });
    }
    let palette = Palette::of(options.background);
    let w = width as f32;
    let language = options.language.as_str();
    let labels = labels(network, language);
    let looks = EntityLooks::new(network);
    // A long title (a story's caption) wraps to the picture's width.
    let (u, margin) = (w / 1200.0, 36.0 * w / 1200.0);
    let title_lines = wrapped(&network.title, 22.0 * u, w - 2.0 * margin);
    let title_height = match title_lines.len() {
        0 => 0.0,
        lines => 34.0 * u + (lines - 1) as f32 * 28.0 * u,
    };
    let frame = Frame::fit(network, &looks.radii, positions, &labels, w, title_height);

    // The legend flows in rows under the map.
    let legend = legend(network, &looks, language);
    let legend_size = 12.0 * u;
    let icon_width = LEGEND_ICON_WIDTH * u;
    let row_height = 22.0 * u;
    let mut legend_items = Vec::new();
    let (mut x, mut row) = (margin, 0_u32);
    for LegendEntry { icon, text, .. } in &legend {
        let item_width = icon_width + 6.0 * u + text_width(text, legend_size) + 18.0 * u;
        if x + item_width > w - margin && x > margin {
            x = margin;
            row += 1;
        }
        legend_items.push((x, row, icon, text));
        x += item_width;
    }
    let legend_top = frame.bottom + 16.0 * u;
    let legend_height = (row + 1) as f32 * row_height;
    let credit_size = 11.0 * u;
    let credit = wrap(
        &credit_line(network, language),
        credit_size,
        w - 2.0 * margin,
    );
    let credit_top = legend_top + legend_height + 10.0 * u;
    let height = (credit_top + credit_size * 1.4 * credit.len() as f32 + margin).ceil();
    let height_px = height as u64;
    if height_px > u64::from(MAX_SIDE_PX) || u64::from(width) * height_px > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width: u64::from(width),
            height: height_px,
        });
    }

    let mut svg = String::with_capacity(512 + 200 * (map.edges.len() + network.entities.len()));
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height_px}" viewBox="0 0 {width} {height_px}" font-family="{NANUM_GOTHIC_FAMILY}, 'Noto Sans CJK KR', 'Malgun Gothic', sans-serif">"#
    );
    let _ = write!(
        svg,
        "\n<title>{}</title>",
        escape(if network.title.is_empty() {
            "powermap"
        } else {
            &network.title
        })
    );
    if let Some(background) = palette.background {
        let _ = write!(
            svg,
            "\n<rect width=\"100%\" height=\"100%\" fill=\"{background}\"/>"
        );
    }
    for (i, line) in title_lines.iter().enumerate() {
        let _ = write!(
            svg,
            "\n<text x=\"{margin:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            margin + 22.0 * u + i as f32 * 28.0 * u,
            22.0 * u,
            palette.text,
            escape(line)
        );
    }
    draw_map(
        &mut svg,
        network,
        map,
        positions,
        &frame,
        &looks,
        &labels,
        &palette,
        Marks::Picture,
    );
    svg.push_str("\n<g id=\"legend\">");
    for (x, row, icon, text) in legend_items {
        let y = legend_top + row as f32 * row_height + row_height / 2.0;
        svg.push_str(&legend_icon_svg(icon, x, y, u, &palette));
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{legend_size:.1}\" fill=\"{}\">{}</text>",
            x + icon_width + 6.0 * u,
            y + legend_size * 0.36,
            palette.text,
            escape(text)
        );
    }
    let _ = write!(
        svg,
        "\n</g>\n<text id=\"credit\" font-size=\"{credit_size:.1}\" fill=\"{}\">",
        palette.weak_text
    );
    for (line_number, line) in credit.iter().enumerate() {
        let _ = write!(
            svg,
            "<tspan x=\"{margin:.1}\" y=\"{:.1}\">{}</tspan>",
            credit_top + credit_size * (1.0 + 1.4 * line_number as f32),
            escape(line)
        );
    }
    svg.push_str("</text>\n</svg>\n");
    Ok(svg)
}

/// Each entity's label, in `language`, as the map's `shown_by` says.
pub(super) fn labels<'a>(network: &'a Network, language: &str) -> Vec<&'a str> {
    let label_by = network.shown_by.label.as_deref();
    (network.entities.iter())
        .map(|e| e.label(label_by, language))
        .collect()
}

/// Draws the map itself into `svg`: the lines of the ties, the entities over them (shaped,
/// coloured and sized as `looks` says) and the `labels` that fit over both, each in its
/// group (`ties`, `entities`, `labels`).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_map(
    svg: &mut String,
    network: &Network,
    map: &MapGraph,
    positions: &[Point],
    frame: &Frame,
    looks: &EntityLooks,
    labels: &[&str],
    palette: &Palette,
    marks: Marks,
) {
    let u = frame.u;
    svg.push_str("\n<g id=\"ties\" fill=\"none\">");
    for edge in &map.edges {
        let (a, b) = (
            frame.to_px(positions[edge.a.index()]),
            frame.to_px(positions[edge.b.index()]),
        );
        let tie = &network[edge.tie];
        let tie_style = style::line_style(tie.kind, tie.status);
        let path = if edge.is_loop() {
            let radius = frame.radius(looks.radii[edge.a.index()]);
            let direction = map.loops.direction(edge.a, |e| positions[e.index()]);
            let (c, r) = style::loop_circle(a, radius, direction, edge.bend);
            // The circle as two half arcs, from its foot in the entity round and back.
            let (foot, top) = (
                [c[0] - direction[0] * r, c[1] - direction[1] * r],
                [c[0] + direction[0] * r, c[1] + direction[1] * r],
            );
            format!(
                "M{:.1} {:.1}A{r:.1} {r:.1} 0 1 1 {:.1} {:.1}A{r:.1} {r:.1} 0 1 1 {:.1} {:.1}",
                foot[0], foot[1], top[0], top[1], foot[0], foot[1]
            )
        } else if edge.bend == 0.0 {
            format!("M{:.1} {:.1}L{:.1} {:.1}", a[0], a[1], b[0], b[1])
        } else {
            let c = style::bend_control_point(a, b, edge.bend);
            format!(
                "M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}",
                a[0], a[1], c[0], c[1], b[0], b[1]
            )
        };
        let stroke = stroke_attributes(&tie_style, u);
        match marks {
            Marks::Picture => {
                let title = if tie.status.is_reported() {
                    format!("{}: {}", tie.kind.label(), tie.id)
                } else {
                    format!("{} ({}): {}", tie.kind.label(), tie.status, tie.id)
                };
                let _ = write!(
                    svg,
                    "\n<path d=\"{path}\"{stroke}><title>{}</title></path>",
                    escape(&title)
                );
            }
            // A wide, invisible stroke under the line takes the pointer, so that a thin or
            // dotted line is easy to click.
            Marks::Page => {
                let _ = write!(
                    svg,
                    "\n<g class=\"tie\" data-tie-id=\"{}\"><path class=\"hit\" d=\"{path}\" stroke=\"transparent\" stroke-width=\"{:.1}\"/><path d=\"{path}\"{stroke}/></g>",
                    escape(&tie.id),
                    12.0 * u
                );
            }
        }
    }
    svg.push_str("\n</g>\n<g id=\"entities\">");
    for (index, entity) in network.entities.iter().enumerate() {
        let center = frame.to_px(positions[index]);
        let radius = frame.radius(looks.radii[index]);
        let fill = looks.colors[index].hex();
        let shape = node_svg(looks.shapes[index], center, radius, &fill, palette.halo, u);
        svg.push('\n');
        match marks {
            Marks::Picture => svg.push_str(&shape),
            Marks::Page => {
                let _ = write!(
                    svg,
                    "<g class=\"entity\" data-entity-id=\"{}\">{shape}</g>",
                    escape(&entity.id)
                );
            }
        }
    }
    svg.push_str("\n</g>\n<g id=\"labels\" text-anchor=\"middle\" paint-order=\"stroke\" stroke-linejoin=\"round\">");
    let label_size = frame.label_size;
    let label_boxes: Vec<LabelBox> = (0..network.entities.len())
        .map(|index| {
            let center = frame.to_px(positions[index]);
            let half = text_width(labels[index], label_size) / 2.0;
            let top = center[1] + frame.radius(looks.radii[index]) + 1.0 * u;
            [
                center[0] - half,
                top,
                center[0] + half,
                top + label_size * 1.3,
            ]
        })
        .collect();
    let labelled = labelled_entities(map, &label_boxes);
    for (index, entity) in network.entities.iter().enumerate() {
        if !labelled[index] {
            continue;
        }
        let center = frame.to_px(positions[index]);
        let radius = frame.radius(looks.radii[index]);
        let label_of = match marks {
            Marks::Picture => String::new(),
            Marks::Page => format!(" data-label-of=\"{}\"", escape(&entity.id)),
        };
        let _ = write!(
            svg,
            "\n<text{label_of} x=\"{:.1}\" y=\"{:.1}\" font-size=\"{label_size:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.1}\">{}</text>",
            center[0],
            center[1] + radius + label_size + 1.0 * u,
            palette.text,
            palette.halo,
            3.0 * u,
            escape(labels[index])
        );
    }
    svg.push_str("\n</g>");
}

/// A legend's entry: an icon, its text and, for a group's, the group's index in the file.
pub(super) struct LegendEntry {
    pub icon: LegendIcon,
    pub text: String,
    pub group: Option<usize>,
}

/// The legend of what the network contains: what its entities' shapes, colours and sizes
/// say (`looks`: its kinds of entity and its groups, the first [`style::LEGEND_GROUPS`] then
/// how many more, or the values of the attributes shown), its kinds of tie and the
/// statuses that change a line's stroke.
pub(super) fn legend(network: &Network, looks: &EntityLooks, language: &str) -> Vec<LegendEntry> {
    let entry = |icon, text: String| LegendEntry {
        icon,
        text,
        group: None,
    };
    let mut legend = Vec::new();
    for shown in &looks.legend {
        legend.push(LegendEntry {
            icon: match shown.icon {
                EntryIcon::Blank => LegendIcon::Blank,
                EntryIcon::Node(shape, color) => LegendIcon::Node(shape, color),
                EntryIcon::Swatch(color) => LegendIcon::Swatch(color),
                EntryIcon::Gradient(from, to) => LegendIcon::Gradient(from, to),
            },
            text: shown.text.text(network, language),
            group: match shown.text {
                EntryText::Group(position) => Some(position),
                _ => None,
            },
        });
    }
    let tie_kinds: std::collections::BTreeSet<TieKind> =
        network.ties.iter().map(|t| t.kind).collect();
    for kind in tie_kinds {
        legend.push(entry(LegendIcon::Line(kind), kind.label().to_owned()));
    }
    let statuses: std::collections::BTreeSet<TieStatus> = (network.ties.iter())
        .map(|t| t.status)
        .filter(|&status| style::status_changes_the_stroke(status))
        .collect();
    for status in statuses {
        legend.push(entry(LegendIcon::Status(status), status.label().to_owned()));
    }
    legend
}

/// How wide a legend's icon is, in units of type and stroke.
pub(super) const LEGEND_ICON_WIDTH: f32 = 30.0;

/// A legend entry's icon as SVG, from `x` on the line at `y`, [`LEGEND_ICON_WIDTH`] wide.
pub(super) fn legend_icon_svg(
    icon: &LegendIcon,
    x: f32,
    y: f32,
    u: f32,
    palette: &Palette,
) -> String {
    let icon_width = LEGEND_ICON_WIDTH * u;
    match icon {
        LegendIcon::Blank => String::new(),
        LegendIcon::Node(shape, color) => node_svg(
            *shape,
            [x + icon_width / 2.0, y],
            6.0 * u,
            &color.hex(),
            palette.halo,
            u,
        ),
        LegendIcon::Swatch(color) => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{:.1}\" fill=\"{}\"/>",
            x + 4.0 * u,
            y - 5.0 * u,
            icon_width - 8.0 * u,
            10.0 * u,
            2.0 * u,
            color.hex()
        ),
        LegendIcon::Gradient(from, to) => {
            // Four bands from one end to the other, as the window's legend draws it.
            let band = (icon_width - 8.0 * u) / 4.0;
            (0..4)
                .map(|i| {
                    let color = shown::mixed(*from, *to, f64::from(i) / 3.0);
                    format!(
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                        x + 4.0 * u + i as f32 * band,
                        y - 5.0 * u,
                        band + 0.2 * u,
                        10.0 * u,
                        color.hex()
                    )
                })
                .collect()
        }
        LegendIcon::Line(kind) => legend_line(style::tie_style(*kind), x, y, icon_width, u),
        LegendIcon::Status(status) => {
            let sample = style::status_sample(*status, palette.line_sample);
            legend_line(sample, x, y, icon_width, u)
        }
    }
}

/// A legend's line sample, `width` long from `x`, a little thicker than on the map.
fn legend_line(mut sample: TieStyle, x: f32, y: f32, width: f32, u: f32) -> String {
    sample.width *= 1.2;
    format!(
        "<path d=\"M{x:.1} {y:.1}H{:.1}\"{}/>",
        x + width,
        stroke_attributes(&sample, u)
    )
}

/// Breaks `text` at spaces into lines no wider than `width` (by the [`text_width`] estimate).
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    lines
}

/// Which entities get a label: every one in a small network; in a larger one the
/// best-connected first, each only where it overlaps no label already placed.
fn labelled_entities(map: &MapGraph, label_boxes: &[LabelBox]) -> Vec<bool> {
    let count = label_boxes.len();
    if count <= LABEL_EVERY_ENTITY_UP_TO {
        return vec![true; count];
    }
    let widest = label_boxes
        .iter()
        .map(|b| b[2] - b[0])
        .fold(1.0_f32, f32::max);
    let mut placer = LabelPlacer::new(widest);
    let mut labelled = vec![false; count];
    for index in by_degree(map, count) {
        labelled[index] = placer.try_place(label_boxes[index]);
    }
    labelled
}

/// "Sources: 아이뉴스24 (2025-12-23); CBS 노컷뉴스 (2024-06-13). Map: powermap."
pub fn credit_line(network: &Network, language: &str) -> String {
    let sources: Vec<String> = network
        .sources
        .iter()
        .map(|source| {
            let outlet = localized(&source.outlet, language).unwrap_or(&source.id);
            match source.published {
                Some(date) => format!("{outlet} ({date})"),
                None => outlet.to_owned(),
            }
        })
        .collect();
    if sources.is_empty() {
        "Map: powermap.".to_owned()
    } else {
        format!("Sources: {}. Map: powermap.", sources.join("; "))
    }
}

/// One entity's outline as SVG, in the style the window draws it.
fn node_svg(
    shape: NodeShape,
    center: Point,
    radius: f32,
    fill: &str,
    outline: &str,
    u: f32,
) -> String {
    let stroke = format!(
        "fill=\"{fill}\" stroke=\"{outline}\" stroke-width=\"{:.2}\"",
        1.2 * u
    );
    match shape {
        NodeShape::Circle => format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{radius:.1}\" {stroke}/>",
            center[0], center[1]
        ),
        NodeShape::Square => {
            let side = radius * 1.8;
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{side:.1}\" height=\"{side:.1}\" rx=\"{:.1}\" {stroke}/>",
                center[0] - side / 2.0,
                center[1] - side / 2.0,
                radius * 0.3
            )
        }
        NodeShape::Diamond | NodeShape::Triangle | NodeShape::Hexagon => {
            let points: Vec<String> = style::shape_corners(shape, center, radius)
                .iter()
                .map(|p| format!("{:.1},{:.1}", p[0], p[1]))
                .collect();
            format!("<polygon points=\"{}\" {stroke}/>", points.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("A&B <\"x\"> 'y'\u{7}"),
            "A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
    }
}
