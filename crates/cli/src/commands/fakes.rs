//! `office-connector fakes`.

use std::process::ExitCode;

/// Arguments of `office-connector fakes`.
#[derive(Debug, clap::Args)]
pub struct FakesArgs {}

pub fn run(_args: FakesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the fakes are not built yet")
}
