// The UI's message catalog. English defines the keys; German must have every one of them
// (the type enforces it, a unit test checks it again at run time along with empty strings).
// Placeholders are written `{name}` and filled by `t()`.

import type { Language } from "../bindings";

const en = {
  "app.title": "Office Connector",
  "app.subtitle": "Microsoft 365 ↔ Odoo",
  "nav.label": "Pages",
  "nav.status": "Status",
  "nav.mail": "Mail",
  "nav.calendar": "Calendar",
  "nav.contacts": "Contacts",
  "nav.logs": "Logs",
  "nav.settings": "Settings",

  "language.label": "Language",
  "language.de": "Deutsch",
  "language.en": "English",
  "language.system": "System language ({language})",
  "language.hint": "With the system language, the app follows your computer's language setting.",

  "common.loading": "Loading…",
  "common.refresh": "Refresh",
  "common.none": "—",
  "error.title": "Something went wrong",
  "error.unexpected": "The app could not reach its background service.",
  "error.code": "Error code: {code}",
  "error.retry": "Try again",

  "job.mail": "Mail",
  "job.calendar": "Calendar",
  "job.contacts": "Contacts",
  "jobState.not_set_up": "Not set up",
  "jobState.on": "On",
  "jobState.paused": "Paused",

  "outcome.success": "Success",
  "outcome.needs_attention": "Needs attention",
  "outcome.incomplete": "Incomplete",
  "outcome.failed": "Failed",
  "outcome.running": "Running",

  "itemOutcome.filed": "Filed",
  "itemOutcome.linked": "Linked",
  "itemOutcome.created": "Created",
  "itemOutcome.updated": "Updated",
  "itemOutcome.deleted": "Deleted",
  "itemOutcome.waiting": "Waiting for a decision",
  "itemOutcome.unassigned": "Unassigned",
  "itemOutcome.skipped": "Skipped",
  "itemOutcome.failed": "Failed",

  "trigger.manual": "By hand",
  "trigger.timer": "Timer",
  "trigger.cli": "Command line",

  "account.microsoft": "Microsoft 365",
  "account.odoo": "Odoo",
  "accountState.connected": "Connected",
  "accountState.needs_sign_in": "Sign in again",
  "accountState.not_connected": "Not connected",
  "account.noIdentity": "No account connected yet",

  "status.heading": "Status",
  "status.intro": "What the connector does for you, and when it runs next.",
  "status.jobs": "Sync jobs",
  "status.accounts": "Accounts",
  "status.noJobs": "No sync job exists yet.",
  "status.state": "State",
  "status.interval": "Interval",
  "status.intervalMinutes": "Every {minutes} min",
  "status.lastRun": "Last run",
  "status.nextRun": "Next run",
  "status.never": "Never",
  "status.notScheduled": "Not scheduled",
  "status.setup.mail":
    "To set up: connect Odoo and Microsoft 365, then choose an incoming and an outgoing transfer folder on the Mail page.",
  "status.setup.calendar":
    "To set up: connect Odoo and Microsoft 365, then choose from which date on your Outlook events go to Odoo on the Calendar page.",
  "status.setup.contacts":
    "To set up: connect Odoo and Microsoft 365, then choose which Odoo contacts go into your Outlook address book on the Contacts page.",

  "mail.heading": "Mail",
  "mail.intro":
    "Mails you put into your transfer folders in Outlook are filed once in the chatter of the matching Odoo contact.",
  "mail.later":
    "This page will hold your incoming and outgoing transfer folders, the mail options, the decisions waiting for you when an address belongs to several contacts, unknown addresses, and the latest mail runs.",

  "calendar.heading": "Calendar",
  "calendar.intro":
    "Your Outlook events from a start date on become Odoo events and follow later changes. Nobody gets an invitation mail from Odoo because of it.",
  "calendar.later":
    "This page will hold the start date, the calendar options and the latest calendar runs.",

  "contacts.heading": "Contacts",
  "contacts.intro":
    "Odoo contacts you follow go into your Outlook address book and stay up to date. Contacts you created in Outlook are never touched.",
  "contacts.later":
    "This page will hold the choice of contacts, options such as salutations, photos and a link back to Odoo, and the latest contact runs.",

  "logs.heading": "Logs",
  "logs.intro": "Every run and what it did with each item, newest first.",
  "logs.filters": "Filter runs",
  "logs.filter.job": "Job",
  "logs.filter.outcome": "Outcome",
  "logs.filter.text": "Search summaries",
  "logs.filter.all": "All",
  "logs.count": "{shown} of {total} runs",
  "logs.empty": "No run has happened yet.",
  "logs.noMatch": "No run matches these filters.",
  "logs.col.started": "Started",
  "logs.col.job": "Job",
  "logs.col.outcome": "Outcome",
  "logs.col.summary": "Summary",
  "logs.details.heading": "Run {id}",
  "logs.details.pick": "Choose a run to see what it did.",
  "logs.details.trigger": "Started by",
  "logs.details.started": "Started",
  "logs.details.finished": "Finished",
  "logs.details.stillRunning": "Still running",
  "logs.details.counts": "Counts",
  "logs.details.events": "Items",
  "logs.details.noEvents": "This run touched no items.",
  "logs.details.close": "Close details",

  "settings.heading": "Settings",
  "settings.intro": "Your personal options for this computer.",
  "settings.later":
    "This page will also hold the connections to Odoo and Microsoft 365 with a connection test, and the sync interval of each job, within the limits your administrator set.",
} satisfies Record<string, string>;

/** Every message key the UI uses. */
export type MessageKey = keyof typeof en;

const de: Record<MessageKey, string> = {
  "app.title": "Office Connector",
  "app.subtitle": "Microsoft 365 ↔ Odoo",
  "nav.label": "Seiten",
  "nav.status": "Status",
  "nav.mail": "E-Mail",
  "nav.calendar": "Kalender",
  "nav.contacts": "Kontakte",
  "nav.logs": "Protokoll",
  "nav.settings": "Einstellungen",

  "language.label": "Sprache",
  "language.de": "Deutsch",
  "language.en": "English",
  "language.system": "Systemsprache ({language})",
  "language.hint": "Mit der Systemsprache folgt die App der Spracheinstellung Ihres Computers.",

  "common.loading": "Wird geladen …",
  "common.refresh": "Aktualisieren",
  "common.none": "—",
  "error.title": "Etwas ist schiefgegangen",
  "error.unexpected": "Die App konnte ihren Hintergrunddienst nicht erreichen.",
  "error.code": "Fehlercode: {code}",
  "error.retry": "Erneut versuchen",

  "job.mail": "E-Mail",
  "job.calendar": "Kalender",
  "job.contacts": "Kontakte",
  "jobState.not_set_up": "Nicht eingerichtet",
  "jobState.on": "Aktiv",
  "jobState.paused": "Pausiert",

  "outcome.success": "Erfolgreich",
  "outcome.needs_attention": "Wartet auf Sie",
  "outcome.incomplete": "Unvollständig",
  "outcome.failed": "Fehlgeschlagen",
  "outcome.running": "Läuft",

  "itemOutcome.filed": "Abgelegt",
  "itemOutcome.linked": "Verknüpft",
  "itemOutcome.created": "Angelegt",
  "itemOutcome.updated": "Aktualisiert",
  "itemOutcome.deleted": "Gelöscht",
  "itemOutcome.waiting": "Wartet auf Entscheidung",
  "itemOutcome.unassigned": "Nicht zugeordnet",
  "itemOutcome.skipped": "Übersprungen",
  "itemOutcome.failed": "Fehlgeschlagen",

  "trigger.manual": "Von Hand",
  "trigger.timer": "Zeitplan",
  "trigger.cli": "Kommandozeile",

  "account.microsoft": "Microsoft 365",
  "account.odoo": "Odoo",
  "accountState.connected": "Verbunden",
  "accountState.needs_sign_in": "Erneut anmelden",
  "accountState.not_connected": "Nicht verbunden",
  "account.noIdentity": "Noch kein Konto verbunden",

  "status.heading": "Status",
  "status.intro": "Was der Connector für Sie erledigt und wann er das nächste Mal läuft.",
  "status.jobs": "Synchronisierungen",
  "status.accounts": "Konten",
  "status.noJobs": "Es gibt noch keine Synchronisierung.",
  "status.state": "Zustand",
  "status.interval": "Intervall",
  "status.intervalMinutes": "Alle {minutes} Min.",
  "status.lastRun": "Letzter Lauf",
  "status.nextRun": "Nächster Lauf",
  "status.never": "Noch nie",
  "status.notScheduled": "Nicht geplant",
  "status.setup.mail":
    "Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite E-Mail einen Eingangs- und einen Ausgangs-Übertragungsordner wählen.",
  "status.setup.calendar":
    "Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite Kalender wählen, ab welchem Datum Ihre Outlook-Termine nach Odoo gehen.",
  "status.setup.contacts":
    "Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite Kontakte wählen, welche Odoo-Kontakte in Ihr Outlook-Adressbuch kommen.",

  "mail.heading": "E-Mail",
  "mail.intro":
    "E-Mails, die Sie in Outlook in Ihre Übertragungsordner legen, werden genau einmal im Chatter des passenden Odoo-Kontakts abgelegt.",
  "mail.later":
    "Hier finden Sie künftig Ihren Eingangs- und Ausgangs-Übertragungsordner, die E-Mail-Optionen, die Entscheidungen, die auf Sie warten, wenn eine Adresse zu mehreren Kontakten gehört, unbekannte Adressen und die letzten E-Mail-Läufe.",

  "calendar.heading": "Kalender",
  "calendar.intro":
    "Ihre Outlook-Termine ab einem Startdatum werden zu Odoo-Terminen und folgen späteren Änderungen. Niemand erhält deswegen eine Einladung aus Odoo.",
  "calendar.later":
    "Hier finden Sie künftig das Startdatum, die Kalender-Optionen und die letzten Kalender-Läufe.",

  "contacts.heading": "Kontakte",
  "contacts.intro":
    "Odoo-Kontakte, denen Sie folgen, kommen in Ihr Outlook-Adressbuch und bleiben aktuell. Kontakte, die Sie in Outlook angelegt haben, bleiben unberührt.",
  "contacts.later":
    "Hier finden Sie künftig die Auswahl der Kontakte, Optionen wie Anrede, Fotos und einen Link zurück nach Odoo sowie die letzten Kontakt-Läufe.",

  "logs.heading": "Protokoll",
  "logs.intro": "Jeder Lauf und was er mit jedem Eintrag gemacht hat, der neueste zuerst.",
  "logs.filters": "Läufe filtern",
  "logs.filter.job": "Bereich",
  "logs.filter.outcome": "Ergebnis",
  "logs.filter.text": "Zusammenfassungen durchsuchen",
  "logs.filter.all": "Alle",
  "logs.count": "{shown} von {total} Läufen",
  "logs.empty": "Bisher gab es noch keinen Lauf.",
  "logs.noMatch": "Kein Lauf passt zu diesen Filtern.",
  "logs.col.started": "Gestartet",
  "logs.col.job": "Bereich",
  "logs.col.outcome": "Ergebnis",
  "logs.col.summary": "Zusammenfassung",
  "logs.details.heading": "Lauf {id}",
  "logs.details.pick": "Wählen Sie einen Lauf, um zu sehen, was er getan hat.",
  "logs.details.trigger": "Gestartet durch",
  "logs.details.started": "Gestartet",
  "logs.details.finished": "Beendet",
  "logs.details.stillRunning": "Läuft noch",
  "logs.details.counts": "Zahlen",
  "logs.details.events": "Einträge",
  "logs.details.noEvents": "Dieser Lauf hat keine Einträge berührt.",
  "logs.details.close": "Details schließen",

  "settings.heading": "Einstellungen",
  "settings.intro": "Ihre persönlichen Optionen auf diesem Computer.",
  "settings.later":
    "Hier finden Sie künftig auch die Verbindungen zu Odoo und Microsoft 365 mit einem Verbindungstest sowie das Intervall jeder Synchronisierung, in den Grenzen, die Ihre Administration gesetzt hat.",
};

/** The catalogs by language. */
export const catalogs: Record<Language, Record<MessageKey, string>> = { en, de };

/** The languages the UI speaks, in the order the switch lists them. */
export const languages: readonly Language[] = ["de", "en"];
