//! Time-zone names as Outlook reads and writes them, and the `dateTimeTimeZone` values of events
//! (https://learn.microsoft.com/graph/api/resources/datetimetimezone, GRAPH_FACTS §3.1, §3.3).
//!
//! A zone is named `UTC`, by an IANA name (`Europe/Berlin`) or by a Windows name
//! (`W. Europe Standard Time`). Windows names are mapped to IANA through CLDR's `windowsZones`
//! table (crate `localzone`, territory `001`, the zone CLDR names for the whole Windows zone),
//! IANA rules come from `chrono-tz`. The name is kept exactly as given: Graph answers with the
//! name the client asked for (`Prefer: outlook.timezone`) or the event was created with
//! (`originalStartTimeZone`). Any other name is 400 `TimeZoneNotSupportedException`, as Graph
//! answers for a bad `Prefer` value and for a bad zone in an event.
//!
//! `dateTime` is the local wall time with seven fractional digits and no offset
//! (`2026-03-29T09:00:00.0000000`). A local time that does not exist (the hour skipped when
//! clocks go forward) moves forward by the gap, as Windows does; one that exists twice (the hour
//! repeated when clocks go back) is the first of the two.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::errors::GraphError;

/// A zone as named by a client, with the rules it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// The name as given (`UTC`, IANA or Windows).
    pub name: String,
    /// Its rules.
    pub tz: Tz,
}

impl Zone {
    /// UTC, the zone Graph answers in when the client names none.
    pub fn utc() -> Self {
        Self {
            name: "UTC".into(),
            tz: Tz::UTC,
        }
    }

    /// The zone `name` stands for, or `None` when Outlook knows no such name.
    pub fn parse(name: &str) -> Option<Self> {
        let tz = if name == "UTC" {
            Tz::UTC
        } else if let Ok(tz) = name.parse::<Tz>() {
            tz
        } else {
            localzone::win_zone_to_iana(name, Some("001"))?
                .parse::<Tz>()
                .ok()?
        };
        Some(Self {
            name: name.to_string(),
            tz,
        })
    }

    /// The zone `name` stands for, or Graph's 400 for a name it does not support.
    pub fn resolve(name: &str) -> Result<Self, GraphError> {
        Self::parse(name).ok_or_else(|| unsupported(name))
    }

    /// The instant of local wall time `local` in this zone (gaps move forward, folds take the
    /// first).
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => {
                // NOTE: read the wall time with the offset in force before the gap, so 02:30 on
                // a spring-forward night becomes 03:30 (no tz gap is longer than three hours).
                let before = self
                    .tz
                    .from_local_datetime(&(local - Duration::hours(3)))
                    .earliest()
                    .map(|t| t.offset().fix().local_minus_utc())
                    .unwrap_or(0);
                Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before))))
            }
        }
    }

    /// The local wall time of `t` in this zone.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.tz).naive_local()
    }
}

/// 400 `TimeZoneNotSupportedException` for `name`.
pub fn unsupported(name: &str) -> GraphError {
    GraphError::new(
        StatusCode::BAD_REQUEST,
        "TimeZoneNotSupportedException",
        format!(
            "A valid TimeZone value must be specified. The following TimeZone value is not supported: '{name}'."
        ),
    )
}

/// A local time as Graph writes `dateTimeTimeZone.dateTime`: seven fractional digits, no offset.
pub fn graph_local(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S.0000000").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid date")
    }

    #[test]
    fn windows_iana_and_utc_names_resolve_and_keep_their_spelling() {
        let berlin = Zone::parse("W. Europe Standard Time").expect("windows name");
        assert_eq!(berlin.tz, chrono_tz::Europe::Berlin);
        assert_eq!(berlin.name, "W. Europe Standard Time");
        assert_eq!(
            Zone::parse("Pacific Standard Time").map(|z| z.tz),
            Some(chrono_tz::America::Los_Angeles)
        );
        assert_eq!(
            Zone::parse("New Zealand Standard Time").map(|z| z.tz),
            Some(chrono_tz::Pacific::Auckland)
        );
        assert_eq!(Zone::parse("UTC").map(|z| z.tz), Some(Tz::UTC));
        assert!(Zone::parse("Europe/Berlin").is_some());
        assert!(Zone::parse("Mars/Olympus_Mons").is_none());
        assert!(Zone::parse("Greenwich Mean Time").is_none());
    }

    #[test]
    fn a_skipped_hour_moves_forward_and_a_repeated_hour_takes_the_first() {
        let berlin = Zone::parse("Europe/Berlin").expect("zone");
        assert_eq!(
            berlin.instant(local(2026, 3, 29, 2, 30)),
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap()
        );
        assert_eq!(
            berlin.instant(local(2026, 10, 25, 2, 30)),
            Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap()
        );
        assert_eq!(
            graph_local(local(2026, 3, 29, 9, 0)),
            "2026-03-29T09:00:00.0000000"
        );
    }
}
