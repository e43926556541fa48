//! The Odoo half of the connection test. A passing test reads everything it shows from Odoo
//! (version, user, apps) and stores it with the time it was read; a failing one shows what was
//! stored, with that time, so nothing old is taken for current. Both note in the store whether
//! Odoo accepted or refused the stored key, for the status.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Session;
use crate::error::{CoreError, UiError};
use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::{Language, Msg};
use crate::model::AccountKind;
use crate::odoo::messages::{NoAnswer, OdooMsg};
use crate::odoo::{OdooAccount, OdooClient, OdooError};
use crate::secrets::SecretStore;
use crate::store::{Account, NewAccount};

/// The Odoo half of the connection test, as the wizard and `office-connector test` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "OdooCheck"))]
pub struct OdooCheck {
    /// Whether an Odoo account is stored.
    pub connected: bool,
    /// The server's base URL.
    pub url: Option<String>,
    /// The database.
    pub database: Option<String>,
    /// The login.
    pub login: Option<String>,
    /// Whether the server answered (none: not tried).
    pub reachable: Option<bool>,
    /// Whether the stored key was accepted (none: not tried).
    pub login_ok: Option<bool>,
    /// The server version, e.g. "17.0" (as of `known_at`).
    pub version: Option<String>,
    /// The user's name as Odoo has it (as of `known_at`).
    pub user: Option<String>,
    /// Whether Calendar is installed (as of `known_at`).
    pub calendar_installed: Option<bool>,
    /// Whether CRM is installed (as of `known_at`).
    pub crm_installed: Option<bool>,
    /// When version, user and apps were read from Odoo: now when the test passed, else at the
    /// connect or the last test that passed.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub known_at: Option<DateTime<Utc>>,
    /// When Odoo last answered and accepted the stored key.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub checked_at: Option<DateTime<Utc>>,
    /// When Odoo refused the stored key, unless it accepted it again since.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub refused_at: Option<DateTime<Utc>>,
    /// Why Odoo did not answer, in a few words in the user's language (none: it answered, or
    /// was not asked).
    pub no_answer: Option<String>,
    /// What failed, in the user's language.
    #[cfg_attr(feature = "ts", ts(type = "UiError | null"))]
    pub error: Option<UiError>,
    /// `no_answer` as a value, to say it in any language.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    no_answer_reason: Option<NoAnswer>,
}

impl OdooCheck {
    /// The check before anything was tried: what the stored account says, and since when.
    fn of(stored: Option<(&OdooAccount, &Account)>) -> Self {
        let account = stored.map(|(a, _)| a);
        let row = stored.map(|(_, r)| r);
        OdooCheck {
            connected: account.is_some(),
            url: account.map(|a| a.url.clone()),
            database: account.map(|a| a.db.clone()),
            login: account.map(|a| a.login.clone()),
            reachable: None,
            login_ok: None,
            version: account.map(|a| a.version.clone()),
            user: account.map(|a| a.name.clone()),
            calendar_installed: account.map(|a| a.calendar_installed),
            crm_installed: account.map(|a| a.crm_installed),
            known_at: row.map(|r| r.updated_at),
            checked_at: row.and_then(|r| r.checked_at),
            refused_at: row.and_then(|r| r.refused_at),
            no_answer: None,
            error: None,
            no_answer_reason: None,
        }
    }

    fn with_error(mut self, error: UiError) -> Self {
        self.error = Some(error);
        self
    }

    /// Whether everything checked out.
    pub fn ok(&self) -> bool {
        self.connected && self.error.is_none() && self.login_ok == Some(true)
    }

    /// The stored facts with when they were read (shown by `show_time`), for a check that
    /// could not read them now; none when the test passed (then they are current) or nothing
    /// is stored.
    pub fn last_known(&self, show_time: impl Fn(DateTime<Utc>) -> String) -> Option<OdooMsg> {
        if self.ok() || !self.connected {
            return None;
        }
        let at = self.known_at?;
        let apps = [
            ("Calendar", self.calendar_installed),
            ("CRM", self.crm_installed),
        ]
        .into_iter()
        .filter_map(|(app, installed)| installed.map(|i| (app, i)))
        .collect();
        Some(OdooMsg::LastKnown {
            no_answer: self.no_answer_reason,
            at: show_time(at),
            version: self.version.clone().unwrap_or_default(),
            apps,
        })
    }
}

impl Session {
    /// The Odoo half of the connection test, with the keyring.
    pub async fn test_odoo(&self) -> OdooCheck {
        self.test_odoo_with(&self.secrets()).await
    }

    /// The Odoo half of the connection test: reachable, key accepted, version, user, apps.
    pub async fn test_odoo_with(&self, secrets: &dyn SecretStore) -> OdooCheck {
        let lang = self.language();
        let (account, row) = match self.odoo_account_row() {
            Ok(Some(stored)) => stored,
            Ok(None) => return OdooCheck::of(None),
            Err(e) => return OdooCheck::of(None).with_error(e.to_ui(lang)),
        };
        let check = OdooCheck::of(Some((&account, &row)));
        let client = match self.odoo_client_timed(secrets, crate::odoo::Timeouts::interactive()) {
            Ok(Some(c)) => c,
            Ok(None) => return OdooCheck::of(None),
            Err(e) => return check.with_error(e.to_ui(lang)),
        };
        match read_account(&client, &account).await {
            Ok(fresh) => self.passed(check, fresh, lang),
            Err(e) => self.failed(check, &e, lang),
        }
    }

    /// Odoo answered everything: what it said is stored (as of now) and shown.
    fn passed(&self, mut check: OdooCheck, fresh: OdooAccount, lang: Language) -> OdooCheck {
        check.reachable = Some(true);
        check.login_ok = Some(true);
        check.version = Some(fresh.version.clone());
        check.user = Some(fresh.name.clone());
        check.calendar_installed = Some(fresh.calendar_installed);
        check.crm_installed = Some(fresh.crm_installed);
        match self.store_read_account(&fresh) {
            Ok(Some(row)) => {
                check.known_at = Some(row.updated_at);
                check.checked_at = row.checked_at;
                check.refused_at = row.refused_at;
                check
            }
            // disconnected while the test ran: nothing to keep
            Ok(None) => check,
            Err(e) => check.with_error(e.to_ui(lang)),
        }
    }

    /// Odoo did not answer, or refused: the stored facts stay as they were, with their time.
    fn failed(&self, mut check: OdooCheck, error: &OdooError, lang: Language) -> OdooCheck {
        let ui = error.to_ui(lang);
        let no_answer = error.no_answer();
        check.reachable = Some(no_answer.is_none());
        check.no_answer = no_answer.map(|n| Msg::Odoo(OdooMsg::NoAnswer(n)).render(lang));
        check.no_answer_reason = no_answer;
        if matches!(
            ui.code,
            ErrorCode::CredentialsRejected | ErrorCode::PermissionDenied
        ) {
            check.login_ok = Some(false);
        }
        if error.is_refusal() {
            let noted = self
                .store
                .note_refused(AccountKind::Odoo)
                .and_then(|()| self.store.account(AccountKind::Odoo));
            match noted {
                Ok(row) => check.refused_at = row.and_then(|r| r.refused_at),
                Err(e) => tracing::warn!(error = %e, "could not note the refused odoo key"),
            }
        }
        check.with_error(ui)
    }

    /// Stores what a passing test read and that Odoo accepted the key; the row as stored.
    fn store_read_account(&self, fresh: &OdooAccount) -> Result<Option<Account>, CoreError> {
        let endpoints = serde_json::to_value(fresh).map_err(|e| OdooError::UnexpectedAnswer {
            what: "account".into(),
            detail: e.to_string(),
        })?;
        self.store.save_account(&NewAccount {
            kind: AccountKind::Odoo,
            identity: fresh.login.clone(),
            display_name: Some(fresh.name.clone()),
            endpoints,
        })?;
        self.store.note_accepted(AccountKind::Odoo)?;
        Ok(self.store.account(AccountKind::Odoo)?)
    }

    /// The stored Odoo account with its row (when it was read, checked, refused).
    fn odoo_account_row(&self) -> Result<Option<(OdooAccount, Account)>, CoreError> {
        let Some(row) = self.store.account(AccountKind::Odoo)? else {
            return Ok(None);
        };
        Ok(self.odoo_account()?.map(|account| (account, row)))
    }
}

/// Reads from Odoo what the test shows: version (supported?), the user (the key works) and
/// the apps; the stored account with them.
async fn read_account(client: &OdooClient, stored: &OdooAccount) -> Result<OdooAccount, OdooError> {
    let version = client.rpc().version().await?;
    version.ensure_supported()?;
    let user = crate::odoo::connect::read_user(client).await?;
    let calendar_installed = client.has_model("calendar.event").await?;
    let crm_installed = client.has_model("crm.lead").await?;
    Ok(OdooAccount {
        name: user.name,
        partner_id: user.partner_id,
        tz: user.tz,
        lang: user.lang,
        version: version.text,
        version_major: version.major,
        calendar_installed,
        crm_installed,
        ..stored.clone()
    })
}
