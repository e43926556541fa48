import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import SettingsPage from "../../src/pages/SettingsPage.svelte";
import SetupPage from "../../src/pages/SetupPage.svelte";
import StatusPage from "../../src/pages/StatusPage.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { fixtureBackend, fixtureStatus, memorySettings } from "../fixtures";
import { FIXTURE_ODOO_KEY, setupBackend } from "../setup-fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

function backend() {
  const fake = setupBackend(fixtureBackend(memorySettings()));
  mockIPC(fake.handler);
  return fake.state;
}

const props = { chosenLanguage: null, onlanguage: vi.fn() };

function setting(key: string) {
  const element = document.querySelector<HTMLElement>(`[data-setting="${key}"]`);
  if (!element) throw new Error(`no setting ${key}`);
  return within(element);
}

describe("the Settings page", () => {
  it("lists every per-user option by job, with the endpoints under Advanced", async () => {
    backend();
    render(SettingsPage, props);

    await screen.findByLabelText("Copy contact photos");
    for (const label of [
      "Check the transfer folders every",
      "Delete mails from the transfer folder after they were filed",
      "Sync the calendar every",
      "Leave private events out of Odoo",
      "Archive events in Odoo that were cancelled or deleted in Outlook",
      "Sync contacts every",
      "Delete the Outlook contact when you unfollow it in Odoo",
      "Copy salutations (Mr, Ms, Dr …)",
      "Put a link to the Odoo contact into the web page field",
      "Also export contacts you create in Odoo",
      "Export all customers you are the salesperson of",
      "Microsoft sign-in address",
      "Microsoft Graph address",
    ]) {
      expect(screen.getByLabelText(label), label).toBeTruthy();
    }
    const advanced = document.querySelector('[data-group="advanced"]');
    expect(advanced?.tagName).toBe("DETAILS");
    expect(advanced?.textContent).toContain("Microsoft Graph address");
    // The folders and the job switches belong to the wizard, the language to its switch.
    expect(document.querySelector('[data-setting="mail.incoming_folder"]')).toBeNull();
    expect(document.querySelector('[data-setting="general.language"]')).toBeNull();
    // The calendar's start date has its rules on the Calendar page.
    expect(document.querySelector('[data-setting="calendar.start_date"]')).toBeNull();
    expect((screen.getByLabelText("Check the transfer folders every") as HTMLInputElement).value).toBe("15");
  });

  it("shows a locked option as locked, with the reason, and cannot change it", async () => {
    const state = backend();
    render(SettingsPage, props);

    const photos = (await screen.findByLabelText("Copy contact photos")) as HTMLInputElement;
    expect(photos.disabled).toBe(true);
    expect(photos.checked).toBe(false);
    expect(setting("contacts.sync_photos").getByText("Set by your administrator")).toBeTruthy();
    const reason = photos.getAttribute("aria-describedby")?.split(" ") ?? [];
    expect(reason.map((id) => document.getElementById(id)?.textContent).join(" ")).toContain(
      "Set by your administrator",
    );
    const salutations = screen.getByLabelText("Copy salutations (Mr, Ms, Dr …)") as HTMLInputElement;
    expect(salutations.disabled).toBe(false);
    expect(setting("contacts.sync_salutations").queryByText("Set by your administrator")).toBeNull();
    expect(state.calls.filter((c) => c.command === "set_setting")).toEqual([]);
  });

  it("shows the backend's validation message under the field, and clears it once a value is accepted", async () => {
    const state = backend();
    render(SettingsPage, props);
    const interval = (await screen.findByLabelText("Sync contacts every")) as HTMLInputElement;

    await fireEvent.input(interval, { target: { value: "0" } });
    await fireEvent.change(interval);

    const message = await setting("contacts.sync_interval_minutes").findByRole("alert");
    expect(message.textContent).toBe(
      "contacts.sync_interval_minutes: enter a whole number of minutes from 1 to 1440.",
    );
    expect(interval.getAttribute("aria-invalid")).toBe("true");
    expect(interval.getAttribute("aria-describedby")).toContain(message.id);

    await fireEvent.input(interval, { target: { value: "20" } });
    await fireEvent.change(interval);
    await setting("contacts.sync_interval_minutes").findByText("Saved");
    expect(setting("contacts.sync_interval_minutes").queryByRole("alert")).toBeNull();
    expect(state.calls.filter((c) => c.command === "set_setting").map((c) => c.args)).toEqual([
      { key: "contacts.sync_interval_minutes", value: "0" },
      { key: "contacts.sync_interval_minutes", value: "20" },
    ]);
    // Changed by the user: it can go back to the default.
    await fireEvent.click(await setting("contacts.sync_interval_minutes").findByRole("button", { name: "Use default" }));
    await waitFor(() => expect(interval.value).toBe("60"));
  });

  it("saves a switch at once", async () => {
    const state = backend();
    render(SettingsPage, props);
    const remove = await screen.findByLabelText("Delete mails from the transfer folder after they were filed");

    await fireEvent.click(remove);

    await setting("mail.delete_after_transfer").findByText("Saved");
    expect(state.settings.find((e) => e.key === "mail.delete_after_transfer")?.value).toBe(true);
  });

  it("re-runs the connection test and shows each side's state", async () => {
    const fake = setupBackend(fixtureBackend(memorySettings()));
    let odooDown = false;
    mockIPC((command, payload) => {
      const answer = fake.handler(command, payload);
      if (command === "test_connection" && odooDown) {
        const test = answer as { odoo: Record<string, unknown> };
        test.odoo = {
          ...test.odoo,
          connected: true,
          user: "Anna Berger",
          reachable: false,
          error: { code: "unreachable", message: "The Odoo server did not answer.", retryable: true },
        };
      }
      return answer;
    });
    render(SettingsPage, props);
    expect(screen.getByText("Not tested yet.")).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Test connections" }));
    await waitFor(() => expect(document.querySelector('[data-side="odoo"]')?.textContent).toContain("Not connected"));
    expect(document.querySelector('[data-side="microsoft"]')?.textContent).toContain("Not connected");

    odooDown = true;
    await fireEvent.click(screen.getByRole("button", { name: "Test connections" }));
    const odoo = await waitFor(() => {
      const side = document.querySelector<HTMLElement>('[data-side="odoo"]');
      expect(side?.textContent).toContain("Problem");
      return within(side as HTMLElement);
    });
    expect(odoo.getByText("The Odoo server did not answer.")).toBeTruthy();
    expect(odoo.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});

describe("the way into the wizard", () => {
  it("Status offers the setup while an account is not connected", async () => {
    const status = structuredClone(fixtureStatus);
    status.accounts = status.accounts.map((a) => ({ ...a, identity: null, state: "not_connected" as const }));
    const base = fixtureBackend(memorySettings());
    mockIPC((command, payload) => (command === "status" ? status : base(command, payload)));
    render(StatusPage);

    const start = await screen.findByRole("link", { name: "Start setup" });
    expect(start.getAttribute("href")).toBe("#/setup");
  });

  it("Status shows no setup prompt once both accounts are connected", async () => {
    mockIPC(fixtureBackend(memorySettings()));
    render(StatusPage);
    await screen.findByRole("heading", { name: "Sync jobs" });
    expect(screen.queryByRole("link", { name: "Start setup" })).toBeNull();
  });

  it("the wizard goes on to Microsoft only after Odoo works", async () => {
    backend();
    render(SetupPage);
    const next = screen.getByRole("button", { name: "Next" }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    expect(screen.getByText("Step 1 of 3")).toBeTruthy();

    await fireEvent.input(screen.getByLabelText("Odoo address"), { target: { value: "contoso.odoo.com" } });
    await fireEvent.input(screen.getByLabelText("Database"), { target: { value: "contoso" } });
    await fireEvent.input(screen.getByLabelText("Login"), { target: { value: "anna" } });
    await fireEvent.input(screen.getByLabelText("API key"), { target: { value: FIXTURE_ODOO_KEY } });
    await fireEvent.click(screen.getByRole("button", { name: "Test and connect" }));
    await screen.findByText("Connected to Odoo");

    await waitFor(() => expect(next.disabled).toBe(false));
    await fireEvent.click(next);
    expect(await screen.findByRole("heading", { name: "Sign in to Microsoft 365" })).toBeTruthy();
    expect(screen.getByText("Step 2 of 3")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" })).toHaveProperty("disabled", true);

    await fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(await screen.findByText(/Already connected as Anna Berger/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" })).toHaveProperty("disabled", false);
  });
});
