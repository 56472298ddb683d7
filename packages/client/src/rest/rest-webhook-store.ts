import {
  CairnError,
  type CreateWebhookInput,
  type PagedList,
  type PageInput,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookDeliveryAttempt,
  type WebhookStore,
  type WebhookTarget,
} from "@cairn/core";
import type { CairnRestClient } from "./cairn-rest-client.js";

/**
 * Core's `WebhookStore` port over MLflow's webhook API and Cairn's delivery-log extension
 * (`/api/2.0/cairn/webhooks/:webhook_id/deliveries`). What only the server itself uses is not on
 * the wire on purpose (secrets never leave the server, and only the server records attempts),
 * so those methods answer NOT_IMPLEMENTED.
 *
 * @example
 * const webhooks = new RestWebhookStore(new CairnRestClient({ baseUrl }));
 * await webhooks.createWebhook({ name: "ci", url: "https://ci.example.com/hook", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] });
 */
export class RestWebhookStore implements WebhookStore {
  readonly #client: CairnRestClient;

  constructor(client: CairnRestClient) {
    this.#client = client;
  }

  async createWebhook(input: CreateWebhookInput): Promise<Webhook> {
    const out = await this.#client.createWebhook({
      name: input.name,
      url: input.url,
      events: input.events,
      description: input.description,
      secret: input.secret,
      status: input.status,
    });
    return out.webhook;
  }
  async getWebhook(webhookId: string): Promise<Webhook> {
    return (await this.#client.getWebhook({ webhook_id: webhookId })).webhook;
  }
  async listWebhooks(input: PageInput): Promise<PagedList<Webhook>> {
    const out = await this.#client.listWebhooks({ max_results: input.maxResults, page_token: input.pageToken });
    return out.next_page_token ? { items: out.webhooks, next_page_token: out.next_page_token } : { items: out.webhooks };
  }
  async updateWebhook(webhookId: string, input: UpdateWebhookInput): Promise<Webhook> {
    const out = await this.#client.updateWebhook({
      webhook_id: webhookId,
      name: input.name,
      description: input.description,
      url: input.url,
      events: input.events,
      secret: input.secret,
      status: input.status,
    });
    return out.webhook;
  }
  async deleteWebhook(webhookId: string): Promise<void> {
    await this.#client.deleteWebhook({ webhook_id: webhookId });
  }
  async getWebhookTarget(): Promise<WebhookTarget> {
    throw new CairnError("NOT_IMPLEMENTED", "Secrets are not on the wire.");
  }
  async listWebhookTargets(): Promise<WebhookTarget[]> {
    throw new CairnError("NOT_IMPLEMENTED", "Subscriber look-up is not on the wire.");
  }
  async recordDeliveryAttempt(): Promise<void> {
    throw new CairnError("NOT_IMPLEMENTED", "Attempts are recorded by the server only.");
  }
  async listDeliveryAttempts(webhookId: string, input: PageInput): Promise<PagedList<WebhookDeliveryAttempt>> {
    const out = await this.#client.listWebhookDeliveries({
      webhook_id: webhookId,
      max_results: input.maxResults,
      page_token: input.pageToken,
    });
    return out.next_page_token ? { items: out.deliveries, next_page_token: out.next_page_token } : { items: out.deliveries };
  }
  /** Nothing to release: fetch keeps no handles the process must close. */
  async close(): Promise<void> {}
}
