/** Runs of `%XX` escapes; a `%` that starts no escape is left as it is. */
const ESCAPES = /(?:%[0-9a-fA-F]{2})+/g;

/** Not fatal: bytes that are not UTF-8 become U+FFFD, as in Python's `unquote`. */
const UTF8 = new TextDecoder();

/**
 * One round of percent-decoding the way MLflow's path check (`urllib.parse.unquote`) does it:
 * leniently, so a literal `%` (`100%.txt`) is a character rather than an error.
 */
function decodeOnce(text: string): string {
  return text.replace(ESCAPES, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return UTF8.decode(bytes);
  });
}

/**
 * Every form `text` takes while it is percent-decoded until it stops changing: the text itself
 * first and the stable form last, so double-encoded traversal (`%252e%252e%252f`,
 * CVE-2023-6831) and the layers in between are all seen for what they are. Callers check every
 * form but keep using the text they were given. Returns null for text that keeps changing,
 * which callers treat as unsafe.
 */
export function decodedForms(text: string, maxRounds = 10): string[] | null {
  const forms = [text];
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const decoded = decodeOnce(current);
    if (decoded === current) return forms;
    forms.push(decoded);
    current = decoded;
  }
  return null;
}

/** The stable form of {@link decodedForms}, or null when there is none. */
export function decodeUntilStable(text: string, maxRounds = 10): string | null {
  return decodedForms(text, maxRounds)?.at(-1) ?? null;
}
