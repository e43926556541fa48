// Injected into the page before the app loads, for the Calendar page's browser test: the
// calendar fake over the app's fixtures, slowed down per event so progress shows, and reachable
// as `window.calendarFake` so the test can change events in Outlook and look into Odoo.
import { mockIPC } from "@tauri-apps/api/mocks";
import { calendarBackend, type CalendarBackendState } from "../calendar-fixtures";
import { fixtureBackend, memorySettings } from "../fixtures";

const fake = calendarBackend(fixtureBackend(memorySettings()), { stepMs: 300 });
(window as unknown as { calendarFake: CalendarBackendState }).calendarFake = fake.state;
mockIPC(fake.handler, { shouldMockEvents: true });
