// The settings window's pages and their addresses (`#/logs`), so the shell can open a page
// directly, e.g. from a notification, by setting the location hash.

/** A page of the settings window. */
export type Page = "status" | "mail" | "calendar" | "contacts" | "logs" | "settings" | "setup";

/** The pages in navigation order. */
export const pages: readonly Page[] = ["status", "mail", "calendar", "contacts", "logs", "settings"];

/** Pages reached through a link (the setup wizard, from Status and Settings), not the navigation. */
export const linkedPages: readonly Page[] = ["setup"];

/** The location hash that shows `page`. */
export function hrefFor(page: Page): string {
  return `#/${page}`;
}

/** The page a location hash points at; the Status page for anything unknown. */
export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, "");
  return ([...pages, ...linkedPages] as readonly string[]).includes(name) ? (name as Page) : "status";
}
