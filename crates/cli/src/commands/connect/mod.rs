//! `office-connector connect odoo|microsoft`: connect an account from the command line, for
//! headless machines and scripts (the same core calls as the setup wizard).

pub mod microsoft;
pub mod odoo;

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `office-connector connect`.
#[derive(Debug, clap::Args)]
pub struct ConnectArgs {
    #[command(subcommand)]
    target: ConnectTarget,
}

#[derive(Debug, clap::Subcommand)]
enum ConnectTarget {
    /// Connect your Odoo user (address, database, login, API key from stdin).
    Odoo(odoo::OdooArgs),
    /// Sign in to Microsoft 365.
    Microsoft(microsoft::MicrosoftArgs),
}

/// Runs `office-connector connect`.
pub fn run(home: Option<PathBuf>, args: ConnectArgs) -> anyhow::Result<ExitCode> {
    match args.target {
        ConnectTarget::Odoo(a) => odoo::run(home, a),
        ConnectTarget::Microsoft(a) => microsoft::run(home, a),
    }
}
