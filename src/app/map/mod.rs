//! The map: the network's view (positions, pan, zoom, hover, clicks and drags), its
//! batched painter, the live force layout, and the looks the explore state gives each
//! entity and line.

pub mod force;
pub mod looks;
pub mod map_painter;
pub mod map_view;
pub mod shapes;
