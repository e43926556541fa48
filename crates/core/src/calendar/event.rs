//! An Outlook event as the calendar job understands it: Graph's event read into exact times,
//! parsed addresses and the few values Odoo has a field for. Reading never fails on one odd
//! field: what cannot be used is named ([`EventProblem`]) and the planner skips that event
//! with a line in the run log.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::zones::{self, ZoneProblem};
use crate::graph::events::{Event, Person};
use crate::mail::address::Address;

/// When an event takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum When {
    /// From `start` to `stop` (instants).
    Timed {
        /// Start (UTC).
        start: DateTime<Utc>,
        /// End (UTC).
        stop: DateTime<Utc>,
    },
    /// Whole days from `first` to `last`, both included (Odoo's stop date is inclusive;
    /// Graph's all-day end is the exclusive midnight after the last day).
    AllDay {
        /// First day.
        first: NaiveDate,
        /// Last day (inclusive).
        last: NaiveDate,
    },
}

/// Free or busy, as Odoo's `show_as` knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowAs {
    /// `free` in Outlook.
    Free,
    /// Everything else (busy, tentative, out of office, working elsewhere).
    Busy,
}

/// Who may see the event, as Odoo's `privacy` knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Privacy {
    /// Outlook's `normal`.
    Public,
    /// Outlook's `private` and `personal`.
    Private,
    /// Outlook's `confidential`.
    Confidential,
}

/// An attendee: the address when it is a usable SMTP address, else what Outlook showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Display name, if any.
    pub name: Option<String>,
    /// The SMTP address; none for an Exchange legacy address or a missing one.
    pub address: Option<Address>,
    /// The address as Outlook gave it (for the description when it is not usable).
    pub raw: Option<String>,
}

impl Attendee {
    /// How the person reads this attendee: "Name <address>" or whichever part exists.
    pub fn label(&self) -> String {
        let address = self
            .address
            .as_ref()
            .map(|a| a.as_str().to_owned())
            .or_else(|| self.raw.clone().filter(|r| !r.trim().is_empty()));
        match (
            self.name.as_deref().filter(|n| !n.trim().is_empty()),
            address,
        ) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (Some(name), None) => name.to_owned(),
            (None, Some(address)) => address,
            (None, None) => "?".to_owned(),
        }
    }
}

/// An event of the person's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlookEvent {
    /// This mailbox's id.
    pub id: String,
    /// The meeting's identity across mailboxes (per occurrence).
    pub ical_uid: String,
    /// Moves on every change in Outlook.
    pub change_key: String,
    /// Subject; empty when it has none.
    pub subject: String,
    /// The body as HTML (sanitised later, with the description).
    pub body_html: String,
    /// Location shown in Outlook.
    pub location: Option<String>,
    /// When.
    pub when: When,
    /// Attendees (the organizer is not repeated here).
    pub attendees: Vec<Attendee>,
    /// The organizer.
    pub organizer: Option<Attendee>,
    /// Free or busy.
    pub show_as: ShowAs,
    /// Who may see it.
    pub privacy: Privacy,
    /// The online meeting's join link.
    pub join_url: Option<String>,
    /// Cancelled by its organizer.
    pub cancelled: bool,
}

/// Why an event cannot be imported as Outlook sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum EventProblem {
    /// Start or end is missing.
    #[error("the event has no start or no end")]
    NoTime,
    /// Start or end cannot be read (unknown time zone, odd format).
    #[error("{0}")]
    Time(String),
    /// It ends before it starts.
    #[error("the event ends before it starts")]
    EndsBeforeStart,
}

impl From<ZoneProblem> for EventProblem {
    fn from(p: ZoneProblem) -> Self {
        EventProblem::Time(p.to_string())
    }
}

impl OutlookEvent {
    /// Reads Graph's event.
    pub fn read(event: &Event) -> Result<OutlookEvent, EventProblem> {
        let when = when_of(event)?;
        let organizer = event.organizer.as_ref().map(attendee_of);
        let organizer_address = organizer.as_ref().and_then(|o| o.address.clone());
        let attendees = event
            .attendees
            .iter()
            .map(attendee_of)
            .filter(|a| a.address.is_none() || a.address != organizer_address)
            .collect();
        let join_url = event
            .online_meeting
            .as_ref()
            .and_then(|m| m.join_url.clone())
            .or_else(|| event.online_meeting_url.clone())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        Ok(OutlookEvent {
            id: event.id.clone(),
            // NOTE: Graph documents iCalUId on every event; without one the mailbox id is the
            // only identity we have (such an event cannot be shared with colleagues).
            ical_uid: event.ical_uid.clone().unwrap_or_else(|| event.id.clone()),
            change_key: event.change_key.clone().unwrap_or_default(),
            subject: event.subject.clone().unwrap_or_default().trim().to_owned(),
            body_html: body_html(event),
            location: event
                .location
                .as_ref()
                .and_then(|l| l.display_name.clone())
                .filter(|l| !l.trim().is_empty()),
            when,
            attendees,
            organizer,
            show_as: match event.show_as.as_deref() {
                Some("free") => ShowAs::Free,
                _ => ShowAs::Busy,
            },
            privacy: match event.sensitivity.as_deref() {
                Some("private" | "personal") => Privacy::Private,
                Some("confidential") => Privacy::Confidential,
                _ => Privacy::Public,
            },
            join_url,
            cancelled: event.is_cancelled,
        })
    }

    /// The first day of the event in `tz` (the start date the person chose is compared to it).
    pub fn first_day(&self, tz: chrono_tz::Tz) -> NaiveDate {
        match self.when {
            When::Timed { start, .. } => start.with_timezone(&tz).date_naive(),
            When::AllDay { first, .. } => first,
        }
    }
}

fn when_of(event: &Event) -> Result<When, EventProblem> {
    let (Some(start), Some(end)) = (&event.start, &event.end) else {
        return Err(EventProblem::NoTime);
    };
    if event.is_all_day {
        let first = zones::all_day_date(&start.date_time)?;
        let end = zones::all_day_date(&end.date_time)?;
        // NOTE: Graph's end is the exclusive midnight after the last day; a zero-length
        // all-day event (end = start) is read as that one day.
        let last = end.pred_opt().unwrap_or(end).max(first);
        return Ok(When::AllDay { first, last });
    }
    let begin = zones::instant(&start.date_time, start.time_zone.as_deref())?;
    let stop = zones::instant(&end.date_time, end.time_zone.as_deref())?;
    if stop < begin {
        return Err(EventProblem::EndsBeforeStart);
    }
    Ok(When::Timed { start: begin, stop })
}

fn attendee_of(person: &Person) -> Attendee {
    let email = person.email_address.clone().unwrap_or_default();
    let raw = email.address.clone();
    Attendee {
        name: email.name.filter(|n| !n.trim().is_empty()),
        address: raw.as_deref().and_then(Address::parse),
        raw,
    }
}

fn body_html(event: &Event) -> String {
    let Some(body) = &event.body else {
        return String::new();
    };
    let content = body.content.clone().unwrap_or_default();
    if body.content_type.as_deref() == Some("text") {
        html_escape::encode_text(&content).replace('\n', "<br>")
    } else {
        content
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: serde_json::Value) -> Result<OutlookEvent, EventProblem> {
        OutlookEvent::read(&serde_json::from_value(value).expect("event json"))
    }

    #[test]
    fn an_all_day_end_is_exclusive_in_graph_and_inclusive_here() {
        let e = read(json!({"id": "1", "iCalUId": "U", "isAllDay": true,
            "start": {"dateTime": "2026-10-24T00:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-10-26T00:00:00.0000000", "timeZone": "UTC"}}))
        .expect("event");
        let day = |d: &str| d.parse::<NaiveDate>().expect("date");
        assert_eq!(
            e.when,
            When::AllDay {
                first: day("2026-10-24"),
                last: day("2026-10-25")
            }
        );
    }

    #[test]
    fn an_exchange_legacy_address_stays_a_name_and_the_organizer_is_not_repeated() {
        let e = read(json!({"id": "1", "iCalUId": "U",
            "start": {"dateTime": "2026-12-07T09:00:00", "timeZone": "UTC"},
            "end": {"dateTime": "2026-12-07T10:00:00", "timeZone": "UTC"},
            "organizer": {"emailAddress": {"name": "Lena", "address": "lena@firma.de"}},
            "attendees": [
                {"emailAddress": {"name": "Lena", "address": "LENA@firma.de"}},
                {"emailAddress": {"name": "Old", "address": "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc"}},
                {"emailAddress": {"name": "Room"}}]}))
        .expect("event");
        let labels: Vec<String> = e.attendees.iter().map(Attendee::label).collect();
        assert_eq!(
            labels,
            [
                "Old </o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc>",
                "Room"
            ]
        );
    }

    #[test]
    fn a_time_in_an_unknown_zone_is_a_problem_not_a_guess() {
        let e = read(json!({"id": "1",
            "start": {"dateTime": "2026-12-07T09:00:00", "timeZone": "Mars Standard Time"},
            "end": {"dateTime": "2026-12-07T10:00:00", "timeZone": "Mars Standard Time"}}));
        assert_eq!(
            e,
            Err(EventProblem::Time(
                "unknown time zone \"Mars Standard Time\"".into()
            ))
        );
    }
}
