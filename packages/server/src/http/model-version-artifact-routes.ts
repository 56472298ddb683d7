import { CairnError, invalidParameter } from "@cairn/core";
import type { FastifyInstance } from "fastify";
import type { HandlerContext } from "../handlers/index.js";
import { registryOf } from "../handlers/registry-context.js";
import { sendFile } from "./artifact-routes.js";
import { missingParameter } from "./request-fields.js";

/**
 * `GET /model-versions/get-artifact?name=&version=&path=` (mlflow-wire.md §1.11), the UI's
 * download of a registered model's file and the classic LFI target (CVE-2023-1177). Only
 * versions whose storage location is under the artifact proxy (`mlflow-artifacts:`) are
 * served, and `path` goes through `validateArtifactPath`; nothing else on disk is reachable.
 */
export function registerModelVersionArtifactRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  for (const url of ["/model-versions/get-artifact", "/ajax-api/2.0/mlflow/model-versions/get-artifact"]) {
    app.get(url, async (request, reply) => {
      const query = request.query as Record<string, string | string[] | undefined>;
      const first = (key: string) => {
        const value = query[key];
        return Array.isArray(value) ? value[0] : value;
      };
      const name = first("name");
      const version = first("version");
      if (!name) throw missingParameter("name");
      if (!version) throw missingParameter("version");
      const location = await registryOf(ctx).getModelVersionDownloadUri(name, version);
      if (!/^mlflow-artifacts:/i.test(location)) {
        throw invalidParameter(
          `The artifacts of model version (name=${name}, version=${version}) are not stored under this server's artifact proxy.`,
        );
      }
      const { repository, path } = await ctx.artifacts.locate(location, first("path") ?? "");
      if (path === "") throw new CairnError("INVALID_PARAMETER_VALUE", "Invalid path");
      return sendFile(reply, repository, path, request.headers.range);
    });
  }
}
