// Pure helpers of the Contacts page: which settings it shows, the list's filters, a contact's
// status line in the person's words (the same reasons the contacts job decides by), and the
// selection for bulk follow / unfollow. The backend decides everything again.

import type { ContactFilter, DirectoryContact } from "./bindings";
import type { MessageKey } from "./i18n/catalog";

/** The contacts job's switch: on means the connector writes into the Outlook address book. */
export const ENABLED_KEY = "contacts.enabled";
/** Whether the contacts go into a folder "Odoo" instead of the main Contacts folder. */
export const OWN_FOLDER_KEY = "contacts.own_folder";
/** The option that exports the person's customers without following. */
export const MY_CUSTOMERS_KEY = "contacts.export_all_my_customers";

/** The contacts options the page shows, in this order. */
export const contactOptionKeys: readonly string[] = [
  "contacts.only_with_email",
  "contacts.include_companies",
  "contacts.auto_export_new",
  MY_CUSTOMERS_KEY,
  "contacts.sync_salutations",
  "contacts.sync_photos",
  "contacts.sync_categories",
  "contacts.backlink_to_odoo",
  "contacts.delete_after_unfollow",
  OWN_FOLDER_KEY,
  "contacts.sync_interval_minutes",
];

/** The list's filters, in the order the page offers them. */
export const contactFilters: readonly ContactFilter[] = [
  "all",
  "followed",
  "exported",
  "followed_not_exported",
  "not_followed",
  "has_email",
];

/** Contacts per page of the list. */
export const PAGE_SIZE = 50;

/** A contact's status as message keys: what it is, why not (when followed but not in Outlook), and salesperson. */
export function statusKeys(contact: DirectoryContact): MessageKey[] {
  const customer = contact.selection === "my_customer";
  const keys: MessageKey[] = [];
  switch (contact.state) {
    case "exported":
      keys.push(customer ? "contacts.state.exportedCustomer" : "contacts.state.exported");
      break;
    case "next_sync":
      keys.push(customer ? "contacts.state.nextSyncCustomer" : "contacts.state.next_sync");
      break;
    case "not_exported":
      keys.push("contacts.state.not_exported");
      break;
    case "not_followed":
      keys.push("contacts.state.not_followed");
      break;
  }
  const reason = contact.state === "not_exported" ? contact.reason : null;
  if (reason && reason !== "followed" && reason !== "my_customer" && reason !== "not_subscribed") {
    keys.push(`contacts.reason.${reason}`);
  }
  if (contact.salesperson && !customer) keys.push("contacts.state.salesperson");
  return keys;
}

/** `selected` with `id` added or removed. */
export function toggled(selected: ReadonlySet<number>, id: number, on: boolean): Set<number> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** Of the selected contacts, those a bulk action would change: follow the unfollowed, unfollow the followed. */
export function actionable(
  contacts: readonly DirectoryContact[],
  selected: ReadonlySet<number>,
  follow: boolean,
): number[] {
  return contacts.filter((c) => selected.has(c.id) && c.followed !== follow).map((c) => c.id);
}
