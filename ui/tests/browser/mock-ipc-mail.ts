// Injected into the page before the app loads, for the Mail page's browser test: the mail fake
// over the app's fixtures, slowed down per mail so progress shows, and reachable as
// `window.mailFake` so the test can put new mails into the transfer folder and look into Odoo.
import { mockIPC } from "@tauri-apps/api/mocks";
import { fixtureBackend, memorySettings } from "../fixtures";
import { mailBackend, type MailBackendState } from "../mail-fixtures";

const fake = mailBackend(fixtureBackend(memorySettings()), { stepMs: 400 });
(window as unknown as { mailFake: MailBackendState }).mailFake = fake.state;
mockIPC(fake.handler, { shouldMockEvents: true });
