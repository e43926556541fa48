//! The mail job's own state (its tables, kept by the job, not the store): the person's remembered choices per address (a decision or
//! "ignore") and the mails still waiting in a transfer folder (for a decision, an unknown
//! address or a retry), so later runs re-plan them without re-reading the folder.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::address::Address;
use super::matching::Contact;
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
    /// `waiting`, `unassigned` or `failed`.
    pub verdict: String,
    /// The addresses still open, with the candidates shown for a decision.
    pub open: Vec<OpenAddress>,
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
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
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
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT verdict, mail_json, open_json FROM mail_pending ORDER BY graph_id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        rows.into_iter()
            .map(|(verdict, mail, open)| {
                Ok(PendingMail {
                    mail: serde_json::from_str(&mail)
                        .map_err(|e| corrupt("mail_pending.mail_json", e))?,
                    verdict,
                    open: serde_json::from_str(&open)
                        .map_err(|e| corrupt("mail_pending.open_json", e))?,
                })
            })
            .collect()
    }

    /// Keeps `pending` for later runs (replacing its earlier row).
    pub fn save_pending_mail(&self, pending: &PendingMail) -> Result<(), StoreError> {
        let mail = serde_json::to_string(&pending.mail).map_err(|e| corrupt("mail_pending", e))?;
        let open = serde_json::to_string(&pending.open).map_err(|e| corrupt("mail_pending", e))?;
        self.conn()
            .execute(
                "INSERT INTO mail_pending (graph_id, item_key, verdict, mail_json, open_json, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (graph_id) DO UPDATE SET item_key = excluded.item_key,
                   verdict = excluded.verdict, mail_json = excluded.mail_json,
                   open_json = excluded.open_json, updated_at = excluded.updated_at",
                params![
                    pending.mail.graph_id,
                    pending.mail.key.as_str(),
                    pending.verdict,
                    mail,
                    open,
                    ts(self.now())
                ],
            )
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
