// The Contacts page in Debian's Chromium with the IPC mocked by the contacts fake (issue 16's
// browser test): the filters narrow the list and each row says where the contact stands and
// why; checked contacts are followed in one go and the fake Odoo then has them as followed;
// the sync switch comes on, and Sync now puts the subscribed contacts into Outlook and lists
// the run. In German, then English. Screenshots land in test-results/.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ContactsBackendState } from "../contacts-fixtures";
import { results } from "./harness";
import { jobPageWindows } from "./job-page";

/** A fresh window on the Contacts page in a system of this locale. */
const { open: openContactsPage } = jobPageWindows("mock-ipc-contacts.ts", "contacts");

/** The ids the fake Odoo has as followed by the person. */
const followedInOdoo = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { contactsFake: ContactsBackendState }).contactsFake.followed].sort());

const shownNames = (page: Page) =>
  page.locator("tr[data-contact] [data-name]").evaluateAll((names) => names.map((n) => n.textContent));

describe("the Contacts page in Chromium", () => {
  it("filters the list, follows checked contacts at once and syncs them into Outlook", async () => {
    const page = await openContactsPage("de-DE");
    await page.getByRole("heading", { name: "Kontakte", level: 1 }).waitFor();
    await page.getByText(/in Ihren Hauptordner Kontakte/).waitFor();
    const syncNow = page.getByRole("button", { name: "Jetzt synchronisieren" });
    expect(await syncNow.isDisabled()).toBe(true);
    const omer = page.locator("tr[data-contact]", { hasText: "Ömer Yılmaz" });
    expect(await omer.locator("[data-status]").innerText()).toBe("Gefolgt, nicht in Outlook: er hat keine E-Mail-Adresse");

    await page.getByLabel("Anzeigen").selectOption("not_followed");
    await page.getByLabel("Nach Name oder E-Mail suchen").fill("alpenblick");
    await page.waitForFunction(() => document.querySelectorAll("tr[data-contact]").length === 3);
    expect(await shownNames(page)).toEqual(["Franz Öttl", "Theresa Huber", "Zoë Brandstätter"]);
    const follow = page.getByRole("button", { name: "Folgen", exact: true });
    expect(await follow.isDisabled()).toBe(true);
    await page.getByRole("checkbox", { name: "Theresa Huber auswählen" }).check();
    await page.getByRole("checkbox", { name: "Zoë Brandstätter auswählen" }).check();
    await page.getByText("2 ausgewählt").waitFor();
    await page.screenshot({ path: join(results, "contacts-selected-de.png"), fullPage: true });
    await follow.click();
    await page.getByText("You follow these 2 contacts in Odoo now.").waitFor();
    expect(await followedInOdoo(page)).toEqual([13, 14, 24, 51, 60, 62, 70]);
    await page.waitForFunction(() => document.querySelectorAll("tr[data-contact]").length === 1);
    expect(await shownNames(page)).toEqual(["Franz Öttl"]);

    await page.getByLabel("Anzeigen").selectOption("followed");
    await page.getByLabel("Nach Name oder E-Mail suchen").fill("");
    await page.waitForFunction(() => document.querySelectorAll("tr[data-contact]").length === 7);
    const theresa = page.locator("tr[data-contact]", { hasText: "Theresa Huber" });
    expect(await theresa.getAttribute("data-state")).toBe("next_sync");

    await page.getByRole("checkbox", { name: "Kontakte nach Zeitplan synchronisieren" }).check();
    await page.waitForFunction(() => !(document.querySelector('[data-run="sync"]') as HTMLButtonElement).disabled);
    await syncNow.click();
    await page.getByText("Kontakte werden abgeglichen…").waitFor();
    await page.getByRole("heading", { name: "Letzter Abgleich" }).waitFor();
    expect(await page.locator("tr[data-partner]").count()).toBe(4);
    const runs = page.locator('[data-section="runs"] li[data-run-id]');
    await runs.first().waitFor();
    expect(await runs.first().getAttribute("data-outcome")).toBe("success");
    await page.locator("tr[data-contact][data-state=exported]").first().waitFor();
    expect(await theresa.getAttribute("data-state")).toBe("exported");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(results, "contacts-run-de-dark.png"), fullPage: true });
  });

  it("speaks English and shows the administrator's lock", async () => {
    const page = await openContactsPage("en-US");
    await page.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    await page.getByText("The contacts sync is off: nothing is written into Outlook until you switch it on.").waitFor();
    const photos = page.getByRole("checkbox", { name: "Copy contact photos" });
    expect(await photos.isDisabled()).toBe(true);
    await page.locator("select[data-contact-filter]").selectOption("followed_not_exported");
    await page.locator("tr[data-contact]", { hasText: "Altkunde Archiv GmbH" }).waitFor();
    const kim = page.locator("tr[data-contact]", { hasText: "Kim Lee" });
    expect(await kim.locator("[data-status]").innerText()).toBe(
      "Followed, not in Outlook: you follow it only because you created it",
    );
    await page.screenshot({ path: join(results, "contacts-en.png"), fullPage: true });
  });
});
