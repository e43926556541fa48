//! Connecting one Odoo user: address, database, login, version and what the user's Odoo has.
//!
//! Order of the checks, so each mistake gets its own message: the address (is it Odoo at all,
//! `common.version`), the version (16–19), the database (given, from `?db=` in the pasted
//! address, or detected with `db.list`: one → used, several → the person chooses, list
//! disabled → the person types it), the login (`common.authenticate`: `false` = wrong login or
//! key, FACTS 5), then once: the user's name, partner, time zone and language (`res.users`),
//! and whether Calendar (`calendar.event`) and CRM (`crm.lead`) are installed.
//!
//! API keys work for `/jsonrpc` exactly like the password but are rejected by the web login
//! (FACTS 12); Odoo generates them as 40 hex digits, which is how a password is told apart to
//! recommend a key.

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::OdooError;
use super::rpc::{JsonRpc, OdooClient, Timeouts};
use super::url::OdooUrl;
use crate::model::OdooId;

/// What a person enters to connect Odoo.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    /// The address as pasted.
    pub url: String,
    /// The database, if the person entered one.
    pub db: Option<String>,
    /// The login (usually the e-mail address).
    pub login: String,
    /// The API key (or password).
    pub secret: SecretString,
}

/// The connected Odoo user, as stored in the accounts table (no secret in here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "OdooAccount"))]
pub struct OdooAccount {
    /// The normalised base URL.
    pub url: String,
    /// The database.
    pub db: String,
    /// The login.
    pub login: String,
    /// The user id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub uid: i64,
    /// The user's name.
    pub name: String,
    /// The user's partner (author of posted messages, attendee of events).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub partner_id: i64,
    /// The user's time zone, e.g. "Europe/Berlin" (none when unset in Odoo).
    pub tz: Option<String>,
    /// The user's language, e.g. "de_DE".
    pub lang: Option<String>,
    /// The server version text, e.g. "17.0".
    pub version: String,
    /// The major version, 16–19.
    pub version_major: u32,
    /// Whether Calendar is installed.
    pub calendar_installed: bool,
    /// Whether CRM is installed.
    pub crm_installed: bool,
}

/// A successful connect: the account and a client ready to use.
#[derive(Debug, Clone)]
pub struct Connected {
    /// What gets stored.
    pub account: OdooAccount,
    /// The logged-in client.
    pub client: OdooClient,
    /// Whether the secret looks like a password rather than an API key.
    pub used_password: bool,
}

/// Whether `secret` looks like an Odoo API key (40 hex digits).
pub fn looks_like_api_key(secret: &SecretString) -> bool {
    let s = secret.expose_secret().trim();
    s.len() == 40 && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// The transport for a pasted address.
pub fn transport(url: &str, timeouts: Timeouts) -> Result<Arc<JsonRpc>, OdooError> {
    let base = OdooUrl::parse(url).map_err(|problem| OdooError::InvalidUrl {
        input: url.trim().to_owned(),
        problem,
    })?;
    Ok(Arc::new(JsonRpc::new(base, timeouts)?))
}

/// The database to use: the given one, else the one in the address, else the only one listed.
pub async fn choose_database(rpc: &JsonRpc, given: Option<&str>) -> Result<String, OdooError> {
    if let Some(db) = given.map(str::trim).filter(|d| !d.is_empty()) {
        return Ok(db.to_owned());
    }
    if let Some(db) = rpc.base().db_hint() {
        return Ok(db.to_owned());
    }
    let mut databases = rpc.list_databases().await?;
    match databases.len() {
        0 => Err(OdooError::NoDatabase),
        1 => Ok(databases.remove(0)),
        _ => Err(OdooError::DatabaseChoice { databases }),
    }
}

/// The databases a server offers, for the wizard's choice: checks address and version first,
/// then `db.list` ([`OdooError::DatabaseListDisabled`] when hidden: the person types the name).
pub async fn databases(url: &str, timeouts: Timeouts) -> Result<Vec<String>, OdooError> {
    let rpc = transport(url, timeouts)?;
    rpc.version().await?.ensure_supported()?;
    rpc.list_databases().await
}

/// Connects: checks address, version, database and login, then reads the user once.
pub async fn connect(request: &ConnectRequest, timeouts: Timeouts) -> Result<Connected, OdooError> {
    let rpc = transport(&request.url, timeouts)?;
    if request.secret.expose_secret().trim().is_empty() {
        return Err(OdooError::NoKeyGiven);
    }
    let version = rpc.version().await?;
    version.ensure_supported()?;
    let db = choose_database(&rpc, request.db.as_deref()).await?;
    let login = request.login.trim().to_owned();
    let secret = SecretString::from(request.secret.expose_secret().trim().to_owned());
    let Some(uid) = rpc.authenticate(&db, &login, &secret).await? else {
        return Err(OdooError::LoginFailed { login, db });
    };
    let client = OdooClient::new(Arc::clone(&rpc), db.clone(), uid, secret.clone());
    let user = read_user(&client).await?;
    let calendar_installed = client.has_model("calendar.event").await?;
    let crm_installed = client.has_model("crm.lead").await?;
    let account = OdooAccount {
        url: rpc.base().to_string(),
        db,
        login,
        uid: uid.0,
        name: user.name,
        partner_id: user.partner_id,
        tz: user.tz,
        lang: user.lang,
        version: version.text,
        version_major: version.major,
        calendar_installed,
        crm_installed,
    };
    Ok(Connected {
        account,
        client,
        used_password: !looks_like_api_key(&secret),
    })
}

/// The fields of `res.users` read at connect.
#[derive(Debug, Clone)]
pub struct UserInfo {
    /// Name.
    pub name: String,
    /// Partner id.
    pub partner_id: i64,
    /// Time zone.
    pub tz: Option<String>,
    /// Language.
    pub lang: Option<String>,
}

/// Reads the logged-in user's name, partner, time zone and language.
pub async fn read_user(client: &OdooClient) -> Result<UserInfo, OdooError> {
    let rows = client
        .read(
            "res.users",
            &[client.uid()],
            &["name", "partner_id", "tz", "lang"],
        )
        .await?;
    let row = rows
        .into_iter()
        .next()
        .ok_or_else(|| OdooError::UnexpectedAnswer {
            what: "res.users.read".into(),
            detail: "own user not readable".into(),
        })?;
    let text = |k: &str| row.get(k).and_then(Value::as_str).map(str::to_owned);
    // many2one reads as [id, "name"] (FACTS 14)
    let partner_id = row
        .get("partner_id")
        .and_then(|p| p.get(0).and_then(Value::as_i64).or_else(|| p.as_i64()))
        .ok_or_else(|| OdooError::UnexpectedAnswer {
            what: "res.users.read".into(),
            detail: "no partner_id".into(),
        })?;
    Ok(UserInfo {
        name: text("name").unwrap_or_default(),
        partner_id,
        tz: text("tz"),
        lang: text("lang"),
    })
}

/// A client for a stored account and its secret.
pub fn client_for(
    account: &OdooAccount,
    secret: SecretString,
    timeouts: Timeouts,
) -> Result<OdooClient, OdooError> {
    let rpc = transport(&account.url, timeouts)?;
    Ok(OdooClient::new(
        rpc,
        account.db.clone(),
        OdooId(account.uid),
        secret,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_hex_digits_are_an_api_key_anything_else_a_password() {
        assert!(looks_like_api_key(&SecretString::from(
            "0123456789abcdef0123456789abcdef01234567"
        )));
        assert!(!looks_like_api_key(&SecretString::from("hunter2")));
    }
}
