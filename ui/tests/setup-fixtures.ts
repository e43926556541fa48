// A fake backend for the setup wizard, the connection test and the Settings page, shaped like
// the Rust DTOs in src/lib/bindings.ts. The wizard's errors are provoked through the inputs,
// the way a real server would answer them, so the browser test drives them through the UI:
//   - an Odoo address containing "flaky" is unreachable on the first call (retryable);
//   - without a database, the server answers "choose one of contoso, contoso-test";
//   - any key other than FIXTURE_ODOO_KEY is rejected;
//   - a client secret with the public client ID gives AADSTS700025, an unknown client ID
//     AADSTS700016; a tenant containing "flaky" cannot be reached on the first sign-in;
//   - creating a folder whose name a root folder already has (case-insensitive, trimmed) answers
//     that folder, as the shell does (no second folder); a name containing "flaky" meets an
//     unavailable Microsoft 365 on the first try (retryable).
// Unit tests turn the keyring off (`keyring: false`) and hold the sign-in open (`signIn`).

import type {
  ConnectionTest,
  DeviceCodeView,
  MailFolderEntry,
  MicrosoftConnection,
  MicrosoftSignInRequest,
  OdooConnectRequest,
  OdooConnection,
  SettingEntry,
  UiError,
} from "../src/lib/bindings";

/** The API key the fake Odoo accepts (40 hex digits, as Odoo makes them). */
export const FIXTURE_ODOO_KEY = "3f9a1c0e7b2d4a6c8e0f1a2b3c4d5e6f7a8b9c0d";
/** The application (client) ID the fake Microsoft tenant knows. */
export const FIXTURE_CLIENT_ID = "5a1f3c2e-8b4d-4e6f-9a0b-1c2d3e4f5a6b";
/** The user code the fake device login shows. */
export const FIXTURE_USER_CODE = "KQ7-RT4M";

const databases = ["contoso", "contoso-test"];

/** One mail folder with its subfolders, as the fake mailbox keeps it. */
type FakeFolder = Omit<MailFolderEntry, "child_count" | "path"> & { children: FakeFolder[] };

function folder(id: string, name: string, unread: number, total: number, children: FakeFolder[] = []): FakeFolder {
  return { id, name, unread, total, children };
}

/** A mailbox three levels deep: Inbox / Customers / Müller GmbH. */
export function fixtureMailbox(): FakeFolder[] {
  return [
    folder("AAMk-inbox", "Inbox", 4, 120, [
      folder("AAMk-customers", "Customers", 1, 30, [folder("AAMk-mueller", "Müller GmbH", 0, 12)]),
      folder("AAMk-suppliers", "Suppliers", 0, 8),
    ]),
    folder("AAMk-drafts", "Drafts", 0, 2),
    folder("AAMk-sent", "Sent Items", 0, 340),
    folder("AAMk-archive", "Archive", 0, 1500),
  ];
}

/** The per-user options as `get_setting_entries` lists them; the admin locked sync photos. */
export function fixtureSettingEntries(): SettingEntry[] {
  const minutes = { minutes: { min: 1, max: 1440 } };
  const entry = (key: string, value: SettingEntry["value"], expected: SettingEntry["expected"]): SettingEntry => ({
    key,
    value,
    default: value,
    source: "default",
    locked: false,
    expected,
  });
  return [
    entry("general.language", null, "language"),
    entry("general.notify_every_run", false, "bool"),
    entry("microsoft.authority_url", "https://login.microsoftonline.com", "url"),
    entry("microsoft.graph_url", "https://graph.microsoft.com/v1.0", "url"),
    entry("mail.enabled", false, "bool"),
    entry("mail.sync_interval_minutes", 15, minutes),
    entry("mail.incoming_folder", null, "text"),
    entry("mail.outgoing_folder", null, "text"),
    entry("mail.delete_after_transfer", false, "bool"),
    entry("calendar.enabled", false, "bool"),
    entry("calendar.sync_interval_minutes", 30, minutes),
    entry("calendar.start_date", null, "date"),
    entry("calendar.skip_private", true, "bool"),
    entry("calendar.archive_cancelled", false, "bool"),
    entry("contacts.enabled", false, "bool"),
    entry("contacts.sync_interval_minutes", 60, minutes),
    entry("contacts.delete_after_unfollow", false, "bool"),
    entry("contacts.sync_salutations", true, "bool"),
    { ...entry("contacts.sync_photos", false, "bool"), default: true, source: "policy", locked: true },
    entry("contacts.backlink_to_odoo", true, "bool"),
    entry("contacts.auto_export_new", false, "bool"),
    entry("contacts.export_all_my_customers", false, "bool"),
    entry("contacts.only_with_email", true, "bool"),
    entry("contacts.include_companies", true, "bool"),
    entry("contacts.sync_categories", false, "bool"),
    entry("contacts.own_folder", false, "bool"),
  ];
}

/** Knobs for unit tests. */
export type SetupBackendOptions = {
  /** False: every command that stores a secret fails as on a server without a Secret Service. */
  keyring?: boolean;
  /** Holds browser and device-code sign-ins open until the test settles them. */
  signIn?: { hold: boolean };
};

/** What the fake backend recorded, for assertions. */
export type SetupBackendState = {
  calls: { command: string; args: Record<string, unknown> }[];
  settings: SettingEntry[];
  /** Settles the sign-in a test is holding open. */
  finishSignIn: (() => void) | null;
};

const noKeyring: UiError = {
  code: "keyring_unavailable",
  message:
    "No keyring is available to keep your secrets. Install and unlock a Secret Service provider such as GNOME Keyring or KWallet, then try again.",
  retryable: false,
};

function fail(code: string, message: string, retryable = false): never {
  throw { code, message, retryable } satisfies UiError;
}

function settingMessage(entry: SettingEntry, value: string): string | null {
  const e = entry.expected;
  if (typeof e === "object" && "minutes" in e) {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < e.minutes.min || n > e.minutes.max) {
      return `${entry.key}: enter a whole number of minutes from ${e.minutes.min} to ${e.minutes.max}.`;
    }
  }
  if (e === "bool" && value !== "true" && value !== "false") return `${entry.key}: enter true or false.`;
  if (e === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${entry.key}: enter a date as YYYY-MM-DD.`;
  if (e === "url" && !value.startsWith("https://")) return `${entry.key}: enter an https:// address.`;
  return null;
}

function parse(entry: SettingEntry, value: string): SettingEntry["value"] {
  const e = entry.expected;
  if (e === "bool") return value === "true";
  if (typeof e === "object") return Number(value);
  return value;
}

/**
 * A `mockIPC` handler for the wizard and Settings commands; other commands go to `fallback`
 * (the skeleton's fixture backend). `state` is returned for assertions.
 */
export function setupBackend(
  fallback: (command: string, payload: unknown) => unknown,
  options: SetupBackendOptions = {},
): { handler: (command: string, payload: unknown) => unknown; state: SetupBackendState } {
  const keyring = options.keyring ?? true;
  const mailbox = fixtureMailbox();
  const state: SetupBackendState = { calls: [], settings: fixtureSettingEntries(), finishSignIn: null };
  const failedOnce = new Set<string>();
  let odoo: OdooConnection | null = null;
  let microsoft: MicrosoftConnection | null = null;
  let cancelSignIn: (() => void) | null = null;
  let pendingRequest: MicrosoftSignInRequest | null = null;

  const flaky = (key: string, url: string) => {
    if (url.includes("flaky") && !failedOnce.has(key)) {
      failedOnce.add(key);
      fail("unreachable", `The Odoo server at ${url} did not answer. Check the address and your network, then try again.`, true);
    }
  };

  const entryOf = (f: FakeFolder, parentPath: string): MailFolderEntry => ({
    id: f.id,
    name: f.name,
    path: parentPath ? `${parentPath} / ${f.name}` : f.name,
    unread: f.unread,
    total: f.total,
    child_count: f.children.length,
  });

  const findFolder = (id: string, list: FakeFolder[], path: string): [FakeFolder, string] | null => {
    for (const f of list) {
      const here = path ? `${path} / ${f.name}` : f.name;
      if (f.id === id) return [f, here];
      const inner = findFolder(id, f.children, here);
      if (inner) return inner;
    }
    return null;
  };

  const checkSignInRequest = (request: MicrosoftSignInRequest) => {
    if (!keyring) throw noKeyring;
    if (request.tenant.includes("flaky") && !failedOnce.has("sign_in")) {
      failedOnce.add("sign_in");
      fail("unreachable", "Microsoft's sign-in service did not answer. Check your network, then try again.", true);
    }
    if (request.client_id !== FIXTURE_CLIENT_ID) {
      fail(
        "invalid_input",
        "Microsoft does not know this application (client) ID in your directory (AADSTS700016). Copy the \"Application (client) ID\" from the app's overview page in the Azure portal.",
      );
    }
    if (request.client_secret) {
      fail(
        "invalid_input",
        "This app is registered as a public client (\"Mobile and desktop applications\"), which must not get a client secret (AADSTS700025). Leave the client secret empty.",
      );
    }
  };

  const connection = (request: MicrosoftSignInRequest): MicrosoftConnection => ({
    upn: "anna.berger@contoso.example",
    display_name: "Anna Berger",
    mail: "anna.berger@contoso.example",
    endpoints: {
      authority: "https://login.microsoftonline.com",
      graph: "https://graph.microsoft.com/v1.0",
      tenant: request.tenant,
      client_id: request.client_id,
      registration: request.client_secret ? "web" : "public_client",
      needs_sign_in: false,
    },
    message: "Signed in to Microsoft 365 as anna.berger@contoso.example.",
  });

  /**
   * A sign-in that ends after `after` ms (or when the test says so), unless cancelled first.
   * The browser one ends quickly; the device code one waits long enough for a person (or a
   * test) to read and cancel it.
   */
  const waitForSignIn = (request: MicrosoftSignInRequest, after: number): Promise<MicrosoftConnection> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        cancelSignIn = null;
        state.finishSignIn = null;
        microsoft = connection(request);
        resolve(microsoft);
      };
      cancelSignIn = () => {
        if (settled) return;
        settled = true;
        cancelSignIn = null;
        state.finishSignIn = null;
        reject({ code: "needs_sign_in", message: "The sign-in was cancelled.", retryable: false } satisfies UiError);
      };
      if (options.signIn?.hold) state.finishSignIn = done;
      else setTimeout(done, after);
    });

  const handler = (command: string, payload: unknown): unknown => {
    const args = (payload ?? {}) as Record<string, unknown>;
    state.calls.push({ command, args });
    switch (command) {
      case "odoo_databases": {
        const url = String(args.url ?? "");
        flaky("odoo_databases", url);
        return [...databases];
      }
      case "connect_odoo": {
        const request = args.request as OdooConnectRequest;
        flaky("connect_odoo", request.url);
        if (!request.db) {
          fail("choice_required", `This Odoo server has several databases (${databases.join(", ")}). Choose one.`);
        }
        if (request.secret.trim() !== FIXTURE_ODOO_KEY) {
          fail(
            "credentials_rejected",
            "Odoo did not accept this login and API key. Check the login (usually your e-mail address) and create a new API key in Odoo under your profile → Account Security.",
          );
        }
        if (!keyring) throw noKeyring;
        odoo = {
          account: {
            url: request.url.replace(/\/+$/, ""),
            db: request.db,
            login: request.login,
            uid: 7,
            name: "Anna Berger",
            partner_id: 42,
            tz: "Europe/Berlin",
            lang: "de_DE",
            version: "17.0",
            version_major: 17,
            calendar_installed: true,
            crm_installed: false,
          },
          used_password: false,
          message: `Connected to Odoo 17.0 as Anna Berger (${request.login}), database ${request.db}.`,
        };
        return structuredClone(odoo);
      }
      case "sign_in_microsoft": {
        const request = args.request as MicrosoftSignInRequest;
        checkSignInRequest(request);
        return waitForSignIn(request, 400);
      }
      case "start_device_code": {
        const request = args.request as MicrosoftSignInRequest;
        checkSignInRequest(request);
        pendingRequest = request;
        const code: DeviceCodeView = {
          user_code: FIXTURE_USER_CODE,
          verification_uri: "https://microsoft.com/devicelogin",
          expires_in: 900,
          message: `To sign in, open https://microsoft.com/devicelogin and enter the code ${FIXTURE_USER_CODE}.`,
        };
        return code;
      }
      case "finish_device_code": {
        if (!pendingRequest) fail("needs_sign_in", "Start the sign-in first.");
        return waitForSignIn(pendingRequest, 5_000);
      }
      case "cancel_microsoft_sign_in":
        cancelSignIn?.();
        return null;
      case "test_connection": {
        const result: ConnectionTest = {
          odoo: {
            connected: odoo !== null,
            url: odoo?.account.url ?? null,
            database: odoo?.account.db ?? null,
            login: odoo?.account.login ?? null,
            reachable: odoo ? true : null,
            login_ok: odoo ? true : null,
            version: odoo?.account.version ?? null,
            user: odoo?.account.name ?? null,
            calendar_installed: odoo?.account.calendar_installed ?? null,
            crm_installed: odoo?.account.crm_installed ?? null,
            known_at: odoo ? "2026-03-02T09:00:00.000Z" : null,
            checked_at: odoo ? "2026-03-02T09:00:00.000Z" : null,
            refused_at: null,
            no_answer: null,
            error: null,
          },
          microsoft: {
            connected: microsoft !== null,
            upn: microsoft?.upn ?? null,
            display_name: microsoft?.display_name ?? null,
            tenant: microsoft?.endpoints.tenant ?? null,
            signed_in: microsoft ? true : null,
            mailbox_reachable: microsoft ? true : null,
            needs_sign_in: false,
            error: null,
          },
        };
        return result;
      }
      case "list_mail_folders": {
        const parentId = (args.parentId as string | null) ?? null;
        if (parentId === null) return mailbox.map((f) => entryOf(f, ""));
        const found = findFolder(parentId, mailbox, "");
        if (!found) fail("not_found", "This folder no longer exists in your mailbox.");
        const [parent, path] = found;
        return parent.children.map((f) => entryOf(f, path));
      }
      case "create_mail_folder": {
        const name = String(args.name ?? "").trim();
        if (name.includes("flaky") && !failedOnce.has(`create_mail_folder ${name}`)) {
          failedOnce.add(`create_mail_folder ${name}`);
          // The core's text for a Graph 5xx (GraphUnavailable), code unreachable.
          fail("unreachable", "Microsoft 365 is not available right now (HTTP 503). Try again in a few minutes; timed runs try again by themselves.", true);
        }
        // As core's create_root_mail_folder: the root's folder of that name is the answer.
        const existing = mailbox.find((f) => f.name.toLowerCase() === name.toLowerCase());
        if (existing) return entryOf(existing, "");
        const created = folder(`AAMk-new-${mailbox.length}`, name, 0, 0);
        mailbox.push(created);
        return entryOf(created, "");
      }
      case "get_setting_entries":
        return structuredClone(state.settings);
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
        const problem = settingMessage(entry, value);
        if (problem) fail("invalid_input", problem);
        entry.value = parse(entry, value);
        entry.source = "user";
        return null;
      }
      default:
        return fallback(command, payload);
    }
  };
  return { handler, state };
}
