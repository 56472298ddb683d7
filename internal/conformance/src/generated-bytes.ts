import { createHash } from "node:crypto";
import { Readable } from "node:stream";

/**
 * `size` bytes of a repeatable pattern, produced chunk by chunk so even gigabytes never sit in
 * memory. The same size always gives the same bytes, so a reader can check what it got by hash.
 */
export function generatedBytes(size: number, chunkSize = 1024 * 1024): Readable {
  const chunk = Buffer.alloc(Math.min(chunkSize, Math.max(size, 1)));
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, size - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** The SHA-256 of what `generatedBytes(size)` produces. */
export async function generatedHash(size: number, chunkSize?: number): Promise<string> {
  return streamHash(generatedBytes(size, chunkSize));
}

/** The SHA-256 and length of a stream, consumed without keeping it. */
export async function streamHash(stream: AsyncIterable<Buffer | Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
}

/** A body that sends `bytes` bytes and then, `delayMs` later, fails, as a client that breaks off mid-upload. */
export function brokenBody(bytes: number, delayMs = 0): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(bytes, 1));
        return;
      }
      setTimeout(() => this.destroy(new Error("client went away")), delayMs);
    },
  });
}
