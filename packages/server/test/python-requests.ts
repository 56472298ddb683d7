/**
 * Requests shaped byte for byte like the official Python `mlflow` client's. It builds bodies with
 * `message_to_json` (mlflow/utils/proto_json_utils.py), parses them back, and hands them to
 * `requests` (mlflow/utils/rest_utils.py `call_endpoint`): a GET's fields become `params`, which
 * `urllib.parse.urlencode(doseq=True)` turns into repeated keys, `+` for spaces and `True` for
 * booleans; every other method sends `json=`, which `json.dumps` writes with `", "` and `": "`
 * separators and non-ASCII escaped as `\uXXXX`.
 */

/** A Python float: `json.dumps(1.0)` is `1.0`, never `1`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = string | number | boolean | null | PyFloat | PyValue[] | { [key: string]: PyValue };

function pyString(text: string): string {
  // ensure_ascii=True: every non-ASCII code unit is escaped, as Python does (surrogates included).
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `json.dumps(value)` with Python's defaults. */
export function pyJson(value: PyValue): string {
  if (value === null) return "null";
  if (value instanceof PyFloat) {
    if (Number.isNaN(value.value)) return "NaN";
    if (!Number.isFinite(value.value)) return value.value > 0 ? "Infinity" : "-Infinity";
    return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
  }
  if (typeof value === "string") return pyString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${pyString(key)}: ${pyJson(item)}`)
    .join(", ")}}`;
}

/** `urllib.parse.quote_plus`: letters, digits and `_.-~` stay, space is `+`, the rest is %XX of UTF-8. */
function quotePlus(text: string): string {
  return Array.from(new TextEncoder().encode(text))
    .map((byte) => {
      const c = String.fromCharCode(byte);
      if (/[A-Za-z0-9_.~-]/.test(c)) return c;
      if (c === " ") return "+";
      return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

function pyStr(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  return String(value);
}

/** `urlencode(params, doseq=True)`, as `requests` encodes a GET's `params`. */
export function pyQuery(params: Record<string, string | number | boolean | Array<string | number>>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${quotePlus(key)}=${quotePlus(pyStr(item))}`);
  }
  return pairs.join("&");
}

/**
 * `requests.utils.requote_uri`: what `requests` does to a URL path built with `posixpath.join`
 * (the artifact repository's PUT, GET and DELETE): unsafe characters and non-ASCII are
 * percent-encoded as UTF-8, while `/` and an existing `%XX` stay.
 */
export function requoteUri(path: string): string {
  return Array.from(new TextEncoder().encode(path))
    .map((byte) => {
      const c = String.fromCharCode(byte);
      if (/[A-Za-z0-9_.~!#$%&'()*+,/:;=?@[\]-]/.test(c)) return c;
      return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

export interface PyResponse {
  status: number;
  text: string;
  headers: Headers;
  /** `json.loads(response.text)`, or undefined when the body is not JSON. */
  json: Record<string, unknown>;
}

/** The Python client's view of one server, for the REST calls of `RestStore`. */
export class PythonRest {
  constructor(private readonly base: string) {}

  private async read(response: Response): Promise<PyResponse> {
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined as unknown as Record<string, unknown>;
    }
    return { status: response.status, text, headers: response.headers, json };
  }

  /** `call_endpoint(..., "GET", json_body)`: the fields go to the query string. */
  async get(path: string, params: Record<string, string | number | boolean | Array<string | number>> = {}): Promise<PyResponse> {
    const query = pyQuery(params);
    return this.read(await fetch(`${this.base}${path}${query ? `?${query}` : ""}`));
  }

  /** `call_endpoint(..., "POST" | "PATCH" | "DELETE", json_body)`: `requests(json=...)`. */
  async send(method: string, path: string, body: PyValue): Promise<PyResponse> {
    return this.read(
      await fetch(`${this.base}${path}`, {
        method,
        headers: { "Content-Type": "application/json" },
        body: pyJson(body),
      }),
    );
  }

  post(path: string, body: PyValue): Promise<PyResponse> {
    return this.send("POST", path, body);
  }

  /** `http_request(..., "PUT", data=f, extra_headers={"Content-Type": mime})` of HttpArtifactRepository. */
  async put(path: string, data: Buffer, mimeType: string): Promise<PyResponse> {
    const headers = { "Content-Type": mimeType };
    if (data.length === 0) {
      // requests sends an empty file object chunked (super_len() is 0, so no Content-Length):
      // a stream body makes fetch do the same.
      const body = new ReadableStream({ start: (controller) => controller.close() });
      return this.read(await fetch(`${this.base}${requoteUri(path)}`, { method: "PUT", headers, body, duplex: "half" } as RequestInit));
    }
    return this.read(await fetch(`${this.base}${requoteUri(path)}`, { method: "PUT", headers, body: data }));
  }

  async raw(method: string, path: string): Promise<PyResponse> {
    return this.read(await fetch(`${this.base}${requoteUri(path)}`, { method }));
  }
}
