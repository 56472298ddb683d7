import * as tf from "@tensorflow/tfjs";
import type { ActiveRun, StartRunOptions } from "../run/active-run.js";
import type { Cairn } from "../run/cairn.js";
import { CairnCallback, type CairnCallbackOptions } from "./cairn-callback.js";

type FitArgs = { callbacks?: unknown } & Record<string, unknown>;

/**
 * Opt-in autologging for TF.js: patches `LayersModel.prototype.fit` and `fitDataset` so every
 * fit gets a `CairnCallback`. A fit logs into the tracker's only active run, or into a run it
 * starts itself and ends FINISHED (FAILED when the fit throws). Returns the function that
 * restores the originals.
 *
 * @example
 * const stop = autolog(cairn, { experiment: "mnist" });
 * await model.fit(xs, ys, { epochs: 5 }); // logged
 * stop();
 */
export function autolog(cairn: Cairn, options: StartRunOptions & CairnCallbackOptions = {}): () => void {
  const proto = tf.LayersModel.prototype as unknown as {
    fit: (this: tf.LayersModel, x: unknown, y: unknown, args?: FitArgs) => Promise<tf.History>;
    fitDataset: (this: tf.LayersModel, dataset: unknown, args: FitArgs) => Promise<tf.History>;
  };
  const originalFit = proto.fit;
  const originalFitDataset = proto.fitDataset;

  const around = async (args: FitArgs | undefined, fit: (args: FitArgs) => Promise<tf.History>): Promise<tf.History> => {
    const active = cairn.activeRuns;
    const owned = active.length === 1 ? null : await cairn.startRun(options);
    const run = (owned ?? active[0]) as ActiveRun;
    const callbacks = [new CairnCallback(run, options), ...userCallbacks(args?.callbacks)];
    try {
      const history = await fit({ ...args, callbacks });
      await owned?.end("FINISHED");
      return history;
    } catch (error) {
      await owned?.end("FAILED");
      throw error;
    }
  };
  proto.fit = function (x, y, args) {
    return around(args, (withCallbacks) => originalFit.call(this, x, y, withCallbacks));
  };
  proto.fitDataset = function (dataset, args) {
    return around(args, (withCallbacks) => originalFitDataset.call(this, dataset, withCallbacks));
  };
  return () => {
    proto.fit = originalFit;
    proto.fitDataset = originalFitDataset;
  };
}

/** The caller's callbacks as callback objects (TF.js only mixes lists of those). */
function userCallbacks(callbacks: unknown): tf.Callback[] {
  if (!callbacks) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  return list.map((callback) =>
    callback instanceof tf.Callback ? callback : (new tf.CustomCallback(callback as tf.CustomCallbackArgs) as unknown as tf.Callback),
  );
}
