import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { CairnError } from "@cairn/core";

const ENCRYPTED = "aes-256-gcm:";
const PLAIN = "plain:";

/**
 * Encrypts webhook secrets at rest with AES-256-GCM under a key derived (SHA-256) from the
 * server's `--webhooks-secret-key`. Hashing is not an option: the server needs the secret
 * itself to sign each delivery. Without a key, secrets are stored marked `plain:` (readable by
 * whoever can read the database, like MLflow without its encryption key) — the README says
 * so. A secret stored encrypted cannot be read back without the same key: its deliveries then
 * fail with a clear message instead of going out unsigned.
 */
export class SecretCipher {
  readonly #key: Buffer | null;

  constructor(key: string | undefined) {
    this.#key = key ? createHash("sha256").update(key, "utf8").digest() : null;
  }

  seal(secret: string): string {
    if (!this.#key) return `${PLAIN}${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    return `${ENCRYPTED}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
  }

  open(stored: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(ENCRYPTED)) throw unreadable("it is in an unknown format");
    if (!this.#key) throw unreadable("it was encrypted and the server has no --webhooks-secret-key");
    const raw = Buffer.from(stored.slice(ENCRYPTED.length), "base64");
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      throw unreadable("it was encrypted with a different --webhooks-secret-key");
    }
  }
}

function unreadable(why: string): CairnError {
  return new CairnError("INVALID_STATE", `The webhook secret cannot be read: ${why}.`);
}
