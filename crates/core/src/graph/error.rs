//! Typed errors of Microsoft sign-in ([`SignInError`]) and of Graph calls ([`GraphError`]).
//!
//! The identity platform answers token requests with `{"error", "error_description":
//! "AADSTSnnnn: …", "error_codes": [nnnn]}` (GRAPH_FACTS §1.4); Graph answers with the error
//! envelope `{"error": {"code", "message", "innerError": {"request-id"}}}` (§5.1). We branch on
//! the AADSTS number and the Graph `code`, never on message text. Each error maps to a
//! [`MicrosoftMsg`] that tells the user what to fix.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, UserFacing};
use crate::graph::texts::{MicrosoftMsg, SignInProblem};
use crate::i18n::Msg;
use crate::secrets::SecretsError;

/// An error answer of the identity platform's token or devicecode endpoint, and the error type
/// the `oauth2` client parses it into: `{"error", "error_description", "error_codes",
/// "trace_id", "correlation_id"}` (GRAPH_FACTS §1.4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AadError {
    /// The OAuth `error` value, e.g. `invalid_grant`.
    pub error: String,
    /// The AADSTS numbers (`error_codes`; [`AadError::aadsts`] falls back to the description).
    #[serde(rename = "error_codes", default, deserialize_with = "aadsts_numbers")]
    pub codes: Vec<u32>,
    /// Microsoft's description (first line only: the trace lines repeat the fields below).
    #[serde(rename = "error_description", default, deserialize_with = "first_line")]
    pub description: String,
    /// What Microsoft support asks for (boxed: errors travel by value through every `Result`).
    #[serde(flatten)]
    pub support: Box<SupportIds>,
}

/// The ids Microsoft support asks for about one refusal (diagnostic logs only).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupportIds {
    /// `trace_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// `correlation_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
}

impl AadError {
    /// An error we state ourselves (no answer of Microsoft's carries it).
    pub fn local(error: &str, codes: Vec<u32>, description: impl Into<String>) -> Self {
        AadError {
            error: error.to_owned(),
            codes,
            description: description.into(),
            ..AadError::default()
        }
    }

    /// The first AADSTS number, if any.
    pub fn aadsts(&self) -> Option<u32> {
        self.codes
            .first()
            .copied()
            .or_else(|| aadsts_in(&self.description))
    }

    /// What the user has to fix for this error.
    pub fn problem(&self) -> SignInProblem {
        problem_of(&self.error, self.aadsts())
    }
}

impl std::fmt::Display for AadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.aadsts() {
            Some(code) => write!(f, "{} (AADSTS{code})", self.error),
            None => f.write_str(&self.error),
        }
    }
}

impl oauth2::ErrorResponse for AadError {}

/// `error_codes` as numbers; anything else in the list is no AADSTS number and is left out.
fn aadsts_numbers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    let values = Option::<Vec<serde_json::Value>>::deserialize(d)?.unwrap_or_default();
    Ok(values
        .iter()
        .filter_map(|v| v.as_u64().and_then(|n| u32::try_from(n).ok()))
        .collect())
}

fn first_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = Option::<String>::deserialize(d)?.unwrap_or_default();
    Ok(text.lines().next().unwrap_or_default().trim().to_owned())
}

/// The AADSTS number at the start of `text` (`AADSTS50011: …`).
pub fn aadsts_in(text: &str) -> Option<u32> {
    let start = text.find("AADSTS")? + "AADSTS".len();
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Maps an OAuth error and AADSTS number to the problem the user must fix (GRAPH_FACTS §1.4).
pub fn problem_of(error: &str, code: Option<u32>) -> SignInProblem {
    match code {
        Some(90002 | 90023 | 50194 | 500011 | 900023) => SignInProblem::WrongTenant,
        Some(50020 | 50034 | 50053 | 50057 | 50126) => SignInProblem::WrongAccount,
        Some(700016 | 700054 | 900971) => SignInProblem::WrongClientId,
        Some(65001) => SignInProblem::ConsentMissing,
        Some(65004) => SignInProblem::AdminConsentRequired,
        Some(90094 | 90095) => SignInProblem::AdminApprovalRequired,
        Some(50011 | 500112 | 500113 | 9002327) => SignInProblem::RedirectMismatch,
        Some(7000222 | 7000215) => SignInProblem::SecretExpiredOrWrong,
        Some(7000218) => SignInProblem::SecretMissing,
        Some(700025) => SignInProblem::SecretNotAllowed,
        Some(50076 | 50079 | 50158 | 53000 | 53001 | 53003 | 50105) => {
            SignInProblem::MfaOrConditionalAccess
        }
        Some(700082) => SignInProblem::SignInExpired,
        Some(50173 | 50133 | 70043 | 50132 | 700084) => SignInProblem::SignInRevoked,
        Some(70008 | 54005 | 70000 | 9002313 | 501481) => SignInProblem::CodeInvalid,
        Some(70020) => SignInProblem::DeviceCodeExpired,
        _ => match error {
            "access_denied" | "authorization_declined" => SignInProblem::Declined,
            "consent_required" => SignInProblem::ConsentMissing,
            "interaction_required" | "login_required" => SignInProblem::MfaOrConditionalAccess,
            "expired_token" => SignInProblem::DeviceCodeExpired,
            "invalid_grant" => SignInProblem::SignInRevoked,
            "temporarily_unavailable" | "server_error" => SignInProblem::ServiceUnavailable,
            _ => SignInProblem::Other,
        },
    }
}

/// Why signing in to Microsoft (or renewing the sign-in) failed.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The identity platform refused a request.
    #[error("identity platform refused: {} (AADSTS{:?})", .0.error, .0.aadsts())]
    Aad(AadError),
    /// The directory (tenant) is no GUID, domain, `organizations`, `common` or `consumers`.
    #[error("tenant {0:?} is not a directory id or domain")]
    BadTenant(String),
    /// No refresh token is stored, or it no longer works: the person must sign in again.
    #[error("sign-in required")]
    NeedsSignIn {
        /// The AADSTS number that said so, if any.
        aadsts: Option<u32>,
        /// Why, for the message.
        problem: SignInProblem,
    },
    /// No Microsoft account is connected.
    #[error("no microsoft account connected")]
    NotConnected,
    /// The loopback listener failed.
    #[error("loopback listener failed")]
    Listener(#[source] std::io::Error),
    /// The browser could not be started.
    #[error("could not open the browser with {command}")]
    Browser {
        /// The command tried.
        command: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// Nobody finished the sign-in in time.
    #[error("sign-in timed out")]
    TimedOut,
    /// The identity platform could not be reached.
    #[error("identity platform unreachable")]
    Network(#[source] reqwest::Error),
    /// The identity platform answered something we do not understand.
    #[error("unexpected identity platform answer: {0}")]
    BadResponse(String),
    /// A configured URL is not usable.
    #[error("invalid url {0}")]
    BadUrl(String),
    /// The keyring failed.
    #[error(transparent)]
    Secrets(#[from] SecretsError),
}

impl SignInError {
    /// The problem the user must fix, when this error is one of Microsoft's refusals.
    pub fn problem(&self) -> Option<SignInProblem> {
        match self {
            SignInError::Aad(e) => Some(e.problem()),
            SignInError::NeedsSignIn { problem, .. } => Some(*problem),
            _ => None,
        }
    }

    /// Whether the person has to sign in interactively again (refresh token gone or refused).
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            SignInError::NeedsSignIn { .. } | SignInError::NotConnected
        )
    }
}

impl UserFacing for SignInError {
    fn code(&self) -> ErrorCode {
        match self {
            SignInError::NeedsSignIn { .. } => ErrorCode::NeedsSignIn,
            SignInError::Aad(e) => match e.problem() {
                SignInProblem::ServiceUnavailable => ErrorCode::Unreachable,
                SignInProblem::SignInExpired
                | SignInProblem::SignInRevoked
                | SignInProblem::MfaOrConditionalAccess
                | SignInProblem::CodeInvalid
                | SignInProblem::DeviceCodeExpired
                | SignInProblem::Declined => ErrorCode::NeedsSignIn,
                // NOTE: only a person (often an administrator) can grant the permissions.
                SignInProblem::ConsentMissing
                | SignInProblem::AdminConsentRequired
                | SignInProblem::AdminApprovalRequired => ErrorCode::PermissionDenied,
                _ => ErrorCode::InvalidInput,
            },
            SignInError::TimedOut | SignInError::NotConnected => ErrorCode::NeedsSignIn,
            SignInError::Network(_) => ErrorCode::Unreachable,
            SignInError::Browser { .. } | SignInError::BadUrl(_) | SignInError::BadTenant(_) => {
                ErrorCode::InvalidInput
            }
            SignInError::Listener(_) | SignInError::BadResponse(_) => ErrorCode::Internal,
            SignInError::Secrets(e) => e.code(),
        }
    }

    fn msg(&self) -> Msg {
        let m = match self {
            SignInError::Aad(e) => MicrosoftMsg::SignInFailed {
                problem: e.problem(),
                aadsts: e.aadsts(),
            },
            SignInError::NeedsSignIn { aadsts, problem } => MicrosoftMsg::SignInFailed {
                problem: *problem,
                aadsts: *aadsts,
            },
            SignInError::BadTenant(tenant) => MicrosoftMsg::BadTenant {
                tenant: tenant.clone(),
            },
            SignInError::NotConnected => MicrosoftMsg::NotConnected,
            SignInError::Listener(e) => MicrosoftMsg::ListenerFailed {
                detail: e.to_string(),
            },
            SignInError::Browser { command, source } => MicrosoftMsg::BrowserFailed {
                command: command.clone(),
                detail: source.to_string(),
            },
            SignInError::TimedOut => MicrosoftMsg::SignInTimedOut,
            SignInError::Network(e) => MicrosoftMsg::Unreachable {
                detail: network_detail(e),
            },
            SignInError::BadResponse(detail) => MicrosoftMsg::BadAnswer {
                detail: detail.clone(),
            },
            SignInError::BadUrl(url) => MicrosoftMsg::BadUrl { url: url.clone() },
            SignInError::Secrets(e) => return e.msg(),
        };
        Msg::Microsoft(m)
    }
}

/// A short, token-free description of a transport error.
pub(crate) fn network_detail(e: &reqwest::Error) -> String {
    let mut text = if e.is_timeout() {
        "timeout".to_owned()
    } else if e.is_connect() {
        "connection refused or no route".to_owned()
    } else if e.is_body() || e.is_decode() {
        "the answer broke off".to_owned()
    } else {
        "transport error".to_owned()
    };
    if let Some(url) = e.url().and_then(|u| u.host_str()) {
        text.push_str(&format!(", {url}"));
    }
    text
}

/// What kind of Graph failure this is; decides retries and what the user sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphErrorKind {
    /// The token was refused even after a refresh, or no sign-in is left (401/403 on auth).
    Auth,
    /// 403: the signed-in person may not do this (missing scope or mailbox permission).
    Forbidden,
    /// 404: the item or folder is gone.
    NotFound,
    /// 410 / `syncStateNotFound`: the delta link expired; start a full resync.
    ResyncRequired,
    /// 429 after all retries.
    Throttled,
    /// 5xx, timeouts, dropped connections after all retries.
    Transient,
    /// Any other 4xx: retrying the same request will not help.
    Permanent,
    /// Graph named a link (nextLink, deltaLink) on another server: not followed, no token sent
    /// there. The error's `message` is that server's origin.
    ForeignLink,
    /// Paging did not end: a next link came again in the same read, or there were more pages
    /// than the bound.
    EndlessPaging,
    /// A 2xx answer whose body is not what Graph promises (not JSON, a page without its list).
    BadAnswer,
}

/// A failed Graph call, with what the run log needs (`request-id`).
#[derive(Debug, thiserror::Error)]
#[error("graph {kind:?} {status}: {code} ({message})")]
pub struct GraphError {
    /// What kind of failure.
    pub kind: GraphErrorKind,
    /// HTTP status (0 when no answer arrived).
    pub status: u16,
    /// Graph's error `code` (e.g. `ErrorItemNotFound`).
    pub code: String,
    /// Graph's message (diagnostics only, never branched on).
    pub message: Box<str>,
    /// The `request-id` Microsoft support asks for.
    pub request_id: Option<String>,
    /// The server's last `Retry-After`, when throttled.
    pub retry_after: Option<Duration>,
    /// For [`GraphErrorKind::ResyncRequired`]: the fresh delta URL from `Location`.
    pub location: Option<Box<str>>,
    /// For [`GraphErrorKind::Auth`]: the sign-in problem underneath.
    #[source]
    pub sign_in: Option<Box<SignInError>>,
}

impl GraphError {
    /// An error of `kind` without an HTTP answer.
    pub fn local(kind: GraphErrorKind, code: &str, message: impl Into<String>) -> Self {
        GraphError {
            kind,
            status: 0,
            code: code.to_owned(),
            message: message.into().into_boxed_str(),
            request_id: None,
            retry_after: None,
            location: None,
            sign_in: None,
        }
    }

    /// The token could not be had: wraps the sign-in error.
    pub fn from_sign_in(e: SignInError) -> Self {
        let kind = match e.code() {
            ErrorCode::Unreachable => GraphErrorKind::Transient,
            _ => GraphErrorKind::Auth,
        };
        GraphError {
            sign_in: Some(Box::new(e)),
            ..GraphError::local(kind, "signIn", "access token unavailable")
        }
    }

    /// Whether the person must sign in again (refresh refused or missing).
    pub fn needs_sign_in(&self) -> bool {
        self.kind == GraphErrorKind::Auth
            && self
                .sign_in
                .as_deref()
                .is_none_or(SignInError::needs_sign_in)
    }
}

impl UserFacing for GraphError {
    fn code(&self) -> ErrorCode {
        match self.kind {
            GraphErrorKind::Auth => match &self.sign_in {
                Some(e) => e.code(),
                None => ErrorCode::NeedsSignIn,
            },
            GraphErrorKind::Forbidden => ErrorCode::NeedsSignIn,
            GraphErrorKind::NotFound => ErrorCode::NotFound,
            GraphErrorKind::ResyncRequired
            | GraphErrorKind::Throttled
            | GraphErrorKind::Transient
            | GraphErrorKind::EndlessPaging
            | GraphErrorKind::BadAnswer => ErrorCode::Unreachable,
            // the same answer would lead to the same server again
            GraphErrorKind::ForeignLink => ErrorCode::RemoteRejected,
            GraphErrorKind::Permanent => ErrorCode::Internal,
        }
    }

    fn msg(&self) -> Msg {
        if let Some(e) = &self.sign_in {
            return e.msg();
        }
        let request_id = self.request_id.clone();
        Msg::Microsoft(match self.kind {
            GraphErrorKind::Auth => MicrosoftMsg::SignInFailed {
                problem: SignInProblem::SignInRevoked,
                aadsts: None,
            },
            GraphErrorKind::Forbidden => MicrosoftMsg::AccessDenied { request_id },
            GraphErrorKind::NotFound => MicrosoftMsg::NotFound { request_id },
            GraphErrorKind::Throttled => MicrosoftMsg::Throttled {
                seconds: self.retry_after.map(|d| d.as_secs()),
            },
            // no HTTP answer at all (connection refused, reset, timed out)
            GraphErrorKind::Transient if self.status == 0 => MicrosoftMsg::Unreachable {
                detail: self.message.to_string(),
            },
            GraphErrorKind::Transient | GraphErrorKind::ResyncRequired => {
                MicrosoftMsg::GraphUnavailable {
                    status: self.status,
                    request_id,
                }
            }
            GraphErrorKind::Permanent => MicrosoftMsg::GraphRefused {
                code: self.code.clone(),
                status: self.status,
                request_id,
            },
            GraphErrorKind::ForeignLink => MicrosoftMsg::ForeignLink {
                origin: self.message.to_string(),
            },
            GraphErrorKind::EndlessPaging => MicrosoftMsg::EndlessPaging,
            GraphErrorKind::BadAnswer => MicrosoftMsg::BadAnswer {
                detail: self.message.to_string(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn microsofts_error_body_keeps_its_numbers_first_line_and_support_ids() {
        let body = r#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: t\r\nCorrelation ID: c","error_codes":[700082],"trace_id":"t-1","correlation_id":"c-1","timestamp":"2025-01-02 16:21:38Z"}"#;
        let e: AadError = serde_json::from_str(body).expect("parsed");
        assert_eq!(e.error, "invalid_grant");
        assert_eq!(e.codes, vec![700082]);
        assert_eq!(
            e.description,
            "AADSTS700082: The refresh token has expired due to inactivity."
        );
        assert_eq!(e.support.trace_id.as_deref(), Some("t-1"));
        assert_eq!(e.support.correlation_id.as_deref(), Some("c-1"));
        assert_eq!(e.problem(), SignInProblem::SignInExpired);
        // Odd numbers are left out, and the description's number stands in for missing ones.
        let odd: AadError = serde_json::from_str(
            r#"{"error":"invalid_client","error_description":"AADSTS7000218: secret","error_codes":["x",-1,99999999999]}"#,
        )
        .expect("parsed");
        assert!(odd.codes.is_empty());
        assert_eq!(odd.aadsts(), Some(7000218));
        let bare: AadError =
            serde_json::from_str(r#"{"error":"slow_down","error_description":null}"#)
                .expect("parsed");
        assert_eq!((bare.aadsts(), bare.description.as_str()), (None, ""));
        assert!(serde_json::from_str::<AadError>(r#"{"message":"no error"}"#).is_err());
    }

    #[test]
    fn no_answer_at_all_says_unreachable_not_http_0() {
        let e = GraphError {
            message: "connection refused".into(),
            ..GraphError::local(GraphErrorKind::Transient, "network", "")
        };
        let ui = e.to_ui(Language::En);
        assert_eq!(ui.code, ErrorCode::Unreachable);
        assert!(ui.retryable);
        assert!(
            ui.message
                .contains("cannot be reached (connection refused)"),
            "{}",
            ui.message
        );
        assert!(!ui.message.contains("HTTP 0"), "{}", ui.message);
        let answered = GraphError {
            status: 503,
            ..GraphError::local(GraphErrorKind::Transient, "serviceUnavailable", "")
        };
        let de = answered.to_ui(Language::De).message;
        assert!(
            de.contains("HTTP 503") && de.contains("in einigen Minuten"),
            "{de}"
        );
    }

    #[test]
    fn a_foreign_link_and_endless_paging_are_told_in_both_languages() {
        let foreign = GraphError::local(
            GraphErrorKind::ForeignLink,
            "foreignLink",
            "http://127.0.0.2:4711",
        );
        assert_eq!(
            foreign.to_ui(Language::En).message,
            "Microsoft 365 answered with a link to another server (http://127.0.0.2:4711); it was not followed, and your sign-in was not sent there. If this happens again, send the log to support."
        );
        assert_eq!(
            foreign.to_ui(Language::De).message,
            "Microsoft 365 hat mit einem Link auf einen anderen Server geantwortet (http://127.0.0.2:4711); ihm wurde nicht gefolgt, und Ihre Anmeldung wurde nicht dorthin gesendet. Wenn das erneut vorkommt, senden Sie das Protokoll an den Support."
        );
        assert!(!foreign.to_ui(Language::En).retryable);
        let endless = GraphError::local(GraphErrorKind::EndlessPaging, "pagingRepeated", "");
        let en = endless.to_ui(Language::En);
        assert!(
            en.message
                .starts_with("Microsoft 365 kept sending further pages without end")
        );
        assert!(en.retryable, "the next run tries again");
        let de = endless.to_ui(Language::De).message;
        assert!(
            de.starts_with("Microsoft 365 hat ohne Ende weitere Seiten geschickt"),
            "{de}"
        );
    }
}
