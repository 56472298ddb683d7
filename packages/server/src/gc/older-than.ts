import { invalidParameter } from "@cairn/core";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/**
 * Reads MLflow's `--older-than` durations: days, hours, minutes and seconds in that order,
 * each optional and fractional (`1d2h3m4s`, `8h`, `1.5d`, `30s`). Returns milliseconds.
 *
 * @example
 * parseOlderThan("1d2h3m4s"); // 93_784_000
 */
export function parseOlderThan(text: string): number {
  const match = /^(?:([\d.]+)d)?(?:([\d.]+)h)?(?:([\d.]+)m)?(?:([\d.]+)s)?$/.exec(text.trim());
  const invalid = () =>
    invalidParameter(
      `Could not parse any time information from '${text.slice(0, 100)}'. Examples of valid strings: '8h', '2d8h5m20s', '2m4s'`,
    );
  if (!match || text.trim() === "") throw invalid();
  let total = 0;
  const units = ["d", "h", "m", "s"] as const;
  for (const [i, unit] of units.entries()) {
    const part = match[i + 1];
    if (part === undefined) continue;
    const value = Number(part);
    if (!Number.isFinite(value)) throw invalid();
    total += value * UNIT_MS[unit];
  }
  return Math.round(total);
}
