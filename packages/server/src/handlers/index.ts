import { artifactHandlers } from "./artifacts.js";
import { cairnHandlers } from "./cairn.js";
import { experimentHandlers } from "./experiments.js";
import type { HandlerTable } from "./handler.js";
import { loggedModelHandlers } from "./logged-models.js";
import { metricHandlers } from "./metrics.js";
import { modelVersionHandlers } from "./model-versions.js";
import { registeredModelHandlers } from "./registered-models.js";
import { runHandlers } from "./runs.js";
import { webhookHandlers } from "./webhooks.js";

/** Every operation of the wire contract has exactly one handler (the type checks it). */
export const HANDLERS: HandlerTable = {
  ...experimentHandlers,
  ...runHandlers,
  ...metricHandlers,
  ...artifactHandlers,
  ...registeredModelHandlers,
  ...modelVersionHandlers,
  ...webhookHandlers,
  ...loggedModelHandlers,
  ...cairnHandlers,
};

export type { Handler, HandlerContext, HandlerTable } from "./handler.js";
