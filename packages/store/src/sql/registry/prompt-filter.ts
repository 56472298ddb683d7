import { type FilterClause, PROMPT_TAG_KEY } from "@cairn/core";
import { sql } from "kysely";

/**
 * Splits a registry filter the way MLflow's SQL store does (`_is_querying_prompt` and
 * `_update_query_to_exclude_prompts` in mlflow/store/model_registry/sqlalchemy_store.py).
 *
 * A search asks for prompts only when it says `tags.mlflow.prompt.is_prompt = 'true'` (or
 * `!= 'false'`); its clauses then apply as written. Any other search returns models only: its
 * clauses on the prompt tag are dropped and prompts are excluded. This matters because the
 * Python client (2.21+) appends ``tag.`mlflow.prompt.is_prompt` != 'true'`` to every
 * `search_registered_models` filter, and plain models carry no such tag, so applying that clause
 * literally would hide every model.
 *
 * @example
 * splitPromptClauses(parseRegisteredModelFilter("name = 'a' AND tag.`mlflow.prompt.is_prompt` != 'true'"));
 * // → { clauses: [name = 'a'], excludePrompts: true }
 */
export function splitPromptClauses(clauses: readonly FilterClause[]): { clauses: FilterClause[]; excludePrompts: boolean } {
  const promptClause = clauses.find((clause) => clause.type === "tag" && clause.key === PROMPT_TAG_KEY);
  const value = typeof promptClause?.value === "string" ? promptClause.value.toLowerCase() : undefined;
  const queryingPrompts =
    (promptClause?.comparator === "=" && value === "true") || (promptClause?.comparator === "!=" && value === "false");
  if (queryingPrompts) return { clauses: [...clauses], excludePrompts: false };
  return { clauses: clauses.filter((clause) => !(clause.type === "tag" && clause.key === PROMPT_TAG_KEY)), excludePrompts: true };
}

/**
 * Leaves prompts out of a registry search: no tag row says the name is a prompt. For versions
 * too, as MLflow does: a name with any prompt-tagged version is a prompt, all its versions go.
 */
export function notPromptTagged(
  tags: "registered_model_tags" | "model_version_tags",
  name: "registered_models.name" | "model_versions.name",
) {
  return sql<boolean>`not exists (select 1 from ${sql.table(tags)} as p
    where ${sql.ref("p.name")} = ${sql.ref(name)} and ${sql.ref("p.key")} = ${PROMPT_TAG_KEY} and lower(${sql.ref("p.value")}) = 'true')`;
}
