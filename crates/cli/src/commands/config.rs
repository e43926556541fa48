//! `office-connector config get [KEY] [--json]`, `config set KEY VALUE`, `config unset KEY`:
//! every per-user option through the core's settings (the same calls as the settings page).
//! Keys the administrator locked are shown as locked and refused with the policy message.
//! A transfer folder (`mail.incoming_folder`, `mail.outgoing_folder`) is given by its id or its
//! path as `office-connector folders` shows it, looked up in the mailbox, and stored as the id.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::api::{MicrosoftRuntime, Session, transfer_folder_key};
use office_connector_core::error::UserFacing;
use office_connector_core::mail::plan::Direction;
use office_connector_core::settings::{SettingEntry, SettingValue, Source};

use super::exit::{open_session, open_session_for_reading, report, runtime};
use super::output::{emit, print_json};

/// Arguments of `office-connector config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    action: Action,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Show one setting, or all with their source and lock.
    Get {
        /// The dotted name, e.g. mail.delete_after_transfer.
        key: Option<String>,
    },
    /// Change a setting.
    Set {
        /// The dotted name.
        key: String,
        /// The new value, e.g. true, 15, 2026-01-31, a text, or for a transfer folder its path
        /// as `folders` shows it ("Inbox/Transfer In") or its id.
        value: String,
    },
    /// Go back to the default (or the administrator's preset).
    Unset {
        /// The dotted name.
        key: String,
    },
}

/// Runs `office-connector config`.
pub fn run(home: Option<PathBuf>, args: ConfigArgs) -> anyhow::Result<ExitCode> {
    // NOTE: reading the settings works in a home this user may not write
    let open = match args.action {
        Action::Get { .. } => open_session_for_reading,
        Action::Set { .. } | Action::Unset { .. } => open_session,
    };
    let session = match open(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    if let Action::Set { key, value } = &args.action
        && let Some(direction) = transfer_folder(key)
    {
        return choose_folder(&session, direction, value, args.json);
    }
    let result = match &args.action {
        Action::Get { key: None } => session.settings(),
        Action::Get { key: Some(key) } => session.get_setting(key).map(|e| vec![e]),
        Action::Set { key, value } => session.set_setting(key, value).map(|e| vec![e]),
        Action::Unset { key } => session.unset_setting(key).map(|e| vec![e]),
    };
    let entries = match result {
        Ok(entries) => entries,
        Err(e) => return Ok(report(&e.to_ui(lang), args.json)),
    };
    match (&args.action, args.json) {
        (Action::Get { key: None }, true) => print_json(&entries),
        (_, true) => print_json(&entries[0]),
        (Action::Get { key: Some(_) }, false) => {
            emit(&format!("{}\n", shown(&entries[0].value)));
            Ok(ExitCode::SUCCESS)
        }
        (_, false) => {
            emit(&entries.iter().map(line).collect::<String>());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The transfer folder a key holds, if it is one of the two.
fn transfer_folder(key: &str) -> Option<Direction> {
    [Direction::Incoming, Direction::Outgoing]
        .into_iter()
        .find(|d| transfer_folder_key(*d).name() == key.trim())
}

/// A transfer folder is given by id or by its path as `folders` shows it; the mailbox says
/// which folder that is, and only its id is stored.
fn choose_folder(
    session: &Session,
    direction: Direction,
    value: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let lang = session.language();
    let env = MicrosoftRuntime::keyring(session);
    let chosen = match runtime()?.block_on(session.choose_transfer_folder(&env, direction, value)) {
        Ok(chosen) => chosen,
        Err(e) => return Ok(report(&e.to_ui(lang), json)),
    };
    if json {
        let mut body = serde_json::to_value(&chosen.setting)?;
        if let serde_json::Value::Object(map) = &mut body {
            map.insert(
                "folder".into(),
                serde_json::json!({ "id": chosen.id, "path": chosen.path }),
            );
        }
        return print_json(&body);
    }
    emit(&format!("{}\n{}", chosen.message, line(&chosen.setting)));
    Ok(ExitCode::SUCCESS)
}

fn shown(value: &SettingValue) -> String {
    match value {
        SettingValue::Unset => "-".into(),
        other => other.to_string(),
    }
}

/// `mail.delete_after_transfer = true  (user)` / `(policy, locked)`.
fn line(entry: &SettingEntry) -> String {
    let source = match entry.source {
        Source::Default => "default",
        Source::User => "user",
        Source::Policy => "policy",
        Source::PolicyDefault => "policy default",
    };
    let lock = if entry.locked { ", locked" } else { "" };
    format!(
        "{} = {}  ({source}{lock})\n",
        entry.key,
        shown(&entry.value)
    )
}
