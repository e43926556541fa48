//! E-mail reminders of calendar events (FACTS 47, transcripts 219-222): Odoo 17's
//! `calendar.alarm`, the "Calendar: Event Reminder" job (`ir.cron` 11 in the recorded database)
//! and its triggers (`ir.cron.trigger`).
//!
//! - Every database has Odoo's seven reminders (`calendar/data/calendar_data.xml`): 1-5
//!   notifications of 15 and 30 minutes, 1 and 2 hours and 1 day, 6 and 7 e-mails 3 and 6 hours
//!   before (alarm 6 is the one of transcript 219), with their external ids.
//! - `_setup_alarms` (`calendar_event.py`): for each e-mail alarm of an event, a trigger of the
//!   job at `start - duration` unless the job last ran after that time. Creating an event sets
//!   them up unless the context has `dont_notify` (transcript 220) or the event is all-day
//!   without `start_date` (17 leaves that to the dates' inverse); a write does when it changes
//!   attendees, a time field or `alarm_ids`, unless `dont_notify`.
//! - The job (`calendar_alarm_manager.py` `_send_reminder`, run by `POST /_fake/cron
//!   {"job": "calendar_reminder"}`): for every active event whose e-mail alarm fell between the
//!   job's last run and now, a reminder "<name> - Reminder" to every attendee not declined that
//!   has an address, the organizer included (`mail_notify_author`), sent at once; the job runs as
//!   OdooBot, so no caller is spared. `calendar.block_mail` stops it; the callers' contexts play
//!   no part. Then its triggers up to now are done and `lastcall` moves to now.
//! - So `dont_notify` spares the trigger, not the mail: when the job runs for another event (or
//!   on its own daily schedule) it reminds every due event, imported ones included.

use chrono::{Duration, NaiveDateTime};
use serde_json::{Value, json};

use super::calendar_mail;
use super::models::ids_of;
use super::orm::Env;
use super::store::{Database, OutboxKind, Record};

const ALARM: &str = "calendar.alarm";
const CRON: &str = "ir.cron";
const TRIGGER: &str = "ir.cron.trigger";
const EVENT: &str = "calendar.event";

/// The "Calendar: Event Reminder" job (`calendar.ir_cron_scheduler_alarm`, transcript 222).
pub const REMINDER_CRON: i64 = 11;

fn xmlid(db: &mut Database, module: &str, name: &str, model: &str, res_id: i64, at: &str) {
    let id = db.table("ir.model.data").allocate();
    let row = json!({"module": module, "name": name, "model": model, "res_id": res_id,
        "noupdate": true, "create_date": at, "write_date": at, "create_uid": 1, "write_uid": 1});
    db.insert(
        "ir.model.data",
        id,
        row.as_object().cloned().unwrap_or_default(),
    );
}

/// Writes Odoo's reminders and the reminder job into a new database.
pub fn seed(db: &mut Database, at: &str) {
    let alarms: [(&str, &str, &str, i64, &str); 7] = [
        (
            "alarm_notif_1",
            "Notification - 15 Minutes",
            "notification",
            15,
            "minutes",
        ),
        (
            "alarm_notif_2",
            "Notification - 30 Minutes",
            "notification",
            30,
            "minutes",
        ),
        (
            "alarm_notif_3",
            "Notification - 1 Hours",
            "notification",
            1,
            "hours",
        ),
        (
            "alarm_notif_4",
            "Notification - 2 Hours",
            "notification",
            2,
            "hours",
        ),
        (
            "alarm_notif_5",
            "Notification - 1 Days",
            "notification",
            1,
            "days",
        ),
        ("alarm_mail_1", "Email - 3 Hours", "email", 3, "hours"),
        ("alarm_mail_2", "Email - 6 Hours", "email", 6, "hours"),
    ];
    for (i, (xml, name, kind, duration, interval)) in alarms.into_iter().enumerate() {
        let id = i as i64 + 1;
        let minutes = match interval {
            "minutes" => duration,
            "hours" => duration * 60,
            _ => duration * 60 * 24,
        };
        let row = json!({"name": name, "alarm_type": kind, "duration": duration,
            "interval": interval, "duration_minutes": minutes, "create_date": at,
            "write_date": at, "create_uid": 1, "write_uid": 1});
        db.insert(ALARM, id, row.as_object().cloned().unwrap_or_default());
        xmlid(db, "calendar", xml, ALARM, id, at);
    }
    // NOTE: the job last ran when the database was made; a real one runs at least daily
    let cron = json!({"cron_name": "Calendar: Event Reminder", "name": "Calendar: Event Reminder",
        "user_id": 1, "active": true, "interval_number": 1, "interval_type": "days",
        "nextcall": at, "lastcall": at, "numbercall": -1, "create_date": at, "write_date": at,
        "create_uid": 1, "write_uid": 1});
    db.insert(
        CRON,
        REMINDER_CRON,
        cron.as_object().cloned().unwrap_or_default(),
    );
    xmlid(
        db,
        "calendar",
        "ir_cron_scheduler_alarm",
        CRON,
        REMINDER_CRON,
        at,
    );
}

fn datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.get(..19).unwrap_or(text), "%Y-%m-%d %H:%M:%S").ok()
}

fn lastcall(db: &Database) -> Option<NaiveDateTime> {
    db.text(CRON, REMINDER_CRON, "lastcall")
        .and_then(|t| datetime(&t))
}

/// The e-mail alarms of an event with the moment each one is due.
fn email_alarms(db: &Database, event: i64) -> Vec<(i64, NaiveDateTime)> {
    let Some(start) = db.text(EVENT, event, "start").and_then(|t| datetime(&t)) else {
        return vec![];
    };
    ids_of(Some(&db.raw(EVENT, event, "alarm_ids")))
        .into_iter()
        .filter(|a| db.text(ALARM, *a, "alarm_type").as_deref() == Some("email"))
        .map(|a| {
            let minutes = db.raw(ALARM, a, "duration_minutes").as_i64().unwrap_or(0);
            (a, start - Duration::minutes(minutes))
        })
        .collect()
}

/// `calendar.event._setup_alarms` for one event: triggers of the reminder job.
pub fn setup_alarms(env: &mut Env, event: i64) {
    if env.db.get(CRON, REMINDER_CRON).is_none() {
        return;
    }
    let last = lastcall(env.db);
    for (_, at) in email_alarms(env.db, event) {
        // past alarms would be skipped by the job anyway, so they get no trigger
        if last.is_none_or(|l| at > l) {
            let mut rec = Record::new();
            rec.insert("cron_id".into(), Value::from(REMINDER_CRON));
            rec.insert(
                "call_at".into(),
                Value::from(at.format("%Y-%m-%d %H:%M:%S").to_string()),
            );
            env.insert_new(TRIGGER, rec);
        }
    }
}

/// Runs the reminder job as OdooBot; answers how many reminders it sent.
pub fn run_reminders(env: &mut Env) -> usize {
    let now = env.now;
    let since = lastcall(env.db).unwrap_or(now - Duration::weeks(1));
    let before = env.db.outbox.len();
    let events: Vec<i64> = env
        .db
        .ids(EVENT)
        .into_iter()
        .filter(|e| env.db.raw(EVENT, *e, "active") != Value::Bool(false))
        .collect();
    for event in events {
        let due = email_alarms(env.db, event)
            .iter()
            .filter(|(_, at)| *at >= since && *at < now)
            .count();
        let attendees: Vec<i64> = env
            .db
            .ids("calendar.attendee")
            .into_iter()
            .filter(|a| env.db.m2o("calendar.attendee", *a, "event_id") == Some(event))
            .filter(|a| {
                env.db.text("calendar.attendee", *a, "state").as_deref() != Some("declined")
            })
            .filter_map(|a| env.db.m2o("calendar.attendee", a, "partner_id"))
            .collect();
        // one mail per due alarm and attendee, as the job loops over alarms
        for _ in 0..due {
            calendar_mail::send_to_attendees(env, event, &attendees, OutboxKind::Reminder);
        }
    }
    let done: Vec<i64> = env
        .db
        .ids(TRIGGER)
        .into_iter()
        .filter(|t| {
            env.db
                .text(TRIGGER, *t, "call_at")
                .and_then(|c| datetime(&c))
                .is_some_and(|c| c <= now)
        })
        .collect();
    for t in done {
        env.db.table(TRIGGER).rows.remove(&t);
    }
    let mut rec = Record::new();
    rec.insert(
        "lastcall".into(),
        Value::from(now.format("%Y-%m-%d %H:%M:%S").to_string()),
    );
    env.update(CRON, REMINDER_CRON, rec);
    env.db.outbox.len() - before
}
