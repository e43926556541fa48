// The UI language as reactive state: `t()` reads it, so every text re-renders on a switch.

import type { Language } from "../bindings";
import { format, type MessageKey } from "./catalog";

const current = $state<{ language: Language }>({ language: "en" });

/** The language the UI shows now. */
export function currentLanguage(): Language {
  return current.language;
}

/** Switches the UI language (callers persist it through `ipc.setLanguage`). */
export function useLanguage(language: Language): void {
  current.language = language;
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

/** The text for `key` in the current language, with `params` filled in (Fluent `{ $name }`). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(current.language, key, params);
}

/** The UI language for a list of locales such as `navigator.languages`: the first German or English one, else English. */
export function languageFromLocales(locales: readonly string[]): Language {
  for (const tag of locales) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === "de") return "de";
    if (primary === "en") return "en";
  }
  return "en";
}

/** The BCP 47 tag used to format dates: the system's own regional variant when it speaks the UI language. */
export function formattingLocale(): string {
  const language = current.language;
  const system = typeof navigator === "undefined" ? [] : navigator.languages;
  const regional = system.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language);
  return regional ?? language;
}
