import { CairnError } from "@cairn/core";

/**
 * Experiment ids are decimal strings on the wire and integers in the database. An id that
 * is not a decimal number cannot exist, so it is "not found", as in MLflow.
 */
export function parseExperimentId(experimentId: string): number {
  if (/^\d{1,15}$/.test(experimentId)) return Number(experimentId);
  throw experimentNotFound(experimentId);
}

export function experimentNotFound(experimentId: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `No Experiment with id=${experimentId} exists`);
}
