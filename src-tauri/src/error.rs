//! Errors as the settings window receives them: `{ code, message, retryable }`.
//!
//! The core's errors already carry a small [`ErrorCode`] with retry semantics and a catalog
//! message (GitButler's two layers); the shell only renders them in the user's language and logs
//! the full chain. Its own failures (a poisoned lock, a window that cannot open) are bugs:
//! `internal`, with the catalog's generic message.

use office_connector_core::error::{ErrorCode, UiError, UserFacing};
use office_connector_core::i18n::{Language, Msg};

/// A core error for the UI, in `lang`; the full error goes to the log.
pub fn to_ui(error: &(impl UserFacing + std::fmt::Display), lang: Language) -> UiError {
    let ui = error.to_ui(lang);
    if ui.code == ErrorCode::Internal {
        tracing::error!(error = %error, "command failed");
    } else {
        tracing::info!(error = %error, code = ?ui.code, "command failed");
    }
    ui
}

/// A failure of the shell itself (not of the core), for the UI, in `lang`.
pub fn internal(what: &str, lang: Language) -> UiError {
    tracing::error!(what, "shell failure");
    UiError {
        code: ErrorCode::Internal,
        message: Msg::Internal.render(lang),
        retryable: ErrorCode::Internal.retryable(),
    }
}
