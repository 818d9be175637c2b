/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the server bundle; the optimizer binding is optional.
  serverExternalPackages: [
    'better-sqlite3',
    '@node-rs/argon2',
    '@open-spaced-repetition/binding',
    '@open-spaced-repetition/binding-linux-x64-gnu',
  ],
  // Content files are read at run time from content/; make sure the standalone trace keeps them.
  outputFileTracingIncludes: { '/**': ['./content/**/*'] },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
