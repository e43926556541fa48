//! Per-user settings and the administrator's policy, merged into the effective settings.
//!
//! - Every option the product has is a [`SettingKey`] with a typed value and a default.
//! - The user's `settings.toml` (in the state home's config folder) holds only what the user
//!   changed, in sections: `[mail] delete_after_transfer = true`.
//! - The optional admin policy (see [`crate::home::policy_file`]) looks like
//!   ```toml
//!   minimum_sync_interval_minutes = 15
//!   locked = ["contacts.sync_photos"]      # locked at the value below or the default
//!   [presets]
//!   mail.delete_after_transfer = false     # a preset is locked too
//!   [defaults]
//!   calendar.start_date = "2027-01-01"     # the admin's default; the user may change it
//!   ```
//! - Effective value = built-in default < policy default < user file < policy preset; a preset
//!   or listed key is locked (the user cannot set it), and sync intervals below the policy
//!   minimum are clamped.
//!   NOTE: presets are locked because a preset always wins over the user's file: accepting
//!   the user's value and then ignoring it would be worse than saying no. An admin who only
//!   wants to suggest a value uses `[defaults]`.
//!
//! A malformed file (bad TOML, unknown key, wrong type) gives a [`SettingsError::Malformed`]
//! naming file, line and key; nothing panics on any input. The files are read with toml's
//! spanned `DeTable` so every key and value knows its line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::{Expected, FileProblem, Language, Msg};
use crate::model::Job;

/// Shortest and longest allowed sync interval, in minutes.
pub const INTERVAL_BOUNDS: (u32, u32) = (1, 1440);
/// Smallest and largest attachment limit, in megabytes.
pub const ATTACHMENT_BOUNDS: (u32, u32) = (1, 150);
/// Default Microsoft identity platform authority.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// Default Microsoft Graph base URL.
pub const DEFAULT_GRAPH: &str = "https://graph.microsoft.com/v1.0";

/// Every per-user option of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SettingKey {
    /// `general.language`: UI language; unset follows the OS locale.
    Language,
    /// `general.notify_every_run`: also tell the person after each run that did something
    /// (off: only when they must act).
    NotifyEveryRun,
    /// `microsoft.authority_url`: Microsoft identity platform base (national clouds, fakes).
    MicrosoftAuthority,
    /// `microsoft.graph_url`: Microsoft Graph base URL including the version.
    MicrosoftGraph,
    /// `mail.enabled`: the mail job is set up and its timer may run.
    MailEnabled,
    /// `mail.sync_interval_minutes`: minutes between timed mail runs.
    MailInterval,
    /// `mail.incoming_folder`: Graph id of the incoming transfer folder.
    MailIncomingFolder,
    /// `mail.outgoing_folder`: Graph id of the outgoing transfer folder.
    MailOutgoingFolder,
    /// `mail.delete_after_transfer`: move filed mails to Deleted Items once Odoo confirmed them.
    MailDeleteAfterTransfer,
    /// `mail.attachment_limit_mb`: larger attachments are left out with a note.
    MailAttachmentLimit,
    /// `mail.file_on_opportunity`: also file on the contact's only open opportunity.
    MailFileOnOpportunity,
    /// `mail.include_colleagues`: partners of Odoo users are targets too.
    MailIncludeColleagues,
    /// `calendar.enabled`: the calendar job is set up and its timer may run.
    CalendarEnabled,
    /// `calendar.sync_interval_minutes`: minutes between timed calendar runs.
    CalendarInterval,
    /// `calendar.start_date`: events from this date on are synced.
    CalendarStartDate,
    /// `calendar.skip_private`: private events stay out of Odoo (else imported as private).
    CalendarSkipPrivate,
    /// `calendar.archive_cancelled`: events cancelled or deleted in Outlook are archived in Odoo.
    CalendarArchiveCancelled,
    /// `contacts.enabled`: the contacts job is set up and its timer may run.
    ContactsEnabled,
    /// `contacts.sync_interval_minutes`: minutes between timed contact runs.
    ContactsInterval,
    /// `contacts.delete_after_unfollow`: delete the Outlook contact when unfollowed in Odoo.
    ContactsDeleteAfterUnfollow,
    /// `contacts.sync_salutations`: copy the Odoo title into Outlook.
    ContactsSyncSalutations,
    /// `contacts.sync_photos`: copy the Odoo image into Outlook.
    ContactsSyncPhotos,
    /// `contacts.backlink_to_odoo`: put a link to the Odoo record in the website field.
    ContactsBacklink,
    /// `contacts.auto_export_new`: contacts the user creates in Odoo are exported too.
    ContactsAutoExportNew,
    /// `contacts.export_all_my_customers`: all customers of the user are exported.
    ContactsExportAllMyCustomers,
    /// `contacts.only_with_email`: contacts without an e-mail address stay out of Outlook.
    ContactsOnlyWithEmail,
    /// `contacts.include_companies`: companies are exported too, not only people.
    ContactsIncludeCompanies,
    /// `contacts.sync_categories`: Odoo's tags become Outlook categories.
    ContactsSyncCategories,
    /// `contacts.own_folder`: a folder "Odoo" holds the contacts instead of the main Contacts folder.
    ContactsOwnFolder,
}

/// The type of a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Minutes,
    Megabytes,
    Date,
    Language,
    Text,
    Url,
}

impl Kind {
    fn expected(self) -> Expected {
        match self {
            Kind::Bool => Expected::Bool,
            Kind::Minutes => Expected::Minutes {
                min: INTERVAL_BOUNDS.0,
                max: INTERVAL_BOUNDS.1,
            },
            Kind::Megabytes => Expected::Megabytes {
                min: ATTACHMENT_BOUNDS.0,
                max: ATTACHMENT_BOUNDS.1,
            },
            Kind::Date => Expected::Date,
            Kind::Language => Expected::Language,
            Kind::Text => Expected::Text,
            Kind::Url => Expected::Url,
        }
    }
}

impl SettingKey {
    /// Every key, in the order the UI lists them.
    pub const ALL: [SettingKey; 29] = [
        SettingKey::Language,
        SettingKey::NotifyEveryRun,
        SettingKey::MicrosoftAuthority,
        SettingKey::MicrosoftGraph,
        SettingKey::MailEnabled,
        SettingKey::MailInterval,
        SettingKey::MailIncomingFolder,
        SettingKey::MailOutgoingFolder,
        SettingKey::MailDeleteAfterTransfer,
        SettingKey::MailAttachmentLimit,
        SettingKey::MailFileOnOpportunity,
        SettingKey::MailIncludeColleagues,
        SettingKey::CalendarEnabled,
        SettingKey::CalendarInterval,
        SettingKey::CalendarStartDate,
        SettingKey::CalendarSkipPrivate,
        SettingKey::CalendarArchiveCancelled,
        SettingKey::ContactsEnabled,
        SettingKey::ContactsInterval,
        SettingKey::ContactsDeleteAfterUnfollow,
        SettingKey::ContactsSyncSalutations,
        SettingKey::ContactsSyncPhotos,
        SettingKey::ContactsBacklink,
        SettingKey::ContactsAutoExportNew,
        SettingKey::ContactsExportAllMyCustomers,
        SettingKey::ContactsOnlyWithEmail,
        SettingKey::ContactsIncludeCompanies,
        SettingKey::ContactsSyncCategories,
        SettingKey::ContactsOwnFolder,
    ];

    /// The dotted name used in the files and by `office-connector config`.
    pub fn name(self) -> &'static str {
        match self {
            SettingKey::Language => "general.language",
            SettingKey::NotifyEveryRun => "general.notify_every_run",
            SettingKey::MicrosoftAuthority => "microsoft.authority_url",
            SettingKey::MicrosoftGraph => "microsoft.graph_url",
            SettingKey::MailEnabled => "mail.enabled",
            SettingKey::MailInterval => "mail.sync_interval_minutes",
            SettingKey::MailIncomingFolder => "mail.incoming_folder",
            SettingKey::MailOutgoingFolder => "mail.outgoing_folder",
            SettingKey::MailDeleteAfterTransfer => "mail.delete_after_transfer",
            SettingKey::MailAttachmentLimit => "mail.attachment_limit_mb",
            SettingKey::MailFileOnOpportunity => "mail.file_on_opportunity",
            SettingKey::MailIncludeColleagues => "mail.include_colleagues",
            SettingKey::CalendarEnabled => "calendar.enabled",
            SettingKey::CalendarInterval => "calendar.sync_interval_minutes",
            SettingKey::CalendarStartDate => "calendar.start_date",
            SettingKey::CalendarSkipPrivate => "calendar.skip_private",
            SettingKey::CalendarArchiveCancelled => "calendar.archive_cancelled",
            SettingKey::ContactsEnabled => "contacts.enabled",
            SettingKey::ContactsInterval => "contacts.sync_interval_minutes",
            SettingKey::ContactsDeleteAfterUnfollow => "contacts.delete_after_unfollow",
            SettingKey::ContactsSyncSalutations => "contacts.sync_salutations",
            SettingKey::ContactsSyncPhotos => "contacts.sync_photos",
            SettingKey::ContactsBacklink => "contacts.backlink_to_odoo",
            SettingKey::ContactsAutoExportNew => "contacts.auto_export_new",
            SettingKey::ContactsExportAllMyCustomers => "contacts.export_all_my_customers",
            SettingKey::ContactsOnlyWithEmail => "contacts.only_with_email",
            SettingKey::ContactsIncludeCompanies => "contacts.include_companies",
            SettingKey::ContactsSyncCategories => "contacts.sync_categories",
            SettingKey::ContactsOwnFolder => "contacts.own_folder",
        }
    }

    fn kind(self) -> Kind {
        match self {
            SettingKey::Language => Kind::Language,
            SettingKey::MicrosoftAuthority | SettingKey::MicrosoftGraph => Kind::Url,
            SettingKey::MailInterval
            | SettingKey::CalendarInterval
            | SettingKey::ContactsInterval => Kind::Minutes,
            SettingKey::MailAttachmentLimit => Kind::Megabytes,
            SettingKey::MailIncomingFolder | SettingKey::MailOutgoingFolder => Kind::Text,
            SettingKey::CalendarStartDate => Kind::Date,
            SettingKey::NotifyEveryRun
            | SettingKey::MailEnabled
            | SettingKey::MailDeleteAfterTransfer
            | SettingKey::MailFileOnOpportunity
            | SettingKey::MailIncludeColleagues
            | SettingKey::CalendarEnabled
            | SettingKey::CalendarSkipPrivate
            | SettingKey::CalendarArchiveCancelled
            | SettingKey::ContactsEnabled
            | SettingKey::ContactsDeleteAfterUnfollow
            | SettingKey::ContactsSyncSalutations
            | SettingKey::ContactsSyncPhotos
            | SettingKey::ContactsBacklink
            | SettingKey::ContactsAutoExportNew
            | SettingKey::ContactsExportAllMyCustomers
            | SettingKey::ContactsOnlyWithEmail
            | SettingKey::ContactsIncludeCompanies
            | SettingKey::ContactsSyncCategories
            | SettingKey::ContactsOwnFolder => Kind::Bool,
        }
    }

    /// What a value of this key must look like.
    pub fn expected(self) -> Expected {
        self.kind().expected()
    }

    /// The value when neither the user nor the policy set one.
    pub fn default_value(self) -> SettingValue {
        match self {
            SettingKey::Language
            | SettingKey::MailIncomingFolder
            | SettingKey::MailOutgoingFolder
            | SettingKey::CalendarStartDate => SettingValue::Unset,
            SettingKey::MicrosoftAuthority => SettingValue::Text(DEFAULT_AUTHORITY.into()),
            SettingKey::MicrosoftGraph => SettingValue::Text(DEFAULT_GRAPH.into()),
            SettingKey::MailInterval => SettingValue::Number(15),
            SettingKey::CalendarInterval => SettingValue::Number(30),
            SettingKey::ContactsInterval => SettingValue::Number(60),
            SettingKey::MailAttachmentLimit => SettingValue::Number(25),
            SettingKey::ContactsSyncSalutations
            | SettingKey::ContactsSyncPhotos
            | SettingKey::ContactsOnlyWithEmail
            | SettingKey::ContactsIncludeCompanies
            | SettingKey::CalendarSkipPrivate => SettingValue::Bool(true),
            // Timers are off until a job is set up; options that delete or widen are opt-in;
            // notifications only when someone must act, unless asked for.
            SettingKey::NotifyEveryRun
            | SettingKey::MailEnabled
            | SettingKey::CalendarEnabled
            | SettingKey::ContactsEnabled
            | SettingKey::MailDeleteAfterTransfer
            | SettingKey::MailFileOnOpportunity
            | SettingKey::MailIncludeColleagues
            | SettingKey::CalendarArchiveCancelled
            | SettingKey::ContactsDeleteAfterUnfollow
            | SettingKey::ContactsBacklink
            | SettingKey::ContactsAutoExportNew
            | SettingKey::ContactsExportAllMyCustomers
            | SettingKey::ContactsSyncCategories
            | SettingKey::ContactsOwnFolder => SettingValue::Bool(false),
        }
    }

    /// The key holding a job's "set up" switch.
    pub fn enabled_of(job: Job) -> SettingKey {
        match job {
            Job::Mail => SettingKey::MailEnabled,
            Job::Calendar => SettingKey::CalendarEnabled,
            Job::Contacts => SettingKey::ContactsEnabled,
        }
    }

    /// The key holding a job's sync interval.
    pub fn interval_of(job: Job) -> SettingKey {
        match job {
            Job::Mail => SettingKey::MailInterval,
            Job::Calendar => SettingKey::CalendarInterval,
            Job::Contacts => SettingKey::ContactsInterval,
        }
    }

    /// Parses a value typed by a person (`office-connector config set KEY VALUE`).
    pub fn parse_value(self, raw: &str) -> Result<SettingValue, SettingsError> {
        let invalid = || SettingsError::InvalidValue {
            key: self,
            value: raw.to_owned(),
        };
        let raw_trimmed = raw.trim();
        match self.kind() {
            Kind::Bool => match raw_trimmed {
                "true" => Ok(SettingValue::Bool(true)),
                "false" => Ok(SettingValue::Bool(false)),
                _ => Err(invalid()),
            },
            Kind::Minutes | Kind::Megabytes => raw_trimmed
                .parse::<i64>()
                .ok()
                .and_then(|n| self.number_in_bounds(n))
                .ok_or_else(invalid),
            _ => self.check_text(raw_trimmed).ok_or_else(invalid),
        }
    }

    fn number_in_bounds(self, n: i64) -> Option<SettingValue> {
        let (min, max) = match self.kind() {
            Kind::Minutes => INTERVAL_BOUNDS,
            _ => ATTACHMENT_BOUNDS,
        };
        u32::try_from(n)
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(SettingValue::Number)
    }

    fn check_text(self, text: &str) -> Option<SettingValue> {
        match self.kind() {
            Kind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(SettingValue::Date),
            Kind::Language => text.parse::<Language>().ok().map(SettingValue::Language),
            Kind::Url => valid_base_url(text).map(SettingValue::Text),
            Kind::Text => Some(text)
                .filter(|t| !t.is_empty())
                .map(|t| SettingValue::Text(t.to_owned())),
            Kind::Bool | Kind::Minutes | Kind::Megabytes => None,
        }
    }

    /// Checks a value read from a TOML file.
    fn value_from_toml(self, value: &DeValue<'_>) -> Option<SettingValue> {
        match (self.kind(), value) {
            (Kind::Bool, DeValue::Boolean(b)) => Some(SettingValue::Bool(*b)),
            (Kind::Minutes | Kind::Megabytes, DeValue::Integer(i)) => {
                i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .and_then(|n| self.number_in_bounds(n))
            }
            // A bare TOML date (`start_date = 2026-01-31`) is as good as a quoted one.
            (Kind::Date, DeValue::Datetime(d)) => self.check_text(&d.to_string()),
            (Kind::Date | Kind::Language | Kind::Text | Kind::Url, DeValue::String(s)) => {
                self.check_text(s.trim())
            }
            _ => None,
        }
    }
}

impl fmt::Display for SettingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SettingKey {
    type Err = SettingsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SettingKey::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| SettingsError::UnknownKey { key: s.to_owned() })
    }
}

/// An https URL, or http on loopback (the fakes); without a trailing slash.
fn valid_base_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text).ok()?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    let ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    (ok && url.query().is_none()).then(|| text.trim_end_matches('/').to_owned())
}

/// A setting's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum SettingValue {
    /// No value (e.g. no folder chosen yet).
    Unset,
    /// A switch.
    Bool(bool),
    /// Minutes or megabytes.
    Number(u32),
    /// A text, folder id or URL.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A UI language.
    Language(Language),
}

impl fmt::Display for SettingValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingValue::Unset => Ok(()),
            SettingValue::Bool(b) => b.fmt(f),
            SettingValue::Number(n) => n.fmt(f),
            SettingValue::Text(t) => f.write_str(t),
            SettingValue::Date(d) => d.format("%Y-%m-%d").fmt(f),
            SettingValue::Language(l) => l.fmt(f),
        }
    }
}

impl SettingValue {
    fn to_toml(&self) -> Option<toml_edit::Value> {
        match self {
            SettingValue::Unset => None,
            SettingValue::Bool(b) => Some((*b).into()),
            SettingValue::Number(n) => Some(i64::from(*n).into()),
            SettingValue::Text(_) | SettingValue::Date(_) | SettingValue::Language(_) => {
                Some(self.to_string().into())
            }
        }
    }
}

/// Where an effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The built-in default.
    Default,
    /// The user's settings file.
    User,
    /// The administrator's policy, locked.
    Policy,
    /// The administrator's policy, as a default the user may change.
    PolicyDefault,
}

/// Errors of settings and policy.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A file cannot be used: bad TOML, unknown key, wrong type.
    #[error("{} line {line}: {problem:?} (key {key:?})", file.display())]
    Malformed {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// The dotted key, when the problem belongs to one.
        key: Option<String>,
        /// What is wrong.
        problem: FileProblem,
        /// The admin policy (true) or the user's settings (false).
        policy: bool,
    },
    /// A file exists but cannot be read.
    #[error("cannot read {}", file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// The OS error.
        #[source]
        source: io::Error,
        /// The admin policy (true) or the user's settings (false).
        policy: bool,
    },
    /// The user's settings file cannot be written.
    #[error("cannot write {}", file.display())]
    Unwritable {
        /// The file.
        file: PathBuf,
        /// The OS error.
        #[source]
        source: io::Error,
    },
    /// The administrator locked the key.
    #[error("setting {key} is locked by policy")]
    Locked {
        /// The key.
        key: SettingKey,
    },
    /// No such setting.
    #[error("unknown setting {key}")]
    UnknownKey {
        /// The name given.
        key: String,
    },
    /// The value does not fit the key.
    #[error("invalid value {value:?} for {key}")]
    InvalidValue {
        /// The key.
        key: SettingKey,
        /// The value given.
        value: String,
    },
}

impl UserFacing for SettingsError {
    fn code(&self) -> ErrorCode {
        match self {
            SettingsError::Malformed { .. } | SettingsError::Unreadable { .. } => {
                ErrorCode::ConfigInvalid
            }
            SettingsError::Unwritable { .. } => ErrorCode::Storage,
            SettingsError::Locked { .. } => ErrorCode::LockedByPolicy,
            SettingsError::UnknownKey { .. } | SettingsError::InvalidValue { .. } => {
                ErrorCode::InvalidInput
            }
        }
    }

    fn msg(&self) -> Msg {
        match self {
            SettingsError::Malformed {
                file,
                line,
                key,
                problem,
                policy,
            } => Msg::FileMalformed {
                file: file.clone(),
                line: *line,
                key: key.clone(),
                problem: problem.clone(),
                policy: *policy,
            },
            SettingsError::Unreadable {
                file,
                source,
                policy,
            } => Msg::FileUnreadable {
                file: file.clone(),
                detail: source.to_string(),
                policy: *policy,
            },
            SettingsError::Unwritable { file, source } => Msg::FileUnwritable {
                file: file.clone(),
                detail: source.to_string(),
            },
            SettingsError::Locked { key } => Msg::SettingLocked {
                key: key.name().to_owned(),
            },
            SettingsError::UnknownKey { key } => Msg::UnknownSetting { key: key.clone() },
            SettingsError::InvalidValue { key, value } => Msg::InvalidSettingValue {
                key: key.name().to_owned(),
                value: value.clone(),
                expected: key.expected(),
            },
        }
    }
}

/// The values one file sets.
pub type SettingsLayer = BTreeMap<SettingKey, SettingValue>;

/// The administrator's policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// Values that win over the user's; each is locked.
    pub presets: SettingsLayer,
    /// Values that replace the built-in defaults; the user may change them.
    pub defaults: SettingsLayer,
    /// Keys the user cannot change (presets included).
    pub locked: BTreeSet<SettingKey>,
    /// Sync intervals below this many minutes are raised to it.
    pub minimum_sync_interval_minutes: Option<u32>,
}

impl Policy {
    /// Parses a policy file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &Path) -> Result<Policy, SettingsError> {
        let reader = FileReader {
            text,
            file,
            policy: true,
        };
        let root = reader.parse_root()?;
        let mut policy = Policy::default();
        for (key, value) in root.get_ref() {
            match key.get_ref().as_ref() {
                "minimum_sync_interval_minutes" => {
                    let minutes = match value.get_ref() {
                        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                            .ok()
                            .and_then(|n| SettingKey::MailInterval.number_in_bounds(n)),
                        _ => None,
                    };
                    match minutes {
                        Some(SettingValue::Number(n)) => {
                            policy.minimum_sync_interval_minutes = Some(n)
                        }
                        _ => {
                            return Err(reader.bad_value(
                                value,
                                "minimum_sync_interval_minutes",
                                Kind::Minutes.expected(),
                            ));
                        }
                    }
                }
                "locked" => {
                    let DeValue::Array(items) = value.get_ref() else {
                        return Err(reader.bad_value(value, "locked", Expected::KeyList));
                    };
                    for item in items.iter() {
                        let Some(name) = item.get_ref().as_str() else {
                            return Err(reader.bad_value(item, "locked", Expected::KeyList));
                        };
                        let setting = name.parse::<SettingKey>().map_err(|_| {
                            reader.malformed(item.span().start, Some(name), FileProblem::UnknownKey)
                        })?;
                        policy.locked.insert(setting);
                    }
                }
                "presets" => {
                    let DeValue::Table(table) = value.get_ref() else {
                        return Err(reader.bad_value(value, "presets", Expected::Table));
                    };
                    policy.presets = reader.layer(table, "")?;
                }
                "defaults" => {
                    let DeValue::Table(table) = value.get_ref() else {
                        return Err(reader.bad_value(value, "defaults", Expected::Table));
                    };
                    policy.defaults = reader.layer(table, "")?;
                }
                other => {
                    return Err(reader.malformed(
                        key.span().start,
                        Some(other),
                        FileProblem::UnknownKey,
                    ));
                }
            }
        }
        policy.locked.extend(policy.presets.keys().copied());
        Ok(policy)
    }
}

/// Parses a user settings file's text; `file` names it in errors.
pub fn parse_user_file(text: &str, file: &Path) -> Result<SettingsLayer, SettingsError> {
    let reader = FileReader {
        text,
        file,
        policy: false,
    };
    let root = reader.parse_root()?;
    reader.layer(root.get_ref(), "")
}

struct FileReader<'a> {
    text: &'a str,
    file: &'a Path,
    policy: bool,
}

impl FileReader<'_> {
    fn parse_root(&self) -> Result<Spanned<DeTable<'_>>, SettingsError> {
        DeTable::parse(self.text).map_err(|e| {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            self.malformed(
                at,
                None,
                FileProblem::Syntax {
                    detail: e.message().to_owned(),
                },
            )
        })
    }

    fn malformed(&self, at: usize, key: Option<&str>, problem: FileProblem) -> SettingsError {
        SettingsError::Malformed {
            file: self.file.to_path_buf(),
            line: line_of(self.text, at),
            key: key.map(str::to_owned),
            problem,
            policy: self.policy,
        }
    }

    fn bad_value(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        expected: Expected,
    ) -> SettingsError {
        self.malformed(
            value.span().start,
            Some(key),
            FileProblem::BadValue { expected },
        )
    }

    /// Collects every leaf of `table` (under the dotted `prefix`) as a typed setting.
    fn layer(&self, table: &DeTable<'_>, prefix: &str) -> Result<SettingsLayer, SettingsError> {
        let mut layer = SettingsLayer::new();
        self.collect(table, prefix, &mut layer)?;
        Ok(layer)
    }

    fn collect(
        &self,
        table: &DeTable<'_>,
        prefix: &str,
        layer: &mut SettingsLayer,
    ) -> Result<(), SettingsError> {
        for (key, value) in table {
            let name = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            let known = name.parse::<SettingKey>().ok();
            match (value.get_ref(), known) {
                // A section: its leaves are settings.
                (DeValue::Table(inner), None) if prefix.is_empty() => {
                    self.collect(inner, &name, layer)?
                }
                // A known key: its value must fit.
                (v, Some(setting)) => {
                    let typed = setting
                        .value_from_toml(v)
                        .ok_or_else(|| self.bad_value(value, &name, setting.expected()))?;
                    layer.insert(setting, typed);
                }
                // Anything else is a name the product does not know.
                (_, None) => {
                    return Err(self.malformed(
                        key.span().start,
                        Some(&name),
                        FileProblem::UnknownKey,
                    ));
                }
            }
        }
        Ok(())
    }
}

fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The effective settings: defaults, then the user's file, then the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    user: SettingsLayer,
    policy: Policy,
}

/// One setting as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingEntry {
    /// The dotted name.
    pub key: &'static str,
    /// The effective value (intervals already clamped to the policy minimum).
    pub value: SettingValue,
    /// The built-in default.
    pub default: SettingValue,
    /// Where the value comes from.
    pub source: Source,
    /// The administrator locked it.
    pub locked: bool,
    /// What a value must look like.
    pub expected: Expected,
}

impl Settings {
    /// Merges a user layer and a policy.
    pub fn new(user: SettingsLayer, policy: Policy) -> Settings {
        Settings { user, policy }
    }

    /// The effective value of `key`.
    pub fn get(&self, key: SettingKey) -> SettingValue {
        let raw = self.raw(key).0;
        match (key.kind(), raw, self.policy.minimum_sync_interval_minutes) {
            (Kind::Minutes, SettingValue::Number(n), Some(min)) if n < min => {
                SettingValue::Number(min)
            }
            (_, v, _) => v,
        }
    }

    fn raw(&self, key: SettingKey) -> (SettingValue, Source) {
        if let Some(v) = self.policy.presets.get(&key) {
            (v.clone(), Source::Policy)
        } else if let Some(v) = self.user.get(&key) {
            (v.clone(), Source::User)
        } else if let Some(v) = self.policy.defaults.get(&key) {
            (v.clone(), Source::PolicyDefault)
        } else {
            (key.default_value(), Source::Default)
        }
    }

    /// Whether the administrator locked `key`.
    pub fn is_locked(&self, key: SettingKey) -> bool {
        self.policy.locked.contains(&key)
    }

    /// The admin policy in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every setting with its value, source and lock state.
    pub fn entries(&self) -> Vec<SettingEntry> {
        SettingKey::ALL
            .into_iter()
            .map(|key| SettingEntry {
                key: key.name(),
                value: self.get(key),
                default: key.default_value(),
                source: self.raw(key).1,
                locked: self.is_locked(key),
                expected: key.expected(),
            })
            .collect()
    }

    /// A switch's value (false for a non-switch key).
    pub fn flag(&self, key: SettingKey) -> bool {
        matches!(self.get(key), SettingValue::Bool(true))
    }

    /// The effective sync interval of `job` in minutes, clamped to the policy minimum.
    pub fn interval_minutes(&self, job: Job) -> u32 {
        match self.get(SettingKey::interval_of(job)) {
            SettingValue::Number(n) => n,
            _ => 15,
        }
    }

    /// The language the user chose, if any.
    pub fn language(&self) -> Option<Language> {
        match self.get(SettingKey::Language) {
            SettingValue::Language(l) => Some(l),
            _ => None,
        }
    }

    /// A text setting (URL, folder id), if set.
    pub fn text(&self, key: SettingKey) -> Option<String> {
        match self.get(key) {
            SettingValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The calendar start date, if set.
    pub fn calendar_start_date(&self) -> Option<NaiveDate> {
        match self.get(SettingKey::CalendarStartDate) {
            SettingValue::Date(d) => Some(d),
            _ => None,
        }
    }
}

/// The two files settings come from, read fresh on every call so edits apply without restart.
#[derive(Debug, Clone)]
pub struct SettingsFiles {
    /// The user's `settings.toml`.
    pub user: PathBuf,
    /// The admin policy (may not exist).
    pub policy: PathBuf,
}

impl SettingsFiles {
    /// Reads both files and merges them; missing files count as empty.
    pub fn load(&self) -> Result<Settings, SettingsError> {
        let policy = match read_optional(&self.policy, true)? {
            Some(text) => Policy::parse(&text, &self.policy)?,
            None => Policy::default(),
        };
        let user = match read_optional(&self.user, false)? {
            Some(text) => parse_user_file(&text, &self.user)?,
            None => SettingsLayer::new(),
        };
        Ok(Settings::new(user, policy))
    }

    /// Sets `key` in the user's file (keeping its comments), unless the administrator locked it.
    pub fn set(&self, key: SettingKey, value: SettingValue) -> Result<Settings, SettingsError> {
        let settings = self.load()?;
        if settings.is_locked(key) {
            return Err(SettingsError::Locked { key });
        }
        let text = read_optional(&self.user, false)?.unwrap_or_default();
        let mut doc: toml_edit::DocumentMut =
            text.parse().map_err(|_| SettingsError::Malformed {
                file: self.user.clone(),
                line: 1,
                key: None,
                problem: FileProblem::Syntax {
                    detail: "unreadable".into(),
                },
                policy: false,
            })?;
        let (section, leaf) = key
            .name()
            .split_once('.')
            .unwrap_or(("general", key.name()));
        match value.to_toml() {
            Some(v) => {
                let table = doc
                    .entry(section)
                    .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
                if let Some(table) = table.as_table_like_mut() {
                    table.insert(leaf, toml_edit::Item::Value(v));
                }
            }
            None => {
                if let Some(table) = doc.get_mut(section).and_then(|t| t.as_table_like_mut()) {
                    table.remove(leaf);
                }
            }
        }
        write_private(&self.user, doc.to_string().as_bytes()).map_err(|source| {
            SettingsError::Unwritable {
                file: self.user.clone(),
                source,
            }
        })?;
        self.load()
    }

    /// Parses `raw` for `key` and sets it (`office-connector config set`).
    pub fn set_from_text(&self, key: SettingKey, raw: &str) -> Result<Settings, SettingsError> {
        self.set(key, key.parse_value(raw)?)
    }
}

/// The text of `file`, none if it does not exist; `policy` says which file it is, so an error
/// names the right one (the policy file is the administrator's to fix).
fn read_optional(file: &Path, policy: bool) -> Result<Option<String>, SettingsError> {
    match fs::read(file) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            SettingsError::Malformed {
                file: file.to_path_buf(),
                line: line_of(&text, at),
                key: None,
                problem: FileProblem::Syntax {
                    detail: "invalid UTF-8".into(),
                },
                policy,
            }
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SettingsError::Unreadable {
            file: file.to_path_buf(),
            source,
            policy,
        }),
    }
}

/// Writes `bytes` to `file` atomically (temp file + rename), readable by the owner only.
fn write_private(file: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        file.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("settings")
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(&tmp)?;
    out.write_all(bytes)?;
    out.sync_all()?;
    fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> Result<SettingsLayer, SettingsError> {
        parse_user_file(
            text,
            Path::new("/home/u/.config/office-connector/settings.toml"),
        )
    }

    fn policy(text: &str) -> Result<Policy, SettingsError> {
        Policy::parse(text, Path::new("/etc/office-connector/policy.toml"))
    }

    fn malformed(err: SettingsError) -> (usize, Option<String>, FileProblem) {
        match err {
            SettingsError::Malformed {
                line, key, problem, ..
            } => (line, key, problem),
            other => panic!("expected a malformed-file error, got {other:?}"),
        }
    }

    #[test]
    fn defaults_apply_when_no_file_sets_anything() {
        let s = Settings::new(SettingsLayer::new(), Policy::default());
        assert_eq!(
            s.text(SettingKey::MicrosoftAuthority).as_deref(),
            Some(DEFAULT_AUTHORITY)
        );
        assert_eq!(
            s.text(SettingKey::MicrosoftGraph).as_deref(),
            Some(DEFAULT_GRAPH)
        );
        assert_eq!(s.interval_minutes(Job::Mail), 15);
        assert!(
            !s.flag(SettingKey::MailEnabled),
            "timers are off until a job is set up"
        );
        assert!(!s.flag(SettingKey::MailDeleteAfterTransfer));
        assert!(s.flag(SettingKey::ContactsSyncPhotos));
        assert_eq!(s.language(), None);
        assert_eq!(s.entries().len(), SettingKey::ALL.len());
        assert!(
            s.entries()
                .iter()
                .all(|e| e.source == Source::Default && !e.locked)
        );
    }

    #[test]
    fn every_key_name_parses_back_and_has_a_section() {
        for key in SettingKey::ALL {
            assert_eq!(key.name().parse::<SettingKey>().expect("parses"), key);
            assert!(key.name().contains('.'), "{key} has a section");
        }
    }

    #[test]
    fn the_user_file_overrides_defaults_with_sections_and_dotted_keys() {
        let layer = user(
            "# mine\n[general]\nlanguage = \"de\"\n[mail]\ndelete_after_transfer = true\n\
             sync_interval_minutes = 5\ncalendar.start_date = 2026-01-31\n",
        );
        // `calendar.start_date` under [mail] is mail.calendar.start_date: unknown.
        let (line, key, problem) = malformed(layer.expect_err("unknown nested key"));
        assert_eq!((line, key.as_deref()), (7, Some("mail.calendar")));
        assert_eq!(problem, FileProblem::UnknownKey);

        let layer = user(
            "[general]\nlanguage = \"de\"\n[mail]\ndelete_after_transfer = true\n\
             sync_interval_minutes = 5\n[calendar]\nstart_date = 2026-01-31\n",
        )
        .expect("valid");
        let s = Settings::new(layer, Policy::default());
        assert_eq!(s.language(), Some(Language::De));
        assert!(s.flag(SettingKey::MailDeleteAfterTransfer));
        assert_eq!(s.interval_minutes(Job::Mail), 5);
        assert_eq!(
            s.calendar_start_date(),
            NaiveDate::from_ymd_opt(2026, 1, 31)
        );
        let entry = s
            .entries()
            .into_iter()
            .find(|e| e.key == "mail.delete_after_transfer")
            .expect("listed");
        assert_eq!(entry.source, Source::User);
    }

    #[test]
    fn policy_presets_win_over_the_user_and_are_locked() {
        let layer = user("[mail]\ndelete_after_transfer = true\n").expect("valid");
        let p = policy(
            "locked = [\"contacts.sync_photos\"]\n[presets]\nmail.delete_after_transfer = false\n",
        )
        .expect("valid");
        let s = Settings::new(layer, p);
        assert!(!s.flag(SettingKey::MailDeleteAfterTransfer));
        assert!(s.is_locked(SettingKey::MailDeleteAfterTransfer));
        assert!(s.is_locked(SettingKey::ContactsSyncPhotos));
        assert!(
            s.flag(SettingKey::ContactsSyncPhotos),
            "locked at its default"
        );
        assert!(!s.is_locked(SettingKey::MailInterval));
    }

    #[test]
    fn policy_defaults_replace_built_in_defaults_but_the_user_may_change_them() {
        let p = policy("[defaults]\nmail.delete_after_transfer = true\n").expect("valid");
        let untouched = Settings::new(SettingsLayer::new(), p.clone());
        assert!(untouched.flag(SettingKey::MailDeleteAfterTransfer));
        assert!(!untouched.is_locked(SettingKey::MailDeleteAfterTransfer));
        let entry = untouched
            .entries()
            .into_iter()
            .find(|e| e.key == "mail.delete_after_transfer")
            .expect("entry");
        assert_eq!(entry.source, Source::PolicyDefault);

        let layer = user("[mail]\ndelete_after_transfer = false\n").expect("valid");
        let changed = Settings::new(layer, p);
        assert!(!changed.flag(SettingKey::MailDeleteAfterTransfer));
    }

    #[test]
    fn a_malformed_policy_default_names_its_line_and_key() {
        let err = policy(
            "minimum_sync_interval_minutes = 5\n[defaults]\nmail.delete_after_transfer = \"ja\"\n",
        )
        .expect_err("a string is no boolean");
        let (line, key, _) = malformed(err);
        assert_eq!(line, 3);
        assert_eq!(key.as_deref(), Some("mail.delete_after_transfer"));
    }

    #[test]
    fn intervals_below_the_policy_minimum_are_clamped() {
        let layer =
            user("[mail]\nsync_interval_minutes = 2\n[contacts]\nsync_interval_minutes = 120\n")
                .expect("valid");
        let p = policy("minimum_sync_interval_minutes = 10\n").expect("valid");
        let s = Settings::new(layer, p);
        assert_eq!(s.interval_minutes(Job::Mail), 10);
        assert_eq!(s.interval_minutes(Job::Contacts), 120);
        assert_eq!(s.interval_minutes(Job::Calendar), 30);
    }

    #[test]
    fn malformed_user_files_name_line_and_key() {
        let (line, key, problem) = malformed(
            user("[mail]\n\n sync_interval_minutes = \"often\"\n").expect_err("wrong type"),
        );
        assert_eq!(
            (line, key.as_deref()),
            (3, Some("mail.sync_interval_minutes"))
        );
        assert!(matches!(problem, FileProblem::BadValue { .. }));

        let (line, key, problem) = malformed(
            user("[mail]\ndelete_after_transfer = true\nbogus = 1\n").expect_err("unknown"),
        );
        assert_eq!(
            (line, key.as_deref(), problem),
            (3, Some("mail.bogus"), FileProblem::UnknownKey)
        );

        let (line, key, problem) =
            malformed(user("[mail]\nenabled = = true\n").expect_err("syntax"));
        assert_eq!((line, key), (2, None));
        assert!(matches!(problem, FileProblem::Syntax { .. }));

        let (line, key, _) =
            malformed(user("[mail]\nsync_interval_minutes = 0\n").expect_err("out of range"));
        assert_eq!(
            (line, key.as_deref()),
            (2, Some("mail.sync_interval_minutes"))
        );

        let (line, key, _) = malformed(user("unknown_top = 1\n").expect_err("unknown top"));
        assert_eq!((line, key.as_deref()), (1, Some("unknown_top")));

        let (_, key, _) =
            malformed(user("[microsoft]\ngraph_url = \"ftp://x\"\n").expect_err("bad url"));
        assert_eq!(key.as_deref(), Some("microsoft.graph_url"));
    }

    #[test]
    fn the_malformed_file_message_names_file_line_and_key_in_english_and_german() {
        let err = user("[general]\nlanguage = \"de\"\n[mail]\nsync_interval_minutes = \"often\"\n")
            .expect_err("wrong type");
        assert_eq!(err.code(), ErrorCode::ConfigInvalid);
        let en = err.to_ui(Language::En).message;
        assert_eq!(
            en,
            "The settings file /home/u/.config/office-connector/settings.toml has an error in \
             line 4, key \"mail.sync_interval_minutes\": expected a whole number of minutes from \
             1 to 1440. Correct or delete the line, then try again."
        );
        let de = err.to_ui(Language::De).message;
        assert_eq!(
            de,
            "Die Einstellungsdatei /home/u/.config/office-connector/settings.toml enthält einen \
             Fehler in Zeile 4, Schlüssel „mail.sync_interval_minutes“: erwartet wird eine ganze \
             Zahl von Minuten von 1 bis 1440. Korrigieren oder löschen Sie die Zeile und versuchen \
             Sie es erneut."
        );

        let err = policy("[presets]\nmail.bogus = true\n").expect_err("unknown key");
        let en = err.to_ui(Language::En).message;
        assert!(
            en.starts_with(
                "The administrator's policy file /etc/office-connector/policy.toml has an error \
                 in line 2, key \"mail.bogus\": this setting does not exist."
            ),
            "{en}"
        );
        let de = err.to_ui(Language::De).message;
        assert!(
            de.starts_with(
                "Die Richtliniendatei des Administrators /etc/office-connector/policy.toml \
                 enthält einen Fehler in Zeile 2, Schlüssel „mail.bogus“: diese Einstellung gibt \
                 es nicht."
            ),
            "{de}"
        );

        let err = user("[mail]\nenabled = \n").expect_err("syntax");
        let en = err.to_ui(Language::En).message;
        assert!(en.contains("in line 2: it is not valid TOML"), "{en}");
        let de = err.to_ui(Language::De).message;
        assert!(de.contains("in Zeile 2: kein gültiges TOML"), "{de}");
    }

    #[test]
    fn a_locked_key_says_the_administrator_locked_it() {
        let err = SettingsError::Locked {
            key: SettingKey::MailDeleteAfterTransfer,
        };
        assert_eq!(err.code(), ErrorCode::LockedByPolicy);
        assert_eq!(
            err.to_ui(Language::En).message,
            "The setting \"mail.delete_after_transfer\" is locked by your administrator and \
             cannot be changed."
        );
        assert_eq!(
            err.to_ui(Language::De).message,
            "Die Einstellung „mail.delete_after_transfer“ wurde von Ihrem Administrator gesperrt \
             und kann nicht geändert werden."
        );
    }

    #[test]
    fn malformed_policy_files_name_line_and_key() {
        let (line, key, problem) =
            malformed(policy("\nlocked = [\"mail.nope\"]\n").expect_err("unknown locked key"));
        assert_eq!(
            (line, key.as_deref(), problem),
            (2, Some("mail.nope"), FileProblem::UnknownKey)
        );
        let (line, key, _) =
            malformed(policy("minimum_sync_interval_minutes = \"x\"\n").expect_err("type"));
        assert_eq!(
            (line, key.as_deref()),
            (1, Some("minimum_sync_interval_minutes"))
        );
        let (line, key, _) =
            malformed(policy("[presets]\nmail.enabled = 3\n").expect_err("preset type"));
        assert_eq!((line, key.as_deref()), (2, Some("mail.enabled")));
    }

    #[test]
    fn typed_values_are_checked_when_set_by_a_person() {
        assert_eq!(
            SettingKey::MailEnabled.parse_value("true").expect("ok"),
            SettingValue::Bool(true)
        );
        assert!(SettingKey::MailEnabled.parse_value("yes").is_err());
        assert!(SettingKey::MailInterval.parse_value("-3").is_err());
        assert!(SettingKey::MailInterval.parse_value("1441").is_err());
        assert!(
            SettingKey::CalendarStartDate
                .parse_value("31.01.2026")
                .is_err()
        );
        assert_eq!(
            SettingKey::MicrosoftGraph
                .parse_value("http://127.0.0.1:8080/v1.0/")
                .expect("loopback"),
            SettingValue::Text("http://127.0.0.1:8080/v1.0".into())
        );
        assert!(
            SettingKey::MicrosoftGraph
                .parse_value("http://graph.example.com")
                .is_err()
        );
    }

    #[test]
    fn no_input_makes_the_parsers_panic() {
        let samples = [
            "",
            "[",
            "]",
            "=",
            "a.b.c.d = 1",
            "[mail]\n[mail]",
            "mail = 1",
            "[mail.enabled]",
            "[[mail]]\nenabled = true",
            "general = { language = 1 }",
            "\u{0}",
            "[presets]\n",
            "locked = 1",
            "locked = [1]",
            "presets = 1",
            "mail.sync_interval_minutes = 99999999999999999999",
            "mail.sync_interval_minutes = 0x10",
            "calendar.start_date = 2026-01-31T10:00:00Z",
            "[general]\nlanguage = \"fr\"",
            "\"\u{feff}\" = 1",
        ];
        for text in samples {
            let _ = user(text);
            let _ = policy(text);
        }
    }

    #[test]
    fn setting_a_value_keeps_comments_and_refuses_locked_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = SettingsFiles {
            user: dir.path().join("settings.toml"),
            policy: dir.path().join("policy.toml"),
        };
        fs::write(&files.user, "# my notes\n[mail]\nenabled = true\n").expect("write");
        let s = files
            .set_from_text(SettingKey::MailInterval, "20")
            .expect("set");
        assert_eq!(s.interval_minutes(Job::Mail), 20);
        let text = fs::read_to_string(&files.user).expect("read");
        assert!(text.contains("# my notes"), "{text}");
        assert!(s.flag(SettingKey::MailEnabled));

        fs::write(&files.policy, "locked = [\"mail.sync_interval_minutes\"]\n").expect("write");
        let err = files
            .set_from_text(SettingKey::MailInterval, "30")
            .expect_err("locked");
        assert!(matches!(
            err,
            SettingsError::Locked {
                key: SettingKey::MailInterval
            }
        ));
        assert_eq!(files.load().expect("load").interval_minutes(Job::Mail), 20);

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&files.user)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
