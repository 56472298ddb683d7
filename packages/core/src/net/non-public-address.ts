import { parseIpAddress } from "./ip-address.js";

/** [first bytes, prefix length in bits, why it is refused] */
type Range = readonly [readonly number[], number, string];

const IPV4_RANGES: readonly Range[] = [
  [[0], 8, "an unspecified ('this network') address"],
  [[10], 8, "a private address"],
  [[100, 64], 10, "a shared (CGNAT) address"],
  [[127], 8, "a loopback address"],
  [[169, 254], 16, "a link-local address"],
  [[172, 16], 12, "a private address"],
  [[192, 0, 0], 24, "an IETF protocol address"],
  [[192, 0, 2], 24, "a documentation address"],
  [[192, 88, 99], 24, "a 6to4 relay address"],
  [[192, 168], 16, "a private address"],
  [[198, 18], 15, "a benchmarking address"],
  [[198, 51, 100], 24, "a documentation address"],
  [[203, 0, 113], 24, "a documentation address"],
  [[224], 4, "a multicast address"],
  [[240], 4, "a reserved address"],
];

const IPV6_RANGES: readonly Range[] = [
  [[], 128, "an unspecified address"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, "a loopback address"],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "a discard-only address"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "a documentation address"],
  [[0x20, 0x01], 23, "an IETF protocol address"],
  [[0xfc], 7, "a unique-local (private) address"],
  [[0xfe, 0x80], 10, "a link-local address"],
  [[0xfe, 0xc0], 10, "a site-local address"],
  [[0xff], 8, "a multicast address"],
];

/**
 * Cloud instance-metadata endpoints. They are refused even when private addresses are
 * allowed: no webhook receiver lives there, and reaching them leaks credentials.
 */
const METADATA_ADDRESSES = ["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"].map(
  (text) => parseIpAddress(text) as Uint8Array,
);

function inRange(bytes: Uint8Array, [prefix, bits]: Range): boolean {
  for (let bit = 0; bit < bits; bit += 1) {
    const byte = Math.floor(bit / 8);
    const mask = 0x80 >> (bit % 8);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address carries and routes to: IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and 6to4 `2002:aabb:ccdd::`.
 */
function embeddedIpv4(bytes: Uint8Array): Uint8Array | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 12) && !zeros(12, 16)) return bytes.slice(12);
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

export interface AddressVerdict {
  /** Why the address may not be a webhook target. */
  reason: string;
  /** Refused even when private addresses are allowed (instance metadata). */
  always: boolean;
}

/**
 * Whether an IP address literal is one a webhook must not reach: private, loopback,
 * link-local, CGNAT, multicast, unspecified, reserved or metadata, IPv4 or IPv6 (an IPv6
 * address that embeds an IPv4 one is judged by that IPv4 address too). Null means public.
 * Text that is not an IP address is refused: callers pass resolved addresses only.
 *
 * @example
 * nonPublicAddress("::ffff:10.0.0.1"); // { reason: "a private address", always: false }
 */
export function nonPublicAddress(address: string): AddressVerdict | null {
  const bytes = parseIpAddress(address);
  if (!bytes) return { reason: "not an IP address", always: true };
  if (METADATA_ADDRESSES.some((metadata) => metadata.length === bytes.length && metadata.every((b, i) => b === bytes[i]))) {
    return { reason: "a cloud metadata address", always: true };
  }
  const ranges = bytes.length === 4 ? IPV4_RANGES : IPV6_RANGES;
  for (const range of ranges) {
    if (inRange(bytes, range)) return { reason: range[2], always: false };
  }
  if (bytes.length === 16) {
    const v4 = embeddedIpv4(bytes);
    if (v4) return nonPublicAddress(Array.from(v4).join("."));
  }
  if (bytes.length === 4 && bytes.every((byte) => byte === 255)) return { reason: "a broadcast address", always: false };
  return null;
}
