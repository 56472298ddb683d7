import type { RegistryStore, TrackingStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

const SOURCE = "s3://bucket/models/m";

/** Model versions: numbering, stages, soft delete, tags, aliases, sources (mlflow-wire.md §5). */
export function modelVersionTests(registry: () => RegistryStore, tracking: () => TrackingStore): void {
  const model = async (prefix: string) => {
    const name = uniqueName(prefix);
    await registry().createRegisteredModel({ name });
    return name;
  };

  it("creates READY versions numbered max+1, and never reuses a deleted number", async () => {
    const name = await model("num");
    const v1 = await registry().createModelVersion({ name, source: SOURCE, description: "first", runLink: "http://x/run" });
    expect(v1).toMatchObject({ name, version: "1", current_stage: "None", status: "READY", source: SOURCE, description: "first" });
    expect(v1.run_link).toBe("http://x/run");
    await registry().createModelVersion({ name, source: SOURCE });
    await registry().deleteModelVersion(name, "2");
    expect((await registry().createModelVersion({ name, source: SOURCE })).version).toBe("3");
    await expectError(registry().createModelVersion({ name: uniqueName("nope"), source: SOURCE }), "RESOURCE_DOES_NOT_EXIST");
  });

  it("numbers concurrent creates on one model without gaps or duplicates", async () => {
    const name = await model("race");
    const created = await Promise.all(Array.from({ length: 12 }, () => registry().createModelVersion({ name, source: SOURCE })));
    expect(created.map((version) => Number(version.version)).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("bumps the model's last update on a new version and lists latest versions per stage", async () => {
    const name = await model("latest");
    const before = await registry().getRegisteredModel(name);
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 4; i++) await registry().createModelVersion({ name, source: SOURCE });
    await registry().transitionModelVersionStage(name, "1", "production", false);
    await registry().transitionModelVersionStage(name, "2", "Staging", false);
    const after = await registry().getRegisteredModel(name);
    expect(after.last_updated_timestamp).toBeGreaterThan(before.last_updated_timestamp);
    const byStage = Object.fromEntries(after.latest_versions.map((version) => [version.current_stage, version.version]));
    expect(byStage).toEqual({ Production: "1", Staging: "2", None: "4" });
    const latest = await registry().getLatestVersions(name, ["PRODUCTION", "staging"]);
    expect(latest.map((version) => version.version).sort()).toEqual(["1", "2"]);
    expect((await registry().getLatestVersions(name)).length).toBe(3);
    await expectError(registry().getLatestVersions(name, ["Gold"]), "INVALID_PARAMETER_VALUE", "Invalid Model Version stage: Gold");
  });

  it("transitions stages case-insensitively and archives existing versions on request", async () => {
    const name = await model("stage");
    for (let i = 0; i < 3; i++) await registry().createModelVersion({ name, source: SOURCE });
    expect((await registry().transitionModelVersionStage(name, "1", "PRODUCTION", false)).current_stage).toBe("Production");
    await registry().transitionModelVersionStage(name, "2", "production", false);
    await registry().transitionModelVersionStage(name, "3", "Production", true);
    expect((await registry().getModelVersion(name, "1")).current_stage).toBe("Archived");
    expect((await registry().getModelVersion(name, "2")).current_stage).toBe("Archived");
    expect((await registry().getModelVersion(name, "3")).current_stage).toBe("Production");
    await expectError(
      registry().transitionModelVersionStage(name, "1", "Archived", true),
      "INVALID_PARAMETER_VALUE",
      "is not an Active stage",
    );
    await expectError(registry().transitionModelVersionStage(name, "1", "Gold", false), "INVALID_PARAMETER_VALUE");
    expect((await registry().getModelVersion(name, "1")).current_stage).toBe("Archived");
  });

  it("soft-deletes a version: redacted, hidden, aliases removed, tags kept", async () => {
    const name = await model("soft");
    await registry().createModelVersion({ name, source: SOURCE, tags: [{ key: "k", value: "v" }] });
    await registry().setRegisteredModelAlias(name, "champ", "1");
    await registry().deleteModelVersion(name, "1");
    await expectError(
      registry().getModelVersion(name, "1"),
      "RESOURCE_DOES_NOT_EXIST",
      `Model Version (name=${name}, version=1) not found`,
    );
    await expectError(registry().deleteModelVersion(name, "1"), "RESOURCE_DOES_NOT_EXIST");
    await expectError(
      registry().getModelVersionByAlias(name, "champ"),
      "INVALID_PARAMETER_VALUE",
      "Registered model alias champ not found.",
    );
    const found = await registry().searchModelVersions({ filter: `name = '${name}'`, maxResults: 10 });
    expect(found.items).toEqual([]);
    expect((await registry().getRegisteredModel(name)).latest_versions).toEqual([]);
  });

  it("updates a version's description; versions must be integers", async () => {
    const name = await model("desc");
    await registry().createModelVersion({ name, source: SOURCE });
    expect((await registry().updateModelVersion(name, "1", "better")).description).toBe("better");
    await expectError(
      registry().getModelVersion(name, "one"),
      "INVALID_PARAMETER_VALUE",
      "Parameter 'version' must be an integer, got 'one'.",
    );
    await expectError(registry().getModelVersion(name, "9"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("sets and deletes version tags", async () => {
    const name = await model("vtag");
    await registry().createModelVersion({ name, source: SOURCE });
    await registry().setModelVersionTag(name, "1", { key: "acc", value: "0.9" });
    await registry().setModelVersionTag(name, "1", { key: "acc", value: "0.95" });
    expect((await registry().getModelVersion(name, "1")).tags).toEqual([{ key: "acc", value: "0.95" }]);
    await registry().deleteModelVersionTag(name, "1", "acc");
    await registry().deleteModelVersionTag(name, "1", "never");
    expect((await registry().getModelVersion(name, "1")).tags).toEqual([]);
    await expectError(registry().setModelVersionTag(name, "7", { key: "a", value: "b" }), "RESOURCE_DOES_NOT_EXIST");
  });

  it("sets, moves, resolves and deletes aliases", async () => {
    const name = await model("alias");
    await registry().createModelVersion({ name, source: SOURCE });
    await registry().createModelVersion({ name, source: "s3://bucket/models/v2" });
    await registry().setRegisteredModelAlias(name, "champion", "1");
    await registry().setRegisteredModelAlias(name, "champion", "2");
    await registry().setRegisteredModelAlias(name, "challenger", "2");
    const resolved = await registry().getModelVersionByAlias(name, "champion");
    expect(resolved).toMatchObject({ version: "2", source: "s3://bucket/models/v2", aliases: ["challenger", "champion"] });
    expect((await registry().getRegisteredModel(name)).aliases).toEqual([
      { alias: "challenger", version: "2" },
      { alias: "champion", version: "2" },
    ]);
    await registry().deleteRegisteredModelAlias(name, "champion");
    await registry().deleteRegisteredModelAlias(name, "champion");
    await expectError(registry().getModelVersionByAlias(name, "champion"), "INVALID_PARAMETER_VALUE");
    await expectError(registry().setRegisteredModelAlias(name, "x", "9"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("refuses reserved and malformed aliases", async () => {
    const name = await model("badalias");
    await registry().createModelVersion({ name, source: SOURCE });
    await expectError(
      registry().setRegisteredModelAlias(name, "latest", "1"),
      "INVALID_PARAMETER_VALUE",
      "'latest' alias name (case insensitive) is reserved.",
    );
    await expectError(registry().setRegisteredModelAlias(name, "LaTeSt", "1"), "INVALID_PARAMETER_VALUE", "reserved");
    await expectError(
      registry().setRegisteredModelAlias(name, "v12", "1"),
      "INVALID_PARAMETER_VALUE",
      "Version alias name 'v12' is reserved.",
    );
    await expectError(registry().setRegisteredModelAlias(name, "a b", "1"), "INVALID_PARAMETER_VALUE", "Invalid alias name");
    await expectError(registry().setRegisteredModelAlias(name, "a".repeat(256), "1"), "INVALID_PARAMETER_VALUE", "length limit of 255");
    expect((await registry().getRegisteredModel(name)).aliases).toEqual([]);
  });

  it("resolves runs:/ sources to the run's artifact URI for get-download-uri", async () => {
    const name = await model("runs");
    const run = await tracking().createRun({ experimentId: "0" });
    const runId = run.info.run_id;
    const version = await registry().createModelVersion({ name, source: `runs:/${runId}/model`, runId });
    expect(version.source).toBe(`runs:/${runId}/model`);
    expect(version.run_id).toBe(runId);
    expect(await registry().getModelVersionDownloadUri(name, "1")).toBe(`${run.info.artifact_uri}/model`);
    await registry().createModelVersion({ name, source: SOURCE });
    expect(await registry().getModelVersionDownloadUri(name, "2")).toBe(SOURCE);
    const copy = await registry().createModelVersion({ name, source: `models:/${name}/1` });
    expect(await registry().getModelVersionDownloadUri(name, copy.version)).toBe(`${run.info.artifact_uri}/model`);
    await expectError(
      registry().createModelVersion({ name, source: "runs:/0123456789abcdef0123456789abcdef/model" }),
      "RESOURCE_DOES_NOT_EXIST",
    );
  });

  it("refuses local sources, prompts included, and writes nothing", async () => {
    const name = await model("local");
    await registry().setRegisteredModelTag(name, { key: "mlflow.prompt.is_prompt", value: "true" });
    for (const source of ["file:///etc/", "/etc/passwd", "../../../etc", "C:\\Windows", "//proc/self/root", "s3://b/%2e%2e/x"]) {
      await expectError(
        registry().createModelVersion({ name, source, tags: [{ key: "mlflow.prompt.text", value: "hi" }] }),
        "INVALID_PARAMETER_VALUE",
        "Invalid model version source",
      );
    }
    expect((await registry().searchModelVersions({ filter: `name = '${name}'`, maxResults: 10 })).items).toEqual([]);
  });

  it("takes MLflow's fixed prompt placeholder source on prompt versions only, and hides them from search", async () => {
    const name = await model("placeholder");
    // mlflow.genai.register_prompt sends source "dummy-source" with these tags on the version.
    const isPrompt = { key: "mlflow.prompt.is_prompt", value: "true" };
    await expectError(
      registry().createModelVersion({ name, source: "dummy-source" }),
      "INVALID_PARAMETER_VALUE",
      "Invalid model version source",
    );
    await expectError(
      registry().createModelVersion({ name, source: "../dummy-source", tags: [isPrompt] }),
      "INVALID_PARAMETER_VALUE",
      "Invalid model version source",
    );
    const prompt = await registry().createModelVersion({ name, source: "dummy-source", tags: [isPrompt] });
    expect(prompt).toMatchObject({ version: "1", source: "dummy-source", status: "READY" });
    expect(await registry().getModelVersionDownloadUri(name, "1")).toBe("dummy-source");
    expect((await registry().searchModelVersions({ filter: `name = '${name}'`, maxResults: 10 })).items).toEqual([]);
    const asked = await registry().searchModelVersions({
      filter: `name = '${name}' AND tags.\`mlflow.prompt.is_prompt\` = 'true'`,
      maxResults: 10,
    });
    expect(asked.items.map((version) => version.version)).toEqual(["1"]);
  });
}
