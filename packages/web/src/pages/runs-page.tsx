import { useCallback, useEffect, useMemo, useState } from "react";
import { tracking } from "../api/tracking.js";
import { useApi } from "../api/use-api.js";
import { ChartControls } from "../charts/chart-controls.js";
import { readChartOptions } from "../charts/chart-options.js";
import { type ChartRun, MetricChart } from "../charts/metric-chart.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { TagEditor } from "../components/tag-editor.js";
import { navigate, updateQuery, useLocation } from "../router/location.js";
import { paths } from "../router/routes.js";
import { ColumnPicker } from "../runs/column-picker.js";
import {
  type Column,
  collectKeys,
  columnId,
  defaultColumns,
  indexRun,
  parseColumnId,
  parseSort,
  type RunIndex,
  sortRuns,
  sortText,
} from "../runs/columns.js";
import { FilterBox } from "../runs/filter-box.js";
import { RunsTable } from "../runs/runs-table.js";
import { MAX_RUNS, useRuns } from "../runs/use-runs.js";

const storageKey = (experimentIds: string[]) => `cairn.columns:${[...experimentIds].sort().join(",")}`;

/** Columns remembered per experiment (set) in this browser. */
function useStoredColumns(experimentIds: string[]): [Column[] | undefined, (columns: Column[]) => void] {
  const key = storageKey(experimentIds);
  const read = () => {
    try {
      const raw = localStorage.getItem(key);
      if (!raw) return undefined;
      return (JSON.parse(raw) as string[]).map(parseColumnId).filter((column): column is Column => column !== undefined);
    } catch {
      return undefined;
    }
  };
  const [columns, setColumns] = useState<Column[] | undefined>(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the experiment set changes.
  useEffect(() => setColumns(read()), [key]);
  return [
    columns,
    (next) => {
      setColumns(next);
      localStorage.setItem(key, JSON.stringify(next.map(columnId)));
    },
  ];
}

/**
 * Runs of one or several experiments: a virtualised, sortable table with any columns, an
 * MLflow filter with completion, delete/restore, selection to compare, live refresh, and a
 * charts view of the selected (or first) runs. Filter, sort, view and chart options live in
 * the URL.
 */
export function RunsPage({ experimentIds }: { experimentIds: string[] }) {
  const { query } = useLocation();
  const filter = query.get("filter") ?? "";
  const deleted = query.get("lifecycle") === "deleted";
  const view = query.get("view") === "charts" ? "charts" : "table";
  const sort = parseSort(query.get("sort"));
  const experiments = useApi(() => Promise.all(experimentIds.map((id) => tracking.getExperiment(id))), [experimentIds.join(",")]);
  const [storedColumns, setStoredColumns] = useStoredColumns(experimentIds);
  const wantSummaries =
    (storedColumns ?? []).some((column) => column.kind === "metric" && column.aggregate !== "last") ||
    (sort?.column.kind === "metric" && sort.column.aggregate !== "last");
  const runs = useRuns(experimentIds, filter, deleted ? "DELETED_ONLY" : "ACTIVE_ONLY", wantSummaries);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [actionError, setActionError] = useState<Error>();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` tracks the runs.
  const indexed = useMemo(() => runs.runs.map(indexRun), [runs.version]);
  const keys = useMemo(() => collectKeys(indexed.length > 3000 ? indexed.slice(0, 3000) : indexed), [indexed]);
  const columns = useMemo(() => storedColumns ?? defaultColumns(keys), [storedColumns, keys]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` tracks runs and summaries.
  const rows = useMemo(() => sortRuns(indexed, sort, runs.summaries, now), [indexed, query.get("sort"), runs.version]);
  const names = useMemo(() => new Map(runs.runs.map((run) => [run.info.run_id, run.info.run_name])), [runs.runs]);
  const completionSource = useMemo(() => {
    const values = (key: string) => {
      const [kind, ...rest] = key.split(".");
      const name = rest.join(".");
      const seen = new Set<string>();
      for (const row of indexed) {
        const value = kind === "params" ? row.params.get(name) : kind === "tags" ? row.tags.get(name) : undefined;
        if (value !== undefined) seen.add(value);
        if (seen.size >= 50) break;
      }
      return [...seen];
    };
    return { ...keys, values };
  }, [keys, indexed]);

  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const act = async (work: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await work();
      setSelected(new Set());
      runs.reload();
    } catch (error) {
      setActionError(error as Error);
    }
  };
  const onSort = (column: Column) => {
    const same = sort && columnId(sort.column) === columnId(column);
    updateQuery({
      sort: sortText({ column, descending: same ? !sort.descending : column.kind === "attr" && column.key === "start_time" }),
    });
  };
  const title = experiments.data?.map((experiment) => experiment.name).join(" + ") ?? experimentIds.join(", ");
  const experiment = experiments.data?.length === 1 ? experiments.data[0] : undefined;
  const selectedIds = [...selected];
  const chartRuns: ChartRun[] = (selectedIds.length ? rows.filter((row) => selected.has(row.run.info.run_id)) : rows.slice(0, 10))
    .slice(0, 100)
    .map((row: RunIndex, index) => ({ id: row.run.info.run_id, name: row.run.info.run_name, startTime: row.run.info.start_time, index }));
  const chartKeys = (query.get("metrics")?.split(",").filter(Boolean) ?? keys.metrics.filter((key) => !key.startsWith("system/"))).slice(
    0,
    12,
  );

  return (
    <section className="page page-wide">
      <header className="page-header">
        <h1>{title}</h1>
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={view === "table"} onClick={() => updateQuery({ view: undefined })}>
            Table
          </button>
          <button type="button" role="tab" aria-selected={view === "charts"} onClick={() => updateQuery({ view: "charts" })}>
            Charts
          </button>
        </div>
      </header>
      {experiments.error ? <ErrorMessage error={experiments.error} title="Could not load the experiment" /> : null}
      {experiment ? (
        <details className="experiment-meta">
          <summary>
            Experiment {experiment.experiment_id} · tags · artifact location <span className="mono">{experiment.artifact_location}</span>
          </summary>
          <TagEditor
            tags={experiment.tags}
            hidePrefix="mlflow."
            onSet={async (key, value) => {
              await tracking.setExperimentTag(experiment.experiment_id, key, value);
              experiments.reload();
            }}
            onDelete={async (key) => {
              await tracking.deleteExperimentTag(experiment.experiment_id, key);
              experiments.reload();
            }}
          />
        </details>
      ) : null}
      <div className="toolbar">
        <FilterBox key={filter} value={filter} source={completionSource} onSubmit={(next) => updateQuery({ filter: next })} />
        <ColumnPicker keys={keys} columns={columns} onChange={setStoredColumns} />
        <fieldset className="segmented" aria-label="Lifecycle">
          <button type="button" aria-pressed={!deleted} onClick={() => updateQuery({ lifecycle: undefined })}>
            Active
          </button>
          <button type="button" aria-pressed={deleted} onClick={() => updateQuery({ lifecycle: "deleted" })}>
            Deleted
          </button>
        </fieldset>
        <button type="button" disabled={selected.size < 2} onClick={() => navigate(paths.compare(selectedIds))}>
          Compare {selected.size >= 2 ? selected.size : ""} runs
        </button>
        {deleted ? (
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => act(() => Promise.all(selectedIds.map((id) => tracking.restoreRun(id))))}
          >
            Restore
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={selected.size === 0}
            onClick={() => act(() => Promise.all(selectedIds.map((id) => tracking.deleteRun(id))))}
          >
            Delete
          </button>
        )}
        <span className="muted" data-testid="run-count">
          {runs.runs.length.toLocaleString()} runs{runs.loading ? " (loading…)" : ""}
          {runs.truncated ? ` — first ${MAX_RUNS.toLocaleString()} shown, narrow with a filter` : ""}
        </span>
      </div>
      {actionError ? <ErrorMessage error={actionError} title="The change was refused" /> : null}
      {runs.error ? <ErrorMessage error={runs.error} title="Could not search runs" /> : null}
      {runs.loading && runs.runs.length === 0 && !runs.error ? <Loading what="Loading runs" /> : null}
      {!runs.loading && !runs.error && runs.runs.length === 0 ? (
        <Empty>
          {filter
            ? "No run matches this filter."
            : deleted
              ? "No deleted runs."
              : "No runs yet. Log one with mlflow.start_run() (MLFLOW_TRACKING_URI pointing at this server)."}
        </Empty>
      ) : null}
      {runs.runs.length > 0 && view === "table" ? (
        <RunsTable
          rows={rows}
          columns={columns}
          summaries={runs.summaries}
          sort={sort}
          onSort={onSort}
          selected={selected}
          onSelect={onSelect}
          onSelectAll={(on) => setSelected(on ? new Set(rows.map((row) => row.run.info.run_id)) : new Set())}
          names={names}
          now={now}
        />
      ) : null}
      {runs.runs.length > 0 && view === "charts" ? (
        <div className="charts-view">
          <ChartControls options={readChartOptions(query)} />
          <p className="muted">
            {selected.size
              ? `${chartRuns.length} selected runs`
              : `The first ${chartRuns.length} runs in table order (select runs to choose)`}{" "}
            · {chartKeys.length} metrics
          </p>
          <div className="chart-grid">
            {chartKeys.map((key) => (
              <MetricChart key={key} runs={chartRuns} metricKey={key} options={readChartOptions(query)} />
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
