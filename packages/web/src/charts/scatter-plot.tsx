import { formatNumber } from "../format.js";
import { colorOf } from "./palette.js";

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  index: number;
}

/** Two keys against each other, one dot per run (SVG: runs are few, labels are text). */
export function ScatterPlot({
  points,
  xLabel,
  yLabel,
  width = 520,
  height = 360,
}: {
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}) {
  const valid = points.filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
  if (valid.length === 0)
    return (
      <p className="muted">
        No run has both {xLabel} and {yLabel} as numbers.
      </p>
    );
  const pad = 48;
  const xs = valid.map((point) => point.x);
  const ys = valid.map((point) => point.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? width / 2 : pad + ((x - x0) / (x1 - x0)) * (width - 2 * pad));
  const sy = (y: number) => (y1 === y0 ? height / 2 : height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad));
  return (
    <svg width={width} height={height} className="scatter" role="img" aria-label={`${yLabel} against ${xLabel}`}>
      <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#999" />
      <line x1={pad} y1={pad} x2={pad} y2={height - pad} stroke="#999" />
      <text x={width / 2} y={height - 12} textAnchor="middle">
        {xLabel}
      </text>
      <text x={14} y={height / 2} textAnchor="middle" transform={`rotate(-90 14 ${height / 2})`}>
        {yLabel}
      </text>
      <text x={pad} y={height - pad + 16} fontSize="11">
        {formatNumber(x0)}
      </text>
      <text x={width - pad} y={height - pad + 16} fontSize="11" textAnchor="end">
        {formatNumber(x1)}
      </text>
      <text x={pad - 4} y={height - pad} fontSize="11" textAnchor="end">
        {formatNumber(y0)}
      </text>
      <text x={pad - 4} y={pad + 4} fontSize="11" textAnchor="end">
        {formatNumber(y1)}
      </text>
      {valid.map((point) => (
        <circle key={point.label + point.index} cx={sx(point.x)} cy={sy(point.y)} r={5} fill={colorOf(point.index)}>
          <title>{`${point.label}: ${formatNumber(point.x)}, ${formatNumber(point.y)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
