import { describe, expect, it } from 'vitest';
import { storedSettings, toStudySettings } from './settings';

const row = {
  desiredRetention: 0.9,
  newPerDay: 20,
  maxReviewsPerDay: 200,
  learningSteps: '["1m","10m"]',
  relearningSteps: '["10m"]',
  timezone: 'Europe/Berlin',
  dayStartHour: 4,
  fuzz: true,
  maximumInterval: 36500,
  fsrsParams: null,
};

describe('toStudySettings', () => {
  it('turns the stored row into scheduler and day settings', () => {
    const s = toStudySettings(row);
    expect(s.scheduler).toEqual({
      desiredRetention: 0.9,
      maximumInterval: 36500,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      fuzz: true,
      weights: null,
    });
    expect(s.day).toEqual({ timezone: 'Europe/Berlin', dayStartHour: 4 });
  });

  it.each([
    ['desiredRetention', 0.5],
    ['desiredRetention', 1],
    ['dayStartHour', 24],
    ['timezone', 'Nowhere/Land'],
    ['learningSteps', '["10 minutes"]'],
    ['learningSteps', 'not json'],
    ['fsrsParams', '[1,2,3]'],
  ])('rejects %s = %s', (field, value) => {
    expect(storedSettings.safeParse({ ...row, [field]: value }).success).toBe(false);
  });

  it('accepts 21 FSRS weights', () => {
    const w = JSON.stringify(Array.from({ length: 21 }, (_, i) => i / 10));
    expect(toStudySettings({ ...row, fsrsParams: w }).scheduler.weights).toHaveLength(21);
  });
});
