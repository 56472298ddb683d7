/**
 * The version `/version` reports, with Cairn's own version after a '+'. MLflow 3 clients parse
 * it (`RestStore._get_server_version`) and only `RestStore.log_spans` gates on it: from 3.4 on
 * they export spans as OTLP to `/v1/traces`, which Cairn does not serve, so it must stay below
 * 3.4. Everything else the clients call (logged models included) is not gated on the version.
 */
export const CAIRN_VERSION = "2.17.0+cairn.0.1.0";
