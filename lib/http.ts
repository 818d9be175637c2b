import { NextResponse } from 'next/server';
import type { z } from 'zod';

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

export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false };
  }
}
