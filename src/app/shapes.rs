//! How entities and ties are drawn on the map (egui_graphs' `DisplayNode`/`DisplayEdge`):
//! a shape per entity kind, a colour per group, a colour and dash per tie kind, bowed
//! lines where several ties join one pair, and labels that stay readable.

use std::sync::Arc;

use egui::epaint::{CircleShape, PathShape, PathStroke, RectShape};
use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;

use crate::model::{EntityKind, TieKind};
use crate::style::{self, Dash, NodeShape, Rgba};

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

/// What a map node carries: the entity it draws and how.
#[derive(Clone, Debug)]
pub struct EntityNode {
    /// Index into `network.entities`.
    pub entity: usize,
    pub kind: EntityKind,
    pub color: Color32,
    pub emphasis: Emphasis,
    pub pinned: bool,
    /// How much larger than its kind's radius it is drawn (1 unless sized by a metric).
    pub scale: f32,
    /// The name shown under it. Shared, not copied: egui_graphs clones both end nodes of
    /// every line on every frame.
    pub label: Arc<str>,
}

/// What a map edge carries: the tie it draws and how.
#[derive(Clone, Debug)]
pub struct TieEdge {
    /// Index into `network.ties`.
    pub tie: usize,
    pub kind: TieKind,
    /// Lanes this line bows out by (see [`crate::graph::MapEdge::bend`]).
    pub bend: f32,
    pub emphasis: Emphasis,
}

pub fn color32(color: Rgba) -> Color32 {
    let [r, g, b, a] = color.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Labels are hidden below this zoom unless hovered or selected: too small to read.
const LABEL_MIN_ZOOM: f32 = 0.3;
const LABEL_SIZE: f32 = 13.0;
/// The largest radius an entity of normal size is drawn with on screen, however far in the
/// view is zoomed.
const MAX_RADIUS: f32 = 16.0;
/// Below this radius on screen an entity is drawn as a plain square, without outline.
const TINY_RADIUS: f32 = 2.5;
/// Lines shorter than this on screen are drawn solid: their dashes could not be seen.
const DASH_MIN_LENGTH: f32 = 24.0;
/// How near the pointer must pass to a line to hover or click it, in screen points.
const LINE_HIT_TOLERANCE: f32 = 5.0;

/// The drawn entity.
#[derive(Clone, Debug)]
pub struct EntityShape {
    pos: Pos2,
    radius: f32,
    label: Arc<str>,
    hidden: bool,
    hovered: bool,
    dragged: bool,
    node: Option<EntityNode>,
}

impl From<NodeProps<EntityNode>> for EntityShape {
    fn from(props: NodeProps<EntityNode>) -> Self {
        let mut shape = Self {
            pos: props.location(),
            radius: style::node_radius(props.payload.kind),
            label: Arc::from(""),
            hidden: false,
            hovered: false,
            dragged: false,
            node: None,
        };
        shape.sync(&props);
        shape
    }
}

impl EntityShape {
    fn sync(&mut self, props: &NodeProps<EntityNode>) {
        self.pos = props.location();
        self.radius = style::node_radius(props.payload.kind) * props.payload.scale;
        self.hidden = props.payload.emphasis == Emphasis::Hidden;
        self.label = props.payload.label.clone();
        self.hovered = props.hovered;
        self.dragged = props.dragged;
        self.node = Some(props.payload.clone());
    }
}

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

/// A label with a backdrop, centred under `anchor`, so it reads over lines and nodes.
fn boxed_label(
    ctx: &DrawContext,
    text: &str,
    anchor: Pos2,
    text_color: Color32,
    backdrop: Color32,
) -> Vec<Shape> {
    let galley = ctx.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            text.to_owned(),
            FontId::proportional(LABEL_SIZE),
            text_color,
        )
    });
    let rect = Align2::CENTER_TOP.anchor_size(anchor, galley.size());
    vec![
        Shape::rect_filled(rect.expand2(Vec2::new(4.0, 1.5)), 3.0, backdrop),
        Shape::galley(rect.min, galley, text_color),
    ]
}

impl<E: Clone, Ty: EdgeType, Ix: IndexType> DisplayNode<EntityNode, E, Ty, Ix> for EntityShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        self.pos + dir.normalized() * self.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let Some(node) = self.node.as_ref().filter(|_| !self.hidden) else {
            return Vec::new();
        };
        let zoom = ctx.meta.zoom;
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        // Never smaller than a couple of points, so a zoomed-out map still shows every entity.
        // Zoomed far in (a few entities fitted to the window) they stop growing: a map of
        // three should not show three boulders.
        let radius =
            (self.radius * zoom).clamp(TINY_RADIUS * 0.6, MAX_RADIUS * node.scale.max(1.0));
        let standing_out = self.hovered || self.dragged || node.emphasis == Emphasis::Selected;
        // Off screen (with room for a label below): nothing to draw.
        let reach =
            Rect::from_center_size(center, Vec2::new(radius * 2.0 + 240.0, radius * 2.0 + 40.0));
        if !standing_out && !ctx.painter.clip_rect().intersects(reach) {
            return Vec::new();
        }
        let visuals = &ctx.ctx.global_style().visuals;
        let faded = node.emphasis == Emphasis::Faded;
        let fill = if faded {
            node.color.gamma_multiply(0.25)
        } else {
            node.color
        };
        if radius < TINY_RADIUS && !standing_out && node.emphasis == Emphasis::Normal {
            // Too small for its outline to be seen: a plain square is the cheapest shape.
            return vec![Shape::rect_filled(
                Rect::from_center_size(center, Vec2::splat(radius * 2.0)),
                0.0,
                fill,
            )];
        }
        let outline = match node.emphasis {
            Emphasis::Selected => Stroke::new(3.0, visuals.selection.stroke.color),
            Emphasis::Related => Stroke::new(2.0, visuals.strong_text_color()),
            _ if self.hovered => Stroke::new(2.0, visuals.strong_text_color()),
            _ => Stroke::new(1.0, visuals.panel_fill),
        };
        let mut shapes = vec![node_outline(
            style::node_shape(node.kind),
            center,
            radius,
            fill,
            outline,
        )];
        if node.pinned {
            shapes.push(Shape::circle_filled(
                center,
                (radius * 0.3).max(1.5),
                visuals.panel_fill,
            ));
        }

        let label_anchor = center + Vec2::new(0.0, radius + 2.0);
        if standing_out {
            // On top of everything else in the map, clipped to it.
            let painter = ctx
                .ctx
                .layer_painter(egui::LayerId::new(
                    egui::Order::Middle,
                    egui::Id::new("map-focus-label"),
                ))
                .with_clip_rect(ctx.painter.clip_rect());
            painter.extend(boxed_label(
                ctx,
                &self.label,
                label_anchor,
                visuals.strong_text_color(),
                visuals.extreme_bg_color.gamma_multiply(0.95),
            ));
        } else if zoom >= LABEL_MIN_ZOOM || node.emphasis == Emphasis::Related {
            let color = if faded {
                visuals.weak_text_color().gamma_multiply(0.5)
            } else {
                visuals.text_color()
            };
            // A translucent backdrop keeps labels legible over the lines behind them.
            let backdrop = visuals
                .panel_fill
                .gamma_multiply(if faded { 0.3 } else { 0.7 });
            shapes.extend(boxed_label(ctx, &self.label, label_anchor, color, backdrop));
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<EntityNode>) {
        self.sync(props);
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        if self.hidden {
            return false;
        }
        // A little generous, so small nodes are easy to hit.
        (pos - self.pos).length() <= self.radius * 1.3
    }
}

/// The drawn tie line.
#[derive(Clone, Debug)]
pub struct TieShape {
    edge: Option<TieEdge>,
    /// The zoom of the last frame drawn, for hit testing in canvas units.
    zoom: f32,
}

impl From<EdgeProps<TieEdge>> for TieShape {
    fn from(props: EdgeProps<TieEdge>) -> Self {
        Self {
            edge: Some(props.payload),
            zoom: 1.0,
        }
    }
}

/// Points along the (possibly bowed) line from `a` to `b`.
pub fn line_points(a: Pos2, b: Pos2, bend: f32) -> Vec<Pos2> {
    if bend == 0.0 {
        return vec![a, b];
    }
    let [cx, cy] = style::bend_control_point([a.x, a.y], [b.x, b.y], bend);
    let control = Pos2::new(cx, cy);
    const SEGMENTS: usize = 16;
    (0..=SEGMENTS)
        .map(|i| {
            let t = i as f32 / SEGMENTS as f32;
            let u = 1.0 - t;
            Pos2::new(
                u * u * a.x + 2.0 * u * t * control.x + t * t * b.x,
                u * u * a.y + 2.0 * u * t * control.y + t * t * b.y,
            )
        })
        .collect()
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

impl<Ty: EdgeType, Ix: IndexType> DisplayEdge<EntityNode, TieEdge, Ty, Ix, EntityShape>
    for TieShape
{
    fn shapes(
        &mut self,
        start: &Node<EntityNode, TieEdge, Ty, Ix, EntityShape>,
        end: &Node<EntityNode, TieEdge, Ty, Ix, EntityShape>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let Some(edge) = self
            .edge
            .as_ref()
            .filter(|e| e.emphasis != Emphasis::Hidden)
        else {
            return Vec::new();
        };
        self.zoom = ctx.meta.zoom;
        let a = ctx.meta.canvas_to_screen_pos(start.location());
        let b = ctx.meta.canvas_to_screen_pos(end.location());
        let length = (b - a).length();
        // A bowed line reaches at most a quarter of its length beyond the straight one.
        let reach =
            Rect::from_two_pos(a, b).expand(length * edge.bend.abs() * style::BEND_PER_LANE + 4.0);
        if !ctx.painter.clip_rect().intersects(reach) {
            return Vec::new();
        }
        let tie_style = style::tie_style(edge.kind);
        let base = color32(tie_style.color);
        // Zoomed far out, thinner lines keep a dense network from turning into a blot.
        let thinning = (self.zoom * 1.5).clamp(0.35, 1.0);
        let (color, width) = match edge.emphasis {
            Emphasis::Normal => (base, tie_style.width * thinning),
            Emphasis::Related => (base, tie_style.width * 1.5),
            Emphasis::Selected => (base, tie_style.width * 2.2),
            Emphasis::Faded | Emphasis::Hidden => {
                (base.gamma_multiply(0.15), tie_style.width * thinning)
            }
        };
        let points = line_points(
            a,
            b,
            if length < DASH_MIN_LENGTH {
                0.0
            } else {
                edge.bend
            },
        );
        let mut shapes = Vec::new();
        if edge.emphasis == Emphasis::Selected {
            let halo = ctx
                .ctx
                .global_style()
                .visuals
                .selection
                .bg_fill
                .gamma_multiply(0.6);
            shapes.push(Shape::line(points.clone(), Stroke::new(width + 6.0, halo)));
        }
        let stroke = Stroke::new(width, color);
        let dash = if length < DASH_MIN_LENGTH {
            Dash::Solid
        } else {
            tie_style.dash
        };
        match dash {
            // A straight solid line is one segment: no point list to allocate or join.
            Dash::Solid if points.len() == 2 => {
                shapes.push(Shape::line_segment([points[0], points[1]], stroke))
            }
            Dash::Solid => shapes.push(Shape::Path(PathShape::line(
                points,
                PathStroke::from(stroke),
            ))),
            Dash::Dashed => shapes.extend(Shape::dashed_line(&points, stroke, 8.0, 5.0)),
            Dash::Dotted => {
                shapes.extend(Shape::dotted_line(&points, color, 5.0, width * 0.6 + 0.4))
            }
        }
        shapes
    }

    fn update(&mut self, props: &EdgeProps<TieEdge>) {
        self.edge = Some(props.payload.clone());
    }

    fn is_inside(
        &self,
        start: &Node<EntityNode, TieEdge, Ty, Ix, EntityShape>,
        end: &Node<EntityNode, TieEdge, Ty, Ix, EntityShape>,
        pos: Pos2,
    ) -> bool {
        let Some(edge) = self
            .edge
            .as_ref()
            .filter(|e| e.emphasis != Emphasis::Hidden)
        else {
            return false;
        };
        let tolerance = LINE_HIT_TOLERANCE / self.zoom.max(1e-3);
        let points = line_points(start.location(), end.location(), edge.bend);
        points
            .windows(2)
            .any(|pair| distance_to_segment(pos, pair[0], pair[1]) <= tolerance)
    }
}
