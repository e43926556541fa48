//! Small value types shared by the store, the run log and the use cases.
//!
//! Newtypes at the boundaries keep a run id from being passed where an Odoo id is meant.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A sync job: each flows one way and has its own timer, cursor and run history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Job {
    /// Mails from the Outlook transfer folders into the Odoo chatter.
    Mail,
    /// Outlook calendar events into Odoo events.
    Calendar,
    /// Followed Odoo contacts into the Outlook address book.
    Contacts,
}

impl Job {
    /// Every job, in the order the UI lists them.
    pub const ALL: [Job; 3] = [Job::Mail, Job::Calendar, Job::Contacts];

    /// The stable lowercase name used in settings keys, the database and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Job::Mail => "mail",
            Job::Calendar => "calendar",
            Job::Contacts => "contacts",
        }
    }
}

impl fmt::Display for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Job {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Job::ALL
            .into_iter()
            .find(|j| j.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// A name that is not one of the known values (job, outcome, trigger, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name `{0}`")]
pub struct UnknownName(pub String);

/// The id of one recorded run (a row in the run history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RunId(pub i64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The id of a row in the item links table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LinkId(pub i64);

/// The id of a row in the journal of remote writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JournalId(pub i64);

/// An Odoo record id (positive integer, unique per model).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct OdooId(pub i64);

/// A Microsoft Graph item id (immutable id where Graph offers one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GraphId(pub String);

/// An Odoo record: model name and id, e.g. `res.partner` 42.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OdooRef {
    /// The Odoo model, e.g. `res.partner`.
    pub model: String,
    /// The record id within that model.
    pub id: OdooId,
}

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// "Sync now" in the tray or the settings window.
    Manual,
    /// The scheduler's timer.
    Timer,
    /// The command line (`office-connector sync`).
    Cli,
}

impl Trigger {
    /// The stable lowercase name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Manual => "manual",
            Trigger::Timer => "timer",
            Trigger::Cli => "cli",
        }
    }
}

impl FromStr for Trigger {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Trigger::Manual, Trigger::Timer, Trigger::Cli]
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// How a run ended; decided by its report, never by the first `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Everything settled.
    Success,
    /// Something waits for a person (a decision, an unknown address, a sign-in).
    NeedsAttention,
    /// Some items failed or were not read; a rerun will pick them up.
    Incomplete,
    /// The run could not start or stopped before doing anything (lock, database, sign-in).
    Failed,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [
        Outcome::Success,
        Outcome::NeedsAttention,
        Outcome::Incomplete,
        Outcome::Failed,
    ];

    /// The stable snake_case name stored in the database and printed by `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::NeedsAttention => "needs_attention",
            Outcome::Incomplete => "incomplete",
            Outcome::Failed => "failed",
        }
    }

    /// The CLI exit code for this outcome: 0 ok, 2 the user must act, 3 a rerun will fix it, 1 failed.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NeedsAttention => 2,
            Outcome::Incomplete => 3,
            Outcome::Failed => 1,
        }
    }
}

impl FromStr for Outcome {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// What happened to one item in a run (one mail, event or contact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemOutcome {
    /// Mail filed in an Odoo chatter.
    Filed,
    /// Already present remotely (e.g. filed by a colleague); linked instead of written again.
    Linked,
    /// Created on the target side.
    Created,
    /// Updated on the target side.
    Updated,
    /// Deleted or archived on the target side.
    Deleted,
    /// Waits for a person's decision (several candidates).
    Waiting,
    /// No match; listed as unassigned for the person to resolve.
    Unassigned,
    /// Deliberately left alone (e.g. ignored address, too large).
    Skipped,
    /// Failed this time; a rerun retries it.
    Failed,
    /// The target refuses it as it is; a person retries or skips it (a rerun alone cannot help).
    Refused,
}

impl ItemOutcome {
    /// Every item outcome.
    pub const ALL: [ItemOutcome; 10] = [
        ItemOutcome::Filed,
        ItemOutcome::Linked,
        ItemOutcome::Created,
        ItemOutcome::Updated,
        ItemOutcome::Deleted,
        ItemOutcome::Waiting,
        ItemOutcome::Unassigned,
        ItemOutcome::Skipped,
        ItemOutcome::Failed,
        ItemOutcome::Refused,
    ];

    /// The stable lowercase name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemOutcome::Filed => "filed",
            ItemOutcome::Linked => "linked",
            ItemOutcome::Created => "created",
            ItemOutcome::Updated => "updated",
            ItemOutcome::Deleted => "deleted",
            ItemOutcome::Waiting => "waiting",
            ItemOutcome::Unassigned => "unassigned",
            ItemOutcome::Skipped => "skipped",
            ItemOutcome::Failed => "failed",
            ItemOutcome::Refused => "refused",
        }
    }
}

impl FromStr for ItemOutcome {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ItemOutcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// Which remote service an account belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    /// A Microsoft 365 mailbox (Graph).
    Microsoft,
    /// An Odoo user on one database.
    Odoo,
}

impl AccountKind {
    /// The stable lowercase name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Microsoft => "microsoft",
            AccountKind::Odoo => "odoo",
        }
    }
}

impl FromStr for AccountKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [AccountKind::Microsoft, AccountKind::Odoo]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}
