//! The use cases the CLI and the desktop app call. Everything the UI can do goes through here,
//! so the CLI can do it too. DTOs derive `Serialize` (the UI's TypeScript types are generated
//! from them).

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::clock::{Clock, SystemClock};
use crate::error::CoreError;
use crate::home::{StateHome, policy_file};
use crate::i18n::Language;
use crate::model::{AccountKind, Job, RunId, Trigger};
use crate::run_lock::RunLock;
use crate::runlog::{RunningRun, start_run};
use crate::secrets::KeyringSecretStore;
use crate::settings::{SettingEntry, SettingKey, Settings, SettingsFiles};
use crate::store::{RunDetail, RunFilter, RunSummary, Store};

mod calendar;
mod contact_directory;
mod contacts;
mod microsoft;
mod odoo_check;
mod transfer_folder;

pub use calendar::{CalendarRun, CalendarSyncRequest};
pub use contact_directory::{
    ContactDirectory, ContactDirectoryError, ContactState, DirectoryContact, DirectoryFilter,
    DirectoryQuery, FollowChange, state_text as contact_state_text,
};
pub use contacts::ContactsRun;
pub use microsoft::{
    DeviceCodePrompt, MailFolderEntry, MicrosoftCheck, MicrosoftConnectRequest,
    MicrosoftConnection, MicrosoftEndpoints, MicrosoftRuntime, MicrosoftSignIn, SignInMethod,
    create_root_mail_folder, mail_folder_entry, mail_folder_level, sign_in_microsoft,
};
pub use odoo_check::OdooCheck;
pub use transfer_folder::{ChosenTransferFolder, transfer_folder_key};

/// How to open a state home.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// The state folder (`--home`); none means `OFFICE_CONNECTOR_HOME` or the platform default.
    pub home: Option<PathBuf>,
    /// The admin policy file; none means `OFFICE_CONNECTOR_POLICY` or the system location.
    pub policy_file: Option<PathBuf>,
    /// The clock; none means the system clock.
    pub clock: Option<Arc<dyn Clock>>,
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field("home", &self.home)
            .field("policy_file", &self.policy_file)
            .finish_non_exhaustive()
    }
}

/// An open state home: settings, store and secrets of one user.
#[derive(Debug)]
pub struct Session {
    home: StateHome,
    files: SettingsFiles,
    store: Store,
}

/// One account as the status shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountStatus {
    /// Microsoft or Odoo.
    pub kind: AccountKind,
    /// Whether an account of this kind is connected.
    pub connected: bool,
    /// The UPN or Odoo login.
    pub identity: Option<String>,
    /// A name to show.
    pub display_name: Option<String>,
    /// Where it lives.
    pub endpoints: Option<serde_json::Value>,
    /// The remote refused the stored sign-in: the person must sign in again; jobs pause.
    pub needs_sign_in: bool,
    /// When the remote last answered and accepted the stored sign-in or key.
    pub checked_at: Option<DateTime<Utc>>,
    /// When the remote refused the stored sign-in or key, unless it accepted it again since
    /// (Microsoft: the person must sign in again; Odoo: connect Odoo again).
    pub refused_at: Option<DateTime<Utc>>,
}

impl AccountStatus {
    /// What is known of the account and since when, times shown by `show_time`: not
    /// connected, refused (and when), or when its remote last accepted it.
    pub fn state(&self, show_time: impl Fn(DateTime<Utc>) -> String) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        if !self.connected {
            Msg::NotConnected
        } else if self.refused_at.is_some() || self.needs_sign_in {
            Msg::AccountRefused {
                kind: self.kind,
                at: self.refused_at.map(&show_time),
            }
        } else {
            Msg::AccountChecked {
                at: self.checked_at.map(&show_time),
            }
        }
    }
}

/// One job as the status shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobStatus {
    /// The job.
    pub job: Job,
    /// Set up: switched on and both accounts connected. Its timer runs only then.
    pub set_up: bool,
    /// Minutes between timed runs while set up (already clamped to the policy minimum).
    pub interval_minutes: u32,
    /// Whether the timer is on (`set_up`), as the scheduler reads it.
    pub timer_on: bool,
    /// Whether a run of the job is going right now (app or CLI).
    pub running: bool,
    /// The newest run.
    pub last_run: Option<RunSummary>,
}

/// What is set up and how the last runs went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The state folder holding the database.
    pub home: PathBuf,
    /// The settings file.
    pub settings_file: PathBuf,
    /// The admin policy file and whether it exists.
    pub policy_file: PathBuf,
    /// Whether an admin policy is in force.
    pub policy_present: bool,
    /// Microsoft, then Odoo.
    pub accounts: Vec<AccountStatus>,
    /// Mail, calendar, contacts.
    pub jobs: Vec<JobStatus>,
}

impl Session {
    /// Opens (creating as needed) the state home and its database.
    pub fn open(options: OpenOptions) -> Result<Session, CoreError> {
        let home = StateHome::resolve(options.home)?;
        home.ensure()?;
        let clock = options.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let store = Store::open(&home.database_file(), clock)?;
        let files = SettingsFiles {
            user: home.settings_file(),
            policy: policy_file(options.policy_file),
        };
        Ok(Session { home, files, store })
    }

    /// Opens the state home for a command that only shows something (`status`, `runs`,
    /// `config get`, `decisions list`): as [`Session::open`], but a home this user may not
    /// write is read as a snapshot ([`Store::open_read_only`]): nothing is created, migrated or
    /// locked there, and a home without a database yet shows as empty.
    pub fn open_for_reading(options: OpenOptions) -> Result<Session, CoreError> {
        match Session::open(options.clone()) {
            Err(e) if e.is_not_writable() => {
                tracing::info!(error = %e, "state home not writable; reading a snapshot");
                Session::open_snapshot(options)
            }
            other => other,
        }
    }

    fn open_snapshot(options: OpenOptions) -> Result<Session, CoreError> {
        let home = StateHome::resolve(options.home)?;
        home.check_folders()?;
        let clock = options.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let file = home.database_file();
        let store = if file.is_file() {
            Store::open_read_only(&file, clock)?
        } else {
            Store::open_in_memory(clock)?
        };
        let files = SettingsFiles {
            user: home.settings_file(),
            policy: policy_file(options.policy_file),
        };
        Ok(Session { home, files, store })
    }

    /// The state home.
    pub fn home(&self) -> &StateHome {
        &self.home
    }

    /// The store, for jobs and tests.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The settings files.
    pub fn settings_files(&self) -> &SettingsFiles {
        &self.files
    }

    /// The keyring secret store of this home.
    pub fn secrets(&self) -> KeyringSecretStore {
        KeyringSecretStore::new(self.home.clone())
    }

    /// The user's language: from the settings, else the OS locale. Never fails: a malformed
    /// settings file falls back to the OS locale so its error can still be shown.
    pub fn language(&self) -> Language {
        self.files
            .load()
            .ok()
            .and_then(|s| s.language())
            .unwrap_or_else(Language::from_os)
    }

    /// The effective settings.
    pub fn effective_settings(&self) -> Result<Settings, CoreError> {
        Ok(self.files.load()?)
    }

    /// Every setting with value, source and lock.
    pub fn settings(&self) -> Result<Vec<SettingEntry>, CoreError> {
        Ok(self.files.load()?.entries())
    }

    /// One setting by its dotted name.
    pub fn get_setting(&self, key: &str) -> Result<SettingEntry, CoreError> {
        let key: SettingKey = key.parse()?;
        Ok(entry_of(&self.files.load()?, key))
    }

    /// Sets a setting from text; fails for a locked key or a bad value.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<SettingEntry, CoreError> {
        let key: SettingKey = key.parse()?;
        let settings = self.files.set_from_text(key, value)?;
        Ok(entry_of(&settings, key))
    }

    /// Removes the user's value of a setting (back to the default or policy).
    pub fn unset_setting(&self, key: &str) -> Result<SettingEntry, CoreError> {
        let key: SettingKey = key.parse()?;
        let settings = self.files.set(key, crate::settings::SettingValue::Unset)?;
        Ok(entry_of(&settings, key))
    }

    /// Runs matching `filter`, newest first.
    pub fn list_runs(&self, filter: &RunFilter) -> Result<Vec<RunSummary>, CoreError> {
        Ok(self.store.list_runs(filter)?)
    }

    /// One run with its item outcomes.
    pub fn show_run(&self, id: RunId) -> Result<RunDetail, CoreError> {
        self.store.run_detail(id)?.ok_or(CoreError::RunNotFound(id))
    }

    /// Starts a run of `job` (fails with [`CoreError::JobBusy`] while one is going).
    pub fn start_run(&self, job: Job, trigger: Trigger) -> Result<RunningRun<'_>, CoreError> {
        start_run(&self.store, &self.home, job, trigger)
    }

    /// What is set up and how the last runs went.
    pub fn status(&self) -> Result<Status, CoreError> {
        let settings = self.files.load()?;
        let accounts = [AccountKind::Microsoft, AccountKind::Odoo]
            .into_iter()
            .map(|kind| {
                let account = self.store.account(kind)?;
                Ok(AccountStatus {
                    kind,
                    connected: account.is_some(),
                    identity: account.as_ref().map(|a| a.identity.clone()),
                    display_name: account.as_ref().and_then(|a| a.display_name.clone()),
                    needs_sign_in: account
                        .as_ref()
                        .and_then(|a| a.endpoints.get("needs_sign_in"))
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false),
                    checked_at: account.as_ref().and_then(|a| a.checked_at),
                    refused_at: account.as_ref().and_then(|a| a.refused_at),
                    endpoints: account.map(|a| a.endpoints),
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        // NOTE: an account that needs sign-in pauses every job (its timer is off).
        let both_connected = accounts.iter().all(|a| a.connected && !a.needs_sign_in);
        let jobs = Job::ALL
            .into_iter()
            .map(|job| {
                let set_up = both_connected
                    && settings.flag(SettingKey::enabled_of(job))
                    && job_has_its_inputs(&settings, job);
                Ok(JobStatus {
                    job,
                    set_up,
                    interval_minutes: settings.interval_minutes(job),
                    timer_on: set_up,
                    running: RunLock::is_held(&self.home, job),
                    last_run: self.store.last_run(job)?,
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        Ok(Status {
            home: self.home.data_dir().to_path_buf(),
            settings_file: self.files.user.clone(),
            policy_file: self.files.policy.clone(),
            policy_present: self.files.policy.exists(),
            accounts,
            jobs,
        })
    }
}

impl Session {
    /// The jobs "Sync now" runs: those whose inputs are there (mail: a transfer folder;
    /// calendar: a start date; contacts: switched on), whether or not their timer is on.
    pub fn jobs_set_up(&self) -> Result<Vec<Job>, CoreError> {
        let settings = self.effective_settings()?;
        Ok([Job::Mail, Job::Calendar, Job::Contacts]
            .into_iter()
            .filter(|job| job_has_its_inputs(&settings, *job))
            .collect())
    }
}

/// Whether the settings a job cannot run without are there.
fn job_has_its_inputs(settings: &Settings, job: Job) -> bool {
    match job {
        // mail needs at least one transfer folder
        Job::Mail => {
            settings.text(SettingKey::MailIncomingFolder).is_some()
                || settings.text(SettingKey::MailOutgoingFolder).is_some()
        }
        // calendar needs the date to start from
        Job::Calendar => settings.calendar_start_date().is_some(),
        // NOTE: contacts need no input, but writing into someone's address book needs their
        // yes: the job counts as set up once they switched it on
        Job::Contacts => settings.flag(SettingKey::ContactsEnabled),
    }
}

fn entry_of(settings: &Settings, key: SettingKey) -> SettingEntry {
    settings
        .entries()
        .into_iter()
        .find(|e| e.key == key.name())
        .unwrap_or_else(|| SettingEntry {
            key: key.name(),
            value: settings.get(key),
            default: key.default_value(),
            source: crate::settings::Source::Default,
            locked: settings.is_locked(key),
            expected: key.expected(),
        })
}

/// The result of connecting Odoo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "OdooConnection"))]
pub struct OdooConnection {
    /// What was stored (no secret).
    pub account: crate::odoo::OdooAccount,
    /// Whether a password was given where an API key is recommended.
    pub used_password: bool,
    /// What to tell the user, in their language (includes the API key advice if needed).
    pub message: String,
}

impl Session {
    /// Connects Odoo: checks everything, then stores the key in the keyring and the account.
    pub async fn connect_odoo(
        &self,
        request: &crate::odoo::ConnectRequest,
    ) -> Result<OdooConnection, CoreError> {
        self.connect_odoo_with(&self.secrets(), request).await
    }

    /// [`Session::connect_odoo`] with another secret store (tests use the in-memory one).
    pub async fn connect_odoo_with(
        &self,
        secrets: &dyn crate::secrets::SecretStore,
        request: &crate::odoo::ConnectRequest,
    ) -> Result<OdooConnection, CoreError> {
        let connected =
            crate::odoo::connect::connect(request, crate::odoo::Timeouts::interactive()).await?;
        self.save_odoo_connection(secrets, &connected, &request.secret)
    }

    /// Stores a checked connection: secret first (so a missing keyring stores nothing), then
    /// the account.
    pub fn save_odoo_connection(
        &self,
        secrets: &dyn crate::secrets::SecretStore,
        connected: &crate::odoo::Connected,
        secret: &secrecy::SecretString,
    ) -> Result<OdooConnection, CoreError> {
        let trimmed = secrecy::SecretString::from(
            secrecy::ExposeSecret::expose_secret(secret)
                .trim()
                .to_owned(),
        );
        secrets.set(crate::odoo::SECRET_NAME, &trimmed)?;
        let account = connected.account.clone();
        let endpoints = serde_json::to_value(&account).map_err(|e| {
            tracing::error!(error = %e, "odoo account not serialisable");
            crate::odoo::OdooError::UnexpectedAnswer {
                what: "account".into(),
                detail: e.to_string(),
            }
        })?;
        self.store.save_account(&crate::store::NewAccount {
            kind: AccountKind::Odoo,
            identity: account.login.clone(),
            display_name: Some(account.name.clone()),
            endpoints,
        })?;
        // the key was just accepted: a refusal before is over
        self.store.note_accepted(AccountKind::Odoo)?;
        let lang = self.language();
        use crate::odoo::messages::OdooMsg;
        let mut message = crate::i18n::Msg::Odoo(OdooMsg::Connected {
            name: account.name.clone(),
            login: account.login.clone(),
            db: account.db.clone(),
            url: account.url.clone(),
            version: account.version.clone(),
        })
        .render(lang);
        if connected.used_password {
            message.push('\n');
            message.push_str(&crate::i18n::Msg::Odoo(OdooMsg::PreferApiKey).render(lang));
        }
        Ok(OdooConnection {
            account,
            used_password: connected.used_password,
            message,
        })
    }

    /// The stored Odoo account, if connected.
    pub fn odoo_account(&self) -> Result<Option<crate::odoo::OdooAccount>, CoreError> {
        let Some(account) = self.store.account(AccountKind::Odoo)? else {
            return Ok(None);
        };
        match serde_json::from_value(account.endpoints) {
            Ok(a) => Ok(Some(a)),
            Err(e) => {
                // NOTE: an account row from an older build; treat as not connected so the
                // user connects again instead of seeing an internal error.
                tracing::warn!(error = %e, "stored odoo account unreadable");
                Ok(None)
            }
        }
    }

    /// A logged-in Odoo client for the stored account and its key in `secrets`.
    pub fn odoo_client_with(
        &self,
        secrets: &dyn crate::secrets::SecretStore,
    ) -> Result<Option<crate::odoo::OdooClient>, CoreError> {
        self.odoo_client_timed(secrets, crate::odoo::Timeouts::default())
    }

    fn odoo_client_timed(
        &self,
        secrets: &dyn crate::secrets::SecretStore,
        timeouts: crate::odoo::Timeouts,
    ) -> Result<Option<crate::odoo::OdooClient>, CoreError> {
        let Some(account) = self.odoo_account()? else {
            return Ok(None);
        };
        let secret = secrets
            .get(crate::odoo::SECRET_NAME)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        Ok(Some(crate::odoo::connect::client_for(
            &account, secret, timeouts,
        )?))
    }

    /// Disconnects Odoo: removes the key from the keyring and the account; true if one was there.
    pub fn disconnect_odoo(&self) -> Result<bool, CoreError> {
        self.disconnect_odoo_with(&self.secrets())
    }

    /// [`Session::disconnect_odoo`] with another secret store.
    pub fn disconnect_odoo_with(
        &self,
        secrets: &dyn crate::secrets::SecretStore,
    ) -> Result<bool, CoreError> {
        secrets.delete(crate::odoo::SECRET_NAME)?;
        Ok(self.store.remove_account(AccountKind::Odoo)?)
    }
}

/// The databases of the Odoo at `url` (pasted form), for the wizard's database choice.
pub async fn odoo_databases(url: &str) -> Result<Vec<String>, CoreError> {
    Ok(crate::odoo::connect::databases(url, crate::odoo::Timeouts::interactive()).await?)
}

/// How to run the mail job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailSyncRequest {
    /// What started it.
    pub trigger: Trigger,
    /// Preview only: read, plan and report, write nothing anywhere (no run row either).
    pub dry_run: bool,
    /// Mails per delta page and Odoo lookup (default 50).
    pub page_size: Option<u32>,
}

/// A finished (or previewed) mail run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailRun {
    /// The recorded run (none for a preview).
    pub run: Option<RunSummary>,
    /// The outcome the report decides (exit code 0 / 2 / 3).
    pub outcome: crate::model::Outcome,
    /// "23 mails → 19 contacts, 4 need a decision".
    pub summary: String,
    /// Per mail.
    pub report: crate::mail::engine::MailReport,
}

impl Session {
    /// Runs the mail job once: transfer folders → Odoo chatter (issue 6). Fails only when it
    /// cannot start (lock, accounts, store); per-mail problems are in the report. A run that
    /// cannot start (other than for a run already going) is recorded as failed with the
    /// reason, so the status and the repeated-failure notice see it, whoever started it; a
    /// refused sign-in also pauses the jobs until the person signs in again.
    pub async fn sync_mail(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        request: MailSyncRequest,
        progress: &dyn crate::mail::engine::Progress,
    ) -> Result<MailRun, CoreError> {
        let (trigger, preview) = (request.trigger, request.dry_run);
        let result = self
            .try_sync_mail(runtime, odoo_secrets, request, progress)
            .await;
        self.note_failed_start(Job::Mail, trigger, preview, result)
    }

    /// A run that could not start (other than for a run already going, or a preview) is
    /// recorded as failed with the reason, so the status and the repeated-failure notice see it
    /// whoever started it; a refused sign-in also pauses the jobs until the person signs in.
    pub(crate) fn note_failed_start<T>(
        &self,
        job: Job,
        trigger: Trigger,
        preview: bool,
        result: Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        match result {
            Err(e) if !preview && !matches!(e, CoreError::JobBusy(_)) => {
                use crate::error_code::UserFacing;
                if e.code() == crate::error_code::ErrorCode::NeedsSignIn {
                    self.set_microsoft_needs_sign_in(true)?;
                }
                tracing::warn!(error = %e, %job, "run could not start");
                let reason = e.to_ui(self.language()).message;
                crate::runlog::record_failed_start(&self.store, job, trigger, &reason)?;
                Err(e)
            }
            other => other,
        }
    }

    /// The person's own addresses (their Microsoft and Odoo logins).
    pub(crate) fn own_addresses(
        &self,
    ) -> Result<std::collections::BTreeSet<crate::mail::address::Address>, CoreError> {
        let mut own = std::collections::BTreeSet::new();
        for kind in [AccountKind::Microsoft, AccountKind::Odoo] {
            if let Some(a) = self.store.account(kind)?
                && let Some(address) = crate::mail::address::Address::parse(&a.identity)
            {
                own.insert(address);
            }
        }
        Ok(own)
    }

    async fn try_sync_mail(
        &self,
        runtime: &MicrosoftRuntime,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        request: MailSyncRequest,
        progress: &dyn crate::mail::engine::Progress,
    ) -> Result<MailRun, CoreError> {
        let options = self.mail_options(&request)?;
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let graph = self.microsoft_client(runtime)?;
        let own = self.own_addresses()?;
        let mut running = if request.dry_run {
            None
        } else {
            Some(self.start_run(Job::Mail, request.trigger)?)
        };
        let report = crate::mail::engine::run(&graph, &odoo, &self.store, &options, &own, progress)
            .await
            .map_err(|e| match e {
                crate::mail::engine::MailRunError::Store(s) => CoreError::Store(s),
                crate::mail::engine::MailRunError::Crashed => CoreError::Interrupted(Job::Mail),
            })?;
        if !request.dry_run {
            self.note_what_the_run_heard(&report)?;
        }
        let mut run_report = crate::runlog::RunReport::default();
        for mail in &report.mails {
            run_report.count(mail.outcome);
        }
        run_report.incomplete = report.incomplete.clone();
        run_report.needs_attention = report.needs_attention.clone();
        let outcome = run_report.outcome();
        let run = match running.take() {
            None => None,
            Some(running) => Some(record_mail_run(running, &report)?),
        };
        Ok(MailRun {
            run,
            outcome,
            summary: report.summary(self.language()),
            report,
        })
    }

    /// Notes which remote accepted or refused the stored sign-in or key during a run, for the
    /// status; a refused Microsoft sign-in also pauses every job until the person signs in.
    fn note_what_the_run_heard(
        &self,
        report: &crate::mail::engine::MailReport,
    ) -> Result<(), CoreError> {
        if report.microsoft_answered {
            self.store.note_accepted(AccountKind::Microsoft)?;
        }
        if report.microsoft_sign_in_refused {
            self.set_microsoft_needs_sign_in(true)?;
        }
        if report.odoo_answered {
            self.store.note_accepted(AccountKind::Odoo)?;
        }
        if report.odoo_key_refused {
            self.store.note_refused(AccountKind::Odoo)?;
        }
        Ok(())
    }

    /// The mail job's options from the settings, for `request`; a job without any transfer
    /// folder cannot run.
    fn mail_options(
        &self,
        request: &MailSyncRequest,
    ) -> Result<crate::mail::engine::MailOptions, CoreError> {
        let settings = self.effective_settings()?;
        let limit_mb = match settings.get(SettingKey::MailAttachmentLimit) {
            crate::settings::SettingValue::Number(n) => u64::from(n),
            _ => 25,
        };
        let options = crate::mail::engine::MailOptions {
            incoming: settings.text(SettingKey::MailIncomingFolder),
            outgoing: settings.text(SettingKey::MailOutgoingFolder),
            include_colleagues: settings.flag(SettingKey::MailIncludeColleagues),
            delete_after_transfer: settings.flag(SettingKey::MailDeleteAfterTransfer),
            file_on_opportunity: settings.flag(SettingKey::MailFileOnOpportunity)
                && self.odoo_account()?.is_some_and(|a| a.crm_installed),
            attachment_limit_bytes: limit_mb * 1_000_000,
            page_size: request.page_size.unwrap_or(50),
            dry_run: request.dry_run,
            lang: self.language(),
            time_zone: self
                .odoo_account()?
                .and_then(|a| a.tz)
                .and_then(|tz| tz.parse().ok()),
        };
        let unset = |f: &Option<String>| f.as_deref().is_none_or(|f| f.trim().is_empty());
        if unset(&options.incoming) && unset(&options.outgoing) {
            return Err(CoreError::NoTransferFolder);
        }
        Ok(options)
    }

    /// The Decisions and Unassigned lists: open addresses of mails still in a transfer folder.
    pub fn mail_decisions(&self) -> Result<Vec<crate::mail::decisions::Decision>, CoreError> {
        Ok(crate::mail::decisions::list(&self.store.pending_mails()?))
    }

    /// The mails Odoo refuses as they are, each waiting for the person to retry or skip it.
    pub fn refused_mails(&self) -> Result<Vec<crate::mail::decisions::RefusedMail>, CoreError> {
        let lang = self.language();
        Ok(self
            .store
            .refused_mails()?
            .iter()
            .map(|p| crate::mail::decisions::RefusedMail::of(p, lang))
            .collect())
    }

    /// Retries (`retry`) or skips a mail Odoo refused, named by its key or Graph id; what was
    /// done, in the person's language. A retried mail is filed by the next run; a skipped one
    /// stays in its transfer folder, is never filed, and nothing waits on it.
    pub fn settle_refused_mail(&self, mail: &str, retry: bool) -> Result<String, CoreError> {
        let lang = self.language();
        let found = self
            .store
            .refused_mails()?
            .into_iter()
            .find(|p| p.mail.key.as_str() == mail.trim() || p.mail.graph_id == mail.trim());
        let Some(found) = found else {
            return Err(CoreError::NoSuchRefusedMail(mail.trim().to_owned()));
        };
        let verdict = if retry { "failed" } else { "skipped" };
        self.store
            .set_pending_verdict(&found.mail.graph_id, verdict)?;
        let subject = found.mail.subject.clone();
        let done = if retry {
            crate::mail::texts::MailMsg::WillRetry { subject }
        } else {
            crate::mail::texts::MailMsg::WillSkip { subject }
        };
        Ok(crate::i18n::Msg::Mail(done).render(lang))
    }

    /// Remembers the person's choice for `address` (contacts, or none / ignore); the next run
    /// files the waiting mails accordingly.
    pub fn choose_mail_contacts(
        &self,
        address: &crate::mail::address::Address,
        choice: &crate::mail::plan::AddressChoice,
    ) -> Result<(), CoreError> {
        Ok(self.store.set_mail_choice(address, choice)?)
    }

    /// Every remembered choice, by address (the UI lists them to change them later).
    pub fn mail_choices(
        &self,
    ) -> Result<
        std::collections::BTreeMap<crate::mail::address::Address, crate::mail::plan::AddressChoice>,
        CoreError,
    > {
        Ok(self.store.mail_choices()?)
    }
}

impl Session {
    /// Creates an Odoo contact for an unassigned address (name as given, else the part before
    /// the `@`) and remembers it for the address, so the next run files the waiting mails on it.
    pub async fn create_mail_contact(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        address: &crate::mail::address::Address,
        name: Option<&str>,
        company: Option<&str>,
    ) -> Result<crate::model::OdooId, CoreError> {
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| {
                address
                    .as_str()
                    .split('@')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            });
        let mut values = serde_json::Map::new();
        values.insert("name".into(), serde_json::json!(name));
        values.insert("email".into(), serde_json::json!(address.as_str()));
        if let Some(company) = company.map(str::trim).filter(|c| !c.is_empty()) {
            let parent = crate::odoo::partners::company_named(&odoo, company).await?;
            values.insert("parent_id".into(), serde_json::json!(parent.0));
        }
        let ids = odoo.create("res.partner", vec![values]).await?;
        let id = ids
            .first()
            .copied()
            .ok_or_else(|| crate::odoo::OdooError::UnexpectedAnswer {
                what: "res.partner.create".into(),
                detail: "no id".into(),
            })?;
        self.store.set_mail_choice(
            address,
            &crate::mail::plan::AddressChoice::Contacts(vec![id]),
        )?;
        Ok(id)
    }

    /// Every remembered choice with the contacts it names, as far as Odoo can tell right now:
    /// the choices are local, the names a nicety, so an Odoo that does not answer leaves them
    /// out instead of failing.
    pub async fn remembered_choices(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
    ) -> Result<Vec<RememberedChoice>, CoreError> {
        use crate::mail::plan::AddressChoice;
        let choices = self.mail_choices()?;
        let ids: Vec<crate::model::OdooId> = choices
            .values()
            .flat_map(|c| match c {
                AddressChoice::Contacts(ids) => ids.clone(),
                AddressChoice::Ignore => Vec::new(),
            })
            .collect();
        let contacts = self
            .mail_contacts(odoo_secrets, &ids)
            .await
            .unwrap_or_else(|e| {
                tracing::info!(error = %e, "contacts of remembered choices not read");
                Vec::new()
            });
        Ok(choices
            .into_iter()
            .map(|(address, choice)| {
                let named = match &choice {
                    AddressChoice::Contacts(ids) => contacts
                        .iter()
                        .filter(|c| ids.contains(&c.id))
                        .cloned()
                        .collect(),
                    AddressChoice::Ignore => Vec::new(),
                };
                RememberedChoice {
                    address,
                    choice,
                    contacts: named,
                }
            })
            .collect())
    }

    /// The Odoo contacts with these ids (one `search_read`, archived ones too), so remembered
    /// choices can be shown by name; ids Odoo does not know are left out.
    pub async fn mail_contacts(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        ids: &[crate::model::OdooId],
    ) -> Result<Vec<crate::mail::matching::Contact>, CoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        Ok(crate::odoo::partners::by_id(&odoo, ids).await?)
    }

    /// Contacts whose name, company or e-mail contains `query` (at most 20), for picking the
    /// contact of an unassigned address or changing a remembered choice by hand.
    pub async fn search_mail_contacts(
        &self,
        odoo_secrets: &dyn crate::secrets::SecretStore,
        query: &str,
    ) -> Result<Vec<crate::mail::matching::Contact>, CoreError> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let odoo = self
            .odoo_client_with(odoo_secrets)?
            .ok_or(crate::odoo::OdooError::KeyMissing)?;
        Ok(crate::odoo::partners::find(&odoo, query, 20).await?)
    }
}

/// Writes each mail's outcome into the run log and closes the run.
fn record_mail_run(
    running: crate::runlog::RunningRun<'_>,
    report: &crate::mail::engine::MailReport,
) -> Result<crate::store::RunSummary, CoreError> {
    let events = report.mails.iter().map(|mail| crate::store::RunEvent {
        item_key: mail.key.clone(),
        summary: mail.subject.clone(),
        outcome: mail.outcome,
        detail: mail.detail.clone(),
        odoo_ids: mail.messages.clone(),
        request_id: None,
        technical: mail.technical.clone(),
    });
    finish_run(running, events, &report.incomplete, &report.needs_attention)
}

/// Records a run's item events and what it left open, and closes it (every job ends so).
pub(crate) fn finish_run(
    mut running: crate::runlog::RunningRun<'_>,
    events: impl Iterator<Item = crate::store::RunEvent>,
    incomplete: &[String],
    needs_attention: &[String],
) -> Result<crate::store::RunSummary, CoreError> {
    for event in events {
        running.record(&event)?;
    }
    running.report_mut().incomplete = incomplete.to_vec();
    running.report_mut().needs_attention = needs_attention.to_vec();
    Ok(running.finish()?)
}

/// A remembered choice for an address with the contacts it names (those Odoo could read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailChoiceEntry"))]
pub struct RememberedChoice {
    /// The address.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub address: crate::mail::address::Address,
    /// What the person chose.
    pub choice: crate::mail::plan::AddressChoice,
    /// The chosen contacts Odoo could read; the others are known by their id only.
    pub contacts: Vec<crate::mail::matching::Contact>,
}

/// NOTE: the window, the scheduler and the CLI share one session across threads.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Session>();
};
