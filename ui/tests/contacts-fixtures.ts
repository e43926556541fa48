// A fake backend for the Contacts page: a small Odoo of contacts the person follows or not, and
// a small contacts job over it, decided as the core decides (`select`): a followed contact
// without e-mail, an archived one, and one followed only because the person created it stay
// out of Outlook with that reason; the person's customers go in without following only with
// `contacts.export_all_my_customers`. Follow / unfollow change the fake Odoo's followers at
// once; a run puts what is subscribed into "Outlook" (a preview writes nothing). Shaped like
// the DTOs in src/lib/bindings.ts; other commands go to the fallback (the setup fixtures).

import type {
  ContactDirectory,
  ContactOutcome,
  ContactQuery,
  ContactSelection,
  ContactsRun,
  DirectoryContact,
  FollowChange,
  RunEvent,
  RunSummary,
  SettingEntry,
  UiError,
} from "../src/lib/bindings";

/** A contact in the fake Odoo. */
export type FakeContact = {
  id: number;
  name: string;
  email: string | null;
  company?: string;
  is_company?: boolean;
  archived?: boolean;
  /** The person is its salesperson. */
  mine?: boolean;
  /** The person created it (Odoo made them a follower). */
  created?: boolean;
};

/** What the fake recorded, and levers for tests. */
export type ContactsBackendState = {
  contacts: FakeContact[];
  /** Contact ids the person follows in Odoo. */
  followed: Set<number>;
  /** Contact ids the contacts job put into Outlook. */
  exported: Set<number>;
  runs: RunSummary[];
  events: Record<number, RunEvent[]>;
  calls: { command: string; args: Record<string, unknown> }[];
};

/** Knobs for tests. */
export type ContactsBackendOptions = {
  /** Milliseconds a run or a follow takes (default 0), so "running" can be seen. */
  delayMs?: number;
  /** The first call of each command named here fails with this error; later calls succeed. */
  failOnce?: Record<string, UiError>;
};

/** The fake Odoo's contacts: Lena's world in small. */
export function fixtureContacts(): FakeContact[] {
  return [
    { id: 13, name: "Nordwind Logistik AG", email: "info@nordwind-logistik.example", is_company: true, mine: true },
    { id: 14, name: "Sönke Petersen", email: "soenke.petersen@nordwind-logistik.example", company: "Nordwind Logistik AG", mine: true },
    { id: 24, name: "Ömer Yılmaz", email: null },
    { id: 51, name: "Altkunde Archiv GmbH", email: "info@altkunde.example", is_company: true, archived: true },
    { id: 60, name: "Theresa Huber", email: "theresa.huber@alpenblick-hotels.example", company: "Alpenblick Hotels GmbH", mine: true },
    { id: 61, name: "Franz Öttl", email: "franz.oettl@alpenblick-hotels.example", company: "Alpenblick Hotels GmbH", mine: true },
    { id: 62, name: "Zoë Brandstätter", email: "zoe.brandstaetter@alpenblick-hotels.example", company: "Alpenblick Hotels GmbH", mine: true },
    { id: 70, name: "Kim Lee", email: "kim.lee@mail.example", created: true },
    { id: 71, name: "Eva Schröder", email: "info@schroeder-design.example", company: "Schröder Design Studio" },
  ];
}

function fail(code: string, message: string, retryable = false): never {
  throw { code, message, retryable } satisfies UiError;
}

/** The core's defaults of the options the fixtures' settings may not list. */
const DEFAULTS: Record<string, boolean> = { "contacts.only_with_email": true, "contacts.include_companies": true };

const flag = (settings: SettingEntry[], key: string) => {
  const value = settings.find((e) => e.key === key)?.value;
  return value === undefined ? (DEFAULTS[key] ?? false) : value === true;
};

/** What the job's selection says of `c` (the core's `select`). */
function select(c: FakeContact, followed: boolean, settings: SettingEntry[]): ContactSelection {
  const counts = followed && (flag(settings, "contacts.auto_export_new") || !c.created);
  let subscribed: ContactSelection;
  if (counts) subscribed = "followed";
  else if (flag(settings, "contacts.export_all_my_customers") && c.mine) subscribed = "my_customer";
  else return followed ? "only_created" : "not_subscribed";
  if (c.archived) return "archived";
  if (flag(settings, "contacts.only_with_email") && !c.email) return "no_email";
  if (!flag(settings, "contacts.include_companies") && c.is_company) return "company";
  return subscribed;
}

const subscribed = (s: ContactSelection) => s === "followed" || s === "my_customer";

/** The Contacts page's commands over a fake Odoo; `settings` reads the person's settings. */
export function contactsBackend(
  fallback: (command: string, payload: unknown) => unknown,
  options: ContactsBackendOptions = {},
): { handler: (command: string, payload: unknown) => unknown; state: ContactsBackendState } {
  const state: ContactsBackendState = {
    contacts: fixtureContacts(),
    followed: new Set([13, 14, 24, 51, 70]),
    exported: new Set(),
    runs: [],
    events: {},
    calls: [],
  };
  const failedOnce = new Set<string>();
  let nextRun = 500;
  const settings = () => fallback("get_setting_entries", {}) as SettingEntry[];
  const pause = () => (options.delayMs ? new Promise((r) => setTimeout(r, options.delayMs)) : Promise.resolve());

  const entry = (c: FakeContact, all: SettingEntry[]): DirectoryContact => {
    const followed = state.followed.has(c.id);
    const exported = state.exported.has(c.id);
    const selection = select(c, followed, all);
    const state_ = exported
      ? "exported"
      : subscribed(selection)
        ? "next_sync"
        : selection === "not_subscribed"
          ? "not_followed"
          : "not_exported";
    return {
      id: c.id,
      name: c.name,
      email: c.email,
      company: c.company ?? null,
      is_company: c.is_company ?? false,
      active: !c.archived,
      followed,
      exported,
      salesperson: c.mine ?? false,
      state: state_,
      selection,
      reason: !exported && selection !== "not_subscribed" ? selection : null,
    };
  };

  const directory = (query: ContactQuery): ContactDirectory => {
    const all = settings();
    const f = state.followed;
    const e = state.exported;
    const wanted = (c: FakeContact) => {
      switch (query.filter) {
        case "followed":
          return f.has(c.id);
        case "exported":
          return e.has(c.id);
        case "followed_not_exported":
          return f.has(c.id) && !e.has(c.id);
        case "not_followed":
          return !f.has(c.id) && !c.archived;
        case "has_email":
          return c.email !== null && !c.archived;
        default:
          return !c.archived;
      }
    };
    const text = (query.search ?? "").trim().toLowerCase();
    const matching = state.contacts
      .filter(wanted)
      .filter((c) => !text || c.name.toLowerCase().includes(text) || (c.email ?? "").toLowerCase().includes(text))
      .sort((a, b) => a.name.localeCompare(b.name));
    const limit = query.limit || 50;
    return {
      contacts: matching.slice(query.offset, query.offset + limit).map((c) => entry(c, all)),
      total: matching.length,
      offset: query.offset,
      limit,
      my_customers: flag(all, "contacts.export_all_my_customers"),
      job_on: flag(all, "contacts.enabled"),
    };
  };

  const follow = async (ids: number[], on: boolean): Promise<FollowChange> => {
    if (ids.length === 0) fail("invalid_input", "Choose at least one contact to follow or unfollow.");
    await pause();
    const change: FollowChange = { follow: on, changed: [], unchanged: [], refused: [], message: "" };
    for (const id of ids) {
      const was = state.followed.has(id);
      if (on) state.followed.add(id);
      else state.followed.delete(id);
      (was === on ? change.unchanged : change.changed).push(id);
    }
    const n = ids.length;
    change.message = on
      ? `You follow ${n === 1 ? "this contact" : `these ${n} contacts`} in Odoo now.`
      : `You no longer follow ${n === 1 ? "this contact" : `these ${n} contacts`} in Odoo.`;
    return change;
  };

  const sync = async (dryRun: boolean): Promise<ContactsRun> => {
    const all = settings();
    if (!flag(all, "contacts.enabled")) fail("config_invalid", "Switch the contacts sync on first.");
    await pause();
    const started = new Date().toISOString();
    const outcomes: ContactOutcome[] = [];
    for (const c of state.contacts) {
      const go = subscribed(select(c, state.followed.has(c.id), all));
      if (go && !state.exported.has(c.id)) {
        outcomes.push({ partner: c.id, name: c.name, outcome: "created", verdict: "Created in Outlook." });
        if (!dryRun) state.exported.add(c.id);
      }
    }
    const summary = `${outcomes.length} contacts → ${outcomes.length} new in Outlook, 0 updated, 0 deleted`;
    let run: RunSummary | null = null;
    if (!dryRun) {
      run = {
        id: nextRun++,
        job: "contacts",
        trigger: "manual",
        started_at: started,
        finished_at: new Date().toISOString(),
        outcome: "success",
        summary,
        counts: { created: outcomes.length },
      };
      state.runs.unshift(run);
      state.events[run.id] = outcomes.map((o) => ({
        at: started,
        item_key: `res.partner/${o.partner}`,
        subject: o.name,
        outcome: o.outcome,
        detail: o.verdict,
        technical: null,
      }));
    }
    return { run, outcome: "success", summary, report: { dry_run: dryRun, contacts: outcomes, incomplete: [] } };
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
      case "contact_directory":
        return directory(args.query as ContactQuery);
      case "follow_contacts":
        return follow(args.ids as number[], args.follow as boolean);
      case "sync_contacts":
        return sync((args.request as { dry_run: boolean }).dry_run);
      case "list_runs": {
        const filter = (args.filter ?? {}) as { job?: string };
        const others = fallback(command, payload) as RunSummary[];
        const mine = filter.job && filter.job !== "contacts" ? [] : state.runs;
        return structuredClone([...mine, ...others.filter((r) => !filter.job || r.job === filter.job)]);
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
