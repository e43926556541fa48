// What every job page (Mail, Calendar, Contacts) loads, and how it shows a load that failed:
// the settings, the job's latest runs, and one error for the page's banner, which the next
// load that works clears. A page derives its own parts from `entries` and may load more
// through `attempt` (the Mail page's open decisions).
import type { Job, RunSummary, SettingEntry, UiError } from "./bindings";
import { getSettingEntries, listRuns, toUiError } from "./ipc";
import { RECENT_RUNS, latestRuns } from "./runs";

/** The settings, latest runs and load error of one job's page. */
export class JobPageData {
  entries = $state<SettingEntry[]>([]);
  runs = $state<RunSummary[]>([]);
  error = $state<UiError | null>(null);
  readonly #job: Job;

  constructor(job: Job) {
    this.#job = job;
  }

  /** Runs `work`; its failure shows in the page's banner, its success clears the banner. */
  attempt = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
      this.error = null;
    } catch (thrown) {
      this.error = toUiError(thrown);
    }
  };

  /** Reads the settings again (after one was saved). */
  loadEntries = () =>
    this.attempt(async () => {
      this.entries = await getSettingEntries();
    });

  /** Reads the job's latest runs again (after a run). */
  loadRuns = () =>
    this.attempt(async () => {
      this.runs = latestRuns(await listRuns({ job: this.#job, limit: RECENT_RUNS }), this.#job);
    });
}
