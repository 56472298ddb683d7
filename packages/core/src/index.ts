/**
 * @module @cairn/core
 * Cairn's shared vocabulary: entities, ports (the store and artifact interfaces), the MLflow
 * wire contract, errors, the search-filter grammar, the path/URI safety checks and the webhook
 * URL and address checks. No I/O.
 */
export * as api from "./api/index.js";
export * from "./artifacts/index.js";
export * from "./entities/index.js";
export * from "./errors/index.js";
export * from "./filter/index.js";
export * from "./net/index.js";
export * from "./paths/index.js";
export * from "./ports/index.js";
