import { CairnError, type LoggedModelStore } from "@cairn/core";
import type { HandlerContext } from "./handler.js";

/** The logged-model store, or ENDPOINT_NOT_FOUND when the server was built without one. */
export function loggedModelsOf(ctx: HandlerContext): LoggedModelStore {
  if (!ctx.loggedModels) throw new CairnError("ENDPOINT_NOT_FOUND", "Logged models are not enabled on this server.");
  return ctx.loggedModels;
}
