import type {
  CreateWebhookInput,
  PagedList,
  PageInput,
  UpdateWebhookInput,
  Webhook,
  WebhookDeliveryAttempt,
  WebhookEvent,
  WebhookStore,
  WebhookTarget,
} from "@cairn/core";
import type { SqlConnection } from "../capabilities.js";
import { migrate } from "../migrator.js";
import type { StoreContext } from "../store-context.js";
import { SecretCipher } from "./secret-cipher.js";
import { listDeliveryAttempts, recordDeliveryAttempt } from "./webhook-deliveries.js";
import * as webhooks from "./webhooks.js";

export interface SqlWebhookStoreOptions {
  /** false when the connection is shared with the tracking store (close leaves it open). */
  ownsConnection?: boolean;
  /** Encrypts secrets at rest (`--webhooks-secret-key`); absent, they are stored marked plain. */
  secretKey?: string;
}

/** The one SQL implementation of `WebhookStore`, in the same database as the registry. */
export class SqlWebhookStore implements WebhookStore {
  readonly #ctx: StoreContext;
  readonly #cipher: SecretCipher;
  readonly #ownsConnection: boolean;

  private constructor(ctx: StoreContext, cipher: SecretCipher, ownsConnection: boolean) {
    this.#ctx = ctx;
    this.#cipher = cipher;
    this.#ownsConnection = ownsConnection;
  }

  /** Runs pending migrations and returns the store. */
  static async open(conn: SqlConnection, options: SqlWebhookStoreOptions = {}): Promise<SqlWebhookStore> {
    await migrate(conn);
    return new SqlWebhookStore({ conn, defaultArtifactRoot: "" }, new SecretCipher(options.secretKey), options.ownsConnection ?? true);
  }

  createWebhook(input: CreateWebhookInput): Promise<Webhook> {
    return webhooks.createWebhook(this.#ctx, this.#cipher, input);
  }
  getWebhook(webhookId: string): Promise<Webhook> {
    return webhooks.getWebhook(this.#ctx, webhookId);
  }
  listWebhooks(input: PageInput): Promise<PagedList<Webhook>> {
    return webhooks.listWebhooks(this.#ctx, input);
  }
  updateWebhook(webhookId: string, input: UpdateWebhookInput): Promise<Webhook> {
    return webhooks.updateWebhook(this.#ctx, this.#cipher, webhookId, input);
  }
  deleteWebhook(webhookId: string): Promise<void> {
    return webhooks.deleteWebhook(this.#ctx, webhookId);
  }
  getWebhookTarget(webhookId: string): Promise<WebhookTarget> {
    return webhooks.getWebhookTarget(this.#ctx, this.#cipher, webhookId);
  }
  listWebhookTargets(event: WebhookEvent): Promise<WebhookTarget[]> {
    return webhooks.listWebhookTargets(this.#ctx, this.#cipher, event);
  }
  recordDeliveryAttempt(attempt: WebhookDeliveryAttempt): Promise<void> {
    return recordDeliveryAttempt(this.#ctx, attempt);
  }
  listDeliveryAttempts(webhookId: string, input: PageInput): Promise<PagedList<WebhookDeliveryAttempt>> {
    return listDeliveryAttempts(this.#ctx, webhookId, input);
  }
  async close(): Promise<void> {
    if (this.#ownsConnection) await this.#ctx.conn.close();
  }
}
