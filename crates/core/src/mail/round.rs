//! The mails of one run, staged in a temporary SQLite table as the delta pages arrive, so a
//! backlog of 10,000 mails is planned and filed a page at a time and never held in memory at
//! once, while the run still knows how many there are ("n of m"). Each run has its own table
//! (a preview beside a run on the same connection stays apart), dropped when the run ends.

use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{OptionalExtension, params};

use super::plan::MailItem;
use crate::store::{Store, StoreError};

/// The staged mails of one run.
pub(super) struct StagedRound<'s> {
    store: &'s Store,
    table: String,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        column: "mail_round.item_json",
        value: e.to_string(),
    }
}

impl<'s> StagedRound<'s> {
    /// A new, empty round.
    pub(super) fn new(store: &'s Store) -> Result<Self, StoreError> {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let table = format!("mail_round_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        store
            .conn()
            .execute_batch(&format!(
                "CREATE TEMP TABLE {table} (seq INTEGER PRIMARY KEY, graph_id TEXT NOT NULL UNIQUE,
                   scope TEXT, removed INTEGER NOT NULL, item_json TEXT)"
            ))
            .map_err(|e| store.sql(e))?;
        Ok(StagedRound { store, table })
    }

    /// The store the round is staged in.
    pub(super) fn store(&self) -> &'s Store {
        self.store
    }

    /// Stages a mail read from a folder (`scope`); a mail this round already has stays as it
    /// was, one seen leaving earlier in the round came back (the later change wins).
    pub(super) fn stage(&self, item: &MailItem, scope: Option<&str>) -> Result<(), StoreError> {
        let json = serde_json::to_string(item).map_err(corrupt)?;
        self.execute(
            "INSERT INTO {t} (graph_id, scope, removed, item_json) VALUES (?1, ?2, 0, ?3)
             ON CONFLICT (graph_id) DO UPDATE SET removed = 0, scope = excluded.scope,
               item_json = excluded.item_json WHERE removed = 1",
            params![item.graph_id, scope, json],
        )
    }

    /// Notes that a mail left its folder (also after it was staged in this round: the later
    /// change wins): nothing waits on it any more.
    pub(super) fn left(&self, graph_id: &str) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO {t} (graph_id, scope, removed, item_json) VALUES (?1, NULL, 1, NULL)
             ON CONFLICT (graph_id) DO UPDATE SET removed = 1",
            params![graph_id],
        )
    }

    /// Whether the round already has this mail staged (a mail seen leaving is read again when
    /// it comes back).
    pub(super) fn has(&self, graph_id: &str) -> Result<bool, StoreError> {
        let sql = format!(
            "SELECT 1 FROM {} WHERE graph_id = ?1 AND removed = 0",
            self.table
        );
        let conn = self.store.conn();
        conn.query_row(&sql, [graph_id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.store.sql(e))
    }

    /// Stages the mails still pending from earlier runs that the folders did not bring again.
    pub(super) fn stage_pending(&self) -> Result<(), StoreError> {
        self.execute(
            "INSERT OR IGNORE INTO {t} (graph_id, scope, removed, item_json)
             SELECT graph_id, NULL, 0, mail_json FROM mail_pending ORDER BY graph_id",
            [],
        )
    }

    /// How many mails the round has to handle.
    pub(super) fn count(&self) -> Result<usize, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE removed = 0", self.table);
        let n: i64 = self
            .store
            .conn()
            .query_row(&sql, [], |r| r.get(0))
            .map_err(|e| self.store.sql(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Up to `limit` mails after position `after`, in the order they were staged.
    pub(super) fn page(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, MailItem)>, StoreError> {
        let sql = format!(
            "SELECT seq, item_json FROM {} WHERE removed = 0 AND seq > ?1 ORDER BY seq LIMIT ?2",
            self.table
        );
        let conn = self.store.conn();
        let mut stmt = conn.prepare(&sql).map_err(|e| self.store.sql(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![after, limit], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| self.store.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.store.sql(e))?;
        rows.into_iter()
            .map(|(seq, json)| Ok((seq, serde_json::from_str(&json).map_err(corrupt)?)))
            .collect()
    }

    /// Drops the pending rows of the mails that left their folder this round.
    pub(super) fn forget_the_ones_that_left(&self) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM mail_pending WHERE graph_id IN (SELECT graph_id FROM {t} WHERE removed = 1)",
            [],
        )
    }

    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<(), StoreError> {
        let sql = sql.replace("{t}", &self.table);
        self.store
            .conn()
            .execute(&sql, params)
            .map(|_| ())
            .map_err(|e| self.store.sql(e))
    }
}

impl Drop for StagedRound<'_> {
    fn drop(&mut self) {
        let sql = format!("DROP TABLE IF EXISTS temp.{}", self.table);
        if let Err(e) = self.store.conn().execute_batch(&sql) {
            tracing::debug!(error = %e, "a run's staging table not dropped");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::SystemClock;
    use crate::mail::key::MailKey;
    use crate::mail::plan::Direction;

    fn mail(id: &str) -> MailItem {
        MailItem {
            graph_id: id.into(),
            direction: Direction::Incoming,
            key: MailKey(format!("<{id}@x>")),
            subject: id.into(),
            from: None,
            to: vec![],
            cc: vec![],
            sent: None,
            has_attachments: false,
        }
    }

    #[test]
    fn two_runs_on_one_connection_stage_apart_and_a_mail_seen_leaving_stays_out() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        let run = StagedRound::new(&store).expect("round");
        let preview = StagedRound::new(&store).expect("another round");
        for id in ["a", "b", "gone", "a"] {
            run.stage(&mail(id), Some("incoming:f")).expect("staged");
        }
        run.left("gone").expect("left");
        preview.stage(&mail("c"), None).expect("staged");
        assert_eq!(run.count().expect("count"), 2, "a once, b; gone left");
        assert_eq!(preview.count().expect("count"), 1);
        let first = run.page(0, 1).expect("page");
        assert_eq!(first[0].1.graph_id, "a");
        let rest = run.page(first[0].0, 10).expect("page");
        let ids: Vec<&str> = rest.iter().map(|(_, m)| m.graph_id.as_str()).collect();
        assert_eq!(ids, ["b"]);
        drop(run);
        assert_eq!(preview.count().expect("count"), 1, "the other round stays");
    }

    #[test]
    fn the_later_of_leaving_and_coming_back_wins_within_a_round() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
        let round = StagedRound::new(&store).expect("round");
        round.left("back").expect("left");
        assert!(
            !round.has("back").expect("has"),
            "read again when it comes back"
        );
        round
            .stage(&mail("back"), Some("incoming:f"))
            .expect("staged");
        round
            .stage(&mail("gone"), Some("incoming:f"))
            .expect("staged");
        round.left("gone").expect("left");
        let staged: Vec<String> = round
            .page(0, 10)
            .expect("page")
            .into_iter()
            .map(|(_, m)| m.graph_id)
            .collect();
        assert_eq!(staged, ["back"]);
    }
}
