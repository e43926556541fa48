import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import ContactsPage from "../../src/pages/ContactsPage.svelte";
import type { DirectoryContact } from "../../src/lib/bindings";
import { actionable, statusKeys, toggled } from "../../src/lib/contacts";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { format } from "../../src/lib/i18n/catalog";
import { contactsBackend, type ContactsBackendOptions } from "../contacts-fixtures";
import { fixtureBackend, memorySettings } from "../fixtures";
import { setupBackend } from "../setup-fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

function backend(options: ContactsBackendOptions = {}) {
  const base = setupBackend(fixtureBackend(memorySettings()));
  const fake = contactsBackend(base.handler, options);
  mockIPC(fake.handler, { shouldMockEvents: true });
  return fake.state;
}

function section(name: string) {
  const element = document.querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!element) throw new Error(`no section ${name}`);
  return within(element);
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

function row(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>("tr[data-contact]")].find((r) => r.textContent?.includes(name));
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

const names = () =>
  [...document.querySelectorAll<HTMLElement>("tr[data-contact] [data-name]")].map((n) => n.textContent);

async function chooseFilter(label: string) {
  const select = (await screen.findByLabelText("Show")) as HTMLSelectElement;
  const option = [...select.options].find((o) => o.textContent === label);
  if (!option) throw new Error(`no filter ${label}`);
  await fireEvent.change(select, { target: { value: option.value } });
}

function contact(overrides: Partial<DirectoryContact>): DirectoryContact {
  return {
    id: 1,
    name: "Anna",
    email: "anna@x.example",
    company: null,
    is_company: false,
    active: true,
    followed: true,
    exported: false,
    salesperson: false,
    state: "next_sync",
    selection: "followed",
    reason: "followed",
    ...overrides,
  };
}

describe("a contact's status words", () => {
  it("say where it stands and, when followed but not in Outlook, why", () => {
    expect(statusKeys(contact({ state: "exported", exported: true, reason: null }))).toEqual(["contacts.state.exported"]);
    expect(statusKeys(contact({}))).toEqual(["contacts.state.next_sync"]);
    expect(statusKeys(contact({ state: "not_exported", selection: "no_email", reason: "no_email" }))).toEqual([
      "contacts.state.not_exported",
      "contacts.reason.no_email",
    ]);
    expect(
      statusKeys(contact({ followed: false, state: "not_followed", selection: "not_subscribed", reason: null, salesperson: true })),
    ).toEqual(["contacts.state.not_followed", "contacts.state.salesperson"]);
    expect(statusKeys(contact({ followed: false, selection: "my_customer", reason: "my_customer", salesperson: true }))).toEqual([
      "contacts.state.nextSyncCustomer",
    ]);
    for (const key of ["contacts.reason.only_created", "contacts.reason.company", "contacts.reason.archived"]) {
      expect(format("de", key)).not.toBe(format("en", key));
    }
  });

  it("bulk actions touch only what they would change", () => {
    const list = [contact({ id: 1 }), contact({ id: 2, followed: false }), contact({ id: 3, followed: false })];
    const selected = toggled(toggled(toggled(new Set(), 1, true), 2, true), 3, true);
    expect(actionable(list, selected, true)).toEqual([2, 3]);
    expect(actionable(list, toggled(selected, 2, false), false)).toEqual([1]);
  });
});

describe("the Contacts page", () => {
  it("says what the switch writes where, and cannot sync while it is off", async () => {
    backend();
    render(ContactsPage);
    const what = await section("switch").findByText(/writes the Odoo contacts you follow into your Outlook address book/);
    expect(what.textContent).toContain("in your main Contacts folder");
    expect(await section("switch").findByText(/The contacts sync is off/)).toBeTruthy();
    expect(button("Sync now").disabled).toBe(true);
    expect(section("run").getByText(/Switch the contacts sync on first/)).toBeTruthy();
    const photos = (await section("options").findByRole("checkbox", { name: "Copy contact photos" })) as HTMLInputElement;
    expect(photos.disabled).toBe(true);
    expect(section("options").getAllByText("Set by your administrator").length).toBeGreaterThan(0);
  });

  it("lists the contacts with their status and filters them", async () => {
    const state = backend();
    render(ContactsPage);
    await waitFor(() => expect(names()).toContain("Ömer Yılmaz"));
    expect(names()).not.toContain("Altkunde Archiv GmbH");
    expect(row("Ömer Yılmaz").querySelector("[data-status]")?.textContent).toBe(
      "Followed, not in Outlook: it has no e-mail address",
    );
    expect(row("Kim Lee").querySelector("[data-status]")?.textContent).toBe(
      "Followed, not in Outlook: you follow it only because you created it",
    );
    expect(row("Theresa Huber").querySelector("[data-status]")?.textContent).toBe("Not followed · You are its salesperson");

    await chooseFilter("Followed, not in Outlook");
    await waitFor(() => expect(names()).toContain("Altkunde Archiv GmbH"));
    expect(row("Altkunde Archiv GmbH").textContent).toContain("archived");
    expect(names()).not.toContain("Theresa Huber");
    expect(screen.getByText("5 of 5 contacts")).toBeTruthy();

    await chooseFilter("Not followed");
    const search = screen.getByLabelText("Search by name or e-mail");
    await fireEvent.input(search, { target: { value: "alpenblick" } });
    await waitFor(() => expect(names()).toEqual(["Franz Öttl", "Theresa Huber", "Zoë Brandstätter"]));
    const last = state.calls.filter((c) => c.command === "contact_directory").at(-1);
    expect(last?.args).toEqual({ query: { filter: "not_followed", search: "alpenblick", offset: 0, limit: 50 } });
  });

  it("follows the checked contacts at once, then lists them as followed", async () => {
    const state = backend();
    render(ContactsPage);
    await chooseFilter("Not followed");
    await fireEvent.input(screen.getByLabelText("Search by name or e-mail"), { target: { value: "alpenblick" } });
    await waitFor(() => expect(names()).toHaveLength(3));
    expect(button("Follow").disabled).toBe(true);
    await fireEvent.click(screen.getByRole("checkbox", { name: "Select all shown" }));
    expect(screen.getByText("3 selected")).toBeTruthy();
    expect(button("Unfollow").disabled).toBe(true);
    await fireEvent.click(button("Follow"));
    await screen.findByText("You follow these 3 contacts in Odoo now.");
    expect(state.calls.filter((c) => c.command === "follow_contacts").map((c) => c.args)).toEqual([
      { ids: [61, 60, 62], follow: true },
    ]);
    expect([...state.followed]).toEqual(expect.arrayContaining([60, 61, 62]));
    await waitFor(() => expect(screen.getByText("No contact matches.")).toBeTruthy());

    await chooseFilter("Followed");
    await waitFor(() => expect(names()).toHaveLength(3));
    await fireEvent.click(screen.getByRole("checkbox", { name: "Select Theresa Huber" }));
    await fireEvent.click(button("Unfollow"));
    await screen.findByText("You no longer follow this contact in Odoo.");
    expect(state.followed.has(60)).toBe(false);
  });

  it("previews and syncs once switched on, then shows the run and the contacts in Outlook", async () => {
    const state = backend();
    render(ContactsPage);
    await fireEvent.click(await section("switch").findByRole("checkbox", { name: "Sync contacts on a timer" }));
    await waitFor(() => expect(button("Sync now").disabled).toBe(false));
    await fireEvent.click(button("Preview"));
    await screen.findByText("Nothing was written: no contact in Outlook was created, changed or deleted.");
    expect(state.exported.size).toBe(0);
    await fireEvent.click(button("Sync now"));
    await screen.findByRole("heading", { name: "Last sync" });
    const rows = [...document.querySelectorAll<HTMLElement>("tr[data-partner]")];
    expect(rows.map((r) => r.dataset.partner)).toEqual(["13", "14"]);
    expect(rows[0]?.textContent).toContain("Created in Outlook.");
    await section("runs").findByText(/^2 contacts → 2 new in Outlook/);
    await waitFor(() => expect(row("Sönke Petersen").querySelector("[data-status]")?.textContent).toBe(
        "In Outlook · You are its salesperson",
      ),
    );
  });
});
