export { parseIpAddress } from "./ip-address.js";
export { type AddressVerdict, nonPublicAddress } from "./non-public-address.js";
export { parseWebhookUrl, WEBHOOK_URL_MAX_LENGTH, WEBHOOK_URL_SCHEMES, type WebhookUrl } from "./webhook-url.js";
