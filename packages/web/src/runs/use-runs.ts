import { useEffect, useRef, useState } from "react";
import { cairn } from "../api/cairn.js";
import { tracking, type ViewType } from "../api/tracking.js";
import type { MetricSummary, Run } from "../api/types.js";
import type { Summaries } from "./columns.js";

/** First page small so rows show at once; then big pages until everything is loaded. */
const FIRST_PAGE = 100;
const PAGE = 2500;
/** Beyond this the table shows a note and the user narrows with a filter. */
export const MAX_RUNS = 100_000;
const LIVE_INTERVAL_MS = 5000;

export interface RunsState {
  runs: Run[];
  /** Whether more pages are still coming. */
  loading: boolean;
  error?: Error;
  truncated: boolean;
  summaries: Summaries;
  /** Bumped whenever runs or summaries change, for memoised derivations. */
  version: number;
  reload(): void;
}

const and = (filter: string, clause: string) => (filter.trim() ? `${filter.trim()} and ${clause}` : clause);

function mergeSummaries(target: Summaries, summaries: MetricSummary[]): void {
  for (const summary of summaries) {
    let perRun = target.get(summary.run_id);
    if (!perRun) {
      perRun = new Map();
      target.set(summary.run_id, perRun);
    }
    perRun.set(summary.key, summary);
  }
}

/**
 * Every run of the experiments matching the filter, loaded page by page (the table sorts and
 * scrolls them all locally), plus — when a column asks for min or max — their metric
 * summaries. Then it polls every few seconds: running runs are re-read, runs that stopped
 * running are fetched by id, and newly started runs are added.
 */
export function useRuns(experimentIds: string[], filter: string, viewType: ViewType, wantSummaries: boolean): RunsState {
  const [state, setState] = useState<{ runs: Run[]; loading: boolean; error?: Error; truncated: boolean; version: number }>({
    runs: [],
    loading: true,
    truncated: false,
    version: 0,
  });
  const summaries = useRef<Summaries>(new Map());
  const [generation, setGeneration] = useState(0);
  const runsRef = useRef<Run[]>([]);
  const key = `${experimentIds.join(",")}\u0000${filter}\u0000${viewType}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the experiment ids, filter and view.
  useEffect(() => {
    const abort = new AbortController();
    summaries.current = new Map();
    runsRef.current = [];
    setState({ runs: [], loading: true, truncated: false, version: 0 });
    (async () => {
      let token: string | undefined;
      let all: Run[] = [];
      let first = true;
      do {
        const page = await tracking.searchRuns(
          {
            experimentIds,
            filter,
            viewType,
            orderBy: ["attributes.start_time DESC"],
            maxResults: first ? FIRST_PAGE : PAGE,
            ...(token ? { pageToken: token } : {}),
          },
          abort.signal,
        );
        first = false;
        all = all.concat(page.runs);
        token = page.nextPageToken;
        runsRef.current = all;
        const truncated = token !== undefined && all.length >= MAX_RUNS;
        setState((previous) => ({ runs: all, loading: token !== undefined && !truncated, truncated, version: previous.version + 1 }));
        if (truncated) break;
      } while (token && !abort.signal.aborted);
    })().catch((error: Error) => {
      if (error.name !== "AbortError") setState((previous) => ({ ...previous, loading: false, error }));
    });
    return () => abort.abort();
  }, [key, generation]);

  // Summaries (min/max) for the loaded runs, fetched once per run and only when a column wants them.
  useEffect(() => {
    if (!wantSummaries) return;
    const missing = state.runs.filter((run) => !summaries.current.has(run.info.run_id)).map((run) => run.info.run_id);
    if (missing.length === 0) return;
    let cancelled = false;
    (async () => {
      for (let index = 0; index < missing.length && !cancelled; index += 2000) {
        const chunk = missing.slice(index, index + 2000);
        const found = await cairn.metricSummaries(chunk);
        for (const id of chunk) if (!summaries.current.has(id)) summaries.current.set(id, new Map());
        mergeSummaries(summaries.current, found);
        if (!cancelled) setState((previous) => ({ ...previous, version: previous.version + 1 }));
      }
    })().catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [wantSummaries, state.runs]);

  // Live refresh (while the tab is visible): running runs are re-read and new runs added.
  // Two small searches per tick; an experiment with nothing running costs one short answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the experiment ids, filter and view.
  useEffect(() => {
    if (state.loading || state.truncated) return;
    const timer = setInterval(async () => {
      if (document.hidden) return;
      const current = runsRef.current;
      const running = current.filter((run) => run.info.status === "RUNNING").map((run) => run.info.run_id);
      const newest = current.reduce((max, run) => Math.max(max, run.info.start_time), 0);
      try {
        const [stillRunning, started] = await Promise.all([
          tracking.searchRuns({ experimentIds, filter: and(filter, "attributes.status = 'RUNNING'"), viewType, maxResults: 1000 }),
          tracking.searchRuns({ experimentIds, filter: and(filter, `attributes.start_time >= ${newest}`), viewType, maxResults: 1000 }),
        ]);
        const seen = new Set(stillRunning.runs.map((run) => run.info.run_id));
        const stopped = running.filter((id) => !seen.has(id));
        const finished: Run[] = [];
        for (let index = 0; index < stopped.length; index += 100) {
          const ids = stopped
            .slice(index, index + 100)
            .map((id) => `'${id}'`)
            .join(", ");
          finished.push(
            ...(await tracking.searchRuns({ experimentIds, filter: `attributes.run_id IN (${ids})`, viewType: "ALL", maxResults: 100 }))
              .runs,
          );
        }
        const updates = new Map<string, Run>();
        for (const run of [...stillRunning.runs, ...started.runs, ...finished]) updates.set(run.info.run_id, run);
        const known = new Set(current.map((run) => run.info.run_id));
        const added = [...updates.values()].filter((run) => !known.has(run.info.run_id));
        const next = [...added, ...current.map((run) => updates.get(run.info.run_id) ?? run)];
        for (const id of updates.keys()) summaries.current.delete(id);
        runsRef.current = next;
        setState((previous) => ({ ...previous, runs: next, version: previous.version + 1 }));
      } catch {
        // A failed poll is retried on the next tick; the table keeps what it has.
      }
    }, LIVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [state.loading, state.truncated, key]);

  return { ...state, summaries: summaries.current, reload: () => setGeneration((value) => value + 1) };
}
