import { describe, expect, it } from "vitest";
import { catalogs, languages } from "../../src/lib/i18n/catalog";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalog", () => {
  it("has the same keys in German and English", () => {
    expect(Object.keys(catalogs.de).sort()).toEqual(Object.keys(catalogs.en).sort());
  });

  it("has no empty text in any language", () => {
    for (const language of languages) {
      const empty = Object.entries(catalogs[language]).filter(([, text]) => text.trim() === "");
      expect(empty, `empty texts in ${language}`).toEqual([]);
    }
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, english] of Object.entries(catalogs.en)) {
      const german = catalogs.de[key as keyof typeof catalogs.de];
      expect(placeholders(german), key).toEqual(placeholders(english));
    }
  });
});
