//! What can go wrong talking to Odoo, typed from the error shapes Odoo really sends.
//!
//! Odoo answers every server error with HTTP 200 and `error.data.name` = the Python exception
//! class (FACTS 3); this module turns that name (and, where the class is too broad, the
//! message) into an [`OdooError`] variant. Transport failures (refused, timed out, dropped
//! connection, HTTP 5xx) are [`OdooError::Unreachable`] / [`OdooError::ServerUnavailable`] and
//! retryable; everything the person must fix (wrong key, database, access rights) is not.

use serde_json::Value;

use super::messages::OdooMsg;
use super::url::UrlProblem;
use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::Msg;

/// Where a failed call was aimed, for messages that say which model and operation failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallSite {
    /// The model, e.g. `res.partner` (none for `common`/`db` calls).
    pub model: Option<String>,
    /// The method, e.g. `write`.
    pub method: String,
}

impl std::fmt::Display for CallSite {
    /// `res.partner.write`, as Odoo's logs name a call.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.model {
            Some(model) => write!(f, "{model}.{}", self.method),
            None => f.write_str(&self.method),
        }
    }
}

/// An error of the Odoo client.
#[derive(Debug, thiserror::Error)]
pub enum OdooError {
    /// The pasted address is not usable.
    #[error("invalid odoo url {input:?}: {problem}")]
    InvalidUrl {
        /// What was entered.
        input: String,
        /// Why it cannot be used.
        problem: UrlProblem,
    },
    /// No answer: connection refused or dropped, DNS failure, TLS failure.
    #[error("odoo at {url} unreachable")]
    Unreachable {
        /// The server's base URL.
        url: String,
        /// Whether it was a timeout.
        timed_out: bool,
        /// The HTTP library's error.
        #[source]
        source: reqwest::Error,
    },
    /// HTTP 5xx (or 429) from the server or a proxy in front of it.
    #[error("odoo at {url} answered http {status}")]
    ServerUnavailable {
        /// The server's base URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// HTTP 413: the request (a big attachment or body) is more than the server (or a proxy in
    /// front of it) takes; the same request will never pass.
    #[error("odoo at {url} refused a too large request to {site}")]
    TooLarge {
        /// The server's base URL.
        url: String,
        /// The call that was too large.
        site: CallSite,
    },
    /// The address answers, but not as Odoo's JSON-RPC (404, HTML, not JSON).
    #[error("no odoo json-rpc at {url}: {detail}")]
    NotOdoo {
        /// The server's base URL.
        url: String,
        /// What came back instead.
        detail: String,
    },
    /// The server is an Odoo version we do not support.
    #[error("unsupported odoo version {version}")]
    UnsupportedVersion {
        /// The version the server reported.
        version: String,
    },
    /// The database does not exist on the server (FACTS 6).
    #[error("database {db:?} does not exist")]
    DatabaseMissing {
        /// The database asked for.
        db: String,
    },
    /// No database given and the server does not list its databases.
    #[error("database list disabled")]
    DatabaseListDisabled,
    /// No database given and the server has several: the person must pick one.
    #[error("several databases, none chosen")]
    DatabaseChoice {
        /// The databases the server lists.
        databases: Vec<String>,
    },
    /// The server lists no database at all.
    #[error("the server has no database")]
    NoDatabase,
    /// `common.authenticate` said false: wrong login, password or API key (FACTS 5).
    #[error("login {login:?} rejected on database {db:?}")]
    LoginFailed {
        /// The login.
        login: String,
        /// The database.
        db: String,
    },
    /// `odoo.exceptions.AccessDenied` on a call: the key was revoked or the password changed.
    #[error("access denied")]
    AccessDenied,
    /// `odoo.exceptions.AccessError`: the user lacks the rights for this model or operation.
    #[error("access error on {site}: {detail}")]
    AccessError {
        /// The call that failed.
        site: CallSite,
        /// Odoo's message.
        detail: String,
    },
    /// `odoo.exceptions.MissingError`: the record was deleted.
    #[error("missing record on {site}: {detail}")]
    MissingRecord {
        /// The call that failed.
        site: CallSite,
        /// Odoo's message.
        detail: String,
    },
    /// `odoo.exceptions.ValidationError`: Odoo refused the values.
    #[error("validation failed on {site}: {detail}")]
    Validation {
        /// The call that failed.
        site: CallSite,
        /// Odoo's message.
        detail: String,
    },
    /// `odoo.exceptions.UserError` (other than an unknown model).
    #[error("odoo refused {site}: {detail}")]
    UserError {
        /// The call that failed.
        site: CallSite,
        /// Odoo's message.
        detail: String,
    },
    /// The model is not installed (FACTS 7).
    #[error("unknown model {model}")]
    UnknownModel {
        /// The model.
        model: String,
    },
    /// A field that does not exist on the model (FACTS 8).
    #[error("unknown field on {site}: {detail}")]
    UnknownField {
        /// The call that failed.
        site: CallSite,
        /// Odoo's message.
        detail: String,
    },
    /// The session is gone (FACTS 4); a fresh request authenticates again.
    #[error("odoo session expired")]
    SessionExpired,
    /// Any other server exception (bad arguments, unknown method, a bug in an Odoo module).
    #[error("odoo server error {name} on {site}: {detail}")]
    ServerError {
        /// The call that failed.
        site: CallSite,
        /// The exception class.
        name: String,
        /// Odoo's message.
        detail: String,
    },
    /// A transient database conflict (serialization failure, lock); a retry helps.
    #[error("odoo database busy: {detail}")]
    Busy {
        /// Odoo's message.
        detail: String,
    },
    /// No API key (or password) was entered.
    #[error("no odoo api key given")]
    NoKeyGiven,
    /// The account is stored but its key is not in the secret store.
    #[error("odoo api key missing from the secret store")]
    KeyMissing,
    /// The answer has an unexpected shape.
    #[error("unexpected odoo answer to {what}: {detail}")]
    UnexpectedAnswer {
        /// What was called.
        what: String,
        /// What did not fit.
        detail: String,
    },
}

impl OdooError {
    /// Whether the same call, unchanged, may succeed later.
    pub fn is_retryable(&self) -> bool {
        self.code().retryable()
    }

    /// Odoo's own words for a refusal (the first paragraph of its message), else the error.
    pub fn reason(&self) -> String {
        match self {
            OdooError::AccessError { detail, .. }
            | OdooError::MissingRecord { detail, .. }
            | OdooError::Validation { detail, .. }
            | OdooError::UserError { detail, .. }
            | OdooError::UnknownField { detail, .. }
            | OdooError::ServerError { detail, .. }
            | OdooError::Busy { detail } => first_paragraph(detail),
            OdooError::TooLarge { .. } => "Request Entity Too Large".to_owned(),
            other => other.to_string(),
        }
    }

    /// Odoo looked at what was sent and will never take it (a server error on the content, a
    /// validation, too large): not a transport, key or access problem.
    pub fn refuses_content(&self) -> bool {
        matches!(
            self,
            OdooError::Validation { .. }
                | OdooError::UserError { .. }
                | OdooError::UnknownModel { .. }
                | OdooError::UnknownField { .. }
                | OdooError::TooLarge { .. }
                | OdooError::ServerError { .. }
        )
    }

    /// No answer at all (unreachable, HTTP 5xx): the next call would wait the same way.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            OdooError::Unreachable { .. } | OdooError::ServerUnavailable { .. }
        )
    }

    /// Why Odoo gave no usable answer; none when it answered (even with a refusal).
    pub fn no_answer(&self) -> Option<super::messages::NoAnswer> {
        use super::messages::NoAnswer;
        match self {
            OdooError::Unreachable {
                timed_out: true, ..
            } => Some(NoAnswer::TimedOut),
            OdooError::Unreachable { .. } => Some(NoAnswer::Unreachable),
            OdooError::ServerUnavailable { status, .. } => Some(NoAnswer::Unavailable(*status)),
            OdooError::Busy { .. } => Some(NoAnswer::Busy),
            _ => None,
        }
    }

    /// Whether Odoo refused the key or password it was given (not: the key is missing here).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            OdooError::AccessDenied | OdooError::LoginFailed { .. }
        )
    }

    /// Types Odoo's `error` object of a JSON-RPC answer (FACTS 3, 4, 6-11).
    pub fn from_rpc_error(error: &Value, site: &CallSite) -> OdooError {
        let data = error.get("data");
        let name = data
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let detail = data
            .and_then(|d| d.get("message"))
            .and_then(Value::as_str)
            .or_else(|| error.get("message").and_then(Value::as_str))
            .unwrap_or_default()
            .to_owned();
        let code = error.get("code").and_then(Value::as_i64);
        let site = site.clone();
        match name.as_str() {
            "odoo.http.SessionExpiredException" => OdooError::SessionExpired,
            _ if code == Some(100) => OdooError::SessionExpired,
            "odoo.exceptions.AccessDenied" => OdooError::AccessDenied,
            "odoo.exceptions.AccessError" => OdooError::AccessError { site, detail },
            "odoo.exceptions.MissingError" => OdooError::MissingRecord { site, detail },
            "odoo.exceptions.ValidationError" => OdooError::Validation { site, detail },
            "odoo.exceptions.UserError" => {
                match detail
                    .strip_prefix("Object ")
                    .and_then(|r| r.strip_suffix(" doesn't exist"))
                {
                    Some(model) => OdooError::UnknownModel {
                        model: model.to_owned(),
                    },
                    None => OdooError::UserError { site, detail },
                }
            }
            "builtins.ValueError" if detail.starts_with("Invalid field") => {
                OdooError::UnknownField { site, detail }
            }
            "psycopg2.OperationalError" if detail.contains("does not exist") => {
                OdooError::DatabaseMissing {
                    db: database_in(&detail).unwrap_or_default(),
                }
            }
            // NOTE: serialization failures and lock timeouts go away on the next attempt.
            n if n.starts_with("psycopg2.errors.SerializationFailure")
                || n.starts_with("psycopg2.errors.LockNotAvailable")
                || n == "odoo.exceptions.ConcurrencyError"
                || n == "psycopg2.OperationalError" =>
            {
                OdooError::Busy { detail }
            }
            _ => OdooError::ServerError {
                site,
                name: if name.is_empty() {
                    error
                        .get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("unknown")
                        .to_owned()
                } else {
                    name
                },
                detail,
            },
        }
    }
}

/// `FATAL:  database "no_such_db" does not exist` → `no_such_db`.
fn database_in(message: &str) -> Option<String> {
    let start = message.find("database \"")? + "database \"".len();
    let rest = &message[start..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// The first paragraph of an Odoo message: the part a person reads, without the group list.
fn first_paragraph(detail: &str) -> String {
    detail
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

impl UserFacing for OdooError {
    fn code(&self) -> ErrorCode {
        match self {
            OdooError::InvalidUrl { .. }
            | OdooError::NotOdoo { .. }
            | OdooError::UnsupportedVersion { .. }
            | OdooError::DatabaseMissing { .. }
            | OdooError::NoDatabase
            | OdooError::NoKeyGiven => ErrorCode::InvalidInput,
            OdooError::Unreachable { .. }
            | OdooError::ServerUnavailable { .. }
            | OdooError::SessionExpired
            | OdooError::Busy { .. } => ErrorCode::Unreachable,
            OdooError::DatabaseListDisabled | OdooError::DatabaseChoice { .. } => {
                ErrorCode::ChoiceRequired
            }
            OdooError::LoginFailed { .. } | OdooError::AccessDenied | OdooError::KeyMissing => {
                ErrorCode::CredentialsRejected
            }
            OdooError::AccessError { .. } => ErrorCode::PermissionDenied,
            OdooError::MissingRecord { .. } => ErrorCode::NotFound,
            OdooError::Validation { .. }
            | OdooError::UserError { .. }
            | OdooError::UnknownModel { .. }
            | OdooError::UnknownField { .. }
            | OdooError::TooLarge { .. }
            | OdooError::ServerError { .. } => ErrorCode::RemoteRejected,
            OdooError::UnexpectedAnswer { .. } => ErrorCode::Internal,
        }
    }

    fn msg(&self) -> Msg {
        let m = match self {
            OdooError::InvalidUrl { input, problem } => OdooMsg::InvalidUrl {
                input: input.clone(),
                problem: problem.clone(),
            },
            OdooError::Unreachable { url, timed_out, .. } => OdooMsg::Unreachable {
                url: url.clone(),
                timed_out: *timed_out,
            },
            OdooError::ServerUnavailable { url, status } => OdooMsg::ServerUnavailable {
                url: url.clone(),
                status: *status,
            },
            OdooError::NotOdoo { url, .. } => OdooMsg::NotOdoo { url: url.clone() },
            OdooError::TooLarge { .. } => OdooMsg::TooLarge,
            OdooError::UnsupportedVersion { version } => OdooMsg::UnsupportedVersion {
                version: version.clone(),
            },
            OdooError::DatabaseMissing { db } => OdooMsg::DatabaseMissing { db: db.clone() },
            OdooError::DatabaseListDisabled => OdooMsg::DatabaseListDisabled,
            OdooError::DatabaseChoice { databases } => OdooMsg::DatabaseChoice {
                databases: databases.clone(),
            },
            OdooError::NoDatabase => OdooMsg::NoDatabase,
            OdooError::LoginFailed { login, db } => OdooMsg::LoginFailed {
                login: login.clone(),
                db: db.clone(),
            },
            OdooError::AccessDenied => OdooMsg::AccessDenied,
            OdooError::AccessError { site, detail } => OdooMsg::AccessError {
                model: site.model.clone().unwrap_or_default(),
                method: site.method.clone(),
                detail: first_paragraph(detail),
            },
            OdooError::MissingRecord { site, .. } => OdooMsg::MissingRecord {
                model: site.model.clone().unwrap_or_default(),
            },
            OdooError::Validation { detail, .. } => OdooMsg::Validation {
                detail: first_paragraph(detail),
            },
            OdooError::UserError { detail, .. } => OdooMsg::UserError {
                detail: first_paragraph(detail),
            },
            OdooError::UnknownModel { model } => OdooMsg::UnknownModel {
                model: model.clone(),
            },
            OdooError::UnknownField { detail, .. } => OdooMsg::UnknownField {
                detail: first_paragraph(detail),
            },
            OdooError::SessionExpired => OdooMsg::SessionExpired,
            OdooError::ServerError { detail, .. } => OdooMsg::ServerError {
                detail: first_paragraph(detail),
            },
            OdooError::Busy { .. } => OdooMsg::Busy,
            OdooError::KeyMissing => OdooMsg::KeyMissing,
            OdooError::NoKeyGiven => OdooMsg::NoKeyGiven,
            OdooError::UnexpectedAnswer { .. } => return Msg::Internal,
        };
        Msg::Odoo(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(name: &str, message: &str) -> Value {
        json!({"code": 200, "message": "Odoo Server Error",
               "data": {"name": name, "message": message, "arguments": [message], "debug": "", "context": {}}})
    }

    #[test]
    fn odoo_exception_classes_become_typed_errors() {
        let site = CallSite {
            model: Some("res.partner".into()),
            method: "write".into(),
        };
        let typed = |name, msg| OdooError::from_rpc_error(&err(name, msg), &site);
        assert!(matches!(
            typed("odoo.exceptions.AccessDenied", "Access Denied"),
            OdooError::AccessDenied
        ));
        assert!(matches!(
            typed("odoo.exceptions.UserError", "Object x_no.such.model doesn't exist"),
            OdooError::UnknownModel { model } if model == "x_no.such.model"
        ));
        assert!(matches!(
            typed(
                "psycopg2.OperationalError",
                "connection to server on socket \"/x\" failed: FATAL:  database \"no_such_db\" does not exist\n"
            ),
            OdooError::DatabaseMissing { db } if db == "no_such_db"
        ));
        assert!(matches!(
            typed(
                "builtins.ValueError",
                "Invalid field 'x' on model 'res.partner'"
            ),
            OdooError::UnknownField { .. }
        ));
        let expired = json!({"code": 100, "message": "Odoo Session Expired",
            "data": {"name": "odoo.http.SessionExpiredException", "message": "Session expired"}});
        assert!(matches!(
            OdooError::from_rpc_error(&expired, &site),
            OdooError::SessionExpired
        ));
    }

    #[test]
    fn a_refusal_of_the_content_is_exactly_what_a_retry_cannot_fix_on_the_servers_side() {
        let site = CallSite {
            model: Some("ir.attachment".into()),
            method: "create".into(),
        };
        let detail = || "x".to_owned();
        let samples = [
            OdooError::AccessDenied,
            OdooError::SessionExpired,
            OdooError::Busy { detail: detail() },
            OdooError::ServerUnavailable {
                url: "u".into(),
                status: 503,
            },
            OdooError::TooLarge {
                url: "u".into(),
                site: site.clone(),
            },
            OdooError::AccessError {
                site: site.clone(),
                detail: detail(),
            },
            OdooError::MissingRecord {
                site: site.clone(),
                detail: detail(),
            },
            OdooError::Validation {
                site: site.clone(),
                detail: detail(),
            },
            OdooError::UserError {
                site: site.clone(),
                detail: detail(),
            },
            OdooError::UnknownModel { model: "m".into() },
            OdooError::UnknownField {
                site: site.clone(),
                detail: detail(),
            },
            OdooError::ServerError {
                site: site.clone(),
                name: "builtins.OSError".into(),
                detail: detail(),
            },
            OdooError::NotOdoo {
                url: "u".into(),
                detail: detail(),
            },
        ];
        for e in samples {
            assert_eq!(
                e.refuses_content(),
                e.code() == ErrorCode::RemoteRejected,
                "{e}"
            );
        }
    }
}
