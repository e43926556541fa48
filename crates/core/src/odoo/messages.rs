//! The Odoo texts of the catalog (reached through `Msg::Odoo`), German and English.
//!
//! Kept next to the client so its errors and their wording change together; the compiler still
//! finds a text that lacks a translation because every arm matches on the language.

use crate::language::Language;

use super::url::UrlProblem;

/// One Odoo text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OdooMsg {
    /// The pasted address cannot be used.
    InvalidUrl {
        /// What was entered.
        input: String,
        /// Why.
        problem: UrlProblem,
    },
    /// No answer from the server.
    Unreachable {
        /// The base URL.
        url: String,
        /// Whether it timed out.
        timed_out: bool,
    },
    /// HTTP 5xx.
    ServerUnavailable {
        /// The base URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// Not an Odoo JSON-RPC endpoint.
    NotOdoo {
        /// The base URL.
        url: String,
    },
    /// An Odoo version outside 16–19.
    UnsupportedVersion {
        /// What the server reported.
        version: String,
    },
    /// The database does not exist.
    DatabaseMissing {
        /// The database.
        db: String,
    },
    /// The server does not list its databases.
    DatabaseListDisabled,
    /// Several databases, none chosen.
    DatabaseChoice {
        /// The databases.
        databases: Vec<String>,
    },
    /// No database on the server.
    NoDatabase,
    /// Wrong login or key.
    LoginFailed {
        /// The login.
        login: String,
        /// The database.
        db: String,
    },
    /// The stored key no longer works.
    AccessDenied,
    /// Missing rights.
    AccessError {
        /// The model.
        model: String,
        /// The method.
        method: String,
        /// Odoo's explanation (first paragraph).
        detail: String,
    },
    /// A deleted record.
    MissingRecord {
        /// The model.
        model: String,
    },
    /// Values refused.
    Validation {
        /// Odoo's explanation.
        detail: String,
    },
    /// Odoo refused the operation.
    UserError {
        /// Odoo's explanation.
        detail: String,
    },
    /// A model (app) that is not installed.
    UnknownModel {
        /// The model.
        model: String,
    },
    /// A field that does not exist.
    UnknownField {
        /// Odoo's explanation.
        detail: String,
    },
    /// Session expired.
    SessionExpired,
    /// Another server exception.
    /// The request was too big for the server (HTTP 413).
    TooLarge,
    ServerError {
        /// Odoo's explanation.
        detail: String,
    },
    /// The database was busy.
    Busy,
    /// Why an API key is better than the password (shown when a password was used).
    PreferApiKey,
    /// Connected: who, where, which version.
    Connected {
        /// The user's name.
        name: String,
        /// The login.
        login: String,
        /// The database.
        db: String,
        /// The base URL.
        url: String,
        /// The Odoo version, e.g. "17.0".
        version: String,
    },
    /// Disconnected (key and account removed).
    Disconnected,
    /// Nothing to disconnect.
    WasNotConnected,
    /// Connection test: everything fine.
    TestOk,
    /// Label of the server version in the test output.
    LabelVersion,
    /// Label of the database in the test output.
    LabelDatabase,
    /// Label of the user in the test output.
    LabelUser,
    /// Label of the server address in the test output.
    LabelServer,
    /// An app (calendar, CRM) that is or is not installed.
    AppInstalled {
        /// The app's name.
        app: &'static str,
        /// Installed or not.
        installed: bool,
    },
    /// Why Odoo did not answer, in a few words.
    NoAnswer(NoAnswer),
    /// What is known of the account from an earlier answer, and when it was read: said when
    /// this test could not read it now, so it is not taken for current.
    LastKnown {
        /// Why Odoo did not answer now (none: it answered, but refused).
        no_answer: Option<NoAnswer>,
        /// When it was read, as the person reads times.
        at: String,
        /// The server version then.
        version: String,
        /// Each app and whether it was installed then.
        apps: Vec<(&'static str, bool)>,
    },
    /// No API key was entered (empty field or empty stdin).
    NoKeyGiven,
    /// The API key is missing from the keyring although the account is stored.
    KeyMissing,
}

/// Why Odoo gave no answer: nothing came back, or not in time, or a proxy or the server said
/// it is unavailable right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The connection failed (refused, DNS, TLS, dropped).
    Unreachable,
    /// No answer within the time limit.
    TimedOut,
    /// HTTP 5xx or 429.
    Unavailable(u16),
    /// The database was too busy to answer.
    Busy,
}

impl NoAnswer {
    fn render(self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (NoAnswer::Unreachable, En) => "cannot be reached".into(),
            (NoAnswer::Unreachable, De) => "nicht erreichbar".into(),
            (NoAnswer::TimedOut, En) => "no answer in time".into(),
            (NoAnswer::TimedOut, De) => "keine Antwort in der Zeit".into(),
            (NoAnswer::Unavailable(status), En) => {
                format!("temporarily unavailable, HTTP {status}")
            }
            (NoAnswer::Unavailable(status), De) => {
                format!("vorübergehend nicht verfügbar, HTTP {status}")
            }
            (NoAnswer::Busy, En) => "database busy".into(),
            (NoAnswer::Busy, De) => "Datenbank ausgelastet".into(),
        }
    }
}

/// "Calendar installed, CRM not installed".
fn apps_text(apps: &[(&'static str, bool)], lang: Language) -> String {
    apps.iter()
        .map(|(app, installed)| match (installed, lang) {
            (true, Language::En) => format!("{app} installed"),
            (false, Language::En) => format!("{app} not installed"),
            (true, Language::De) => format!("{app} installiert"),
            (false, Language::De) => format!("{app} nicht installiert"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl OdooMsg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        use Language::{De, En};
        match (self, lang) {
            (OdooMsg::InvalidUrl { input, problem }, En) => match problem {
                UrlProblem::Empty => "Enter the address of your Odoo, e.g. https://mycompany.odoo.com.".into(),
                UrlProblem::Scheme(s) => format!(
                    "\"{input}\" starts with {s}://, but Odoo is reached over https:// (or http://). Enter the address you open Odoo with in the browser."
                ),
                UrlProblem::Malformed(_) => format!(
                    "\"{input}\" is not a web address. Enter the address you open Odoo with in the browser, e.g. https://mycompany.odoo.com."
                ),
            },
            (OdooMsg::InvalidUrl { input, problem }, De) => match problem {
                UrlProblem::Empty => "Geben Sie die Adresse Ihres Odoo ein, z. B. https://meinefirma.odoo.com.".into(),
                UrlProblem::Scheme(s) => format!(
                    "„{input}“ beginnt mit {s}://, Odoo wird aber über https:// (oder http://) erreicht. Geben Sie die Adresse ein, mit der Sie Odoo im Browser öffnen."
                ),
                UrlProblem::Malformed(_) => format!(
                    "„{input}“ ist keine Webadresse. Geben Sie die Adresse ein, mit der Sie Odoo im Browser öffnen, z. B. https://meinefirma.odoo.com."
                ),
            },
            (OdooMsg::Unreachable { url, timed_out }, En) => {
                let what = if *timed_out { "did not answer in time" } else { "cannot be reached" };
                format!("Odoo at {url} {what}. Check your internet connection and the address; if Odoo is down, try again later.")
            }
            (OdooMsg::Unreachable { url, timed_out }, De) => {
                let what = if *timed_out { "hat nicht rechtzeitig geantwortet" } else { "ist nicht erreichbar" };
                format!("Odoo unter {url} {what}. Prüfen Sie die Internetverbindung und die Adresse; ist Odoo gerade nicht verfügbar, versuchen Sie es später erneut.")
            }
            (OdooMsg::ServerUnavailable { url, status }, En) => format!(
                "Odoo at {url} is temporarily unavailable (HTTP {status}). Try again in a few minutes."
            ),
            (OdooMsg::ServerUnavailable { url, status }, De) => format!(
                "Odoo unter {url} ist vorübergehend nicht verfügbar (HTTP {status}). Versuchen Sie es in einigen Minuten erneut."
            ),
            (OdooMsg::NotOdoo { url }, En) => format!(
                "{url} does not answer like an Odoo server. Check the address: use the one you open Odoo with in the browser."
            ),
            (OdooMsg::NotOdoo { url }, De) => format!(
                "{url} antwortet nicht wie ein Odoo-Server. Prüfen Sie die Adresse: Verwenden Sie die, mit der Sie Odoo im Browser öffnen."
            ),
            (OdooMsg::UnsupportedVersion { version }, En) => format!(
                "This Odoo is version {version}; Office Connector supports Odoo 16, 17, 18 and 19. Ask your administrator which version you use."
            ),
            (OdooMsg::UnsupportedVersion { version }, De) => format!(
                "Dieses Odoo hat die Version {version}; Office Connector unterstützt Odoo 16, 17, 18 und 19. Fragen Sie Ihren Administrator, welche Version Sie nutzen."
            ),
            (OdooMsg::DatabaseMissing { db }, En) => format!(
                "The Odoo database \"{db}\" does not exist on this server. Check its name (it is shown on Odoo's login page or in Settings → About)."
            ),
            (OdooMsg::DatabaseMissing { db }, De) => format!(
                "Die Odoo-Datenbank „{db}“ gibt es auf diesem Server nicht. Prüfen Sie den Namen (er steht auf der Anmeldeseite von Odoo oder unter Einstellungen → Info)."
            ),
            (OdooMsg::DatabaseListDisabled, En) => "This Odoo server does not list its databases. Enter the database name (ask your administrator, or look at Odoo's login page).".into(),
            (OdooMsg::DatabaseListDisabled, De) => "Dieser Odoo-Server listet seine Datenbanken nicht auf. Geben Sie den Namen der Datenbank ein (fragen Sie Ihren Administrator oder sehen Sie auf der Anmeldeseite von Odoo nach).".into(),
            (OdooMsg::DatabaseChoice { databases }, En) => format!(
                "This Odoo server has several databases: {}. Choose the one you work in.",
                databases.join(", ")
            ),
            (OdooMsg::DatabaseChoice { databases }, De) => format!(
                "Dieser Odoo-Server hat mehrere Datenbanken: {}. Wählen Sie die, in der Sie arbeiten.",
                databases.join(", ")
            ),
            (OdooMsg::NoDatabase, En) => "This Odoo server has no database yet. Ask your administrator for the right address.".into(),
            (OdooMsg::NoDatabase, De) => "Dieser Odoo-Server hat noch keine Datenbank. Fragen Sie Ihren Administrator nach der richtigen Adresse.".into(),
            (OdooMsg::LoginFailed { login, db }, En) => format!(
                "Odoo did not accept the login \"{login}\" with this API key on database \"{db}\". Check the login (usually your e-mail address) and create a new API key in Odoo under your profile → Account Security → New API Key."
            ),
            (OdooMsg::LoginFailed { login, db }, De) => format!(
                "Odoo hat die Anmeldung „{login}“ mit diesem API-Schlüssel in der Datenbank „{db}“ nicht akzeptiert. Prüfen Sie den Login (meist Ihre E-Mail-Adresse) und erstellen Sie in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel einen neuen Schlüssel."
            ),
            (OdooMsg::AccessDenied, En) => "Odoo no longer accepts the saved API key (it was deleted, or the password changed). Connect Odoo again with a new API key.".into(),
            (OdooMsg::AccessDenied, De) => "Odoo akzeptiert den gespeicherten API-Schlüssel nicht mehr (er wurde gelöscht oder das Passwort geändert). Verbinden Sie Odoo erneut mit einem neuen API-Schlüssel.".into(),
            (OdooMsg::AccessError { model, method, detail }, En) => format!(
                "Your Odoo user may not do this ({model}, {method}): {detail} Ask your Odoo administrator for the access right."
            ),
            (OdooMsg::AccessError { model, method, detail }, De) => format!(
                "Ihr Odoo-Benutzer darf das nicht ({model}, {method}): {detail} Bitten Sie Ihren Odoo-Administrator um die Berechtigung."
            ),
            (OdooMsg::MissingRecord { model }, En) => format!(
                "The Odoo record ({model}) no longer exists; it was deleted in the meantime."
            ),
            (OdooMsg::MissingRecord { model }, De) => format!(
                "Der Odoo-Datensatz ({model}) existiert nicht mehr; er wurde inzwischen gelöscht."
            ),
            (OdooMsg::Validation { detail }, En) => format!("Odoo refused the values: {detail}"),
            (OdooMsg::Validation { detail }, De) => format!("Odoo hat die Werte abgelehnt: {detail}"),
            (OdooMsg::UserError { detail }, En) => format!("Odoo refused the operation: {detail}"),
            (OdooMsg::UserError { detail }, De) => format!("Odoo hat den Vorgang abgelehnt: {detail}"),
            (OdooMsg::UnknownModel { model }, En) => format!(
                "The Odoo app that provides \"{model}\" is not installed on this database. Ask your administrator to install it."
            ),
            (OdooMsg::UnknownModel { model }, De) => format!(
                "Die Odoo-App, die „{model}“ bereitstellt, ist in dieser Datenbank nicht installiert. Bitten Sie Ihren Administrator, sie zu installieren."
            ),
            (OdooMsg::UnknownField { detail }, En) => format!(
                "This Odoo does not have a field Office Connector needs ({detail}). Check that the Odoo version is supported."
            ),
            (OdooMsg::UnknownField { detail }, De) => format!(
                "Diesem Odoo fehlt ein Feld, das Office Connector braucht ({detail}). Prüfen Sie, ob die Odoo-Version unterstützt wird."
            ),
            (OdooMsg::SessionExpired, En) => "The Odoo session expired. Try again; Office Connector signs in anew.".into(),
            (OdooMsg::SessionExpired, De) => "Die Odoo-Sitzung ist abgelaufen. Versuchen Sie es erneut; Office Connector meldet sich neu an.".into(),
            (OdooMsg::ServerError { detail }, En) => format!("Odoo reported an error: {detail}"),
            (OdooMsg::ServerError { detail }, De) => format!("Odoo hat einen Fehler gemeldet: {detail}"),
            (OdooMsg::TooLarge, En) => "The Odoo server refused the request as too large.".into(),
            (OdooMsg::TooLarge, De) => "Der Odoo-Server hat die Anfrage als zu groß abgelehnt.".into(),
            (OdooMsg::Busy, En) => "The Odoo database was busy. Try again in a moment.".into(),
            (OdooMsg::Busy, De) => "Die Odoo-Datenbank war ausgelastet. Versuchen Sie es gleich noch einmal.".into(),
            (OdooMsg::PreferApiKey, En) => "You signed in with your password. An API key is recommended instead: it works only for programs like this one (not for signing in to Odoo in the browser), it keeps working when you change your password, and you can revoke it alone. Create one in Odoo under your profile → Account Security → New API Key.".into(),
            (OdooMsg::PreferApiKey, De) => "Sie haben sich mit Ihrem Passwort angemeldet. Empfohlen ist stattdessen ein API-Schlüssel: Er gilt nur für Programme wie dieses (nicht für die Anmeldung im Browser), bleibt gültig, wenn Sie Ihr Passwort ändern, und lässt sich einzeln widerrufen. Erstellen Sie ihn in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel.".into(),
            (OdooMsg::Connected { name, login, db, url, version }, En) => format!(
                "Connected to Odoo {version} at {url} (database \"{db}\") as {name} ({login})."
            ),
            (OdooMsg::Connected { name, login, db, url, version }, De) => format!(
                "Mit Odoo {version} unter {url} (Datenbank „{db}“) verbunden als {name} ({login})."
            ),
            (OdooMsg::Disconnected, En) => "Odoo is disconnected; the API key was removed from the keyring. You can also delete the key in Odoo under your profile → Account Security.".into(),
            (OdooMsg::Disconnected, De) => "Odoo ist getrennt; der API-Schlüssel wurde aus dem Schlüsselbund entfernt. Sie können den Schlüssel auch in Odoo unter Ihrem Profil → Kontosicherheit löschen.".into(),
            (OdooMsg::WasNotConnected, En) => "Odoo was not connected.".into(),
            (OdooMsg::WasNotConnected, De) => "Odoo war nicht verbunden.".into(),
            (OdooMsg::TestOk, En) => "connection ok".into(),
            (OdooMsg::TestOk, De) => "Verbindung in Ordnung".into(),
            (OdooMsg::LabelVersion, En) => "version".into(),
            (OdooMsg::LabelVersion, De) => "Version".into(),
            (OdooMsg::LabelDatabase, En) => "database".into(),
            (OdooMsg::LabelDatabase, De) => "Datenbank".into(),
            (OdooMsg::LabelUser, En) => "user".into(),
            (OdooMsg::LabelUser, De) => "Benutzer".into(),
            (OdooMsg::LabelServer, En) => "server".into(),
            (OdooMsg::LabelServer, De) => "Server".into(),
            (OdooMsg::AppInstalled { app, installed }, En) => {
                format!("{app}: {}", if *installed { "installed" } else { "not installed" })
            }
            (OdooMsg::AppInstalled { app, installed }, De) => {
                format!("{app}: {}", if *installed { "installiert" } else { "nicht installiert" })
            }
            (OdooMsg::NoAnswer(reason), lang) => reason.render(lang),
            (OdooMsg::LastKnown { no_answer, at, version, apps }, En) => {
                let apps = apps_text(apps, En);
                match no_answer.map(|n| n.render(En)) {
                    Some(reason) => format!(
                        "Odoo did not answer ({reason}); last known on {at}: version {version}, {apps}"
                    ),
                    None => format!("Last known on {at}: version {version}, {apps}"),
                }
            }
            (OdooMsg::LastKnown { no_answer, at, version, apps }, De) => {
                let apps = apps_text(apps, De);
                match no_answer.map(|n| n.render(De)) {
                    Some(reason) => format!(
                        "Odoo hat nicht geantwortet ({reason}); zuletzt bekannt am {at}: Version {version}, {apps}"
                    ),
                    None => format!("Zuletzt bekannt am {at}: Version {version}, {apps}"),
                }
            }
            (OdooMsg::NoKeyGiven, En) => "Enter your Odoo API key (on the command line: on the first line of standard input). Create one in Odoo under your profile → Account Security → New API Key.".into(),
            (OdooMsg::NoKeyGiven, De) => "Geben Sie Ihren Odoo-API-Schlüssel ein (auf der Kommandozeile: in der ersten Zeile der Standardeingabe). Erstellen Sie ihn in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel.".into(),
            (OdooMsg::KeyMissing, En) => "The Odoo API key is missing from the keyring. Connect Odoo again.".into(),
            (OdooMsg::KeyMissing, De) => "Der Odoo-API-Schlüssel fehlt im Schlüsselbund. Verbinden Sie Odoo erneut.".into(),
        }
    }
}
