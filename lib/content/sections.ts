import GithubSlugger from 'github-slugger';

export interface Section {
  title: string;
  /** The anchor rehype-slug gives the heading. */
  id: string;
  markdown: string;
}

const FENCE = /^\s*(```|~~~)/;

/** Splits a Markdown body at its `##` headings (ignoring code blocks). Text before the first heading is the intro. */
export function splitSections(body: string): { intro: string; sections: Section[] } {
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  const intro: string[] = [];
  let current: { title: string; lines: string[] } | null = null;
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = !inFence && /^## (.+?)\s*#*\s*$/.exec(line);
    if (m) {
      if (current) sections.push(finish(current, slugger));
      current = { title: m[1]!.trim(), lines: [] };
    } else if (current) current.lines.push(line);
    else intro.push(line);
  }
  if (current) sections.push(finish(current, slugger));
  return { intro: intro.join('\n').trim(), sections };
}

function finish(s: { title: string; lines: string[] }, slugger: GithubSlugger): Section {
  return { title: s.title, id: slugger.slug(s.title), markdown: s.lines.join('\n').trim() };
}

/** Every heading anchor (any depth) in a Markdown body, as rehype-slug would generate them. */
export function headingAnchors(body: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = !inFence && /^#{1,6} (.+?)\s*#*\s*$/.exec(line);
    if (m) out.add(slugger.slug(m[1]!.replace(/[`*_]/g, '')));
  }
  return out;
}
