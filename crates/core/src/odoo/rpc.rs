//! Odoo's external JSON-RPC API at `POST <base>/jsonrpc`, the transport every Odoo call uses.
//!
//! Contract (shared/reference/odoo/FACTS.md 1–12, https://www.odoo.com/documentation/17.0/developer/reference/external_api.html):
//! - request `{"jsonrpc":"2.0","method":"call","params":{"service":"common|object|db","method":M,
//!   "args":[..]},"id":N}`; the id is echoed;
//! - success `{"jsonrpc":"2.0","id":N,"result":R}`; a method returning None has NO `result` key,
//!   which is `Ok(None)` here, not an error;
//! - every server error is HTTP 200 with `error.data.name` = the exception class (typed in
//!   [`super::error`]); HTTP 5xx come from proxies or a restarting server and are retryable;
//! - `object.execute_kw(db, uid, password_or_api_key, model, method, args, kwargs)`: stateless,
//!   each call carries the credentials, so there is no session to expire. API keys work in the
//!   password slot (FACTS 12).
//!
//! One `reqwest::Client` per server keeps connections alive (FACTS 32: a new TLS connection per
//! call is what costs over a WAN). Timeouts: connect 10 s, whole call 120 s by default (a
//! `create` of 1000 records takes ~1.4 s on a fast server, a slow Odoo.sh far more).
//! The secret is never logged: `tracing` sees only service, model and method.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::error::{CallSite, OdooError};
use super::url::OdooUrl;
use crate::model::OdooId;

/// Timeouts of the HTTP client.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Establishing a connection (TCP + TLS).
    pub connect: Duration,
    /// A whole call, from sending to the last byte of the answer.
    pub call: Duration,
}

impl Timeouts {
    /// For a person waiting at the wizard or the `test` command: give up after 30 s.
    pub fn interactive() -> Timeouts {
        Timeouts {
            connect: Duration::from_secs(10),
            call: Duration::from_secs(30),
        }
    }
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            call: Duration::from_secs(120),
        }
    }
}

/// The JSON-RPC transport of one Odoo server; cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct JsonRpc {
    http: reqwest::Client,
    base: OdooUrl,
    endpoint: url::Url,
    next_id: AtomicU64,
}

impl JsonRpc {
    /// A transport for `base` with these timeouts.
    pub fn new(base: OdooUrl, timeouts: Timeouts) -> Result<JsonRpc, OdooError> {
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.call)
            .user_agent(concat!("office-connector/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|source| OdooError::Unreachable {
                url: base.to_string(),
                timed_out: false,
                source,
            })?;
        let endpoint = base.jsonrpc();
        Ok(JsonRpc {
            http,
            base,
            endpoint,
            next_id: AtomicU64::new(1),
        })
    }

    /// The server's base URL.
    pub fn base(&self) -> &OdooUrl {
        &self.base
    }

    /// Calls `service.method(args)`; `Ok(None)` when the method returned None.
    pub async fn call(
        &self,
        service: &str,
        method: &str,
        args: Value,
        site: &CallSite,
    ) -> Result<Option<Value>, OdooError> {
        self.call_with(service, method, &args, site).await
    }

    /// [`Self::call`] with arguments that serialize themselves: a large attachment is written
    /// into the request once, never copied into a JSON value first.
    pub async fn call_with<A: Serialize + ?Sized>(
        &self,
        service: &str,
        method: &str,
        args: &A,
        site: &CallSite,
    ) -> Result<Option<Value>, OdooError> {
        #[derive(Serialize)]
        struct Params<'a, A: ?Sized> {
            service: &'a str,
            method: &'a str,
            args: &'a A,
        }
        #[derive(Serialize)]
        struct Request<'a, A: ?Sized> {
            jsonrpc: &'static str,
            method: &'static str,
            params: Params<'a, A>,
            id: u64,
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let body = Request {
            jsonrpc: "2.0",
            method: "call",
            params: Params {
                service,
                method,
                args,
            },
            id,
        };
        tracing::debug!(service, method, model = ?site.model, call = %site.method, "odoo call");
        let url = self.base.to_string();
        let response = self
            .http
            .post(self.endpoint.clone())
            .json(&body)
            .send()
            .await
            .map_err(|source| OdooError::Unreachable {
                url: url.clone(),
                timed_out: source.is_timeout(),
                source,
            })?;
        check_status(response.status(), &url, site)?;
        let bytes = response
            .bytes()
            .await
            .map_err(|source| OdooError::Unreachable {
                url: url.clone(),
                timed_out: source.is_timeout(),
                source,
            })?;
        let answer: Value = serde_json::from_slice(&bytes).map_err(|e| OdooError::NotOdoo {
            url: url.clone(),
            detail: format!("not JSON: {e}"),
        })?;
        decode_answer(answer, site).map_err(|e| match e {
            OdooError::NotOdoo { detail, .. } => OdooError::NotOdoo { url, detail },
            other => other,
        })
    }

    /// `common.version()`: the server's version, without logging in.
    pub async fn version(&self) -> Result<ServerVersion, OdooError> {
        let site = CallSite {
            model: None,
            method: "common.version".into(),
        };
        let raw = self
            .call("common", "version", json!([]), &site)
            .await?
            .unwrap_or(Value::Null);
        ServerVersion::from_answer(&raw)
    }

    /// `db.list()`: the databases, or [`OdooError::DatabaseListDisabled`] when the server
    /// hides them (`list_db = False` raises AccessDenied).
    pub async fn list_databases(&self) -> Result<Vec<String>, OdooError> {
        let site = CallSite {
            model: None,
            method: "db.list".into(),
        };
        match self.call("db", "list", json!([]), &site).await {
            Ok(Some(Value::Array(list))) => Ok(list
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()),
            Ok(other) => Err(OdooError::UnexpectedAnswer {
                what: "db.list".into(),
                detail: format!("{other:?}"),
            }),
            Err(OdooError::AccessDenied | OdooError::ServerError { .. }) => {
                Err(OdooError::DatabaseListDisabled)
            }
            Err(e) => Err(e),
        }
    }

    /// `common.authenticate(db, login, secret, {})`: the uid, or `None` when Odoo says false.
    pub async fn authenticate(
        &self,
        db: &str,
        login: &str,
        secret: &SecretString,
    ) -> Result<Option<OdooId>, OdooError> {
        let site = CallSite {
            model: None,
            method: "common.authenticate".into(),
        };
        let answer = self
            .call(
                "common",
                "authenticate",
                json!([db, login, secret.expose_secret(), {}]),
                &site,
            )
            .await?;
        match answer {
            Some(Value::Number(n)) => {
                n.as_i64()
                    .map(|uid| Some(OdooId(uid)))
                    .ok_or_else(|| OdooError::UnexpectedAnswer {
                        what: "common.authenticate".into(),
                        detail: n.to_string(),
                    })
            }
            Some(Value::Bool(false)) | None => Ok(None),
            Some(other) => Err(OdooError::UnexpectedAnswer {
                what: "common.authenticate".into(),
                detail: other.to_string(),
            }),
        }
    }
}

/// Reads the JSON-RPC envelope: `result` (possibly absent) or a typed error.
pub fn decode_answer(answer: Value, site: &CallSite) -> Result<Option<Value>, OdooError> {
    let Value::Object(mut map) = answer else {
        return Err(OdooError::NotOdoo {
            url: String::new(),
            detail: "the answer is not a JSON object".into(),
        });
    };
    if let Some(error) = map.get("error") {
        return Err(OdooError::from_rpc_error(error, site));
    }
    if map.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(OdooError::NotOdoo {
            url: String::new(),
            detail: "no \"jsonrpc\": \"2.0\" in the answer".into(),
        });
    }
    Ok(map.remove("result"))
}

/// The version a server reports in `common.version()`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServerVersion {
    /// The major version, e.g. 17 (also for `saas~17.2`).
    pub major: u32,
    /// The text shown to people, e.g. "17.0" or "saas~17.2+e".
    pub text: String,
}

impl ServerVersion {
    /// The versions the connector supports.
    pub const SUPPORTED: std::ops::RangeInclusive<u32> = 16..=19;

    /// Parses `{"server_version": "17.0", "server_version_info": [17, 0, 0, "final", 0, ""]}`.
    pub fn from_answer(raw: &Value) -> Result<ServerVersion, OdooError> {
        let text = raw
            .get("server_version")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let from_info = raw
            .get("server_version_info")
            .and_then(|i| i.get(0))
            .and_then(|m| {
                m.as_u64()
                    .or_else(|| m.as_str().and_then(major_of))
                    .and_then(|m| u32::try_from(m).ok())
            });
        let major = from_info
            .or_else(|| major_of(&text).and_then(|m| u32::try_from(m).ok()))
            .ok_or_else(|| OdooError::NotOdoo {
                url: String::new(),
                detail: format!("no server version in {raw}"),
            })?;
        Ok(ServerVersion {
            major,
            text: if text.is_empty() {
                format!("{major}.0")
            } else {
                text
            },
        })
    }

    /// Fails with [`OdooError::UnsupportedVersion`] outside 16–19.
    pub fn ensure_supported(&self) -> Result<(), OdooError> {
        if Self::SUPPORTED.contains(&self.major) {
            Ok(())
        } else {
            Err(OdooError::UnsupportedVersion {
                version: self.text.clone(),
            })
        }
    }
}

/// `"saas~17.2"` → 17, `"16.0"` → 16.
fn major_of(text: &str) -> Option<u64> {
    text.trim_start_matches("saas~")
        .split(['.', '+', '~'])
        .next()?
        .parse()
        .ok()
}

/// The options of `search_read`.
#[derive(Debug, Clone, Default)]
pub struct SearchRead {
    /// The domain, e.g. `[["email", "=ilike", "a@b.c"]]`.
    pub domain: Value,
    /// Fields to read (never empty in product code: FACTS 16, all fields are megabytes).
    pub fields: Vec<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Skip this many rows.
    pub offset: Option<usize>,
    /// Sort order, e.g. `"id asc"`.
    pub order: Option<String>,
    /// Context, e.g. `{"active_test": false}`.
    pub context: Option<Map<String, Value>>,
}

/// A logged-in Odoo user: the transport plus db, uid and the API key (or password).
#[derive(Debug, Clone)]
pub struct OdooClient {
    rpc: Arc<JsonRpc>,
    db: String,
    uid: OdooId,
    secret: SecretString,
}

impl OdooClient {
    /// A client for a user whose uid is known (from connect or the accounts table).
    pub fn new(rpc: Arc<JsonRpc>, db: String, uid: OdooId, secret: SecretString) -> OdooClient {
        OdooClient {
            rpc,
            db,
            uid,
            secret,
        }
    }

    /// The transport.
    pub fn rpc(&self) -> &Arc<JsonRpc> {
        &self.rpc
    }

    /// The database.
    pub fn db(&self) -> &str {
        &self.db
    }

    /// The user's id.
    pub fn uid(&self) -> OdooId {
        self.uid
    }

    /// `object.execute_kw(db, uid, key, model, method, args, kwargs)`; `Ok(None)` for None.
    pub async fn execute_kw(
        &self,
        model: &str,
        method: &str,
        args: Vec<Value>,
        kwargs: Map<String, Value>,
    ) -> Result<Option<Value>, OdooError> {
        let site = CallSite {
            model: Some(model.to_owned()),
            method: method.to_owned(),
        };
        self.rpc
            .call(
                "object",
                "execute_kw",
                json!([
                    self.db,
                    self.uid.0,
                    self.secret.expose_secret(),
                    model,
                    method,
                    args,
                    kwargs
                ]),
                &site,
            )
            .await
    }

    /// Calls any method and decodes its result into `T` (None decodes as JSON null).
    pub async fn call<T: DeserializeOwned>(
        &self,
        model: &str,
        method: &str,
        args: Vec<Value>,
        kwargs: Map<String, Value>,
    ) -> Result<T, OdooError> {
        let raw = self
            .execute_kw(model, method, args, kwargs)
            .await?
            .unwrap_or(Value::Null);
        serde_json::from_value(raw).map_err(|e| OdooError::UnexpectedAnswer {
            what: format!("{model}.{method}"),
            detail: e.to_string(),
        })
    }

    /// `search_read`: rows as JSON objects (many2one `[id, name]` or `false`, FACTS 14).
    pub async fn search_read(
        &self,
        model: &str,
        query: &SearchRead,
    ) -> Result<Vec<Map<String, Value>>, OdooError> {
        let mut kwargs = Map::new();
        kwargs.insert("fields".into(), json!(query.fields));
        if let Some(limit) = query.limit {
            kwargs.insert("limit".into(), json!(limit));
        }
        if let Some(offset) = query.offset {
            kwargs.insert("offset".into(), json!(offset));
        }
        if let Some(order) = &query.order {
            kwargs.insert("order".into(), json!(order));
        }
        if let Some(context) = &query.context {
            kwargs.insert("context".into(), Value::Object(context.clone()));
        }
        let domain = if query.domain.is_null() {
            json!([])
        } else {
            query.domain.clone()
        };
        self.call(model, "search_read", vec![domain], kwargs).await
    }

    /// `read` of many ids in one call; missing ids are silently absent (FACTS 11).
    pub async fn read(
        &self,
        model: &str,
        ids: &[OdooId],
        fields: &[&str],
    ) -> Result<Vec<Map<String, Value>>, OdooError> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        let mut kwargs = Map::new();
        kwargs.insert("fields".into(), json!(fields));
        self.call(model, "read", vec![json!(ids)], kwargs).await
    }

    /// `search_count`.
    pub async fn search_count(&self, model: &str, domain: Value) -> Result<u64, OdooError> {
        self.call(model, "search_count", vec![domain], Map::new())
            .await
    }

    /// `create` with a list of records that serialize themselves (FACTS 16, 42).
    pub async fn create_from<R: Serialize>(
        &self,
        model: &str,
        records: &[R],
    ) -> Result<Vec<OdooId>, OdooError> {
        let site = CallSite {
            model: Some(model.to_owned()),
            method: "create".to_owned(),
        };
        let args = (
            &self.db,
            self.uid.0,
            self.secret.expose_secret(),
            model,
            "create",
            (records,),
            Map::new(),
        );
        let raw = self
            .rpc
            .call_with("object", "execute_kw", &args, &site)
            .await?
            .unwrap_or(Value::Null);
        let ids: Vec<i64> =
            serde_json::from_value(raw).map_err(|e| OdooError::UnexpectedAnswer {
                what: format!("{model}.create"),
                detail: e.to_string(),
            })?;
        Ok(ids.into_iter().map(OdooId).collect())
    }

    /// `create` with a list of value maps: one call, ids in the same order (FACTS 16).
    pub async fn create(
        &self,
        model: &str,
        records: Vec<Map<String, Value>>,
    ) -> Result<Vec<OdooId>, OdooError> {
        let ids: Vec<i64> = self
            .call(model, "create", vec![json!(records)], Map::new())
            .await?;
        Ok(ids.into_iter().map(OdooId).collect())
    }

    /// `write` the same values to `ids`.
    pub async fn write(
        &self,
        model: &str,
        ids: &[OdooId],
        values: Map<String, Value>,
    ) -> Result<(), OdooError> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        self.execute_kw(
            model,
            "write",
            vec![json!(ids), Value::Object(values)],
            Map::new(),
        )
        .await
        .map(drop)
    }

    /// `unlink` `ids`.
    pub async fn unlink(&self, model: &str, ids: &[OdooId]) -> Result<(), OdooError> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        self.execute_kw(model, "unlink", vec![json!(ids)], Map::new())
            .await
            .map(drop)
    }

    /// `fields_get` limited to `attributes` (e.g. `["type", "relation"]`), by field name.
    pub async fn fields_get(
        &self,
        model: &str,
        attributes: &[&str],
    ) -> Result<Map<String, Value>, OdooError> {
        let mut kwargs = Map::new();
        kwargs.insert("attributes".into(), json!(attributes));
        self.call(model, "fields_get", vec![], kwargs).await
    }

    /// `message_post` on one record; returns the new `mail.message` id (FACTS 18). `post`
    /// carries body, subject, message_type, subtype_xmlid, message_id, date, attachments, ...
    pub async fn message_post(
        &self,
        model: &str,
        record: OdooId,
        post: Map<String, Value>,
    ) -> Result<OdooId, OdooError> {
        let id: i64 = self
            .call(model, "message_post", vec![json!([record.0])], post)
            .await?;
        Ok(OdooId(id))
    }

    /// Whether a model exists in this database (an app is installed), by `fields_get` which
    /// every user may call (FACTS 35) and which names an unknown model (FACTS 7).
    pub async fn has_model(&self, model: &str) -> Result<bool, OdooError> {
        let mut kwargs = Map::new();
        kwargs.insert("allfields".into(), json!(["id"]));
        kwargs.insert("attributes".into(), json!(["type"]));
        match self.execute_kw(model, "fields_get", vec![], kwargs).await {
            Ok(_) => Ok(true),
            Err(OdooError::UnknownModel { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// What an HTTP status other than 200 means before any JSON is read.
fn check_status(status: reqwest::StatusCode, url: &str, site: &CallSite) -> Result<(), OdooError> {
    // NOTE: Odoo (werkzeug) answers 413 above its request limit (128 MiB by default), a proxy
    // in front of it often far below: the content is too big, the server is fine.
    if status.as_u16() == 413 {
        return Err(OdooError::TooLarge {
            url: url.to_owned(),
            site: site.clone(),
        });
    }
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(OdooError::ServerUnavailable {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    if !status.is_success() {
        return Err(OdooError::NotOdoo {
            url: url.to_owned(),
            detail: format!("HTTP {status}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_without_result_is_none_not_an_error() {
        let site = CallSite::default();
        let got = decode_answer(json!({"jsonrpc": "2.0", "id": 1}), &site).expect("ok");
        assert_eq!(got, None);
        let got =
            decode_answer(json!({"jsonrpc": "2.0", "id": 1, "result": false}), &site).expect("ok");
        assert_eq!(got, Some(json!(false)));
    }

    #[test]
    fn versions_are_read_from_the_info_array_or_the_text() {
        let v = ServerVersion::from_answer(
            &json!({"server_version": "saas~17.2+e", "server_version_info": ["saas~17", 2, 0, "final", 0, "e"]}),
        )
        .expect("version");
        assert_eq!(v.major, 17);
        let v = ServerVersion::from_answer(&json!({"server_version": "20.0"})).expect("version");
        assert!(v.ensure_supported().is_err());
    }
}
