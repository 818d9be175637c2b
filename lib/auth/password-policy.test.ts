import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each(['password1234', 'qwertyuiop123', '1234567890', 'iloveyou12', 'Password123!', 'sunshine2024', 'trustno1trustno1', 'aaaaaaaaaaaa'])(
    'refuses the common password %s, saying why',
    async (pw) => {
      const problem = await passwordProblem(pw);
      expect(problem).toMatch(/too easy to guess/);
    },
  );

  it('refuses short passwords', async () => {
    expect(await passwordProblem('Xk9#q')).toMatch(/at least 10 characters/);
  });

  it('refuses a password made of the learner’s own email', async () => {
    expect(await passwordProblem('mariagonzalez2', ['mariagonzalez@example.com'])).toMatch(/too easy to guess/);
  });

  it.each(['correct-horse-battery', 'a-long-passphrase-ok', 'velvet tractor mango'])('accepts %s', async (pw) => {
    expect(await passwordProblem(pw)).toBeNull();
  });
});
