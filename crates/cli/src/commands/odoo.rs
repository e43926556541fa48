//! `office-connector odoo prepare [--yes]`: an administrator's one-time step for the calendar —
//! the field `x_office_connector_uid` on `calendar.event` in which every colleague's connector
//! keeps a meeting's Outlook identity. Without `--yes` it only says exactly what it would
//! create; nothing is created where Odoo keeps the identity already (`microsoft_calendar`).

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::error::UserFacing;
use office_connector_core::i18n::Msg;
use serde_json::json;

use super::exit::{open_session, report, runtime};
use super::output::emit;

/// Arguments of `office-connector odoo`.
#[derive(Debug, clap::Args)]
pub struct OdooArgs {
    /// What to do.
    #[command(subcommand)]
    action: OdooAction,
}

/// An administrator's action on the connected Odoo.
#[derive(Debug, clap::Subcommand)]
enum OdooAction {
    /// Create the calendar's identity field (shows what it creates; `--yes` creates it).
    Prepare {
        /// Create it (without: only show what would be created).
        #[arg(long)]
        yes: bool,
        /// Print machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `office-connector odoo`.
pub fn run(home: Option<PathBuf>, args: OdooArgs) -> anyhow::Result<ExitCode> {
    let OdooAction::Prepare { yes, json } = args.action;
    let session = match open_session(home, json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let secrets = session.secrets();
    match runtime()?.block_on(session.prepare_odoo_calendar(&secrets, yes)) {
        Ok(done) => {
            let text = Msg::Calendar(done).render(lang);
            if json {
                emit(&format!("{}\n", json!({"created": yes, "message": text})));
            } else {
                emit(&format!("{text}\n"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), json)),
    }
}
