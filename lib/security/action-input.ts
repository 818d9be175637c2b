import { z } from 'zod';

/**
 * A server action's arguments come from whoever posts to the page, encoded however they
 * like: a form action's second argument may arrive as a string, an array or nothing. Parse
 * it before calling `.get` on it.
 */
const formDataArg = z.instanceof(FormData);

export function asFormData(value: unknown): FormData | null {
  const parsed = formDataArg.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const NOT_A_FORM = 'That request was not a form this page sends. Reload the page and try again.';
