import { invalidParameter } from "../errors/index.js";
import { decodedForms } from "./decode-until-stable.js";

const MAX_PATH_LENGTH = 4096;
// Control characters (NUL included), '#' (CVE-2024-1594 and kin), '?' (CVE-2024-8859) and
// backslashes (Windows separators smuggling traversal, CVE-2023-2780).
const FORBIDDEN = /[\u0000-\u001f\u007f#?\\]/;

function invalidPath(): Error {
  return invalidParameter("Invalid path");
}

/**
 * The one check every relative artifact path goes through (`?path=`, the proxy's
 * `/artifacts/<path>`, `get-artifact`). `path` is what the HTTP layer gives, decoded once. Each
 * form it takes while decoded until stable must be free of traversal, absolute POSIX and
 * Windows paths, UNC paths, control characters, `#` and `?`; the path itself is then returned
 * normalised ('/'-separated, no `.` segments, no empty segments; "" for the root) but not
 * decoded again, which would rename `a%2541.txt` (sent for `a%41.txt`) to `aA.txt`.
 *
 * @example
 * validateArtifactPath("model//./MLmodel"); // "model/MLmodel"
 * validateArtifactPath("100%.txt");         // "100%.txt"
 * validateArtifactPath("../etc/passwd");     // throws INVALID_PARAMETER_VALUE "Invalid path"
 */
export function validateArtifactPath(path: string): string {
  if (path.length > MAX_PATH_LENGTH) throw invalidPath();
  const forms = decodedForms(path);
  if (forms === null) throw invalidPath();
  for (const form of forms) {
    if (FORBIDDEN.test(form)) throw invalidPath();
    if (form.startsWith("/")) throw invalidPath();
    if (/^[A-Za-z]:/.test(form)) throw invalidPath();
    if (/^[a-z][a-z0-9+.-]*:/i.test(form)) throw invalidPath();
    if (form.split("/").includes("..")) throw invalidPath();
  }
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}
