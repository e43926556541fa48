//! The run history: one row per run and one per item outcome. This is the user's own record
//! (the Logs page, `office-connector runs`), so it may show subjects and addresses; it never
//! holds tokens or mail bodies.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, parse_name, parse_ts, ts};
use crate::model::{ItemOutcome, Job, Outcome, RunId, Trigger};

/// What happened to one item in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunEvent {
    /// The item's stable key (Message-ID, Graph id, Odoo id).
    pub item_key: String,
    /// What a person recognises it by (subject, contact name).
    pub summary: String,
    /// What happened.
    pub outcome: ItemOutcome,
    /// Why, or the error, in the user's words.
    pub detail: Option<String>,
    /// The Odoo records involved.
    pub odoo_ids: Vec<i64>,
    /// The remote request id of a failed call (for support).
    pub request_id: Option<String>,
    /// The error behind the detail as the software saw it (for support).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical: Option<String>,
}

/// A recorded item outcome with its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedEvent {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The event.
    #[serde(flatten)]
    pub event: RunEvent,
}

/// One run as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// The run's number.
    pub id: RunId,
    /// The job.
    pub job: Job,
    /// What started it.
    pub trigger: Trigger,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended; none while it runs.
    pub finished_at: Option<DateTime<Utc>>,
    /// How it ended; none while it runs.
    pub outcome: Option<Outcome>,
    /// Items per outcome.
    pub counts: BTreeMap<ItemOutcome, u32>,
    /// Run-level notes (what needs attention, what a rerun will pick up).
    pub notes: Vec<String>,
    /// Why the run failed, for a failed run.
    pub error: Option<String>,
}

/// One run with its item outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunDetail {
    /// The run.
    #[serde(flatten)]
    pub run: RunSummary,
    /// Its item outcomes, in the order recorded.
    pub events: Vec<RecordedEvent>,
}

/// Which runs to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunFilter {
    /// Only this job.
    pub job: Option<Job>,
    /// Only this outcome.
    pub outcome: Option<Outcome>,
    /// Only runs whose error, notes or items (key, summary, detail) contain this text.
    pub text: Option<String>,
    /// At most this many (newest first); default 50.
    pub limit: Option<u32>,
}

const RUN_COLUMNS: &str =
    "id, job, trigger, started_at, finished_at, outcome, counts_json, notes_json, error";

type RawRun = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
);

fn read_run(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRun> {
    Ok((
        r.get("id")?,
        r.get("job")?,
        r.get("trigger")?,
        r.get("started_at")?,
        r.get("finished_at")?,
        r.get("outcome")?,
        r.get("counts_json")?,
        r.get("notes_json")?,
        r.get("error")?,
    ))
}

fn to_summary(raw: RawRun) -> Result<RunSummary, StoreError> {
    let (id, job, trigger, started, finished, outcome, counts, notes, error) = raw;
    Ok(RunSummary {
        id: RunId(id),
        job: parse_name("runs.job", &job)?,
        trigger: parse_name("runs.trigger", &trigger)?,
        started_at: parse_ts("runs.started_at", &started)?,
        finished_at: finished
            .map(|f| parse_ts("runs.finished_at", &f))
            .transpose()?,
        outcome: outcome
            .map(|o| parse_name("runs.outcome", &o))
            .transpose()?,
        counts: serde_json::from_str(&counts).map_err(|_| StoreError::Corrupt {
            column: "runs.counts_json",
            value: counts.clone(),
        })?,
        notes: serde_json::from_str(&notes).map_err(|_| StoreError::Corrupt {
            column: "runs.notes_json",
            value: notes.clone(),
        })?,
        error,
    })
}

fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// Starts a run row (no outcome yet).
    pub fn insert_run(&self, job: Job, trigger: Trigger) -> Result<RunId, StoreError> {
        self.conn()
            .query_row(
                "INSERT INTO runs (job, trigger, started_at) VALUES (?1, ?2, ?3) RETURNING id",
                params![job.as_str(), trigger.as_str(), ts(self.now())],
                |r| r.get(0),
            )
            .map(RunId)
            .map_err(|e| self.sql(e))
    }

    /// Records one item outcome of a run.
    pub fn insert_run_event(&self, run: RunId, event: &RunEvent) -> Result<(), StoreError> {
        let odoo_ids = serde_json::to_string(&event.odoo_ids).unwrap_or_else(|_| "[]".into());
        self.conn()
            .execute(
                "INSERT INTO run_events (run_id, at, item_key, summary, outcome, detail, odoo_ids,
                   request_id, technical)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    run.0,
                    ts(self.now()),
                    event.item_key,
                    event.summary,
                    event.outcome.as_str(),
                    event.detail,
                    odoo_ids,
                    event.request_id,
                    event.technical
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Ends a run with its outcome, counts, notes and (for a failed run) the error.
    pub fn finish_run(
        &self,
        run: RunId,
        outcome: Outcome,
        counts: &BTreeMap<ItemOutcome, u32>,
        notes: &[String],
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let counts = serde_json::to_string(counts).unwrap_or_else(|_| "{}".into());
        let notes = serde_json::to_string(notes).unwrap_or_else(|_| "[]".into());
        self.conn()
            .execute(
                "UPDATE runs SET finished_at = ?2, outcome = ?3, counts_json = ?4, notes_json = ?5,
                   error = ?6 WHERE id = ?1",
                params![
                    run.0,
                    ts(self.now()),
                    outcome.as_str(),
                    counts,
                    notes,
                    error
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Closes runs of `job` left open by a crash as incomplete, with `note`. Call only while
    /// holding the job's run lock (so no open run is really still going).
    pub fn close_interrupted_runs(&self, job: Job, note: &str) -> Result<usize, StoreError> {
        let notes = serde_json::to_string(&[note]).unwrap_or_else(|_| "[]".into());
        self.conn()
            .execute(
                "UPDATE runs SET finished_at = ?2, outcome = 'incomplete', notes_json = ?3
                 WHERE job = ?1 AND outcome IS NULL",
                params![job.as_str(), ts(self.now()), notes],
            )
            .map_err(|e| self.sql(e))
    }

    /// Runs matching `filter`, newest first.
    pub fn list_runs(&self, filter: &RunFilter) -> Result<Vec<RunSummary>, StoreError> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM runs r
             WHERE (?1 IS NULL OR r.job = ?1)
               AND (?2 IS NULL OR r.outcome = ?2)
               AND (?3 IS NULL OR r.error LIKE ?3 ESCAPE '\\' OR r.notes_json LIKE ?3 ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM run_events e WHERE e.run_id = r.id
                       AND (e.item_key LIKE ?3 ESCAPE '\\' OR e.summary LIKE ?3 ESCAPE '\\'
                            OR e.detail LIKE ?3 ESCAPE '\\')))
             ORDER BY r.started_at DESC, r.id DESC
             LIMIT ?4"
        );
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let raws = stmt
            .query_map(
                params![
                    filter.job.map(Job::as_str),
                    filter.outcome.map(Outcome::as_str),
                    filter.text.as_deref().map(like_pattern),
                    i64::from(filter.limit.unwrap_or(50))
                ],
                read_run,
            )
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        raws.into_iter().map(to_summary).collect()
    }

    /// The newest run of `job`.
    pub fn last_run(&self, job: Job) -> Result<Option<RunSummary>, StoreError> {
        Ok(self
            .list_runs(&RunFilter {
                job: Some(job),
                limit: Some(1),
                ..RunFilter::default()
            })?
            .into_iter()
            .next())
    }

    /// One run with its events.
    pub fn run_detail(&self, id: RunId) -> Result<Option<RunDetail>, StoreError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1");
        let Some(raw) = self
            .conn()
            .query_row(&sql, [id.0], read_run)
            .optional()
            .map_err(|e| self.sql(e))?
        else {
            return Ok(None);
        };
        let run = to_summary(raw)?;
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT at, item_key, summary, outcome, detail, odoo_ids, request_id, technical
                 FROM run_events WHERE run_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let raws: Vec<RawEvent> = stmt
            .query_map([id.0], RawEvent::from_row)
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        let events = raws
            .into_iter()
            .map(RawEvent::into_recorded)
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(RunDetail { run, events }))
    }
}

/// A `run_events` row as stored, read by column name.
struct RawEvent {
    at: String,
    item_key: String,
    summary: String,
    outcome: String,
    detail: Option<String>,
    odoo_ids: String,
    request_id: Option<String>,
    technical: Option<String>,
}

impl RawEvent {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEvent> {
        Ok(RawEvent {
            at: r.get("at")?,
            item_key: r.get("item_key")?,
            summary: r.get("summary")?,
            outcome: r.get("outcome")?,
            detail: r.get("detail")?,
            odoo_ids: r.get("odoo_ids")?,
            request_id: r.get("request_id")?,
            technical: r.get("technical")?,
        })
    }

    fn into_recorded(self) -> Result<RecordedEvent, StoreError> {
        let odoo_ids = serde_json::from_str(&self.odoo_ids).map_err(|_| StoreError::Corrupt {
            column: "run_events.odoo_ids",
            value: self.odoo_ids.clone(),
        })?;
        Ok(RecordedEvent {
            at: parse_ts("run_events.at", &self.at)?,
            event: RunEvent {
                item_key: self.item_key,
                summary: self.summary,
                outcome: parse_name("run_events.outcome", &self.outcome)?,
                detail: self.detail,
                odoo_ids,
                request_id: self.request_id,
                technical: self.technical,
            },
        })
    }
}
