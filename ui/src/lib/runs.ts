// What the Logs, Status and job pages derive from the backend's DTOs; pure, so unit tests cover it.

import type { Job, JobStatus, RunOutcome, RunSummary } from "./bindings";

/** All jobs, in the order the UI lists them. */
export const jobs: readonly Job[] = ["mail", "calendar", "contacts"];

/** All run outcomes, in the order the Logs filter lists them. */
export const outcomes: readonly RunOutcome[] = [
  "success",
  "needs_attention",
  "incomplete",
  "failed",
  "running",
];

/** What can happen to one item in a run (the core's `ItemOutcome`); the UI translates these. */
export const itemOutcomes = [
  "filed",
  "linked",
  "created",
  "updated",
  "deleted",
  "waiting",
  "unassigned",
  "skipped",
  "failed",
  "refused",
] as const;

/** One of the item outcomes the UI knows. */
export type ItemOutcome = (typeof itemOutcomes)[number];

/** Whether the string is an item outcome the UI can translate. */
export function isItemOutcome(value: string): value is ItemOutcome {
  return (itemOutcomes as readonly string[]).includes(value);
}

/** The Logs page's filter; an empty string means "any". */
export type RunListFilter = { job: Job | ""; outcome: RunOutcome | ""; text: string };

/** A filter that lets every run through. */
export const noRunFilter: RunListFilter = { job: "", outcome: "", text: "" };

/** The runs that match `filter` (job, outcome, and text anywhere in the summary, ignoring case), newest first. */
export function filterRuns(runs: readonly RunSummary[], filter: RunListFilter): RunSummary[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  return runs
    .filter(
      (run) =>
        (filter.job === "" || run.job === filter.job) &&
        (filter.outcome === "" || run.outcome === filter.outcome) &&
        (needle === "" || run.summary.toLocaleLowerCase().includes(needle)),
    )
    .sort(newestFirst);
}

/** How many runs a job's page lists. */
export const RECENT_RUNS = 5;

/** The latest `RECENT_RUNS` runs of `job` among `runs`, newest first (a job's page lists them). */
export function latestRuns(runs: readonly RunSummary[], job: Job): RunSummary[] {
  return filterRuns(runs, { ...noRunFilter, job }).slice(0, RECENT_RUNS);
}

function newestFirst(a: RunSummary, b: RunSummary): number {
  const byStart = Date.parse(b.started_at) - Date.parse(a.started_at);
  if (byStart !== 0 && !Number.isNaN(byStart)) return byStart;
  return b.id - a.id;
}

/** How a job's timer stands, in the words the Status page uses. */
export type JobState = "not_set_up" | "on" | "paused";

/** A job is "not set up" until configured, then "on" or "paused". */
export function jobState(job: JobStatus): JobState {
  if (!job.configured) return "not_set_up";
  return job.enabled ? "on" : "paused";
}

/** Whether the string is one of our jobs (run rows carry the job as a plain string). */
export function isJob(value: string): value is Job {
  return (jobs as readonly string[]).includes(value);
}

/** Whether the string is one of the run outcomes. */
export function isRunOutcome(value: string): value is RunOutcome {
  return (outcomes as readonly string[]).includes(value);
}
