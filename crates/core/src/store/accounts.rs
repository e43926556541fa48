//! Connected accounts: one Microsoft mailbox and one Odoo user per OS user. No secrets here:
//! tokens and API keys live in the keyring ([`crate::secrets`]).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, parse_name, parse_ts, ts};
use crate::model::AccountKind;

/// A connected account as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Microsoft or Odoo.
    pub kind: AccountKind,
    /// Who is signed in: the UPN for Microsoft, the login for Odoo.
    pub identity: String,
    /// A name to show, when known.
    pub display_name: Option<String>,
    /// Where the account lives (authority/graph URLs, Odoo URL and database).
    pub endpoints: serde_json::Value,
    /// When it was first connected.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// An account to save (replacing the one of the same kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// Microsoft or Odoo.
    pub kind: AccountKind,
    /// The UPN or Odoo login.
    pub identity: String,
    /// A name to show.
    pub display_name: Option<String>,
    /// Endpoints as a JSON object.
    pub endpoints: serde_json::Value,
}

impl Store {
    /// Saves `account`, replacing the previous account of its kind.
    pub fn save_account(&self, account: &NewAccount) -> Result<(), StoreError> {
        let now = ts(self.now());
        self.conn()
            .execute(
                "INSERT INTO accounts (kind, identity, display_name, endpoints_json, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (kind) DO UPDATE SET identity = excluded.identity,
                   display_name = excluded.display_name, endpoints_json = excluded.endpoints_json,
                   updated_at = excluded.updated_at",
                params![
                    account.kind.as_str(),
                    account.identity,
                    account.display_name,
                    account.endpoints.to_string(),
                    now
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// All connected accounts, Microsoft first.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT kind, identity, display_name, endpoints_json, created_at, updated_at
                 FROM accounts ORDER BY kind",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], row_to_raw)
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?;
        rows.into_iter().map(raw_to_account).collect()
    }

    /// The account of `kind`, if connected.
    pub fn account(&self, kind: AccountKind) -> Result<Option<Account>, StoreError> {
        let raw = self
            .conn()
            .query_row(
                "SELECT kind, identity, display_name, endpoints_json, created_at, updated_at
                 FROM accounts WHERE kind = ?1",
                [kind.as_str()],
                row_to_raw,
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        raw.map(raw_to_account).transpose()
    }

    /// Forgets the account of `kind`; true if there was one.
    pub fn remove_account(&self, kind: AccountKind) -> Result<bool, StoreError> {
        self.conn()
            .execute("DELETE FROM accounts WHERE kind = ?1", [kind.as_str()])
            .map(|n| n > 0)
            .map_err(|e| self.sql(e))
    }
}

type RawAccount = (String, String, Option<String>, String, String, String);

fn row_to_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawAccount> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn raw_to_account(raw: RawAccount) -> Result<Account, StoreError> {
    let (kind, identity, display_name, endpoints, created, updated) = raw;
    Ok(Account {
        kind: parse_name("accounts.kind", &kind)?,
        identity,
        display_name,
        endpoints: serde_json::from_str(&endpoints).map_err(|_| StoreError::Corrupt {
            column: "accounts.endpoints_json",
            value: endpoints.clone(),
        })?,
        created_at: parse_ts("accounts.created_at", &created)?,
        updated_at: parse_ts("accounts.updated_at", &updated)?,
    })
}
