import type { TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** Experiments: create, read, rename, tags, soft delete and restore (mlflow-wire.md §2.1, §8.2). */
export function experimentTests(store: () => TrackingStore): void {
  it("has the Default experiment with id 0", async () => {
    const experiment = await store().getExperiment("0");
    expect(experiment.name).toBe("Default");
    expect(experiment.lifecycle_stage).toBe("active");
  });

  it("creates an experiment with tags and a derived artifact location", async () => {
    const name = uniqueName("exp");
    const id = await store().createExperiment({ name, tags: [{ key: "team", value: "vision" }] });
    expect(id).toMatch(/^\d+$/);
    const experiment = await store().getExperiment(id);
    expect(experiment).toMatchObject({ experiment_id: id, name, lifecycle_stage: "active" });
    expect(experiment.artifact_location.endsWith(`/${id}`)).toBe(true);
    expect(experiment.tags).toEqual([{ key: "team", value: "vision" }]);
    expect(experiment.creation_time).toBeGreaterThan(0);
    expect((await store().getExperimentByName(name))?.experiment_id).toBe(id);
  });

  it("keeps an explicit artifact location", async () => {
    const id = await store().createExperiment({ name: uniqueName("loc"), artifactLocation: "s3://bucket/prefix" });
    expect((await store().getExperiment(id)).artifact_location).toBe("s3://bucket/prefix");
  });

  it("refuses a duplicate name, deleted experiments included", async () => {
    const name = uniqueName("dup");
    const id = await store().createExperiment({ name });
    await expectError(store().createExperiment({ name }), "RESOURCE_ALREADY_EXISTS", `Experiment(name=${name}) already exists`);
    await store().deleteExperiment(id);
    await expectError(store().createExperiment({ name }), "RESOURCE_ALREADY_EXISTS");
  });

  it("gives 404 for unknown ids and null for unknown names", async () => {
    await expectError(store().getExperiment("987654321"), "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=987654321 exists");
    await expectError(store().getExperiment("not-a-number"), "RESOURCE_DOES_NOT_EXIST");
    expect(await store().getExperimentByName(uniqueName("missing"))).toBeNull();
  });

  it("renames, and refuses to rename onto a taken name or a deleted experiment", async () => {
    const id = await store().createExperiment({ name: uniqueName("old") });
    const taken = uniqueName("taken");
    await store().createExperiment({ name: taken });
    const fresh = uniqueName("new");
    await store().renameExperiment(id, fresh);
    expect((await store().getExperiment(id)).name).toBe(fresh);
    await expectError(store().renameExperiment(id, taken), "RESOURCE_ALREADY_EXISTS");
    await store().deleteExperiment(id);
    await expectError(store().renameExperiment(id, uniqueName("again")), "INVALID_STATE");
  });

  it("soft-deletes an experiment with its runs and restores both", async () => {
    const id = await store().createExperiment({ name: uniqueName("del") });
    const run = await store().createRun({ experimentId: id });
    await store().deleteExperiment(id);
    expect((await store().getExperiment(id)).lifecycle_stage).toBe("deleted");
    expect((await store().getRun(run.info.run_id)).info.lifecycle_stage).toBe("deleted");
    await expectError(store().createRun({ experimentId: id }), "INVALID_PARAMETER_VALUE", "must be in the 'active' state");
    await store().restoreExperiment(id);
    expect((await store().getExperiment(id)).lifecycle_stage).toBe("active");
    expect((await store().getRun(run.info.run_id)).info.lifecycle_stage).toBe("active");
  });

  it("finds only active experiments to delete and only deleted ones to restore", async () => {
    const id = await store().createExperiment({ name: uniqueName("twice") });
    await expectError(store().restoreExperiment(id), "RESOURCE_DOES_NOT_EXIST", `No Experiment with id=${id} exists`);
    await store().deleteExperiment(id);
    await expectError(store().deleteExperiment(id), "RESOURCE_DOES_NOT_EXIST", `No Experiment with id=${id} exists`);
  });

  it("deletes and restores the Default experiment like any other (MLflow's SQL store)", async () => {
    await store().deleteExperiment("0");
    expect((await store().getExperiment("0")).lifecycle_stage).toBe("deleted");
    await store().restoreExperiment("0");
    expect((await store().getExperiment("0")).lifecycle_stage).toBe("active");
  });

  it("sets, overwrites and deletes experiment tags", async () => {
    const id = await store().createExperiment({ name: uniqueName("tags") });
    await store().setExperimentTag(id, { key: "a", value: "1" });
    await store().setExperimentTag(id, { key: "a", value: "2" });
    await store().setExperimentTag(id, { key: "empty", value: "" });
    expect((await store().getExperiment(id)).tags).toEqual([
      { key: "a", value: "2" },
      { key: "empty", value: "" },
    ]);
    await store().deleteExperimentTag(id, "a");
    expect((await store().getExperiment(id)).tags).toEqual([{ key: "empty", value: "" }]);
    await expectError(store().deleteExperimentTag(id, "a"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("searches experiments by name and tag, ordered and paged", async () => {
    const prefix = uniqueName("search");
    for (const suffix of ["b", "a", "c"]) {
      const id = await store().createExperiment({ name: `${prefix}-${suffix}` });
      await store().setExperimentTag(id, { key: "suffix", value: suffix });
    }
    const all = await store().searchExperiments({
      viewType: "ACTIVE_ONLY",
      maxResults: 10,
      filter: `name LIKE '${prefix}%'`,
      orderBy: ["name ASC"],
    });
    expect(all.items.map((e) => e.name)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    expect(all.next_page_token).toBeUndefined();
    const first = await store().searchExperiments({
      viewType: "ACTIVE_ONLY",
      maxResults: 2,
      filter: `name LIKE '${prefix}%'`,
      orderBy: ["name DESC"],
    });
    expect(first.items.map((e) => e.name)).toEqual([`${prefix}-c`, `${prefix}-b`]);
    expect(first.next_page_token).toBeDefined();
    const second = await store().searchExperiments({
      viewType: "ACTIVE_ONLY",
      maxResults: 2,
      filter: `name LIKE '${prefix}%'`,
      orderBy: ["name DESC"],
      pageToken: first.next_page_token as string,
    });
    expect(second.items.map((e) => e.name)).toEqual([`${prefix}-a`]);
    const tagged = await store().searchExperiments({
      viewType: "ALL",
      maxResults: 10,
      filter: `name LIKE '${prefix}%' AND tags.suffix = 'b'`,
    });
    expect(tagged.items.map((e) => e.name)).toEqual([`${prefix}-b`]);
    const upper = await store().searchExperiments({ viewType: "ALL", maxResults: 10, filter: `name LIKE '${prefix.toUpperCase()}%'` });
    expect(upper.items).toEqual([]);
    const ilike = await store().searchExperiments({ viewType: "ALL", maxResults: 10, filter: `name ILIKE '${prefix.toUpperCase()}%'` });
    expect(ilike.items).toHaveLength(3);
  });

  it("filters experiments by lifecycle stage", async () => {
    const prefix = uniqueName("view");
    const keep = await store().createExperiment({ name: `${prefix}-keep` });
    const gone = await store().createExperiment({ name: `${prefix}-gone` });
    await store().deleteExperiment(gone);
    const search = (viewType: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL") =>
      store().searchExperiments({ viewType, maxResults: 10, filter: `name LIKE '${prefix}%'`, orderBy: ["name"] });
    expect((await search("ACTIVE_ONLY")).items.map((e) => e.experiment_id)).toEqual([keep]);
    expect((await search("DELETED_ONLY")).items.map((e) => e.experiment_id)).toEqual([gone]);
    expect((await search("ALL")).items).toHaveLength(2);
  });
}
