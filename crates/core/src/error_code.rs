//! The UI-facing error code, the error the UI shows, and the trait every module error
//! implements: a leaf (with the text catalogue), so module errors never import the core's
//! error that gathers them.
//!
//! Two layers (after GitButler's `but-error`): each module has its own `thiserror` enum keeping
//! its sources; at the boundary they become a [`UiError`] `{ code, message, retryable }` whose
//! small [`ErrorCode`] tells the UI whether offering "try again" makes sense. Internals never
//! leak: the message is the localized text from the catalog, the chain goes to the log.

use serde::Serialize;

use crate::i18n::Msg;
use crate::language::Language;

/// What kind of failure the UI is looking at; each variant says whether a retry helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Another run of the job is in progress. Retry helps: once it finished.
    Busy,
    /// A value the user gave is not acceptable. Retry does not help; change the input.
    InvalidInput,
    /// The administrator locked this option. Retry does not help.
    LockedByPolicy,
    /// A settings or policy file is malformed. Retry helps only after the file is fixed.
    ConfigInvalid,
    /// The thing asked for does not exist. Retry does not help.
    NotFound,
    /// No OS keyring to keep secrets in. Retry helps only after one is provided.
    KeyringUnavailable,
    /// The local state (folder or database) cannot be used. Retry may help (locked, disk full).
    Storage,
    /// The local state is damaged, from a newer version, not writable, or not a folder. Retry
    /// does not help; the message says what the person can do.
    LocalStateUnusable,
    /// A bug. Retry does not help.
    Internal,
    /// A remote service cannot be reached, timed out or answered 5xx. Retry helps (later).
    Unreachable,
    /// The remote service rejected the credentials (wrong or revoked key, unknown login).
    /// Retry does not help; the user must enter new ones.
    CredentialsRejected,
    /// The signed-in user lacks a right on the remote side. Retry helps only after an admin acts.
    PermissionDenied,
    /// The user must choose (e.g. one of several databases). Retry does not help unchanged.
    ChoiceRequired,
    /// The remote service refused the operation (validation, missing app). Retry does not help.
    RemoteRejected,
    /// The Microsoft sign-in is missing, expired or revoked: the person must sign in again
    /// (the account's jobs pause). Retry does not help until they did.
    NeedsSignIn,
}

impl ErrorCode {
    /// Whether trying the same thing again, unchanged, can succeed.
    pub fn retryable(self) -> bool {
        match self {
            ErrorCode::Busy | ErrorCode::Storage | ErrorCode::Unreachable => true,
            ErrorCode::InvalidInput
            | ErrorCode::LockedByPolicy
            | ErrorCode::ConfigInvalid
            | ErrorCode::NotFound
            | ErrorCode::KeyringUnavailable
            | ErrorCode::Internal
            | ErrorCode::CredentialsRejected
            | ErrorCode::PermissionDenied
            | ErrorCode::ChoiceRequired
            | ErrorCode::RemoteRejected
            | ErrorCode::NeedsSignIn
            | ErrorCode::LocalStateUnusable => false,
        }
    }
}

/// The error the UI and the CLI show: a code, a localized actionable message, and the retry hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct UiError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened and what to do, in the user's language.
    pub message: String,
    /// Whether trying again unchanged can succeed.
    pub retryable: bool,
}

/// An error with a code and a catalog message; implemented by every module error.
pub trait UserFacing {
    /// The UI-facing code.
    fn code(&self) -> ErrorCode;
    /// The catalog message.
    fn msg(&self) -> Msg;

    /// The UI-facing error in `lang`.
    fn to_ui(&self, lang: Language) -> UiError {
        let code = self.code();
        UiError {
            code,
            message: self.msg().render(lang),
            retryable: code.retryable(),
        }
    }
}
