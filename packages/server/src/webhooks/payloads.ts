import type { WebhookEvent } from "@cairn/core";

/**
 * The body of a delivery, as MLflow's `_send_webhook_request` builds it: the event in
 * lowercase, an ISO-8601 UTC timestamp (Python's `isoformat()` spelling, microseconds and
 * `+00:00`) and the event's payload (`mlflow/webhooks/types.py`) under `data`.
 */
export function webhookEnvelope(event: WebhookEvent, data: Record<string, unknown>, now = new Date()): string {
  return JSON.stringify({
    entity: event.entity.toLowerCase(),
    action: event.action.toLowerCase(),
    timestamp: now.toISOString().replace("Z", "000+00:00"),
    data,
  });
}

/** The example payloads MLflow's test endpoint sends (`get_example_payload_for_event`). */
export function examplePayload(event: WebhookEvent): Record<string, unknown> {
  const key = `${event.entity}.${event.action}`;
  const model = { name: "example_model" };
  const prompt = { name: "example_prompt" };
  const tags = { example_key: "example_value" };
  switch (key) {
    case "REGISTERED_MODEL.CREATED":
      return { ...model, tags, description: "An example registered model" };
    case "MODEL_VERSION.CREATED":
      return { ...model, version: "1", source: "models:/123", run_id: "abcd1234abcd5678", tags, description: "An example model version" };
    case "MODEL_VERSION_TAG.SET":
      return { ...model, version: "1", key: "example_key", value: "example_value" };
    case "MODEL_VERSION_TAG.DELETED":
      return { ...model, version: "1", key: "example_key" };
    case "MODEL_VERSION_ALIAS.CREATED":
      return { ...model, alias: "example_alias", version: "1" };
    case "MODEL_VERSION_ALIAS.DELETED":
      return { ...model, alias: "example_alias" };
    case "PROMPT.CREATED":
      return { ...prompt, tags, description: "An example prompt" };
    case "PROMPT_VERSION.CREATED":
      return { ...prompt, version: "1", template: "Hello {{name}}!", tags, description: "An example prompt version" };
    case "PROMPT_TAG.SET":
      return { ...prompt, key: "example_key", value: "example_value" };
    case "PROMPT_TAG.DELETED":
      return { ...prompt, key: "example_key" };
    case "PROMPT_VERSION_TAG.SET":
      return { ...prompt, version: "1", key: "example_key", value: "example_value" };
    case "PROMPT_VERSION_TAG.DELETED":
      return { ...prompt, version: "1", key: "example_key" };
    case "PROMPT_ALIAS.CREATED":
      return { ...prompt, alias: "example_alias", version: "1" };
    case "PROMPT_ALIAS.DELETED":
      return { ...prompt, alias: "example_alias" };
    default:
      return {};
  }
}
