//! The Calendar page's commands (issue 15; contract in `ui/README.md`, "Calendar page") and the
//! calendar job's engine for the scheduler's timer and the tray's "Sync now".
//!
//! Thin like [`crate::mail`]: `sync_calendar` calls `Session::sync_calendar` (a run, or with
//! `dry_run` its preview), `calendar_progress` says how far a run is. The start date, the
//! options and the timer are settings (`get_setting_entries`, `set_setting`); the latest runs
//! come from the run log (`list_runs`, `show_run`). A run the window started and a timed one
//! take the same run lock in the core: the second answers `busy`.
//!
//! The calendar's progress has no total: the engine counts the events of each delta page as it
//! reads them, so the window shows "n events so far" and the tray only "Syncing Calendar…".

use office_connector_core::api::{CalendarRun, CalendarSyncRequest, MicrosoftRuntime, Session};
use office_connector_core::calendar::report::{CalendarReport, Progress};
use office_connector_core::error::{CoreError, UiError};
use office_connector_core::i18n::Language;
use office_connector_core::model::{Job, Outcome, Trigger};
use office_connector_core::store::RunSummary;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::commands::{RunView, run_view};
use crate::error::to_ui;
use crate::jobs::{JobEngine, WindowRun, block_on_with_progress, count, recorded_run};
use crate::scheduler::SchedulerView;
use crate::state::AppState;
use crate::tray;
use crate::wizard::SharedConnectors;

/// A finished calendar run or preview (`sync_calendar`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CalendarRun"))]
pub struct CalendarRunView {
    /// The recorded run; null for a preview.
    #[cfg_attr(test, ts(type = "RunSummary | null"))]
    pub run: Option<RunView>,
    /// How it ended (decides the exit code of `sync --job calendar`).
    #[cfg_attr(test, ts(type = "MailRunOutcome"))]
    pub outcome: Outcome,
    /// "14 events → 9 new in Odoo, 3 updated, 2 already there from a colleague", in the
    /// user's language.
    pub summary: String,
    /// Per event.
    pub report: CalendarReport,
}

impl CalendarRunView {
    fn of(run: CalendarRun, lang: Language) -> Self {
        Self {
            run: run.run.as_ref().map(|r| run_view(r, lang)),
            outcome: run.outcome,
            summary: run.summary,
            report: run.report,
        }
    }
}

/// How far the calendar run in progress is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CalendarProgressCount"))]
pub struct CalendarProgressView {
    /// Events handled so far (the total is known only at the end).
    pub done: u32,
}

/// What `sync_calendar` is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CalendarSyncRequest"))]
pub struct CalendarSyncRequestView {
    /// Preview only: read and plan, write nothing anywhere (no run in the log either).
    pub dry_run: bool,
}

/// The calendar run the window started, if one is going: how far it is.
pub type WindowCalendarRun = WindowRun<CalendarProgressView>;

/// The event that streams a calendar run's progress to the Calendar page (`null` at its end).
pub const CALENDAR_PROGRESS_EVENT: &str = "calendar-progress";

/// Progress of a run the window started: streamed to the window, kept for
/// `calendar_progress` (a page opened during the run) and shown in the tray.
struct WindowProgress<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> Progress for WindowProgress<R> {
    fn events(&self, done: usize) {
        let Some(state) = self.app.try_state::<AppState>() else {
            return;
        };
        let progress = CalendarProgressView { done: count(done) };
        state.calendar_run.set(Some(progress));
        send_progress(&self.app, Some(progress));
        let mut view = state.scheduler.view();
        view.running = Some(Job::Calendar);
        view.progress = Some((progress.done, 0));
        tray::refresh(&self.app, &view);
    }
}

fn send_progress<R: Runtime>(app: &AppHandle<R>, progress: Option<CalendarProgressView>) {
    if let Err(e) = app.emit(CALENDAR_PROGRESS_EVENT, progress) {
        tracing::debug!(error = %e, "calendar progress not sent to the window");
    }
}

/// The calendar's progress in the scheduler's view (a timed or tray run), if it runs.
fn scheduler_progress(view: &SchedulerView) -> Option<CalendarProgressView> {
    match (view.running, view.progress) {
        (Some(Job::Calendar), progress) => Some(CalendarProgressView {
            done: progress.map_or(0, |(done, _)| done),
        }),
        _ => None,
    }
}

/// Streams the progress of a calendar run the scheduler started (timer or tray); a run the
/// window started streams its own.
pub(crate) fn stream_scheduler_progress<R: Runtime>(app: &AppHandle<R>, view: &SchedulerView) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    if state.calendar_run.get().is_some() {
        return;
    }
    send_progress(app, scheduler_progress(view));
}

/// Runs the calendar job once from the window ("Sync now" / "Preview" on the Calendar page).
#[tauri::command]
pub async fn sync_calendar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: CalendarSyncRequestView,
) -> Result<CalendarRunView, UiError> {
    let lang = state.language();
    let connectors = state.connectors();
    state
        .calendar_run
        .set(Some(CalendarProgressView { done: 0 }));
    let progress = WindowProgress { app: app.clone() };
    let runtime = connectors.runtime();
    let done = state
        .session()
        .sync_calendar(
            &runtime,
            connectors.secrets.as_ref(),
            CalendarSyncRequest {
                trigger: Trigger::Manual,
                dry_run: request.dry_run,
                page_size: None,
            },
            &progress,
        )
        .await
        .map_err(|e| to_ui(&e, lang));
    state.calendar_run.set(None);
    send_progress(&app, None);
    // NOTE: the scheduler reads the new run (tray state, timers; a refused sign-in pauses them)
    state.scheduler.reconfigure();
    done.map(|run| CalendarRunView::of(run, lang))
}

/// How far the calendar run in progress is (the window's or the timer's); null when none runs.
#[tauri::command]
pub async fn calendar_progress(
    state: State<'_, AppState>,
) -> Result<Option<CalendarProgressView>, UiError> {
    Ok(state
        .calendar_run
        .get()
        .or_else(|| scheduler_progress(&state.scheduler.view())))
}

/// The calendar job for the scheduler: `Session::sync_calendar` with the app's keyring and
/// Graph settings, on the scheduler's thread.
pub struct CalendarEngine {
    connectors: SharedConnectors,
}

impl CalendarEngine {
    /// An engine reaching the remotes through `connectors` (the window's, so a test's in-memory
    /// keyring is used by timed runs too).
    pub fn new(connectors: SharedConnectors) -> Self {
        Self { connectors }
    }
}

/// Progress of a timed run, handed to the scheduler thread; 0 stands for "no total yet".
struct ChannelProgress(tokio::sync::mpsc::UnboundedSender<(u32, u32)>);

impl Progress for ChannelProgress {
    fn events(&self, done: usize) {
        let _ = self.0.send((count(done), 0));
    }
}

impl JobEngine for CalendarEngine {
    fn run(
        &self,
        session: &Session,
        trigger: Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<RunSummary, CoreError> {
        let connectors = self.connectors.get();
        let runtime: MicrosoftRuntime = connectors.runtime();
        let request = CalendarSyncRequest {
            trigger,
            dry_run: false,
            page_size: None,
        };
        let done = block_on_with_progress(progress, |tx| async move {
            let sink = ChannelProgress(tx);
            session
                .sync_calendar(&runtime, connectors.secrets.as_ref(), request, &sink)
                .await
        });
        recorded_run(session, Job::Calendar, trigger, done.map(|run| run.run))
    }
}
