import { type FilterClause, PROMPT_TAG_KEY } from "@cairn/core";

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
