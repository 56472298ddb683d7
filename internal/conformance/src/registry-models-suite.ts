import type { RegistryStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

const SOURCE = "s3://bucket/models/m";

/** Registered models: create, read, rename, update, tags, hard delete (mlflow-wire.md §1.3, §5). */
export function registeredModelTests(registry: () => RegistryStore): void {
  it("creates a model with tags and a description and reads it back", async () => {
    const name = uniqueName("model");
    const created = await registry().createRegisteredModel({ name, description: "fraud", tags: [{ key: "team", value: "risk" }] });
    expect(created).toMatchObject({ name, description: "fraud", tags: [{ key: "team", value: "risk" }], latest_versions: [], aliases: [] });
    expect(created.creation_timestamp).toBeGreaterThan(0);
    expect(await registry().getRegisteredModel(name)).toEqual(created);
  });

  it("refuses a duplicate name and reports unknown models", async () => {
    const name = uniqueName("dup");
    await registry().createRegisteredModel({ name });
    await expectError(
      registry().createRegisteredModel({ name }),
      "RESOURCE_ALREADY_EXISTS",
      `Registered Model (name=${name}) already exists.`,
    );
    const missing = uniqueName("missing");
    await expectError(registry().getRegisteredModel(missing), "RESOURCE_DOES_NOT_EXIST", `Registered Model with name=${missing} not found`);
    await expectError(registry().deleteRegisteredModel(missing), "RESOURCE_DOES_NOT_EXIST");
    await expectError(registry().updateRegisteredModel(missing, "d"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("refuses empty and unsafe names", async () => {
    await expectError(
      registry().createRegisteredModel({ name: "" }),
      "INVALID_PARAMETER_VALUE",
      "Missing value for required parameter 'name'",
    );
    for (const bad of ["a/b", "a%2Fb", "a#b", "a?b", "a\\b", "x".repeat(257)]) {
      await expectError(registry().createRegisteredModel({ name: bad }), "INVALID_PARAMETER_VALUE");
    }
  });

  it("updates the description and moves last_updated_timestamp", async () => {
    const name = uniqueName("upd");
    const created = await registry().createRegisteredModel({ name });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await registry().updateRegisteredModel(name, "new text");
    expect(updated.description).toBe("new text");
    expect(updated.last_updated_timestamp).toBeGreaterThan(created.last_updated_timestamp);
  });

  it("renames a model and carries versions, tags and aliases along", async () => {
    const name = uniqueName("old");
    await registry().createRegisteredModel({ name, tags: [{ key: "k", value: "v" }] });
    await registry().createModelVersion({ name, source: SOURCE, tags: [{ key: "vk", value: "vv" }] });
    await registry().createModelVersion({ name, source: SOURCE });
    await registry().setRegisteredModelAlias(name, "champion", "2");
    const fresh = uniqueName("new");
    const renamed = await registry().renameRegisteredModel(name, fresh);
    expect(renamed.name).toBe(fresh);
    expect(renamed.tags).toEqual([{ key: "k", value: "v" }]);
    expect(renamed.aliases).toEqual([{ alias: "champion", version: "2" }]);
    const v1 = await registry().getModelVersion(fresh, "1");
    expect(v1).toMatchObject({ name: fresh, version: "1", tags: [{ key: "vk", value: "vv" }] });
    expect((await registry().getModelVersionByAlias(fresh, "champion")).version).toBe("2");
    await expectError(registry().getRegisteredModel(name), "RESOURCE_DOES_NOT_EXIST");
    // The next version continues the numbering.
    expect((await registry().createModelVersion({ name: fresh, source: SOURCE })).version).toBe("3");
  });

  it("refuses to rename onto a taken name", async () => {
    const a = uniqueName("a");
    const b = uniqueName("b");
    await registry().createRegisteredModel({ name: a });
    await registry().createRegisteredModel({ name: b });
    await expectError(registry().renameRegisteredModel(a, b), "RESOURCE_ALREADY_EXISTS", `Registered Model (name=${b}) already exists.`);
    await expectError(registry().renameRegisteredModel(a, ""), "INVALID_PARAMETER_VALUE", "new_name");
    expect((await registry().getRegisteredModel(a)).name).toBe(a);
  });

  it("sets, overwrites and deletes model tags", async () => {
    const name = uniqueName("tags");
    await registry().createRegisteredModel({ name });
    await registry().setRegisteredModelTag(name, { key: "stage", value: "dev" });
    await registry().setRegisteredModelTag(name, { key: "stage", value: "prod" });
    await registry().setRegisteredModelTag(name, { key: "long", value: "x".repeat(100_000) });
    expect((await registry().getRegisteredModel(name)).tags.find((tag) => tag.key === "stage")?.value).toBe("prod");
    await registry().deleteRegisteredModelTag(name, "stage");
    await registry().deleteRegisteredModelTag(name, "never-set");
    expect((await registry().getRegisteredModel(name)).tags.map((tag) => tag.key)).toEqual(["long"]);
    await expectError(registry().setRegisteredModelTag(name, { key: "big", value: "x".repeat(100_001) }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().setRegisteredModelTag(name, { key: "k".repeat(251), value: "v" }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().setRegisteredModelTag(uniqueName("nope"), { key: "k", value: "v" }), "RESOURCE_DOES_NOT_EXIST");
  });

  it("hard-deletes a model with its versions, tags and aliases; the name can be reused", async () => {
    const name = uniqueName("del");
    await registry().createRegisteredModel({ name, tags: [{ key: "k", value: "v" }] });
    await registry().createModelVersion({ name, source: SOURCE, tags: [{ key: "t", value: "1" }] });
    await registry().setRegisteredModelAlias(name, "prod", "1");
    await registry().deleteRegisteredModel(name);
    await expectError(registry().getRegisteredModel(name), "RESOURCE_DOES_NOT_EXIST");
    await expectError(registry().getModelVersion(name, "1"), "RESOURCE_DOES_NOT_EXIST");
    const again = await registry().createRegisteredModel({ name });
    expect(again).toMatchObject({ tags: [], aliases: [], latest_versions: [] });
    expect((await registry().createModelVersion({ name, source: SOURCE })).version).toBe("1");
  });
}
