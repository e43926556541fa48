// A fake backend for the Mail page: a small mail engine over a fake Odoo address book.
// Mails wait in the transfer folders; an address matching several contacts waits for a
// decision, one matching nobody is unassigned; a remembered choice (or a created contact)
// lets the next `sync_mail` file them. Odoo refuses a mail whose subject holds `state.refuse`;
// it then waits, refused, until the person retries it (the next run tries it again) or skips it. Shaped like the core DTOs in src/lib/bindings.ts and the
// "Mail page" contract in ui/README.md. Other commands go to the fallback (tests/fixtures.ts).

import type {
  AddressChoice,
  ItemOutcome,
  MailChoiceEntry,
  MailContact,
  MailDecision,
  MailOutcome,
  MailProgress,
  MailRun,
  RefusedMail,
  RunEvent,
  RunSummary,
  SettingEntry,
  UiError,
} from "../src/lib/bindings";
import { emit } from "@tauri-apps/api/event";
import { fixtureMailbox } from "./setup-fixtures";

/** A mail in a transfer folder: its key, subject and the addresses it is filed by. */
export type FakeMail = { key: string; subject: string; addresses: string[] };

/** Knobs for tests. */
export type MailBackendOptions = {
  /** Milliseconds per mail while a run is going, so progress can be watched (default 0). */
  stepMs?: number;
  /** The transfer folders are not chosen yet. */
  noFolders?: boolean;
  /** The first call of each command named here fails with this error; later calls succeed. */
  failOnce?: Record<string, UiError>;
  /** Odoo refuses every mail whose subject contains this text (default: none). */
  refuse?: string;
  /** Mails Odoo refused in an earlier run, waiting for the person. */
  refused?: FakeRefusedMail[];
};

/** A mail Odoo refused: as `refused_mails` lists it, with the addresses it is filed by. */
export type FakeRefusedMail = RefusedMail & { addresses: string[] };

/** What the fake recorded, and levers for tests. */
export type MailBackendState = {
  contacts: MailContact[];
  pending: FakeMail[];
  /** Mails Odoo refused, waiting for a retry or a skip. */
  refused: FakeRefusedMail[];
  /** Keys of the refused mails the person skipped (they stay in the folder, never filed). */
  skipped: string[];
  /** Odoo refuses every mail whose subject contains this text; null: none. */
  refuse: string | null;
  choices: Map<string, AddressChoice>;
  runs: RunSummary[];
  events: Record<number, RunEvent[]>;
  settings: SettingEntry[];
  /** Odoo's chatter: contact id → keys of the mails filed on it. */
  chatter: Map<number, string[]>;
  calls: { command: string; args: Record<string, unknown> }[];
  /** Puts a new mail into a transfer folder. */
  deliver: (mail: FakeMail) => void;
};

const contact = (
  id: number,
  name: string,
  email: string,
  company: string | null,
  city: string | null,
  last_activity: string | null,
): MailContact => ({ id, name, email, company, city, active: true, is_colleague: false, last_activity });

/** The fake Odoo address book: three people share info@partner.example. */
export function fixtureMailContacts(): MailContact[] {
  return [
    contact(12, "Jana Müller", "jana.mueller@mueller-gmbh.example", "Müller GmbH", "Köln", "2026-11-20T14:02:00Z"),
    contact(14, "Einkauf Müller GmbH", "einkauf@mueller-gmbh.example", "Müller GmbH", "Köln", "2026-10-02T08:15:00Z"),
    contact(31, "Lena Vogt", "info@partner.example, lena.vogt@partner.example", "Partner AG", "Hamburg", "2026-11-25T09:40:00Z"),
    contact(32, "Tom Brandt", "info@partner.example", "Partner AG", "München", "2026-06-11T16:20:00Z"),
    contact(33, "Partner AG", "Partner AG <info@partner.example>", null, "Hamburg", "2025-12-01T10:00:00Z"),
    { ...contact(40, "Old Partner Desk", "info@partner.example", "Partner AG", "Bremen", null), active: false },
  ];
}

/** The mails waiting in the transfer folders at the start. */
export function fixtureMails(): FakeMail[] {
  return [
    { key: "<x91@partner.example>", subject: "Delivery dates for December", addresses: ["info@partner.example"] },
    { key: "<x92@partner.example>", subject: "Re: Delivery dates for December", addresses: ["info@partner.example"] },
    { key: "<n1@neukunde.example>", subject: "Anfrage Messestand 2027", addresses: ["jana.roth@neukunde.example"] },
    { key: "<o55@mueller-gmbh.example>", subject: "Bestellung 4711", addresses: ["einkauf@mueller-gmbh.example"] },
  ];
}

/** The mail options as `get_setting_entries` lists them; the admin locked "include colleagues". */
export function fixtureMailSettings(noFolders = false): SettingEntry[] {
  const entry = (key: string, value: SettingEntry["value"], expected: SettingEntry["expected"]): SettingEntry => ({
    key,
    value,
    default: value,
    source: "default",
    locked: false,
    expected,
  });
  return [
    { ...entry("mail.enabled", true, "bool"), source: "user", default: false },
    entry("mail.sync_interval_minutes", 15, { minutes: { min: 1, max: 1440 } }),
    { ...entry("mail.incoming_folder", noFolders ? null : "AAMk-customers", "text"), default: null },
    { ...entry("mail.outgoing_folder", noFolders ? null : "AAMk-sent", "text"), default: null },
    entry("mail.delete_after_transfer", false, "bool"),
    entry("mail.attachment_limit_mb", 25, { megabytes: { min: 1, max: 150 } }),
    entry("mail.file_on_opportunity", false, "bool"),
    { ...entry("mail.include_colleagues", false, "bool"), source: "policy", locked: true },
  ];
}

function fail(code: string, message: string, retryable = false): never {
  throw { code, message, retryable } satisfies UiError;
}

/** The addresses an Odoo e-mail field holds ("a@x, Name <b@x>" → both). */
function addressesOf(field: string): string[] {
  return field
    .split(/[,;]/)
    .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter((part) => part.includes("@"));
}

/** Paths of the fake mailbox's folders by id ("Inbox / Customers"). */
function folderEntries() {
  const byId = new Map<string, { id: string; name: string; path: string; unread: number; total: number; child_count: number }>();
  const walk = (list: ReturnType<typeof fixtureMailbox>, parent: string) => {
    for (const f of list) {
      const path = parent ? `${parent} / ${f.name}` : f.name;
      byId.set(f.id, { id: f.id, name: f.name, path, unread: f.unread, total: f.total, child_count: f.children.length });
      walk(f.children, path);
    }
  };
  walk(fixtureMailbox(), "");
  return byId;
}

/** A `mockIPC` handler for the Mail page's commands; everything else goes to `fallback`. */
export function mailBackend(
  fallback: (command: string, payload: unknown) => unknown,
  options: MailBackendOptions = {},
): { handler: (command: string, payload: unknown) => unknown; state: MailBackendState } {
  const state: MailBackendState = {
    contacts: fixtureMailContacts(),
    pending: fixtureMails(),
    refused: structuredClone(options.refused ?? []),
    skipped: [],
    refuse: options.refuse ?? null,
    choices: new Map<string, AddressChoice>([
      ["newsletter@lieferant.example", { kind: "ignore" }],
      ["buchhaltung@mueller-gmbh.example", { kind: "contacts", contacts: [12] }],
    ]),
    runs: [],
    events: {},
    settings: fixtureMailSettings(options.noFolders),
    chatter: new Map(),
    calls: [],
    deliver: (mail) => void state.pending.push(mail),
  };
  const folders = folderEntries();
  let progress: MailProgress = null;
  let nextRunId = 100;
  const failedOnce = new Set<string>();

  const matches = (address: string) =>
    state.contacts.filter((c) => c.active && addressesOf(c.email).includes(address));

  /** Where one address of a mail stands: the contacts to file on, or why it stays open. */
  const resolve = (address: string): { contacts: number[] } | { open: "waiting" | "unassigned" } => {
    const choice = state.choices.get(address);
    if (choice) return { contacts: choice.kind === "contacts" ? choice.contacts : [] };
    const found = matches(address);
    if (found.length === 1 && found[0]) return { contacts: [found[0].id] };
    return { open: found.length === 0 ? "unassigned" : "waiting" };
  };

  const decisions = (): MailDecision[] => {
    const byAddress = new Map<string, MailDecision>();
    for (const mail of state.pending) {
      for (const address of mail.addresses) {
        const where = resolve(address);
        if (!("open" in where)) continue;
        const entry = byAddress.get(address) ?? {
          address,
          kind: where.open,
          candidates: matches(address),
          suggested_company: address.split("@")[1] ?? "",
          mails: [],
        };
        entry.mails.push({ key: mail.key, subject: mail.subject });
        byAddress.set(address, entry);
      }
    }
    // Waiting ones first, then by address, as the core sorts them.
    return [...byAddress.values()].sort(
      (a, b) => (a.kind === b.kind ? a.address.localeCompare(b.address) : a.kind === "waiting" ? -1 : 1),
    );
  };

  // as the core's sentence and Odoo's error (crates/core/src/mail/notes.rs)
  const refusal = (text: string) => {
    const reason = `This message cannot be posted: it contains "${text}".`;
    return {
      reason: `Odoo refuses this mail (“${reason}”). Trying again unchanged will not help: retry it once something changed, or skip it.`,
      technical: `Odoo server error (ValidationError): ${reason}`,
    };
  };

  const plan = (): MailOutcome[] =>
    state.pending.map((mail) => {
      const where = mail.addresses.map(resolve);
      const open = where.find((w) => "open" in w);
      const contacts = where.flatMap((w) => ("contacts" in w ? w.contacts : []));
      let outcome: ItemOutcome = open ? (open.open === "waiting" ? "waiting" : "unassigned") : "filed";
      if (!open && contacts.length === 0) outcome = "skipped";
      const detail =
        outcome === "waiting"
          ? `${mail.addresses[0] ?? ""} belongs to several contacts`
          : outcome === "unassigned"
            ? `No contact has ${mail.addresses[0] ?? ""}`
            : outcome === "skipped"
              ? "Ignored address"
              : null;
      const refused = outcome === "filed" && state.refuse !== null && mail.subject.includes(state.refuse);
      if (refused && state.refuse !== null) {
        const { reason, technical } = refusal(state.refuse);
        return { key: mail.key, subject: mail.subject, outcome: "refused", contacts: [], messages: [], opportunities: [], detail: reason, technical };
      }
      return { key: mail.key, subject: mail.subject, outcome, contacts, messages: [], opportunities: [], detail, technical: null };
    });

  const summaryOf = (mails: MailOutcome[]) => {
    const contacts = new Set(mails.flatMap((m) => m.contacts)).size;
    const waiting = mails.filter((m) => m.outcome === "waiting").length;
    const unassigned = mails.filter((m) => m.outcome === "unassigned").length;
    const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    // as the core's summary (crates/core/src/mail/texts.rs)
    const failed = mails.filter((m) => m.outcome === "failed").length;
    const refused = mails.filter((m) => m.outcome === "refused").length;
    return `${counted(mails.length, "mail", "mails")} → ${counted(contacts, "contact", "contacts")}, ${waiting} ${waiting === 1 ? "needs" : "need"} a decision, ${unassigned} unassigned${failed > 0 ? `, ${failed} failed` : ""}${refused > 0 ? `, ${refused} refused by Odoo` : ""}`;
  };

  // as the shell: each step of a run, then null, as a "mail-progress" event (when the test
  // mocks events; progress is a courtesy, so without them nothing is sent)
  const stream = async (step: MailProgress) => {
    try {
      await emit("mail-progress", step);
    } catch {
      // events are not mocked in this test
    }
  };

  const sync = async (dryRun: boolean): Promise<MailRun> => {
    if (progress) fail("busy", "A mail transfer is already running.", true);
    const mails = plan();
    const started = new Date().toISOString();
    progress = { done: 0, total: mails.length };
    await stream(progress);
    for (let i = 0; i < mails.length; i++) {
      if (options.stepMs) await new Promise((resolve) => setTimeout(resolve, options.stepMs));
      progress = { done: i + 1, total: mails.length };
      await stream(progress);
    }
    progress = null;
    await stream(null);
    const open = mails.some((m) => m.outcome === "waiting" || m.outcome === "unassigned" || m.outcome === "refused");
    const outcome = open ? "needs_attention" : "success";
    const summary = summaryOf(mails);
    let run: RunSummary | null = null;
    if (!dryRun) {
      let messageId = 9000 + nextRunId * 10;
      for (const mail of mails) {
        if (mail.outcome === "refused") {
          const addresses = state.pending.find((p) => p.key === mail.key)?.addresses ?? [];
          const { detail, technical } = mail;
          state.refused.push({ key: mail.key, subject: mail.subject, reason: detail ?? "", technical, addresses });
          state.pending = state.pending.filter((p) => p.key !== mail.key);
          continue;
        }
        if (mail.outcome !== "filed" && mail.outcome !== "skipped") continue;
        for (const id of mail.contacts) {
          state.chatter.set(id, [...(state.chatter.get(id) ?? []), mail.key]);
          mail.messages.push(messageId++);
        }
        state.pending = state.pending.filter((p) => p.key !== mail.key);
      }
      const counts: Record<string, number> = {};
      for (const m of mails) counts[m.outcome] = (counts[m.outcome] ?? 0) + 1;
      run = {
        id: nextRunId++,
        job: "mail",
        trigger: "manual",
        started_at: started,
        finished_at: new Date().toISOString(),
        outcome,
        summary,
        counts,
      };
      state.runs.unshift(run);
      state.events[run.id] = mails.map((m) => ({
        at: run?.finished_at ?? started,
        item_key: m.key,
        subject: m.subject,
        outcome: m.outcome,
        detail: m.detail,
        technical: m.technical,
      }));
    }
    return { run, outcome, summary, report: { dry_run: dryRun, mails, incomplete: [], needs_attention: [] } };
  };

  const choiceEntries = (): MailChoiceEntry[] =>
    [...state.choices.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([address, choice]) => ({
        address,
        choice,
        contacts: choice.kind === "contacts" ? state.contacts.filter((c) => choice.contacts.includes(c.id)) : [],
      }));

  const handler = (command: string, payload: unknown): unknown => {
    const args = (payload ?? {}) as Record<string, unknown>;
    state.calls.push({ command, args });
    const failure = options.failOnce?.[command];
    if (failure && !failedOnce.has(command)) {
      failedOnce.add(command);
      throw failure;
    }
    switch (command) {
      case "sync_mail": {
        const request = args.request as { dry_run: boolean };
        return sync(request.dry_run);
      }
      case "mail_progress":
        return progress ? { ...progress } : null;
      case "mail_decisions":
        return structuredClone(decisions());
      case "mail_choices":
        return structuredClone(choiceEntries());
      case "refused_mails":
        return state.refused.map(({ key, subject, reason, technical }) => ({ key, subject, reason, technical }));
      case "retry_refused_mail":
      case "skip_refused_mail": {
        // as the core (Session::settle_refused_mail and its sentences in crates/core/src/mail/texts.rs)
        const key = String(args.key).trim();
        const mail = state.refused.find((r) => r.key === key);
        if (!mail) {
          fail("not_found", `No mail refused by Odoo has the key "${key}"; it may have been retried or skipped already.`);
        }
        state.refused = state.refused.filter((r) => r.key !== key);
        if (command === "retry_refused_mail") {
          state.pending.push({ key: mail.key, subject: mail.subject, addresses: mail.addresses });
          return `"${mail.subject}" will be tried again in the next run.`;
        }
        state.skipped.push(mail.key);
        return `"${mail.subject}" is skipped: it stays in the transfer folder and is not filed.`;
      }
      case "choose_mail_contacts": {
        const address = String(args.address).trim().toLowerCase();
        const choice = args.choice as AddressChoice;
        if (choice.kind === "contacts") {
          const unknown = choice.contacts.filter((id) => !state.contacts.some((c) => c.id === id));
          if (choice.contacts.length === 0) {
            fail("invalid_input", 'Choose at least one contact, or "none" to file this address\'s mails nowhere.');
          }
          if (unknown.length > 0) {
            fail("invalid_input", `These Odoo contacts do not exist: ${unknown.join(", ")}.`);
          }
        }
        state.choices.set(address, structuredClone(choice));
        return null;
      }
      case "create_mail_contact": {
        const address = String(args.address).trim().toLowerCase();
        // as the core: a blank name becomes the address's local part
        const name = String(args.name ?? "").trim() || (address.split("@")[0] ?? address);
        const id = Math.max(...state.contacts.map((c) => c.id)) + 1;
        const company = (args.company as string | null) ?? null;
        state.contacts.push(contact(id, name, address, company, null, new Date().toISOString()));
        state.choices.set(address, { kind: "contacts", contacts: [id] });
        return id;
      }
      case "search_mail_contacts": {
        const query = String(args.query ?? "").trim().toLowerCase();
        return structuredClone(
          state.contacts.filter(
            (c) =>
              c.active &&
              query !== "" &&
              [c.name, c.email, c.company ?? ""].some((field) => field.toLowerCase().includes(query)),
          ),
        );
      }
      case "get_mail_folder": {
        const folder = folders.get(String(args.id));
        if (!folder) fail("not_found", "This folder no longer exists in your mailbox.");
        return { ...folder };
      }
      case "get_setting_entries": {
        const others = (fallback(command, payload) as SettingEntry[]).filter((e) => !e.key.startsWith("mail."));
        return structuredClone([...state.settings, ...others]);
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
        const expected = entry.expected;
        if (expected === "bool") {
          if (value !== "true" && value !== "false") fail("invalid_input", `${key}: enter true or false.`);
          entry.value = value === "true";
        } else if (typeof expected === "object") {
          const unit = "minutes" in expected ? "minutes" : "megabytes";
          const { min, max } = "minutes" in expected ? expected.minutes : expected.megabytes;
          const n = Number(value);
          if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
            fail("invalid_input", `${key}: enter a whole number of ${unit} from ${min} to ${max}.`);
          }
          entry.value = n;
        } else {
          entry.value = value;
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
