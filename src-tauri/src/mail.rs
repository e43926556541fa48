//! The Mail page's commands (issue 6 §3, §4, §9, §11; contract in `ui/README.md`, "Mail page")
//! and the mail job's engine for the scheduler's timer and the tray's "Sync now".
//!
//! Thin like [`crate::commands`]: each calls a core use case (`Session::sync_mail`,
//! `mail_decisions`, `choose_mail_contacts`, `mail_choices` + `mail_contacts`,
//! `create_mail_contact`, `search_mail_contacts`, `refused_mails`, `settle_refused_mail`). The core's futures hold the session, which is
//! not `Sync`, so what talks to a remote runs on a blocking thread with a session of its own
//! (as the connection test does); the window's other commands are not held up meanwhile.
//!
//! A run started from the window and a run started by the timer take the same run lock in the
//! core, so they never overlap: the second answers `busy`.

use office_connector_core::api::{
    MailRun, MailSyncRequest, MicrosoftRuntime, RememberedChoice, Session,
};
use office_connector_core::error::{CoreError, ErrorCode, UiError};
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::mail::address::Address;
use office_connector_core::mail::decisions::{Decision, RefusedMail};
use office_connector_core::mail::engine::{MailReport, Progress};
use office_connector_core::mail::matching::Contact;
use office_connector_core::mail::plan::AddressChoice;
use office_connector_core::mail::texts::MailMsg;
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

/// A finished mail run or preview (`sync_mail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailRun"))]
pub struct MailRunView {
    /// The recorded run; null for a preview.
    #[cfg_attr(test, ts(type = "RunSummary | null"))]
    pub run: Option<RunView>,
    /// How it ended (decides the exit code of `sync --job mail`).
    #[cfg_attr(test, ts(type = "MailRunOutcome"))]
    pub outcome: Outcome,
    /// "23 mails → 19 contacts, 4 need a decision", in the user's language.
    pub summary: String,
    /// Per mail.
    pub report: MailReport,
}

impl MailRunView {
    fn of(run: MailRun, lang: Language) -> Self {
        Self {
            run: run.run.as_ref().map(|r| run_view(r, lang)),
            outcome: run.outcome,
            summary: run.summary,
            report: run.report,
        }
    }
}

/// How far the mail run in progress is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailProgressCount"))]
pub struct MailProgressView {
    /// Mails handled.
    pub done: u32,
    /// Mails found.
    pub total: u32,
}

/// What `sync_mail` is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailSyncRequest"))]
pub struct MailSyncRequestView {
    /// Preview only: read and plan, write nothing anywhere.
    pub dry_run: bool,
}

/// The mail run the window started, if one is going: how far it is.
pub type WindowMailRun = WindowRun<MailProgressView>;

/// The event that streams a window-started run's progress to the Mail page.
pub const MAIL_PROGRESS_EVENT: &str = "mail-progress";

/// Progress of a run the window started: streamed to the window as [`MAIL_PROGRESS_EVENT`]s,
/// kept for `mail_progress` (a page opened during the run) and shown in the tray.
struct WindowProgress<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> Progress for WindowProgress<R> {
    fn mails(&self, done: usize, total: usize) {
        let Some(state) = self.app.try_state::<AppState>() else {
            return;
        };
        let progress = MailProgressView {
            done: count(done),
            total: count(total),
        };
        state.mail_run.set(Some(progress));
        send_progress(&self.app, Some(progress));
        let mut view = state.scheduler.view();
        view.running = Some(Job::Mail);
        view.progress = Some((progress.done, progress.total));
        tray::refresh(&self.app, &view);
    }
}

/// Streams a mail run's progress (or its end: `None`) to the window.
fn send_progress<R: Runtime>(app: &AppHandle<R>, progress: Option<MailProgressView>) {
    if let Err(e) = app.emit(MAIL_PROGRESS_EVENT, progress) {
        tracing::debug!(error = %e, "mail progress not sent to the window");
    }
}

/// Streams the progress of a mail run the scheduler started (timer or tray); a run the window
/// started streams its own.
pub(crate) fn stream_scheduler_progress<R: Runtime>(app: &AppHandle<R>, view: &SchedulerView) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    if state.mail_run.get().is_some() {
        return;
    }
    let progress = match (view.running, view.progress) {
        (Some(Job::Mail), Some((done, total))) => Some(MailProgressView { done, total }),
        (Some(Job::Mail), None) => Some(MailProgressView { done: 0, total: 0 }),
        _ => None,
    };
    send_progress(app, progress);
}

fn invalid_input(msg: MailMsg, lang: Language) -> UiError {
    UiError {
        code: ErrorCode::InvalidInput,
        message: Msg::Mail(msg).render(lang),
        retryable: ErrorCode::InvalidInput.retryable(),
    }
}

fn address_of(text: &str, lang: Language) -> Result<Address, UiError> {
    Address::parse(text).ok_or_else(|| {
        invalid_input(
            MailMsg::NotAnAddress {
                input: text.to_owned(),
            },
            lang,
        )
    })
}

/// Runs the mail job once from the window ("Sync now" / "Preview" on the Mail page).
#[tauri::command]
pub async fn sync_mail<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: MailSyncRequestView,
) -> Result<MailRunView, UiError> {
    let lang = state.language();
    let connectors = state.connectors();
    state
        .mail_run
        .set(Some(MailProgressView { done: 0, total: 0 }));
    let progress = WindowProgress { app: app.clone() };
    let runtime = connectors.runtime();
    let done = state
        .session()
        .sync_mail(
            &runtime,
            connectors.secrets.as_ref(),
            MailSyncRequest {
                trigger: Trigger::Manual,
                dry_run: request.dry_run,
                page_size: None,
            },
            &progress,
        )
        .await
        .map_err(|e| to_ui(&e, lang));
    state.mail_run.set(None);
    send_progress(&app, None);
    // NOTE: the scheduler reads the new run (tray state, timers; a refused sign-in pauses them)
    state.scheduler.reconfigure();
    done.map(|run| MailRunView::of(run, lang))
}

/// How far the mail run in progress is (the window's or the timer's); null when none runs.
#[tauri::command]
pub async fn mail_progress(
    state: State<'_, AppState>,
) -> Result<Option<MailProgressView>, UiError> {
    if let Some(progress) = state.mail_run.get() {
        return Ok(Some(progress));
    }
    let view = state.scheduler.view();
    Ok(match (view.running, view.progress) {
        (Some(Job::Mail), Some((done, total))) => Some(MailProgressView { done, total }),
        (Some(Job::Mail), None) => Some(MailProgressView { done: 0, total: 0 }),
        _ => None,
    })
}

/// The Decisions and Unassigned lists, waiting ones first.
#[tauri::command]
pub async fn mail_decisions(state: State<'_, AppState>) -> Result<Vec<Decision>, UiError> {
    let session = state.session();
    let lang = session.language();
    session.mail_decisions().map_err(|e| to_ui(&e, lang))
}

/// Every remembered choice with the contacts it names (read from Odoo; none if unreachable).
#[tauri::command]
pub async fn mail_choices(state: State<'_, AppState>) -> Result<Vec<RememberedChoice>, UiError> {
    let lang = state.language();
    let secrets = state.connectors().secrets;
    state
        .session()
        .remembered_choices(secrets.as_ref())
        .await
        .map_err(|e| to_ui(&e, lang))
}

/// Remembers the person's choice for `address`: a decision, a picked contact, "ignore from now
/// on", or a changed choice. The next run files the waiting mails accordingly.
#[tauri::command]
pub async fn choose_mail_contacts(
    state: State<'_, AppState>,
    address: String,
    choice: AddressChoice,
) -> Result<(), UiError> {
    let session = state.session();
    let lang = session.language();
    let address = address_of(&address, lang)?;
    if let AddressChoice::Contacts(contacts) = &choice {
        if contacts.is_empty() {
            return Err(invalid_input(MailMsg::NoContactChosen, lang));
        }
        if let Some(bad) = contacts.iter().find(|id| id.0 <= 0) {
            let input = bad.0.to_string();
            return Err(invalid_input(MailMsg::NotAContactId { input }, lang));
        }
    }
    session
        .choose_mail_contacts(&address, &choice)
        .map_err(|e| to_ui(&e, lang))
}

/// Creates the Odoo contact for an unassigned address (and remembers it); returns its id.
#[tauri::command]
pub async fn create_mail_contact(
    state: State<'_, AppState>,
    address: String,
    name: String,
    company: Option<String>,
) -> Result<i64, UiError> {
    let lang = state.language();
    let address = address_of(&address, lang)?;
    let secrets = state.connectors().secrets;
    let id = state
        .session()
        .create_mail_contact(secrets.as_ref(), &address, Some(&name), company.as_deref())
        .await
        .map_err(|e| to_ui(&e, lang))?;
    Ok(id.0)
}

/// Active contacts whose name, company or e-mail contains `query` (at most 20).
#[tauri::command]
pub async fn search_mail_contacts(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<Contact>, UiError> {
    let lang = state.language();
    let secrets = state.connectors().secrets;
    state
        .session()
        .search_mail_contacts(secrets.as_ref(), &query)
        .await
        .map_err(|e| to_ui(&e, lang))
}

/// The mails Odoo refuses as they are ("Refused by Odoo"), each waiting for the person to retry
/// or skip it: subject, the reason in the person's language, and Odoo's error behind it.
#[tauri::command]
pub async fn refused_mails(state: State<'_, AppState>) -> Result<Vec<RefusedMail>, UiError> {
    let session = state.session();
    let lang = session.language();
    session.refused_mails().map_err(|e| to_ui(&e, lang))
}

/// The next run tries the refused mail `key` again (once something changed in Odoo); answers
/// what was done, in the person's language. `not_found` when no refused mail has that key.
#[tauri::command]
pub async fn retry_refused_mail(
    state: State<'_, AppState>,
    key: String,
) -> Result<String, UiError> {
    settle_refused(&state, &key, true)
}

/// Skips the refused mail `key`: it stays in the transfer folder and is never filed; answers
/// what was done, in the person's language. `not_found` when no refused mail has that key.
#[tauri::command]
pub async fn skip_refused_mail(state: State<'_, AppState>, key: String) -> Result<String, UiError> {
    settle_refused(&state, &key, false)
}

fn settle_refused(state: &AppState, key: &str, retry: bool) -> Result<String, UiError> {
    let session = state.session();
    let lang = session.language();
    session
        .settle_refused_mail(key, retry)
        .map_err(|e| to_ui(&e, lang))
}

/// The mail job for the scheduler: `Session::sync_mail` with the app's keyring and Graph
/// settings, on the scheduler's thread.
pub struct MailEngine {
    connectors: SharedConnectors,
}

impl MailEngine {
    /// An engine reaching the remotes through `connectors` (the window's, so a test's in-memory
    /// keyring is used by timed runs too).
    pub fn new(connectors: SharedConnectors) -> Self {
        Self { connectors }
    }
}

/// Progress of a timed run: handed from the core's (shared) callback to the scheduler thread.
struct ChannelProgress(tokio::sync::mpsc::UnboundedSender<(u32, u32)>);

impl Progress for ChannelProgress {
    fn mails(&self, done: usize, total: usize) {
        let _ = self.0.send((count(done), count(total)));
    }
}

impl JobEngine for MailEngine {
    fn run(
        &self,
        session: &Session,
        trigger: Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<RunSummary, CoreError> {
        let connectors = self.connectors.get();
        let runtime: MicrosoftRuntime = connectors.runtime();
        let request = MailSyncRequest {
            trigger,
            dry_run: false,
            page_size: None,
        };
        let done = block_on_with_progress(progress, |tx| async move {
            let sink = ChannelProgress(tx);
            session
                .sync_mail(&runtime, connectors.secrets.as_ref(), request, &sink)
                .await
        });
        recorded_run(session, Job::Mail, trigger, done.map(|run| run.run))
    }
}
