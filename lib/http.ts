import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { BodyTooLargeError, readCappedText } from '@/lib/security/origin';

/** Every API error has the same shape: `{ "error": "a sentence a person can act on" }`. */
export function jsonError(status: number, error: string, details?: Record<string, string>): NextResponse {
  return NextResponse.json(details ? { error, details } : { error }, { status });
}

/** The first zod issue per field, for 400 responses. */
export function zodDetails(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    out[key] ??= issue.message;
  }
  return out;
}

/** The JSON body, or the error response to send: 413 over 1 MB, 400 for anything that is not JSON. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  try {
    return { ok: true, value: JSON.parse(await readCappedText(request)) as unknown };
  } catch (e) {
    if (e instanceof BodyTooLargeError) return { ok: false, response: jsonError(413, 'The request body is larger than 1 MB.') };
    return { ok: false, response: jsonError(400, 'The request body must be JSON.') };
  }
}
