//! What the window and the exporters draw alike: the network as drawable lines
//! ([`graph`]), how each kind looks ([`style`]), what the entities show as the map's
//! `shown_by` says ([`shown`]), which names fit ([`labels`]), the lines and entities of a
//! far zoomed-out map summed by cell ([`density`]) and the bundled [`fonts`].

pub mod density;
pub mod fonts;
pub mod graph;
pub mod labels;
pub mod shown;
pub mod style;
