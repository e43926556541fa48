// Pure helpers of the setup wizard and the Settings page: what the wizard checks before it asks
// the backend (so a typo gets an answer at once), the suggested transfer folder names, and how
// a setting entry is shown and written back. The backend validates everything again.

import type { Language, SettingEntry, SettingExpected, SettingValue } from "./bindings";
import type { MessageKey } from "./i18n/catalog";

/** The steps of the setup wizard, in order. */
export const wizardSteps = ["odoo", "microsoft", "folders"] as const;

/** One step of the setup wizard. */
export type WizardStep = (typeof wizardSteps)[number];

/** The fields of the Odoo step as typed. */
export type OdooForm = { url: string; db: string; login: string; secret: string };

/** The fields of the Microsoft step as typed. */
export type MicrosoftForm = { clientId: string; tenant: string; web: boolean; secret: string };

/** A field's problem found before asking the backend: the message key per field name. */
export type FieldProblems<F> = Partial<Record<keyof F, MessageKey>>;

/** The tenant Microsoft recommends for work and school accounts. */
export const DEFAULT_TENANT = "organizations";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Tenant: a GUID, a verified domain, or one of Microsoft's aliases.
const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+|organizations|common|consumers)$/i;

/** What is missing or malformed in the Odoo step. */
export function checkOdooForm(form: OdooForm): FieldProblems<OdooForm> {
  const problems: FieldProblems<OdooForm> = {};
  const url = form.url.trim();
  if (url === "") problems.url = "setup.odoo.url.missing";
  // A dotted host name, localhost, or an IP address, with or without a scheme in front.
  else if (/\s/.test(url) || !/[a-z0-9]\.[a-z]|localhost|(^|\/\/)\d/i.test(url)) problems.url = "setup.odoo.url.invalid";
  if (form.login.trim() === "") problems.login = "setup.odoo.login.missing";
  if (form.secret.trim() === "") problems.secret = "setup.odoo.secret.missing";
  return problems;
}

/** What is missing or malformed in the Microsoft step. */
export function checkMicrosoftForm(form: MicrosoftForm): FieldProblems<MicrosoftForm> {
  const problems: FieldProblems<MicrosoftForm> = {};
  const id = form.clientId.trim();
  if (id === "") problems.clientId = "setup.ms.clientId.missing";
  else if (!GUID.test(id)) problems.clientId = "setup.ms.clientId.invalid";
  if (!TENANT.test(form.tenant.trim())) problems.tenant = "setup.ms.tenant.invalid";
  if (form.web && form.secret.trim() === "") problems.secret = "setup.ms.secret.missing";
  return problems;
}

/** Whether a problem list is empty. */
export function isValid<F>(problems: FieldProblems<F>): boolean {
  return Object.keys(problems).length === 0;
}

/** Whether an API key looks like one Odoo makes (40 hex digits); anything else is probably a password. */
export function looksLikeApiKey(secret: string): boolean {
  return /^[0-9a-f]{40}$/i.test(secret.trim());
}

/** The transfer folder names suggested in the user's language. */
export function suggestedFolderNames(language: Language): { incoming: string; outgoing: string } {
  return language === "de"
    ? { incoming: "Odoo Eingang", outgoing: "Odoo Ausgang" }
    : { incoming: "Odoo Incoming", outgoing: "Odoo Outgoing" };
}

/** A section of the Settings page. */
export type SettingGroup = "general" | "mail" | "calendar" | "contacts" | "advanced";

/** The keys the Settings page leaves to other places: the language switch, the wizard, the Mail page's
 * transfer folders and the Calendar page's start date (whose rules only that page checks). */
const handledElsewhere = new Set([
  "general.language",
  "mail.enabled",
  "calendar.enabled",
  "contacts.enabled",
  "mail.incoming_folder",
  "mail.outgoing_folder",
  "calendar.start_date",
]);

/** The Settings page's sections with their entries, in the backend's order. */
export function groupSettings(entries: SettingEntry[]): { group: SettingGroup; entries: SettingEntry[] }[] {
  const groups: SettingGroup[] = ["general", "mail", "calendar", "contacts", "advanced"];
  const byGroup = new Map<SettingGroup, SettingEntry[]>(groups.map((g) => [g, []]));
  for (const entry of entries) {
    if (handledElsewhere.has(entry.key)) continue;
    const prefix = entry.key.split(".")[0];
    const group: SettingGroup =
      prefix === "general" || prefix === "mail" || prefix === "calendar" || prefix === "contacts"
        ? prefix
        : "advanced";
    byGroup.get(group)?.push(entry);
  }
  return groups
    .map((group) => ({ group, entries: byGroup.get(group) ?? [] }))
    .filter((g) => g.entries.length > 0);
}

/** How a setting is edited. */
export type SettingControl = "switch" | "number" | "date" | "text";

/** The control for what a setting expects. */
export function controlFor(expected: SettingExpected): SettingControl {
  if (expected === "bool") return "switch";
  if (expected === "date") return "date";
  if (typeof expected === "object") return "number";
  return "text";
}

/** The bounds of a number setting, if any. */
export function boundsOf(expected: SettingExpected): { min: number; max: number } | null {
  if (typeof expected !== "object") return null;
  return "minutes" in expected ? expected.minutes : expected.megabytes;
}

/** A value as the text field shows it (and `set_setting` takes it). */
export function valueText(value: SettingValue): string {
  return value === null ? "" : String(value);
}

/** The redirect URI of the recommended public-client registration (any port is accepted). */
export const PUBLIC_CLIENT_REDIRECT = "http://localhost";
/** The extra Web redirect URI an older Web registration needs. */
export const WEB_REDIRECT = "http://localhost/office365/authorization";
/** The delegated Microsoft Graph permissions the connector asks for. */
export const GRAPH_SCOPES = [
  "offline_access",
  "User.Read",
  "Mail.ReadWrite",
  "Mail.Send",
  "Calendars.ReadWrite",
  "Contacts.ReadWrite",
] as const;
