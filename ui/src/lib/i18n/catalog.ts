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

  // Setup wizard, connection test and Settings page (issue 5).
  "nav.setup": "Setup",
  "setup.heading": "Set up connections",
  "setup.intro":
    "Three steps: your Odoo account, your Microsoft 365 mailbox, and the folders whose mails go to Odoo.",
  "setup.steps": "Setup steps",
  "setup.step.odoo": "Odoo",
  "setup.step.microsoft": "Microsoft 365",
  "setup.step.folders": "Transfer folders",
  "setup.stepOf": "Step {n} of {total}",
  "setup.stepDone": "done",
  "setup.next": "Next",
  "setup.back": "Back",
  "setup.finish": "Finish",
  "setup.done.heading": "You are set up",
  "setup.done.text":
    "Odoo and Microsoft 365 are connected and your transfer folders are chosen. The Status page shows when they are checked next.",
  "setup.done.status": "Go to Status",
  "setup.prompt.title": "Not set up yet",
  "setup.prompt.text":
    "Connect Odoo and Microsoft 365 and choose your transfer folders. It takes a few minutes.",
  "setup.prompt.action": "Start setup",
  "common.yes": "Yes",
  "common.no": "No",
  "common.installed": "Installed",
  "common.notInstalled": "Not installed",

  "setup.odoo.heading": "Connect your Odoo account",
  "setup.odoo.intro":
    "The connector signs in as your own Odoo user, so it works with Odoo Online, Odoo.sh and your own server alike. Nothing is installed on the server.",
  "setup.odoo.url": "Odoo address",
  "setup.odoo.url.hint":
    "The address you open Odoo with, e.g. mycompany.odoo.com. Pasting it from the browser, with /odoo or /web at the end, is fine.",
  "setup.odoo.url.missing": "Enter the address of your Odoo.",
  "setup.odoo.url.invalid": "This does not look like a web address. Enter it like mycompany.odoo.com.",
  "setup.odoo.db": "Database",
  "setup.odoo.db.detect": "Find databases",
  "setup.odoo.db.detecting": "Looking for databases…",
  "setup.odoo.db.hint":
    "Most servers have one database, which is found for you. If the server hides its list, type the name your administrator gave you.",
  "setup.odoo.db.choose": "Choose a database",
  "setup.odoo.db.auto": "Detect automatically",
  "setup.odoo.db.found": "{count} databases found on this server.",
  "setup.odoo.db.typeInstead": "Type the name instead",
  "setup.odoo.db.pickFromList": "Choose from the list",
  "setup.odoo.login": "Login",
  "setup.odoo.login.hint": "Usually your e-mail address.",
  "setup.odoo.login.missing": "Enter your Odoo login.",
  "setup.odoo.secret": "API key",
  "setup.odoo.secret.missing": "Enter your API key (or your password).",
  "setup.odoo.secret.why": "API key or password?",
  "setup.odoo.secret.explain":
    "An API key works like your password, but for the connector only: you can revoke it at any time without changing your password, and nobody can sign in to the Odoo website with it. Your password works too, but we recommend a key.",
  "setup.odoo.secret.where":
    "To create one in Odoo: click your picture at the top right → My Profile (or Preferences) → Account Security → New API Key. Name it e.g. \"Office Connector\", confirm with your password and copy the key shown.",
  "setup.odoo.secret.password":
    "This looks like a password rather than an API key. It works, but an API key is safer.",
  "setup.odoo.test": "Test and connect",
  "setup.odoo.testing": "Connecting to Odoo…",
  "setup.odoo.result": "Connected to Odoo",
  "setup.odoo.user": "User",
  "setup.odoo.version": "Version",
  "setup.odoo.database": "Database",
  "setup.odoo.calendar": "Calendar",
  "setup.odoo.crm": "CRM",
  "setup.odoo.already": "Already connected as {user}. Connect again to change it, or go on.",

  "setup.ms.heading": "Sign in to Microsoft 365",
  "setup.ms.intro":
    "The connector reaches your mailbox with your own Microsoft sign-in. Your administrator registers the app once; you need its two IDs.",
  "setup.ms.register": "How to register the app (for administrators)",
  "setup.ms.register.1":
    "In the Microsoft Entra admin center (entra.microsoft.com) open App registrations → New registration. Give it a name such as \"Odoo Office Connector\" and choose accounts in this organizational directory only.",
  "setup.ms.register.2":
    "Under Authentication → Add a platform, choose \"Mobile and desktop applications\" and enter the redirect URI {redirect}. Microsoft ignores the port of localhost addresses, so this one entry is enough.",
  "setup.ms.register.3":
    "Set \"Allow public client flows\" to Yes (needed for the sign-in with a code). This registration needs no client secret.",
  "setup.ms.register.4":
    "Under API permissions add these delegated Microsoft Graph permissions: {scopes}. Grant admin consent if your organization requires it.",
  "setup.ms.register.5":
    "Copy the Application (client) ID and the Directory (tenant) ID from the Overview page into the fields below.",
  "setup.ms.registerWeb": "Registered as a Web app already (older setup)?",
  "setup.ms.registerWeb.text":
    "An app registered as Web, with a redirect ending in /office365/authorization on your Odoo server, works too: add {redirect} as another Web redirect URI and enter its client secret below. Mixing the two up makes Microsoft answer AADSTS7000218 (a Web app without its secret) or AADSTS700025 (a secret sent for a desktop app).",
  "setup.ms.clientId": "Application (client) ID",
  "setup.ms.clientId.hint": "Looks like 00000000-0000-0000-0000-000000000000; on the app's Overview page.",
  "setup.ms.clientId.missing": "Enter the application (client) ID.",
  "setup.ms.clientId.invalid":
    "An application ID looks like 00000000-0000-0000-0000-000000000000: 32 letters and digits in five groups.",
  "setup.ms.tenant": "Directory (tenant)",
  "setup.ms.tenant.hint":
    "Keep organizations for any work or school account, or enter your directory (tenant) ID or domain.",
  "setup.ms.tenant.invalid": "Enter a directory (tenant) ID, a domain such as contoso.com, or organizations.",
  "setup.ms.web": "The app is registered as Web (older setup) and has a client secret",
  "setup.ms.secret": "Client secret",
  "setup.ms.secret.hint":
    "The secret's value, not its ID. It is kept in your system's keyring, never in a file.",
  "setup.ms.secret.missing": "A Web registration needs its client secret.",
  "setup.ms.signIn": "Sign in with the browser",
  "setup.ms.deviceCode": "Sign in with a code instead",
  "setup.ms.deviceCode.hint": "For computers without a browser: you enter a code on another device.",
  "setup.ms.waitingBrowser":
    "Waiting for the browser… Finish the sign-in in the browser window that opened, then come back here.",
  "setup.ms.waitingCode": "Open {url} on any device and enter this code:",
  "setup.ms.codeLabel": "Your code",
  "setup.ms.waitingCodeAfter": "Waiting for you to enter the code…",
  "setup.ms.cancel": "Cancel sign-in",
  "setup.ms.cancelled": "The sign-in was cancelled. You can start it again.",
  "setup.ms.testing": "Checking your mailbox…",
  "setup.ms.result": "Signed in to Microsoft 365",
  "setup.ms.upn": "Signed in as",
  "setup.ms.mailbox": "Mailbox",
  "setup.ms.reachable": "Reachable",
  "setup.ms.unreachable": "Not reachable",
  "setup.ms.already": "Already signed in as {upn}. Sign in again to change it, or go on.",

  "setup.folders.heading": "Choose your transfer folders",
  "setup.folders.intro":
    "Mails you put into the incoming folder are filed in Odoo with their sender, mails in the outgoing folder with their recipients. Outlook rules or drag and drop fill them.",
  "setup.folders.incoming": "Incoming folder",
  "setup.folders.outgoing": "Outgoing folder",
  "setup.folders.none": "Not chosen yet",
  "setup.folders.target": "Choosing now",
  "setup.folders.tree": "Folders in your mailbox",
  "setup.folders.treeHint": "Click a folder to use it as the {target}.",
  "setup.folders.loading": "Loading folders…",
  "setup.folders.expand": "Show subfolders of {name}",
  "setup.folders.collapse": "Hide subfolders of {name}",
  "setup.folders.counts": "{unread} unread · {total} total",
  "setup.folders.create": "Or create a new folder directly under your mailbox",
  "setup.folders.createName": "Name of the new {target}",
  "setup.folders.createButton": "Create and use",
  "setup.folders.creating": "Creating…",
  "setup.folders.nameMissing": "Enter a name for the new folder.",
  "setup.folders.same": "The incoming and the outgoing folder must be two different folders.",
  "setup.folders.missing": "Choose an incoming and an outgoing folder.",
  "setup.folders.chosen": "{target}: {path}",
  "setup.target.incoming": "incoming folder",
  "setup.target.outgoing": "outgoing folder",

  "test.heading": "Connection test",
  "test.intro": "Checks both connections now, with what is stored on this computer.",
  "test.run": "Test connections",
  "test.running": "Testing…",
  "test.notRun": "Not tested yet.",
  "test.ok": "Working",
  "test.problem": "Problem",
  "test.notConnected": "Not connected",
  "test.needsSignIn": "Sign in again",
  "test.server": "Server",
  "test.tenant": "Directory",

  "settings.connections": "Connections",
  "settings.setup": "Open the setup wizard",
  "settings.setupHint":
    "The setup wizard connects Odoo and Microsoft 365 and chooses your transfer folders.",
  "settings.options": "Options",
  "settings.group.mail": "Mail",
  "settings.group.calendar": "Calendar",
  "settings.group.contacts": "Contacts",
  "settings.group.advanced": "Advanced",
  "settings.advancedHint":
    "Only change these when your administrator asks you to, e.g. for a national cloud.",
  "settings.locked": "Set by your administrator",
  "settings.saved": "Saved",
  "settings.reset": "Use default",
  "settings.minutes": "minutes",
  "settings.megabytes": "MB",
  "settings.notSet": "Not set",

  "setting.mail.sync_interval_minutes": "Check the transfer folders every",
  "setting.mail.delete_after_transfer": "Delete mails from the transfer folder after they were filed",
  "setting.mail.attachment_limit_mb": "Leave out attachments larger than",
  "setting.mail.file_on_opportunity": "Also file on the contact's only open opportunity",
  "setting.mail.include_colleagues": "File mails to and from colleagues too",
  "setting.calendar.sync_interval_minutes": "Sync the calendar every",
  "setting.calendar.start_date": "Sync events from this date on",
  "setting.contacts.sync_interval_minutes": "Sync contacts every",
  "setting.contacts.delete_after_unfollow": "Delete the Outlook contact when you unfollow it in Odoo",
  "setting.contacts.sync_salutations": "Copy salutations (Mr, Ms, Dr …)",
  "setting.contacts.sync_photos": "Copy contact photos",
  "setting.contacts.backlink_to_odoo": "Put a link to the Odoo contact into the web page field",
  "setting.contacts.auto_export_new": "Also export contacts you create in Odoo",
  "setting.contacts.export_all_my_customers": "Export all customers you are the salesperson of",
  "setting.microsoft.authority_url": "Microsoft sign-in address",
  "setting.microsoft.graph_url": "Microsoft Graph address",
  "settingHint.mail.delete_after_transfer":
    "A mail leaves the folder only after Odoo confirmed it; it goes to Deleted Items.",
  "settingHint.calendar.start_date": "Empty: from the day you set up the calendar.",
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

  // Einrichtungsassistent, Verbindungstest und Einstellungen (Issue 5).
  "nav.setup": "Einrichtung",
  "setup.heading": "Verbindungen einrichten",
  "setup.intro":
    "Drei Schritte: Ihr Odoo-Konto, Ihr Microsoft-365-Postfach und die Ordner, deren E-Mails nach Odoo gehen.",
  "setup.steps": "Schritte der Einrichtung",
  "setup.step.odoo": "Odoo",
  "setup.step.microsoft": "Microsoft 365",
  "setup.step.folders": "Übertragungsordner",
  "setup.stepOf": "Schritt {n} von {total}",
  "setup.stepDone": "erledigt",
  "setup.next": "Weiter",
  "setup.back": "Zurück",
  "setup.finish": "Fertigstellen",
  "setup.done.heading": "Alles eingerichtet",
  "setup.done.text":
    "Odoo und Microsoft 365 sind verbunden und Ihre Übertragungsordner gewählt. Die Statusseite zeigt, wann sie das nächste Mal geprüft werden.",
  "setup.done.status": "Zum Status",
  "setup.prompt.title": "Noch nicht eingerichtet",
  "setup.prompt.text":
    "Verbinden Sie Odoo und Microsoft 365 und wählen Sie Ihre Übertragungsordner. Das dauert nur wenige Minuten.",
  "setup.prompt.action": "Einrichtung starten",
  "common.yes": "Ja",
  "common.no": "Nein",
  "common.installed": "Installiert",
  "common.notInstalled": "Nicht installiert",

  "setup.odoo.heading": "Ihr Odoo-Konto verbinden",
  "setup.odoo.intro":
    "Der Connector meldet sich als Ihr eigener Odoo-Benutzer an und funktioniert daher mit Odoo Online, Odoo.sh und eigenen Servern gleichermaßen. Auf dem Server wird nichts installiert.",
  "setup.odoo.url": "Odoo-Adresse",
  "setup.odoo.url.hint":
    "Die Adresse, unter der Sie Odoo öffnen, z. B. meinefirma.odoo.com. Sie dürfen sie mit /odoo oder /web am Ende aus dem Browser kopieren.",
  "setup.odoo.url.missing": "Geben Sie die Adresse Ihres Odoo ein.",
  "setup.odoo.url.invalid": "Das sieht nicht wie eine Webadresse aus. Geben Sie sie z. B. als meinefirma.odoo.com ein.",
  "setup.odoo.db": "Datenbank",
  "setup.odoo.db.detect": "Datenbanken suchen",
  "setup.odoo.db.detecting": "Datenbanken werden gesucht …",
  "setup.odoo.db.hint":
    "Die meisten Server haben eine Datenbank, die automatisch gefunden wird. Verbirgt der Server seine Liste, geben Sie den Namen ein, den Ihnen Ihre Administration genannt hat.",
  "setup.odoo.db.choose": "Datenbank wählen",
  "setup.odoo.db.auto": "Automatisch erkennen",
  "setup.odoo.db.found": "{count} Datenbanken auf diesem Server gefunden.",
  "setup.odoo.db.typeInstead": "Namen stattdessen eingeben",
  "setup.odoo.db.pickFromList": "Aus der Liste wählen",
  "setup.odoo.login": "Benutzername",
  "setup.odoo.login.hint": "Meist Ihre E-Mail-Adresse.",
  "setup.odoo.login.missing": "Geben Sie Ihren Odoo-Benutzernamen ein.",
  "setup.odoo.secret": "API-Schlüssel",
  "setup.odoo.secret.missing": "Geben Sie Ihren API-Schlüssel (oder Ihr Passwort) ein.",
  "setup.odoo.secret.why": "API-Schlüssel oder Passwort?",
  "setup.odoo.secret.explain":
    "Ein API-Schlüssel wirkt wie Ihr Passwort, aber nur für den Connector: Sie können ihn jederzeit widerrufen, ohne Ihr Passwort zu ändern, und niemand kann sich damit auf der Odoo-Website anmelden. Ihr Passwort funktioniert auch, wir empfehlen aber einen Schlüssel.",
  "setup.odoo.secret.where":
    "So erstellen Sie einen in Odoo: oben rechts auf Ihr Bild klicken → Mein Profil (oder Einstellungen) → Kontosicherheit → Neuer API-Schlüssel. Geben Sie ihm einen Namen wie „Office Connector“, bestätigen Sie mit Ihrem Passwort und kopieren Sie den angezeigten Schlüssel.",
  "setup.odoo.secret.password":
    "Das sieht eher nach einem Passwort als nach einem API-Schlüssel aus. Es funktioniert, aber ein API-Schlüssel ist sicherer.",
  "setup.odoo.test": "Testen und verbinden",
  "setup.odoo.testing": "Verbindung zu Odoo wird hergestellt …",
  "setup.odoo.result": "Mit Odoo verbunden",
  "setup.odoo.user": "Benutzer",
  "setup.odoo.version": "Version",
  "setup.odoo.database": "Datenbank",
  "setup.odoo.calendar": "Kalender",
  "setup.odoo.crm": "CRM",
  "setup.odoo.already": "Bereits verbunden als {user}. Verbinden Sie neu, um das zu ändern, oder machen Sie weiter.",

  "setup.ms.heading": "Bei Microsoft 365 anmelden",
  "setup.ms.intro":
    "Der Connector erreicht Ihr Postfach mit Ihrer eigenen Microsoft-Anmeldung. Ihre Administration registriert die App einmal; Sie brauchen deren zwei IDs.",
  "setup.ms.register": "So wird die App registriert (für Administratoren)",
  "setup.ms.register.1":
    "Im Microsoft Entra Admin Center (entra.microsoft.com) App-Registrierungen → Neue Registrierung öffnen. Einen Namen wie „Odoo Office Connector“ vergeben und „Nur Konten in diesem Organisationsverzeichnis“ wählen.",
  "setup.ms.register.2":
    "Unter Authentifizierung → Plattform hinzufügen „Mobile und Desktopanwendungen“ wählen und die Umleitungs-URI {redirect} eintragen. Microsoft ignoriert den Port bei localhost-Adressen, daher genügt dieser eine Eintrag.",
  "setup.ms.register.3":
    "„Öffentliche Clientflows zulassen“ auf Ja stellen (nötig für die Anmeldung mit Code). Diese Registrierung braucht keinen geheimen Clientschlüssel.",
  "setup.ms.register.4":
    "Unter API-Berechtigungen diese delegierten Microsoft-Graph-Berechtigungen hinzufügen: {scopes}. Falls Ihre Organisation es verlangt, die Administratorzustimmung erteilen.",
  "setup.ms.register.5":
    "Die Anwendungs-ID (Client) und die Verzeichnis-ID (Mandant) von der Übersichtsseite in die Felder unten kopieren.",
  "setup.ms.registerWeb": "Schon als Web-App registriert (ältere Einrichtung)?",
  "setup.ms.registerWeb.text":
    "Eine als Web registrierte App mit einer Umleitung auf /office365/authorization Ihres Odoo-Servers funktioniert auch: Fügen Sie {redirect} als weitere Web-Umleitungs-URI hinzu und geben Sie unten ihren geheimen Clientschlüssel ein. Wer beides verwechselt, bekommt von Microsoft AADSTS7000218 (Web-App ohne ihren Schlüssel) oder AADSTS700025 (Schlüssel für eine Desktop-App gesendet).",
  "setup.ms.clientId": "Anwendungs-ID (Client)",
  "setup.ms.clientId.hint": "Sieht aus wie 00000000-0000-0000-0000-000000000000; auf der Übersichtsseite der App.",
  "setup.ms.clientId.missing": "Geben Sie die Anwendungs-ID (Client) ein.",
  "setup.ms.clientId.invalid":
    "Eine Anwendungs-ID sieht aus wie 00000000-0000-0000-0000-000000000000: 32 Buchstaben und Ziffern in fünf Gruppen.",
  "setup.ms.tenant": "Verzeichnis (Mandant)",
  "setup.ms.tenant.hint":
    "Lassen Sie organizations für jedes Geschäfts- oder Schulkonto stehen, oder geben Sie Ihre Verzeichnis-ID (Mandanten-ID) oder Domäne ein.",
  "setup.ms.tenant.invalid": "Geben Sie eine Verzeichnis-ID (Mandanten-ID), eine Domäne wie contoso.com oder organizations ein.",
  "setup.ms.web": "Die App ist als Web registriert (ältere Einrichtung) und hat einen geheimen Clientschlüssel",
  "setup.ms.secret": "Geheimer Clientschlüssel",
  "setup.ms.secret.hint":
    "Der Wert des Schlüssels, nicht seine ID. Er wird im Schlüsselbund Ihres Systems gespeichert, nie in einer Datei.",
  "setup.ms.secret.missing": "Eine Web-Registrierung braucht ihren geheimen Clientschlüssel.",
  "setup.ms.signIn": "Im Browser anmelden",
  "setup.ms.deviceCode": "Stattdessen mit Code anmelden",
  "setup.ms.deviceCode.hint": "Für Computer ohne Browser: Sie geben einen Code auf einem anderen Gerät ein.",
  "setup.ms.waitingBrowser":
    "Warten auf den Browser … Schließen Sie die Anmeldung im geöffneten Browserfenster ab und kehren Sie dann hierher zurück.",
  "setup.ms.waitingCode": "Öffnen Sie {url} auf einem beliebigen Gerät und geben Sie diesen Code ein:",
  "setup.ms.codeLabel": "Ihr Code",
  "setup.ms.waitingCodeAfter": "Warten, bis Sie den Code eingegeben haben …",
  "setup.ms.cancel": "Anmeldung abbrechen",
  "setup.ms.cancelled": "Die Anmeldung wurde abgebrochen. Sie können sie erneut starten.",
  "setup.ms.testing": "Ihr Postfach wird geprüft …",
  "setup.ms.result": "Bei Microsoft 365 angemeldet",
  "setup.ms.upn": "Angemeldet als",
  "setup.ms.mailbox": "Postfach",
  "setup.ms.reachable": "Erreichbar",
  "setup.ms.unreachable": "Nicht erreichbar",
  "setup.ms.already": "Bereits angemeldet als {upn}. Melden Sie sich neu an, um das zu ändern, oder machen Sie weiter.",

  "setup.folders.heading": "Übertragungsordner wählen",
  "setup.folders.intro":
    "E-Mails im Eingangsordner werden in Odoo beim Absender abgelegt, E-Mails im Ausgangsordner bei den Empfängern. Outlook-Regeln oder Ziehen und Ablegen füllen sie.",
  "setup.folders.incoming": "Eingangsordner",
  "setup.folders.outgoing": "Ausgangsordner",
  "setup.folders.none": "Noch nicht gewählt",
  "setup.folders.target": "Jetzt wählen",
  "setup.folders.tree": "Ordner in Ihrem Postfach",
  "setup.folders.treeHint": "Klicken Sie auf einen Ordner, um ihn als {target} zu verwenden.",
  "setup.folders.loading": "Ordner werden geladen …",
  "setup.folders.expand": "Unterordner von {name} zeigen",
  "setup.folders.collapse": "Unterordner von {name} ausblenden",
  "setup.folders.counts": "{unread} ungelesen · {total} insgesamt",
  "setup.folders.create": "Oder einen neuen Ordner direkt unter Ihrem Postfach anlegen",
  "setup.folders.createName": "Name des neuen {target}s",
  "setup.folders.createButton": "Anlegen und verwenden",
  "setup.folders.creating": "Wird angelegt …",
  "setup.folders.nameMissing": "Geben Sie einen Namen für den neuen Ordner ein.",
  "setup.folders.same": "Eingangs- und Ausgangsordner müssen zwei verschiedene Ordner sein.",
  "setup.folders.missing": "Wählen Sie einen Eingangs- und einen Ausgangsordner.",
  "setup.folders.chosen": "{target}: {path}",
  "setup.target.incoming": "Eingangsordner",
  "setup.target.outgoing": "Ausgangsordner",

  "test.heading": "Verbindungstest",
  "test.intro": "Prüft beide Verbindungen jetzt, mit dem, was auf diesem Computer gespeichert ist.",
  "test.run": "Verbindungen testen",
  "test.running": "Wird getestet …",
  "test.notRun": "Noch nicht getestet.",
  "test.ok": "Funktioniert",
  "test.problem": "Problem",
  "test.notConnected": "Nicht verbunden",
  "test.needsSignIn": "Erneut anmelden",
  "test.server": "Server",
  "test.tenant": "Verzeichnis",

  "settings.connections": "Verbindungen",
  "settings.setup": "Einrichtungsassistent öffnen",
  "settings.setupHint":
    "Der Einrichtungsassistent verbindet Odoo und Microsoft 365 und wählt Ihre Übertragungsordner.",
  "settings.options": "Optionen",
  "settings.group.mail": "E-Mail",
  "settings.group.calendar": "Kalender",
  "settings.group.contacts": "Kontakte",
  "settings.group.advanced": "Erweitert",
  "settings.advancedHint":
    "Ändern Sie diese nur, wenn Ihre Administration Sie darum bittet, z. B. für eine nationale Cloud.",
  "settings.locked": "Von Ihrer Administration festgelegt",
  "settings.saved": "Gespeichert",
  "settings.reset": "Standard verwenden",
  "settings.minutes": "Minuten",
  "settings.megabytes": "MB",
  "settings.notSet": "Nicht gesetzt",

  "setting.mail.sync_interval_minutes": "Übertragungsordner prüfen alle",
  "setting.mail.delete_after_transfer": "E-Mails nach dem Ablegen aus dem Übertragungsordner löschen",
  "setting.mail.attachment_limit_mb": "Anhänge weglassen, die größer sind als",
  "setting.mail.file_on_opportunity": "Auch bei der einzigen offenen Verkaufschance des Kontakts ablegen",
  "setting.mail.include_colleagues": "Auch E-Mails an und von Kollegen ablegen",
  "setting.calendar.sync_interval_minutes": "Kalender synchronisieren alle",
  "setting.calendar.start_date": "Termine ab diesem Datum synchronisieren",
  "setting.contacts.sync_interval_minutes": "Kontakte synchronisieren alle",
  "setting.contacts.delete_after_unfollow": "Outlook-Kontakt löschen, wenn Sie ihm in Odoo nicht mehr folgen",
  "setting.contacts.sync_salutations": "Anreden übernehmen (Herr, Frau, Dr. …)",
  "setting.contacts.sync_photos": "Kontaktfotos übernehmen",
  "setting.contacts.backlink_to_odoo": "Link zum Odoo-Kontakt ins Feld Webseite schreiben",
  "setting.contacts.auto_export_new": "Auch Kontakte exportieren, die Sie in Odoo anlegen",
  "setting.contacts.export_all_my_customers": "Alle Kunden exportieren, deren Vertriebsmitarbeiter Sie sind",
  "setting.microsoft.authority_url": "Microsoft-Anmeldeadresse",
  "setting.microsoft.graph_url": "Microsoft-Graph-Adresse",
  "settingHint.mail.delete_after_transfer":
    "Eine E-Mail verlässt den Ordner erst, wenn Odoo sie bestätigt hat; sie kommt in „Gelöschte Elemente“.",
  "settingHint.calendar.start_date": "Leer: ab dem Tag, an dem Sie den Kalender einrichten.",
};

/** The catalogs by language. */
export const catalogs: Record<Language, Record<MessageKey, string>> = { en, de };

/** The languages the UI speaks, in the order the switch lists them. */
export const languages: readonly Language[] = ["de", "en"];
