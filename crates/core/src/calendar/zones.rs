//! Graph's `{dateTime, timeZone}` pairs as instants.
//!
//! Graph names zones three ways: "UTC" (what we ask for with `Prefer: outlook.timezone`), IANA
//! names, and Windows names ("W. Europe Standard Time") in events other clients wrote, which
//! some servers return despite the preference. Windows names go through CLDR's windowsZones
//! table (crate `localzone`, feature `win_zones`), never a hand-written list; IANA rules come
//! from `chrono-tz`. A wall time that a DST switch skips is moved forward by the gap (as Outlook
//! shows it); one that occurs twice takes the earlier instant.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Why a Graph date and time could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneProblem {
    /// The zone name is neither UTC, an IANA name nor a Windows name CLDR knows.
    #[error("unknown time zone {0:?}")]
    UnknownZone(String),
    /// The date and time is not `YYYY-MM-DDTHH:MM:SS[.fffffff]`.
    #[error("unreadable date and time {0:?}")]
    BadDateTime(String),
}

/// The zone Graph named, resolved.
pub fn zone(name: Option<&str>) -> Result<Tz, ZoneProblem> {
    let name = name.map(str::trim).unwrap_or("UTC");
    if name.is_empty() || name.eq_ignore_ascii_case("utc") {
        return Ok(Tz::UTC);
    }
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    localzone::win_zone_to_iana(name, None)
        .and_then(|iana| iana.parse::<Tz>().ok())
        .ok_or_else(|| ZoneProblem::UnknownZone(name.to_owned()))
}

/// Graph's wall time (7 fractional digits, no offset) as a naive date and time.
pub fn wall_time(text: &str) -> Result<NaiveDateTime, ZoneProblem> {
    let bad = || ZoneProblem::BadDateTime(text.to_owned());
    let head = text.get(..19).ok_or_else(bad)?;
    NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H:%M:%S").map_err(|_| bad())
}

/// The instant of `date_time` in the zone `zone_name`.
pub fn instant(date_time: &str, zone_name: Option<&str>) -> Result<DateTime<Utc>, ZoneProblem> {
    let tz = zone(zone_name)?;
    let wall = wall_time(date_time)?;
    Ok(resolve(tz, wall))
}

/// The date of an all-day bound: its wall date, whatever zone is named (all-day events are
/// midnight to midnight in the zone Graph answers in, so the date never shifts).
pub fn all_day_date(date_time: &str) -> Result<NaiveDate, ZoneProblem> {
    wall_time(date_time).map(|w| w.date())
}

/// A wall time in `tz` as an instant (see the module doc for DST gaps and repeats).
pub fn resolve(tz: Tz, wall: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // NOTE: inside a spring-forward gap; the hour after it exists (gaps are ≤ 1 h in
            // every zone chrono-tz knows but Lord Howe's 30 min, which this also covers).
            let later = wall + chrono::Duration::hours(1);
            match tz.from_local_datetime(&later) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
                LocalResult::None => Utc.from_utc_datetime(&wall),
            }
        }
    }
}

/// Midnight at the start of `date` in `tz`, as an instant.
pub fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve(tz, date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, zone: &str) -> String {
        instant(text, Some(zone))
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn windows_iana_and_utc_names_give_the_same_instant() {
        for zone in ["Europe/Berlin", "W. Europe Standard Time"] {
            assert_eq!(at("2026-12-07T09:00:00.0000000", zone), "2026-12-07 08:00");
            assert_eq!(at("2026-07-07T09:00:00.0000000", zone), "2026-07-07 07:00");
        }
        assert_eq!(at("2026-12-07T09:00:00.0000000", "UTC"), "2026-12-07 09:00");
        assert_eq!(
            at("2026-12-07T09:00:00.0000000", "Pacific Standard Time"),
            "2026-12-07 17:00"
        );
        assert_eq!(
            at("2026-12-07T09:00:00.0000000", "New Zealand Standard Time"),
            "2026-12-06 20:00"
        );
    }

    #[test]
    fn both_berlin_dst_switches_are_exact() {
        // spring forward 2026-03-29 02:00 → 03:00: 01:30 is CET, 03:30 CEST, 02:30 does not exist
        assert_eq!(
            at("2026-03-29T01:30:00", "Europe/Berlin"),
            "2026-03-29 00:30"
        );
        assert_eq!(
            at("2026-03-29T03:30:00", "Europe/Berlin"),
            "2026-03-29 01:30"
        );
        assert_eq!(
            at("2026-03-29T02:30:00", "Europe/Berlin"),
            "2026-03-29 01:30"
        );
        // fall back 2026-10-25 03:00 → 02:00: 02:30 happens twice, the earlier (CEST) counts
        assert_eq!(
            at("2026-10-25T02:30:00", "Europe/Berlin"),
            "2026-10-25 00:30"
        );
        assert_eq!(
            at("2026-10-25T03:30:00", "Europe/Berlin"),
            "2026-10-25 02:30"
        );
    }

    #[test]
    fn los_angeles_and_auckland_switch_on_their_own_dates() {
        // Los Angeles: 2026-03-08 and 2026-11-01; Auckland: 2026-04-05 back, 2026-09-27 forward
        assert_eq!(
            at("2026-03-07T09:00:00", "America/Los_Angeles"),
            "2026-03-07 17:00"
        );
        assert_eq!(
            at("2026-03-09T09:00:00", "America/Los_Angeles"),
            "2026-03-09 16:00"
        );
        assert_eq!(
            at("2026-04-04T09:00:00", "Pacific/Auckland"),
            "2026-04-03 20:00"
        );
        assert_eq!(
            at("2026-04-06T09:00:00", "Pacific/Auckland"),
            "2026-04-05 21:00"
        );
        assert_eq!(
            at("2026-09-28T09:00:00", "Pacific/Auckland"),
            "2026-09-27 20:00"
        );
    }

    #[test]
    fn an_unknown_zone_or_a_broken_time_is_named() {
        assert_eq!(
            instant("2026-12-07T09:00:00", Some("tzone://Microsoft/Custom")),
            Err(ZoneProblem::UnknownZone("tzone://Microsoft/Custom".into()))
        );
        assert!(matches!(
            instant("7.12.2026 09:00", Some("UTC")),
            Err(ZoneProblem::BadDateTime(_))
        ));
    }
}
