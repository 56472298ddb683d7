import { type LoggedModelStore, MODEL_VERSIONS_TAG, type RegistryStore, type TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

interface Stores {
  tracking: TrackingStore;
  loggedModels: LoggedModelStore;
  registry: RegistryStore;
}

/** Registry versions made from logged models: run linkage, the recorded registration, resolution. */
export function loggedModelRegistryTests(stores: () => Stores): void {
  const setup = async () => {
    const experimentId = await stores().tracking.createExperiment({ name: uniqueName("lm-reg") });
    const runId = (await stores().tracking.createRun({ experimentId })).info.run_id;
    const model = await stores().loggedModels.createLoggedModel({ experimentId, sourceRunId: runId });
    const name = uniqueName("reg");
    await stores().registry.createRegisteredModel({ name });
    return { runId, model, name };
  };

  it("registers models:/<model_id>: run_id from the model, registration recorded, download URI resolved", async () => {
    const { runId, model, name } = await setup();
    const id = model.info.model_id;
    const first = await stores().registry.createModelVersion({ name, source: `models:/${id}`, modelId: id });
    expect(first).toMatchObject({ version: "1", source: `models:/${id}`, run_id: runId, model_id: id });
    expect(await stores().registry.getModelVersionDownloadUri(name, "1")).toBe(model.info.artifact_uri);
    // The model id can also come from the source alone, and the source can be the location itself.
    await stores().registry.createModelVersion({ name, source: `models:/${id}` });
    await stores().registry.createModelVersion({ name, source: model.info.artifact_uri, modelId: id });
    const read = await stores().loggedModels.getLoggedModel(id);
    expect(read.info.tags.find((tag) => tag.key === MODEL_VERSIONS_TAG)?.value).toBe(
      `[{"name": "${name}", "version": 1}, {"name": "${name}", "version": 2}, {"name": "${name}", "version": 3}]`,
    );
    expect(read.info.registrations).toEqual([
      { name, version: "1" },
      { name, version: "2" },
      { name, version: "3" },
    ]);
    expect((await stores().registry.getModelVersion(name, "2")).model_id).toBe(id);
  });

  it("refuses an unknown logged model without creating a version", async () => {
    const { name } = await setup();
    const unknown = "m-33333333333333333333333333333333";
    await expectError(stores().registry.createModelVersion({ name, source: `models:/${unknown}` }), "RESOURCE_DOES_NOT_EXIST", unknown);
    await expectError(
      stores().registry.createModelVersion({ name, source: "s3://bucket/model", modelId: unknown }),
      "RESOURCE_DOES_NOT_EXIST",
    );
    expect((await stores().registry.getRegisteredModel(name)).latest_versions).toEqual([]);
  });
}
