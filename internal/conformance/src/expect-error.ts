import { expect } from "vitest";

/** Asserts that `promise` rejects with a CairnError-shaped error of `code` (and message). */
export async function expectError(promise: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  expect((caught as { code?: string }).code).toBe(code);
  if (typeof message === "string") expect((caught as Error).message).toContain(message);
  else if (message) expect((caught as Error).message).toMatch(message);
}
