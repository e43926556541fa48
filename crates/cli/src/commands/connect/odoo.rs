//! `office-connector connect odoo --url URL [--db DB] --login LOGIN --api-key-stdin [--json]`.
//!
//! The key is read from stdin (first line), never from the command line, where every user of
//! the machine could read it in the process list. On success the key goes to the OS keyring and
//! the account (no secret) to the database.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use office_connector_core::error::UserFacing;
use office_connector_core::odoo::ConnectRequest;
use secrecy::SecretString;

use crate::commands::exit::{open_session, report, runtime};
use crate::commands::output::{emit, print_json};

/// Arguments of `office-connector connect odoo`.
#[derive(Debug, clap::Args)]
pub struct OdooArgs {
    /// The Odoo address, as in the browser (e.g. https://mycompany.odoo.com/odoo).
    #[arg(long)]
    url: String,
    /// The database; detected when the server has only one.
    #[arg(long)]
    db: Option<String>,
    /// Your Odoo login (usually your e-mail address).
    #[arg(long)]
    login: String,
    /// Read the API key (or password) from the first line of stdin.
    #[arg(long, required = true)]
    api_key_stdin: bool,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `office-connector connect odoo`.
pub fn run(home: Option<PathBuf>, args: OdooArgs) -> anyhow::Result<ExitCode> {
    let session = match open_session(home, args.json) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = session.language();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let secret = SecretString::from(line.trim().to_owned());
    let request = ConnectRequest {
        url: args.url,
        db: args.db,
        login: args.login,
        secret,
    };
    let rt = runtime()?;
    match rt.block_on(session.connect_odoo(&request)) {
        Ok(connection) if args.json => print_json(&connection),
        Ok(connection) => {
            emit(&format!("{}\n", connection.message));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e.to_ui(lang), args.json)),
    }
}
