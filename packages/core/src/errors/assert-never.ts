/**
 * The default branch of an exhaustive switch: the compiler proves it unreachable, and should
 * a value slip through at run time (an unchecked cast), it fails loudly instead of silently.
 *
 * @example
 * switch (comparator) { case "=": …; default: return assertNever(comparator); }
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${String(value)}`);
}
