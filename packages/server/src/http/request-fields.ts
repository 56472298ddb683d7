import { type api, invalidParameter } from "@cairn/core";

type FieldSpec = api.FieldSpec;
type MessageSpec = api.MessageSpec;

const API_DOCS_HINT = "See the API docs for more information about request parameters.";

/** Python's `type(value).__name__`, which MLflow's type-error message quotes. */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  return "dict";
}

/** Longest rendering of a client's value that an error message echoes back. */
const MAX_ECHOED_VALUE = 1000;

function pythonRepr(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "boolean") text = value ? "True" : "False";
  else if (value === null) text = "None";
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      // Thousands of nested arrays overflow the stack; the message needs no more than a hint.
      text = "<deeply nested value>";
    }
  }
  return text.length > MAX_ECHOED_VALUE ? `${text.slice(0, MAX_ECHOED_VALUE)}...` : text;
}

function typeError(name: string, value: unknown) {
  return invalidParameter(
    `Invalid value ${pythonRepr(value)} for parameter '${name}' supplied. Hint: Value was of type '${pythonType(value)}'. ${API_DOCS_HINT}`,
  );
}

export function missingParameter(name: string) {
  return invalidParameter(`Missing value for required parameter '${name}'. ${API_DOCS_HINT}`);
}

const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/**
 * Converts one JSON value to the field's type the way protobuf's ParseDict accepts it. The
 * field's dotted name is built only for an error: a 1000-metric batch converts 4000 fields.
 */
function convertScalar(prefix: string, fieldName: string, spec: FieldSpec, value: unknown): unknown {
  const type = spec.type;
  if (typeof type === "object") {
    if ("enum" in type) {
      if (typeof value === "string" && type.enum.includes(value)) return value;
      if (typeof value === "number" && Number.isInteger(value) && type.enum[value - 1] !== undefined) return type.enum[value - 1];
      throw typeError(`${prefix}${fieldName}`, value);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(`${prefix}${fieldName}`, value);
    return convertMessage(type.message, value as Record<string, unknown>, `${prefix}${fieldName}.`);
  }
  switch (type) {
    case "string":
      if (typeof value !== "string") throw typeError(`${prefix}${fieldName}`, value);
      // A lone surrogate (valid in JSON, not in UTF-8) would be stored as U+FFFD by every
      // driver, so a value would not read back as written; it becomes U+FFFD here instead.
      return value.toWellFormed();
    case "bool":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      throw typeError(`${prefix}${fieldName}`, value);
    case "int32":
    case "int64": {
      const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isSafeInteger(number)) throw typeError(`${prefix}${fieldName}`, value);
      if (type === "int32" && Math.abs(number) > 2 ** 31 - 1) throw typeError(`${prefix}${fieldName}`, value);
      return number;
    }
    case "double": {
      if (typeof value === "number") return value;
      if (typeof value === "string") {
        const special = SPECIAL_DOUBLES[value];
        if (special !== undefined) return special;
        if (value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
      }
      throw typeError(`${prefix}${fieldName}`, value);
    }
  }
}

/**
 * Reads a JSON request body against a message spec: unknown keys are ignored, types are
 * checked, `null` counts as absent, and required fields must be present and non-empty.
 */
export function convertMessage(spec: MessageSpec, body: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(spec)) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (field.repeated) {
      if (!Array.isArray(value)) throw typeError(`${prefix}${name}`, value);
      out[name] = value.map((item) => convertScalar(prefix, name, field, item));
    } else {
      out[name] = convertScalar(prefix, name, field, value);
    }
  }
  return out;
}

const FIELDS = new WeakMap<MessageSpec, [string, FieldSpec][]>();

/** A spec's fields, listed once per spec rather than once per converted message. */
function fieldsOf(spec: MessageSpec): [string, FieldSpec][] {
  let fields = FIELDS.get(spec);
  if (!fields) {
    fields = Object.entries(spec);
    FIELDS.set(spec, fields);
  }
  return fields;
}

/** Required-field check, run after conversion; `""` is missing, as in MLflow. */
export function assertRequired(spec: MessageSpec, request: Record<string, unknown>): void {
  for (const [name, field] of Object.entries(spec)) {
    if (!field.required) continue;
    const value = request[name];
    if (value === undefined || value === "") {
      // run_uuid is the deprecated spelling of run_id and satisfies it.
      if (name === "run_id" && typeof request["run_uuid"] === "string" && request["run_uuid"] !== "") {
        request["run_id"] = request["run_uuid"];
        continue;
      }
      throw missingParameter(name);
    }
  }
}

/**
 * Reads a GET query string: a repeated field takes every occurrence of its key, a scalar the
 * first; keys the message does not have are ignored; nested messages cannot be sent by GET.
 */
export function convertQuery(spec: MessageSpec, query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const raw = query[name];
    if (raw === undefined) continue;
    if (typeof field.type === "object" && "message" in field.type) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    body[name] = field.repeated ? values : values[0];
  }
  return convertMessage(spec, body);
}
