//! Tie dates from the attributes that hold times: single dates and times (`2025-03`,
//! `2025-03-04T10:00:00Z`), spans that say one date (a whole month as its first and last
//! days), and the sets of times GEXF and Gephi write.

use crate::interop::report::{Finding, ImportReport};
use crate::network::date::{DatePrecision, PartialDate};

use super::attributes::Attrs;
use super::raw::Context;

/// Attributes holding one date or time, in order of preference; `start` may come with an
/// `end` that makes it a span.
pub(super) const DATE_NAMES: &[&str] = &["date", "날짜", "start", "timestamp"];
/// Attributes holding a set of times (GEXF, Gephi's spreadsheet `timeset`).
pub(super) const TIME_SET_NAMES: &[&str] =
    &["timestamps", "intervals", "interval", "timeset", "spells"];

/// A date as a file wrote it: `2025`, `2025-03`, `2025-03-04`, `2025-03-04T10:00:00Z`, or a
/// whole year as a number (`2025.0`). The flag says a time of day other than midnight was cut.
pub(super) fn parse_moment(text: &str) -> Option<(PartialDate, bool)> {
    let text = text.trim();
    if let Some(year) = text.strip_suffix(".0")
        && year.len() == 4
    {
        return year.parse().ok().map(|date| (date, false));
    }
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    let date: PartialDate = date.parse().ok()?;
    let Some(time) = time else {
        return Some((date, false));
    };
    let bytes = time.as_bytes();
    let clock = bytes.len() >= 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    if date.precision() != DatePrecision::Day || !clock {
        return None;
    }
    let local = time.split(['Z', '+', '-']).next().unwrap_or(time);
    let midnight = local.chars().all(|c| matches!(c, '0' | ':' | '.'));
    Some((date, !midnight))
}

/// One item of a set of times: a timestamp, or an interval whose bounds may be open.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TimeItem {
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    /// An interval with a bound left open (empty or `±Infinity`, as Gephi writes
    /// `<[2016-03-04, Infinity]>`): not one date, whatever its start.
    open: bool,
    /// A time of day was cut from one of the bounds.
    cut: bool,
}

/// A set of times as GEXF and Gephi write them: `<[2020, 2021]; [2023-05, 2023-06]>`,
/// `<[2020, 2021, 2022]>` (timestamps), `[, 2021]` (an open start) or one time.
fn parse_time_set(text: &str) -> Option<Vec<TimeItem>> {
    let bound = |time: &str| -> Option<Option<(PartialDate, bool)>> {
        let time = time.trim();
        let open = time.is_empty()
            || time
                .trim_start_matches(['-', '+'])
                .eq_ignore_ascii_case("infinity");
        if open {
            Some(None)
        } else {
            parse_moment(time).map(Some)
        }
    };
    let inner = text.trim().trim_start_matches('<').trim_end_matches('>');
    let mut items = Vec::new();
    for interval in inner.split(';').filter(|part| !part.trim().is_empty()) {
        let interval = interval.trim().trim_matches(['[', ']', '(', ')']);
        let times: Vec<Option<(PartialDate, bool)>> =
            interval.split(',').map(bound).collect::<Option<_>>()?;
        let cut = times.iter().flatten().any(|(_, cut)| *cut);
        match times.as_slice() {
            [start] => items.push(TimeItem {
                start: start.map(|(date, _)| date),
                end: None,
                open: false,
                cut,
            }),
            [start, end] => items.push(TimeItem {
                start: start.map(|(date, _)| date),
                end: end.map(|(date, _)| date),
                open: start.is_none() || end.is_none(),
                cut,
            }),
            many => items.extend(many.iter().flatten().map(|(date, cut)| TimeItem {
                start: Some(*date),
                end: None,
                open: false,
                cut: *cut,
            })),
        }
    }
    (!items.is_empty()).then_some(items)
}

/// The one date that says exactly what `start`–`end` says, if there is one: the same date,
/// or a whole month or year written as its first and last days.
fn span_as_date(start: PartialDate, end: PartialDate) -> Option<PartialDate> {
    if start == end {
        return Some(start);
    }
    let (first, last) = (start.first_day(), end.last_day());
    let year = PartialDate::year(start.year_number());
    if first == year.first_day() && last == year.last_day() {
        return Some(year);
    }
    let month = PartialDate::year_month(start.year_number(), start.month_number()?)?;
    (first == month.first_day() && last == month.last_day()).then_some(month)
}

/// The tie date among the date-like attributes, taking those it says all of.
pub(super) fn take_date(
    attrs: &mut Attrs,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<PartialDate> {
    let date = first_date(attrs, context, report)?;
    // A span that says the same as the date (GEXF's dynamics as powermap writes them).
    if let Some((start, _)) = attrs.get("start").and_then(parse_moment) {
        let same = match attrs.get("end").map(parse_moment) {
            Some(Some((end, _))) => span_as_date(start, end) == Some(date),
            Some(None) => false,
            None => start == date,
        };
        if same {
            attrs.take("start");
            attrs.take("end");
        }
    }
    Some(date)
}

/// The date the first readable date-like attribute gives, in order of preference.
fn first_date(
    attrs: &mut Attrs,
    context: &Context<'_>,
    report: &mut ImportReport,
) -> Option<PartialDate> {
    let unreadable = |report: &mut ImportReport, name: &str, value: &str| {
        report.record(Finding::UnreadableValue, || {
            format!("{} {name:?}: {value:?} is not a date", context.describe())
        });
    };
    let cut = |report: &mut ImportReport, value: &str| {
        report.record(Finding::TimeOfDay, || {
            format!("{}: {value:?}", context.describe())
        });
    };
    for &name in DATE_NAMES {
        let Some(value) = attrs.get(name).map(str::to_owned) else {
            continue;
        };
        let Some((mut date, time_cut)) = parse_moment(&value) else {
            unreadable(report, name, &value);
            continue;
        };
        attrs.take(name);
        if time_cut {
            cut(report, &value);
        }
        if name == "start"
            && let Some(end) = attrs.get("end").and_then(parse_moment)
            && let Some(span) = span_as_date(date, end.0)
        {
            attrs.take("end");
            date = span;
        }
        return Some(date);
    }
    for name in TIME_SET_NAMES {
        let Some(value) = attrs.get(name).map(str::to_owned) else {
            continue;
        };
        let Some(items) = parse_time_set(&value) else {
            unreadable(report, name, &value);
            continue;
        };
        let starts: Vec<PartialDate> = items.iter().filter_map(|item| item.start).collect();
        if starts.is_empty() {
            unreadable(report, name, &value);
            continue;
        }
        if items.iter().any(|item| item.cut) {
            cut(report, &value);
        }
        let whole = match items.as_slice() {
            [
                TimeItem {
                    start: Some(start),
                    end: None,
                    open: false,
                    ..
                },
            ] => Some(*start),
            [
                TimeItem {
                    start: Some(start),
                    end: Some(end),
                    ..
                },
            ] => span_as_date(*start, *end),
            _ => None,
        };
        if let Some(date) = whole {
            attrs.take(name);
            return Some(date);
        }
        return starts.into_iter().min_by_key(PartialDate::first_day);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        let date = |text: &str| parse_moment(text).map(|(date, cut)| (date.to_string(), cut));
        assert_eq!(date("2025"), Some(("2025".into(), false)));
        assert_eq!(date("2025-03"), Some(("2025-03".into(), false)));
        assert_eq!(date("2025-03-04"), Some(("2025-03-04".into(), false)));
        assert_eq!(
            date("2025-03-04T10:00:00"),
            Some(("2025-03-04".into(), true))
        );
        assert_eq!(
            date("2025-03-04T00:00:00Z"),
            Some(("2025-03-04".into(), false))
        );
        assert_eq!(date("2025-03-04 00:00"), Some(("2025-03-04".into(), false)));
        assert_eq!(date("2015.0"), Some(("2015".into(), false)));
        assert_eq!(date("2025-02-30"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(date("2025-03T10:00"), None);
    }

    #[test]
    fn spans_become_a_date_only_when_they_say_one() {
        let d = |text: &str| text.parse::<PartialDate>().expect("date");
        let span = |a, b| span_as_date(d(a), d(b)).map(|date| date.to_string());
        assert_eq!(span("2025-03-01", "2025-03-31"), Some("2025-03".into()));
        assert_eq!(span("2024-01-01", "2024-12-31"), Some("2024".into()));
        assert_eq!(span("2025-03-04", "2025-03-04"), Some("2025-03-04".into()));
        assert_eq!(span("2025-03-04", "2025-03-05"), None);
        assert_eq!(span("2025-03", "2025-04"), None);
    }

    #[test]
    fn time_sets_read_gephi_and_gexf_syntax() {
        let set = parse_time_set("<[2020-01-01, 2020-12-31]; [2023-05, 2023-06]>").expect("set");
        assert_eq!(set.len(), 2);
        assert_eq!(set[1].start.map(|d| d.to_string()), Some("2023-05".into()));
        let stamps = parse_time_set("<[2021, 2019, 2022]>").expect("timestamps");
        assert_eq!(stamps.len(), 3);
        let open = parse_time_set("[, 2021]").expect("open start");
        assert_eq!(open[0].start, None);
        assert_eq!(open[0].end.map(|d| d.to_string()), Some("2021".into()));
        assert!(open[0].open);
        let onwards = parse_time_set("<[2016-03-04, Infinity]>").expect("open end");
        assert_eq!(onwards[0].end, None);
        assert!(onwards[0].open, "from a day onwards is not that day");
        assert!(!stamps[0].open && !set[0].open);
        assert!(parse_time_set("<[soon]>").is_none());
    }
}
