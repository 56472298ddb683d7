import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useRef } from "react";
import { formatDuration, formatNumber, formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { paths } from "../router/routes.js";
import { type Column, cellValue, columnId, columnLabel, type RunIndex, type SortSpec, type Summaries } from "./columns.js";

const ROW_HEIGHT = 32;

interface RunsTableProps {
  rows: RunIndex[];
  columns: Column[];
  summaries: Summaries;
  sort: SortSpec | undefined;
  onSort(column: Column): void;
  selected: Set<string>;
  onSelect(runId: string, on: boolean): void;
  onSelectAll(on: boolean): void;
  /** Run names by id, to show a parent run by name. */
  names: Map<string, string>;
  now: number;
}

function widthOf(column: Column): number {
  if (column.kind === "attr") return column.key === "source" || column.key === "parent" ? 180 : column.key === "start_time" ? 160 : 110;
  return 130;
}

type CellContext = Pick<RunsTableProps, "summaries" | "names" | "now">;

function renderCell(row: RunIndex, column: Column, props: CellContext) {
  const value = cellValue(row, column, props.summaries, props.now);
  if (column.kind === "attr") {
    switch (column.key) {
      case "status":
        return <span className={`status status-${String(value).toLowerCase()}`}>{value}</span>;
      case "start_time":
        return formatTime(value as number | undefined);
      case "duration":
        return formatDuration(value as number | undefined);
      case "parent":
        return value ? <Link to={paths.run(String(value))}>{props.names.get(String(value)) ?? String(value).slice(0, 8)}</Link> : null;
      case "git_commit":
        return typeof value === "string" ? <span className="mono">{value.slice(0, 10)}</span> : null;
    }
  }
  if (typeof value === "number") return <span className="num">{formatNumber(value)}</span>;
  return value;
}

/**
 * The runs grid: only the rows in view are in the DOM (TanStack Virtual), so 10,000 or
 * 100,000 runs scroll like ten. Headers sort; checkboxes pick runs to compare or delete.
 * Every value is rendered as text, never as HTML.
 */
export function RunsTable(props: RunsTableProps) {
  const { rows, columns, sort, selected } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = `36px 240px ${columns.map((column) => `${widthOf(column)}px`).join(" ")}`;
  const totalWidth = 36 + 240 + columns.reduce((sum, column) => sum + widthOf(column), 0);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.run.info.run_id));
  const header = (column: Column | "name") => {
    const id = column === "name" ? "tag:mlflow.runName" : columnId(column);
    const active = sort && columnId(sort.column) === id;
    const label = column === "name" ? "Run name" : columnLabel(column);
    const target: Column = column === "name" ? { kind: "tag", key: "mlflow.runName" } : column;
    return (
      <button
        type="button"
        key={id}
        className={`th ${active ? "th-sorted" : ""}`}
        title={`Sort by ${label}`}
        aria-label={`Sort by ${label}`}
        onClick={() => props.onSort(target)}
      >
        <span className={`th-kind th-kind-${column === "name" ? "attr" : column.kind}`} />
        {label}
        {active ? (sort?.descending ? " ↓" : " ↑") : ""}
      </button>
    );
  };
  return (
    <div className="runs-table" ref={scroller} data-testid="runs-table">
      <div className="runs-table-inner" style={{ width: totalWidth, height: virtualizer.getTotalSize() + ROW_HEIGHT }}>
        <div className="runs-row runs-header" style={{ gridTemplateColumns: template }}>
          <span className="td">
            <input
              type="checkbox"
              aria-label="Select all runs"
              checked={allSelected}
              onChange={(event) => props.onSelectAll(event.target.checked)}
            />
          </span>
          {header("name")}
          {columns.map((column) => header(column))}
        </div>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as RunIndex;
          return (
            <RunRow
              key={row.run.info.run_id}
              row={row}
              top={item.start + ROW_HEIGHT}
              template={template}
              isSelected={selected.has(row.run.info.run_id)}
              columns={columns}
              summaries={props.summaries}
              names={props.names}
              now={props.now}
              onSelect={props.onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RunRowProps extends CellContext {
  row: RunIndex;
  top: number;
  template: string;
  isSelected: boolean;
  columns: Column[];
  onSelect(runId: string, on: boolean): void;
}

/**
 * One row, memoised: while scrolling only the rows entering the view render; the ones that
 * stay keep their props (the same run, position and columns) and are skipped.
 */
const RunRow = memo(function RunRow({ row, top, template, isSelected, columns, onSelect, ...context }: RunRowProps) {
  const { info } = row.run;
  return (
    <div
      className={`runs-row ${isSelected ? "runs-row-selected" : ""}`}
      data-run-id={info.run_id}
      style={{ gridTemplateColumns: template, transform: `translateY(${top}px)` }}
    >
      <span className="td">
        <input
          type="checkbox"
          aria-label={`Select run ${info.run_name}`}
          checked={isSelected}
          onChange={(event) => onSelect(info.run_id, event.target.checked)}
        />
      </span>
      <span className="td td-name">
        <Link to={paths.run(info.run_id)}>{info.run_name || info.run_id}</Link>
      </span>
      {columns.map((column) => (
        <span key={columnId(column)} className="td">
          {renderCell(row, column, context)}
        </span>
      ))}
    </div>
  );
});
