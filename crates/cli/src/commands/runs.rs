//! `office-connector runs`.

use std::process::ExitCode;

/// Arguments of `office-connector runs`.
#[derive(Debug, clap::Args)]
pub struct RunsArgs {}

pub fn run(_home: Option<std::path::PathBuf>, _args: RunsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
