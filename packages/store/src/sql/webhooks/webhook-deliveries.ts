import type { PagedList, PageInput, WebhookDeliveryAttempt } from "@cairn/core";
import { fetchOffsetPage } from "../page-token.js";
import type { StoreContext } from "../store-context.js";
import { onConflictIgnore } from "../upsert.js";
import { requireWebhook } from "./webhook-rows.js";

export async function recordDeliveryAttempt(ctx: StoreContext, attempt: WebhookDeliveryAttempt): Promise<void> {
  await ctx.conn.write(async (trx) => {
    // A record is written once; a repeat (same delivery, same attempt) changes nothing.
    await onConflictIgnore(
      ctx.conn.capabilities,
      trx.insertInto("webhook_deliveries").values({
        delivery_id: attempt.delivery_id,
        attempt: attempt.attempt,
        webhook_id: attempt.webhook_id,
        event: attempt.event,
        timestamp: attempt.timestamp,
        outcome: attempt.outcome,
        response_status: attempt.response_status ?? null,
        error_message: attempt.error_message?.slice(0, 1000) ?? null,
        duration_ms: Math.round(attempt.duration_ms),
      }),
      "delivery_id",
    ).execute();
  });
}

export async function listDeliveryAttempts(
  ctx: StoreContext,
  webhookId: string,
  input: PageInput,
): Promise<PagedList<WebhookDeliveryAttempt>> {
  const db = ctx.conn.reader;
  await requireWebhook(db, webhookId);
  const query = db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .orderBy("timestamp", "desc")
    .orderBy("delivery_id", "desc")
    .orderBy("attempt", "desc");
  return fetchOffsetPage(
    input.pageToken,
    input.maxResults,
    (limit, offset) => query.limit(limit).offset(offset).execute(),
    (rows) =>
      rows.map(
        (row): WebhookDeliveryAttempt => ({
          delivery_id: row.delivery_id,
          webhook_id: row.webhook_id,
          event: row.event,
          attempt: Number(row.attempt),
          timestamp: Number(row.timestamp),
          outcome: row.outcome as WebhookDeliveryAttempt["outcome"],
          ...(row.response_status !== null ? { response_status: Number(row.response_status) } : {}),
          ...(row.error_message !== null ? { error_message: row.error_message } : {}),
          duration_ms: Number(row.duration_ms),
        }),
      ),
  );
}
