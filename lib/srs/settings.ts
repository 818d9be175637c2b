import { z } from 'zod';
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
}

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
  fsrsParams: jsonArray(z.array(z.number()).length(21)).nullable(),
});

/** The settings form: what a learner may set, with messages a person can act on. */
export const settingsForm = z.object({
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
});
export type SettingsForm = z.infer<typeof settingsForm>;

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
  };
}
