import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import LogsPage from "../../src/pages/LogsPage.svelte";
import { useLanguage } from "../../src/lib/i18n/i18n.svelte";
import { fixtureBackend, memorySettings } from "../fixtures";

beforeEach(() => mockIPC(fixtureBackend(memorySettings())));
afterEach(() => {
  clearMocks();
  useLanguage("en");
});

/** The summaries of the listed runs, top to bottom. */
function listedSummaries(): string[] {
  return [...document.querySelectorAll("[data-run-id] .summary")].map((s) => s.textContent ?? "");
}

async function renderLoaded() {
  render(LogsPage);
  await screen.findByText("7 of 7 runs");
}

describe("the Logs page", () => {
  it("lists the runs newest first", async () => {
    await renderLoaded();
    expect(listedSummaries()).toEqual([
      "12 mails filed, 2 wait for a decision",
      "2 events created, 1 throttled by Microsoft",
      "Odoo did not answer: server down",
      "5 mails filed, 1 linked to a colleague's entry",
      "4 events created, 1 updated",
      "Exporting contacts",
      "3 mails filed",
    ]);
  });

  it("filters by job, outcome and text", async () => {
    await renderLoaded();

    await fireEvent.change(screen.getByLabelText("Job"), { target: { value: "mail" } });
    expect(screen.getByText("4 of 7 runs")).toBeTruthy();
    expect(listedSummaries()).toHaveLength(4);

    await fireEvent.change(screen.getByLabelText("Outcome"), { target: { value: "success" } });
    expect(listedSummaries()).toEqual([
      "5 mails filed, 1 linked to a colleague's entry",
      "3 mails filed",
    ]);

    await fireEvent.input(screen.getByLabelText("Search summaries"), {
      target: { value: "LINKED" },
    });
    expect(listedSummaries()).toEqual(["5 mails filed, 1 linked to a colleague's entry"]);

    await fireEvent.input(screen.getByLabelText("Search summaries"), {
      target: { value: "calendar" },
    });
    expect(listedSummaries()).toEqual([]);
    expect(screen.getByText("No run matches these filters.")).toBeTruthy();
  });

  it("shows a run's events when it is clicked", async () => {
    await renderLoaded();

    await fireEvent.click(screen.getByText("12 mails filed, 2 wait for a decision"));
    const details = await screen.findByRole("region", { name: "Run 7" });
    const panel = within(details);
    expect(panel.getByText("Angebot 2211 – Rückfrage")).toBeTruthy();
    expect(panel.getByText("3 contacts share info@partner.example")).toBeTruthy();
    expect(panel.getByText("By hand")).toBeTruthy();
    // Item outcomes and counts in the user's words, not the backend's names.
    expect(panel.getByText("Filed")).toBeTruthy();
    expect(panel.getByText("Waiting for a decision")).toBeTruthy();
    const counts = within(panel.getByRole("list", { name: "Counts" })).getAllByRole("listitem");
    expect(counts.map((li) => li.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Filed: 12",
      "Waiting for a decision: 2",
      "Refused by Odoo: 1",
    ]);

    await fireEvent.click(panel.getByRole("button", { name: "Close details" }));
    expect(screen.queryByRole("region", { name: "Run 7" })).toBeNull();
  });

  it("shows an item's technical detail only inside its folded-away part", async () => {
    await renderLoaded();
    await fireEvent.click(screen.getByText("12 mails filed, 2 wait for a decision"));
    const details = await screen.findByRole("region", { name: "Run 7" });
    const refused = within(details).getByText("Rechnung 0815").closest("li") as HTMLElement;
    expect(within(refused).getByText("Refused by Odoo")).toBeTruthy();
    expect(refused.querySelector(".event-detail")?.textContent).toBe(
      "Odoo refuses this mail (“The attachment type is not allowed.”). Trying again unchanged will not help: retry it once something changed, or skip it.",
    );
    const technical = refused.querySelector("details") as HTMLDetailsElement;
    expect(technical.open).toBe(false);
    expect(technical.querySelector("summary")?.textContent).toBe("Technical details");
    expect(technical.textContent).toContain("Odoo server error (ValidationError): The attachment type is not allowed.");
    const outside = [...refused.children].filter((n) => n !== technical).map((n) => n.textContent).join(" ");
    expect(outside).not.toContain("ValidationError");
    await fireEvent.click(technical.querySelector("summary") as HTMLElement);
    expect(technical.open).toBe(true);

    // Items without a technical detail have no such part.
    const filed = within(details).getByText("Angebot 2211 – Rückfrage").closest("li") as HTMLElement;
    expect(filed.querySelector("details")).toBeNull();
  });

  it("says so when there are no runs yet", async () => {
    clearMocks();
    mockIPC(() => []);
    render(LogsPage);
    expect(await screen.findByText("No run has happened yet.")).toBeTruthy();
  });
});
