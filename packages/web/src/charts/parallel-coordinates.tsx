import { formatNumber } from "../format.js";
import { colorOf } from "./palette.js";

export interface ParallelRun {
  label: string;
  index: number;
  /** Values by axis name: numbers, or text for categorical params. */
  values: Map<string, string | number | undefined>;
}

/**
 * Parallel coordinates from params to one metric (the last axis): one polyline per run.
 * Numeric axes are scaled min..max; text axes place their distinct values evenly.
 */
export function ParallelCoordinates({
  runs,
  axes,
  width = 900,
  height = 340,
}: {
  runs: ParallelRun[];
  axes: string[];
  width?: number;
  height?: number;
}) {
  if (axes.length < 2) return <p className="muted">Choose at least one param and a metric.</p>;
  const pad = { top: 30, bottom: 30, side: 60 };
  const step = (width - 2 * pad.side) / (axes.length - 1);
  const scales = axes.map((axis) => {
    const values = runs.map((run) => run.values.get(axis)).filter((value) => value !== undefined);
    const numeric = values.every(
      (value) => typeof value === "number" || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))),
    );
    if (numeric) {
      const numbers = values.map(Number);
      const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
      return { numeric, min, max, categories: [] as string[] };
    }
    return { numeric, min: 0, max: 0, categories: [...new Set(values.map(String))].sort() };
  });
  const y = (axisIndex: number, value: string | number | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const scale = scales[axisIndex];
    if (!scale) return undefined;
    const span = height - pad.top - pad.bottom;
    if (scale.numeric) {
      const number = Number(value);
      return scale.max === scale.min ? pad.top + span / 2 : pad.top + span - ((number - scale.min) / (scale.max - scale.min)) * span;
    }
    const position = scale.categories.indexOf(String(value));
    return scale.categories.length <= 1 ? pad.top + span / 2 : pad.top + span - (position / (scale.categories.length - 1)) * span;
  };
  return (
    <svg width={width} height={height} className="parallel" role="img" aria-label="Parallel coordinates">
      {axes.map((axis, axisIndex) => {
        const x = pad.side + axisIndex * step;
        const scale = scales[axisIndex];
        return (
          <g key={axis}>
            <line x1={x} y1={pad.top} x2={x} y2={height - pad.bottom} stroke="#888" />
            <text x={x} y={16} textAnchor="middle" fontWeight={axisIndex === axes.length - 1 ? "bold" : "normal"}>
              {axis}
            </text>
            <text x={x + 4} y={pad.top + 4} fontSize="10">
              {scale?.numeric ? formatNumber(scale.max) : scale?.categories.at(-1)}
            </text>
            <text x={x + 4} y={height - pad.bottom} fontSize="10">
              {scale?.numeric ? formatNumber(scale.min) : scale?.categories[0]}
            </text>
          </g>
        );
      })}
      {runs.map((run) => {
        const points = axes
          .map((axis, axisIndex) => [pad.side + axisIndex * step, y(axisIndex, run.values.get(axis))] as const)
          .filter(([, value]) => value !== undefined);
        if (points.length < 2) return null;
        return (
          <polyline
            key={run.label + run.index}
            points={points.map(([px, py]) => `${px},${py}`).join(" ")}
            fill="none"
            stroke={colorOf(run.index)}
            strokeWidth={1.5}
            opacity={0.8}
          >
            <title>{run.label}</title>
          </polyline>
        );
      })}
    </svg>
  );
}
