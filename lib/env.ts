import { z } from 'zod';

/**
 * Environment, validated once. Defaults are the development values from .env.example,
 * so a fresh checkout runs with no configuration at all.
 */
const schema = z.object({
  DATABASE_URL: z.string().min(1).default('data/patternwise.db'),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters').optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  CONTENT_DIR: z.string().min(1).default('content'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** The database file path: `DATABASE_URL` may be a plain path or a `file:` URL. */
export function databasePath(): string {
  const url = env().DATABASE_URL;
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}
