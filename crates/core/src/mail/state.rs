//! The mail job's own state (its tables, kept by the job, not the store): the person's remembered choices per address (a decision or
//! "ignore") and the mails still waiting in a transfer folder (for a decision, an unknown
//! address or a retry), so later runs re-plan them without re-reading the folder.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::address::Address;
use super::matching::Contact;
use super::notes::Problem;
use super::plan::{AddressChoice, MailItem};
use crate::store::{Store, StoreError, ts};

/// Why an address of a mail is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenKind {
    /// Several contacts match: a person decides.
    Waiting,
    /// No contact matches.
    Unassigned,
}

/// An open address of one mail, with the candidates shown for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAddress {
    /// The address.
    pub address: Address,
    /// Why it is open.
    pub kind: OpenKind,
    /// The matching contacts (empty when unassigned).
    pub candidates: Vec<Contact>,
}

/// A mail that stays in its transfer folder until a person acts or a rerun settles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMail {
    /// The mail as the planner needs it.
    pub mail: MailItem,
    /// `waiting`, `unassigned`, `failed` (a later run retries it), `refused` (Odoo refuses it
    /// as it is: a person retries or skips it) or `skipped` (the person chose so).
    pub verdict: String,
    /// The addresses still open, with the candidates shown for a decision.
    pub open: Vec<OpenAddress>,
    /// Why Odoo refuses it (`refused` only).
    pub refusal: Option<Problem>,
}

fn corrupt(column: &'static str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        column,
        value: e.to_string(),
    }
}

impl Store {
    /// Every remembered choice, by address.
    pub fn mail_choices(&self) -> Result<BTreeMap<Address, AddressChoice>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT address, choice_json FROM mail_choices ORDER BY address")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>("address")?,
                    r.get::<_, String>("choice_json")?,
                ))
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        let mut out = BTreeMap::new();
        for (address, json) in rows {
            let address = Address::parse(&address)
                .ok_or_else(|| corrupt("mail_choices.address", &address))?;
            let choice: AddressChoice =
                serde_json::from_str(&json).map_err(|e| corrupt("mail_choices.choice_json", e))?;
            out.insert(address, choice);
        }
        Ok(out)
    }

    /// Remembers `choice` for `address` (replacing an earlier one).
    pub fn set_mail_choice(
        &self,
        address: &Address,
        choice: &AddressChoice,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(choice).map_err(|e| corrupt("mail_choices", e))?;
        self.conn()
            .execute(
                "INSERT INTO mail_choices (address, choice_json, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (address) DO UPDATE SET choice_json = excluded.choice_json,
                   updated_at = excluded.updated_at",
                params![address.as_str(), json, ts(self.now())],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Forgets the choice for `address`; true if there was one.
    pub fn clear_mail_choice(&self, address: &Address) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "DELETE FROM mail_choices WHERE address = ?1",
                [address.as_str()],
            )
            .map(|n| n > 0)
            .map_err(|e| self.sql(e))
    }

    /// Every pending mail, by Graph id.
    pub fn pending_mails(&self) -> Result<Vec<PendingMail>, StoreError> {
        self.pending_where("1 = 1", [])
    }

    /// The pending row of one mail, if it waits.
    pub fn pending_mail(&self, graph_id: &str) -> Result<Option<PendingMail>, StoreError> {
        Ok(self.pending_where("graph_id = ?1", [graph_id])?.pop())
    }

    /// The pending mails Odoo refuses (waiting for a person to retry or skip them).
    pub fn refused_mails(&self) -> Result<Vec<PendingMail>, StoreError> {
        self.pending_where("verdict = 'refused'", [])
    }

    fn pending_where(
        &self,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<PendingMail>, StoreError> {
        let conn = self.conn();
        let sql = format!(
            "SELECT verdict, mail_json, open_json, refusal_json FROM mail_pending
             WHERE {filter} ORDER BY graph_id"
        );
        let mut stmt = conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((
                    r.get::<_, String>("verdict")?,
                    r.get::<_, String>("mail_json")?,
                    r.get::<_, String>("open_json")?,
                    r.get::<_, Option<String>>("refusal_json")?,
                ))
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        rows.into_iter()
            .map(|(verdict, mail, open, refusal)| {
                Ok(PendingMail {
                    mail: serde_json::from_str(&mail)
                        .map_err(|e| corrupt("mail_pending.mail_json", e))?,
                    verdict,
                    open: serde_json::from_str(&open)
                        .map_err(|e| corrupt("mail_pending.open_json", e))?,
                    refusal: refusal
                        .map(|r| serde_json::from_str(&r))
                        .transpose()
                        .map_err(|e| corrupt("mail_pending.refusal_json", e))?,
                })
            })
            .collect()
    }

    /// Sets what a pending mail waits for (`failed`: the next run retries it; `skipped`);
    /// false when no such mail waits.
    pub fn set_pending_verdict(&self, graph_id: &str, verdict: &str) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "UPDATE mail_pending SET verdict = ?2, refusal_json = NULL, updated_at = ?3
                 WHERE graph_id = ?1",
                params![graph_id, verdict, ts(self.now())],
            )
            .map(|n| n > 0)
            .map_err(|e| self.sql(e))
    }

    /// Keeps `pending` for later runs (replacing its earlier row).
    pub fn save_pending_mail(&self, pending: &PendingMail) -> Result<(), StoreError> {
        let mail = serde_json::to_string(&pending.mail).map_err(|e| corrupt("mail_pending", e))?;
        let open = serde_json::to_string(&pending.open).map_err(|e| corrupt("mail_pending", e))?;
        let refusal = pending
            .refusal
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| corrupt("mail_pending", e))?;
        self.conn()
            .execute(
                "INSERT INTO mail_pending (graph_id, item_key, verdict, mail_json, open_json,
                   refusal_json, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (graph_id) DO UPDATE SET item_key = excluded.item_key,
                   verdict = excluded.verdict, mail_json = excluded.mail_json,
                   open_json = excluded.open_json, refusal_json = excluded.refusal_json,
                   updated_at = excluded.updated_at",
                params![
                    pending.mail.graph_id,
                    pending.mail.key.as_str(),
                    pending.verdict,
                    mail,
                    open,
                    refusal,
                    ts(self.now())
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Notes the attachments created for the post of journal entry `journal`, before posting.
    pub(crate) fn note_unposted_attachments(
        &self,
        journal: crate::model::JournalId,
        ids: &[crate::model::OdooId],
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(&ids.iter().map(|i| i.0).collect::<Vec<_>>())
            .map_err(|e| corrupt("mail_orphan_attachments", e))?;
        self.conn()
            .prepare_cached(
                "INSERT INTO mail_orphan_attachments (journal_id, ids_json, created_at)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (journal_id) DO UPDATE SET ids_json = excluded.ids_json",
            )
            .and_then(|mut s| s.execute(params![journal.0, json, ts(self.now())]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Takes the attachments a post of journal entry `journal` left behind (a kill between
    /// creating them and posting), forgetting them.
    pub(crate) fn take_unposted_attachments(
        &self,
        journal: crate::model::JournalId,
    ) -> Result<Vec<crate::model::OdooId>, StoreError> {
        let conn = self.conn();
        let json: Option<String> = conn
            .prepare_cached("SELECT ids_json FROM mail_orphan_attachments WHERE journal_id = ?1")
            .and_then(|mut s| s.query_row([journal.0], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?;
        let Some(json) = json else {
            return Ok(Vec::new());
        };
        conn.prepare_cached("DELETE FROM mail_orphan_attachments WHERE journal_id = ?1")
            .and_then(|mut s| s.execute([journal.0]))
            .map_err(|e| self.sql(e))?;
        let ids: Vec<i64> = serde_json::from_str(&json)
            .map_err(|e| corrupt("mail_orphan_attachments.ids_json", e))?;
        Ok(ids.into_iter().map(crate::model::OdooId).collect())
    }

    /// The fingerprint of the filed copy of `key` and that copy's Graph id, if one was filed.
    pub(crate) fn filed_fingerprint(
        &self,
        key: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        self.conn()
            .prepare_cached(
                "SELECT graph_id, fingerprint FROM mail_fingerprints WHERE item_key = ?1",
            )
            .and_then(|mut s| {
                s.query_row([key], |r| Ok((r.get("graph_id")?, r.get("fingerprint")?)))
                    .optional()
            })
            .map_err(|e| self.sql(e))
    }

    /// Remembers what the first filed copy of `key` looked like.
    pub(crate) fn remember_fingerprint(
        &self,
        key: &str,
        graph_id: &str,
        fingerprint: &str,
    ) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached(
                "INSERT INTO mail_fingerprints (item_key, graph_id, fingerprint, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (item_key) DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![key, graph_id, fingerprint, ts(self.now())]))
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Drops the pending row of a mail (settled, or gone from its folder).
    pub fn remove_pending_mail(&self, graph_id: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM mail_pending WHERE graph_id = ?1", [graph_id])
            .map_err(|e| self.sql(e))?;
        Ok(())
    }
}
