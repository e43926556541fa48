import { describe, expect, it } from "vitest";
import type { ItemOutcome } from "../../src/lib/bindings";
import { filterRuns, isItemOutcome, itemOutcomes, jobState, latestRuns, noRunFilter } from "../../src/lib/runs";
import { fixtureRuns, fixtureStatus } from "../fixtures";

const ids = (runs: { id: number }[]) => runs.map((run) => run.id);

describe("filtering the run log", () => {
  it("lists every run newest first without a filter", () => {
    expect(ids(filterRuns(fixtureRuns, noRunFilter))).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it("keeps only the chosen job", () => {
    expect(ids(filterRuns(fixtureRuns, { ...noRunFilter, job: "mail" }))).toEqual([7, 5, 4, 1]);
  });

  it("keeps only the chosen outcome", () => {
    expect(ids(filterRuns(fixtureRuns, { ...noRunFilter, outcome: "success" }))).toEqual([4, 3, 1]);
  });

  it("finds text anywhere in the summary, ignoring case and surrounding spaces", () => {
    expect(ids(filterRuns(fixtureRuns, { ...noRunFilter, text: "  MAILS FILED " }))).toEqual([
      7, 4, 1,
    ]);
  });

  it("combines all filters", () => {
    const filter = { job: "mail", outcome: "success", text: "linked" } as const;
    expect(ids(filterRuns(fixtureRuns, filter))).toEqual([4]);
  });

  it("does not reorder the list it was given", () => {
    const before = ids(fixtureRuns);
    filterRuns(fixtureRuns, noRunFilter);
    expect(ids(fixtureRuns)).toEqual(before);
  });
});

describe("a job page's latest runs", () => {
  it("keeps that job's runs only, newest first, five at most", () => {
    expect(ids(latestRuns(fixtureRuns, "mail"))).toEqual([7, 5, 4, 1]);
    const many = Array.from({ length: 8 }, (_, i) => ({ ...fixtureRuns[0]!, id: 100 + i, job: "calendar" as const }));
    expect(ids(latestRuns([...fixtureRuns, ...many], "calendar"))).toHaveLength(5);
  });
});

describe("a job's state", () => {
  it("is not set up, on or paused", () => {
    expect(fixtureStatus.jobs.map(jobState)).toEqual(["on", "paused", "not_set_up"]);
  });
});

describe("item outcomes", () => {
  it("are all of the core's, each translated", () => {
    // A type error here names an outcome of the core the UI does not list (and translate) yet.
    type Unlisted = Exclude<ItemOutcome, (typeof itemOutcomes)[number]>;
    const complete: [Unlisted] extends [never] ? "complete" : Unlisted = "complete";
    expect(complete).toBe("complete");
    expect(isItemOutcome("refused")).toBe(true);
  });
});
