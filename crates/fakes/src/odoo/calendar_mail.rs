//! Whom Odoo 17 e-mails about a calendar event, and when (FACTS 28, 46-48, transcripts 219-231;
//! `calendar/models/calendar_attendee.py` `_send_mail_to_attendees`, `calendar_event.py`
//! `create`/`write`, `calendar_alarm_manager.py` `_send_reminder`).
//!
//! Every attendee mail goes through one gate, Odoo's `_send_mail_to_attendees`: nothing at all
//! when the system parameter `calendar.block_mail` is set or the call's context has
//! `no_mail_to_attendees`; otherwise one mail per attendee that has an e-mail address, except the
//! calling user's own attendee unless the context has `mail_notify_author`. Each mail is a
//! `message_notify` on the event (a `user_notification` message authored by the organizer, a
//! `mail.notification`) plus a `mail.mail`: queued `outgoing` for the mail job (invitation, date
//! updated; `POST /_fake/cron {"job": "mail_queue"}` sends them) or sent at once (reminders, and
//! every attendee mail when the fake is Odoo 18 or 19).
//!
//! - create: an invitation to every attendee of an event that starts after now;
//! - write of `partner_ids`: an invitation to each added attendee of an active event (17 does not
//!   look at the date here);
//! - write of `start` (not under `is_calendar_event_new`) to a time not before now: "Date
//!   updated" to the attendees that stay, of an active event; an all-day event moved by
//!   `start_date` counts too, its inverse writes `start`;
//! - e-mail reminders are no attendee mails of a call: see `alarms.rs`.
//!
//! # Which context mails nobody, per version
//!
//! Read in Odoo's source through the search tool (16.0 and 18.0 in odoo/odoo, 17.0 in a copy of
//! it, the newest in odoo/odoo master):
//! - 16.0 and 17.0: `{"no_mail_to_attendees": true}` stops invitations and "Date updated" (all
//!   through `_send_mail_to_attendees`); `calendar.block_mail` does the same for everybody.
//!   `dont_notify` only spares the reminder job's trigger: the job reminds every active event
//!   whose e-mail alarm fell since its last run (`_get_events_by_alarm_to_notify`), so an
//!   import that must mail nobody also sets no e-mail alarm (`alarms.rs`).
//! - 18.0: the same keys; invitations and "Date updated" are sent right after the call
//!   (`force_send=True`) instead of waiting in the queue, so a queue cleaned afterwards is too
//!   late (modelled: from 18 on these mails are `sent`, never `outgoing`).
//! - newest (19-era master): the gate is `_notify_attendees`, still keyed on
//!   `no_mail_to_attendees` and `calendar.block_mail`; `write` also honours
//!   `skip_attendee_notification` and no longer invites added attendees to past events;
//!   `dont_notify` still spares only the reminder trigger (not modelled: the fake's 19 mails
//!   like 18).
//! - in every version `is_calendar_event_new` silences only the "Date updated" mail of a write,
//!   and `mail_notrack`, `tracking_disable`, `mail_create_nolog` only chatter notes, never an
//!   attendee's e-mail.

use serde_json::{Value, json};

use super::mail::{self, Mail, SUBTYPE_NOTE};
use super::models::config_param;
use super::orm::Env;
use super::store::{OutboxKind, Record};
use super::version::OdooVersion;

const EVENT: &str = "calendar.event";

/// Whether `_send_mail_to_attendees` returns before mailing anyone.
pub fn attendee_mails_blocked(env: &Env) -> bool {
    let blocked = config_param(env, "calendar.block_mail").is_some_and(|v| !v.is_empty());
    blocked || env.context_flag("no_mail_to_attendees")
}

/// Odoo's `_should_notify_attendee`: not the caller, unless `mail_notify_author`.
fn should_notify(env: &Env, partner: i64) -> bool {
    partner != env.user_partner() || env.context_flag("mail_notify_author")
}

fn subject(env: &Env, event: i64, kind: OutboxKind) -> String {
    let name = env.db.text(EVENT, event, "name").unwrap_or_default();
    match kind {
        OutboxKind::DateUpdated => format!("{name}: Date updated"),
        OutboxKind::Reminder => format!("{name} - Reminder"),
        _ => format!("Invitation to {name}"),
    }
}

/// `_send_mail_to_attendees` for the attendees of `event` whose partners are given.
pub fn send_to_attendees(env: &mut Env, event: i64, partners: &[i64], kind: OutboxKind) {
    if attendee_mails_blocked(env) {
        return;
    }
    for partner in partners {
        let has_email = env
            .db
            .text("res.partner", *partner, "email")
            .is_some_and(|e| !e.is_empty());
        if has_email && should_notify(env, *partner) {
            notify_attendee(env, event, *partner, kind);
        }
    }
}

/// One `message_notify` to one attendee, with its mail queued or (reminders) sent.
fn notify_attendee(env: &mut Env, event: i64, partner: i64, kind: OutboxKind) {
    let subject = subject(env, event, kind);
    let partner_name = env
        .db
        .text("res.partner", partner, "name")
        .unwrap_or_default();
    let body = format!("<div><p>Hello {partner_name},</p><p>{subject}</p></div>");
    // the organizer's partner signs it (`author_id=attendee.event_id.user_id.partner_id`)
    let author = env
        .db
        .m2o(EVENT, event, "user_id")
        .and_then(|u| env.db.user_partner(u))
        .unwrap_or_else(|| env.user_partner());
    let mut m = Record::new();
    m.insert("model".into(), Value::from(EVENT));
    m.insert("res_id".into(), Value::from(event));
    m.insert("body".into(), Value::from(body.clone()));
    m.insert("subject".into(), Value::from(subject.clone()));
    m.insert("message_type".into(), Value::from("user_notification"));
    m.insert("subtype_id".into(), Value::from(SUBTYPE_NOTE));
    m.insert("author_id".into(), Value::from(author));
    m.insert("partner_ids".into(), json!([partner]));
    m.insert("record_name".into(), Value::Bool(false));
    m.insert("date".into(), Value::from(env.now_stored()));
    let msg = mail::store_message(env, m);
    // reminders always, and from 18 on every attendee mail, go out with force_send
    let send_now = kind == OutboxKind::Reminder || env.version >= OdooVersion::V18;
    let queued = if send_now {
        // sent at once, and the template's auto_delete removes the row
        env.db.table("mail.mail").allocate();
        None
    } else {
        let mut q = Record::new();
        q.insert("mail_message_id".into(), Value::from(msg));
        q.insert("subject".into(), Value::from(subject.clone()));
        q.insert("body_html".into(), Value::from(body));
        q.insert("email_to".into(), Value::Bool(false));
        q.insert("recipient_ids".into(), json!([partner]));
        q.insert("state".into(), Value::from("outgoing"));
        q.insert("model".into(), Value::from(EVENT));
        q.insert("res_id".into(), Value::from(event));
        q.insert("auto_delete".into(), Value::Bool(true));
        Some(env.insert_new("mail.mail", q))
    };
    mail::record_mail(
        env,
        Mail {
            kind,
            message: msg,
            partner,
            subject: &subject,
            model: EVENT,
            res_id: event,
            queued,
        },
    );
}

/// The mail job ("Mail: Email Queue Manager"): sends every `outgoing` mail.mail, which its
/// `auto_delete` then removes; the notifications become `sent`. Answers how many it sent.
pub fn send_queue(env: &mut Env) -> usize {
    let queued: Vec<i64> = env
        .db
        .ids("mail.mail")
        .into_iter()
        .filter(|m| env.db.text("mail.mail", *m, "state").as_deref() == Some("outgoing"))
        .collect();
    for id in &queued {
        let message = env.db.m2o("mail.mail", *id, "mail_message_id");
        env.db.table("mail.mail").rows.remove(id);
        let notifications: Vec<i64> = env
            .db
            .ids("mail.notification")
            .into_iter()
            .filter(|n| {
                message.is_some()
                    && env.db.m2o("mail.notification", *n, "mail_message_id") == message
            })
            .collect();
        for n in notifications {
            let mut rec = Record::new();
            rec.insert("notification_status".into(), Value::from("sent"));
            env.update("mail.notification", n, rec);
        }
        for entry in env.db.outbox.iter_mut().filter(|o| o.mail_id == Some(*id)) {
            entry.state = "sent".into();
            entry.mail_id = None;
        }
    }
    queued.len()
}
