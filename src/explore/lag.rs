//! The time between two dates of different precision, as a range of days and as words
//! that claim no more precision than the dates have.

use std::fmt;

use crate::network::date::{DatePrecision, PartialDate};

/// How long after an earlier date a later one came.
///
/// `min_days` and `max_days` bound the gap in days: from the last day the earlier date may
/// be to the first day the later one may be, and from the first to the last. They are equal
/// only when both dates are days. Written out ([`fmt::Display`]) the lag counts in the
/// coarser of the two precisions: "83 days" between two days, "about 10 months" when one
/// is a month, "about 2 years" when one is a year, and "same month" or "same year" when
/// the dates share the period and their order is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lag {
    /// The shortest the gap may be, in days (zero or less when the order is unknown).
    pub min_days: i64,
    /// The longest the gap may be, in days.
    pub max_days: i64,
    earlier: PartialDate,
    later: PartialDate,
}

impl Lag {
    /// The lag from `earlier` to `later`.
    pub fn between(earlier: PartialDate, later: PartialDate) -> Self {
        Self {
            min_days: later.first_day() - earlier.last_day(),
            max_days: later.last_day() - earlier.first_day(),
            earlier,
            later,
        }
    }

    /// The earlier date, as given.
    pub fn earlier(&self) -> PartialDate {
        self.earlier
    }

    /// The later date, as given.
    pub fn later(&self) -> PartialDate {
        self.later
    }

    /// Whether the lag is known to the day.
    pub fn is_exact(&self) -> bool {
        self.min_days == self.max_days
    }

    /// The coarser precision of the two dates: the unit the lag is counted in.
    pub fn precision(&self) -> DatePrecision {
        self.earlier.precision().min(self.later.precision())
    }

    /// The difference of the two dates counted in whole units of [`Self::precision`]:
    /// days, calendar months or calendar years.
    pub fn calendar_units(&self) -> i64 {
        match self.precision() {
            DatePrecision::Day => self.later.first_day() - self.earlier.first_day(),
            DatePrecision::Month => month_count(&self.later) - month_count(&self.earlier),
            DatePrecision::Year => {
                i64::from(self.later.year_number()) - i64::from(self.earlier.year_number())
            }
        }
    }
}

/// Months since year 0 to the date's month (a month-or-day date has one).
fn month_count(date: &PartialDate) -> i64 {
    i64::from(date.year_number()) * 12 + i64::from(date.month_number().unwrap_or(1)) - 1
}

/// "1 day", "2 days".
fn count(number: i64, unit: &str) -> String {
    if number == 1 {
        format!("1 {unit}")
    } else {
        format!("{number} {unit}s")
    }
}

/// A positive number of units of a precision in words.
fn describe_units(units: i64, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => count(units, "day"),
        DatePrecision::Month if units < 12 => format!("about {}", count(units, "month")),
        DatePrecision::Month if units % 12 == 0 => format!("about {}", count(units / 12, "year")),
        DatePrecision::Month => format!(
            "about {} {}",
            count(units / 12, "year"),
            count(units % 12, "month")
        ),
        DatePrecision::Year => format!("about {}", count(units, "year")),
    }
}

impl fmt::Display for Lag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = self.precision();
        let units = self.calendar_units();
        match units.signum() {
            0 => f.write_str(match precision {
                DatePrecision::Day => "same day",
                DatePrecision::Month => "same month",
                DatePrecision::Year => "same year",
            }),
            1 => f.write_str(&describe_units(units, precision)),
            _ => write!(f, "{} before", describe_units(-units, precision)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::test_support::date;

    fn lag_between(earlier: &str, later: &str) -> Lag {
        Lag::between(date(earlier), date(later))
    }

    #[test]
    fn days_apart_are_exact() {
        let lag = lag_between("2025-10-01", "2025-12-23");
        assert_eq!((lag.min_days, lag.max_days), (83, 83));
        assert!(lag.is_exact());
        assert_eq!(lag.to_string(), "83 days");
        assert_eq!(
            lag_between("2024-02-28", "2024-03-01").to_string(),
            "2 days"
        );
        assert_eq!(lag_between("2025-02-28", "2025-03-01").to_string(), "1 day");
        assert_eq!(
            lag_between("2025-03-01", "2025-03-01").to_string(),
            "same day"
        );
    }

    #[test]
    fn months_give_a_range_and_count_in_months() {
        let lag = lag_between("2025-03", "2025-04");
        assert_eq!((lag.min_days, lag.max_days), (1, 60));
        assert!(!lag.is_exact());
        assert_eq!(lag.precision(), DatePrecision::Month);
        assert_eq!(lag.to_string(), "about 1 month");
        let day_to_month = lag_between("2025-02-04", "2025-12");
        assert_eq!((day_to_month.min_days, day_to_month.max_days), (300, 330));
        assert_eq!(day_to_month.to_string(), "about 10 months");
        assert_eq!(
            lag_between("2024-02", "2025-02").to_string(),
            "about 1 year"
        );
        assert_eq!(
            lag_between("2023-11-05", "2025-02").to_string(),
            "about 1 year 3 months"
        );
    }

    #[test]
    fn years_count_in_years() {
        let lag = lag_between("2023", "2025-07");
        assert_eq!((lag.min_days, lag.max_days), (548, 942));
        assert_eq!(lag.calendar_units(), 2);
        assert_eq!(lag.to_string(), "about 2 years");
        assert_eq!(
            lag_between("2024-12-31", "2025").to_string(),
            "about 1 year"
        );
    }

    #[test]
    fn a_shared_period_leaves_the_order_unknown() {
        let month = lag_between("2025-03", "2025-03-20");
        assert_eq!((month.min_days, month.max_days), (-11, 19));
        assert_eq!(month.to_string(), "same month");
        let year = lag_between("2025", "2025-07");
        assert!(year.min_days < 0 && year.max_days > 0);
        assert_eq!(year.to_string(), "same year");
    }

    #[test]
    fn reversed_dates_say_before() {
        assert_eq!(
            lag_between("2025-12-23", "2025-10-01").to_string(),
            "83 days before"
        );
        assert_eq!(
            lag_between("2025-07", "2023").to_string(),
            "about 2 years before"
        );
    }
}
