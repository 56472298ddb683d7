import { invalidParameter } from "../errors/cairn-error.js";

/** MLflow's `webhooks.url` column is String(500). */
export const WEBHOOK_URL_MAX_LENGTH = 500;

/** Only plain web requests: no `file:`, `gopher:`, `ftp:` … */
export const WEBHOOK_URL_SCHEMES = ["http:", "https:"] as const;

/** Host names that always mean instance metadata, refused before any lookup. */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

export interface WebhookUrl {
  url: URL;
  /** The host as the URL parser normalised it: IPv4 in dotted decimal, IPv6 without brackets. */
  host: string;
  port: number;
}

/**
 * Checks a webhook URL's shape and returns it parsed: http or https only, a host, no user
 * name or password (they would be stored and shown in clear), no control characters, at most
 * 500 characters. The URL parser already normalises the decimal, octal and hexadecimal IPv4
 * spellings (`http://2130706433/`, `http://0x7f.1/`) to dotted form, so the address check
 * that follows sees the real address. Whether the host may be reached is a separate check.
 *
 * @example
 * parseWebhookUrl("https://ci.example.com/hook").host; // "ci.example.com"
 */
export function parseWebhookUrl(text: string): WebhookUrl {
  if (text.length > WEBHOOK_URL_MAX_LENGTH) {
    throw invalidParameter(`Webhook URL is too long: ${text.length} characters, at most ${WEBHOOK_URL_MAX_LENGTH} are allowed.`);
  }
  // Raw control characters and spaces would be silently dropped or escaped by the parser.
  if (/[\u0000-\u0020\u007f]/.test(text)) throw invalidParameter("Invalid webhook URL: it contains spaces or control characters.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidParameter("Invalid webhook URL: it is not an absolute URL.");
  }
  if (!(WEBHOOK_URL_SCHEMES as readonly string[]).includes(url.protocol)) {
    throw invalidParameter(`Invalid webhook URL scheme: '${url.protocol.slice(0, -1).slice(0, 50)}'. Allowed schemes are: http, https.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw invalidParameter("Invalid webhook URL: credentials in the URL are not allowed; use the webhook secret instead.");
  }
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (host === "") throw invalidParameter("Invalid webhook URL: it has no host.");
  if (METADATA_HOSTS.has(host.toLowerCase().replace(/\.$/, ""))) {
    throw invalidParameter("Invalid webhook URL: cloud metadata hosts are not allowed.");
  }
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return { url, host, port };
}
