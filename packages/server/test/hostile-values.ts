import type { api } from "@cairn/core";

/**
 * Percent-escapes every byte of the UTF-8 form but the unreserved ones. Unlike
 * encodeURIComponent it never throws: a lone surrogate is sent as U+FFFD.
 */
export function escapeAll(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** A small seeded PRNG (mulberry32): the same seed always gives the same requests. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** JSON text placed verbatim in a body: numbers JSON.stringify cannot write, deep nesting. */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON.stringify with `Raw` values spliced in as written. */
export function toJsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const base64 = (text: string) => Buffer.from(text).toString("base64");
const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** Numbers at and beyond the edges of int64 and double, written as JSON literals. */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1.5,
  -(2 ** 53),
  2 ** 53 + 2,
  new Raw("-0"),
  new Raw("1e309"),
  new Raw("-1e309"),
  new Raw("9223372036854775807"),
  new Raw("9223372036854775808"),
  new Raw("-9223372036854775809"),
  new Raw("123456789012345678901234567890"),
  new Raw("1e-400"),
  new Raw("0.0000000000000000000000000001"),
];

/** Strings that break naive SQL, paths, filters, base64, JSON and PostgreSQL text columns. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u001f\u007f",
  "\r\n\t",
  "\ud800",
  "x\udfff\ud800y",
  "😀".repeat(50),
  "\u202eevil",
  "\ufeffbom",
  "x".repeat(600),
  "y".repeat(70_000),
  "'",
  '"',
  "\\",
  "%",
  "%00",
  "%zz",
  "../../etc/passwd",
  "..\\..\\windows",
  "/etc/passwd",
  "file:///etc",
  "file://host/share",
  "//proc/self/root",
  "C:\\",
  "C:/",
  "http:///#/../../etc",
  "mlflow-artifacts://h:1/..%2f..%2fx",
  "mlflow-artifacts:/%zz",
  "dbfs:/x/a%3f/../..",
  "s3://bucket/../x",
  "a;..%2F..%2Fetc",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "9223372036854775808",
  "-9223372036854775809",
  "0x10",
  " 7 ",
  "null",
  "true",
  "__proto__",
  "constructor",
  "toString",
  "metrics.x > 1 AND",
  "metrics.`a\u0000` > 1",
  "params.a = '\u0000'",
  "tags.`x` = 'y' OR 1=1",
  "attributes.run_id IN ()",
  "attributes.run_id IN ('a', )",
  "name LIKE '%'",
  "name ILIKE '%\\'",
  "attributes.start_time > 99999999999999999999999",
  "metrics.m > 1e309",
  "metric.m = NaN",
  "start_time DESC, ",
  "metrics.`` ASC",
  "); DROP TABLE runs; --",
  "*",
  "=",
  "!!!!",
  "eyJ",
  base64('{"offset":-1}'),
  base64('{"offset":1e309}'),
  base64('{"offset":9223372036854775808}'),
  base64('{"offset":"1"}'),
  base64("null"),
  base64("[]"),
  base64('"x"'),
  base64(`{"offset":${deep(3000)}}`),
  base64(`{"offset":1}`).repeat(5000),
];

/** Any-type values: each of them is the wrong type for most fields. */
export const HOSTILE_ANY: readonly unknown[] = [
  null,
  true,
  false,
  {},
  { a: { b: [] } },
  [],
  [null],
  [[]],
  [{}],
  ["a", 1, null],
  new Raw(deep(20_000)),
  new Raw(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`),
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];

const FILTER_KEYS = [
  "metrics.acc",
  "metrics.`a b`",
  'metrics."q"',
  "params.lr",
  "tags.k",
  "tags.`mlflow.runName`",
  "attributes.start_time",
  "attributes.end_time",
  "attributes.run_id",
  "attributes.status",
  "attributes.run_name",
  "attributes.artifact_uri",
  "attribute.created",
  "run_name",
  "datasets.name",
  "dataset.digest",
  "name",
  "version_number",
  "run_id",
  "source_path",
  "creation_timestamp",
  "last_updated_timestamp",
  "model_id",
  "status",
  "tags.`",
  "metrics.",
  "unknown.x",
  "`",
  "",
];
const FILTER_OPERATORS = ["=", "!=", "<", ">", "<=", ">=", "LIKE", "ILIKE", "IN", "NOT IN", "IS NULL", "IS NOT NULL", "==", "<>", "~"];
const FILTER_VALUES = [
  "'v'",
  "'%'",
  "'\\'",
  "''",
  '"x"',
  "1",
  "-1",
  "0.5",
  "1e309",
  "-1e309",
  "99999999999999999999999",
  "NaN",
  "('a', 'b')",
  "()",
  "('a',)",
  "(1, 2)",
  "('",
  "'unterminated",
  "null",
  "TRUE",
  "'\u0000'",
  "x",
];

/** A search filter from MLflow's grammar, often just outside it. */
export function filterFor(random: Random): string {
  const clauses = Array.from({ length: 1 + random.int(3) }, () => {
    const operator = random.pick(FILTER_OPERATORS);
    const value = operator.startsWith("IS") ? "" : ` ${random.pick(FILTER_VALUES)}`;
    return `${random.pick(FILTER_KEYS)} ${operator}${value}`;
  });
  return clauses.join(random.pick([" AND ", " and ", " OR ", " AND AND ", " "]));
}

/** An order_by clause, often just outside the grammar. */
export function orderByFor(random: Random): string {
  return `${random.pick(FILTER_KEYS)}${random.pick(["", " ASC", " DESC", " asc", " DESC DESC", " sideways", ","])}`;
}

/** Values of the right JSON type whose content is still hostile (edges, NUL, traversal). */
function wellTyped(random: Random, type: api.FieldType): unknown {
  if (typeof type === "object") {
    if ("enum" in type) return random.pick(type.enum);
    return undefined;
  }
  switch (type) {
    case "string":
      return random.pick(HOSTILE_STRINGS);
    case "int64":
    case "int32":
      return random.pick([0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1), 1_700_000_000_000, "12", "-7"]);
    case "double":
      return random.pick([0, new Raw("-0"), 1.5, 1e308, -1e308, 5e-324, "NaN", "Infinity", "-Infinity", 2 ** 63]);
    case "bool":
      return random.pick([true, false, "true", "FALSE"]);
  }
}

/**
 * A value for a field of this spec: a plausible one (an id that exists) so the request goes
 * deeper, a well-typed hostile one, or (unless `typed`) one of the wrong JSON type.
 */
export function valueFor(
  random: Random,
  name: string,
  field: api.FieldSpec,
  plausible: (name: string) => readonly unknown[] | undefined,
  typed: boolean,
  depth = 0,
): unknown {
  if (field.repeated && (typed || random.chance(0.7))) {
    if (random.chance(0.03))
      return Array.from({ length: 5000 }, () => valueFor(random, name, { ...field, repeated: false }, plausible, true, 9));
    const length = random.int(4);
    return Array.from({ length }, () => valueFor(random, name, { ...field, repeated: false }, plausible, typed, depth));
  }
  const known = plausible(name);
  if (known && random.chance(0.4)) return random.pick(known);
  if ((name === "filter" || name === "filter_string") && random.chance(0.6)) return filterFor(random);
  if (name === "order_by" && field.type === "string" && random.chance(0.6)) return orderByFor(random);
  const type = field.type;
  if (typeof type === "object" && "message" in type) {
    if (depth < 4 && (typed || random.chance(0.6))) return messageFor(random, type.message, plausible, typed, depth + 1);
    if (typed) return {};
  } else if (typed || random.chance(0.5)) {
    return wellTyped(random, type);
  }
  const roll = random.next();
  if (roll < 0.3) return random.pick(HOSTILE_STRINGS);
  if (roll < 0.65) return random.pick(HOSTILE_NUMBERS);
  return random.pick(HOSTILE_ANY);
}

/** A body for a message spec: a random subset of its fields, each plausible or hostile. */
export function messageFor(
  random: Random,
  spec: api.MessageSpec,
  plausible: (name: string) => readonly unknown[] | undefined,
  typed: boolean,
  depth = 0,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    if (random.chance(field.required ? 0.9 : 0.55)) body[name] = valueFor(random, name, field, plausible, typed, depth);
  }
  if (random.chance(0.1)) body["unknown_field"] = random.pick(HOSTILE_ANY);
  return body;
}

/** Bodies that are not the JSON object a handler expects (sent with a JSON content type). */
export const HOSTILE_BODIES: readonly (string | Buffer)[] = [
  "",
  " ",
  "null",
  "[]",
  "0",
  '"{}"',
  '"{\\"name\\": 5}"',
  '"not json"',
  "{",
  '{"a":',
  "{}}",
  "\ufeff{}",
  '{"name": "a"} trailing',
  deep(50_000),
  `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.concat([
    Buffer.from('{"name":"'),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    Buffer.from('"}'),
  ]),
  Buffer.concat([Buffer.from('{"experiment_id":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","key":"k","value":"v"}')]),
  Buffer.from([0x7b, 0x00, 0x7d]),
  "\u0000",
  `{"name":"${"z".repeat(2_000_000)}"}`,
];

/** Content types a JSON route must refuse (or, for PATCH/DELETE, tolerate) without a 500. */
export const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/jsonx",
  ";",
  "application/json\u00ff",
];

/**
 * Query-string pieces written raw on the wire: malformed escapes, invalid UTF-8 (escaped and as
 * raw latin-1 bytes), NUL, duplicates and prototype keys.
 */
export function hostileQueryPairs(random: Random, fields: readonly string[]): string[] {
  const key = () =>
    fields.length > 0 && random.chance(0.8)
      ? random.pick(fields)
      : random.pick(["__proto__", "constructor", "hasOwnProperty", "a[b]", "%zz", ""]);
  const value = () =>
    random.pick([
      "",
      "%",
      "%zz",
      "%E0%A4%A",
      "%ff%fe",
      "%ed%a0%80",
      "%00",
      "a%00b",
      "\u00ff\u00fe",
      "%C0%AF",
      "true",
      "TRUE",
      "yes",
      "-1",
      "-0",
      "1e309",
      "99999999999999999999",
      "9223372036854775808",
      "NaN",
      "..%2f..%2fetc%2fpasswd",
      "%252e%252e%252f",
      "x".repeat(3000),
      escapeAll(random.pick(HOSTILE_STRINGS).slice(0, 2000)),
    ]);
  const pairs: string[] = [];
  const count = 1 + random.int(5);
  for (let i = 0; i < count; i++) {
    const k = key();
    const v = value();
    pairs.push(random.chance(0.1) ? k : `${k}=${v}`);
    if (random.chance(0.3)) pairs.push(`${k}=${value()}`); // a duplicate key
  }
  return pairs;
}
