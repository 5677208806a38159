//! Dates with an honest precision: a year, a year and month, or a day.
//!
//! Articles often say "in March" or "in 2023". A [`PartialDate`] keeps exactly that
//! much and never invents the rest; it orders and compares as the span of time it covers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// A calendar date known to the year, the month or the day (`"2023"`, `"2025-03"`, `"2025-10-01"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{0:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Malformed(String),
    #[error("{text:?} is impossible: {reason}")]
    Impossible { text: String, reason: String },
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month; `None` if the month is not 1–12.
    pub fn year_month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A date known to the day; `None` if no such day exists.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            Self {
                year,
                month: Some(month),
                day: Some(day),
            },
        )
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (None, _) => DatePrecision::Year,
            (Some(_), None) => DatePrecision::Month,
            (Some(_), Some(_)) => DatePrecision::Day,
        }
    }

    pub fn year_number(&self) -> i32 {
        self.year
    }

    pub fn month_number(&self) -> Option<u8> {
        self.month
    }

    pub fn day_number(&self) -> Option<u8> {
        self.day
    }

    /// The first day this date covers, as a day number (days since 0000-03-01), for
    /// timelines. `"2025-03"` starts on 2025-03-01.
    pub fn first_day(&self) -> i64 {
        day_number(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date covers: `"2025-03"` ends on 2025-03-31, `"2023"` on 2023-12-31.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        day_number(self.year, month, day)
    }
}

impl Ord for PartialDate {
    /// Orders by the first day covered, then the less precise date first
    /// (`2025` < `2025-01` < `2025-01-01`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month.unwrap_or(0),
            other.day.unwrap_or(0),
        ))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month (1–12) of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A monotonic day count, after Howard Hinnant's `days_from_civil`.
fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || DateError::Malformed(text.to_owned());
        let parts: Vec<&str> = text.split('-').collect();
        let expected_lengths: &[usize] = &[4, 2, 2][..parts.len().min(3)];
        if parts.len() > 3
            || parts
                .iter()
                .zip(expected_lengths)
                .any(|(part, &len)| part.len() != len || !part.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(malformed());
        }
        let number = |i: usize| parts[i].parse::<u16>().map_err(|_| malformed());
        let year = i32::from(number(0)?);
        let impossible = |reason: String| DateError::Impossible {
            text: text.to_owned(),
            reason,
        };
        if parts.len() == 1 {
            return Ok(Self::year(year));
        }
        let month = number(1)? as u8;
        if !(1..=12).contains(&month) {
            return Err(impossible(format!("there is no month {month}")));
        }
        if parts.len() == 2 {
            return Self::year_month(year, month).ok_or_else(malformed);
        }
        let day = number(2)? as u8;
        Self::ymd(year, month, day).ok_or_else(|| {
            impossible(format!(
                "{year}-{month:02} has {} days",
                days_in_month(year, month)
            ))
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let year: PartialDate = "2023".parse().expect("year");
        assert_eq!(year.precision(), DatePrecision::Year);
        let month: PartialDate = "2025-03".parse().expect("month");
        assert_eq!(month.precision(), DatePrecision::Month);
        assert_eq!(month.month_number(), Some(3));
        let day: PartialDate = "2024-02-29".parse().expect("leap day");
        assert_eq!(day.precision(), DatePrecision::Day);
        assert_eq!(day.to_string(), "2024-02-29");
    }

    #[test]
    fn refuses_malformed_and_impossible_dates() {
        for text in [
            "",
            "25",
            "2025-3",
            "2025/03/01",
            "2025-03-01-01",
            "２０２５",
            "abcd",
        ] {
            assert!(
                matches!(text.parse::<PartialDate>(), Err(DateError::Malformed(_))),
                "{text:?} should be malformed"
            );
        }
        for text in [
            "2025-13",
            "2025-00",
            "2025-02-29",
            "2025-04-31",
            "2025-01-00",
        ] {
            assert!(
                matches!(
                    text.parse::<PartialDate>(),
                    Err(DateError::Impossible { .. })
                ),
                "{text:?} should be impossible"
            );
        }
    }

    #[test]
    fn spans_cover_the_whole_period() {
        let march: PartialDate = "2025-03".parse().expect("month");
        let first: PartialDate = "2025-03-01".parse().expect("day");
        let last: PartialDate = "2025-03-31".parse().expect("day");
        assert_eq!(march.first_day(), first.first_day());
        assert_eq!(march.last_day(), last.first_day());
        let year: PartialDate = "2024".parse().expect("year");
        assert_eq!(
            year.last_day() - year.first_day(),
            365,
            "2024 is a leap year"
        );
        assert_eq!(first.first_day() - march.first_day(), 0);
        assert_eq!(last.first_day() - first.first_day(), 30);
    }

    #[test]
    fn orders_less_precise_first() {
        let mut dates: Vec<PartialDate> = ["2025-03-02", "2025", "2025-03", "2024-12-31"]
            .iter()
            .map(|t| t.parse().expect("date"))
            .collect();
        dates.sort();
        let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["2024-12-31", "2025", "2025-03", "2025-03-02"]);
    }
}
