// A fake backend for the Calendar page: a small calendar engine over a fake Outlook calendar
// and a fake Odoo. Events changed in Outlook since the last run are planned as the core plans
// them: a new event is created in Odoo, a colleague's event already there is joined (linked),
// a private event is skipped, a changed one updated, and Odoo refuses an event whose subject
// holds `refuse`. A preview plans and writes nothing. The start date rules are the core's: a
// run without one, or with one in the future, cannot start. Shaped like the DTOs in
// src/lib/bindings.ts and the "Calendar page" contract in ui/README.md; other commands go to the
// fallback (tests/fixtures.ts).

import type {
  CalendarEventOutcome,
  CalendarProgress,
  CalendarRun,
  EventWhen,
  ItemOutcome,
  RunEvent,
  RunSummary,
  SettingEntry,
  UiError,
} from "../src/lib/bindings";
import { emit } from "@tauri-apps/api/event";

/** An event in the person's Outlook calendar, as the fake keeps it. */
export type FakeEvent = {
  id: string;
  subject: string;
  when: EventWhen;
  /** A private event (skipped while `calendar.skip_private` is on). */
  private?: boolean;
  /** A colleague's connector has put this meeting into Odoo already. */
  colleague?: boolean;
};

/** Knobs for tests. */
export type CalendarBackendOptions = {
  /** The saved start date (default: none). */
  startDate?: string | null;
  /** The administrator set the start date (locked). */
  lockStartDate?: boolean;
  /** Milliseconds per event while a run is going, so progress can be watched (default 0). */
  stepMs?: number;
  /** The first call of each command named here fails with this error; later calls succeed. */
  failOnce?: Record<string, UiError>;
  /** Odoo refuses every event whose subject contains this text (default: none). */
  refuse?: string;
  /** Outlook's calendar cannot be read (as against a Graph without calendarView): incomplete. */
  unreadable?: boolean;
  /** Today, as `YYYY-MM-DD` (default: the machine's). */
  today?: string;
};

/** What the fake recorded, and levers for tests. */
export type CalendarBackendState = {
  /** Events changed in Outlook since the last run. */
  changed: FakeEvent[];
  /** Odoo's events by Outlook id. */
  odoo: Map<string, { id: number; subject: string }>;
  runs: RunSummary[];
  events: Record<number, RunEvent[]>;
  settings: SettingEntry[];
  calls: { command: string; args: Record<string, unknown> }[];
  /** The person changes (or adds) an event in Outlook. */
  change: (event: FakeEvent) => void;
};

const timed = (start: string, stop: string): EventWhen => ({ kind: "timed", start, stop });

/** The Outlook events the fake starts with: a new meeting, a colleague's, a private one, a day off. */
export function fixtureEvents(): FakeEvent[] {
  return [
    { id: "AAMk-ev-kickoff", subject: "Kick-off Müller GmbH", when: timed("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z") },
    {
      id: "AAMk-ev-review",
      subject: "Quartalsreview Vertrieb",
      when: timed("2026-03-03T13:00:00Z", "2026-03-03T14:30:00Z"),
      colleague: true,
    },
    { id: "AAMk-ev-doctor", subject: "Zahnarzt", when: timed("2026-03-04T07:30:00Z", "2026-03-04T08:00:00Z"), private: true },
    { id: "AAMk-ev-fair", subject: "Messe Hannover", when: { kind: "all_day", first: "2026-03-10", last: "2026-03-12" } },
  ];
}

/** The calendar's settings as `get_setting_entries` lists them. */
export function fixtureCalendarSettings(startDate: string | null = null, lockStartDate = false): SettingEntry[] {
  const entry = (key: string, value: SettingEntry["value"], expected: SettingEntry["expected"]): SettingEntry => ({
    key,
    value,
    default: value,
    source: "default",
    locked: false,
    expected,
  });
  const start = entry("calendar.start_date", startDate, "date");
  return [
    entry("calendar.enabled", false, "bool"),
    entry("calendar.sync_interval_minutes", 30, { minutes: { min: 5, max: 1440 } }),
    lockStartDate ? { ...start, source: "policy", default: startDate, locked: true } : start,
    entry("calendar.skip_private", true, "bool"),
    entry("calendar.archive_cancelled", false, "bool"),
  ];
}

function fail(code: string, message: string, retryable = false): never {
  throw { code, message, retryable } satisfies UiError;
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// as the core's sentences (crates/core/src/calendar/notes.rs, i18n/en.ftl `cal-*`)
const sentences = {
  created: "Created in Odoo.",
  linked: "A colleague's connector had created it already; you were added to that event.",
  updated: "Changed in Outlook; updated in Odoo.",
  private: "A private event; skipped (setting “skip private events”).",
  refused: (reason: string) => `Odoo refused it (“${reason}”); the next run tries again.`,
};

/** The core's summary line (`cal-summary`). */
export function calendarSummary(events: CalendarEventOutcome[]): string {
  const count = (o: ItemOutcome) => events.filter((e) => e.outcome === o).length;
  const extra = (n: number, word: string) => (n > 0 ? `, ${n} ${word}` : "");
  const total = events.length === 1 ? "1 event" : `${events.length} events`;
  return (
    `${total} → ${count("created")} new in Odoo, ${count("updated")} updated, ${count("linked")} already there from a colleague` +
    `${extra(count("deleted"), "archived")}${extra(count("skipped"), "skipped")}${extra(count("failed"), "failed")}`
  );
}

/** A `mockIPC` handler for the Calendar page's commands; everything else goes to `fallback`. */
export function calendarBackend(
  fallback: (command: string, payload: unknown) => unknown,
  options: CalendarBackendOptions = {},
): { handler: (command: string, payload: unknown) => unknown; state: CalendarBackendState } {
  const state: CalendarBackendState = {
    changed: fixtureEvents(),
    odoo: new Map(),
    runs: [],
    events: {},
    settings: fixtureCalendarSettings(options.startDate ?? null, options.lockStartDate),
    calls: [],
    change: (event) => {
      state.changed = [...state.changed.filter((e) => e.id !== event.id), event];
    },
  };
  const today = options.today ?? localToday();
  let progress: CalendarProgress = null;
  let nextRunId = 200;
  let nextOdooId = 500;
  const failedOnce = new Set<string>();
  const setting = (key: string) => state.settings.find((e) => e.key === key)?.value;

  const plan = (): CalendarEventOutcome[] =>
    state.changed.map((event) => {
      const base = { outlook_id: event.id, subject: event.subject, when: event.when, odoo: null, technical: null };
      const known = state.odoo.get(event.id);
      if (event.private && setting("calendar.skip_private") === true) {
        return { ...base, outcome: "skipped", detail: sentences.private };
      }
      if (options.refuse && event.subject.includes(options.refuse)) {
        const reason = `The event "${event.subject}" cannot be saved.`;
        const technical = `Odoo server error (ValidationError): ${reason}`;
        return { ...base, outcome: "failed", detail: sentences.refused(reason), technical };
      }
      if (known) return { ...base, outcome: "updated", detail: sentences.updated, odoo: known.id };
      if (event.colleague) return { ...base, outcome: "linked", detail: sentences.linked };
      return { ...base, outcome: "created", detail: sentences.created };
    });

  // as the shell: the count so far after each event, then null, as a "calendar-progress" event
  const stream = async (step: CalendarProgress) => {
    try {
      await emit("calendar-progress", step);
    } catch {
      // events are not mocked in this test
    }
  };

  const checkStartDate = () => {
    const start = setting("calendar.start_date");
    if (typeof start !== "string" || start === "") {
      fail(
        "config_invalid",
        "The calendar has no start date yet: choose from which date on your Outlook events go into Odoo (today or a day in the past).",
      );
    }
    if (start > today) {
      fail("config_invalid", `The calendar's start date ${start} lies in the future: choose today or a day in the past.`);
    }
  };

  const record = (events: CalendarEventOutcome[], outcome: CalendarRun["outcome"], summary: string, started: string) => {
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.outcome] = (counts[e.outcome] ?? 0) + 1;
    const run: RunSummary = {
      id: nextRunId++,
      job: "calendar",
      trigger: "manual",
      started_at: started,
      finished_at: new Date().toISOString(),
      outcome,
      summary,
      counts,
    };
    state.runs.unshift(run);
    state.events[run.id] = events.map((e) => ({
      at: run.finished_at ?? started,
      item_key: e.outlook_id,
      subject: e.subject,
      outcome: e.outcome,
      detail: e.detail,
      technical: e.technical,
    }));
    return run;
  };

  const apply = (events: CalendarEventOutcome[]) => {
    for (const e of events) {
      if (e.outcome === "created" || e.outcome === "linked") {
        e.odoo = nextOdooId++;
        state.odoo.set(e.outlook_id, { id: e.odoo, subject: e.subject });
      }
    }
    // what failed stays changed: the next run tries it again
    state.changed = state.changed.filter((c) => events.some((e) => e.outlook_id === c.id && e.outcome === "failed"));
  };

  const sync = async (dryRun: boolean): Promise<CalendarRun> => {
    if (progress) fail("busy", "A calendar sync is already running.", true);
    checkStartDate();
    const started = new Date().toISOString();
    const incomplete = options.unreadable ? ["2026-03: Microsoft Graph answered 404 Not Found (calendarView/delta)"] : [];
    const events = options.unreadable ? [] : plan();
    progress = { done: 0 };
    await stream(progress);
    for (let i = 0; i < events.length; i++) {
      if (options.stepMs) await new Promise((resolve) => setTimeout(resolve, options.stepMs));
      progress = { done: i + 1 };
      await stream(progress);
    }
    progress = null;
    await stream(null);
    const failed = events.some((e) => e.outcome === "failed");
    const outcome = failed || incomplete.length > 0 ? "incomplete" : "success";
    const summary = calendarSummary(events);
    let run: RunSummary | null = null;
    if (!dryRun) {
      apply(events);
      run = record(events, outcome, summary, started);
    }
    return { run, outcome, summary, report: { dry_run: dryRun, events, incomplete, needs_attention: [] } };
  };

  const handler = (command: string, payload: unknown): unknown => {
    const args = (payload ?? {}) as Record<string, unknown>;
    state.calls.push({ command, args });
    const failure = options.failOnce?.[command];
    if (failure && !failedOnce.has(command)) {
      failedOnce.add(command);
      throw failure;
    }
    switch (command) {
      case "sync_calendar":
        return sync((args.request as { dry_run: boolean }).dry_run);
      case "calendar_progress":
        return progress ? { ...progress } : null;
      case "get_setting_entries": {
        const others = (fallback(command, payload) as SettingEntry[]).filter((e) => !e.key.startsWith("calendar."));
        return structuredClone([...others, ...state.settings]);
      }
      case "set_setting": {
        const key = String(args.key);
        const entry = state.settings.find((e) => e.key === key);
        if (!entry) return fallback(command, payload);
        if (entry.locked) fail("locked_by_policy", `${key} is set by your administrator.`);
        const value = args.value as string | null;
        if (value === null) {
          entry.value = entry.default;
          entry.source = "default";
          return null;
        }
        if (entry.expected === "bool") {
          if (value !== "true" && value !== "false") fail("invalid_input", `${key}: enter true or false.`);
          entry.value = value === "true";
        } else if (entry.expected === "date") {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) fail("invalid_input", `${key}: enter a date as YYYY-MM-DD.`);
          entry.value = value;
        } else if (typeof entry.expected === "object" && "minutes" in entry.expected) {
          const { min, max } = entry.expected.minutes;
          const n = Number(value);
          if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
            fail("invalid_input", `${key}: enter a whole number of minutes from ${min} to ${max}.`);
          }
          entry.value = n;
        }
        entry.source = "user";
        return null;
      }
      case "list_runs": {
        const others = fallback(command, payload) as RunSummary[];
        return structuredClone([...state.runs, ...others]);
      }
      case "show_run": {
        const run = state.runs.find((r) => r.id === args.id);
        if (!run) return fallback(command, payload);
        return structuredClone({ run, events: state.events[run.id] ?? [] });
      }
      default:
        return fallback(command, payload);
    }
  };
  return { handler, state };
}
