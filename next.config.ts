import type { NextConfig } from 'next';
import { isHttps, securityHeaders } from './lib/security/headers';

const nextConfig: NextConfig = {
  // Native modules and database drivers stay outside the server bundle; the optimizer binding is optional.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@node-rs/argon2',
    '@open-spaced-repetition/binding',
    '@open-spaced-repetition/binding-linux-x64-gnu',
  ],
  // Content files are read at run time from content/; make sure the standalone trace keeps them.
  outputFileTracingIncludes: { '/**': ['./content/**/*'] },
  poweredByHeader: false,
  typedRoutes: false,
  // Static build output, which proxy.ts does not see, gets the security headers here (HSTS
  // follows NEXTAUTH_URL at build time); pages and route handlers get them, with the CSP, from proxy.ts.
  async headers() {
    const headers = securityHeaders(isHttps(process.env.NEXTAUTH_URL));
    return [
      { source: '/_next/static/:path*', headers },
      { source: '/_next/image', headers },
    ];
  },
};

export default nextConfig;
