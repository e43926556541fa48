//! The run log: start a run (taking the job's run lock), record each item's outcome, and
//! finish with the outcome its report decides.
//!
//! The report decides the outcome, not the first `?` (pimalaya neverest): per-item failures
//! are recorded and counted; only "could not start" is a failed run. When both a person is
//! needed and something failed, the outcome is `needs_attention`: a rerun alone would not
//! settle the run, a person must look at it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::CoreError;
use crate::home::StateHome;
use crate::model::{ItemOutcome, Job, Outcome, RunId, Trigger};
use crate::run_lock::RunLock;
use crate::store::{RunEvent, RunSummary, Store, StoreError};

/// What a run did, item by item and scope by scope; decides the outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    /// Items per outcome.
    pub counts: BTreeMap<ItemOutcome, u32>,
    /// Things a person must act on (beyond waiting/unassigned items), e.g. "sign in again".
    pub needs_attention: Vec<String>,
    /// Scopes a rerun must pick up, e.g. a folder whose listing failed or was throttled.
    pub incomplete: Vec<String>,
}

impl RunReport {
    /// Counts one item outcome.
    pub fn count(&mut self, outcome: ItemOutcome) {
        *self.counts.entry(outcome).or_default() += 1;
    }

    /// How many items ended with `outcome`.
    pub fn count_of(&self, outcome: ItemOutcome) -> u32 {
        self.counts.get(&outcome).copied().unwrap_or(0)
    }

    /// The outcome this report decides.
    pub fn outcome(&self) -> Outcome {
        Outcome::from(self)
    }

    fn notes(&self) -> Vec<String> {
        self.needs_attention
            .iter()
            .chain(&self.incomplete)
            .cloned()
            .collect()
    }
}

impl From<&RunReport> for Outcome {
    fn from(report: &RunReport) -> Outcome {
        // NOTE: a refused item waits for a person (retry or skip) as a decision does
        let waits = report.count_of(ItemOutcome::Waiting)
            + report.count_of(ItemOutcome::Unassigned)
            + report.count_of(ItemOutcome::Refused);
        if waits > 0 || !report.needs_attention.is_empty() {
            Outcome::NeedsAttention
        } else if report.count_of(ItemOutcome::Failed) > 0 || !report.incomplete.is_empty() {
            Outcome::Incomplete
        } else {
            Outcome::Success
        }
    }
}

/// A run in progress; holds the job's run lock until it is finished or dropped.
#[derive(Debug)]
pub struct RunningRun<'s> {
    store: &'s Store,
    id: RunId,
    report: RunReport,
    _lock: RunLock,
}

/// Starts a run of `job`: takes the run lock (or fails with [`CoreError::JobBusy`]), closes
/// runs a crash left open, and writes the run row.
pub fn start_run<'s>(
    store: &'s Store,
    home: &StateHome,
    job: Job,
    trigger: Trigger,
) -> Result<RunningRun<'s>, CoreError> {
    let lock = RunLock::try_acquire(home, job)?;
    store.close_interrupted_runs(
        job,
        "interrupted: the app or command stopped during the run",
    )?;
    let id = store.insert_run(job, trigger)?;
    tracing::info!(
        run = id.0,
        job = job.as_str(),
        trigger = trigger.as_str(),
        "run started"
    );
    Ok(RunningRun {
        store,
        id,
        report: RunReport::default(),
        _lock: lock,
    })
}

/// Records a run that could not start (e.g. the sign-in expired) as `failed` with `error`.
pub fn record_failed_start(
    store: &Store,
    job: Job,
    trigger: Trigger,
    error: &str,
) -> Result<RunSummary, StoreError> {
    let id = store.insert_run(job, trigger)?;
    store.finish_run(id, Outcome::Failed, &BTreeMap::new(), &[], Some(error))?;
    summary(store, id)
}

fn summary(store: &Store, id: RunId) -> Result<RunSummary, StoreError> {
    store
        .run_detail(id)?
        .map(|d| d.run)
        .ok_or_else(|| StoreError::Corrupt {
            column: "runs.id",
            value: id.0.to_string(),
        })
}

impl RunningRun<'_> {
    /// The run's number.
    pub fn id(&self) -> RunId {
        self.id
    }

    /// Records one item's outcome (and counts it in the report).
    pub fn record(&mut self, event: &RunEvent) -> Result<(), StoreError> {
        self.store.insert_run_event(self.id, event)?;
        self.report.count(event.outcome);
        Ok(())
    }

    /// The report so far, to add run-level notes.
    pub fn report_mut(&mut self) -> &mut RunReport {
        &mut self.report
    }

    /// Ends the run with the outcome its report decides, and releases the lock.
    pub fn finish(self) -> Result<RunSummary, StoreError> {
        let outcome = self.report.outcome();
        self.store.finish_run(
            self.id,
            outcome,
            &self.report.counts,
            &self.report.notes(),
            None,
        )?;
        tracing::info!(run = self.id.0, outcome = outcome.as_str(), "run finished");
        summary(self.store, self.id)
    }

    /// Ends the run as `failed` (it stopped before doing its work), and releases the lock.
    pub fn fail(self, error: &str) -> Result<RunSummary, StoreError> {
        self.store.finish_run(
            self.id,
            Outcome::Failed,
            &self.report.counts,
            &self.report.notes(),
            Some(error),
        )?;
        summary(self.store, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_decides_the_outcome() {
        let mut r = RunReport::default();
        assert_eq!(r.outcome(), Outcome::Success, "an empty run is a success");
        r.count(ItemOutcome::Filed);
        r.count(ItemOutcome::Skipped);
        assert_eq!(r.outcome(), Outcome::Success);
        r.count(ItemOutcome::Failed);
        assert_eq!(r.outcome(), Outcome::Incomplete);
        r.count(ItemOutcome::Waiting);
        assert_eq!(
            r.outcome(),
            Outcome::NeedsAttention,
            "a person is needed either way"
        );

        let mut r = RunReport::default();
        r.incomplete.push("folder listing throttled".into());
        assert_eq!(r.outcome(), Outcome::Incomplete);
        let mut r = RunReport::default();
        r.needs_attention.push("sign in again".into());
        assert_eq!(r.outcome(), Outcome::NeedsAttention);
    }

    #[test]
    fn a_run_that_could_not_start_is_recorded_as_failed_with_its_reason() {
        let clock = std::sync::Arc::new(crate::clock::SystemClock);
        let store = Store::open_in_memory(clock).expect("store");
        let run = record_failed_start(&store, Job::Mail, Trigger::Timer, "sign in again")
            .expect("recorded");
        assert_eq!(run.outcome, Some(Outcome::Failed));
        assert_eq!(run.error.as_deref(), Some("sign in again"));
        assert!(run.finished_at.is_some());
        assert_eq!(Outcome::Failed.exit_code(), 1);
        assert_eq!(Outcome::NeedsAttention.exit_code(), 2);
        assert_eq!(Outcome::Incomplete.exit_code(), 3);
    }
}
