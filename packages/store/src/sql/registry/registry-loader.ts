import { type ModelVersion, type RegisteredModel, type RegisteredModelAlias, STAGE_DELETED_INTERNAL, type Tag } from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database, ModelVersionsTable, RegisteredModelsTable } from "../schema.js";
import { toModelVersion, toRegisteredModel } from "./registry-rows.js";

/** Children are loaded in bulk, one `IN (…)` query per table and chunk, never per row. */
const CHUNK = 500;

const versionKey = (name: string, version: number) => `${name}\u0000${version}`;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/** Model versions with their tags and alias names, in the order given. */
export async function loadModelVersions(db: Kysely<Database>, rows: ModelVersionsTable[]): Promise<ModelVersion[]> {
  if (rows.length === 0) return [];
  const wanted = new Set(rows.map((row) => versionKey(row.name, row.version)));
  const names = [...new Set(rows.map((row) => row.name))];
  const tags = new Map<string, Tag[]>();
  const aliases = new Map<string, string[]>();
  for (const chunk of chunks(names)) {
    const tagRows = await db
      .selectFrom("model_version_tags")
      .select(["name", "version", "key", "value"])
      .where("name", "in", chunk)
      .orderBy("key")
      .execute();
    for (const row of tagRows) {
      const key = versionKey(row.name, row.version);
      if (!wanted.has(key)) continue;
      const list = tags.get(key) ?? [];
      list.push({ key: row.key, value: row.value });
      tags.set(key, list);
    }
    const aliasRows = await db
      .selectFrom("registered_model_aliases")
      .select(["name", "alias", "version"])
      .where("name", "in", chunk)
      .orderBy("alias")
      .execute();
    for (const row of aliasRows) {
      const key = versionKey(row.name, row.version);
      const list = aliases.get(key) ?? [];
      list.push(row.alias);
      aliases.set(key, list);
    }
  }
  return rows.map((row) => {
    const key = versionKey(row.name, row.version);
    return toModelVersion(row, tags.get(key) ?? [], aliases.get(key) ?? []);
  });
}

/** Registered models with tags, aliases and the latest live version of each stage. */
export async function loadRegisteredModels(db: Kysely<Database>, rows: RegisteredModelsTable[]): Promise<RegisteredModel[]> {
  if (rows.length === 0) return [];
  const names = rows.map((row) => row.name);
  const tags = new Map<string, Tag[]>();
  const aliases = new Map<string, RegisteredModelAlias[]>();
  const latestRows: ModelVersionsTable[] = [];
  for (const chunk of chunks(names)) {
    for (const row of await db
      .selectFrom("registered_model_tags")
      .select(["name", "key", "value"])
      .where("name", "in", chunk)
      .orderBy("key")
      .execute()) {
      const list = tags.get(row.name) ?? [];
      list.push({ key: row.key, value: row.value });
      tags.set(row.name, list);
    }
    for (const row of await db
      .selectFrom("registered_model_aliases")
      .select(["name", "alias", "version"])
      .where("name", "in", chunk)
      .orderBy("alias")
      .execute()) {
      const list = aliases.get(row.name) ?? [];
      list.push({ alias: row.alias, version: String(row.version) });
      aliases.set(row.name, list);
    }
    const latest = db
      .selectFrom("model_versions")
      .select(["name", "current_stage"])
      .select((eb) => eb.fn.max("version").as("version"))
      .where("name", "in", chunk)
      .where("current_stage", "<>", STAGE_DELETED_INTERNAL)
      .groupBy(["name", "current_stage"]);
    latestRows.push(
      ...(await db
        .selectFrom("model_versions as mv")
        .innerJoin(latest.as("l"), (join) => join.onRef("l.name", "=", "mv.name").onRef("l.version", "=", "mv.version"))
        .selectAll("mv")
        .orderBy("mv.version")
        .execute()),
    );
  }
  const versions = await loadModelVersions(db, latestRows);
  const latestByName = new Map<string, ModelVersion[]>();
  for (const version of versions) {
    const list = latestByName.get(version.name) ?? [];
    list.push(version);
    latestByName.set(version.name, list);
  }
  return rows.map((row) => toRegisteredModel(row, tags.get(row.name) ?? [], aliases.get(row.name) ?? [], latestByName.get(row.name) ?? []));
}
