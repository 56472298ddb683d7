// Train a small TF.js model and track it with Cairn: params, per-epoch and per-batch metrics,
// the model topology and the trained model itself.
//
//   npx cairn server &                                   # or any Cairn/MLflow server
//   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node examples/tfjs-training.mjs
//
// Without MLFLOW_TRACKING_URI it logs in-process to ./mlruns (no server needed).
import { createCairn } from "@cairn/client";
import { CairnCallback } from "@cairn/client/tfjs";
import * as tf from "@tensorflow/tfjs";

const cairn = await createCairn({ experiment: "tfjs-quickstart" });

// y = 3a - 2b + noise: a problem a two-layer network learns in a few epochs.
const xs = tf.randomNormal([512, 2]);
const ys = xs.matMul(tf.tensor2d([[3], [-2]])).add(tf.randomNormal([512, 1], 0, 0.1));

const model = tf.sequential({
  layers: [tf.layers.dense({ units: 16, inputShape: [2], activation: "relu" }), tf.layers.dense({ units: 1 })],
});
const learningRate = 0.02;
model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });

const run = await cairn.startRun({ name: "dense-16", params: { learning_rate: learningRate, hidden_units: 16 } });
await model.fit(xs, ys, { epochs: 5, batchSize: 64, validationSplit: 0.2, verbose: 0, callbacks: [new CairnCallback(run)] });
await run.logModel(model, "model");
await run.end();
await cairn.close();

console.log(`run ${run.id} finished; open the Cairn UI or query ${cairn.backend.uri}`);
