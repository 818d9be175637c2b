import { describe, expect, it } from 'vitest';
import { easyDaysOf, settingsForm, storedSettings, toStudySettings } from './settings';

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
  loadBalance: true,
  easyDays: '[1,1,1,1,1,1,1]',
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
    ['easyDays', '[1,1,1]'],
    ['easyDays', '[0,0,0,0,0,0,0]'],
    ['easyDays', '[1,1,1,1,1,1,2]'],
  ])('rejects %s = %s', (field, value) => {
    expect(storedSettings.safeParse({ ...row, [field]: value }).success).toBe(false);
  });

  it('accepts 21 FSRS weights', () => {
    const w = JSON.stringify(Array.from({ length: 21 }, (_, i) => i / 10));
    expect(toStudySettings({ ...row, fsrsParams: w }).scheduler.weights).toHaveLength(21);
  });
});

describe('easy days', () => {
  it('reads load balancing and the weekday fractions', () => {
    const s = toStudySettings({ ...row, loadBalance: false, easyDays: '[0,1,1,1,1,1,0.5]' });
    expect(s.loadBalance).toBe(false);
    expect(s.easyDays).toEqual([0, 1, 1, 1, 1, 1, 0.5]);
  });

  const form = {
    desiredRetention: '0.9',
    newPerDay: '20',
    maxReviewsPerDay: '200',
    learningSteps: '1m 10m',
    relearningSteps: '10m',
    timezone: 'UTC',
    dayStartHour: '4',
    maximumInterval: '36500',
    loadBalance: 'on',
    easy0: '0',
    easy1: '1',
    easy2: '1',
    easy3: '1',
    easy4: '1',
    easy5: '1',
    easy6: '0.5',
  };

  it('takes them from the settings form, Sunday first', () => {
    const parsed = settingsForm.parse(form);
    expect(parsed.loadBalance).toBe(true);
    expect(easyDaysOf(parsed)).toEqual([0, 1, 1, 1, 1, 1, 0.5]);
    expect(settingsForm.parse({ ...form, loadBalance: undefined }).loadBalance).toBe(false);
  });

  it('refuses a fraction not offered and a week with no day for reviews', () => {
    expect(settingsForm.safeParse({ ...form, easy3: '0.3' }).success).toBe(false);
    const none = settingsForm.safeParse({ ...form, easy1: '0', easy2: '0', easy3: '0', easy4: '0', easy5: '0', easy6: '0' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe('At least one day of the week must take reviews.');
  });
});
