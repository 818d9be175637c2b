import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { INTERVIEW_SECONDS, INTERVIEW_SIZES, interviewPool } from '@/lib/study/quiz';
import { InterviewForm } from './InterviewForm';

export const metadata: Metadata = { title: 'Interview mode' };

export default async function InterviewPage() {
  const user = await requireUser('/quiz/interview');
  const library = getLibrary();
  return (
    <div className="narrow" style={{ margin: '0 auto' }}>
      <p className="muted" style={{ marginBottom: '0.25rem' }}>
        <Link href="/quiz">← Quizzes</Link>
      </p>
      <h1>Interview mode</h1>
      <p className="lesson-summary">
        A timed mock of the pattern questions a system-design interview asks: which pattern fits, and what happens next.
      </p>
      <InterviewForm
        sizes={INTERVIEW_SIZES}
        seconds={INTERVIEW_SECONDS}
        studiedCount={(await interviewPool(db(), library, user.id, 'studied')).length}
        allCount={(await interviewPool(db(), library, user.id, 'all')).length}
      />
    </div>
  );
}
