import Link from 'next/link';
import { Brand } from './_components/Brand';

export default function NotFound() {
  return (
    <main className="auth-wrap" id="main">
      <div className="auth-card panel" style={{ textAlign: 'center' }}>
        <Brand />
        <h1>Page not found</h1>
        <p className="muted">That page could not be found. The pattern may not have a lesson yet, or the link is mistyped.</p>
        <div className="row" style={{ justifyContent: 'center' }}>
          <Link href="/patterns" className="btn btn-primary">
            Browse patterns
          </Link>
          <Link href="/dashboard" className="btn">
            Today
          </Link>
        </div>
      </div>
    </main>
  );
}
