//! What the panels show and the map highlights: the selection, and the labels' language.

use crate::network::index::{EntityIx, TieIx};

/// What is selected: the panels show it and the map highlights it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// An entity of the open network.
    Entity(EntityIx),
    /// A tie of the open network.
    Tie(TieIx),
    /// A source of the open network, by its position in `network.sources`.
    Source(usize),
}

/// A language to show labels in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelLanguage {
    Korean,
    English,
}

impl LabelLanguage {
    pub fn code(self) -> &'static str {
        match self {
            Self::Korean => "ko",
            Self::English => "en",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code == "ko" {
            Self::Korean
        } else {
            Self::English
        }
    }
}
