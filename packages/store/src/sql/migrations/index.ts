import type { Kysely } from "kysely";
import type { DialectCapabilities } from "../capabilities.js";
import * as initial from "./0001-initial.js";
import * as registry from "./0002-registry.js";
import * as webhooks from "./0003-webhooks.js";
import * as loggedModels from "./0004-logged-models.js";
import * as metricBuckets from "./0005-metric-buckets.js";

export interface Migration {
  readonly id: string;
  up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void>;
}

/** Every migration in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  { id: "0001-initial", up: initial.up },
  { id: "0002-registry", up: registry.up },
  { id: "0003-webhooks", up: webhooks.up },
  { id: "0004-logged-models", up: loggedModels.up },
  { id: "0005-metric-buckets", up: metricBuckets.up },
];
