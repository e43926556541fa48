// IPC types shared with the Rust side: the shell's answers in `src-tauri/src/commands.rs`
// (`AppStatus`, `JobView`, `RunView`, `RunDetailsView`, `SettingsView`, built from the `crates/core`
// DTOs), serialised by serde as snake_case JSON.
//
// NOTE: this file is written by hand for now. It WILL BE GENERATED from the Rust types
// (tauri-specta or ts-rs, issue 4) and then must not be edited by hand; a test will regenerate
// it and fail on drift. Keep it small and exactly as serde writes the Rust DTOs until then.

/** A sync job: one per direction of data flow. */
export type Job = "mail" | "calendar" | "contacts";

/** What started a run. */
export type RunTrigger = "manual" | "timer" | "cli";

/** How a run ended (`running` while it is still going). */
export type RunOutcome = "success" | "needs_attention" | "incomplete" | "failed" | "running";

/** One run of one job, as the run log in SQLite records it. */
export type RunSummary = {
  id: number;
  job: string;
  trigger: RunTrigger;
  /** RFC 3339 timestamp. */
  started_at: string;
  /** RFC 3339 timestamp; null while the run is still going. */
  finished_at: string | null;
  outcome: RunOutcome;
  summary: string;
  counts: Record<string, number>;
};

/** One item's outcome inside a run (a mail, an event, a contact). */
export type RunEvent = {
  /** RFC 3339 timestamp. */
  at: string;
  item_key: string | null;
  subject: string | null;
  outcome: string;
  detail: string | null;
};

/** A run with all its item events (`show_run`). */
export type RunDetails = { run: RunSummary; events: RunEvent[] };

/** The state of one job's timer and its last run. */
export type JobStatus = {
  job: Job;
  /** False until the job has been set up. */
  configured: boolean;
  /** False while the user paused the job. */
  enabled: boolean;
  interval_minutes: number | null;
  last_run: RunSummary | null;
  /** RFC 3339 timestamp of the next timer run; null when none is scheduled. */
  next_run_at: string | null;
};

/** Which remote an account belongs to. */
export type AccountKind = "microsoft" | "odoo";

/** Whether an account can be used right now. */
export type AccountState = "connected" | "needs_sign_in" | "not_connected";

/** One connected (or not yet connected) account. */
export type AccountStatus = {
  kind: AccountKind;
  /** The signed-in user (e-mail or login); null when not connected. */
  identity: string | null;
  state: AccountState;
};

/** Everything the Status page shows (`status`). */
export type AppStatus = {
  jobs: JobStatus[];
  accounts: AccountStatus[];
  /** The user paused the timers (tray: Pause). */
  paused: boolean;
  /** Whether "Sync now" can run anything (some job's timer is on). */
  can_sync_now: boolean;
  /** The app runs in demo mode (`office-connector demo`). */
  demo: boolean;
};

/** Filter for `list_runs`; every field is optional. */
export type RunFilter = {
  job?: Job;
  outcome?: RunOutcome;
  /** Free text, matched against the run's summary. */
  text?: string;
  limit?: number;
};

/** A UI language. */
export type Language = "de" | "en";

/** The per-user settings the UI reads and writes (`get_settings` / `set_setting`). */
export type Settings = {
  /** Null until the user picked one: the UI then follows the OS locale. */
  language: Language | null;
};

/** The error every command returns on failure; `message` is already in the user's language. */
export type UiError = { code: string; message: string; retryable: boolean };
