//! The Odoo texts (reached through `Msg::Odoo`): typed next to the client so its errors and
//! their wording change together, worded in the Fluent catalogue (`i18n/<code>.ftl`, the `odoo-`
//! messages).

use crate::catalogue::{Arg, s, text};
use crate::language::Language;

use super::url::UrlProblem;

/// One Odoo text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OdooMsg {
    /// The pasted address cannot be used.
    InvalidUrl {
        /// What was entered.
        input: String,
        /// Why.
        problem: UrlProblem,
    },
    /// No answer from the server.
    Unreachable {
        /// The base URL.
        url: String,
        /// Whether it timed out.
        timed_out: bool,
    },
    /// HTTP 5xx.
    ServerUnavailable {
        /// The base URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// Not an Odoo JSON-RPC endpoint.
    NotOdoo {
        /// The base URL.
        url: String,
    },
    /// An Odoo version outside 16–19.
    UnsupportedVersion {
        /// What the server reported.
        version: String,
    },
    /// The database does not exist.
    DatabaseMissing {
        /// The database.
        db: String,
    },
    /// The server does not list its databases.
    DatabaseListDisabled,
    /// Several databases, none chosen.
    DatabaseChoice {
        /// The databases.
        databases: Vec<String>,
    },
    /// No database on the server.
    NoDatabase,
    /// Wrong login or key.
    LoginFailed {
        /// The login.
        login: String,
        /// The database.
        db: String,
    },
    /// The stored key no longer works.
    AccessDenied,
    /// Missing rights.
    AccessError {
        /// The model.
        model: String,
        /// The method.
        method: String,
        /// Odoo's explanation (first paragraph).
        detail: String,
    },
    /// A deleted record.
    MissingRecord {
        /// The model.
        model: String,
    },
    /// Values refused.
    Validation {
        /// Odoo's explanation.
        detail: String,
    },
    /// Odoo refused the operation.
    UserError {
        /// Odoo's explanation.
        detail: String,
    },
    /// A model (app) that is not installed.
    UnknownModel {
        /// The model.
        model: String,
    },
    /// A field that does not exist.
    UnknownField {
        /// Odoo's explanation.
        detail: String,
    },
    /// Session expired.
    SessionExpired,
    /// Another server exception.
    /// The request was too big for the server (HTTP 413).
    TooLarge,
    ServerError {
        /// Odoo's explanation.
        detail: String,
    },
    /// The database was busy.
    Busy,
    /// Why an API key is better than the password (shown when a password was used).
    PreferApiKey,
    /// Connected: who, where, which version.
    Connected {
        /// The user's name.
        name: String,
        /// The login.
        login: String,
        /// The database.
        db: String,
        /// The base URL.
        url: String,
        /// The Odoo version, e.g. "17.0".
        version: String,
    },
    /// Disconnected (key and account removed).
    Disconnected,
    /// Nothing to disconnect.
    WasNotConnected,
    /// Connection test: everything fine.
    TestOk,
    /// Label of the server version in the test output.
    LabelVersion,
    /// Label of the database in the test output.
    LabelDatabase,
    /// Label of the user in the test output.
    LabelUser,
    /// Label of the server address in the test output.
    LabelServer,
    /// An app (calendar, CRM) that is or is not installed.
    AppInstalled {
        /// The app's name.
        app: &'static str,
        /// Installed or not.
        installed: bool,
    },
    /// Why Odoo did not answer, in a few words.
    NoAnswer(NoAnswer),
    /// What is known of the account from an earlier answer, and when it was read: said when
    /// this test could not read it now, so it is not taken for current.
    LastKnown {
        /// Why Odoo did not answer now (none: it answered, but refused).
        no_answer: Option<NoAnswer>,
        /// When it was read, as the person reads times.
        at: String,
        /// The server version then.
        version: String,
        /// Each app and whether it was installed then.
        apps: Vec<(&'static str, bool)>,
    },
    /// No API key was entered (empty field or empty stdin).
    NoKeyGiven,
    /// The API key is missing from the keyring although the account is stored.
    KeyMissing,
}

/// Why Odoo gave no answer: nothing came back, or not in time, or a proxy or the server said
/// it is unavailable right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The connection failed (refused, DNS, TLS, dropped).
    Unreachable,
    /// No answer within the time limit.
    TimedOut,
    /// HTTP 5xx or 429.
    Unavailable(u16),
    /// The database was too busy to answer.
    Busy,
}

impl NoAnswer {
    fn render(self, lang: Language) -> String {
        match self {
            NoAnswer::Unreachable => text(lang, "odoo-no-answer-unreachable", &[]),
            NoAnswer::TimedOut => text(lang, "odoo-no-answer-timed-out", &[]),
            NoAnswer::Unavailable(status) => {
                text(lang, "odoo-no-answer-unavailable", &[s("status", status)])
            }
            NoAnswer::Busy => text(lang, "odoo-no-answer-busy", &[]),
        }
    }
}

/// "CRM installed, Calendar not installed".
fn apps_text(apps: &[(&'static str, bool)], lang: Language) -> String {
    apps.iter()
        .map(|(app, installed)| {
            text(
                lang,
                "odoo-app-in-list",
                &[s("app", app), s("installed", installed)],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl OdooMsg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`, the `odoo-`
    /// messages).
    pub fn render(&self, lang: Language) -> String {
        match self {
            OdooMsg::NoAnswer(reason) => reason.render(lang),
            OdooMsg::LastKnown {
                no_answer,
                at,
                version,
                apps,
            } => {
                let mut args = vec![
                    s("at", at),
                    s("version", version),
                    s("apps", apps_text(apps, lang)),
                ];
                match no_answer {
                    Some(reason) => {
                        args.push(s("reason", reason.render(lang)));
                        text(lang, "odoo-last-known-no-answer", &args)
                    }
                    None => text(lang, "odoo-last-known", &args),
                }
            }
            other => {
                let (id, args) = other.id_and_args();
                text(lang, id, &args)
            }
        }
    }

    /// The message id and arguments of a text.
    fn id_and_args(&self) -> (&'static str, Vec<Arg<'static>>) {
        use OdooMsg as O;
        match self {
            O::InvalidUrl { input, problem } => match problem {
                UrlProblem::Empty => ("odoo-url-empty", vec![]),
                UrlProblem::Scheme(scheme) => (
                    "odoo-url-scheme",
                    vec![s("input", input), s("scheme", scheme)],
                ),
                UrlProblem::Malformed(_) => ("odoo-url-malformed", vec![s("input", input)]),
            },
            O::Unreachable { url, timed_out } => (
                "odoo-unreachable",
                vec![s("url", url), s("timed_out", timed_out)],
            ),
            O::ServerUnavailable { url, status } => (
                "odoo-server-unavailable",
                vec![s("url", url), s("status", status)],
            ),
            O::NotOdoo { url } => ("odoo-not-odoo", vec![s("url", url)]),
            O::UnsupportedVersion { version } => {
                ("odoo-unsupported-version", vec![s("version", version)])
            }
            O::DatabaseMissing { db } => ("odoo-database-missing", vec![s("db", db)]),
            O::DatabaseChoice { databases } => (
                "odoo-database-choice",
                vec![s("databases", databases.join(", "))],
            ),
            O::LoginFailed { login, db } => {
                ("odoo-login-failed", vec![s("login", login), s("db", db)])
            }
            O::AccessError {
                model,
                method,
                detail,
            } => (
                "odoo-access-error",
                vec![s("model", model), s("method", method), s("detail", detail)],
            ),
            O::MissingRecord { model } => ("odoo-missing-record", vec![s("model", model)]),
            O::Validation { detail } => ("odoo-validation", vec![s("detail", detail)]),
            O::UserError { detail } => ("odoo-user-error", vec![s("detail", detail)]),
            O::UnknownModel { model } => ("odoo-unknown-model", vec![s("model", model)]),
            O::UnknownField { detail } => ("odoo-unknown-field", vec![s("detail", detail)]),
            O::ServerError { detail } => ("odoo-server-error", vec![s("detail", detail)]),
            O::Connected {
                name,
                login,
                db,
                url,
                version,
            } => (
                "odoo-connected",
                vec![
                    s("name", name),
                    s("login", login),
                    s("db", db),
                    s("url", url),
                    s("version", version),
                ],
            ),
            O::AppInstalled { app, installed } => (
                "odoo-app-installed",
                vec![s("app", app), s("installed", installed)],
            ),
            plain => (plain.plain_id(), vec![]),
        }
    }

    /// The message id of a text without arguments.
    fn plain_id(&self) -> &'static str {
        match self {
            OdooMsg::DatabaseListDisabled => "odoo-database-list-disabled",
            OdooMsg::NoDatabase => "odoo-no-database",
            OdooMsg::AccessDenied => "odoo-access-denied",
            OdooMsg::SessionExpired => "odoo-session-expired",
            OdooMsg::TooLarge => "odoo-too-large",
            OdooMsg::Busy => "odoo-busy",
            OdooMsg::PreferApiKey => "odoo-prefer-api-key",
            OdooMsg::Disconnected => "odoo-disconnected",
            OdooMsg::WasNotConnected => "odoo-was-not-connected",
            OdooMsg::TestOk => "odoo-test-ok",
            OdooMsg::LabelVersion => "odoo-label-version",
            OdooMsg::LabelDatabase => "odoo-label-database",
            OdooMsg::LabelUser => "odoo-label-user",
            OdooMsg::LabelServer => "odoo-label-server",
            OdooMsg::NoKeyGiven => "odoo-no-key-given",
            OdooMsg::KeyMissing => "odoo-key-missing",
            // every variant with arguments is handled by `id_and_args` or `render`
            _ => "internal",
        }
    }
}
