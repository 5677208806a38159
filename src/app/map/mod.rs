//! The map: the network drawn with egui_graphs for layout and interaction and our own
//! batched painter, the force layout plugged into it, and the looks the explore state
//! gives each entity and line.

pub mod force;
pub mod looks;
pub mod map_painter;
pub mod map_view;
pub mod shapes;
