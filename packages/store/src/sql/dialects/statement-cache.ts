import type Database from "better-sqlite3";

/** How many distinct statements each connection keeps prepared. */
const CACHE_SIZE = 256;

/**
 * Wraps a better-sqlite3 connection so `prepare` reuses statements by SQL text. Kysely
 * prepares every query it runs; the hot paths (metric inserts, run look-ups) repeat the same
 * text, and preparing a statement with thousands of parameters costs more than running it.
 * Safe because better-sqlite3 runs statements synchronously, one at a time, and Kysely never
 * keeps an iterator open on a cached one.
 */
export function withStatementCache(db: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "prepare") return Reflect.get(target, property, receiver);
      return (source: string) => {
        const cached = cache.get(source);
        if (cached) {
          // Refresh its place in the LRU order.
          cache.delete(source);
          cache.set(source, cached);
          return cached;
        }
        const statement = prepare(source);
        cache.set(source, statement);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        return statement;
      };
    },
  });
}
