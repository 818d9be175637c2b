import os from 'node:os';

/**
 * How many server processes `npm start` runs: `WEB_CONCURRENCY` when set (1 to 64), else one
 * per core. Null when the setting is not a whole number in range.
 */
export function webConcurrency(value, cores = os.availableParallelism()) {
  if (value === undefined || value.trim() === '') return Math.max(1, cores);
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= 1 && n <= 64 ? n : null;
}
