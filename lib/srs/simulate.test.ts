import { describe, expect, it } from 'vitest';
import { mean, simulate, stdDev } from './simulate';

describe('simulate', () => {
  const base = { days: 60, newPerDay: 8, start: '2026-01-05', seed: 3 };

  it('is deterministic, and balancing flattens the daily load without losing retention', () => {
    const off = simulate({ ...base, loadBalance: false });
    expect(simulate({ ...base, loadBalance: false })).toEqual(off);
    const on = simulate({ ...base, loadBalance: true });
    const tail = (xs: number[]) => xs.slice(20);
    expect(stdDev(tail(on.reviewsPerDay))).toBeLessThan(stdDev(tail(off.reviewsPerDay)));
    expect(on.trueRetention).toBeGreaterThan(off.trueRetention - 0.01);
    expect(mean(on.reviewsPerDay)).toBeGreaterThan(0);
  });

  it('keeps weekend reviews low with Saturday and Sunday at 0%', () => {
    const r = simulate({ ...base, loadBalance: true, easyDays: [0, 1, 1, 1, 1, 1, 0] });
    const weekend = r.reviewsPerDay.filter((_, i) => r.weekdays[i] === 0 || r.weekdays[i] === 6).slice(4);
    const week = r.reviewsPerDay.filter((_, i) => r.weekdays[i] !== 0 && r.weekdays[i] !== 6).slice(10);
    expect(mean(weekend)).toBeLessThan(mean(week) * 0.5);
  });
});

describe('stdDev', () => {
  it('is the population standard deviation', () => {
    expect(stdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(mean([])).toBe(0);
  });
});
