import { z } from 'zod';

export const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .email('Enter a valid email address, like you@example.com.');

export const signUpSchema = z.object({
  name: z.string().trim().max(80, 'Keep your name under 80 characters.').optional().default(''),
  email,
  password: z
    .string({ error: 'Choose a password.' })
    .min(10, 'Use at least 10 characters for your password.')
    .max(200, 'Keep your password under 200 characters.'),
});

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(200),
});
