//! The map: the network's entities as an egui_graphs graph, laid out by powermap's force
//! layout, panned, zoomed, hovered and dragged through egui_graphs, and drawn in batches
//! by the [`MapPainter`] as the explore state's looks say (hidden, faded, highlighted,
//! sized); clicks and drags become commands.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Pos2, Vec2};
use egui_graphs::{
    DefaultEdgeShape, GraphChange, GraphView, SettingsInteraction, SettingsNavigation,
    set_layout_state,
};
use petgraph::Undirected;
use petgraph::stable_graph::{DefaultIx, NodeIndex};

use crate::app::command::Command;
use crate::app::map::force::{ForceState, LiveLayout, PowermapLayout, SharedLayout};
use crate::app::map::looks::MapLooks;
use crate::app::map::map_painter::{MapPainter, MapScene};
use crate::app::map::shapes::{
    ENTITY_HIT_MARGIN, Emphasis, EntityHitArea, EntityNode, EntityStyle, MapLine, color32, line_at,
};
use crate::app::selection::{LabelLanguage, Selection};
use crate::layout::{LayoutParams, Link, Point, start_positions};
use crate::network::index::{EntityIx, NetworkIndex, TieIx};
use crate::network::model::Network;
use crate::scene::graph::{Loops, MapGraph};
use crate::scene::labels::by_degree;
use crate::scene::shown::EntityLooks;

/// The egui_graphs graph of the map: its entities, for layout and interaction. Lines are
/// the map's own ([`MapLine`]): they are drawn and hit without egui_graphs.
pub type ViewGraph =
    egui_graphs::Graph<EntityNode, (), Undirected, DefaultIx, EntityHitArea, DefaultEdgeShape>;

/// Room around the network when fitting it to the window, in screen points: enough for
/// the labels of the entities at its edges.
const FIT_MARGIN: Vec2 = Vec2::new(110.0, 36.0);

/// The map of the open network and the state of its view.
pub struct MapView {
    pub graph: ViewGraph,
    /// `nodes[i]` is entity i.
    nodes: Vec<NodeIndex>,
    /// `styles[i]` is how entity i is drawn.
    styles: Vec<EntityStyle>,
    /// `lines[i]` draws `map.edges[i]`.
    lines: Vec<MapLine>,
    /// Where the self-loops go.
    loops: Loops,
    /// The direction of each looped entity's self-loops, this frame, by entity index.
    loop_directions: HashMap<usize, Vec2>,
    looks: MapLooks,
    /// Entities in the order their labels claim room.
    label_order: Vec<usize>,
    painter: MapPainter,
    /// Entity centres on screen, this frame (kept to reuse its memory).
    screen_positions: Vec<Pos2>,
    links: Arc<[Link]>,
    pinned: Vec<bool>,
    start_positions: Vec<Point>,
    /// The live layout's forces and schedule, and its temperature when (re)started.
    live_params: LayoutParams,
    live_alpha: f32,
    /// The layout's state, shared with egui_graphs' layout loop.
    layout: SharedLayout,
    /// Hand the layout a fresh state on the next frame (a network opened, or Re-layout).
    restart_layout: Option<LayoutStart>,
    /// Keep the whole network in view while the first layout runs, until the user
    /// pans or zooms.
    follow_layout: bool,
    fit_once: bool,
    /// How layout units map to the screen, as of the last frame drawn.
    screen: ScreenTransform,
    /// Where the node being dragged was before the drag, once it has moved: a plain click
    /// does not move it.
    drag_from: Option<Pos2>,
    /// The entity a Shift-drag started at: a tie is being drawn from it.
    tie_from: Option<EntityIx>,
    /// The entity to centre the map on at the next frame.
    centre_on: Option<EntityIx>,
    /// The point (layout units) to put in the middle of the map at the next frame, and
    /// the zoom to show it at: a story step's view.
    look_at: Option<(Point, f32)>,
}

impl MapView {
    pub fn new(
        network: &Network,
        index: &NetworkIndex,
        map: &MapGraph,
        language: LabelLanguage,
    ) -> Self {
        let links: Arc<[Link]> = map.links().into();
        let start = start_positions(network, &links);
        let start_positions = start.positions;
        let pinned: Vec<bool> = network.entities.iter().map(|e| e.pinned).collect();

        let mut graph = ViewGraph::new();
        let mut styles = Vec::with_capacity(network.entities.len());
        let looks = EntityLooks::new(network);
        let label_by = network.shown_by.label.as_deref();
        let nodes = index
            .entities()
            .map(|ix| {
                let entity = &network[ix];
                let i = ix.index();
                styles.push(EntityStyle {
                    shape: looks.shapes[i],
                    color: color32(looks.colors[i]),
                    radius: looks.radii[i],
                    label: Arc::from(entity.label(label_by, language.code())),
                });
                let node = EntityNode {
                    entity: ix,
                    radius: looks.radii[i],
                    hidden: false,
                };
                let [x, y] = start_positions[ix.index()];
                graph.add_node_with_location(node, Pos2::new(x, y))
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
        Self {
            graph,
            nodes,
            styles,
            lines,
            loops: map.loops.clone(),
            loop_directions: HashMap::new(),
            looks: MapLooks::default(),
            label_order: by_degree(map, network.entities.len()),
            painter: MapPainter::default(),
            screen_positions: Vec::new(),
            links,
            pinned,
            start_positions,
            live_params: start.params,
            live_alpha: start.alpha,
            layout: SharedLayout::default(),
            // A file that places every entity (one laid out ahead, say) opens as saved.
            restart_layout: Some(
                if !network.entities.is_empty()
                    && network.entities.iter().all(|e| e.position.is_some())
                {
                    LayoutStart::Resting
                } else {
                    LayoutStart::Hot
                },
            ),
            follow_layout: true,
            // The view (zoom, pan) outlives the network: fit the new one once.
            fit_once: true,
            screen: ScreenTransform::default(),
            drag_from: None,
            tie_from: None,
            centre_on: None,
            look_at: None,
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
        let layout = self.layout.lock();
        view.restart_layout = Some(if layout.is_moving() {
            LayoutStart::Warm(layout.simulation.alpha)
        } else {
            LayoutStart::Resting
        });
        // A map that still follows its first layout (nobody zoomed or panned it yet, as in
        // a new map) goes on following it; otherwise the view stays where the person put it.
        view.follow_layout = self.follow_layout;
        view.fit_once = false;
        view
    }

    /// Puts an entity at a point of the map, pinned there or free to move.
    pub fn place(&mut self, entity: EntityIx, location: Point, pinned: bool) {
        if let Some(node) = (self.nodes.get(entity.index())).and_then(|&n| self.graph.node_mut(n)) {
            node.set_location(Pos2::new(location[0], location[1]));
        }
        self.set_pinned(entity, pinned);
    }

    /// Shows every label in `language`.
    pub fn set_language(&mut self, network: &Network, language: LabelLanguage) {
        let label_by = network.shown_by.label.as_deref();
        for (entity, style) in network.entities.iter().zip(&mut self.styles) {
            style.label = Arc::from(entity.label(label_by, language.code()));
        }
    }

    /// Draws each entity and line as `looks` says: emphasis (hidden, faded, highlighted)
    /// and entity size.
    pub fn set_looks(&mut self, looks: &MapLooks) {
        self.looks.clone_from(looks);
        for (i, &node) in self.nodes.iter().enumerate() {
            if let Some(node) = self.graph.node_mut(node) {
                let scale = looks.scales.get(i).copied().unwrap_or(1.0);
                let payload = node.payload_mut();
                payload.hidden = looks.entities.get(i) == Some(&Emphasis::Hidden);
                payload.radius = self.styles[i].radius * scale;
            }
        }
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

    /// Starts the layout again from the starting positions, pins kept.
    pub fn relayout(&mut self) {
        for (i, &node) in self.nodes.iter().enumerate() {
            if self.pinned[i] {
                continue;
            }
            if let Some(node) = self.graph.node_mut(node) {
                let [x, y] = self.start_positions[i];
                node.set_location(Pos2::new(x, y));
            }
        }
        self.restart_layout = Some(LayoutStart::Hot);
        self.follow_layout = true;
    }

    pub fn fit(&mut self) {
        self.fit_once = true;
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
        let mut layout = self.layout.lock();
        layout.pinned.clone_from(&self.pinned);
        if !pinned {
            // Let it settle among its neighbours.
            layout.simulation.reheat(0.3);
        }
    }

    /// Pauses the layout, or resumes it when paused or at rest.
    pub fn toggle_layout(&mut self) {
        let mut layout = self.layout.lock();
        layout.running = !layout.is_moving();
        if layout.running {
            layout.simulation.reheat(0.1);
        }
    }

    /// Whether the layout is moving (for the status bar); `None` when paused.
    pub fn layout_moving(&self) -> Option<bool> {
        let layout = self.layout.lock();
        layout
            .running
            .then(|| layout.simulation.is_running(&layout.params))
    }

    /// Where every entity is now, in layout units.
    pub fn positions(&self) -> Vec<Point> {
        self.nodes
            .iter()
            .map(|&node| {
                self.graph
                    .node(node)
                    .map_or([0.0; 2], |n| [n.location().x, n.location().y])
            })
            .collect()
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
        let node = self.graph.node(*self.nodes.get(entity.index())?)?;
        Some(self.screen.canvas_to_screen(node.location()))
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
        let location =
            |entity: EntityIx| Some(self.graph.node(self.nodes[entity.index()])?.location());
        let mut points = Vec::new();
        line_points(location(line.a)?, location(line.b)?, line.bend, &mut points);
        Some(self.screen.canvas_to_screen(halfway(&points)))
    }

    /// Draws the map, filling `ui`, and queues the commands its clicks and drags ask for.
    pub fn ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> egui::Response {
        if let Some(start) = self.restart_layout.take() {
            let mut live = LiveLayout::start(
                self.nodes.len(),
                self.links.clone(),
                self.pinned.clone(),
                self.live_params,
            );
            match start {
                LayoutStart::Hot => live.simulation.alpha = self.live_alpha,
                LayoutStart::Warm(alpha) => live.simulation.alpha = alpha,
                LayoutStart::Resting => live.simulation.alpha = 0.0,
            }
            self.layout = SharedLayout::new(live);
            set_layout_state(ui, ForceState::new(self.layout.clone()), None);
        }
        if let Some(entity) = self.centre_on.take() {
            self.pan_to(ui, entity);
        }
        self.zoom_with_wheel(ui);
        let moving = self.layout.lock().is_moving();
        let fit = self.fit_once || (self.follow_layout && moving);
        self.fit_once = false;
        if fit {
            self.fit_view(ui);
        }
        if let Some((centre, zoom)) = self.look_at.take() {
            self.show_view(ui, centre, zoom);
        }

        // egui_graphs asks for a repaint every frame it shows. Shown only while something
        // can change (the layout moves, the map fits itself, the person acts on it), the
        // window rests otherwise: a frame of no input draws the map where it stands.
        let live = moving || fit || self.graph.dragged_node().is_some() || has_input(ui);
        // Shift-dragging from an entity draws a tie rather than moving it or the map.
        let (shift, pressed, released) = ui.input(|input| {
            (
                input.modifiers.shift,
                input.pointer.primary_pressed(),
                input.pointer.primary_released(),
            )
        });
        let hovered = (self.graph.hovered_node())
            .and_then(|node| self.graph.node(node))
            .map(|node| node.payload().entity);
        if shift && pressed && self.tie_from.is_none() {
            self.tie_from = hovered;
        }
        let drawing_tie = self.tie_from.is_some() || shift;
        let (response, changes) = if live {
            let interaction = SettingsInteraction::new()
                .with_dragging_enabled(!drawing_tie)
                .with_hover_enabled(true)
                .with_node_clicking_enabled(true);
            let navigation = SettingsNavigation::new()
                .with_zoom_and_pan_enabled(!drawing_tie)
                .with_fit_to_screen_enabled(false);
            let shown = GraphView::<ForceState, PowermapLayout>::new()
                .with_interactions(&interaction)
                .with_navigations(&navigation)
                .show(ui, &mut self.graph);
            (shown.response, shown.changes)
        } else {
            // The same widget in the same place, so that ids and layout do not change.
            let (response, _) =
                ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
            (response, Vec::new())
        };

        let meta = egui_graphs::MetadataFrame::new(None).load(ui);
        self.screen = ScreenTransform {
            zoom: meta.zoom,
            offset: meta.pan + response.rect.min.to_vec2(),
            rect: response.rect,
        };
        self.paint(ui);
        if let Some(from) = self.tie_from {
            self.paint_tie_being_drawn(ui, from);
            if released {
                if let Some(to) = hovered.filter(|to| *to != from) {
                    commands.push(Command::AddTieBetween(from, to));
                }
                self.tie_from = None;
            }
        }
        let pointer = response.interact_pointer_pos();
        for change in changes {
            match change {
                GraphChange::NodeClicked { node } => {
                    if let Some(node) = self.graph.node(node) {
                        let entity = node.payload().entity;
                        // egui_graphs hits an entity a little beyond its size in layout
                        // units, however far the zoom blows that up, while the map draws
                        // it no larger than a few points: a click beyond the entity as
                        // drawn, on a line (a self-loop lies just there), is the line's.
                        let tie = pointer
                            .filter(|&at| !self.on_drawn_entity(entity, at))
                            .and_then(|at| self.tie_at(at));
                        commands.push(Command::Select(match tie {
                            Some(tie) => Selection::Tie(tie),
                            None => Selection::Entity(entity),
                        }));
                    }
                }
                GraphChange::NodeDragStarted { .. } => self.drag_from = None,
                GraphChange::NodeMoved {
                    delta,
                    new_position,
                    ..
                } if delta != Vec2::ZERO => {
                    self.drag_from.get_or_insert(new_position - delta);
                }
                GraphChange::NodeDragEnded { node } => {
                    if let Some(from) = self.drag_from.take()
                        && let Some(node) = self.graph.node(node)
                    {
                        let to = node.location();
                        commands.push(Command::MoveEntity {
                            entity: node.payload().entity,
                            from: [from.x, from.y],
                            to: [to.x, to.y],
                        });
                    }
                }
                // While the map fits itself, and on egui_graphs' own fit of a new view,
                // pans and zooms are not the user's (a drag is caught before showing).
                GraphChange::Panned { .. } | GraphChange::Zoomed { .. } if !fit => {
                    self.follow_layout = false;
                }
                _ => {}
            }
        }
        if response.double_clicked() && self.graph.hovered_node().is_none() {
            if let Some(pointer) = response.interact_pointer_pos() {
                let at = self.screen.screen_to_canvas(pointer);
                commands.push(Command::AddEntity(Some([at.x, at.y])));
            }
        } else if response.clicked()
            && self.graph.hovered_node().is_none()
            && !commands.iter().any(|c| matches!(c, Command::Select(_)))
        {
            let tie = response
                .interact_pointer_pos()
                .and_then(|pointer| self.tie_at(pointer));
            commands.push(match tie {
                Some(tie) => Command::Select(Selection::Tie(tie)),
                None => Command::ClearSelection,
            });
        }
        response
    }
}

/// Whether the person did anything this frame: moved or pressed the pointer, scrolled,
/// typed, or anything else the window reported.
fn has_input(ui: &egui::Ui) -> bool {
    ui.input(|input| {
        !input.events.is_empty()
            || input.pointer.is_moving()
            || input.pointer.any_down()
            || input.smooth_scroll_delta != Vec2::ZERO
    })
}

/// How much one point of mouse-wheel scrolling zooms by (a notch of 50 points: 13 %).
const WHEEL_ZOOM_PER_POINT: f32 = 0.0025;
const MIN_ZOOM: f32 = 1e-4;
const MAX_ZOOM: f32 = 50.0;
/// Fitting a network of one or two entities does not blow them up.
const FIT_MAX_ZOOM: f32 = 2.0;

impl MapView {
    /// Zooms about the pointer when the wheel turns over the map, as maps do (egui_graphs
    /// zooms only on pinch or Ctrl+wheel). Zooming or panning by hand ends following the
    /// first layout.
    fn zoom_with_wheel(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        if !ui.rect_contains_pointer(rect) {
            return;
        }
        let (pointer, scroll, dragging) = ui.input(|input| {
            (
                input.pointer.hover_pos(),
                input.smooth_scroll_delta.y,
                input.pointer.is_decidedly_dragging(),
            )
        });
        if dragging && self.graph.dragged_node().is_none() {
            self.follow_layout = false;
        }
        let Some(pointer) = pointer.filter(|_| scroll != 0.0) else {
            return;
        };
        self.follow_layout = false;
        let mut meta = egui_graphs::MetadataFrame::new(None).load(ui);
        // screen = canvas × zoom + pan + rect.min: keep the point under the pointer there.
        let local = pointer - rect.min;
        let under_pointer = (local - meta.pan) / meta.zoom;
        meta.zoom = (meta.zoom * (scroll * WHEEL_ZOOM_PER_POINT).exp()).clamp(MIN_ZOOM, MAX_ZOOM);
        meta.pan = local - under_pointer * meta.zoom;
        meta.save(ui);
    }

    /// Draws the entities and lines where egui_graphs placed them this frame.
    fn paint(&mut self, ui: &egui::Ui) {
        let screen = self.screen;
        self.screen_positions.clear();
        self.screen_positions.extend(self.nodes.iter().map(|&node| {
            self.graph
                .node(node)
                .map_or(Pos2::ZERO, |n| screen.canvas_to_screen(n.location()))
        }));
        self.loop_directions.clear();
        for entity in self.loops.entities() {
            let [x, y] = self.loops.direction(entity, |e| {
                let at = self.screen_positions[e.index()];
                [at.x, at.y]
            });
            self.loop_directions.insert(entity.index(), Vec2::new(x, y));
        }
        let mut painter = std::mem::take(&mut self.painter);
        painter.paint(&ui.painter_at(screen.rect), &self.scene());
        self.painter = painter;
    }

    /// The map as drawn this frame (by [`Self::paint`]), for painting and hit-testing.
    fn scene(&self) -> MapScene<'_> {
        let entity_of = |node: Option<NodeIndex>| {
            node.and_then(|node| self.graph.node(node))
                .map(|node| node.payload().entity.index())
        };
        MapScene {
            screen: &self.screen_positions,
            styles: &self.styles,
            pinned: &self.pinned,
            lines: &self.lines,
            loop_directions: &self.loop_directions,
            looks: &self.looks,
            zoom: self.screen.zoom,
            hovered: entity_of(self.graph.hovered_node()),
            dragged: entity_of(self.graph.dragged_node()),
            label_order: &self.label_order,
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

    /// Whether a screen position is on an entity as this frame drew it, with the margin
    /// its hit area has.
    fn on_drawn_entity(&self, entity: EntityIx, at: Pos2) -> bool {
        let reach = self.scene().radius(entity.index()) * ENTITY_HIT_MARGIN;
        (self.screen_positions.get(entity.index()))
            .is_some_and(|&centre| (at - centre).length() <= reach)
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
    /// map's area.
    fn fit_view(&self, ui: &mut egui::Ui) {
        let bounds = egui::Rect::from_points(
            &self
                .nodes
                .iter()
                .filter_map(|&node| Some(self.graph.node(node)?.location()))
                .collect::<Vec<_>>(),
        );
        let area = ui.available_rect_before_wrap().size();
        if !bounds.is_finite() || area.min_elem() <= 0.0 {
            return;
        }
        let room = (area - 2.0 * FIT_MARGIN).max(area * 0.5);
        let zoom = (room.x / bounds.width().max(1e-3))
            .min(room.y / bounds.height().max(1e-3))
            .clamp(MIN_ZOOM, FIT_MAX_ZOOM);
        let mut meta = egui_graphs::MetadataFrame::new(None).load(ui);
        meta.zoom = zoom;
        // screen = canvas × zoom + pan + rect.min, with the network's centre in the middle.
        meta.pan = area / 2.0 - bounds.center().to_vec2() * zoom;
        meta.save(ui);
    }

    /// Zooms to `zoom` and pans so that `centre` (layout units) sits in the middle of the
    /// map's area.
    fn show_view(&self, ui: &mut egui::Ui, centre: Point, zoom: f32) {
        let rect = ui.available_rect_before_wrap();
        let mut meta = egui_graphs::MetadataFrame::new(None).load(ui);
        meta.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        // screen = canvas × zoom + pan + rect.min, with `centre` at the middle.
        meta.pan = rect.size() / 2.0 - Vec2::new(centre[0], centre[1]) * meta.zoom;
        meta.save(ui);
    }

    /// Pans so that an entity sits in the middle of the map's area, keeping the zoom.
    fn pan_to(&self, ui: &mut egui::Ui, entity: EntityIx) {
        let Some(node) = (self.nodes.get(entity.index())).and_then(|&n| self.graph.node(n)) else {
            return;
        };
        let rect = ui.available_rect_before_wrap();
        let mut meta = egui_graphs::MetadataFrame::new(None).load(ui);
        // screen = canvas × zoom + pan + rect.min, with screen at the centre.
        meta.pan = rect.size() / 2.0 - node.location().to_vec2() * meta.zoom;
        meta.save(ui);
    }
}

/// How the layout starts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum LayoutStart {
    /// Moving, from the start positions.
    Hot,
    /// Moving on, at this temperature, from where the entities are.
    Warm(f32),
    /// At rest where the entities are, until the user resumes it.
    Resting,
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
