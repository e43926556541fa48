//! Named steps of a job's exactly-once sequence where a test may stop a run as a kill would
//! (the mail and calendar jobs share them).

/// Named steps of the exactly-once sequence where a test may stop a run as a kill would.
pub trait CrashPoints: Sync {
    /// True: stop the run here, writing nothing more.
    fn reached(&self, step: &'static str) -> bool;
}

/// NOTE: debug builds can be killed at a named journal step, for the crash-safety tests:
/// `OFFICE_CONNECTOR_CRASH_PLAN` names a file of step names, one a line; the process that
/// reaches the step on the first line removes that line and SIGKILLs itself, so a series of
/// runs crashes once at each listed step. Release builds never look at the variable.
#[derive(Debug, Default, Clone, Copy)]
pub struct KillAtPlannedSteps;

impl CrashPoints for KillAtPlannedSteps {
    fn reached(&self, step: &'static str) -> bool {
        #[cfg(debug_assertions)]
        if let Ok(plan) = std::env::var("OFFICE_CONNECTOR_CRASH_PLAN") {
            let text = std::fs::read_to_string(&plan).unwrap_or_default();
            let mut lines = text.lines();
            if lines.next().map(str::trim) == Some(step) {
                let rest: Vec<&str> = lines.collect();
                let _ = std::fs::write(&plan, rest.join("\n"));
                tracing::warn!(step, "crash test: killing this process");
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &std::process::id().to_string()])
                    .status();
                std::process::abort();
            }
        }
        #[cfg(not(debug_assertions))]
        let _ = step;
        false
    }
}
