/**
 * `npm start` refuses to serve production with a session secret anyone can read: the one in
 * .env.example (it is committed) or any secret under 32 characters.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MIN_SECRET_LENGTH = 32;

/** The NEXTAUTH_SECRET value .env.example holds, or null. */
export function exampleSecret(root) {
  try {
    const line = fs
      .readFileSync(path.join(root, '.env.example'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('NEXTAUTH_SECRET='));
    return line ? line.slice('NEXTAUTH_SECRET='.length).trim() : null;
  } catch {
    return null;
  }
}

/** Why the secret must not be used, with how to fix it, or null when it is fine. */
export function secretProblem(secret, example) {
  const fix =
    'Unset NEXTAUTH_SECRET to have `npm start` generate one into data/.auth-secret, or set it to a random value, e.g. `openssl rand -base64 32`.';
  if (example && secret === example) return `NEXTAUTH_SECRET is the example value from .env.example, which is public. ${fix}`;
  if (secret.length < MIN_SECRET_LENGTH) return `NEXTAUTH_SECRET is ${secret.length} characters; use at least ${MIN_SECRET_LENGTH}. ${fix}`;
  return null;
}
