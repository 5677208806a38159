//! How the map looks, shared by the window and the exporters so that a snapshot looks like
//! the window: the shape and colour of each kind of entity, the colour and dash of each
//! kind of tie. Colours are plain sRGB so that this module needs no UI crate.

use crate::network::model::{Entity, EntityKind, TieKind};

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// The outline an entity is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeShape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
}

/// How a line is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

/// A tie kind's stroke.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TieStyle {
    pub color: Rgba,
    pub width: f32,
    pub dash: Dash,
}

/// Groups a legend names; beyond these it only counts them, so it never hides the map.
pub const LEGEND_GROUPS: usize = 8;

/// The colour of the Samsung group and of any group called "samsung".
pub const SAMSUNG_BLUE: Rgba = Rgba::rgb(0x1F, 0x4F, 0xD8);

/// Colours for other groups, in the order they appear in the file.
const GROUP_PALETTE: [Rgba; 6] = [
    Rgba::rgb(0x00, 0x7C, 0x89),
    Rgba::rgb(0x9C, 0x27, 0xB0),
    Rgba::rgb(0x6D, 0x4C, 0x41),
    Rgba::rgb(0xC2, 0x18, 0x5B),
    Rgba::rgb(0x33, 0x69, 0x1E),
    Rgba::rgb(0x4E, 0x34, 0x2E),
];

pub fn node_shape(kind: EntityKind) -> NodeShape {
    match kind {
        EntityKind::Person => NodeShape::Circle,
        EntityKind::Company => NodeShape::Square,
        EntityKind::Government => NodeShape::Diamond,
        EntityKind::Project => NodeShape::Triangle,
        EntityKind::Other => NodeShape::Hexagon,
    }
}

/// The fill of an entity outside any group.
pub fn kind_color(kind: EntityKind) -> Rgba {
    match kind {
        EntityKind::Person => Rgba::rgb(0xE0, 0x7A, 0x3A),
        EntityKind::Company => Rgba::rgb(0x4F, 0x8A, 0x5B),
        EntityKind::Government => Rgba::rgb(0x8E, 0x5E, 0xA2),
        EntityKind::Project => Rgba::rgb(0xC9, 0xA2, 0x27),
        EntityKind::Other => Rgba::rgb(0x80, 0x80, 0x80),
    }
}

/// The fill of a group's members; `position` is the group's index in the file.
pub fn group_color(group_id: &str, position: usize) -> Rgba {
    if group_id.eq_ignore_ascii_case("samsung") {
        SAMSUNG_BLUE
    } else {
        GROUP_PALETTE[position % GROUP_PALETTE.len()]
    }
}

/// An entity's fill: its group's colour if it has one, else its kind's.
pub fn entity_color(entity: &Entity, group_position: Option<usize>) -> Rgba {
    match (&entity.group, group_position) {
        (Some(group), Some(position)) => group_color(group, position),
        _ => kind_color(entity.kind),
    }
}

/// Drawn size of an entity, in layout units: organisations a little larger than people.
pub fn node_radius(kind: EntityKind) -> f32 {
    match kind {
        EntityKind::Person => 9.0,
        EntityKind::Company | EntityKind::Government => 11.0,
        EntityKind::Project | EntityKind::Other => 10.0,
    }
}

pub fn tie_style(kind: TieKind) -> TieStyle {
    let (color, width, dash) = match kind {
        TieKind::Meeting => (Rgba::rgb(0xD1, 0x49, 0x5B), 2.2, Dash::Solid),
        TieKind::Contract => (Rgba::rgb(0x1F, 0x77, 0xB4), 2.8, Dash::Solid),
        TieKind::LetterOfIntent => (Rgba::rgb(0x1F, 0x77, 0xB4), 2.2, Dash::Dashed),
        TieKind::Supply => (Rgba::rgb(0x2C, 0xA0, 0x2C), 2.6, Dash::Solid),
        TieKind::Partnership => (Rgba::rgb(0x94, 0x67, 0xBD), 2.0, Dash::Dashed),
        TieKind::Visit => (Rgba::rgb(0xE6, 0x9F, 0x00), 2.0, Dash::Dotted),
        TieKind::Role => (Rgba::rgb(0x9A, 0xA0, 0xA6), 1.3, Dash::Solid),
        TieKind::Affiliate => (Rgba::rgb(0x6C, 0x75, 0x7D), 1.3, Dash::Dashed),
        // Solid and thin: networks from other tools have only this kind, and thousands of
        // dotted lines would be noise.
        TieKind::Other => (Rgba::rgb(0x8A, 0x9B, 0xB5), 1.3, Dash::Solid),
    };
    TieStyle { color, width, dash }
}

/// The corners of the polygon outlines (diamond, triangle, hexagon) around `center`;
/// empty for circles and squares, which are drawn as such.
pub fn shape_corners(shape: NodeShape, center: [f32; 2], radius: f32) -> Vec<[f32; 2]> {
    use std::f32::consts::{FRAC_PI_2, PI, TAU};
    let (corners, size, start_angle) = match shape {
        NodeShape::Circle | NodeShape::Square => return Vec::new(),
        NodeShape::Diamond => (4, 1.25, 0.0),
        NodeShape::Triangle => (3, 1.25, -FRAC_PI_2),
        NodeShape::Hexagon => (6, 1.1, PI / 6.0),
    };
    (0..corners)
        .map(|i| {
            let angle = start_angle + i as f32 * TAU / corners as f32;
            [
                center[0] + radius * size * angle.cos(),
                center[1] + radius * size * angle.sin(),
            ]
        })
        .collect()
}

/// How far a line of `bend` lanes bows out, as a share of the distance between its ends.
pub const BEND_PER_LANE: f32 = 0.12;

/// The control point of a quadratic curve from `a` to `b` bowed out by `bend` lanes.
pub fn bend_control_point(a: [f32; 2], b: [f32; 2], bend: f32) -> [f32; 2] {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    // The perpendicular of (dx, dy), scaled with the line's length so fans look alike at any size.
    let offset = bend * BEND_PER_LANE * 2.0;
    [
        (a[0] + b[0]) / 2.0 - dy * offset,
        (a[1] + b[1]) / 2.0 + dx * offset,
    ]
}
