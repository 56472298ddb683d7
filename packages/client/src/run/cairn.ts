import type { ModelVersion, RegistryStore, TrackingStore } from "@cairn/core";
import type { Backend } from "../backend/backend.js";
import type { LogPipeline } from "../logging/log-pipeline.js";
import { loadModel } from "../models/load-model.js";
import { type RegisterModelOptions, registerModel } from "../models/register-model.js";
import { ActiveRun, finishAround, type RunHost, type StartRunOptions } from "./active-run.js";
import type { Platform } from "./platform.js";
import { randomHex } from "./random-hex.js";
import { toKeyValues } from "./to-tags.js";

export interface TrackerSettings {
  /** Experiment name for runs that name none; absent: experiment "0" (Default), as in MLflow. */
  experiment?: string;
  experimentId?: string;
  /** Default for `startRun({ systemMetrics })`. */
  systemMetrics?: boolean;
}

/**
 * The tracker: starts runs and owns the background logger they share. Make one with
 * `createCairn()` (Node: resolves the tracking URI, journals to disk, flushes on exit) or
 * `createBrowserCairn()`.
 *
 * @example
 * const cairn = await createCairn({ trackingUri: "http://127.0.0.1:5000" });
 * await cairn.withRun({ experiment: "mnist", params: { lr: 0.01 } }, async (run) => {
 *   for (let step = 0; step < 10; step++) run.logMetrics({ loss: 1 / (step + 1) }, { step });
 * });
 * await cairn.close();
 */
export class Cairn implements RunHost {
  readonly backend: Backend;
  readonly pipeline: LogPipeline;
  readonly platform: Platform;
  readonly #settings: TrackerSettings;
  readonly #active = new Set<ActiveRun>();
  #closed = false;
  #onClose: (() => void)[] = [];

  constructor(backend: Backend, pipeline: LogPipeline, platform: Platform, settings: TrackerSettings = {}) {
    this.backend = backend;
    this.pipeline = pipeline;
    this.platform = platform;
    this.#settings = settings;
  }

  /** The tracking store port (REST or in-process), for reads: search runs, metric history, … */
  get tracking(): TrackingStore {
    return this.backend.tracking;
  }

  get registry(): RegistryStore {
    return this.backend.registry;
  }

  /** Runs started and not ended yet. */
  get activeRuns(): readonly ActiveRun[] {
    return [...this.#active];
  }

  /**
   * Starts a run: the experiment is found or created by name, the run gets MLflow's
   * provenance tags, the given tags and params. Resolves once the server created the run, or
   * at once with a local id if the server is unreachable (it is created on replay).
   */
  async startRun(options: StartRunOptions & { parent?: ActiveRun } = {}): Promise<ActiveRun> {
    const localId = randomHex();
    const experiment =
      options.experimentId !== undefined
        ? { id: options.experimentId }
        : options.experiment !== undefined
          ? { name: options.experiment }
          : this.#settings.experimentId !== undefined
            ? { id: this.#settings.experimentId }
            : this.#settings.experiment !== undefined
              ? { name: this.#settings.experiment }
              : { id: "0" };
    const provenance = this.platform.provenanceTags();
    const tags = [...provenance, ...toKeyValues(options.tags)];
    if (options.description !== undefined) tags.push({ key: "mlflow.note.content", value: options.description });
    void this.pipeline.enqueue({
      kind: "createRun",
      run: localId,
      experimentId: experiment.id,
      experimentName: "name" in experiment ? experiment.name : undefined,
      runName: options.name,
      parentRun: options.parent?.localId,
      startTime: Date.now(),
      tags,
      userId: provenance.find((tag) => tag.key === "mlflow.user")?.value,
    });
    if (options.params) void this.pipeline.log(localId, [], toKeyValues(options.params), []);
    const run = new ActiveRun(this, { localId, name: options.name, experiment, parent: options.parent });
    this.#active.add(run);
    if (options.systemMetrics ?? this.#settings.systemMetrics ?? this.platform.systemMetricsByDefault()) run.startSystemMetrics();
    try {
      await this.pipeline.whenBound(localId);
    } catch (error) {
      this.#active.delete(run);
      throw error;
    }
    return run;
  }

  /** Runs `body` in a new run that ends FINISHED, or FAILED when `body` throws (the error is rethrown). */
  async withRun<T>(options: StartRunOptions, body: (run: ActiveRun) => Promise<T>): Promise<T> {
    return finishAround(await this.startRun(options), body);
  }

  runEnded(run: ActiveRun): void {
    this.#active.delete(run);
  }

  /** Waits until everything logged so far was delivered (or journalled while the server is away). */
  flush(): Promise<void> {
    return this.pipeline.flush();
  }

  /** Waits until everything, journal included, reached the server; false at the timeout. */
  waitForDelivery(timeoutMs = 60_000): Promise<boolean> {
    return this.pipeline.waitForDelivery(timeoutMs);
  }

  /**
   * Registers a run's logged model as a new version of `name` (created if missing), optionally
   * pointing an alias at it. Waits for the run's queued uploads first.
   *
   * @example
   * const version = await cairn.registerModel(run, "fraud", { alias: "champion" });
   */
  async registerModel(run: ActiveRun | string, name: string, options: RegisterModelOptions = {}): Promise<ModelVersion> {
    await this.flush();
    const runId = typeof run === "string" ? run : await run.serverId();
    return registerModel(this.backend.registry, runId, name, options);
  }

  /**
   * Loads a model by URI: `models:/name@alias`, `models:/name/3` or `runs:/<id>/path`. ONNX
   * models come back as an onnxruntime-node `InferenceSession`, TF.js ones as a `LayersModel`.
   *
   * @example
   * const session = await cairn.loadModel<ort.InferenceSession>("models:/fraud@champion");
   */
  loadModel<T = unknown>(uri: string): Promise<T> {
    return loadModel<T>(this.backend, uri);
  }

  /** Ends every active run without waiting (exit hooks). */
  endActiveRuns(status: "FINISHED" | "KILLED" | "FAILED"): void {
    for (const run of [...this.#active]) run.endNow(status);
  }

  /** Registers a function to run when the tracker closes (exit-hook removal). */
  onClose(callback: () => void): void {
    this.#onClose.push(callback);
  }

  /** Ends active runs FINISHED, flushes, and closes the backend. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.endActiveRuns("FINISHED");
    await this.pipeline.close();
    for (const callback of this.#onClose) callback();
    await this.backend.close();
  }
}
