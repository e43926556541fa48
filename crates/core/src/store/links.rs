//! Item links: which remote item (Graph id) is which Odoo record, per job and domain.
//!
//! Unique both ways within a job/domain, so one Outlook event never maps to two Odoo events and
//! one Odoo contact never to two Outlook contacts.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, parse_name, ts};
use crate::model::{GraphId, Job, LinkId, OdooId, OdooRef};

/// Where a link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// Both sides agree.
    Synced,
    /// A write is in flight (see the journal).
    Pending,
    /// Waits for a person.
    Parked,
    /// The item was deleted; kept so it is not recreated.
    Tombstone,
}

impl LinkState {
    fn as_str(self) -> &'static str {
        match self {
            LinkState::Synced => "synced",
            LinkState::Pending => "pending",
            LinkState::Parked => "parked",
            LinkState::Tombstone => "tombstone",
        }
    }
}

impl std::str::FromStr for LinkState {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            LinkState::Synced,
            LinkState::Pending,
            LinkState::Parked,
            LinkState::Tombstone,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
        .ok_or(())
    }
}

/// A link as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The row id.
    pub id: LinkId,
    /// The job.
    pub job: Job,
    /// The kind of item within the job, e.g. `event` or `contact`.
    pub domain: String,
    /// The Graph id.
    pub remote_id: GraphId,
    /// The Odoo record.
    pub odoo: OdooRef,
    /// Where the link stands.
    pub state: LinkState,
    /// The Graph change key last seen.
    pub remote_change_key: Option<String>,
    /// The Odoo `write_date` last seen.
    pub odoo_write_date: Option<String>,
    /// Hash of the synced fields on the Graph side.
    pub remote_hash: Option<String>,
    /// Hash of the synced fields on the Odoo side.
    pub odoo_hash: Option<String>,
    /// The last error for this item.
    pub last_error: Option<String>,
}

/// A link to create or update (matched by job, domain and remote id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    /// The job.
    pub job: Job,
    /// The kind of item within the job.
    pub domain: String,
    /// The Graph id.
    pub remote_id: GraphId,
    /// The Odoo record.
    pub odoo: OdooRef,
    /// Where the link stands.
    pub state: LinkState,
    /// The Graph change key.
    pub remote_change_key: Option<String>,
    /// The Odoo `write_date`.
    pub odoo_write_date: Option<String>,
    /// Hash of the synced Graph fields.
    pub remote_hash: Option<String>,
    /// Hash of the synced Odoo fields.
    pub odoo_hash: Option<String>,
}

const COLUMNS: &str = "id, job, domain, remote_id, odoo_model, odoo_id, state, remote_change_key,
    odoo_write_date, remote_hash, odoo_hash, last_error";

type RawLink = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn read_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawLink> {
    Ok((
        r.get("id")?,
        r.get("job")?,
        r.get("domain")?,
        r.get("remote_id")?,
        r.get("odoo_model")?,
        r.get("odoo_id")?,
        r.get("state")?,
        r.get("remote_change_key")?,
        r.get("odoo_write_date")?,
        r.get("remote_hash")?,
        r.get("odoo_hash")?,
        r.get("last_error")?,
    ))
}

fn to_link(raw: RawLink) -> Result<Link, StoreError> {
    let (id, job, domain, remote, model, odoo_id, state, ck, wd, rh, oh, err) = raw;
    Ok(Link {
        id: LinkId(id),
        job: parse_name("links.job", &job)?,
        domain,
        remote_id: GraphId(remote),
        odoo: OdooRef {
            model,
            id: OdooId(odoo_id),
        },
        state: state.parse().map_err(|_| StoreError::Corrupt {
            column: "links.state",
            value: state.clone(),
        })?,
        remote_change_key: ck,
        odoo_write_date: wd,
        remote_hash: rh,
        odoo_hash: oh,
        last_error: err,
    })
}

impl Store {
    /// Creates or updates the link of `link.remote_id`; fails if the Odoo record is already
    /// linked to another remote item (the unique constraint keeps links one-to-one).
    pub fn save_link(&self, link: &NewLink) -> Result<LinkId, StoreError> {
        self.conn()
            .query_row(
                "INSERT INTO links (job, domain, remote_id, odoo_model, odoo_id, state,
                   remote_change_key, odoo_write_date, remote_hash, odoo_hash, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (job, domain, remote_id) DO UPDATE SET odoo_model = excluded.odoo_model,
                   odoo_id = excluded.odoo_id, state = excluded.state,
                   remote_change_key = excluded.remote_change_key,
                   odoo_write_date = excluded.odoo_write_date, remote_hash = excluded.remote_hash,
                   odoo_hash = excluded.odoo_hash, last_error = NULL, updated_at = excluded.updated_at
                 RETURNING id",
                params![
                    link.job.as_str(),
                    link.domain,
                    link.remote_id.0,
                    link.odoo.model,
                    link.odoo.id.0,
                    link.state.as_str(),
                    link.remote_change_key,
                    link.odoo_write_date,
                    link.remote_hash,
                    link.odoo_hash,
                    ts(self.now())
                ],
                |r| r.get(0),
            )
            .map(LinkId)
            .map_err(|e| self.sql(e))
    }

    /// The link of a remote item.
    pub fn link_by_remote(
        &self,
        job: Job,
        domain: &str,
        remote_id: &GraphId,
    ) -> Result<Option<Link>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM links WHERE job = ?1 AND domain = ?2 AND remote_id = ?3"
        );
        self.conn()
            .query_row(&sql, params![job.as_str(), domain, remote_id.0], read_raw)
            .optional()
            .map_err(|e| self.sql(e))?
            .map(to_link)
            .transpose()
    }

    /// The link of an Odoo record.
    pub fn link_by_odoo(
        &self,
        job: Job,
        domain: &str,
        odoo: &OdooRef,
    ) -> Result<Option<Link>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM links WHERE job = ?1 AND domain = ?2 AND odoo_model = ?3 AND odoo_id = ?4"
        );
        self.conn()
            .query_row(
                &sql,
                params![job.as_str(), domain, odoo.model, odoo.id.0],
                read_raw,
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .map(to_link)
            .transpose()
    }

    /// All links of a job's domain, by id.
    pub fn links(&self, job: Job, domain: &str) -> Result<Vec<Link>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM links WHERE job = ?1 AND domain = ?2 ORDER BY id");
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let raws = stmt
            .query_map(params![job.as_str(), domain], read_raw)
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        raws.into_iter().map(to_link).collect()
    }

    /// Notes an error on a link (shown in the UI until the next successful sync of the item).
    pub fn set_link_error(&self, id: LinkId, error: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE links SET last_error = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.0, error, ts(self.now())],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Removes a link.
    pub fn delete_link(&self, id: LinkId) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM links WHERE id = ?1", [id.0])
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
