import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestServer, type TestServer } from "@cairn/client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The examples in examples/ run as a user would run them: `node examples/<file>` with
// MLFLOW_TRACKING_URI pointing at a real server (they import the built package).
const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
let server: TestServer;
let journal: string;
beforeAll(async () => {
  server = await startTestServer();
  journal = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-examples-journal-"));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(journal, { recursive: true, force: true });
});

async function runExample(file: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(examples, file)], {
    env: { ...process.env, MLFLOW_TRACKING_URI: server.url, CAIRN_JOURNAL_DIR: journal },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (data: Buffer) => {
    out += data.toString();
  });
  child.stderr.on("data", (data: Buffer) => {
    err += data.toString();
  });
  const code = await new Promise((resolve) => child.once("exit", resolve));
  expect(code, err).toBe(0);
  return out;
}

describe("examples", () => {
  it("tfjs-training.mjs tracks a TF.js training run", async () => {
    const out = await runExample("tfjs-training.mjs");
    const runId = /run ([0-9a-f]{32}) finished/.exec(out)?.[1];
    expect(runId).toBeDefined();
    const run = (await server.client.getRun({ run_id: runId! })).run;
    expect(run.info.status).toBe("FINISHED");
    expect((await server.client.getMetricHistory({ run_id: runId!, metric_key: "loss" })).metrics).toHaveLength(5);
    expect((await server.client.getMetricHistory({ run_id: runId!, metric_key: "val_loss" })).metrics).toHaveLength(5);
    const files = (await server.client.listArtifacts({ run_id: runId! })).files.map((file) => file.path).sort();
    expect(files).toEqual(["model", "model_summary.txt", "model_topology.json"]);
  });

  it("onnx-registry.mjs registers, aliases, loads and predicts", async () => {
    const out = await runExample("onnx-registry.mjs");
    expect(out).toContain("registered linear-regressor version 1 as @champion");
    expect(out).toContain("predictions: 5.5, 11.5");
  });
});
