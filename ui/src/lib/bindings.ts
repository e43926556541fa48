// IPC types shared with the Rust side; serde writes them as snake_case JSON.

// ---- GENERATED from the Rust types of src-tauri: do not edit by hand ----
// Made by src-tauri/src/bindings.rs from the shell's command types and the core's enums. After
// changing those types, regenerate with
//   UPDATE_BINDINGS=1 cargo nextest run -p office-connector-desktop -E 'test(bindings)'
// A test fails while this part and the Rust types differ.

/** A sync job: one per direction of data flow. */
export type Job = "mail" | "calendar" | "contacts";

/** What started a run. */
export type RunTrigger = "manual" | "timer" | "cli";

/** How a run ended (`running` while it is still going). */
export type RunOutcome = "success" | "needs_attention" | "incomplete" | "failed" | "running";

/** What happened to one item in a run. */
export type ItemOutcome = "filed" | "linked" | "created" | "updated" | "deleted" | "waiting" | "unassigned" | "skipped" | "failed" | "refused";

/** Which remote an account belongs to. */
export type AccountKind = "microsoft" | "odoo";

/** A UI language. */
export type Language = "de" | "en";

/** Whether an account can be used right now. */
export type AccountState = "connected" | "needs_sign_in" | "not_connected";

/** One run as the Logs and Status pages list it. */
export type RunSummary = {
  /** The run's number. */
  id: number;
  /** The job. */
  job: Job;
  /** What started it. */
  trigger: RunTrigger;
  /** When it started. */
  started_at: string;
  /** When it ended; none while it runs. */
  finished_at: string | null;
  /** `success`, `needs_attention`, `incomplete`, `failed`, or `running`. */
  outcome: RunOutcome;
  /** One line: the error, else the run's notes, else its counts, in the user's language. */
  summary: string;
  /** Items per outcome. */
  counts: Record<string, number>;
};

/** One item's outcome in a run. */
export type RunEvent = {
  /** When it was recorded. */
  at: string;
  /** The item's stable key. */
  item_key: string | null;
  /** What a person recognises it by. */
  subject: string | null;
  /** What happened. */
  outcome: ItemOutcome;
  /** Why, in the user's words. */
  detail: string | null;
  /** The error behind the detail as the software saw it (for support; the window folds it away). */
  technical: string | null;
};

/** A run with its item outcomes (`show_run`). */
export type RunDetails = {
  /** The run. */
  run: RunSummary;
  /** Its items, in the order recorded. */
  events: Array<RunEvent>;
};

/** One job on the Status page. */
export type JobStatus = {
  /** The job. */
  job: Job;
  /** Set up: accounts connected and its inputs chosen, so "Sync now" runs it (its timer may be switched off). */
  configured: boolean;
  /** Its timer is on and not paused. */
  enabled: boolean;
  /** Minutes between timed runs (clamped to the policy minimum); none while not set up. */
  interval_minutes: number | null;
  /** The newest run. */
  last_run: RunSummary | null;
  /** When the timer runs it next; none while no timer is on for it. */
  next_run_at: string | null;
};

/** One account on the Status page. */
export type AccountStatus = {
  /** Microsoft or Odoo. */
  kind: AccountKind;
  /** Who is signed in. */
  identity: string | null;
  /** Whether the account can be used. */
  state: AccountState;
};

/** What the Status page shows (`status`). */
export type AppStatus = {
  /** Mail, calendar, contacts. */
  jobs: Array<JobStatus>;
  /** Microsoft, then Odoo. */
  accounts: Array<AccountStatus>;
  /** The user paused the timers. */
  paused: boolean;
  /** Whether "Sync now" can run anything. */
  can_sync_now: boolean;
  /** The app runs in demo mode. */
  demo: boolean;
};

/** Which runs `list_runs` returns; every field optional. */
export type RunFilter = {
  /** Only this job. */
  job?: Job;
  /** Only this outcome (`running` is not a stored outcome and matches nothing). */
  outcome?: RunOutcome;
  /** Only runs mentioning this text. */
  text?: string;
  /** At most this many, newest first. */
  limit?: number;
};

/** The settings the window reads (`get_settings`). */
export type Settings = {
  /** The saved UI language; none follows the OS. */
  language: Language | null;
};

/** What a person enters to connect Odoo (`connect_odoo`); `secret` is the API key or password. */
export type OdooConnectRequest = {
  /** The address as pasted. */
  url: string;
  /** Null: the backend uses the one in the address or the only one on the server. */
  db: string | null;
  /** The login, usually the e-mail address. */
  login: string;
  /** The API key (or password). */
  secret: string;
};

/** The connected Odoo user, as stored in the accounts table (no secret in here). */
export type OdooAccount = {
  /** The normalised base URL. */
  url: string;
  /** The database. */
  db: string;
  /** The login. */
  login: string;
  /** The user id. */
  uid: number;
  /** The user's name. */
  name: string;
  /** The user's partner (author of posted messages, attendee of events). */
  partner_id: number;
  /** The user's time zone, e.g. "Europe/Berlin" (none when unset in Odoo). */
  tz: string | null;
  /** The user's language, e.g. "de_DE". */
  lang: string | null;
  /** The server version text, e.g. "17.0". */
  version: string;
  /** The major version, 16–19. */
  version_major: number;
  /** Whether Calendar is installed. */
  calendar_installed: boolean;
  /** Whether CRM is installed. */
  crm_installed: boolean;
};

/** The result of connecting Odoo. */
export type OdooConnection = {
  /** What was stored (no secret). */
  account: OdooAccount;
  /** Whether a password was given where an API key is recommended. */
  used_password: boolean;
  /** What to tell the user, in their language (includes the API key advice if needed). */
  message: string;
};

/** The Odoo half of the connection test, as the wizard and `office-connector test` show it. */
export type OdooCheck = {
  /** Whether an Odoo account is stored. */
  connected: boolean;
  /** The server's base URL. */
  url: string | null;
  /** The database. */
  database: string | null;
  /** The login. */
  login: string | null;
  /** Whether the server answered (none: not tried). */
  reachable: boolean | null;
  /** Whether the stored key was accepted (none: not tried). */
  login_ok: boolean | null;
  /** The server version, e.g. "17.0" (as of `known_at`). */
  version: string | null;
  /** The user's name as Odoo has it (as of `known_at`). */
  user: string | null;
  /** Whether Calendar is installed (as of `known_at`). */
  calendar_installed: boolean | null;
  /** Whether CRM is installed (as of `known_at`). */
  crm_installed: boolean | null;
  /** When version, user and apps were read from Odoo: now when the test passed, else at the connect or the last test that passed. */
  known_at: string | null;
  /** When Odoo last answered and accepted the stored key. */
  checked_at: string | null;
  /** When Odoo refused the stored key, unless it accepted it again since. */
  refused_at: string | null;
  /** Why Odoo did not answer, in a few words in the user's language (none: it answered, or was not asked). */
  no_answer: string | null;
  /** What failed, in the user's language. */
  error: UiError | null;
};

/** What a person enters to sign in to Microsoft 365 (`sign_in_microsoft`, `start_device_code`). */
export type MicrosoftSignInRequest = {
  /** Application (client) ID, a GUID. */
  client_id: string;
  /** Directory (tenant) ID, a domain, or `organizations` / `common`. */
  tenant: string;
  /** Only for the older Web registration; null for the recommended public client. */
  client_secret: string | null;
};

/** How the app is registered in Entra ID. */
export type RegistrationKind = "public_client" | "web";

/** Where a Microsoft account lives (no secret). */
export type MicrosoftEndpoints = {
  /** Identity platform base URL. */
  authority: string;
  /** Graph base URL including the version. */
  graph: string;
  /** Directory (tenant). */
  tenant: string;
  /** Application (client) ID. */
  client_id: string;
  /** How the app is registered. */
  registration: RegistrationKind;
  /** The person must sign in again. */
  needs_sign_in: boolean;
};

/** The answer of a finished Microsoft sign-in. */
export type MicrosoftConnection = {
  /** The signed-in UPN. */
  upn: string;
  /** Display name. */
  display_name: string | null;
  /** Primary SMTP address. */
  mail: string | null;
  /** Where the account lives. */
  endpoints: MicrosoftEndpoints;
  /** What to tell the user, in their language. */
  message: string;
};

/** The code a person types at Microsoft's device login page (`start_device_code`). */
export type DeviceCodeView = {
  /** What the person types. */
  user_code: string;
  /** The page to open on any device, as Microsoft sent it. */
  verification_uri: string;
  /** Seconds until the code expires. */
  expires_in: number;
  /** Microsoft's own instruction text. */
  message: string;
};

/** The Microsoft half of the connection test. */
export type MicrosoftCheck = {
  /** Whether a Microsoft account is stored. */
  connected: boolean;
  /** The UPN as stored. */
  upn: string | null;
  /** Display name as stored. */
  display_name: string | null;
  /** Tenant as stored. */
  tenant: string | null;
  /** Whether Graph accepted the sign-in and named the same person (none: not tried). */
  signed_in: boolean | null;
  /** Whether the mailbox (Inbox) could be read (none: not tried). */
  mailbox_reachable: boolean | null;
  /** Whether the person must sign in again (jobs are paused). */
  needs_sign_in: boolean;
  /** What failed, in the user's language. */
  error: UiError | null;
};

/** Both sides of the connection test (`test_connection`). */
export type ConnectionTest = {
  /** The Odoo side. */
  odoo: OdooCheck;
  /** The Microsoft side. */
  microsoft: MicrosoftCheck;
};

/** One mail folder of one level of the tree, as the folder picker shows it (lazily loaded). */
export type MailFolderEntry = {
  /** Folder id. */
  id: string;
  /** Name shown in Outlook. */
  name: string;
  /** Names from the mailbox root, joined with " / ", e.g. "Inbox / Customers". */
  path: string;
  /** Unread mails. */
  unread: number;
  /** All mails. */
  total: number;
  /** Number of direct sub-folders (0: nothing to expand). */
  child_count: number;
};

/** Several contacts match (`waiting`) or none does (`unassigned`). */
export type OpenKind = "waiting" | "unassigned";

/** An Odoo contact as matching and the Decisions list need it. */
export type MailContact = {
  /** The `res.partner` id. */
  id: number;
  /** Its display name. */
  name: string;
  /** The raw `email` field (may hold several addresses). */
  email: string;
  /** The company it belongs to, if any. */
  company: string | null;
  /** Its city. */
  city: string | null;
  /** False for archived contacts. */
  active: boolean;
  /** Whether an Odoo user (a colleague) has this partner. */
  is_colleague: boolean;
  /** When the contact last changed in Odoo (`write_date`, UTC), shown to tell candidates apart. */
  last_activity: string | null;
};

/** A mail that waits on an address. */
export type WaitingMail = {
  /** The mail's key. */
  key: string;
  /** Its subject. */
  subject: string;
};

/** One entry of the Decisions / Unassigned list: an address and the mails waiting on it. */
export type MailDecision = {
  /** The address. */
  address: string;
  /** Waiting (choose among candidates) or unassigned (nobody matches). */
  kind: OpenKind;
  /** The candidates (name, company, city, e-mail). */
  candidates: Array<MailContact>;
  /** The company suggested for a new contact: the address's domain. */
  suggested_company: string;
  /** The mails waiting on this address. */
  mails: Array<WaitingMail>;
};

/** What the person chose for an address. */
export type AddressChoice = { kind: "contacts"; contacts: number[] } | { kind: "ignore" };

/** A remembered choice for an address with the contacts it names (those Odoo could read). */
export type MailChoiceEntry = {
  /** The address. */
  address: string;
  /** What the person chose. */
  choice: AddressChoice;
  /** The chosen contacts Odoo could read; the others are known by their id only. */
  contacts: Array<MailContact>;
};

/** A mail Odoo refuses as it is, waiting for the person to retry or skip it. */
export type RefusedMail = {
  /** The mail's key (what `retry`/`skip` take). */
  key: string;
  /** Its subject. */
  subject: string;
  /** Why, in the person's language. */
  reason: string;
  /** Odoo's error as the software saw it. */
  technical: string | null;
};

/** What happened (or, in a preview, would happen) to one mail. */
export type MailOutcome = {
  /** The mail's key (Message-ID or content key). */
  key: string;
  /** Its subject. */
  subject: string;
  /** filed | linked | waiting | unassigned | skipped | failed. */
  outcome: ItemOutcome;
  /** The contacts (`res.partner`) it is filed or linked on. */
  contacts: number[];
  /** The chatter entries (`mail.message`) that hold it. */
  messages: number[];
  /** The opportunities (`crm.lead`) it is also filed on (option). */
  opportunities: number[];
  /** What happened, in sentences in the person's language (an attachment left out, why it was not filed and what helps). */
  detail: string | null;
  /** The error behind it as the software saw it (for support; the window folds it away). */
  technical: string | null;
};

/** The report of a mail run or preview. */
export type MailReport = {
  /** A preview: nothing was written. */
  dry_run: boolean;
  /** Per mail, in plan order. */
  mails: Array<MailOutcome>;
  /** Scopes a rerun must pick up (a folder whose read failed, Odoo down). */
  incomplete: Array<string>;
  /** Things a person must act on beyond decisions (e.g. no write access). */
  needs_attention: Array<string>;
};

/** How a finished mail run ended. */
export type MailRunOutcome = "success" | "needs_attention" | "incomplete" | "failed";

/** A finished mail run or preview (`sync_mail`). */
export type MailRun = {
  /** The recorded run; null for a preview. */
  run: RunSummary | null;
  /** How it ended (decides the exit code of `sync --job mail`). */
  outcome: MailRunOutcome;
  /** "23 mails → 19 contacts, 4 need a decision", in the user's language. */
  summary: string;
  /** Per mail. */
  report: MailReport;
};

/** What `sync_mail` is asked to do. */
export type MailSyncRequest = {
  /** Preview only: read and plan, write nothing anywhere. */
  dry_run: boolean;
};

/** How far the mail run in progress is. */
export type MailProgressCount = {
  /** Mails handled. */
  done: number;
  /** Mails found. */
  total: number;
};

/** How far the mail run in progress is (`mail_progress`); null when none runs. */
export type MailProgress = MailProgressCount | null;

/** When an event takes place: from `start` to `stop` (UTC instants), or whole days from `first` to `last` (both included). */
export type EventWhen = { kind: "timed"; start: string; stop: string } | { kind: "all_day"; first: string; last: string };

/** What happened (or, in a preview, would happen) to one event. */
export type CalendarEventOutcome = {
  /** This mailbox's id of the event. */
  outlook_id: string;
  /** Its subject. */
  subject: string;
  /** When, if readable. */
  when: EventWhen | null;
  /** The outcome. */
  outcome: ItemOutcome;
  /** What the person reads. */
  detail: string;
  /** The Odoo event. */
  odoo: number | null;
  /** The error as the software saw it. */
  technical: string | null;
};

/** A calendar run's report. */
export type CalendarReport = {
  /** A preview: nothing was written. */
  dry_run: boolean;
  /** Per event, in plan order. */
  events: Array<CalendarEventOutcome>;
  /** Scopes a rerun must pick up (a window whose read failed, Odoo down). */
  incomplete: Array<string>;
  /** Things a person must act on (e.g. Odoo's own Outlook sync is on). */
  needs_attention: Array<string>;
};

/** A finished calendar run or preview (`sync_calendar`). */
export type CalendarRun = {
  /** The recorded run; null for a preview. */
  run: RunSummary | null;
  /** How it ended (decides the exit code of `sync --job calendar`). */
  outcome: MailRunOutcome;
  /** "14 events → 9 new in Odoo, 3 updated, 2 already there from a colleague", in the user's language. */
  summary: string;
  /** Per event. */
  report: CalendarReport;
};

/** What `sync_calendar` is asked to do. */
export type CalendarSyncRequest = {
  /** Preview only: read and plan, write nothing anywhere (no run in the log either). */
  dry_run: boolean;
};

/** How far the calendar run in progress is. */
export type CalendarProgressCount = {
  /** Events handled so far (the total is known only at the end). */
  done: number;
};

/** How far the calendar run in progress is (`calendar_progress`); null when none runs. */
export type CalendarProgress = CalendarProgressCount | null;

/** Whether the contacts job exports a contact, and why (the job's selection). */
export type ContactSelection = "followed" | "my_customer" | "not_subscribed" | "only_created" | "no_email" | "company" | "archived";

/** Which contacts the Contacts page's list shows. */
export type ContactFilter = "all" | "followed" | "exported" | "followed_not_exported" | "not_followed" | "has_email";

/** What the list is asked for. */
export type ContactQuery = {
  /** Which contacts. */
  filter: ContactFilter;
  /** Part of the name or e-mail address (case-insensitive); empty or null: any. */
  search: string | null;
  /** Contacts to skip (paging). */
  offset: number;
  /** Contacts per page (1–200; 0 means the default, 50). */
  limit: number;
};

/** Where a contact of the list stands. */
export type ContactState = "exported" | "next_sync" | "not_exported" | "not_followed";

/** One contact of the list. */
export type DirectoryContact = {
  /** `res.partner` id. */
  id: number;
  /** Its name. */
  name: string;
  /** Odoo's e-mail field (may hold several addresses); null when empty. */
  email: string | null;
  /** The company it belongs to. */
  company: string | null;
  /** A company, not a person. */
  is_company: boolean;
  /** Not archived in Odoo. */
  active: boolean;
  /** The person follows it in Odoo. */
  followed: boolean;
  /** The contacts job put it into the person's Outlook. */
  exported: boolean;
  /** The person is its salesperson (`user_id`). */
  salesperson: boolean;
  /** Where it stands. */
  state: ContactState;
  /** What the contacts job's selection says of it with the current settings. */
  selection: ContactSelection;
  /** Followed (or the person's customer) but not exported: why (the selection's value). */
  reason: ContactSelection | null;
};

/** One page of the list. */
export type ContactDirectory = {
  /** The contacts of this page, by name. */
  contacts: Array<DirectoryContact>;
  /** How many contacts match in all. */
  total: number;
  /** Skipped before this page. */
  offset: number;
  /** Contacts per page. */
  limit: number;
  /** `contacts.export_all_my_customers` is on: the person's customers are exported without following (the page says so). */
  my_customers: boolean;
  /** The contacts job is switched on (`contacts.enabled`). */
  job_on: boolean;
};

/** What following or unfollowing did. */
export type FollowChange = {
  /** Followed (true) or unfollowed. */
  follow: boolean;
  /** Contacts whose following changed. */
  changed: number[];
  /** Contacts that already were as asked. */
  unchanged: number[];
  /** Contacts Odoo left as they were (the person may not read them). */
  refused: number[];
  /** What happened and what happens next, in the person's language. */
  message: string;
};

/** What happened to one contact in a run. */
export type ContactOutcome = {
  /** The Odoo contact (`res.partner` id). */
  partner: number;
  /** Its name. */
  name: string;
  /** The outcome. */
  outcome: ItemOutcome;
  /** What happened, in the user's language (the run log's line). */
  verdict: string;
};

/** A contacts run's report. */
export type ContactsReport = {
  /** A preview: nothing was written. */
  dry_run: boolean;
  /** Each contact something happened to. */
  contacts: Array<ContactOutcome>;
  /** What could not be read or written; the next run tries again. */
  incomplete: Array<string>;
};

/** A finished contacts run or preview (`sync_contacts`). */
export type ContactsRun = {
  /** The recorded run; null for a preview. */
  run: RunSummary | null;
  /** How it ended. */
  outcome: MailRunOutcome;
  /** "12 contacts → 3 new in Outlook, 2 updated, 0 deleted", in the user's language. */
  summary: string;
  /** Per contact. */
  report: ContactsReport;
};

/** What `sync_contacts` is asked to do. */
export type ContactsSyncRequest = {
  /** Preview only: read and plan, write nothing anywhere (no run in the log either). */
  dry_run: boolean;
};

/** A setting's value: null when unset, else a switch, a number, or text (dates `YYYY-MM-DD`). */
export type SettingValue = null | boolean | number | string;

/** Where an effective value comes from. */
export type SettingSource = "default" | "user" | "policy" | "policydefault";

/** What a setting's value must look like. */
export type SettingExpected = "language" | "bool" | "url" | { minutes: { min: number; max: number } } | "text" | { megabytes: { min: number; max: number } } | "date";

/** One per-user option with its effective value and whether the administrator locked it (`get_setting_entries`). */
export type SettingEntry = {
  /** Dotted name, e.g. `mail.delete_after_transfer`. */
  key: string;
  /** The effective value. */
  value: SettingValue;
  /** The built-in default. */
  default: SettingValue;
  /** Where the value comes from. */
  source: SettingSource;
  /** The administrator locked it. */
  locked: boolean;
  /** What a value must look like. */
  expected: SettingExpected;
};

/** The error every command returns on failure; `message` is already in the user's language. */
export type UiError = { code: string; message: string; retryable: boolean };
// ---- END GENERATED ----
