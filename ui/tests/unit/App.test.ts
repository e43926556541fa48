import { fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../../src/App.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { fixtureBackend, memorySettings } from "../fixtures";

beforeEach(() => {
  window.location.hash = "#/settings";
});
afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  useLanguage("en");
  window.location.hash = "";
});

function navTexts(): string[] {
  const nav = screen.getByRole("navigation");
  return [...nav.querySelectorAll("a")].map((a) => a.textContent?.trim() ?? "");
}

describe("the settings window", () => {
  it("switches every visible text to German and remembers the choice", async () => {
    const settings = memorySettings();
    mockIPC(fixtureBackend(settings));
    render(App);
    await screen.findByRole("heading", { name: "Settings" });
    expect(navTexts()).toEqual(["Status", "Mail", "Calendar", "Contacts", "Logs", "Settings"]);

    await fireEvent.change(screen.getByLabelText("Language"), { target: { value: "de" } });

    expect(screen.getByRole("heading", { name: "Einstellungen" })).toBeTruthy();
    expect(navTexts()).toEqual([
      "Status",
      "E-Mail",
      "Kalender",
      "Kontakte",
      "Protokoll",
      "Einstellungen",
    ]);
    expect(document.documentElement.lang).toBe("de");
    await vi.waitFor(() => expect(settings.load().language).toBe("de"));
  });

  it("starts in the system's language when none was chosen", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["de-DE", "en"]);
    mockIPC(fixtureBackend(memorySettings({ language: null })));
    render(App);
    expect(await screen.findByRole("heading", { name: "Einstellungen" })).toBeTruthy();
  });

  it("starts in the saved language over the system's", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-US"]);
    mockIPC(fixtureBackend(memorySettings({ language: "de" })));
    render(App);
    expect(await screen.findByRole("heading", { name: "Einstellungen" })).toBeTruthy();
  });

  it("goes back to following the system's language", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB"]);
    const settings = memorySettings({ language: "de" });
    mockIPC(fixtureBackend(settings));
    render(App);
    await screen.findByRole("heading", { name: "Einstellungen" });
    const select = screen.getByLabelText<HTMLSelectElement>("Sprache");
    expect(select.value).toBe("de");

    await fireEvent.change(select, { target: { value: "" } });

    expect(screen.getByRole("heading", { name: "Settings" })).toBeTruthy();
    expect(screen.getByRole("option", { name: "System language (English)" })).toBeTruthy();
    await vi.waitFor(() => expect(settings.load().language).toBeNull());
  });

  it("shows the page a link points at and marks it current", async () => {
    mockIPC(fixtureBackend(memorySettings()));
    render(App);
    await screen.findByRole("heading", { name: "Settings" });

    window.location.hash = "#/calendar";
    window.dispatchEvent(new HashChangeEvent("hashchange"));

    expect(await screen.findByRole("heading", { name: "Calendar" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Calendar" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("link", { name: "Settings" }).getAttribute("aria-current")).toBeNull();
  });

  it("still switches the language when saving it fails, and says why", async () => {
    const backend = fixtureBackend(memorySettings());
    mockIPC((command, payload) => {
      if (command === "set_setting") {
        throw { code: "store_unavailable", message: "Settings could not be saved.", retryable: true };
      }
      return backend(command, payload);
    });
    render(App);
    await screen.findByRole("heading", { name: "Settings" });

    await fireEvent.change(screen.getByLabelText("Language"), { target: { value: "de" } });

    expect(screen.getByRole("heading", { name: "Einstellungen" })).toBeTruthy();
    expect((await screen.findByRole("alert")).textContent).toContain("Settings could not be saved.");
  });
});
