import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import MailPage from "../../src/pages/MailPage.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { companyFromDomain, nameFromAddress, reportTotals } from "../../src/lib/mail";
import { fixtureBackend, memorySettings } from "../fixtures";
import { mailBackend, type FakeRefusedMail, type MailBackendOptions } from "../mail-fixtures";
import { setupBackend } from "../setup-fixtures";

afterEach(() => {
  clearMocks();
  useLanguage("en");
});

function backend(options: MailBackendOptions = {}) {
  const base = setupBackend(fixtureBackend(memorySettings()));
  const fake = mailBackend(base.handler, options);
  mockIPC(fake.handler, { shouldMockEvents: true });
  return fake.state;
}

function card(address: string) {
  const element = document.querySelector<HTMLElement>(`article[data-address="${address}"]`);
  if (!element) throw new Error(`no card for ${address}`);
  return within(element);
}

function section(name: string) {
  const element = document.querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!element) throw new Error(`no section ${name}`);
  return within(element);
}

function calls(state: ReturnType<typeof backend>, command: string) {
  return state.calls.filter((c) => c.command === command).map((c) => c.args);
}

async function decisionShown() {
  await screen.findByRole("heading", { name: "info@partner.example" });
}

describe("the Mail page's Decisions", () => {
  it("shows each candidate with name, company, city, e-mail and last change, and the waiting mails", async () => {
    backend();
    render(MailPage);
    await decisionShown();
    const decision = card("info@partner.example");
    expect(decision.getByText("3 contacts share this address.")).toBeTruthy();
    for (const text of ["Lena Vogt", "Tom Brandt", "Partner AG · München", "Delivery dates for December", "Re: Delivery dates for December"]) {
      expect(decision.getByText(text), text).toBeTruthy();
    }
    expect(decision.getAllByText(/Last change in Odoo: /)).toHaveLength(3);
    // The archived contact sharing the address is no candidate.
    expect(decision.queryByText("Old Partner Desk")).toBeNull();
    expect((decision.getByRole("button", { name: /File on the selected contacts/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("files on the one contact picked, remembers it and empties the list", async () => {
    const state = backend();
    render(MailPage);
    await decisionShown();
    await fireEvent.click(card("info@partner.example").getByRole("checkbox", { name: /Tom Brandt/ }));
    await fireEvent.click(card("info@partner.example").getByRole("button", { name: "File on the selected contacts (1)" }));

    await screen.findByText("No decisions are waiting for you.");
    expect(calls(state, "choose_mail_contacts")).toEqual([
      { address: "info@partner.example", choice: { kind: "contacts", contacts: [32] } },
    ]);
    expect(screen.getByText(/^Remembered for info@partner.example\. The next transfer files the waiting mails\.$/)).toBeTruthy();
    const remembered = document.querySelector<HTMLElement>('[data-choice="info@partner.example"]');
    expect(remembered?.textContent).toContain("Tom Brandt, Partner AG");
  });

  it("files on several contacts when several are ticked", async () => {
    const state = backend();
    render(MailPage);
    await decisionShown();
    const decision = card("info@partner.example");
    await fireEvent.click(decision.getByRole("checkbox", { name: /Lena Vogt/ }));
    await fireEvent.click(decision.getByRole("checkbox", { name: /^Partner AG/ }));
    await fireEvent.click(decision.getByRole("button", { name: "File on the selected contacts (2)" }));

    await screen.findByText("No decisions are waiting for you.");
    expect(state.choices.get("info@partner.example")).toEqual({ kind: "contacts", contacts: [31, 33] });
  });

  it("files on nobody with \"On none of them\", shown as ignored among the remembered choices", async () => {
    const state = backend();
    render(MailPage);
    await decisionShown();
    await fireEvent.click(card("info@partner.example").getByRole("button", { name: "On none of them" }));

    await screen.findByText("No decisions are waiting for you.");
    expect(state.choices.get("info@partner.example")).toEqual({ kind: "ignore" });
    const remembered = document.querySelector<HTMLElement>('[data-choice="info@partner.example"]');
    expect(remembered?.textContent).toContain("Nobody (ignored)");
  });

  it("changes a remembered choice later through the contact search", async () => {
    const state = backend();
    render(MailPage);
    const change = await screen.findByRole("button", { name: "Change the choice for buchhaltung@mueller-gmbh.example" });
    expect(document.querySelector('[data-choice="buchhaltung@mueller-gmbh.example"]')?.textContent).toContain(
      "Jana Müller, Müller GmbH",
    );
    await fireEvent.click(change);
    const choices = section("choices");
    // The search starts with the address; nobody holds it, so the person searches by company.
    await choices.findByText("No active contact matches “buchhaltung@mueller-gmbh.example”.");
    await fireEvent.input(choices.getByLabelText("Search Odoo contacts"), { target: { value: "Müller" } });
    await fireEvent.click(choices.getByRole("button", { name: "Search" }));
    const einkauf = await choices.findByRole("checkbox", { name: /Einkauf Müller GmbH/ });
    // The current choice is ticked already.
    expect((choices.getByRole("checkbox", { name: /Jana Müller/ }) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(einkauf);
    await fireEvent.click(choices.getByRole("checkbox", { name: /Jana Müller/ }));
    await fireEvent.click(choices.getByRole("button", { name: "File on the selected contacts (1)" }));

    await waitFor(() =>
      expect(document.querySelector('[data-choice="buchhaltung@mueller-gmbh.example"]')?.textContent).toContain(
        "Einkauf Müller GmbH",
      ),
    );
    expect(state.choices.get("buchhaltung@mueller-gmbh.example")).toEqual({ kind: "contacts", contacts: [14] });
  });
});

describe("the Mail page's Unassigned addresses", () => {
  it("creates the contact in Odoo with name and address prefilled and the company suggested from the domain", async () => {
    const state = backend();
    render(MailPage);
    await screen.findByRole("heading", { name: "jana.roth@neukunde.example" });
    const unassigned = card("jana.roth@neukunde.example");
    expect(unassigned.getByText("Anfrage Messestand 2027")).toBeTruthy();
    await fireEvent.click(unassigned.getByRole("button", { name: "Create contact in Odoo" }));

    expect((unassigned.getByLabelText("Name") as HTMLInputElement).value).toBe("Jana Roth");
    expect((unassigned.getByLabelText("E-mail") as HTMLInputElement).value).toBe("jana.roth@neukunde.example");
    expect((unassigned.getByLabelText("E-mail") as HTMLInputElement).readOnly).toBe(true);
    expect((unassigned.getByLabelText("Company") as HTMLInputElement).value).toBe("Neukunde");
    await fireEvent.input(unassigned.getByLabelText("Name"), { target: { value: "Dr. Jana Roth" } });
    await fireEvent.click(unassigned.getByRole("button", { name: "Create contact" }));

    await screen.findByText("Every address has a contact.");
    expect(calls(state, "create_mail_contact")).toEqual([
      { address: "jana.roth@neukunde.example", name: "Dr. Jana Roth", company: "Neukunde" },
    ]);
    expect(document.querySelector('[data-choice="jana.roth@neukunde.example"]')?.textContent).toContain("Dr. Jana Roth");
  });

  it("picks an existing contact found by the search", async () => {
    const state = backend();
    render(MailPage);
    await screen.findByRole("heading", { name: "jana.roth@neukunde.example" });
    const unassigned = card("jana.roth@neukunde.example");
    await fireEvent.click(unassigned.getByRole("button", { name: "Pick an existing contact" }));
    await fireEvent.input(unassigned.getByLabelText("Search Odoo contacts"), { target: { value: "jana" } });
    await fireEvent.click(unassigned.getByRole("button", { name: "Search" }));
    await fireEvent.click(await unassigned.findByRole("checkbox", { name: /Jana Müller/ }));
    await fireEvent.click(unassigned.getByRole("button", { name: "File on the selected contacts (1)" }));

    await screen.findByText("Every address has a contact.");
    expect(state.choices.get("jana.roth@neukunde.example")).toEqual({ kind: "contacts", contacts: [12] });
  });

  it("ignores an address from now on", async () => {
    const state = backend();
    render(MailPage);
    await screen.findByRole("heading", { name: "jana.roth@neukunde.example" });
    await fireEvent.click(card("jana.roth@neukunde.example").getByRole("button", { name: "Ignore this address from now on" }));

    await screen.findByText("Every address has a contact.");
    expect(calls(state, "choose_mail_contacts")).toEqual([
      { address: "jana.roth@neukunde.example", choice: { kind: "ignore" } },
    ]);
    expect(document.querySelector('[data-choice="jana.roth@neukunde.example"]')?.textContent).toContain("Nobody (ignored)");
  });
});

describe("the Mail page when the backend refuses", () => {
  it("keeps the new contact's form with what was typed and says why Odoo refused, then succeeds on the next try", async () => {
    const state = backend({
      failOnce: {
        create_mail_contact: {
          code: "permission_denied",
          message: "Your Odoo user may not create contacts. Ask your Odoo administrator for the right.",
          retryable: false,
        },
      },
    });
    render(MailPage);
    await screen.findByRole("heading", { name: "jana.roth@neukunde.example" });
    const unassigned = card("jana.roth@neukunde.example");
    await fireEvent.click(unassigned.getByRole("button", { name: "Create contact in Odoo" }));
    await fireEvent.input(unassigned.getByLabelText("Name"), { target: { value: "Dr. Jana Roth" } });
    await fireEvent.click(unassigned.getByRole("button", { name: "Create contact" }));

    expect((await unassigned.findByRole("alert")).textContent).toContain("may not create contacts");
    expect((unassigned.getByLabelText("Name") as HTMLInputElement).value).toBe("Dr. Jana Roth");
    expect(state.choices.has("jana.roth@neukunde.example")).toBe(false);
    const again = unassigned.getByRole("button", { name: "Create contact" }) as HTMLButtonElement;
    await waitFor(() => expect(again.disabled).toBe(false));
    await fireEvent.click(again);
    await screen.findByText("Every address has a contact.");
    expect(state.contacts.find((c) => c.email === "jana.roth@neukunde.example")?.name).toBe("Dr. Jana Roth");
  });

  it("offers to try a run again when Odoo did not answer, and the retry files the mails", async () => {
    const state = backend({
      failOnce: {
        sync_mail: {
          code: "unreachable",
          message: "The Odoo server did not answer. Nothing was filed; try again later.",
          retryable: true,
        },
      },
    });
    render(MailPage);
    await decisionShown();
    await fireEvent.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByText("The Odoo server did not answer. Nothing was filed; try again later.")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));

    await screen.findByRole("heading", { name: "Last transfer" });
    expect(screen.queryByText("The Odoo server did not answer. Nothing was filed; try again later.")).toBeNull();
    expect(calls(state, "sync_mail")).toEqual([{ request: { dry_run: false } }, { request: { dry_run: false } }]);
    expect(state.chatter.get(14)).toEqual(["<o55@mueller-gmbh.example>"]);
  });
});

describe("the Mail page's runs", () => {
  it("previews what a run would do, mail by mail, and writes nothing", async () => {
    const state = backend();
    render(MailPage);
    await decisionShown();
    await fireEvent.click(screen.getByRole("button", { name: "Preview" }));

    await screen.findByText("4 mails → 1 contact, 2 need a decision, 1 unassigned");
    expect(screen.getByText("Nothing was written: no entry in Odoo, no mail moved.")).toBeTruthy();
    const rows = [...document.querySelectorAll<HTMLElement>("tr[data-mail]")].map((row) => row.textContent);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain("Delivery dates for December");
    expect(rows[0]).toContain("Waiting for a decision");
    expect(rows[2]).toContain("Unassigned");
    expect(rows[3]).toContain("Bestellung 4711");
    expect(rows[3]).toContain("Filed");
    expect(calls(state, "sync_mail")).toEqual([{ request: { dry_run: true } }]);
    expect(state.pending).toHaveLength(4);
    expect(state.runs).toEqual([]);
    expect(state.chatter.size).toBe(0);
    // The decision is still there.
    expect(card("info@partner.example").getByText("Lena Vogt")).toBeTruthy();
  });

  it("shows n of m while a run goes on, then the run among the latest transfers", async () => {
    backend({ stepMs: 40 });
    render(MailPage);
    await decisionShown();
    await fireEvent.click(screen.getByRole("button", { name: "Sync now" }));

    expect(await screen.findByText(/^[1-4] of 4$/)).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Sync now" }) as HTMLButtonElement).disabled).toBe(true);
    await screen.findByRole("heading", { name: "Last transfer" });
    expect(screen.queryByText(/ of 4$/)).toBeNull();
    const latest = await section("runs").findByText("4 mails → 1 contact, 2 need a decision, 1 unassigned");
    expect(latest.closest("[data-run-id]")?.getAttribute("data-run-id")).toBe("100");
  });

  it("shows the progress of a run the timer started, streamed by the backend, until it ends", async () => {
    backend();
    render(MailPage);
    await decisionShown();
    await emit("mail-progress", { done: 3, total: 10 });
    expect(await screen.findByText("3 of 10")).toBeTruthy();
    await emit("mail-progress", { done: 7, total: 10 });
    expect(await screen.findByText("7 of 10")).toBeTruthy();
    await emit("mail-progress", null);
    await waitFor(() => expect(screen.queryByText(/ of 10$/)).toBeNull());
  });

  it("cannot run before both transfer folders are chosen", async () => {
    backend({ noFolders: true });
    render(MailPage);
    await screen.findByText("Choose both transfer folders first.");
    expect((screen.getByRole("button", { name: "Sync now" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Preview" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("the Mail page's folders and options", () => {
  it("shows the transfer folders by path and changes one in the folder tree", async () => {
    const state = backend();
    render(MailPage);
    const incoming = await waitFor(() => {
      const element = document.querySelector<HTMLElement>('[data-folder="incoming"]');
      expect(element?.textContent).toContain("Inbox / Customers");
      return within(element as HTMLElement);
    });
    expect(document.querySelector('[data-folder="outgoing"]')?.textContent).toContain("Sent Items");
    await fireEvent.click(incoming.getByRole("button", { name: "Change the Incoming folder" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Show subfolders of Inbox" }));
    await fireEvent.click(await screen.findByRole("button", { name: /^Suppliers/ }));

    await waitFor(() =>
      expect(document.querySelector('[data-folder="incoming"]')?.textContent).toContain("Inbox / Suppliers"),
    );
    expect(calls(state, "set_setting")).toEqual([{ key: "mail.incoming_folder", value: "AAMk-suppliers" }]);
    expect(screen.queryByRole("heading", { name: /Choose the/ })).toBeNull();
  });

  it("refuses the outgoing folder as the incoming one", async () => {
    const state = backend();
    render(MailPage);
    await waitFor(() => expect(document.querySelector('[data-folder="incoming"]')?.textContent).toContain("Customers"));
    await fireEvent.click(screen.getByRole("button", { name: "Change the Incoming folder" }));
    await fireEvent.click(await screen.findByRole("button", { name: /^Sent Items/ }));
    expect((await screen.findByRole("alert")).textContent).toContain("two different folders");
    expect(calls(state, "set_setting")).toEqual([]);
  });

  it("shows the mail options, a locked one disabled with who decided it, and saves a change", async () => {
    const state = backend();
    render(MailPage);
    const colleagues = (await screen.findByLabelText("File mails to and from colleagues too")) as HTMLInputElement;
    expect(colleagues.disabled).toBe(true);
    const locked = document.querySelector<HTMLElement>('[data-setting="mail.include_colleagues"]');
    expect(locked?.textContent).toContain("Set by your administrator");
    expect((screen.getByLabelText("Leave out attachments larger than") as HTMLInputElement).value).toBe("25");
    const opportunity = screen.getByLabelText("Also file on the contact's only open opportunity") as HTMLInputElement;
    expect(opportunity.disabled).toBe(false);
    await fireEvent.click(opportunity);
    await waitFor(() =>
      expect(state.settings.find((e) => e.key === "mail.file_on_opportunity")?.value).toBe(true),
    );
    expect(screen.getByLabelText("Delete mails from the transfer folder after they were filed")).toBeTruthy();
  });

  it("speaks German", async () => {
    useLanguage("de");
    backend();
    render(MailPage);
    await screen.findByRole("heading", { name: "info@partner.example" });
    expect(screen.getByRole("button", { name: "Jetzt synchronisieren" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Entscheidungen 1" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Diese Adresse künftig ignorieren" })).toBeTruthy();
  });
});

/** Two mails Odoo refused in an earlier run. */
function refusedMails(): FakeRefusedMail[] {
  const because = (reason: string) => ({
    reason: `Odoo refuses this mail (“${reason}”). Trying again unchanged will not help: retry it once something changed, or skip it.`,
    technical: `Odoo server error (ValidationError): ${reason}`,
  });
  return [
    {
      key: "<inv-0815@kunde.example>",
      subject: "Rechnung 0815",
      ...because("The attachment type is not allowed."),
      addresses: ["einkauf@mueller-gmbh.example"],
    },
    {
      key: "<big-1@kunde.example>",
      subject: "Pläne Halle 3",
      ...because("The message is too large."),
      addresses: ["einkauf@mueller-gmbh.example"],
    },
  ];
}

function refusedCard(key: string) {
  const element = document.querySelector<HTMLElement>(`article[data-refused="${key}"]`);
  if (!element) throw new Error(`no refused mail ${key}`);
  return element;
}

describe("the Mail page's mails refused by Odoo", () => {
  it("is not there while Odoo refuses nothing", async () => {
    backend();
    render(MailPage);
    await decisionShown();
    expect(screen.queryByRole("heading", { name: /Refused by Odoo/ })).toBeNull();
    expect(document.querySelector('[data-section="refused"]')).toBeNull();
  });

  it("lists each refused mail with the reason in the person's words and Odoo's error folded away", async () => {
    backend({ refused: refusedMails() });
    render(MailPage);
    expect(await screen.findByRole("heading", { name: "Refused by Odoo 2" })).toBeTruthy();
    const invoice = refusedCard("<inv-0815@kunde.example>");
    const panel = within(invoice);
    expect(panel.getByRole("heading", { name: "Rechnung 0815" })).toBeTruthy();
    expect(
      panel.getByText(
        "Odoo refuses this mail (“The attachment type is not allowed.”). Trying again unchanged will not help: retry it once something changed, or skip it.",
      ),
    ).toBeTruthy();
    // The technical detail is there, but only inside the closed "Technical details".
    const technical = invoice.querySelector("details");
    expect(technical?.open).toBe(false);
    expect(technical?.querySelector("summary")?.textContent).toBe("Technical details");
    expect(technical?.textContent).toContain("Odoo server error (ValidationError): The attachment type is not allowed.");
    const outside = [...invoice.childNodes].filter((n) => n !== technical).map((n) => n.textContent).join(" ");
    expect(outside).not.toContain("ValidationError");
    expect(panel.getByRole("button", { name: "Retry" })).toBeTruthy();
    expect(panel.getByRole("button", { name: "Skip" })).toBeTruthy();
  });

  it("retries a mail: the next run tries it again, the page says so and the list is read again", async () => {
    const state = backend({ refused: refusedMails() });
    render(MailPage);
    await screen.findByRole("heading", { name: "Refused by Odoo 2" });
    const before = calls(state, "refused_mails").length;
    await fireEvent.click(within(refusedCard("<inv-0815@kunde.example>")).getByRole("button", { name: "Retry" }));

    expect(await screen.findByText('"Rechnung 0815" will be tried again in the next run.')).toBeTruthy();
    expect(calls(state, "retry_refused_mail")).toEqual([{ key: "<inv-0815@kunde.example>" }]);
    expect(calls(state, "skip_refused_mail")).toEqual([]);
    expect(calls(state, "refused_mails").length).toBeGreaterThan(before);
    await waitFor(() => expect(document.querySelector('article[data-refused="<inv-0815@kunde.example>"]')).toBeNull());
    expect(screen.getByRole("heading", { name: "Refused by Odoo 1" })).toBeTruthy();

    // The next run files it.
    await fireEvent.click(screen.getByRole("button", { name: "Sync now" }));
    await screen.findByRole("heading", { name: "Last transfer" });
    expect(state.chatter.get(14)).toContain("<inv-0815@kunde.example>");
  });

  it("skips a mail: it is never filed, and the section goes once nothing is left", async () => {
    const state = backend({ refused: refusedMails().slice(1) });
    render(MailPage);
    await screen.findByRole("heading", { name: "Refused by Odoo 1" });
    await fireEvent.click(within(refusedCard("<big-1@kunde.example>")).getByRole("button", { name: "Skip" }));

    expect(
      await screen.findByText('"Pläne Halle 3" is skipped: it stays in the transfer folder and is not filed.'),
    ).toBeTruthy();
    expect(calls(state, "skip_refused_mail")).toEqual([{ key: "<big-1@kunde.example>" }]);
    expect(calls(state, "retry_refused_mail")).toEqual([]);
    await waitFor(() => expect(document.querySelector('[data-section="refused"]')).toBeNull());
    expect(state.skipped).toEqual(["<big-1@kunde.example>"]);
  });

  it("keeps a mail whose retry failed, with the error at that mail", async () => {
    const state = backend({
      refused: refusedMails(),
      failOnce: {
        retry_refused_mail: {
          code: "internal",
          message: "Something went wrong inside the app. Details are in the log.",
          retryable: false,
        },
      },
    });
    render(MailPage);
    await screen.findByRole("heading", { name: "Refused by Odoo 2" });
    const invoice = within(refusedCard("<inv-0815@kunde.example>"));
    await fireEvent.click(invoice.getByRole("button", { name: "Retry" }));

    expect((await invoice.findByRole("alert")).textContent).toContain("Something went wrong inside the app.");
    expect(within(refusedCard("<big-1@kunde.example>")).queryByRole("alert")).toBeNull();
    expect(state.refused).toHaveLength(2);
  });

  it("shows a mail Odoo refuses in a run, with its technical detail folded away, then lists it", async () => {
    const state = backend({ refuse: "4711" });
    render(MailPage);
    await decisionShown();
    await fireEvent.click(screen.getByRole("button", { name: "Sync now" }));

    const row = await waitFor(() => {
      const element = document.querySelector<HTMLElement>('tr[data-mail="<o55@mueller-gmbh.example>"]');
      expect(element).not.toBeNull();
      return element as HTMLElement;
    });
    expect(row.getAttribute("data-outcome")).toBe("refused");
    expect(within(row).getByText("Refused by Odoo")).toBeTruthy();
    const detail = row.querySelector<HTMLElement>("td.detail");
    const technical = detail?.querySelector("details");
    expect(technical?.open).toBe(false);
    expect(technical?.textContent).toContain('Odoo server error (ValidationError): This message cannot be posted: it contains "4711".');
    expect(detail?.firstChild?.textContent).toContain("Odoo refuses this mail");
    expect(detail?.firstChild?.textContent).not.toContain("ValidationError");
    expect(screen.getByText(/, 1 refused by Odoo$/, { selector: ".summary" })).toBeTruthy();
    // The page reads the list again after the run: the mail waits there for the person.
    const listed = await waitFor(() => refusedCard("<o55@mueller-gmbh.example>"));
    expect(within(listed).getByRole("button", { name: "Retry" })).toBeTruthy();
    expect(state.chatter.get(14)).toBeUndefined();
  });

  it("speaks German", async () => {
    useLanguage("de");
    backend({ refused: refusedMails() });
    render(MailPage);
    expect(await screen.findByRole("heading", { name: "Von Odoo abgelehnt 2" })).toBeTruthy();
    const invoice = within(refusedCard("<inv-0815@kunde.example>"));
    expect(invoice.getByRole("button", { name: "Erneut versuchen" })).toBeTruthy();
    expect(invoice.getByRole("button", { name: "Überspringen" })).toBeTruthy();
    expect(invoice.getByText("Technische Details")).toBeTruthy();
  });
});

describe("the Mail page's helpers", () => {
  it("suggests a name from the address and a company from the domain, none for freemail", () => {
    expect(nameFromAddress("jana.roth@neukunde.example")).toBe("Jana Roth");
    expect(nameFromAddress("info@x.de")).toBe("Info");
    expect(companyFromDomain("mueller-gmbh.de")).toBe("Mueller Gmbh");
    expect(companyFromDomain("gmail.com")).toBe("");
  });

  it("counts a report like its summary line", () => {
    const mail = (outcome: "filed" | "waiting" | "unassigned", contacts: number[]) => ({
      key: `${outcome}${contacts.join()}`,
      subject: "",
      outcome,
      contacts,
      messages: [],
      opportunities: [],
      detail: null,
      technical: null,
    });
    const report = {
      dry_run: true,
      mails: [mail("filed", [1, 2]), mail("filed", [2]), mail("waiting", []), mail("unassigned", [])],
      incomplete: [],
      needs_attention: [],
    };
    expect(reportTotals(report)).toEqual({ mails: 4, contacts: 2, open: 2 });
  });
});
