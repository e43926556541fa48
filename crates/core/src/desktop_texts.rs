//! The desktop app's own texts (tray menu, tooltips, notifications, window title), rendered
//! through `Msg::Desktop` from the Fluent catalogue (`i18n/<code>.ftl`, the `desktop-` messages)
//! so every text of the product lives in one catalogue. Job and account names are the
//! catalogue's general `job-` and `account-` messages.

use crate::catalogue::{Arg, s, text};
use crate::language::Language;
use crate::model::{AccountKind, Job};

/// A text of the desktop app's own surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesktopMsg {
    /// The app's name (window title, tooltip prefix).
    AppName,
    /// Marker in the window title in demo mode.
    Demo,
    /// Tray menu: run every set-up job now.
    SyncNow,
    /// Tray menu, under a disabled "Sync now": why it is disabled.
    NothingSetUp,
    /// Tray menu: stop the timers.
    Pause,
    /// Tray menu: restart the timers.
    Resume,
    /// Tray menu: show the settings window.
    OpenSettings,
    /// Tray menu: start the app when the user logs in.
    StartAtLogin,
    /// Tray menu: end the app.
    Quit,
    /// Tooltip: all is well.
    Idle,
    /// Tooltip: a run of the job is going, with items done and total when known.
    Syncing(Job, Option<(u32, u32)>),
    /// Tooltip: a job waits for the user.
    Attention,
    /// Tooltip: runs keep failing.
    Failing,
    /// Tooltip: timers paused.
    Paused,
    /// Notification title: the job needs the user.
    AttentionTitle(Job),
    /// Notification body for "needs attention".
    AttentionBody,
    /// Notification title: the job keeps failing.
    FailingTitle(Job),
    /// Notification body: how many runs in a row failed.
    FailingBody(usize),
    /// Notification title: the account's sign-in was refused.
    SignInTitle(AccountKind),
    /// Notification body: sign in again; the jobs wait.
    SignInBody(AccountKind),
    /// Notification title: a run of the job did something (on request).
    RunDoneTitle(Job),
    /// Notification action: open the page.
    Open,
    /// A run's summary when it had nothing to do.
    NothingToDo,
}

/// The job's name from the catalogue, capitalised (it opens a tray line or a title).
fn job_name(job: Job, lang: Language) -> String {
    let name = text(lang, &format!("job-{}", job.as_str()), &[]);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

impl DesktopMsg {
    /// The text in `lang`, formatted from the Fluent catalogue (`i18n/<code>.ftl`).
    pub fn render(self, lang: Language) -> String {
        let (id, args) = self.id_and_args(lang);
        text(lang, id, &args)
    }

    /// The message id and its arguments.
    fn id_and_args(self, lang: Language) -> (&'static str, Vec<Arg<'static>>) {
        use DesktopMsg as D;
        let job = |job: Job| s("job", job_name(job, lang));
        let account = |a: AccountKind| {
            s(
                "account",
                text(lang, &format!("account-{}", a.as_str()), &[]),
            )
        };
        let id = match self {
            D::AppName => "desktop-app-name",
            D::Demo => "desktop-demo",
            D::SyncNow => "desktop-sync-now",
            D::NothingSetUp => "desktop-nothing-set-up",
            D::Pause => "desktop-pause",
            D::Resume => "desktop-resume",
            D::OpenSettings => "desktop-open-settings",
            D::StartAtLogin => "desktop-start-at-login",
            D::Quit => "desktop-quit",
            D::Idle => "desktop-idle",
            D::Attention => "desktop-attention",
            D::Failing => "desktop-failing",
            D::Paused => "desktop-paused",
            D::AttentionBody => "desktop-attention-body",
            D::Open => "desktop-open",
            D::NothingToDo => "desktop-nothing-to-do",
            D::Syncing(j, None) => return ("desktop-syncing", vec![job(j)]),
            D::Syncing(j, Some((done, total))) => {
                let args = vec![job(j), s("done", done), s("total", total)];
                return ("desktop-syncing-progress", args);
            }
            D::AttentionTitle(j) => return ("desktop-attention-title", vec![job(j)]),
            D::FailingTitle(j) => return ("desktop-failing-title", vec![job(j)]),
            D::RunDoneTitle(j) => return ("desktop-run-done-title", vec![job(j)]),
            D::FailingBody(runs) => return ("desktop-failing-body", vec![s("runs", runs)]),
            D::SignInTitle(a) => return ("desktop-sign-in-title", vec![account(a)]),
            D::SignInBody(a) => return ("desktop-sign-in-body", vec![account(a)]),
        };
        (id, Vec::new())
    }
}
