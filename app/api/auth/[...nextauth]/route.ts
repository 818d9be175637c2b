import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { throttledCode } from '@/lib/auth/throttle-message';
import { signInSchema } from '@/lib/auth/validation';
import { db } from '@/lib/db/client';
import { appOrigin } from '@/lib/security/origin';
import { clientAddress, throttles } from '@/lib/security/throttle';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * A sign-in during a back-off is answered here with 429 and Retry-After, before next-auth
 * (which can only answer 200 or 401). The body keeps next-auth's `{ url }` shape, so its
 * client's signIn() reports the error code to the form. authorize() checks again, for requests
 * that race past this one.
 */
async function throttled(request: Request, nextauth: string[]): Promise<Response | null> {
  if (nextauth.join('/') !== 'callback/credentials') return null;
  let email: string | undefined;
  try {
    const form = await request.clone().formData();
    const parsed = signInSchema.shape.email.safeParse(form.get('email'));
    if (parsed.success) email = parsed.data;
  } catch {
    return null; // not a form: next-auth refuses it itself
  }
  if (!email) return null;
  const wait = await throttles(db()).signIn.waitSeconds(email, clientAddress(request.headers));
  if (wait === 0) return null;
  const url = new URL('/sign-in', appOrigin(request.url));
  url.searchParams.set('error', throttledCode(wait));
  return Response.json({ url: url.toString() }, { status: 429, headers: { 'retry-after': String(wait) } });
}

export async function GET(request: Request, context: Context) {
  return handler(request, context);
}

export async function POST(request: Request, context: Context) {
  const early = await throttled(request, (await context.params).nextauth);
  return early ?? handler(request, context);
}
