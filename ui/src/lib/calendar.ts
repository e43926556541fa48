// Pure helpers of the Calendar page: which settings it shows, whether the start date allows a
// run (the core refuses a missing one and one in the future), and when an event takes place in
// the person's words. The backend validates everything again.

import type { EventWhen, SettingEntry } from "./bindings";
import type { MessageKey } from "./i18n/catalog";
import { formattingLocale } from "./i18n/i18n.svelte";

/** The calendar's start date setting. */
export const START_DATE_KEY = "calendar.start_date";
/** The calendar's timer switch. */
export const ENABLED_KEY = "calendar.enabled";

/** The calendar options the page shows, in this order. */
export const calendarOptionKeys: readonly string[] = ["calendar.skip_private", "calendar.archive_cancelled"];

/** The timer's settings, in this order: the switch, then the interval. */
export const calendarTimerKeys: readonly string[] = [ENABLED_KEY, "calendar.sync_interval_minutes"];

/** The entries of `keys` that `entries` has, in the order of `keys`. */
export function entriesFor(entries: readonly SettingEntry[], keys: readonly string[]): SettingEntry[] {
  return keys
    .map((key) => entries.find((e) => e.key === key))
    .filter((e): e is SettingEntry => e !== undefined);
}

/** Today in the machine's time zone as `YYYY-MM-DD` (the date input's format). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The start date as saved, or null when there is none. */
export function startDateOf(entries: readonly SettingEntry[]): string | null {
  const value = entries.find((e) => e.key === START_DATE_KEY)?.value;
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * What is wrong with `date` as the start date, as a message key; null when it is fine (today or
 * a day before). `today` is `YYYY-MM-DD`; ISO dates compare as text.
 */
export function startDateProblem(date: string | null, today: string): MessageKey | null {
  if (date === null || date.trim() === "") return "calendar.start.missing";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) return "calendar.start.invalid";
  if (date.trim() > today) return "calendar.start.future";
  return null;
}

/** Whether the calendar may run: its start date is set, and not in the future. */
export function canRun(entries: readonly SettingEntry[], today: string): boolean {
  return startDateProblem(startDateOf(entries), today) === null;
}

/** A date of `YYYY-MM-DD` as a calendar day (no time zone shift). */
function day(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/**
 * When an event takes place, in the UI's locale: "3 Mar 2026, 09:30 – 10:30" for a timed event
 * on one day (the machine's time zone), "3 Mar 2026" or "3 – 5 Mar 2026" for whole days.
 */
export function formatWhen(when: EventWhen | null): string {
  if (!when) return "";
  const locale = formattingLocale();
  if (when.kind === "all_day") {
    const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    const [first, last] = [day(when.first), day(when.last)];
    return when.first === when.last ? days.format(first) : days.formatRange(first, last);
  }
  const start = new Date(when.start);
  const stop = new Date(when.stop);
  if (Number.isNaN(start.getTime()) || Number.isNaN(stop.getTime())) return `${when.start} – ${when.stop}`;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).formatRange(start, stop);
}
