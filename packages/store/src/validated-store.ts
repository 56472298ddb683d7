import {
  type DatasetInput,
  invalidParameter,
  type LogBatchInput,
  type MetricViewStore,
  type Tag,
  type TrackingStore,
  validateArtifactLocation,
} from "@cairn/core";
import { LIMITS } from "./validation/limits.js";
import {
  truncate,
  validateExperimentName,
  validateKey,
  validateLength,
  validateMaxResults,
  validateMetrics,
  validateRunId,
} from "./validation/validators.js";

/**
 * Wraps a store so MLflow's limits apply once, above every backend (and identically for the
 * REST server and in-process SDK use). Everything is checked before the store is touched, so
 * a rejected request writes nothing.
 */
export function validatedStore(store: TrackingStore): TrackingStore {
  const runTags = (tags: Tag[]): Tag[] =>
    tags.map((tag) => {
      validateKey("tag", tag.key);
      return { key: tag.key, value: truncate(tag.value, LIMITS.runTagValueLength) };
    });
  const experimentTags = (tags: Tag[]): Tag[] =>
    tags.map((tag) => {
      validateKey("tag", tag.key);
      validateLength("Tag value", tag.value, LIMITS.experimentTagValueLength);
      return tag;
    });
  const checkBatch = (runId: string, input: LogBatchInput): LogBatchInput => {
    validateRunId(runId);
    const metrics = input.metrics ?? [];
    const params = input.params ?? [];
    const tags = input.tags ?? [];
    const limit = (count: number, max: number, what: string) => {
      if (count > max) {
        throw invalidParameter(
          `A batch logging request can contain at most ${max} ${what}. Got ${count} ${what}. Please split up ${what} across multiple requests and try again.`,
        );
      }
    };
    limit(metrics.length, LIMITS.metricsPerBatch, "metrics");
    limit(params.length, LIMITS.paramsPerBatch, "params");
    limit(tags.length, LIMITS.tagsPerBatch, "tags");
    const total = metrics.length + params.length + tags.length;
    if (total > LIMITS.entitiesPerBatch) {
      throw invalidParameter(
        `A batch logging request can contain at most ${LIMITS.entitiesPerBatch} metrics, params, and tags in total. Got ${total} total entities. Please split up entities across multiple requests and try again.`,
      );
    }
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const param of params) {
      if (seen.has(param.key)) duplicates.add(param.key);
      seen.add(param.key);
    }
    if (duplicates.size > 0) {
      throw invalidParameter(
        `Duplicate parameter keys have been submitted: [${[...duplicates].map((key) => `'${key}'`).join(", ")}]. Please ensure the request contains only one param value per param key.`,
      );
    }
    validateMetrics(metrics);
    for (const metric of metrics) {
      // MLflow 3 fields: the dataset's column sizes (a model id is checked against the store).
      validateLength("Dataset name", metric.dataset_name ?? "", LIMITS.datasetNameLength);
      validateLength("Dataset digest", metric.dataset_digest ?? "", LIMITS.datasetDigestLength);
    }
    return {
      metrics,
      params: params.map((param) => {
        validateKey("param", param.key);
        return { key: param.key, value: truncate(param.value, LIMITS.paramValueLength) };
      }),
      tags: runTags(tags),
    };
  };
  const checkDatasets = (datasets: DatasetInput[]): void => {
    for (const { dataset, tags } of datasets) {
      validateLength("Dataset name", dataset.name, LIMITS.datasetNameLength);
      validateLength("Dataset digest", dataset.digest, LIMITS.datasetDigestLength);
      validateLength("Dataset source type", dataset.source_type, LIMITS.datasetSourceTypeLength);
      validateLength("Dataset source", dataset.source, LIMITS.datasetSourceLength);
      validateLength("Dataset schema", dataset.schema ?? "", LIMITS.datasetSchemaLength);
      validateLength("Dataset profile", dataset.profile ?? "", LIMITS.datasetProfileLength);
      for (const tag of tags) {
        validateLength("Input tag key", tag.key, LIMITS.inputTagKeyLength);
        validateLength("Input tag value", tag.value, LIMITS.inputTagValueLength);
      }
    }
  };

  return {
    async createExperiment(input) {
      validateExperimentName(input.name);
      const artifactLocation = input.artifactLocation ? validateArtifactLocation(input.artifactLocation) : undefined;
      const tags = experimentTags(input.tags ?? []);
      return store.createExperiment({ name: input.name, tags, ...(artifactLocation ? { artifactLocation } : {}) });
    },
    getExperiment: async (id) => store.getExperiment(id),
    getExperimentByName: async (name) => store.getExperimentByName(name),
    async searchExperiments(input) {
      validateMaxResults(input.maxResults, LIMITS.searchExperimentsMaxResults);
      return store.searchExperiments(input);
    },
    deleteExperiment: async (id) => store.deleteExperiment(id),
    restoreExperiment: async (id) => store.restoreExperiment(id),
    async renameExperiment(id, newName) {
      validateExperimentName(newName);
      return store.renameExperiment(id, newName);
    },
    async setExperimentTag(id, tag) {
      const [checked] = experimentTags([tag]);
      return store.setExperimentTag(id, checked as Tag);
    },
    deleteExperimentTag: async (id, key) => store.deleteExperimentTag(id, key),
    async searchDatasets(experimentIds) {
      // The UI asks about the experiments on screen; a long list is a request to refuse,
      // not to answer slowly.
      const distinct = [...new Set(experimentIds)];
      if (distinct.length > LIMITS.searchDatasetsMaxExperiments) {
        throw invalidParameter(
          `search-datasets takes at most ${LIMITS.searchDatasetsMaxExperiments} experiment ids; got ${distinct.length}.`,
        );
      }
      return store.searchDatasets(distinct);
    },
    async createRun(input) {
      if (input.runName !== undefined) validateLength("Run name", input.runName, LIMITS.runNameLength);
      if (input.userId !== undefined) validateLength("User id", input.userId, LIMITS.userIdLength);
      return store.createRun({ ...input, tags: runTags(input.tags ?? []) });
    },
    async updateRun(runId, input) {
      validateRunId(runId);
      if (input.runName !== undefined) validateLength("Run name", input.runName, LIMITS.runNameLength);
      return store.updateRun(runId, input);
    },
    async getRun(runId) {
      validateRunId(runId);
      return store.getRun(runId);
    },
    deleteRun: async (runId) => store.deleteRun(runId),
    restoreRun: async (runId) => store.restoreRun(runId),
    async searchRuns(input) {
      validateMaxResults(input.maxResults, LIMITS.searchRunsMaxResults);
      return store.searchRuns(input);
    },
    logBatch: async (runId, input) => store.logBatch(runId, checkBatch(runId, input)),
    async deleteTag(runId, key) {
      validateRunId(runId);
      return store.deleteTag(runId, key);
    },
    async logInputs(runId, datasets, models = []) {
      validateRunId(runId);
      checkDatasets(datasets);
      models.forEach((model, index) => {
        if (!model.model_id) throw invalidParameter(`Missing value for required parameter 'models[${index}].model_id'.`);
      });
      return store.logInputs(runId, datasets, models);
    },
    async recordLoggedModel(runId, model) {
      validateRunId(runId);
      const missing = ["artifact_path", "flavors", "utc_time_created", "run_id"].filter((key) => !(key in model));
      if (missing.length > 0) throw invalidParameter(`Model json is missing mandatory fields: ${JSON.stringify(missing)}`);
      return store.recordLoggedModel(runId, model);
    },
    async getMetricHistory(runId, key, input) {
      validateRunId(runId);
      if (input.maxResults !== undefined && input.maxResults <= 0) validateMaxResults(input.maxResults, Number.MAX_SAFE_INTEGER);
      return store.getMetricHistory(runId, key, input);
    },
    async getMetricHistoryBulkInterval(input) {
      if (input.runIds.length === 0) throw invalidParameter("GetMetricHistoryBulkInterval request must specify at least one run_id.");
      if (input.runIds.length > LIMITS.bulkIntervalMaxRuns) {
        throw invalidParameter(
          `GetMetricHistoryBulkInterval request cannot specify more than ${LIMITS.bulkIntervalMaxRuns} run_ids. Received ${input.runIds.length} run_ids.`,
        );
      }
      if (input.maxResults < 1 || input.maxResults > LIMITS.bulkIntervalMaxResults) {
        throw invalidParameter(`max_results must be between 1 and ${LIMITS.bulkIntervalMaxResults}.`);
      }
      if (input.startStep !== undefined && input.endStep !== undefined && input.startStep > input.endStep) {
        throw invalidParameter("end_step must be greater than start_step. ");
      }
      return store.getMetricHistoryBulkInterval(input);
    },
    ...metricViews(store),
    close: async () => store.close(),
  };
}

/** Cairn's chart reads, checked like MLflow's; absent when the wrapped store has none. */
function metricViews(store: TrackingStore): Partial<MetricViewStore> {
  const { getDownsampledMetric, getMetricSummaries } = store;
  return {
    ...(getDownsampledMetric && {
      async getDownsampledMetric(input) {
        if (input.runIds.length === 0) throw invalidParameter("Downsampled metric request must specify at least one run_id.");
        if (input.runIds.length > LIMITS.downsampleMaxRuns) {
          throw invalidParameter(
            `Downsampled metric request cannot specify more than ${LIMITS.downsampleMaxRuns} run_ids. Received ${input.runIds.length} run_ids.`,
          );
        }
        input.runIds.forEach(validateRunId);
        if (!Number.isInteger(input.buckets) || input.buckets < 1 || input.buckets > LIMITS.downsampleMaxBuckets) {
          throw invalidParameter(`buckets must be between 1 and ${LIMITS.downsampleMaxBuckets}.`);
        }
        if (input.startStep !== undefined && input.endStep !== undefined && input.startStep > input.endStep) {
          throw invalidParameter("end_step must be greater than start_step. ");
        }
        return getDownsampledMetric.call(store, input);
      },
    }),
    ...(getMetricSummaries && {
      async getMetricSummaries(runIds) {
        if (runIds.length > LIMITS.metricSummariesMaxRuns) {
          throw invalidParameter(
            `Metric summaries take at most ${LIMITS.metricSummariesMaxRuns} run_ids. Received ${runIds.length} run_ids.`,
          );
        }
        return getMetricSummaries.call(store, runIds);
      },
    }),
  };
}
