import type { RegistryStore } from "@cairn/core";
import { expect, it } from "vitest";
import { expectError } from "./expect-error.js";
import { uniqueName } from "./suite-options.js";

/** search-registered-models and search-model-versions (mlflow-wire.md §3.4, §3.5, §1.9). */
export function registrySearchTests(registry: () => RegistryStore): void {
  it("filters models by name and tags, orders them and pages with offset tokens", async () => {
    const prefix = uniqueName("srch");
    for (const [suffix, team] of [
      ["a", "risk"],
      ["b", "vision"],
      ["c", "risk"],
    ] as const) {
      await registry().createRegisteredModel({ name: `${prefix}-${suffix}`, tags: [{ key: "team", value: team }] });
    }
    const like = await registry().searchRegisteredModels({ filter: `name LIKE '${prefix}-%'`, maxResults: 100 });
    expect(like.items.map((model) => model.name)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    const risk = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}%' and tags.team = 'risk'`,
      maxResults: 100,
      orderBy: ["name DESC"],
    });
    expect(risk.items.map((model) => model.name)).toEqual([`${prefix}-c`, `${prefix}-a`]);
    const ilike = await registry().searchRegisteredModels({ filter: `name ILIKE '${prefix.toUpperCase()}-B'`, maxResults: 100 });
    expect(ilike.items.map((model) => model.name)).toEqual([`${prefix}-b`]);
    const first = await registry().searchRegisteredModels({ filter: `name LIKE '${prefix}-%'`, maxResults: 2 });
    expect(first.items.length).toBe(2);
    expect(first.next_page_token).toBeDefined();
    const second = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}-%'`,
      maxResults: 2,
      ...(first.next_page_token ? { pageToken: first.next_page_token } : {}),
    });
    expect(second.items.map((model) => model.name)).toEqual([`${prefix}-c`]);
    expect(second.next_page_token).toBeUndefined();
    const byUpdate = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}-%'`,
      maxResults: 10,
      orderBy: ["last_updated_timestamp DESC"],
    });
    expect(byUpdate.items.length).toBe(3);
  });

  it("hides prompts unless the filter asks for them, as the Python client searches", async () => {
    const prefix = uniqueName("prm");
    await registry().createRegisteredModel({ name: `${prefix}-model` });
    await registry().createRegisteredModel({ name: `${prefix}-prompt`, tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    const plain = await registry().searchRegisteredModels({ filter: `name LIKE '${prefix}-%'`, maxResults: 10 });
    expect(plain.items.map((model) => model.name)).toEqual([`${prefix}-model`]);
    const prompts = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}-%' and tags.\`mlflow.prompt.is_prompt\` = 'true'`,
      maxResults: 10,
    });
    expect(prompts.items.map((model) => model.name)).toEqual([`${prefix}-prompt`]);
    // The Python client (2.21+) appends this clause to every model search; plain models carry no
    // such tag, so MLflow drops the clause and excludes prompts instead of comparing literally.
    const excluded = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}-%' AND tag.\`mlflow.prompt.is_prompt\` != 'true'`,
      maxResults: 10,
    });
    expect(excluded.items.map((model) => model.name)).toEqual([`${prefix}-model`]);
    const notFalse = await registry().searchRegisteredModels({
      filter: `name LIKE '${prefix}-%' AND tags.\`mlflow.prompt.is_prompt\` != 'false'`,
      maxResults: 10,
    });
    expect(notFalse.items.map((model) => model.name)).toEqual([`${prefix}-prompt`]);
    // get still answers for a prompt: it is hidden from search only.
    expect((await registry().getRegisteredModel(`${prefix}-prompt`)).name).toBe(`${prefix}-prompt`);
  });

  it("refuses bad filters, order_by and max_results", async () => {
    await expectError(registry().searchRegisteredModels({ filter: "name = 'a' OR name = 'b'", maxResults: 10 }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().searchRegisteredModels({ filter: "creation_timestamp > 1", maxResults: 10 }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().searchRegisteredModels({ maxResults: 10, orderBy: ["creation_timestamp"] }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().searchRegisteredModels({ maxResults: 1001 }), "INVALID_PARAMETER_VALUE", "max_results");
    await expectError(registry().searchRegisteredModels({ maxResults: 0 }), "INVALID_PARAMETER_VALUE", "max_results");
    await expectError(registry().searchModelVersions({ maxResults: 200_001 }), "INVALID_PARAMETER_VALUE", "max_results");
    await expectError(registry().searchModelVersions({ filter: "run_id LIKE 'a%'", maxResults: 10 }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().searchModelVersions({ filter: "version_number = 'x'", maxResults: 10 }), "INVALID_PARAMETER_VALUE");
    await expectError(registry().searchModelVersions({ maxResults: 10, pageToken: "garbage" }), "INVALID_PARAMETER_VALUE");
  });

  it("searches versions by name, IN lists, run_id, source, version_number and tags", async () => {
    const a = uniqueName("va");
    const b = uniqueName("vb");
    for (const name of [a, b]) {
      await registry().createRegisteredModel({ name });
      for (let i = 1; i <= 3; i++) {
        await registry().createModelVersion({
          name,
          source: `s3://bucket/${name}/v${i}`,
          runId: `run${i}x${name.length}`,
          tags: [{ key: "parity", value: i % 2 ? "odd" : "even" }],
        });
      }
    }
    const byName = await registry().searchModelVersions({ filter: `name = '${a}'`, maxResults: 100 });
    expect(byName.items.map((version) => version.version)).toEqual(["3", "2", "1"]);
    const both = await registry().searchModelVersions({ filter: `name IN ('${a}', '${b}')`, maxResults: 100 });
    expect(both.items.map((version) => `${version.name === a ? "a" : "b"}${version.version}`)).toEqual(
      a < b ? ["a3", "a2", "a1", "b3", "b2", "b1"] : ["b3", "b2", "b1", "a3", "a2", "a1"],
    );
    const even = await registry().searchModelVersions({ filter: `name = '${a}' and tags.parity = 'even'`, maxResults: 100 });
    expect(even.items.map((version) => version.version)).toEqual(["2"]);
    const newer = await registry().searchModelVersions({
      filter: `name = '${b}' and version_number >= 2`,
      maxResults: 100,
      orderBy: ["version_number ASC"],
    });
    expect(newer.items.map((version) => version.version)).toEqual(["2", "3"]);
    const source = await registry().searchModelVersions({ filter: `source_path LIKE 's3://bucket/${a}/%'`, maxResults: 100 });
    expect(source.items.length).toBe(3);
    const run = await registry().searchModelVersions({ filter: `run_id = 'run1x${a.length}' and name = '${a}'`, maxResults: 100 });
    expect(run.items.map((version) => version.version)).toEqual(["1"]);
    const paged = await registry().searchModelVersions({ filter: `name = '${a}'`, maxResults: 2 });
    expect(paged.items.length).toBe(2);
    const rest = await registry().searchModelVersions({
      filter: `name = '${a}'`,
      maxResults: 2,
      ...(paged.next_page_token ? { pageToken: paged.next_page_token } : {}),
    });
    expect(rest.items.map((version) => version.version)).toEqual(["1"]);
  });
}
