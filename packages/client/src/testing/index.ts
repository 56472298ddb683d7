/**
 * @module @cairn/client/testing
 * A real in-process Cairn server for users' test suites.
 */
export { startTestServer, type TestServer, type TestServerOptions } from "./start-test-server.js";
