//! `office-connector`: the command line of the Odoo Office Connector.
//!
//! Every command calls the same core use cases as the desktop app. Exit codes follow the run
//! outcome: 0 ok, 1 anything else, 2 the user must act, 3 a retry later will fix it.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Odoo Office Connector for Microsoft 365.
#[derive(Debug, Parser)]
#[command(name = "office-connector", version, about)]
struct Cli {
    /// Folder that holds all state (settings, database); for tests and scripts.
    #[arg(long, global = true, env = "OFFICE_CONNECTOR_HOME")]
    home: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show or change the per-user options (`config get` lists them all).
    Config(commands::config::ConfigArgs),
    /// Connect an account: `connect odoo` or `connect microsoft`.
    Connect(commands::connect::ConnectArgs),
    /// Odoo contacts and following: `contacts list`, `contacts follow|unfollow ID…`.
    Contacts(commands::contacts::ContactsArgs),
    /// Try the connector against embedded fakes, in a throwaway state folder.
    Demo(commands::demo::DemoArgs),
    /// Start the fake Microsoft Graph and fake Odoo on loopback and print how to reach them.
    Fakes(commands::fakes::FakesArgs),
    /// List the recorded sync runs, or show one.
    Runs(commands::runs::RunsArgs),
    /// Show what is set up and how the last runs went.
    Status(commands::status::StatusArgs),
    /// Test the connections to Odoo and Microsoft 365.
    Test(commands::test::TestArgs),
    /// Disconnect an account and remove its secrets from the keyring.
    Disconnect(commands::disconnect::DisconnectArgs),
    /// Show the mailbox's folder tree with unread/total counts.
    Folders(commands::folders::FoldersArgs),
    /// Run a job once (`sync [--job mail|calendar] [--dry-run] [--json]`).
    Sync(commands::sync::SyncArgs),
    /// An administrator's one-time steps in Odoo: `odoo prepare [--yes]`.
    Odoo(commands::odoo::OdooArgs),
    /// Mails waiting on an address: `decisions list`, `decisions choose ADDRESS ID…|none`.
    Decisions(commands::decisions::DecisionsArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // NOTE: clap exits 2 on a usage error, but 2 means "the user must act" here.
            return ExitCode::from(u8::from(err.use_stderr()));
        }
    };
    commands::init_logging();
    let result = match cli.command {
        Command::Config(args) => commands::config::run(cli.home, args),
        Command::Connect(args) => commands::connect::run(cli.home, args),
        Command::Contacts(args) => commands::contacts::run(cli.home, args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Disconnect(args) => commands::disconnect::run(cli.home, args),
        Command::Folders(args) => commands::folders::run(cli.home, args),
        Command::Test(args) => commands::test::run(cli.home, args),
        Command::Fakes(args) => commands::fakes::run(args),
        Command::Runs(args) => commands::runs::run(cli.home, args),
        Command::Status(args) => commands::status::run(cli.home, args),
        Command::Sync(args) => commands::sync::run(cli.home, args),
        Command::Decisions(args) => commands::decisions::run(cli.home, args),
        Command::Odoo(args) => commands::odoo::run(cli.home, args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            commands::output::say(&format!("{err:#}"));
            ExitCode::from(1)
        }
    }
}
