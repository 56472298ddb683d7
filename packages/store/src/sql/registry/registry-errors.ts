import { CairnError, invalidParameter } from "@cairn/core";

/** MLflow's registry messages (`sqlalchemy_store.py`); clients and MLflow's tests assert them. */

export function modelNotFound(name: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `Registered Model with name=${name} not found`);
}

export function versionNotFound(name: string, version: string | number): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", `Model Version (name=${name}, version=${version}) not found`);
}

export function modelAlreadyExists(name: string, cause?: unknown): CairnError {
  return new CairnError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists.`, { cause });
}

export function aliasNotFound(alias: string): CairnError {
  return invalidParameter(`Registered model alias ${alias} not found.`);
}

/** A wire version ("3") as the stored integer; anything else is MLflow's not-an-integer error. */
export function versionNumber(version: string): number {
  const trimmed = version.trim();
  const number = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw invalidParameter(`Parameter 'version' must be an integer, got '${version}'.`);
  return number;
}
