import { z } from '@/lib/zod';
import type { StepUnit } from 'ts-fsrs';
import type { DayConfig } from './day';
import { isValidTimezone } from './day';
import type { SchedulerSettings } from './scheduler';

/** Everything that decides what a learner studies and when. */
export interface StudySettings {
  scheduler: SchedulerSettings;
  day: DayConfig;
  newPerDay: number;
  maxReviewsPerDay: number;
  /** Choose each review's day within the fuzz range by load (lib/srs/balance.ts). */
  loadBalance: boolean;
  /** Load fraction per weekday, Sunday first (easy days). */
  easyDays: number[];
}

/** Weekdays as the settings show them (Monday first), with their index in `easyDays` (Sunday 0). */
export const WEEKDAYS = [
  { index: 1, name: 'Monday', short: 'Mon' },
  { index: 2, name: 'Tuesday', short: 'Tue' },
  { index: 3, name: 'Wednesday', short: 'Wed' },
  { index: 4, name: 'Thursday', short: 'Thu' },
  { index: 5, name: 'Friday', short: 'Fri' },
  { index: 6, name: 'Saturday', short: 'Sat' },
  { index: 0, name: 'Sunday', short: 'Sun' },
] as const;

/** The load fractions a weekday can have: a normal day, three lighter ones, or none. */
export const EASY_DAY_FRACTIONS = [1, 0.75, 0.5, 0.25, 0] as const;

const easyDays = z
  .array(z.number().min(0).max(1))
  .length(7)
  .refine((a) => a.some((f) => f > 0), 'at least one weekday must take reviews');

const step = z.string().regex(/^\d+(\.\d+)?[mhd]$/, 'a step is a number followed by m, h or d, like 10m');
const steps = z.array(step).max(10);

const jsonArray = <T extends z.ZodTypeAny>(inner: T) =>
  z.string().transform((s, ctx) => {
    try {
      const parsed = inner.safeParse(JSON.parse(s));
      if (parsed.success) return parsed.data as z.infer<T>;
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid' });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'invalid JSON' });
    }
    return z.NEVER;
  });

/** The stored settings row, as lib/db returns it. */
export const storedSettings = z.object({
  desiredRetention: z.number().min(0.7).max(0.99),
  newPerDay: z.number().int().min(0).max(9999),
  maxReviewsPerDay: z.number().int().min(0).max(99999),
  learningSteps: jsonArray(steps),
  relearningSteps: jsonArray(steps),
  timezone: z.string().refine(isValidTimezone, 'unknown timezone'),
  dayStartHour: z.number().int().min(0).max(23),
  fuzz: z.boolean(),
  maximumInterval: z.number().int().min(1).max(36500),
  loadBalance: z.boolean(),
  easyDays: jsonArray(easyDays),
  fsrsParams: jsonArray(z.array(z.number()).length(21)).nullable(),
});

const easyDay = (name: string) =>
  z.coerce
    .number({ error: `Choose ${name}'s load.` })
    .refine((f) => (EASY_DAY_FRACTIONS as readonly number[]).includes(f), `Choose ${name}'s load from the list.`)
    .default(1);

/** The settings form: what a learner may set, with messages a person can act on. */
export const settingsForm = z
  .object({
  desiredRetention: z.coerce
    .number({ error: 'Desired retention must be a number.' })
    .min(0.7, 'Desired retention must be at least 0.70.')
    .max(0.99, 'Desired retention must be at most 0.99.'),
  newPerDay: z.coerce.number().int('New cards per day must be a whole number.').min(0, 'New cards per day cannot be negative.').max(9999, 'At most 9999 new cards per day.'),
  maxReviewsPerDay: z.coerce
    .number()
    .int('Maximum reviews must be a whole number.')
    .min(1, 'Allow at least 1 review per day.')
    .max(99999, 'At most 99999 reviews per day.'),
  learningSteps: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d+)?[mhd](\s+\d+(\.\d+)?[mhd])*)?$/, 'Write steps like "1m 10m" (m minutes, h hours, d days).')
    .transform((s) => (s ? s.split(/\s+/) : []))
    .refine((a) => a.length <= 10, 'Use at most 10 learning steps.'),
  relearningSteps: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d+)?[mhd](\s+\d+(\.\d+)?[mhd])*)?$/, 'Write steps like "10m" (m minutes, h hours, d days).')
    .transform((s) => (s ? s.split(/\s+/) : []))
    .refine((a) => a.length <= 10, 'Use at most 10 relearning steps.'),
  timezone: z.string().refine(isValidTimezone, 'Choose a timezone from the list.'),
  dayStartHour: z.coerce.number().int().min(0, 'The day starts at an hour from 0 to 23.').max(23, 'The day starts at an hour from 0 to 23.'),
  fuzz: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  maximumInterval: z.coerce
    .number()
    .int('The maximum interval must be a whole number of days.')
    .min(1, 'The maximum interval must be at least 1 day.')
    .max(36500, 'The maximum interval is at most 36500 days (100 years).'),
  autoOptimize: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  loadBalance: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  easy1: easyDay('Monday'),
  easy2: easyDay('Tuesday'),
  easy3: easyDay('Wednesday'),
  easy4: easyDay('Thursday'),
  easy5: easyDay('Friday'),
  easy6: easyDay('Saturday'),
  easy0: easyDay('Sunday'),
}).refine((v) => [0, 1, 2, 3, 4, 5, 6].some((i) => v[`easy${i as 0}`] > 0), {
  message: 'At least one day of the week must take reviews.',
  path: ['easyDays'],
});
export type SettingsForm = z.infer<typeof settingsForm>;

/** The form's seven weekday fields as `easyDays` (Sunday first). */
export function easyDaysOf(form: SettingsForm): number[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => form[`easy${i as 0}`]);
}

export function toStudySettings(row: z.input<typeof storedSettings>): StudySettings {
  const s = storedSettings.parse(row);
  return {
    scheduler: {
      desiredRetention: s.desiredRetention,
      maximumInterval: s.maximumInterval,
      learningSteps: s.learningSteps as StepUnit[],
      relearningSteps: s.relearningSteps as StepUnit[],
      fuzz: s.fuzz,
      weights: s.fsrsParams,
    },
    day: { timezone: s.timezone, dayStartHour: s.dayStartHour },
    newPerDay: s.newPerDay,
    maxReviewsPerDay: s.maxReviewsPerDay,
    loadBalance: s.loadBalance,
    easyDays: s.easyDays,
  };
}
