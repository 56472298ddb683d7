import type { Experiment, TrackingStore } from "@cairn/core";
import type { ArtifactService } from "./artifact-service.js";

/** One experiment's stored bytes; `stored_bytes` is absent when its location is not one this server reads. */
export interface ExperimentStorage {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  artifact_location: string;
  stored_bytes?: number;
  /** Why the bytes are unknown (a gs:// location, say). */
  unreadable?: string;
}

/**
 * The bytes each experiment's artifact folder holds, deleted experiments included (those are
 * what `cairn gc` would free). Experiments are measured one after another: a bucket listing per
 * experiment is heavy enough without running them all at once.
 */
export async function experimentStorage(
  tracking: TrackingStore,
  artifacts: ArtifactService,
  experimentIds?: string[],
): Promise<{ experiments: ExperimentStorage[]; total_bytes: number }> {
  const experiments: Experiment[] = [];
  if (experimentIds && experimentIds.length > 0) {
    for (const id of experimentIds) experiments.push(await tracking.getExperiment(id));
  } else {
    let pageToken: string | undefined;
    do {
      const page = await tracking.searchExperiments({ viewType: "ALL", maxResults: 1000, ...(pageToken ? { pageToken } : {}) });
      experiments.push(...page.items);
      pageToken = page.next_page_token;
    } while (pageToken);
  }
  const result: ExperimentStorage[] = [];
  let total = 0;
  for (const experiment of experiments) {
    const entry: ExperimentStorage = {
      experiment_id: experiment.experiment_id,
      name: experiment.name,
      lifecycle_stage: experiment.lifecycle_stage,
      artifact_location: experiment.artifact_location,
    };
    try {
      const { repository, path } = await artifacts.locateRoot(experiment.artifact_location);
      entry.stored_bytes = await repository.usage(path);
      total += entry.stored_bytes;
    } catch (error) {
      entry.unreadable = error instanceof Error ? error.message.slice(0, 300) : "unreadable";
    }
    result.push(entry);
  }
  return { experiments: result, total_bytes: total };
}
