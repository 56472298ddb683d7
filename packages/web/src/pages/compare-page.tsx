import { tracking } from "../api/tracking.js";
import type { Run } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ChartControls } from "../charts/chart-controls.js";
import { readChartOptions } from "../charts/chart-options.js";
import { type ChartRun, MetricChart } from "../charts/metric-chart.js";
import { colorOf } from "../charts/palette.js";
import { ParallelCoordinates } from "../charts/parallel-coordinates.js";
import { ScatterPlot } from "../charts/scatter-plot.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { formatNumber } from "../format.js";
import { Link } from "../router/link.js";
import { updateQuery, useLocation } from "../router/location.js";
import { paths } from "../router/routes.js";

/** A key of a run for scatter and parallel axes: `metric:loss` or `param:lr`. */
function keyValue(run: Run, key: string): number | string | undefined {
  const [kind, ...rest] = key.split(":");
  const name = rest.join(":");
  if (kind === "metric") return run.data.metrics.find((metric) => metric.key === name)?.value;
  return run.data.params.find((param) => param.key === name)?.value;
}

const numeric = (value: number | string | undefined) => (value === undefined ? Number.NaN : Number(value));

/** Runs side by side: overlaid charts, parallel coordinates, a scatter of any two keys and a diff table. */
export function ComparePage() {
  const { query } = useLocation();
  const ids = (query.get("runs") ?? "").split(",").filter(Boolean);
  const runs = useApi(() => Promise.all(ids.map((id) => tracking.getRun(id))), [ids.join(",")]);
  if (ids.length === 0) return <Empty>Select runs in an experiment's table and press Compare.</Empty>;
  if (runs.error) return <ErrorMessage error={runs.error} title="Could not load the runs" />;
  if (!runs.data) return <Loading what="Loading runs" />;
  const list = runs.data;
  const options = readChartOptions(query);
  const metricKeys = [...new Set(list.flatMap((run) => run.data.metrics.map((metric) => metric.key)))]
    .filter((key) => !key.startsWith("system/"))
    .sort();
  const paramKeys = [...new Set(list.flatMap((run) => run.data.params.map((param) => param.key)))].sort();
  const chartRuns: ChartRun[] = list.map((run, index) => ({
    id: run.info.run_id,
    name: run.info.run_name,
    startTime: run.info.start_time,
    index,
  }));
  const chartKeys = (query.get("metrics")?.split(",").filter(Boolean) ?? metricKeys).slice(0, 12);
  const target = query.get("target") ?? metricKeys[0] ?? "";
  const axisKeys = [...paramKeys.map((key) => `param:${key}`), ...metricKeys.map((key) => `metric:${key}`)];
  const xKey = query.get("sx") ?? axisKeys[0] ?? "";
  const yKey = query.get("sy") ?? (target ? `metric:${target}` : (axisKeys[1] ?? ""));
  const differs = (key: string) => new Set(list.map((run) => run.data.params.find((param) => param.key === key)?.value)).size > 1;
  const keySelect = (label: string, value: string, name: string, keys: string[]) => (
    <label>
      {label}{" "}
      <select aria-label={label} value={value} onChange={(event) => updateQuery({ [name]: event.target.value })}>
        {keys.map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="page page-wide">
      <header className="page-header">
        <h1>Comparing {list.length} runs</h1>
      </header>
      <ul className="legend">
        {list.map((run, index) => (
          <li key={run.info.run_id}>
            <span className="swatch" style={{ background: colorOf(index) }} />
            <Link to={paths.run(run.info.run_id)}>{run.info.run_name || run.info.run_id}</Link>
          </li>
        ))}
      </ul>

      <h2>Metrics</h2>
      <ChartControls options={options} />
      <div className="chart-grid" data-testid="compare-charts">
        {chartKeys.map((key) => (
          <MetricChart key={key} runs={chartRuns} metricKey={key} options={options} />
        ))}
      </div>

      <h2>Parallel coordinates</h2>
      <div className="toolbar">{keySelect("Target metric", target, "target", metricKeys)}</div>
      <ParallelCoordinates
        axes={[...paramKeys, target].filter(Boolean)}
        runs={list.map((run, index) => ({
          label: run.info.run_name,
          index,
          values: new Map<string, string | number | undefined>([
            ...paramKeys.map((key) => [key, keyValue(run, `param:${key}`)] as const),
            [target, keyValue(run, `metric:${target}`)] as const,
          ]),
        }))}
      />

      <h2>Scatter</h2>
      <div className="toolbar">
        {keySelect("X", xKey, "sx", axisKeys)}
        {keySelect("Y", yKey, "sy", axisKeys)}
      </div>
      <ScatterPlot
        xLabel={xKey}
        yLabel={yKey}
        points={list.map((run, index) => ({
          label: run.info.run_name,
          index,
          x: numeric(keyValue(run, xKey)),
          y: numeric(keyValue(run, yKey)),
        }))}
      />

      <h2>Parameters</h2>
      <div className="table-scroll">
        <table className="grid diff" data-testid="param-diff">
          <thead>
            <tr>
              <th>Param</th>
              {list.map((run) => (
                <th key={run.info.run_id}>{run.info.run_name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paramKeys.map((key) => (
              <tr key={key} className={differs(key) ? "differs" : ""}>
                <td>{key}</td>
                {list.map((run) => (
                  <td key={run.info.run_id} className="mono">
                    {run.data.params.find((param) => param.key === key)?.value ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
            {metricKeys.map((key) => (
              <tr key={`m-${key}`}>
                <td>
                  <em>{key}</em>
                </td>
                {list.map((run) => (
                  <td key={run.info.run_id} className="num">
                    {formatNumber(run.data.metrics.find((metric) => metric.key === key)?.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
