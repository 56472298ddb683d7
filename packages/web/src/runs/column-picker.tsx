import { useState } from "react";
import { ATTRIBUTES, type AttributeKey, type Column, columnId, type KeySets, type MetricAggregate } from "./columns.js";

interface ColumnPickerProps {
  keys: KeySets;
  columns: Column[];
  onChange(columns: Column[]): void;
}

/** Chooses the table's columns from every attribute, param, metric (last, min or max) and tag key. */
export function ColumnPicker({ keys, columns, onChange }: ColumnPickerProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const has = (column: Column) => columns.some((candidate) => columnId(candidate) === columnId(column));
  const toggle = (column: Column, on: boolean) =>
    onChange(on ? [...columns, column] : columns.filter((candidate) => columnId(candidate) !== columnId(column)));
  const matches = (key: string) => key.toLowerCase().includes(search.toLowerCase());
  const section = (title: string, kind: Column["kind"], list: string[]) => {
    const shown = list.filter(matches);
    if (shown.length === 0) return null;
    return (
      <fieldset>
        <legend>{title}</legend>
        {shown.slice(0, 300).map((key) => {
          if (kind === "metric") {
            return (
              <div key={key} className="picker-row">
                <span className="picker-key">{key}</span>
                {(["last", "min", "max"] as MetricAggregate[]).map((aggregate) => {
                  const column: Column = { kind, key, aggregate };
                  return (
                    <label key={aggregate}>
                      <input type="checkbox" checked={has(column)} onChange={(event) => toggle(column, event.target.checked)} /> {aggregate}
                    </label>
                  );
                })}
              </div>
            );
          }
          const column: Column = { kind, key };
          return (
            <label key={key} className="picker-row">
              <input type="checkbox" checked={has(column)} onChange={(event) => toggle(column, event.target.checked)} />
              <span className="picker-key">{kind === "attr" ? ATTRIBUTES[key as AttributeKey] : key}</span>
            </label>
          );
        })}
      </fieldset>
    );
  };
  return (
    <div className="popover-anchor">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns ({columns.length})
      </button>
      {open ? (
        <div className="popover column-picker" role="dialog" aria-label="Choose columns">
          <input
            type="search"
            aria-label="Find a column"
            placeholder="Find a key"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          {section("Attributes", "attr", Object.keys(ATTRIBUTES))}
          {section("Metrics", "metric", keys.metrics)}
          {section("Params", "param", keys.params)}
          {section("Tags", "tag", keys.tags)}
          <button type="button" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      ) : null}
    </div>
  );
}
