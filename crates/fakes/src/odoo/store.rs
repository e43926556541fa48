//! The record store of one fake database: tables of records, users' credentials, the outbox.
//!
//! Records keep Odoo's *cache* form: many2one as an id (or `false`), x2many as a list of ids,
//! everything else as the JSON value Odoo returns. Datetimes are stored with microseconds (like
//! PostgreSQL) and read with second precision, so `write_date > 'HH:MM:SS'` behaves as on a real
//! server (transcript 33).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::access::Role;
use super::fields::Registry;

/// One record in the cache form described in the module doc.
pub type Record = Map<String, Value>;

/// The records of one model.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Records by id. NOTE: a persistent map: every write call runs on a copy of the database
    /// (Odoo's rollback on error), and copying shares the records instead of cloning them, so a
    /// call costs what it touches, not the size of the database.
    pub rows: imbl::OrdMap<i64, Record>,
    /// The id the next create gets.
    pub next_id: i64,
}

impl Table {
    /// Reserves the next id (ids are never reused, like a PostgreSQL sequence).
    pub fn allocate(&mut self) -> i64 {
        let id = self
            .next_id
            .max(self.rows.get_max().map_or(1, |(k, _)| k + 1));
        self.next_id = id + 1;
        id
    }
}

/// Why a mail left (or would leave) the fake Odoo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// A chatter post notified a follower or an explicit recipient (sent at once).
    Notification,
    /// A calendar invitation (queued as mail.mail, state outgoing).
    Invitation,
    /// A calendar "Date updated" mail (queued as mail.mail, state outgoing).
    DateUpdated,
    /// A calendar e-mail reminder, sent by the "Calendar: Event Reminder" job.
    Reminder,
    /// "You have been assigned to ...": a colleague was made the salesperson of a contact
    /// (sent at once).
    Assignment,
}

/// An e-mail a real Odoo would have sent to a person.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxMail {
    /// Database it came from.
    pub db: String,
    /// What caused it.
    pub kind: OutboxKind,
    /// Recipient partner id.
    pub partner_id: i64,
    /// Recipient address (false in Odoo when the partner has none; empty here).
    pub email: String,
    /// Subject line.
    pub subject: String,
    /// Document model of the chatter / event.
    pub model: String,
    /// Document id.
    pub res_id: i64,
    /// The mail.message it belongs to.
    pub mail_message_id: i64,
    /// The `mail.mail` row while it waits in the queue (`None` once sent and auto-deleted).
    pub mail_id: Option<i64>,
    /// `outgoing` while queued for the mail job, `sent` once sent.
    pub state: String,
    /// The user whose call caused it (1, OdooBot, for a scheduled job).
    pub caused_by_uid: i64,
}

/// Login secrets of one user.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Password (interactive and RPC).
    pub password: String,
    /// API keys (RPC only, FACTS 12).
    pub api_keys: Vec<String>,
}

/// One fake database.
#[derive(Debug, Clone)]
pub struct Database {
    /// Database name.
    pub name: String,
    /// Models and fields of this database.
    pub registry: Arc<Registry>,
    /// Records by model.
    pub tables: BTreeMap<String, Table>,
    /// Role per uid.
    pub roles: BTreeMap<i64, Role>,
    /// Secrets per uid.
    pub credentials: BTreeMap<i64, Credentials>,
    /// Mails a real server would have sent or queued.
    pub outbox: Vec<OutboxMail>,
}

impl Database {
    /// An empty database with the given registry.
    pub fn new(name: &str, registry: Arc<Registry>) -> Self {
        Self {
            name: name.to_string(),
            registry,
            tables: BTreeMap::new(),
            roles: BTreeMap::new(),
            credentials: BTreeMap::new(),
            outbox: Vec::new(),
        }
    }

    /// The table of a model (created empty on first use).
    pub fn table(&mut self, model: &str) -> &mut Table {
        self.tables
            .entry(model.to_string())
            .or_insert_with(|| Table {
                rows: imbl::OrdMap::new(),
                next_id: 1,
            })
    }

    /// A record, if it exists.
    pub fn get(&self, model: &str, id: i64) -> Option<&Record> {
        self.tables.get(model).and_then(|t| t.rows.get(&id))
    }

    /// A stored field of a record (`false` when unset or missing).
    pub fn raw(&self, model: &str, id: i64, field: &str) -> Value {
        self.get(model, id)
            .and_then(|r| r.get(field))
            .cloned()
            .unwrap_or(Value::Bool(false))
    }

    /// A stored many2one as an id.
    pub fn m2o(&self, model: &str, id: i64, field: &str) -> Option<i64> {
        self.raw(model, id, field).as_i64()
    }

    /// A stored string field.
    pub fn text(&self, model: &str, id: i64, field: &str) -> Option<String> {
        self.raw(model, id, field).as_str().map(str::to_string)
    }

    /// Ids of a model, ascending.
    pub fn ids(&self, model: &str) -> Vec<i64> {
        self.tables
            .get(model)
            .map(|t| t.rows.keys().copied().collect())
            .unwrap_or_default()
    }

    /// Inserts a record with a chosen id (seeds and the control API).
    pub fn insert(&mut self, model: &str, id: i64, record: Record) {
        let table = self.table(model);
        table.rows.insert(id, record);
        if table.next_id <= id {
            table.next_id = id + 1;
        }
    }

    /// The partner of a user.
    pub fn user_partner(&self, uid: i64) -> Option<i64> {
        self.m2o("res.users", uid, "partner_id")
    }
}

/// The fake's clock: real time, optionally frozen or shifted by the control API.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// A fixed "now", if frozen.
    pub frozen: Option<NaiveDateTime>,
    /// Added to the real or frozen time.
    pub offset: Duration,
}

impl Clock {
    /// The current UTC time as Odoo would see it.
    pub fn now(&self) -> NaiveDateTime {
        self.frozen.unwrap_or_else(|| Utc::now().naive_utc()) + self.offset
    }
}

/// Odoo's datetime text with microseconds, as stored.
pub fn stored_datetime(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S%.6f").to_string()
}
