/**
 * Exponential moving average as TensorBoard draws it: debiased, so the first points are not
 * pulled toward zero, and NaN/±Infinity passed through without poisoning what follows.
 * `weight` 0 returns the values unchanged; 0.99 is very smooth.
 */
export function ema(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return [...values];
  const out: (number | null)[] = new Array(values.length);
  let last = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined || !Number.isFinite(value)) {
      out[index] = value ?? null;
      continue;
    }
    last = last * weight + (1 - weight) * value;
    count++;
    out[index] = last / (1 - weight ** count);
  }
  return out;
}
