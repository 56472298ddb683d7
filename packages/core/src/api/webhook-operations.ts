import { type Operation, op } from "./operation.js";

/**
 * The webhook operations (mlflow-wire.md §1.8). `:webhook_id` is a path parameter: the server
 * maps it into the request message, where it overrides a body field of the same name. The
 * delivery log is a Cairn extension, so it lives under `/cairn/`, never beside MLflow's paths.
 */
export const WEBHOOK_OPERATIONS: readonly Operation[] = [
  op("createWebhook", ["POST"], "/mlflow/webhooks"),
  op("listWebhooks", ["GET"], "/mlflow/webhooks"),
  op("getWebhook", ["GET"], "/mlflow/webhooks/:webhook_id"),
  op("updateWebhook", ["PATCH"], "/mlflow/webhooks/:webhook_id"),
  op("deleteWebhook", ["DELETE"], "/mlflow/webhooks/:webhook_id"),
  op("testWebhook", ["POST"], "/mlflow/webhooks/:webhook_id/test"),
  op("listWebhookDeliveries", ["GET"], "/cairn/webhooks/:webhook_id/deliveries"),
];
