// IPC types shared with the Rust side; serde writes them as snake_case JSON.

// ---- GENERATED from the Rust types of src-tauri: do not edit by hand ----
// Made by src-tauri/src/bindings.rs from src-tauri/src/commands.rs and the core's enums. After
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
export type ItemOutcome = "filed" | "linked" | "created" | "updated" | "deleted" | "waiting" | "unassigned" | "skipped" | "failed";

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
  /** Set up (switched on, accounts connected, its inputs chosen). */
  configured: boolean;
  /** Set up and not paused. */
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

/** The error every command returns on failure; `message` is already in the user's language. */
export type UiError = { code: string; message: string; retryable: boolean };
// ---- END GENERATED ----
