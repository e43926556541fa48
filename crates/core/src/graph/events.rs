//! The person's calendar as the calendar job reads it: `calendarView` delta
//! (https://learn.microsoft.com/graph/api/event-delta, GRAPH_FACTS §3).
//!
//! Contract:
//! - `GET /me/calendarView/delta?startDateTime=…&endDateTime=…` starts a round over a window of
//!   the primary calendar; the window is frozen into the round's tokens, so a later window needs
//!   a new round. No `$select`/`$filter`/`$top`: the page size is `Prefer: odata.maxpagesize`.
//! - Pages link by `@odata.nextLink` (`$skiptoken`), followed verbatim; the last page carries
//!   `@odata.deltaLink` (`$deltatoken`), saved by the caller once it handled the round.
//! - Items are occurrences, exceptions and single events — never series masters.
//! - `@removed {"reason":"deleted"}` comes for events deleted in the window AND for events
//!   outside the window that changed: a removal is not a deletion until the event is asked for
//!   ([`event`], 404 = gone). An expired token answers 410 (`ResyncRequired`): read again.
//! - `Prefer: outlook.timezone="UTC"` asks for UTC start/end; servers are seen answering in the
//!   event's own zone anyway (Windows names such as "W. Europe Standard Time"), so the caller
//!   converts whatever zone is named (`calendar::zones`).
//! - The client honours `Retry-After` and keeps at most 4 requests per mailbox in flight.

use serde::Deserialize;
use serde_json::Value;

use super::client::GraphClient;
use super::error::{GraphError, GraphErrorKind};
use super::messages::{DeltaFrom, DeltaPage, read_delta_page_with};

/// Asks Graph for start and end in UTC.
pub const PREFER_UTC: &str = "outlook.timezone=\"UTC\"";

/// A date and time as Graph writes it: local wall time (no offset) in a named zone.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateTimeTimeZone {
    /// `2026-12-07T09:00:00.0000000`.
    pub date_time: String,
    /// "UTC", an IANA name or a Windows name.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// An address with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct EmailAddress {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// SMTP address (may be an Exchange legacy DN or missing).
    #[serde(default)]
    pub address: Option<String>,
}

/// An attendee or the organizer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Their address.
    #[serde(default)]
    pub email_address: Option<EmailAddress>,
    /// `required`, `optional` or `resource` (attendees only).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// The body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Body {
    /// `html` or `text`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The content.
    #[serde(default)]
    pub content: Option<String>,
}

/// A location's name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// What Outlook shows.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// The online meeting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnlineMeeting {
    /// The join link.
    #[serde(default)]
    pub join_url: Option<String>,
}

/// An event as the calendar job reads it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// This mailbox's id of the event.
    pub id: String,
    /// The meeting's id across mailboxes (per occurrence).
    #[serde(default, rename = "iCalUId")]
    pub ical_uid: Option<String>,
    /// Moves on every change.
    #[serde(default)]
    pub change_key: Option<String>,
    /// `singleInstance`, `occurrence`, `exception` or `seriesMaster`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Body.
    #[serde(default)]
    pub body: Option<Body>,
    /// Start.
    #[serde(default)]
    pub start: Option<DateTimeTimeZone>,
    /// End (exclusive for all-day events).
    #[serde(default)]
    pub end: Option<DateTimeTimeZone>,
    /// All day.
    #[serde(default)]
    pub is_all_day: bool,
    /// Cancelled by its organizer (the attendee's copy stays).
    #[serde(default)]
    pub is_cancelled: bool,
    /// Location.
    #[serde(default)]
    pub location: Option<Location>,
    /// Attendees.
    #[serde(default)]
    pub attendees: Vec<Person>,
    /// Organizer.
    #[serde(default)]
    pub organizer: Option<Person>,
    /// `free`, `tentative`, `busy`, `oof`, `workingElsewhere`, `unknown`.
    #[serde(default)]
    pub show_as: Option<String>,
    /// `normal`, `personal`, `private`, `confidential`.
    #[serde(default)]
    pub sensitivity: Option<String>,
    /// The online meeting.
    #[serde(default)]
    pub online_meeting: Option<OnlineMeeting>,
    /// Older clients' join link.
    #[serde(default)]
    pub online_meeting_url: Option<String>,
}

/// One entry of a calendar delta round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventChange {
    /// New or changed: its current state.
    Upsert(Box<Event>),
    /// Deleted, or changed outside the window: not a deletion until asked.
    Removed {
        /// Its id.
        id: String,
    },
    /// An item that cannot be read: what is known of it and why.
    Unreadable {
        /// Its id, when it has one as text.
        id: Option<String>,
        /// Its subject, when it has one as text.
        subject: Option<String>,
        /// What is wrong with it.
        problem: String,
    },
}

/// The calendar's window, as Graph's query parameters (RFC 3339 instants, UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// `startDateTime`.
    pub start: chrono::DateTime<chrono::Utc>,
    /// `endDateTime`.
    pub end: chrono::DateTime<chrono::Utc>,
}

/// Reads one page of the calendar's delta over `window` (`page_size` items at most).
pub async fn delta_page(
    client: &GraphClient,
    window: &Window,
    from: DeltaFrom<'_>,
    page_size: u32,
) -> Result<DeltaPage<EventChange>, GraphError> {
    let url = match from {
        DeltaFrom::Link(link) => link.to_owned(),
        DeltaFrom::Start => format!(
            "/me/calendarView/delta?startDateTime={}&endDateTime={}",
            window.start.format("%Y-%m-%dT%H:%M:%SZ"),
            window.end.format("%Y-%m-%dT%H:%M:%SZ"),
        ),
    };
    let size = format!("odata.maxpagesize={page_size}");
    let response = client
        .send(reqwest::Method::GET, &url, None, &[&size, PREFER_UTC])
        .await?;
    let page = read_delta_page_with(response.body, change_of).map_err(|e| GraphError {
        request_id: response.request_id,
        ..e
    })?;
    if let DeltaPage::Last { delta_link, .. } = &page {
        // NOTE: a deltaLink is followed by a later run: one on another server is refused now.
        client.checked_url(&delta_link.0)?;
    }
    Ok(page)
}

/// One event by id; `None` when it is gone (deleted, or no longer in this mailbox).
pub async fn event(client: &GraphClient, id: &str) -> Result<Option<Event>, GraphError> {
    let url = format!("/me/events/{}", super::mail_folders::encode(id));
    match client
        .send(reqwest::Method::GET, &url, None, &[PREFER_UTC])
        .await
    {
        Ok(response) => serde_json::from_value(response.body)
            .map(Some)
            .map_err(|e| {
                GraphError::local(GraphErrorKind::BadAnswer, "unexpectedBody", e.to_string())
            }),
        Err(e) if e.kind == GraphErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads one delta item; a malformed one is [`EventChange::Unreadable`], the page goes on.
pub fn change_of(item: Value) -> EventChange {
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    let unreadable = |problem: String| EventChange::Unreadable {
        id: text("id"),
        subject: text("subject"),
        problem,
    };
    let id = match text("id") {
        Some(id) if !id.is_empty() && !id.contains(char::REPLACEMENT_CHARACTER) => id,
        _ if !item.is_object() => return unreadable("an item that is not a JSON object".into()),
        _ => return unreadable("an item without a usable id".into()),
    };
    if item.get("@removed").is_some() {
        return EventChange::Removed { id };
    }
    match Event::deserialize(&item) {
        Ok(e) => EventChange::Upsert(Box::new(e)),
        Err(e) => unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_removed_entry_and_a_malformed_one_do_not_stop_the_page() {
        let page = read_delta_page_with(
            json!({"value": [
                {"id": "A", "@removed": {"reason": "deleted"}},
                {"id": "B", "subject": 7},
                {"id": "C", "subject": "Jour fixe", "iCalUId": "U1", "isAllDay": false},
            ], "@odata.deltaLink": "https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=x"}),
            change_of,
        )
        .expect("page");
        let DeltaPage::Last { changes, .. } = page else {
            panic!("last page expected")
        };
        assert_eq!(changes[0], EventChange::Removed { id: "A".into() });
        assert!(matches!(&changes[1], EventChange::Unreadable { id: Some(id), .. } if id == "B"));
        assert!(
            matches!(&changes[2], EventChange::Upsert(e) if e.ical_uid.as_deref() == Some("U1"))
        );
    }
}
