//! The map: the network's entities where the live layout puts them, panned, zoomed,
//! hovered, clicked and dragged here, and drawn in batches by the [`MapPainter`] as the
//! explore state's looks say (hidden, faded, highlighted, sized); clicks and drags become
//! commands.
//!
//! The map holds the one copy of the entities' positions (layout units, by entity index):
//! the layout steps them in place, the painter and the hit tests read them, a drag moves
//! one of them.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Pos2, Vec2};

use crate::app::command::Command;
use crate::app::map::force::LiveLayout;
use crate::app::map::looks::MapLooks;
use crate::app::map::map_painter::{MapPainter, MapScene};
use crate::app::map::shapes::{
    ENTITY_HIT_MARGIN, Emphasis, EntityStyle, MapLine, color32, line_at,
};
use crate::app::selection::{LabelLanguage, Selection};
use crate::layout::{Link, LiveStart, Point, start_positions};
use crate::network::index::{EntityIx, NetworkIndex, TieIx};
use crate::network::model::Network;
use crate::scene::graph::{Loops, MapGraph};
use crate::scene::labels::{by_degree, short_label};
use crate::scene::shown::EntityLooks;

/// Room around the network when fitting it to the window, in screen points: enough for
/// the labels of the entities at its edges.
const FIT_MARGIN: Vec2 = Vec2::new(110.0, 36.0);
/// The least reach of an entity's hit area, in screen points, however small it is drawn.
const MIN_HIT_RADIUS: f32 = 4.0;

/// The map of the open network and the state of its view.
pub struct MapView {
    /// Where each entity is, in layout units, by entity index.
    positions: Vec<Point>,
    /// `entities[i]` names entity i (the network's index hands the names out).
    entities: Vec<EntityIx>,
    /// `styles[i]` is how entity i is drawn (shared with a summing of the map underway).
    styles: Arc<[EntityStyle]>,
    /// `lines[i]` draws `map.edges[i]`.
    lines: Arc<[MapLine]>,
    /// Where the self-loops go.
    loops: Loops,
    /// The direction of each looped entity's self-loops, this frame, by entity index.
    loop_directions: HashMap<usize, Vec2>,
    looks: Arc<MapLooks>,
    /// Entities in the order their labels claim room.
    label_order: Vec<usize>,
    painter: MapPainter,
    /// Entity centres on screen, this frame (kept to reuse its memory).
    screen_positions: Vec<Pos2>,
    pinned: Vec<bool>,
    /// The layout's springs, velocities and schedule.
    layout: LiveLayout,
    /// Keep the whole network in view while the first layout runs, until the user
    /// pans or zooms.
    follow_layout: bool,
    fit_once: bool,
    /// How far from the map's left edge the legend covers it, as of the last frame: the
    /// network is fitted to the right of it.
    legend_width: f32,
    /// The view: screen = layout × `zoom` + `pan` + the map area's corner.
    zoom: f32,
    pan: Vec2,
    /// How layout units map to the screen, as of the last frame drawn.
    screen: ScreenTransform,
    /// The entity under the pointer, as of the last frame.
    hovered: Option<EntityIx>,
    /// The entity the primary button went down on, until it comes up.
    pressed_on: Option<EntityIx>,
    /// The entity being dragged, with where it was before the drag.
    dragged: Option<(EntityIx, Point)>,
    /// The entity a Shift-drag started at: a tie is being drawn from it.
    tie_from: Option<EntityIx>,
    /// The entity to centre the map on at the next frame.
    centre_on: Option<EntityIx>,
    /// The point (layout units) to put in the middle of the map at the next frame, and
    /// the zoom to show it at: a story step's view.
    look_at: Option<(Point, f32)>,
    /// Bumped whenever a position or a look changes, so that what the painter made of
    /// them is made again.
    version: u64,
}

impl MapView {
    pub fn new(
        network: &Network,
        index: &NetworkIndex,
        map: &MapGraph,
        language: LabelLanguage,
    ) -> Self {
        let links: Arc<[Link]> = map.links().into();
        let LiveStart {
            positions,
            params,
            alpha,
        } = start_positions(network, &links);
        let pinned: Vec<bool> = network.entities.iter().map(|e| e.pinned).collect();
        let looks = EntityLooks::new(network);
        let label_by = network.shown_by.label.as_deref();
        let styles = index
            .entities()
            .map(|ix| {
                let i = ix.index();
                EntityStyle {
                    shape: looks.shapes[i],
                    color: color32(looks.colors[i]),
                    radius: looks.radii[i],
                    label: Arc::from(short_label(network[ix].label(label_by, language.code()))),
                }
            })
            .collect();
        let lines = map
            .edges
            .iter()
            .map(|edge| MapLine {
                tie: edge.tie,
                a: edge.a,
                b: edge.b,
                kind: network[edge.tie].kind,
                status: network[edge.tie].status,
                bend: edge.bend,
            })
            .collect();
        // A file that places every entity (one laid out ahead, say) opens as saved.
        let resting =
            !network.entities.is_empty() && network.entities.iter().all(|e| e.position.is_some());
        let alpha = if resting { 0.0 } else { alpha };
        Self {
            layout: LiveLayout::start(positions.len(), links, params, alpha),
            positions,
            entities: index.entities().collect(),
            styles,
            lines,
            loops: map.loops.clone(),
            loop_directions: HashMap::new(),
            looks: Arc::default(),
            label_order: by_degree(map, network.entities.len()),
            painter: MapPainter::default(),
            screen_positions: Vec::new(),
            pinned,
            follow_layout: true,
            fit_once: true,
            legend_width: 0.0,
            zoom: 1.0,
            pan: Vec2::ZERO,
            screen: ScreenTransform::default(),
            hovered: None,
            pressed_on: None,
            dragged: None,
            tie_from: None,
            centre_on: None,
            look_at: None,
            version: 0,
        }
    }

    /// The map of a network just edited: built afresh, every entity where `self` shows it
    /// (the network holds those positions now), with the view kept (or still following
    /// the layout, if it did) and the layout going on as it was, moving or at rest.
    pub fn rebuilt(
        &self,
        network: &Network,
        index: &NetworkIndex,
        map: &MapGraph,
        language: LabelLanguage,
    ) -> Self {
        let mut view = Self::new(network, index, map, language);
        view.layout.simulation.alpha = if self.layout.is_moving() {
            self.layout.simulation.alpha
        } else {
            0.0
        };
        // A map that still follows its first layout (nobody zoomed or panned it yet, as in
        // a new map) goes on following it; otherwise the view stays where the person put it.
        view.follow_layout = self.follow_layout;
        view.fit_once = false;
        view.legend_width = self.legend_width;
        (view.zoom, view.pan, view.screen) = (self.zoom, self.pan, self.screen);
        view
    }

    /// Puts an entity at a point of the map, pinned there or free to move.
    pub fn place(&mut self, entity: EntityIx, location: Point, pinned: bool) {
        if let Some(position) = self.positions.get_mut(entity.index()) {
            *position = location;
            self.version += 1;
        }
        self.set_pinned(entity, pinned);
    }

    /// Shows every label in `language`.
    pub fn set_language(&mut self, network: &Network, language: LabelLanguage) {
        let label_by = network.shown_by.label.as_deref();
        let mut styles = self.styles.to_vec();
        for (entity, style) in network.entities.iter().zip(&mut styles) {
            style.label = Arc::from(short_label(entity.label(label_by, language.code())));
        }
        self.styles = styles.into();
    }

    /// Draws each entity and line as `set` makes the looks: emphasis (hidden, faded,
    /// highlighted) and entity size. `set` works in the memory of the looks before, unless
    /// a summing of the map still reads them.
    pub fn update_looks(&mut self, set: impl FnOnce(&mut MapLooks)) {
        if Arc::get_mut(&mut self.looks).is_none() {
            self.looks = Arc::default();
        }
        set(Arc::make_mut(&mut self.looks));
        self.version += 1;
    }

    /// Centres the map on an entity on the next frame, keeping the zoom.
    pub fn centre_on(&mut self, entity: EntityIx) {
        self.centre_on = Some(entity);
        self.follow_layout = false;
    }

    /// Where the map looks now: the point in the middle of its area, in layout units, and
    /// the zoom, in screen points per layout unit.
    pub fn view(&self) -> (Point, f32) {
        (self.centre(), self.screen.zoom)
    }

    /// Puts `centre` (layout units) in the middle of the map at `zoom` on the next frame.
    pub fn look_at(&mut self, centre: Point, zoom: f32) {
        self.look_at = Some((centre, zoom));
        self.follow_layout = false;
    }

    /// Starts the layout again from where `network` starts, pins kept.
    pub fn relayout(&mut self, network: &Network) {
        let start = start_positions(network, &self.layout.links);
        for ((position, start), pinned) in self
            .positions
            .iter_mut()
            .zip(start.positions)
            .zip(&self.pinned)
        {
            if !pinned {
                *position = start;
            }
        }
        self.layout = LiveLayout::start(
            self.positions.len(),
            self.layout.links.clone(),
            start.params,
            start.alpha,
        );
        self.follow_layout = true;
        self.version += 1;
    }

    pub fn fit(&mut self) {
        self.fit_once = true;
    }

    /// Tells the map where the legend covers it, so that fitting keeps the network clear
    /// of it: `legend` is the legend's rectangle on screen.
    pub fn keep_clear_of(&mut self, legend: egui::Rect) {
        let map = self.screen.rect;
        // Only a legend that covers a good part of the map's height is kept clear of (a
        // folded one is a line at the bottom).
        self.legend_width = if map.is_positive() && legend.height() > map.height() * 0.25 {
            (legend.right() - map.left()).max(0.0)
        } else {
            0.0
        };
    }

    pub fn is_pinned(&self, entity: EntityIx) -> bool {
        self.pinned.get(entity.index()).copied().unwrap_or(false)
    }

    /// Pins an entity where it is now, or unpins it; the layout is told either way.
    pub fn set_pinned(&mut self, entity: EntityIx, pinned: bool) {
        let Some(flag) = self.pinned.get_mut(entity.index()) else {
            return;
        };
        *flag = pinned;
        if !pinned {
            // Let it settle among its neighbours.
            self.layout.simulation.reheat(0.3);
        }
    }

    /// Pauses the layout, or resumes it when paused or at rest.
    pub fn toggle_layout(&mut self) {
        let layout = &mut self.layout;
        layout.running = !layout.is_moving();
        if layout.running {
            layout.simulation.reheat(0.1);
        }
    }

    /// Whether the layout is moving (for the status bar); `None` when paused.
    pub fn layout_moving(&self) -> Option<bool> {
        let layout = &self.layout;
        layout
            .running
            .then(|| layout.simulation.is_running(&layout.params))
    }

    /// Where every entity is now, in layout units.
    pub fn positions(&self) -> Vec<Point> {
        self.positions.clone()
    }

    /// The screen area the map was last drawn in.
    pub fn screen_rect(&self) -> egui::Rect {
        self.screen.rect
    }

    /// The label an entity is drawn with.
    #[cfg(feature = "testing")]
    pub fn entity_label(&self, entity: EntityIx) -> Option<String> {
        Some(self.styles.get(entity.index())?.label.to_string())
    }

    /// How an entity is drawn: its emphasis and how much larger than its kind's size.
    #[cfg(feature = "testing")]
    pub fn entity_look(&self, entity: EntityIx) -> Option<(Emphasis, f32)> {
        let entity = entity.index();
        (entity < self.styles.len()).then(|| {
            let emphasis = self.looks.entities.get(entity).copied().unwrap_or_default();
            (
                emphasis,
                self.looks.scales.get(entity).copied().unwrap_or(1.0),
            )
        })
    }

    /// How each line of a tie is drawn.
    #[cfg(feature = "testing")]
    pub fn tie_emphases(&self, tie: TieIx) -> Vec<Emphasis> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.tie == tie)
            .map(|(index, _)| self.looks.edges.get(index).copied().unwrap_or_default())
            .collect()
    }

    /// The screen position of an entity, as last drawn.
    #[cfg(feature = "testing")]
    pub fn entity_screen_pos(&self, entity: EntityIx) -> Option<Pos2> {
        let [x, y] = *self.positions.get(entity.index())?;
        Some(self.screen.canvas_to_screen(Pos2::new(x, y)))
    }

    /// The screen position of the middle of a tie's first line, as last drawn; for a
    /// self-loop, the point of its circle farthest from its entity.
    #[cfg(feature = "testing")]
    pub fn tie_screen_pos(&self, tie: TieIx) -> Option<Pos2> {
        use crate::app::map::shapes::{halfway, line_points};
        let index = self.lines.iter().position(|line| line.tie == tie)?;
        let line = &self.lines[index];
        if let Some((centre, radius)) = self.scene().loop_circle(index) {
            let entity = self.screen_positions.get(line.a.index())?;
            return Some(centre + (centre - *entity).normalized() * radius);
        }
        let location = |entity: EntityIx| {
            let [x, y] = *self.positions.get(entity.index())?;
            Some(Pos2::new(x, y))
        };
        let mut points = Vec::new();
        line_points(location(line.a)?, location(line.b)?, line.bend, &mut points);
        Some(self.screen.canvas_to_screen(halfway(&points)))
    }

    /// Draws the map, filling `ui`, and queues the commands its clicks and drags ask for.
    pub fn ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> egui::Response {
        let (response, painter) =
            ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
        let rect = response.rect;
        if let Some(entity) = self.centre_on.take() {
            self.pan_to(rect, entity);
        }
        self.zoom_with_wheel(ui, &response);
        self.layout.step(
            &mut self.positions,
            &self.pinned,
            self.dragged.map(|(entity, _)| entity.index()),
        );
        let moving = self.layout.is_moving();
        if moving {
            self.version += 1;
        }
        let fit = self.fit_once || (self.follow_layout && moving);
        self.fit_once = false;
        if fit {
            self.fit_view(rect);
        }
        if let Some((centre, zoom)) = self.look_at.take() {
            self.show_view(rect, centre, zoom);
        }

        // Shift-dragging from an entity draws a tie rather than moving it or the map.
        let (shift, pressed, released, pointer) = ui.input(|input| {
            (
                input.modifiers.shift,
                input.pointer.primary_pressed(),
                input.pointer.primary_released(),
                input.pointer.hover_pos(),
            )
        });
        if pressed {
            self.pressed_on = self.hovered;
        }
        if shift && pressed && self.tie_from.is_none() {
            self.tie_from = self.hovered;
        }
        let drawing_tie = self.tie_from.is_some() || shift;
        if !drawing_tie {
            self.drag(&response, commands);
        }
        if released {
            self.pressed_on = None;
        }

        self.screen = ScreenTransform {
            zoom: self.zoom,
            offset: self.pan + rect.min.to_vec2(),
            rect,
        };
        self.place_on_screen();
        // What is under the pointer, where this frame draws it; nothing while the map pans.
        let panning = response.dragged() && self.dragged.is_none();
        self.hovered = pointer
            .filter(|&at| rect.contains(at) && !panning)
            .and_then(|at| self.entity_at(at));
        let mut map_painter = std::mem::take(&mut self.painter);
        map_painter.paint(&painter, &self.scene());
        self.painter = map_painter;

        if let Some(from) = self.tie_from {
            self.paint_tie_being_drawn(ui, from);
            if released {
                if let Some(to) = self.hovered.filter(|to| *to != from) {
                    commands.push(Command::AddTieBetween(from, to));
                }
                self.tie_from = None;
            }
        }
        let clicked_at = response.interact_pointer_pos();
        if response.double_clicked() && self.hovered.is_none() {
            if let Some(at) = clicked_at {
                let at = self.screen.screen_to_canvas(at);
                commands.push(Command::AddEntity(Some([at.x, at.y])));
            }
        } else if response.clicked() {
            let clicked = clicked_at.and_then(|at| self.entity_at(at));
            commands.push(match clicked {
                Some(entity) => Command::Select(Selection::Entity(entity)),
                None => match clicked_at.and_then(|at| self.tie_at(at)) {
                    Some(tie) => Command::Select(Selection::Tie(tie)),
                    None => Command::ClearSelection,
                },
            });
        }
        // While something moves, the next frame shows where it went; while the summed
        // picture waits to be made again, the next frames make it.
        if moving || fit || response.dragged() || self.painter.is_waiting() {
            ui.ctx().request_repaint();
        }
        response
    }

    /// Drags the entity the press went down on, or pans the map when it went down
    /// elsewhere or on an entity summed into the picture; a drag that moved an entity
    /// becomes a command when it ends.
    fn drag(&mut self, response: &egui::Response, commands: &mut Vec<Command>) {
        // An entity summed into the picture of a zoomed-out map is too small to take hold
        // of (and there is one under every point): the press pans the map instead, unless
        // the entity is drawn on its own as part of the selection.
        let held = (self.pressed_on).filter(|entity| {
            !self.painter.is_summed()
                || matches!(
                    self.looks.entities.get(entity.index()),
                    Some(Emphasis::Selected | Emphasis::Related)
                )
        });
        if response.drag_started_by(egui::PointerButton::Primary)
            && let Some(entity) = held
        {
            self.dragged = self
                .positions
                .get(entity.index())
                .map(|&from| (entity, from));
        }
        let delta = response.drag_delta();
        if response.dragged_by(egui::PointerButton::Primary) && delta != Vec2::ZERO {
            match self.dragged {
                Some((entity, _)) => {
                    if let Some([x, y]) = self.positions.get_mut(entity.index()) {
                        *x += delta.x / self.zoom;
                        *y += delta.y / self.zoom;
                        self.version += 1;
                    }
                }
                None => {
                    self.pan += delta;
                    self.follow_layout = false;
                }
            }
        }
        if response.drag_stopped()
            && let Some((entity, from)) = self.dragged.take()
        {
            let to = self.positions[entity.index()];
            if to != from {
                commands.push(Command::MoveEntity { entity, from, to });
            }
        }
    }

    /// Where each entity and self-loop is on screen this frame.
    fn place_on_screen(&mut self) {
        let screen = self.screen;
        self.screen_positions.clear();
        self.screen_positions.extend(
            (self.positions.iter()).map(|&[x, y]| screen.canvas_to_screen(Pos2::new(x, y))),
        );
        self.loop_directions.clear();
        for entity in self.loops.entities() {
            let [x, y] = self.loops.direction(entity, |e| {
                let at = self.screen_positions[e.index()];
                [at.x, at.y]
            });
            self.loop_directions.insert(entity.index(), Vec2::new(x, y));
        }
    }
}

/// How much one point of mouse-wheel scrolling zooms by (a notch of 50 points: 13 %).
const WHEEL_ZOOM_PER_POINT: f32 = 0.0025;
const MIN_ZOOM: f32 = 1e-4;
const MAX_ZOOM: f32 = 50.0;
/// Fitting a network of one or two entities does not blow them up.
const FIT_MAX_ZOOM: f32 = 2.0;

impl MapView {
    /// Zooms about the pointer when the wheel turns over the map, as maps do, or on a
    /// pinch or Ctrl+wheel. Zooming or panning by hand ends following the first layout.
    fn zoom_with_wheel(&mut self, ui: &egui::Ui, response: &egui::Response) {
        let rect = response.rect;
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let (scroll, pinch) = ui.input(|input| (input.smooth_scroll_delta.y, input.zoom_delta()));
        let factor = (scroll * WHEEL_ZOOM_PER_POINT).exp() * pinch;
        if factor == 1.0 {
            return;
        }
        self.follow_layout = false;
        // screen = layout × zoom + pan + rect.min: keep the point under the pointer there.
        let local = pointer - rect.min;
        let under_pointer = (local - self.pan) / self.zoom;
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = local - under_pointer * self.zoom;
    }

    /// The map as drawn this frame, for painting and hit-testing.
    fn scene(&self) -> MapScene<'_> {
        MapScene {
            positions: &self.positions,
            screen: &self.screen_positions,
            styles: &self.styles,
            pinned: &self.pinned,
            lines: &self.lines,
            loop_directions: &self.loop_directions,
            looks: &self.looks,
            zoom: self.screen.zoom,
            offset: self.screen.offset,
            hovered: self.hovered.map(EntityIx::index),
            dragged: self.dragged.map(|(entity, _)| entity.index()),
            label_order: &self.label_order,
            version: self.version,
        }
    }

    /// The line of a tie being drawn by Shift-drag, from its first entity to the pointer.
    fn paint_tie_being_drawn(&self, ui: &egui::Ui, from: EntityIx) {
        let (Some(&start), Some(pointer)) = (
            self.screen_positions.get(from.index()),
            ui.input(|input| input.pointer.hover_pos()),
        ) else {
            return;
        };
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter_at(self.screen.rect)
            .line_segment([start, pointer], stroke);
    }

    /// The middle of the map's area, in layout units: where a new entity goes.
    pub fn centre(&self) -> Point {
        let centre = self.screen.screen_to_canvas(self.screen.rect.center());
        if centre.x.is_finite() && centre.y.is_finite() {
            [centre.x, centre.y]
        } else {
            [0.0, 0.0]
        }
    }

    /// The entity drawn under a screen position, within the margin its hit area has
    /// (the nearest, where several are); hidden ones are not there.
    fn entity_at(&self, at: Pos2) -> Option<EntityIx> {
        let scene = self.scene();
        let mut nearest: Option<(usize, f32)> = None;
        for (entity, &centre) in self.screen_positions.iter().enumerate() {
            let (dx, dy) = ((at.x - centre.x).abs(), (at.y - centre.y).abs());
            // Most entities are far: skip them before working out their size.
            if dx > 64.0 || dy > 64.0 {
                continue;
            }
            let reach = (scene.radius(entity) * ENTITY_HIT_MARGIN).max(MIN_HIT_RADIUS);
            let distance = dx.hypot(dy);
            if distance <= reach
                && nearest.is_none_or(|(_, best)| distance < best)
                && self.looks.entities.get(entity) != Some(&Emphasis::Hidden)
            {
                nearest = Some((entity, distance));
            }
        }
        nearest.and_then(|(entity, _)| self.entities.get(entity).copied())
    }

    /// The tie whose line is under a screen position, if any, as this frame drew them:
    /// in screen points, where the self-loops' sizes are known.
    fn tie_at(&self, pointer: Pos2) -> Option<TieIx> {
        let scene = self.scene();
        let hidden = |line: usize| self.looks.edges.get(line) == Some(&Emphasis::Hidden);
        let loop_circle = |line: usize| scene.loop_circle(line);
        let line = line_at(
            &self.lines,
            &self.screen_positions,
            hidden,
            loop_circle,
            pointer,
            1.0,
        )?;
        Some(self.lines[line].tie)
    }

    /// Zooms and pans so that the whole network, and the labels at its edges, fill the
    /// map's area right of the legend.
    fn fit_view(&mut self, rect: egui::Rect) {
        // A legend on a narrow map leaves it most of its width.
        let clear = egui::Rect::from_min_max(
            Pos2::new(
                rect.min.x + self.legend_width.min(rect.width() * 0.4),
                rect.min.y,
            ),
            rect.max,
        );
        let bounds = egui::Rect::from_points(
            &(self.positions.iter())
                .map(|&[x, y]| Pos2::new(x, y))
                .collect::<Vec<_>>(),
        );
        let area = clear.size();
        if !bounds.is_finite() || area.min_elem() <= 0.0 {
            return;
        }
        let room = (area - 2.0 * FIT_MARGIN).max(area * 0.5);
        self.zoom = (room.x / bounds.width().max(1e-3))
            .min(room.y / bounds.height().max(1e-3))
            .clamp(MIN_ZOOM, FIT_MAX_ZOOM);
        // screen = layout × zoom + pan + rect.min, with the network's centre in the middle
        // of the clear area.
        self.pan = (clear.center() - rect.min) - bounds.center().to_vec2() * self.zoom;
    }

    /// Zooms to `zoom` and pans so that `centre` (layout units) sits in the middle of the
    /// map's area.
    fn show_view(&mut self, rect: egui::Rect, centre: Point, zoom: f32) {
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        // screen = layout × zoom + pan + rect.min, with `centre` at the middle.
        self.pan = rect.size() / 2.0 - Vec2::new(centre[0], centre[1]) * self.zoom;
    }

    /// Pans so that an entity sits in the middle of the map's area, keeping the zoom.
    fn pan_to(&mut self, rect: egui::Rect, entity: EntityIx) {
        if let Some(&[x, y]) = self.positions.get(entity.index()) {
            // screen = layout × zoom + pan + rect.min, with the entity at the centre.
            self.pan = rect.size() / 2.0 - Vec2::new(x, y) * self.zoom;
        }
    }
}

/// Layout units to screen points: `screen = canvas × zoom + offset`.
#[derive(Clone, Copy, Debug)]
pub struct ScreenTransform {
    pub zoom: f32,
    pub offset: Vec2,
    /// The map's area on screen.
    pub rect: egui::Rect,
}

impl Default for ScreenTransform {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            offset: Vec2::ZERO,
            rect: egui::Rect::NOTHING,
        }
    }
}

impl ScreenTransform {
    pub fn canvas_to_screen(&self, pos: Pos2) -> Pos2 {
        (pos.to_vec2() * self.zoom + self.offset).to_pos2()
    }

    pub fn screen_to_canvas(&self, pos: Pos2) -> Pos2 {
        ((pos.to_vec2() - self.offset) / self.zoom).to_pos2()
    }
}
