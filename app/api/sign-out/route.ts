import { NextResponse } from 'next/server';
import { endSessionFromToken } from '@/lib/auth/sign-out';
import { checkOrigin, appOrigin } from '@/lib/security/origin';

/**
 * Sign-out from the header's plain form (no next-auth client on every page): ends this
 * session in the database (decision 008), clears the session cookie and goes to sign-in.
 * A form post carries Origin, so another site cannot sign the learner out.
 */
export async function POST(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const cleared = await endSessionFromToken();
  const response = NextResponse.redirect(new URL('/sign-in', appOrigin(request.url)), 303);
  for (const name of cleared.cookies) {
    response.cookies.set(name, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'lax', secure: cleared.secure });
  }
  response.headers.set('cache-control', 'no-store');
  return response;
}
