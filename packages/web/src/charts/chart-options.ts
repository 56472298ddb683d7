import { updateQuery } from "../router/location.js";

export type XAxis = "step" | "wall" | "relative";

/** The chart choices shared by every chart of a page, kept in the URL. */
export interface ChartOptions {
  xAxis: XAxis;
  /** EMA weight, 0..0.99. */
  smoothing: number;
  logScale: boolean;
}

export function readChartOptions(query: URLSearchParams): ChartOptions {
  const x = query.get("x");
  const smoothing = Number(query.get("smooth") ?? 0);
  return {
    xAxis: x === "wall" || x === "relative" ? x : "step",
    smoothing: Number.isFinite(smoothing) ? Math.min(Math.max(smoothing, 0), 0.99) : 0,
    logScale: query.get("log") === "1",
  };
}

export function writeChartOptions(patch: Partial<ChartOptions>): void {
  updateQuery(
    {
      ...(patch.xAxis !== undefined ? { x: patch.xAxis === "step" ? undefined : patch.xAxis } : {}),
      ...(patch.smoothing !== undefined ? { smooth: patch.smoothing ? String(patch.smoothing) : undefined } : {}),
      ...(patch.logScale !== undefined ? { log: patch.logScale ? "1" : undefined } : {}),
    },
    { replace: patch.smoothing !== undefined },
  );
}
