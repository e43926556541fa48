//! The shell's own texts (tray menu, tooltips, notifications) in English and German.
//!
//! NOTE: these belong to the shell's surfaces only; everything the core says (errors, run
//! notes, job names, item counts) comes from the core's catalog. Same keys in both languages by construction: every
//! text is one `match` arm per language.

use office_connector_core::i18n::{Language, Msg};
use office_connector_core::model::Job;

/// A text of the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
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
    /// Notification action: open the page.
    Open,
    /// A run's summary when it had nothing to do.
    NothingToDo,
}

/// The job's name from the core's catalog, capitalised (it opens a tray line or a title).
fn job_name(job: Job, lang: Language) -> String {
    let name = Msg::JobName(job).render(lang);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// `text` in `lang`.
pub fn render(text: Text, lang: Language) -> String {
    use Language::{De, En};
    match (text, lang) {
        (Text::AppName, _) => "Office Connector".into(),
        (Text::Demo, _) => "Demo".into(),
        (Text::SyncNow, En) => "Sync now".into(),
        (Text::SyncNow, De) => "Jetzt synchronisieren".into(),
        (Text::NothingSetUp, En) => "No job is set up yet: set one up in the settings".into(),
        (Text::NothingSetUp, De) => {
            "Noch kein Auftrag eingerichtet: in den Einstellungen einrichten".into()
        }
        (Text::Pause, En) => "Pause".into(),
        (Text::Pause, De) => "Pausieren".into(),
        (Text::Resume, En) => "Resume".into(),
        (Text::Resume, De) => "Fortsetzen".into(),
        (Text::OpenSettings, En) => "Open settings…".into(),
        (Text::OpenSettings, De) => "Einstellungen öffnen…".into(),
        (Text::StartAtLogin, En) => "Start at login".into(),
        (Text::StartAtLogin, De) => "Bei der Anmeldung starten".into(),
        (Text::Quit, En) => "Quit".into(),
        (Text::Quit, De) => "Beenden".into(),
        (Text::Idle, En) => "Up to date".into(),
        (Text::Idle, De) => "Auf dem neuesten Stand".into(),
        (Text::Syncing(job, None), En) => format!("Syncing {}…", job_name(job, En)),
        (Text::Syncing(job, None), De) => format!("{} wird synchronisiert…", job_name(job, De)),
        (Text::Syncing(job, Some((done, total))), En) => {
            format!("Syncing {}… {done} of {total}", job_name(job, En))
        }
        (Text::Syncing(job, Some((done, total))), De) => {
            format!(
                "{} wird synchronisiert… {done} von {total}",
                job_name(job, De)
            )
        }
        (Text::Attention, En) => "Something waits for you: open the settings".into(),
        (Text::Attention, De) => "Etwas wartet auf Sie: Einstellungen öffnen".into(),
        (Text::Failing, En) => "Sync keeps failing: see the run log".into(),
        (Text::Failing, De) => {
            "Die Synchronisierung schlägt wiederholt fehl: siehe Protokoll".into()
        }
        (Text::Paused, En) => "Paused".into(),
        (Text::Paused, De) => "Pausiert".into(),
        (Text::AttentionTitle(job), En) => format!("{} needs your attention", job_name(job, En)),
        (Text::AttentionTitle(job), De) => {
            format!("{}: Ihre Entscheidung ist nötig", job_name(job, De))
        }
        (Text::AttentionBody, En) => {
            "Some items wait for your decision. Click to open them.".into()
        }
        (Text::AttentionBody, De) => {
            "Einige Einträge warten auf Ihre Entscheidung. Klicken zum Öffnen.".into()
        }
        (Text::FailingTitle(job), En) => format!("{} keeps failing", job_name(job, En)),
        (Text::FailingTitle(job), De) => format!("{} schlägt wiederholt fehl", job_name(job, De)),
        (Text::FailingBody(runs), En) => {
            format!("The last {runs} runs did not finish. Click to see the run log.")
        }
        (Text::FailingBody(runs), De) => {
            format!("Die letzten {runs} Läufe wurden nicht fertig. Klicken für das Protokoll.")
        }
        (Text::Open, En) => "Open".into(),
        (Text::Open, De) => "Öffnen".into(),
        (Text::NothingToDo, En) => "Nothing to do".into(),
        (Text::NothingToDo, De) => "Nichts zu tun".into(),
    }
}
