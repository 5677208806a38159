//! The map: the network as an egui_graphs graph, laid out by powermap's force layout,
//! drawn as the explore state's looks say (hidden, faded, highlighted, sized), with clicks
//! and drags turned into commands.

use std::sync::Arc;

use egui::{Pos2, Vec2};
use egui_graphs::{
    GraphChange, GraphView, SettingsInteraction, SettingsNavigation, SettingsStyle,
    get_layout_state, set_layout_state,
};
use petgraph::Undirected;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};

use super::command::{Command, LabelLanguage, Selection};
use super::force::{ForceState, PowermapLayout};
use super::looks::MapLooks;
use super::shapes::{Emphasis, EntityNode, EntityShape, TieEdge, TieShape, color32};
use crate::graph::MapGraph;
use crate::layout::{LayoutParams, Link, Point, start_positions};
use crate::model::Network;
use crate::style;

/// The egui_graphs graph the map draws.
pub type ViewGraph =
    egui_graphs::Graph<EntityNode, TieEdge, Undirected, DefaultIx, EntityShape, TieShape>;

/// Extra room around the network when fitting it to the window, as a share of its size.
const FIT_PADDING: f32 = 0.12;

/// The map of the open network and the state of its view.
pub struct MapView {
    pub graph: ViewGraph,
    /// `nodes[i]` draws entity i.
    nodes: Vec<NodeIndex>,
    /// `edges[i]` draws `map.edges[i]`.
    edges: Vec<EdgeIndex>,
    links: Vec<Link>,
    pinned: Vec<bool>,
    start_positions: Vec<Point>,
    /// Hand the layout a fresh state on the next frame (a network opened, or Re-layout).
    restart_layout: bool,
    /// Keep the whole network in view while the first layout runs, until the user
    /// pans or zooms.
    follow_layout: bool,
    fit_once: bool,
    /// How layout units map to the screen, as of the last frame drawn.
    screen: ScreenTransform,
    /// Whether the node being dragged has moved, so a plain click does not pin it.
    drag_moved: bool,
    /// The entity to centre the map on at the next frame.
    centre_on: Option<usize>,
}

impl MapView {
    pub fn new(network: &Network, map: &MapGraph, language: LabelLanguage) -> Self {
        let start_positions = start_positions(network, &map.links(), &LayoutParams::default());
        let pinned: Vec<bool> = network.entities.iter().map(|e| e.pinned).collect();

        let mut graph = ViewGraph::new();
        let nodes = network
            .entities
            .iter()
            .enumerate()
            .map(|(index, entity)| {
                let group_position = entity
                    .group
                    .as_ref()
                    .and_then(|g| network.groups.iter().position(|group| &group.id == g));
                let node = EntityNode {
                    entity: index,
                    kind: entity.kind,
                    color: color32(style::entity_color(entity, group_position)),
                    emphasis: Emphasis::Normal,
                    pinned: pinned[index],
                    scale: 1.0,
                    label: Arc::from(entity.display_name(language.code())),
                };
                let [x, y] = start_positions[index];
                graph.add_node_with_location(node, Pos2::new(x, y))
            })
            .collect();
        let edges = map
            .edges
            .iter()
            .map(|edge| {
                let payload = TieEdge {
                    tie: edge.tie,
                    kind: network.ties[edge.tie].kind,
                    bend: edge.bend,
                    emphasis: Emphasis::Normal,
                };
                graph.add_edge(NodeIndex::new(edge.a), NodeIndex::new(edge.b), payload)
            })
            .collect();
        Self {
            graph,
            nodes,
            edges,
            links: map.links(),
            pinned,
            start_positions,
            restart_layout: true,
            follow_layout: true,
            fit_once: false,
            screen: ScreenTransform::default(),
            drag_moved: false,
            centre_on: None,
        }
    }

    /// Shows every label in `language`.
    pub fn set_language(&mut self, network: &Network, language: LabelLanguage) {
        for (entity, &node) in network.entities.iter().zip(&self.nodes) {
            if let Some(node) = self.graph.node_mut(node) {
                node.payload_mut().label = Arc::from(entity.display_name(language.code()));
            }
        }
    }

    /// Draws each entity and line as `looks` says: emphasis (hidden, faded, highlighted)
    /// and entity size.
    pub fn set_looks(&mut self, looks: &MapLooks) {
        for (i, &node) in self.nodes.iter().enumerate() {
            if let Some(node) = self.graph.node_mut(node) {
                let payload = node.payload_mut();
                payload.emphasis = looks.entities.get(i).copied().unwrap_or_default();
                payload.scale = looks.scales.get(i).copied().unwrap_or(1.0);
            }
        }
        for (&edge, &emphasis) in self.edges.iter().zip(&looks.edges) {
            if let Some(edge) = self.graph.edge_mut(edge) {
                edge.payload_mut().emphasis = emphasis;
            }
        }
    }

    /// Centres the map on an entity on the next frame, keeping the zoom.
    pub fn centre_on(&mut self, entity: usize) {
        self.centre_on = Some(entity);
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
        self.restart_layout = true;
        self.follow_layout = true;
    }

    pub fn fit(&mut self) {
        self.fit_once = true;
    }

    pub fn is_pinned(&self, entity: usize) -> bool {
        self.pinned.get(entity).copied().unwrap_or(false)
    }

    /// Pins an entity where it is now, or unpins it; the layout is told either way.
    pub fn set_pinned(&mut self, ui: &mut egui::Ui, entity: usize, pinned: bool) {
        let Some(flag) = self.pinned.get_mut(entity) else {
            return;
        };
        *flag = pinned;
        if let Some(node) = self.graph.node_mut(self.nodes[entity]) {
            node.payload_mut().pinned = pinned;
        }
        let mut state = get_layout_state::<ForceState>(ui, None);
        state.pinned.clone_from(&self.pinned);
        if !pinned {
            // Let it settle among its neighbours.
            state.simulation.reheat(0.3);
        }
        set_layout_state(ui, state, None);
    }

    /// Pauses or resumes the layout.
    pub fn toggle_layout(&mut self, ui: &mut egui::Ui) {
        let mut state = get_layout_state::<ForceState>(ui, None);
        state.running = !state.running;
        if state.running {
            state.simulation.reheat(0.1);
        }
        set_layout_state(ui, state, None);
    }

    /// Whether the layout is moving (for the status bar); `None` when paused.
    pub fn layout_moving(ui: &egui::Ui) -> Option<bool> {
        let state = get_layout_state::<ForceState>(ui, None);
        state
            .running
            .then(|| state.simulation.is_running(&state.params))
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
    pub fn entity_label(&self, entity: usize) -> Option<String> {
        Some(
            self.graph
                .node(*self.nodes.get(entity)?)?
                .payload()
                .label
                .to_string(),
        )
    }

    /// The screen position of an entity, as last drawn.
    pub fn entity_screen_pos(&self, entity: usize) -> Option<Pos2> {
        let node = self.graph.node(*self.nodes.get(entity)?)?;
        Some(self.screen.canvas_to_screen(node.location()))
    }

    /// The screen position of the middle of a tie's first line, as last drawn.
    pub fn tie_screen_pos(&self, tie: usize) -> Option<Pos2> {
        let edge = self
            .edges
            .iter()
            .find_map(|&e| self.graph.edge(e).filter(|e| e.payload().tie == tie))?;
        let (a, b) = self.graph.edge_endpoints(edge.id())?;
        let points = super::shapes::line_points(
            self.graph.node(a)?.location(),
            self.graph.node(b)?.location(),
            edge.payload().bend,
        );
        let middle = points[points.len() / 2];
        let middle = if points.len() == 2 {
            points[0].lerp(points[1], 0.5)
        } else {
            middle
        };
        Some(self.screen.canvas_to_screen(middle))
    }

    /// Draws the map, filling `ui`, and queues the commands its clicks and drags ask for.
    pub fn ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> egui::Response {
        if self.restart_layout {
            let state =
                ForceState::start(self.nodes.len(), self.links.clone(), self.pinned.clone());
            set_layout_state(ui, state, None);
            self.restart_layout = false;
        }
        if let Some(entity) = self.centre_on.take() {
            self.pan_to(ui, entity);
        }
        let moving = get_layout_state::<ForceState>(ui, None).is_moving();
        let fit = self.fit_once || (self.follow_layout && moving);
        self.fit_once = false;

        let interaction = SettingsInteraction::new()
            .with_dragging_enabled(true)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(true)
            .with_fit_to_screen_enabled(fit)
            .with_fit_to_screen_padding(FIT_PADDING);
        let style = SettingsStyle::new().with_labels_always(true);
        let response = GraphView::<ForceState, PowermapLayout>::new()
            .with_interactions(&interaction)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut self.graph);

        let meta = egui_graphs::MetadataFrame::new(None).load(ui);
        self.screen = ScreenTransform {
            zoom: meta.zoom,
            offset: meta.pan + response.response.rect.min.to_vec2(),
            rect: response.response.rect,
        };
        for change in response.changes {
            match change {
                GraphChange::NodeClicked { node } => {
                    if let Some(node) = self.graph.node(node) {
                        commands.push(Command::Select(Selection::Entity(node.payload().entity)));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    if let Some(edge) = self.graph.edge(edge) {
                        commands.push(Command::Select(Selection::Tie(edge.payload().tie)));
                    }
                }
                GraphChange::NodeDragStarted { .. } => self.drag_moved = false,
                GraphChange::NodeMoved { delta, .. } if delta != Vec2::ZERO => {
                    self.drag_moved = true
                }
                GraphChange::NodeDragEnded { node } => {
                    if self.drag_moved {
                        let entity = self.graph.node(node).map(|n| n.payload().entity);
                        if let Some(entity) = entity {
                            self.set_pinned(ui, entity, true);
                        }
                    }
                    self.drag_moved = false;
                }
                GraphChange::Panned { .. } | GraphChange::Zoomed { .. } if !fit => {
                    self.follow_layout = false;
                }
                _ => {}
            }
        }
        if response.response.clicked()
            && self.graph.hovered_node().is_none()
            && !commands.iter().any(|c| matches!(c, Command::Select(_)))
        {
            commands.push(Command::ClearSelection);
        }
        response.response
    }
}

impl MapView {
    /// Pans so that an entity sits in the middle of the map's area, keeping the zoom.
    fn pan_to(&self, ui: &mut egui::Ui, entity: usize) {
        let Some(node) = self.nodes.get(entity).and_then(|&n| self.graph.node(n)) else {
            return;
        };
        let rect = ui.available_rect_before_wrap();
        let mut meta = egui_graphs::MetadataFrame::new(None).load(ui);
        // screen = canvas × zoom + pan + rect.min, with screen at the centre.
        meta.pan = rect.size() / 2.0 - node.location().to_vec2() * meta.zoom;
        meta.save(ui);
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
}
