// The setup wizard and the Settings page in Debian's Chromium, with the IPC mocked by the
// fixture backend (tests/setup-fixtures.ts): a German user walks through every step, meets
// one error per step and recovers from it. Screenshots of each step land in test-results/.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundleMockIpc, results, startBrowser } from "./harness";
import type { StaticServer } from "./static-server";
import { FIXTURE_CLIENT_ID, FIXTURE_ODOO_KEY, FIXTURE_USER_CODE } from "../setup-fixtures";


// A machine that was never set up: status() reports both accounts as not connected.
const notSetUp = `(() => {
  const inner = window.__TAURI_INTERNALS__.invoke;
  window.__TAURI_INTERNALS__.invoke = async (command, args, options) => {
    const answer = await inner(command, args, options);
    if (command === "status") {
      answer.accounts = answer.accounts.map((a) => ({ ...a, identity: null, state: "not_connected" }));
    }
    return answer;
  };
})();`;

let server: StaticServer;
let browser: Browser;
let mockIpcScript: string;
let context: BrowserContext;
let page: Page;
let problems: string[];
let foreignRequests: string[];

beforeAll(async () => {
  mockIpcScript = await bundleMockIpc("mock-ipc.ts");
  ({ server, browser } = await startBrowser());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext({
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    colorScheme: "light",
    viewport: { width: 1100, height: 800 },
  });
  await context.addInitScript({ content: mockIpcScript });
  await context.addInitScript({ content: notSetUp });
  page = await context.newPage();
  // A step that never comes fails with the locator it waited for, not a bare test timeout.
  page.setDefaultTimeout(8_000);
  problems = [];
  foreignRequests = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${server.url}/`) && !url.startsWith("data:")) foreignRequests.push(url);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
});

afterEach(async () => {
  await context.close();
  expect(problems, "errors in the page").toEqual([]);
  expect(foreignRequests, "requests that left the app").toEqual([]);
});

const shot = (name: string) => page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
const heading = (name: string) => page.getByRole("heading", { name, exact: true });
const button = (name: string) => page.getByRole("button", { name, exact: true });
const alert = () => page.getByRole("alert");

describe("the setup wizard in Chromium", () => {
  it("walks from Status through Odoo, Microsoft 365 and the folders, recovering from one error per step", async () => {
    await page.goto(`${server.url}/#/status`);
    await page.getByText("Noch nicht eingerichtet").waitFor();
    await page.getByRole("link", { name: "Einrichtung starten" }).click();
    await heading("Verbindungen einrichten").waitFor();
    expect(await page.getByText("Schritt 1 von 3").isVisible()).toBe(true);

    // Step 1, Odoo. The server does not answer at first: the retry finds its databases.
    await page.getByLabel("Odoo-Adresse").fill("https://flaky.contoso.example/odoo");
    await page.getByLabel("Benutzername").focus(); // leaving the address looks for databases
    await alert().getByText(/did not answer/).waitFor();
    expect(await alert().getByText("Fehlercode: unreachable").isVisible()).toBe(true);
    await shot("wizard-1-odoo-error-de");
    await alert().getByRole("button", { name: "Erneut versuchen" }).click();
    await page.getByText("2 Datenbanken auf diesem Server gefunden.").waitFor();
    expect(await alert().count()).toBe(0);
    await page.getByLabel("Datenbank", { exact: true }).selectOption("contoso");
    await page.getByLabel("Benutzername").fill("anna.berger@contoso.example");
    await page.getByLabel("API-Schlüssel").fill(FIXTURE_ODOO_KEY);
    await page.getByText("API-Schlüssel oder Passwort?").click();
    await page.getByText(/Kontosicherheit → Neuer API-Schlüssel/).waitFor();
    await button("Testen und verbinden").click();
    // The connect meets the same flaky server once more; the retry connects.
    await alert().getByRole("button", { name: "Erneut versuchen" }).click();
    const odooResult = page.getByRole("status").filter({ hasText: "Mit Odoo verbunden" });
    await odooResult.waitFor();
    const odooText = await odooResult.innerText();
    expect(odooText).toContain("Anna Berger (anna.berger@contoso.example)");
    expect(odooText).toContain("Odoo 17.0");
    expect(odooText).toContain("Installiert");
    expect(odooText).toContain("Nicht installiert");
    await shot("wizard-1-odoo-de");
    await button("Weiter").click();

    // Step 2, Microsoft 365. A secret for a public client gives AADSTS700025; the code
    // sign-in is shown and cancelled; the browser sign-in then works.
    await heading("Bei Microsoft 365 anmelden").waitFor();
    expect(await page.getByText("Schritt 2 von 3").isVisible()).toBe(true);
    expect(await button("Weiter").isDisabled()).toBe(true);
    await page.getByText("So wird die App registriert (für Administratoren)").click();
    await page.getByText(/„Mobile und Desktopanwendungen“ wählen und die Umleitungs-URI http:\/\/localhost eintragen/).waitFor();
    await page.getByLabel("Anwendungs-ID (Client)").fill(FIXTURE_CLIENT_ID);
    expect(await page.getByLabel("Verzeichnis (Mandant)").inputValue()).toBe("organizations");
    await page.getByLabel(/als Web registriert/).check();
    await page.getByLabel("Geheimer Clientschlüssel").fill("s3cr3t~value");
    await button("Im Browser anmelden").click();
    await alert().getByText(/AADSTS700025/).waitFor();
    expect(await alert().getByRole("button").count()).toBe(0);
    await shot("wizard-2-microsoft-error-de");

    await page.getByLabel(/als Web registriert/).uncheck();
    await button("Stattdessen mit Code anmelden").click();
    await page.getByText(FIXTURE_USER_CODE, { exact: true }).waitFor();
    expect(await alert().count()).toBe(0);
    await shot("wizard-2-microsoft-code-de");
    await button("Anmeldung abbrechen").click();
    await page.getByText(/Die Anmeldung wurde abgebrochen/).waitFor();

    await button("Im Browser anmelden").click();
    await page.getByText(/Warten auf den Browser/).waitFor();
    await shot("wizard-2-microsoft-waiting-de");
    const msResult = page.getByRole("status").filter({ hasText: "Bei Microsoft 365 angemeldet" });
    await msResult.waitFor();
    expect(await msResult.innerText()).toContain("anna.berger@contoso.example");
    expect(await msResult.innerText()).toContain("Erreichbar");
    await shot("wizard-2-microsoft-de");
    await button("Weiter").click();

    // Step 3, folders. A name the mailbox already has picks that folder (no second one);
    // Microsoft 365 is unavailable for the next one at first, the retry creates it.
    await heading("Übertragungsordner wählen").waitFor();
    await button("Unterordner von Inbox zeigen").click();
    await button("Unterordner von Customers zeigen").click();
    await button("Müller GmbH").waitFor();
    await button("Customers").click();
    await page.locator('[data-slot="incoming"]').getByText("Inbox / Customers").waitFor();
    expect(await page.getByLabel("Name des neuen Ausgangsordners").inputValue()).toBe("Odoo Ausgang");
    await page.getByLabel("Name des neuen Ausgangsordners").fill("archive");
    await button("Anlegen und verwenden").click();
    await page.locator('[data-slot="outgoing"]').getByText("Archive", { exact: true }).waitFor();
    await page.getByRole("status").getByText(/„Archive“ gibt es in Ihrem Postfach schon/).waitFor();
    expect(await page.locator('[data-folder-id="AAMk-archive"]').count()).toBe(1);
    expect(await alert().count()).toBe(0);
    await shot("wizard-3-folders-existing-de");

    await page.getByLabel("Name des neuen Ausgangsordners").fill("Odoo Ausgang flaky");
    await button("Anlegen und verwenden").click();
    await alert().getByText(/Microsoft 365 is not available right now/).waitFor();
    expect(await alert().getByText("Fehlercode: unreachable").isVisible()).toBe(true);
    expect(await page.locator('[data-slot="outgoing"]').innerText()).toBe("Archive");
    await shot("wizard-3-folders-error-de");
    await alert().getByRole("button", { name: "Erneut versuchen" }).click();
    await page.locator('[data-slot="outgoing"]').getByText("Odoo Ausgang flaky").waitFor();
    expect(await alert().count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Odoo Ausgang flaky/ }).count()).toBe(1);
    await shot("wizard-3-folders-de");
    await button("Fertigstellen").click();
    await heading("Alles eingerichtet").waitFor();
    await shot("wizard-done-de");
  });
});

describe("the Settings page in Chromium", () => {
  it("shows a locked option as locked and the backend's validation message at the field", async () => {
    await page.goto(`${server.url}/#/settings`);
    const photos = page.getByLabel("Kontaktfotos übernehmen");
    await photos.waitFor();
    expect(await photos.isDisabled()).toBe(true);
    const row = page.locator('[data-setting="contacts.sync_photos"]');
    expect(await row.innerText()).toContain("Von Ihrer Administration festgelegt");

    const interval = page.getByLabel("Kontakte synchronisieren alle");
    await interval.fill("0");
    await interval.press("Enter");
    const message = page.locator('[data-setting="contacts.sync_interval_minutes"]').getByRole("alert");
    await message.waitFor();
    expect(await message.innerText()).toContain("from 1 to 1440");
    expect(await interval.getAttribute("aria-invalid")).toBe("true");

    await button("Verbindungen testen").click();
    await page.locator('[data-side="odoo"]').getByText("Nicht verbunden").waitFor();
    await shot("settings-de");

    await interval.fill("30");
    await interval.press("Enter");
    await page.locator('[data-setting="contacts.sync_interval_minutes"]').getByText("Gespeichert").waitFor();
    expect(await message.count()).toBe(0);
    await page.getByRole("link", { name: "Einrichtungsassistent öffnen" }).click();
    await heading("Verbindungen einrichten").waitFor();
    await page.emulateMedia({ colorScheme: "dark" });
    await shot("wizard-1-odoo-dark-de");
  });
});
