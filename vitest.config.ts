import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; under vitest it is a no-op.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    env: { NODE_ENV: 'test' },
    environment: 'node',
    pool: 'forks',
    // Database tests commit with synchronous=FULL (an fsync each): give them room on a busy 2-core machine.
    testTimeout: 20_000,
  },
});
