import type { MetricSummary, Run } from "../api/types.js";

export type ColumnKind = "attr" | "param" | "metric" | "tag";
export type MetricAggregate = "last" | "min" | "max";

/** A runs-table column: an attribute, or any param, metric (with its aggregate) or tag key. */
export interface Column {
  kind: ColumnKind;
  key: string;
  /** Metric columns only. */
  aggregate?: MetricAggregate;
}

export const ATTRIBUTES = {
  status: "Status",
  start_time: "Started",
  duration: "Duration",
  user: "User",
  source: "Source",
  parent: "Parent run",
  git_commit: "Git commit",
  run_id: "Run ID",
} as const;
export type AttributeKey = keyof typeof ATTRIBUTES;

/** Compact text form, used in the URL (`sort`) and localStorage: `metric:loss@min`, `param:lr`. */
export function columnId(column: Column): string {
  const aggregate = column.kind === "metric" && column.aggregate && column.aggregate !== "last" ? `@${column.aggregate}` : "";
  return `${column.kind}:${column.key}${aggregate}`;
}

export function parseColumnId(id: string): Column | undefined {
  const colon = id.indexOf(":");
  if (colon < 0) return undefined;
  const kind = id.slice(0, colon) as ColumnKind;
  if (!["attr", "param", "metric", "tag"].includes(kind)) return undefined;
  let key = id.slice(colon + 1);
  if (kind === "metric") {
    const match = /@(min|max|last)$/.exec(key);
    if (match) {
      key = key.slice(0, -match[0].length);
      return { kind, key, aggregate: match[1] as MetricAggregate };
    }
    return { kind, key, aggregate: "last" };
  }
  if (kind === "attr" && !(key in ATTRIBUTES)) return undefined;
  return { kind, key };
}

export function columnLabel(column: Column): string {
  if (column.kind === "attr") return ATTRIBUTES[column.key as AttributeKey] ?? column.key;
  if (column.kind === "metric" && column.aggregate && column.aggregate !== "last") return `${column.key} (${column.aggregate})`;
  return column.key;
}

/** Per-run look-ups the table builds once per load, so a cell is a map read, not a list scan. */
export interface RunIndex {
  run: Run;
  params: Map<string, string>;
  metrics: Map<string, number>;
  tags: Map<string, string>;
}

export function indexRun(run: Run): RunIndex {
  return {
    run,
    params: new Map(run.data.params.map((param) => [param.key, param.value])),
    metrics: new Map(run.data.metrics.map((metric) => [metric.key, metric.value])),
    tags: new Map(run.data.tags.map((tag) => [tag.key, tag.value])),
  };
}

export type Summaries = Map<string, Map<string, MetricSummary>>;

/** The raw value of a cell: numbers stay numbers so sorting is numeric. */
export function cellValue(row: RunIndex, column: Column, summaries: Summaries, now: number): string | number | undefined {
  const { info } = row.run;
  switch (column.kind) {
    case "param":
      return row.params.get(column.key);
    case "tag":
      return row.tags.get(column.key);
    case "metric": {
      if (!column.aggregate || column.aggregate === "last") return row.metrics.get(column.key);
      const summary = summaries.get(info.run_id)?.get(column.key);
      return column.aggregate === "min" ? summary?.min_value : summary?.max_value;
    }
    case "attr":
      switch (column.key as AttributeKey) {
        case "status":
          return info.status;
        case "start_time":
          return info.start_time;
        case "duration":
          return info.end_time !== undefined
            ? info.end_time - info.start_time
            : info.status === "RUNNING"
              ? now - info.start_time
              : undefined;
        case "user":
          return info.user_id || row.tags.get("mlflow.user");
        case "source":
          return row.tags.get("mlflow.source.name");
        case "parent":
          return row.tags.get("mlflow.parentRunId");
        case "git_commit":
          return row.tags.get("mlflow.source.git.commit");
        case "run_id":
          return info.run_id;
      }
  }
  return undefined;
}

/** Keys present across the loaded runs, for the column picker and the filter's completion. */
export interface KeySets {
  params: string[];
  metrics: string[];
  tags: string[];
}

export function collectKeys(rows: readonly RunIndex[]): KeySets {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const row of rows) {
    for (const key of row.params.keys()) params.add(key);
    for (const key of row.metrics.keys()) metrics.add(key);
    for (const key of row.tags.keys()) tags.add(key);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { params: sorted(params), metrics: sorted(metrics), tags: sorted(tags) };
}

/** What a new experiment shows before the user picks: a few attributes, then a few metrics and params. */
export function defaultColumns(keys: KeySets): Column[] {
  return [
    { kind: "attr", key: "status" },
    { kind: "attr", key: "start_time" },
    { kind: "attr", key: "duration" },
    { kind: "attr", key: "user" },
    { kind: "attr", key: "source" },
    ...keys.metrics
      .filter((key) => !key.startsWith("system/"))
      .slice(0, 6)
      .map((key): Column => ({ kind: "metric", key, aggregate: "last" })),
    ...keys.params.slice(0, 6).map((key): Column => ({ kind: "param", key })),
  ];
}

export interface SortSpec {
  column: Column;
  descending: boolean;
}

/** `metric:loss@min:desc`; a column id never ends in `:asc`/`:desc` itself. */
export function parseSort(text: string | null): SortSpec | undefined {
  if (!text) return undefined;
  const match = /^(.*):(asc|desc)$/.exec(text);
  const column = parseColumnId(match ? (match[1] as string) : text);
  return column ? { column, descending: match?.[2] === "desc" } : undefined;
}

export function sortText(sort: SortSpec): string {
  return `${columnId(sort.column)}:${sort.descending ? "desc" : "asc"}`;
}

/**
 * Sorts rows by one column: numbers numerically (numeric params too), text naturally, and
 * runs without a value always last, whichever the direction (as MLflow's UI does).
 */
export function sortRuns(rows: readonly RunIndex[], sort: SortSpec | undefined, summaries: Summaries, now: number): RunIndex[] {
  if (!sort) return [...rows];
  const keyed = rows.map((row) => {
    const raw =
      sort.column.kind === "attr" && sort.column.key === "status" ? row.run.info.status : cellValue(row, sort.column, summaries, now);
    const numeric =
      typeof raw === "number"
        ? raw
        : typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))
          ? Number(raw)
          : undefined;
    return { row, raw, numeric };
  });
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    const aMissing = a.raw === undefined || (typeof a.raw === "number" && Number.isNaN(a.raw));
    const bMissing = b.raw === undefined || (typeof b.raw === "number" && Number.isNaN(b.raw));
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    if (a.numeric !== undefined && b.numeric !== undefined) return (a.numeric - b.numeric) * direction;
    if (a.numeric !== undefined) return -1 * direction;
    if (b.numeric !== undefined) return 1 * direction;
    return String(a.raw).localeCompare(String(b.raw), undefined, { numeric: true }) * direction;
  });
  return keyed.map((item) => item.row);
}
