//! Which dates the calendar job reads: from the start date the person chose to a year after
//! today, split into windows Graph accepts (a `calendarView` spans at most five years).
//!
//! A window is frozen into its delta tokens, so each window is its own cursor scope, named by
//! its dates: when today moves on, the scope changes and a new round begins (the old scope's
//! round is read to its end first, so nothing that happened in between is missed). The window
//! opens a day before the start date in UTC, so an event at 00:30 on the start date in any zone
//! is inside; the planner then keeps only events whose first day, in the person's zone, is on
//! or after the start date.

use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};

use crate::graph::events::Window;

/// Graph's limit on one `calendarView` window, kept a little under five years.
const MAX_WINDOW_DAYS: i64 = 5 * 365;

/// How far ahead the job reads.
const AHEAD_MONTHS: u32 = 12;

/// One window with its cursor scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncWindow {
    /// Graph's window.
    pub window: Window,
    /// The cursor scope: `calendar:<first day>..<last day>`.
    pub scope: String,
}

/// The windows from `start_date` to a year after `today` (the first window starts a day early).
pub fn windows(start_date: NaiveDate, today: NaiveDate) -> Vec<SyncWindow> {
    let from = start_date.pred_opt().unwrap_or(start_date);
    let until = today
        .checked_add_months(Months::new(AHEAD_MONTHS))
        .unwrap_or(today)
        .succ_opt()
        .unwrap_or(today);
    let mut out = Vec::new();
    let mut begin = from;
    while begin < until {
        let end = (begin + Duration::days(MAX_WINDOW_DAYS)).min(until);
        out.push(SyncWindow {
            window: Window {
                start: midnight(begin),
                end: midnight(end),
            },
            scope: format!("calendar:{begin}..{end}"),
        });
        begin = end;
    }
    out
}

/// The window a saved scope names (`calendar:<first day>..<last day>`).
pub fn from_scope(scope: &str) -> Option<SyncWindow> {
    let (begin, end) = scope.strip_prefix("calendar:")?.split_once("..")?;
    let (begin, end): (NaiveDate, NaiveDate) = (begin.parse().ok()?, end.parse().ok()?);
    Some(SyncWindow {
        window: Window {
            start: midnight(begin),
            end: midnight(end),
        },
        scope: scope.to_owned(),
    })
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn the_window_opens_a_day_early_and_reaches_a_year_ahead() {
        let w = windows(day("2026-12-01"), day("2026-12-04"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].window.start.to_rfc3339(), "2026-11-30T00:00:00+00:00");
        assert_eq!(w[0].window.end.date_naive(), day("2027-12-05"));
        assert_eq!(w[0].scope, "calendar:2026-11-30..2027-12-05");
    }

    #[test]
    fn a_start_date_long_ago_is_split_under_five_years() {
        let w = windows(day("2015-01-01"), day("2026-12-04"));
        assert_eq!(w.len(), 3);
        for pair in w.windows(2) {
            assert_eq!(pair[0].window.end, pair[1].window.start);
        }
        for one in &w {
            assert!(one.window.end - one.window.start <= Duration::days(MAX_WINDOW_DAYS));
        }
        assert_eq!(w[2].window.end.date_naive(), day("2027-12-05"));
    }

    #[test]
    fn a_new_day_is_a_new_scope() {
        let a = windows(day("2026-12-01"), day("2026-12-04"));
        let b = windows(day("2026-12-01"), day("2026-12-05"));
        assert_ne!(a[0].scope, b[0].scope);
        assert_eq!(from_scope(&a[0].scope), Some(a[0].clone()));
    }
}
