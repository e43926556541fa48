// Injected into the page before the app loads (bundled to a classic script by the browser test):
// answers the app's IPC calls from the fixtures through Tauri's own `mockIPC`. Settings live in
// localStorage so that a reload shows whether the app remembered the language.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Settings } from "../../src/lib/bindings";
import { fixtureBackend, type SettingsStore } from "../fixtures";
import { mailBackend } from "../mail-fixtures";

const KEY = "office-connector-test-settings";

const localSettings: SettingsStore = {
  load: () => {
    const saved = window.localStorage.getItem(KEY);
    return saved ? (JSON.parse(saved) as Settings) : { language: null };
  },
  save: (settings) => window.localStorage.setItem(KEY, JSON.stringify(settings)),
};

// The Mail page's commands come from the mail fake (tests/mail-fixtures.ts).
mockIPC(mailBackend(fixtureBackend(localSettings)).handler, { shouldMockEvents: true });
