//! Recurrence of a series (https://learn.microsoft.com/graph/api/resources/patternedrecurrence):
//! which local dates a series has occurrences on, and its Graph JSON.
//!
//! Patterns `daily`, `weekly` (`daysOfWeek`, weeks counted from the week of the start date,
//! starting on `firstDayOfWeek`) and `absoluteMonthly` (`dayOfMonth`; a month without that day
//! takes its last day, as Outlook does), each every `interval` days, weeks or months; ranges
//! `endDate` (inclusive), `numbered` (counted from the start date) and `noEnd`. Dates are local
//! dates of the series' zone: a series at 09:00 stays at 09:00 local time across DST switches.
//! Graph writes unused range fields as `endDate: "0001-01-01"` and `numberOfOccurrences: 0`.
//! The relative and yearly patterns are not modelled (the control API refuses them).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde_json::{Value, json};

/// How often a series repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternKind {
    /// Every `interval` days.
    Daily,
    /// On `days_of_week` every `interval` weeks.
    Weekly,
    /// On `day_of_month` every `interval` months.
    AbsoluteMonthly,
}

/// The pattern of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Kind.
    pub kind: PatternKind,
    /// Days, weeks or months between occurrences (≥ 1).
    pub interval: u32,
    /// Weekdays of a weekly pattern.
    pub days_of_week: Vec<Weekday>,
    /// First day of the week (weekly patterns count weeks from it).
    pub first_day_of_week: Weekday,
    /// Day of an absoluteMonthly pattern (1–31).
    pub day_of_month: u32,
}

/// Where a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// On this date (inclusive).
    EndDate(NaiveDate),
    /// After this many occurrences.
    Numbered(u32),
    /// Never.
    NoEnd,
}

/// A series' recurrence: pattern, first date, end, zone name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The pattern.
    pub pattern: Pattern,
    /// First date of the range (the series' start date).
    pub start_date: NaiveDate,
    /// Where the series ends.
    pub end: RangeEnd,
    /// `recurrenceTimeZone`: the series' zone name.
    pub time_zone: String,
}

/// Graph's lower-case weekday names.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// The weekday of a Graph weekday name.
pub fn parse_weekday(name: &str) -> Option<Weekday> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|d| weekday_name(*d) == name)
}

/// Expansion stops this many years after the start, whatever the range says.
const HORIZON_YEARS: u32 = 100;

impl Recurrence {
    /// The occurrence dates up to and including `until`, in order.
    pub fn dates(&self, until: NaiveDate) -> Vec<NaiveDate> {
        let horizon = self
            .start_date
            .checked_add_months(Months::new(12 * HORIZON_YEARS))
            .unwrap_or(NaiveDate::MAX);
        let last = match self.end {
            RangeEnd::EndDate(end) => end.min(until),
            _ => until,
        }
        .min(horizon);
        let limit = match self.end {
            RangeEnd::Numbered(n) => n as usize,
            _ => usize::MAX,
        };
        let mut out = Vec::new();
        let mut step = 0u32;
        // NOTE: a weekly pattern without weekdays yields nothing; the step cap ends it too.
        while out.len() < limit && step < 366 * HORIZON_YEARS {
            let Some(batch) = self.step_dates(step) else {
                break;
            };
            if batch.first().is_some_and(|d| *d > last) {
                break;
            }
            for date in batch {
                if date >= self.start_date && date <= last && out.len() < limit {
                    out.push(date);
                }
            }
            step += 1;
        }
        out
    }

    /// Whether the series has an occurrence originally on `date`.
    pub fn occurs_on(&self, date: NaiveDate) -> bool {
        self.dates(date).last() == Some(&date)
    }

    /// The candidate dates of the `step`-th period (day, week or month) of the pattern.
    fn step_dates(&self, step: u32) -> Option<Vec<NaiveDate>> {
        let interval = self.pattern.interval.max(1);
        let n = step.checked_mul(interval)?;
        match self.pattern.kind {
            PatternKind::Daily => Some(vec![
                self.start_date
                    .checked_add_signed(Duration::days(i64::from(n)))?,
            ]),
            PatternKind::Weekly => {
                let back = (7 + self.start_date.weekday().num_days_from_monday()
                    - self.pattern.first_day_of_week.num_days_from_monday())
                    % 7;
                let week = self.start_date - Duration::days(i64::from(back))
                    + Duration::weeks(i64::from(n));
                Some(
                    (0..7)
                        .map(|d| week + Duration::days(d))
                        .filter(|d| self.pattern.days_of_week.contains(&d.weekday()))
                        .collect(),
                )
            }
            PatternKind::AbsoluteMonthly => {
                let first = self
                    .start_date
                    .with_day(1)?
                    .checked_add_months(Months::new(n))?;
                let next = first.checked_add_months(Months::new(1))?;
                let days_in_month = u32::try_from((next - first).num_days()).ok()?;
                first
                    .with_day(self.pattern.day_of_month.clamp(1, days_in_month))
                    .map(|d| vec![d])
            }
        }
    }

    /// Graph's `patternedRecurrence` JSON.
    pub fn to_json(&self) -> Value {
        let kind = match self.pattern.kind {
            PatternKind::Daily => "daily",
            PatternKind::Weekly => "weekly",
            PatternKind::AbsoluteMonthly => "absoluteMonthly",
        };
        let weekly = self.pattern.kind == PatternKind::Weekly;
        let days: Vec<&str> = if weekly {
            self.pattern
                .days_of_week
                .iter()
                .map(|d| weekday_name(*d))
                .collect()
        } else {
            Vec::new()
        };
        // NOTE: Graph writes the range fields a type does not use as 0001-01-01 and 0.
        let (range_type, end_date, count) = match self.end {
            RangeEnd::EndDate(end) => ("endDate", end.format("%Y-%m-%d").to_string(), 0),
            RangeEnd::Numbered(n) => ("numbered", "0001-01-01".to_string(), n),
            RangeEnd::NoEnd => ("noEnd", "0001-01-01".to_string(), 0),
        };
        json!({
            "pattern": {
                "type": kind,
                "interval": self.pattern.interval,
                "month": 0,
                "dayOfMonth": if self.pattern.kind == PatternKind::AbsoluteMonthly { self.pattern.day_of_month } else { 0 },
                "daysOfWeek": days,
                "firstDayOfWeek": weekday_name(self.pattern.first_day_of_week),
                "index": "first",
            },
            "range": {
                "type": range_type,
                "startDate": self.start_date.format("%Y-%m-%d").to_string(),
                "endDate": end_date,
                "recurrenceTimeZone": self.time_zone,
                "numberOfOccurrences": count,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn series(kind: PatternKind, days: &[Weekday], end: RangeEnd) -> Recurrence {
        Recurrence {
            pattern: Pattern {
                kind,
                interval: 1,
                days_of_week: days.to_vec(),
                first_day_of_week: Weekday::Sun,
                day_of_month: 31,
            },
            start_date: date("2026-01-31"),
            end,
            time_zone: "Europe/Berlin".into(),
        }
    }

    #[test]
    fn weekly_numbered_counts_from_the_start_and_skips_days_before_it() {
        // 2026-01-31 is a Saturday: Monday and Saturday in its week give only the Saturday.
        let r = series(
            PatternKind::Weekly,
            &[Weekday::Mon, Weekday::Sat],
            RangeEnd::Numbered(4),
        );
        let got: Vec<String> = r
            .dates(date("2027-01-01"))
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            got,
            ["2026-01-31", "2026-02-02", "2026-02-07", "2026-02-09"]
        );
    }

    #[test]
    fn monthly_on_the_31st_takes_the_last_day_of_short_months() {
        let r = series(
            PatternKind::AbsoluteMonthly,
            &[],
            RangeEnd::EndDate(date("2026-04-30")),
        );
        let got: Vec<String> = r
            .dates(date("2027-01-01"))
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            got,
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
        );
    }

    #[test]
    fn a_series_without_end_stops_at_the_asked_date() {
        let r = series(PatternKind::Daily, &[], RangeEnd::NoEnd);
        assert_eq!(r.dates(date("2026-02-02")).len(), 3);
        assert!(r.occurs_on(date("2026-02-01")));
        assert!(!r.occurs_on(date("2026-01-30")));
    }
}
