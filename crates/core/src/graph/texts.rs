//! The Microsoft texts (reached through `Msg::Microsoft`): typed beside the client so each
//! AADSTS mapping and its advice change together, worded in the Fluent catalogue
//! (`i18n/<code>.ftl`, the `ms-` messages).

use serde::Serialize;

use crate::catalogue::{Arg, s, text};
use crate::language::Language;

/// What the user must fix after the identity platform refused (GRAPH_FACTS §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInProblem {
    /// The tenant (directory) id or domain is wrong (AADSTS90002, 50194).
    WrongTenant,
    /// The account is not in that directory (AADSTS50020, 50034).
    WrongAccount,
    /// The application (client) id is unknown in the tenant (AADSTS700016).
    WrongClientId,
    /// Nobody consented to the permissions yet: the person or an administrator (AADSTS65001).
    ConsentMissing,
    /// Consent was declined or only an administrator may give it (AADSTS65004).
    AdminConsentRequired,
    /// The tenant requires an administrator to approve the app (AADSTS90094).
    AdminApprovalRequired,
    /// The redirect URI is not registered (AADSTS50011).
    RedirectMismatch,
    /// The client secret expired or is wrong (AADSTS7000222, 7000215).
    SecretExpiredOrWrong,
    /// A Web registration needs its client secret (AADSTS7000218).
    SecretMissing,
    /// A desktop (public client) registration must not get a secret (AADSTS700025).
    SecretNotAllowed,
    /// Multi-factor authentication or a conditional-access policy requires a new sign-in.
    MfaOrConditionalAccess,
    /// The sign-in was unused for 90 days (AADSTS700082).
    SignInExpired,
    /// The sign-in was revoked: password changed or access withdrawn (AADSTS50173).
    SignInRevoked,
    /// The one-time sign-in code expired or was already used.
    CodeInvalid,
    /// The device code expired before anyone entered it.
    DeviceCodeExpired,
    /// The person declined the sign-in or the permissions.
    Declined,
    /// Microsoft's sign-in service is unavailable right now.
    ServiceUnavailable,
    /// Anything else; the AADSTS number is shown.
    Other,
}

impl SignInProblem {
    /// Every problem (the catalogue's tests render each).
    pub const ALL: [SignInProblem; 18] = [
        SignInProblem::WrongTenant,
        SignInProblem::WrongAccount,
        SignInProblem::WrongClientId,
        SignInProblem::ConsentMissing,
        SignInProblem::AdminConsentRequired,
        SignInProblem::AdminApprovalRequired,
        SignInProblem::RedirectMismatch,
        SignInProblem::SecretExpiredOrWrong,
        SignInProblem::SecretMissing,
        SignInProblem::SecretNotAllowed,
        SignInProblem::MfaOrConditionalAccess,
        SignInProblem::SignInExpired,
        SignInProblem::SignInRevoked,
        SignInProblem::CodeInvalid,
        SignInProblem::DeviceCodeExpired,
        SignInProblem::Declined,
        SignInProblem::ServiceUnavailable,
        SignInProblem::Other,
    ];
}

/// Every Microsoft-related text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MicrosoftMsg {
    /// Microsoft refused the sign-in; says what to fix.
    SignInFailed {
        /// The problem.
        problem: SignInProblem,
        /// Microsoft's AADSTS number, when known.
        aadsts: Option<u32>,
    },
    /// The directory (tenant) given is no directory id, domain or known name.
    BadTenant {
        /// What was given.
        tenant: String,
    },
    /// The local sign-in listener failed.
    ListenerFailed {
        /// The OS error.
        detail: String,
    },
    /// The browser could not be opened.
    BrowserFailed {
        /// The command tried.
        command: String,
        /// The OS error.
        detail: String,
    },
    /// Nobody finished the sign-in in time.
    SignInTimedOut,
    /// Microsoft could not be reached.
    Unreachable {
        /// What failed (no tokens).
        detail: String,
    },
    /// Microsoft answered something unexpected.
    BadAnswer {
        /// What was wrong.
        detail: String,
    },
    /// A configured address is not a usable URL.
    BadUrl {
        /// The address.
        url: String,
    },
    /// Graph refused access (missing permission).
    AccessDenied {
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// A folder or item is gone.
    NotFound {
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Microsoft throttled us even after waiting.
    Throttled {
        /// The last `Retry-After`.
        seconds: Option<u64>,
    },
    /// Graph is unavailable (5xx, timeouts).
    GraphUnavailable {
        /// HTTP status (0 = no answer).
        status: u16,
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Graph refused a request for another reason.
    GraphRefused {
        /// Graph's error code.
        code: String,
        /// HTTP status.
        status: u16,
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Graph named a link on another server; it was not followed.
    ForeignLink {
        /// That server (`scheme://host:port`).
        origin: String,
    },
    /// Graph's paging did not end.
    EndlessPaging,
    /// No Microsoft account is connected.
    NotConnected,
    /// The page the browser shows after a successful sign-in.
    BrowserPageSuccess,
    /// The page the browser shows after a failed sign-in.
    BrowserPageFailure,
    /// The device-code instruction.
    DeviceCodePrompt {
        /// Where to go.
        url: String,
        /// What to type.
        code: String,
    },
    /// The instruction printed before the authorize URL is opened.
    OpenThisUrl,
    /// Signed in as somebody.
    SignedInAs {
        /// The UPN.
        upn: String,
    },
    /// Disconnected; consent can be revoked in the portal.
    Disconnected,
    /// The connection test read the mailbox.
    MailboxReachable,
}

impl SignInProblem {
    /// The message id of what to fix.
    fn id(self) -> &'static str {
        use SignInProblem as P;
        match self {
            P::WrongTenant => "ms-problem-wrong-tenant",
            P::WrongAccount => "ms-problem-wrong-account",
            P::WrongClientId => "ms-problem-wrong-client-id",
            P::ConsentMissing => "ms-problem-consent-missing",
            P::AdminConsentRequired => "ms-problem-admin-consent-required",
            P::AdminApprovalRequired => "ms-problem-admin-approval-required",
            P::RedirectMismatch => "ms-problem-redirect-mismatch",
            P::SecretExpiredOrWrong => "ms-problem-secret-expired-or-wrong",
            P::SecretMissing => "ms-problem-secret-missing",
            P::SecretNotAllowed => "ms-problem-secret-not-allowed",
            P::MfaOrConditionalAccess => "ms-problem-mfa-or-conditional-access",
            P::SignInExpired => "ms-problem-sign-in-expired",
            P::SignInRevoked => "ms-problem-sign-in-revoked",
            P::CodeInvalid => "ms-problem-code-invalid",
            P::DeviceCodeExpired => "ms-problem-device-code-expired",
            P::Declined => "ms-problem-declined",
            P::ServiceUnavailable => "ms-problem-service-unavailable",
            P::Other => "ms-problem-other",
        }
    }
}

impl MicrosoftMsg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`, the `ms-`
    /// messages).
    pub fn render(&self, lang: Language) -> String {
        if let MicrosoftMsg::SignInFailed { problem, aadsts } = self {
            let advice = text(lang, problem.id(), &[]);
            return match aadsts {
                Some(code) => text(
                    lang,
                    "ms-sign-in-failed-code",
                    &[s("problem", advice), s("code", code)],
                ),
                None => advice,
            };
        }
        let (id, args) = self.id_and_args();
        let rendered = text(lang, id, &args);
        // NOTE: Graph's request id is what Microsoft's support asks for, so it follows the
        // advice of every Graph refusal that has one.
        match self.request_id() {
            Some(request_id) => text(
                lang,
                "ms-with-request-id",
                &[s("text", rendered), s("id", request_id)],
            ),
            None => rendered,
        }
    }

    /// Graph's request id, for the texts of a Graph answer that carry one.
    fn request_id(&self) -> Option<&str> {
        use MicrosoftMsg as M;
        match self {
            M::AccessDenied { request_id }
            | M::NotFound { request_id }
            | M::GraphUnavailable { request_id, .. }
            | M::GraphRefused { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The message id and arguments of a text (a sign-in refusal is composed in `render`).
    fn id_and_args(&self) -> (&'static str, Vec<Arg<'static>>) {
        use MicrosoftMsg as M;
        match self {
            M::BadTenant { tenant } => ("ms-bad-tenant", vec![s("tenant", tenant)]),
            M::ListenerFailed { detail } => ("ms-listener-failed", vec![s("detail", detail)]),
            M::BrowserFailed { command, detail } => (
                "ms-browser-failed",
                vec![s("command", command), s("detail", detail)],
            ),
            M::Unreachable { detail } => ("ms-unreachable", vec![s("detail", detail)]),
            M::BadAnswer { detail } => ("ms-bad-answer", vec![s("detail", detail)]),
            M::BadUrl { url } => ("ms-bad-url", vec![s("url", url)]),
            M::Throttled { seconds: Some(w) } => ("ms-throttled-wait", vec![s("seconds", w)]),
            M::GraphUnavailable { status, .. } => {
                ("ms-graph-unavailable", vec![s("status", status)])
            }
            M::GraphRefused { code, status, .. } => (
                "ms-graph-refused",
                vec![s("code", code), s("status", status)],
            ),
            M::ForeignLink { origin } => ("ms-foreign-link", vec![s("origin", origin)]),
            M::DeviceCodePrompt { url, code } => (
                "ms-device-code-prompt",
                vec![s("url", url), s("code", code)],
            ),
            M::SignedInAs { upn } => ("ms-signed-in-as", vec![s("upn", upn)]),
            plain => (plain.plain_id(), vec![]),
        }
    }

    /// The message id of a text without arguments.
    fn plain_id(&self) -> &'static str {
        use MicrosoftMsg as M;
        match self {
            M::SignInTimedOut => "ms-sign-in-timed-out",
            M::AccessDenied { .. } => "ms-access-denied",
            M::NotFound { .. } => "ms-not-found",
            M::Throttled { seconds: None } => "ms-throttled",
            M::EndlessPaging => "ms-endless-paging",
            M::NotConnected => "ms-not-connected",
            M::BrowserPageSuccess => "ms-browser-page-success",
            M::BrowserPageFailure => "ms-browser-page-failure",
            M::OpenThisUrl => "ms-open-this-url",
            M::MailboxReachable => "ms-mailbox-reachable",
            M::Disconnected => "ms-disconnected",
            // every variant with arguments is handled by `id_and_args` or `render`
            _ => "internal",
        }
    }
}
