// The window's side of the one text catalogue (i18n/<code>.ftl): every language has every
// message, no text is empty, and every key the UI code names exists.
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { format, hasMessage, languages, messageId, sources } from "../../src/lib/i18n/catalog";

/** The message ids of a Fluent source, with each one's text (attributes are not used). */
function messages(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of source.split("\n")) {
    const match = /^(-?[a-zA-Z][\w-]*) =(.*)$/.exec(line);
    if (match?.[1]) out.set(match[1], (match[2] ?? "").trim());
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{ *\$(\w+) *\}/g)].map((m) => m[1]).sort();

// Every source file of the app, as text.
const code = import.meta.glob<string>("/src/**/*.{ts,svelte}", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every `t("…")` key written literally in the UI's sources. */
function keysInCode(): string[] {
  return Object.values(code).flatMap((text) =>
    [...text.matchAll(/\bt\(\s*"([\w.]+)"/g)].map((m) => m[1] ?? ""),
  );
}

describe("the message catalogue", () => {
  it("parses without errors in every language", () => {
    for (const language of languages) {
      // A resource with a syntax error keeps a Junk entry; FluentResource drops it silently,
      // so compare the ids it parsed with the ids the file declares.
      const parsed = new FluentResource(sources[language]).body.map((entry) =>
        "id" in entry ? entry.id : "",
      );
      const declared = [...messages(sources[language]).keys()].filter((id) => !id.startsWith("-"));
      expect(parsed.sort(), language).toEqual(declared.sort());
    }
  });

  it("has the same messages in German and English", () => {
    expect([...messages(sources.de).keys()].sort()).toEqual([...messages(sources.en).keys()].sort());
  });

  it("formats every message in every language, none empty", () => {
    for (const language of languages) {
      const bundle = new FluentBundle(language, { useIsolating: false });
      expect(bundle.addResource(new FluentResource(sources[language]))).toEqual([]);
      for (const [id] of messages(sources[language])) {
        const pattern = bundle.getMessage(id)?.value;
        expect(pattern, `${id} in ${language}`).toBeTruthy();
        if (!pattern) continue;
        // every variable any message uses, so each message finds its own
        const names = [...sources[language].matchAll(/\$(\w+)/g)].map((m) => m[1] ?? "");
        const args = Object.fromEntries(names.map((v) => [v, 2]));
        const errors: Error[] = [];
        const text = bundle.formatPattern(pattern, args, errors);
        expect(errors, `${id} in ${language}`).toEqual([]);
        expect(text.trim(), `${id} in ${language}`).not.toBe("");
      }
    }
  });

  it("uses the same arguments in both languages", () => {
    const german = messages(sources.de);
    for (const [id, english] of messages(sources.en)) {
      expect(variables(german.get(id) ?? ""), id).toEqual(variables(english));
    }
  });

  it("has every key the UI code names", () => {
    const keys = [...new Set(keysInCode())];
    expect(keys.length).toBeGreaterThan(100);
    const missing = keys.filter((key) => !hasMessage(key));
    expect(missing).toEqual([]);
  });

  it("fills arguments and writes numbers without grouping", () => {
    expect(format("en", "status.intervalMinutes", { minutes: 15 })).toBe("Every 15 min");
    expect(format("en", "logs.count", { shown: 1200, total: 3400 })).toBe("1200 of 3400 runs");
    expect(messageId("status.intervalMinutes")).toBe("ui-status-intervalMinutes");
  });
});
