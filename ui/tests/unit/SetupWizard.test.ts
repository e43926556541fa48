import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import OdooStep from "../../src/components/OdooStep.svelte";
import MicrosoftStep from "../../src/components/MicrosoftStep.svelte";
import FoldersStep from "../../src/components/FoldersStep.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { fixtureBackend, memorySettings } from "../fixtures";
import {
  FIXTURE_CLIENT_ID,
  FIXTURE_ODOO_KEY,
  FIXTURE_USER_CODE,
  setupBackend,
  type SetupBackendOptions,
} from "../setup-fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

function backend(options: SetupBackendOptions = {}) {
  const fake = setupBackend(fixtureBackend(memorySettings()), options);
  mockIPC(fake.handler);
  return fake.state;
}

const calls = (state: ReturnType<typeof backend>, command: string) =>
  state.calls.filter((call) => call.command === command);

async function type(label: string | RegExp, value: string) {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe("the Odoo step", () => {
  it("explains each missing field and asks the backend nothing", async () => {
    const state = backend();
    render(OdooStep, { onconnected: vi.fn() });

    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    expect(screen.getByText("Enter the address of your Odoo.")).toBeTruthy();
    expect(screen.getByText("Enter your Odoo login.")).toBeTruthy();
    expect(screen.getByText("Enter your API key (or your password).")).toBeTruthy();
    expect(screen.getByLabelText("Odoo address").getAttribute("aria-invalid")).toBe("true");
    expect(calls(state, "connect_odoo")).toEqual([]);
  });

  it("explains the API key and where to create one, and notices a password", async () => {
    backend();
    render(OdooStep, { onconnected: vi.fn() });

    expect(screen.getByText(/Account Security → New API Key/)).toBeTruthy();
    expect(screen.getByText(/revoke it at any time without changing your password/)).toBeTruthy();
    await type("API key", "hunter2");
    expect(screen.getByText(/looks like a password rather than an API key/)).toBeTruthy();
    await type("API key", FIXTURE_ODOO_KEY);
    expect(screen.queryByText(/looks like a password/)).toBeNull();
  });

  it("asks for a database when the server has several, offers the list, then shows the result", async () => {
    const state = backend();
    const onconnected = vi.fn();
    render(OdooStep, { onconnected });
    await type("Odoo address", "https://contoso.odoo.com/odoo");
    await type("Login", "anna.berger@contoso.example");
    await type("API key", FIXTURE_ODOO_KEY);

    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/several databases \(contoso, contoso-test\)\. Choose one\./)).toBeTruthy();
    expect(within(alert).queryByRole("button", { name: "Try again" })).toBeNull();
    const select = await screen.findByRole("combobox", { name: "Database" });
    expect([...select.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Choose a database",
      "contoso",
      "contoso-test",
    ]);
    await fireEvent.change(select, { target: { value: "contoso-test" } });
    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    const result = await screen.findByRole("status");
    expect(within(result).getByText("Connected to Odoo")).toBeTruthy();
    expect(within(result).getByText("Anna Berger (anna.berger@contoso.example)")).toBeTruthy();
    expect(within(result).getByText("Odoo 17.0")).toBeTruthy();
    expect(within(result).getByText("contoso-test")).toBeTruthy();
    expect(within(result).getByText("Installed")).toBeTruthy(); // calendar
    expect(within(result).getByText("Not installed")).toBeTruthy(); // CRM
    expect(screen.queryByRole("alert")).toBeNull();
    expect(calls(state, "connect_odoo").at(-1)?.args.request).toMatchObject({
      url: "https://contoso.odoo.com/odoo",
      db: "contoso-test",
      login: "anna.berger@contoso.example",
    });
    expect(onconnected).toHaveBeenCalledOnce();
  });

  it("says the key was rejected and offers no retry", async () => {
    backend();
    render(OdooStep, { onconnected: vi.fn() });
    await type("Odoo address", "contoso.odoo.com");
    await type("Database", "contoso");
    await type("Login", "anna.berger@contoso.example");
    await type("API key", "0000000000000000000000000000000000000000");

    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/Odoo did not accept this login and API key/)).toBeTruthy();
    expect(within(alert).getByText("Error code: credentials_rejected")).toBeTruthy();
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  it("offers a retry when the server did not answer, and the retry connects", async () => {
    const state = backend();
    render(OdooStep, { onconnected: vi.fn() });
    await type("Odoo address", "flaky.contoso.example");
    await type("Database", "contoso");
    await type("Login", "anna");
    await type("API key", FIXTURE_ODOO_KEY);

    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/did not answer/)).toBeTruthy();
    await fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Connected to Odoo")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(calls(state, "connect_odoo")).toHaveLength(2);
  });

  it("says plainly when there is no keyring to keep the key in", async () => {
    backend({ keyring: false });
    render(OdooStep, { onconnected: vi.fn() });
    await type("Odoo address", "contoso.odoo.com");
    await type("Database", "contoso");
    await type("Login", "anna");
    await type("API key", FIXTURE_ODOO_KEY);

    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/No keyring is available/)).toBeTruthy();
    expect(within(alert).getByText("Error code: keyring_unavailable")).toBeTruthy();
    expect(within(alert).queryByRole("button")).toBeNull();
    expect(screen.queryByText("Connected to Odoo")).toBeNull();
  });
});

describe("the Microsoft step", () => {
  async function fillIds(clientId = FIXTURE_CLIENT_ID) {
    await type("Application (client) ID", clientId);
  }

  it("shows the registration steps with the redirect URI and the scopes", () => {
    backend();
    render(MicrosoftStep, { onconnected: vi.fn() });
    expect(screen.getByText(/"Mobile and desktop applications" and enter the redirect URI http:\/\/localhost\./)).toBeTruthy();
    expect(screen.getByText(/offline_access, User\.Read, Mail\.ReadWrite, Mail\.Send, Calendars\.ReadWrite, Contacts\.ReadWrite/)).toBeTruthy();
    expect(screen.getByText(/add http:\/\/localhost\/office365\/authorization as another Web redirect URI/)).toBeTruthy();
    expect((screen.getByLabelText("Directory (tenant)") as HTMLInputElement).value).toBe("organizations");
  });

  it("checks the client ID, the tenant and a Web app's secret before signing in", async () => {
    const state = backend();
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds("my-app");
    await type("Directory (tenant)", "not a tenant");
    await fireEvent.click(screen.getByLabelText(/registered as Web/));

    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));

    expect(screen.getByText(/An application ID looks like/)).toBeTruthy();
    expect(screen.getByText(/Enter a directory \(tenant\) ID, a domain/)).toBeTruthy();
    expect(screen.getByText("A Web registration needs its client secret.")).toBeTruthy();
    expect(calls(state, "sign_in_microsoft")).toEqual([]);
  });

  it("shows Microsoft's AADSTS error in the user's words, without a retry", async () => {
    backend();
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds();
    await fireEvent.click(screen.getByLabelText(/registered as Web/));
    await type("Client secret", "s3cr3t~value");

    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/must not get a client secret \(AADSTS700025\)/)).toBeTruthy();
    expect(within(alert).queryByRole("button")).toBeNull();
    expect(screen.queryByText(/Waiting for the browser/)).toBeNull();
  });

  it("waits for the browser and can cancel the sign-in", async () => {
    const state = backend({ signIn: { hold: true } });
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds();

    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));

    expect(await screen.findByText(/Waiting for the browser/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Sign in with the browser" })).toHaveProperty("disabled", true);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel sign-in" }));

    expect(await screen.findByText(/The sign-in was cancelled/)).toBeTruthy();
    expect(screen.queryByText(/Waiting for the browser/)).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(calls(state, "cancel_microsoft_sign_in")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Sign in with the browser" })).toHaveProperty("disabled", false);
  });

  it("shows who signed in and that the mailbox is reachable", async () => {
    const state = backend({ signIn: { hold: true } });
    const onconnected = vi.fn();
    render(MicrosoftStep, { onconnected });
    await fillIds();
    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));
    await screen.findByText(/Waiting for the browser/);

    state.finishSignIn?.();

    const result = await screen.findByText("Signed in to Microsoft 365");
    const box = result.parentElement as HTMLElement;
    expect(within(box).getByText("anna.berger@contoso.example")).toBeTruthy();
    expect(within(box).getByText("Reachable")).toBeTruthy();
    expect(calls(state, "sign_in_microsoft").at(-1)?.args.request).toEqual({
      client_id: FIXTURE_CLIENT_ID,
      tenant: "organizations",
      client_secret: null,
    });
    expect(onconnected).toHaveBeenCalledOnce();
  });

  it("shows the device code and its page, then the result", async () => {
    const state = backend({ signIn: { hold: true } });
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds();

    await fireEvent.click(screen.getByRole("button", { name: "Sign in with a code instead" }));

    expect(await screen.findByText(FIXTURE_USER_CODE)).toBeTruthy();
    expect(screen.getByText(/Open https:\/\/microsoft\.com\/devicelogin on any device/)).toBeTruthy();
    await waitFor(() => expect(state.finishSignIn).not.toBeNull());
    state.finishSignIn?.();
    expect(await screen.findByText("Signed in to Microsoft 365")).toBeTruthy();
    expect(screen.queryByText(FIXTURE_USER_CODE)).toBeNull();
  });

  it("offers a retry when Microsoft could not be reached, and the retry signs in", async () => {
    const state = backend({ signIn: { hold: true } });
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds();
    await type("Directory (tenant)", "flaky.contoso.example");
    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/did not answer/)).toBeTruthy();
    await fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByText(/Waiting for the browser/);
    expect(screen.queryByRole("alert")).toBeNull();
    state.finishSignIn?.();
    expect(await screen.findByText("Signed in to Microsoft 365")).toBeTruthy();
    expect(calls(state, "sign_in_microsoft")).toHaveLength(2);
  });

  it("says plainly when there is no keyring for the sign-in", async () => {
    backend({ keyring: false });
    render(MicrosoftStep, { onconnected: vi.fn() });
    await fillIds();
    await fireEvent.click(screen.getByRole("button", { name: "Sign in with the browser" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/No keyring is available/)).toBeTruthy();
    expect(within(alert).queryByRole("button")).toBeNull();
  });
});

describe("the transfer folder step", () => {
  const folderRow = (id: string) => {
    const row = document.querySelector<HTMLElement>(`[data-folder-id="${id}"]`);
    if (!row) throw new Error(`no folder ${id}`);
    return within(row);
  };

  it("loads subfolders only when a folder is opened, all levels deep", async () => {
    const state = backend();
    render(FoldersStep, { onback: vi.fn(), ondone: vi.fn() });

    await screen.findByRole("button", { name: "Inbox" });
    expect(calls(state, "list_mail_folders").map((c) => c.args.parentId)).toEqual([null]);
    expect(screen.queryByRole("button", { name: "Customers" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Show subfolders of Drafts/ })).toBeNull();
    expect(folderRow("AAMk-inbox").getByText("4 unread · 120 total")).toBeTruthy();

    const openInbox = screen.getByRole("button", { name: "Show subfolders of Inbox" });
    expect(openInbox.getAttribute("aria-expanded")).toBe("false");
    await fireEvent.click(openInbox);
    await screen.findByRole("button", { name: "Customers" });
    expect(screen.getByRole("button", { name: "Hide subfolders of Inbox" }).getAttribute("aria-expanded")).toBe("true");
    await fireEvent.click(screen.getByRole("button", { name: "Show subfolders of Customers" }));
    await screen.findByRole("button", { name: "Müller GmbH" });
    expect(calls(state, "list_mail_folders").map((c) => c.args.parentId)).toEqual([null, "AAMk-inbox", "AAMk-customers"]);

    await fireEvent.click(screen.getByRole("button", { name: "Hide subfolders of Inbox" }));
    expect(screen.queryByRole("button", { name: "Customers" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Show subfolders of Inbox" }));
    await screen.findByRole("button", { name: "Customers" });
    expect(calls(state, "list_mail_folders")).toHaveLength(3); // loaded once, kept
  });

  it("picks the incoming and the outgoing folder, refuses the same one twice, and finishes", async () => {
    const state = backend();
    const ondone = vi.fn();
    render(FoldersStep, { onback: vi.fn(), ondone });
    await fireEvent.click(await screen.findByRole("button", { name: "Show subfolders of Inbox" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Customers" }));

    await waitFor(() =>
      expect(document.querySelector('[data-slot="incoming"]')?.textContent).toBe("Inbox / Customers"),
    );
    expect(screen.getByRole("radio", { name: /Outgoing folder/ })).toHaveProperty("checked", true);
    await fireEvent.click(screen.getByRole("button", { name: /^Customers/ }));
    expect(screen.getByRole("alert").textContent).toContain("must be two different folders");

    await fireEvent.click(screen.getByRole("button", { name: "Sent Items" }));
    await waitFor(() =>
      expect(document.querySelector('[data-slot="outgoing"]')?.textContent).toBe("Sent Items"),
    );
    expect(calls(state, "set_setting").map((c) => c.args)).toEqual([
      { key: "mail.incoming_folder", value: "AAMk-customers" },
      { key: "mail.outgoing_folder", value: "AAMk-sent" },
    ]);
    expect(folderRow("AAMk-sent").getByText("Outgoing folder")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    await waitFor(() => expect(ondone).toHaveBeenCalledOnce());
    expect(calls(state, "set_setting").at(-1)?.args).toEqual({ key: "mail.enabled", value: "true" });
  });

  it("does not finish before both folders are chosen", async () => {
    backend();
    const ondone = vi.fn();
    render(FoldersStep, { onback: vi.fn(), ondone });
    await screen.findByRole("button", { name: "Inbox" });
    await fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    expect(screen.getByRole("alert").textContent).toContain("Choose an incoming and an outgoing folder.");
    expect(ondone).not.toHaveBeenCalled();
  });

  it("creates both folders under the root with names in the user's language", async () => {
    useLanguage("de");
    const state = backend();
    render(FoldersStep, { onback: vi.fn(), ondone: vi.fn() });
    await screen.findByRole("button", { name: "Inbox" });

    expect((screen.getByLabelText("Name des neuen Eingangsordners") as HTMLInputElement).value).toBe("Odoo Eingang");
    await fireEvent.click(screen.getByRole("button", { name: "Anlegen und verwenden" }));
    await screen.findByRole("button", { name: "Odoo Eingang" });
    await waitFor(() =>
      expect((screen.getByLabelText("Name des neuen Ausgangsordners") as HTMLInputElement).value).toBe("Odoo Ausgang"),
    );
    await fireEvent.click(screen.getByRole("button", { name: "Anlegen und verwenden" }));
    await screen.findByRole("button", { name: "Odoo Ausgang" });

    expect(calls(state, "create_mail_folder").map((c) => c.args.name)).toEqual(["Odoo Eingang", "Odoo Ausgang"]);
    await waitFor(() =>
      expect(document.querySelector('[data-slot="outgoing"]')?.textContent).toBe("Odoo Ausgang"),
    );
    expect(document.querySelector('[data-slot="incoming"]')?.textContent).toBe("Odoo Eingang");
  });

  it("suggests English names in English and asks for a name before creating anything", async () => {
    const state = backend();
    render(FoldersStep, { onback: vi.fn(), ondone: vi.fn() });
    await screen.findByRole("button", { name: "Inbox" });
    const name = screen.getByLabelText("Name of the new incoming folder") as HTMLInputElement;
    expect(name.value).toBe("Odoo Incoming");
    await fireEvent.click(screen.getByRole("radio", { name: /Outgoing folder/ }));
    expect((screen.getByLabelText("Name of the new outgoing folder") as HTMLInputElement).value).toBe("Odoo Outgoing");

    await type("Name of the new outgoing folder", "   ");
    await fireEvent.click(screen.getByRole("button", { name: "Create and use" }));
    expect(screen.getByRole("alert").textContent).toBe("Enter a name for the new folder.");
    expect(calls(state, "create_mail_folder")).toEqual([]);
  });

  it("uses the folder the mailbox already has under that name, listed once", async () => {
    const state = backend();
    render(FoldersStep, { onback: vi.fn(), ondone: vi.fn() });
    await screen.findByRole("button", { name: "Archive" });

    await type("Name of the new incoming folder", "  archive ");
    await fireEvent.click(screen.getByRole("button", { name: "Create and use" }));

    await waitFor(() =>
      expect(document.querySelector('[data-slot="incoming"]')?.textContent).toBe("Archive"),
    );
    expect(calls(state, "create_mail_folder").map((c) => c.args.name)).toEqual(["archive"]);
    expect(document.querySelectorAll('[data-folder-id="AAMk-archive"]')).toHaveLength(1);
    expect(screen.getAllByRole("button", { name: /^Archive/ })).toHaveLength(1);
    expect(folderRow("AAMk-archive").getByText("Incoming folder")).toBeTruthy();
    expect(calls(state, "set_setting").map((c) => c.args)).toEqual([
      { key: "mail.incoming_folder", value: "AAMk-archive" },
    ]);
    expect(screen.getByRole("status").textContent).toContain("“Archive” already exists in your mailbox");
    expect(screen.queryByRole("alert")).toBeNull();
    // Taking it again as the outgoing folder is refused, as a pick in the tree would be.
    await type("Name of the new outgoing folder", "Archive");
    await fireEvent.click(screen.getByRole("button", { name: "Create and use" }));
    expect((await screen.findByRole("alert")).textContent).toContain("must be two different folders");
    expect(document.querySelector('[data-slot="outgoing"]')?.textContent).toBe("Not chosen yet");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows why a folder could not be created, and the retry creates it once", async () => {
    const state = backend();
    render(FoldersStep, { onback: vi.fn(), ondone: vi.fn() });
    await screen.findByRole("button", { name: "Inbox" });

    await type("Name of the new incoming folder", "Odoo flaky");
    await fireEvent.click(screen.getByRole("button", { name: "Create and use" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/Microsoft 365 is not available right now/)).toBeTruthy();
    expect(within(alert).getByText("Error code: unreachable")).toBeTruthy();
    expect(document.querySelector('[data-slot="incoming"]')?.textContent).toBe("Not chosen yet");
    expect(screen.queryByRole("button", { name: "Odoo flaky" })).toBeNull();

    // The retry sends the name that failed, even after the field was changed.
    await type("Name of the new incoming folder", "Something else");
    await fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByRole("button", { name: "Odoo flaky" });
    await waitFor(() =>
      expect(document.querySelector('[data-slot="incoming"]')?.textContent).toBe("Odoo flaky"),
    );
    expect(screen.queryByRole("alert")).toBeNull();
    expect(calls(state, "create_mail_folder").map((c) => c.args.name)).toEqual(["Odoo flaky", "Odoo flaky"]);
    expect(screen.getAllByRole("button", { name: /^Odoo flaky/ })).toHaveLength(1);
  });
});
