import type { FSRS } from 'ts-fsrs';
import { studyDayBounds, type DayConfig } from './day';
import type { GradePreviews } from './grades';
import { createScheduler, previewGrades, questionSchedulerSettings, type Card, type SchedulerSettings } from './scheduler';

/** The grade buttons' previews of one item (a flashcard or a quiz question) with a learner's settings. */
export type Previewer = (kind: 'card' | 'question', card: Card | null) => GradePreviews;

/**
 * Previews at `now` as the server grades: flashcards by the learner's scheduler, quiz
 * questions by the question scheduler (no learning steps) and never before the next study
 * day (gradeQuestion). The schedulers are built once, for all the items of a page or request.
 */
export function createPreviewer(settings: { scheduler: SchedulerSettings; day: DayConfig }, now: Date): Previewer {
  let cards: FSRS | undefined;
  let questions: { scheduler: FSRS; nextDayStart: Date } | undefined;
  return (kind, card) => {
    if (kind === 'question') {
      questions ??= {
        scheduler: createScheduler(questionSchedulerSettings(settings.scheduler)),
        nextDayStart: studyDayBounds(now, settings.day).end,
      };
      return previewGrades(questions.scheduler, card, now, questions.nextDayStart);
    }
    cards ??= createScheduler(settings.scheduler);
    return previewGrades(cards, card, now);
  };
}
