//! The error of a core use case, gathering every module's; the UI-facing code and text come
//! from [`crate::error_code`] (re-exported here for the shell and the CLI).

pub use crate::error_code::{ErrorCode, UiError, UserFacing};
use crate::home::HomeError;
use crate::i18n::Msg;
use crate::model::{Job, RunId};
use crate::secrets::SecretsError;
use crate::settings::SettingsError;
use crate::store::StoreError;

/// Any error of a core use case.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The state folder.
    #[error(transparent)]
    Home(#[from] HomeError),
    /// Settings or policy.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The SQLite store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The secret store.
    #[error(transparent)]
    Secrets(#[from] SecretsError),
    /// Another run of the job holds the lock.
    #[error("job {0} is already running")]
    JobBusy(Job),
    /// The mail job has no transfer folder to read.
    #[error("no transfer folder chosen")]
    NoTransferFolder,
    /// The calendar job cannot run as set up (no start date, one in the future, Odoo's own
    /// Outlook sync on, no Calendar app).
    #[error("calendar job not ready: {0:?}")]
    Calendar(crate::calendar::notes::CalendarMsg),
    /// What the person gave as a transfer folder names no folder, or several.
    #[error(transparent)]
    FolderChoice(#[from] crate::mail::transfer_folder::FolderChoiceError),
    /// A run stopped in the middle; the next run picks it up.
    #[error("run of job {0} interrupted")]
    Interrupted(Job),
    /// No such run.
    #[error("run {0} not found")]
    RunNotFound(RunId),
    /// No mail refused by Odoo has this key or id.
    #[error("no refused mail {0:?}")]
    NoSuchRefusedMail(String),
    /// The Odoo client.
    #[error(transparent)]
    Odoo(#[from] crate::odoo::OdooError),
    /// Microsoft sign-in.
    #[error(transparent)]
    SignIn(#[from] crate::graph::error::SignInError),
    /// A Microsoft Graph call (boxed: it carries request ids and the sign-in cause).
    #[error(transparent)]
    Graph(#[from] Box<crate::graph::error::GraphError>),
}

impl From<crate::graph::error::GraphError> for CoreError {
    fn from(e: crate::graph::error::GraphError) -> Self {
        CoreError::Graph(Box::new(e))
    }
}

impl CoreError {
    /// Whether this user may not write the state home (folder or database), so a command that
    /// only shows something can still read it.
    pub fn is_not_writable(&self) -> bool {
        matches!(
            self,
            CoreError::Home(HomeError::NotWritable { .. })
                | CoreError::Store(StoreError::NotWritable { .. })
        )
    }
}

impl UserFacing for CoreError {
    fn code(&self) -> ErrorCode {
        match self {
            CoreError::Home(e) => e.code(),
            CoreError::Settings(e) => e.code(),
            CoreError::Store(e) => e.code(),
            CoreError::Secrets(e) => e.code(),
            CoreError::JobBusy(_) => ErrorCode::Busy,
            CoreError::NoTransferFolder | CoreError::Calendar(_) => ErrorCode::ConfigInvalid,
            CoreError::FolderChoice(e) => e.code(),
            CoreError::Interrupted(_) => ErrorCode::Internal,
            CoreError::RunNotFound(_) | CoreError::NoSuchRefusedMail(_) => ErrorCode::NotFound,
            CoreError::Odoo(e) => e.code(),
            CoreError::SignIn(e) => e.code(),
            CoreError::Graph(e) => e.code(),
        }
    }

    fn msg(&self) -> Msg {
        match self {
            CoreError::Home(e) => e.msg(),
            CoreError::Settings(e) => e.msg(),
            CoreError::Store(e) => e.msg(),
            CoreError::Secrets(e) => e.msg(),
            CoreError::JobBusy(job) => Msg::JobBusy { job: *job },
            CoreError::NoTransferFolder => Msg::Mail(crate::mail::texts::MailMsg::NoTransferFolder),
            CoreError::Calendar(m) => Msg::Calendar(m.clone()),
            CoreError::FolderChoice(e) => e.msg(),
            CoreError::Interrupted(job) => Msg::RunInterrupted { job: *job },
            CoreError::RunNotFound(id) => Msg::RunNotFound { id: id.0 },
            CoreError::NoSuchRefusedMail(input) => {
                Msg::Mail(crate::mail::texts::MailMsg::NoSuchRefusedMail {
                    input: input.clone(),
                })
            }
            CoreError::Odoo(e) => e.msg(),
            CoreError::SignIn(e) => e.msg(),
            CoreError::Graph(e) => e.msg(),
        }
    }
}
