//! How the map looks, shared by the window and the exporters so that a snapshot looks like
//! the window: the shape and colour of each kind of entity, the colour, width and dash of
//! each kind of tie, and the dash and opacity of each tie status. Colours are plain sRGB so
//! that this module needs no UI crate.

use crate::network::model::{EntityKind, TieKind, TieStatus};

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// `#rrggbb`, for SVG, which takes the alpha apart (see [`Self::opacity`]).
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The alpha as a share: 1 for opaque.
    pub fn opacity(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }

    /// The same colour with its alpha multiplied by `share` (0 to 1).
    pub fn faded(self, share: f32) -> Self {
        let [r, g, b, a] = self.0;
        Self([
            r,
            g,
            b,
            (f32::from(a) * share.clamp(0.0, 1.0)).round() as u8,
        ])
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

/// How a line is stroked, with its lengths in points of a 1200-point-wide map: screen
/// points in the window, scaled with the picture in SVG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dash {
    Solid,
    /// Dashes `on` long, `off` apart.
    Dashed {
        on: f32,
        off: f32,
    },
    /// Round dots `spacing` apart.
    Dotted {
        spacing: f32,
    },
}

/// The dashes of the tie kinds that are dashed.
const KIND_DASHES: Dash = Dash::Dashed { on: 8.0, off: 5.0 };
/// The dots of the tie kinds that are dotted.
const KIND_DOTS: Dash = Dash::Dotted { spacing: 5.0 };

/// A tie's stroke: its kind's colour and width, and a dash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TieStyle {
    pub color: Rgba,
    pub width: f32,
    pub dash: Dash,
}

/// How a tie's status changes its kind's stroke.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusStroke {
    /// The dash that replaces the kind's; `None` keeps the kind's.
    pub dash: Option<Dash>,
    /// The share of the kind's opacity it keeps: 1 for all of it.
    pub alpha: f32,
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
        TieKind::LetterOfIntent => (Rgba::rgb(0x1F, 0x77, 0xB4), 2.2, KIND_DASHES),
        TieKind::Supply => (Rgba::rgb(0x2C, 0xA0, 0x2C), 2.6, Dash::Solid),
        TieKind::Partnership => (Rgba::rgb(0x94, 0x67, 0xBD), 2.0, KIND_DASHES),
        TieKind::Visit => (Rgba::rgb(0xE6, 0x9F, 0x00), 2.0, KIND_DOTS),
        TieKind::Role => (Rgba::rgb(0x9A, 0xA0, 0xA6), 1.3, Dash::Solid),
        TieKind::Affiliate => (Rgba::rgb(0x6C, 0x75, 0x7D), 1.3, KIND_DASHES),
        // Solid and thin: networks from other tools have only this kind, and thousands of
        // dotted lines would be noise.
        TieKind::Other => (Rgba::rgb(0x8A, 0x9B, 0xB5), 1.3, Dash::Solid),
    };
    TieStyle { color, width, dash }
}

/// The dashes of alleged and unverified ties: longer than the kinds' own, so the two do
/// not read alike.
const STATUS_DASHES: Dash = Dash::Dashed { on: 14.0, off: 6.0 };

/// What a status does to a tie's stroke. Confirmed and reported ties look as their kind;
/// alleged and unverified ones are broken into long dashes, denied ones into dots, and
/// they are fainter the less the sources stand behind them. (Short dashes read as dots
/// once faint, so unverified differs from alleged by its faintness alone.)
pub fn status_stroke(status: TieStatus) -> StatusStroke {
    let (dash, alpha) = match status {
        TieStatus::Confirmed | TieStatus::Reported => (None, 1.0),
        TieStatus::Alleged => (Some(STATUS_DASHES), 1.0),
        TieStatus::Unverified => (Some(STATUS_DASHES), 0.5),
        TieStatus::Denied => (Some(Dash::Dotted { spacing: 7.0 }), 0.4),
    };
    StatusStroke { dash, alpha }
}

/// Whether ties of this status are drawn otherwise than their kind, so that a legend has
/// something to explain.
pub fn status_changes_the_stroke(status: TieStatus) -> bool {
    status_stroke(status) != status_stroke(TieStatus::Reported)
}

/// A legend's sample of a status: a line in `color` (the text's, as a status applies to
/// ties of any kind) with the status's dash and opacity.
pub fn status_sample(status: TieStatus, color: Rgba) -> TieStyle {
    let status_stroke = status_stroke(status);
    TieStyle {
        color: color.faded(status_stroke.alpha),
        width: 1.8,
        dash: status_stroke.dash.unwrap_or(Dash::Solid),
    }
}

/// A tie's stroke on the map: its kind's colour and width, its status's dash where the
/// status has one, its kind's otherwise, and as faint as its status says.
pub fn line_style(kind: TieKind, status: TieStatus) -> TieStyle {
    let kind_style = tie_style(kind);
    let status_stroke = status_stroke(status);
    TieStyle {
        color: kind_style.color.faded(status_stroke.alpha),
        width: kind_style.width,
        dash: status_stroke.dash.unwrap_or(kind_style.dash),
    }
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

/// The radius of the first self-loop at an entity, as a share of the entity's radius.
const LOOP_RADIUS: f32 = 0.85;
/// How much larger each further self-loop at the same entity is, as a share of the first.
const LOOP_GROWTH: f32 = 0.55;
/// How far a self-loop reaches into its entity, as a share of the loop's radius: enough
/// to read as attached (the entity is drawn over the loop's foot).
const LOOP_OVERLAP: f32 = 0.35;

/// How far the first self-loop at an entity reaches from the entity's centre, as a share
/// of the entity's radius: room a picture leaves around an entity with a loop.
pub const LOOP_REACH: f32 = 1.0 + (2.0 - LOOP_OVERLAP) * LOOP_RADIUS;

/// The circle a self-loop is drawn as: the `lane`th loop (0 the first, each next one
/// larger) at an entity of `radius` at `center`, on the side `direction` (a unit vector)
/// points to. Returns the circle's centre and radius, in the units of `center`.
pub fn loop_circle(
    center: [f32; 2],
    radius: f32,
    direction: [f32; 2],
    lane: f32,
) -> ([f32; 2], f32) {
    let loop_radius = radius * LOOP_RADIUS * (1.0 + LOOP_GROWTH * lane.max(0.0));
    let distance = radius + loop_radius * (1.0 - LOOP_OVERLAP);
    (
        [
            center[0] + direction[0] * distance,
            center[1] + direction[1] * distance,
        ],
        loop_radius,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_doubt_are_broken_up_and_fainter_and_the_rest_look_as_their_kind() {
        for kind in TieKind::ALL {
            for status in [TieStatus::Confirmed, TieStatus::Reported] {
                assert_eq!(line_style(kind, status), tie_style(kind), "{kind} {status}");
            }
        }
        let contract = tie_style(TieKind::Contract);
        let alleged = line_style(TieKind::Contract, TieStatus::Alleged);
        assert!(matches!(alleged.dash, Dash::Dashed { .. }), "{alleged:?}");
        assert_eq!(
            (alleged.color, alleged.width),
            (contract.color, contract.width)
        );
        let unverified = line_style(TieKind::Contract, TieStatus::Unverified);
        assert!(
            matches!(unverified.dash, Dash::Dashed { .. }),
            "{unverified:?}"
        );
        let denied = line_style(TieKind::Contract, TieStatus::Denied);
        assert!(matches!(denied.dash, Dash::Dotted { .. }), "{denied:?}");
        assert!(
            denied.color.opacity() < unverified.color.opacity()
                && unverified.color.opacity() < alleged.color.opacity()
                && alleged.color.opacity() == 1.0,
            "{denied:?} {unverified:?} {alleged:?}"
        );
        assert!(!status_changes_the_stroke(TieStatus::Confirmed));
        assert!(status_changes_the_stroke(TieStatus::Alleged));
        // A dashed kind in doubt takes its status's dash, which is not the kind's own.
        let letter = line_style(TieKind::LetterOfIntent, TieStatus::Alleged);
        assert_ne!(letter.dash, tie_style(TieKind::LetterOfIntent).dash);
        assert_ne!(unverified.dash, KIND_DASHES);
        assert_ne!(denied.dash, KIND_DOTS);
    }

    #[test]
    fn fading_keeps_the_colour_and_scales_its_alpha() {
        let red = Rgba::rgb(200, 10, 20);
        assert_eq!(red.faded(0.5), Rgba([200, 10, 20, 128]));
        assert_eq!(red.faded(0.5).faded(0.5).hex(), "#c80a14");
        assert_eq!(red.faded(2.0), red);
        assert!((red.faded(0.4).opacity() - 0.4).abs() < 0.01);
    }

    #[test]
    fn a_loop_touches_its_entity_on_the_side_it_is_sent_and_loops_nest() {
        let (centre, radius) = loop_circle([100.0, 50.0], 10.0, [0.0, -1.0], 0.0);
        assert_eq!(centre[0], 100.0);
        // Its nearest point is inside the entity, its farthest LOOP_REACH radii above.
        let (nearest, farthest) = (centre[1] + radius, centre[1] - radius);
        assert!(nearest > 40.0 && nearest < 50.0, "{nearest}");
        assert!(
            (50.0 - farthest - 10.0 * LOOP_REACH).abs() < 1e-4,
            "{farthest}"
        );
        let (_, second) = loop_circle([100.0, 50.0], 10.0, [0.0, -1.0], 1.0);
        assert!(second > radius);
    }
}
