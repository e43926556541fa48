// Injected into the page before the app loads, for the Contacts page's browser test: the
// contacts fake over the setup and app fixtures, slowed down a little so "running" shows, and
// reachable as `window.contactsFake` so the test can look into the fake Odoo's followers.
import { mockIPC } from "@tauri-apps/api/mocks";
import { contactsBackend, type ContactsBackendState } from "../contacts-fixtures";
import { fixtureBackend, memorySettings } from "../fixtures";
import { setupBackend } from "../setup-fixtures";

const base = setupBackend(fixtureBackend(memorySettings()));
const fake = contactsBackend(base.handler, { delayMs: 150 });
(window as unknown as { contactsFake: ContactsBackendState }).contactsFake = fake.state;
mockIPC(fake.handler, { shouldMockEvents: true });
