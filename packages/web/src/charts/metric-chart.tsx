import { useEffect, useMemo, useRef, useState } from "react";
import uPlot, { type AlignedData, type Options } from "uplot";
import "uplot/dist/uPlot.min.css";
import { cairn } from "../api/cairn.js";
import type { MetricSeries } from "../api/types.js";
import { ErrorMessage } from "../components/states.js";
import { formatDuration } from "../format.js";
import type { ChartOptions } from "./chart-options.js";
import { ema } from "./ema.js";
import { colorOf } from "./palette.js";

export interface ChartRun {
  id: string;
  name: string;
  startTime: number;
  /** Colour index, stable across a page's charts. */
  index: number;
}

interface MetricChartProps {
  runs: ChartRun[];
  metricKey: string;
  options: ChartOptions;
  height?: number;
}

/** Two buckets per pixel: bucket edges land on block boundaries, so this keeps ≥1 a pixel. */
const BUCKETS_PER_PIXEL = 2;
const MAX_RUNS_PER_REQUEST = 100;

type Range = { min: number; max: number };

async function fetchSeries(runs: ChartRun[], key: string, buckets: number, window: Range | undefined, signal: AbortSignal) {
  const out: MetricSeries[] = [];
  for (let index = 0; index < runs.length; index += MAX_RUNS_PER_REQUEST) {
    const chunk = runs.slice(index, index + MAX_RUNS_PER_REQUEST);
    out.push(
      ...(await cairn.downsampled(
        { runIds: chunk.map((run) => run.id), key, buckets, ...(window ? { startStep: window.min, endStep: window.max } : {}) },
        signal,
      )),
    );
  }
  return out;
}

/** One series' x values for the chosen axis: steps, wall-clock seconds, or seconds since the run started. */
function xValues(series: MetricSeries, run: ChartRun, axis: ChartOptions["xAxis"]): number[] {
  if (axis === "step") return series.steps;
  if (axis === "wall") return series.timestamps.map((ms) => ms / 1000);
  return series.timestamps.map((ms) => (ms - run.startTime) / 1000);
}

/**
 * One metric of many runs, overlaid, drawn by uPlot from server-side M4 buckets (two per
 * pixel), so a 1,000,000-step series draws exactly (every spike) from a few thousand points.
 * Zooming (drag, wheel) on the step axis asks the server again for that window.
 */
export function MetricChart({ runs, metricKey, options, height = 260 }: MetricChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [width, setWidth] = useState(0);
  const [range, setRange] = useState<Range>();
  const [series, setSeries] = useState<MetricSeries[]>();
  const [error, setError] = useState<Error>();
  const [status, setStatus] = useState<"loading" | "drawn" | "empty" | "error">("loading");
  const timings = useRef({ fetchStart: 0, fetchMs: 0, drawMs: 0, draws: 0 });
  const runKey = runs.map((run) => run.id).join(",");

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      // Width in steps of 50 px, so a resize by a few pixels does not refetch.
      const next = Math.max(200, Math.round((entry?.contentRect.width ?? 600) / 50) * 50);
      setWidth((current) => (current === next ? current : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new metric, run set or axis starts unzoomed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on these changes only.
  useEffect(() => setRange(undefined), [runKey, metricKey, options.xAxis]);

  const stepWindow = options.xAxis === "step" ? range : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `runKey` stands for `runs`.
  useEffect(() => {
    if (!width || runs.length === 0) return;
    const abort = new AbortController();
    const timer = setTimeout(
      () => {
        setError(undefined);
        setStatus("loading");
        timings.current.fetchStart = performance.now();
        fetchSeries(runs, metricKey, width * BUCKETS_PER_PIXEL, stepWindow, abort.signal).then(
          (found) => {
            timings.current.fetchMs = performance.now() - timings.current.fetchStart;
            setSeries(found);
          },
          (caught: Error) => {
            if (caught.name === "AbortError") return;
            setError(caught);
            setStatus("error");
          },
        );
      },
      stepWindow ? 120 : 0,
    );
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [runKey, metricKey, width, stepWindow?.min, stepWindow?.max]);

  const data = useMemo(() => {
    if (!series) return undefined;
    const byId = new Map(runs.map((run) => [run.id, run]));
    const tables: AlignedData[] = [];
    const shown: ChartRun[] = [];
    for (const one of series) {
      const run = byId.get(one.run_id);
      if (!run || one.steps.length === 0) continue;
      let ys: (number | null)[] = one.values.map((value) => (Number.isFinite(value) ? value : null));
      if (options.logScale) ys = ys.map((value) => (value !== null && value > 0 ? value : null));
      ys = ema(ys, options.smoothing);
      tables.push([xValues(one, run, options.xAxis), ys] as AlignedData);
      shown.push(run);
    }
    if (tables.length === 0) return { aligned: undefined, shown, points: 0 };
    const aligned = tables.length === 1 ? (tables[0] as AlignedData) : uPlot.join(tables);
    const points = series.reduce((sum, one) => sum + one.steps.length, 0);
    return { aligned, shown, points };
  }, [series, runs, options.xAxis, options.logScale, options.smoothing]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the data or the zoom changes.
  useEffect(() => {
    const element = box.current;
    plotRef.current?.destroy();
    plotRef.current = null;
    if (!element || !data) return;
    if (!data.aligned) {
      setStatus("empty");
      return;
    }
    const started = performance.now();
    const time = options.xAxis === "wall";
    const opts: Options = {
      width: element.clientWidth || width,
      height,
      scales: { x: { time }, y: { distr: options.logScale ? 3 : 1 } },
      axes: [
        {
          ...(options.xAxis === "relative"
            ? { values: (_u: uPlot, ticks: number[]) => ticks.map((tick) => formatDuration(tick * 1000)) }
            : {}),
        },
        { size: 60 },
      ],
      series: [
        { label: options.xAxis === "step" ? "step" : options.xAxis === "wall" ? "time" : "elapsed" },
        ...data.shown.map((run) => ({ label: run.name, stroke: colorOf(run.index), width: 1.25, spanGaps: true, points: { show: false } })),
      ],
      cursor: { drag: { x: true, y: false, setScale: true } },
      legend: { live: true },
      hooks: {
        setSelect: [
          (u: uPlot) => {
            if (u.select.width < 4) return;
            const min = u.posToVal(u.select.left, "x");
            const max = u.posToVal(u.select.left + u.select.width, "x");
            setRange({ min, max });
          },
        ],
      },
    };
    const plot = new uPlot(opts, data.aligned, element);
    plotRef.current = plot;
    if (range) plot.setScale("x", range);
    timings.current.drawMs = performance.now() - started;
    timings.current.draws += 1;
    setStatus("drawn");
    attachPanZoom(plot, setRange);
    plot.over.addEventListener("dblclick", () => setRange(undefined));
    return () => {
      plot.destroy();
      if (plotRef.current === plot) plotRef.current = null;
    };
  }, [data, height]);

  return (
    <div className="metric-chart">
      <div className="metric-chart-title">
        <strong>{metricKey}</strong>
        {data ? <span className="muted"> · {data.points.toLocaleString()} points drawn</span> : null}
        {range ? (
          <button type="button" className="link-button" onClick={() => setRange(undefined)}>
            Reset zoom
          </button>
        ) : null}
      </div>
      <div
        ref={box}
        className="metric-chart-plot"
        data-testid={`chart-${metricKey}`}
        data-state={status}
        data-points={data?.points ?? 0}
        data-fetch-ms={Math.round(timings.current.fetchMs)}
        data-draw-ms={Math.round(timings.current.drawMs)}
        data-draws={timings.current.draws}
        style={{ minHeight: height + 40 }}
      />
      {status === "loading" && !data ? <div className="chart-overlay">Loading {metricKey}…</div> : null}
      {status === "empty" ? <div className="chart-overlay">No points of {metricKey} for these runs.</div> : null}
      {error ? <ErrorMessage error={error} title={`Could not load ${metricKey}`} /> : null}
    </div>
  );
}

/** Wheel zooms the x axis around the cursor; Shift-drag pans. Both end in a new range (and a refetch). */
function attachPanZoom(plot: uPlot, commit: (range: Range) => void): void {
  const over = plot.over;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const current = () => ({ min: plot.scales["x"]?.min ?? 0, max: plot.scales["x"]?.max ?? 1 });
  over.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const { min, max } = current();
      const at = plot.posToVal(event.offsetX, "x");
      const factor = event.deltaY < 0 ? 0.8 : 1.25;
      const next = { min: at - (at - min) * factor, max: at + (max - at) * factor };
      plot.setScale("x", next);
      clearTimeout(settle);
      settle = setTimeout(() => commit(next), 200);
    },
    { passive: false },
  );
  over.addEventListener(
    "mousedown",
    (event) => {
      if (!event.shiftKey) return;
      event.stopPropagation();
      event.preventDefault();
      const start = { x: event.clientX, ...current() };
      const perPixel = (start.max - start.min) / over.clientWidth;
      const move = (moveEvent: MouseEvent) => {
        const shift = (moveEvent.clientX - start.x) * perPixel;
        plot.setScale("x", { min: start.min - shift, max: start.max - shift });
      };
      const up = () => {
        window.removeEventListener("mousemove", move);
        window.removeEventListener("mouseup", up);
        commit(current());
      };
      window.addEventListener("mousemove", move);
      window.addEventListener("mouseup", up);
    },
    true,
  );
}
