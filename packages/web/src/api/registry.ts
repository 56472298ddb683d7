import { send, url } from "./http.js";
import type { ModelVersion, RegisteredModel } from "./types.js";

/** MLflow's model registry REST API. */
export const registry = {
  async searchModels(filter: string, pageToken?: string) {
    const out = await send((client) =>
      client.searchRegisteredModels({ filter: filter || undefined, max_results: 100, page_token: pageToken }),
    );
    return { models: out.registered_models, nextPageToken: out.next_page_token };
  },
  async getModel(name: string): Promise<RegisteredModel> {
    return (await send((client) => client.getRegisteredModel({ name }))).registered_model;
  },
  async createModel(name: string): Promise<RegisteredModel> {
    return (await send((client) => client.createRegisteredModel({ name }))).registered_model;
  },
  updateModelDescription: (name: string, description: string) => send((client) => client.updateRegisteredModel({ name, description })),
  setModelTag: (name: string, key: string, value: string) => send((client) => client.setRegisteredModelTag({ name, key, value })),
  deleteModelTag: (name: string, key: string) => send((client) => client.deleteRegisteredModelTag({ name, key })),
  setAlias: (name: string, alias: string, version: string) => send((client) => client.setRegisteredModelAlias({ name, alias, version })),
  deleteAlias: (name: string, alias: string) => send((client) => client.deleteRegisteredModelAlias({ name, alias })),
  async searchVersions(name: string): Promise<ModelVersion[]> {
    const filter = `name='${name.replaceAll("'", "\\'")}'`;
    const out = await send((client) => client.searchModelVersions({ filter, max_results: 1000, order_by: ["version_number DESC"] }));
    return out.model_versions;
  },
  async getVersion(name: string, version: string): Promise<ModelVersion> {
    return (await send((client) => client.getModelVersion({ name, version }))).model_version;
  },
  async createVersion(name: string, source: string, runId: string): Promise<ModelVersion> {
    return (await send((client) => client.createModelVersion({ name, source, run_id: runId }))).model_version;
  },
  updateVersionDescription: (name: string, version: string, description: string) =>
    send((client) => client.updateModelVersion({ name, version, description })),
  transitionStage: (name: string, version: string, stage: string) =>
    send((client) => client.transitionModelVersionStage({ name, version, stage, archive_existing_versions: false })),
  setVersionTag: (name: string, version: string, key: string, value: string) =>
    send((client) => client.setModelVersionTag({ name, version, key, value })),
  deleteVersionTag: (name: string, version: string, key: string) => send((client) => client.deleteModelVersionTag({ name, version, key })),
  async downloadUri(name: string, version: string): Promise<string> {
    return (await send((client) => client.getModelVersionDownloadUri({ name, version }))).artifact_uri;
  },
  /** A file of the version's artifacts through the server (`/model-versions/get-artifact`). */
  artifactUrl: (name: string, version: string, path: string) => url("/model-versions/get-artifact", { name, version, path }),
};
