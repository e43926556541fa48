// The built settings window in Debian's Chromium with the IPC mocked: what a user sees and
// does. `npm run test:browser` builds dist/ first; screenshots land in test-results/.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundleMockIpc, results, startBrowser } from "./harness";
import type { StaticServer } from "./static-server";


let server: StaticServer;
let browser: Browser;
let mockIpcScript: string;
let context: BrowserContext;
let page: Page;
let problems: string[];
let foreignRequests: string[];
/** Set by the one test that provokes a CSP violation on purpose. */
let provokesCspViolation: boolean;

beforeAll(async () => {
  mockIpcScript = await bundleMockIpc("mock-ipc.ts");
  ({ server, browser } = await startBrowser());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  // A German system: the app must start in German when nothing was chosen yet.
  context = await browser.newContext({
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    colorScheme: "light",
    viewport: { width: 1100, height: 760 },
  });
  await context.addInitScript({ content: mockIpcScript });
  page = await context.newPage();
  problems = [];
  foreignRequests = [];
  provokesCspViolation = false;
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${server.url}/`) && !url.startsWith("data:")) foreignRequests.push(url);
  });
  // CSP violations, failed loads and uncaught errors all show up here.
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
});

afterEach(async () => {
  await context.close();
  const unexpected = provokesCspViolation
    ? problems.filter((p) => !p.includes("Content Security Policy"))
    : problems;
  expect(unexpected, "errors in the page").toEqual([]);
  expect(foreignRequests, "requests that left the app").toEqual([]);
});

const navLink = (name: string) => page.getByRole("navigation").getByRole("link", { name, exact: true });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });

describe("the settings window in Chromium", () => {
  it("starts in the system's language and shows the jobs from status()", async () => {
    await page.goto(server.url);

    await expect(heading("Status").isVisible()).resolves.toBe(true);
    const mail = page.locator('[data-job="mail"]');
    await mail.getByText("Aktiv").waitFor();
    expect(await mail.innerText()).toContain("Alle 15 Min.");
    expect(await mail.innerText()).toContain("27.11.2026, 09:45"); // 08:45 UTC in Berlin
    expect(await page.locator('[data-job="contacts"]').innerText()).toContain("Nicht eingerichtet");
    await page.screenshot({ path: join(results, "status-de.png"), fullPage: true });
  });

  it("navigates between all pages with the links", async () => {
    await page.goto(server.url);
    await heading("Status").waitFor();

    for (const [link, title] of [
      ["E-Mail", "E-Mail"],
      ["Kalender", "Kalender"],
      ["Kontakte", "Kontakte"],
      ["Protokoll", "Protokoll"],
      ["Einstellungen", "Einstellungen"],
      ["Status", "Status"],
    ] as const) {
      await navLink(link).click();
      await heading(title).waitFor();
      expect(await navLink(link).getAttribute("aria-current")).toBe("page");
    }
    expect(new URL(page.url()).hash).toBe("#/status");

    await page.emulateMedia({ colorScheme: "dark" });
    await navLink("E-Mail").click();
    await heading("E-Mail").waitFor();
    await page.screenshot({ path: join(results, "mail-dark-de.png"), fullPage: true });
  });

  it("runs under a strict content security policy", async () => {
    await page.goto(server.url);
    await heading("Status").waitFor();
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe");
    // The policy is really in force: an inline script added now must not run.
    provokesCspViolation = true;
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it("switches the language at once and keeps it after a restart", async () => {
    await page.goto(`${server.url}/#/settings`);
    await heading("Einstellungen").waitFor();

    await page.getByLabel("Sprache", { exact: true }).selectOption("en");

    await heading("Settings").waitFor();
    expect(await page.getByRole("navigation").innerText()).toContain("Logs");
    expect(await page.getByRole("navigation").innerText()).not.toContain("Protokoll");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.reload();
    await heading("Settings").waitFor();
    expect(await page.getByLabel("Language", { exact: true }).inputValue()).toBe("en");
    await page.screenshot({ path: join(results, "settings-en.png"), fullPage: true });
    await navLink("Status").click();
    await page.locator('[data-job="mail"]').getByText("On", { exact: true }).waitFor();
    await page.screenshot({ path: join(results, "status-en.png"), fullPage: true });
  });

  it("filters the run log and opens a run's details", async () => {
    await page.goto(`${server.url}/#/logs`);
    await page.getByText("7 von 7 Läufen").waitFor();
    const summaries = () => page.locator("[data-run-id] .summary").allInnerTexts();

    await page.getByLabel("Bereich", { exact: true }).selectOption("mail");
    await page.getByText("4 von 7 Läufen").waitFor();

    await page.getByLabel("Ergebnis", { exact: true }).selectOption("success");
    expect(await summaries()).toEqual([
      "5 mails filed, 1 linked to a colleague's entry",
      "3 mails filed",
    ]);

    await page.getByLabel("Zusammenfassungen durchsuchen").fill("linked");
    await page.getByText("1 von 7 Läufen").waitFor();

    await page.getByLabel("Ergebnis", { exact: true }).selectOption("");
    await page.getByLabel("Zusammenfassungen durchsuchen").fill("decision");
    await page.getByText("12 mails filed, 2 wait for a decision").click();

    const details = page.getByRole("region", { name: "Lauf 7" });
    await details.waitFor();
    const text = await details.innerText();
    expect(text).toContain("Angebot 2211 – Rückfrage");
    expect(text).toContain("3 contacts share info@partner.example");
    expect(text).toContain("Von Hand");
    expect(text).toContain("Wartet auf Sie");
    expect(text).toContain("Abgelegt");
    expect(text).toContain("Wartet auf Entscheidung");
    await page.screenshot({ path: join(results, "logs-details-de.png"), fullPage: true });

    await details.getByRole("button", { name: "Details schließen" }).click();
    await details.waitFor({ state: "detached" });
  });
});
