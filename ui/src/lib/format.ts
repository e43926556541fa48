// Dates and numbers in the user's locale (the UI language, in the system's regional variant).

import { formattingLocale } from "./i18n/i18n.svelte";

/** A timestamp such as "27 Nov 2026, 09:15" / "27.11.2026, 09:15"; unparseable input is shown as it came. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

/** A time of day with seconds, for the events inside one run. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(formattingLocale(), { timeStyle: "medium" }).format(date);
}
