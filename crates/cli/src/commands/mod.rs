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
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // NOTE: never mail bodies in logs, whatever RUST_LOG says.
    for directive in office_connector_core::mail::body::QUIET_LOG_DIRECTIVES {
        if let Ok(d) = directive.parse() {
            filter = filter.add_directive(d);
        }
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
