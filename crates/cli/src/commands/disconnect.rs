//! `office-connector disconnect odoo|microsoft [--json]`: forget an account and remove its
//! secrets from the OS keyring.

use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::error::UserFacing;
use office_connector_core::i18n::Msg;
use office_connector_core::odoo::messages::OdooMsg;
use serde_json::json;

use super::exit::{open_session, report};
use super::output::emit;

/// Arguments of `office-connector disconnect`.
#[derive(Debug, clap::Args)]
pub struct DisconnectArgs {
    /// Which account to disconnect.
    #[arg(value_enum)]
    target: Target,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
}

/// An account to disconnect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Target {
    /// The Odoo account and its API key.
    Odoo,
    /// The Microsoft 365 sign-in and its tokens.
    Microsoft,
}

/// Runs `office-connector disconnect`.
pub fn run(home: Option<PathBuf>, args: DisconnectArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    match args.target {
        Target::Odoo => match session.disconnect_odoo() {
            Ok(was) => {
                let msg = if was {
                    OdooMsg::Disconnected
                } else {
                    OdooMsg::WasNotConnected
                };
                let text = Msg::Odoo(msg).render(lang);
                if args.json {
                    emit(&format!(
                        "{}\n",
                        json!({"disconnected": was, "message": text})
                    ));
                } else {
                    emit(&format!("{text}\n"));
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Ok(report(&e.to_ui(lang), args.json)),
        },
        Target::Microsoft => {
            let env = office_connector_core::api::MicrosoftRuntime::keyring(&session);
            match session.disconnect_microsoft(&env) {
                Ok(text) if args.json => {
                    emit(&format!(
                        "{}\n",
                        json!({"disconnected": true, "message": text})
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Ok(text) => {
                    emit(&format!("{text}\n"));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(report(&e.to_ui(lang), args.json)),
            }
        }
    }
}
