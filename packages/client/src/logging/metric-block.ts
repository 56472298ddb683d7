import type { Metric } from "@cairn/core";
import { LOG_BATCH_LIMITS } from "./split-log-batch.js";

/**
 * Up to one log-batch of a run's metric points, stored as columns of typed arrays: a training
 * loop's logging call writes four numbers per point and allocates nothing, and the flusher
 * hands the columns to the sender as they are (a worker thread copies them in one go). Keys are
 * ids into the pipeline's `MetricKeys`. A block is sealed once the flusher took it; later
 * points go to a new block.
 *
 * @example
 * const block = new MetricBlock();
 * block.push(keys.id("loss"), 0.5, Date.now(), 3);
 * block.toMetrics(keys.names); // [{ key: "loss", value: 0.5, timestamp: …, step: 3 }]
 */
export class MetricBlock {
  /** One full log-batch: MLflow's per-call limit. */
  static readonly capacity: number = LOG_BATCH_LIMITS.metrics;

  run = "";
  length = 0;
  sealed = false;
  readonly keyIds = new Uint32Array(MetricBlock.capacity);
  readonly values = new Float64Array(MetricBlock.capacity);
  readonly timestamps = new Float64Array(MetricBlock.capacity);
  /** MLflow's steps are int64; doubles hold them exactly up to 2^53. */
  readonly steps = new Float64Array(MetricBlock.capacity);

  get full(): boolean {
    return this.length >= MetricBlock.capacity;
  }

  push(keyId: number, value: number, timestamp: number, step: number): void {
    const index = this.length;
    this.keyIds[index] = keyId;
    this.values[index] = value;
    this.timestamps[index] = timestamp;
    this.steps[index] = step;
    this.length = index + 1;
  }

  /** Makes the block reusable for another run (blocks are pooled). */
  reset(run: string): this {
    this.run = run;
    this.length = 0;
    this.sealed = false;
    return this;
  }

  /** The points as metric objects: the cold paths (journal, in-process stores, error reports). */
  toMetrics(keyNames: readonly string[]): Metric[] {
    const out: Metric[] = new Array(this.length);
    for (let index = 0; index < this.length; index += 1) {
      out[index] = {
        key: keyNames[this.keyIds[index] as number] as string,
        value: this.values[index] as number,
        timestamp: this.timestamps[index] as number,
        step: this.steps[index] as number,
      };
    }
    return out;
  }
}
