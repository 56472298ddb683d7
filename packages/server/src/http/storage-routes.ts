import type { FastifyInstance } from "fastify";
import { experimentStorage } from "../artifacts/experiment-storage.js";
import type { HandlerContext } from "../handlers/index.js";
import { API_PREFIXES } from "./api-routes.js";
import { toWireJson } from "./wire-json.js";

/**
 * `GET /api/2.0/cairn/experiments/storage[?experiment_id=…]`: the artifact bytes each
 * experiment stores, for deciding what to delete and checking what `cairn gc` freed. A Cairn
 * extension, so it lives under `/cairn/`, never inside MLflow's shapes.
 */
export function registerStorageRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  for (const prefix of API_PREFIXES) {
    app.get(`${prefix}/cairn/experiments/storage`, async (request, reply) => {
      const raw = (request.query as Record<string, string | string[] | undefined>)["experiment_id"];
      const ids = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
      return reply.type("application/json").send(toWireJson(await experimentStorage(ctx.store, ctx.artifacts, ids)));
    });
  }
}
