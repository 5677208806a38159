//! The panels around the map: the menu bar with the search box, the side panel (the
//! selected tie or entity, the path, the overview with its filters and chains), the
//! timeline, the status bar, the legend and, while a story plays, its caption box, each
//! from a read-only view of the state.

pub mod contact_deal_panel;
pub mod editors;
pub mod entity_panel;
pub mod filter_panel;
pub mod legend;
pub mod menu_bar;
pub mod path_panel;
pub mod search_bar;
pub mod side_panel;
pub mod status_bar;
pub mod story_caption;
pub mod tie_panel;
pub mod timeline_bar;
pub mod widgets;
