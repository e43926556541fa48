//! `office-connector status`.

use std::process::ExitCode;

/// Arguments of `office-connector status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {}

pub fn run(_home: Option<std::path::PathBuf>, _args: StatusArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
