//! What the `microsoft_calendar` module (Odoo 17, with `microsoft_account`) changes, for the
//! databases that have it (FACTS 31, transcripts 136-140); see [`super::fields::Modules`].
//!
//! - `calendar.event.microsoft_id` (stored, "organizerId:iCalUId") with the computed
//!   `ms_organizer_event_id` / `ms_universal_event_id`: their inverse writes `microsoft_id`
//!   (`combine_ids`: no organizer id, no `microsoft_id`), and they are searchable through
//!   `microsoft_id` `=like` patterns (`microsoft_sync.py` `_search_event_id`, quirks included:
//!   the organizer id matches as a prefix, `in []` matches every event).
//! - `need_sync_m` (default true): set again by a write of a synced field unless the caller
//!   stopped the synchronisation; false on create for a user who stopped it.
//! - `res.users` gets the token fields (`microsoft_calendar_rtoken`, `microsoft_calendar_token`:
//!   administrators only, `groups="base.group_system"`), `microsoft_calendar_token_validity`
//!   and the sync state (`microsoft_calendar_account_id`, `microsoft_calendar_sync_token`,
//!   `microsoft_synchronization_stopped`, `microsoft_last_sync_date`), the last three of which
//!   a user may write on their own record (`SELF_WRITEABLE_FIELDS`).
//!
//! NOTE: no Outlook is reachable, so nothing is pushed to Microsoft: on a real server without a
//! token (or with `microsoft_calendar_sync_paused`, transcript 136) nothing is pushed either.

use serde_json::{Map, Value, json};

use super::errors::py_repr;
use super::orm::Env;
use super::store::Record;

const EVENT: &str = "calendar.event";

/// Fields whose change marks an event for the next sync (`_get_microsoft_synced_fields`).
const SYNCED_FIELDS: &[&str] = &[
    "name",
    "description",
    "allday",
    "start",
    "date_end",
    "stop",
    "user_id",
    "privacy",
    "attendee_ids",
    "alarm_ids",
    "location",
    "show_as",
    "active",
];

/// Fields a user may write on their own `res.users` record without the right to write users
/// (Odoo 17 `res.users.SELF_WRITEABLE_FIELDS`, with mail's and microsoft_calendar's).
pub fn self_writeable(field: &str, installed: bool) -> bool {
    const BASE: &[&str] = &[
        "signature",
        "action_id",
        "company_id",
        "email",
        "name",
        "image_1920",
        "lang",
        "tz",
        "notification_type",
    ];
    const MICROSOFT: &[&str] = &[
        "microsoft_synchronization_stopped",
        "microsoft_calendar_account_id",
        "microsoft_last_sync_date",
    ];
    BASE.contains(&field)
        || field.starts_with("context_")
        || (installed && MICROSOFT.contains(&field))
}

/// Whether this database has the module (its events have `microsoft_id`).
pub fn installed(env: &Env) -> bool {
    env.field(EVENT, "microsoft_id").is_ok()
}

/// Odoo's `split_ids`: (organizer id, universal id) of a stored `microsoft_id`.
pub fn split_ids(microsoft_id: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = microsoft_id.split(':').collect();
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match parts.as_slice() {
        [org, uid, ..] => (some(org), some(uid)),
        [org] => (some(org), None),
        [] => (None, None),
    }
}

/// Odoo's `combine_ids`: no organizer id gives no `microsoft_id`.
fn combine_ids(org: Option<&str>, uid: Option<&str>) -> Value {
    match org.filter(|o| !o.is_empty()) {
        Some(org) => Value::from(format!("{org}:{}", uid.unwrap_or(""))),
        None => Value::Bool(false),
    }
}

/// Applies the inverse of the two computed ids to a record about to be stored.
pub fn apply_inverse(rec: &mut Record, vals: &Map<String, Value>) {
    let given = |k: &str| vals.contains_key(k);
    if !given("ms_organizer_event_id") && !given("ms_universal_event_id") {
        return;
    }
    let (old_org, old_uid) = rec
        .get("microsoft_id")
        .and_then(Value::as_str)
        .map(split_ids)
        .unwrap_or((None, None));
    let pick = |key: &str, old: Option<String>| match vals.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => None,
        None => old,
    };
    let org = pick("ms_organizer_event_id", old_org);
    let uid = pick("ms_universal_event_id", old_uid);
    rec.insert(
        "microsoft_id".into(),
        combine_ids(org.as_deref(), uid.as_deref()),
    );
    rec.remove("ms_organizer_event_id");
    rec.remove("ms_universal_event_id");
}

/// The computed id fields as `read` shows them.
pub fn computed_id(stored: Option<String>, field: &str) -> Value {
    let (org, uid) = stored.as_deref().map(split_ids).unwrap_or((None, None));
    let part = if field == "ms_organizer_event_id" {
        org
    } else {
        uid
    };
    part.map(Value::from).unwrap_or(Value::Bool(false))
}

fn sync_stopped(env: &Env) -> bool {
    env.db
        .raw("res.users", env.uid, "microsoft_synchronization_stopped")
        == Value::Bool(true)
}

/// `need_sync_m` of a new event (`microsoft_sync.py` create).
pub fn on_create(env: &Env, rec: &mut Record) {
    if !installed(env) {
        return;
    }
    if sync_stopped(env) {
        rec.insert("need_sync_m".into(), Value::Bool(false));
    } else {
        rec.entry("need_sync_m").or_insert(Value::Bool(true));
    }
}

/// `need_sync_m` after a write of synced fields (`microsoft_sync.py` write).
pub fn on_write(env: &Env, rec: &mut Record, vals: &Map<String, Value>) {
    if !installed(env) || vals.contains_key("need_sync_m") || sync_stopped(env) {
        return;
    }
    // the calendar's write turns partner_ids into attendee_ids before the mixin sees them
    let synced = vals
        .keys()
        .any(|k| SYNCED_FIELDS.contains(&k.as_str()) || k == "partner_ids");
    if synced {
        rec.insert("need_sync_m".into(), Value::Bool(true));
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// The `microsoft_id` domain a leaf on a computed id stands for (`_search_event_id`).
pub fn search_domain(field: &str, op: &str, value: &Value) -> Option<Value> {
    let with_uid = match field {
        "ms_universal_event_id" => true,
        "ms_organizer_event_id" => false,
        _ => return None,
    };
    let leaf = |v: &Value| {
        let pattern = if with_uid {
            format!("%:{}", text(v))
        } else {
            format!("{}%", text(v))
        };
        json!(["microsoft_id", "=like", pattern])
    };
    let empty = matches!(value, Value::Bool(false) | Value::Null)
        || value.as_str().is_some_and(str::is_empty);
    Some(match op {
        "=" if empty && with_uid => {
            json!([
                "|",
                ["microsoft_id", "=", false],
                ["microsoft_id", "=ilike", "%:"]
            ])
        }
        "=" if empty => json!([["microsoft_id", "=", false]]),
        "!=" if empty && with_uid => json!([["microsoft_id", "ilike", ":_"]]),
        "!=" if empty => json!([["microsoft_id", "!=", false]]),
        _ if op.eq_ignore_ascii_case("in") => {
            let values = value.as_array().cloned().unwrap_or_default();
            let mut domain: Vec<Value> = vec![json!("|"); values.len().saturating_sub(1)];
            domain.extend(values.iter().map(leaf));
            Value::Array(domain)
        }
        _ => json!([leaf(value)]),
    })
}
