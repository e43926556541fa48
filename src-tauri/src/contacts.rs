//! The Contacts page's commands (issue 16; contract in `ui/README.md`, "Contacts page") and the
//! contacts job's engine for the scheduler's timer and the tray's "Sync now".
//!
//! Thin like [`crate::calendar`]: `sync_contacts` calls `Session::sync_contacts` (a run, or with
//! `dry_run` its preview), `contact_directory` the core's list of Odoo contacts with the
//! person's subscription, `follow_contacts` follows or unfollows several at once in Odoo. The
//! switch, the options and the timer are settings (`get_setting_entries`, `set_setting`); the
//! latest runs come from the run log (`list_runs`, `show_run`). A run the window started and a
//! timed one take the same run lock in the core: the second answers `busy`.
//!
//! The contacts engine reports no progress as it goes (a run is two Odoo reads, a delta and a
//! few `$batch`es), so the window shows "Syncing contacts…" and the tray "Syncing Contacts…".

use office_connector_core::api::{
    ContactDirectory, ContactsRun, DirectoryQuery, FollowChange, MicrosoftRuntime, Session,
};
use office_connector_core::error::{CoreError, UiError};
use office_connector_core::i18n::Language;
use office_connector_core::model::{ItemOutcome, Job, Outcome, Trigger};
use office_connector_core::store::RunSummary;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

use crate::commands::{RunView, run_view};
use crate::error::to_ui;
use crate::jobs::{JobEngine, recorded_run};
use crate::state::AppState;
use crate::tray;
use crate::wizard::SharedConnectors;

/// What happened to one contact in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ContactOutcome"))]
pub struct ContactOutcomeView {
    /// The Odoo contact (`res.partner` id).
    #[cfg_attr(test, ts(type = "number"))]
    pub partner: i64,
    /// Its name.
    pub name: String,
    /// The outcome.
    #[cfg_attr(test, ts(type = "ItemOutcome"))]
    pub outcome: ItemOutcome,
    /// What happened, in the user's language (the run log's line).
    pub verdict: String,
}

/// A contacts run's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ContactsReport"))]
pub struct ContactsReportView {
    /// A preview: nothing was written.
    pub dry_run: bool,
    /// Each contact something happened to.
    pub contacts: Vec<ContactOutcomeView>,
    /// What could not be read or written; the next run tries again.
    pub incomplete: Vec<String>,
}

/// A finished contacts run or preview (`sync_contacts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ContactsRun"))]
pub struct ContactsRunView {
    /// The recorded run; null for a preview.
    #[cfg_attr(test, ts(type = "RunSummary | null"))]
    pub run: Option<RunView>,
    /// How it ended.
    #[cfg_attr(test, ts(type = "MailRunOutcome"))]
    pub outcome: Outcome,
    /// "12 contacts → 3 new in Outlook, 2 updated, 0 deleted", in the user's language.
    pub summary: String,
    /// Per contact.
    pub report: ContactsReportView,
}

impl ContactsRunView {
    fn of(run: ContactsRun, lang: Language) -> Self {
        Self {
            run: run.run.as_ref().map(|r| run_view(r, lang)),
            outcome: run.outcome,
            summary: run.summary,
            report: ContactsReportView {
                dry_run: run.report.dry_run,
                contacts: run
                    .report
                    .contacts
                    .into_iter()
                    .map(|c| ContactOutcomeView {
                        partner: c.partner,
                        name: c.name,
                        outcome: c.outcome,
                        verdict: c.verdict,
                    })
                    .collect(),
                incomplete: run.report.incomplete,
            },
        }
    }
}

/// What `sync_contacts` is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ContactsSyncRequest"))]
pub struct ContactsSyncRequestView {
    /// Preview only: read and plan, write nothing anywhere (no run in the log either).
    pub dry_run: bool,
}

/// Runs the contacts job once from the window ("Sync now" / "Preview" on the Contacts page).
#[tauri::command]
pub async fn sync_contacts<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ContactsSyncRequestView,
) -> Result<ContactsRunView, UiError> {
    let lang = state.language();
    let connectors = state.connectors();
    let runtime = connectors.runtime();
    // NOTE: the tray says a run is going while the window's run lasts
    let mut view = state.scheduler.view();
    view.running = Some(Job::Contacts);
    view.progress = None;
    tray::refresh(&app, &view);
    let done = state
        .session()
        .sync_contacts(
            &runtime,
            connectors.secrets.as_ref(),
            Trigger::Manual,
            request.dry_run,
        )
        .await
        .map_err(|e| to_ui(&e, lang));
    // NOTE: the scheduler reads the new run (tray state, timers; a refused sign-in pauses them)
    state.scheduler.reconfigure();
    tray::refresh(&app, &state.scheduler.view());
    done.map(|run| ContactsRunView::of(run, lang))
}

/// One page of Odoo contacts with the person's subscription and what the contacts job did with
/// each (the Contacts page's list).
#[tauri::command]
pub async fn contact_directory(
    state: State<'_, AppState>,
    query: DirectoryQuery,
) -> Result<ContactDirectory, UiError> {
    let lang = state.language();
    let connectors = state.connectors();
    state
        .session()
        .contact_directory(connectors.secrets.as_ref(), &query)
        .await
        .map_err(|e| to_ui(&e, lang))
}

/// Follows (`follow`) or unfollows the contacts `ids` in Odoo, all at once.
#[tauri::command]
pub async fn follow_contacts(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    follow: bool,
) -> Result<FollowChange, UiError> {
    let lang = state.language();
    let connectors = state.connectors();
    state
        .session()
        .set_following(connectors.secrets.as_ref(), &ids, follow)
        .await
        .map_err(|e| to_ui(&e, lang))
}

/// The contacts job for the scheduler: `Session::sync_contacts` with the app's keyring and
/// Graph settings, on the scheduler's thread.
pub struct ContactsEngine {
    connectors: SharedConnectors,
}

impl ContactsEngine {
    /// An engine reaching the remotes through `connectors` (the window's, so a test's in-memory
    /// keyring is used by timed runs too).
    pub fn new(connectors: SharedConnectors) -> Self {
        Self { connectors }
    }
}

impl JobEngine for ContactsEngine {
    fn run(
        &self,
        session: &Session,
        trigger: Trigger,
        _progress: &mut dyn FnMut(u32, u32),
    ) -> Result<RunSummary, CoreError> {
        let connectors = self.connectors.get();
        let runtime: MicrosoftRuntime = connectors.runtime();
        let done = tauri::async_runtime::block_on(session.sync_contacts(
            &runtime,
            connectors.secrets.as_ref(),
            trigger,
            false,
        ));
        recorded_run(session, Job::Contacts, trigger, done.map(|run| run.run))
    }
}
