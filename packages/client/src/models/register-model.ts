import { CairnError, type ModelVersion, type RegistryStore } from "@cairn/core";

export interface RegisterModelOptions {
  /** Where the model sits in the run's artifacts (default "model"). */
  artifactPath?: string;
  /** Points `name@alias` at the new version. */
  alias?: string;
  description?: string;
  tags?: Record<string, string>;
}

/**
 * Registers a run's logged model: creates the registered model when it does not exist yet,
 * then a new version whose source is `runs:/<run id>/<artifact path>`.
 *
 * @example
 * const version = await registerModel(cairn.registry, run.id, "fraud", { alias: "champion" });
 */
export async function registerModel(
  registry: RegistryStore,
  runId: string,
  name: string,
  options: RegisterModelOptions = {},
): Promise<ModelVersion> {
  try {
    await registry.createRegisteredModel({ name });
  } catch (error) {
    if (!(error instanceof CairnError && error.code === "RESOURCE_ALREADY_EXISTS")) throw error;
  }
  const artifactPath = (options.artifactPath ?? "model").replace(/^\/+|\/+$/g, "");
  const version = await registry.createModelVersion({
    name,
    source: `runs:/${runId}/${artifactPath}`,
    runId,
    description: options.description,
    tags: options.tags ? Object.entries(options.tags).map(([key, value]) => ({ key, value })) : undefined,
  });
  if (options.alias) {
    await registry.setRegisteredModelAlias(name, options.alias, version.version);
    return { ...version, aliases: [...version.aliases, options.alias] };
  }
  return version;
}
