// The Calendar page in Debian's Chromium with the IPC mocked by the calendar fake (issue 15's
// browser test): nothing runs before a start date is chosen; a day in the future is refused
// before it is saved; the preview lists event by event and writes nothing; Sync now shows its
// progress, writes the events into the fake Odoo and lists the run, whose details show what
// each event became. In German, then English. Screenshots land in test-results/.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CalendarBackendState } from "../calendar-fixtures";
import { results } from "./harness";
import { jobPageWindows } from "./job-page";

/** A fresh window on the Calendar page in a system of this locale. */
const { open: openCalendarPage } = jobPageWindows("mock-ipc-calendar.ts", "calendar");

/** What the fake Odoo holds: the Outlook ids of its events. */
const odooEvents = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { calendarFake: CalendarBackendState }).calendarFake.odoo.keys()].sort());

/** A day `days` from today in the page's calendar, as the date input takes it. */
const dayFromToday = (page: Page, days: number) =>
  page.evaluate((n) => {
    const d = new Date(Date.now() + n * 24 * 3600 * 1000);
    const pad = (x: number) => String(x).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);

describe("the Calendar page in Chromium", () => {
  it("takes a start date, previews, syncs with progress and lists what each event became", async () => {
    const page = await openCalendarPage("de-DE");
    await page.getByRole("heading", { name: "Kalender", level: 1 }).waitFor();
    const start = page.getByLabel("Termine ab diesem Datum synchronisieren");
    const syncNow = page.getByRole("button", { name: "Jetzt synchronisieren" });
    const preview = page.getByRole("button", { name: "Vorschau" });
    await page.getByText("Wählen Sie zuerst ein Startdatum").first().waitFor();
    expect(await syncNow.isDisabled()).toBe(true);
    expect(await preview.isDisabled()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Kalender nach Zeitplan synchronisieren" }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(results, "calendar-no-start-de.png"), fullPage: true });

    // a day in the future is refused before it is saved
    await start.fill(await dayFromToday(page, 5));
    await start.dispatchEvent("change");
    const refused = page.locator('[data-section="start"] [role="alert"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain("nicht in der Zukunft");
    expect(await syncNow.isDisabled()).toBe(true);

    await start.fill(await dayFromToday(page, -30));
    await start.dispatchEvent("change");
    await page.locator('[data-section="start"]').getByText("Gespeichert").waitFor();
    expect(await syncNow.isEnabled()).toBe(true);

    await preview.click();
    const summary = page.locator("section.result .summary");
    await summary.waitFor();
    expect(await summary.innerText()).toBe(
      "4 events → 2 new in Odoo, 0 updated, 1 already there from a colleague, 1 skipped",
    );
    expect(await page.locator("tr[data-event]").count()).toBe(4);
    expect(await page.locator('tr[data-event="AAMk-ev-fair"] .when').innerText()).toMatch(/10\.[–-]12\.03\.2026|10\.03\.2026/);
    expect(await odooEvents(page)).toEqual([]);
    await page.screenshot({ path: join(results, "calendar-preview-de.png"), fullPage: true });

    await syncNow.click();
    await page.getByText(/bisher [1-4] Termine?/).waitFor();
    await page.getByRole("heading", { name: "Letzte Synchronisierung" }).waitFor();
    expect(await odooEvents(page)).toEqual(["AAMk-ev-fair", "AAMk-ev-kickoff", "AAMk-ev-review"]);
    const runs = page.locator('[data-section="runs"] li[data-run-id]');
    await runs.first().waitFor();
    expect(await runs.first().getAttribute("data-outcome")).toBe("success");
    await runs.first().locator("button").click();
    const details = page.locator("section.details");
    await details.getByText("Kick-off Müller GmbH").waitFor();
    expect(await details.innerText()).toContain("A colleague's connector had created it already");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(results, "calendar-run-de-dark.png"), fullPage: true });
  });

  it("speaks English", async () => {
    const page = await openCalendarPage("en-US");
    await page.getByRole("heading", { name: "Calendar", level: 1 }).waitFor();
    await page.getByLabel("Sync events from this date on").waitFor();
    await page.getByText("Choose a start date first: the calendar does not run without one.").first().waitFor();
    expect(await page.getByRole("heading", { name: "Latest calendar runs" }).isVisible()).toBe(true);
    // the fixtures' older calendar runs are listed, newest first
    const runs = page.locator('[data-section="runs"] li[data-run-id]');
    await runs.first().waitFor();
    expect(await runs.evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.runId))).toEqual(["6", "3"]);
    await page.screenshot({ path: join(results, "calendar-en.png"), fullPage: true });
  });
});
