import { CairnError, validateArtifactPath } from "@cairn/core";
import type { FastifyInstance } from "fastify";
import type { HandlerContext } from "../handlers/index.js";
import { loggedModelsOf } from "../handlers/logged-model-context.js";
import { API_PREFIXES } from "./api-routes.js";
import { sendFile } from "./artifact-routes.js";
import { missingParameter } from "./request-fields.js";

/**
 * `GET /ajax-api/2.0/mlflow/logged-models/<model_id>/artifacts/files?artifact_file_path=`, the
 * UI's download of one file of a logged model (MLflow serves it as a plain Flask route). The
 * path is checked by `validateArtifactPath` before the model is looked up, then resolved under
 * the model's artifact location (through the proxy for `mlflow-artifacts:`) and streamed as an
 * attachment with `nosniff`, like every other served artifact.
 */
export function registerLoggedModelArtifactRoutes(app: FastifyInstance, ctx: HandlerContext): void {
  for (const prefix of API_PREFIXES) {
    app.get(`${prefix}/mlflow/logged-models/:model_id/artifacts/files`, async (request, reply) => {
      const raw = (request.query as Record<string, string | string[] | undefined>)["artifact_file_path"];
      const filePath = Array.isArray(raw) ? raw[0] : raw;
      if (!filePath) throw missingParameter("artifact_file_path");
      const relative = validateArtifactPath(filePath);
      if (relative === "") throw new CairnError("INVALID_PARAMETER_VALUE", "Invalid path");
      const modelId = (request.params as { model_id?: string }).model_id ?? "";
      const model = await loggedModelsOf(ctx).getLoggedModel(modelId);
      const { repository, path } = await ctx.artifacts.locate(model.info.artifact_uri, relative);
      return sendFile(reply, repository, path);
    });
  }
}
