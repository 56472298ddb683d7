/**
 * @module @cairn/client/tfjs
 * TF.js integration: a fit callback that logs without blocking, and opt-in autologging.
 * Needs the optional peer `@tensorflow/tfjs`.
 */
export { autolog } from "./autolog.js";
export { CairnCallback, type CairnCallbackOptions } from "./cairn-callback.js";
