//! The use cases the CLI and the desktop app call. Everything the UI can do goes through here,
//! so the CLI can do it too. DTOs derive `Serialize` (the UI's TypeScript types are generated
//! from them).

use std::path::PathBuf;
use std::sync::Arc;

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
                    endpoints: account.map(|a| a.endpoints),
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        let both_connected = accounts.iter().all(|a| a.connected);
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
        // contacts need nothing beyond the accounts
        Job::Contacts => true,
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
