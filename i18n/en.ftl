# The product's texts in English: the reference language. Every message here must also be in
# every other language file (a test in crates/core and one in ui/ compare the ids); a language
# that lacks one falls back to English. Values are byte for byte what a person reads: Fluent
# trims a value's outer blanks and keeps line breaks, so each text stays on one line.
# Arguments are strings unless a text selects a plural form, which then gets a number.

## What a setting expects (crates/core/src/i18n.rs, Expected)

expected-bool = true or false
expected-minutes = a whole number of minutes from { $min } to { $max }
expected-megabytes = a whole number of megabytes from { $min } to { $max }
expected-date = a date like "2026-01-31"
expected-language = "de" or "en"
expected-text = a non-empty text in quotes
expected-url = an https:// address in quotes
expected-key_list = a list of setting names in quotes
expected-table = a section of settings

## The core's general texts (crates/core/src/i18n.rs, Msg)

file-malformed = { $policy ->
        [true] The administrator's policy file
       *[false] The settings file
    } { $file } has an error in line { $line }: { $problem }. { $policy ->
        [true] Ask your administrator to correct it.
       *[false] Correct or delete the line, then try again.
    }
file-malformed-key = { $policy ->
        [true] The administrator's policy file
       *[false] The settings file
    } { $file } has an error in line { $line }, key "{ $key }": { $problem }. { $policy ->
        [true] Ask your administrator to correct it.
       *[false] Correct or delete the line, then try again.
    }
file-problem-syntax = it is not valid TOML ({ $detail })
file-problem-unknown_key = this setting does not exist
file-problem-bad_value = expected { $expected }
file-unreadable = { $policy ->
        [true] The administrator's policy file { $file } cannot be read ({ $detail }). Ask your administrator to fix it.
       *[false] The file { $file } cannot be read ({ $detail }). Check that it exists and that you may read it.
    }
file-unwritable = The settings could not be saved to { $file } ({ $detail }). Check free space and permissions.
setting-locked = The setting "{ $key }" is locked by your administrator and cannot be changed.
unknown-setting = There is no setting "{ $key }". `office-connector config get` lists them all.
invalid-setting-value = "{ $value }" is not a valid value for "{ $key }": expected { $expected }.
keyring-unavailable = No keyring is available to keep your sign-in safe ({ $detail }). Office Connector stores secrets only in the system keyring, never in a file. On Linux, install and unlock a Secret Service provider such as GNOME Keyring (package gnome-keyring) or KWallet and sign in to a desktop session; on a server, start one with `dbus-run-session` and `gnome-keyring-daemon --unlock`.
keyring-failed = The system keyring refused the request ({ $detail }). Unlock the keyring and try again.
state-home-unavailable = The folder { $path } for Office Connector's data cannot be used ({ $detail }). Check its permissions or choose another one with --home.
no-state-home = No home folder is known for this user. Choose a folder with --home or OFFICE_CONNECTOR_HOME.
database-failed = The local database { $file } cannot be used ({ $detail }). Close other copies of Office Connector and try again.
job-busy = The { $job } job is already running (in the app or on the command line). Wait until it has finished.
run-interrupted = The { $job } run stopped before it finished. The next run picks up where it stopped.
run-not-found = There is no run with the number { $id }. `office-connector runs` lists the recorded runs.
internal = Something went wrong inside Office Connector. Try again; if it persists, send the log to support.
no-runs = No runs recorded.
heading-accounts = Accounts
heading-jobs = Jobs
heading-events = Items
not-connected = not connected
account-checked = connected, last checked { $at }
account-not-checked = connected, not checked yet
account-refused-odoo = Odoo refused the stored key — connect Odoo again
account-refused-odoo-at = Odoo refused the stored key at { $at } — connect Odoo again
account-refused-microsoft = Microsoft refused the sign-in — sign in to Microsoft 365 again
account-refused-microsoft-at = Microsoft refused the sign-in at { $at } — sign in to Microsoft 365 again
schedule-every = every { $minutes } min
schedule-off-not-set-up = timer off (not set up)
schedule-off-disabled = timer off
never-ran = never ran
demo-explanation = Demo: the fake Microsoft 365 and the fake Odoo run on this machine (the JSON line above says where); everything above happened against them, in a throwaway state folder.
demo-connecting = Signing in as the demo person { $name }…
demo-not-connected = The demo continues without a connection:
demo-folders = Mail folders
demo-mail-run = Mail job: transfer folders "{ $incoming }" (incoming) and "{ $outgoing }" (outgoing), first run
demo-state-kept = Demo state kept in { $path }
last-run = last run
outcome-success = success
outcome-needs_attention = needs attention
outcome-incomplete = incomplete
outcome-failed = failed
job-mail = mail
job-calendar = calendar
job-contacts = contacts
trigger-manual = manual
trigger-timer = timer
trigger-cli = command line
item-count = { $count } { $outcome }
item-filed = filed
item-linked = linked
item-created = created
item-updated = updated
item-deleted = deleted
item-waiting = waiting for a decision
item-unassigned = unassigned
item-skipped = skipped
item-failed = failed
item-refused = refused by Odoo
account-microsoft = Microsoft 365
account-odoo = Odoo
run-heading = Run { $id }
started = started
finished = finished
running = running
no-events = No items recorded.

## The desktop app's own texts (crates/core/src/desktop_texts.rs, DesktopMsg)

desktop-app-name = Office Connector
desktop-demo = Demo
desktop-sync-now = Sync now
desktop-nothing-set-up = No job is set up yet: set one up in the settings
desktop-pause = Pause
desktop-resume = Resume
desktop-open-settings = Open settings…
desktop-start-at-login = Start at login
desktop-quit = Quit
desktop-idle = Up to date
desktop-syncing = Syncing { $job }…
desktop-syncing-progress = Syncing { $job }… { $done } of { $total }
desktop-attention = Something waits for you: open the settings
desktop-failing = Sync keeps failing: see the run log
desktop-paused = Paused
desktop-attention-title = { $job } needs your attention
desktop-attention-body = Some items wait for your decision. Click to open them.
desktop-failing-title = { $job } keeps failing
desktop-failing-body = The last { $runs } runs did not finish. Click to see the run log.
desktop-sign-in-title = { $account } sign-in expired
desktop-sign-in-body = { $account } no longer accepts your sign-in, so syncing is paused. Sign in again: click to open the setup.
desktop-run-done-title = { $job } synced
desktop-open = Open
desktop-nothing-to-do = Nothing to do

## A state home that cannot be used as it is (crates/core/src/store/texts.rs, StoreMsg)

store-damaged = The local database { $file } is damaged and cannot be used ({ $detail }). Office Connector cannot repair it. { $start_fresh } { $pending }
store-from-newer-version = The local database { $file } was written by a newer version of Office Connector (database version { $found }; this version knows up to { $known }). Install the newer version again. To go on with this version instead: { $start_fresh } { $pending }
store-not-writable = Office Connector may not write in { $path } ({ $detail }). Showing what is there (status, runs, config get, decisions list) still works; to sync or change anything, make it writable for your user, or choose another folder with --home.
store-not-a-folder = { $path } is a file, not a folder, so Office Connector cannot keep its data there. Move the file away, or choose a folder with --home (or OFFICE_CONNECTOR_HOME).
store-start-fresh = To start fresh, close Office Connector and move { $file } to another folder, together with { $file }-wal and { $file }-shm if they are there; Office Connector then creates a new, empty database. Connect Microsoft 365 and Odoo again afterwards; your settings stay.
store-pending-unreadable = Which writes to Odoo were unfinished cannot be read from it any more; compare the mails in your transfer folders with Odoo afterwards.
store-pending-none = No write to Odoo was unfinished in it.
store-pending-listed = These writes to Odoo were unfinished in it; check them in Odoo afterwards: { $writes }.
store-pending-more = and { $more } more

## The mail job (crates/core/src/mail/texts.rs, MailMsg)

mail-summary = { $mails ->
        [one] { $mails } mail
       *[other] { $mails } mails
    } → { $contacts ->
        [one] { $contacts } contact
       *[other] { $contacts } contacts
    }, { $waiting } { $waiting ->
        [one] needs
       *[other] need
    } a decision, { $unassigned } unassigned{ $failed ->
        [0] {""}
       *[other] , { $failed } failed
    }{ $refused ->
        [0] {""}
       *[other] , { $refused } refused by Odoo
    }
mail-no-decisions = No mail waits for a decision.
mail-remembered = Remembered for { $address }; the next run files its mails.
mail-not-an-address = "{ $input }" is not a mail address. Enter it as shown in the Decisions list.
mail-not-a-contact-id = "{ $input }" is not an Odoo contact id. Give the numbers the Decisions list shows, or none.
mail-only-mail-job = There is no job "{ $job }"; run --job mail, --job calendar or --job contacts.
mail-no-contact-chosen = Choose at least one contact, or "none" to file this address's mails nowhere.
mail-no-subject = (no subject)
mail-no-write-access = You may not write on Odoo contact { $contact }, so its mails stay in the transfer folder. Ask your Odoo administrator for access.
mail-key-refused = Odoo refused the stored key. Connect Odoo again; the mails stay in the transfer folders.
mail-microsoft-sign-in-refused = Microsoft no longer accepts your sign-in. Sign in to Microsoft 365 again in Settings; the mails stay in the transfer folders.
mail-no-transfer-folder = No transfer folder is chosen yet. Choose the incoming or outgoing folder on the Mail page (or: office-connector config set mail.incoming_folder "Inbox/Transfer In", with a folder's path as office-connector folders shows it).
mail-transfer-folder-chosen = { $direction ->
        [incoming] Incoming transfer folder: { $path }
       *[outgoing] Outgoing transfer folder: { $path }
    }
mail-not-a-folder = "{ $input }" is neither the path nor the id of a folder in your mailbox; the { $direction ->
        [incoming] incoming
       *[outgoing] outgoing
    } transfer folder stays as it was. office-connector folders lists your folders: give the path as shown there, e.g. "Inbox/Transfer In".
mail-ambiguous-folder = "{ $input }" is the path of { $count } folders: { $folders }. Give the id of the one you mean (office-connector folders --ids shows the ids).
mail-folder-with-id = { $path } (id { $id })
mail-choose-folder-by-path = Choose a transfer folder by its path: office-connector config set mail.incoming_folder "{ $example }" (or mail.outgoing_folder; --ids shows the ids).
mail-decision-line = { $address } ({ $choose ->
        [true] choose
       *[false] unassigned
    }, { $mails ->
        [one] { $mails } mail
       *[other] { $mails } mails
    })
mail-odoo-did-not-answer = Odoo did not answer. The mails not filed stay in the transfer folders; the next run files them.
mail-folder-not-read = The { $incoming ->
        [true] incoming
       *[false] outgoing
    } transfer folder could not be read completely from Outlook; the next run reads it again.
mail-folder-not-read-because = The { $incoming ->
        [true] incoming
       *[false] outgoing
    } transfer folder could not be read completely from Outlook: { $reason }
mail-refused-heading = Refused by Odoo (retry once something changed, or skip):
mail-refused-line = { $subject }  { $key }
mail-will-retry = "{ $subject }" will be tried again in the next run.
mail-will-skip = "{ $subject }" is skipped: it stays in the transfer folder and is not filed.
mail-no-such-refused-mail = No mail refused by Odoo has the key "{ $input }"; it may have been retried or skipped already.

## Odoo (crates/core/src/odoo/messages.rs, OdooMsg)

odoo-url-empty = Enter the address of your Odoo, e.g. https://mycompany.odoo.com.
odoo-url-scheme = "{ $input }" starts with { $scheme }://, but Odoo is reached over https:// (or http://). Enter the address you open Odoo with in the browser.
odoo-url-malformed = "{ $input }" is not a web address. Enter the address you open Odoo with in the browser, e.g. https://mycompany.odoo.com.
odoo-unreachable = Odoo at { $url } { $timed_out ->
        [true] did not answer in time
       *[false] cannot be reached
    }. Check your internet connection and the address; if Odoo is down, try again later.
odoo-server-unavailable = Odoo at { $url } is temporarily unavailable (HTTP { $status }). Try again in a few minutes.
odoo-not-odoo = { $url } does not answer like an Odoo server. Check the address: use the one you open Odoo with in the browser.
odoo-unsupported-version = This Odoo is version { $version }; Office Connector supports Odoo 16, 17, 18 and 19. Ask your administrator which version you use.
odoo-database-missing = The Odoo database "{ $db }" does not exist on this server. Check its name (it is shown on Odoo's login page or in Settings → About).
odoo-database-list-disabled = This Odoo server does not list its databases. Enter the database name (ask your administrator, or look at Odoo's login page).
odoo-database-choice = This Odoo server has several databases: { $databases }. Choose the one you work in.
odoo-no-database = This Odoo server has no database yet. Ask your administrator for the right address.
odoo-login-failed = Odoo did not accept the login "{ $login }" with this API key on database "{ $db }". Check the login (usually your e-mail address) and create a new API key in Odoo under your profile → Account Security → New API Key.
odoo-access-denied = Odoo no longer accepts the saved API key (it was deleted, or the password changed). Connect Odoo again with a new API key.
odoo-access-error = Your Odoo user may not do this ({ $model }, { $method }): { $detail } Ask your Odoo administrator for the access right.
odoo-missing-record = The Odoo record ({ $model }) no longer exists; it was deleted in the meantime.
odoo-validation = Odoo refused the values: { $detail }
odoo-user-error = Odoo refused the operation: { $detail }
odoo-unknown-model = The Odoo app that provides "{ $model }" is not installed on this database. Ask your administrator to install it.
odoo-unknown-field = This Odoo does not have a field Office Connector needs ({ $detail }). Check that the Odoo version is supported.
odoo-session-expired = The Odoo session expired. Try again; Office Connector signs in anew.
odoo-server-error = Odoo reported an error: { $detail }
odoo-too-large = The Odoo server refused the request as too large.
odoo-busy = The Odoo database was busy. Try again in a moment.
odoo-prefer-api-key = You signed in with your password. An API key is recommended instead: it works only for programs like this one (not for signing in to Odoo in the browser), it keeps working when you change your password, and you can revoke it alone. Create one in Odoo under your profile → Account Security → New API Key.
odoo-connected = Connected to Odoo { $version } at { $url } (database "{ $db }") as { $name } ({ $login }).
odoo-disconnected = Odoo is disconnected; the API key was removed from the keyring. You can also delete the key in Odoo under your profile → Account Security.
odoo-was-not-connected = Odoo was not connected.
odoo-test-ok = connection ok
odoo-label-version = version
odoo-label-database = database
odoo-label-user = user
odoo-label-server = server
odoo-app-installed = { $app }: { $installed ->
        [true] installed
       *[false] not installed
    }
odoo-app-in-list = { $app } { $installed ->
        [true] installed
       *[false] not installed
    }
odoo-no-answer-unreachable = cannot be reached
odoo-no-answer-timed-out = no answer in time
odoo-no-answer-unavailable = temporarily unavailable, HTTP { $status }
odoo-no-answer-busy = database busy
odoo-last-known = Last known on { $at }: version { $version }, { $apps }
odoo-last-known-no-answer = Odoo did not answer ({ $reason }); last known on { $at }: version { $version }, { $apps }
odoo-no-key-given = Enter your Odoo API key (on the command line: on the first line of standard input). Create one in Odoo under your profile → Account Security → New API Key.
odoo-key-missing = The Odoo API key is missing from the keyring. Connect Odoo again.

## Microsoft sign-in and Graph (crates/core/src/graph/texts.rs, MicrosoftMsg)

ms-problem-wrong-tenant = Microsoft does not know this directory (tenant). Check the directory (tenant) ID in the Azure portal under "App registrations" → your app → "Overview", or use "organizations".
ms-problem-wrong-account = This account does not belong to the chosen directory. Sign in with your work account, or check the directory (tenant) ID.
ms-problem-wrong-client-id = Microsoft does not know this application (client) ID in your directory. Copy the "Application (client) ID" from the app's overview page in the Azure portal, and check that the directory (tenant) ID is the one the app is registered in.
ms-problem-consent-missing = The permissions of the app have not been granted yet. Sign in again and accept the permissions, or ask your administrator to grant consent for the organisation (Azure portal → "API permissions" → "Grant admin consent").
ms-problem-admin-consent-required = The permissions of the app were not granted: consent was declined, or your organisation lets only an administrator give it. Ask your administrator to grant admin consent for the organisation in the Azure portal ("API permissions" → "Grant admin consent"), then sign in again.
ms-problem-admin-approval-required = Your organisation requires an administrator to approve this app. Ask your administrator to grant admin consent in the Azure portal ("API permissions" → "Grant admin consent"), then sign in again.
ms-problem-redirect-mismatch = The redirect URI is not registered for this app. In the Azure portal, open the app → "Authentication" and add the platform "Mobile and desktop applications" with the redirect URI http://localhost (or, for an app registered as Web, add http://localhost/office365/authorization as a Web redirect URI).
ms-problem-secret-expired-or-wrong = The client secret is wrong or has expired. Create a new client secret in the Azure portal ("Certificates & secrets"), copy its value (not its ID) and connect again with it.
ms-problem-secret-missing = This app is registered as a Web application, which needs its client secret. Either enter the client secret, or (recommended) add the platform "Mobile and desktop applications" with the redirect URI http://localhost and enable "Allow public client flows"; then no secret is needed.
ms-problem-secret-not-allowed = This app is registered as a desktop (public) application, which must not be given a client secret. Connect again without the client secret.
ms-problem-mfa-or-conditional-access = Your organisation requires you to confirm your sign-in (multi-factor authentication or an access policy). Sign in again in the browser; if it is still refused, ask your administrator whether a policy blocks this app or this device.
ms-problem-sign-in-expired = Your Microsoft sign-in expired because it was not used for 90 days. Sign in again; synchronisation is paused until then.
ms-problem-sign-in-revoked = Your Microsoft sign-in is no longer valid (password changed or access withdrawn). Sign in again; synchronisation is paused until then.
ms-problem-code-invalid = The one-time sign-in code expired or was already used. Start the sign-in again.
ms-problem-device-code-expired = The code was not entered in time. Start the sign-in again and enter the new code within 15 minutes.
ms-problem-declined = The sign-in was cancelled or the permissions were declined. Sign in again and accept the permissions to connect the mailbox.
ms-problem-service-unavailable = Microsoft's sign-in service is unavailable right now. Try again in a few minutes.
ms-problem-other = Microsoft refused the sign-in. Check the application (client) ID and directory (tenant) ID and try again.
ms-sign-in-failed-code = { $problem } (AADSTS{ $code })
ms-with-request-id = { $text } (Microsoft request id { $id })
ms-bad-tenant = "{ $tenant }" is not a directory (tenant) ID. Enter the directory (tenant) ID from the app's overview page in the Azure portal (like 4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d), your organisation's domain (like contoso.onmicrosoft.com), or "organizations", "common" or "consumers".
ms-listener-failed = Office Connector could not wait for the browser's answer on this computer ({ $detail }). Try again, or use the device code sign-in.
ms-browser-failed = The browser could not be opened with "{ $command }" ({ $detail }). Use --no-browser and open the printed address yourself, or use --device-code.
ms-sign-in-timed-out = The sign-in was not finished in time. Start it again.
ms-unreachable = Microsoft cannot be reached ({ $detail }). Check the internet connection and try again later.
ms-bad-answer = Microsoft answered in an unexpected way ({ $detail }). Try again later; if it persists, send the log to support.
ms-bad-url = "{ $url }" is not a usable address. Enter a full https:// address.
ms-access-denied = Microsoft 365 denied access to the mailbox. Sign in again and accept all requested permissions.
ms-not-found = The folder or item no longer exists in the mailbox. Choose it again.
ms-throttled = Microsoft 365 asks us to slow down. The next run continues automatically.
ms-throttled-wait = Microsoft 365 asks us to slow down (wait { $seconds } s). The next run continues automatically.
ms-graph-unavailable = Microsoft 365 is not available right now (HTTP { $status }). Try again in a few minutes; timed runs try again by themselves.
ms-graph-refused = Microsoft 365 refused the request ({ $code }, HTTP { $status }). If it persists, send the log to support.
ms-foreign-link = Microsoft 365 answered with a link to another server ({ $origin }); it was not followed, and your sign-in was not sent there. If this happens again, send the log to support.
ms-endless-paging = Microsoft 365 kept sending further pages without end (a page came again, or there were far too many); reading was stopped. The next run tries again; if it persists, send the log to support.
ms-not-connected = No Microsoft 365 mailbox is connected. Connect one with `office-connector connect microsoft`.
ms-browser-page-success = Signed in. You can close this window and return to Office Connector.
ms-browser-page-failure = The sign-in did not succeed. Return to Office Connector to see why.
ms-device-code-prompt = To sign in, open { $url } in a browser and enter the code { $code }.
ms-open-this-url = Open the address above in a browser to sign in; waiting for the answer …
ms-mailbox-reachable = The mailbox can be read.
ms-signed-in-as = Signed in to Microsoft 365 as { $upn }.
ms-disconnected = Microsoft 365 disconnected: the sign-in was removed from this computer. To also withdraw the app's access, remove it under "Apps and services" at https://myaccount.microsoft.com (work account) or https://account.live.com/consent/Manage.

## What happened to one mail (crates/core/src/mail/notes.rs, MailNote)

note-already-filed = Already filed in an earlier run.
note-confirmed-from-interrupted-run = Filed in an earlier run that could not check it; found in Odoo now.
note-no-address = Nothing to file: the mail has no address.
note-only-colleagues = Only colleagues are on it, so it is filed nowhere.
note-every-address-ignored = Every address on it is set to be ignored.
note-not-read-from-outlook = Outlook did not hand out the mail; the next run tries again.
note-unreadable-from-outlook = Outlook sent this mail in a form that cannot be read; it was skipped. To try it again, mark it as unread or read in Outlook; the next run then reads it again.
note-odoo-did-not-answer = Odoo did not answer; the next run tries again.
note-no-write-access = You may not write on Odoo contact { $contact }; ask your Odoo administrator for access.
note-refused = Odoo refuses this mail (“{ $reason }”). Trying again unchanged will not help: retry it once something changed, or skip it.
note-key-refused = Odoo refused the stored key; connect Odoo again, then the next run files it.
note-not-confirmed = Filed, but Odoo stopped answering before it was checked; the next run checks it.
note-not-found-when-checked = Posted, but Odoo did not show it when checked; the next run checks again.
note-not-moved = Filed, but not moved to Deleted Items; the next run moves it.
note-attachment-over-limit = Attachment { $name } ({ $mb } MB) left out: it is over the limit of { $limit_mb } MB.
note-attachment-is-link = Attachment { $name } left out: it is a link to a cloud file, not a file.
note-attachment-refused = Attachment { $name } left out: Odoo refused it (“{ $reason }”).
note-left-the-folder = Taken out of the transfer folder before it was filed, so it was not filed.
note-skipped-by-person = Skipped as you chose; it stays in the transfer folder.
note-on-opportunity = On the opportunity: { $note }

## What happened to one event (crates/core/src/calendar/notes.rs, EventNote)

cal-created = Created in Odoo.
cal-joined-colleague = A colleague's connector had created it already; you were added to that event.
cal-updated = Changed in Outlook; updated in Odoo.
cal-overwrote = Changed in Outlook; updated in Odoo. Changed in Odoo meanwhile and overwritten, since Outlook leads: { $fields }.
cal-created-again = It had been deleted in Odoo; created again, since Outlook leads.
cal-private = A private event; skipped (setting “skip private events”).
cal-cancelled-not-imported = Cancelled in Outlook; not imported.
cal-cancelled-archived = Cancelled in Outlook; archived in Odoo.
cal-cancelled-left = Cancelled in Outlook; left in Odoo as it is (setting “archive cancelled events” is off).
cal-removed-left = Gone from your Outlook calendar; left in Odoo as it is (setting “archive cancelled events” is off).
cal-removed-left-meeting = Deleted from your Outlook calendar; you no longer attend it in Odoo.
cal-removed-archived = Deleted in Outlook by you as its organizer; archived in Odoo.
cal-moved-outside = Moved outside the synced dates; left in Odoo as it was.
cal-bad-time = Skipped: its time cannot be read ({ $problem }). Open it in Outlook and save it again with a time zone.
cal-unreadable = Skipped: Outlook sent it in a form that cannot be read ({ $problem }).
cal-attendees-listed = { $count ->
    [one] One attendee has no contact in Odoo; listed in the description.
   *[other] { $count } attendees have no contact in Odoo; listed in the description.
}
cal-odoo-did-not-answer = Odoo did not answer; the next run tries again.
cal-refused = Odoo refused it (“{ $reason }”); the next run tries again.
cal-no-subject = (no subject)
cal-attendees-heading = Attendees without a contact in Odoo:

## What happened to one contact (crates/core/src/contacts/notes.rs)

ct-created = Created in Outlook.
ct-relinked = Found in Outlook (made by the connector before, e.g. on another computer); linked and brought up to date.
ct-updated = Changed in Odoo; updated in Outlook.
ct-overwrote = Edited in Outlook; Odoo's values written back, since Odoo leads: { $fields }.
ct-created-again = Deleted in Outlook while you still follow it in Odoo; created again.
ct-deleted = No longer followed in Odoo; moved to Deleted Items in Outlook.
ct-left-alone = No longer followed in Odoo; left in Outlook and no longer updated.
ct-too-many-addresses = Outlook keeps three e-mail addresses; the first three of { $count } were taken.
ct-phone-with-letters = The phone number { $phone } has letters; copied as it is.
ct-no-country = The address has no country.
ct-refused = Outlook refused it ({ $status }: { $message }); the next run tries again.
ct-not-exported = { $reason ->
    [no_email] Followed in Odoo, but left out: it has no e-mail address (option “Only contacts with an e-mail address”).
    [company] Followed in Odoo, but left out: it is a company (option “Include companies” is off).
    [archived] Followed in Odoo, but left out: it is archived there.
    [only_created] Followed only because you created it in Odoo; left out (option “Also export contacts you create in Odoo” is off).
   *[other] Not exported.
}
ct-demo-run = Contacts: the Odoo contacts you follow go into your Outlook address book (“Sync now”):
ct-summary = { $contacts ->
    [one] 1 contact
   *[other] { $contacts } contacts
} → { $created } new in Outlook, { $updated } updated, { $deleted } deleted
cal-demo-run = Calendar: the Outlook events from { $start } on go into Odoo's calendar (“Sync now”):
cal-no-start-date = The calendar has no start date yet: choose from which date on your Outlook events go into Odoo (today or a day in the past).
cal-start-date-in-future = The calendar's start date { $date } lies in the future: choose today or a day in the past.
cal-odoo-syncs-outlook = Odoo's own Outlook calendar sync is switched on for your Odoo user. Two syncs of one calendar duplicate meetings, so the calendar job does not run: stop Odoo's sync in your Odoo preferences (Calendar → Outlook), or leave the calendar to it.
cal-not-installed = Odoo has no Calendar app installed, so there is nowhere to put your events.
cal-prepare-will-create = This creates the field { $field } on { $model } in Odoo (text, indexed), where the connectors of all colleagues keep each meeting's Outlook id, so a meeting several people attend is one Odoo event. Nothing else changes.
cal-prepare-nothing-to-do = Nothing to do: the field { $field } exists already; every connector keeps each meeting's Outlook id there.
cal-prepare-done = Created the field { $field }. Every connector finds meetings by it from its next run on.
cal-prepare-needs-admin = Only an Odoo administrator may create fields. Ask one to run “office-connector odoo prepare”; until then meetings are matched by name, start and end.
cal-summary = { $events ->
    [one] 1 event
   *[other] { $events } events
} → { $created } new in Odoo, { $updated } updated, { $linked } already there from a colleague{ $archived ->
    [0] {""}
   *[other] , { $archived } archived
}{ $skipped ->
    [0] {""}
   *[other] , { $skipped } skipped
}{ $failed ->
    [0] {""}
   *[other] , { $failed } failed
}

## The Contacts page's list and following from the connector (crates/core/src/contacts/directory_texts.rs)

ctd-no-contacts-chosen = Choose at least one contact to follow or unfollow.
ctd-unknown-contacts = Odoo has no contact with the id { $ids } that you may see. Take the ids the list of contacts shows.
ctd-not-an-id = "{ $input }" is not an Odoo contact id. Give the numbers the list of contacts shows.
ctd-followed = You follow { $count ->
    [one] this contact
   *[other] these { $count } contacts
} in Odoo now. { $job ->
    [on] The next contacts sync puts them into your Outlook address book.
   *[off] Switch the contacts sync on to have them in your Outlook address book.
}
ctd-unfollowed = You no longer follow { $count ->
    [one] this contact
   *[other] these { $count } contacts
} in Odoo. { $delete ->
    [yes] The next contacts sync moves them to Deleted Items in Outlook.
   *[no] Contacts already in Outlook stay there and are no longer updated.
}
ctd-refused = Odoo left { $count ->
    [one] 1 contact
   *[other] { $count } contacts
} as they were: you may not read them in Odoo. Ask your Odoo administrator for access.
ctd-count = { $shown } of { $total ->
    [one] 1 contact
   *[other] { $total } contacts
}
ctd-columns = Id      Name · e-mail · company → status
ctd-state-exported = in Outlook
ctd-state-exported-customer = in Outlook as your customer (you are the salesperson)
ctd-state-next-sync = followed; the next sync puts it into Outlook
ctd-state-next-sync-customer = your customer; the next sync puts it into Outlook
ctd-state-not-exported = followed, not exported
ctd-state-not-followed = not followed
ctd-reason-only-created = you follow it only because you created it (“Also export contacts you create in Odoo” is off)
ctd-reason-no-email = it has no e-mail address (“Only contacts with an e-mail address” is on)
ctd-reason-company = it is a company (“Include companies, not only people” is off)
ctd-reason-archived = it is archived in Odoo
ctd-salesperson = you are its salesperson

## The settings window (ui/): `t("status.intervalMinutes")` reads `ui-status-intervalMinutes`

ui-app-title = Office Connector
ui-app-subtitle = Microsoft 365 ↔ Odoo

ui-nav-label = Pages
ui-nav-status = Status
ui-nav-mail = Mail
ui-nav-calendar = Calendar
ui-nav-contacts = Contacts
ui-nav-logs = Logs
ui-nav-settings = Settings

ui-language-label = Language
ui-language-de = Deutsch
ui-language-en = English
ui-language-system = System language ({ $language })
ui-language-hint = With the system language, the app follows your computer's language setting.

ui-common-loading = Loading…
ui-common-refresh = Refresh
ui-common-none = —
ui-common-technical = Technical details
ui-common-allRuns = All runs in the log

ui-error-title = Something went wrong
ui-error-unexpected = The app could not reach its background service.
ui-error-code = Error code: { $code }
ui-error-retry = Try again

ui-job-mail = Mail
ui-job-calendar = Calendar
ui-job-contacts = Contacts

ui-jobState-not_set_up = Not set up
ui-jobState-on = On
ui-jobState-paused = Timer off

ui-outcome-success = Success
ui-outcome-needs_attention = Needs attention
ui-outcome-incomplete = Incomplete
ui-outcome-failed = Failed
ui-outcome-running = Running

ui-itemOutcome-filed = Filed
ui-itemOutcome-linked = Linked
ui-itemOutcome-created = Created
ui-itemOutcome-updated = Updated
ui-itemOutcome-deleted = Deleted
ui-itemOutcome-waiting = Waiting for a decision
ui-itemOutcome-unassigned = Unassigned
ui-itemOutcome-skipped = Skipped
ui-itemOutcome-failed = Failed
ui-itemOutcome-refused = Refused by Odoo

ui-trigger-manual = By hand
ui-trigger-timer = Timer
ui-trigger-cli = Command line

ui-account-microsoft = Microsoft 365
ui-account-odoo = Odoo

ui-accountState-connected = Connected
ui-accountState-needs_sign_in = Sign in again
ui-accountState-not_connected = Not connected

ui-account-noIdentity = No account connected yet

ui-status-heading = Status
ui-status-intro = What the connector does for you, and when it runs next.
ui-status-jobs = Sync jobs
ui-status-accounts = Accounts
ui-status-noJobs = No sync job exists yet.
ui-status-state = State
ui-status-interval = Interval
ui-status-intervalMinutes = Every { $minutes } min
ui-status-lastRun = Last run
ui-status-nextRun = Next run
ui-status-never = Never
ui-status-notScheduled = Not scheduled
ui-status-setup-mail = To set up: connect Odoo and Microsoft 365, then choose an incoming and an outgoing transfer folder on the Mail page.
ui-status-setup-calendar = To set up: connect Odoo and Microsoft 365, then choose from which date on your Outlook events go to Odoo on the Calendar page.
ui-status-setup-contacts = To set up: connect Odoo and Microsoft 365, then choose which Odoo contacts go into your Outlook address book on the Contacts page.

ui-mail-heading = Mail
ui-mail-intro = Mails you put into your transfer folders in Outlook are filed once in the chatter of the matching Odoo contact.
ui-mail-later = This page will hold your incoming and outgoing transfer folders, the mail options, the decisions waiting for you when an address belongs to several contacts, unknown addresses, and the latest mail runs.

ui-calendar-heading = Calendar
ui-calendar-intro = Your Outlook events from a start date on become Odoo events and follow later changes. Nobody gets an invitation mail from Odoo because of it.
ui-calendar-start-heading = Start date
ui-calendar-start-label = Sync events from this date on
ui-calendar-start-hint = Your Outlook events from this day on go into Odoo, and so do later changes to them. Choose today or a day in the past.
ui-calendar-start-missing = Choose a start date first: the calendar does not run without one.
ui-calendar-start-invalid = Enter a complete date: day, month and year.
ui-calendar-start-future = The start date cannot lie in the future: choose today or a day in the past.
ui-calendar-start-askAdmin = Your administrator sets the start date; ask them to change it.
ui-calendar-run-heading = Sync
ui-calendar-run-syncNow = Sync now
ui-calendar-run-preview = Preview
ui-calendar-run-running = Syncing the calendar…
ui-calendar-run-previewing = Preparing the preview…
ui-calendar-run-progress = { $done ->
    [one] 1 event so far
   *[other] { $done } events so far
}
ui-calendar-run-previewHeading = Preview
ui-calendar-run-doneHeading = Last sync
ui-calendar-run-previewNote = Nothing was written: no event in Odoo was created, changed or archived.
ui-calendar-run-nothing = No event to sync: nothing changed in your Outlook calendar since the last run.
ui-calendar-run-incomplete = Part of your calendar could not be read or written; the next run tries again.
ui-calendar-run-col-event = Event
ui-calendar-run-col-when = When
ui-calendar-run-col-outcome = Outcome
ui-calendar-run-col-detail = Details
ui-calendar-noSubject = (no subject)
ui-calendar-options-heading = Options
ui-calendar-timer-heading = Timer
ui-calendar-timer-needsStart = The timer can be switched on once the start date is set.
ui-calendar-runs-heading = Latest calendar runs
ui-calendar-runs-empty = The calendar has not been synced yet.

ui-contacts-heading = Contacts
ui-contacts-intro = Odoo contacts you follow go into your Outlook address book and stay up to date. Contacts you created in Outlook are never touched.
ui-contacts-switch-heading = Contacts sync
ui-contacts-switch-what = When it is on, the connector writes the Odoo contacts you follow into your Outlook address book ({ $folder ->
    [own] in a folder “Odoo”
   *[main] in your main Contacts folder
}) and keeps them up to date from Odoo. It never changes Odoo's contacts, and never touches the contacts you made in Outlook yourself.
ui-contacts-switch-off = The contacts sync is off: nothing is written into Outlook until you switch it on.
ui-contacts-options-heading = Options
ui-contacts-run-heading = Sync
ui-contacts-run-syncNow = Sync now
ui-contacts-run-preview = Preview
ui-contacts-run-running = Syncing contacts…
ui-contacts-run-previewing = Preparing the preview…
ui-contacts-run-previewHeading = Preview
ui-contacts-run-doneHeading = Last sync
ui-contacts-run-previewNote = Nothing was written: no contact in Outlook was created, changed or deleted.
ui-contacts-run-nothing = Nothing to do: your Outlook address book already matches what you follow in Odoo.
ui-contacts-run-incomplete = Part of the contacts could not be read or written; the next run tries again.
ui-contacts-run-needsSwitch = Switch the contacts sync on first: it writes into your Outlook address book.
ui-contacts-run-col-contact = Contact
ui-contacts-run-col-outcome = Outcome
ui-contacts-run-col-detail = Details
ui-contacts-list-heading = Odoo contacts
ui-contacts-list-intro = Following a contact in Odoo puts it into your Outlook address book. Follow or unfollow here, one or many at once; Odoo shows the same.
ui-contacts-list-customers = The contacts whose salesperson you are go into Outlook too, without following them (option “Export all customers you are the salesperson of”).
ui-contacts-list-search = Search by name or e-mail
ui-contacts-list-filter = Show
ui-contacts-list-filter-all = All contacts
ui-contacts-list-filter-followed = Followed
ui-contacts-list-filter-exported = In Outlook
ui-contacts-list-filter-followed_not_exported = Followed, not in Outlook
ui-contacts-list-filter-not_followed = Not followed
ui-contacts-list-filter-has_email = With e-mail address
ui-contacts-list-count = { $shown } of { $total ->
    [one] 1 contact
   *[other] { $total } contacts
}
ui-contacts-list-empty = No contact matches.
ui-contacts-list-selectAll = Select all shown
ui-contacts-list-select = Select { $name }
ui-contacts-list-selected = { $count ->
    [0] Nothing selected
    [one] 1 selected
   *[other] { $count } selected
}
ui-contacts-list-follow = Follow
ui-contacts-list-unfollow = Unfollow
ui-contacts-list-working = Telling Odoo…
ui-contacts-list-previous = Previous page
ui-contacts-list-next = Next page
ui-contacts-list-col-name = Name
ui-contacts-list-col-email = E-mail
ui-contacts-list-col-company = Company
ui-contacts-list-col-status = Status
ui-contacts-list-company = Company
ui-contacts-list-archived = archived
ui-contacts-state-exported = In Outlook
ui-contacts-state-exportedCustomer = In Outlook as your customer
ui-contacts-state-next_sync = Followed; goes into Outlook with the next sync
ui-contacts-state-nextSyncCustomer = Your customer; goes into Outlook with the next sync
ui-contacts-state-not_exported = Followed, not in Outlook
ui-contacts-state-not_followed = Not followed
ui-contacts-state-salesperson = You are its salesperson
ui-contacts-reason-only_created = you follow it only because you created it
ui-contacts-reason-no_email = it has no e-mail address
ui-contacts-reason-company = companies are left out
ui-contacts-reason-archived = it is archived in Odoo
ui-contacts-runs-heading = Latest contacts runs
ui-contacts-runs-empty = The contacts have not been synced yet.

ui-logs-heading = Logs
ui-logs-intro = Every run and what it did with each item, newest first.
ui-logs-filters = Filter runs
ui-logs-filter-job = Job
ui-logs-filter-outcome = Outcome
ui-logs-filter-text = Search summaries
ui-logs-filter-all = All
ui-logs-count = { $shown } of { $total } runs
ui-logs-empty = No run has happened yet.
ui-logs-noMatch = No run matches these filters.
ui-logs-col-started = Started
ui-logs-col-job = Job
ui-logs-col-outcome = Outcome
ui-logs-col-summary = Summary
ui-logs-details-heading = Run { $id }
ui-logs-details-pick = Choose a run to see what it did.
ui-logs-details-trigger = Started by
ui-logs-details-started = Started
ui-logs-details-finished = Finished
ui-logs-details-stillRunning = Still running
ui-logs-details-counts = Counts
ui-logs-details-events = Items
ui-logs-details-noEvents = This run touched no items.
ui-logs-details-close = Close details

ui-settings-heading = Settings
ui-settings-intro = Your personal options for this computer.
ui-settings-later = This page will also hold the connections to Odoo and Microsoft 365 with a connection test, and the sync interval of each job, within the limits your administrator set.

ui-nav-setup = Setup

ui-setup-heading = Set up connections
ui-setup-intro = Three steps: your Odoo account, your Microsoft 365 mailbox, and the folders whose mails go to Odoo.
ui-setup-steps = Setup steps
ui-setup-step-odoo = Odoo
ui-setup-step-microsoft = Microsoft 365
ui-setup-step-folders = Transfer folders
ui-setup-stepOf = Step { $n } of { $total }
ui-setup-stepDone = done
ui-setup-next = Next
ui-setup-back = Back
ui-setup-finish = Finish
ui-setup-done-heading = You are set up
ui-setup-done-text = Odoo and Microsoft 365 are connected and your transfer folders are chosen. The Status page shows when they are checked next.
ui-setup-done-status = Go to Status
ui-setup-prompt-title = Not set up yet
ui-setup-prompt-text = Connect Odoo and Microsoft 365 and choose your transfer folders. It takes a few minutes.
ui-setup-prompt-action = Start setup

ui-common-yes = Yes
ui-common-no = No
ui-common-installed = Installed
ui-common-notInstalled = Not installed

ui-setup-odoo-heading = Connect your Odoo account
ui-setup-odoo-intro = The connector signs in as your own Odoo user, so it works with Odoo Online, Odoo.sh and your own server alike. Nothing is installed on the server.
ui-setup-odoo-url = Odoo address
ui-setup-odoo-url-hint = The address you open Odoo with, e.g. mycompany.odoo.com. Pasting it from the browser, with /odoo or /web at the end, is fine.
ui-setup-odoo-url-missing = Enter the address of your Odoo.
ui-setup-odoo-url-invalid = This does not look like a web address. Enter it like mycompany.odoo.com.
ui-setup-odoo-db = Database
ui-setup-odoo-db-detect = Find databases
ui-setup-odoo-db-detecting = Looking for databases…
ui-setup-odoo-db-hint = Most servers have one database, which is found for you. If the server hides its list, type the name your administrator gave you.
ui-setup-odoo-db-choose = Choose a database
ui-setup-odoo-db-auto = Detect automatically
ui-setup-odoo-db-found = { $count } databases found on this server.
ui-setup-odoo-db-typeInstead = Type the name instead
ui-setup-odoo-db-pickFromList = Choose from the list
ui-setup-odoo-login = Login
ui-setup-odoo-login-hint = Usually your e-mail address.
ui-setup-odoo-login-missing = Enter your Odoo login.
ui-setup-odoo-secret = API key
ui-setup-odoo-secret-missing = Enter your API key (or your password).
ui-setup-odoo-secret-why = API key or password?
ui-setup-odoo-secret-explain = An API key works like your password, but for the connector only: you can revoke it at any time without changing your password, and nobody can sign in to the Odoo website with it. Your password works too, but we recommend a key.
ui-setup-odoo-secret-where = To create one in Odoo: click your picture at the top right → My Profile (or Preferences) → Account Security → New API Key. Name it e.g. "Office Connector", confirm with your password and copy the key shown.
ui-setup-odoo-secret-password = This looks like a password rather than an API key. It works, but an API key is safer.
ui-setup-odoo-test = Test and connect
ui-setup-odoo-testing = Connecting to Odoo…
ui-setup-odoo-result = Connected to Odoo
ui-setup-odoo-user = User
ui-setup-odoo-version = Version
ui-setup-odoo-database = Database
ui-setup-odoo-calendar = Calendar
ui-setup-odoo-crm = CRM
ui-setup-odoo-already = Already connected as { $user }. Connect again to change it, or go on.
ui-setup-ms-heading = Sign in to Microsoft 365
ui-setup-ms-intro = The connector reaches your mailbox with your own Microsoft sign-in. Your administrator registers the app once; you need its two IDs.
ui-setup-ms-register = How to register the app (for administrators)
ui-setup-ms-register-1 = In the Microsoft Entra admin center (entra.microsoft.com) open App registrations → New registration. Give it a name such as "Odoo Office Connector" and choose accounts in this organizational directory only.
ui-setup-ms-register-2 = Under Authentication → Add a platform, choose "Mobile and desktop applications" and enter the redirect URI { $redirect }. Microsoft ignores the port of localhost addresses, so this one entry is enough.
ui-setup-ms-register-3 = Set "Allow public client flows" to Yes (needed for the sign-in with a code). This registration needs no client secret.
ui-setup-ms-register-4 = Under API permissions add these delegated Microsoft Graph permissions: { $scopes }. Grant admin consent if your organization requires it.
ui-setup-ms-register-5 = Copy the Application (client) ID and the Directory (tenant) ID from the Overview page into the fields below.
ui-setup-ms-registerWeb = Registered as a Web app already (older setup)?
ui-setup-ms-registerWeb-text = An app registered as Web, with a redirect ending in /office365/authorization on your Odoo server, works too: add { $redirect } as another Web redirect URI and enter its client secret below. Mixing the two up makes Microsoft answer AADSTS7000218 (a Web app without its secret) or AADSTS700025 (a secret sent for a desktop app).
ui-setup-ms-clientId = Application (client) ID
ui-setup-ms-clientId-hint = Looks like 00000000-0000-0000-0000-000000000000; on the app's Overview page.
ui-setup-ms-clientId-missing = Enter the application (client) ID.
ui-setup-ms-clientId-invalid = An application ID looks like 00000000-0000-0000-0000-000000000000: 32 letters and digits in five groups.
ui-setup-ms-tenant = Directory (tenant)
ui-setup-ms-tenant-hint = Keep organizations for any work or school account, or enter your directory (tenant) ID or domain.
ui-setup-ms-tenant-invalid = Enter a directory (tenant) ID, a domain such as contoso.com, or organizations.
ui-setup-ms-web = The app is registered as Web (older setup) and has a client secret
ui-setup-ms-secret = Client secret
ui-setup-ms-secret-hint = The secret's value, not its ID. It is kept in your system's keyring, never in a file.
ui-setup-ms-secret-missing = A Web registration needs its client secret.
ui-setup-ms-signIn = Sign in with the browser
ui-setup-ms-deviceCode = Sign in with a code instead
ui-setup-ms-deviceCode-hint = For computers without a browser: you enter a code on another device.
ui-setup-ms-waitingBrowser = Waiting for the browser… Finish the sign-in in the browser window that opened, then come back here.
ui-setup-ms-waitingCode = Open { $url } on any device and enter this code:
ui-setup-ms-codeLabel = Your code
ui-setup-ms-waitingCodeAfter = Waiting for you to enter the code…
ui-setup-ms-cancel = Cancel sign-in
ui-setup-ms-cancelled = The sign-in was cancelled. You can start it again.
ui-setup-ms-testing = Checking your mailbox…
ui-setup-ms-result = Signed in to Microsoft 365
ui-setup-ms-upn = Signed in as
ui-setup-ms-mailbox = Mailbox
ui-setup-ms-reachable = Reachable
ui-setup-ms-unreachable = Not reachable
ui-setup-ms-already = Already signed in as { $upn }. Sign in again to change it, or go on.
ui-setup-folders-heading = Choose your transfer folders
ui-setup-folders-intro = Mails you put into the incoming folder are filed in Odoo with their sender, mails in the outgoing folder with their recipients. Outlook rules or drag and drop fill them.
ui-setup-folders-incoming = Incoming folder
ui-setup-folders-outgoing = Outgoing folder
ui-setup-folders-none = Not chosen yet
ui-setup-folders-target = Choosing now
ui-setup-folders-tree = Folders in your mailbox
ui-setup-folders-treeHint = Click a folder to use it as the { $target }.
ui-setup-folders-loading = Loading folders…
ui-setup-folders-expand = Show subfolders of { $name }
ui-setup-folders-collapse = Hide subfolders of { $name }
ui-setup-folders-counts = { $unread } unread · { $total } total
ui-setup-folders-create = Or create a new folder directly under your mailbox
ui-setup-folders-createName = Name of the new { $target }
ui-setup-folders-createButton = Create and use
ui-setup-folders-creating = Creating…
ui-setup-folders-nameMissing = Enter a name for the new folder.
ui-setup-folders-existing = “{ $name }” already exists in your mailbox, so that folder is used rather than a second one.
ui-setup-folders-same = The incoming and the outgoing folder must be two different folders.
ui-setup-folders-missing = Choose an incoming and an outgoing folder.
ui-setup-folders-chosen = { $target }: { $path }
ui-setup-target-incoming = incoming folder
ui-setup-target-outgoing = outgoing folder

ui-test-heading = Connection test
ui-test-intro = Checks both connections now, with what is stored on this computer.
ui-test-run = Test connections
ui-test-running = Testing…
ui-test-notRun = Not tested yet.
ui-test-ok = Working
ui-test-problem = Problem
ui-test-notConnected = Not connected
ui-test-needsSignIn = Sign in again
ui-test-server = Server
ui-test-tenant = Directory

ui-settings-connections = Connections
ui-settings-setup = Open the setup wizard
ui-settings-setupHint = The setup wizard connects Odoo and Microsoft 365 and chooses your transfer folders.
ui-settings-options = Options
ui-settings-group-general = General
ui-settings-group-mail = Mail
ui-settings-group-calendar = Calendar
ui-settings-group-contacts = Contacts
ui-settings-group-advanced = Advanced
ui-settings-advancedHint = Only change these when your administrator asks you to, e.g. for a national cloud.
ui-settings-locked = Set by your administrator
ui-settings-saved = Saved
ui-settings-reset = Use default
ui-settings-minutes = minutes
ui-settings-megabytes = MB
ui-settings-notSet = Not set

ui-setting-general-notify_every_run = Also notify me after every run that filed or changed something
ui-setting-mail-sync_interval_minutes = Check the transfer folders every
ui-setting-mail-delete_after_transfer = Delete mails from the transfer folder after they were filed
ui-setting-mail-attachment_limit_mb = Leave out attachments larger than
ui-setting-mail-file_on_opportunity = Also file on the contact's only open opportunity
ui-setting-mail-include_colleagues = File mails to and from colleagues too
ui-setting-calendar-sync_interval_minutes = Sync the calendar every
ui-setting-calendar-start_date = Sync events from this date on
ui-setting-calendar-enabled = Sync the calendar on a timer
ui-setting-calendar-skip_private = Leave private events out of Odoo
ui-setting-calendar-archive_cancelled = Archive events in Odoo that were cancelled or deleted in Outlook
ui-setting-contacts-sync_interval_minutes = Sync contacts every
ui-setting-contacts-delete_after_unfollow = Delete the Outlook contact when you unfollow it in Odoo
ui-setting-contacts-sync_salutations = Copy salutations (Mr, Ms, Dr …)
ui-setting-contacts-sync_photos = Copy contact photos
ui-setting-contacts-backlink_to_odoo = Put a link to the Odoo contact into the web page field
ui-setting-contacts-auto_export_new = Also export contacts you create in Odoo
ui-setting-contacts-export_all_my_customers = Export all customers you are the salesperson of
ui-setting-contacts-enabled = Sync contacts on a timer
ui-setting-contacts-only_with_email = Only contacts with an e-mail address
ui-setting-contacts-include_companies = Include companies, not only people
ui-setting-contacts-sync_categories = Copy Odoo tags as Outlook categories
ui-setting-contacts-own_folder = Put the contacts into a folder “Odoo” instead of the main Contacts folder
ui-setting-microsoft-authority_url = Microsoft sign-in address
ui-setting-microsoft-graph_url = Microsoft Graph address

ui-settingHint-mail-delete_after_transfer = A mail leaves the folder only after Odoo confirmed it; it goes to Deleted Items.
ui-settingHint-calendar-skip_private = Off: private events go into Odoo, marked as private.
ui-settingHint-calendar-archive_cancelled = Off: such events stay in Odoo as they are.

ui-mail-cancel = Cancel
ui-mail-noSubject = (no subject)
ui-mail-waitingMails = Mails waiting in the transfer folder ({ $count }):
ui-mail-contact-lastActivity = Last change in Odoo: { $when }
ui-mail-folders-heading = Transfer folders
ui-mail-folders-change = Change
ui-mail-folders-changeFor = Change the { $target }
ui-mail-folders-pick = Choose the { $target }
ui-mail-folders-hint = Mails already filed are not filed again when you switch to another folder.
ui-mail-run-heading = Transfer
ui-mail-run-syncNow = Sync now
ui-mail-run-preview = Preview
ui-mail-run-running = Filing mails…
ui-mail-run-previewing = Preparing the preview…
ui-mail-run-progress = { $done } of { $total }
ui-mail-run-notSetUp = Choose both transfer folders first.
ui-mail-run-previewHeading = Preview
ui-mail-run-doneHeading = Last transfer
ui-mail-run-previewNote = Nothing was written: no entry in Odoo, no mail moved.
ui-mail-run-nothing = There are no mails in the transfer folders.
ui-mail-run-col-subject = Subject
ui-mail-run-col-outcome = Outcome
ui-mail-run-col-detail = Details
ui-mail-run-contacts = Contacts: { $count }
ui-mail-refused-heading = Refused by Odoo
ui-mail-refused-intro = Odoo refuses these mails as they are, so trying again unchanged does not help. They stay in the transfer folder. Retry a mail once something changed (for example after your Odoo administrator removed the cause), or skip it to leave it unfiled.
ui-mail-refused-retry = Retry
ui-mail-refused-skip = Skip
ui-mail-decisions-heading = Decisions
ui-mail-decisions-intro = These addresses belong to several Odoo contacts. Choose who gets the mails; your choice is remembered for later mails from and to that address.
ui-mail-decisions-empty = No decisions are waiting for you.
ui-mail-decide-why = { $count } contacts share this address.
ui-mail-decide-candidates = Contacts with the address { $address }
ui-mail-decide-fileOn = File on the selected contacts ({ $count })
ui-mail-decide-none = On none of them
ui-mail-decide-remembered = Remembered for { $address }. The next transfer files the waiting mails.
ui-mail-decide-rememberedNone = Remembered: mails with { $address } are filed on nobody.
ui-mail-unassigned-heading = Unassigned
ui-mail-unassigned-intro = No Odoo contact has these addresses. The mails stay in the transfer folder until you decide.
ui-mail-unassigned-empty = Every address has a contact.
ui-mail-unassigned-create = Create contact in Odoo
ui-mail-unassigned-pick = Pick an existing contact
ui-mail-unassigned-ignore = Ignore this address from now on
ui-mail-unassigned-createFor = New Odoo contact for { $address }
ui-mail-unassigned-name = Name
ui-mail-unassigned-email = E-mail
ui-mail-unassigned-company = Company
ui-mail-unassigned-companyHint = Suggested from the domain { $domain }; leave it empty for a private person.
ui-mail-unassigned-createNow = Create contact
ui-mail-unassigned-created = { $name } was created in Odoo for { $address }. The next transfer files the waiting mails.
ui-mail-pick-search = Search Odoo contacts
ui-mail-pick-placeholder = Name, company or e-mail
ui-mail-pick-find = Search
ui-mail-pick-noMatch = No active contact matches “{ $query }”.
ui-mail-pick-results = Contacts found for { $address }
ui-mail-choices-heading = Remembered choices
ui-mail-choices-intro = Addresses you decided on before. Later mails follow these choices.
ui-mail-choices-empty = You have not decided on any address yet.
ui-mail-choices-nobody = Nobody (ignored)
ui-mail-choices-change = Change
ui-mail-choices-changeFor = Change the choice for { $address }
ui-mail-choices-contactId = Contact { $id }
ui-mail-options-heading = Options
ui-mail-runs-heading = Latest transfers
ui-mail-runs-empty = The mail transfer has not run yet.
