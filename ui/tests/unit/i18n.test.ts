import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/lib/format";
import { languageFromLocales, t, useLanguage } from "../../src/lib/i18n/i18n.svelte";

afterEach(() => useLanguage("en"));

describe("the UI language", () => {
  it("follows the first German or English system locale, else English", () => {
    expect(languageFromLocales(["de-AT", "en-US"])).toBe("de");
    expect(languageFromLocales(["fr-FR", "en-GB", "de-DE"])).toBe("en");
    expect(languageFromLocales(["de_CH"])).toBe("de");
    expect(languageFromLocales(["fr-FR"])).toBe("en");
    expect(languageFromLocales([])).toBe("en");
  });

  it("fills placeholders in the current language", () => {
    expect(t("logs.count", { shown: 2, total: 7 })).toBe("2 of 7 runs");
    useLanguage("de");
    expect(t("logs.count", { shown: 2, total: 7 })).toBe("2 von 7 Läufen");
  });

  it("formats dates in the user's language", () => {
    // TZ is UTC in the test config.
    expect(formatDateTime("2026-11-27T08:45:00Z")).toMatch(/Nov 27, 2026.*8:45/);
    useLanguage("de");
    expect(formatDateTime("2026-11-27T08:45:00Z")).toMatch(/27\.11\.2026.*08:45/);
  });

  it("shows a timestamp it cannot parse as it came", () => {
    expect(formatDateTime("yesterday")).toBe("yesterday");
  });
});
