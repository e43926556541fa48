//! One module per command.

pub mod config;
pub mod connect;
pub mod decisions;
pub mod demo;
pub mod disconnect;
pub mod exit;
pub mod fakes;
pub mod folders;
pub mod runs;
pub mod status;
pub mod sync;
pub mod test;

/// Diagnostic logs go to stderr, filtered by `RUST_LOG` (default: warnings only).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
