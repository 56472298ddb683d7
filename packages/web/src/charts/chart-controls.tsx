import { type ChartOptions, writeChartOptions, type XAxis } from "./chart-options.js";

/** X axis, smoothing and log scale for the charts of a page. */
export function ChartControls({ options }: { options: ChartOptions }) {
  return (
    <div className="toolbar chart-controls">
      <label>
        X axis{" "}
        <select aria-label="X axis" value={options.xAxis} onChange={(event) => writeChartOptions({ xAxis: event.target.value as XAxis })}>
          <option value="step">Step</option>
          <option value="wall">Wall time</option>
          <option value="relative">Relative time</option>
        </select>
      </label>
      <label>
        Smoothing{" "}
        <input
          type="range"
          aria-label="Smoothing"
          min={0}
          max={0.99}
          step={0.01}
          value={options.smoothing}
          onChange={(event) => writeChartOptions({ smoothing: Number(event.target.value) })}
        />{" "}
        <span className="mono">{options.smoothing.toFixed(2)}</span>
      </label>
      <label>
        <input type="checkbox" checked={options.logScale} onChange={(event) => writeChartOptions({ logScale: event.target.checked })} /> Log
        scale
      </label>
      <span className="muted">Drag to zoom · Shift-drag or wheel to pan/zoom · double-click to reset</span>
    </div>
  );
}
