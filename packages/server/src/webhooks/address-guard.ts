import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { promisify } from "node:util";
import { CairnError, invalidParameter, nonPublicAddress, parseWebhookUrl } from "@cairn/core";

const lookupAll = promisify(dnsLookup);

/** A webhook URL with the one address it will be sent to, checked. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export interface GuardOptions {
  allowPrivateIps: boolean;
  lookup?: ((hostname: string) => Promise<LookupAddress[]>) | undefined;
}

/** The host did not resolve: unlike a refused address this may pass later, so a delivery retries. */
export class UnresolvedHostError extends CairnError {
  constructor(host: string) {
    super("INVALID_PARAMETER_VALUE", `Invalid webhook URL: the host '${host.slice(0, 253)}' could not be resolved.`);
  }
}

/** Throws unless `address` may be reached under `options`. */
export function assertReachable(address: string, host: string, options: GuardOptions): void {
  const verdict = nonPublicAddress(address);
  if (verdict && (verdict.always || !options.allowPrivateIps)) {
    const named = address === host ? address : `${host} (${address})`;
    throw invalidParameter(
      `Invalid webhook URL: ${named} is ${verdict.reason}. Webhooks may only reach public addresses` +
        (verdict.always ? "." : " unless the server runs with --webhooks-allow-private-ips."),
    );
  }
}

/**
 * Checks a webhook URL (CVE-2026-2393, CVE-2026-64849): its shape, then every address its host
 * resolves to. One refused address refuses the URL, so a name with a public and a private
 * record cannot slip through. The first address is returned so the caller connects to exactly
 * what was checked: the name is never resolved a second time, and DNS rebinding has nothing to
 * switch. Run at create/update time and again before every attempt.
 *
 * @example
 * const target = await checkWebhookTarget("https://ci.example.com/hook", { allowPrivateIps: false });
 */
export async function checkWebhookTarget(text: string, options: GuardOptions): Promise<CheckedTarget> {
  const { url, host } = parseWebhookUrl(text);
  const literal = isIP(host);
  let addresses: LookupAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = options.lookup ? await options.lookup(host) : await lookupAll(host, { all: true, verbatim: true });
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new UnresolvedHostError(host);
  }
  for (const { address } of addresses) assertReachable(address, host, options);
  const first = addresses[0] as LookupAddress;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
