//! `office-connector fakes`: starts the fake services on loopback and prints how to reach them.
//!
//! The FIRST line on stdout is one JSON object (`odoo`, `graph` (ending in `/v1.0`), `login`
//! (identity base URL), `users` with `odoo_db`, `odoo_login`, `odoo_api_key`, `odoo_password`,
//! `upn`, `client_id`, `tenant` per demo person); scripts read it and then talk to the fakes.
//! The command runs until Ctrl-C or SIGTERM.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use office_connector_fakes::{FakesConfig, start};

/// Arguments of `office-connector fakes`.
#[derive(Debug, clap::Args)]
pub struct FakesArgs {
    /// The world the fake Odoo starts with.
    #[arg(long, default_value = "demo", value_parser = ["demo", "empty", "transcripts"])]
    seed: String,
    /// Delay before every answer of the fakes, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// The Odoo major version the fake Odoo pretends to be.
    #[arg(long, default_value = "17", value_parser = ["16", "17", "18", "19"])]
    odoo_version: String,
    /// Port of the fake Odoo on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

/// Runs the fakes until interrupted.
pub fn run(args: FakesArgs) -> anyhow::Result<ExitCode> {
    let seed = Seed::parse(&args.seed).context("unknown seed")?;
    let odoo_version = OdooVersion::parse(&args.odoo_version).context("unknown Odoo version")?;
    let config = FakesConfig {
        seed,
        odoo_version,
        latency_ms: args.latency_ms,
        odoo_port: args.port,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let fakes = start(config).await.context("starting the fakes")?;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", fakes.announcement()).context("writing the announcement")?;
        stdout.flush().context("writing the announcement")?;
        drop(stdout);
        wait_for_shutdown().await;
        drop(fakes);
        Ok(ExitCode::SUCCESS)
    })
}

async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
