import fs from "node:fs";
import path from "node:path";
import { LocalArtifactRepository } from "@cairn/artifacts";
import { ArtifactService, type PurgeReport, purgeDeleted } from "@cairn/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

const API = "/api/2.0/mlflow";
const PROXY = "/api/2.0/mlflow-artifacts/artifacts";

/** Garbage collection over a real server's database and artifact folder. */
describe("gc: purging deleted runs and experiments with their artifacts", () => {
  let server: TestServer;
  let artifacts: ArtifactService;
  const gc = (options: Parameters<typeof purgeDeleted>[1]): Promise<PurgeReport> =>
    purgeDeleted({ tracking: server.tracking, purge: server.purge, artifacts }, options);

  beforeEach(async () => {
    server = await startTestServer();
    artifacts = new ArtifactService(new LocalArtifactRepository(path.join(server.dir, "artifacts")));
  });
  afterEach(() => server.close());

  async function experiment(name: string): Promise<string> {
    return String((await server.post(`${API}/experiments/create`, { name })).json["experiment_id"]);
  }
  async function runWithFile(experimentId: string, bytes: number): Promise<{ runId: string; folder: string }> {
    const info = (
      (await server.post(`${API}/runs/create`, { experiment_id: experimentId })).json["run"] as {
        info: { run_id: string; artifact_uri: string };
      }
    ).info;
    const relative = info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
    const put = await fetch(`${server.url}${PROXY}/${relative}/model/weights.bin`, { method: "PUT", body: Buffer.alloc(bytes, 1) });
    expect(put.status).toBe(200);
    return { runId: info.run_id, folder: path.join(server.dir, "artifacts", experimentId, info.run_id) };
  }
  const storage = async () =>
    (await server.get("/api/2.0/cairn/experiments/storage")).json as {
      experiments: { experiment_id: string; stored_bytes?: number }[];
      total_bytes: number;
    };

  it("removes exactly the deleted runs and experiments, keeps live runs and model versions' files, frees the name", async () => {
    const kept = await experiment("kept");
    const doomed = await runWithFile(kept, 1000);
    const live = await runWithFile(kept, 2000);
    const registered = await runWithFile(kept, 4000);
    await server.post(`${API}/registered-models/create`, { name: "fraud" });
    await server.post(`${API}/model-versions/create`, {
      name: "fraud",
      source: `runs:/${registered.runId}/model`,
      run_id: registered.runId,
    });
    const gone = await experiment("gone");
    const inGone = await runWithFile(gone, 500);
    for (const runId of [doomed.runId, registered.runId]) await server.post(`${API}/runs/delete`, { run_id: runId });
    await server.post(`${API}/experiments/delete`, { experiment_id: gone });

    const before = await storage();
    expect(before.experiments.find((e) => e.experiment_id === kept)?.stored_bytes).toBe(7000);
    expect(before.experiments.find((e) => e.experiment_id === gone)?.stored_bytes).toBe(500);

    // A live run keeps writing while gc runs; it must lose nothing.
    let writes = 0;
    let stop = false;
    const writer = (async () => {
      const info = (
        (await server.post(`${API}/runs/create`, { experiment_id: kept })).json["run"] as { info: { run_id: string; artifact_uri: string } }
      ).info;
      const relative = info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
      while (!stop) {
        const n = writes++;
        await fetch(`${server.url}${PROXY}/${relative}/step-${n}.txt`, { method: "PUT", body: `step ${n}` });
        await server.post(`${API}/runs/log-metric`, { run_id: info.run_id, key: "loss", value: n, timestamp: n, step: n });
      }
      return info;
    })();
    const report = await gc({ olderThanMs: 0 });
    stop = true;
    const writerRun = await writer;

    expect(report.runs.map((run) => run.runId).sort()).toEqual([doomed.runId, inGone.runId].sort());
    // The run inside it already freed its 500 bytes; the emptied folder goes with the experiment.
    expect(report.experiments).toEqual([{ experimentId: gone, name: "gone", freedBytes: 0 }]);
    expect(report.kept).toEqual([{ kind: "run", id: registered.runId, reason: "its artifacts are used by model version fraud v1" }]);
    expect(report.freedBytes).toBe(1500);
    expect(report.artifactErrors).toEqual([]);
    expect(fs.existsSync(doomed.folder)).toBe(false);
    expect(fs.existsSync(path.join(server.dir, "artifacts", gone))).toBe(false);
    expect(fs.existsSync(path.join(live.folder, "artifacts/model/weights.bin"))).toBe(true);
    expect(fs.existsSync(path.join(registered.folder, "artifacts/model/weights.bin"))).toBe(true);
    expect((await server.get(`${API}/runs/get?run_id=${doomed.runId}`)).status).toBe(404);
    expect((await server.get(`${API}/runs/get?run_id=${registered.runId}`)).status).toBe(200);

    // The live run: every file and every metric point it wrote is there.
    const listed = await server.get(`${API}/artifacts/list?run_id=${writerRun.run_id}`);
    expect((listed.json["files"] as unknown[]).length).toBe(writes);
    const history = await server.get(`${API}/metrics/get-history?run_id=${writerRun.run_id}&metric_key=loss`);
    expect((history.json["metrics"] as unknown[]).length).toBe(writes);

    const after = await storage();
    expect(after.experiments.find((e) => e.experiment_id === gone)).toBeUndefined();
    expect(after.experiments.find((e) => e.experiment_id === kept)?.stored_bytes).toBeGreaterThanOrEqual(6000);
    expect((await server.post(`${API}/experiments/create`, { name: "gone" })).status).toBe(200);
  });

  it("checks named targets first and changes nothing when one is live, unknown or too recent", async () => {
    const id = await experiment("targets");
    const deleted = await runWithFile(id, 10);
    const live = await runWithFile(id, 10);
    await server.post(`${API}/runs/delete`, { run_id: deleted.runId });
    await expect(gc({ olderThanMs: 0, runIds: [deleted.runId, live.runId] })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    await expect(gc({ olderThanMs: 0, runIds: ["0123456789abcdef0123456789abcdef"] })).rejects.toMatchObject({
      code: "RESOURCE_DOES_NOT_EXIST",
    });
    await expect(gc({ olderThanMs: 3_600_000, runIds: [deleted.runId] })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    await expect(gc({ olderThanMs: 0, experimentIds: [id] })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    expect(fs.existsSync(deleted.folder)).toBe(true);
    expect((await gc({ olderThanMs: 3_600_000 })).runs).toEqual([]);
    const report = await gc({ olderThanMs: 0, runIds: [deleted.runId] });
    expect(report.runs).toEqual([{ runId: deleted.runId, experimentId: id, freedBytes: 10 }]);
    expect(fs.existsSync(deleted.folder)).toBe(false);
    expect(fs.existsSync(live.folder)).toBe(true);
  });

  it("runs on a schedule inside the server", async () => {
    const reports: PurgeReport[] = [];
    const scheduled = await startTestServer({ gc: { intervalMs: 100, retentionMs: 0, onReport: (report) => reports.push(report) } });
    try {
      const run = ((await scheduled.post(`${API}/runs/create`, { experiment_id: "0" })).json["run"] as { info: { run_id: string } }).info;
      await scheduled.post(`${API}/runs/delete`, { run_id: run.run_id });
      for (let i = 0; i < 50 && reports.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reports[0]?.runs.map((r) => r.runId)).toEqual([run.run_id]);
      expect((await scheduled.get(`${API}/runs/get?run_id=${run.run_id}`)).status).toBe(404);
    } finally {
      await scheduled.close();
    }
  });
});
