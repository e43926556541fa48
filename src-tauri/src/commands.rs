//! The settings window's commands: thin wrappers over the core's use cases (`core::api`), each
//! returning `Result<T, UiError>` with the message in the user's language. No SQL, no HTTP, no
//! sync logic here. The list is exactly what `ui/src/lib/ipc.ts` calls (the contract table in
//! `ui/README.md`); the capability file allows nothing else.
//!
//! The answers are the window's view of the core's DTOs ([`AppStatus`], [`RunView`], ...):
//! the core's status joined with the scheduler's timers, a run's outcome `running` while it
//! goes, a one-line summary of a run. `ui/src/lib/bindings.ts` mirrors these types.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use office_connector_core::api::{AccountStatus, JobStatus};
use office_connector_core::error::UiError;
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::model::{AccountKind, ItemOutcome, Job, Outcome, RunId, Trigger};
use office_connector_core::settings::SettingKey;
use office_connector_core::store::{RecordedEvent, RunDetail, RunFilter, RunSummary};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

use crate::error::to_ui;
use crate::scheduler::SchedulerView;
use crate::state::AppState;
use crate::texts::{Text, render};

/// One job on the Status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "JobStatus"))]
pub struct JobView {
    /// The job.
    #[cfg_attr(test, ts(type = "Job"))]
    pub job: Job,
    /// Set up: accounts connected and its inputs chosen, so "Sync now" runs it (its timer may
    /// be switched off).
    pub configured: bool,
    /// Its timer is on and not paused.
    pub enabled: bool,
    /// Minutes between timed runs (clamped to the policy minimum); none while not set up.
    pub interval_minutes: Option<u32>,
    /// The newest run.
    pub last_run: Option<RunView>,
    /// When the timer runs it next; none while no timer is on for it.
    pub next_run_at: Option<DateTime<Utc>>,
}

/// Whether an account can be used right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// Signed in.
    Connected,
    /// Was connected, but the remote refused the stored sign-in (expired or revoked): the
    /// person must sign in again; the jobs pause meanwhile.
    NeedsSignIn,
    /// Never connected.
    NotConnected,
}

/// One account on the Status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "AccountStatus"))]
pub struct AccountView {
    /// Microsoft or Odoo.
    #[cfg_attr(test, ts(type = "AccountKind"))]
    pub kind: AccountKind,
    /// Who is signed in.
    pub identity: Option<String>,
    /// Whether the account can be used.
    pub state: AccountState,
}

/// What the Status page shows (`status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "AppStatus"))]
pub struct AppStatus {
    /// Mail, calendar, contacts.
    pub jobs: Vec<JobView>,
    /// Microsoft, then Odoo.
    pub accounts: Vec<AccountView>,
    /// The user paused the timers.
    pub paused: bool,
    /// Whether "Sync now" can run anything.
    pub can_sync_now: bool,
    /// The app runs in demo mode.
    pub demo: bool,
}

/// One run as the Logs and Status pages list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RunSummary"))]
pub struct RunView {
    /// The run's number.
    #[cfg_attr(test, ts(type = "number"))]
    pub id: RunId,
    /// The job.
    #[cfg_attr(test, ts(type = "Job"))]
    pub job: Job,
    /// What started it.
    #[cfg_attr(test, ts(type = "RunTrigger"))]
    pub trigger: Trigger,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended; none while it runs.
    pub finished_at: Option<DateTime<Utc>>,
    /// `success`, `needs_attention`, `incomplete`, `failed`, or `running`.
    #[cfg_attr(test, ts(type = "RunOutcome"))]
    pub outcome: &'static str,
    /// One line: the error, else the run's notes, else its counts, in the user's language.
    pub summary: String,
    /// Items per outcome.
    #[cfg_attr(test, ts(type = "Record<string, number>"))]
    pub counts: BTreeMap<ItemOutcome, u32>,
}

/// One item's outcome in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RunEvent"))]
pub struct RunEventView {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The item's stable key.
    pub item_key: Option<String>,
    /// What a person recognises it by.
    pub subject: Option<String>,
    /// What happened.
    #[cfg_attr(test, ts(type = "ItemOutcome"))]
    pub outcome: ItemOutcome,
    /// Why, in the user's words.
    pub detail: Option<String>,
    /// The error behind the detail as the software saw it (for support; the window folds it
    /// away).
    pub technical: Option<String>,
}

/// A run with its item outcomes (`show_run`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RunDetails"))]
pub struct RunDetailsView {
    /// The run.
    pub run: RunView,
    /// Its items, in the order recorded.
    pub events: Vec<RunEventView>,
}

/// The settings the window reads (`get_settings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "Settings"))]
pub struct SettingsView {
    /// The saved UI language; none follows the OS.
    #[cfg_attr(test, ts(type = "Language | null"))]
    pub language: Option<Language>,
}

/// Which runs `list_runs` returns; every field optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RunFilter"))]
pub struct RunQuery {
    /// Only this job.
    #[cfg_attr(test, ts(optional, type = "Job"))]
    pub job: Option<Job>,
    /// Only this outcome (`running` is not a stored outcome and matches nothing).
    #[cfg_attr(test, ts(optional, type = "RunOutcome"))]
    pub outcome: Option<String>,
    /// Only runs mentioning this text.
    #[cfg_attr(test, ts(optional))]
    pub text: Option<String>,
    /// At most this many, newest first.
    #[cfg_attr(test, ts(optional))]
    pub limit: Option<u32>,
}

/// The run as the window lists it, its summary in `lang`.
pub fn run_view(run: &RunSummary, lang: Language) -> RunView {
    let summary = if let Some(error) = &run.error {
        error.clone()
    } else if !run.notes.is_empty() {
        run.notes.join(" · ")
    } else if run.counts.values().any(|n| *n > 0) {
        run.counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(o, n)| Msg::ItemCount(*o, *n).render(lang))
            .collect::<Vec<_>>()
            .join(", ")
    } else if run.outcome.is_none() {
        String::new()
    } else {
        render(Text::NothingToDo, lang)
    };
    RunView {
        id: run.id,
        job: run.job,
        trigger: run.trigger,
        started_at: run.started_at,
        finished_at: run.finished_at,
        outcome: run.outcome.map_or("running", Outcome::as_str),
        summary,
        counts: run.counts.clone(),
    }
}

fn event_view(event: &RecordedEvent) -> RunEventView {
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    RunEventView {
        at: event.at,
        item_key: non_empty(&event.event.item_key),
        subject: non_empty(&event.event.summary),
        outcome: event.event.outcome,
        detail: event.event.detail.clone(),
        technical: event.event.technical.clone(),
    }
}

/// The Status page's view of the core's job and account status and the scheduler's timers.
pub fn app_status(
    jobs: &[JobStatus],
    accounts: &[AccountStatus],
    timers: &SchedulerView,
    demo: bool,
    lang: Language,
) -> AppStatus {
    AppStatus {
        jobs: jobs
            .iter()
            .map(|j| JobView {
                job: j.job,
                // NOTE: a job whose timer is switched off is set up all the same: Sync now runs it
                configured: j.set_up || timers.jobs.iter().any(|t| t.job == j.job && t.set_up),
                enabled: j.set_up && !timers.paused,
                interval_minutes: j.set_up.then_some(j.interval_minutes),
                last_run: j.last_run.as_ref().map(|r| run_view(r, lang)),
                next_run_at: timers
                    .jobs
                    .iter()
                    .find(|t| t.job == j.job)
                    .and_then(|t| t.next_run_at),
            })
            .collect(),
        accounts: accounts
            .iter()
            .map(|a| AccountView {
                kind: a.kind,
                identity: a.identity.clone(),
                state: match (a.connected, a.needs_sign_in) {
                    (false, _) => AccountState::NotConnected,
                    (true, true) => AccountState::NeedsSignIn,
                    (true, false) => AccountState::Connected,
                },
            })
            .collect(),
        paused: timers.paused,
        can_sync_now: timers.can_sync_now(),
        demo,
    }
}

/// Each job's state and next run, and the accounts.
#[tauri::command]
pub async fn status(state: State<'_, AppState>) -> Result<AppStatus, UiError> {
    let session = state.session();
    let lang = session.language();
    let status = session.status().map_err(|e| to_ui(&e, lang))?;
    // NOTE: the window asks when it is looked at; a setting changed by the CLI meanwhile
    // reaches the timers this way.
    state.scheduler.reconfigure();
    Ok(app_status(
        &status.jobs,
        &status.accounts,
        &state.scheduler.view(),
        state.launch.demo,
        lang,
    ))
}

/// Runs from the run log, newest first.
#[tauri::command]
pub async fn list_runs(
    state: State<'_, AppState>,
    filter: Option<RunQuery>,
) -> Result<Vec<RunView>, UiError> {
    let filter = filter.unwrap_or_default();
    let session = state.session();
    let lang = session.language();
    let outcome = match filter.outcome.as_deref() {
        None | Some("") => None,
        Some("running") => return Ok(Vec::new()),
        // NOTE: the window only offers known outcomes; anything else is a bug there.
        Some(name) => Some(
            name.parse::<Outcome>()
                .map_err(|_| crate::error::internal("unknown outcome in a run filter", lang))?,
        ),
    };
    let runs = session
        .list_runs(&RunFilter {
            job: filter.job,
            outcome,
            text: filter.text,
            limit: filter.limit,
        })
        .map_err(|e| to_ui(&e, lang))?;
    Ok(runs.iter().map(|r| run_view(r, lang)).collect())
}

/// One run with its item outcomes.
#[tauri::command]
pub async fn show_run(state: State<'_, AppState>, id: i64) -> Result<RunDetailsView, UiError> {
    let session = state.session();
    let lang = session.language();
    let RunDetail { run, events } = session.show_run(RunId(id)).map_err(|e| to_ui(&e, lang))?;
    Ok(RunDetailsView {
        run: run_view(&run, lang),
        events: events.iter().map(event_view).collect(),
    })
}

/// The settings the window reads.
#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView, UiError> {
    let session = state.session();
    let settings = session
        .effective_settings()
        .map_err(|e| to_ui(&e, session.language()))?;
    Ok(SettingsView {
        language: settings.language(),
    })
}

/// The core's dotted setting name behind a window setting name (others pass through, so the
/// core names an unknown one in its own words).
fn setting_name(name: &str) -> &str {
    match name {
        "language" => SettingKey::Language.name(),
        other => other,
    }
}

/// Saves one setting; `null` removes the user's value (back to the default or the policy).
/// The timers and the tray follow at once.
#[tauri::command]
pub async fn set_setting<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: String,
    value: Option<String>,
) -> Result<(), UiError> {
    {
        let session = state.session();
        let lang = session.language();
        let name = setting_name(&key);
        match value {
            Some(value) => session.set_setting(name, &value),
            None => session.unset_setting(name),
        }
        .map_err(|e| to_ui(&e, lang))?;
    }
    state.scheduler.reconfigure();
    // NOTE: the language may have changed: the tray speaks it at once
    crate::tray::refresh(&app, &state.scheduler.view());
    Ok(())
}
