//! The Microsoft half of the text catalog (German and English), reached through
//! `Msg::Microsoft`. Kept beside the client so each AADSTS
//! mapping and its advice live together; the compiler still finds a missing translation.

use serde::Serialize;

use crate::language::Language;

/// What the user must fix after the identity platform refused (GRAPH_FACTS §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInProblem {
    /// The tenant (directory) id or domain is wrong (AADSTS90002, 50194).
    WrongTenant,
    /// The account is not in that directory (AADSTS50020, 50034).
    WrongAccount,
    /// The application (client) id is unknown in the tenant (AADSTS700016).
    WrongClientId,
    /// Nobody consented to the permissions yet: the person or an administrator (AADSTS65001).
    ConsentMissing,
    /// Consent was declined or only an administrator may give it (AADSTS65004).
    AdminConsentRequired,
    /// The tenant requires an administrator to approve the app (AADSTS90094).
    AdminApprovalRequired,
    /// The redirect URI is not registered (AADSTS50011).
    RedirectMismatch,
    /// The client secret expired or is wrong (AADSTS7000222, 7000215).
    SecretExpiredOrWrong,
    /// A Web registration needs its client secret (AADSTS7000218).
    SecretMissing,
    /// A desktop (public client) registration must not get a secret (AADSTS700025).
    SecretNotAllowed,
    /// Multi-factor authentication or a conditional-access policy requires a new sign-in.
    MfaOrConditionalAccess,
    /// The sign-in was unused for 90 days (AADSTS700082).
    SignInExpired,
    /// The sign-in was revoked: password changed or access withdrawn (AADSTS50173).
    SignInRevoked,
    /// The one-time sign-in code expired or was already used.
    CodeInvalid,
    /// The device code expired before anyone entered it.
    DeviceCodeExpired,
    /// The person declined the sign-in or the permissions.
    Declined,
    /// Microsoft's sign-in service is unavailable right now.
    ServiceUnavailable,
    /// Anything else; the AADSTS number is shown.
    Other,
}

impl SignInProblem {
    /// Every problem (the catalogue's tests render each).
    pub const ALL: [SignInProblem; 18] = [
        SignInProblem::WrongTenant,
        SignInProblem::WrongAccount,
        SignInProblem::WrongClientId,
        SignInProblem::ConsentMissing,
        SignInProblem::AdminConsentRequired,
        SignInProblem::AdminApprovalRequired,
        SignInProblem::RedirectMismatch,
        SignInProblem::SecretExpiredOrWrong,
        SignInProblem::SecretMissing,
        SignInProblem::SecretNotAllowed,
        SignInProblem::MfaOrConditionalAccess,
        SignInProblem::SignInExpired,
        SignInProblem::SignInRevoked,
        SignInProblem::CodeInvalid,
        SignInProblem::DeviceCodeExpired,
        SignInProblem::Declined,
        SignInProblem::ServiceUnavailable,
        SignInProblem::Other,
    ];
}

/// Every Microsoft-related text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MicrosoftMsg {
    /// Microsoft refused the sign-in; says what to fix.
    SignInFailed {
        /// The problem.
        problem: SignInProblem,
        /// Microsoft's AADSTS number, when known.
        aadsts: Option<u32>,
    },
    /// The directory (tenant) given is no directory id, domain or known name.
    BadTenant {
        /// What was given.
        tenant: String,
    },
    /// The local sign-in listener failed.
    ListenerFailed {
        /// The OS error.
        detail: String,
    },
    /// The browser could not be opened.
    BrowserFailed {
        /// The command tried.
        command: String,
        /// The OS error.
        detail: String,
    },
    /// Nobody finished the sign-in in time.
    SignInTimedOut,
    /// Microsoft could not be reached.
    Unreachable {
        /// What failed (no tokens).
        detail: String,
    },
    /// Microsoft answered something unexpected.
    BadAnswer {
        /// What was wrong.
        detail: String,
    },
    /// A configured address is not a usable URL.
    BadUrl {
        /// The address.
        url: String,
    },
    /// Graph refused access (missing permission).
    AccessDenied {
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// A folder or item is gone.
    NotFound {
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Microsoft throttled us even after waiting.
    Throttled {
        /// The last `Retry-After`.
        seconds: Option<u64>,
    },
    /// Graph is unavailable (5xx, timeouts).
    GraphUnavailable {
        /// HTTP status (0 = no answer).
        status: u16,
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Graph refused a request for another reason.
    GraphRefused {
        /// Graph's error code.
        code: String,
        /// HTTP status.
        status: u16,
        /// Graph's request id.
        request_id: Option<String>,
    },
    /// Graph named a link on another server; it was not followed.
    ForeignLink {
        /// That server (`scheme://host:port`).
        origin: String,
    },
    /// Graph's paging did not end.
    EndlessPaging,
    /// No Microsoft account is connected.
    NotConnected,
    /// The page the browser shows after a successful sign-in.
    BrowserPageSuccess,
    /// The page the browser shows after a failed sign-in.
    BrowserPageFailure,
    /// The device-code instruction.
    DeviceCodePrompt {
        /// Where to go.
        url: String,
        /// What to type.
        code: String,
    },
    /// The instruction printed before the authorize URL is opened.
    OpenThisUrl,
    /// Signed in as somebody.
    SignedInAs {
        /// The UPN.
        upn: String,
    },
    /// Disconnected; consent can be revoked in the portal.
    Disconnected,
    /// The connection test read the mailbox.
    MailboxReachable,
}

fn with_ref(text: String, request_id: &Option<String>, lang: Language) -> String {
    match (request_id, lang) {
        (Some(id), Language::En) => format!("{text} (Microsoft request id {id})"),
        (Some(id), Language::De) => format!("{text} (Microsoft-Anfrage-ID {id})"),
        (None, _) => text,
    }
}

impl SignInProblem {
    fn render(self, lang: Language) -> &'static str {
        use Language::{De, En};
        use SignInProblem as P;
        match (self, lang) {
            (P::WrongTenant, En) => {
                "Microsoft does not know this directory (tenant). Check the directory (tenant) ID in the Azure portal under \"App registrations\" → your app → \"Overview\", or use \"organizations\"."
            }
            (P::WrongTenant, De) => {
                "Microsoft kennt dieses Verzeichnis (Mandant) nicht. Prüfen Sie die Verzeichnis-ID (Mandanten-ID) im Azure-Portal unter „App-Registrierungen“ → Ihre App → „Übersicht“, oder verwenden Sie „organizations“."
            }
            (P::WrongAccount, En) => {
                "This account does not belong to the chosen directory. Sign in with your work account, or check the directory (tenant) ID."
            }
            (P::WrongAccount, De) => {
                "Dieses Konto gehört nicht zum gewählten Verzeichnis. Melden Sie sich mit Ihrem Geschäftskonto an oder prüfen Sie die Verzeichnis-ID (Mandanten-ID)."
            }
            (P::WrongClientId, En) => {
                "Microsoft does not know this application (client) ID in your directory. Copy the \"Application (client) ID\" from the app's overview page in the Azure portal, and check that the directory (tenant) ID is the one the app is registered in."
            }
            (P::WrongClientId, De) => {
                "Microsoft kennt diese Anwendungs-ID (Client-ID) in Ihrem Verzeichnis nicht. Kopieren Sie die „Anwendungs-ID (Client)“ von der Übersichtsseite der App im Azure-Portal und prüfen Sie, ob die Verzeichnis-ID (Mandanten-ID) die ist, in der die App registriert ist."
            }
            (P::ConsentMissing, En) => {
                "The permissions of the app have not been granted yet. Sign in again and accept the permissions, or ask your administrator to grant consent for the organisation (Azure portal → \"API permissions\" → \"Grant admin consent\")."
            }
            (P::ConsentMissing, De) => {
                "Die Berechtigungen der App wurden noch nicht erteilt. Melden Sie sich erneut an und stimmen Sie den Berechtigungen zu, oder bitten Sie Ihren Administrator, die Zustimmung für die Organisation zu erteilen (Azure-Portal → „API-Berechtigungen“ → „Administratorzustimmung erteilen“)."
            }
            (P::AdminConsentRequired, En) => {
                "The permissions of the app were not granted: consent was declined, or your organisation lets only an administrator give it. Ask your administrator to grant admin consent for the organisation in the Azure portal (\"API permissions\" → \"Grant admin consent\"), then sign in again."
            }
            (P::AdminConsentRequired, De) => {
                "Die Berechtigungen der App wurden nicht erteilt: die Zustimmung wurde abgelehnt, oder in Ihrer Organisation darf nur ein Administrator zustimmen. Bitten Sie Ihren Administrator, im Azure-Portal die Administratorzustimmung für die Organisation zu erteilen („API-Berechtigungen“ → „Administratorzustimmung erteilen“), und melden Sie sich dann erneut an."
            }
            (P::AdminApprovalRequired, En) => {
                "Your organisation requires an administrator to approve this app. Ask your administrator to grant admin consent in the Azure portal (\"API permissions\" → \"Grant admin consent\"), then sign in again."
            }
            (P::AdminApprovalRequired, De) => {
                "Ihre Organisation verlangt, dass ein Administrator diese App genehmigt. Bitten Sie Ihren Administrator, im Azure-Portal die Administratorzustimmung zu erteilen („API-Berechtigungen“ → „Administratorzustimmung erteilen“), und melden Sie sich dann erneut an."
            }
            (P::RedirectMismatch, En) => {
                "The redirect URI is not registered for this app. In the Azure portal, open the app → \"Authentication\" and add the platform \"Mobile and desktop applications\" with the redirect URI http://localhost (or, for an app registered as Web, add http://localhost/office365/authorization as a Web redirect URI)."
            }
            (P::RedirectMismatch, De) => {
                "Die Umleitungs-URI ist für diese App nicht registriert. Öffnen Sie im Azure-Portal die App → „Authentifizierung“ und fügen Sie die Plattform „Mobile und Desktopanwendungen“ mit der Umleitungs-URI http://localhost hinzu (oder, bei einer als Web registrierten App, http://localhost/office365/authorization als Web-Umleitungs-URI)."
            }
            (P::SecretExpiredOrWrong, En) => {
                "The client secret is wrong or has expired. Create a new client secret in the Azure portal (\"Certificates & secrets\"), copy its value (not its ID) and connect again with it."
            }
            (P::SecretExpiredOrWrong, De) => {
                "Der geheime Clientschlüssel ist falsch oder abgelaufen. Erstellen Sie im Azure-Portal („Zertifikate & Geheimnisse“) einen neuen geheimen Schlüssel, kopieren Sie seinen Wert (nicht seine ID) und verbinden Sie sich erneut damit."
            }
            (P::SecretMissing, En) => {
                "This app is registered as a Web application, which needs its client secret. Either enter the client secret, or (recommended) add the platform \"Mobile and desktop applications\" with the redirect URI http://localhost and enable \"Allow public client flows\"; then no secret is needed."
            }
            (P::SecretMissing, De) => {
                "Diese App ist als Webanwendung registriert und braucht ihren geheimen Clientschlüssel. Geben Sie entweder den geheimen Schlüssel ein oder fügen Sie (empfohlen) die Plattform „Mobile und Desktopanwendungen“ mit der Umleitungs-URI http://localhost hinzu und aktivieren Sie „Öffentliche Clientflows zulassen“; dann ist kein Schlüssel nötig."
            }
            (P::SecretNotAllowed, En) => {
                "This app is registered as a desktop (public) application, which must not be given a client secret. Connect again without the client secret."
            }
            (P::SecretNotAllowed, De) => {
                "Diese App ist als Desktop-Anwendung (öffentlicher Client) registriert und darf keinen geheimen Clientschlüssel erhalten. Verbinden Sie sich erneut ohne geheimen Schlüssel."
            }
            (P::MfaOrConditionalAccess, En) => {
                "Your organisation requires you to confirm your sign-in (multi-factor authentication or an access policy). Sign in again in the browser; if it is still refused, ask your administrator whether a policy blocks this app or this device."
            }
            (P::MfaOrConditionalAccess, De) => {
                "Ihre Organisation verlangt eine Bestätigung Ihrer Anmeldung (Mehrstufige Authentifizierung oder eine Zugriffsrichtlinie). Melden Sie sich im Browser erneut an; wird es weiter abgelehnt, fragen Sie Ihren Administrator, ob eine Richtlinie diese App oder dieses Gerät sperrt."
            }
            (P::SignInExpired, En) => {
                "Your Microsoft sign-in expired because it was not used for 90 days. Sign in again; synchronisation is paused until then."
            }
            (P::SignInExpired, De) => {
                "Ihre Microsoft-Anmeldung ist abgelaufen, weil sie 90 Tage nicht genutzt wurde. Melden Sie sich erneut an; die Synchronisierung ist bis dahin angehalten."
            }
            (P::SignInRevoked, En) => {
                "Your Microsoft sign-in is no longer valid (password changed or access withdrawn). Sign in again; synchronisation is paused until then."
            }
            (P::SignInRevoked, De) => {
                "Ihre Microsoft-Anmeldung ist nicht mehr gültig (Passwort geändert oder Zugriff entzogen). Melden Sie sich erneut an; die Synchronisierung ist bis dahin angehalten."
            }
            (P::CodeInvalid, En) => {
                "The one-time sign-in code expired or was already used. Start the sign-in again."
            }
            (P::CodeInvalid, De) => {
                "Der einmalige Anmeldecode ist abgelaufen oder wurde schon verwendet. Starten Sie die Anmeldung erneut."
            }
            (P::DeviceCodeExpired, En) => {
                "The code was not entered in time. Start the sign-in again and enter the new code within 15 minutes."
            }
            (P::DeviceCodeExpired, De) => {
                "Der Code wurde nicht rechtzeitig eingegeben. Starten Sie die Anmeldung erneut und geben Sie den neuen Code innerhalb von 15 Minuten ein."
            }
            (P::Declined, En) => {
                "The sign-in was cancelled or the permissions were declined. Sign in again and accept the permissions to connect the mailbox."
            }
            (P::Declined, De) => {
                "Die Anmeldung wurde abgebrochen oder die Berechtigungen wurden abgelehnt. Melden Sie sich erneut an und stimmen Sie den Berechtigungen zu, um das Postfach zu verbinden."
            }
            (P::ServiceUnavailable, En) => {
                "Microsoft's sign-in service is unavailable right now. Try again in a few minutes."
            }
            (P::ServiceUnavailable, De) => {
                "Der Anmeldedienst von Microsoft ist gerade nicht erreichbar. Versuchen Sie es in einigen Minuten erneut."
            }
            (P::Other, En) => {
                "Microsoft refused the sign-in. Check the application (client) ID and directory (tenant) ID and try again."
            }
            (P::Other, De) => {
                "Microsoft hat die Anmeldung abgelehnt. Prüfen Sie Anwendungs-ID (Client-ID) und Verzeichnis-ID (Mandanten-ID) und versuchen Sie es erneut."
            }
        }
    }
}

impl MicrosoftMsg {
    /// The text in `lang`.
    pub fn render(&self, lang: Language) -> String {
        use Language::{De, En};
        use MicrosoftMsg as M;
        match (self, lang) {
            (M::SignInFailed { problem, aadsts }, lang) => match aadsts {
                Some(code) => format!("{} (AADSTS{code})", problem.render(lang)),
                None => problem.render(lang).to_owned(),
            },
            (M::BadTenant { tenant }, En) => format!(
                "\"{tenant}\" is not a directory (tenant) ID. Enter the directory (tenant) ID from the app's overview page in the Azure portal (like 4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d), your organisation's domain (like contoso.onmicrosoft.com), or \"organizations\", \"common\" or \"consumers\"."
            ),
            (M::BadTenant { tenant }, De) => format!(
                "„{tenant}“ ist keine Verzeichnis-ID (Mandanten-ID). Geben Sie die Verzeichnis-ID von der Übersichtsseite der App im Azure-Portal ein (wie 4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d), die Domain Ihrer Organisation (wie contoso.onmicrosoft.com) oder „organizations“, „common“ oder „consumers“."
            ),
            (M::ListenerFailed { detail }, En) => format!(
                "Office Connector could not wait for the browser's answer on this computer ({detail}). Try again, or use the device code sign-in."
            ),
            (M::ListenerFailed { detail }, De) => format!(
                "Office Connector konnte auf diesem Computer nicht auf die Antwort des Browsers warten ({detail}). Versuchen Sie es erneut oder verwenden Sie die Anmeldung mit Gerätecode."
            ),
            (M::BrowserFailed { command, detail }, En) => format!(
                "The browser could not be opened with \"{command}\" ({detail}). Use --no-browser and open the printed address yourself, or use --device-code."
            ),
            (M::BrowserFailed { command, detail }, De) => format!(
                "Der Browser konnte mit „{command}“ nicht geöffnet werden ({detail}). Verwenden Sie --no-browser und öffnen Sie die ausgegebene Adresse selbst, oder verwenden Sie --device-code."
            ),
            (M::SignInTimedOut, En) => {
                "The sign-in was not finished in time. Start it again.".into()
            }
            (M::SignInTimedOut, De) => {
                "Die Anmeldung wurde nicht rechtzeitig abgeschlossen. Starten Sie sie erneut.".into()
            }
            (M::Unreachable { detail }, En) => format!(
                "Microsoft cannot be reached ({detail}). Check the internet connection and try again later."
            ),
            (M::Unreachable { detail }, De) => format!(
                "Microsoft ist nicht erreichbar ({detail}). Prüfen Sie die Internetverbindung und versuchen Sie es später erneut."
            ),
            (M::BadAnswer { detail }, En) => format!(
                "Microsoft answered in an unexpected way ({detail}). Try again later; if it persists, send the log to support."
            ),
            (M::BadAnswer { detail }, De) => format!(
                "Microsoft hat unerwartet geantwortet ({detail}). Versuchen Sie es später erneut; wenn es bleibt, senden Sie das Protokoll an den Support."
            ),
            (M::BadUrl { url }, En) => {
                format!("\"{url}\" is not a usable address. Enter a full https:// address.")
            }
            (M::BadUrl { url }, De) => format!(
                "„{url}“ ist keine verwendbare Adresse. Geben Sie eine vollständige https://-Adresse ein."
            ),
            (M::AccessDenied { request_id }, En) => with_ref(
                "Microsoft 365 denied access to the mailbox. Sign in again and accept all requested permissions.".into(),
                request_id,
                En,
            ),
            (M::AccessDenied { request_id }, De) => with_ref(
                "Microsoft 365 hat den Zugriff auf das Postfach verweigert. Melden Sie sich erneut an und stimmen Sie allen angefragten Berechtigungen zu.".into(),
                request_id,
                De,
            ),
            (M::NotFound { request_id }, En) => with_ref(
                "The folder or item no longer exists in the mailbox. Choose it again.".into(),
                request_id,
                En,
            ),
            (M::NotFound { request_id }, De) => with_ref(
                "Der Ordner oder das Element existiert im Postfach nicht mehr. Wählen Sie ihn erneut aus.".into(),
                request_id,
                De,
            ),
            (M::Throttled { seconds }, En) => match seconds {
                Some(s) => format!(
                    "Microsoft 365 asks us to slow down (wait {s} s). The next run continues automatically."
                ),
                None => "Microsoft 365 asks us to slow down. The next run continues automatically."
                    .into(),
            },
            (M::Throttled { seconds }, De) => match seconds {
                Some(s) => format!(
                    "Microsoft 365 bittet um weniger Anfragen (Wartezeit {s} s). Der nächste Lauf setzt automatisch fort."
                ),
                None => "Microsoft 365 bittet um weniger Anfragen. Der nächste Lauf setzt automatisch fort."
                    .into(),
            },
            (M::GraphUnavailable { status, request_id }, En) => with_ref(
                format!(
                    "Microsoft 365 is not available right now (HTTP {status}). Try again in a few minutes; timed runs try again by themselves."
                ),
                request_id,
                En,
            ),
            (M::GraphUnavailable { status, request_id }, De) => with_ref(
                format!(
                    "Microsoft 365 ist gerade nicht verfügbar (HTTP {status}). Versuchen Sie es in einigen Minuten erneut; zeitgesteuerte Läufe versuchen es von selbst wieder."
                ),
                request_id,
                De,
            ),
            (
                M::GraphRefused {
                    code,
                    status,
                    request_id,
                },
                En,
            ) => with_ref(
                format!(
                    "Microsoft 365 refused the request ({code}, HTTP {status}). If it persists, send the log to support."
                ),
                request_id,
                En,
            ),
            (
                M::GraphRefused {
                    code,
                    status,
                    request_id,
                },
                De,
            ) => with_ref(
                format!(
                    "Microsoft 365 hat die Anfrage abgelehnt ({code}, HTTP {status}). Wenn es bleibt, senden Sie das Protokoll an den Support."
                ),
                request_id,
                De,
            ),
            (M::ForeignLink { origin }, En) => format!(
                "Microsoft 365 answered with a link to another server ({origin}); it was not followed, and your sign-in was not sent there. If this happens again, send the log to support."
            ),
            (M::ForeignLink { origin }, De) => format!(
                "Microsoft 365 hat mit einem Link auf einen anderen Server geantwortet ({origin}); ihm wurde nicht gefolgt, und Ihre Anmeldung wurde nicht dorthin gesendet. Wenn das erneut vorkommt, senden Sie das Protokoll an den Support."
            ),
            (M::EndlessPaging, En) => {
                "Microsoft 365 kept sending further pages without end (a page came again, or there were far too many); reading was stopped. The next run tries again; if it persists, send the log to support.".into()
            }
            (M::EndlessPaging, De) => {
                "Microsoft 365 hat ohne Ende weitere Seiten geschickt (eine Seite kam erneut, oder es waren viel zu viele); das Lesen wurde abgebrochen. Der nächste Lauf versucht es erneut; wenn es bleibt, senden Sie das Protokoll an den Support.".into()
            }
            (M::NotConnected, En) => {
                "No Microsoft 365 mailbox is connected. Connect one with `office-connector connect microsoft`.".into()
            }
            (M::NotConnected, De) => {
                "Es ist kein Microsoft-365-Postfach verbunden. Verbinden Sie eines mit `office-connector connect microsoft`.".into()
            }
            (M::BrowserPageSuccess, En) => {
                "Signed in. You can close this window and return to Office Connector.".into()
            }
            (M::BrowserPageSuccess, De) => {
                "Angemeldet. Sie können dieses Fenster schließen und zu Office Connector zurückkehren.".into()
            }
            (M::BrowserPageFailure, En) => {
                "The sign-in did not succeed. Return to Office Connector to see why.".into()
            }
            (M::BrowserPageFailure, De) => {
                "Die Anmeldung ist nicht gelungen. Kehren Sie zu Office Connector zurück, um den Grund zu sehen.".into()
            }
            (M::DeviceCodePrompt { url, code }, En) => {
                format!("To sign in, open {url} in a browser and enter the code {code}.")
            }
            (M::DeviceCodePrompt { url, code }, De) => format!(
                "Öffnen Sie zur Anmeldung {url} in einem Browser und geben Sie den Code {code} ein."
            ),
            (M::OpenThisUrl, En) => {
                "Open the address above in a browser to sign in; waiting for the answer …".into()
            }
            (M::OpenThisUrl, De) => {
                "Öffnen Sie die Adresse oben in einem Browser, um sich anzumelden; warte auf die Antwort …".into()
            }
            (M::MailboxReachable, En) => "The mailbox can be read.".into(),
            (M::MailboxReachable, De) => "Das Postfach ist lesbar.".into(),
            (M::SignedInAs { upn }, En) => format!("Signed in to Microsoft 365 as {upn}."),
            (M::SignedInAs { upn }, De) => format!("Bei Microsoft 365 angemeldet als {upn}."),
            (M::Disconnected, En) => {
                "Microsoft 365 disconnected: the sign-in was removed from this computer. To also withdraw the app's access, remove it under \"Apps and services\" at https://myaccount.microsoft.com (work account) or https://account.live.com/consent/Manage.".into()
            }
            (M::Disconnected, De) => {
                "Microsoft 365 getrennt: die Anmeldung wurde von diesem Computer entfernt. Um auch den Zugriff der App zu widerrufen, entfernen Sie sie unter „Apps und Dienste“ auf https://myaccount.microsoft.com (Geschäftskonto) oder https://account.live.com/consent/Manage.".into()
            }
        }
    }
}
