/**
 * When the pipeline next asks an unreachable backend whether it is back. The wait starts at
 * the first interval and doubles after each failed probe, up to the longest, so a long outage
 * costs few requests; it starts over once the backend answers.
 *
 * @example
 * const probes = new ProbeSchedule(500, 5_000);
 * probes.backOff(); // next probe in 500 ms, the one after in 1 s
 * if (Date.now() >= probes.nextAt && (await backend.ping())) probes.reset();
 */
export class ProbeSchedule {
  readonly #firstMs: number;
  readonly #maxMs: number;
  #delayMs: number;
  #nextAt = 0;

  constructor(firstMs: number, maxMs: number) {
    this.#firstMs = firstMs;
    this.#maxMs = maxMs;
    this.#delayMs = firstMs;
  }

  /** Time (ms since the epoch) of the next probe. */
  get nextAt(): number {
    return this.#nextAt;
  }

  /** The backend is still away: wait longer before the next probe. */
  backOff(): void {
    this.#nextAt = Date.now() + this.#delayMs;
    this.#delayMs = Math.min(this.#maxMs, this.#delayMs * 2);
  }

  /** Someone waits for delivery: probe within `ms` at the latest. */
  bringForward(ms: number): void {
    this.#nextAt = Math.min(this.#nextAt, Date.now() + ms);
  }

  /** The backend answered: the next outage starts again from the first interval. */
  reset(): void {
    this.#delayMs = this.#firstMs;
  }
}
