// The UI's texts come from the product's one text catalogue: the Fluent files i18n/<code>.ftl
// at the repository root, which the core reads too. The window's messages are those whose id
// starts with `ui-`: the key `status.intervalMinutes` reads message `ui-status-intervalMinutes`.
// A language that lacks a message falls back to English; a unit test checks that every
// language has every message and that every key the UI code names exists.

import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { Language } from "../bindings";
import de from "../../../../i18n/de.ftl?raw";
import en from "../../../../i18n/en.ftl?raw";

/** A message key of the window, e.g. `status.intervalMinutes`. */
export type MessageKey = string;

/** The Fluent source of each language. */
export const sources: Record<Language, string> = { en, de };

function bundleOf(language: Language): FluentBundle {
  // No Unicode isolation marks around arguments: the texts read exactly as written.
  const bundle = new FluentBundle(language, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(sources[language]));
  if (errors.length > 0) console.error(`i18n/${language}.ftl:`, errors);
  return bundle;
}

const bundles: Record<Language, FluentBundle> = { en: bundleOf("en"), de: bundleOf("de") };

/** The Fluent message id of a UI key. */
export function messageId(key: MessageKey): string {
  return `ui-${key.replaceAll(".", "-")}`;
}

/** Whether the catalogue has a text for `key` (English has every message). */
export function hasMessage(key: MessageKey): boolean {
  return bundles.en.hasMessage(messageId(key));
}

/** The text of `key` in `language` (else English), with `params` as Fluent arguments; numbers
 * are written without grouping, as before, and select plural forms where a text has them. */
export function format(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
  errors?: Error[],
): string {
  const id = messageId(key);
  const bundle = bundles[language].hasMessage(id) ? bundles[language] : bundles.en;
  const pattern = bundle.getMessage(id)?.value;
  if (!pattern) return key;
  const args: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    args[name] = typeof value === "number" ? new FluentNumber(value, { useGrouping: false }) : value;
  }
  return bundle.formatPattern(pattern, args, errors ?? []);
}

/** The languages the UI speaks, in the order the switch lists them. */
export const languages: readonly Language[] = ["de", "en"];
