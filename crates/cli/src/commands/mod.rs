//! One module per command.

pub mod config;
pub mod connect;
pub mod contacts;
pub mod decisions;
pub mod demo;
pub mod disconnect;
pub mod exit;
pub mod fakes;
pub mod folders;
pub mod odoo;
pub mod output;
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
    use std::io::IsTerminal;
    let colour = colour_logs(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR"),
    );
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .try_init();
}

/// Colour codes only for a person at a terminal: in a file or a pipe (`sync 2>log`) they are
/// garbage, and a set `NO_COLOR` (no-color.org) turns them off.
fn colour_logs(stderr_is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    stderr_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::colour_logs;

    #[test]
    fn logs_are_coloured_only_on_a_terminal_without_no_color() {
        assert!(colour_logs(true, None));
        assert!(colour_logs(true, Some("".into())));
        assert!(!colour_logs(true, Some("1".into())));
        assert!(!colour_logs(false, None));
    }
}
