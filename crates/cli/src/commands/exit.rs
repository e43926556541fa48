//! Exit codes and error output shared by the commands that talk to remote services.
//!
//! 0 ok, 1 anything else, 2 the user must act (wrong key, sign in again, choose, locked out),
//! 3 a retry later will fix it (server down, network, throttled) — after pimalaya's
//! `cli/exit.rs`. The message printed is the one the UI shows, in the user's language.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::{OpenOptions, Session};
use office_connector_core::error::{ErrorCode, UiError, UserFacing};
use office_connector_core::i18n::Language;

use super::output::{emit_json, say};

/// What an [`ErrorCode`] means for a script: 1, 2 or 3.
pub fn exit_number(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::CredentialsRejected
        | ErrorCode::PermissionDenied
        | ErrorCode::ChoiceRequired
        | ErrorCode::KeyringUnavailable
        | ErrorCode::LockedByPolicy
        | ErrorCode::NeedsSignIn => 2,
        other if other.retryable() => 3,
        _ => 1,
    }
}

/// Prints the UI's message on stderr (and `{"error": …}` on stdout with `--json`); exits
/// 1, 2 or 3 by the error's code.
pub fn report(error: &UiError, json: bool) -> ExitCode {
    if json {
        let body = serde_json::json!({ "error": error });
        emit_json(&format!("{body}\n"));
    }
    say(&error.message);
    ExitCode::from(exit_number(error.code))
}

/// Opens the state home (`--home`, `OFFICE_CONNECTOR_HOME` or the platform's); on failure
/// prints why, in the OS language since the settings could not be read, and gives the exit code.
pub fn open_session(home: Option<PathBuf>, json: bool) -> Result<Session, ExitCode> {
    Session::open(OpenOptions {
        home,
        ..OpenOptions::default()
    })
    .map_err(|e| report(&e.to_ui(Language::from_os()), json))
}

/// Like [`open_session`], for a command that only shows something: a state home this user
/// may not write is still read.
pub fn open_session_for_reading(home: Option<PathBuf>, json: bool) -> Result<Session, ExitCode> {
    Session::open_for_reading(OpenOptions {
        home,
        ..OpenOptions::default()
    })
    .map_err(|e| report(&e.to_ui(Language::from_os()), json))
}

/// A runtime for one command's remote calls (the core's clients are async).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}
