//! The scheduler's runner over the core: job plans from `Session::status` (timers on only for
//! set-up jobs, intervals already clamped to the policy minimum), and runs through each job's
//! [`JobEngine`]: the core's use case, which takes the job's run lock shared with the CLI.
//!
//! The app plugs in the engines this build has (mail: [`crate::mail::MailEngine`]); a job
//! without one keeps its timer off, and the shell never does sync work itself.

use std::collections::BTreeMap;

use office_connector_core::api::Session;
use office_connector_core::error::CoreError;
use office_connector_core::model::{Job, Trigger};
use office_connector_core::store::{RunFilter, RunSummary};

use crate::scheduler::{JobPlan, JobRunner, RunResult};

/// How many of a job's newest runs the notification decision looks at.
const HISTORY: u32 = 5;

/// The work of one job: runs it once through the core (which takes the job's run lock and
/// records the run) and reports `progress(done, total)` as it goes. Fails with
/// [`CoreError::JobBusy`] while another run (e.g. the CLI's) holds the lock, and with the reason
/// when the run could not start.
pub trait JobEngine: Send {
    /// Runs the job once on `session`.
    fn run(
        &self,
        session: &Session,
        trigger: Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<RunSummary, CoreError>;
}

/// Runs jobs of one state home through the core.
pub struct CoreJobs {
    session: std::sync::Arc<Session>,
    engines: BTreeMap<Job, Box<dyn JobEngine>>,
}

impl std::fmt::Debug for CoreJobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CoreJobs")
            .field("session", &self.session)
            .field("engines", &self.engines.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl CoreJobs {
    /// A runner over `session` (the app's shared one, or its own) with no engine: every timer
    /// stays off.
    pub fn new(session: impl Into<std::sync::Arc<Session>>) -> Self {
        Self {
            session: session.into(),
            engines: BTreeMap::new(),
        }
    }

    /// Adds the engine doing `job`'s work; its timer is on once the job is set up.
    pub fn with_engine(mut self, job: Job, engine: Box<dyn JobEngine>) -> Self {
        self.engines.insert(job, engine);
        self
    }
}

impl JobRunner for CoreJobs {
    fn plans(&mut self) -> Result<(Vec<JobPlan>, Option<u32>), String> {
        let status = self.session.status().map_err(|e| format!("{e:#}"))?;
        let minimum = self
            .session
            .effective_settings()
            .map_err(|e| format!("{e:#}"))?
            .policy()
            .minimum_sync_interval_minutes;
        let mut plans = Vec::new();
        for job in &status.jobs {
            let mut plan = JobPlan::from_status(job, self.engines.contains_key(&job.job));
            let filter = RunFilter {
                job: Some(job.job),
                limit: Some(HISTORY),
                ..RunFilter::default()
            };
            plan.recent_outcomes = self
                .session
                .list_runs(&filter)
                .map_err(|e| format!("{e:#}"))?
                .into_iter()
                .map(|r| r.outcome)
                .collect();
            plans.push(plan);
        }
        Ok((plans, minimum))
    }

    fn run(&mut self, job: Job, trigger: Trigger, progress: &mut dyn FnMut(u32, u32)) -> RunResult {
        let Some(engine) = self.engines.get(&job) else {
            return RunResult::CouldNotStart(format!("no engine for the {job} job in this build"));
        };
        match engine.run(&self.session, trigger, progress) {
            Ok(summary) => RunResult::Finished(summary),
            Err(CoreError::JobBusy(_)) => RunResult::Busy,
            Err(e) => RunResult::CouldNotStart(format!("{e:#}")),
        }
    }
}
