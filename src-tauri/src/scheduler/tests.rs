//! Scheduler tests on an injected clock: no real sleeps, every time is a value.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use office_connector_core::api::{OpenOptions, Session};
use office_connector_core::model::ItemOutcome;
use office_connector_core::run_lock::RunLock;
use office_connector_core::store::{NewAccount, RunEvent, RunFilter};

use super::*;
use crate::jobs::{CoreJobs, JobEngine};

fn start_wall() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0)
        .single()
        .expect("valid")
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

fn plan(job: Job, timer_on: bool, interval_minutes: u32) -> JobPlan {
    JobPlan {
        job,
        timer_on,
        set_up: timer_on,
        interval_minutes,
        last_started: None,
        recent_outcomes: Vec::new(),
    }
}

fn summary(job: Job, trigger: Trigger, at: DateTime<Utc>) -> RunSummary {
    RunSummary {
        id: office_connector_core::model::RunId(1),
        job,
        trigger,
        started_at: at,
        finished_at: Some(at),
        outcome: Some(Outcome::Success),
        counts: Default::default(),
        notes: Vec::new(),
        error: None,
    }
}

/// The runs a fake runner did: job, trigger, start.
type RunLog = Arc<Mutex<Vec<(Job, Trigger, DateTime<Utc>)>>>;

/// Jobs with fixed plans; each run is logged and takes `run_takes` on the injected clock.
struct FakeJobs {
    plans: Arc<Mutex<Vec<JobPlan>>>,
    minimum: Option<u32>,
    ticks: Arc<ManualTicks>,
    run_takes: TimeDelta,
    /// Jobs whose lock someone else holds.
    busy: Arc<Mutex<BTreeSet<Job>>>,
    log: RunLog,
}

impl JobRunner for FakeJobs {
    fn plans(&mut self) -> Result<(Vec<JobPlan>, Option<u32>), String> {
        Ok((self.plans.lock().expect("plans").clone(), self.minimum))
    }

    fn run(&mut self, job: Job, trigger: Trigger, progress: &mut dyn FnMut(u32, u32)) -> RunResult {
        if self.busy.lock().expect("busy").contains(&job) {
            return RunResult::Busy;
        }
        for done in 0..=400 {
            progress(done, 400);
        }
        let at = self.ticks.now().wall;
        self.log.lock().expect("log").push((job, trigger, at));
        self.ticks.advance(self.run_takes);
        RunResult::Finished(summary(job, trigger, at))
    }
}

struct Harness {
    ticks: Arc<ManualTicks>,
    plans: Arc<Mutex<Vec<JobPlan>>>,
    busy: Arc<Mutex<BTreeSet<Job>>>,
    log: RunLog,
    looper: SchedulerLoop,
}

impl Harness {
    fn new(plans: Vec<JobPlan>, minimum: Option<u32>) -> Self {
        let ticks = Arc::new(ManualTicks::new(start_wall()));
        let plans = Arc::new(Mutex::new(plans));
        let busy = Arc::new(Mutex::new(BTreeSet::new()));
        let log = Arc::new(Mutex::new(Vec::new()));
        let runner = FakeJobs {
            plans: Arc::clone(&plans),
            minimum,
            ticks: Arc::clone(&ticks),
            run_takes: TimeDelta::seconds(20),
            busy: Arc::clone(&busy),
            log: Arc::clone(&log),
        };
        let looper = SchedulerLoop::new(Box::new(runner), ticks.clone());
        Harness {
            ticks,
            plans,
            busy,
            log,
            looper,
        }
    }

    fn step(&mut self, commands: &[Command]) -> Option<TimeDelta> {
        self.looper.step(commands, &mut |_| {})
    }

    /// Runs since the last call: (job, trigger, minutes after the start).
    fn runs(&self) -> Vec<(Job, Trigger, i64)> {
        self.log
            .lock()
            .expect("log")
            .drain(..)
            .map(|(job, trigger, at)| (job, trigger, (at - start_wall()).num_minutes()))
            .collect()
    }

    /// Sleeps exactly as long as the scheduler asked (awake), then steps.
    fn sleep_and_step(&mut self, wait: Option<TimeDelta>) -> Option<TimeDelta> {
        self.ticks
            .advance(wait.expect("the scheduler should want to wake up"));
        self.step(&[])
    }
}

#[test]
fn timers_are_off_until_a_job_is_set_up() {
    let mut h = Harness::new(Job::ALL.map(|j| plan(j, false, 15)).to_vec(), None);
    assert_eq!(h.step(&[]), None, "nothing set up: sleep until a command");
    assert!(!h.looper.view().can_sync_now());
    h.ticks.advance(TimeDelta::days(2));
    assert_eq!(h.step(&[Command::SyncNow]), None);
    assert_eq!(
        h.runs(),
        vec![],
        "no timer fired and Sync now had nothing to run"
    );
    assert!(h.looper.view().jobs.iter().all(|j| j.next_run_at.is_none()));

    // the user sets up mail: its timer starts, with a first run at once
    {
        let mut plans = h.plans.lock().expect("plans");
        plans[0].timer_on = true;
        plans[0].set_up = true;
    }
    h.step(&[Command::Reconfigure]);
    assert_eq!(h.runs(), vec![(Job::Mail, Trigger::Timer, 2 * 24 * 60)]);
    assert!(h.looper.view().can_sync_now());
}

#[test]
fn each_job_runs_on_its_own_interval_and_the_next_wake_up_is_computed_not_polled() {
    let mut h = Harness::new(
        vec![
            plan(Job::Mail, true, 15),
            plan(Job::Calendar, true, 40),
            plan(Job::Contacts, false, 60),
        ],
        None,
    );
    let wait = h.step(&[]);
    assert_eq!(
        h.runs(),
        vec![
            (Job::Mail, Trigger::Timer, 0),
            (Job::Calendar, Trigger::Timer, 0)
        ],
        "never run before: due at once"
    );
    // mail finished 20 s after its start, calendar 20 s later: mail is due 15 min after its end
    assert_eq!(wait, Some(minutes(5)), "capped by the resume check");
    let wait = h.sleep_and_step(wait);
    assert_eq!(h.runs(), vec![], "an early check runs nothing");
    let wait = h.sleep_and_step(wait);
    assert_eq!(h.runs(), vec![]);
    assert_eq!(
        wait,
        Some(minutes(15) + TimeDelta::seconds(20) - minutes(10) - TimeDelta::seconds(40)),
        "sleeps exactly until mail is due"
    );
    let wait = h.sleep_and_step(wait);
    assert_eq!(h.runs(), vec![(Job::Mail, Trigger::Timer, 15)]);

    // over five hours the counts follow the intervals, and every wake-up either runs something
    // or is the resume check: the scheduler never wakes for nothing more often than that
    let mut wait = wait;
    let mut mail = 0;
    let mut calendar = 0;
    while h.ticks.now().wall < start_wall() + TimeDelta::hours(5) {
        let slept = wait;
        wait = h.sleep_and_step(wait);
        let ran = h.runs();
        assert!(
            !ran.is_empty() || slept == Some(RESUME_CHECK),
            "woke after {slept:?} for nothing"
        );
        for (job, _, _) in ran {
            match job {
                Job::Mail => mail += 1,
                Job::Calendar => calendar += 1,
                Job::Contacts => panic!("contacts is not set up"),
            }
        }
    }
    // a run counts from its end: mail every 15 min 20 s (runs 2..=19 by 5 h), calendar every
    // 40 min 20 s (runs 1..=7; the first was at the start)
    assert_eq!((mail, calendar), (18, 7));
}

#[test]
fn a_running_job_and_its_progress_reach_the_view_once_per_percent() {
    let mut h = Harness::new(vec![plan(Job::Calendar, true, 30)], None);
    let mut seen = Vec::new();
    h.looper.step(&[], &mut |e| {
        if let SchedulerEvent::Changed(view) = e {
            seen.push((view.running, view.progress));
        }
    });
    let during: Vec<_> = seen.iter().filter(|(r, _)| r.is_some()).collect();
    assert_eq!(
        during.first(),
        Some(&&(Some(Job::Calendar), None)),
        "running, no count yet"
    );
    assert_eq!(during.get(1), Some(&&(Some(Job::Calendar), Some((0, 400)))));
    assert_eq!(
        during.last(),
        Some(&&(Some(Job::Calendar), Some((400, 400))))
    );
    assert_eq!(during.len(), 1 + 101, "400 items, told once per percent");
    assert_eq!(
        seen.last(),
        Some(&(None, None)),
        "done: no job running, no progress"
    );
}

#[test]
fn the_policy_minimum_is_enforced() {
    let mut h = Harness::new(vec![plan(Job::Mail, true, 5)], Some(30));
    let wait = h.step(&[]);
    assert_eq!(h.runs().len(), 1);
    let next = h.looper.view().jobs[0].next_run_at.expect("timer on");
    assert_eq!(
        next,
        start_wall() + TimeDelta::seconds(20) + minutes(30),
        "5 minutes asked, 30 allowed"
    );
    let mut wait = wait;
    for _ in 0..5 {
        wait = h.sleep_and_step(wait);
    }
    assert_eq!(h.runs(), vec![], "not after 5, 10, ... 25 minutes");
    h.sleep_and_step(wait);
    h.sleep_and_step(Some(TimeDelta::seconds(20)));
    assert_eq!(h.runs(), vec![(Job::Mail, Trigger::Timer, 30)]);
}

#[test]
fn a_recent_run_delays_the_first_timed_run_and_sync_now_runs_the_set_up_jobs_at_once() {
    let mut mail = plan(Job::Mail, true, 60);
    mail.last_started = Some(start_wall() - minutes(20));
    let mut h = Harness::new(vec![mail, plan(Job::Calendar, false, 30)], None);
    h.step(&[]);
    assert_eq!(
        h.runs(),
        vec![],
        "mail ran 20 minutes ago (e.g. from the CLI)"
    );
    assert_eq!(
        h.looper.view().jobs[0].next_run_at,
        Some(start_wall() + minutes(40))
    );
    h.ticks.advance(minutes(3));
    h.step(&[Command::SyncNow]);
    assert_eq!(
        h.runs(),
        vec![(Job::Mail, Trigger::Manual, 3)],
        "only the set-up job, at once"
    );
}

#[test]
fn pause_stops_the_timers_but_not_sync_now() {
    let mut h = Harness::new(vec![plan(Job::Contacts, true, 10)], None);
    h.step(&[]);
    h.runs();
    assert_eq!(
        h.step(&[Command::Pause]),
        None,
        "paused: no timer to wake for"
    );
    assert!(h.looper.view().paused);
    assert_eq!(h.looper.view().jobs[0].next_run_at, None);
    h.ticks.advance(TimeDelta::hours(3));
    h.step(&[]);
    assert_eq!(h.runs(), vec![]);
    h.step(&[Command::SyncNow]);
    assert_eq!(h.runs(), vec![(Job::Contacts, Trigger::Manual, 180)]);
    h.ticks.advance(minutes(1));
    h.step(&[Command::Resume]);
    assert_eq!(
        h.runs(),
        vec![],
        "resumed, and the manual run a minute ago counts"
    );
    assert!(h.looper.view().jobs[0].next_run_at.is_some());
}

#[test]
fn sync_now_runs_every_set_up_job_one_after_the_other_also_with_its_timer_switched_off() {
    let mut calendar = plan(Job::Calendar, false, 30);
    calendar.set_up = true;
    let mut h = Harness::new(
        vec![
            plan(Job::Mail, true, 15),
            calendar,
            plan(Job::Contacts, false, 60),
        ],
        None,
    );
    h.step(&[]);
    assert_eq!(h.runs(), vec![(Job::Mail, Trigger::Timer, 0)]);
    let view = h.looper.view();
    assert!(view.jobs[1].set_up && !view.jobs[1].timer_on);
    assert_eq!(view.jobs[1].next_run_at, None, "no timer for the calendar");
    assert!(!view.jobs[2].set_up, "contacts is not set up");

    h.ticks.advance(TimeDelta::hours(2));
    h.step(&[Command::Pause]);
    h.runs();
    h.step(&[Command::SyncNow]);
    let ran = h.runs();
    assert_eq!(
        ran.iter().map(|(j, t, _)| (*j, *t)).collect::<Vec<_>>(),
        vec![
            (Job::Mail, Trigger::Manual),
            (Job::Calendar, Trigger::Manual)
        ],
        "both set-up jobs once each, in job order, paused or not"
    );

    // only the calendar is set up (mail's folders were cleared): Sync now still has work
    h.plans.lock().expect("plans")[0] = plan(Job::Mail, false, 15);
    h.step(&[Command::Reconfigure]);
    assert!(h.looper.view().can_sync_now());
    h.step(&[Command::SyncNow]);
    assert_eq!(
        h.runs().iter().map(|(j, _, _)| *j).collect::<Vec<_>>(),
        vec![Job::Calendar]
    );
}

#[test]
fn a_job_busy_elsewhere_is_skipped_and_retried_soon_without_blocking() {
    let mut h = Harness::new(
        vec![plan(Job::Mail, true, 30), plan(Job::Calendar, true, 30)],
        None,
    );
    h.busy.lock().expect("busy").insert(Job::Mail);
    let wait = h.step(&[]);
    assert_eq!(
        h.runs(),
        vec![(Job::Calendar, Trigger::Timer, 0)],
        "mail skipped, calendar not held up by it"
    );
    assert_eq!(wait, Some(BUSY_RETRY - TimeDelta::seconds(20)));
    h.busy.lock().expect("busy").clear();
    h.sleep_and_step(wait);
    assert_eq!(h.runs(), vec![(Job::Mail, Trigger::Timer, 1)]);
}

#[test]
fn a_run_due_during_sleep_runs_at_wake_up_and_the_slept_time_counts() {
    let mut h = Harness::new(vec![plan(Job::Mail, true, 60)], None);
    h.step(&[]);
    h.runs();
    h.ticks.advance(minutes(10));
    assert_eq!(h.step(&[]), Some(minutes(5)));
    // the lid closes for three hours: the monotonic clock stands still
    h.ticks.suspend(TimeDelta::hours(3));
    let wait = h.step(&[]);
    assert_eq!(
        h.runs(),
        vec![(Job::Mail, Trigger::Timer, 190)],
        "caught up at wake-up"
    );
    assert_eq!(wait, Some(minutes(5)));
    assert_eq!(
        h.looper.view().jobs[0].next_run_at,
        Some(start_wall() + minutes(190) + TimeDelta::seconds(40) + minutes(60)),
        "the next run an interval after the catch-up, not three more"
    );
}

#[test]
fn setting_the_wall_clock_back_does_not_stall_the_timers() {
    let mut h = Harness::new(vec![plan(Job::Calendar, true, 30)], None);
    h.step(&[]);
    h.runs();
    h.ticks.set_wall_by(-TimeDelta::hours(2));
    let mut wait = h.step(&[]);
    for _ in 0..6 {
        wait = h.sleep_and_step(wait);
    }
    assert_eq!(
        h.runs().len(),
        1,
        "runs 30 minutes later by the monotonic clock, not 2½ hours"
    );
    assert_eq!(
        h.looper.schedule().clone().observe(h.ticks.now()),
        ClockJump::None
    );
}

#[test]
fn clock_jumps_are_told_apart() {
    let ticks = ManualTicks::new(start_wall());
    let mut schedule = Schedule::new();
    assert_eq!(schedule.observe(ticks.now()), ClockJump::None);
    ticks.advance(TimeDelta::hours(1));
    assert_eq!(schedule.observe(ticks.now()), ClockJump::None);
    ticks.advance(minutes(1));
    ticks.set_wall_by(minutes(1));
    assert_eq!(
        schedule.observe(ticks.now()),
        ClockJump::None,
        "NTP nudges are no sleep"
    );
    ticks.suspend(minutes(45));
    assert_eq!(schedule.observe(ticks.now()), ClockJump::Slept(minutes(45)));
    ticks.set_wall_by(-minutes(30));
    assert_eq!(
        schedule.observe(ticks.now()),
        ClockJump::SetBack(minutes(30))
    );
}

// ---- against the real core: run lock shared with the CLI, policy from the file --------------

/// Records one contact as created, like an engine would.
struct OneContact;

impl JobEngine for OneContact {
    fn run(
        &self,
        session: &Session,
        trigger: office_connector_core::model::Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<office_connector_core::store::RunSummary, office_connector_core::error::CoreError>
    {
        let mut run = session.start_run(Job::Contacts, trigger)?;
        progress(1, 1);
        run.record(&RunEvent {
            item_key: "res.partner,7".into(),
            summary: "Jana Müller".into(),
            outcome: ItemOutcome::Created,
            detail: None,
            odoo_ids: vec![7],
            request_id: None,
            technical: None,
        })?;
        Ok(run.finish()?)
    }
}

fn set_up_home(dir: &std::path::Path, policy_minimum: u32) -> OpenOptions {
    let policy = dir.join("policy.toml");
    std::fs::write(
        &policy,
        format!("minimum_sync_interval_minutes = {policy_minimum}\n"),
    )
    .expect("policy");
    let options = OpenOptions {
        home: Some(dir.join("home")),
        policy_file: Some(policy),
        clock: None,
    };
    let session = Session::open(options.clone()).expect("session");
    for (kind, identity) in [
        (
            office_connector_core::model::AccountKind::Microsoft,
            "anna@contoso.example",
        ),
        (office_connector_core::model::AccountKind::Odoo, "anna"),
    ] {
        session
            .store()
            .save_account(&NewAccount {
                kind,
                identity: identity.into(),
                display_name: None,
                endpoints: serde_json::json!({}),
            })
            .expect("account");
    }
    session.set_setting("contacts.enabled", "true").expect("on");
    session
        .set_setting("contacts.sync_interval_minutes", "5")
        .expect("interval");
    options
}

#[test]
fn against_the_core_a_cli_run_holding_the_lock_makes_the_app_skip_and_retry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = set_up_home(dir.path(), 30);
    let session = Session::open(options.clone()).expect("session");
    let runner = CoreJobs::new(Session::open(options).expect("session"))
        .with_engine(Job::Contacts, Box::new(OneContact));
    let ticks = Arc::new(ManualTicks::new(Utc::now()));
    let mut looper = SchedulerLoop::new(Box::new(runner), ticks.clone());

    // the CLI is running contacts right now
    let cli = RunLock::try_acquire(session.home(), Job::Contacts).expect("the CLI's lock");
    let mut finished = Vec::new();
    let wait = looper.step(&[], &mut |e| {
        if let SchedulerEvent::RunFinished { run, .. } = e {
            finished.push(run)
        }
    });
    assert!(finished.is_empty(), "skipped while the CLI holds the lock");
    assert_eq!(
        wait,
        Some(BUSY_RETRY),
        "tries again in a minute, never blocks"
    );
    assert!(
        session
            .list_runs(&Default::default())
            .expect("runs")
            .is_empty()
    );

    drop(cli);
    ticks.advance(BUSY_RETRY);
    let wait = looper.step(&[], &mut |e| {
        if let SchedulerEvent::RunFinished {
            run,
            recent_outcomes,
            ..
        } = e
        {
            assert_eq!(recent_outcomes, vec![Some(Outcome::Success)]);
            finished.push(run)
        }
    });
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].trigger, Trigger::Timer);
    assert_eq!(finished[0].counts.get(&ItemOutcome::Created), Some(&1));
    assert!(
        !RunLock::is_held(session.home(), Job::Contacts),
        "released after the run"
    );
    assert_eq!(
        wait,
        Some(RESUME_CHECK),
        "next run in 30 minutes (the policy's minimum over the user's 5)"
    );
    let view = looper.view();
    let contacts = view
        .jobs
        .iter()
        .find(|j| j.job == Job::Contacts)
        .expect("contacts");
    let next = contacts.next_run_at.expect("timer on");
    assert_eq!(next - ticks.now().wall, minutes(30));
    assert!(
        view.jobs
            .iter()
            .filter(|j| j.job != Job::Contacts)
            .all(|j| !j.timer_on),
        "mail and calendar are not set up"
    );
}

/// Records one event as created in a calendar run, like the calendar engine would.
struct OneEvent;

impl JobEngine for OneEvent {
    fn run(
        &self,
        session: &Session,
        trigger: office_connector_core::model::Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<office_connector_core::store::RunSummary, office_connector_core::error::CoreError>
    {
        let mut run = session.start_run(Job::Calendar, trigger)?;
        progress(1, 0);
        run.record(&RunEvent {
            item_key: "AAMk-ev-1".into(),
            summary: "Kick-off".into(),
            outcome: ItemOutcome::Created,
            detail: Some("Created in Odoo.".into()),
            odoo_ids: vec![41],
            request_id: None,
            technical: None,
        })?;
        Ok(run.finish()?)
    }
}

fn calendar_view(looper: &SchedulerLoop) -> JobTimerView {
    looper
        .view()
        .jobs
        .iter()
        .find(|j| j.job == Job::Calendar)
        .cloned()
        .expect("calendar")
}

#[test]
fn against_the_core_the_calendar_timer_waits_for_its_start_date_and_switch_and_keeps_the_policy_minimum()
 {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = set_up_home(dir.path(), 30);
    let session = Session::open(options.clone()).expect("session");
    session.set_setting("calendar.enabled", "true").expect("on");
    session
        .set_setting("calendar.sync_interval_minutes", "5")
        .expect("interval");
    let runner = CoreJobs::new(Session::open(options).expect("session"))
        .with_engine(Job::Calendar, Box::new(OneEvent));
    let ticks = Arc::new(ManualTicks::new(Utc::now()));
    let mut looper = SchedulerLoop::new(Box::new(runner), ticks.clone());

    looper.step(&[Command::SyncNow], &mut |_| {});
    let calendar = calendar_view(&looper);
    assert!(
        !calendar.timer_on && !calendar.set_up,
        "switched on, but without a start date the calendar cannot run"
    );
    assert!(
        session
            .list_runs(&RunFilter {
                job: Some(Job::Calendar),
                ..RunFilter::default()
            })
            .expect("runs")
            .is_empty()
    );

    let start = (Utc::now() - TimeDelta::days(30)).date_naive().to_string();
    session
        .set_setting("calendar.start_date", &start)
        .expect("start date");
    let mut finished = Vec::new();
    let wait = looper.step(&[Command::Reconfigure], &mut |e| {
        if let SchedulerEvent::RunFinished { job, run, .. } = e {
            finished.push((
                job,
                run.trigger,
                run.counts.get(&ItemOutcome::Created).copied(),
            ));
        }
    });
    assert_eq!(
        finished,
        vec![(Job::Calendar, Trigger::Timer, Some(1))],
        "set up: the timer runs it at once"
    );
    assert_eq!(wait, Some(RESUME_CHECK));
    let next = calendar_view(&looper).next_run_at.expect("timer on");
    assert_eq!(
        next - ticks.now().wall,
        minutes(30),
        "the policy's minimum over the user's 5 minutes"
    );

    // the person switches the timer off: no more timed runs, but Sync now still runs it
    session
        .set_setting("calendar.enabled", "false")
        .expect("off");
    looper.step(&[Command::Reconfigure], &mut |_| {});
    let calendar = calendar_view(&looper);
    assert!(!calendar.timer_on && calendar.set_up, "{calendar:?}");
    ticks.advance(TimeDelta::hours(3));
    let mut triggers = Vec::new();
    looper.step(&[], &mut |e| {
        if let SchedulerEvent::RunFinished { run, .. } = e {
            triggers.push(run.trigger);
        }
    });
    assert!(triggers.is_empty(), "no timed run with the timer off");
    looper.step(&[Command::SyncNow], &mut |e| {
        if let SchedulerEvent::RunFinished { run, .. } = e {
            triggers.push(run.trigger);
        }
    });
    assert_eq!(triggers, vec![Trigger::Manual]);
}

#[test]
fn without_an_engine_no_timer_runs_even_for_a_set_up_job() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = set_up_home(dir.path(), 15);
    let runner = CoreJobs::new(Session::open(options).expect("session"));
    let ticks = Arc::new(ManualTicks::new(Utc::now()));
    let mut looper = SchedulerLoop::new(Box::new(runner), ticks);
    assert_eq!(looper.step(&[Command::SyncNow], &mut |_| {}), None);
    assert!(!looper.view().can_sync_now());
}

#[test]
fn the_scheduler_thread_runs_sync_now_and_stops_cleanly() {
    let h = Harness::new(vec![plan(Job::Mail, true, 15)], None);
    let log = Arc::clone(&h.log);
    let (tx, rx) = std::sync::mpsc::channel();
    let scheduler = Scheduler::start(h.looper, move |e| {
        if let SchedulerEvent::RunFinished { job, run, .. } = e {
            let _ = tx.send((job, run.trigger));
        }
    });
    let wait = std::time::Duration::from_secs(10);
    assert_eq!(
        rx.recv_timeout(wait),
        Ok((Job::Mail, Trigger::Timer)),
        "first run at start"
    );
    scheduler.sync_now();
    assert_eq!(rx.recv_timeout(wait), Ok((Job::Mail, Trigger::Manual)));
    assert!(scheduler.stop(wait), "stops at once while idle");
    assert!(scheduler.view().stopped);
    scheduler.sync_now();
    assert_eq!(
        log.lock().expect("log").len(),
        2,
        "the thread has ended: a command after Quit runs nothing"
    );
}
