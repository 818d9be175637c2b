/**
 * Server-action requests are decoded by the framework (React's decodeReply) before any of
 * our code runs, and a malformed one ends there in a 500. Our forms always send their
 * arguments as (state, FormData), which the client encodes as multipart/form-data with the
 * argument list as JSON in field `0`. proxy.ts refuses, with a 4xx, any action request that
 * does not have that shape, so what reaches the decoder is what the decoder can read.
 * docs/decisions/007-errors-the-framework-answers.md lists what still gets through.
 */

/** The reference forms our forms' arguments use: escaped dollars, undefined, numbers, dates, FormData. */
const ALLOWED_REFERENCE = /^\$(\$.*|undefined|NaN|Infinity|-Infinity|-0|K[0-9a-f]{1,8}|D[0-9TZ:.+-]{1,40}|n-?\d{1,40})$/s;

function referencesOk(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return !value.startsWith('$') || ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((v) => referencesOk(v, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).every((v) => referencesOk(v, depth + 1));
  return true;
}

/** Why an action's encoded argument list (field `0`) is refused, or null. */
export function actionArgumentsProblem(encoded: FormDataEntryValue | null): string | null {
  if (typeof encoded !== 'string') return 'The action arguments are missing.';
  let args: unknown;
  try {
    args = JSON.parse(encoded);
  } catch {
    return 'The action arguments are not JSON.';
  }
  if (!Array.isArray(args)) return 'The action arguments must be a list.';
  if (!referencesOk(args)) return 'The action arguments refer to something this form does not send.';
  return null;
}

/**
 * For no-JavaScript form posts: `$ACTION_<n>:0` is `{ id, bound }` where bound is null or a
 * reference (`$@<k>`) to the field `$ACTION_<n>:<k>` holding the bound arguments.
 */
export function formActionProblem(form: FormData): string | null {
  const fields = new Map<string, FormDataEntryValue>();
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('$ACTION')) continue;
    if (/^\$ACTION_ID_[0-9a-f]{2,64}$/.test(key) || key === '$ACTION_KEY' || /^\$ACTION_REF_\d{1,4}$/.test(key)) continue;
    if (!/^\$ACTION_\d{1,4}:[0-9a-f]{1,4}$/.test(key)) return `Unknown action field ${key.slice(0, 40)}.`;
    if (typeof value !== 'string') return 'A bound action argument is not text.';
    fields.set(key, value);
  }
  for (const [key, value] of fields) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value as string);
    } catch {
      return 'A bound action argument is not JSON.';
    }
    const [prefix, part] = key.split(':') as [string, string];
    if (part === '0') {
      const meta = parsed as { id?: unknown; bound?: unknown } | null;
      if (!meta || typeof meta !== 'object' || typeof meta.id !== 'string') return 'The form action reference is malformed.';
      if (meta.bound !== null && meta.bound !== undefined) {
        const ref = typeof meta.bound === 'string' ? /^\$@([0-9a-f]{1,4})$/.exec(meta.bound) : null;
        if (!ref || !fields.has(`${prefix}:${ref[1]}`)) return 'The form action refers to arguments it does not send.';
        let bound: unknown;
        try {
          bound = JSON.parse(fields.get(`${prefix}:${ref[1]}`) as string);
        } catch {
          return 'A bound action argument is not JSON.';
        }
        if (!Array.isArray(bound)) return 'The bound action arguments must be a list.';
      }
    } else if (!referencesOk(parsed)) {
      return 'A bound action argument refers to something this form does not send.';
    }
  }
  return null;
}
