import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { Brand } from './_components/Brand';

export const dynamic = 'force-dynamic';

export default async function Home({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  if (await currentUser()) redirect('/dashboard');
  const deleted = (await searchParams).deleted === '1';
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Brand />
          <div className="account">
            <Link href="/sign-in">Sign in</Link>
            <Link href="/sign-up" className="btn btn-primary btn-small">
              Create account
            </Link>
          </div>
        </div>
      </header>
      <main className="main" id="main">
        {deleted && (
          <p className="alert alert-success" role="status" data-testid="account-deleted">
            Your account and everything stored for it were deleted. Thank you for studying with Patternwise.
          </p>
        )}
        <section className="hero">
          <h1>Learn the distributed-systems patterns, and keep them.</h1>
          <p>
            Circuit breakers, sagas, CQRS, sharding, leader election: short lessons that climb from intuition to
            production detail, then flashcards and quizzes scheduled with FSRS so you still know them in six months.
          </p>
          <div className="row">
            <Link href="/sign-up" className="btn btn-primary">
              Start learning free
            </Link>
            <Link href="/sign-in" className="btn">
              I have an account
            </Link>
          </div>
        </section>
        <section className="features" aria-label="What you get">
          <div className="panel">
            <h2>Lessons in five levels</h2>
            <p className="muted">Each featured pattern goes from an everyday analogy to tuning, failure modes and real systems.</p>
          </div>
          <div className="panel">
            <h2>Reviews that stick</h2>
            <p className="muted">FSRS schedules every card at the moment you are about to forget it. Keyboard first: Space, then 1-4.</p>
          </div>
          <div className="panel">
            <h2>Paths for every stage</h2>
            <p className="muted">Beginner, intermediate and advanced paths, whether you study alone, onboard a team or prepare for an interview.</p>
          </div>
        </section>
      </main>
    </>
  );
}
