import type { TrackingStore } from "@cairn/core";
import { beforeAll, expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** search-runs: filters on metrics, params, tags, attributes and datasets; order_by; paging. */
export function searchTests(store: () => TrackingStore): void {
  let experimentId = "";
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    experimentId = await store().createExperiment({ name: uniqueName("search-runs") });
    const specs = [
      { name: "r1", acc: 0.9, lr: "0.01", model: "cnn", start: 1000 },
      { name: "r2", acc: 0.4, lr: "0.01", model: "mlp", start: 2000 },
      { name: "r3", acc: 0.7, lr: "0.1", model: "CNN-large", start: 3000 },
      { name: "r4", acc: undefined, lr: "0.01", model: "cnn", start: 4000 },
    ];
    for (const spec of specs) {
      const run = await store().createRun({ experimentId, runName: spec.name, startTime: spec.start, userId: "ada" });
      ids[spec.name] = run.info.run_id;
      await store().logBatch(run.info.run_id, {
        metrics: spec.acc === undefined ? [] : [{ key: "acc", value: spec.acc, timestamp: 1, step: 0 }],
        params: [{ key: "lr", value: spec.lr }],
        tags: [{ key: "model", value: spec.model }],
      });
    }
    await store().updateRun(ids["r2"] as string, { status: "FINISHED", endTime: 5000 });
    await store().logInputs(ids["r1"] as string, [
      {
        dataset: { name: "mnist", digest: "d1", source_type: "local", source: "{}" },
        tags: [{ key: "mlflow.data.context", value: "train" }],
      },
    ]);
  });

  const names = async (filter?: string, orderBy?: string[], maxResults = 100) => {
    const page = await store().searchRuns({
      experimentIds: [experimentId],
      runViewType: "ACTIVE_ONLY",
      maxResults,
      ...(filter ? { filter } : {}),
      ...(orderBy ? { orderBy } : {}),
    });
    return page.items.map((run) => run.info.run_name);
  };

  it("orders by start_time DESC by default", async () => {
    expect(await names()).toEqual(["r4", "r3", "r2", "r1"]);
  });

  it("filters on metrics, params and tags together", async () => {
    expect(await names("metrics.acc > 0.5 and params.lr = '0.01'")).toEqual(["r1"]);
    expect(await names("metrics.acc >= 0.4")).toEqual(["r3", "r2", "r1"]);
    expect(await names("params.lr != '0.01'")).toEqual(["r3"]);
    expect(await names("tags.model LIKE 'cnn%'")).toEqual(["r4", "r1"]);
    expect(await names("tags.model ILIKE 'cnn%'")).toEqual(["r4", "r3", "r1"]);
    expect(await names("tags.`model` = 'mlp'")).toEqual(["r2"]);
  });

  it("filters on attributes", async () => {
    expect(await names("attributes.status = 'FINISHED'")).toEqual(["r2"]);
    expect(await names("attributes.run_name = 'r3'")).toEqual(["r3"]);
    expect(await names("attributes.start_time >= 3000")).toEqual(["r4", "r3"]);
    expect(await names(`attributes.run_id IN ('${ids["r1"]}', '${ids["r3"]}')`)).toEqual(["r3", "r1"]);
    expect(await names("tags.`mlflow.runName` = 'r1'")).toEqual(["r1"]);
  });

  it("filters on datasets", async () => {
    expect(await names("datasets.name = 'mnist'")).toEqual(["r1"]);
    expect(await names("datasets.context = 'train'")).toEqual(["r1"]);
  });

  it("orders by a metric with missing values last, either direction", async () => {
    expect(await names(undefined, ["metrics.acc DESC"])).toEqual(["r1", "r3", "r2", "r4"]);
    expect(await names(undefined, ["metrics.acc ASC"])).toEqual(["r2", "r3", "r1", "r4"]);
    expect(await names(undefined, ["params.lr DESC", "attributes.start_time ASC"])).toEqual(["r3", "r1", "r2", "r4"]);
  });

  it("pages by one metric across values, ties, NaN and missing in MLflow's order", async () => {
    const experiment = await store().createExperiment({ name: uniqueName("metric-pages") });
    // 7 numbers (two tied), 2 NaN, 2 missing; start times break ties (latest first).
    const values = [0.5, 0.9, 0.1, 0.9, 0.3, Number.NaN, 0.7, undefined, 0.2, Number.NaN, undefined];
    const expectedDesc: string[] = [];
    for (const [index, value] of values.entries()) {
      const run = await store().createRun({ experimentId: experiment, runName: `m${index}`, startTime: 1000 + index });
      if (value !== undefined) await store().logBatch(run.info.run_id, { metrics: [{ key: "score", value, timestamp: 1, step: 0 }] });
    }
    expectedDesc.push("m3", "m1", "m6", "m0", "m4", "m8", "m2", "m9", "m5", "m10", "m7");
    const walk = async (orderBy: string, pageSize: number, filter?: string) => {
      const seen: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await store().searchRuns({
          experimentIds: [experiment],
          runViewType: "ACTIVE_ONLY",
          maxResults: pageSize,
          orderBy: [orderBy],
          ...(filter ? { filter } : {}),
          ...(pageToken ? { pageToken } : {}),
        });
        seen.push(...page.items.map((run) => run.info.run_name));
        pageToken = page.next_page_token;
      } while (pageToken);
      return seen;
    };
    for (const size of [1, 2, 3, 100]) expect(await walk("metrics.score DESC", size)).toEqual(expectedDesc);
    expect(await walk("metrics.score ASC", 2)).toEqual(["m2", "m8", "m4", "m0", "m6", "m3", "m1", "m9", "m5", "m10", "m7"]);
    expect(await walk("metrics.score DESC", 2, "metrics.score >= 0.3")).toEqual(["m3", "m1", "m6", "m0", "m4"]);
  });

  it("pages with tokens until the last page", async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await store().searchRuns({
        experimentIds: [experimentId],
        runViewType: "ACTIVE_ONLY",
        maxResults: 3,
        ...(pageToken ? { pageToken } : {}),
      });
      seen.push(...page.items.map((run) => run.info.run_name));
      pageToken = page.next_page_token;
      pages += 1;
    } while (pageToken);
    expect(seen).toEqual(["r4", "r3", "r2", "r1"]);
    expect(pages).toBe(2);
  });

  it("honours run_view_type", async () => {
    const extra = await store().createRun({ experimentId, runName: "gone", startTime: 9000 });
    await store().deleteRun(extra.info.run_id);
    expect(await names()).not.toContain("gone");
    const deleted = await store().searchRuns({ experimentIds: [experimentId], runViewType: "DELETED_ONLY", maxResults: 10 });
    expect(deleted.items.map((run) => run.info.run_name)).toEqual(["gone"]);
    const all = await store().searchRuns({ experimentIds: [experimentId], runViewType: "ALL", maxResults: 10 });
    expect(all.items).toHaveLength(5);
  });

  it("returns full runs: latest metrics, params, tags and inputs", async () => {
    const page = await store().searchRuns({
      experimentIds: [experimentId],
      runViewType: "ACTIVE_ONLY",
      maxResults: 10,
      filter: "attributes.run_name = 'r1'",
    });
    const run = page.items[0];
    expect(run?.data.metrics).toEqual([{ key: "acc", value: 0.9, timestamp: 1, step: 0 }]);
    expect(run?.data.params).toEqual([{ key: "lr", value: "0.01" }]);
    expect(run?.data.tags).toContainEqual({ key: "model", value: "cnn" });
    expect(run?.inputs.dataset_inputs[0]?.dataset.name).toBe("mnist");
  });

  it("refuses malformed filters and order_by clauses", async () => {
    const search = (filter: string, orderBy: string[] = []) =>
      store().searchRuns({ experimentIds: [experimentId], runViewType: "ACTIVE_ONLY", maxResults: 10, filter, orderBy });
    await expectError(search("metrics.acc > 0.5 OR params.lr = '0.01'"), "INVALID_PARAMETER_VALUE");
    await expectError(search("metrics.acc > 'high'"), "INVALID_PARAMETER_VALUE");
    await expectError(search("params.lr = 0.01"), "INVALID_PARAMETER_VALUE");
    await expectError(search("unknown.key = 'x'"), "INVALID_PARAMETER_VALUE");
    await expectError(search("", ["metrics.acc sideways"]), "INVALID_PARAMETER_VALUE");
    await expectError(search("", ["metrics.acc", "metrics.acc DESC"]), "INVALID_PARAMETER_VALUE");
    await expectError(
      store().searchRuns({ experimentIds: [experimentId], runViewType: "ACTIVE_ONLY", maxResults: 50_001 }),
      "INVALID_PARAMETER_VALUE",
    );
  });
}
