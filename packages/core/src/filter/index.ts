export { parseExperimentFilter, parseExperimentOrderBy, parseExperimentOrderByList } from "./experiment-filter.js";
export type { Comparator, EntityType, FilterClause, OrderByClause } from "./filter-ast.js";
export {
  LOGGED_MODEL_SEARCH_RULES,
  type LoggedModelOrderBy,
  type LoggedModelOrderKey,
  parseLoggedModelFilter,
  parseLoggedModelOrderBy,
} from "./logged-model-filter.js";
export {
  parseModelVersionFilter,
  parseModelVersionOrderByList,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderByList,
} from "./registry-filter.js";
export { parseRunFilter, parseRunOrderBy, parseRunOrderByList } from "./run-filter.js";
