import * as tf from "@tensorflow/tfjs";
import type { ActiveRun } from "../run/active-run.js";

export interface CairnCallbackOptions {
  /** Log per-batch metrics (as `batch_<name>`, step = batches seen) every this many batches; 0 turns them off. Default 1. */
  batchEvery?: number;
  /** Log the fit parameters and the model topology when training begins. Default true. */
  logModelInfo?: boolean;
}

/**
 * A TF.js callback for `model.fit` / `model.fitDataset` that logs epoch metrics (step = epoch),
 * batch metrics, the fit parameters (epochs, batch size, samples, optimizer, loss) and the
 * model topology (`model_topology.json`, `model_summary.txt`). It never awaits the network
 * inside a hook: everything goes to the run's queue, which the background logger sends.
 *
 * @example
 * await model.fit(xs, ys, { epochs: 10, callbacks: [new CairnCallback(run)] });
 */
export class CairnCallback extends tf.Callback {
  readonly #run: ActiveRun;
  readonly #batchEvery: number;
  readonly #logModelInfo: boolean;
  #batches = 0;

  constructor(run: ActiveRun, options: CairnCallbackOptions = {}) {
    super();
    this.#run = run;
    this.#batchEvery = options.batchEvery ?? 1;
    this.#logModelInfo = options.logModelInfo ?? true;
  }

  override async onTrainBegin(): Promise<void> {
    if (!this.#logModelInfo) return;
    const params = this.params as Record<string, unknown>;
    const model = this.model as tf.LayersModel | undefined;
    const fitParams: Record<string, unknown> = {
      epochs: params["epochs"],
      batch_size: params["batchSize"],
      samples: params["samples"],
      steps_per_epoch: params["steps"],
      initial_epoch: params["initialEpoch"],
    };
    if (model?.optimizer) fitParams["optimizer_name"] = model.optimizer.getClassName();
    const learningRate = (model?.optimizer as { learningRate?: number } | undefined)?.learningRate;
    if (typeof learningRate === "number") fitParams["opt_learning_rate"] = learningRate;
    if (model && typeof model.loss === "string") fitParams["loss"] = model.loss;
    void this.#run.logParams(Object.fromEntries(Object.entries(fitParams).filter(([, value]) => value !== undefined && value !== null)));
    if (model) {
      const lines: string[] = [];
      model.summary(undefined, undefined, (line: string) => lines.push(line));
      // Uploads are queued; the hook does not wait for them.
      void this.#run
        .logArtifact(new TextEncoder().encode(JSON.stringify(model.toJSON(null, false))), { name: "model_topology.json" })
        .catch(() => undefined);
      void this.#run.logArtifact(new TextEncoder().encode(`${lines.join("\n")}\n`), { name: "model_summary.txt" }).catch(() => undefined);
    }
  }

  override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
    this.#batches += 1;
    if (!logs || this.#batchEvery <= 0 || this.#batches % this.#batchEvery !== 0) return;
    void this.#run.logMetrics(prefixed(logs, "batch_"), { step: this.#batches });
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    if (logs) void this.#run.logMetrics(prefixed(logs, ""), { step: epoch });
  }
}

/**
 * Callback subclasses get TF.js's unresolved logs (numbers or scalars); a scalar is read with
 * `dataSync`, which on the CPU backend is the value already computed, not a wait.
 */
function prefixed(logs: tf.Logs | Record<string, unknown>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(logs)) {
    if (key === "batch" || key === "size") continue;
    const value = (logs as Record<string, unknown>)[key];
    if (typeof value === "number") out[`${prefix}${key}`] = value;
    else if (value instanceof tf.Tensor) out[`${prefix}${key}`] = value.dataSync()[0] as number;
  }
  return out;
}
