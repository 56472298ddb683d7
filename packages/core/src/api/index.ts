export { CAIRN_OPERATIONS } from "./cairn-operations.js";
export type { EnumType, FieldSpec, FieldType, MessageSpec, MessageType, ScalarType } from "./field-spec.js";
export { LOGGED_MODEL_OPERATIONS } from "./logged-model-operations.js";
export { requests } from "./messages.js";
export type { HttpMethod, Operation, OperationName, StreamedOperationName, TableOperationName } from "./operation.js";
export { ALL_OPERATIONS, operation, TRACKING_OPERATIONS } from "./operations.js";
export { REGISTRY_OPERATIONS } from "./registry-operations.js";
export { WEBHOOK_OPERATIONS } from "./webhook-operations.js";
