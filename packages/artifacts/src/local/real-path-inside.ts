import fs from "node:fs/promises";
import path from "node:path";
import { CairnError } from "@cairn/core";

/** Where a path really is, once every symbolic link on the way is followed, and where the root really is. */
export interface RealLocation {
  real: string;
  realRoot: string;
}

function invalidPath(): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", "Invalid path");
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Whether `child` is `parent` or lies below it; both absolute and normalised. */
export function isInside(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

/**
 * Follows the symbolic links on the way to `target` (an absolute path already lexically below
 * `root`) and refuses with "Invalid path" when the real location is not below realpath(root):
 * checking the text of the path alone lets a link inside the folder lead anywhere. A path that
 * does not exist yet (an upload) is judged by its deepest existing ancestor, whose missing tail
 * is created later; a dangling or looping link is refused, since where it leads is unknown.
 * Returns null when the root itself does not exist yet, so nothing below it can either.
 */
export async function realPathInside(root: string, target: string): Promise<RealLocation | null> {
  let existing = target;
  const missing: string[] = [];
  for (;;) {
    try {
      await fs.lstat(existing);
      break;
    } catch (error) {
      const code = errorCode(error);
      // ENOTDIR: a file sits where a directory is needed; that ancestor is the deepest one.
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      if (existing === root) return null;
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  let real: string;
  let realRoot: string;
  try {
    real = await fs.realpath(existing);
    realRoot = await fs.realpath(root);
  } catch (error) {
    if (["ENOENT", "ELOOP", "ENOTDIR"].includes(errorCode(error) ?? "")) throw invalidPath();
    throw error;
  }
  if (!isInside(realRoot, real)) throw invalidPath();
  return { real: path.join(real, ...missing), realRoot };
}
