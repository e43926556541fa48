//! Calendar semantics of Odoo 17 (`calendar.event`, `calendar.attendee`), FACTS 27-31, 46-48.
//!
//! - One attendee row per partner of `partner_ids`; the CALLER's attendee is `accepted`, all
//!   others `needsAction`; without `partner_ids` the caller attends alone. Attendees follow the
//!   event; removed attendees stop following. `partner_ids` takes (6,0,ids), (4,id), (3,id),
//!   (2,id), (5,) and a plain list of ids (a set).
//! - All-day: `start_date`/`stop_date` give start 08:00 and stop 18:00 (stop date inclusive);
//!   all-day with `start`/`stop` derives the dates and keeps the times. A stop before the start
//!   is a ValidationError (for all-day events: the dates, with Odoo's other message).
//! - `privacy` public/private/confidential and `show_as` free/busy are checked selections;
//!   `videocall_location` without http(s) becomes absolute on `web.base.url`
//!   (`_set_videocall_location`); `user_id` defaults to the caller.
//! - When another user moves an event, the organizer's own attendee goes back to
//!   `needsAction` (17 `write`).
//! - Archiving (`active` false) keeps the attendees and mails nobody, unlinking removes the
//!   attendees, the chatter and the invitations still waiting in the queue.
//! - Private events read by someone who neither organizes nor attends them (administrators
//!   included, since 17: only the superuser sees through) show "Busy" as name and nothing in
//!   every field that is not public (`_get_public_fields`: times, recurrence, `user_id`,
//!   `privacy`, `show_as`, `active`, `allday`, `duration` and the custom fields); 16 let system
//!   users read them. Any internal user may write any event (FACTS 30).
//! - Whom Odoo mails: `calendar_mail.rs`; reminders: `alarms.rs`; the microsoft_calendar
//!   module's ids: `microsoft.rs`.

use chrono::{NaiveDateTime, TimeZone};
use serde_json::{Map, Value, json};

use super::access::Role;
use super::alarms;
use super::calendar_mail;
use super::errors::RpcError;
use super::fields::FieldDef;
use super::mail::{self, SUBTYPE_INVITATION};
use super::microsoft;
use super::models::{config_param, ids_of};
use super::orm::{Env, ids_value};
use super::store::{Database, OutboxKind, Record};
use super::version::OdooVersion;

const EVENT: &str = "calendar.event";
const ATTENDEE: &str = "calendar.attendee";

/// Fields a private event shows to everybody (Odoo 17 `_get_public_fields`: the recurrent and
/// time fields, these, and the custom fields); `display_time` is computed from public ones.
const PUBLIC_FIELDS: &[&str] = &[
    "id",
    "active",
    "allday",
    "duration",
    "user_id",
    "interval",
    "count",
    "rrule",
    "recurrence_id",
    "show_as",
    "privacy",
    "start",
    "stop",
    "start_date",
    "stop_date",
    "byday",
    "until",
    "rrule_type",
    "month_by",
    "event_tz",
    "end_type",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "day",
    "weekday",
    "display_time",
];

fn dt(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.get(..19).unwrap_or(text), "%Y-%m-%d %H:%M:%S").ok()
}

/// `duration` in hours, from start/stop.
pub fn duration(db: &Database, id: i64) -> Value {
    match (
        db.text(EVENT, id, "start").and_then(|s| dt(&s)),
        db.text(EVENT, id, "stop").and_then(|s| dt(&s)),
    ) {
        (Some(a), Some(b)) => Value::from((b - a).num_seconds() as f64 / 3600.0),
        _ => Value::from(0.0),
    }
}

/// `display_time` as Odoo renders it in the event owner's time zone.
pub fn display_time(db: &Database, id: i64) -> Value {
    let (Some(start), Some(stop)) = (
        db.text(EVENT, id, "start").and_then(|s| dt(&s)),
        db.text(EVENT, id, "stop").and_then(|s| dt(&s)),
    ) else {
        return Value::Bool(false);
    };
    if db.raw(EVENT, id, "allday") == Value::Bool(true) {
        let a = start.format("%m/%d/%Y").to_string();
        let b = stop.format("%m/%d/%Y").to_string();
        return Value::from(if a == b {
            format!("All Day, {a}")
        } else {
            format!("All Day, {a} to {b}")
        });
    }
    let tz_name = db
        .m2o(EVENT, id, "user_id")
        .and_then(|u| db.text("res.users", u, "tz"))
        .unwrap_or_else(|| "UTC".to_string());
    let tz: chrono_tz::Tz = tz_name.parse().unwrap_or(chrono_tz::UTC);
    let local = |t: NaiveDateTime| tz.from_utc_datetime(&t);
    let (s, e) = (local(start), local(stop));
    Value::from(format!(
        "{} at ({} To {}) ({tz_name})",
        s.format("%m/%d/%Y"),
        s.format("%H:%M:%S"),
        e.format("%H:%M:%S")
    ))
}

/// Whether a private event must be masked for the caller (`_check_private_event_conditions`).
pub fn is_hidden_from(env: &Env, id: i64) -> bool {
    if env.db.text(EVENT, id, "privacy").as_deref() != Some("private") {
        return false;
    }
    // NOTE: Odoo 16's `_read` let system users through; 17 masks for everybody but the superuser
    if env.version == OdooVersion::V16 && env.role == Role::Admin {
        return false;
    }
    let me = env.user_partner();
    let owner = env.db.m2o(EVENT, id, "user_id") == Some(env.uid);
    let attends = ids_of(Some(&env.db.raw(EVENT, id, "partner_ids"))).contains(&me);
    !(owner || attends)
}

/// What a hidden private event shows of a field, `None` for the public ones.
pub fn masked(field: &str, def: &FieldDef) -> Option<Value> {
    if PUBLIC_FIELDS.contains(&field) || def.is_manual() {
        return None;
    }
    Some(match field {
        "name" | "display_name" => Value::from("Busy"),
        _ => def.empty_value(),
    })
}

fn refused_dates(name: &str, rec: &Record, allday: bool) -> RpcError {
    let text = |k: &str| rec.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let first = if allday {
        "The ending date cannot be earlier than the starting date."
    } else {
        "The ending date and time cannot be earlier than the starting date and time."
    };
    RpcError::validation(format!(
        "{first}\nMeeting '{name}' starts '{}' and ends '{}'",
        text("start"),
        text("stop")
    ))
}

/// Derives all-day dates/times and checks the end against the start (`_check_closing_date`).
fn normalize_times(
    rec: &mut Record,
    vals: &Map<String, Value>,
    name: &str,
) -> Result<(), RpcError> {
    let allday = rec.get("allday") == Some(&Value::Bool(true));
    if allday {
        if vals.contains_key("start_date") || vals.contains_key("stop_date") {
            let text = |r: &Record, k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
            let sd = text(rec, "start_date");
            let ed = text(rec, "stop_date").or_else(|| sd.clone());
            if let Some(sd) = sd {
                rec.insert("start".into(), Value::from(format!("{sd} 08:00:00")));
            }
            if let Some(ed) = ed {
                rec.insert("stop_date".into(), Value::from(ed.clone()));
                rec.insert("stop".into(), Value::from(format!("{ed} 18:00:00")));
            }
        } else {
            for (from, to) in [("start", "start_date"), ("stop", "stop_date")] {
                if let Some(s) = rec
                    .get(from)
                    .and_then(Value::as_str)
                    .map(|s| s[..10].to_string())
                {
                    rec.insert(to.into(), Value::from(s));
                }
            }
        }
    } else if vals.contains_key("allday") || vals.contains_key("start") {
        rec.insert("start_date".into(), Value::Bool(false));
        rec.insert("stop_date".into(), Value::Bool(false));
    }
    let (from, to) = if allday {
        ("start_date", "stop_date")
    } else {
        ("start", "stop")
    };
    let get = |k: &str| rec.get(k).and_then(Value::as_str).map(str::to_string);
    if let (Some(start), Some(stop)) = (get(from), get(to))
        && stop < start
    {
        return Err(refused_dates(name, rec, allday));
    }
    Ok(())
}

/// Splits a URL as werkzeug's `url_parse` does: (scheme, netloc, rest).
fn split_url(url: &str) -> (String, String, String) {
    let scheme_end = url.find(':').filter(|i| {
        *i > 0
            && url[..*i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let (scheme, rest) = match scheme_end {
        Some(i) => (url[..i].to_lowercase(), &url[i + 1..]),
        None => (String::new(), url),
    };
    match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            (scheme, after[..end].to_string(), after[end..].to_string())
        }
        None => (scheme, String::new(), rest.to_string()),
    }
}

/// `_set_videocall_location`: a relative meeting URL is made absolute on `web.base.url`.
fn set_videocall_location(env: &Env, vals: &mut Map<String, Value>) {
    let Some(url) = vals
        .get("videocall_location")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
    else {
        return;
    };
    let (scheme, _, rest) = split_url(&url);
    if scheme == "http" || scheme == "https" {
        return;
    }
    let base = config_param(env, "web.base.url").unwrap_or_default();
    let (base_scheme, base_netloc, _) = split_url(&base);
    let path = if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        rest
    } else {
        format!("/{rest}")
    };
    vals.insert(
        "videocall_location".into(),
        Value::from(format!("{base_scheme}://{base_netloc}{path}")),
    );
}

fn add_attendee(env: &mut Env, event: i64, partner: i64) {
    let me = env.user_partner();
    let mut rec = Record::new();
    rec.insert("event_id".into(), Value::from(event));
    rec.insert("partner_id".into(), Value::from(partner));
    rec.insert("email".into(), env.db.raw("res.partner", partner, "email"));
    rec.insert(
        "common_name".into(),
        env.db.raw("res.partner", partner, "name"),
    );
    let state = if partner == me {
        "accepted"
    } else {
        "needsAction"
    };
    rec.insert("state".into(), Value::from(state));
    rec.insert("availability".into(), Value::Bool(false));
    env.insert_new(ATTENDEE, rec);
    super::followers::subscribe(env, EVENT, event, partner);
}

fn attendees_of(env: &Env, event: i64) -> Vec<i64> {
    env.db
        .ids(ATTENDEE)
        .into_iter()
        .filter(|a| env.db.m2o(ATTENDEE, *a, "event_id") == Some(event))
        .collect()
}

/// Removes a partner's attendee row and its following of the event.
fn remove_attendee(env: &mut Env, event: i64, partner: i64) {
    for row in attendees_of(env, event) {
        if env.db.m2o(ATTENDEE, row, "partner_id") == Some(partner) {
            env.db.table(ATTENDEE).rows.remove(&row);
        }
    }
    let follower: Vec<i64> = env
        .db
        .ids("mail.followers")
        .into_iter()
        .filter(|f| {
            env.db.text("mail.followers", *f, "res_model").as_deref() == Some(EVENT)
                && env.db.raw("mail.followers", *f, "res_id").as_i64() == Some(event)
                && env.db.m2o("mail.followers", *f, "partner_id") == Some(partner)
        })
        .collect();
    for f in follower {
        env.db.table("mail.followers").rows.remove(&f);
    }
}

/// The record `create` stores, before the dates are checked.
fn new_event_record(env: &Env, vals: &Map<String, Value>) -> Result<Record, RpcError> {
    let mut rec = Record::new();
    for (k, v) in [
        ("active", json!(true)),
        ("privacy", json!("public")),
        ("show_as", json!("busy")),
        ("allday", json!(false)),
        ("recurrency", json!(false)),
        ("user_id", json!(env.uid)),
    ] {
        rec.insert(k.into(), v);
    }
    rec.extend(env.convert_vals(EVENT, vals, None)?);
    microsoft::apply_inverse(&mut rec, vals);
    microsoft::on_create(env, &mut rec);
    if !vals.contains_key("stop")
        && !vals.contains_key("stop_date")
        && let Some(start) = rec.get("start").and_then(Value::as_str).and_then(dt)
    {
        let stop = (start + chrono::Duration::hours(1)).format("%Y-%m-%d %H:%M:%S");
        rec.insert("stop".into(), Value::from(stop.to_string()));
    }
    Ok(rec)
}

fn name_of(rec: &Record) -> String {
    rec.get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// `calendar.event.create`.
pub fn create_event(env: &mut Env, vals: Map<String, Value>) -> Result<i64, RpcError> {
    let mut vals = vals;
    set_videocall_location(env, &mut vals);
    let mut rec = new_event_record(env, &vals)?;
    let me = env.user_partner();
    let partners = match rec.get("partner_ids") {
        Some(Value::Array(a)) if vals.contains_key("partner_ids") => {
            a.iter().filter_map(Value::as_i64).collect()
        }
        _ => vec![me],
    };
    let name = name_of(&rec);
    if let Err(err) = normalize_times(&mut rec, &vals, &name) {
        // NOTE: Odoo checks the dates after inserting the event and its attendees; the rollback
        // leaves those sequence values used (transcript 110 consumed event 11).
        env.db.table(EVENT).allocate();
        for _ in &partners {
            env.db.table(ATTENDEE).allocate();
        }
        return Err(err);
    }
    super::models::check_required(env, EVENT, &rec)?;
    rec.insert("partner_ids".into(), ids_value(partners.clone()));
    let id = env.insert_new(EVENT, rec);
    mail::after_create(env, EVENT, id);
    for p in &partners {
        add_attendee(env, id, *p);
    }
    let start = env.db.text(EVENT, id, "start").and_then(|s| dt(&s));
    if start.is_some_and(|s| s > env.now) {
        calendar_mail::send_to_attendees(env, id, &partners, OutboxKind::Invitation);
    }
    // all-day events given by start/stop leave it to the dates' inverse, which never runs
    let allday_without_dates = vals.get("allday") == Some(&Value::Bool(true))
        && !vals.contains_key("start_date")
        && !vals.contains_key("stop_date");
    if !env.context_flag("dont_notify") && !allday_without_dates {
        alarms::setup_alarms(env, id);
    }
    Ok(id)
}

/// `calendar.event.write` on each event: attendees, mails, reminders, tracking.
pub fn write_events(env: &mut Env, ids: &[i64], vals: &Map<String, Value>) -> Result<(), RpcError> {
    let mut vals = vals.clone();
    set_videocall_location(env, &mut vals);
    for id in ids {
        write_event(env, *id, &vals)?;
    }
    Ok(())
}

fn write_event(env: &mut Env, id: i64, vals: &Map<String, Value>) -> Result<(), RpcError> {
    let before: Vec<(String, Value)> = mail::tracked_fields(EVENT)
        .iter()
        .map(|f| (f.to_string(), env.cache_value(EVENT, id, f)))
        .collect();
    let old_partners = ids_of(Some(&env.db.raw(EVENT, id, "partner_ids")));
    let mut rec = env.db.get(EVENT, id).cloned().unwrap_or_default();
    rec.extend(env.convert_vals(EVENT, vals, Some(id))?);
    microsoft::apply_inverse(&mut rec, vals);
    microsoft::on_write(env, &mut rec, vals);
    let name = name_of(&rec);
    normalize_times(&mut rec, vals, &name)?;
    env.update(EVENT, id, rec);
    let new_partners = ids_of(Some(&env.db.raw(EVENT, id, "partner_ids")));
    for gone in old_partners.iter().filter(|p| !new_partners.contains(p)) {
        remove_attendee(env, id, *gone);
    }
    let added: Vec<i64> = new_partners
        .iter()
        .copied()
        .filter(|p| !old_partners.contains(p))
        .collect();
    for p in &added {
        add_attendee(env, id, *p);
    }
    let staying: Vec<i64> = old_partners
        .into_iter()
        .filter(|p| new_partners.contains(p))
        .collect();
    after_write(env, id, vals, &added, &staying);
    mail::track_changes(env, EVENT, id, &before);
    Ok(())
}

fn truthy(v: Option<&Value>) -> bool {
    !matches!(v, None | Some(Value::Bool(false)) | Some(Value::Null))
        && v.and_then(Value::as_str) != Some("")
}

/// What 17's `write` does after storing: reminders, the organizer's answer, attendee mails.
fn after_write(env: &mut Env, id: i64, vals: &Map<String, Value>, added: &[i64], staying: &[i64]) {
    let time_changed = ["start", "stop", "start_date", "stop_date"]
        .iter()
        .any(|k| truthy(vals.get(*k)));
    let update_alarms = vals.contains_key("partner_ids") || vals.contains_key("alarm_ids");
    if (update_alarms || time_changed) && !env.context_flag("dont_notify") {
        alarms::setup_alarms(env, id);
    }
    if time_changed {
        reset_organizer_answer(env, id);
    }
    if env.db.raw(EVENT, id, "active") == Value::Bool(false) {
        return;
    }
    if vals.contains_key("partner_ids") {
        calendar_mail::send_to_attendees(env, id, added, OutboxKind::Invitation);
    }
    // an all-day event moved by its dates: the inverse writes `start`, with the same effect
    let new_start = match vals.get("start") {
        Some(Value::String(s)) => dt(s),
        _ if vals.contains_key("start_date") => {
            env.db.text(EVENT, id, "start").and_then(|s| dt(&s))
        }
        _ => None,
    };
    if !env.context_flag("is_calendar_event_new") && new_start.is_some_and(|s| s >= env.now) {
        calendar_mail::send_to_attendees(env, id, staying, OutboxKind::DateUpdated);
    }
}

/// Another user moved the event: its organizer has to answer again (17 `write`).
fn reset_organizer_answer(env: &mut Env, id: i64) {
    let Some(organizer) = env.db.m2o(EVENT, id, "user_id") else {
        return;
    };
    if organizer == env.uid {
        return;
    }
    let partner = env.db.user_partner(organizer);
    for row in attendees_of(env, id) {
        if env.db.m2o(ATTENDEE, row, "partner_id") == partner {
            let mut rec = Record::new();
            rec.insert("state".into(), Value::from("needsAction"));
            env.update(ATTENDEE, row, rec);
        }
    }
}

/// `calendar.attendee.do_accept` / `do_decline` / `do_tentative`.
pub fn respond(env: &mut Env, method: &str, ids: &[i64]) -> Result<Option<Value>, RpcError> {
    env.ensure_exist(ATTENDEE, ids)?;
    let (state, verb) = match method {
        "do_accept" => ("accepted", "accepted"),
        "do_decline" => ("declined", "declined"),
        _ => ("tentative", "tentatively accepted"),
    };
    for id in ids {
        let mut rec = Record::new();
        rec.insert("state".into(), Value::from(state));
        env.update(ATTENDEE, *id, rec);
        if let Some(event) = env.db.m2o(ATTENDEE, *id, "event_id") {
            let who = env
                .db
                .text(ATTENDEE, *id, "common_name")
                .unwrap_or_default();
            mail::log_note(
                env,
                EVENT,
                event,
                &format!("<p>{who} has {verb} the invitation</p>"),
                "notification",
                SUBTYPE_INVITATION,
            );
        }
    }
    Ok(Some(Value::Bool(true)))
}
