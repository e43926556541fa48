//! The scheduler's runner over the core: job plans from `Session::status` (timers on only for
//! set-up jobs, intervals already clamped to the policy minimum), and runs through each job's
//! [`JobEngine`]: the core's use case, which takes the job's run lock shared with the CLI.
//!
//! The app plugs in the engines this build has (mail: [`crate::mail::MailEngine`], calendar:
//! [`crate::calendar::CalendarEngine`], contacts: [`crate::contacts::ContactsEngine`]); a job
//! without one keeps its timer off, and the shell never does sync work itself.
//!
//! "Sync now" runs every job that is set up: its timer is on, or its inputs are chosen
//! (`Session::jobs_set_up`, what `office-connector sync` without `--job` runs) while both
//! accounts can be used. The timer switch only switches the timer.

use std::collections::BTreeMap;
use std::future::Future;

use office_connector_core::api::Session;
use office_connector_core::error::CoreError;
use office_connector_core::model::{Job, Trigger};
use office_connector_core::runlog::record_failed_start;
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
        let accounts_usable = status
            .accounts
            .iter()
            .all(|a| a.connected && !a.needs_sign_in);
        let chosen = self.session.jobs_set_up().map_err(|e| format!("{e:#}"))?;
        let mut plans = Vec::new();
        for job in &status.jobs {
            let runnable = self.engines.contains_key(&job.job);
            let mut plan = JobPlan::from_status(job, runnable);
            // NOTE: a job whose inputs are chosen runs on "Sync now" with its timer switched
            // off too, as the CLI's `sync` runs it; without usable accounts it could only fail.
            plan.set_up |= runnable && accounts_usable && chosen.contains(&job.job);
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

/// Runs a core use case on this (the scheduler's) thread. `work` gets a sender for its
/// progress `(done, total)`; what it sends reaches `progress` here, between the run's steps.
pub(crate) fn block_on_with_progress<T, Fut>(
    progress: &mut dyn FnMut(u32, u32),
    work: impl FnOnce(tokio::sync::mpsc::UnboundedSender<(u32, u32)>) -> Fut,
) -> T
where
    Fut: Future<Output = T>,
{
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tauri::async_runtime::block_on(async {
        let forward = async {
            while let Some((done, total)) = rx.recv().await {
                progress(done, total);
            }
        };
        tokio::join!(work(tx), forward).0
    })
}

/// The run a job's use case ended with, for the scheduler: the recorded run; for a run that
/// could not start, the failed run the core recorded with its reason (so it counts among the
/// job's outcomes); [`CoreError::JobBusy`] passes through.
pub(crate) fn recorded_run(
    session: &Session,
    job: Job,
    trigger: Trigger,
    done: Result<Option<RunSummary>, CoreError>,
) -> Result<RunSummary, CoreError> {
    match done {
        Ok(Some(run)) => Ok(run),
        Ok(None) => Ok(record_failed_start(
            session.store(),
            job,
            trigger,
            &format!("the {job} run recorded nothing"),
        )?),
        Err(e @ CoreError::JobBusy(_)) => Err(e),
        // NOTE: the core recorded the run that could not start (and flagged a refused
        // sign-in); the scheduler sees it as the job's last run.
        Err(e) => match session.store().last_run(job)? {
            Some(run) => Ok(run),
            None => Err(e),
        },
    }
}

/// A count for the window and the tray.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How far the run the window started is, if one is going (a page opened during the run
/// asks for it; the tray shows it).
#[derive(Debug)]
pub struct WindowRun<P> {
    progress: std::sync::Mutex<Option<P>>,
}

impl<P> Default for WindowRun<P> {
    fn default() -> Self {
        Self {
            progress: std::sync::Mutex::new(None),
        }
    }
}

impl<P: Copy> WindowRun<P> {
    /// Notes how far the run is; `None` when it ended.
    pub fn set(&self, progress: Option<P>) {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner()) = progress;
    }

    /// How far the run is; `None` when the window runs nothing.
    pub fn get(&self) -> Option<P> {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner())
    }
}
