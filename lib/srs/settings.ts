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
