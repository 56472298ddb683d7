import { type ModelVersion, PROMPT_TAG_KEY, type RegisteredModel, type RegistryStore, type Tag, type WebhookEntity } from "@cairn/core";
import type { EventMessage, WebhookDispatcher } from "./webhook-dispatcher.js";

/** The template of a prompt version (mlflow-wire.md §1.9). */
const PROMPT_TEXT_TAG = "mlflow.prompt.text";

const tagDict = (tags: readonly Tag[]): Record<string, string> => Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
const marksPrompt = (tags: readonly Tag[]) => tags.some((tag) => tag.key === PROMPT_TAG_KEY && tag.value.toLowerCase() === "true");

/**
 * Wraps a registry store so each write, once it has committed, fires MLflow's webhook event
 * (`mlflow/webhooks/types.py`): registered model and prompt created, version created, version
 * tag set/deleted, alias created/deleted, and prompt tag set/deleted. A model tagged
 * `mlflow.prompt.is_prompt=true` fires the PROMPT_* variant instead. Firing only queues work
 * (`WebhookDispatcher.publish` returns at once), so the API answer never waits on a receiver,
 * and a failed write fires nothing. Wrapping the port means every backend fires the same events.
 *
 * @example
 * const registry = registryWithEvents(validatedRegistryStore(sqlRegistry, tracking), dispatcher);
 */
export function registryWithEvents(store: RegistryStore, dispatcher: WebhookDispatcher): RegistryStore {
  /** Whether `name` is a prompt, read after the write (a model gone since counts as not). */
  const isPrompt = async (name: string): Promise<boolean> => {
    try {
      return marksPrompt((await store.getRegisteredModel(name)).tags);
    } catch {
      return false;
    }
  };
  const pair = (model: WebhookEntity, prompt: WebhookEntity, action: "CREATED" | "SET" | "DELETED") =>
    [
      { entity: model, action },
      { entity: prompt, action },
    ] as const;
  /** The model or prompt variant of one event, decided after the write. */
  const fire = (
    model: WebhookEntity,
    prompt: WebhookEntity,
    action: "CREATED" | "SET" | "DELETED",
    name: string,
    data: Record<string, unknown>,
  ) =>
    dispatcher.publish(
      pair(model, prompt, action),
      async (): Promise<EventMessage> => ({
        event: { entity: (await isPrompt(name)) ? prompt : model, action },
        data,
      }),
    );

  const overrides: Partial<RegistryStore> = {
    async createRegisteredModel(input) {
      const model: RegisteredModel = await store.createRegisteredModel(input);
      dispatcher.publish(pair("REGISTERED_MODEL", "PROMPT", "CREATED"), async () => ({
        event: { entity: marksPrompt(model.tags) ? "PROMPT" : "REGISTERED_MODEL", action: "CREATED" },
        data: { name: model.name, tags: tagDict(model.tags), description: model.description ?? null },
      }));
      return model;
    },
    async createModelVersion(input) {
      const version: ModelVersion = await store.createModelVersion(input);
      dispatcher.publish(pair("MODEL_VERSION", "PROMPT_VERSION", "CREATED"), async () => {
        const tags = tagDict(version.tags);
        const base = { name: version.name, version: version.version };
        if (marksPrompt(version.tags) || (await isPrompt(version.name))) {
          return {
            event: { entity: "PROMPT_VERSION", action: "CREATED" },
            data: { ...base, template: tags[PROMPT_TEXT_TAG] ?? "", tags, description: version.description ?? null },
          };
        }
        return {
          event: { entity: "MODEL_VERSION", action: "CREATED" },
          data: { ...base, source: version.source, run_id: version.run_id ?? null, tags, description: version.description ?? null },
        };
      });
      return version;
    },
    async setModelVersionTag(name, version, tag) {
      await store.setModelVersionTag(name, version, tag);
      fire("MODEL_VERSION_TAG", "PROMPT_VERSION_TAG", "SET", name, { name, version, key: tag.key, value: tag.value });
    },
    async deleteModelVersionTag(name, version, key) {
      await store.deleteModelVersionTag(name, version, key);
      fire("MODEL_VERSION_TAG", "PROMPT_VERSION_TAG", "DELETED", name, { name, version, key });
    },
    async setRegisteredModelAlias(name, alias, version) {
      await store.setRegisteredModelAlias(name, alias, version);
      fire("MODEL_VERSION_ALIAS", "PROMPT_ALIAS", "CREATED", name, { name, alias, version });
    },
    async deleteRegisteredModelAlias(name, alias) {
      await store.deleteRegisteredModelAlias(name, alias);
      fire("MODEL_VERSION_ALIAS", "PROMPT_ALIAS", "DELETED", name, { name, alias });
    },
    // MLflow has no event for a registered model's own tags; a prompt's tags are PROMPT_TAG.
    async setRegisteredModelTag(name, tag) {
      await store.setRegisteredModelTag(name, tag);
      dispatcher.publish([{ entity: "PROMPT_TAG", action: "SET" }], async () =>
        (await isPrompt(name)) ? { event: { entity: "PROMPT_TAG", action: "SET" }, data: { name, key: tag.key, value: tag.value } } : null,
      );
    },
    async deleteRegisteredModelTag(name, key) {
      await store.deleteRegisteredModelTag(name, key);
      dispatcher.publish([{ entity: "PROMPT_TAG", action: "DELETED" }], async () =>
        (await isPrompt(name)) ? { event: { entity: "PROMPT_TAG", action: "DELETED" }, data: { name, key } } : null,
      );
    },
  };
  // Every other method goes straight to the store (bound, so class-based stores work too).
  return new Proxy(store, {
    get(target, key) {
      const override = overrides[key as keyof RegistryStore];
      if (override) return override;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
