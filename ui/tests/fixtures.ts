// A small, believable backend for the UI tests: what `status`, `list_runs`, `show_run` and the
// settings commands return, shaped exactly like the Rust DTOs in src/lib/bindings.ts. Shared by
// the unit tests (jsdom) and the browser test (bundled into the page with mockIPC).

import type {
  AppStatus,
  RunDetails,
  RunEvent,
  RunSummary,
  Settings,
  UiError,
} from "../src/lib/bindings";
import { setupBackend } from "./setup-fixtures";

/** Mail is on, calendar paused, contacts not set up; Odoo wants a new sign-in. */
export const fixtureStatus: AppStatus = {
  jobs: [
    {
      job: "mail",
      configured: true,
      enabled: true,
      interval_minutes: 15,
      last_run: null, // filled below from the runs
      next_run_at: "2026-11-27T09:30:00Z",
    },
    {
      job: "calendar",
      configured: true,
      enabled: false,
      interval_minutes: 60,
      last_run: null,
      next_run_at: null,
    },
    {
      job: "contacts",
      configured: false,
      enabled: false,
      interval_minutes: null,
      last_run: null,
      next_run_at: null,
    },
  ],
  accounts: [
    { kind: "microsoft", identity: "anna.berger@contoso.example", state: "connected" },
    { kind: "odoo", identity: "anna.berger", state: "needs_sign_in" },
  ],
  paused: false,
  can_sync_now: true,
  demo: false,
};

/** Runs in deliberately shuffled order: the UI must sort them newest first. */
export const fixtureRuns: RunSummary[] = [
  {
    id: 3,
    job: "calendar",
    trigger: "timer",
    started_at: "2026-11-26T10:00:00Z",
    finished_at: "2026-11-26T10:00:04Z",
    outcome: "success",
    summary: "4 events created, 1 updated",
    counts: { created: 4, updated: 1 },
  },
  {
    id: 7,
    job: "mail",
    trigger: "manual",
    started_at: "2026-11-27T08:45:00Z",
    finished_at: "2026-11-27T08:45:09Z",
    outcome: "needs_attention",
    summary: "12 mails filed, 2 wait for a decision",
    counts: { filed: 12, waiting: 2, refused: 1 },
  },
  {
    id: 1,
    job: "mail",
    trigger: "cli",
    started_at: "2026-11-25T07:00:00Z",
    finished_at: "2026-11-25T07:00:02Z",
    outcome: "success",
    summary: "3 mails filed",
    counts: { filed: 3 },
  },
  {
    id: 5,
    job: "mail",
    trigger: "timer",
    started_at: "2026-11-26T16:15:00Z",
    finished_at: "2026-11-26T16:15:30Z",
    outcome: "failed",
    summary: "Odoo did not answer: server down",
    counts: {},
  },
  {
    id: 6,
    job: "calendar",
    trigger: "timer",
    started_at: "2026-11-27T08:00:00Z",
    finished_at: "2026-11-27T08:00:20Z",
    outcome: "incomplete",
    summary: "2 events created, 1 throttled by Microsoft",
    counts: { created: 2, throttled: 1 },
  },
  {
    id: 4,
    job: "mail",
    trigger: "timer",
    started_at: "2026-11-26T12:00:00Z",
    finished_at: "2026-11-26T12:00:06Z",
    outcome: "success",
    summary: "5 mails filed, 1 linked to a colleague's entry",
    counts: { filed: 5, linked: 1 },
  },
  {
    id: 2,
    job: "contacts",
    trigger: "manual",
    started_at: "2026-11-25T09:30:00Z",
    finished_at: null,
    outcome: "running",
    summary: "Exporting contacts",
    counts: {},
  },
];

const mailRun = fixtureRuns.find((run) => run.id === 7) ?? null;
const calendarRun = fixtureRuns.find((run) => run.id === 6) ?? null;
const [mailJob, calendarJob] = fixtureStatus.jobs;
if (mailJob) mailJob.last_run = mailRun;
if (calendarJob) calendarJob.last_run = calendarRun;

/** Item events per run id (runs not listed here have none). */
export const fixtureEvents: Record<number, RunEvent[]> = {
  7: [
    {
      at: "2026-11-27T08:45:02Z",
      item_key: "<offer-2211@kunde.example>",
      subject: "Angebot 2211 – Rückfrage",
      outcome: "filed",
      detail: "Müller GmbH, Jana Müller",
      technical: null,
    },
    {
      at: "2026-11-27T08:45:05Z",
      item_key: "<x91@partner.example>",
      subject: "Delivery dates for December",
      outcome: "waiting",
      detail: "3 contacts share info@partner.example",
      technical: null,
    },
    {
      at: "2026-11-27T08:45:07Z",
      item_key: "<inv-0815@kunde.example>",
      subject: "Rechnung 0815",
      outcome: "refused",
      detail:
        "Odoo refuses this mail (“The attachment type is not allowed.”). Trying again unchanged will not help: retry it once something changed, or skip it.",
      technical: "Odoo server error (ValidationError): The attachment type is not allowed.",
    },
  ],
};

/** Where the settings a fake backend keeps live (memory in unit tests, localStorage in the browser). */
export type SettingsStore = { load(): Settings; save(settings: Settings): void };

/** Settings kept in memory, for unit tests. */
export function memorySettings(initial: Settings = { language: null }): SettingsStore {
  let settings = { ...initial };
  return {
    load: () => ({ ...settings }),
    save: (next) => {
      settings = { ...next };
    },
  };
}

/** The error the fake backend answers unknown commands with, shaped like the real one. */
export function unknownCommand(command: string): UiError {
  return { code: "unknown_command", message: `No command ${command}`, retryable: false };
}

/** A `mockIPC` handler answering like the real commands, from the fixtures above. */
export function fixtureBackend(settings: SettingsStore) {
  // The wizard's and the Settings page's commands (tests/setup-fixtures.ts).
  const setup = setupBackend((command) => {
    throw unknownCommand(command);
  });
  return (command: string, payload: unknown): unknown => {
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case "status":
        return structuredClone(fixtureStatus);
      case "list_runs":
        return structuredClone(fixtureRuns);
      case "show_run": {
        const run = fixtureRuns.find((r) => r.id === args.id);
        if (!run) throw { code: "not_found", message: "No such run", retryable: false };
        const details: RunDetails = { run, events: fixtureEvents[run.id] ?? [] };
        return structuredClone(details);
      }
      case "get_settings":
        return settings.load();
      case "set_setting": {
        if (String(args.key).includes(".")) return setup.handler(command, payload);
        const key = args.key as keyof Settings;
        settings.save({ ...settings.load(), [key]: args.value as Settings[typeof key] });
        return null;
      }
      default:
        return setup.handler(command, payload);
    }
  };
}
