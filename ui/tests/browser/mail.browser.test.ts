// The Mail page in Debian's Chromium with the IPC mocked by the mail fake (issue 6's browser
// test): an ambiguous address waits, the person decides in the UI, the next run files the
// mails, the Decisions list empties, the choice is remembered and applies to the next mail
// from that address. Screenshots land in test-results/.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { MailBackendState } from "../mail-fixtures";
import { results } from "./harness";
import { jobPageWindows } from "./job-page";

/** A fresh window on the Mail page in a system of this locale. */
const { open: openMailPage } = jobPageWindows("mock-ipc-mail.ts", "mail");

/** What the fake Odoo holds in the chatter of contact `id`. */
const chatterOf = (page: Page, id: number) =>
  page.evaluate((contact) => (window as unknown as { mailFake: MailBackendState }).mailFake.chatter.get(contact) ?? [], id);

describe("the Mail page in Chromium", () => {
  it("lets the person decide an ambiguous address; the next run files it and the choice is remembered", async () => {
    const page = await openMailPage("de-DE");
    const decisions = page.locator('[data-section="decisions"]');
    const decision = decisions.locator('article[data-address="info@partner.example"]');
    await decision.getByText("Lena Vogt").waitFor();
    expect(await decision.innerText()).toContain("3 Kontakte teilen sich diese Adresse.");
    expect(await decision.innerText()).toContain("Delivery dates for December");
    expect(await decision.innerText()).toContain("Partner AG · München");
    await page.locator('[data-folder="incoming"]').getByText("Inbox / Customers").waitFor();
    await page.screenshot({ path: join(results, "mail-decisions-de.png"), fullPage: true });
    await decision.getByRole("checkbox", { name: /Lena Vogt/ }).check();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(results, "mail-decisions-dark-de.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await decision.getByRole("checkbox", { name: /Lena Vogt/ }).uncheck();

    // A run before deciding files only what is clear; both mails keep waiting.
    await page.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await page.getByText(/^[1-4] von 4$/).waitFor();
    await page.getByRole("heading", { name: "Letzte Übertragung", exact: true }).waitFor();
    expect(await chatterOf(page, 14)).toEqual(["<o55@mueller-gmbh.example>"]);
    expect(await decision.isVisible()).toBe(true);

    await decision.getByRole("checkbox", { name: /Tom Brandt/ }).check();
    await decision.getByRole("button", { name: "Bei den gewählten Kontakten ablegen (1)" }).click();
    await decisions.getByText("Es warten keine Entscheidungen auf Sie.").waitFor();
    const remembered = page.locator('[data-choice="info@partner.example"]');
    expect(await remembered.innerText()).toContain("Tom Brandt, Partner AG");
    expect(await chatterOf(page, 32)).toEqual([]);

    // The next run files both waiting mails on the chosen contact.
    await page.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await page.getByText("3 mails → 1 contact, 0 need a decision, 1 unassigned").first().waitFor();
    expect(await chatterOf(page, 32)).toEqual(["<x91@partner.example>", "<x92@partner.example>"]);
    const newest = page.locator('[data-section="runs"] li[data-run-id]').first();
    expect(await newest.getAttribute("data-run-id")).toBe("101");
    expect(await newest.innerText()).toContain("Wartet auf Sie");
    expect(await decisions.getByText("Es warten keine Entscheidungen auf Sie.").isVisible()).toBe(true);

    // A new mail from the same address needs no decision: the preview already files it there.
    await page.evaluate(() =>
      (window as unknown as { mailFake: MailBackendState }).mailFake.deliver({
        key: "<x93@partner.example>",
        subject: "Liefertermine Januar",
        addresses: ["info@partner.example"],
      }),
    );
    await page.getByRole("button", { name: "Vorschau" }).click();
    const row = page.locator('tr[data-mail="<x93@partner.example>"]');
    await row.waitFor();
    expect(await row.innerText()).toContain("Abgelegt");
    expect(await chatterOf(page, 32)).toHaveLength(2);
    await page.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await page.getByRole("heading", { name: "Letzte Übertragung", exact: true }).waitFor();
    await expect.poll(() => chatterOf(page, 32)).toContain("<x93@partner.example>");
    expect(await decisions.getByText("Es warten keine Entscheidungen auf Sie.").isVisible()).toBe(true);
    await page.screenshot({ path: join(results, "mail-decided-de.png"), fullPage: true });
  });

  it("shows a mail Odoo refuses with the reason and the technical detail folded away; Retry files it next time", async () => {
    const page = await openMailPage("en-US");
    await page.locator('article[data-address="info@partner.example"]').getByText("Lena Vogt").waitFor();
    await page.evaluate(() => {
      (window as unknown as { mailFake: MailBackendState }).mailFake.refuse = "4711";
    });
    await page.getByRole("button", { name: "Sync now" }).click();
    const row = page.locator('tr[data-mail="<o55@mueller-gmbh.example>"]');
    await row.waitFor();
    expect(await row.getAttribute("data-outcome")).toBe("refused");
    expect(await row.innerText()).toContain("Refused by Odoo");
    const technical = row.getByText(/ValidationError/);
    expect(await technical.isVisible()).toBe(false);
    await row.getByText("Technical details").click();
    expect(await technical.isVisible()).toBe(true);

    const card = page.locator('article[data-refused="<o55@mueller-gmbh.example>"]');
    await card.waitFor();
    expect(await card.innerText()).toContain("Odoo refuses this mail");
    expect(await card.getByText(/ValidationError/).isVisible()).toBe(false);
    await page.screenshot({ path: join(results, "mail-refused-en.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await card.getByText("Technical details").click();
    await page.screenshot({ path: join(results, "mail-refused-dark-en.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    expect(await chatterOf(page, 14)).toEqual([]);

    // Odoo accepts it again (the cause was removed); the person retries it, the next run files it.
    await page.evaluate(() => {
      (window as unknown as { mailFake: MailBackendState }).mailFake.refuse = null;
    });
    await card.getByRole("button", { name: "Retry" }).click();
    await page.getByText('"Bestellung 4711" will be tried again in the next run.').waitFor();
    await page.locator('[data-section="refused"]').waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Sync now" }).click();
    // (the fake files 400 ms per mail)
    await expect.poll(() => chatterOf(page, 14), { timeout: 8_000 }).toEqual(["<o55@mueller-gmbh.example>"]);
  });

  it("creates a contact for an unknown address, in English", async () => {
    const page = await openMailPage("en-US");
    const card = page.locator('article[data-address="jana.roth@neukunde.example"]');
    await card.getByRole("button", { name: "Create contact in Odoo" }).click();
    expect(await card.getByLabel("Name").inputValue()).toBe("Jana Roth");
    expect(await card.getByLabel("Company").inputValue()).toBe("Neukunde");
    await page.screenshot({ path: join(results, "mail-unassigned-en.png"), fullPage: true });
    await card.getByRole("button", { name: "Create contact", exact: true }).click();
    await page.getByText("Every address has a contact.").waitFor();
    expect(await page.locator('[data-choice="jana.roth@neukunde.example"]').innerText()).toContain("Jana Roth, Neukunde");

    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByText("Nothing was written: no entry in Odoo, no mail moved.").waitFor();
    expect(await page.locator('tr[data-mail="<n1@neukunde.example>"]').innerText()).toContain("Filed");
    await page.screenshot({ path: join(results, "mail-preview-en.png"), fullPage: true });
  });
});
