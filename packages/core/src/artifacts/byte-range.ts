/** Bytes `start` to `end` of a file, both inclusive (as in `Content-Range`). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One range as an HTTP `Range` header asks for it: from `start` to `end` (inclusive; absent
 * means to the end of the file), or the last `suffix` bytes.
 */
export type RangeRequest = { start: number; end?: number } | { suffix: number };

/** Thrown by `ArtifactRepository.read` for a range that starts past the end: HTTP 416. */
export class UnsatisfiableRangeError extends Error {
  readonly size: number;
  constructor(size: number) {
    super(`Range not satisfiable for a file of ${size} bytes`);
    this.name = "UnsatisfiableRangeError";
    this.size = size;
  }
}

/**
 * Reads a `Range` header. Only a single `bytes=` range is honoured; anything else (several
 * ranges, other units, garbage) returns null and the whole file is sent, as RFC 9110 allows.
 *
 * @example
 * parseRangeHeader("bytes=0-1023"); // { start: 0, end: 1023 }
 * parseRangeHeader("bytes=-500");   // { suffix: 500 }
 */
export function parseRangeHeader(header: string | undefined): RangeRequest | null {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") return { suffix: Number(last) };
  const start = Number(first);
  if (last === "") return { start };
  const end = Number(last);
  if (end < start || !Number.isSafeInteger(end)) return null;
  return Number.isSafeInteger(start) ? { start, end } : null;
}

/** The bytes a request names in a file of `size` bytes, clamped to the file; throws when none. */
export function resolveRange(request: RangeRequest, size: number): ByteRange {
  if ("suffix" in request) {
    if (request.suffix === 0 || size === 0) throw new UnsatisfiableRangeError(size);
    return { start: Math.max(0, size - request.suffix), end: size - 1 };
  }
  if (request.start >= size) throw new UnsatisfiableRangeError(size);
  return { start: request.start, end: Math.min(request.end ?? size - 1, size - 1) };
}

/** The `Range` header value for a request, as sent to S3 or a proxy. */
export function rangeHeader(request: RangeRequest): string {
  return "suffix" in request ? `bytes=-${request.suffix}` : `bytes=${request.start}-${request.end ?? ""}`;
}
