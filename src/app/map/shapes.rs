//! What the map is made of and how its parts are hit: entities (hit as circles), their
//! styles (a shape per kind, a colour per group), lines bowed where several ties join one
//! pair, self-loops as small circles at their entity, and which line the pointer is on. Drawing is [`crate::app::map::map_painter`]'s.

use std::sync::Arc;

use egui::epaint::{CircleShape, PathShape, RectShape};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use crate::network::index::{EntityIx, TieIx};
use crate::network::model::{TieKind, TieStatus};
use crate::scene::style::{self, NodeShape, Rgba};

/// How an item stands out given the current selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Emphasis {
    /// Nothing is selected, or the item is neither selected nor faded.
    #[default]
    Normal,
    /// Part of the selection's neighbourhood.
    Related,
    /// The selected item itself.
    Selected,
    /// Unrelated to the selection.
    Faded,
    /// Filtered out or not yet dated in: not drawn and not clickable.
    Hidden,
}

/// How an entity is drawn whatever the selection, as the map's `shown_by` says (see
/// [`crate::scene::shown`]): its kind's shape, its group's colour, its size and its label.
#[derive(Clone, Debug)]
pub struct EntityStyle {
    pub shape: NodeShape,
    pub color: Color32,
    /// Radius in layout units, as drawn at zoom 1 before the explore state scales it.
    pub radius: f32,
    /// The label shown under it: its name in the label language, or an attribute.
    pub label: Arc<str>,
}

/// One line of the map (see [`crate::scene::graph::MapEdge`]) with what drawing it needs.
#[derive(Clone, Copy, Debug)]
pub struct MapLine {
    /// The tie the line draws.
    pub tie: TieIx,
    /// The entities it joins.
    pub a: EntityIx,
    pub b: EntityIx,
    pub kind: TieKind,
    pub status: TieStatus,
    /// Lanes this line bows out by, or which loop at its entity it is (see
    /// [`crate::scene::graph::MapEdge::bend`]).
    pub bend: f32,
}

impl MapLine {
    /// Whether the line joins an entity to itself.
    pub fn is_loop(&self) -> bool {
        self.a == self.b
    }
}

pub fn color32(color: Rgba) -> Color32 {
    let [r, g, b, a] = color.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// How near the pointer must pass to a line to hover or click it, in screen points.
const LINE_HIT_TOLERANCE: f32 = 5.0;

/// How far out an entity is hit, as a share of its radius: a little generous, so small
/// entities are easy to hit.
pub const ENTITY_HIT_MARGIN: f32 = 1.3;

/// The outline of an entity of `shape` at `center`, filled and stroked.
pub fn node_outline(
    shape: NodeShape,
    center: Pos2,
    radius: f32,
    fill: Color32,
    stroke: Stroke,
) -> Shape {
    match shape {
        NodeShape::Circle => CircleShape {
            center,
            radius,
            fill,
            stroke,
        }
        .into(),
        NodeShape::Square => RectShape::new(
            Rect::from_center_size(center, Vec2::splat(radius * 1.8)),
            CornerRadius::same((radius * 0.3).clamp(0.0, 255.0) as u8),
            fill,
            stroke,
            StrokeKind::Middle,
        )
        .into(),
        NodeShape::Diamond | NodeShape::Triangle | NodeShape::Hexagon => {
            let corners = style::shape_corners(shape, [center.x, center.y], radius)
                .into_iter()
                .map(|[x, y]| Pos2::new(x, y))
                .collect();
            PathShape::convex_polygon(corners, fill, stroke).into()
        }
    }
}

/// Points along the (possibly bowed) line from `a` to `b`, into `out` (cleared first).
pub fn line_points(a: Pos2, b: Pos2, bend: f32, out: &mut Vec<Pos2>) {
    out.clear();
    if bend == 0.0 {
        out.extend([a, b]);
        return;
    }
    let [cx, cy] = style::bend_control_point([a.x, a.y], [b.x, b.y], bend);
    let control = Pos2::new(cx, cy);
    const SEGMENTS: usize = 16;
    out.extend((0..=SEGMENTS).map(|i| {
        let t = i as f32 / SEGMENTS as f32;
        let u = 1.0 - t;
        Pos2::new(
            u * u * a.x + 2.0 * u * t * control.x + t * t * b.x,
            u * u * a.y + 2.0 * u * t * control.y + t * t * b.y,
        )
    }));
}

/// Points around a self-loop's circle (see [`style::loop_circle`]), from its foot, the
/// point nearest `entity`'s centre, round and back, into `out` (cleared first).
pub fn loop_points(centre: Pos2, radius: f32, entity: Pos2, out: &mut Vec<Pos2>) {
    const SEGMENTS: usize = 32;
    out.clear();
    let towards = entity - centre;
    let start = towards.y.atan2(towards.x);
    out.extend((0..=SEGMENTS).map(|i| {
        let angle = start + std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
        centre + radius * Vec2::angled(angle)
    }));
}

/// The point halfway along a polyline.
#[cfg(feature = "testing")]
pub fn halfway(points: &[Pos2]) -> Pos2 {
    match points {
        [] => Pos2::ZERO,
        [a, b] => a.lerp(*b, 0.5),
        _ => points[points.len() / 2],
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() == 0.0 {
        0.0
    } else {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    };
    (p - (a + ab * t)).length()
}

/// The line nearest to `pointer` within clicking distance, skipping `hidden` ones; positions
/// and pointer in layout units, `zoom` to turn the tolerance into them. `loop_circle`
/// gives the circle (centre and radius, in layout units) a self-loop line is drawn as.
pub fn line_at(
    lines: &[MapLine],
    positions: &[Pos2],
    hidden: impl Fn(usize) -> bool,
    loop_circle: impl Fn(usize) -> Option<(Pos2, f32)>,
    pointer: Pos2,
    zoom: f32,
) -> Option<usize> {
    let tolerance = LINE_HIT_TOLERANCE / zoom.max(1e-3);
    let mut points = Vec::new();
    let mut nearest: Option<(usize, f32)> = None;
    for (index, line) in lines.iter().enumerate() {
        if hidden(index) {
            continue;
        }
        let distance = if line.is_loop() {
            let Some((centre, radius)) = loop_circle(index) else {
                continue;
            };
            ((pointer - centre).length() - radius).abs()
        } else {
            let (a, b) = (positions[line.a.index()], positions[line.b.index()]);
            let reach = (b - a).length() * line.bend.abs() * style::BEND_PER_LANE + tolerance;
            if !Rect::from_two_pos(a, b).expand(reach).contains(pointer) {
                continue;
            }
            line_points(a, b, line.bend, &mut points);
            points
                .windows(2)
                .map(|pair| distance_to_segment(pointer, pair[0], pair[1]))
                .fold(f32::INFINITY, f32::min)
        };
        if distance <= tolerance && nearest.is_none_or(|(_, best)| distance < best) {
            nearest = Some((index, distance));
        }
    }
    nearest.map(|(index, _)| index)
}
