import { NextResponse } from 'next/server';
import { endSessionFromToken } from '@/lib/auth/sign-out';
import { checkOrigin } from '@/lib/security/origin';

/**
 * Sign-out from the header's plain form (no next-auth client on every page): ends this
 * session in the database (decision 008), clears the session cookie and goes to sign-in on the
 * host the learner used.
 * A form post carries Origin, so another site cannot sign the learner out.
 */
export async function POST(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const cleared = await endSessionFromToken();
  // A relative Location: the browser stays on the host the learner used (127.0.0.1 or
  // localhost), whatever NEXTAUTH_URL says, and no header of the request builds the address.
  const response = new NextResponse(null, { status: 303, headers: { location: '/sign-in' } });
  for (const name of cleared.cookies) {
    response.cookies.set(name, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'lax', secure: cleared.secure });
  }
  response.headers.set('cache-control', 'no-store');
  return response;
}
