//! The calendar part of the control API (documented with the rest in [`super`]): acting as the
//! person in Outlook on their calendar, and the calendar's knobs.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Problem, problem, with_mailbox};
use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::calendar::{Override, StoredEvent};
use crate::graph::mailbox::event::{Attendee, EventData, Location, PostalAddress, teams_join_url};
use crate::graph::mailbox::meetings::{self, EventPatch, MeetingError, Outcome};
use crate::graph::mailbox::message::Address;
use crate::graph::mailbox::recurrence::{
    Pattern, PatternKind, RangeEnd, Recurrence, parse_weekday,
};
use crate::graph::protocol::timezones::Zone;
use crate::graph::state::GraphState;

/// Routes of the calendar control API (nested under `/_fake`).
pub fn routes() -> axum::Router<Arc<GraphState>> {
    axum::Router::new()
        .route(
            "/graph/mailboxes/{upn}/events",
            get(list_events).post(create_event),
        )
        .route(
            "/graph/mailboxes/{upn}/events/{id}",
            patch(update_event).delete(delete_event),
        )
        .route(
            "/graph/mailboxes/{upn}/events/{id}/cancel",
            post(cancel_event),
        )
        .route(
            "/graph/mailboxes/{upn}/events/{id}/occurrences/{date}",
            patch(update_occurrence),
        )
        .route(
            "/graph/mailboxes/{upn}/events/{id}/occurrences/{date}/cancel",
            post(cancel_occurrence),
        )
        .route(
            "/graph/mailboxes/{upn}/calendar/expire-delta",
            post(expire_delta),
        )
        .route(
            "/graph/mailboxes/{upn}/calendar/ignore-timezone-preference",
            post(ignore_timezone_preference),
        )
}

/// A location: a display name, or a display name with a postal address.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum LocationInput {
    Name(String),
    Full {
        display_name: String,
        #[serde(default)]
        address: Option<PostalAddress>,
    },
}

impl LocationInput {
    fn into_location(self) -> Location {
        match self {
            LocationInput::Name(display_name) => Location {
                display_name,
                address: None,
            },
            LocationInput::Full {
                display_name,
                address,
            } => Location {
                display_name,
                address,
            },
        }
    }
}

/// An attendee: address, optional name and type (`required` unless given).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendeeInput {
    address: String,
    #[serde(default)]
    name: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternInput {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default = "one")]
    interval: u32,
    #[serde(default)]
    days_of_week: Vec<String>,
    #[serde(default)]
    first_day_of_week: Option<String>,
    #[serde(default)]
    day_of_month: Option<u32>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeInput {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    end_date: Option<NaiveDate>,
    #[serde(default)]
    number_of_occurrences: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecurrenceInput {
    pattern: PatternInput,
    range: RangeInput,
}

/// A new event as the person enters it in Outlook.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventInput {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    body_text: Option<String>,
    start: String,
    end: String,
    time_zone: String,
    #[serde(default)]
    end_time_zone: Option<String>,
    #[serde(default)]
    is_all_day: bool,
    #[serde(default)]
    location: Option<LocationInput>,
    #[serde(default)]
    attendees: Vec<AttendeeInput>,
    #[serde(default)]
    organizer: Option<Address>,
    #[serde(default)]
    sensitivity: Option<String>,
    #[serde(default)]
    show_as: Option<String>,
    #[serde(default)]
    importance: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    is_online_meeting: bool,
    #[serde(default)]
    join_url: Option<String>,
    #[serde(default)]
    recurrence: Option<RecurrenceInput>,
}

/// A change as the person makes it in Outlook; absent fields stay as they are.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatchInput {
    subject: Option<String>,
    body_html: Option<String>,
    body_text: Option<String>,
    start: Option<String>,
    end: Option<String>,
    time_zone: Option<String>,
    end_time_zone: Option<String>,
    is_all_day: Option<bool>,
    location: Option<LocationInput>,
    attendees: Option<Vec<AttendeeInput>>,
    sensitivity: Option<String>,
    show_as: Option<String>,
    importance: Option<String>,
    categories: Option<Vec<String>>,
    is_online_meeting: Option<bool>,
    join_url: Option<String>,
}

fn bad(message: impl Into<String>) -> Problem {
    problem(StatusCode::BAD_REQUEST, message)
}

fn meeting_problem(e: MeetingError) -> Problem {
    let status = match e {
        MeetingError::NoMailbox(_) | MeetingError::NotFound(_) => StatusCode::NOT_FOUND,
        MeetingError::NotOrganizer => StatusCode::CONFLICT,
        MeetingError::Invalid(_) => StatusCode::BAD_REQUEST,
    };
    problem(status, e.to_string())
}

/// A local time without offset (`2026-03-30T09:00:00`, `…T09:00`) or a date (midnight).
fn local_time(field: &str, value: &str) -> Result<NaiveDateTime, Problem> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN))
        })
        .map_err(|_| {
            bad(format!(
                "{field} '{value}': a local time without offset (2026-03-30T09:00:00) or a date"
            ))
        })
}

fn zone(value: &str) -> Result<Zone, Problem> {
    Zone::parse(value).ok_or_else(|| {
        bad(format!(
            "TimeZoneNotSupportedException: A valid TimeZone value must be specified. The following TimeZone value is not supported: '{value}'."
        ))
    })
}

fn one_of(field: &str, value: Option<String>, allowed: &[&str]) -> Result<Option<String>, Problem> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => {
            Err(bad(format!("{field} '{v}' is not one of {allowed:?}")))
        }
        other => Ok(other),
    }
}

const SENSITIVITY: &[&str] = &["normal", "personal", "private", "confidential"];
const SHOW_AS: &[&str] = &[
    "free",
    "tentative",
    "busy",
    "oof",
    "workingElsewhere",
    "unknown",
];
const IMPORTANCE: &[&str] = &["low", "normal", "high"];

fn attendees(list: Vec<AttendeeInput>) -> Result<Vec<Attendee>, Problem> {
    list.into_iter()
        .map(|a| {
            let kind = one_of(
                "attendee type",
                a.kind,
                &["required", "optional", "resource"],
            )?;
            Ok(Attendee {
                address: Address {
                    name: a.name,
                    address: a.address,
                },
                kind: kind.unwrap_or_else(|| "required".into()),
                response: "none".into(),
            })
        })
        .collect()
}

fn body(html: Option<String>, text: Option<String>) -> Result<Option<(String, String)>, Problem> {
    match (html, text) {
        (Some(_), Some(_)) => Err(bad("give body_html or body_text, not both")),
        (Some(html), None) => Ok(Some(("html".into(), html))),
        (None, Some(text)) => Ok(Some(("text".into(), text))),
        (None, None) => Ok(None),
    }
}

fn join_url(is_online: bool, given: Option<String>) -> Option<String> {
    given.or_else(|| is_online.then(teams_join_url))
}

fn recurrence(input: RecurrenceInput, start: NaiveDate, zone: &str) -> Result<Recurrence, Problem> {
    let p = input.pattern;
    let kind = match p.kind.as_str() {
        "daily" => PatternKind::Daily,
        "weekly" => PatternKind::Weekly,
        "absoluteMonthly" => PatternKind::AbsoluteMonthly,
        other => {
            return Err(bad(format!(
                "recurrence pattern '{other}': the fake models daily, weekly and absoluteMonthly"
            )));
        }
    };
    let days = p
        .days_of_week
        .iter()
        .map(|d| parse_weekday(d).ok_or_else(|| bad(format!("day of week '{d}'"))))
        .collect::<Result<Vec<_>, _>>()?;
    if kind == PatternKind::Weekly && days.is_empty() {
        return Err(bad("a weekly pattern needs days_of_week"));
    }
    let day_of_month = p.day_of_month.unwrap_or(0);
    if kind == PatternKind::AbsoluteMonthly && !(1..=31).contains(&day_of_month) {
        return Err(bad("an absoluteMonthly pattern needs day_of_month 1-31"));
    }
    let first_day = match p.first_day_of_week.as_deref() {
        None => chrono::Weekday::Sun,
        Some(d) => parse_weekday(d).ok_or_else(|| bad(format!("first day of week '{d}'")))?,
    };
    let range = input.range;
    let end = match (
        range.kind.as_str(),
        range.end_date,
        range.number_of_occurrences,
    ) {
        ("endDate", Some(end), _) if end >= start => RangeEnd::EndDate(end),
        ("numbered", _, Some(n)) if (1..=999).contains(&n) => RangeEnd::Numbered(n),
        ("noEnd", _, _) => RangeEnd::NoEnd,
        (kind, _, _) => {
            return Err(bad(format!(
                "recurrence range '{kind}': endDate needs end_date on or after the start, numbered needs number_of_occurrences 1-999"
            )));
        }
    };
    if p.interval == 0 {
        return Err(bad("recurrence interval is at least 1"));
    }
    Ok(Recurrence {
        pattern: Pattern {
            kind,
            interval: p.interval,
            days_of_week: days,
            first_day_of_week: first_day,
            day_of_month,
        },
        start_date: start,
        end,
        time_zone: zone.to_string(),
    })
}

/// The event data and recurrence of a new event in `mb`.
fn new_event(mb: &Mailbox, input: EventInput) -> Result<(EventData, Option<Recurrence>), Problem> {
    let start_zone = zone(&input.time_zone)?;
    let end_zone = match &input.end_time_zone {
        Some(name) => zone(name)?,
        None => start_zone.clone(),
    };
    let start = local_time("start", &input.start)?;
    let (body_type, body) =
        body(input.body_html, input.body_text)?.unwrap_or_else(|| ("html".into(), String::new()));
    let data = EventData {
        subject: input.subject,
        body,
        body_type,
        start,
        end: local_time("end", &input.end)?,
        start_zone,
        end_zone,
        is_all_day: input.is_all_day,
        is_cancelled: false,
        location: input
            .location
            .map(LocationInput::into_location)
            .unwrap_or_default(),
        show_as: one_of("show_as", input.show_as, SHOW_AS)?.unwrap_or_else(|| "busy".into()),
        sensitivity: one_of("sensitivity", input.sensitivity, SENSITIVITY)?
            .unwrap_or_else(|| "normal".into()),
        importance: one_of("importance", input.importance, IMPORTANCE)?
            .unwrap_or_else(|| "normal".into()),
        categories: input.categories,
        join_url: join_url(input.is_online_meeting, input.join_url),
        is_online_meeting: input.is_online_meeting,
        organizer: input.organizer.unwrap_or_else(|| Address {
            name: mb.user.display_name.clone(),
            address: mb.user.upn.clone(),
        }),
        attendees: attendees(input.attendees)?,
    };
    let recurrence = input
        .recurrence
        .map(|r| recurrence(r, start.date(), &input.time_zone))
        .transpose()?;
    Ok((data, recurrence))
}

fn patch_of(input: PatchInput) -> Result<EventPatch, Problem> {
    let time = |field: &str, v: Option<String>| v.map(|v| local_time(field, &v)).transpose();
    Ok(EventPatch {
        subject: input.subject,
        body: body(input.body_html, input.body_text)?,
        start: time("start", input.start)?,
        end: time("end", input.end)?,
        start_zone: input.time_zone.as_deref().map(zone).transpose()?,
        end_zone: input.end_time_zone.as_deref().map(zone).transpose()?,
        is_all_day: input.is_all_day,
        location: input.location.map(LocationInput::into_location),
        attendees: input.attendees.map(attendees).transpose()?,
        sensitivity: one_of("sensitivity", input.sensitivity, SENSITIVITY)?,
        show_as: one_of("show_as", input.show_as, SHOW_AS)?,
        importance: one_of("importance", input.importance, IMPORTANCE)?,
        categories: input.categories,
        join_url: input.join_url,
        is_online_meeting: input.is_online_meeting,
    })
}

fn outcome_json(o: &Outcome) -> Value {
    let copies: Vec<Value> = o
        .copies
        .iter()
        .map(|(upn, id)| json!({"upn": upn, "id": id}))
        .collect();
    json!({"id": o.id, "ical_uid": o.ical_uid, "change_key": o.change_key, "copies": copies})
}

/// Runs a meeting action on the world; answers `status` with the outcome.
fn act(
    state: &GraphState,
    status: StatusCode,
    action: impl FnOnce(
        &mut std::collections::BTreeMap<String, Mailbox>,
    ) -> Result<Outcome, MeetingError>,
) -> Response {
    let mut world = state.world();
    match action(&mut world.mailboxes) {
        Ok(o) => (status, Json(outcome_json(&o))).into_response(),
        Err(e) => meeting_problem(e).into_response(),
    }
}

async fn create_event(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(input): Json<EventInput>,
) -> Response {
    let now = state.clock.now();
    let made = with_mailbox(&state, &upn, |mb| new_event(mb, input));
    let (data, recurrence) = match made {
        Ok(made) => made,
        Err(p) => return p.into_response(),
    };
    act(&state, StatusCode::CREATED, |mbs| {
        meetings::create(mbs, &upn, data, recurrence, now)
    })
}

async fn update_event(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
    Json(input): Json<PatchInput>,
) -> Response {
    let now = state.clock.now();
    match patch_of(input) {
        Ok(patch) => act(&state, StatusCode::OK, |mbs| {
            meetings::update(mbs, &upn, &id, &patch, now)
        }),
        Err(p) => p.into_response(),
    }
}

async fn cancel_event(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
) -> Response {
    let now = state.clock.now();
    act(&state, StatusCode::OK, |mbs| {
        meetings::cancel(mbs, &upn, &id, now)
    })
}

async fn delete_event(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
) -> Response {
    let now = state.clock.now();
    match meetings::delete(&mut state.world().mailboxes, &upn, &id, now) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => meeting_problem(e).into_response(),
    }
}

fn date(value: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| bad(format!("original start date '{value}': YYYY-MM-DD")))
}

async fn update_occurrence(
    State(state): State<Arc<GraphState>>,
    Path((upn, id, day)): Path<(String, String, String)>,
    Json(input): Json<PatchInput>,
) -> Response {
    let now = state.clock.now();
    match date(&day).and_then(|d| Ok((d, patch_of(input)?))) {
        Ok((day, patch)) => act(&state, StatusCode::OK, |mbs| {
            meetings::update_occurrence(mbs, &upn, &id, day, &patch, now)
        }),
        Err(p) => p.into_response(),
    }
}

async fn cancel_occurrence(
    State(state): State<Arc<GraphState>>,
    Path((upn, id, day)): Path<(String, String, String)>,
) -> Response {
    let now = state.clock.now();
    match date(&day) {
        Ok(day) => act(&state, StatusCode::OK, |mbs| {
            meetings::cancel_occurrence(mbs, &upn, &id, day, now)
        }),
        Err(p) => p.into_response(),
    }
}

fn local_json(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn data_json(d: &EventData) -> Value {
    json!({
        "subject": d.subject,
        "start": local_json(d.start),
        "end": local_json(d.end),
        "time_zone": d.start_zone.name,
        "end_time_zone": d.end_zone.name,
        "is_all_day": d.is_all_day,
        "is_cancelled": d.is_cancelled,
        "organizer": {"name": d.organizer.name, "address": d.organizer.address},
        "attendees": d.attendees.iter().map(|a| json!({"name": a.address.name, "address": a.address.address, "type": a.kind, "response": a.response})).collect::<Vec<_>>(),
        "location": d.location.display_name,
        "sensitivity": d.sensitivity,
        "show_as": d.show_as,
        "importance": d.importance,
        "categories": d.categories,
        "is_online_meeting": d.is_online_meeting,
        "join_url": d.join_url,
    })
}

fn raw_json(e: &StoredEvent) -> Value {
    let mut v = json!({
        "id": e.id,
        "ical_uid": e.ical_uid,
        "type": if e.recurrence.is_some() { "seriesMaster" } else { "singleInstance" },
        "change_key": e.change_key,
        "last_modified": e.last_modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "is_organizer": e.is_organizer,
        "response": e.response,
    });
    if let (Value::Object(map), Value::Object(data)) = (&mut v, data_json(&e.data)) {
        map.extend(data);
    }
    v["recurrence"] = e
        .recurrence
        .as_ref()
        .map(Recurrence::to_json)
        .unwrap_or(Value::Null);
    let occurrences: Vec<Value> = e.overrides.iter().map(|(date, o)| {
        let mut v = json!({"original_start_date": date.to_string(), "id": crate::graph::mailbox::ids::occurrence_id(&e.id, *date)});
        match o {
            Override::Cancelled => v["state"] = json!("cancelled"),
            Override::Changed(x) => {
                v["state"] = json!("changed");
                v["change_key"] = json!(x.change_key);
                if let (Value::Object(map), Value::Object(data)) = (&mut v, data_json(&x.data)) {
                    map.extend(data);
                }
            }
        }
        v
    }).collect();
    v["occurrences"] = Value::Array(occurrences);
    v
}

async fn list_events(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        Ok(mb.calendar.events.iter().map(raw_json).collect::<Vec<_>>())
    }) {
        Ok(list) => Json(Value::Array(list)).into_response(),
        Err(p) => p.into_response(),
    }
}

async fn expire_delta(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| Ok(mb.calendar.expire_sync_states())) {
        Ok(n) => Json(json!({"expired": n})).into_response(),
        Err(p) => p.into_response(),
    }
}

#[derive(Deserialize)]
struct Toggle {
    on: bool,
}

async fn ignore_timezone_preference(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<Toggle>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        mb.calendar.ignore_timezone_preference = body.on;
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(p) => p.into_response(),
    }
}
