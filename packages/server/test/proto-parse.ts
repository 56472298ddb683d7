/**
 * What the Python client does to every response body: `parse_dict` (mlflow/utils/proto_json_utils.py)
 * runs protobuf's `ParseDict(ignore_unknown_fields=True)` into the response message of
 * `service.proto`. Unknown keys are ignored, but a known key of the wrong JSON type, or an enum
 * name the proto does not have, raises `ParseError` and the client call fails. This checks a body
 * against those rules for the tracking messages, so a test fails exactly where the client would.
 */

type Field = "string" | "int64" | "double" | "bool" | { enum: readonly string[] } | { message: Shape } | { repeated: Field };
export type Shape = { readonly [name: string]: Field };

const keyValue: Shape = { key: "string", value: "string" };
const RUN_STATUS = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;

export const METRIC: Shape = {
  key: "string",
  value: "double",
  timestamp: "int64",
  step: "int64",
  dataset_name: "string",
  dataset_digest: "string",
  model_id: "string",
  run_id: "string",
};

export const EXPERIMENT: Shape = {
  experiment_id: "string",
  name: "string",
  artifact_location: "string",
  lifecycle_stage: "string",
  last_update_time: "int64",
  creation_time: "int64",
  tags: { repeated: { message: keyValue } },
};

export const RUN_INFO: Shape = {
  run_id: "string",
  run_uuid: "string",
  run_name: "string",
  experiment_id: "string",
  user_id: "string",
  status: { enum: RUN_STATUS },
  start_time: "int64",
  end_time: "int64",
  artifact_uri: "string",
  lifecycle_stage: "string",
};

const DATASET: Shape = {
  name: "string",
  digest: "string",
  source_type: "string",
  source: "string",
  schema: "string",
  profile: "string",
};

export const RUN: Shape = {
  info: { message: RUN_INFO },
  data: {
    message: {
      metrics: { repeated: { message: METRIC } },
      params: { repeated: { message: keyValue } },
      tags: { repeated: { message: keyValue } },
    },
  },
  inputs: {
    message: {
      dataset_inputs: { repeated: { message: { tags: { repeated: { message: keyValue } }, dataset: { message: DATASET } } } },
      model_inputs: { repeated: { message: { model_id: "string" } } },
    },
  },
  outputs: { message: { model_outputs: { repeated: { message: { model_id: "string", step: "int64" } } } } },
};

export const FILE_INFO: Shape = { path: "string", is_dir: "bool", file_size: "int64" };

/** Response messages of the rpcs a tracking script calls. */
export const RESPONSES = {
  createExperiment: { experiment_id: "string" },
  getExperiment: { experiment: { message: EXPERIMENT } },
  searchExperiments: { experiments: { repeated: { message: EXPERIMENT } }, next_page_token: "string" },
  createRun: { run: { message: RUN } },
  getRun: { run: { message: RUN } },
  updateRun: { run_info: { message: RUN_INFO } },
  searchRuns: { runs: { repeated: { message: RUN } }, next_page_token: "string" },
  getMetricHistory: { metrics: { repeated: { message: METRIC } }, next_page_token: "string" },
  listArtifacts: { root_uri: "string", files: { repeated: { message: FILE_INFO } }, next_page_token: "string" },
  empty: {},
} satisfies Record<string, Shape>;

function check(field: Field, value: unknown, where: string): string[] {
  // ParseDict skips a null on any field.
  if (value === null) return [];
  if (typeof field === "object" && "repeated" in field) {
    if (!Array.isArray(value)) return [`${where}: expected a list`];
    return value.flatMap((item, index) => check(field.repeated, item, `${where}[${index}]`));
  }
  if (typeof field === "object" && "message" in field) {
    if (typeof value !== "object" || Array.isArray(value)) return [`${where}: expected an object`];
    return parseErrors(field.message, value as Record<string, unknown>, `${where}.`);
  }
  if (typeof field === "object") {
    return typeof value === "string" && field.enum.includes(value) ? [] : [`${where}: unknown enum value ${JSON.stringify(value)}`];
  }
  switch (field) {
    case "string":
      return typeof value === "string" ? [] : [`${where}: expected a string, got ${JSON.stringify(value)}`];
    case "bool":
      return typeof value === "boolean" ? [] : [`${where}: expected a bool, got ${JSON.stringify(value)}`];
    case "int64":
      return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value))
        ? []
        : [`${where}: expected an integer, got ${JSON.stringify(value)}`];
    case "double":
      return typeof value === "number" || (typeof value === "string" && ["NaN", "Infinity", "-Infinity"].includes(value))
        ? []
        : [`${where}: expected a number, got ${JSON.stringify(value)}`];
  }
}

/** Every reason `ParseDict` would refuse `body` as the message `shape`; empty when it parses. */
export function parseErrors(shape: Shape, body: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(shape).flatMap(([name, field]) => (name in body ? check(field, body[name], `${prefix}${name}`) : []));
}
