//! The core's user-facing texts in German and English.
//!
//! Every sentence a person may read (errors, CLI labels, later notifications) is a [`Msg`]
//! variant, rendered with [`Msg::render`]. Keeping the catalog in one enum means the compiler
//! finds a text that lacks a translation. Diagnostic log lines are not translated.

use std::path::PathBuf;

use serde::Serialize;

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
        match (self, lang) {
            (Expected::Bool, Language::En) => "true or false".into(),
            (Expected::Bool, Language::De) => "true oder false".into(),
            (Expected::Minutes { min, max }, Language::En) => {
                format!("a whole number of minutes from {min} to {max}")
            }
            (Expected::Minutes { min, max }, Language::De) => {
                format!("eine ganze Zahl von Minuten von {min} bis {max}")
            }
            (Expected::Megabytes { min, max }, Language::En) => {
                format!("a whole number of megabytes from {min} to {max}")
            }
            (Expected::Megabytes { min, max }, Language::De) => {
                format!("eine ganze Zahl von Megabyte von {min} bis {max}")
            }
            (Expected::Date, Language::En) => "a date like \"2026-01-31\"".into(),
            (Expected::Date, Language::De) => "ein Datum wie \"2026-01-31\"".into(),
            (Expected::Language, Language::En) => "\"de\" or \"en\"".into(),
            (Expected::Language, Language::De) => "\"de\" oder \"en\"".into(),
            (Expected::Text, Language::En) => "a non-empty text in quotes".into(),
            (Expected::Text, Language::De) => "ein nicht leerer Text in Anführungszeichen".into(),
            (Expected::Url, Language::En) => "an https:// address in quotes".into(),
            (Expected::Url, Language::De) => "eine https://-Adresse in Anführungszeichen".into(),
            (Expected::KeyList, Language::En) => "a list of setting names in quotes".into(),
            (Expected::KeyList, Language::De) => {
                "eine Liste von Einstellungsnamen in Anführungszeichen".into()
            }
            (Expected::Table, Language::En) => "a section of settings".into(),
            (Expected::Table, Language::De) => "ein Abschnitt mit Einstellungen".into(),
        }
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
    /// A state home that cannot be used as it is, kept in `store/texts.rs`.
    Store(crate::store::texts::StoreMsg),
    /// A text of the desktop app (tray, notifications), kept in `desktop_texts.rs`.
    Desktop(crate::desktop_texts::DesktopMsg),
}

impl Msg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (
                Msg::FileMalformed {
                    file,
                    line,
                    key,
                    problem,
                    policy,
                },
                lang,
            ) => {
                let file = file.display();
                let what = match (policy, lang) {
                    (true, En) => "The administrator's policy file",
                    (false, En) => "The settings file",
                    (true, De) => "Die Richtliniendatei des Administrators",
                    (false, De) => "Die Einstellungsdatei",
                };
                let problem = match (problem, lang) {
                    (FileProblem::Syntax { detail }, En) => format!("it is not valid TOML ({detail})"),
                    (FileProblem::Syntax { detail }, De) => format!("kein gültiges TOML ({detail})"),
                    (FileProblem::UnknownKey, En) => "this setting does not exist".into(),
                    (FileProblem::UnknownKey, De) => "diese Einstellung gibt es nicht".into(),
                    (FileProblem::BadValue { expected }, En) => {
                        format!("expected {}", expected.render(En))
                    }
                    (FileProblem::BadValue { expected }, De) => {
                        format!("erwartet wird {}", expected.render(De))
                    }
                };
                let fix = match (policy, lang) {
                    (true, En) => "Ask your administrator to correct it.",
                    (false, En) => "Correct or delete the line, then try again.",
                    (true, De) => "Bitten Sie Ihren Administrator, sie zu korrigieren.",
                    (false, De) => "Korrigieren oder löschen Sie die Zeile und versuchen Sie es erneut.",
                };
                match (key, lang) {
                    (Some(key), En) => format!(
                        "{what} {file} has an error in line {line}, key \"{key}\": {problem}. {fix}"
                    ),
                    (None, En) => {
                        format!("{what} {file} has an error in line {line}: {problem}. {fix}")
                    }
                    (Some(key), De) => format!(
                        "{what} {file} enthält einen Fehler in Zeile {line}, Schlüssel „{key}“: {problem}. {fix}"
                    ),
                    (None, De) => format!(
                        "{what} {file} enthält einen Fehler in Zeile {line}: {problem}. {fix}"
                    ),
                }
            }
            (
                Msg::FileUnreadable {
                    file,
                    detail,
                    policy,
                },
                lang,
            ) => {
                let file = file.display();
                match (policy, lang) {
                    (false, En) => format!(
                        "The file {file} cannot be read ({detail}). Check that it exists and that you may read it."
                    ),
                    (false, De) => format!(
                        "Die Datei {file} kann nicht gelesen werden ({detail}). Prüfen Sie, ob sie existiert und lesbar ist."
                    ),
                    (true, En) => format!(
                        "The administrator's policy file {file} cannot be read ({detail}). Ask your administrator to fix it."
                    ),
                    (true, De) => format!(
                        "Die Richtliniendatei des Administrators {file} kann nicht gelesen werden ({detail}). Bitten Sie Ihren Administrator, das zu beheben."
                    ),
                }
            }
            (Msg::FileUnwritable { file, detail }, En) => format!(
                "The settings could not be saved to {} ({detail}). Check free space and permissions.",
                file.display()
            ),
            (Msg::FileUnwritable { file, detail }, De) => format!(
                "Die Einstellungen konnten nicht in {} gespeichert werden ({detail}). Prüfen Sie Speicherplatz und Berechtigungen.",
                file.display()
            ),
            (Msg::SettingLocked { key }, En) => format!(
                "The setting \"{key}\" is locked by your administrator and cannot be changed."
            ),
            (Msg::SettingLocked { key }, De) => format!(
                "Die Einstellung „{key}“ wurde von Ihrem Administrator gesperrt und kann nicht geändert werden."
            ),
            (Msg::UnknownSetting { key }, En) => format!(
                "There is no setting \"{key}\". `office-connector config get` lists them all."
            ),
            (Msg::UnknownSetting { key }, De) => format!(
                "Die Einstellung „{key}“ gibt es nicht. `office-connector config get` listet alle auf."
            ),
            (
                Msg::InvalidSettingValue {
                    key,
                    value,
                    expected,
                },
                En,
            ) => format!(
                "\"{value}\" is not a valid value for \"{key}\": expected {}.",
                expected.render(En)
            ),
            (
                Msg::InvalidSettingValue {
                    key,
                    value,
                    expected,
                },
                De,
            ) => format!(
                "„{value}“ ist kein gültiger Wert für „{key}“: erwartet wird {}.",
                expected.render(De)
            ),
            (Msg::KeyringUnavailable { detail }, En) => format!(
                "No keyring is available to keep your sign-in safe ({detail}). Office Connector stores \
                 secrets only in the system keyring, never in a file. On Linux, install and unlock a \
                 Secret Service provider such as GNOME Keyring (package gnome-keyring) or KWallet and \
                 sign in to a desktop session; on a server, start one with `dbus-run-session` and \
                 `gnome-keyring-daemon --unlock`."
            ),
            (Msg::KeyringUnavailable { detail }, De) => format!(
                "Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung sicher aufzubewahren ({detail}). \
                 Office Connector speichert Geheimnisse nur im Schlüsselbund des Systems, nie in einer \
                 Datei. Installieren und entsperren Sie unter Linux einen Secret-Service-Anbieter wie \
                 GNOME Keyring (Paket gnome-keyring) oder KWallet und melden Sie sich an einer \
                 Desktop-Sitzung an; auf einem Server starten Sie ihn mit `dbus-run-session` und \
                 `gnome-keyring-daemon --unlock`."
            ),
            (Msg::KeyringFailed { detail }, En) => format!(
                "The system keyring refused the request ({detail}). Unlock the keyring and try again."
            ),
            (Msg::KeyringFailed { detail }, De) => format!(
                "Der Schlüsselbund des Systems hat die Anfrage abgelehnt ({detail}). Entsperren Sie ihn und versuchen Sie es erneut."
            ),
            (Msg::StateHomeUnavailable { path, detail }, En) => format!(
                "The folder {} for Office Connector's data cannot be used ({detail}). Check its permissions or choose another one with --home.",
                path.display()
            ),
            (Msg::StateHomeUnavailable { path, detail }, De) => format!(
                "Der Ordner {} für die Daten von Office Connector ist nicht nutzbar ({detail}). Prüfen Sie die Berechtigungen oder wählen Sie mit --home einen anderen.",
                path.display()
            ),
            (Msg::NoStateHome, En) => {
                "No home folder is known for this user. Choose a folder with --home or OFFICE_CONNECTOR_HOME.".into()
            }
            (Msg::NoStateHome, De) => {
                "Für diesen Benutzer ist kein Home-Ordner bekannt. Wählen Sie einen Ordner mit --home oder OFFICE_CONNECTOR_HOME.".into()
            }
            (Msg::DatabaseFailed { file, detail }, En) => format!(
                "The local database {} cannot be used ({detail}). Close other copies of Office Connector and try again.",
                file.display()
            ),
            (Msg::DatabaseFailed { file, detail }, De) => format!(
                "Die lokale Datenbank {} ist nicht nutzbar ({detail}). Schließen Sie andere Instanzen von Office Connector und versuchen Sie es erneut.",
                file.display()
            ),
            (Msg::JobBusy { job }, En) => format!(
                "The {} job is already running (in the app or on the command line). Wait until it has finished.",
                Msg::JobName(*job).render(En)
            ),
            (Msg::JobBusy { job }, De) => format!(
                "Der Auftrag {} läuft bereits (in der App oder auf der Kommandozeile). Warten Sie, bis er fertig ist.",
                Msg::JobName(*job).render(De)
            ),
            (Msg::RunInterrupted { job }, En) => format!(
                "The {} run stopped before it finished. The next run picks up where it stopped.",
                Msg::JobName(*job).render(En)
            ),
            (Msg::RunInterrupted { job }, De) => format!(
                "Der Lauf {} hat vor dem Ende aufgehört. Der nächste Lauf macht dort weiter.",
                Msg::JobName(*job).render(De)
            ),
            (Msg::RunNotFound { id }, En) => format!(
                "There is no run with the number {id}. `office-connector runs` lists the recorded runs."
            ),
            (Msg::RunNotFound { id }, De) => format!(
                "Es gibt keinen Lauf mit der Nummer {id}. `office-connector runs` listet die aufgezeichneten Läufe."
            ),
            (Msg::Internal, En) => {
                "Something went wrong inside Office Connector. Try again; if it persists, send the log to support.".into()
            }
            (Msg::Internal, De) => {
                "In Office Connector ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn er bleibt, senden Sie das Protokoll an den Support.".into()
            }
            (Msg::NoRuns, En) => "No runs recorded.".into(),
            (Msg::NoRuns, De) => "Keine Läufe aufgezeichnet.".into(),
            (Msg::HeadingAccounts, En) => "Accounts".into(),
            (Msg::HeadingAccounts, De) => "Konten".into(),
            (Msg::HeadingJobs, En) => "Jobs".into(),
            (Msg::HeadingJobs, De) => "Aufträge".into(),
            (Msg::HeadingEvents, En) => "Items".into(),
            (Msg::HeadingEvents, De) => "Einträge".into(),
            (Msg::NotConnected, En) => "not connected".into(),
            (Msg::NotConnected, De) => "nicht verbunden".into(),
            (Msg::AccountChecked { at: Some(at) }, En) => format!("connected, last checked {at}"),
            (Msg::AccountChecked { at: Some(at) }, De) => {
                format!("verbunden, zuletzt geprüft am {at}")
            }
            (Msg::AccountChecked { at: None }, En) => "connected, not checked yet".into(),
            (Msg::AccountChecked { at: None }, De) => "verbunden, noch nicht geprüft".into(),
            (Msg::AccountRefused { kind, at }, En) => {
                use crate::model::AccountKind as K;
                let when = at.as_ref().map(|at| format!(" at {at}")).unwrap_or_default();
                match kind {
                    K::Odoo => format!("Odoo refused the stored key{when} — connect Odoo again"),
                    K::Microsoft => format!(
                        "Microsoft refused the sign-in{when} — sign in to Microsoft 365 again"
                    ),
                }
            }
            (Msg::AccountRefused { kind, at }, De) => {
                use crate::model::AccountKind as K;
                let when = at.as_ref().map(|at| format!(" am {at}")).unwrap_or_default();
                match kind {
                    K::Odoo => format!(
                        "Odoo hat den gespeicherten Schlüssel{when} abgelehnt — verbinden Sie Odoo erneut"
                    ),
                    K::Microsoft => format!(
                        "Microsoft hat die Anmeldung{when} abgelehnt — melden Sie sich erneut bei Microsoft 365 an"
                    ),
                }
            }
            (Msg::ScheduleEvery { minutes }, En) => format!("every {minutes} min"),
            (Msg::ScheduleEvery { minutes }, De) => format!("alle {minutes} Min."),
            (Msg::ScheduleOffNotSetUp, En) => "timer off (not set up)".into(),
            (Msg::ScheduleOffNotSetUp, De) => "Zeitplan aus (nicht eingerichtet)".into(),
            (Msg::ScheduleOffDisabled, En) => "timer off".into(),
            (Msg::ScheduleOffDisabled, De) => "Zeitplan aus".into(),
            (Msg::NeverRan, En) => "never ran".into(),
            (Msg::NeverRan, De) => "noch nie gelaufen".into(),
            (Msg::DemoExplanation, En) => "Demo: the fake Microsoft 365 and the fake Odoo run on this \
                 machine (the JSON line above says where); everything above happened against them, \
                 in a throwaway state folder."
                .into(),
            (Msg::DemoExplanation, De) => "Demo: Das nachgebildete Microsoft 365 und das nachgebildete \
                 Odoo laufen auf diesem Rechner (die JSON-Zeile oben sagt, wo); alles oben geschah mit \
                 ihnen, in einem Wegwerf-Zustandsordner."
                .into(),
            (Msg::DemoConnecting { name }, En) => format!("Signing in as the demo person {name}…"),
            (Msg::DemoConnecting { name }, De) => format!("Anmeldung als Demo-Person {name} …"),
            (Msg::DemoNotConnected, En) => {
                "The demo continues without a connection:".into()
            }
            (Msg::DemoNotConnected, De) => "Die Demo läuft ohne Verbindung weiter:".into(),
            (Msg::DemoFolders, En) => "Mail folders".into(),
            (Msg::DemoFolders, De) => "E-Mail-Ordner".into(),
            (Msg::DemoMailRun { incoming, outgoing }, En) => format!(
                "Mail job: transfer folders \"{incoming}\" (incoming) and \"{outgoing}\" (outgoing), first run"
            ),
            (Msg::DemoMailRun { incoming, outgoing }, De) => format!(
                "Mail-Auftrag: Transferordner „{incoming}“ (eingehend) und „{outgoing}“ (ausgehend), erster Lauf"
            ),
            (Msg::DemoStateKept { path }, En) => {
                format!("Demo state kept in {}", path.display())
            }
            (Msg::DemoStateKept { path }, De) => {
                format!("Demo-Zustand aufbewahrt in {}", path.display())
            }
            (Msg::LastRun, En) => "last run".into(),
            (Msg::LastRun, De) => "letzter Lauf".into(),
            (Msg::OutcomeName(o), lang) => {
                use crate::model::Outcome as O;
                match (o, lang) {
                    (O::Success, En) => "success",
                    (O::Success, De) => "erfolgreich",
                    (O::NeedsAttention, En) => "needs attention",
                    (O::NeedsAttention, De) => "Eingriff nötig",
                    (O::Incomplete, En) => "incomplete",
                    (O::Incomplete, De) => "unvollständig",
                    (O::Failed, En) => "failed",
                    (O::Failed, De) => "fehlgeschlagen",
                }
                .into()
            }
            (Msg::JobName(j), lang) => crate::language::job_name(*j, lang).into(),
            (Msg::TriggerName(t), lang) => {
                use crate::model::Trigger as T;
                match (t, lang) {
                    (T::Manual, En) => "manual",
                    (T::Manual, De) => "manuell",
                    (T::Timer, En) => "timer",
                    (T::Timer, De) => "Zeitplan",
                    (T::Cli, En) => "command line",
                    (T::Cli, De) => "Kommandozeile",
                }
                .into()
            }
            (Msg::ItemCount(outcome, n), lang) => {
                format!("{n} {}", Msg::ItemOutcomeName(*outcome).render(lang))
            }
            (Msg::ItemOutcomeName(outcome), lang) => {
                use crate::model::ItemOutcome as I;
                let word = match (outcome, lang) {
                    (I::Filed, En) => "filed",
                    (I::Filed, De) => "abgelegt",
                    (I::Linked, En) => "linked",
                    (I::Linked, De) => "verknüpft",
                    (I::Created, En) => "created",
                    (I::Created, De) => "angelegt",
                    (I::Updated, En) => "updated",
                    (I::Updated, De) => "aktualisiert",
                    (I::Deleted, En) => "deleted",
                    (I::Deleted, De) => "gelöscht",
                    (I::Waiting, En) => "waiting for a decision",
                    (I::Waiting, De) => "warten auf Entscheidung",
                    (I::Unassigned, En) => "unassigned",
                    (I::Unassigned, De) => "nicht zugeordnet",
                    (I::Skipped, En) => "skipped",
                    (I::Skipped, De) => "übersprungen",
                    (I::Failed, En) => "failed",
                    (I::Failed, De) => "fehlgeschlagen",
                    (I::Refused, En) => "refused by Odoo",
                    (I::Refused, De) => "von Odoo abgelehnt",
                };
                word.into()
            }
            (Msg::AccountName(kind), _) => match kind {
                crate::model::AccountKind::Microsoft => "Microsoft 365".into(),
                crate::model::AccountKind::Odoo => "Odoo".into(),
            },
            (Msg::RunHeading(id), En) => format!("Run {id}"),
            (Msg::RunHeading(id), De) => format!("Lauf {id}"),
            (Msg::Started, En) => "started".into(),
            (Msg::Started, De) => "begonnen".into(),
            (Msg::Finished, En) => "finished".into(),
            (Msg::Finished, De) => "beendet".into(),
            (Msg::Running, En) => "running".into(),
            (Msg::Running, De) => "läuft".into(),
            (Msg::NoEvents, En) => "No items recorded.".into(),
            (Msg::NoEvents, De) => "Keine Einträge aufgezeichnet.".into(),
            (Msg::Microsoft(m), lang) => m.render(lang),
            (Msg::Odoo(m), lang) => m.render(lang),
            (Msg::Mail(m), lang) => m.render(lang),
            (Msg::Store(m), lang) => m.render(lang),
            (Msg::Desktop(m), lang) => m.render(lang),
        }
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
