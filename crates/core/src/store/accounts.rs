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
    /// When it was last changed (for Odoo: when what is stored of it was read from Odoo).
    pub updated_at: DateTime<Utc>,
    /// When its remote last answered and accepted the stored sign-in or key.
    pub checked_at: Option<DateTime<Utc>>,
    /// When its remote refused the stored sign-in or key, unless it accepted it again since.
    pub refused_at: Option<DateTime<Utc>>,
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
                "SELECT kind, identity, display_name, endpoints_json, created_at, updated_at,
                   checked_at, refused_at
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
                "SELECT kind, identity, display_name, endpoints_json, created_at, updated_at,
                   checked_at, refused_at
                 FROM accounts WHERE kind = ?1",
                [kind.as_str()],
                row_to_raw,
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        raw.map(raw_to_account).transpose()
    }

    /// Notes that the remote of `kind` answered and accepted the stored sign-in or key just
    /// now: a refusal before is over. Without an account of that kind there is nothing to note.
    pub fn note_accepted(&self, kind: AccountKind) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE accounts SET checked_at = ?2, refused_at = NULL WHERE kind = ?1",
                params![kind.as_str(), ts(self.now())],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Notes that the remote of `kind` refused the stored sign-in or key just now.
    pub fn note_refused(&self, kind: AccountKind) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE accounts SET refused_at = ?2 WHERE kind = ?1",
                params![kind.as_str(), ts(self.now())],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Forgets the account of `kind`; true if there was one.
    pub fn remove_account(&self, kind: AccountKind) -> Result<bool, StoreError> {
        self.conn()
            .execute("DELETE FROM accounts WHERE kind = ?1", [kind.as_str()])
            .map(|n| n > 0)
            .map_err(|e| self.sql(e))
    }
}

/// An account row as SQLite gives it, before its values are checked.
struct RawAccount {
    kind: String,
    identity: String,
    display_name: Option<String>,
    endpoints: String,
    created_at: String,
    updated_at: String,
    checked_at: Option<String>,
    refused_at: Option<String>,
}

fn row_to_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawAccount> {
    Ok(RawAccount {
        kind: r.get("kind")?,
        identity: r.get("identity")?,
        display_name: r.get("display_name")?,
        endpoints: r.get("endpoints_json")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        checked_at: r.get("checked_at")?,
        refused_at: r.get("refused_at")?,
    })
}

fn raw_to_account(raw: RawAccount) -> Result<Account, StoreError> {
    let optional = |column, text: Option<String>| text.map(|t| parse_ts(column, &t)).transpose();
    Ok(Account {
        kind: parse_name("accounts.kind", &raw.kind)?,
        identity: raw.identity,
        display_name: raw.display_name,
        endpoints: serde_json::from_str(&raw.endpoints).map_err(|_| StoreError::Corrupt {
            column: "accounts.endpoints_json",
            value: raw.endpoints.clone(),
        })?,
        created_at: parse_ts("accounts.created_at", &raw.created_at)?,
        updated_at: parse_ts("accounts.updated_at", &raw.updated_at)?,
        checked_at: optional("accounts.checked_at", raw.checked_at)?,
        refused_at: optional("accounts.refused_at", raw.refused_at)?,
    })
}
