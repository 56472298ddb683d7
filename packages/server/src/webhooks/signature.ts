import { createHmac } from "node:crypto";

/** MLflow's webhook headers (`mlflow/webhooks/constants.py`). */
export const SIGNATURE_HEADER = "X-MLflow-Signature";
export const TIMESTAMP_HEADER = "X-MLflow-Timestamp";
export const DELIVERY_ID_HEADER = "X-MLflow-Delivery-Id";

/**
 * MLflow's signature: `v1,` then base64 of HMAC-SHA256, keyed by the secret, over
 * `<delivery_id>.<timestamp>.<payload>` (the Standard Webhooks scheme). A receiver recomputes
 * it over the raw body it got and compares in constant time.
 *
 * @example
 * signWebhookPayload("s3cret", "6f1c…", "1735689600", '{"entity":"model_version",…}'); // "v1,Qm9…="
 */
export function signWebhookPayload(secret: string, deliveryId: string, timestamp: string, payload: string): string {
  const digest = createHmac("sha256", secret).update(`${deliveryId}.${timestamp}.${payload}`, "utf8").digest("base64");
  return `v1,${digest}`;
}
