export { assertNever } from "./assert-never.js";
export { CairnError, invalidParameter, notFound } from "./cairn-error.js";
export { ERROR_CODES, type ErrorCode, isErrorCode } from "./error-code.js";
export { httpStatusFor } from "./http-status.js";
