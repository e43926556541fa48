import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import CalendarPage from "../../src/pages/CalendarPage.svelte";
import { canRun, formatWhen, startDateProblem, todayIso } from "../../src/lib/calendar";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { format } from "../../src/lib/i18n/catalog";
import { calendarBackend, fixtureCalendarSettings, type CalendarBackendOptions } from "../calendar-fixtures";
import { fixtureBackend, memorySettings } from "../fixtures";
import { setupBackend } from "../setup-fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

const TODAY = todayIso();
const A_MONTH_AGO = todayIso(new Date(Date.now() - 30 * 24 * 3600 * 1000));
const NEXT_WEEK = todayIso(new Date(Date.now() + 7 * 24 * 3600 * 1000));

function backend(options: CalendarBackendOptions = {}) {
  const base = setupBackend(fixtureBackend(memorySettings()));
  const fake = calendarBackend(base.handler, options);
  mockIPC(fake.handler, { shouldMockEvents: true });
  return fake.state;
}

function section(name: string) {
  const element = document.querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!element) throw new Error(`no section ${name}`);
  return within(element);
}

function calls(state: ReturnType<typeof backend>, command: string) {
  return state.calls.filter((c) => c.command === command).map((c) => c.args);
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

async function startDateInput() {
  return (await screen.findByLabelText("Sync events from this date on")) as HTMLInputElement;
}

describe("the calendar's start date rules", () => {
  it("needs a date, today or before", () => {
    expect(startDateProblem(null, "2026-03-02")).toBe("calendar.start.missing");
    expect(startDateProblem(" ", "2026-03-02")).toBe("calendar.start.missing");
    expect(startDateProblem("2026-3-1", "2026-03-02")).toBe("calendar.start.invalid");
    expect(startDateProblem("2026-03-03", "2026-03-02")).toBe("calendar.start.future");
    expect(startDateProblem("2026-03-02", "2026-03-02")).toBeNull();
    expect(startDateProblem("2025-12-31", "2026-03-02")).toBeNull();
    const entries = fixtureCalendarSettings("2026-03-01");
    expect(canRun(entries, "2026-03-02")).toBe(true);
    expect(canRun(entries, "2026-02-28")).toBe(false);
    expect(canRun(fixtureCalendarSettings(null), "2026-03-02")).toBe(false);
  });

  it("takes today from the machine's calendar day", () => {
    expect(todayIso(new Date(2026, 2, 1, 23, 59))).toBe("2026-03-01");
    expect(todayIso(new Date(2026, 11, 31, 0, 0))).toBe("2026-12-31");
  });

  it("says when an event takes place in the UI's language", () => {
    const meeting = { kind: "timed", start: "2026-03-02T09:00:00Z", stop: "2026-03-02T10:30:00Z" } as const;
    expect(formatWhen(meeting)).toMatch(/Mar 2, 2026.*9:00.*10:30/);
    expect(formatWhen({ kind: "all_day", first: "2026-03-10", last: "2026-03-10" })).toBe("Mar 10, 2026");
    expect(formatWhen({ kind: "all_day", first: "2026-03-10", last: "2026-03-12" })).toMatch(/^Mar 10\s*–\s*12, 2026$/);
    useLanguage("de");
    expect(formatWhen({ kind: "all_day", first: "2026-03-10", last: "2026-03-10" })).toBe("10.03.2026");
    expect(formatWhen(meeting)).toMatch(/02\.03\.2026.*09:00.*10:30/);
    expect(formatWhen(null)).toBe("");
  });

  it("has its messages in both languages", () => {
    for (const key of ["calendar.start.missing", "calendar.start.invalid", "calendar.start.future"]) {
      expect(format("en", key)).not.toBe(key);
      expect(format("de", key)).not.toBe(format("en", key));
    }
    expect(format("en", "calendar.run.progress", { done: 1 })).toBe("1 event so far");
    expect(format("de", "calendar.run.progress", { done: 12 })).toBe("bisher 12 Termine");
  });
});

describe("the Calendar page", () => {
  it("cannot run, and keeps the timer switch off, until a start date is chosen", async () => {
    const state = backend();
    render(CalendarPage);
    const input = await startDateInput();
    expect(input.value).toBe("");
    expect(input.max).toBe(TODAY);
    expect(section("start").getByText("Choose a start date first: the calendar does not run without one.")).toBeTruthy();
    expect(button("Sync now").disabled).toBe(true);
    expect(button("Preview").disabled).toBe(true);
    const timer = section("timer");
    expect((timer.getByRole("checkbox", { name: "Sync the calendar on a timer" }) as HTMLInputElement).disabled).toBe(true);
    expect(timer.getByText("The timer can be switched on once the start date is set.")).toBeTruthy();

    await fireEvent.input(input, { target: { value: A_MONTH_AGO } });
    await fireEvent.change(input);
    await waitFor(() => expect(button("Sync now").disabled).toBe(false));
    expect(calls(state, "set_setting")).toEqual([{ key: "calendar.start_date", value: A_MONTH_AGO }]);
    expect(section("start").getByText("Saved")).toBeTruthy();
    expect((timer.getByRole("checkbox", { name: "Sync the calendar on a timer" }) as HTMLInputElement).disabled).toBe(false);
    expect(timer.queryByText("The timer can be switched on once the start date is set.")).toBeNull();
  });

  it("refuses a start date in the future before saving it", async () => {
    const state = backend({ startDate: A_MONTH_AGO });
    render(CalendarPage);
    const input = await startDateInput();
    await waitFor(() => expect(input.value).toBe(A_MONTH_AGO));
    await fireEvent.input(input, { target: { value: NEXT_WEEK } });
    await fireEvent.change(input);
    const alert = await section("start").findByRole("alert");
    expect(alert.textContent).toContain("The start date cannot lie in the future");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(calls(state, "set_setting")).toEqual([]);
    expect(button("Sync now").disabled).toBe(false);
  });

  it("shows a start date the administrator set as locked", async () => {
    backend({ startDate: NEXT_WEEK, lockStartDate: true, today: TODAY });
    render(CalendarPage);
    const input = await startDateInput();
    await waitFor(() => expect(input.value).toBe(NEXT_WEEK));
    expect(input.disabled).toBe(true);
    expect(section("start").getByText("Set by your administrator")).toBeTruthy();
    expect(section("start").getByText(/cannot lie in the future.*ask them to change it/)).toBeTruthy();
    expect(button("Sync now").disabled).toBe(true);
  });

  it("saves the options and the timer as they are switched", async () => {
    const state = backend({ startDate: A_MONTH_AGO });
    render(CalendarPage);
    const options = section("options");
    const skip = (await options.findByRole("checkbox", { name: "Leave private events out of Odoo" })) as HTMLInputElement;
    expect(skip.checked).toBe(true);
    // each change is saved, then the page reads the settings again (which resets the fields)
    const saved = async (n: number) => {
      await waitFor(() => expect(calls(state, "get_setting_entries")).toHaveLength(n + 1));
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await fireEvent.click(options.getByRole("checkbox", { name: /Archive events in Odoo/ }));
    await saved(1);
    await fireEvent.click(section("timer").getByRole("checkbox", { name: "Sync the calendar on a timer" }));
    await saved(2);
    const interval = section("timer").getByRole("spinbutton") as HTMLInputElement;
    await fireEvent.input(interval, { target: { value: "45" } });
    await fireEvent.change(interval);
    await saved(3);
    expect(calls(state, "set_setting")).toEqual([
      { key: "calendar.archive_cancelled", value: "true" },
      { key: "calendar.enabled", value: "true" },
      { key: "calendar.sync_interval_minutes", value: "45" },
    ]);
  });

  it("previews event by event with the summary line, and writes nothing", async () => {
    const state = backend({ startDate: A_MONTH_AGO });
    render(CalendarPage);
    await waitFor(() => expect(button("Preview").disabled).toBe(false));
    await fireEvent.click(button("Preview"));

    await screen.findByText("4 events → 2 new in Odoo, 0 updated, 1 already there from a colleague, 1 skipped");
    expect(screen.getByRole("heading", { name: "Preview" })).toBeTruthy();
    expect(screen.getByText("Nothing was written: no event in Odoo was created, changed or archived.")).toBeTruthy();
    const rows = [...document.querySelectorAll<HTMLElement>("tr[data-event]")];
    expect(rows.map((r) => r.dataset.outcome)).toEqual(["created", "linked", "skipped", "created"]);
    expect(rows[1]?.textContent).toContain("A colleague's connector had created it already");
    expect(rows[3]?.textContent).toMatch(/Messe Hannover.*Mar 10\s*–\s*12, 2026/);
    expect(calls(state, "sync_calendar")).toEqual([{ request: { dry_run: true } }]);
    expect(state.runs).toEqual([]);
    expect(state.odoo.size).toBe(0);
  });

  it("shows the events handled so far while a run goes on, then the run among the latest", async () => {
    const state = backend({ startDate: A_MONTH_AGO, stepMs: 40 });
    render(CalendarPage);
    await waitFor(() => expect(button("Sync now").disabled).toBe(false));
    await fireEvent.click(button("Sync now"));

    expect(await screen.findByText(/^[1-4] events? so far$/)).toBeTruthy();
    expect(screen.getByText("Syncing the calendar…")).toBeTruthy();
    expect(button("Sync now").disabled).toBe(true);
    await screen.findByRole("heading", { name: "Last sync" });
    expect(screen.queryByText(/so far$/)).toBeNull();
    expect(state.odoo.size).toBe(3);
    const latest = await section("runs").findByText(/^4 events → 2 new in Odoo/);
    expect(latest.closest("[data-run-id]")?.getAttribute("data-run-id")).toBe("200");
  });

  it("shows the progress of a run the timer started, streamed by the backend, until it ends", async () => {
    backend({ startDate: A_MONTH_AGO });
    render(CalendarPage);
    await startDateInput();
    await emit("calendar-progress", { done: 0 });
    expect(await screen.findByText("Syncing the calendar…")).toBeTruthy();
    await emit("calendar-progress", { done: 7 });
    expect(await screen.findByText("7 events so far")).toBeTruthy();
    await emit("calendar-progress", null);
    await waitFor(() => expect(screen.queryByText("Syncing the calendar…")).toBeNull());
  });

  it("folds an event's technical detail away in the run and in the latest runs", async () => {
    backend({ startDate: A_MONTH_AGO, refuse: "Kick-off" });
    render(CalendarPage);
    await waitFor(() => expect(button("Sync now").disabled).toBe(false));
    await fireEvent.click(button("Sync now"));
    await screen.findByRole("heading", { name: "Last sync" });
    const row = document.querySelector<HTMLElement>('tr[data-event="AAMk-ev-kickoff"]');
    expect(row?.dataset.outcome).toBe("failed");
    const technical = row?.querySelector("details");
    expect(technical?.open).toBe(false);
    expect(technical?.querySelector("summary")?.textContent).toBe("Technical details");
    expect(technical?.textContent).toContain("Odoo server error (ValidationError)");

    // the run's details: what each event became
    const latest = await section("runs").findByText(/^4 events →/);
    await fireEvent.click(latest.closest("button") as HTMLButtonElement);
    const details = await screen.findByRole("heading", { name: "Run 200" });
    const panel = within(details.closest("section") as HTMLElement);
    expect(panel.getByText("Kick-off Müller GmbH")).toBeTruthy();
    expect(panel.getByText(/Odoo refused it/)).toBeTruthy();
    expect(panel.getAllByText("Technical details")).toHaveLength(1);
  });

  it("shows a preview that could not read the calendar as incomplete, its error folded away", async () => {
    backend({ startDate: A_MONTH_AGO, unreadable: true });
    render(CalendarPage);
    await waitFor(() => expect(button("Preview").disabled).toBe(false));
    await fireEvent.click(button("Preview"));
    await screen.findByText("0 events → 0 new in Odoo, 0 updated, 0 already there from a colleague");
    const incomplete = document.querySelector<HTMLElement>("[data-incomplete]");
    expect(incomplete?.textContent).toContain("Part of your calendar could not be read or written");
    expect(incomplete?.querySelector("details")?.open).toBe(false);
    expect(screen.getByText(/No event to sync/)).toBeTruthy();
  });

  it("shows why a run could not start, with Try again when it may help", async () => {
    const busy = { code: "busy", message: "A calendar run is going already; try again in a moment.", retryable: true };
    const state = backend({ startDate: A_MONTH_AGO, failOnce: { sync_calendar: busy } });
    render(CalendarPage);
    await waitFor(() => expect(button("Sync now").disabled).toBe(false));
    await fireEvent.click(button("Sync now"));
    await screen.findByText(busy.message);
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByRole("heading", { name: "Last sync" });
    expect(calls(state, "sync_calendar")).toEqual([{ request: { dry_run: false } }, { request: { dry_run: false } }]);
  });

  it("speaks German", async () => {
    useLanguage("de");
    backend();
    render(CalendarPage);
    expect(await screen.findByRole("heading", { name: "Kalender", level: 1 })).toBeTruthy();
    expect(await screen.findByLabelText("Termine ab diesem Datum synchronisieren")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Vorschau" })).toBeTruthy();
    // under the start date, and beside the buttons it holds back
    expect(screen.getAllByText("Wählen Sie zuerst ein Startdatum: Ohne läuft der Kalender nicht.")).toHaveLength(2);
  });
});
