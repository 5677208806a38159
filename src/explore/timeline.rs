//! The timeline: which ties are visible as of a day, and the dates a slider or a play
//! button steps through.
//!
//! Days are the day numbers of [`PartialDate::first_day`]. A tie is visible from the first
//! day its date covers, so no day is ever invented: a tie dated `2025-03` is hidden on
//! 2025-02-28 and visible from 2025-03-01, one dated `2023` from 2023-01-01.

use crate::network::date::PartialDate;
use crate::network::model::{Network, Tie};

/// What the timeline does with ties that have no date (roles and affiliations, mostly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UndatedTies {
    /// Undated ties are visible whatever the day.
    Show,
    /// Undated ties are hidden whatever the day.
    Hide,
}

/// One stop on the timeline: a date some tie has, and the day it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimelineStep {
    /// The date as the ties give it, with its precision.
    pub date: PartialDate,
    /// `date.first_day()`: the day from which ties of this date are visible.
    pub first_day: i64,
}

/// The distinct dates of the network's dated ties, earliest first.
///
/// Dates of different precision stay distinct steps even when they start on the same day
/// (`2025`, then `2025-01`, then `2025-01-01`); stepping between them shows the same ties.
pub fn timeline_steps(network: &Network) -> Vec<TimelineStep> {
    let mut dates: Vec<PartialDate> = network.ties.iter().filter_map(|tie| tie.date).collect();
    dates.sort_unstable();
    dates.dedup();
    dates
        .into_iter()
        .map(|date| TimelineStep {
            date,
            first_day: date.first_day(),
        })
        .collect()
}

/// The index of the last step whose ties are visible as of `day` (the step a slider sits
/// on), or `None` before the first step.
pub fn step_as_of(steps: &[TimelineStep], day: i64) -> Option<usize> {
    steps
        .partition_point(|step| step.first_day <= day)
        .checked_sub(1)
}

/// The step a date shows on the timeline (a story step's date): the step of that very
/// date, else the last one started by its first day, else the first step (the timeline
/// shows nothing earlier); `None` when no tie has a date.
pub fn step_of_date(steps: &[TimelineStep], date: PartialDate) -> Option<usize> {
    let exact = steps.iter().position(|step| step.date == date);
    exact
        .or_else(|| step_as_of(steps, date.first_day()))
        .or_else(|| (!steps.is_empty()).then_some(0))
}

/// Whether a tie is visible as of `day`: a dated tie from the first day its date covers,
/// an undated one as `undated` says.
pub fn is_tie_visible_as_of(tie: &Tie, day: i64, undated: UndatedTies) -> bool {
    match tie.date {
        Some(date) => date.first_day() <= day,
        None => undated == UndatedTies::Show,
    }
}

/// The visibility of every tie as of `day`, one flag per tie of `network.ties`.
pub fn ties_visible_as_of(network: &Network, day: i64, undated: UndatedTies) -> Vec<bool> {
    network
        .ties
        .iter()
        .map(|tie| is_tie_visible_as_of(tie, day, undated))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::{NetworkBuilder, date};
    use crate::network::model::TieKind;

    fn day(text: &str) -> i64 {
        date(text).first_day()
    }

    fn one_tie(date_text: Option<&str>) -> Tie {
        let network = NetworkBuilder::new()
            .person("a")
            .person("b")
            .tie("t", TieKind::Meeting, &["a", "b"], date_text)
            .build();
        network.ties[0].clone()
    }

    #[test]
    fn a_day_is_visible_from_that_day() {
        let tie = one_tie(Some("2025-10-01"));
        assert!(!is_tie_visible_as_of(
            &tie,
            day("2025-09-30"),
            UndatedTies::Show
        ));
        assert!(is_tie_visible_as_of(
            &tie,
            day("2025-10-01"),
            UndatedTies::Show
        ));
        assert!(is_tie_visible_as_of(
            &tie,
            day("2025-10-02"),
            UndatedTies::Hide
        ));
    }

    #[test]
    fn a_month_is_visible_from_its_first_day() {
        let tie = one_tie(Some("2025-03"));
        assert!(!is_tie_visible_as_of(
            &tie,
            day("2025-02-28"),
            UndatedTies::Show
        ));
        assert!(is_tie_visible_as_of(
            &tie,
            day("2025-03-01"),
            UndatedTies::Show
        ));
        assert!(is_tie_visible_as_of(
            &tie,
            day("2025-03-31"),
            UndatedTies::Show
        ));
    }

    #[test]
    fn a_year_is_visible_from_new_year() {
        let tie = one_tie(Some("2023"));
        assert!(!is_tie_visible_as_of(
            &tie,
            day("2022-12-31"),
            UndatedTies::Show
        ));
        assert!(is_tie_visible_as_of(
            &tie,
            day("2023-01-01"),
            UndatedTies::Show
        ));
    }

    #[test]
    fn undated_ties_follow_the_callers_choice() {
        let tie = one_tie(None);
        for when in ["1900-01-01", "2025-06-15"] {
            assert!(is_tie_visible_as_of(&tie, day(when), UndatedTies::Show));
            assert!(!is_tie_visible_as_of(&tie, day(when), UndatedTies::Hide));
        }
    }

    fn dated_network() -> Network {
        NetworkBuilder::new()
            .person("a")
            .person("b")
            .tie("late", TieKind::Contract, &["a", "b"], Some("2025-07"))
            .tie("role", TieKind::Role, &["a", "b"], None)
            .tie("year", TieKind::Meeting, &["a", "b"], Some("2025"))
            .tie(
                "first-day",
                TieKind::Meeting,
                &["a", "b"],
                Some("2025-01-01"),
            )
            .tie("again", TieKind::Meeting, &["a", "b"], Some("2025-07"))
            .tie("old", TieKind::Visit, &["a", "b"], Some("2023-11-20"))
            .build()
    }

    #[test]
    fn steps_are_the_distinct_dates_in_order() {
        let steps = timeline_steps(&dated_network());
        let texts: Vec<String> = steps.iter().map(|s| s.date.to_string()).collect();
        assert_eq!(texts, ["2023-11-20", "2025", "2025-01-01", "2025-07"]);
        for step in &steps {
            assert_eq!(step.first_day, step.date.first_day());
        }
        assert_eq!(
            steps[1].first_day, steps[2].first_day,
            "2025 starts on 2025-01-01"
        );
        assert!(timeline_steps(&NetworkBuilder::new().build()).is_empty());
    }

    #[test]
    fn the_step_as_of_a_day_is_the_last_one_started() {
        let steps = timeline_steps(&dated_network());
        assert_eq!(step_as_of(&steps, day("2023-11-19")), None);
        assert_eq!(step_as_of(&steps, day("2023-11-20")), Some(0));
        assert_eq!(step_as_of(&steps, day("2024-12-31")), Some(0));
        assert_eq!(step_as_of(&steps, day("2025-01-01")), Some(2));
        assert_eq!(step_as_of(&steps, day("2025-06-30")), Some(2));
        assert_eq!(step_as_of(&steps, day("2030-01-01")), Some(3));
    }

    #[test]
    fn a_date_shows_its_own_step_or_the_last_one_started() {
        let steps = timeline_steps(&dated_network());
        let step = |text: &str| step_of_date(&steps, date(text));
        assert_eq!(step("2025"), Some(1), "its own step, not 2025-01-01's");
        assert_eq!(step("2025-07"), Some(3));
        assert_eq!(step("2025-03"), Some(2));
        assert_eq!(step("2024"), Some(0));
        assert_eq!(step("1999"), Some(0), "nothing earlier: the first step");
        assert_eq!(step_of_date(&[], date("2025")), None);
    }

    #[test]
    fn masks_every_tie_as_of_a_day() {
        let network = dated_network();
        assert_eq!(
            ties_visible_as_of(&network, day("2025-03-15"), UndatedTies::Hide),
            [false, false, true, true, false, true]
        );
        assert_eq!(
            ties_visible_as_of(&network, day("2025-07-01"), UndatedTies::Show),
            [true; 6]
        );
    }
}
