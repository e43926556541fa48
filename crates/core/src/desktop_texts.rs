//! The desktop app's own texts (tray menu, tooltips, notifications, window title) in English
//! and German, rendered through `Msg::Desktop` so every text of the
//! product lives in one catalog. Job names and item counts come from the catalog's general
//! entries (`Msg::JobName`); same keys in both languages by construction: every text is one
//! `match` arm per language.

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

/// The job's name from the core's catalog, capitalised (it opens a tray line or a title).
fn job_name(job: Job, lang: Language) -> String {
    let name = crate::language::job_name(job, lang).to_owned();
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// The remote an account signs in to, as people call it.
fn account_name(account: AccountKind) -> &'static str {
    match account {
        AccountKind::Microsoft => "Microsoft 365",
        AccountKind::Odoo => "Odoo",
    }
}

impl DesktopMsg {
    /// The text in `lang`.
    pub fn render(self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (DesktopMsg::AppName, _) => "Office Connector".into(),
            (DesktopMsg::Demo, _) => "Demo".into(),
            (DesktopMsg::SyncNow, En) => "Sync now".into(),
            (DesktopMsg::SyncNow, De) => "Jetzt synchronisieren".into(),
            (DesktopMsg::NothingSetUp, En) => {
                "No job is set up yet: set one up in the settings".into()
            }
            (DesktopMsg::NothingSetUp, De) => {
                "Noch kein Auftrag eingerichtet: in den Einstellungen einrichten".into()
            }
            (DesktopMsg::Pause, En) => "Pause".into(),
            (DesktopMsg::Pause, De) => "Pausieren".into(),
            (DesktopMsg::Resume, En) => "Resume".into(),
            (DesktopMsg::Resume, De) => "Fortsetzen".into(),
            (DesktopMsg::OpenSettings, En) => "Open settings…".into(),
            (DesktopMsg::OpenSettings, De) => "Einstellungen öffnen…".into(),
            (DesktopMsg::StartAtLogin, En) => "Start at login".into(),
            (DesktopMsg::StartAtLogin, De) => "Bei der Anmeldung starten".into(),
            (DesktopMsg::Quit, En) => "Quit".into(),
            (DesktopMsg::Quit, De) => "Beenden".into(),
            (DesktopMsg::Idle, En) => "Up to date".into(),
            (DesktopMsg::Idle, De) => "Auf dem neuesten Stand".into(),
            (DesktopMsg::Syncing(job, None), En) => format!("Syncing {}…", job_name(job, En)),
            (DesktopMsg::Syncing(job, None), De) => {
                format!("{} wird synchronisiert…", job_name(job, De))
            }
            (DesktopMsg::Syncing(job, Some((done, total))), En) => {
                format!("Syncing {}… {done} of {total}", job_name(job, En))
            }
            (DesktopMsg::Syncing(job, Some((done, total))), De) => {
                format!(
                    "{} wird synchronisiert… {done} von {total}",
                    job_name(job, De)
                )
            }
            (DesktopMsg::Attention, En) => "Something waits for you: open the settings".into(),
            (DesktopMsg::Attention, De) => "Etwas wartet auf Sie: Einstellungen öffnen".into(),
            (DesktopMsg::Failing, En) => "Sync keeps failing: see the run log".into(),
            (DesktopMsg::Failing, De) => {
                "Die Synchronisierung schlägt wiederholt fehl: siehe Protokoll".into()
            }
            (DesktopMsg::Paused, En) => "Paused".into(),
            (DesktopMsg::Paused, De) => "Pausiert".into(),
            (DesktopMsg::AttentionTitle(job), En) => {
                format!("{} needs your attention", job_name(job, En))
            }
            (DesktopMsg::AttentionTitle(job), De) => {
                format!("{}: Ihre Entscheidung ist nötig", job_name(job, De))
            }
            (DesktopMsg::AttentionBody, En) => {
                "Some items wait for your decision. Click to open them.".into()
            }
            (DesktopMsg::AttentionBody, De) => {
                "Einige Einträge warten auf Ihre Entscheidung. Klicken zum Öffnen.".into()
            }
            (DesktopMsg::FailingTitle(job), En) => format!("{} keeps failing", job_name(job, En)),
            (DesktopMsg::FailingTitle(job), De) => {
                format!("{} schlägt wiederholt fehl", job_name(job, De))
            }
            (DesktopMsg::FailingBody(runs), En) => {
                format!("The last {runs} runs did not finish. Click to see the run log.")
            }
            (DesktopMsg::FailingBody(runs), De) => {
                format!("Die letzten {runs} Läufe wurden nicht fertig. Klicken für das Protokoll.")
            }
            (DesktopMsg::SignInTitle(account), En) => {
                format!("{} sign-in expired", account_name(account))
            }
            (DesktopMsg::SignInTitle(account), De) => {
                format!("{}-Anmeldung abgelaufen", account_name(account))
            }
            (DesktopMsg::SignInBody(account), En) => format!(
                "{} no longer accepts your sign-in, so syncing is paused. Sign in again: click to open the setup.",
                account_name(account)
            ),
            (DesktopMsg::SignInBody(account), De) => format!(
                "{} akzeptiert Ihre Anmeldung nicht mehr; die Synchronisierung ruht. Melden Sie sich erneut an: Klicken öffnet die Einrichtung.",
                account_name(account)
            ),
            (DesktopMsg::RunDoneTitle(job), En) => format!("{} synced", job_name(job, En)),
            (DesktopMsg::RunDoneTitle(job), De) => {
                format!("{} synchronisiert", job_name(job, De))
            }
            (DesktopMsg::Open, En) => "Open".into(),
            (DesktopMsg::Open, De) => "Öffnen".into(),
            (DesktopMsg::NothingToDo, En) => "Nothing to do".into(),
            (DesktopMsg::NothingToDo, De) => "Nichts zu tun".into(),
        }
    }
}
