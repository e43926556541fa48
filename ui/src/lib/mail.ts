// Pure helpers of the Mail page: what a preview amounts to, and the suggestions for a new
// contact made from an unknown address.

import type { AddressChoice, MailContact, MailReport } from "./bindings";

/** The mail options the Mail page shows, in this order (the folders have their own section). */
export const mailOptionKeys: readonly string[] = [
  "mail.sync_interval_minutes",
  "mail.delete_after_transfer",
  "mail.include_colleagues",
  "mail.file_on_opportunity",
  "mail.attachment_limit_mb",
];

/** What a run or preview amounts to: mails, distinct contacts, and mails that wait for a person. */
export type ReportTotals = { mails: number; contacts: number; open: number };

/** Counts a report the way its summary line does ("23 mails → 19 contacts, 4 need a decision"). */
export function reportTotals(report: MailReport): ReportTotals {
  const contacts = new Set(report.mails.flatMap((mail) => mail.contacts));
  const open = report.mails.filter((m) => m.outcome === "waiting" || m.outcome === "unassigned").length;
  return { mails: report.mails.length, contacts: contacts.size, open };
}

function capitalised(word: string): string {
  return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}

/** A name suggested from an address: "jana.mueller@kunde.example" → "Jana Mueller". */
export function nameFromAddress(address: string): string {
  const local = address.split("@")[0] ?? "";
  const words = local.split(/[._+-]+/).filter((w) => w !== "" && !/^\d+$/.test(w));
  return words.length > 0 ? words.map(capitalised).join(" ") : local;
}

// Mail providers' domains say nothing about a company.
const freemailDomains = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "t-online.de",
  "posteo.de",
]);

/** A company name suggested from a domain ("mueller-gmbh.de" → "Mueller Gmbh"); empty for freemail. */
export function companyFromDomain(domain: string): string {
  const lower = domain.trim().toLowerCase();
  if (lower === "" || freemailDomains.has(lower)) return "";
  const labels = lower.split(".");
  const name = labels.length > 1 ? labels[labels.length - 2] : labels[0];
  return (name ?? "").split(/[-_]+/).filter(Boolean).map(capitalised).join(" ");
}

/** The contact ids a choice names (none for "nobody"). */
export function chosenIds(choice: AddressChoice): number[] {
  return choice.kind === "contacts" ? choice.contacts : [];
}

/** The contact's company and city, joined for one line ("Müller GmbH · Köln"). */
export function contactPlace(contact: MailContact): string {
  return [contact.company, contact.city].filter((part): part is string => !!part).join(" · ");
}
