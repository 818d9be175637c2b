import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { BodyTooLargeError, readCappedText } from '@/lib/security/origin';

/** Every API error has the same shape: `{ "error": "a sentence a person can act on" }`, with `details` per field for a 400. */
export function errorBody(error: string, details?: Record<string, string>): { error: string; details?: Record<string, string> } {
  return details ? { error, details } : { error };
}

export function jsonError(status: number, error: string, details?: Record<string, string>): NextResponse {
  return NextResponse.json(errorBody(error, details), { status });
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

/**
 * The JSON body `read` gives (as text, throwing BodyTooLargeError past 1 MB), or why it was
 * refused: 413 over 1 MB, 400 for anything that is not JSON.
 */
export async function parseJsonBody(read: () => Promise<string>): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string }> {
  try {
    return { ok: true, value: JSON.parse(await read()) as unknown };
  } catch (e) {
    if (e instanceof BodyTooLargeError) return { ok: false, status: 413, error: 'The request body is larger than 1 MB.' };
    return { ok: false, status: 400, error: 'The request body must be JSON.' };
  }
}

/** The JSON body, or the error response to send (parseJsonBody). */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  const body = await parseJsonBody(() => readCappedText(request));
  return body.ok ? body : { ok: false, response: jsonError(body.status, body.error) };
}
