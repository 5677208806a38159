//! The map drawn in batches: every visible line and entity is tessellated straight into a
//! few meshes (one per worker thread, their memory reused from frame to frame), so a frame
//! costs one pass over the network rather than a shape per line and entity. What stands
//! out (the selection, its neighbourhood, the hovered and dragged entity) is drawn on top,
//! and labels are placed where they fit. With more lines or entities in view than a frame
//! can draw one by one (a big network zoomed out), the rest are summed by cell into one
//! picture instead ([`crate::scene::density`]), made again only when the zoom level, the
//! positions or the looks change, on threads of its own while the frames go on drawing the
//! old picture; zooming in brings back every line and entity.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, mpsc};

use egui::epaint::tessellator::Path;
use egui::epaint::{CircleShape, Mesh, PathStroke, TessellationOptions, Tessellator};
use egui::{
    Align2, Color32, ColorImage, FontId, Painter, Pos2, Rect, Shape, Stroke, TextureHandle,
    TextureOptions, Vec2,
};
use rayon::prelude::*;

use crate::app::map::looks::MapLooks;
use crate::app::map::shapes::{
    Emphasis, EntityStyle, MapLine, line_points, loop_points, node_outline,
};
use crate::layout::Point;
use crate::scene::density::{CellGrid, Density, InkDot, InkLine};
use crate::scene::labels::LabelPlacer;
use crate::scene::style::{self, Dash, Rgba};

/// The most labels a frame tries to place, besides those of what stands out: each costs
/// a text layout, and few of thousands find room.
const LABELS_TRIED: usize = 1000;
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
/// With more lines than this reaching into view, or more entities than
/// [`ENTITY_BUDGET`] in it, the map is drawn summed by cell rather than one by one.
const LINE_BUDGET: usize = 30_000;
const ENTITY_BUDGET: usize = 30_000;
/// The side of a cell of the summed picture on screen, at least (and less than √2 times
/// as much: cells change size in steps of √2 as the zoom changes).
const DENSITY_CELL_PX: f32 = 3.0;
/// How far the summed picture reaches beyond the map's area on each side, as a share of
/// the area, so that panning a little reuses it.
const DENSITY_MARGIN: f32 = 0.25;
/// The most cells a side of the summed picture has (a texture larger than this might not
/// be allowed).
const DENSITY_MAX_CELLS: usize = 4096;
/// How long the view and the map must stay as they are before a summed picture that no
/// longer matches them is made again, in seconds.
const REMAKE_DELAY_SECS: f64 = 0.25;
/// How much a faded line or entity counts in the summed picture, against 1 for one
/// drawn plainly: about as faint as it is drawn alone.
const FADED_INK: f32 = 0.15;

/// One frame of the map, as the painter needs it.
pub struct MapScene<'a> {
    /// Entity centres in layout units, by entity index.
    pub positions: &'a [Point],
    /// Entity centres on screen, by entity index: `positions × zoom + offset`.
    pub screen: &'a [Pos2],
    pub styles: &'a Arc<[EntityStyle]>,
    pub pinned: &'a [bool],
    pub lines: &'a Arc<[MapLine]>,
    /// The direction (a unit vector) of each looped entity's self-loops, by entity index;
    /// straight up for any not given.
    pub loop_directions: &'a HashMap<usize, Vec2>,
    pub looks: &'a Arc<MapLooks>,
    pub zoom: f32,
    pub offset: Vec2,
    /// The entity under the pointer, and the one being dragged.
    pub hovered: Option<usize>,
    pub dragged: Option<usize>,
    /// Entity indexes in the order their labels claim room: the best-connected first.
    pub label_order: &'a [usize],
    /// Changes whenever a position or a look does.
    pub version: u64,
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

    /// Whether a line is drawn over the others: part of the selection or around it.
    fn line_in_front(&self, line: usize) -> bool {
        matches!(
            self.line_emphasis(line),
            Emphasis::Related | Emphasis::Selected
        )
    }

    /// Whether there is too much in `clip` to draw one by one: more lines that are not
    /// hidden reach into it than [`LINE_BUDGET`], or more entities are in it than
    /// [`ENTITY_BUDGET`]. Counting stops at the budget: a million zoomed out are not all
    /// looked at every frame.
    fn too_much_to_draw(&self, clip: Rect) -> bool {
        if self.lines.len() <= LINE_BUDGET && self.screen.len() <= ENTITY_BUDGET {
            return false;
        }
        let entities = (self.screen.par_iter())
            .filter(|&&at| clip.contains(at))
            .take_any(ENTITY_BUDGET + 1)
            .count();
        entities > ENTITY_BUDGET
            || (0..self.lines.len())
                .into_par_iter()
                .filter(|&line| {
                    let map_line = &self.lines[line];
                    let (a, b) = (
                        self.screen[map_line.a.index()],
                        self.screen[map_line.b.index()],
                    );
                    self.line_emphasis(line) != Emphasis::Hidden
                        && clip.intersects(Rect::from_two_pos(a, b))
                })
                .take_any(LINE_BUDGET + 1)
                .count()
                > LINE_BUDGET
    }

    /// Line `line` as the summed picture takes it; `None` for one it leaves out (hidden,
    /// drawn in front, or a self-loop, too small to see).
    fn line_ink(&self, line: usize) -> Option<InkLine> {
        let map_line = &self.lines[line];
        let weight = match self.line_emphasis(line) {
            Emphasis::Normal => 1.0,
            Emphasis::Faded => FADED_INK,
            Emphasis::Hidden | Emphasis::Related | Emphasis::Selected => return None,
        };
        if map_line.is_loop() {
            return None;
        }
        let color = style::line_style(map_line.kind, map_line.status).color;
        Some(InkLine {
            a: self.positions[map_line.a.index()],
            b: self.positions[map_line.b.index()],
            color,
            weight: weight * f32::from(color.0[3]) / 255.0,
        })
    }

    /// Entity `entity` as the summed picture takes it; `None` for one it leaves out
    /// (hidden, or drawn in front).
    fn entity_ink(&self, entity: usize) -> Option<InkDot> {
        let weight = match self.entity_emphasis(entity) {
            _ if self.in_front(entity) => return None,
            Emphasis::Hidden => return None,
            Emphasis::Faded => FADED_INK,
            _ => 1.0,
        };
        let [r, g, b, _] = self.styles[entity].color.to_srgba_unmultiplied();
        Some(InkDot {
            at: self.positions[entity],
            color: Rgba::rgb(r, g, b),
            weight,
        })
    }

    /// A screen position in layout units.
    fn to_layout(&self, at: Pos2) -> Point {
        let layout = (at.to_vec2() - self.offset) / self.zoom;
        [layout.x, layout.y]
    }

    /// A position in layout units on screen.
    fn to_screen(&self, [x, y]: Point) -> Pos2 {
        (Vec2::new(x, y) * self.zoom + self.offset).to_pos2()
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
    /// The lines and entities summed by cell, last made while there were too many to draw
    /// one by one (kept while zoomed in, to show while the next is summed).
    summed: Option<SummedPicture>,
    /// Whether the last frame drew the summed picture.
    drew_summed: bool,
    /// The picture being summed on the summing threads, if any.
    summing: Option<Summing>,
    /// When (egui's time, in seconds) the summed picture stopped matching the view.
    stale_since: Option<f64>,
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
            summed: None,
            drew_summed: false,
            summing: None,
            stale_since: None,
        }
    }
}

/// The map summed by cell, as a texture, and what it was made for.
struct SummedPicture {
    density: Density,
    texture: TextureHandle,
    /// The zoom level (cells of side √2^level layout units) and the scene's version.
    made_for: (i32, u64),
}

/// A picture being summed on the summing threads: what it is made for, and where it comes
/// back.
struct Summing {
    made_for: (i32, u64),
    done: mpsc::Receiver<(Density, ColorImage)>,
}

/// What a summing reads, its own: the positions copied, the rest shared with the map.
struct SumInput {
    grid: CellGrid,
    positions: Vec<Point>,
    styles: Arc<[EntityStyle]>,
    lines: Arc<[MapLine]>,
    looks: Arc<MapLooks>,
    hovered: Option<usize>,
    dragged: Option<usize>,
}

impl SumInput {
    /// The lines and entities not drawn in front summed by cell, and their picture.
    fn sum(&self) -> (Density, ColorImage) {
        let no_loops = HashMap::new();
        let scene = MapScene {
            positions: &self.positions,
            screen: &[],
            styles: &self.styles,
            pinned: &[],
            lines: &self.lines,
            loop_directions: &no_loops,
            looks: &self.looks,
            zoom: 1.0,
            offset: Vec2::ZERO,
            hovered: self.hovered,
            dragged: self.dragged,
            label_order: &[],
            version: 0,
        };
        let mut density = Density::default();
        density.sum(
            self.grid,
            scene.lines.len(),
            |line| scene.line_ink(line),
            scene.positions.len(),
            |entity| scene.entity_ink(entity),
        );
        let texels = density.to_rgba();
        let image = ColorImage::from_rgba_unmultiplied(
            [self.grid.cols, self.grid.rows],
            texels.as_flattened(),
        );
        (density, image)
    }
}

/// The threads that sum pictures, apart from rayon's own, so that a frame's parallel work
/// never waits behind a summing; `None` if they could not be started.
fn summing_threads() -> Option<&'static rayon::ThreadPool> {
    static THREADS: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    THREADS
        .get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads())
                .thread_name(|i| format!("map-summing-{i}"))
                .build()
                .inspect_err(|err| tracing::warn!("no threads to sum the map on: {err}"))
                .ok()
        })
        .as_ref()
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
    /// Whether the last frame drew the map summed by cell.
    pub fn is_summed(&self) -> bool {
        self.drew_summed
    }

    /// Whether the summed picture no longer matches the view and waits for the moment to
    /// be made again: the frames until then must be drawn. (While it is being summed, the
    /// summing asks for the frame that shows it.)
    pub fn is_waiting(&self) -> bool {
        self.stale_since.is_some()
    }

    /// Draws `scene` with `painter`, clipped to its clip rectangle.
    pub fn paint(&mut self, painter: &Painter, scene: &MapScene) {
        let ctx = painter.ctx();
        let palette = Palette::of(&ctx.global_style().visuals);
        let pen = PenSetup {
            pixels_per_point: ctx.pixels_per_point(),
            options: ctx.tessellation_options(|options| *options),
            clip: painter.clip_rect(),
        };

        // Too much in view: what is not in front is drawn summed by cell, underneath.
        let summed = scene.too_much_to_draw(pen.clip);
        self.drew_summed = summed;
        if summed {
            self.paint_summed(painter, scene);
        } else {
            // The picture is kept: zoomed out again, it shows until the next is summed.
            self.stale_since = None;
        }
        let (lines, entities) = if summed {
            (0, 0)
        } else {
            (scene.lines.len(), scene.screen.len())
        };
        fill_in_parallel(
            &mut self.line_meshes,
            lines,
            LINES_PER_WORKER,
            |range, mesh| {
                let mut pen = pen.pen();
                for line in range {
                    if !scene.line_in_front(line) {
                        pen.line(scene, line, &palette, mesh);
                    }
                }
            },
        );
        fill_in_parallel(
            &mut self.entity_meshes,
            entities,
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
            if scene.line_in_front(line) {
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

    /// The lines and entities not drawn in front, summed by cell into one picture: made
    /// again when the zoom changes level, the positions or looks change, or the view
    /// leaves the part of the map it covers, once that has held for
    /// [`REMAKE_DELAY_SECS`]. It is summed on the summing threads; the frames meanwhile
    /// draw the picture they have, where it belongs, and the one that follows its end
    /// shows the new one.
    fn paint_summed(&mut self, painter: &Painter, scene: &MapScene) {
        let clip = painter.clip_rect();
        if let Some(summing) = &self.summing {
            match summing.done.try_recv() {
                Ok((density, image)) => {
                    let made_for = summing.made_for;
                    self.summing = None;
                    let texture = match self.summed.take() {
                        Some(mut summed) => {
                            summed.texture.set(image, TextureOptions::NEAREST);
                            summed.texture
                        }
                        None => (painter.ctx()).load_texture(
                            "map-summed",
                            image,
                            TextureOptions::NEAREST,
                        ),
                    };
                    self.summed = Some(SummedPicture {
                        density,
                        texture,
                        made_for,
                    });
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.summing = None,
            }
        }
        // Cells of √2^level layout units, at least DENSITY_CELL_PX points on screen.
        let level = (2.0 * (DENSITY_CELL_PX / scene.zoom).log2()).ceil() as i32;
        let made_for = (level, scene.version);
        let in_view = (scene.to_layout(clip.min), scene.to_layout(clip.max));
        let stale = self.summed.as_ref().is_none_or(|summed| {
            summed.made_for != made_for
                || !(summed.density.grid()).is_some_and(|grid| grid.contains(in_view.0, in_view.1))
        });
        // While the view zooms, pans out of the picture or the map changes, the picture it
        // has is drawn where it belongs, until nothing has changed for a moment: making it
        // again takes longer than a frame on a network of a million.
        let now = painter.ctx().input(|input| input.time);
        let stale_since = self.stale_since.filter(|_| stale);
        self.stale_since = stale.then_some(stale_since.unwrap_or(now));
        let waited = now - stale_since.unwrap_or(now);
        let due = self.summed.is_none() || waited >= REMAKE_DELAY_SECS;
        if stale && self.summing.is_some() {
            // The frame after the summing ends (it asks for one) shows it, and counts
            // again from there if the view has changed since.
            self.stale_since = None;
        } else if stale && due {
            self.stale_since = None;
            let cell = 2.0_f32.powf(level as f32 / 2.0);
            let margin = clip.size() * DENSITY_MARGIN;
            let input = SumInput {
                grid: CellGrid::covering(
                    scene.to_layout(clip.min - margin),
                    scene.to_layout(clip.max + margin),
                    cell,
                    DENSITY_MAX_CELLS,
                ),
                positions: scene.positions.to_vec(),
                styles: Arc::clone(scene.styles),
                lines: Arc::clone(scene.lines),
                looks: Arc::clone(scene.looks),
                hovered: scene.hovered,
                dragged: scene.dragged,
            };
            let (sender, done) = mpsc::channel();
            let ctx = painter.ctx().clone();
            let work = move || {
                // The map may have been closed meanwhile: then nobody waits for it.
                let _ = sender.send(input.sum());
                ctx.request_repaint();
            };
            match summing_threads() {
                Some(threads) => threads.spawn(work),
                None => work(),
            }
            self.summing = Some(Summing { made_for, done });
        }
        if let Some(summed) = &self.summed
            && let Some(grid) = summed.density.grid()
        {
            let rect =
                Rect::from_min_max(scene.to_screen(grid.origin), scene.to_screen(grid.max()));
            let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            painter.image(summed.texture.id(), rect, uv, Color32::WHITE);
        }
    }

    /// Labels by the entities: those standing out always, on a backdrop over everything
    /// else in the map; then those of the selection's neighbourhood, then (from a readable
    /// zoom on) the others, best-connected first, each below, above, right or left of its
    /// entity wherever it overlaps no label placed before, [`LABELS_TRIED`] at most.
    /// Zooming in makes room.
    fn paint_labels(&mut self, painter: &Painter, scene: &MapScene, palette: &Palette) {
        let clip = painter.clip_rect();
        self.labels.clear();
        let mut focus_shapes = Vec::new();
        let rank = |entity: usize| match (scene.stands_out(entity), scene.entity_emphasis(entity)) {
            (true, _) => 0,
            (false, Emphasis::Related) => 1,
            _ => 2,
        };
        // What stands out, then the selection's neighbourhood, in one pass; the others
        // after them, only when zoomed in far enough to read them.
        let (mut standing_out, mut related) = (Vec::new(), Vec::new());
        for &entity in scene.label_order {
            match rank(entity) {
                0 => standing_out.push(entity),
                1 => related.push(entity),
                _ => {}
            }
        }
        let others = (scene.zoom >= LABEL_MIN_ZOOM).then(|| {
            (scene.label_order.iter())
                .copied()
                .filter(move |&entity| rank(entity) == 2)
        });
        let ranked = standing_out
            .into_iter()
            .chain(related)
            .chain(others.into_iter().flatten());
        let mut tried = 0;
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
                // The neighbours of a hub can be tens of thousands: past the first
                // LABELS_TRIED (the best-connected), no more are named; what stands out
                // came first.
                if !stands_out {
                    if tried >= LABELS_TRIED {
                        // Nothing after this stands out.
                        break;
                    }
                    tried += 1;
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
        let styles: Arc<[EntityStyle]> = names
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
        let lines: Arc<[MapLine]> = Arc::new([MapLine {
            tie: index.tie_ix("ab").expect("the meeting"),
            a: entity(0),
            b: entity(1),
            kind: TieKind::Meeting,
            status,
            bend: 0.0,
        }]);
        let looks = Arc::new(looks.clone());
        let label_order: Vec<usize> = (0..names.len()).collect();
        let positions: Vec<Point> = screen.iter().map(|at| [at.x / zoom, at.y / zoom]).collect();
        let mut painter = MapPainter::default();
        let mut shapes = Vec::new();
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let scene = MapScene {
                    positions: &positions,
                    screen,
                    styles: &styles,
                    pinned: &[],
                    lines: &lines,
                    loop_directions: &HashMap::new(),
                    looks: &looks,
                    zoom,
                    offset: Vec2::ZERO,
                    hovered: None,
                    dragged: None,
                    label_order: &label_order,
                    version: 0,
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

    #[test]
    fn a_frame_tries_a_thousand_labels_at_most_but_names_what_stands_out() {
        // 1,520 neighbours of a selection, far apart: each would find room.
        let screen: Vec<Pos2> = (0..1520)
            .map(|i| {
                Pos2::new(
                    100.0 + 240.0 * (i % 40) as f32,
                    50.0 + 250.0 * (i / 40) as f32,
                )
            })
            .collect();
        let names: Vec<String> = (0..1520).map(|i| format!("n{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut entities = vec![Emphasis::Related; 1520];
        entities[1519] = Emphasis::Selected;
        let looks = MapLooks {
            entities,
            ..MapLooks::default()
        };
        let drawn = labels_drawn(&screen, &names, &looks, 1.0);
        assert_eq!(drawn.len(), LABELS_TRIED + 1);
        assert!(
            drawn.contains(&"n1519".to_owned()),
            "the selection is named"
        );
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

    /// What frames draw of a generated network of 20,000 entities on a 200 × 100 grid ten
    /// units apart, with 40,000 lines, one painter drawing them all: each frame at a zoom,
    /// with a corner (layout units) at the top left, at a time (seconds). For each:
    /// whether the summed picture shows, the zoom level it was made for, and how many
    /// vertices the meshes of single lines and entities have.
    fn big_map_frames(frames: &[(f32, Point, f64)]) -> Vec<(bool, Option<i32>, usize)> {
        let network = crate::network::generate::generate_network(20_000, 40_000, 1);
        let index = NetworkIndex::new(&network);
        let map = crate::scene::graph::MapGraph::new(&index);
        let lines: Arc<[MapLine]> = (map.edges.iter())
            .map(|edge| MapLine {
                tie: edge.tie,
                a: edge.a,
                b: edge.b,
                kind: TieKind::Meeting,
                status: TieStatus::Reported,
                bend: edge.bend,
            })
            .collect();
        let positions: Vec<Point> = (0..20_000)
            .map(|i| [(i % 200) as f32 * 10.0, (i / 200) as f32 * 10.0])
            .collect();
        let styles: Arc<[EntityStyle]> = vec![
            EntityStyle {
                shape: style::node_shape(EntityKind::Person),
                color: Color32::RED,
                radius: style::node_radius(EntityKind::Person),
                label: Arc::from(""),
            };
            20_000
        ]
        .into();
        let ctx = egui::Context::default();
        let looks = Arc::default();
        let mut painter = MapPainter::default();
        let mut drawn = Vec::new();
        for &(zoom, corner, time) in frames {
            let offset = Vec2::new(-corner[0], -corner[1]) * zoom;
            let screen: Vec<Pos2> = (positions.iter())
                .map(|&[x, y]| (Vec2::new(x, y) * zoom + offset).to_pos2())
                .collect();
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
                time: Some(time),
                ..Default::default()
            };
            // A picture being summed shows in the frame after it is done, at the same time.
            let mut output = loop {
                let mut output = ctx.run_ui(input.clone(), |ui| {
                    let scene = MapScene {
                        positions: &positions,
                        screen: &screen,
                        styles: &styles,
                        pinned: &[],
                        lines: &lines,
                        loop_directions: &HashMap::new(),
                        looks: &looks,
                        zoom,
                        offset,
                        hovered: None,
                        dragged: None,
                        label_order: &[],
                        version: 0,
                    };
                    painter.paint(ui.painter(), &scene);
                });
                if painter.summing.is_none() {
                    break output;
                }
                output.textures_delta.clear();
                std::thread::sleep(std::time::Duration::from_millis(5));
            };
            // Nothing renders here: neither the font atlas nor the picture need uploading.
            output.textures_delta.clear();
            let mut summed = false;
            let mut vertices = 0;
            for clipped in output.shapes {
                if let Shape::Mesh(mesh) = clipped.shape {
                    if mesh.texture_id == egui::TextureId::default() {
                        vertices += mesh.vertices.len();
                    } else {
                        summed = true;
                    }
                }
            }
            let level = painter.summed.as_ref().map(|summed| summed.made_for.0);
            drawn.push((summed, level, vertices));
        }
        drawn
    }

    #[test]
    fn a_map_with_too_much_in_view_is_drawn_summed_until_zoomed_in() {
        // The whole grid, 2,000 × 1,000 units, fills the window at zoom 0.8; zoomed in to
        // a few cells of it, the lines and entities are back, one by one.
        let drawn = big_map_frames(&[(0.8, [0.0, 0.0], 0.0), (8.0, [500.0, 500.0], 1.0)]);
        let (summed, _, vertices) = drawn[0];
        assert!(summed, "40,000 lines in view are summed into one picture");
        assert_eq!(vertices, 0, "and none is drawn on its own");
        let (summed, _, vertices) = drawn[1];
        assert!(!summed);
        assert!(vertices > 1000, "{vertices} vertices");
    }

    #[test]
    fn the_summed_picture_is_made_again_once_the_zoom_holds_still() {
        // Zoomed in by half: a new zoom level. The old picture shows meanwhile, then, a
        // quarter of a second on, the new one.
        let drawn = big_map_frames(&[
            (0.8, [0.0, 0.0], 0.0),
            (1.2, [0.0, 0.0], 0.1),
            (1.2, [0.0, 0.0], 0.2),
            (1.2, [0.0, 0.0], 0.4),
        ]);
        let levels: Vec<Option<i32>> = drawn.iter().map(|&(_, level, _)| level).collect();
        assert!(drawn.iter().all(|&(summed, _, _)| summed));
        assert_eq!(levels[1], levels[0], "zooming: the old picture");
        assert_eq!(levels[2], levels[0], "0.1 s still: the old picture");
        assert_ne!(levels[3], levels[0], "0.3 s still: a new one");
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
