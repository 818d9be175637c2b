import Link from 'next/link';
import { LevelTabs, type LevelSection } from './LevelTabs';
import { Mermaid } from './Mermaid';

export interface LessonViewProps {
  eyebrow: React.ReactNode;
  title: string;
  summary: string;
  badges: React.ReactNode;
  introHtml: string;
  sections: LevelSection[];
  /** Enhanced lessons show one level at a time. */
  stepped: boolean;
  hasDiagram: boolean;
  aside: React.ReactNode;
  footer?: React.ReactNode;
  /** What the lesson ends with (mark as read, quiz, next step): on a stepped lesson, under its last level. */
  end?: React.ReactNode;
}

export function LessonView(props: LessonViewProps) {
  return (
    <article>
      <header className="lesson-header">
        <p className="muted" style={{ marginBottom: '0.25rem' }}>
          {props.eyebrow}
        </p>
        <h1>{props.title}</h1>
        <p className="lesson-summary">{props.summary}</p>
        <div className="row" style={{ gap: '0.4rem' }}>
          {props.badges}
        </div>
      </header>
      <div className="lesson-layout">
        <div>
          {props.introHtml && <div className="prose" dangerouslySetInnerHTML={{ __html: props.introHtml }} />}
          {props.stepped ? (
            <LevelTabs sections={props.sections} end={props.end} />
          ) : (
            <div className="prose">
              {props.sections.map((s) => (
                <section key={s.id} aria-labelledby={s.id}>
                  <h2 id={s.id}>{s.title}</h2>
                  <div dangerouslySetInnerHTML={{ __html: s.html }} />
                </section>
              ))}
            </div>
          )}
          {props.footer}
          {!props.stepped && props.end}
        </div>
        <aside className="lesson-aside" aria-label="About this lesson">
          {props.aside}
        </aside>
      </div>
      {props.hasDiagram && <Mermaid />}
    </article>
  );
}

export function TopicLinks({ title, items }: { title: string; items: { href: string | null; label: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.4rem' }}>{title}</h2>
      <ul className="meta-list">
        {items.map((i) => (
          <li key={i.label}>{i.href ? <Link href={i.href}>{i.label}</Link> : <span className="muted">{i.label}</span>}</li>
        ))}
      </ul>
    </div>
  );
}
