import { CairnError } from "@cairn/core";

/**
 * Filesystem refusals that are the request's fault, not the server's: the path names a
 * directory where a file is to go, runs through a file as if it were a directory, or has a
 * segment longer than the filesystem's limit (255 bytes on most). MLflow's store would fail
 * the same way; we answer 400 rather than an internal error.
 */
const CLIENT_FAULTS: Readonly<Record<string, string>> = {
  EISDIR: "it is a directory",
  ENOTDIR: "a file is in the way of a directory on it",
  EEXIST: "a file is in the way of a directory on it",
  ENAMETOOLONG: "a part of it is too long",
};

/**
 * Runs one repository operation and turns the filesystem errors above into
 * INVALID_PARAMETER_VALUE. The message names the client's relative path only: Node's own
 * message would show the server's absolute path.
 */
export async function withClientFaults<T>(relative: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const reason = CLIENT_FAULTS[(error as NodeJS.ErrnoException | null)?.code ?? ""];
    if (!reason || error instanceof CairnError) throw error;
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid path '${relative.slice(0, 200)}': ${reason}`);
  }
}
