import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { generatedBytes, generatedHash, streamHash } from "@cairn/conformance";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnCairn, waitForExit } from "./spawn-server.js";

const SIZE = 2 * 1024 * 1024 * 1024;
/**
 * How much the server's peak resident memory may grow while 2 GB go through it each way: "tens
 * of MB". Measured: about 40 MB on a quiet 2-core machine, up to about 75 MB when the cores are
 * saturated (garbage collection of the streamed chunks runs later); buffering the file instead
 * of streaming it would add gigabytes.
 */
const MAX_GROWTH_MB = 96;

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

/** A 2 GB upload and download through the proxy of the built server, on local disk. */
describe("a 2 GB artifact through the proxy", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-2gb-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.skipIf(process.platform !== "linux")(
    "streams both ways with the server's memory growing by tens of MB at most",
    async () => {
      const { child, url } = await spawnCairn(["--port", String(await freePort())], dir);
      try {
        const pid = child.pid ?? 0;
        const target = `${url}/api/2.0/mlflow-artifacts/artifacts/0/big/artifacts/weights.bin`;
        // Warm up the routes so their one-off allocations are in the baseline.
        await fetch(target, { method: "PUT", body: "warm" });
        await (await fetch(target)).text();
        const baseline = memoryMb(pid).rss;

        await new Promise<void>((resolve, reject) => {
          const request = http.request(target, { method: "PUT", headers: { "content-length": SIZE } }, (response) => {
            response.resume();
            response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`PUT ${response.statusCode}`))));
          });
          request.on("error", reject);
          pipeline(generatedBytes(SIZE), request).catch(reject);
        });
        const afterUpload = memoryMb(pid).peak;
        const download = await fetch(target);
        expect(download.headers.get("content-length")).toBe(String(SIZE));
        expect(await streamHash(download.body as unknown as AsyncIterable<Uint8Array>)).toBe(await generatedHash(SIZE));
        const peak = memoryMb(pid).peak;
        console.log(
          `2 GB through the proxy: baseline RSS ${baseline.toFixed(0)} MB, peak after upload ${afterUpload.toFixed(0)} MB, after download ${peak.toFixed(0)} MB`,
        );
        expect(peak - baseline).toBeLessThan(MAX_GROWTH_MB);
      } finally {
        child.kill("SIGTERM");
        await waitForExit(child);
      }
    },
    240_000,
  );
});
