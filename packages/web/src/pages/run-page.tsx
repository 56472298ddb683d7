import { useState } from "react";
import { cairn } from "../api/cairn.js";
import { tracking } from "../api/tracking.js";
import type { Run } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ArtifactBrowser } from "../artifacts/artifact-browser.js";
import { ChartControls } from "../charts/chart-controls.js";
import { readChartOptions } from "../charts/chart-options.js";
import { MetricChart } from "../charts/metric-chart.js";
import { Sparkline } from "../charts/sparkline.js";
import { DescriptionEditor } from "../components/description-editor.js";
import { Empty, ErrorMessage, Loading } from "../components/states.js";
import { TagEditor } from "../components/tag-editor.js";
import { formatDuration, formatNumber, formatTime } from "../format.js";
import { Link } from "../router/link.js";
import { updateQuery, useLocation } from "../router/location.js";
import { paths } from "../router/routes.js";

const TABS = { overview: "Overview", metrics: "Metrics", artifacts: "Artifacts", system: "System metrics", datasets: "Datasets" } as const;
type Tab = keyof typeof TABS;
const NOTE = "mlflow.note.content";

/** One run: overview, params, metrics with sparklines, tags, note, charts, artifacts, system metrics, datasets. */
export function RunPage({ runId }: { runId: string }) {
  const { query } = useLocation();
  const tab = (query.get("tab") as Tab | null) ?? "overview";
  const run = useApi(() => tracking.getRun(runId), [runId]);
  const [actionError, setActionError] = useState<Error>();
  if (run.error && !run.data) return <ErrorMessage error={run.error} title={`Could not load run ${runId}`} />;
  if (!run.data) return <Loading what="Loading run" />;
  const { info } = run.data;
  const act = async (work: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await work();
      run.reload();
    } catch (error) {
      setActionError(error as Error);
    }
  };
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <div className="breadcrumbs">
            <Link to={paths.runs([info.experiment_id])}>Experiment {info.experiment_id}</Link> /
          </div>
          <h1>
            {info.run_name || info.run_id} <span className={`status status-${info.status.toLowerCase()}`}>{info.status}</span>
            {info.lifecycle_stage === "deleted" ? <span className="status status-killed">deleted</span> : null}
          </h1>
        </div>
        {info.lifecycle_stage === "deleted" ? (
          <button type="button" onClick={() => act(() => tracking.restoreRun(runId))}>
            Restore run
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => act(() => tracking.deleteRun(runId))}>
            Delete run
          </button>
        )}
      </header>
      {actionError ? <ErrorMessage error={actionError} title="The change was refused" /> : null}
      <div className="tabs" role="tablist">
        {(Object.keys(TABS) as Tab[]).map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => updateQuery({ tab: key === "overview" ? undefined : key, path: undefined, file: undefined })}
          >
            {TABS[key]}
          </button>
        ))}
      </div>
      {tab === "overview" ? <Overview run={run.data} reload={run.reload} /> : null}
      {tab === "metrics" || tab === "system" ? <RunCharts run={run.data} system={tab === "system"} /> : null}
      {tab === "artifacts" ? <ArtifactBrowser runId={runId} path={query.get("path") ?? ""} file={query.get("file") ?? undefined} /> : null}
      {tab === "datasets" ? <Datasets run={run.data} /> : null}
    </section>
  );
}

function Overview({ run, reload }: { run: Run; reload(): void }) {
  const { info, data } = run;
  const tags = new Map(data.tags.map((tag) => [tag.key, tag.value]));
  const parent = tags.get("mlflow.parentRunId");
  const children = useApi(
    () =>
      tracking.searchRuns({ experimentIds: [info.experiment_id], filter: `tags.mlflow.parentRunId = '${info.run_id}'`, maxResults: 200 }),
    [info.run_id],
  );
  const summaries = useApi(() => cairn.metricSummaries([info.run_id]), [info.run_id]);
  const byKey = new Map((summaries.data ?? []).map((summary) => [summary.key, summary]));
  const [noteError, setNoteError] = useState<Error>();
  const end = info.end_time;
  const rows: [string, React.ReactNode][] = [
    [
      "Run ID",
      <span key="id" className="mono">
        {info.run_id}
      </span>,
    ],
    ["Status", info.status],
    ["Started", formatTime(info.start_time)],
    ["Ended", end ? formatTime(end) : ""],
    ["Duration", formatDuration((end ?? (info.status === "RUNNING" ? Date.now() : undefined) ?? info.start_time) - info.start_time)],
    ["User", info.user_id || tags.get("mlflow.user")],
    ["Source", tags.get("mlflow.source.name")],
    ["Source type", tags.get("mlflow.source.type")],
    [
      "Git commit",
      <span key="git" className="mono">
        {tags.get("mlflow.source.git.commit")}
      </span>,
    ],
    ["Entry point", tags.get("mlflow.project.entryPoint")],
    [
      "Parent run",
      parent ? (
        <Link key="parent" to={paths.run(parent)}>
          {parent}
        </Link>
      ) : (
        ""
      ),
    ],
    [
      "Artifact URI",
      <span key="uri" className="mono">
        {info.artifact_uri}
      </span>,
    ],
  ];
  const metrics = data.metrics.filter((metric) => !metric.key.startsWith("system/"));
  return (
    <div className="overview">
      <table className="kv">
        <tbody>
          {rows
            .filter(([, value]) => value !== undefined && value !== "")
            .map(([label, value]) => (
              <tr key={label}>
                <th>{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          <tr>
            <th>Child runs</th>
            <td>
              {children.data?.runs.length
                ? children.data.runs.map((child) => (
                    <Link key={child.info.run_id} to={paths.run(child.info.run_id)} className="child-run">
                      {child.info.run_name || child.info.run_id}
                    </Link>
                  ))
                : "none"}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>Description</h2>
      <DescriptionEditor
        value={tags.get(NOTE)}
        label="Description (markdown)"
        onSave={async (text) => {
          setNoteError(undefined);
          try {
            await tracking.setTag(info.run_id, NOTE, text);
            reload();
            return true;
          } catch (error) {
            setNoteError(error as Error);
            return false;
          }
        }}
        error={noteError ? <ErrorMessage error={noteError} title="The description was not saved" /> : null}
      />

      <h2>Parameters ({data.params.length})</h2>
      {data.params.length === 0 ? (
        <Empty>No parameters.</Empty>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {[...data.params]
              .sort((a, b) => a.key.localeCompare(b.key))
              .map((param) => (
                <tr key={param.key}>
                  <td>{param.key}</td>
                  <td className="mono">{param.value}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}

      <h2>Metrics ({metrics.length})</h2>
      {metrics.length === 0 ? (
        <Empty>No metrics.</Empty>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Last</th>
              <th>Min</th>
              <th>Max</th>
              <th>Step</th>
              <th>History</th>
            </tr>
          </thead>
          <tbody>
            {[...metrics]
              .sort((a, b) => a.key.localeCompare(b.key))
              .map((metric, index) => (
                <tr key={metric.key}>
                  <td>
                    <button type="button" className="link-button" onClick={() => updateQuery({ tab: "metrics" })}>
                      {metric.key}
                    </button>
                  </td>
                  <td className="num">{formatNumber(metric.value)}</td>
                  <td className="num">{formatNumber(byKey.get(metric.key)?.min_value)}</td>
                  <td className="num">{formatNumber(byKey.get(metric.key)?.max_value)}</td>
                  <td className="num">{metric.step}</td>
                  <td>{index < 50 ? <Sparkline runId={info.run_id} metricKey={metric.key} /> : null}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}

      <h2>Tags</h2>
      <TagEditor
        tags={data.tags}
        hidePrefix="mlflow."
        onSet={async (key, value) => {
          await tracking.setTag(info.run_id, key, value);
          reload();
        }}
        onDelete={async (key) => {
          await tracking.deleteTag(info.run_id, key);
          reload();
        }}
      />
    </div>
  );
}

function RunCharts({ run, system }: { run: Run; system: boolean }) {
  const { query } = useLocation();
  const options = readChartOptions(query);
  const keys = run.data.metrics
    .map((metric) => metric.key)
    .filter((key) => key.startsWith("system/") === system)
    .sort();
  if (keys.length === 0)
    return <Empty>{system ? "No system metrics (log them with mlflow.enable_system_metrics_logging())." : "No metrics."}</Empty>;
  const runs = [{ id: run.info.run_id, name: run.info.run_name, startTime: run.info.start_time, index: 0 }];
  return (
    <div className="charts-view">
      <ChartControls options={options} />
      <div className="chart-grid">
        {keys.map((key) => (
          <MetricChart key={key} runs={runs} metricKey={key} options={options} />
        ))}
      </div>
    </div>
  );
}

function Datasets({ run }: { run: Run }) {
  const inputs = run.inputs.dataset_inputs;
  if (inputs.length === 0) return <Empty>No datasets logged (mlflow.log_input).</Empty>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>Name</th>
          <th>Digest</th>
          <th>Context</th>
          <th>Source type</th>
          <th>Source</th>
          <th>Schema</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map((input) => (
          <tr key={`${input.dataset.name}-${input.dataset.digest}`}>
            <td>{input.dataset.name}</td>
            <td className="mono">{input.dataset.digest}</td>
            <td>{input.tags.find((tag) => tag.key === "mlflow.data.context")?.value}</td>
            <td>{input.dataset.source_type}</td>
            <td className="mono wrap">{input.dataset.source}</td>
            <td className="mono wrap">{input.dataset.schema}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
