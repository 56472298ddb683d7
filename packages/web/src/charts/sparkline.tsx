import { cairn } from "../api/cairn.js";
import { useApi } from "../api/use-api.js";

/** A tiny line of one metric (60 M4 buckets from the server), as SVG: shape at a glance. */
export function Sparkline({
  runId,
  metricKey,
  width = 120,
  height = 28,
}: {
  runId: string;
  metricKey: string;
  width?: number;
  height?: number;
}) {
  const series = useApi(() => cairn.downsampled({ runIds: [runId], key: metricKey, buckets: 60 }), [runId, metricKey]);
  const one = series.data?.[0];
  if (!one || one.steps.length < 2) return <svg width={width} height={height} aria-hidden="true" />;
  const points = one.steps.map((step, index) => [step, one.values[index] as number] as const).filter(([, value]) => Number.isFinite(value));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? width / 2 : ((x - x0) / (x1 - x0)) * (width - 2) + 1);
  const sy = (y: number) => (y1 === y0 ? height / 2 : height - 1 - ((y - y0) / (y1 - y0)) * (height - 2));
  const d = points.map(([x, y], index) => `${index ? "L" : "M"}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join("");
  return (
    <svg width={width} height={height} className="sparkline" role="img" aria-label={`${metricKey} over steps`}>
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  );
}
