/**
 * Metric keys interned to small ids, so a metric block stores a number per point instead of a
 * string, and a worker thread learns each name once (ids only grow; names are never removed).
 *
 * @example
 * const keys = new MetricKeys();
 * keys.id("loss"); // 0
 * keys.names[0]; // "loss"
 */
export class MetricKeys {
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();

  id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(key);
      this.#ids.set(key, id);
    }
    return id;
  }
}
