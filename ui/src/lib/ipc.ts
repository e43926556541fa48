// The one door to the backend: every call from the UI to the Tauri shell goes through here.
//
// Contract with `src-tauri` (commands registered there, each returning `Result<T, UiError>`):
//   status()                       -> AppStatus
//   list_runs({ filter })          -> RunSummary[]   newest first
//   show_run({ id })               -> RunDetails
//   get_settings()                 -> Settings
//   set_setting({ key, value })    -> null           key is a field name of Settings
// Argument objects use the Rust parameter names; a failure arrives as a `UiError`
// (`{ code, message, retryable }`), which we rethrow as `IpcError` so callers can show it.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Commands } from "./commands";
import type {
  AppStatus,
  Language,
  RunDetails,
  RunFilter,
  RunSummary,
  Settings,
  UiError,
} from "./bindings";
import type {
  ConnectionTest,
  DeviceCodeView,
  MailFolderEntry,
  MicrosoftConnection,
  MicrosoftSignInRequest,
  OdooConnectRequest,
  OdooConnection,
  SettingEntry,
} from "./bindings";

/** A failed backend call, carrying the backend's `UiError` (or one we made up for transport failures). */
export class IpcError extends Error {
  /** The error as the UI shows it. */
  readonly error: UiError;

  constructor(error: UiError) {
    super(error.message);
    this.name = "IpcError";
    this.error = error;
  }
}

/** The code used when a failure did not come from the backend as a `UiError` (e.g. no Tauri host). */
export const UNEXPECTED_ERROR_CODE = "unexpected";

function isUiError(value: unknown): value is UiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" && typeof v.message === "string" && typeof v.retryable === "boolean"
  );
}

/** Turns anything a call threw into a `UiError`. */
export function toUiError(thrown: unknown): UiError {
  if (thrown instanceof IpcError) return thrown.error;
  if (isUiError(thrown)) return thrown;
  // NOTE: the message of a transport failure is not translated; the UI shows it under a
  // generic, translated heading so the user still knows what happened.
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: UNEXPECTED_ERROR_CODE, message, retryable: true };
}

/**
 * Calls `command` of the shell. Its name, arguments and answer are checked against
 * `commands.ts`, which is generated from the shell's one declaration of its commands, so a
 * command renamed or changed in Rust fails the type check here.
 */
async function call<C extends keyof Commands>(
  command: C,
  ...args: Commands[C]["args"] extends Record<string, never> ? [] : [Commands[C]["args"]]
): Promise<Commands[C]["answer"]> {
  try {
    return await invoke<Commands[C]["answer"]>(command, args[0]);
  } catch (thrown) {
    throw new IpcError(toUiError(thrown));
  }
}

/** Each job's state and the accounts. */
export function status(): Promise<AppStatus> {
  return call("status");
}

/** Runs from the run log, newest first. */
export function listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
  return call("list_runs", { filter });
}

/** One run with its item events. */
export function showRun(id: number): Promise<RunDetails> {
  return call("show_run", { id });
}

/** The user's settings. */
export function getSettings(): Promise<Settings> {
  return call("get_settings");
}

/** Stores one setting. */
export function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  return call("set_setting", { key, value });
}

/** Remembers the UI language for the next start; null follows the system again. */
export function setLanguage(language: Language | null): Promise<void> {
  return setSetting("language", language);
}

// ---- Setup wizard, connection test and Settings page (issue 5; contract in ui/README.md) ----

/** The databases of the Odoo at `url` (as pasted), for the wizard's database choice. */
export function odooDatabases(url: string): Promise<string[]> {
  return call("odoo_databases", { url });
}

/** Checks address, database, login and key, then stores the key in the keyring and the account. */
export function connectOdoo(request: OdooConnectRequest): Promise<OdooConnection> {
  return call("connect_odoo", { request });
}

/** Browser sign-in: the backend opens the system browser and answers when the sign-in finished. */
export function signInMicrosoft(request: MicrosoftSignInRequest): Promise<MicrosoftConnection> {
  return call("sign_in_microsoft", { request });
}

/** Device-code sign-in, first half: the code the person types at Microsoft. */
export function startDeviceCode(request: MicrosoftSignInRequest): Promise<DeviceCodeView> {
  return call("start_device_code", { request });
}

/** Device-code sign-in, second half: answers once the person entered the code. */
export function finishDeviceCode(): Promise<MicrosoftConnection> {
  return call("finish_device_code");
}

/** Stops a running sign-in (browser or device code); its pending call then fails. */
export function cancelMicrosoftSignIn(): Promise<void> {
  return call("cancel_microsoft_sign_in");
}

/** Runs both sides' connection test. */
export function testConnection(): Promise<ConnectionTest> {
  return call("test_connection");
}

/** One level of the mailbox's folder tree: the root's folders (null) or a folder's children. */
export function listMailFolders(parentId: string | null): Promise<MailFolderEntry[]> {
  return call("list_mail_folders", { parentId });
}

/** Creates a folder directly under the mailbox root, or answers the root's folder of that name. */
export function createMailFolder(name: string): Promise<MailFolderEntry> {
  return call("create_mail_folder", { name });
}

/** Every per-user option with value, default, source and lock. */
export function getSettingEntries(): Promise<SettingEntry[]> {
  return call("get_setting_entries");
}

/** Stores one option by its dotted name (the backend validates); null returns it to the default. */
export function setSettingValue(key: string, value: string | null): Promise<void> {
  return call("set_setting", { key, value });
}

// ---- Mail page (issue 6; contract in ui/README.md, "Mail page") ----

import type {
  AddressChoice,
  MailChoiceEntry,
  MailContact,
  MailDecision,
  MailProgress,
  MailRun,
  RefusedMail,
} from "./bindings";

/** Runs the mail job now (or only previews it: reads and plans, writes nothing); answers when done. */
export function syncMail(dryRun: boolean): Promise<MailRun> {
  return call("sync_mail", { request: { dry_run: dryRun } });
}

/** How far the mail run in progress is (the window's or the timer's); null when none runs. */
export function mailProgress(): Promise<MailProgress> {
  return call("mail_progress");
}

/** The event that streams a mail run's progress (`null` when it ends). */
export const MAIL_PROGRESS_EVENT = "mail-progress";

/**
 * Calls `handler` with each step of a mail run (the window's or the timer's) and `null` when it
 * ends, until the returned function is called. Progress is a courtesy: without events (a host
 * that cannot stream them) nothing is called and nothing fails.
 */
export function onMailProgress(handler: (progress: MailProgress) => void): Promise<() => void> {
  return listenTo(MAIL_PROGRESS_EVENT, handler);
}

/** Calls `handler` with each event `name` sends until the returned function is called; nothing without events. */
async function listenTo<T>(name: string, handler: (payload: T) => void): Promise<() => void> {
  try {
    const unlisten = await listen<T>(name, (event) => handler(event.payload));
    // NOTE: unlistening is asynchronous; a host already gone (a closed window, a test's
    // cleared mocks) has nothing left to stop.
    return () => void Promise.resolve(unlisten() as unknown).catch(() => {});
  } catch {
    return () => {};
  }
}

/** The Decisions and Unassigned lists: open addresses with their candidates and waiting mails. */
export function mailDecisions(): Promise<MailDecision[]> {
  return call("mail_decisions");
}

/** Every remembered choice, by address. */
export function mailChoices(): Promise<MailChoiceEntry[]> {
  return call("mail_choices");
}

/** Remembers the choice for `address` (contacts, or nobody); the next run files accordingly. */
export function chooseMailContacts(address: string, choice: AddressChoice): Promise<void> {
  return call("choose_mail_contacts", { address, choice });
}

/** Creates the Odoo contact for an unassigned address and remembers it; answers its id. */
export function createMailContact(address: string, name: string, company: string | null): Promise<number> {
  return call("create_mail_contact", { address, name, company });
}

/** Active Odoo contacts whose name, company or e-mail contains `query`. */
export function searchMailContacts(query: string): Promise<MailContact[]> {
  return call("search_mail_contacts", { query });
}

/** The mails Odoo refuses as they are, each waiting for the person to retry or skip it. */
export function refusedMails(): Promise<RefusedMail[]> {
  return call("refused_mails");
}

/** The next run tries the refused mail `key` again; answers what was done, in the person's language. */
export function retryRefusedMail(key: string): Promise<string> {
  return call("retry_refused_mail", { key });
}

/** Skips the refused mail `key` (it stays in the transfer folder, never filed); answers what was done. */
export function skipRefusedMail(key: string): Promise<string> {
  return call("skip_refused_mail", { key });
}

/** One mail folder by id (for the chosen transfer folders' names and paths). */
export function getMailFolder(id: string): Promise<MailFolderEntry> {
  return call("get_mail_folder", { id });
}

// ---- Calendar page (issue 15; contract in ui/README.md, "Calendar page") ----

import type { CalendarProgress, CalendarRun } from "./bindings";

/** Runs the calendar job now (or only previews it: reads and plans, writes nothing); answers when done. */
export function syncCalendar(dryRun: boolean): Promise<CalendarRun> {
  return call("sync_calendar", { request: { dry_run: dryRun } });
}

/** How far the calendar run in progress is (the window's or the timer's); null when none runs. */
export function calendarProgress(): Promise<CalendarProgress> {
  return call("calendar_progress");
}

/** The event that streams a calendar run's progress (`null` when it ends). */
export const CALENDAR_PROGRESS_EVENT = "calendar-progress";

/**
 * Calls `handler` with each step of a calendar run (the window's or the timer's) and `null` when
 * it ends, until the returned function is called. Progress is a courtesy, as for mail.
 */
export function onCalendarProgress(handler: (progress: CalendarProgress) => void): Promise<() => void> {
  return listenTo(CALENDAR_PROGRESS_EVENT, handler);
}

// ---- Contacts page (issue 16; contract in ui/README.md, "Contacts page") ----

import type { ContactDirectory, ContactQuery, ContactsRun, FollowChange } from "./bindings";

/** Runs the contacts job now (or only previews it: reads and plans, writes nothing); answers when done. */
export function syncContacts(dryRun: boolean): Promise<ContactsRun> {
  return call("sync_contacts", { request: { dry_run: dryRun } });
}

/** One page of Odoo contacts with the person's subscription and what the contacts job did with each. */
export function contactDirectory(query: ContactQuery): Promise<ContactDirectory> {
  return call("contact_directory", { query });
}

/** Follows (`follow`) or unfollows the contacts `ids` in Odoo, all at once. */
export function followContacts(ids: number[], follow: boolean): Promise<FollowChange> {
  return call("follow_contacts", { ids, follow });
}
