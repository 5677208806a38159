//! The date a sentence gives, resolved against the article's publication date, with the
//! words it came from and no more precision than they have.
//!
//! Articles leave out what the reader knows: "지난 10월" in a December 2025 article is
//! October 2025, "11일(현지시간)" in one of 13 June 2024 is 11 June 2024, and "지난 11월"
//! in June 2024 is November 2023. A date is never resolved to after the publication, and
//! never gets a day or a month the words do not give. Without a publication date only
//! dates that give their year resolve.

use std::ops::Range;

use crate::article::script::{char_at, char_before, fold, is_hangul, occurrences};
use crate::network::date::{DatePrecision, PartialDate, days_in_month};

/// A date found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateGuess {
    /// The date, as precise as the words.
    pub date: PartialDate,
    /// The words it came from, as the sentence writes them ("지난 10월 1일", "Oct. 30, 2025").
    pub words: String,
}

/// "day", "month" or "year".
pub fn precision_name(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

/// The first date in `sentence` that resolves against `published`, the article's
/// publication date; `None` for a sentence with no date words (or none that resolve).
pub fn resolve_date(sentence: &str, published: Option<PartialDate>) -> Option<DateGuess> {
    let mut at = 0;
    while at < sentence.len() {
        match expression_at(sentence, at) {
            Some(expression) => {
                if let Some(date) = resolve(expression.said, published) {
                    return Some(DateGuess {
                        date,
                        words: sentence[expression.range].to_owned(),
                    });
                }
                at = expression.range.end;
            }
            None => at += char_at(sentence, at).map_or(1, char::len_utf8),
        }
    }
    None
}

/// Words that introduce the publication date in the first lines of a captured page.
const PUBLISHED_MARKERS: [&str; 9] = [
    "기사입력",
    "입력",
    "등록",
    "게재",
    "발행",
    "승인",
    "published",
    "posted",
    "date",
];

/// Words that introduce a later update, taken only when no publication date is given.
const UPDATED_MARKERS: [&str; 5] = ["최종수정", "수정", "업데이트", "updated", "modified"];

/// How many lines from the top of a page the date line is looked for in.
const DATE_LINE_SEARCH: usize = 40;

/// The publication date a captured article states near its top: "입력 2025-10-30 20:39",
/// "기사입력 2025.10.30", "Published: 31 Oct. 2025", "Updated Oct 31, 2025" (an update
/// only when no line gives the publication).
pub fn published_in_text(text: &str) -> Option<PartialDate> {
    let head: Vec<&str> = text.lines().take(DATE_LINE_SEARCH).collect();
    [&PUBLISHED_MARKERS[..], &UPDATED_MARKERS[..]]
        .into_iter()
        .find_map(|markers| {
            head.iter()
                .find_map(|line| date_after_marker(line, markers))
        })
}

fn date_after_marker(line: &str, markers: &[&str]) -> Option<PartialDate> {
    let folded = fold(line);
    markers.iter().find_map(|marker| {
        occurrences(&folded, marker).find_map(|at| {
            let after = at + marker.len();
            let rest = &line[after..];
            let start = after + rest.len()
                - rest
                    .trim_start_matches(|c: char| {
                        matches!(c, ':' | '：' | '|') || c.is_whitespace()
                    })
                    .len();
            match expression_at(line, start)?.said {
                said @ Said::Explicit { .. } => resolve(said, None),
                _ => None,
            }
        })
    })
}

/// What a date expression says before it is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    /// With its year: 2023년, 2025년 10월 1일, 2025.10.30, Oct. 30, 2025, in 2023.
    Explicit {
        year: i32,
        month: Option<u8>,
        day: Option<u8>,
    },
    /// A month and perhaps a day, of this year or the last: 지난 10월, 2월4일, in July, Oct 30.
    MonthDay { month: u8, day: Option<u8> },
    /// A day of this month or the last: 30일, 지난 12일, 11일(현지시간).
    Day(u8),
    /// A year counted back from the publication's, perhaps with a month and day: 올해 3월
    /// (0), 지난해 (1), last year.
    YearsBack {
        years: i32,
        month: Option<u8>,
        day: Option<u8>,
    },
    /// A month counted back, perhaps with a day: 이달 (0), 지난달 31일 (1), last month.
    MonthsBack { months: i32, day: Option<u8> },
    /// A day counted back: 이날, today (0), yesterday (1).
    DaysBack(u8),
    /// The latest such weekday (0 is Monday) on or before the publication: Thursday.
    Weekday(u8),
}

struct Expression {
    range: Range<usize>,
    said: Said,
}

fn expression_at(text: &str, at: usize) -> Option<Expression> {
    let before = char_before(text, at);
    if before.is_some_and(|c| is_hangul(c) || c.is_ascii_alphanumeric() || matches!(c, '.' | ',')) {
        return None;
    }
    korean_at(text, at).or_else(|| english_at(text, at))
}

/// Korean words for a time counted back from the publication.
const KOREAN_RELATIVE: [(&str, Said); 11] = [
    ("지난해", years_back(1)),
    ("재작년", years_back(2)),
    ("작년", years_back(1)),
    ("올해", years_back(0)),
    ("금년", years_back(0)),
    (
        "지난달",
        Said::MonthsBack {
            months: 1,
            day: None,
        },
    ),
    (
        "이번 달",
        Said::MonthsBack {
            months: 0,
            day: None,
        },
    ),
    (
        "이달",
        Said::MonthsBack {
            months: 0,
            day: None,
        },
    ),
    ("이날", Said::DaysBack(0)),
    ("오늘", Said::DaysBack(0)),
    ("어제", Said::DaysBack(1)),
];

const fn years_back(years: i32) -> Said {
    Said::YearsBack {
        years,
        month: None,
        day: None,
    }
}

fn korean_at(text: &str, at: usize) -> Option<Expression> {
    let rest = &text[at..];
    if let Some((word, said)) = KOREAN_RELATIVE
        .iter()
        .find(|(word, _)| rest.starts_with(word))
    {
        let end = at + word.len();
        let next = skip_spaces(text, end);
        let (end, said) = match *said {
            Said::YearsBack { years, .. } => match month_at(text, next) {
                Some((month, after)) => {
                    let (day, end) = day_at(text, skip_spaces(text, after))
                        .map_or((None, after), |(day, end)| (Some(day), end));
                    (
                        end,
                        Said::YearsBack {
                            years,
                            month: Some(month),
                            day,
                        },
                    )
                }
                None => (end, *said),
            },
            Said::MonthsBack { months, .. } => match day_at(text, next) {
                Some((day, end)) => (
                    end,
                    Said::MonthsBack {
                        months,
                        day: Some(day),
                    },
                ),
                None => (end, *said),
            },
            other => (end, other),
        };
        return Some(Expression {
            range: at..end,
            said,
        });
    }
    // "지난" (last) before a number says the same as the number: it is past.
    let number_at = match rest.strip_prefix("지난") {
        Some(_) => skip_spaces(text, at + "지난".len()),
        None => at,
    };
    let (end, said) = korean_number_at(text, number_at)?;
    Some(Expression {
        range: at..end,
        said,
    })
}

/// A date in digits at `at`: 2023년, 2025년 10월 1일, 10월, 2월4일, 30일, 2025.10.30.
fn korean_number_at(text: &str, at: usize) -> Option<(usize, Said)> {
    if let Some(dotted) = dotted_at(text, at) {
        return Some(dotted);
    }
    let (year, digits_end, count) = digits_at(text, at)?;
    if let Some(after) = text[digits_end..].strip_prefix('년') {
        // 15년간 (for fifteen years), 2020년대 (the 2020s) and 2년째 are no dates.
        let is_span = after.starts_with(['간', '대', '째', '여', '만']);
        if count != 4 || !(1900..=2100).contains(&year) || is_span {
            return None;
        }
        let year_end = digits_end + '년'.len_utf8();
        let (end, month, day) = match month_at(text, skip_spaces(text, year_end)) {
            Some((month, month_end)) => match day_at(text, skip_spaces(text, month_end)) {
                Some((day, day_end)) => (day_end, Some(month), Some(day)),
                None => (month_end, Some(month), None),
            },
            None => (year_end, None, None),
        };
        let year = i32::try_from(year).ok()?;
        return Some((end, Said::Explicit { year, month, day }));
    }
    if let Some((month, month_end)) = month_at(text, at) {
        return Some(match day_at(text, skip_spaces(text, month_end)) {
            Some((day, day_end)) => (
                day_end,
                Said::MonthDay {
                    month,
                    day: Some(day),
                },
            ),
            None => (month_end, Said::MonthDay { month, day: None }),
        });
    }
    day_at(text, at).map(|(day, end)| (end, Said::Day(day)))
}

/// "10월" at `at`: the month and where it ends. "3개월" and "월 90만장" are no months.
fn month_at(text: &str, at: usize) -> Option<(u8, usize)> {
    let (month, end, count) = digits_at(text, at)?;
    let after = text[end..].strip_prefix('월')?;
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    (count <= 2 && !after.starts_with('간')).then_some((month, end + '월'.len_utf8()))
}

/// "12일" or "11일(현지시간)" at `at`: the day and where the words end. "3일간" (for three
/// days), "3일째" and "10일 만에" (ten days later) are no dates.
fn day_at(text: &str, at: usize) -> Option<(u8, usize)> {
    let (day, end, count) = digits_at(text, at)?;
    let after = text[end..].strip_prefix('일')?;
    let day = u8::try_from(day).ok().filter(|d| (1..=31).contains(d))?;
    // "10일 만에" (ten days later), not "12일 만났다".
    let later = after
        .trim_start()
        .strip_prefix('만')
        .is_some_and(|rest| rest.starts_with(['에', '의', '이']) || !rest.starts_with(is_hangul));
    let is_span = after.starts_with(['간', '째']) || later;
    if count > 2 || is_span {
        return None;
    }
    let mut end = end + '일'.len_utf8();
    for local_time in ["(현지시간)", "(현지 시간)", "(현지시각)", "(현지 시각)"] {
        if text[end..].starts_with(local_time) {
            end += local_time.len();
        }
    }
    Some((day, end))
}

/// "2025.10.30", "2025-10-30", "2025/10/30" or "2025. 10. 30" at `at`.
fn dotted_at(text: &str, at: usize) -> Option<(usize, Said)> {
    let (year, year_end, 4) = digits_at(text, at)? else {
        return None;
    };
    let separator = char_at(text, year_end).filter(|c| matches!(c, '.' | '-' | '/'))?;
    let month_start = skip_spaces(text, year_end + 1);
    let (month, month_end, 1..=2) = digits_at(text, month_start)? else {
        return None;
    };
    if !text[month_end..].starts_with(separator) {
        return None;
    }
    let day_start = skip_spaces(text, month_end + 1);
    let (day, day_end, 1..=2) = digits_at(text, day_start)? else {
        return None;
    };
    let said = Said::Explicit {
        year: i32::try_from(year).ok()?,
        month: Some(u8::try_from(month).ok()?),
        day: Some(u8::try_from(day).ok()?),
    };
    Some((day_end, said))
}

/// The number written in ASCII digits at `at` (at most four), where it ends and how many
/// digits it has; `None` if there is none or it goes on past four digits.
fn digits_at(text: &str, at: usize) -> Option<(u32, usize, usize)> {
    let count = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 || count > 4 {
        return None;
    }
    let number = text[at..at + count].parse().ok()?;
    Some((number, at + count, count))
}

fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Words before a bare month or a year that make it a date: "in July", "since 2019".
const DATE_PREPOSITIONS: [&str; 14] = [
    "in", "on", "since", "of", "by", "from", "during", "until", "early", "late", "mid", "last",
    "around", "through",
];

/// English for a time counted back from the publication.
const ENGLISH_RELATIVE: [(&str, Said); 6] = [
    (
        "last month",
        Said::MonthsBack {
            months: 1,
            day: None,
        },
    ),
    (
        "this month",
        Said::MonthsBack {
            months: 0,
            day: None,
        },
    ),
    ("last year", years_back(1)),
    ("this year", years_back(0)),
    ("yesterday", Said::DaysBack(1)),
    ("today", Said::DaysBack(0)),
];

/// The Latin word at `at`, letters only.
fn word_at(text: &str, at: usize) -> &str {
    let length = text[at..]
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    &text[at..at + length]
}

/// A capitalised month name or its abbreviation at `at` (the abbreviation's full stop
/// included): its number, where it ends and whether it was written in full.
fn month_name_at(text: &str, at: usize) -> Option<(u8, usize, bool)> {
    let word = word_at(text, at);
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 {
        return None;
    }
    let (index, full) = MONTHS.iter().enumerate().find_map(|(i, month)| {
        if *month == word {
            Some((i, true))
        } else {
            let is_abbreviation = (word.len() == 3 || word == "Sept") && month.starts_with(word);
            is_abbreviation.then_some((i, false))
        }
    })?;
    let mut end = at + word.len();
    if !full && text[end..].starts_with('.') {
        end += 1;
    }
    Some((u8::try_from(index + 1).ok()?, end, full))
}

/// A day of the month in English at `at`: "30", "1st", "23rd".
fn english_day_at(text: &str, at: usize) -> Option<(u8, usize)> {
    let (day, end, count) = digits_at(text, at)?;
    let day = u8::try_from(day)
        .ok()
        .filter(|d| (1..=31).contains(d) && count <= 2)?;
    let suffix = ["st", "nd", "rd", "th"]
        .into_iter()
        .find(|suffix| text[end..].starts_with(suffix))
        .map_or(0, str::len);
    let end = end + suffix;
    char_at(text, end)
        .is_none_or(|c| !c.is_ascii_alphanumeric())
        .then_some((day, end))
}

/// A year in digits at `at`, standing alone: "2025" (not "20250" or "2020s").
fn english_year_at(text: &str, at: usize) -> Option<(i32, usize)> {
    let (year, end, 4) = digits_at(text, at)? else {
        return None;
    };
    let standalone = char_at(text, end).is_none_or(|c| !c.is_ascii_alphanumeric());
    (standalone && (1900..=2100).contains(&year)).then_some((i32::try_from(year).ok()?, end))
}

fn english_at(text: &str, at: usize) -> Option<Expression> {
    for (words, said) in ENGLISH_RELATIVE {
        let written = text[at..].get(..words.len());
        if written.is_some_and(|written| written.eq_ignore_ascii_case(words))
            && char_at(text, at + words.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(Expression {
                range: at..at + words.len(),
                said,
            });
        }
    }
    let word = word_at(text, at);
    if let Some(weekday) = WEEKDAYS.iter().position(|day| *day == word) {
        return Some(Expression {
            range: at..at + word.len(),
            said: Said::Weekday(u8::try_from(weekday).ok()?),
        });
    }
    if DATE_PREPOSITIONS
        .iter()
        .any(|preposition| preposition.eq_ignore_ascii_case(word))
    {
        let next = skip_spaces(text, at + word.len());
        if next > at + word.len() {
            if let Some((year, end)) = english_year_at(text, next) {
                return explicit_expression(at..end, year, None, None);
            }
            if let Some((5, end, _)) = month_name_at(text, next)
                && !full_date_follows(text, end)
            {
                return Some(Expression {
                    range: at..end,
                    said: Said::MonthDay {
                        month: 5,
                        day: None,
                    },
                });
            }
        }
    }
    if let Some((month, end, full)) = month_name_at(text, at) {
        return month_first(text, at, month, end, full);
    }
    // "30 October 2025", "31 Oct. 2025"
    let (day, day_end) = english_day_at(text, at)?;
    let month_start = skip_spaces(text, day_end);
    if month_start == day_end {
        return None;
    }
    let (month, month_end, _) = month_name_at(text, month_start)?;
    match year_after(text, month_end) {
        Some((year, end)) => explicit_expression(at..end, year, Some(month), Some(day)),
        None => Some(Expression {
            range: at..month_end,
            said: Said::MonthDay {
                month,
                day: Some(day),
            },
        }),
    }
}

/// Whether a day or a year follows a month name ending at `end`.
fn full_date_follows(text: &str, end: usize) -> bool {
    let next = skip_spaces(text, end);
    next > end && (english_day_at(text, next).is_some() || english_year_at(text, next).is_some())
}

/// ", 2025" or " 2025" after `at`: the year and where it ends.
fn year_after(text: &str, at: usize) -> Option<(i32, usize)> {
    let after_comma = if text[at..].starts_with(',') {
        at + 1
    } else {
        at
    };
    let next = skip_spaces(text, after_comma);
    (next > at).then(|| english_year_at(text, next)).flatten()
}

/// A date that starts with its month: "Oct 30", "Oct. 30, 2025", "October 30", "July
/// 2025", or a bare full month name ("in July" reads the same as "July"). A bare May is
/// read only after a preposition (see [`english_at`]), as "may" is mostly a verb.
fn month_first(
    text: &str,
    at: usize,
    month: u8,
    month_end: usize,
    full: bool,
) -> Option<Expression> {
    let next = skip_spaces(text, month_end);
    if next > month_end {
        if let Some((day, day_end)) = english_day_at(text, next) {
            return match year_after(text, day_end) {
                Some((year, end)) => explicit_expression(at..end, year, Some(month), Some(day)),
                None => Some(Expression {
                    range: at..day_end,
                    said: Said::MonthDay {
                        month,
                        day: Some(day),
                    },
                }),
            };
        }
        if let Some((year, end)) = english_year_at(text, next) {
            return explicit_expression(at..end, year, Some(month), None);
        }
    }
    (full && month != 5).then_some(Expression {
        range: at..month_end,
        said: Said::MonthDay { month, day: None },
    })
}

fn explicit_expression(
    range: Range<usize>,
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
) -> Option<Expression> {
    Some(Expression {
        range,
        said: Said::Explicit { year, month, day },
    })
}

/// The date as precise as given; `None` for an impossible one (31 April).
fn date_of(year: i32, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    match (month, day) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(month), None) => PartialDate::year_month(year, month),
        (Some(month), Some(day)) => PartialDate::ymd(year, month, day),
    }
}

/// `months` months before `month` of `year`.
fn months_before(year: i32, month: u8, months: i32) -> (i32, u8) {
    let index = year * 12 + i32::from(month) - 1 - months;
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (index.div_euclid(12), month)
}

/// The day before a date known to the day.
fn day_before(date: PartialDate) -> Option<PartialDate> {
    let (year, month, day) = (date.year_number(), date.month_number()?, date.day_number()?);
    if day > 1 {
        PartialDate::ymd(year, month, day - 1)
    } else {
        let (year, month) = months_before(year, month, 1);
        PartialDate::ymd(year, month, days_in_month(year, month))
    }
}

/// The weekday of a date, 0 for Monday.
fn weekday(date: PartialDate) -> Option<i64> {
    // 1970-01-01 was a Thursday.
    let thursday = PartialDate::ymd(1970, 1, 1)?.first_day();
    Some((date.first_day() - thursday + 3).rem_euclid(7))
}

/// What `said` means for an article published on `published`, never after it; without
/// a publication date, only a date that gives its year.
fn resolve(said: Said, published: Option<PartialDate>) -> Option<PartialDate> {
    match (said, published) {
        (_, Some(published)) => {
            resolve_against(said, published).filter(|date| date.first_day() <= published.last_day())
        }
        (Said::Explicit { year, month, day }, None) => date_of(year, month, day),
        (_, None) => None,
    }
}

fn resolve_against(said: Said, published: PartialDate) -> Option<PartialDate> {
    let year = published.year_number();
    // A publication known only to the month or year is taken at its end: nothing in it
    // is in its future.
    let last_month = published.month_number().unwrap_or(12);
    let last_day = published
        .day_number()
        .unwrap_or_else(|| days_in_month(year, last_month));
    let is_future = |date: PartialDate| date.first_day() > published.last_day();
    match said {
        Said::Explicit { year, month, day } => date_of(year, month, day),
        Said::MonthDay { month, day } => {
            let this_year = (month, day.unwrap_or(1)) <= (last_month, last_day);
            date_of(if this_year { year } else { year - 1 }, Some(month), day)
        }
        Said::Day(day) => {
            let month = published.month_number()?;
            let (year, month) = if day <= last_day {
                (year, month)
            } else {
                months_before(year, month, 1)
            };
            PartialDate::ymd(year, month, day)
        }
        Said::YearsBack { years, month, day } => {
            let year = year - years;
            match date_of(year, month, day)? {
                // "올해 12월" in a June article: a plan; only the year is past.
                date if is_future(date) => Some(PartialDate::year(year)),
                date => Some(date),
            }
        }
        Said::MonthsBack { months, day } => {
            let (year, month) = months_before(year, published.month_number()?, months);
            match date_of(year, Some(month), day)? {
                date if is_future(date) => PartialDate::year_month(year, month),
                date => Some(date),
            }
        }
        Said::DaysBack(days) => {
            published.day_number()?;
            (0..days).try_fold(published, |date, _| day_before(date))
        }
        Said::Weekday(target) => {
            published.day_number()?;
            let back = (weekday(published)? - i64::from(target)).rem_euclid(7);
            (0..back).try_fold(published, |date, _| day_before(date))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().expect("a date")
    }

    /// The date `sentence` resolves to in an article published on `published`, and its words.
    fn guess(sentence: &str, published: &str) -> Option<(String, String)> {
        resolve_date(sentence, Some(date(published))).map(|g| (g.date.to_string(), g.words))
    }

    fn resolves(sentence: &str, published: &str, expected: &str, words: &str) {
        assert_eq!(
            guess(sentence, published),
            Some((expected.to_owned(), words.to_owned())),
            "{sentence:?} published {published}"
        );
    }

    const INEWS24: &str = "2025-12-23";
    const NOCUT: &str = "2024-06-13";

    #[test]
    fn a_month_is_this_years_or_last_years() {
        resolves(
            "이 회장은 지난 10월 샘 올트먼 오픈AI 최고경영자(CEO)와 전방위 협력 의향서(LOI)를 교환했는데",
            INEWS24,
            "2025-10",
            "지난 10월",
        );
        resolves(
            "지난 2월 저커버그 CEO 방한 시 삼성 영빈관인 승지원에서 회동한 지 4개월 만이다.",
            NOCUT,
            "2024-02",
            "지난 2월",
        );
        resolves("지난 11월 서울에서 만났다.", NOCUT, "2023-11", "지난 11월");
        resolves(
            "올해 3월 AI 데이터센터에 투자하겠다고 발표",
            NOCUT,
            "2024-03",
            "올해 3월",
        );
    }

    #[test]
    fn a_month_and_day_is_a_day() {
        resolves(
            "이후 이 회장은 지난 10월 1일 서초사옥에서 올트먼 CEO와 다시 만나",
            INEWS24,
            "2025-10-01",
            "지난 10월 1일",
        );
        resolves(
            "지난 2월4일에는 올트먼 CEO, 손 회장과 함께 서울 서초구 삼성전자 서초사옥에서 3자 회동을 열고",
            INEWS24,
            "2025-02-04",
            "지난 2월4일",
        );
        resolves(
            "젠슨 황 엔비디아 최고경영자와 이재용 삼성전자 회장이 지난 10월 30일 서울 코엑스에서",
            INEWS24,
            "2025-10-30",
            "지난 10월 30일",
        );
        resolves("12월 30일 행사", INEWS24, "2024-12-30", "12월 30일");
    }

    #[test]
    fn a_day_alone_is_of_this_month_or_the_last() {
        resolves(
            "삼성SDS는 23일 오픈AI와 기업용 인공지능(AI) 서비스 ‘챗GPT 엔터프라이즈’ 리셀러 파트너 계약을 체결했다고 밝혔다.",
            INEWS24,
            "2025-12-23",
            "23일",
        );
        resolves(
            "지난 12일에는 시애틀 아마존 본사를 찾아 앤디 재시 CEO를 만났다.",
            NOCUT,
            "2024-06-12",
            "지난 12일",
        );
        resolves(
            "11일(현지시간) 이재용 삼성전자 회장이 미국 서부 팔로 알토에 위치한 마크 저커버그 메타 CEO 자택에서",
            NOCUT,
            "2024-06-11",
            "11일(현지시간)",
        );
        resolves("30일 서울에서 만났다.", NOCUT, "2024-05-30", "30일");
        resolves(
            "앞서 이 회장은 지난달 31일 삼성 호암상 시상식을 마친후 바로 미국 출장길에 올라",
            NOCUT,
            "2024-05-31",
            "지난달 31일",
        );
        resolves(
            "이 회장은 이날 오후 7시 35쯤 김포국제공항을 통해 귀국했다.",
            NOCUT,
            "2024-06-13",
            "이날",
        );
        resolves(
            "삼성전자는 이달 말 '글로벌 전략회의'를 열어",
            NOCUT,
            "2024-06",
            "이달",
        );
        resolves("오늘 귀국했다.", NOCUT, "2024-06-13", "오늘");
        resolves("어제 귀국했다.", NOCUT, "2024-06-12", "어제");
        resolves("어제 귀국했다.", "2024-03-01", "2024-02-29", "어제");
        assert_eq!(
            guess("31일 만났다.", "2024-07-15"),
            None,
            "June has no 31st"
        );
    }

    #[test]
    fn years_alone_and_counted_back() {
        resolves(
            "이 회장은 지난 2023년 일론 머스크 테슬라 CEO와 삼성전자 북미 반도체 연구소에서 만나",
            INEWS24,
            "2023",
            "지난 2023년",
        );
        resolves(
            "이 회장은 2011년 저커버그 CEO 자택에서 처음 만난 이후로 현재까지 8번의 미팅을 가질 정도로",
            NOCUT,
            "2011",
            "2011년",
        );
        resolves(
            "지난해 출장에서 미국 동부 바이오 클러스터와 서부 실리콘밸리 ICT 클러스터를 돌며",
            NOCUT,
            "2023",
            "지난해",
        );
        resolves(
            "2025년 10월 1일 체결했다.",
            INEWS24,
            "2025-10-01",
            "2025년 10월 1일",
        );
        resolves("올해 12월 출시한다.", NOCUT, "2024", "올해 12월");
        resolves("2025.10.30 서울에서", INEWS24, "2025-10-30", "2025.10.30");
        resolves("작년 5월 만났다.", NOCUT, "2023-05", "작년 5월");
        resolves("재작년 만났다.", NOCUT, "2022", "재작년");
    }

    #[test]
    fn counts_and_amounts_are_no_dates() {
        for sentence in [
            "이재용 삼성전자 회장이 2주간의 미국 출장을 마치고",
            "아마존은 향후 15년간 1천500억달러를 투자하겠다고",
            "회동한 지 4개월 만이다.",
            "현재까지 8번의 미팅을 가질 정도로",
            "매일 분 단위까지 나눠지는 일정 30여건을 소화했다.",
            "월 90만장 규모의 메모리 반도체 공급 방안을",
            "오후 7시 35쯤 김포국제공항을 통해 귀국했다.",
            "테슬라 측이 밝힌 계약 규모는 총 165억달러에 달한다.",
            "최선단 공정인 2나노에서 테슬라 제품을 생산하며",
            "엔비디아의 그래픽카드(GPU) '지포스' 출시 25주년 행사에",
            "2020년대 들어 3일간 열렸고 10일 만에 끝났다.",
            "최신 자율주행 반도체 ‘AI6’를 생산하겠다고",
        ] {
            assert_eq!(
                resolve_date(sentence, Some(date(NOCUT))),
                None,
                "{sentence:?}"
            );
        }
        assert_eq!(guess("국내 기업 가운데 첫 사례다.", INEWS24), None);
    }

    #[test]
    fn nothing_is_resolved_into_the_future_or_without_a_publication() {
        assert_eq!(guess("2026년 3월 출시한다.", INEWS24), None);
        assert_eq!(resolve_date("지난 10월 1일 만났다.", None), None);
        assert_eq!(resolve_date("이날 귀국했다.", None), None);
        assert_eq!(
            resolve_date("지난 2023년 만났다.", None).map(|g| g.date),
            Some(date("2023"))
        );
        // A publication known to the month only: a day alone cannot be placed past it.
        assert_eq!(
            resolve_date("12일 만났다.", Some(date("2024-06"))).map(|g| g.date),
            Some(date("2024-06-12"))
        );
        assert_eq!(resolve_date("이날 귀국했다.", Some(date("2024-06"))), None);
    }

    #[test]
    fn english_dates() {
        resolves(
            "Lee met Altman on Oct 30 in Seoul.",
            INEWS24,
            "2025-10-30",
            "Oct 30",
        );
        resolves(
            "They met on Oct. 30, 2025, in Seoul.",
            INEWS24,
            "2025-10-30",
            "Oct. 30, 2025",
        );
        resolves(
            "They met October 30.",
            "2025-10-01",
            "2024-10-30",
            "October 30",
        );
        resolves("Samsung won the deal in July.", INEWS24, "2025-07", "July");
        resolves("Lee met Musk in 2023.", INEWS24, "2023", "in 2023");
        resolves(
            "The talks began last month.",
            INEWS24,
            "2025-11",
            "last month",
        );
        resolves("Profits fell last year.", INEWS24, "2024", "last year");
        resolves("Profits rose this year.", INEWS24, "2025", "this year");
        resolves("Sales rose this month.", INEWS24, "2025-12", "this month");
        resolves("Lee flew in yesterday.", INEWS24, "2025-12-22", "yesterday");
        resolves("Lee flies out today.", INEWS24, "2025-12-23", "today");
        resolves("They have met since 2019.", INEWS24, "2019", "since 2019");
        resolves(
            "He landed in Gimpo on Thursday.",
            NOCUT,
            "2024-06-13",
            "Thursday",
        );
        resolves(
            "He met Andy Jassy on Wednesday.",
            NOCUT,
            "2024-06-12",
            "Wednesday",
        );
        resolves("He met Huang on Monday.", NOCUT, "2024-06-10", "Monday");
        resolves(
            "A deal signed 31 Oct. 2025 in Seoul.",
            INEWS24,
            "2025-10-31",
            "31 Oct. 2025",
        );
        resolves("They met in May.", NOCUT, "2024-05", "in May");
        assert_eq!(guess("Samsung may meet Tesla.", NOCUT), None);
        assert_eq!(
            guess("Samsung sold 2023 chips and 20250 wafers.", NOCUT),
            None
        );
        assert_eq!(guess("The 2020s were good.", NOCUT), None);
        assert_eq!(
            resolve_date("Lee met Musk in 2023.", None).map(|g| g.date),
            Some(date("2023"))
        );
        assert_eq!(resolve_date("They met in July.", None), None);
    }

    #[test]
    fn publication_dates_from_the_top_of_a_page() {
        for (text, expected) in [
            (
                "아이뉴스24\n입력 2025-10-30 20:39\n수정 2025-10-31 09:00\n본문",
                "2025-10-30",
            ),
            ("기사입력 2025.10.30 오후 8:39\n본문", "2025-10-30"),
            ("Published: 31 Oct. 2025\nBody", "2025-10-31"),
            ("Updated Oct 31, 2025\nBody", "2025-10-31"),
            ("수정 2025-10-31 09:00\n입력 2025-10-30 20:39", "2025-10-30"),
        ] {
            assert_eq!(published_in_text(text), Some(date(expected)), "{text:?}");
        }
        assert_eq!(
            published_in_text("컨텐츠 바로가기\n\n06.23 (일)\n\n이재용"),
            None
        );
        assert_eq!(published_in_text("입력하세요\n본문"), None);
        assert_eq!(precision_name(date("2025-10").precision()), "month");
    }
}
