import { invalidParameter } from "../errors/index.js";

/**
 * Tokens of the filter language. An identifier keeps its entity part and its key apart so a
 * quoted key (`tags.\`mlflow.runName\``, `metrics."my-metric"`) stays one key.
 */
export type Token =
  | { kind: "identifier"; entity: string | null; key: string; text: string }
  | { kind: "string"; value: string; text: string }
  | { kind: "number"; value: number; text: string }
  | { kind: "operator"; value: string; text: string }
  | { kind: "keyword"; value: string; text: string }
  | { kind: "punct"; value: "(" | ")" | ","; text: string };

const KEYWORDS = new Set(["AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const BARE = /^[A-Za-z_][\w]*/;
const BARE_KEY = /^[\w.]+/;

function readQuoted(input: string, start: number, quote: string): { value: string; end: number } {
  let value = "";
  let index = start + 1;
  while (index < input.length) {
    const char = input[index] as string;
    if (char === "\\" && index + 1 < input.length) {
      value += input[index + 1];
      index += 2;
      continue;
    }
    if (char === quote) {
      // SQL style: a doubled quote is a literal quote.
      if (input[index + 1] === quote) {
        value += quote;
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  throw invalidParameter(`Invalid string in filter: unterminated ${quote} quote.`);
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const rest = input.slice(index);
    const char = input[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: "punct", value: char, text: char });
      index += 1;
      continue;
    }
    const operator = /^(!=|<>|>=|<=|=|>|<)/.exec(rest)?.[0];
    if (operator) {
      tokens.push({ kind: "operator", value: operator === "<>" ? "!=" : operator, text: operator });
      index += operator.length;
      continue;
    }
    if (char === "'" || char === '"') {
      const { value, end } = readQuoted(input, index, char);
      tokens.push({ kind: "string", value, text: input.slice(index, end) });
      index = end;
      continue;
    }
    if (char === "`") {
      const { value, end } = readQuoted(input, index, "`");
      tokens.push({ kind: "identifier", entity: null, key: value, text: input.slice(index, end) });
      index = end;
      continue;
    }
    const number = NUMBER.exec(rest)?.[0];
    if (number && (tokens.length === 0 || tokens.at(-1)?.kind !== "identifier" || !/^[+-]/.test(number))) {
      tokens.push({ kind: "number", value: Number(number), text: number });
      index += number.length;
      continue;
    }
    const word = BARE.exec(rest)?.[0];
    if (word) {
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper) && input[index + word.length] !== ".") {
        tokens.push({ kind: "keyword", value: upper, text: word });
        index += word.length;
        continue;
      }
      index += word.length;
      if (input[index] === ".") {
        index += 1;
        const quote = input[index];
        if (quote === "`" || quote === '"') {
          const { value, end } = readQuoted(input, index, quote);
          tokens.push({ kind: "identifier", entity: word, key: value, text: input.slice(index - word.length - 1, end) });
          index = end;
          continue;
        }
        const key = BARE_KEY.exec(input.slice(index))?.[0];
        if (!key) throw invalidParameter(`Invalid identifier '${word}.' in filter: the key is missing.`);
        tokens.push({ kind: "identifier", entity: word, key, text: `${word}.${key}` });
        index += key.length;
        continue;
      }
      tokens.push({ kind: "identifier", entity: null, key: word, text: word });
      continue;
    }
    throw invalidParameter(`Invalid character '${char}' in filter string at position ${index}.`);
  }
  return tokens;
}
