//! The Mail page's commands (issue 6 §3, §4, §9, §11; contract in `ui/README.md`, "Mail page")
//! and the mail job's engine for the scheduler's timer and the tray's "Sync now".
//!
//! Thin like [`crate::commands`]: each calls a core use case (`Session::sync_mail`,
//! `mail_decisions`, `choose_mail_contacts`, `mail_choices` + `mail_contacts`,
//! `create_mail_contact`, `search_mail_contacts`). The core's futures hold the session, which is
//! not `Sync`, so what talks to a remote runs on a blocking thread with a session of its own
//! (as the connection test does); the window's other commands are not held up meanwhile.
//!
//! A run started from the window and a run started by the timer take the same run lock in the
//! core, so they never overlap: the second answers `busy`.

use std::sync::Mutex;

use office_connector_core::api::{MailRun, MailSyncRequest, MicrosoftRuntime, Session};
use office_connector_core::error::{CoreError, ErrorCode, UiError};
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::mail::address::Address;
use office_connector_core::mail::decisions::{Decision, OpenKind};
use office_connector_core::mail::engine::{MailOutcome, MailReport, Progress};
use office_connector_core::mail::matching::Contact;
use office_connector_core::mail::plan::AddressChoice;
use office_connector_core::mail::texts::MailMsg;
use office_connector_core::model::{ItemOutcome, Job, OdooId, Outcome, Trigger};
use office_connector_core::runlog::record_failed_start;
use office_connector_core::store::RunSummary;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::commands::{RunView, run_view};
use crate::error::to_ui;
use crate::jobs::JobEngine;
use crate::scheduler::SchedulerView;
use crate::state::AppState;
use crate::tray;
use crate::wizard::SharedConnectors;

/// An Odoo contact as the Decisions list and the contact search show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailContact"))]
pub struct MailContactView {
    /// The `res.partner` id.
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    /// Its display name.
    pub name: String,
    /// The raw e-mail field (may hold several addresses).
    pub email: String,
    /// The company it belongs to.
    pub company: Option<String>,
    /// Its city.
    pub city: Option<String>,
    /// False for archived contacts.
    pub active: bool,
    /// An Odoo user (a colleague) has this partner.
    pub is_colleague: bool,
    /// When the contact last changed in Odoo (UTC), to tell people sharing an address apart.
    pub last_activity: Option<String>,
}

impl From<Contact> for MailContactView {
    fn from(c: Contact) -> Self {
        Self {
            id: c.id.0,
            name: c.name,
            email: c.email,
            company: c.company,
            city: c.city,
            active: c.active,
            is_colleague: c.is_colleague,
            last_activity: c.last_activity,
        }
    }
}

/// A mail still in a transfer folder, waiting on an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "WaitingMail"))]
pub struct WaitingMailView {
    /// Its Message-ID or content key.
    pub key: String,
    /// Its subject.
    pub subject: String,
}

/// One address of the Decisions or Unassigned list with the mails waiting on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailDecision"))]
pub struct MailDecisionView {
    /// Normalised (trimmed, lower case).
    pub address: String,
    /// Several contacts match (`waiting`) or none does (`unassigned`).
    #[cfg_attr(test, ts(type = "OpenKind"))]
    pub kind: OpenKind,
    /// The matching contacts; empty when unassigned.
    pub candidates: Vec<MailContactView>,
    /// The company suggested for a new contact: the address's domain.
    pub suggested_company: String,
    /// The mails waiting on it.
    pub mails: Vec<WaitingMailView>,
}

impl From<Decision> for MailDecisionView {
    fn from(d: Decision) -> Self {
        Self {
            address: d.address.as_str().to_owned(),
            kind: d.kind,
            candidates: d.candidates.into_iter().map(Into::into).collect(),
            suggested_company: d.suggested_company,
            mails: d
                .mails
                .into_iter()
                .map(|m| WaitingMailView {
                    key: m.key,
                    subject: m.subject,
                })
                .collect(),
        }
    }
}

/// What a person chose for an address: these contacts, or nobody ("none" / "ignore from now on").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "AddressChoice"))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AddressChoiceView {
    /// File on these contacts (`res.partner` ids).
    Contacts {
        /// The contacts.
        contacts: Vec<i64>,
    },
    /// File on nobody for this address.
    Ignore,
}

impl From<AddressChoice> for AddressChoiceView {
    fn from(c: AddressChoice) -> Self {
        match c {
            AddressChoice::Contacts(ids) => AddressChoiceView::Contacts {
                contacts: ids.into_iter().map(|i| i.0).collect(),
            },
            AddressChoice::Ignore => AddressChoiceView::Ignore,
        }
    }
}

/// A remembered choice with the contacts it names, as far as Odoo could tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailChoiceEntry"))]
pub struct MailChoiceEntryView {
    /// The address.
    pub address: String,
    /// What was chosen.
    pub choice: AddressChoiceView,
    /// The chosen contacts Odoo could read; the others are shown by their id.
    pub contacts: Vec<MailContactView>,
}

/// What happened (or, in a preview, would happen) to one mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailOutcome"))]
pub struct MailOutcomeView {
    /// Message-ID or content key.
    pub key: String,
    /// Its subject.
    pub subject: String,
    /// filed | linked | waiting | unassigned | skipped | failed.
    #[cfg_attr(test, ts(type = "ItemOutcome"))]
    pub outcome: ItemOutcome,
    /// The contacts it is (or would be) filed or linked on.
    #[cfg_attr(test, ts(type = "number[]"))]
    pub contacts: Vec<i64>,
    /// The chatter entries that hold it.
    #[cfg_attr(test, ts(type = "number[]"))]
    pub messages: Vec<i64>,
    /// The opportunities it is also filed on.
    #[cfg_attr(test, ts(type = "number[]"))]
    pub opportunities: Vec<i64>,
    /// Notes (an attachment left out) or the error, in the user's language.
    pub detail: Option<String>,
}

impl From<MailOutcome> for MailOutcomeView {
    fn from(m: MailOutcome) -> Self {
        Self {
            key: m.key,
            subject: m.subject,
            outcome: m.outcome,
            contacts: m.contacts,
            messages: m.messages,
            opportunities: m.opportunities,
            detail: m.detail,
        }
    }
}

/// The report of a mail run or preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MailReport"))]
pub struct MailReportView {
    /// A preview: nothing was written.
    pub dry_run: bool,
    /// Per mail.
    pub mails: Vec<MailOutcomeView>,
    /// Scopes a rerun must pick up.
    pub incomplete: Vec<String>,
    /// Things a person must act on beyond decisions, in the user's language.
    pub needs_attention: Vec<String>,
}

impl From<MailReport> for MailReportView {
    fn from(r: MailReport) -> Self {
        Self {
            dry_run: r.dry_run,
            mails: r.mails.into_iter().map(Into::into).collect(),
            incomplete: r.incomplete,
            needs_attention: r.needs_attention,
        }
    }
}

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
    pub report: MailReportView,
}

impl MailRunView {
    fn of(run: MailRun, lang: Language) -> Self {
        Self {
            run: run.run.as_ref().map(|r| run_view(r, lang)),
            outcome: run.outcome,
            summary: run.summary,
            report: run.report.into(),
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
#[derive(Debug, Default)]
pub struct WindowMailRun {
    progress: Mutex<Option<MailProgressView>>,
}

impl WindowMailRun {
    fn set(&self, progress: Option<MailProgressView>) {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner()) = progress;
    }

    fn get(&self) -> Option<MailProgressView> {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

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
pub async fn mail_decisions(state: State<'_, AppState>) -> Result<Vec<MailDecisionView>, UiError> {
    let session = state.session();
    let lang = session.language();
    let decisions = session.mail_decisions().map_err(|e| to_ui(&e, lang))?;
    Ok(decisions.into_iter().map(Into::into).collect())
}

/// Every remembered choice with the contacts it names (read from Odoo; none if unreachable).
#[tauri::command]
pub async fn mail_choices(state: State<'_, AppState>) -> Result<Vec<MailChoiceEntryView>, UiError> {
    let lang = state.language();
    let secrets = state.connectors().secrets;
    let choices = state
        .session()
        .remembered_choices(secrets.as_ref())
        .await
        .map_err(|e| to_ui(&e, lang))?;
    Ok(choices
        .into_iter()
        .map(|c| MailChoiceEntryView {
            address: c.address.as_str().to_owned(),
            choice: c.choice.into(),
            contacts: c.contacts.into_iter().map(Into::into).collect(),
        })
        .collect())
}

/// Remembers the person's choice for `address`: a decision, a picked contact, "ignore from now
/// on", or a changed choice. The next run files the waiting mails accordingly.
#[tauri::command]
pub async fn choose_mail_contacts(
    state: State<'_, AppState>,
    address: String,
    choice: AddressChoiceView,
) -> Result<(), UiError> {
    let session = state.session();
    let lang = session.language();
    let address = address_of(&address, lang)?;
    let choice = match choice {
        AddressChoiceView::Contacts { contacts } if contacts.is_empty() => {
            return Err(invalid_input(MailMsg::NoContactChosen, lang));
        }
        AddressChoiceView::Contacts { contacts } => {
            if let Some(bad) = contacts.iter().find(|id| **id <= 0) {
                return Err(invalid_input(
                    MailMsg::NotAContactId {
                        input: bad.to_string(),
                    },
                    lang,
                ));
            }
            AddressChoice::Contacts(contacts.into_iter().map(OdooId).collect())
        }
        AddressChoiceView::Ignore => AddressChoice::Ignore,
    };
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
) -> Result<Vec<MailContactView>, UiError> {
    let lang = state.language();
    let secrets = state.connectors().secrets;
    let found = state
        .session()
        .search_mail_contacts(secrets.as_ref(), &query)
        .await
        .map_err(|e| to_ui(&e, lang))?;
    Ok(found.into_iter().map(Into::into).collect())
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
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let request = MailSyncRequest {
            trigger,
            dry_run: false,
            page_size: None,
        };
        // NOTE: the future runs on this (the scheduler's) thread, so progress reaches the
        // scheduler's callback here, between the run's steps.
        let done = tauri::async_runtime::block_on(async {
            let work = async move {
                let sink = ChannelProgress(tx);
                session
                    .sync_mail(&runtime, connectors.secrets.as_ref(), request, &sink)
                    .await
            };
            let forward = async {
                while let Some((done, total)) = rx.recv().await {
                    progress(done, total);
                }
            };
            tokio::join!(work, forward).0
        });
        match done {
            Ok(MailRun { run: Some(run), .. }) => Ok(run),
            Ok(MailRun { run: None, .. }) => Ok(record_failed_start(
                session.store(),
                Job::Mail,
                trigger,
                "the mail run recorded nothing",
            )?),
            Err(e @ CoreError::JobBusy(_)) => Err(e),
            // NOTE: the core recorded the run that could not start (and flagged a refused
            // sign-in); the scheduler sees it as the job's last run.
            Err(e) => match session.store().last_run(Job::Mail)? {
                Some(run) => Ok(run),
                None => Err(e),
            },
        }
    }
}
