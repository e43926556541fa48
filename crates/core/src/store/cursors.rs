//! Per-job cursors: where the last complete read of a scope ended (a Graph delta link, an Odoo
//! `write_date`). Saved only when every action of the scope settled, so a rerun re-reads the rest.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, parse_ts, ts};
use crate::model::Job;

/// The saved read position of one scope of a job (e.g. one transfer folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cursor {
    /// The job.
    pub job: Job,
    /// The scope within the job, e.g. a folder id.
    pub scope: String,
    /// The Graph `@odata.deltaLink` to continue from.
    pub graph_delta_link: Option<String>,
    /// Odoo records changed after this `write_date` are read next.
    pub odoo_since: Option<String>,
    /// When the scope was last enumerated in full (deletes detection).
    pub last_full_scan: Option<DateTime<Utc>>,
}

impl Store {
    /// The cursor of `job`/`scope`, if one was saved.
    pub fn cursor(&self, job: Job, scope: &str) -> Result<Option<Cursor>, StoreError> {
        let raw: Option<(Option<String>, Option<String>, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT graph_delta_link, odoo_since, last_full_scan FROM cursors
                 WHERE job = ?1 AND scope = ?2",
                params![job.as_str(), scope],
                |r| {
                    Ok((
                        r.get("graph_delta_link")?,
                        r.get("odoo_since")?,
                        r.get("last_full_scan")?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        raw.map(|(delta, since, scan)| {
            Ok(Cursor {
                job,
                scope: scope.to_owned(),
                graph_delta_link: delta,
                odoo_since: since,
                last_full_scan: scan
                    .map(|s| parse_ts("cursors.last_full_scan", &s))
                    .transpose()?,
            })
        })
        .transpose()
    }

    /// Saves `cursor`, replacing the previous one of its scope.
    pub fn save_cursor(&self, cursor: &Cursor) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO cursors (job, scope, graph_delta_link, odoo_since, last_full_scan, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (job, scope) DO UPDATE SET graph_delta_link = excluded.graph_delta_link,
                   odoo_since = excluded.odoo_since, last_full_scan = excluded.last_full_scan,
                   updated_at = excluded.updated_at",
                params![
                    cursor.job.as_str(),
                    cursor.scope,
                    cursor.graph_delta_link,
                    cursor.odoo_since,
                    cursor.last_full_scan.map(ts),
                    ts(self.now())
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Forgets the cursor of `job`/`scope` (the next run reads the scope in full).
    pub fn clear_cursor(&self, job: Job, scope: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "DELETE FROM cursors WHERE job = ?1 AND scope = ?2",
                params![job.as_str(), scope],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
