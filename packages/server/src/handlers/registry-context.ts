import { CairnError, type RegistryStore } from "@cairn/core";
import type { HandlerContext } from "./handler.js";

/** The registry, or ENDPOINT_NOT_FOUND when the server was built without one. */
export function registryOf(ctx: HandlerContext): RegistryStore {
  if (!ctx.registry) throw new CairnError("ENDPOINT_NOT_FOUND", "The model registry is not enabled on this server.");
  return ctx.registry;
}

export const s = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
