import { describe, expect, it } from 'vitest';
import { studyDayBounds } from './day';
import { GRADES } from './grades';
import { createPreviewer } from './preview';
import {
  createScheduler,
  DEFAULT_SCHEDULER_SETTINGS,
  formatInterval,
  gradeCard,
  gradeQuestion,
  questionSchedulerSettings,
  Rating,
  State,
  type Card,
} from './scheduler';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = { timezone: 'Europe/Berlin', dayStartHour: 4 };
const minutes = (n: number) => n * 60_000;

/** A card in review, a card relearning and a new card (null), graded as the app grades. */
function cards(settings = DEFAULT_SCHEDULER_SETTINGS): (Card | null)[] {
  const f = createScheduler(settings);
  let review = gradeCard(f, null, T0, Rating.Good).card;
  review = gradeCard(f, review, new Date(T0.getTime() + minutes(10)), Rating.Good).card;
  const relearning = gradeCard(f, review, review.due, Rating.Again).card;
  return [null, review, relearning];
}

describe('createPreviewer', () => {
  it.each([
    ['fuzz on', DEFAULT_SCHEDULER_SETTINGS],
    ['fuzz off, other steps and retention', { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false, desiredRetention: 0.85, learningSteps: ['5m' as const] }],
  ])('gives a flashcard, for every grade, what the grade gives it at the same moment (%s)', (_, settings) => {
    for (const card of cards(settings)) {
      const now = card ? new Date(card.due.getTime() + minutes(3)) : T0;
      const previews = createPreviewer({ scheduler: settings, day }, now)('card', card);
      const f = createScheduler(settings);
      for (const g of GRADES) {
        const graded = gradeCard(f, card, now, g).card;
        const inMs = graded.due.getTime() - now.getTime();
        expect(previews[g], `grade ${g}`).toEqual({ label: formatInterval(inMs), inMs, state: graded.state });
      }
    }
  });

  it('previews a quiz question with the question scheduler, never before the next study day, as gradeQuestion', () => {
    const settings = DEFAULT_SCHEDULER_SETTINGS;
    const q = createScheduler(questionSchedulerSettings(settings));
    // Late in the study day (22:00 in Berlin): the next study day starts in 6 hours.
    const now = new Date('2026-03-02T21:00:00Z');
    const nextDay = studyDayBounds(now, day).end;
    const missed = gradeCard(q, null, T0, Rating.Again).card;
    for (const card of [null, missed]) {
      const previews = createPreviewer({ scheduler: settings, day }, now)('question', card);
      for (const g of GRADES) {
        const graded = gradeQuestion(q, card, now, g, nextDay).card;
        expect(previews[g], `grade ${g}`).toMatchObject({ inMs: graded.due.getTime() - now.getTime(), state: graded.state });
        expect(previews[g].inMs).toBeGreaterThanOrEqual(nextDay.getTime() - now.getTime());
      }
    }
    // The flashcard scheduler would say a minute; a question never comes back the same day.
    expect(createPreviewer({ scheduler: settings, day }, now)('card', null)[Rating.Again].label).toBe('1m');
    expect(createPreviewer({ scheduler: settings, day }, now)('question', null)[Rating.Again].state).not.toBe(State.Learning);
  });
});
