//! The map drawn in batches: every visible line and entity is tessellated straight into a
//! few meshes (one per worker thread, their memory reused from frame to frame), so a frame
//! costs one pass over the network rather than a shape per line and entity. What stands
//! out (the selection, its neighbourhood, the hovered and dragged entity) is drawn on top,
//! and labels are placed where they fit.

use std::collections::HashMap;
use std::sync::Arc;

use egui::epaint::tessellator::Path;
use egui::epaint::{CircleShape, Mesh, PathStroke, TessellationOptions, Tessellator};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};
use rayon::prelude::*;

use crate::app::map::looks::MapLooks;
use crate::app::map::shapes::{
    Emphasis, EntityStyle, MapLine, line_points, loop_points, node_outline,
};
use crate::scene::labels::LabelPlacer;
use crate::scene::style::{self, Dash};

/// Labels are hidden below this zoom unless their entity stands out: too small to read.
const LABEL_MIN_ZOOM: f32 = 0.3;
const LABEL_SIZE: f32 = 13.0;
/// Room around a label's text, inside its backdrop.
const LABEL_PADDING: Vec2 = Vec2::new(4.0, 1.5);
/// The largest radius an entity of normal size is drawn with on screen, however far in the
/// view is zoomed.
const MAX_RADIUS: f32 = 16.0;
/// The radius of the largest kind, in layout units: larger entities are sized by an
/// attribute.
const LARGEST_KIND_RADIUS: f32 = 11.0;
/// Below this radius on screen an entity is drawn as a plain square, without outline.
const TINY_RADIUS: f32 = 2.5;
/// Lines shorter than this on screen are drawn straight and solid: their bows and dashes
/// could not be seen.
const DASH_MIN_LENGTH: f32 = 24.0;
/// Below this zoom lines are drawn solid: dashes and dots too small to read would only
/// cost time.
const PATTERN_MIN_ZOOM: f32 = 0.3;
/// Lines handed to one worker at least: fewer are not worth a thread.
const LINES_PER_WORKER: usize = 2048;
const ENTITIES_PER_WORKER: usize = 2048;

/// One frame of the map, as the painter needs it.
pub struct MapScene<'a> {
    /// Entity centres on screen, by entity index.
    pub screen: &'a [Pos2],
    pub styles: &'a [EntityStyle],
    pub pinned: &'a [bool],
    pub lines: &'a [MapLine],
    /// The direction (a unit vector) of each looped entity's self-loops, by entity index;
    /// straight up for any not given.
    pub loop_directions: &'a HashMap<usize, Vec2>,
    pub looks: &'a MapLooks,
    pub zoom: f32,
    /// The entity under the pointer, and the one being dragged.
    pub hovered: Option<usize>,
    pub dragged: Option<usize>,
    /// Entity indexes in the order their labels claim room: the best-connected first.
    pub label_order: &'a [usize],
}

impl MapScene<'_> {
    fn entity_emphasis(&self, entity: usize) -> Emphasis {
        self.looks.entities.get(entity).copied().unwrap_or_default()
    }

    fn line_emphasis(&self, line: usize) -> Emphasis {
        self.looks.edges.get(line).copied().unwrap_or_default()
    }

    fn scale(&self, entity: usize) -> f32 {
        self.looks.scales.get(entity).copied().unwrap_or(1.0)
    }

    /// Hovered, dragged or selected: drawn on top, its label always shown.
    fn stands_out(&self, entity: usize) -> bool {
        self.hovered == Some(entity)
            || self.dragged == Some(entity)
            || self.entity_emphasis(entity) == Emphasis::Selected
    }

    /// Drawn over the others: standing out or part of the selection's neighbourhood.
    fn in_front(&self, entity: usize) -> bool {
        self.stands_out(entity) || self.entity_emphasis(entity) == Emphasis::Related
    }

    /// The radius on screen. Never smaller than a couple of points, so a zoomed-out map
    /// still shows every entity; zoomed far in they stop growing, so a map of three does
    /// not show three boulders.
    pub fn radius(&self, entity: usize) -> f32 {
        let scale = self.scale(entity);
        let radius = self.styles[entity].radius;
        // An entity sized up by an attribute keeps its lead over the others when capped.
        let lead = (radius / LARGEST_KIND_RADIUS).max(1.0);
        (radius * scale * self.zoom).clamp(TINY_RADIUS * 0.6, MAX_RADIUS * scale.max(1.0) * lead)
    }

    /// The circle a self-loop line is drawn as, on screen: its centre and radius, sized
    /// after its entity as drawn. `None` for any other line.
    pub fn loop_circle(&self, line: usize) -> Option<(Pos2, f32)> {
        let map_line = self.lines.get(line).filter(|line| line.is_loop())?;
        let entity = map_line.a.index();
        let centre = *self.screen.get(entity)?;
        let direction = (self.loop_directions.get(&entity).copied()).unwrap_or(-Vec2::Y);
        let ([x, y], radius) = style::loop_circle(
            [centre.x, centre.y],
            self.radius(entity),
            [direction.x, direction.y],
            map_line.bend,
        );
        Some((Pos2::new(x, y), radius))
    }
}

/// The colours of the current theme the map uses.
#[derive(Clone, Copy)]
struct Palette {
    background: Color32,
    text: Color32,
    strong_text: Color32,
    weak_text: Color32,
    selection_stroke: Color32,
    selection_halo: Color32,
    focus_backdrop: Color32,
}

impl Palette {
    fn of(visuals: &egui::Visuals) -> Self {
        Self {
            background: visuals.panel_fill,
            text: visuals.text_color(),
            strong_text: visuals.strong_text_color(),
            weak_text: visuals.weak_text_color(),
            selection_stroke: visuals.selection.stroke.color,
            selection_halo: visuals.selection.bg_fill.gamma_multiply(0.6),
            focus_backdrop: visuals.extreme_bg_color.gamma_multiply(0.95),
        }
    }
}

/// Draws the map; keeps its meshes and label grid between frames.
pub struct MapPainter {
    /// The lines in the back, one mesh per worker.
    line_meshes: Vec<Arc<Mesh>>,
    /// The entities in the back, one mesh per worker.
    entity_meshes: Vec<Arc<Mesh>>,
    /// Lines and entities in front.
    front_lines: Arc<Mesh>,
    front_entities: Arc<Mesh>,
    labels: LabelPlacer,
    label_shapes: Vec<Shape>,
}

impl Default for MapPainter {
    fn default() -> Self {
        Self {
            line_meshes: Vec::new(),
            entity_meshes: Vec::new(),
            front_lines: Arc::default(),
            front_entities: Arc::default(),
            labels: LabelPlacer::new(64.0),
            label_shapes: Vec::new(),
        }
    }
}

/// The mesh in `slot`, emptied, its memory reused unless the last frame still holds it.
fn reuse(slot: &mut Arc<Mesh>) -> &mut Mesh {
    if Arc::get_mut(slot).is_none() {
        *slot = Arc::default();
    }
    let mesh = Arc::make_mut(slot);
    mesh.clear();
    mesh
}

impl MapPainter {
    /// Draws `scene` with `painter`, clipped to its clip rectangle.
    pub fn paint(&mut self, painter: &Painter, scene: &MapScene) {
        let ctx = painter.ctx();
        let palette = Palette::of(&ctx.global_style().visuals);
        let pen = PenSetup {
            pixels_per_point: ctx.pixels_per_point(),
            options: ctx.tessellation_options(|options| *options),
            clip: painter.clip_rect(),
        };

        fill_in_parallel(
            &mut self.line_meshes,
            scene.lines.len(),
            LINES_PER_WORKER,
            |range, mesh| {
                let mut pen = pen.pen();
                for line in range {
                    if !matches!(
                        scene.line_emphasis(line),
                        Emphasis::Related | Emphasis::Selected
                    ) {
                        pen.line(scene, line, &palette, mesh);
                    }
                }
            },
        );
        fill_in_parallel(
            &mut self.entity_meshes,
            scene.screen.len(),
            ENTITIES_PER_WORKER,
            |range, mesh| {
                let mut pen = pen.pen();
                for entity in range {
                    if !scene.in_front(entity) {
                        pen.entity(scene, entity, &palette, mesh);
                    }
                }
            },
        );
        let mut front = pen.pen();
        let front_lines = reuse(&mut self.front_lines);
        for line in 0..scene.lines.len() {
            if matches!(
                scene.line_emphasis(line),
                Emphasis::Related | Emphasis::Selected
            ) {
                front.line(scene, line, &palette, front_lines);
            }
        }
        let front_entities = reuse(&mut self.front_entities);
        for entity in 0..scene.screen.len() {
            if scene.in_front(entity) {
                front.entity(scene, entity, &palette, front_entities);
            }
        }

        let meshes = self.line_meshes.iter().chain([&self.front_lines]);
        let meshes = meshes
            .chain(&self.entity_meshes)
            .chain([&self.front_entities]);
        for mesh in meshes.filter(|mesh| !mesh.is_empty()) {
            painter.add(Shape::Mesh(Arc::clone(mesh)));
        }
        self.paint_labels(painter, scene, &palette);
    }

    /// Labels by the entities: those standing out always, on a backdrop over everything
    /// else in the map; then those of the selection's neighbourhood, then (from a readable
    /// zoom on) the others, best-connected first, each below, above, right or left of its
    /// entity wherever it overlaps no label placed before. Zooming in makes room.
    fn paint_labels(&mut self, painter: &Painter, scene: &MapScene, palette: &Palette) {
        let clip = painter.clip_rect();
        self.labels.clear();
        let mut focus_shapes = Vec::new();
        let rank = |entity: usize| match (scene.stands_out(entity), scene.entity_emphasis(entity)) {
            (true, _) => 0,
            (false, Emphasis::Related) => 1,
            _ => 2,
        };
        let ranked = (0..3).flat_map(|wanted| {
            scene
                .label_order
                .iter()
                .copied()
                .filter(move |&entity| rank(entity) == wanted)
        });
        painter.ctx().fonts_mut(|fonts| {
            for entity in ranked {
                let emphasis = scene.entity_emphasis(entity);
                let stands_out = scene.stands_out(entity);
                let wanted = stands_out
                    || emphasis == Emphasis::Related
                    || (scene.zoom >= LABEL_MIN_ZOOM && emphasis != Emphasis::Hidden);
                let center = scene.screen[entity];
                // Off screen (with room for a wide label): nothing to draw.
                if !wanted || !clip.expand2(Vec2::new(200.0, 30.0)).contains(center) {
                    continue;
                }
                let faded = emphasis == Emphasis::Faded;
                let (text_color, backdrop) = if stands_out {
                    (palette.strong_text, palette.focus_backdrop)
                } else if faded {
                    (
                        palette.weak_text.gamma_multiply(0.5),
                        palette.background.gamma_multiply(0.3),
                    )
                } else {
                    (palette.text, palette.background.gamma_multiply(0.7))
                };
                let galley = fonts.layout_no_wrap(
                    scene.styles[entity].label.to_string(),
                    FontId::proportional(LABEL_SIZE),
                    text_color,
                );
                let gap = scene.radius(entity) + 2.0;
                let candidates = [
                    (Align2::CENTER_TOP, Vec2::new(0.0, gap)),
                    (Align2::CENTER_BOTTOM, Vec2::new(0.0, -gap)),
                    (Align2::LEFT_CENTER, Vec2::new(gap + 2.0, 0.0)),
                    (Align2::RIGHT_CENTER, Vec2::new(-gap - 2.0, 0.0)),
                ]
                .map(|(align, offset)| align.anchor_size(center + offset, galley.size()));
                let placed = candidates.into_iter().find(|rect| {
                    let boxed = rect.expand2(LABEL_PADDING);
                    self.labels
                        .try_place([boxed.min.x, boxed.min.y, boxed.max.x, boxed.max.y])
                });
                // What stands out is named even where there is no room.
                let Some(rect) = placed.or(stands_out.then_some(candidates[0])) else {
                    continue;
                };
                // A backdrop keeps labels legible over the lines behind them.
                let shapes = if stands_out {
                    &mut focus_shapes
                } else {
                    &mut self.label_shapes
                };
                shapes.push(Shape::rect_filled(
                    rect.expand2(LABEL_PADDING),
                    3.0,
                    backdrop,
                ));
                shapes.push(Shape::galley(rect.min, galley, text_color));
            }
        });
        painter.extend(self.label_shapes.drain(..));
        if !focus_shapes.is_empty() {
            // Over everything else in the map, clipped to it.
            painter
                .ctx()
                .layer_painter(egui::LayerId::new(
                    egui::Order::Middle,
                    egui::Id::new("map-focus-label"),
                ))
                .with_clip_rect(clip)
                .extend(focus_shapes);
        }
    }
}

/// Splits `count` items into ranges of at least `per_worker`, one per mesh in `meshes`
/// (resized to fit), and fills each mesh from its range on its own thread.
fn fill_in_parallel(
    meshes: &mut Vec<Arc<Mesh>>,
    count: usize,
    per_worker: usize,
    fill: impl Fn(std::ops::Range<usize>, &mut Mesh) + Sync,
) {
    let workers = rayon::current_num_threads().max(1);
    let chunk = count.div_ceil(workers).max(per_worker);
    meshes.resize_with(count.div_ceil(chunk), Arc::default);
    meshes.par_iter_mut().enumerate().for_each(|(index, slot)| {
        let start = index * chunk;
        fill(start..(start + chunk).min(count), reuse(slot));
    });
}

/// What every pen of a frame shares.
#[derive(Clone, Copy)]
struct PenSetup {
    pixels_per_point: f32,
    options: TessellationOptions,
    clip: Rect,
}

impl PenSetup {
    fn pen(&self) -> Pen {
        // No prepared discs: the font atlas may still grow this frame, moving them.
        let mut tessellator =
            Tessellator::new(self.pixels_per_point, self.options, [1, 1], Vec::new());
        tessellator.set_clip_rect(self.clip);
        Pen {
            tessellator,
            feathering: if self.options.feathering {
                self.options.feathering_size_in_pixels / self.pixels_per_point
            } else {
                0.0
            },
            clip: self.clip,
            path: Path::default(),
            points: Vec::new(),
        }
    }
}

/// Tessellates lines and entities into a mesh, with its own scratch space.
struct Pen {
    tessellator: Tessellator,
    feathering: f32,
    clip: Rect,
    path: Path,
    points: Vec<Pos2>,
}

impl Pen {
    /// A line in its tie kind's colour and width, dashed and faded as its kind and status
    /// say, bowed in its lane; a self-loop as a circle at its entity.
    fn line(&mut self, scene: &MapScene, line: usize, palette: &Palette, mesh: &mut Mesh) {
        let emphasis = scene.line_emphasis(line);
        let map_line = &scene.lines[line];
        if emphasis == Emphasis::Hidden {
            return;
        }
        let (a, b) = (
            scene.screen[map_line.a.index()],
            scene.screen[map_line.b.index()],
        );
        let looped = scene.loop_circle(line);
        let (bounds, length) = match looped {
            Some((centre, radius)) => (
                Rect::from_center_size(centre, Vec2::splat(2.0 * radius)),
                std::f32::consts::TAU * radius,
            ),
            None => {
                let length = (b - a).length();
                // A bowed line reaches at most a quarter of its length beyond the straight one.
                let reach = length * map_line.bend.abs() * style::BEND_PER_LANE;
                (Rect::from_two_pos(a, b).expand(reach), length)
            }
        };
        if !self.clip.intersects(bounds.expand(4.0)) {
            return;
        }
        let tie_style = style::line_style(map_line.kind, map_line.status);
        let base = crate::app::map::shapes::color32(tie_style.color);
        // Zoomed far out, thinner lines keep a dense network from turning into a blot.
        let thinning = (scene.zoom * 1.5).clamp(0.35, 1.0);
        let (color, width) = match emphasis {
            Emphasis::Normal => (base, tie_style.width * thinning),
            Emphasis::Related => (base, tie_style.width * 1.5),
            Emphasis::Selected => (base, tie_style.width * 2.2),
            Emphasis::Faded | Emphasis::Hidden => {
                (base.gamma_multiply(0.15), tie_style.width * thinning)
            }
        };
        let short = length < DASH_MIN_LENGTH;
        let plain = short || scene.zoom < PATTERN_MIN_ZOOM;
        let mut points = std::mem::take(&mut self.points);
        match looped {
            Some((centre, radius)) => loop_points(centre, radius, a, &mut points),
            None => line_points(a, b, if short { 0.0 } else { map_line.bend }, &mut points),
        }
        if emphasis == Emphasis::Selected {
            self.polyline(
                &points,
                Stroke::new(width + 6.0, palette.selection_halo),
                mesh,
            );
        }
        let stroke = Stroke::new(width, color);
        let visible = self.clip.expand(width + 2.0);
        match if plain { Dash::Solid } else { tie_style.dash } {
            Dash::Solid => self.polyline(&points, stroke, mesh),
            Dash::Dashed { on, off } => for_each_dash(&points, on, off, visible, |from, to| {
                self.tessellator
                    .tessellate_line_segment([from, to], stroke, mesh);
            }),
            Dash::Dotted { spacing } => for_each_dot(&points, spacing, visible, |at| {
                self.tessellator
                    .tessellate_circle(CircleShape::filled(at, width * 0.6 + 0.4, color), mesh);
            }),
        }
        self.points = points;
    }

    fn polyline(&mut self, points: &[Pos2], stroke: Stroke, mesh: &mut Mesh) {
        if let [from, to] = points {
            self.tessellator
                .tessellate_line_segment([*from, *to], stroke, mesh);
        } else {
            self.path.clear();
            self.path.add_open_points(points);
            self.path
                .stroke_open(self.feathering, &PathStroke::from(stroke), mesh);
        }
    }

    /// An entity in its kind's shape and group's colour, outlined by its emphasis.
    fn entity(&mut self, scene: &MapScene, entity: usize, palette: &Palette, mesh: &mut Mesh) {
        let emphasis = scene.entity_emphasis(entity);
        if emphasis == Emphasis::Hidden {
            return;
        }
        let center = scene.screen[entity];
        let radius = scene.radius(entity);
        if !self.clip.expand(radius).contains(center) {
            return;
        }
        let style = &scene.styles[entity];
        let fill = if emphasis == Emphasis::Faded {
            style.color.gamma_multiply(0.25)
        } else {
            style.color
        };
        let stands_out = scene.stands_out(entity);
        if radius < TINY_RADIUS && !stands_out && emphasis != Emphasis::Related {
            // Too small for its outline to be seen: a plain square is the cheapest shape.
            mesh.add_colored_rect(
                Rect::from_center_size(center, Vec2::splat(radius * 2.0)),
                fill,
            );
            return;
        }
        let outline = match emphasis {
            Emphasis::Selected => Stroke::new(3.0, palette.selection_stroke),
            Emphasis::Related => Stroke::new(2.0, palette.strong_text),
            _ if stands_out => Stroke::new(2.0, palette.strong_text),
            _ => Stroke::new(1.0, palette.background),
        };
        let shape = node_outline(style.shape, center, radius, fill, outline);
        self.tessellator.tessellate_shape(shape, mesh);
        if scene.pinned.get(entity).copied().unwrap_or(false) {
            let dot = CircleShape::filled(center, (radius * 0.3).max(1.5), palette.background);
            self.tessellator.tessellate_circle(dot, mesh);
        }
    }
}

/// The part of the segment `from`–`to` inside `visible`, as distances along it from `from`
/// (Liang–Barsky); `None` when it misses.
fn visible_span(from: Pos2, to: Pos2, visible: Rect) -> Option<(f32, f32)> {
    let delta = to - from;
    let length = delta.length();
    let (mut enter, mut leave) = (0.0_f32, 1.0_f32);
    for (towards, room) in [
        (-delta.x, from.x - visible.min.x),
        (delta.x, visible.max.x - from.x),
        (-delta.y, from.y - visible.min.y),
        (delta.y, visible.max.y - from.y),
    ] {
        if towards == 0.0 {
            if room < 0.0 {
                return None;
            }
        } else if towards < 0.0 {
            enter = enter.max(room / towards);
        } else {
            leave = leave.min(room / towards);
        }
    }
    (enter <= leave).then_some((enter * length, leave * length))
}

/// Calls `dash` with the ends of each dash along a polyline, dashes `on` long and `off`
/// apart, skipping those outside `visible` (a line zoomed far in is much longer than the
/// screen).
fn for_each_dash(
    points: &[Pos2],
    on: f32,
    off: f32,
    visible: Rect,
    mut dash: impl FnMut(Pos2, Pos2),
) {
    let period = on + off;
    // How far along the whole polyline each segment starts.
    let mut travelled = 0.0;
    for pair in points.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let length = (to - from).length();
        if let Some((start, end)) = visible_span(from, to, visible).filter(|_| length > 0.0) {
            let direction = (to - from) / length;
            // The first dash starting at or before `start`, in distance along this segment.
            let mut dash_start = start - (travelled + start) % period;
            while dash_start < end {
                let (a, b) = (dash_start.max(start), (dash_start + on).min(end));
                if a < b {
                    dash(from + direction * a, from + direction * b);
                }
                dash_start += period;
            }
        }
        travelled += length;
    }
}

/// Calls `dot` at every `spacing` along a polyline, from its first point up to (not at) its
/// last, skipping those outside `visible`.
fn for_each_dot(points: &[Pos2], spacing: f32, visible: Rect, mut dot: impl FnMut(Pos2)) {
    let mut travelled = 0.0;
    for pair in points.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let length = (to - from).length();
        if let Some((start, end)) = visible_span(from, to, visible).filter(|_| length > 0.0) {
            let direction = (to - from) / length;
            // The first dot at or after `start`, in distance along this segment.
            let mut at = start + (spacing - (travelled + start) % spacing) % spacing;
            while at < end {
                dot(from + direction * at);
                at += spacing;
            }
        }
        travelled += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::NetworkBuilder;
    use crate::network::index::NetworkIndex;
    use crate::network::model::{EntityKind, TieKind, TieStatus};

    /// What a frame of the map draws: entities at `screen` named `names`, the first two
    /// joined by a meeting of `status`.
    fn frame_shapes(
        screen: &[Pos2],
        names: &[&str],
        status: TieStatus,
        looks: &MapLooks,
        zoom: f32,
    ) -> Vec<egui::epaint::ClippedShape> {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::app::font_definitions());
        let styles: Vec<EntityStyle> = names
            .iter()
            .map(|name| EntityStyle {
                shape: style::node_shape(EntityKind::Person),
                color: Color32::RED,
                radius: style::node_radius(EntityKind::Person),
                label: Arc::from(*name),
            })
            .collect();
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .meeting("ab", &["a", "b"])
            .build();
        let index = NetworkIndex::new(&network);
        let entity = |position| index.entity_ix_at(position).expect("a or b");
        let lines = [MapLine {
            tie: index.tie_ix("ab").expect("the meeting"),
            a: entity(0),
            b: entity(1),
            kind: TieKind::Meeting,
            status,
            bend: 0.0,
        }];
        let label_order: Vec<usize> = (0..names.len()).collect();
        let mut painter = MapPainter::default();
        let mut shapes = Vec::new();
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let scene = MapScene {
                    screen,
                    styles: &styles,
                    pinned: &[],
                    lines: &lines,
                    loop_directions: &HashMap::new(),
                    looks,
                    zoom,
                    hovered: None,
                    dragged: None,
                    label_order: &label_order,
                };
                painter.paint(ui.painter(), &scene);
            });
            // Nothing renders here: the font atlas need not be uploaded.
            output.textures_delta.clear();
            shapes = output.shapes;
        }
        shapes
    }

    /// The labels a frame of the map shows, in the order they were placed.
    fn labels_drawn(screen: &[Pos2], names: &[&str], looks: &MapLooks, zoom: f32) -> Vec<String> {
        frame_shapes(screen, names, TieStatus::Reported, looks, zoom)
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                Shape::Text(text) => Some(text.galley.text().to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn labels_move_aside_rather_than_overlap_and_give_way_when_there_is_no_room() {
        // Four entities on one spot: below, above, right and left of it, then no room.
        let screen = [Pos2::new(300.0, 300.0); 5];
        let names = ["first", "second", "third", "fourth", "fifth"];
        let drawn = labels_drawn(&screen, &names, &MapLooks::default(), 1.0);
        assert_eq!(drawn, ["first", "second", "third", "fourth"]);
        // Far apart, all show; too far out, none.
        let apart: Vec<Pos2> = (0..5)
            .map(|i| Pos2::new(100.0, 60.0 + 100.0 * i as f32))
            .collect();
        assert_eq!(
            labels_drawn(&apart, &names, &MapLooks::default(), 1.0).len(),
            5
        );
        assert!(labels_drawn(&apart, &names, &MapLooks::default(), 0.1).is_empty());
        // Selected entities are named however crowded and far out the map is.
        let looks = MapLooks {
            entities: vec![
                Emphasis::Faded,
                Emphasis::Faded,
                Emphasis::Faded,
                Emphasis::Faded,
                Emphasis::Selected,
            ],
            ..MapLooks::default()
        };
        assert!(labels_drawn(&screen, &names, &looks, 0.1).contains(&"fifth".to_owned()));
    }

    /// The mesh of the lines in the back (the first the map draws) of a frame with one
    /// meeting of `status`, 400 points long.
    fn line_mesh(status: TieStatus) -> Arc<Mesh> {
        let screen = [Pos2::new(100.0, 300.0), Pos2::new(500.0, 300.0)];
        let shapes = frame_shapes(&screen, &["a", "b"], status, &MapLooks::default(), 1.0);
        shapes
            .into_iter()
            .find_map(|clipped| match clipped.shape {
                Shape::Mesh(mesh) => Some(mesh),
                _ => None,
            })
            .expect("the lines' mesh")
    }

    fn most_opaque(mesh: &Mesh) -> u8 {
        mesh.vertices.iter().map(|v| v.color.a()).max().unwrap_or(0)
    }

    #[test]
    fn a_status_in_doubt_breaks_the_line_up_and_fades_it() {
        let reported = line_mesh(TieStatus::Reported);
        let confirmed = line_mesh(TieStatus::Confirmed);
        assert_eq!(confirmed.vertices.len(), reported.vertices.len());
        // 400 points in 20-point periods: about twenty dashes, each a segment of its own.
        let alleged = line_mesh(TieStatus::Alleged);
        assert!(
            alleged.vertices.len() >= 15 * reported.vertices.len(),
            "{} vertices alleged, {} reported",
            alleged.vertices.len(),
            reported.vertices.len()
        );
        assert_eq!(most_opaque(&alleged), most_opaque(&reported));
        let unverified = line_mesh(TieStatus::Unverified);
        let denied = line_mesh(TieStatus::Denied);
        assert_eq!(unverified.vertices.len(), alleged.vertices.len());
        assert!(denied.vertices.len() > alleged.vertices.len(), "dots");
        assert!(
            most_opaque(&denied) < most_opaque(&unverified)
                && most_opaque(&unverified) < most_opaque(&reported),
            "denied {}, unverified {}, reported {}",
            most_opaque(&denied),
            most_opaque(&unverified),
            most_opaque(&reported)
        );
    }

    #[test]
    fn dashes_follow_the_pattern_across_corners() {
        let points = [
            Pos2::new(0.0, 0.0),
            Pos2::new(5.0, 0.0),
            Pos2::new(5.0, 21.0),
        ];
        let mut dashes = Vec::new();
        for_each_dash(&points, 8.0, 5.0, Rect::EVERYTHING, |a, b| {
            dashes.push([a, b])
        });
        // 26 long: a dash 0–8 bent at the corner (at 5), a gap, a dash 13–21, a gap.
        assert_eq!(
            dashes,
            vec![
                [Pos2::new(0.0, 0.0), Pos2::new(5.0, 0.0)],
                [Pos2::new(5.0, 0.0), Pos2::new(5.0, 3.0)],
                [Pos2::new(5.0, 8.0), Pos2::new(5.0, 16.0)],
            ]
        );
    }

    #[test]
    fn only_the_visible_dashes_of_a_long_line_are_made() {
        let points = [Pos2::new(-1.0e6, 10.0), Pos2::new(1.0e6, 10.0)];
        let visible = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let mut dashes = Vec::new();
        for_each_dash(&points, 8.0, 5.0, visible, |a, b| dashes.push([a, b]));
        // 100 points of a 13-point period: 8 or 9 dashes, all inside, in the pattern.
        assert!((8..=9).contains(&dashes.len()), "{}", dashes.len());
        for [a, b] in &dashes {
            assert!(a.x >= 0.0 && b.x <= 100.0 && b.x > a.x && b.x - a.x <= 8.0 + 1e-3);
            // Dashes start every 13 points counted from the line's start.
            let along = a.x + 1.0e6;
            assert!(b.x - a.x < 8.0 - 1e-3 || (along % 13.0).min(13.0 - along % 13.0) < 0.05);
        }
        let mut dots = 0;
        for_each_dot(&points, 5.0, visible, |_| dots += 1);
        assert!((20..=21).contains(&dots), "{dots}");
    }

    #[test]
    fn dots_are_evenly_spaced() {
        let points = [
            Pos2::new(0.0, 0.0),
            Pos2::new(7.0, 0.0),
            Pos2::new(7.0, 8.0),
        ];
        let mut dots = Vec::new();
        for_each_dot(&points, 5.0, Rect::EVERYTHING, |at| dots.push(at));
        assert_eq!(
            dots,
            vec![
                Pos2::new(0.0, 0.0),
                Pos2::new(5.0, 0.0),
                Pos2::new(7.0, 3.0)
            ]
        );
    }
}
