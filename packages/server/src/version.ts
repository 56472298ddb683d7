/**
 * The version `/version` reports. Clients compare it with MLflow's, so it follows MLflow's
 * numbering for the wire it speaks (2.x tracking API), with Cairn's own version after a '+'.
 */
export const CAIRN_VERSION = "2.17.0+cairn.0.1.0";
