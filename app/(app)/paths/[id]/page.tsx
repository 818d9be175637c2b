import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { learnerProgress } from '@/lib/study/progress';
import { startPathAction } from '@/lib/study/progress-actions';
import { continueHref, TODO_LABEL } from '@/lib/study/step-link';
import { ActionButton } from '@/app/_components/ActionButton';
import { MasteryBar } from '@/app/_components/MasteryBar';

export const metadata: Metadata = { title: 'Path' };

const params = z.object({ id: z.enum(['beginner', 'intermediate', 'advanced']) });

export default async function PathPage({ params: p }: { params: Promise<{ id: string }> }) {
  const raw = await p;
  const user = await requireUser(`/paths/${raw.id}`);
  const parsed = params.safeParse(raw);
  if (!parsed.success) notFound();
  const progress = await learnerProgress(db(), getLibrary(), user.id, new Date());
  const entry = progress.paths.find((x) => x.path.id === parsed.data.id);
  if (!entry) notFound();
  const { path, steps, done, next, enrolledAt, further, furtherDone, furtherTotal } = entry;
  const check = (ok: boolean, text: string) => (
    <li style={{ color: ok ? 'var(--good)' : 'var(--muted)' }}>
      <span aria-hidden="true">{ok ? '✓' : '○'}</span> {text}
      <span className="sr-only">{ok ? ' (done)' : ' (not yet)'}</span>
    </li>
  );

  return (
    <div className="stack">
      <p className="muted" style={{ marginBottom: 0 }}>
        <Link href="/paths">← Paths</Link>
      </p>
      <div className="row spread">
        <div>
          <h1 style={{ marginBottom: 0 }}>{path.title} path</h1>
          <p className="muted" style={{ margin: 0 }}>
            {path.audience}
          </p>
        </div>
        <span className="badge" data-testid="path-done">
          {done} of {steps.length} steps done
        </span>
      </div>
      {path.description && <p className="lesson-summary">{path.description}</p>}
      <div className="panel row spread">
        {next ? (
          <>
            <p style={{ margin: 0 }}>
              Next: <strong>{next.title}</strong> · {TODO_LABEL[next.todo]}
            </p>
            {enrolledAt ? (
              <Link className="btn btn-primary" href={continueHref(next)} data-testid="path-continue">
                Continue
              </Link>
            ) : (
              <ActionButton action={startPathAction} fields={{ pathId: path.id }} label="Start this path" pendingLabel="Starting…" />
            )}
          </>
        ) : (
          <p style={{ margin: 0, color: 'var(--good)', fontWeight: 600 }}>Every step is done ✓ Keep reviewing to keep it.</p>
        )}
      </div>
      {path.stages.map((stage) => (
        <section key={stage.title} aria-labelledby={`stage-${stage.title}`}>
          <h2 id={`stage-${stage.title}`}>{stage.title}</h2>
          <ol className="pattern-list">
            {steps
              .filter((s) => s.stage === stage.title)
              .map((s) => (
                <li key={s.ref} className={`pattern-item${s.done ? ' read' : ''}`} data-testid={`step-${s.slug}`}>
                  <h3>
                    <Link href={s.href}>
                      {s.title}
                      {s.anchor ? ': CDN strategies' : ''}
                    </Link>
                  </h3>
                  <ul className="meta-list" aria-label={`${s.title} progress`}>
                    {check(s.facts.read, 'Lesson read')}
                    {s.facts.hasQuiz && check(s.facts.quizPassed, 'Quiz passed')}
                    {check(s.facts.cardsIntroduced >= s.facts.cardsTotal, `Cards learned: ${s.facts.cardsIntroduced} of ${s.facts.cardsTotal}`)}
                  </ul>
                  <MasteryBar value={s.facts.mastery} />
                  {!s.done && s.prerequisites.some((p) => !p.done) && (
                    <p style={{ fontSize: '0.9rem' }}>
                      Learn first:{' '}
                      {s.prerequisites
                        .filter((p) => !p.done)
                        .map((p, i) => (
                          <span key={p.slug}>
                            {i > 0 && ', '}
                            <Link href={p.href}>{p.title}</Link>
                          </span>
                        ))}
                    </p>
                  )}
                  {!s.done && (
                    <Link className="btn btn-small" href={continueHref(s)}>
                      {TODO_LABEL[s.todo]}
                    </Link>
                  )}
                </li>
              ))}
          </ol>
        </section>
      ))}
      {furtherTotal > 0 && (
        <section aria-labelledby="going-further" className="stack" data-testid="going-further">
          <div className="row spread">
            <div>
              <h2 id="going-further" style={{ marginBottom: 0 }}>
                Going further
              </h2>
              <p className="muted" style={{ margin: 0 }}>
                The rest of the library at the {path.title.toLowerCase()} level, for after the steps above. It does not count toward the path.
              </p>
            </div>
            <span className="badge" data-testid="further-done">
              {furtherDone} of {furtherTotal} done
            </span>
          </div>
          {further.map((g) => (
            <div key={g.category}>
              <h3 id={`further-${g.category}`}>{g.title}</h3>
              <ul className="further-list" aria-labelledby={`further-${g.category}`}>
                {g.steps.map((s) => (
                  <li key={s.slug} className={`further-item${s.done ? ' read' : ''}`} data-testid={`further-${s.slug}`}>
                    <div>
                      <Link href={s.href}>{s.title}</Link>
                      {s.done && (
                        <span style={{ color: 'var(--good)' }}>
                          {' '}
                          <span aria-hidden="true">✓</span>
                          <span className="sr-only">(done)</span>
                        </span>
                      )}
                      <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
                        {s.summary}
                      </p>
                    </div>
                    <span className="muted further-todo">{s.done ? 'Done' : TODO_LABEL[s.todo]}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
