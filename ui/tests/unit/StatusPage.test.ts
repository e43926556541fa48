import { render, screen, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import StatusPage from "../../src/pages/StatusPage.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { fixtureBackend, memorySettings } from "../fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

function card(job: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-job="${job}"]`);
  if (!element) throw new Error(`no card for ${job}`);
  return element;
}

describe("the Status page", () => {
  it("shows each job's state, last run and next run from status()", async () => {
    mockIPC(fixtureBackend(memorySettings()));
    render(StatusPage);

    await screen.findByRole("heading", { name: "Sync jobs" });
    const mail = within(card("mail"));
    expect(mail.getByText("On")).toBeTruthy();
    expect(mail.getByText("Every 15 min")).toBeTruthy();
    expect(mail.getByText("Needs attention")).toBeTruthy();
    expect(mail.getByText("Nov 27, 2026, 8:45 AM")).toBeTruthy();
    expect(mail.getByText("Nov 27, 2026, 9:30 AM")).toBeTruthy();

    const calendar = within(card("calendar"));
    expect(calendar.getByText("Timer off")).toBeTruthy();
    expect(calendar.getByText("Incomplete")).toBeTruthy();
    expect(calendar.getByText("Not scheduled")).toBeTruthy();
  });

  it("says that a job is not set up and how to set it up", async () => {
    mockIPC(fixtureBackend(memorySettings()));
    render(StatusPage);

    await screen.findByRole("heading", { name: "Sync jobs" });
    const contacts = within(card("contacts"));
    expect(contacts.getByText("Not set up")).toBeTruthy();
    expect(contacts.getByText(/To set up: connect Odoo and Microsoft 365/)).toBeTruthy();
    expect(contacts.queryByText("Next run")).toBeNull();
  });

  it("lists the accounts with who is signed in", async () => {
    mockIPC(fixtureBackend(memorySettings()));
    render(StatusPage);

    const accounts = await screen.findByRole("heading", { name: "Accounts" });
    const list = within(accounts.parentElement as HTMLElement);
    expect(list.getByText("anna.berger@contoso.example")).toBeTruthy();
    expect(list.getByText("Connected")).toBeTruthy();
    expect(list.getByText("Sign in again")).toBeTruthy();
  });

  it("shows the backend's error and retries on request", async () => {
    let fail = true;
    const backend = fixtureBackend(memorySettings());
    mockIPC((command, payload) => {
      if (fail) throw { code: "store_locked", message: "The state folder is busy.", retryable: true };
      return backend(command, payload);
    });
    render(StatusPage);

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The state folder is busy.")).toBeTruthy();
    expect(within(alert).getByText("Error code: store_locked")).toBeTruthy();

    fail = false;
    within(alert).getByRole("button", { name: "Try again" }).click();
    await screen.findByRole("heading", { name: "Sync jobs" });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("offers no retry when the backend says it would not help", async () => {
    mockIPC(() => {
      throw { code: "policy_forbids", message: "Your administrator turned this off.", retryable: false };
    });
    render(StatusPage);

    const alert = await screen.findByRole("alert");
    expect(within(alert).queryByRole("button")).toBeNull();
  });
});
