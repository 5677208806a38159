//! What the panels show and the map highlights: the selection, and the labels' language.

/// What is selected: the panels show it and the map highlights it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// An index into `network.entities`.
    Entity(usize),
    /// An index into `network.ties`.
    Tie(usize),
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
