//! Odoo's calendar (`calendar.event`) as the calendar job reads and writes it.
//!
//! Contract (FACTS 27–31, 46–48; transcripts 100–140, 219–231):
//! - `create` takes a list of values and answers the ids in order; `partner_ids` `[[6,0,ids]]`
//!   gives one `calendar.attendee` per partner; all attendees follow the event.
//! - All-day: `allday` with `start_date`/`stop_date` (stop date inclusive); Odoo sets the times.
//!   Timed: `start`/`stop` as UTC `"YYYY-MM-DD HH:MM:SS"` (a `T` is refused, FACTS 36).
//! - Mail: Odoo 17 invites every attendee but the caller on create, mails "Date updated" on a
//!   moved future event and invites added attendees, all through
//!   `calendar.attendee._send_mail_to_attendees`, which the context `no_mail_to_attendees`
//!   silences (FACTS 46, 16 and 18 the same). E-mail reminders are a separate job that mails
//!   every attendee of an event with an e-mail alarm whatever the context (`dont_notify` only
//!   skips scheduling its trigger), so a create sets `alarm_ids` empty. Every write here
//!   carries [`quiet_context`].
//! - The meeting's identity: a field `x_office_connector_uid` an administrator created
//!   (`ir.model.fields`, transcripts 130–132); `fields_get`, which every user may call, tells
//!   whether it exists (FACTS 35). Without it, events are matched by name, start and stop.
//!   NOTE: `microsoft_calendar`'s `ms_universal_event_id` cannot hold it: its inverse stores
//!   `microsoft_id = organizerId:iCalUId` and stores nothing without the organizer's Outlook
//!   event id (`combine_ids`), and a made-up organizer id would have the organizer's own Odoo
//!   sync act on an Outlook event that does not exist. So it is left to Odoo's sync.
//! - With `microsoft_calendar` installed, a new event is marked `need_sync_m: false`, so the
//!   organizer's own Odoo–Outlook sync (if any) does not push our copy back into Outlook.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The event model.
pub const EVENT: &str = "calendar.event";

/// The field an administrator creates for us (`office-connector odoo prepare`).
pub const OUR_UID_FIELD: &str = "x_office_connector_uid";

/// The fields the job reads of an event (the identity field is added when there is one).
pub const EVENT_FIELDS: [&str; 15] = [
    "name",
    "description",
    "location",
    "start",
    "stop",
    "allday",
    "start_date",
    "stop_date",
    "partner_ids",
    "user_id",
    "show_as",
    "privacy",
    "videocall_location",
    "active",
    "create_uid",
];

/// Where this database can keep the meeting's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityField {
    /// `x_office_connector_uid`, created by an administrator.
    OurField,
    /// Neither: same name, start and stop among the attendees' events.
    NameAndTime,
}

impl IdentityField {
    /// The field's name, when there is one.
    pub fn field(self) -> Option<&'static str> {
        match self {
            IdentityField::OurField => Some(OUR_UID_FIELD),
            IdentityField::NameAndTime => None,
        }
    }
}

/// What the calendar job needs to know of this Odoo before it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFacts {
    /// Where the identity goes.
    pub identity: IdentityField,
    /// `microsoft_calendar` is installed (its `need_sync_m` exists).
    pub microsoft_calendar: bool,
    /// The person runs Odoo's own Outlook calendar sync.
    pub own_outlook_sync: bool,
}

/// The context every calendar write carries: nobody is mailed, no reminder is set up.
pub fn quiet_context() -> Value {
    // NOTE: `skip_attendee_notification` is what Odoo's newest source checks (18+ send
    // attendee mail at once instead of queueing it); 16/17 ignore it.
    json!({
        "no_mail_to_attendees": true,
        "dont_notify": true,
        "mail_notrack": true,
        "skip_attendee_notification": true
    })
}

/// Learns which identity field exists and whether the person syncs Outlook through Odoo.
pub async fn facts(odoo: &OdooClient) -> Result<CalendarFacts, OdooError> {
    let fields = odoo.fields_get(EVENT, &["type"]).await?;
    let microsoft_calendar = fields.contains_key("need_sync_m");
    let identity = if fields.contains_key(OUR_UID_FIELD) {
        IdentityField::OurField
    } else {
        IdentityField::NameAndTime
    };
    let own_outlook_sync = microsoft_calendar && own_sync_active(odoo).await?;
    Ok(CalendarFacts {
        identity,
        microsoft_calendar,
        own_outlook_sync,
    })
}

/// Whether the person's user runs Odoo's own Outlook calendar sync: it is not stopped, and it
/// has synced before (`microsoft_last_sync_date`) or holds a refresh token. The token fields
/// are for administrators only (`groups="base.group_system"`), so `fields_get` hides them from
/// a salesperson, who can still read their own sync state.
async fn own_sync_active(odoo: &OdooClient) -> Result<bool, OdooError> {
    const WANTED: [&str; 3] = [
        "microsoft_calendar_rtoken",
        "microsoft_last_sync_date",
        "microsoft_synchronization_stopped",
    ];
    let user_fields = odoo.fields_get("res.users", &["type"]).await?;
    let readable: Vec<&str> = WANTED
        .into_iter()
        .filter(|f| user_fields.contains_key(*f))
        .collect();
    if readable.is_empty() {
        return Ok(false);
    }
    let rows = odoo.read("res.users", &[odoo.uid()], &readable).await?;
    let Some(row) = rows.first() else {
        return Ok(false);
    };
    let set = |field: &str| {
        row.get(field)
            .and_then(Value::as_str)
            .is_some_and(|t| !t.is_empty())
    };
    let stopped = row
        .get("microsoft_synchronization_stopped")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(!stopped && (set("microsoft_calendar_rtoken") || set("microsoft_last_sync_date")))
}

/// An Odoo event as read: its id and the fields the job compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OdooEvent {
    /// The `calendar.event` id.
    pub id: OdooId,
    /// Its fields as Odoo answered them (many2many sorted, many2one as the id).
    pub fields: BTreeMap<String, Value>,
}

impl OdooEvent {
    fn from_row(mut row: Map<String, Value>) -> Option<OdooEvent> {
        let id = OdooId(row.remove("id")?.as_i64()?);
        let fields = row
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    // many2one `[id, name]` → id
                    Value::Array(a) if a.len() == 2 && a[1].is_string() => a[0].clone(),
                    Value::Array(mut a) => {
                        a.sort_by_key(|x| x.as_i64().unwrap_or_default());
                        Value::Array(a)
                    }
                    other => other,
                };
                (k, v)
            })
            .collect();
        Some(OdooEvent { id, fields })
    }

    /// The identity field's value, or a text field's.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field).and_then(Value::as_str)
    }

    /// Its attendees' partner ids.
    pub fn partners(&self) -> Vec<OdooId> {
        self.fields
            .get("partner_ids")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_i64).map(OdooId).collect())
            .unwrap_or_default()
    }
}

fn read_fields(identity: IdentityField) -> Vec<&'static str> {
    let mut fields = EVENT_FIELDS.to_vec();
    fields.extend(identity.field());
    fields
}

/// One `search_read`: the events with one of `uids` in the identity field, and the events
/// `ids` (archived included, lowest id first).
pub async fn events_by_identity(
    odoo: &OdooClient,
    identity: IdentityField,
    uids: &[&str],
    ids: &[OdooId],
) -> Result<Vec<OdooEvent>, OdooError> {
    if uids.is_empty() && ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    let domain = match identity.field() {
        Some(field) if !uids.is_empty() => {
            json!(["|", [field, "in", uids], ["id", "in", ids]])
        }
        _ => json!([["id", "in", ids]]),
    };
    search(odoo, identity, domain).await
}

/// One `search_read` for the weaker match (no identity field): events with one of the
/// `(name, start, stop)` keys that one of `partners` attends, and the events `ids`.
pub async fn events_by_name_and_time(
    odoo: &OdooClient,
    keys: &[(String, String, String)],
    partners: &[OdooId],
    ids: &[OdooId],
) -> Result<Vec<OdooEvent>, OdooError> {
    if keys.is_empty() || partners.is_empty() {
        return events_by_identity(odoo, IdentityField::NameAndTime, &[], ids).await;
    }
    // NOTE: Odoo's domains are prefix notation: & (partners) (| | key1 key2 key3), each key
    // being & & name start stop.
    let partners: Vec<i64> = partners.iter().map(|p| p.0).collect();
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    let mut domain: Vec<Value> = Vec::new();
    if !ids.is_empty() {
        domain.extend([json!("|"), json!(["id", "in", ids])]);
    }
    domain.extend([json!("&"), json!(["partner_ids", "in", partners])]);
    domain.extend((1..keys.len()).map(|_| json!("|")));
    for (name, start, stop) in keys {
        domain.extend([
            json!("&"),
            json!("&"),
            json!(["name", "=", name]),
            json!(["start", "=", start]),
            json!(["stop", "=", stop]),
        ]);
    }
    search(odoo, IdentityField::NameAndTime, Value::Array(domain)).await
}

async fn search(
    odoo: &OdooClient,
    identity: IdentityField,
    domain: Value,
) -> Result<Vec<OdooEvent>, OdooError> {
    let mut context = Map::new();
    context.insert("active_test".into(), json!(false));
    let rows = odoo
        .search_read(
            EVENT,
            &SearchRead {
                domain,
                fields: read_fields(identity)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                order: Some("id asc".into()),
                context: Some(context),
                ..SearchRead::default()
            },
        )
        .await?;
    Ok(rows.into_iter().filter_map(OdooEvent::from_row).collect())
}

/// Creates events from value maps in one call, quietly; ids in the same order.
pub async fn create(
    odoo: &OdooClient,
    values: Vec<Map<String, Value>>,
) -> Result<Vec<OdooId>, OdooError> {
    let mut kwargs = Map::new();
    kwargs.insert("context".into(), quiet_context());
    let ids: Vec<i64> = odoo
        .call(EVENT, "create", vec![json!(values)], kwargs)
        .await?;
    Ok(ids.into_iter().map(OdooId).collect())
}

/// Writes `values` to one event, quietly.
pub async fn write(
    odoo: &OdooClient,
    id: OdooId,
    values: Map<String, Value>,
) -> Result<(), OdooError> {
    let mut kwargs = Map::new();
    kwargs.insert("context".into(), quiet_context());
    odoo.execute_kw(
        EVENT,
        "write",
        vec![json!([id.0]), Value::Object(values)],
        kwargs,
    )
    .await
    .map(drop)
}

/// Removes events (duplicates of a meeting a colleague created at the same moment); ids
/// already gone count as removed.
pub async fn remove(odoo: &OdooClient, ids: &[OdooId]) -> Result<(), OdooError> {
    let mut kwargs = Map::new();
    kwargs.insert("context".into(), quiet_context());
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    match odoo
        .execute_kw(EVENT, "unlink", vec![json!(ids)], kwargs)
        .await
    {
        Err(OdooError::MissingRecord { .. }) | Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// What `office-connector odoo prepare` creates: the identity field on `calendar.event`.
pub fn prepared_field() -> Map<String, Value> {
    let mut values = Map::new();
    values.insert("name".into(), json!(OUR_UID_FIELD));
    values.insert(
        "field_description".into(),
        json!("Outlook meeting id (Office Connector)"),
    );
    values.insert("ttype".into(), json!("char"));
    values.insert("index".into(), json!(true));
    values.insert("copied".into(), json!(false));
    values
}

/// Creates the identity field (administrators only; others get Odoo's access error).
pub async fn prepare(odoo: &OdooClient) -> Result<OdooId, OdooError> {
    let models = odoo
        .search_read(
            "ir.model",
            &SearchRead {
                domain: json!([["model", "=", EVENT]]),
                fields: vec!["id".into()],
                limit: Some(1),
                ..SearchRead::default()
            },
        )
        .await?;
    let model = models
        .first()
        .and_then(|r| r.get("id"))
        .and_then(Value::as_i64)
        .ok_or_else(|| OdooError::UnknownModel {
            model: EVENT.to_owned(),
        })?;
    let mut values = prepared_field();
    values.insert("model_id".into(), json!(model));
    let ids = odoo.create("ir.model.fields", vec![values]).await?;
    ids.first()
        .copied()
        .ok_or_else(|| OdooError::UnexpectedAnswer {
            what: "ir.model.fields.create".into(),
            detail: "no id".into(),
        })
}
