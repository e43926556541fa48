//! `office-connector connect microsoft`: filled by the Microsoft sign-in work (issue 5, part 1).

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `office-connector connect microsoft`.
#[derive(Debug, clap::Args)]
pub struct MicrosoftArgs {}

/// Runs `office-connector connect microsoft`.
pub fn run(_home: Option<PathBuf>, _args: MicrosoftArgs) -> anyhow::Result<ExitCode> {
    // TODO(#5): the Microsoft engineer replaces this file with the sign-in.
    eprintln!("connect microsoft is not available in this build yet");
    Ok(ExitCode::from(1))
}
