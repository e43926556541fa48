//! The journal of remote writes: an intent row is written BEFORE each remote write and moved on
//! after it, so a crash at any point is reconciled on the next run instead of duplicated
//! (isync/mbsync's pending state).
//!
//! States (mail's "seen → filed → confirmed → removed" in general words):
//! `seen` (noticed, nothing written) → `intent` (about to write) → `written` (the remote said
//! yes; mail: filed) → `confirmed` (read back / link saved) → `removed` (mail: moved out of the
//! transfer folder). `failed` can be retried (→ `intent`). An entry found in `intent` at the
//! start of a run means "we may or may not have written": look remotely before writing again.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, parse_name, parse_ts, ts};
use crate::model::{Job, JournalId, OdooId, OdooRef};

/// Where a journaled write stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JournalState {
    /// Noticed; nothing written yet.
    Seen,
    /// About to write remotely (or wrote and crashed before noting it).
    Intent,
    /// The remote write succeeded (mail: filed in the chatter).
    Written,
    /// Read back or otherwise confirmed; settled.
    Confirmed,
    /// The source was cleaned up after confirmation (mail: moved to Deleted Items).
    Removed,
    /// The write failed; a later run may retry it.
    Failed,
}

impl JournalState {
    const ALL: [JournalState; 6] = [
        JournalState::Seen,
        JournalState::Intent,
        JournalState::Written,
        JournalState::Confirmed,
        JournalState::Removed,
        JournalState::Failed,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalState::Seen => "seen",
            JournalState::Intent => "intent",
            JournalState::Written => "written",
            JournalState::Confirmed => "confirmed",
            JournalState::Removed => "removed",
            JournalState::Failed => "failed",
        }
    }

    /// The states an entry may come from to reach `self`.
    fn allowed_from(self) -> &'static [JournalState] {
        use JournalState::*;
        match self {
            Seen => &[],
            Intent => &[Seen, Failed],
            Written => &[Intent],
            Confirmed => &[Intent, Written],
            Removed => &[Confirmed],
            Failed => &[Seen, Intent, Written],
        }
    }
}

impl std::str::FromStr for JournalState {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JournalState::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or(())
    }
}

/// What is about to be written: one operation on one item towards one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalIntent {
    /// The job.
    pub job: Job,
    /// The stable key of the source item (e.g. the mail's Message-ID).
    pub item_key: String,
    /// What is done, e.g. `file`, `create_event`, `update_contact`.
    pub operation: String,
    /// Towards what, e.g. `res.partner/42`; empty when there is one target.
    pub target: String,
    /// The Graph id of the source item, when there is one.
    pub remote_id: Option<String>,
}

/// A journal row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalEntry {
    /// The row id.
    pub id: JournalId,
    /// The job.
    pub job: Job,
    /// The source item's key.
    pub item_key: String,
    /// The operation.
    pub operation: String,
    /// The target.
    pub target: String,
    /// Where it stands.
    pub state: JournalState,
    /// The Odoo record written (e.g. the `mail.message` id), once known.
    pub odoo: Option<OdooRef>,
    /// The Graph id of the source item.
    pub remote_id: Option<String>,
    /// The remote request id of the last attempt (support cases).
    pub request_id: Option<String>,
    /// The last error or note.
    pub detail: Option<String>,
    /// How often the write was attempted.
    pub attempts: u32,
    /// When the row was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// What a step learned, saved with the new state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalNote {
    /// The Odoo record written.
    pub odoo: Option<OdooRef>,
    /// The remote request id.
    pub request_id: Option<String>,
    /// An error or note.
    pub detail: Option<String>,
}

const COLUMNS: &str = "id, job, item_key, operation, target, state, odoo_model, odoo_id, remote_id,
    request_id, detail, attempts, created_at, updated_at";

struct Raw {
    id: i64,
    job: String,
    item_key: String,
    operation: String,
    target: String,
    state: String,
    odoo_model: Option<String>,
    odoo_id: Option<i64>,
    remote_id: Option<String>,
    request_id: Option<String>,
    detail: Option<String>,
    attempts: i64,
    created_at: String,
    updated_at: String,
}

fn read_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get("id")?,
        job: r.get("job")?,
        item_key: r.get("item_key")?,
        operation: r.get("operation")?,
        target: r.get("target")?,
        state: r.get("state")?,
        odoo_model: r.get("odoo_model")?,
        odoo_id: r.get("odoo_id")?,
        remote_id: r.get("remote_id")?,
        request_id: r.get("request_id")?,
        detail: r.get("detail")?,
        attempts: r.get("attempts")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

fn to_entry(raw: Raw) -> Result<JournalEntry, StoreError> {
    Ok(JournalEntry {
        id: JournalId(raw.id),
        job: parse_name("journal.job", &raw.job)?,
        item_key: raw.item_key,
        operation: raw.operation,
        target: raw.target,
        state: raw.state.parse().map_err(|_| StoreError::Corrupt {
            column: "journal.state",
            value: raw.state.clone(),
        })?,
        odoo: match (raw.odoo_model, raw.odoo_id) {
            (Some(model), Some(id)) => Some(OdooRef {
                model,
                id: OdooId(id),
            }),
            _ => None,
        },
        remote_id: raw.remote_id,
        request_id: raw.request_id,
        detail: raw.detail,
        attempts: u32::try_from(raw.attempts).unwrap_or(0),
        created_at: parse_ts("journal.created_at", &raw.created_at)?,
        updated_at: parse_ts("journal.updated_at", &raw.updated_at)?,
    })
}

impl Store {
    /// Notes an item as seen (no write yet); an existing entry is returned unchanged.
    pub fn journal_seen(&self, item: &JournalIntent) -> Result<JournalEntry, StoreError> {
        self.journal_insert(item, JournalState::Seen)?;
        self.journal_existing(item)
    }

    /// Records the intent to write, BEFORE the remote call. A new, seen or failed entry becomes
    /// `intent` (attempts + 1); an entry already written, confirmed or removed is returned as
    /// it is — the caller must not write again.
    pub fn journal_intent(&self, item: &JournalIntent) -> Result<JournalEntry, StoreError> {
        if self.journal_insert(item, JournalState::Intent)? {
            return self.journal_existing(item);
        }
        let entry = self.journal_existing(item)?;
        match entry.state {
            JournalState::Seen | JournalState::Failed => {
                self.journal_advance(entry.id, JournalState::Intent, &JournalNote::default())
            }
            _ => Ok(entry),
        }
    }

    fn journal_insert(
        &self,
        item: &JournalIntent,
        state: JournalState,
    ) -> Result<bool, StoreError> {
        let now = ts(self.now());
        let attempts = i64::from(state == JournalState::Intent);
        // NOTE: cached statements: a run journals several steps per mail
        self.conn()
            .prepare_cached(
                "INSERT INTO journal (job, item_key, operation, target, state, remote_id, attempts,
                   created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                 ON CONFLICT (job, item_key, operation, target) DO NOTHING",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    item.job.as_str(),
                    item.item_key,
                    item.operation,
                    item.target,
                    state.as_str(),
                    item.remote_id,
                    attempts,
                    now
                ])
            })
            .map(|n| n > 0)
            .map_err(|e| self.sql(e))
    }

    fn journal_existing(&self, item: &JournalIntent) -> Result<JournalEntry, StoreError> {
        self.journal_find(item.job, &item.item_key, &item.operation, &item.target)?
            .ok_or_else(|| StoreError::Corrupt {
                column: "journal",
                value: format!("{} vanished", item.item_key),
            })
    }

    /// Moves an entry to `to`, saving what the step learned. Moving to the state it is already
    /// in only updates the note, so a retried step is harmless.
    pub fn journal_advance(
        &self,
        id: JournalId,
        to: JournalState,
        note: &JournalNote,
    ) -> Result<JournalEntry, StoreError> {
        let current = self.journal_entry(id)?.ok_or_else(|| StoreError::Corrupt {
            column: "journal.id",
            value: id.0.to_string(),
        })?;
        let allowed = current.state == to || to.allowed_from().contains(&current.state);
        if !allowed {
            return Err(StoreError::InvalidTransition {
                id: id.0,
                from: current.state,
                to,
            });
        }
        let bump = i64::from(to == JournalState::Intent && current.state != to);
        // NOTE: the state in the WHERE makes the move atomic against another process that
        // moved the entry since we read it.
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE journal SET state = ?2, attempts = attempts + ?3,
                   odoo_model = COALESCE(?4, odoo_model), odoo_id = COALESCE(?5, odoo_id),
                   request_id = COALESCE(?6, request_id), detail = ?7, updated_at = ?8
                 WHERE id = ?1 AND state = ?9",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    id.0,
                    to.as_str(),
                    bump,
                    note.odoo.as_ref().map(|o| o.model.clone()),
                    note.odoo.as_ref().map(|o| o.id.0),
                    note.request_id,
                    note.detail,
                    ts(self.now()),
                    current.state.as_str()
                ])
            })
            .map_err(|e| self.sql(e))?;
        let after = self.journal_entry(id)?.ok_or_else(|| StoreError::Corrupt {
            column: "journal.id",
            value: id.0.to_string(),
        })?;
        if changed == 0 {
            return Err(StoreError::InvalidTransition {
                id: id.0,
                from: after.state,
                to,
            });
        }
        Ok(after)
    }

    /// One entry by id.
    pub fn journal_entry(&self, id: JournalId) -> Result<Option<JournalEntry>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM journal WHERE id = ?1");
        self.conn()
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.query_row([id.0], read_raw))
            .optional()
            .map_err(|e| self.sql(e))?
            .map(to_entry)
            .transpose()
    }

    /// The entry of one operation on one item towards one target.
    pub fn journal_find(
        &self,
        job: Job,
        item_key: &str,
        operation: &str,
        target: &str,
    ) -> Result<Option<JournalEntry>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM journal
             WHERE job = ?1 AND item_key = ?2 AND operation = ?3 AND target = ?4"
        );
        self.conn()
            .prepare_cached(&sql)
            .and_then(|mut stmt| {
                stmt.query_row(params![job.as_str(), item_key, operation, target], read_raw)
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .map(to_entry)
            .transpose()
    }

    /// Entries of `job` in the given states, oldest first (e.g. `intent` + `written` after a crash).
    pub fn journal_in_states(
        &self,
        job: Job,
        states: &[JournalState],
    ) -> Result<Vec<JournalEntry>, StoreError> {
        // NOTE: the states in the query, so the `journal_open (job, state)` index answers it:
        // a run asks this on every start, and settled entries pile up over the years
        let marks = vec!["?"; states.len()].join(", ");
        let sql = format!(
            "SELECT {COLUMNS} FROM journal WHERE job = ? AND state IN ({marks}) ORDER BY id"
        );
        let values: Vec<&str> = std::iter::once(job.as_str())
            .chain(states.iter().map(|s| s.as_str()))
            .collect();
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let raws = stmt
            .query_map(rusqlite::params_from_iter(values), read_raw)
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        raws.into_iter().map(to_entry).collect()
    }
}
