//! Telling the map's story in the window: a new step made from what the map shows (the
//! selection, or the path or focus around it, the view and the timeline's date), and the
//! presentation that plays the steps one at a time, each highlighting its entities and
//! ties, moving the view and the timeline where it says.

use crate::app::PowermapApp;
use crate::app::command::Command;
use crate::app::document::Document;
use crate::app::panels::editors::fields::focus_and_select;
use crate::app::selection::{LabelLanguage, Selection};
use crate::app::windows::story::caption_field_id;
use crate::edit::ops;
use crate::explore::neighbourhood::neighbourhood;
use crate::explore::timeline::step_of_date;
use crate::network::index::{EntityIx, TieIx};
use crate::network::model::{LocalizedText, StoryStep, StoryView};

/// The story being played: the step on show, and the timeline as it was before, put back
/// when the story ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presentation {
    /// The index of the step on show in `network.story`.
    pub step: usize,
    /// The timeline step shown before the story started (`None`: every date).
    timeline_before: Option<usize>,
}

/// A step highlighting what the map highlights now: the path if one is traced, else the
/// focus around the selected entity, else the selected entity with its visible ties or
/// the selected tie, else nothing; with the current view, the timeline's date if it is
/// on, and the names of what it highlights as its caption (the step's number if none).
pub fn step_from_map(document: &Document, selection: Option<Selection>) -> StoryStep {
    let (network, index, explore) = (&document.network, &document.index, &document.explore);
    let visible = &explore.visibility().ties;
    let (entities, ties): (Vec<EntityIx>, Vec<TieIx>) = match (explore.path(), selection) {
        (Some(hops), _) => (
            [explore.path_from(), explore.path_to()]
                .into_iter()
                .flatten()
                .collect(),
            hops.iter().map(|hop| hop.tie).collect(),
        ),
        (None, Some(Selection::Entity(entity))) if explore.focus_steps() > 0 => {
            let around = neighbourhood(index, entity, explore.focus_steps(), Some(visible));
            (vec![entity], around.ties)
        }
        (None, Some(Selection::Entity(entity))) => {
            let ties = (index.ties_of(entity).iter().copied())
                .filter(|&tie| explore.is_tie_visible(tie))
                .collect();
            (vec![entity], ties)
        }
        (None, Some(Selection::Tie(tie))) => (Vec::new(), vec![tie]),
        (None, Some(Selection::Source(_)) | None) => (Vec::new(), Vec::new()),
    };

    // Names of what the step shows: its entities, or else the tie's participants.
    let named: Vec<EntityIx> = if entities.is_empty() {
        let mut named = Vec::new();
        for participant in ties.iter().flat_map(|&tie| &network[tie].participants) {
            if let Some(entity) = index.entity_ix(participant)
                && !named.contains(&entity)
            {
                named.push(entity);
            }
        }
        named
    } else {
        entities.clone()
    };
    let number = network.story.len() + 1;
    let caption: LocalizedText = [
        ("ko", LabelLanguage::Korean),
        ("en", LabelLanguage::English),
    ]
    .into_iter()
    .map(|(code, language)| {
        let text = if named.is_empty() {
            match language {
                LabelLanguage::Korean => format!("{number}단계"),
                LabelLanguage::English => format!("Step {number}"),
            }
        } else {
            let names: Vec<&str> = (named.iter())
                .map(|&entity| network[entity].display_name(code))
                .collect();
            names_text(&names)
        };
        (code.to_owned(), text)
    })
    .collect();

    let ([x, y], zoom) = document.view.view();
    let view =
        (x.is_finite() && y.is_finite() && zoom.is_finite() && zoom > 0.0).then(|| StoryView {
            x: hundredths(f64::from(x)),
            y: hundredths(f64::from(y)),
            zoom: four_digits(f64::from(zoom)),
        });
    let date = (explore.timeline())
        .and_then(|position| explore.steps.get(position.step))
        .map(|step| step.date);
    StoryStep {
        caption,
        entities: entities.iter().map(|&e| network[e].id.clone()).collect(),
        ties: ties.iter().map(|&t| network[t].id.clone()).collect(),
        view,
        date,
    }
}

/// The first few names joined by " · ", and "…" when there are more.
fn names_text(names: &[&str]) -> String {
    const SHOWN: usize = 3;
    let mut text = names[..names.len().min(SHOWN)].join(" · ");
    if names.len() > SHOWN {
        text.push_str(" …");
    }
    text
}

/// A coordinate to the hundredth of a layout unit, as saving writes positions.
fn hundredths(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A zoom to four significant digits: `0.6999999881` is written `0.7`.
fn four_digits(value: f64) -> f64 {
    let scale = 10f64.powi(3 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

impl PowermapApp {
    /// Adds a step made from what the map shows, as one step of the history, and puts the
    /// cursor in its caption, ready to be typed over.
    pub(super) fn add_story_step(&mut self, ctx: &egui::Context) {
        let step = step_from_map(&self.document, self.selection);
        let at = self.document.network.story.len();
        let edit = ops::add_step(&self.document.network, step);
        if self.apply_edit(format!("add story step {}", at + 1), edit, None) {
            let id = caption_field_id(at, self.language.code(), self.document.id());
            focus_and_select(ctx, id);
        }
    }

    /// Starts playing the story at step `step`, or shows that step if it plays already.
    pub(super) fn show_story_step(&mut self, step: usize) {
        let story = &self.document.network.story;
        let Some(shown) = story.get(step) else {
            return;
        };
        let timeline_before = match self.presenting {
            Some(presentation) => presentation.timeline_before,
            None => self
                .document
                .explore
                .timeline()
                .map(|position| position.step),
        };
        let starting = self.presenting.is_none();
        self.presenting = Some(Presentation {
            step,
            timeline_before,
        });
        // What was selected belongs to the step before; the panels read the story now.
        self.selection = None;
        self.editing = false;
        self.picking = None;
        let explore = &self.document.explore;
        let timeline = shown
            .date
            .and_then(|date| step_of_date(&explore.steps, date));
        if explore.timeline().map(|position| position.step) != timeline {
            self.commands.push(Command::SetTimeline(timeline));
        }
        if let Some(view) = shown.view {
            let centre = [view.x as f32, view.y as f32];
            self.document.view.look_at(centre, view.zoom as f32);
        } else if starting {
            self.keep_looking();
        }
    }

    /// Keeps the map looking at the point in its middle while the caption box opens or
    /// closes beside it, rather than at the point in its top-left corner.
    fn keep_looking(&mut self) {
        let (centre, zoom) = self.document.view.view();
        self.document.view.look_at(centre, zoom);
    }

    /// Shows the step after the one on show (before it, unless `forward`), if there is one.
    pub(super) fn step_story(&mut self, forward: bool) {
        let Some(presentation) = self.presenting else {
            return;
        };
        let next = if forward {
            presentation.step.checked_add(1)
        } else {
            presentation.step.checked_sub(1)
        };
        if let Some(next) = next.filter(|&next| next < self.document.network.story.len()) {
            self.show_story_step(next);
        }
    }

    /// Stops playing the story: the timeline goes back to where it was.
    pub(super) fn leave_story(&mut self) {
        if let Some(presentation) = self.presenting.take() {
            self.selection = None;
            self.keep_looking();
            if self
                .document
                .explore
                .timeline()
                .map(|position| position.step)
                != presentation.timeline_before
            {
                self.commands
                    .push(Command::SetTimeline(presentation.timeline_before));
            }
        }
    }

    /// After the network changed while the story plays (an undo): the step on show shows
    /// again (an edit turns the timeline off), or the last if it is gone; no step left ends
    /// the story.
    pub(super) fn keep_story_in_range(&mut self) {
        let Some(presentation) = self.presenting else {
            return;
        };
        match self.document.network.story.len().checked_sub(1) {
            Some(last) => self.show_story_step(presentation.step.min(last)),
            None => self.leave_story(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_written_short() {
        assert_eq!(four_digits(f64::from(0.7_f32)), 0.7);
        assert_eq!(four_digits(1234.567), 1235.0);
        assert_eq!(four_digits(0.000_123_456), 0.000_123_5);
        assert_eq!(hundredths(-12.345_678), -12.35);
    }

    #[test]
    fn names_are_listed_up_to_three() {
        assert_eq!(names_text(&["A", "B"]), "A · B");
        assert_eq!(names_text(&["A", "B", "C", "D"]), "A · B · C …");
    }
}
