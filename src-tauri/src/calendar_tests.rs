//! The Calendar page's commands and the calendar job on the scheduler, through the IPC of the
//! mock runtime, against the fake Odoo and the fake Graph with an in-memory keyring: the start
//! date rules, preview and run, the run log, and what the tray's "Sync now" and the calendar's
//! timer do.
//!
//! NOTE: the fake Graph may not serve the calendar (`calendarView/delta`) yet; then a run reads
//! nothing and ends `incomplete` with the failed read in its report. These tests hold either
//! way: they check what the shell does with the core's answer, not the calendar engine.

use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use office_connector_core::api::Session;
use office_connector_core::model::{Job, Outcome, Trigger};
use office_connector_core::store::{RunFilter, RunSummary};
use serde_json::{Value, json};
use tauri::Manager;

use crate::app::core_runner;
use crate::mail_tests::connected;
use crate::notify::{Notice, notice_for};
use crate::state::AppState;
use crate::tests::{app_with_runner, options};
use crate::tray::{TrayState, tray_view};
use crate::wizard_tests::{Wizard, code};

/// A day `days` before (negative: after) today, as the settings take it.
fn day(days: i64) -> String {
    (Utc::now() - TimeDelta::days(days))
        .date_naive()
        .to_string()
}

impl Wizard {
    fn set(&self, key: &str, value: &str) {
        self.call("set_setting", json!({ "key": key, "value": value }))
            .unwrap_or_else(|e| panic!("{key} = {value}: {e}"));
    }

    fn calendar(&self, dry_run: bool) -> Result<Value, Value> {
        self.call(
            "sync_calendar",
            json!({ "request": { "dry_run": dry_run } }),
        )
    }

    fn calendar_runs(&self) -> Vec<Value> {
        self.call("list_runs", json!({ "filter": { "job": "calendar" } }))
            .expect("runs")
            .as_array()
            .expect("a list")
            .clone()
    }
}

fn message(error: &Value) -> &str {
    error["message"].as_str().expect("a message")
}

#[test]
fn the_calendar_needs_a_start_date_not_in_the_future_then_previews_and_runs() {
    let w = Wizard::start();
    connected(&w);

    let preview = w.calendar(true).expect_err("no start date yet");
    assert_eq!(code(&preview), "config_invalid", "{preview}");
    assert!(message(&preview).contains("start date"), "{preview}");
    assert!(w.calendar_runs().is_empty(), "a preview records nothing");
    let run = w.calendar(false).expect_err("no start date yet");
    let runs = w.calendar_runs();
    assert_eq!(runs.len(), 1, "the run that could not start: {runs:?}");
    assert_eq!(runs[0]["outcome"], json!("failed"));
    assert_eq!(runs[0]["summary"], run["message"], "with its reason");

    let future = day(-3);
    w.set("calendar.start_date", &future);
    let refused = w.calendar(true).expect_err("a start date in the future");
    assert_eq!(code(&refused), "config_invalid");
    assert!(message(&refused).contains(&future), "{refused}");

    w.set("calendar.start_date", &day(30));
    let preview = w.calendar(true).expect("a preview");
    assert_eq!(preview["run"], Value::Null, "a preview is no run");
    assert_eq!(preview["report"]["dry_run"], json!(true));
    let events = preview["report"]["events"].as_array().expect("events");
    let summary = preview["summary"].as_str().expect("summary");
    assert!(
        summary.starts_with(&format!("{} event", events.len())) && summary.contains(" → "),
        "the summary line: {summary}"
    );
    assert_eq!(w.calendar_runs().len(), 1, "still no new run");
    assert_eq!(w.call("calendar_progress", json!({})), Ok(Value::Null));

    let done = w.calendar(false).expect("a run");
    let recorded = &done["run"];
    assert_eq!(recorded["trigger"], json!("manual"), "{done}");
    assert_eq!(recorded["outcome"], done["outcome"], "{done}");
    if !done["report"]["incomplete"]
        .as_array()
        .is_some_and(Vec::is_empty)
    {
        assert_eq!(
            done["outcome"],
            json!("incomplete"),
            "a failed read: {done}"
        );
    }
    let details = w
        .call("show_run", json!({ "id": recorded["id"] }))
        .expect("details");
    assert_eq!(
        details["events"].as_array().map(Vec::len),
        done["report"]["events"].as_array().map(Vec::len),
        "each event's outcome is in the run log: {details}"
    );
    assert_eq!(w.calendar_runs().len(), 2);
    assert_eq!(w.call("calendar_progress", json!({})), Ok(Value::Null));
}

/// Waits (bounded) until the home has `count` finished runs of `job`, newest first.
fn finished_runs(session: &Session, job: Job, count: usize) -> Vec<RunSummary> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let filter = RunFilter {
            job: Some(job),
            ..RunFilter::default()
        };
        let runs = session.list_runs(&filter).expect("runs");
        if runs.len() >= count && runs.iter().all(|r| r.outcome.is_some()) {
            return runs;
        }
        assert!(Instant::now() < deadline, "no {job} run came: {runs:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits (bounded) until the scheduler's view satisfies `ready`.
pub(crate) fn until(
    state: &AppState,
    what: &str,
    ready: impl Fn(&crate::scheduler::SchedulerView) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready(&state.scheduler.view()) {
        assert!(
            Instant::now() < deadline,
            "{what}: {:?}",
            state.scheduler.view()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub(crate) fn timer(
    view: &crate::scheduler::SchedulerView,
    job: Job,
) -> crate::scheduler::JobTimerView {
    view.jobs
        .iter()
        .find(|j| j.job == job)
        .cloned()
        .expect("the job")
}

#[test]
fn sync_now_runs_mail_then_calendar_and_the_calendar_timer_follows_its_switch() {
    let home = tempfile::tempdir().expect("tempdir");
    let app = app_with_runner(home.path(), core_runner());
    let w = Wizard::over(home, app);
    let folder = connected(&w);
    let state = w.app.state::<AppState>();
    assert!(!state.scheduler.view().can_sync_now(), "nothing set up");

    // both jobs get their inputs; neither timer is switched on
    w.set("mail.incoming_folder", &folder);
    w.set("calendar.start_date", &day(30));
    until(&state, "both jobs set up", |v| {
        v.can_sync_now() && timer(v, Job::Mail).set_up && timer(v, Job::Calendar).set_up
    });
    let view = state.scheduler.view();
    for job in [Job::Mail, Job::Calendar] {
        let t = timer(&view, job);
        assert!(t.set_up && !t.timer_on && t.next_run_at.is_none(), "{t:?}");
    }
    let session = Session::open(options(w.home.path())).expect("session");
    assert!(
        session
            .list_runs(&RunFilter::default())
            .expect("runs")
            .is_empty(),
        "no timer is on"
    );
    let status = w.call("status", json!({})).expect("status");
    assert_eq!(
        (
            &status["jobs"][1]["configured"],
            &status["jobs"][1]["enabled"]
        ),
        (&json!(true), &json!(false)),
        "set up, its timer off: {status}"
    );

    assert_eq!(
        crate::tray::on_menu_item(w.app.handle(), crate::tray::ids::SYNC_NOW),
        crate::tray::MenuOutcome::Handled
    );
    let mail = finished_runs(&session, Job::Mail, 1);
    let calendar = finished_runs(&session, Job::Calendar, 1);
    assert_eq!(
        (mail[0].trigger, calendar[0].trigger),
        (Trigger::Manual, Trigger::Manual)
    );
    assert!(
        mail[0]
            .finished_at
            .is_some_and(|end| end <= calendar[0].started_at),
        "one after the other, mail first: {mail:?} {calendar:?}"
    );

    // the person switches the calendar's timer on: it counts from the run just made
    w.set("calendar.sync_interval_minutes", "45");
    w.set("calendar.enabled", "true");
    until(&state, "the calendar timer on", |v| {
        timer(v, Job::Calendar).timer_on
    });
    let next = timer(&state.scheduler.view(), Job::Calendar)
        .next_run_at
        .expect("a next run");
    assert!(
        next - Utc::now() > TimeDelta::minutes(40),
        "next run at {next}"
    );
    assert!(
        !timer(&state.scheduler.view(), Job::Mail).timer_on,
        "mail's stays off"
    );
    let status = w.call("status", json!({})).expect("status");
    assert_eq!(status["jobs"][1]["enabled"], json!(true), "{status}");
    assert_eq!(status["jobs"][1]["interval_minutes"], json!(45));
}

#[test]
fn a_calendar_that_cannot_start_shows_the_error_icon_and_is_told_once_after_three_runs() {
    let home = tempfile::tempdir().expect("tempdir");
    let app = app_with_runner(home.path(), core_runner());
    let w = Wizard::over(home, app);
    connected(&w);
    let state = w.app.state::<AppState>();
    let future = day(-10);
    w.set("calendar.start_date", &future);
    w.set("calendar.enabled", "true");
    let session = Session::open(options(w.home.path())).expect("session");
    // NOTE: the timer runs a job at once when it is set up
    let first = finished_runs(&session, Job::Calendar, 1);
    assert_eq!(first[0].outcome, Some(Outcome::Failed));
    assert!(
        first[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains(&future)),
        "the person reads why: {first:?}"
    );
    until(&state, "the failed run in the view", |v| {
        timer(v, Job::Calendar).recent_outcomes.first() == Some(&Some(Outcome::Failed))
    });
    let lang = state.language();
    assert_eq!(
        tray_view(&state.scheduler.view(), lang).state,
        TrayState::Error
    );
    assert_eq!(
        notice_for(Job::Calendar, &[Some(Outcome::Failed)]),
        None,
        "not yet"
    );

    for count in [2, 3] {
        state.scheduler.sync_now();
        finished_runs(&session, Job::Calendar, count);
    }
    let recent: Vec<Option<Outcome>> = session
        .list_runs(&RunFilter {
            job: Some(Job::Calendar),
            ..RunFilter::default()
        })
        .expect("runs")
        .iter()
        .map(|r| r.outcome)
        .collect();
    let notice = notice_for(Job::Calendar, &recent);
    assert_eq!(
        notice,
        Some(Notice::FailingRepeatedly {
            job: Job::Calendar,
            runs: 3
        }),
        "{recent:?}"
    );
    assert!(notice.is_some_and(|n| n.title(lang).contains("Calendar")));
}

#[test]
fn the_event_time_the_window_reads_is_the_cores() {
    use chrono::{NaiveDate, TimeZone};
    use office_connector_core::calendar::event::When;
    let at = |h| {
        Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0)
            .single()
            .expect("valid")
    };
    let on = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("valid");
    // as `EventWhen` in ui/src/lib/bindings.ts
    for (core, window) in [
        (
            When::Timed {
                start: at(9),
                stop: at(10),
            },
            json!({ "kind": "timed", "start": "2026-03-02T09:00:00Z", "stop": "2026-03-02T10:00:00Z" }),
        ),
        (
            When::AllDay {
                first: on(10),
                last: on(12),
            },
            json!({ "kind": "all_day", "first": "2026-03-10", "last": "2026-03-12" }),
        ),
    ] {
        assert_eq!(serde_json::to_value(core).expect("json"), window);
    }
}
