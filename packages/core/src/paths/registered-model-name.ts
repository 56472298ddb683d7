import { invalidParameter } from "../errors/index.js";

const MAX_NAME_LENGTH = 256;

/**
 * Registered model names end up in URIs (`models:/<name>/<version>`, `models:/<name>@<alias>`)
 * and URL paths, so characters that change how those parse are refused: `/` and `\` (path
 * separators), `%` (names differing only by URL encoding, CVE-2024-3099), `#` and `?` (URI
 * fragment and query) and control characters. The length is the DB column's, 256.
 *
 * @example
 * validateRegisteredModelName("fraud-detector"); // ok
 * validateRegisteredModelName("a%2Fb");          // throws INVALID_PARAMETER_VALUE
 */
export function validateRegisteredModelName(name: string): void {
  if (/[\u0000-\u001f\u007f/\\%#?]/.test(name)) {
    throw invalidParameter(
      `Invalid registered model name: '${name.slice(0, 250).replace(/[\u0000-\u001f\u007f]/g, "?")}'. Names may not contain '/', '\\', '%', '#', '?' or control characters.`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw invalidParameter(
      `Registered model name '${name.slice(0, 250)}' had length ${name.length}, which exceeded length limit of ${MAX_NAME_LENGTH}`,
    );
  }
}
