//! The core's user-facing texts.
//!
//! Every sentence a person may read (errors, CLI labels, notifications) is a [`Msg`] variant,
//! rendered with [`Msg::render`]: the variant names a message of the Fluent catalogue
//! (`i18n/<code>.ftl`, see [`crate::catalogue`]) and its arguments. The catalogue tests render
//! every variant in every language, so a text without a message fails a test. Diagnostic log
//! lines are not translated.

use std::borrow::Cow;
use std::path::PathBuf;

use serde::Serialize;

use crate::catalogue::{Arg, s, text};

pub use crate::language::Language;

/// What kind of value a setting expects; rendered in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// `true` or `false`.
    Bool,
    /// A whole number of minutes within bounds.
    Minutes {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
    },
    /// A whole number of megabytes within bounds.
    Megabytes {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
    },
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// `"de"` or `"en"`.
    Language,
    /// Any non-empty text.
    Text,
    /// An `https://` URL (or `http://` on loopback).
    Url,
    /// A list of setting names.
    KeyList,
    /// A table of settings.
    Table,
}

impl Expected {
    fn render(self, lang: Language) -> String {
        let (id, args) = match self {
            Expected::Bool => ("expected-bool", vec![]),
            Expected::Minutes { min, max } => {
                ("expected-minutes", vec![s("min", min), s("max", max)])
            }
            Expected::Megabytes { min, max } => {
                ("expected-megabytes", vec![s("min", min), s("max", max)])
            }
            Expected::Date => ("expected-date", vec![]),
            Expected::Language => ("expected-language", vec![]),
            Expected::Text => ("expected-text", vec![]),
            Expected::Url => ("expected-url", vec![]),
            Expected::KeyList => ("expected-key_list", vec![]),
            Expected::Table => ("expected-table", vec![]),
        };
        text(lang, id, &args)
    }
}

/// What is wrong in a malformed settings or policy file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FileProblem {
    /// Not valid TOML; the parser's own wording is kept.
    Syntax {
        /// The TOML parser's description.
        detail: String,
    },
    /// A key the product does not know.
    UnknownKey,
    /// A value of the wrong type or outside its range.
    BadValue {
        /// What the key expects.
        expected: Expected,
    },
}

/// Every user-facing text of the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A settings or policy file cannot be used.
    FileMalformed {
        /// The file.
        file: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// The dotted key, when the problem belongs to one.
        key: Option<String>,
        /// What is wrong.
        problem: FileProblem,
        /// The admin policy file (true) or the user's settings (false).
        policy: bool,
    },
    /// A settings or policy file exists but cannot be read.
    FileUnreadable {
        /// The file.
        file: PathBuf,
        /// The OS error.
        detail: String,
        /// The admin policy file (true) or the user's settings (false).
        policy: bool,
    },
    /// A settings file cannot be written.
    FileUnwritable {
        /// The file.
        file: PathBuf,
        /// The OS error.
        detail: String,
    },
    /// The user tried to change a setting the administrator locked.
    SettingLocked {
        /// The dotted key.
        key: String,
    },
    /// A setting name that does not exist.
    UnknownSetting {
        /// The name given.
        key: String,
    },
    /// A value that does not fit the setting.
    InvalidSettingValue {
        /// The dotted key.
        key: String,
        /// The value given.
        value: String,
        /// What the key expects.
        expected: Expected,
    },
    /// No OS keyring is reachable.
    KeyringUnavailable {
        /// The keyring library's description.
        detail: String,
    },
    /// The OS keyring refused or failed an operation.
    KeyringFailed {
        /// The keyring library's description.
        detail: String,
    },
    /// The state folder cannot be created or used.
    StateHomeUnavailable {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        detail: String,
    },
    /// No state folder could be determined (no home directory).
    NoStateHome,
    /// The local database cannot be opened or used.
    DatabaseFailed {
        /// The database file.
        file: PathBuf,
        /// The SQLite description.
        detail: String,
    },
    /// Another run of the job is in progress (app or command line).
    JobBusy {
        /// The job.
        job: crate::model::Job,
    },
    /// A run stopped in the middle (a test's crash point); the next run picks it up.
    RunInterrupted {
        /// The job.
        job: crate::model::Job,
    },
    /// A run id that is not in the run history.
    RunNotFound {
        /// The id asked for.
        id: i64,
    },
    /// Something that should not happen; details are in the diagnostic log.
    Internal,
    /// CLI: no runs match.
    NoRuns,
    /// CLI/UI heading: accounts.
    HeadingAccounts,
    /// CLI/UI heading: jobs.
    HeadingJobs,
    /// CLI/UI heading: the events of one run.
    HeadingEvents,
    /// An account kind that is not connected.
    NotConnected,
    /// A connected account whose remote accepted the stored sign-in or key when last asked.
    AccountChecked {
        /// When, as the person reads times (none: not asked since it was connected).
        at: Option<String>,
    },
    /// A connected account whose remote refused the stored sign-in or key.
    AccountRefused {
        /// Microsoft or Odoo.
        kind: crate::model::AccountKind,
        /// When, as the person reads times (none: not known).
        at: Option<String>,
    },
    /// A job whose timer runs every N minutes.
    ScheduleEvery {
        /// Minutes between runs.
        minutes: u32,
    },
    /// A job that is not set up, so its timer is off.
    ScheduleOffNotSetUp,
    /// A job set up but switched off by the user.
    ScheduleOffDisabled,
    /// A job that never ran.
    NeverRan,
    /// What `demo` is, after its status.
    DemoExplanation,
    /// `demo` signs the first demo person in to both fakes.
    DemoConnecting {
        /// The demo person's name.
        name: String,
    },
    /// `demo` could not connect; the reason follows.
    DemoNotConnected,
    /// Heading of the demo mailbox's folders.
    DemoFolders,
    /// Heading of the demo's first mail run, naming the two transfer folders.
    DemoMailRun {
        /// The incoming transfer folder.
        incoming: String,
        /// The outgoing transfer folder.
        outgoing: String,
    },
    /// Where `demo --keep-state` left its state folder.
    DemoStateKept {
        /// The folder.
        path: PathBuf,
    },
    /// Label of the last run of a job.
    LastRun,
    /// The name of an outcome.
    OutcomeName(crate::model::Outcome),
    /// The name of a job.
    JobName(crate::model::Job),
    /// The name of a trigger.
    TriggerName(crate::model::Trigger),
    /// How many items ended with an item outcome, e.g. "3 filed".
    ItemCount(crate::model::ItemOutcome, u32),
    /// The word for an item outcome, e.g. "filed".
    ItemOutcomeName(crate::model::ItemOutcome),
    /// The name of an account kind.
    AccountName(crate::model::AccountKind),
    /// Heading of one run: "Run 12".
    RunHeading(i64),
    /// Label: started at.
    Started,
    /// Label: finished at.
    Finished,
    /// A run that is still going.
    Running,
    /// A run's events: none recorded.
    NoEvents,
    /// An Odoo text (connect, errors), kept in `odoo/messages.rs`.
    Odoo(crate::odoo::messages::OdooMsg),
    /// A Microsoft sign-in or Graph text, kept in `graph/texts.rs`.
    Microsoft(crate::graph::texts::MicrosoftMsg),
    /// A mail job text, kept in `mail/texts.rs`.
    Mail(crate::mail::texts::MailMsg),
    /// A calendar job text, kept in `calendar/notes.rs`.
    Calendar(crate::calendar::notes::CalendarMsg),
    /// A text of the Contacts page's list and of following, kept in
    /// `contacts/directory_texts.rs`.
    ContactDirectory(crate::contacts::directory_texts::DirectoryMsg),
    /// A state home that cannot be used as it is, kept in `store/texts.rs`.
    Store(crate::store::texts::StoreMsg),
    /// A text of the desktop app (tray, notifications), kept in `desktop_texts.rs`.
    Desktop(crate::desktop_texts::DesktopMsg),
}

impl Msg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`).
    pub fn render(&self, lang: Language) -> String {
        match self {
            Msg::Microsoft(m) => m.render(lang),
            Msg::Odoo(m) => m.render(lang),
            Msg::Mail(m) => m.render(lang),
            Msg::Calendar(m) => m.render(lang),
            Msg::ContactDirectory(m) => m.render(lang),
            Msg::Store(m) => m.render(lang),
            Msg::Desktop(m) => m.render(lang),
            other => match other.plain_id() {
                Some(id) => text(lang, id, &[]),
                None => {
                    let (id, args) = other.id_and_args(lang);
                    text(lang, &id, &args)
                }
            },
        }
    }

    /// The message id of a text without arguments.
    fn plain_id(&self) -> Option<&'static str> {
        Some(match self {
            Msg::NoStateHome => "no-state-home",
            Msg::Internal => "internal",
            Msg::NoRuns => "no-runs",
            Msg::HeadingAccounts => "heading-accounts",
            Msg::HeadingJobs => "heading-jobs",
            Msg::HeadingEvents => "heading-events",
            Msg::NotConnected => "not-connected",
            Msg::AccountChecked { at: None } => "account-not-checked",
            Msg::ScheduleOffNotSetUp => "schedule-off-not-set-up",
            Msg::ScheduleOffDisabled => "schedule-off-disabled",
            Msg::NeverRan => "never-ran",
            Msg::DemoExplanation => "demo-explanation",
            Msg::DemoNotConnected => "demo-not-connected",
            Msg::DemoFolders => "demo-folders",
            Msg::LastRun => "last-run",
            Msg::Started => "started",
            Msg::Finished => "finished",
            Msg::Running => "running",
            Msg::NoEvents => "no-events",
            _ => return None,
        })
    }

    /// The message id and arguments of a text that has arguments or names a model value.
    fn id_and_args(&self, lang: Language) -> (Cow<'static, str>, Vec<Arg<'static>>) {
        let job = |job: &crate::model::Job| s("job", Msg::JobName(*job).render(lang));
        let (id, args): (&'static str, Vec<Arg<'static>>) = match self {
            Msg::FileMalformed { .. } => return self.file_malformed(lang),
            Msg::FileUnreadable {
                file,
                detail,
                policy,
            } => (
                "file-unreadable",
                vec![
                    s("file", file.display()),
                    s("detail", detail),
                    s("policy", policy),
                ],
            ),
            Msg::FileUnwritable { file, detail } => (
                "file-unwritable",
                vec![s("file", file.display()), s("detail", detail)],
            ),
            Msg::SettingLocked { key } => ("setting-locked", vec![s("key", key)]),
            Msg::UnknownSetting { key } => ("unknown-setting", vec![s("key", key)]),
            Msg::InvalidSettingValue {
                key,
                value,
                expected,
            } => (
                "invalid-setting-value",
                vec![
                    s("key", key),
                    s("value", value),
                    s("expected", expected.render(lang)),
                ],
            ),
            Msg::KeyringUnavailable { detail } => {
                ("keyring-unavailable", vec![s("detail", detail)])
            }
            Msg::KeyringFailed { detail } => ("keyring-failed", vec![s("detail", detail)]),
            Msg::StateHomeUnavailable { path, detail } => (
                "state-home-unavailable",
                vec![s("path", path.display()), s("detail", detail)],
            ),
            Msg::DatabaseFailed { file, detail } => (
                "database-failed",
                vec![s("file", file.display()), s("detail", detail)],
            ),
            Msg::JobBusy { job: j } => ("job-busy", vec![job(j)]),
            Msg::RunInterrupted { job: j } => ("run-interrupted", vec![job(j)]),
            Msg::RunNotFound { id } => ("run-not-found", vec![s("id", id)]),
            Msg::AccountChecked { at } => (
                "account-checked",
                vec![s("at", at.as_deref().unwrap_or(""))],
            ),
            Msg::AccountRefused { kind, at } => return account_refused(*kind, at.as_deref()),
            Msg::ScheduleEvery { minutes } => ("schedule-every", vec![s("minutes", minutes)]),
            Msg::DemoConnecting { name } => ("demo-connecting", vec![s("name", name)]),
            Msg::DemoMailRun { incoming, outgoing } => (
                "demo-mail-run",
                vec![s("incoming", incoming), s("outgoing", outgoing)],
            ),
            Msg::DemoStateKept { path } => ("demo-state-kept", vec![s("path", path.display())]),
            Msg::ItemCount(outcome, count) => (
                "item-count",
                vec![
                    s("count", count),
                    s("outcome", Msg::ItemOutcomeName(*outcome).render(lang)),
                ],
            ),
            Msg::RunHeading(id) => ("run-heading", vec![s("id", id)]),
            other => return (other.model_id().into(), Vec::new()),
        };
        (id.into(), args)
    }

    /// The message id of a model value's name (an outcome, a job, a trigger, an account).
    fn model_id(&self) -> String {
        match self {
            Msg::OutcomeName(o) => format!("outcome-{}", o.as_str()),
            Msg::JobName(j) => format!("job-{}", j.as_str()),
            Msg::TriggerName(t) => format!("trigger-{}", t.as_str()),
            Msg::ItemOutcomeName(i) => format!("item-{}", i.as_str()),
            Msg::AccountName(a) => format!("account-{}", a.as_str()),
            // every other variant is handled by `plain_id` or `id_and_args`
            other => format!("{other:?}"),
        }
    }

    /// A malformed settings or policy file: which file, where, what is wrong, what to do.
    fn file_malformed(&self, lang: Language) -> (Cow<'static, str>, Vec<Arg<'static>>) {
        let Msg::FileMalformed {
            file,
            line,
            key,
            problem,
            policy,
        } = self
        else {
            return ("internal".into(), Vec::new());
        };
        let problem = match problem {
            FileProblem::Syntax { detail } => {
                text(lang, "file-problem-syntax", &[s("detail", detail)])
            }
            FileProblem::UnknownKey => text(lang, "file-problem-unknown_key", &[]),
            FileProblem::BadValue { expected } => text(
                lang,
                "file-problem-bad_value",
                &[s("expected", expected.render(lang))],
            ),
        };
        let mut args = vec![
            s("file", file.display()),
            s("line", line),
            s("problem", problem),
            s("policy", policy),
        ];
        let id = match key {
            Some(key) => {
                args.push(s("key", key));
                "file-malformed-key"
            }
            None => "file-malformed",
        };
        (id.into(), args)
    }
}

/// A remote that refused the stored sign-in or key, with when if known.
fn account_refused(
    kind: crate::model::AccountKind,
    at: Option<&str>,
) -> (Cow<'static, str>, Vec<Arg<'static>>) {
    let base = format!("account-refused-{}", kind.as_str());
    match at {
        Some(at) => (format!("{base}-at").into(), vec![s("at", at)]),
        None => (base.into(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_set_locale_variable_decides_the_language() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            Language::from_locale_vars(env(&[("LANG", "de_DE.UTF-8")])),
            Language::De
        );
        assert_eq!(
            Language::from_locale_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE.UTF-8")])),
            Language::En
        );
        assert_eq!(
            Language::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "de_AT")])),
            Language::De
        );
        assert_eq!(Language::from_locale_vars(env(&[])), Language::En);
        assert_eq!(
            Language::from_locale_vars(env(&[("LANG", "C")])),
            Language::En
        );
    }
}
