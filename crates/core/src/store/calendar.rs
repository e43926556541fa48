//! What the calendar job remembers per imported Outlook event (`calendar_events`, V6).

use std::collections::BTreeMap;

use rusqlite::params;
use serde_json::Value;

use super::{Store, StoreError, ts};
use crate::model::OdooId;

/// One imported Outlook event and the Odoo event it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLink {
    /// The Odoo event.
    pub odoo: OdooId,
    /// The meeting's identity.
    pub ical_uid: String,
    /// The Outlook change key last imported.
    pub change_key: String,
    /// The Odoo event's fields as read right after our last write.
    pub snapshot: BTreeMap<String, Value>,
    /// The person organised it (deleting it ends the meeting for everyone).
    pub organizer_is_me: bool,
}

impl Store {
    /// The links of the given Outlook events, by Outlook id.
    pub fn event_links(
        &self,
        outlook_ids: &[&str],
    ) -> Result<BTreeMap<String, EventLink>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT outlook_id, ical_uid, change_key, odoo_id, snapshot_json, organizer_is_me
                 FROM calendar_events WHERE outlook_id = ?1",
            )
            .map_err(|e| self.sql(e))?;
        let mut out = BTreeMap::new();
        for id in outlook_ids {
            let mut rows = stmt.query([id]).map_err(|e| self.sql(e))?;
            if let Some(r) = rows.next().map_err(|e| self.sql(e))? {
                let snapshot: String = r.get("snapshot_json").map_err(|e| self.sql(e))?;
                let link = EventLink {
                    odoo: OdooId(r.get("odoo_id").map_err(|e| self.sql(e))?),
                    ical_uid: r.get("ical_uid").map_err(|e| self.sql(e))?,
                    change_key: r.get("change_key").map_err(|e| self.sql(e))?,
                    snapshot: serde_json::from_str(&snapshot).map_err(|_| StoreError::Corrupt {
                        column: "calendar_events.snapshot_json",
                        value: snapshot.clone(),
                    })?,
                    organizer_is_me: r
                        .get::<_, i64>("organizer_is_me")
                        .map_err(|e| self.sql(e))?
                        != 0,
                };
                out.insert((*id).to_owned(), link);
            }
        }
        Ok(out)
    }

    /// Remembers (or replaces) what an Outlook event became.
    pub fn save_event_link(&self, outlook_id: &str, link: &EventLink) -> Result<(), StoreError> {
        let snapshot = serde_json::to_string(&link.snapshot).unwrap_or_else(|_| "{}".into());
        self.conn()
            .execute(
                "INSERT INTO calendar_events (outlook_id, ical_uid, change_key, odoo_id,
                   snapshot_json, organizer_is_me, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (outlook_id) DO UPDATE SET ical_uid = excluded.ical_uid,
                   change_key = excluded.change_key, odoo_id = excluded.odoo_id,
                   snapshot_json = excluded.snapshot_json,
                   organizer_is_me = excluded.organizer_is_me, updated_at = excluded.updated_at",
                params![
                    outlook_id,
                    link.ical_uid,
                    link.change_key,
                    link.odoo.0,
                    snapshot,
                    i64::from(link.organizer_is_me),
                    ts(self.now())
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Forgets an Outlook event (archived or left in Odoo: nothing more to follow).
    pub fn forget_event_link(&self, outlook_id: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "DELETE FROM calendar_events WHERE outlook_id = ?1",
                [outlook_id],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// How many Outlook events are linked (for the status).
    pub fn event_link_count(&self) -> Result<u64, StoreError> {
        self.conn()
            .query_row("SELECT COUNT(*) FROM calendar_events", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.sql(e))
    }

    /// The cursor scopes of `job` saved so far (the calendar's windows, by their dates).
    pub fn cursor_scopes(&self, job: crate::model::Job) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT scope FROM cursors WHERE job = ?1 ORDER BY scope")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([job.as_str()], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }
}
