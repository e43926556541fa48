// What the job pages' browser tests (Contacts, Calendar, Mail) share: one Chromium and the
// built window per test file, a fresh window per test in a system of the given locale with
// the job's fake backend, and after each test the check that nothing failed in the page and
// no request left the app.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { bundleMockIpc, startBrowser } from "./harness";
import type { StaticServer } from "./static-server";

/**
 * Registers the test file's hooks and returns `open(locale)`: a fresh window on `#/<route>`
 * whose IPC is mocked by tests/browser/<mockEntry>.
 */
export function jobPageWindows(mockEntry: string, route: string): { open: (locale: string) => Promise<Page> } {
  let server: StaticServer;
  let browser: Browser;
  let mockIpcScript: string;
  let context: BrowserContext | null = null;
  let problems: string[] = [];
  let foreignRequests: string[] = [];

  beforeAll(async () => {
    mockIpcScript = await bundleMockIpc(mockEntry);
    ({ server, browser } = await startBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
    context = null;
    expect(problems, "errors in the page").toEqual([]);
    expect(foreignRequests, "requests that left the app").toEqual([]);
  });

  async function open(locale: string): Promise<Page> {
    context = await browser.newContext({
      locale,
      timezoneId: "Europe/Berlin",
      colorScheme: "light",
      viewport: { width: 1100, height: 900 },
    });
    await context.addInitScript({ content: mockIpcScript });
    // A step that does not happen fails fast, naming the step, instead of timing the test out.
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
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
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(`${server.url}/#/${route}`);
    return page;
  }

  return { open };
}
