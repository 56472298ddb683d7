import { CairnError, type DatasetInput, type RunStatus } from "@cairn/core";
import type { LogPipeline } from "../logging/log-pipeline.js";
import { type LoggableModel, type LoggedModel, type LogModelOptions, logModel } from "../models/log-model.js";
import { type DatasetInputOptions, datasetInput } from "./dataset-input.js";
import type { Platform } from "./platform.js";
import { toKeyValues } from "./to-tags.js";

export interface StartRunOptions {
  /** Experiment name, created if missing (default: the tracker's experiment, else "Default"). */
  experiment?: string;
  /** Experiment id, instead of a name. */
  experimentId?: string;
  /** The run's name (MLflow generates one when absent). */
  name?: string;
  tags?: Record<string, unknown>;
  params?: Record<string, unknown>;
  /** Logs CPU, memory, disk, network (and GPU) metrics every 10 s (default: MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING). */
  systemMetrics?: boolean;
  /** Sets `mlflow.note.content`, the run's description in the UI. */
  description?: string;
}

/** Where a metric point sits on the x-axis. */
export interface MetricOptions {
  /** Default 0, as in MLflow. */
  step?: number;
  /** Milliseconds since the epoch; default now. */
  timestamp?: number;
}

/** What a run needs from its tracker (kept narrow so runs and trackers stay decoupled). */
export interface RunHost {
  readonly pipeline: LogPipeline;
  readonly platform: Platform;
  startRun(options: StartRunOptions & { parent?: ActiveRun }): Promise<ActiveRun>;
  runEnded(run: ActiveRun): void;
}

/**
 * A run being logged to. Logging calls queue and return at once (the promise they return
 * resolves immediately unless the queue is full: await it in tight loops for backpressure);
 * `flush()` and `end()` wait for delivery.
 *
 * @example
 * const run = await cairn.startRun({ experiment: "mnist", name: "baseline", params: { lr: 0.01 } });
 * for (let step = 0; step < 100; step++) run.logMetrics({ loss, acc }, { step });
 * await run.logArtifact("confusion.png", "plots");
 * await run.end();
 */
export class ActiveRun {
  /** The SDK's id for the run, fixed for its life; the server's id replaces it in `id` once known. */
  readonly localId: string;
  readonly name: string | undefined;
  readonly experiment: { id?: string; name?: string };
  readonly parent: ActiveRun | undefined;
  readonly #host: RunHost;
  #status: RunStatus = "RUNNING";
  #stopSystemMetrics: (() => void) | undefined;

  constructor(host: RunHost, init: { localId: string; name?: string; experiment: { id?: string; name?: string }; parent?: ActiveRun }) {
    this.#host = host;
    this.localId = init.localId;
    this.name = init.name;
    this.experiment = init.experiment;
    this.parent = init.parent;
  }

  /** The server's run id once the server created the run; the local id before (offline start). */
  get id(): string {
    return this.#host.pipeline.bindingOf(this.localId)?.id ?? this.localId;
  }

  /** The run's artifact URI, once known. */
  get artifactUri(): string | undefined {
    return this.#host.pipeline.bindingOf(this.localId)?.artifactUri;
  }

  get status(): RunStatus {
    return this.#status;
  }

  /** Resolves with the server's run id, waiting for the server if the run was started offline. */
  async serverId(): Promise<string> {
    return (await this.#host.pipeline.serverBinding(this.localId)).id;
  }

  logMetric(key: string, value: number, options?: MetricOptions): Promise<void> {
    return this.#host.pipeline.logPoint(this.localId, key, value, options?.timestamp ?? Date.now(), options?.step ?? 0);
  }

  /**
   * Logs several metrics at one step, e.g. `run.logMetrics({ loss, acc }, { step })`. The
   * points are copied into the queue's columns: no objects, timers or promises per call.
   */
  logMetrics(values: Record<string, number>, options?: MetricOptions): Promise<void> {
    return this.#host.pipeline.logMetricValues(this.localId, values, options?.step ?? 0, options?.timestamp ?? Date.now());
  }

  logParam(key: string, value: unknown): Promise<void> {
    return this.logParams({ [key]: value });
  }

  /** Params are write-once: re-logging the same value is a no-op, a different one is refused. */
  logParams(params: Record<string, unknown>): Promise<void> {
    return this.#host.pipeline.log(this.localId, [], toKeyValues(params), []);
  }

  setTag(key: string, value: unknown): Promise<void> {
    return this.setTags({ [key]: value });
  }

  setTags(tags: Record<string, unknown>): Promise<void> {
    return this.#host.pipeline.log(this.localId, [], [], toKeyValues(tags));
  }

  /**
   * Uploads a file (by path) or bytes (with a name) under the run's artifacts, in `dir` when
   * given. Resolves once uploaded, or journalled while the server is away.
   *
   * @example
   * await run.logArtifact("out/confusion.png", "plots");
   * await run.logArtifact(new TextEncoder().encode("hello"), { name: "notes.txt" });
   */
  async logArtifact(source: string | Uint8Array, options: string | { dir?: string; name?: string } = {}): Promise<void> {
    const { dir, name } = typeof options === "string" ? { dir: options, name: undefined } : options;
    let bytes: Uint8Array;
    let fileName: string;
    if (typeof source === "string") {
      bytes = await this.#host.platform.readFile(source);
      fileName = name ?? this.#host.platform.basename(source);
    } else {
      if (!name) throw new CairnError("INVALID_PARAMETER_VALUE", "logArtifact(bytes) needs a file name: { name: 'file.bin' }");
      bytes = source;
      fileName = name;
    }
    await this.#host.pipeline.enqueueTracked({ kind: "artifact", run: this.localId, path: joinPath(dir, fileName), bytes });
  }

  /** Uploads every file below a local folder, keeping the tree, under `dir` when given. */
  async logArtifacts(localDir: string, dir?: string): Promise<void> {
    const files = await this.#host.platform.listFiles(localDir);
    for (const file of files) {
      const bytes = await this.#host.platform.readFile(`${localDir.replace(/\/+$/, "")}/${file}`);
      await this.#host.pipeline.enqueueTracked({ kind: "artifact", run: this.localId, path: joinPath(dir, file), bytes });
    }
  }

  /** Records dataset inputs (see `datasetInput` for building one with a content digest). */
  logInputs(datasets: DatasetInput[]): Promise<void> {
    return this.#host.pipeline.enqueue({ kind: "logInputs", run: this.localId, datasets });
  }

  /**
   * Logs a model as an MLflow model directory under `artifactPath`: ONNX bytes (the `onnx` and
   * `python_function` flavors Python's mlflow loads) or a TF.js model (a `tfjs` flavor).
   *
   * @example
   * const { modelUri } = await run.logModel(onnxBytes, "model");
   */
  logModel(model: LoggableModel, artifactPath = "model", options: LogModelOptions = {}): Promise<LoggedModel> {
    return logModel(this, model, artifactPath, options);
  }

  /** Appends an MLmodel document to the run's `mlflow.log-model.history` (what `logModel` calls last). */
  recordLoggedModel(mlmodel: Record<string, unknown>): Promise<void> {
    return this.#host.pipeline.enqueueTracked({ kind: "logModel", run: this.localId, model: mlmodel });
  }

  /** Logs one dataset input with a content digest (see `datasetInput`). */
  async logDataset(options: DatasetInputOptions): Promise<void> {
    await this.logInputs([await datasetInput(options)]);
  }

  /** Starts a nested run (a pipeline step) in the same experiment, tagged `mlflow.parentRunId`. */
  startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
    return this.#host.startRun({ experimentId: this.experiment.id, experiment: this.experiment.name, ...options, parent: this });
  }

  /** Runs `body` in a nested run that ends FINISHED, or FAILED when `body` throws. */
  async withRun<T>(options: StartRunOptions, body: (run: ActiveRun) => Promise<T>): Promise<T> {
    return finishAround(await this.startRun(options), body);
  }

  /** Waits until everything logged so far reached the server (or the journal while it is away). */
  flush(): Promise<void> {
    return this.#host.pipeline.flush();
  }

  /** Ends the run with a status (default FINISHED) and waits for delivery. Ending twice is a no-op. */
  async end(status: RunStatus = "FINISHED"): Promise<void> {
    if (this.#status !== "RUNNING") return;
    this.#status = status;
    this.#stopSystemMetrics?.();
    this.#stopSystemMetrics = undefined;
    void this.#host.pipeline.enqueue({ kind: "updateRun", run: this.localId, status, endTime: Date.now() });
    this.#host.runEnded(this);
    await this.#host.pipeline.flush();
  }

  /** Called by the tracker once the run is queued: starts system metrics when asked. */
  startSystemMetrics(): void {
    const start = this.#host.platform.startSystemMetrics;
    if (!start || this.#stopSystemMetrics) return;
    this.#stopSystemMetrics = start((metrics, step) => void this.logMetrics(metrics, { step }));
  }

  /**
   * Ends the run without waiting (exit hooks): the update joins the queue, which the hook then
   * flushes or journals.
   */
  endNow(status: RunStatus): void {
    if (this.#status !== "RUNNING") return;
    this.#status = status;
    this.#stopSystemMetrics?.();
    void this.#host.pipeline.enqueue({ kind: "updateRun", run: this.localId, status, endTime: Date.now() });
    this.#host.runEnded(this);
  }
}

/** Ends `run` FINISHED after `body`, or FAILED (and rethrows) when it throws. */
export async function finishAround<T>(run: ActiveRun, body: (run: ActiveRun) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body(run);
  } catch (error) {
    await run.end("FAILED");
    throw error;
  }
  await run.end("FINISHED");
  return result;
}

function joinPath(dir: string | undefined, name: string): string {
  const clean = (dir ?? "").replace(/^\/+|\/+$/g, "");
  return clean ? `${clean}/${name}` : name;
}
