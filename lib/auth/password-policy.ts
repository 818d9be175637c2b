import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * New passwords only (sign-up, password change): existing accounts keep signing in with
 * whatever they chose before. zxcvbn-ts checks against its lists of common and leaked
 * passwords, English words and names, keyboard walks, dates and repeats, and estimates the
 * guesses needed; a score under 3 (fewer than ~10^8 guesses) is refused.
 */
export const MIN_LENGTH = 10;
export const MAX_LENGTH = 200;
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Why the password is refused, in a sentence for the form, or null when it is fine. */
export async function passwordProblem(password: string, userInputs: string[] = []): Promise<string | null> {
  if (password.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters for your password.`;
  if (password.length > MAX_LENGTH) return `Keep your password under ${MAX_LENGTH} characters.`;
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[@.\s]+/)]).filter((s) => s.length >= 3);
  const result = estimator().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning;
  return `That password is too easy to guess${why ? `: ${why.replace(/\.$/, '').toLowerCase()}` : ''}. Try a few unrelated words or a longer phrase.`;
}
