import type { Cairn } from "@cairn/client";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { autolog, CairnCallback } from "@cairn/client/tfjs";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: TestServer;
let cairn: Cairn;
beforeAll(async () => {
  server = await startTestServer();
  cairn = await server.createCairn({ experiment: "tfjs" });
});
afterAll(async () => server.close());

function tinyProblem() {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: "relu" }), tf.layers.dense({ units: 1 })],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError", metrics: ["mse"] });
  const xs = tf.randomNormal([64, 3]);
  const ys = xs.sum(1, true);
  return { model, xs, ys };
}

describe("TF.js integration", () => {
  it("the callback logs epoch and batch metrics, fit parameters and the topology", async () => {
    const { model, xs, ys } = tinyProblem();
    const run = await cairn.startRun({ name: "fit" });
    await model.fit(xs, ys, { epochs: 3, batchSize: 16, callbacks: [new CairnCallback(run)], verbose: 0 });
    await run.end();
    const loss = (await server.client.getMetricHistory({ run_id: run.id, metric_key: "loss" })).metrics;
    expect(loss.map((metric) => metric.step)).toEqual([0, 1, 2]);
    const batchLoss = (await server.client.getMetricHistory({ run_id: run.id, metric_key: "batch_loss" })).metrics;
    expect(batchLoss).toHaveLength(12);
    const stored = (await server.client.getRun({ run_id: run.id })).run;
    expect(stored.data.params).toEqual(
      expect.arrayContaining([
        { key: "epochs", value: "3" },
        { key: "batch_size", value: "16" },
        { key: "samples", value: "64" },
        { key: "optimizer_name", value: "Adam" },
        { key: "loss", value: "meanSquaredError" },
      ]),
    );
    const files = (await server.client.listArtifacts({ run_id: run.id })).files.map((file) => file.path).sort();
    expect(files).toEqual(["model_summary.txt", "model_topology.json"]);
  });

  it("autolog attaches the callback to every fit, in a run of its own when none is active", async () => {
    const stop = autolog(cairn, { experiment: "tfjs-autolog", batchEvery: 0 });
    try {
      const { model, xs, ys } = tinyProblem();
      let userEpochs = 0;
      await model.fit(xs, ys, {
        epochs: 2,
        verbose: 0,
        callbacks: {
          onEpochEnd: async () => {
            userEpochs += 1;
          },
        },
      });
      expect(userEpochs).toBe(2);
    } finally {
      stop();
    }
    const experiment = await server.client.getExperimentByName({ experiment_name: "tfjs-autolog" });
    const { runs } = await server.client.searchRuns({ experiment_ids: [experiment.experiment.experiment_id], max_results: 10 });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.info.status).toBe("FINISHED");
    expect((await server.client.getMetricHistory({ run_id: runs[0]!.info.run_id, metric_key: "loss" })).metrics).toHaveLength(2);
  });
});

describe("datasets and provenance", () => {
  it("logs a dataset input with a content digest and context", async () => {
    const run = await cairn.startRun({ name: "data" });
    const rows = [
      [1, 2],
      [3, 4],
    ];
    await run.logDataset({
      name: "pairs",
      data: rows,
      source: "data/pairs.csv",
      context: "training",
      schema: [{ name: "a", type: "long" }],
    });
    await run.end();
    const inputs = (await server.client.getRun({ run_id: run.id })).run.inputs.dataset_inputs;
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.dataset).toMatchObject({ name: "pairs", source_type: "local", source: '{"uri":"data/pairs.csv"}' });
    expect(inputs[0]!.dataset.digest).toMatch(/^[0-9a-f]{8}$/);
    expect(inputs[0]!.tags).toEqual([{ key: "mlflow.data.context", value: "training" }]);
  });
});
