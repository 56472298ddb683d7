import type { LoggedModelStore, TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

interface Stores {
  tracking: TrackingStore;
  loggedModels: LoggedModelStore;
}

/** search-logged-models: the filter grammar, dataset scoping, structured order_by and its token. */
export function loggedModelSearchTests(stores: () => Stores): void {
  /** Three models: a (acc 0.7 eval / 0.99 train), b (acc 0.9 eval), c (no metric). */
  const seed = async () => {
    const experimentId = await stores().tracking.createExperiment({ name: uniqueName("lm-search") });
    const runId = (await stores().tracking.createRun({ experimentId })).info.run_id;
    const create = async (name: string, lr: string) =>
      (
        await stores().loggedModels.createLoggedModel({
          experimentId,
          name,
          sourceRunId: runId,
          modelType: name === "c" ? "LLM" : "Classifier",
          params: [{ key: "lr", value: lr }],
          tags: [{ key: "team", value: name === "a" ? "red" : "blue" }],
        })
      ).info.model_id;
    const a = await create("a", "0.1");
    const b = await create("b", "0.2");
    const c = await create("c", "0.3");
    await stores().loggedModels.finalizeLoggedModel(b, "LOGGED_MODEL_READY");
    await stores().tracking.logBatch(runId, {
      metrics: [
        { key: "acc", value: 0.5, timestamp: 1, step: 0, model_id: a, dataset_name: "eval", dataset_digest: "e1" },
        { key: "acc", value: 0.7, timestamp: 2, step: 1, model_id: a, dataset_name: "eval", dataset_digest: "e1" },
        { key: "acc", value: 0.99, timestamp: 2, step: 1, model_id: a, dataset_name: "train", dataset_digest: "t1" },
        { key: "acc", value: 0.9, timestamp: 2, step: 1, model_id: b, dataset_name: "eval", dataset_digest: "e1" },
      ],
    });
    return { experimentId, a, b, c };
  };
  const ids = (page: { items: Array<{ info: { model_id: string } }> }) => page.items.map((model) => model.info.model_id);

  it("returns the experiments' models newest first by default", async () => {
    const { experimentId, a, b, c } = await seed();
    expect(ids(await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 10 })).sort()).toEqual(
      [a, b, c].sort(),
    );
    const page = await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 10 });
    const created = page.items.map((model) => model.info.creation_timestamp_ms);
    expect([...created].sort((x, y) => y - x)).toEqual(created);
  });

  it("filters by attributes, metrics (any point, optionally on datasets), params and tags", async () => {
    const { experimentId, a, b, c } = await seed();
    const search = async (filter: string, datasets?: Array<{ dataset_name: string; dataset_digest?: string }>) =>
      ids(
        await stores().loggedModels.searchLoggedModels({
          experimentIds: [experimentId],
          maxResults: 10,
          filter,
          ...(datasets ? { datasets } : {}),
        }),
      ).sort();
    expect(await search("name = 'a'")).toEqual([a]);
    expect(await search("attributes.name LIKE '%'")).toHaveLength(3);
    expect(await search(`model_id = '${b}'`)).toEqual([b]);
    expect(await search("model_type = 'LLM'")).toEqual([c]);
    expect(await search("status = 'LOGGED_MODEL_READY'")).toEqual([b]);
    expect(await search("creation_timestamp > 0")).toHaveLength(3);
    expect(await search("metrics.acc > 0.95")).toEqual([a]);
    expect(await search("metrics.acc > 0.8")).toEqual([a, b].sort());
    expect(await search("metrics.acc > 0.8", [{ dataset_name: "eval" }])).toEqual([b]);
    expect(await search("metrics.acc > 0.8", [{ dataset_name: "train", dataset_digest: "t1" }])).toEqual([a]);
    expect(await search("metrics.acc > 0.8", [{ dataset_name: "train", dataset_digest: "other" }])).toEqual([]);
    expect(await search("params.lr = '0.3'")).toEqual([c]);
    expect(await search("tags.team = 'blue' AND params.lr != '0.3'")).toEqual([b]);
    expect(await search("tags.`team` ILIKE 'RED'")).toEqual([a]);
    // Datasets alone keep the models with any metric on them.
    const onTrain = await stores().loggedModels.searchLoggedModels({
      experimentIds: [experimentId],
      maxResults: 10,
      datasets: [{ dataset_name: "train" }],
    });
    expect(ids(onTrain)).toEqual([a]);
  });

  it("orders by a metric's latest point (optionally on a dataset) with missing values last, and by attributes", async () => {
    const { experimentId, a, b, c } = await seed();
    const order = async (orderBy: Parameters<LoggedModelStore["searchLoggedModels"]>[0]["orderBy"]) =>
      ids(await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 10, orderBy }));
    expect(await order([{ field_name: "metrics.acc", ascending: false, dataset_name: "eval" }])).toEqual([b, a, c]);
    expect(await order([{ field_name: "metrics.acc", ascending: true, dataset_name: "eval", dataset_digest: "e1" }])).toEqual([a, b, c]);
    expect((await order([{ field_name: "metrics.acc", ascending: false, dataset_name: "train" }]))[0]).toBe(a);
    expect(await order([{ field_name: "name", ascending: false }])).toEqual([c, b, a]);
    expect(await order([{ field_name: "creation_timestamp", ascending: true }, { field_name: "name" }])).toEqual([a, b, c]);
  });

  it("pages with a token that only continues the search it was made for", async () => {
    const { experimentId, a, b, c } = await seed();
    const orderBy = [{ field_name: "name", ascending: true }];
    const first = await stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 2, orderBy });
    expect(ids(first)).toEqual([a, b]);
    expect(first.next_page_token).toBeDefined();
    const token = first.next_page_token as string;
    const decoded = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Record<string, unknown>;
    expect(decoded).toEqual({
      experiment_ids: [experimentId],
      filter_string: null,
      order_by: [{ field_name: "name", ascending: true, dataset_name: null, dataset_digest: null }],
      offset: 2,
    });
    const second = await stores().loggedModels.searchLoggedModels({
      experimentIds: [experimentId],
      maxResults: 2,
      orderBy,
      pageToken: token,
    });
    expect(ids(second)).toEqual([c]);
    expect(second.next_page_token).toBeUndefined();
    await expectError(
      stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 2, pageToken: token }),
      "INVALID_PARAMETER_VALUE",
      "Order by in the page token does not match",
    );
    await expectError(
      stores().loggedModels.searchLoggedModels({
        experimentIds: [experimentId],
        maxResults: 2,
        orderBy,
        filter: "name = 'a'",
        pageToken: token,
      }),
      "INVALID_PARAMETER_VALUE",
      "Filter string in the page token does not match",
    );
    await expectError(
      stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 2, orderBy, pageToken: "not-a-token" }),
      "INVALID_PARAMETER_VALUE",
    );
  });

  it("refuses bad filters, orders and arguments", async () => {
    const { experimentId } = await seed();
    const search = (input: Partial<Parameters<LoggedModelStore["searchLoggedModels"]>[0]>) =>
      stores().loggedModels.searchLoggedModels({ experimentIds: [experimentId], maxResults: 10, ...input });
    await expectError(search({ filter: "metric.acc > 1" }), "INVALID_PARAMETER_VALUE", "Invalid entity type");
    await expectError(search({ filter: "metrics.acc LIKE '1'" }), "INVALID_PARAMETER_VALUE");
    await expectError(search({ filter: "params.lr > '1'" }), "INVALID_PARAMETER_VALUE");
    await expectError(search({ filter: "name = 'a' OR name = 'b'" }), "INVALID_PARAMETER_VALUE");
    await expectError(search({ filter: "artifact_location = 'x'" }), "INVALID_PARAMETER_VALUE");
    await expectError(search({ orderBy: [{ field_name: "params.lr" }] }), "INVALID_PARAMETER_VALUE", "Only metrics are supported");
    await expectError(search({ orderBy: [{ field_name: "nope" }] }), "INVALID_PARAMETER_VALUE", "Invalid order by field name");
    await expectError(search({ datasets: [{ dataset_name: "" }] }), "INVALID_PARAMETER_VALUE", "dataset_name");
    await expectError(search({ experimentIds: [] }), "INVALID_PARAMETER_VALUE", "experiment_ids");
    await expectError(search({ maxResults: 0 }), "INVALID_PARAMETER_VALUE", "max_results");
  });
}
