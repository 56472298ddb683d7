/** 32 lowercase hex digits, the shape of MLflow's run ids (browser-safe). */
export function randomHex(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "");
}
