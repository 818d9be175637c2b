/**
 * What a learner agrees to when joining a team. The version is recorded with the consent:
 * when the text changes in substance, the version changes, and older consents stay readable
 * as what they were.
 */
export const CONSENT_VERSION = '2026-11-26';

export const CONSENT_SEES = [
  'Your progress on what the team assigns: lessons read, quizzes passed and cards learned on the assigned patterns.',
  'Your predicted recall of each assigned pattern, now and on its due date, worked out from your reviews of its cards.',
  'Your flashcard pass rate and quiz accuracy on the assigned patterns, and when you last studied them.',
] as const;

export const CONSENT_NEVER = [
  'Anything you study that the team has not assigned: other lessons, cards, quizzes and cram sessions.',
  'Your settings, your review log itself and your answers to individual questions.',
] as const;

export const CONSENT_AFTER =
  'Other members see only the team averages, never your row. You can leave the team at any time: the team loses access at once, and your own history stays yours.';
