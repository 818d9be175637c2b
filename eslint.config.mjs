import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { secret: _omit, ...rest } = row` is how we drop a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // The data layer is async (docs/decisions/018): a query or write that is not awaited runs
    // outside its transaction or is lost, so a promise must be awaited, returned or voided.
    // Server code: lib, route handlers, server actions, pages and layouts (client components are not linted for this).
    files: ['lib/**/*.ts', 'app/**/*.ts', 'app/**/page.tsx', 'app/**/layout.tsx', 'scripts/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'instrumentation.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    ignores: ['.next/**', 'node_modules/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
];

export default config;
