//! The scheduler: one timer per job, each off until that job is set up.
//!
//! - Intervals come from the effective settings (the core already clamps them to the admin
//!   policy's minimum; [`Schedule::configure`] clamps again, so no caller can undercut it).
//! - "Sync now" runs every job that is set up (its timer on, or its inputs chosen with the timer
//!   switched off; see [`crate::jobs`]), one after the other, at once, also while paused.
//! - Never two runs of one job at a time: a run takes the core's per-job run lock (a lock file
//!   in the state home, shared with the CLI). When a CLI run holds it the app skips that job and
//!   tries again [`BUSY_RETRY`] later; it never blocks on the lock.
//! - Due times are kept in monotonic time, so setting the wall clock back or forward does not
//!   move them. Time asleep (suspend) does not pass on the monotonic clock on Linux, so sleep is
//!   detected as the wall clock running ahead of the monotonic one by more than
//!   [`SLEEP_TOLERANCE`]; the slept time is credited to every timer, and what fell due while
//!   asleep runs at the first wake-up.
//! - No busy wake-ups: [`Schedule::wait`] says how long to sleep — until the earliest due time,
//!   capped at [`RESUME_CHECK`] because a monotonic sleep oversleeps a suspend; with no timer on
//!   the thread sleeps until a command arrives.
//!
//! [`Schedule`] is the timing logic as plain values (tested with an injected clock, no
//! threads); [`SchedulerLoop`] runs one step of it against a [`JobRunner`]; [`Scheduler`] is the
//! thread the app owns.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};
use office_connector_core::api::JobStatus;
use office_connector_core::model::{Job, Outcome, Trigger};
use office_connector_core::store::RunSummary;
use serde::Serialize;

/// How long a job waits before trying again when another run (e.g. the CLI) holds its lock.
pub const BUSY_RETRY: TimeDelta = TimeDelta::minutes(1);
/// How far the wall clock may run ahead of the monotonic clock before it counts as sleep.
pub const SLEEP_TOLERANCE: TimeDelta = TimeDelta::minutes(2);
/// The longest the scheduler sleeps while a timer is on, so it notices a suspend soon after.
pub const RESUME_CHECK: TimeDelta = TimeDelta::minutes(5);

/// A moment as the scheduler sees it: the wall clock and a monotonic clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    /// Wall-clock time (shown to the user; jumps on suspend and clock changes).
    pub wall: DateTime<Utc>,
    /// Time since an arbitrary origin that never jumps (stands still while suspended).
    pub mono: TimeDelta,
}

/// Tells the scheduler the time; injected so tests need no real time.
pub trait TickSource: Send + Sync {
    /// The current moment.
    fn now(&self) -> Tick;
}

/// The system's clocks: `Utc::now` and `Instant`.
#[derive(Debug)]
pub struct SystemTicks {
    origin: Instant,
}

impl Default for SystemTicks {
    fn default() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl TickSource for SystemTicks {
    fn now(&self) -> Tick {
        Tick {
            wall: Utc::now(),
            mono: TimeDelta::from_std(self.origin.elapsed()).unwrap_or(TimeDelta::MAX),
        }
    }
}

/// A clock pair that only moves when told to; for tests.
#[derive(Debug)]
pub struct ManualTicks {
    now: Mutex<Tick>,
}

impl ManualTicks {
    /// Clocks standing at `wall` (monotonic time zero).
    pub fn new(wall: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(Tick {
                wall,
                mono: TimeDelta::zero(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Tick> {
        self.now.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Time passes while the machine is awake: both clocks move.
    pub fn advance(&self, by: TimeDelta) {
        let mut now = self.lock();
        now.wall += by;
        now.mono += by;
    }

    /// The machine is suspended for `by`: only the wall clock moves.
    pub fn suspend(&self, by: TimeDelta) {
        self.lock().wall += by;
    }

    /// Someone sets the wall clock by `by` (negative: back); the monotonic clock stays.
    pub fn set_wall_by(&self, by: TimeDelta) {
        self.lock().wall += by;
    }
}

impl TickSource for ManualTicks {
    fn now(&self) -> Tick {
        *self.lock()
    }
}

/// What the scheduler needs to know about one job, read from the core's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPlan {
    /// The job.
    pub job: Job,
    /// Set up (switched on, accounts connected) and runnable by this build: its timer is on.
    pub timer_on: bool,
    /// "Sync now" runs it: its timer is on, or it is set up with the timer switched off.
    pub set_up: bool,
    /// Minutes between timed runs.
    pub interval_minutes: u32,
    /// When its newest run started (any trigger, app or CLI).
    pub last_started: Option<DateTime<Utc>>,
    /// Outcomes of its newest runs, newest first (`None`: still running).
    pub recent_outcomes: Vec<Option<Outcome>>,
}

impl JobPlan {
    /// The plan for a job as the core reports it; `runnable` says whether this build has the
    /// job's engine.
    pub fn from_status(status: &JobStatus, runnable: bool) -> Self {
        Self {
            job: status.job,
            timer_on: status.timer_on && runnable,
            set_up: status.set_up && runnable,
            interval_minutes: status.interval_minutes,
            last_started: status.last_run.as_ref().map(|r| r.started_at),
            recent_outcomes: status.last_run.iter().map(|r| r.outcome).collect(),
        }
    }
}

/// What a clock comparison between two ticks found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockJump {
    /// Both clocks moved alike.
    None,
    /// The machine slept this long (wall clock ran ahead of the monotonic clock).
    Slept(TimeDelta),
    /// The wall clock was set back this far; due times are monotonic and stay.
    SetBack(TimeDelta),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct JobTimer {
    interval: TimeDelta,
    /// Monotonic due time.
    due: TimeDelta,
}

/// The timing state of every job: pure values, driven by ticks.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    timers: BTreeMap<Job, JobTimer>,
    /// The jobs "Sync now" runs.
    set_up: BTreeSet<Job>,
    paused: bool,
    requested: BTreeSet<Job>,
    last_tick: Option<Tick>,
}

/// How a run attempt ended, as far as the timer is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunResult {
    /// The run happened and was recorded.
    Finished(RunSummary),
    /// Another run of the job (e.g. the CLI's) holds its lock: skipped, tried again soon.
    Busy,
    /// The run could not start (database, settings); the message is for the log.
    CouldNotStart(String),
}

impl Schedule {
    /// A schedule with every timer off.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies the jobs' current plans: a timer per job whose timer is on, others off. The
    /// interval is clamped to `policy_minimum` (and at least a minute). A job that never ran,
    /// or whose last run is older than its interval, is due at once.
    pub fn configure(&mut self, plans: &[JobPlan], policy_minimum: Option<u32>, now: Tick) {
        let mut on = BTreeSet::new();
        for plan in plans.iter().filter(|p| p.timer_on) {
            on.insert(plan.job);
            let minutes = plan
                .interval_minutes
                .max(policy_minimum.unwrap_or(0))
                .max(1);
            let interval = TimeDelta::minutes(i64::from(minutes));
            if self
                .timers
                .get(&plan.job)
                .is_some_and(|t| t.interval == interval)
            {
                continue;
            }
            let wait = plan.last_started.map_or(TimeDelta::zero(), |started| {
                (started + interval - now.wall).max(TimeDelta::zero())
            });
            self.timers.insert(
                plan.job,
                JobTimer {
                    interval,
                    // NOTE: never later than one interval from now, even if the last start
                    // lies in the future (the wall clock was set back since).
                    due: now.mono + wait.min(interval),
                },
            );
        }
        self.timers.retain(|job, _| on.contains(job));
        self.set_up = plans
            .iter()
            .filter(|p| p.set_up || p.timer_on)
            .map(|p| p.job)
            .collect();
        self.requested.retain(|job| self.set_up.contains(job));
    }

    /// Compares `now` with the last tick seen; credits slept time to every timer.
    pub fn observe(&mut self, now: Tick) -> ClockJump {
        let jump = match self.last_tick {
            Some(last) => {
                let drift = (now.wall - last.wall) - (now.mono - last.mono);
                if drift > SLEEP_TOLERANCE {
                    for timer in self.timers.values_mut() {
                        timer.due -= drift;
                    }
                    ClockJump::Slept(drift)
                } else if drift < -SLEEP_TOLERANCE {
                    ClockJump::SetBack(-drift)
                } else {
                    ClockJump::None
                }
            }
            None => ClockJump::None,
        };
        self.last_tick = Some(now);
        jump
    }

    /// The jobs whose timer is on.
    pub fn timers_on(&self) -> Vec<Job> {
        self.timers.keys().copied().collect()
    }

    /// The jobs "Sync now" runs: set up, with or without their timer.
    pub fn set_up(&self) -> Vec<Job> {
        self.set_up.iter().copied().collect()
    }

    /// "Sync now": asks every set-up job to run at once, one after the other; returns them
    /// (empty when no job is set up, which is why the shell disables the menu item then).
    pub fn sync_now(&mut self) -> Vec<Job> {
        self.requested.extend(self.set_up.iter().copied());
        self.set_up()
    }

    /// Stops (true) or restarts (false) the timers; "Sync now" still works while paused.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Whether the timers are paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Takes the runs due at `now`: requested ones as manual runs, then timed ones (not while
    /// paused), each job once, in job order.
    pub fn take_due(&mut self, now: Tick) -> Vec<(Job, Trigger)> {
        let mut due: Vec<(Job, Trigger)> = std::mem::take(&mut self.requested)
            .into_iter()
            .map(|job| (job, Trigger::Manual))
            .collect();
        if !self.paused {
            for (job, timer) in &self.timers {
                if timer.due <= now.mono && !due.iter().any(|(j, _)| j == job) {
                    due.push((*job, Trigger::Timer));
                }
            }
        }
        due.sort_by_key(|(job, _)| *job);
        due
    }

    /// Records how a run attempt of `job` ended at `now` and sets its next due time.
    pub fn finished(&mut self, job: Job, result: &RunResult, now: Tick) {
        if let Some(timer) = self.timers.get_mut(&job) {
            timer.due = match result {
                // the run counts from its end, so a long run is not followed at once by the next
                RunResult::Finished(_) | RunResult::CouldNotStart(_) => now.mono + timer.interval,
                // someone else (the CLI) is running it: look again soon, do not wait
                RunResult::Busy => now.mono + BUSY_RETRY,
            };
        }
    }

    /// How long to sleep from `now` before the next step: zero when something is due, `None`
    /// (until a command arrives) when no timer can fire.
    pub fn wait(&self, now: Tick) -> Option<TimeDelta> {
        if !self.requested.is_empty() {
            return Some(TimeDelta::zero());
        }
        if self.paused {
            return None;
        }
        let earliest = self.timers.values().map(|t| t.due).min()?;
        Some((earliest - now.mono).clamp(TimeDelta::zero(), RESUME_CHECK))
    }

    /// When `job` runs next on the wall clock, if its timer is on and not paused.
    pub fn next_run_at(&self, job: Job, now: Tick) -> Option<DateTime<Utc>> {
        if self.paused {
            return None;
        }
        let timer = self.timers.get(&job)?;
        Some(now.wall + (timer.due - now.mono).max(TimeDelta::zero()))
    }
}

/// Runs jobs for the scheduler; the app's implementation calls the core.
pub trait JobRunner: Send {
    /// The plan of every job and the policy's minimum interval, read fresh from the state home.
    fn plans(&mut self) -> Result<(Vec<JobPlan>, Option<u32>), String>;
    /// Runs `job` once, holding its run lock; [`RunResult::Busy`] when someone else holds it.
    /// `progress(done, total)` reports items as the job's engine goes.
    fn run(&mut self, job: Job, trigger: Trigger, progress: &mut dyn FnMut(u32, u32)) -> RunResult;
}

/// One job as the tray and the Status page see the scheduler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobTimerView {
    /// The job.
    pub job: Job,
    /// Whether its timer is on.
    pub timer_on: bool,
    /// Whether "Sync now" runs it.
    pub set_up: bool,
    /// When it runs next (none: timer off or paused).
    pub next_run_at: Option<DateTime<Utc>>,
    /// Outcomes of its newest runs, newest first (`None`: still running).
    pub recent_outcomes: Vec<Option<Outcome>>,
}

/// What the scheduler is doing, for the tray, the Status page and notifications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SchedulerView {
    /// The user paused the timers.
    pub paused: bool,
    /// The job running right now in the app, if any.
    pub running: Option<Job>,
    /// Items done and in total of the running job, when its engine reports progress.
    pub progress: Option<(u32, u32)>,
    /// Every job, in the UI's order.
    pub jobs: Vec<JobTimerView>,
    /// Set once the scheduler stopped (the app is quitting).
    pub stopped: bool,
}

impl SchedulerView {
    /// Whether "Sync now" can do anything (some job is set up).
    pub fn can_sync_now(&self) -> bool {
        self.jobs.iter().any(|j| j.set_up)
    }
}

/// Something the scheduler did that the shell may show.
#[derive(Debug, Clone, PartialEq)]
pub enum SchedulerEvent {
    /// The view changed (timers, pause, a run began or ended).
    Changed(SchedulerView),
    /// A run of `job` ended; its recent outcomes (newest first) decide a notification.
    RunFinished {
        /// The job.
        job: Job,
        /// The run.
        run: RunSummary,
        /// Outcomes of the job's newest runs including this one, newest first.
        recent_outcomes: Vec<Option<Outcome>>,
    },
}

/// A command to the scheduler thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Run every set-up job now, one after the other.
    SyncNow,
    /// Stop the timers.
    Pause,
    /// Restart the timers.
    Resume,
    /// Settings changed: read the plans again.
    Reconfigure,
}

/// One step at a time of the scheduler, without a thread: tests drive it with [`ManualTicks`].
pub struct SchedulerLoop {
    schedule: Schedule,
    runner: Box<dyn JobRunner>,
    ticks: Arc<dyn TickSource>,
    plans: Vec<JobPlan>,
    view: SchedulerView,
}

impl std::fmt::Debug for SchedulerLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchedulerLoop")
            .field("schedule", &self.schedule)
            .field("view", &self.view)
            .finish_non_exhaustive()
    }
}

impl SchedulerLoop {
    /// A loop over `runner` on `ticks`, with every timer off until the first step reads plans.
    pub fn new(runner: Box<dyn JobRunner>, ticks: Arc<dyn TickSource>) -> Self {
        Self {
            schedule: Schedule::new(),
            runner,
            ticks,
            plans: Vec::new(),
            view: SchedulerView::default(),
        }
    }

    /// The timing state.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The current view.
    pub fn view(&self) -> &SchedulerView {
        &self.view
    }

    fn reload(&mut self, now: Tick) {
        match self.runner.plans() {
            Ok((plans, minimum)) => {
                self.schedule.configure(&plans, minimum, now);
                self.plans = plans;
            }
            // NOTE: keep the old plans: a settings file being edited must not stop the timers.
            Err(e) => tracing::warn!(error = %e, "cannot read the job plans"),
        }
    }

    fn refresh_view(&mut self, now: Tick) {
        self.view.paused = self.schedule.is_paused();
        self.view.jobs = self
            .plans
            .iter()
            .map(|p| JobTimerView {
                job: p.job,
                timer_on: self.schedule.timers.contains_key(&p.job),
                set_up: self.schedule.set_up.contains(&p.job),
                next_run_at: self.schedule.next_run_at(p.job, now),
                recent_outcomes: p.recent_outcomes.clone(),
            })
            .collect();
    }

    /// Applies `commands`, runs whatever is due (one job after the other), and returns how
    /// long to sleep before the next step (`None`: until a command arrives). `emit` hears every
    /// change as it happens.
    pub fn step(
        &mut self,
        commands: &[Command],
        emit: &mut dyn FnMut(SchedulerEvent),
    ) -> Option<TimeDelta> {
        let now = self.ticks.now();
        match self.schedule.observe(now) {
            ClockJump::None => {}
            ClockJump::Slept(d) => tracing::info!(minutes = d.num_minutes(), "woke from sleep"),
            ClockJump::SetBack(d) => {
                tracing::info!(minutes = d.num_minutes(), "wall clock set back")
            }
        }
        // NOTE: plans are read on every step: settings may have changed from the CLI.
        self.reload(now);
        for command in commands {
            match command {
                Command::SyncNow => {
                    self.schedule.sync_now();
                }
                Command::Pause => self.schedule.set_paused(true),
                Command::Resume => self.schedule.set_paused(false),
                Command::Reconfigure => {}
            }
        }
        self.refresh_view(now);
        emit(SchedulerEvent::Changed(self.view.clone()));
        for (job, trigger) in self.schedule.take_due(now) {
            self.view.running = Some(job);
            emit(SchedulerEvent::Changed(self.view.clone()));
            let view = &mut self.view;
            let result = self.runner.run(job, trigger, &mut |done, total| {
                // NOTE: told at most once per percent, so the tray is not redrawn per item
                let percent = |p: Option<(u32, u32)>| {
                    p.map(|(d, t)| u64::from(d) * 100 / u64::from(t.max(1)))
                };
                let next = Some((done, total));
                if percent(view.progress) != percent(next) || view.progress.is_none() {
                    view.progress = next;
                    emit(SchedulerEvent::Changed(view.clone()));
                }
            });
            let after = self.ticks.now();
            self.schedule.finished(job, &result, after);
            self.view.running = None;
            self.view.progress = None;
            match result {
                RunResult::Finished(run) => {
                    self.reload(after);
                    let recent_outcomes = self
                        .plans
                        .iter()
                        .find(|p| p.job == job)
                        .map(|p| p.recent_outcomes.clone())
                        .unwrap_or_else(|| vec![run.outcome]);
                    emit(SchedulerEvent::RunFinished {
                        job,
                        run,
                        recent_outcomes,
                    });
                }
                RunResult::Busy => {
                    tracing::info!(
                        job = job.as_str(),
                        "job busy (another run holds its lock), retrying later"
                    );
                }
                RunResult::CouldNotStart(e) => {
                    tracing::warn!(job = job.as_str(), error = %e, "run could not start");
                }
            }
            self.refresh_view(after);
            emit(SchedulerEvent::Changed(self.view.clone()));
        }
        self.schedule.wait(self.ticks.now())
    }
}

struct Control {
    commands: VecDeque<Command>,
    stop: bool,
    view: SchedulerView,
}

struct Shared {
    control: Mutex<Control>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The scheduler thread the app owns; stopped by [`Scheduler::stop`] on Quit.
pub struct Scheduler {
    shared: Arc<Shared>,
    thread: Mutex<Option<(JoinHandle<()>, mpsc::Receiver<()>)>>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler").finish_non_exhaustive()
    }
}

impl Scheduler {
    /// Starts the thread: it reads the plans at once and then sleeps until something is due or
    /// a command arrives. `on_event` is called on the scheduler thread.
    pub fn start(
        mut scheduler_loop: SchedulerLoop,
        on_event: impl Fn(SchedulerEvent) + Send + 'static,
    ) -> Scheduler {
        let shared = Arc::new(Shared {
            control: Mutex::new(Control {
                commands: VecDeque::new(),
                stop: false,
                view: SchedulerView::default(),
            }),
            wake: Condvar::new(),
        });
        let (done_tx, done_rx) = mpsc::channel();
        let thread_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("scheduler".into())
            .spawn(move || {
                let shared = thread_shared;
                let mut commands = Vec::new();
                loop {
                    let wait = scheduler_loop.step(&commands, &mut |event| {
                        if let SchedulerEvent::Changed(view) = &event {
                            shared.lock().view = view.clone();
                        }
                        on_event(event);
                    });
                    let mut control = shared.lock();
                    // NOTE: sleep only while no command is queued; a command wakes at once.
                    if control.commands.is_empty() && !control.stop {
                        control = match wait.and_then(|w| w.to_std().ok()) {
                            Some(w) => {
                                shared
                                    .wake
                                    .wait_timeout_while(control, w, |c| {
                                        c.commands.is_empty() && !c.stop
                                    })
                                    .unwrap_or_else(|p| p.into_inner())
                                    .0
                            }
                            None => shared
                                .wake
                                .wait_while(control, |c| c.commands.is_empty() && !c.stop)
                                .unwrap_or_else(|p| p.into_inner()),
                        };
                    }
                    if control.stop {
                        control.view.stopped = true;
                        let view = control.view.clone();
                        drop(control);
                        on_event(SchedulerEvent::Changed(view));
                        break;
                    }
                    commands = control.commands.drain(..).collect();
                }
                let _ = done_tx.send(());
            });
        let thread = match spawned {
            Ok(handle) => Some((handle, done_rx)),
            Err(e) => {
                tracing::error!(error = %e, "cannot start the scheduler thread");
                None
            }
        };
        Scheduler {
            shared,
            thread: Mutex::new(thread),
        }
    }

    fn send(&self, command: Command) {
        self.shared.lock().commands.push_back(command);
        self.shared.wake.notify_all();
    }

    /// Runs every set-up job now.
    pub fn sync_now(&self) {
        self.send(Command::SyncNow);
    }

    /// Pauses or resumes the timers.
    pub fn set_paused(&self, paused: bool) {
        // NOTE: the tray shows the new state at once, before the thread has taken the command
        self.shared.lock().view.paused = paused;
        self.send(if paused {
            Command::Pause
        } else {
            Command::Resume
        });
    }

    /// Reads settings and job states again (after a settings change).
    pub fn reconfigure(&self) {
        self.send(Command::Reconfigure);
    }

    /// The latest view (updated by the thread after each change).
    pub fn view(&self) -> SchedulerView {
        self.shared.lock().view.clone()
    }

    /// Stops the thread: a running job finishes first, for at most `grace`; after that the app
    /// may exit anyway (the OS frees the run lock and the core closes the interrupted run on
    /// the next start). Returns whether the thread ended within `grace`.
    pub fn stop(&self, grace: std::time::Duration) -> bool {
        {
            let mut control = self.shared.lock();
            control.stop = true;
        }
        self.shared.wake.notify_all();
        let taken = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take();
        match taken {
            Some((handle, done)) => match done.recv_timeout(grace) {
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let _ = handle.join();
                    true
                }
                Err(mpsc::RecvTimeoutError::Timeout) => false,
            },
            None => true,
        }
    }
}

#[cfg(test)]
mod tests;
