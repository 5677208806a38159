//! Undo and redo: the steps made this session, each kept as the edit that undoes it and
//! named for the Edit menu ("Undo add tie"), with where the file was last saved.

use crate::edit::Edit;

/// One step of the history: what it was called, and the edit that takes it back (on the
/// undo list) or makes it again (on the redo list).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub what: String,
    pub edit: Edit,
}

/// Which way through the history: back a step, or forward again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    fn reversed(self) -> Self {
        match self {
            Self::Undo => Self::Redo,
            Self::Redo => Self::Undo,
        }
    }
}

/// Every step made since the network opened, without limit.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// How many steps were on the undo list when the network was last saved (or opened);
    /// `None` once that state can no longer be reached by undo and redo.
    saved_at: Option<usize>,
}

impl History {
    /// An empty history of a network as it is in its file.
    pub fn new() -> Self {
        Self {
            saved_at: Some(0),
            ..Self::default()
        }
    }

    /// An empty history of a network that is not in any file yet (a restored recovery copy).
    pub fn unsaved() -> Self {
        Self::default()
    }

    /// Records a step just made, with the edit that undoes it. What was undone can no
    /// longer be redone.
    pub fn record(&mut self, what: impl Into<String>, undo: Edit) {
        if self.saved_at.is_some_and(|saved| saved > self.undo.len()) {
            self.saved_at = None;
        }
        self.redo.clear();
        self.undo.push(Step {
            what: what.into(),
            edit: undo,
        });
    }

    /// The step to undo or redo next, taken off its list: apply its edit, then hand the
    /// step with that edit's inverse to [`History::taken`].
    pub fn take(&mut self, direction: Direction) -> Option<Step> {
        self.list(direction).pop()
    }

    /// Files a step just undone (or redone), with the edit that takes it the other way.
    pub fn taken(&mut self, direction: Direction, step: Step) {
        self.list(direction.reversed()).push(step);
    }

    /// Puts back a step whose edit could not be applied, where it was taken from.
    pub fn put_back(&mut self, direction: Direction, step: Step) {
        self.list(direction).push(step);
    }

    fn list(&mut self, direction: Direction) -> &mut Vec<Step> {
        match direction {
            Direction::Undo => &mut self.undo,
            Direction::Redo => &mut self.redo,
        }
    }

    /// The name of the step Undo would take back.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|step| step.what.as_str())
    }

    /// The name of the step Redo would make again.
    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|step| step.what.as_str())
    }

    /// Whether the network differs from its file: steps were made, undone or redone since
    /// it was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.undo.len())
    }

    /// The network as it is now is in its file.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.undo.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Details, apply};
    use crate::network::model::Network;

    fn titled(title: &str) -> Edit {
        Edit::SetDetails(Details {
            title: title.to_owned(),
            description: String::new(),
            label_language: "en".to_owned(),
        })
    }

    fn make(history: &mut History, network: &mut Network, title: &str) {
        let undo = apply(network, titled(title)).expect("applies");
        history.record(format!("title {title}"), undo);
    }

    fn walk(history: &mut History, network: &mut Network, direction: Direction) {
        let step = history.take(direction).expect("a step to take");
        let edit = apply(network, step.edit).expect("applies");
        history.taken(
            direction,
            Step {
                what: step.what,
                edit,
            },
        );
    }

    fn undo(history: &mut History, network: &mut Network) {
        walk(history, network, Direction::Undo);
    }

    fn redo(history: &mut History, network: &mut Network) {
        walk(history, network, Direction::Redo);
    }

    #[test]
    fn undo_and_redo_walk_the_steps_and_know_when_the_file_is_matched() {
        let mut network = Network::empty();
        let mut history = History::new();
        assert!(!history.is_dirty());
        make(&mut history, &mut network, "a");
        make(&mut history, &mut network, "b");
        assert!(history.is_dirty());
        assert_eq!(history.undo_name(), Some("title b"));
        undo(&mut history, &mut network);
        assert_eq!(network.title, "a");
        assert_eq!(history.redo_name(), Some("title b"));
        undo(&mut history, &mut network);
        assert_eq!(network.title, "");
        assert!(!history.is_dirty(), "back to the file as opened");
        redo(&mut history, &mut network);
        redo(&mut history, &mut network);
        assert_eq!(network.title, "b");
        assert_eq!(history.redo_name(), None);
        history.mark_saved();
        assert!(!history.is_dirty());
        undo(&mut history, &mut network);
        assert!(history.is_dirty());
        make(&mut history, &mut network, "c");
        assert_eq!(
            history.redo_name(),
            None,
            "a new step ends what could be redone"
        );
        undo(&mut history, &mut network);
        assert!(
            history.is_dirty(),
            "the saved state was on the redo list that the new step ended"
        );
    }
}
