import { describe, expect, it } from "vitest";
import { parseIpAddress } from "./ip-address.js";
import { nonPublicAddress } from "./non-public-address.js";
import { parseWebhookUrl } from "./webhook-url.js";

describe("nonPublicAddress", () => {
  it.each([
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.1.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::10.0.0.1",
    "2002:c0a8:0101::1",
  ])("refuses %s", (address) => {
    expect(nonPublicAddress(address)).not.toBeNull();
  });

  it.each(["169.254.169.254", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254"])(
    "refuses the metadata address %s even when private addresses are allowed",
    (address) => {
      expect(nonPublicAddress(address)?.always).toBe(true);
    },
  );

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "2002:0808:0808::1",
  ])("accepts the public address %s", (address) => {
    expect(nonPublicAddress(address)).toBeNull();
  });

  it("refuses text that is not an address", () => {
    expect(nonPublicAddress("localhost")?.always).toBe(true);
    expect(parseIpAddress("1.2.3")).toBeNull();
    expect(parseIpAddress("1::2::3")).toBeNull();
    expect(parseIpAddress("1:2:3:4:5:6:7:8:9")).toBeNull();
  });
});

describe("parseWebhookUrl", () => {
  it("normalises decimal, octal and hexadecimal IPv4 spellings so the address check sees them", () => {
    for (const text of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://0x7f000001/", "http://127.1/"]) {
      expect(parseWebhookUrl(text).host).toBe("127.0.0.1");
    }
    expect(parseWebhookUrl("http://[::ffff:127.0.0.1]:8080/x").host).toBe("::ffff:7f00:1");
    expect(parseWebhookUrl("https://example.com/x").port).toBe(443);
  });

  it.each([
    "ftp://example.com/",
    "file:///etc/passwd",
    "gopher://example.com/",
    "javascript:alert(1)",
    "example.com/hook",
    "http://user:pass@example.com/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://exa mple.com/",
    "http://example.com/\n",
    `https://example.com/${"a".repeat(500)}`,
  ])("refuses %s", (text) => {
    expect(() => parseWebhookUrl(text)).toThrow();
  });
});
