//! Calendar events as Exchange stores them, and their Graph v1.0 JSON
//! (https://learn.microsoft.com/graph/api/resources/event, GRAPH_FACTS §3.3): exactly the
//! properties of shared/reference/graph/schemas.json, in the order Graph writes them.
//!
//! A stored event is a single instance or a series master; a master's occurrences are
//! [`Instance`]s made on read, each with an id derived from the master's id and its original start
//! date, an iCalUId of its own (the series' global object id with the instance date in it), and
//! the master's change key unless it was changed (an exception, with its own change key).
//! `start`/`end` are shown in the zone the caller asked for (`Presentation`); all-day events keep
//! their dates (midnight to midnight, end exclusive) whatever the zone. `originalStart` (UTC) is
//! written for occurrences and exceptions only. `@odata.etag` is `W/"<changeKey>"`.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::message::{Address, body_preview, graph_datetime};
use super::recurrence::Recurrence;
use crate::graph::protocol::timezones::{Zone, graph_local};

/// An attendee of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Name and address.
    pub address: Address,
    /// `required`, `optional` or `resource`.
    pub kind: String,
    /// Their answer as the organizer sees it (`none` until they answer).
    pub response: String,
}

/// A postal address of a location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress {
    /// Street and number.
    #[serde(default)]
    pub street: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// State or region.
    #[serde(default)]
    pub state: String,
    /// Country or region (free text).
    #[serde(default)]
    pub country_or_region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
}

/// Where an event takes place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// Display name (empty when none).
    pub display_name: String,
    /// Postal address, if known.
    pub address: Option<PostalAddress>,
}

/// What a person or the organizer sets on an event or on one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventData {
    /// Subject.
    pub subject: String,
    /// Body content.
    pub body: String,
    /// `html` or `text`.
    pub body_type: String,
    /// Local start in `start_zone` (midnight for all-day events).
    pub start: NaiveDateTime,
    /// Local end in `end_zone` (exclusive midnight for all-day events).
    pub end: NaiveDateTime,
    /// Zone of the start as created (`originalStartTimeZone`).
    pub start_zone: Zone,
    /// Zone of the end as created (`originalEndTimeZone`).
    pub end_zone: Zone,
    /// All-day event.
    pub is_all_day: bool,
    /// Cancelled by the organizer (an attendee's copy).
    pub is_cancelled: bool,
    /// Location.
    pub location: Location,
    /// `free`, `tentative`, `busy`, `oof`, `workingElsewhere` or `unknown`.
    pub show_as: String,
    /// `normal`, `personal`, `private` or `confidential`.
    pub sensitivity: String,
    /// `low`, `normal` or `high`.
    pub importance: String,
    /// Categories.
    pub categories: Vec<String>,
    /// Teams meeting.
    pub is_online_meeting: bool,
    /// Join URL of the online meeting.
    pub join_url: Option<String>,
    /// Organizer.
    pub organizer: Address,
    /// Attendees (the organizer is not among them).
    pub attendees: Vec<Attendee>,
}

impl EventData {
    /// First instant of the event.
    pub fn start_utc(&self) -> DateTime<Utc> {
        self.start_zone.instant(self.start)
    }

    /// Instant after the event.
    pub fn end_utc(&self) -> DateTime<Utc> {
        self.end_zone.instant(self.end)
    }
}

/// `type` of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// A single event.
    SingleInstance,
    /// An unchanged occurrence of a series.
    Occurrence,
    /// A changed occurrence of a series.
    Exception,
    /// The series itself (listed by `/me/events`, never by `calendarView`).
    SeriesMaster,
}

impl EventType {
    /// Graph's name.
    pub fn name(self) -> &'static str {
        match self {
            EventType::SingleInstance => "singleInstance",
            EventType::Occurrence => "occurrence",
            EventType::Exception => "exception",
            EventType::SeriesMaster => "seriesMaster",
        }
    }
}

/// One event as Graph shows it: a single instance, a master, or an occurrence or exception.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Type.
    pub kind: EventType,
    /// Id (per mailbox).
    pub id: String,
    /// iCalUId (the same in every mailbox holding the meeting).
    pub ical_uid: String,
    /// Master id of an occurrence or exception.
    pub series_master_id: Option<String>,
    /// Original start of an occurrence or exception.
    pub original_start: Option<DateTime<Utc>>,
    /// Content.
    pub data: EventData,
    /// Recurrence of a master.
    pub recurrence: Option<Recurrence>,
    /// Change key.
    pub change_key: String,
    /// Created in this mailbox.
    pub created: DateTime<Utc>,
    /// Last change.
    pub last_modified: DateTime<Utc>,
    /// Whether the mailbox owner organizes it.
    pub is_organizer: bool,
    /// The owner's answer (`organizer`, `none`, …).
    pub response: String,
}

/// The zone `start`/`end` are answered in.
#[derive(Debug, Clone)]
pub enum Presentation {
    /// The caller's zone (`Prefer: outlook.timezone`, UTC without it).
    Zone(Zone),
    /// Each event's own zones, named as created (a server ignoring the preference).
    Original,
}

/// A new Teams join URL, as Teams writes one for a new meeting.
pub fn teams_join_url() -> String {
    format!(
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_{}%40thread.v2/0",
        uuid::Uuid::new_v4().simple()
    )
}

/// Graph's "never" timestamp in `responseStatus.time`.
const NEVER: &str = "0001-01-01T00:00:00Z";

fn email(a: &Address) -> Value {
    json!({"emailAddress": {"name": a.name, "address": a.address}})
}

fn location_json(l: &Location) -> Value {
    if l.display_name.is_empty() {
        return json!({"displayName": "", "locationType": "default", "uniqueIdType": "unknown", "address": {}, "coordinates": {}});
    }
    let mut v = json!({"displayName": l.display_name, "locationType": "default", "uniqueId": l.display_name, "uniqueIdType": "private"});
    if let Some(a) = &l.address {
        v["address"] = json!({"street": a.street, "city": a.city, "state": a.state, "countryOrRegion": a.country_or_region, "postalCode": a.postal_code});
        v["coordinates"] = json!({});
    }
    v
}

impl Instance {
    /// `start` and `end` as `dateTimeTimeZone` in the presentation's zone.
    fn times(&self, presentation: &Presentation) -> (Value, Value) {
        let d = &self.data;
        let show = |local: NaiveDateTime, zone: &str| json!({"dateTime": graph_local(local), "timeZone": zone});
        match presentation {
            // NOTE: all-day events are dates, not instants: they never shift between zones.
            Presentation::Zone(z) if d.is_all_day => (show(d.start, &z.name), show(d.end, &z.name)),
            Presentation::Zone(z) => (
                show(z.local(d.start_utc()), &z.name),
                show(z.local(d.end_utc()), &z.name),
            ),
            Presentation::Original => (
                show(d.start, &d.start_zone.name),
                show(d.end, &d.end_zone.name),
            ),
        }
    }

    /// Graph JSON of the event, `start`/`end` per `presentation`.
    pub fn to_json(&self, presentation: &Presentation) -> Value {
        let mut map = serde_json::Map::new();
        for part in [self.head_json(), self.tail_json(presentation)] {
            if let Value::Object(part) = part {
                map.extend(part);
            }
        }
        Value::Object(map)
    }

    /// The properties up to `type`, in Graph's order.
    fn head_json(&self) -> Value {
        let d = &self.data;
        let mut v = json!({
            "@odata.etag": format!("W/\"{}\"", self.change_key),
            "id": self.id,
            "createdDateTime": graph_datetime(self.created),
            "lastModifiedDateTime": graph_datetime(self.last_modified),
            "changeKey": self.change_key,
            "categories": d.categories,
            "transactionId": null,
            "originalStartTimeZone": d.start_zone.name,
            "originalEndTimeZone": d.end_zone.name,
        });
        if let Some(original) = self.original_start {
            // NOTE: Graph writes originalStart only for occurrences and exceptions.
            v["originalStart"] = json!(graph_datetime(original));
        }
        let more = json!({
            "iCalUId": self.ical_uid,
            "reminderMinutesBeforeStart": if d.is_all_day { 1080 } else { 15 },
            "isReminderOn": !d.is_cancelled,
            "hasAttachments": false,
            "subject": d.subject,
            "bodyPreview": body_preview(&d.body),
            "importance": d.importance,
            "sensitivity": d.sensitivity,
            "isAllDay": d.is_all_day,
            "isCancelled": d.is_cancelled,
            "isOrganizer": self.is_organizer,
            "responseRequested": true,
            "seriesMasterId": self.series_master_id,
            "showAs": d.show_as,
            "type": self.kind.name(),
        });
        if let (Value::Object(head), Value::Object(more)) = (&mut v, more) {
            head.extend(more);
        }
        v
    }

    /// The properties from `webLink` on, in Graph's order.
    fn tail_json(&self, presentation: &Presentation) -> Value {
        let d = &self.data;
        let (start, end) = self.times(presentation);
        let id: String = url::form_urlencoded::byte_serialize(self.id.as_bytes()).collect();
        let attendees: Vec<Value> = d
            .attendees
            .iter()
            .map(|a| {
                let mut v = email(&a.address);
                v["type"] = json!(a.kind);
                v["status"] = json!({"response": a.response, "time": NEVER});
                v
            })
            .collect();
        let location = location_json(&d.location);
        let locations = if d.location.display_name.is_empty() {
            Vec::new()
        } else {
            vec![location.clone()]
        };
        json!({
            "webLink": format!("https://outlook.office365.com/owa/?itemid={id}&exvsurl=1&path=/calendar/item"),
            "onlineMeetingUrl": null,
            "isOnlineMeeting": d.is_online_meeting,
            "onlineMeetingProvider": if d.is_online_meeting { "teamsForBusiness" } else { "unknown" },
            "allowNewTimeProposals": true,
            "isDraft": false,
            "hideAttendees": false,
            "responseStatus": {"response": self.response, "time": NEVER},
            "body": {"contentType": d.body_type, "content": d.body},
            "start": start,
            "end": end,
            "location": location,
            "locations": locations,
            "recurrence": self.recurrence.as_ref().map(Recurrence::to_json),
            "attendees": attendees,
            "organizer": email(&d.organizer),
            "onlineMeeting": d.join_url.as_ref().filter(|_| d.is_online_meeting).map(|url| json!({"joinUrl": url})),
        })
    }
}

/// Every property Graph returns for an event without `$select` (also what `$select` accepts).
pub const PROPERTIES: &[&str] = &[
    "createdDateTime",
    "lastModifiedDateTime",
    "changeKey",
    "categories",
    "transactionId",
    "originalStartTimeZone",
    "originalEndTimeZone",
    "originalStart",
    "iCalUId",
    "reminderMinutesBeforeStart",
    "isReminderOn",
    "hasAttachments",
    "subject",
    "bodyPreview",
    "importance",
    "sensitivity",
    "isAllDay",
    "isCancelled",
    "isOrganizer",
    "responseRequested",
    "seriesMasterId",
    "showAs",
    "type",
    "webLink",
    "onlineMeetingUrl",
    "isOnlineMeeting",
    "onlineMeetingProvider",
    "allowNewTimeProposals",
    "isDraft",
    "hideAttendees",
    "responseStatus",
    "body",
    "start",
    "end",
    "location",
    "locations",
    "recurrence",
    "attendees",
    "organizer",
    "onlineMeeting",
];

/// Whether `$select` may name `name` on an event.
pub fn is_selectable(name: &str) -> bool {
    name.eq_ignore_ascii_case("id") || PROPERTIES.iter().any(|p| p.eq_ignore_ascii_case(name))
}
