/**
 * A tiny description of proto request messages: enough to parse GET query strings the way
 * MLflow does, to type-check JSON bodies, and to report missing required fields.
 */
export type ScalarType = "string" | "int64" | "int32" | "double" | "bool";

export interface EnumType {
  enum: readonly string[];
}

export interface MessageType {
  message: MessageSpec;
}

export type FieldType = ScalarType | EnumType | MessageType;

export interface FieldSpec {
  type: FieldType;
  repeated?: boolean;
  /** Checked by the handler layer: absent, null and "" all count as missing (as in MLflow). */
  required?: boolean;
}

export type MessageSpec = Readonly<Record<string, FieldSpec>>;

export const str = (required = false): FieldSpec => ({ type: "string", required });
export const int64 = (required = false): FieldSpec => ({ type: "int64", required });
export const int32 = (required = false): FieldSpec => ({ type: "int32", required });
export const double = (required = false): FieldSpec => ({ type: "double", required });
export const bool = (required = false): FieldSpec => ({ type: "bool", required });
export const strList = (): FieldSpec => ({ type: "string", repeated: true });
export const enumOf = (values: readonly string[], required = false): FieldSpec => ({
  type: { enum: values },
  required,
});
export const messageList = (spec: MessageSpec): FieldSpec => ({
  type: { message: spec },
  repeated: true,
});
export const message = (spec: MessageSpec): FieldSpec => ({ type: { message: spec } });
