import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import YAML from 'yaml';
import type { z } from 'zod';
import { isPatternCategory, parseCatalog, type CatalogEntry } from './catalog';
import {
  cardsFile,
  collectionQuizFile,
  combinationsFile,
  MIN_COMBINATIONS,
  contrastsFile,
  COUNTS,
  ENHANCED_SECTIONS,
  FOUNDATION_SECTIONS,
  lawFrontMatter,
  lessonFrontMatter,
  MAX_BACK_WORDS,
  MIN_SCENARIOS,
  pathSchema,
  pillarFrontMatter,
  problemsFile,
  quizFile,
  STANDARD_SECTIONS,
  STANDARD_WORDS,
  LEVELS as LEVEL_ORDER,
  SUBGROUPS,
  CASE_STUDY_SECTIONS,
  DOMAIN_SECTIONS,
  caseStudyFrontMatter,
  domainFrontMatter,
  type CaseStudyMeta,
  type DomainMeta,
  type CardContent,
  type LessonMeta,
  type PathContent,
  type QuestionContent,
} from './schema';
import { headingAnchors, splitSections, type Section } from './sections';
import { optionFormProblems, type FormFile } from './option-form';

export type TopicKind = 'pattern' | 'law' | 'pillar' | 'quiz' | 'case-study' | 'domain' | 'contrast' | 'combination';

/** Where each kind of topic lives under content/ and in the URL. */
export const TOPIC_FOLDERS: Record<TopicKind, string> = {
  pattern: 'patterns',
  law: 'laws',
  pillar: 'pillars',
  quiz: 'quizzes',
  'case-study': 'case-studies',
  domain: 'domains',
  contrast: 'contrasts',
  combination: 'combinations',
};

/** Patterns that work together or against each other (content/combinations.yaml); its cards and questions are a topic's. */
export interface Combination {
  id: string;
  title: string;
  kind: 'synergy' | 'conflict';
  patterns: string[];
  why: string;
  order: string;
  diagram: string | null;
  topic: Topic;
}

/** Patterns learners confuse, set apart (content/contrasts.yaml); its questions are a topic's. */
export interface Contrast {
  id: string;
  title: string;
  patterns: string[];
  tell: string;
  explanation: string;
  topic: Topic;
}

export interface TopicCard extends CardContent {
  /** `<topic>/<key>`: the id a learner's history hangs on. */
  id: string;
}
export interface TopicQuestion extends Omit<QuestionContent, 'cards'> {
  id: string;
  /** Flashcard ids (`<topic>/<key>`) this question exercises: pulled into today's reviews on a miss. */
  cards: string[];
  /** Pattern slugs whose lessons teach the answer. */
  patterns: string[];
}

/** A cross-pattern quiz (content/quizzes/<id>.yaml), such as the 20-question Pattern Quiz. */
export interface CollectionQuiz {
  id: string;
  topic: Topic;
  title: string;
  description: string;
  pass: number;
  bands: { min: number; title: string; message: string }[];
}

export interface Topic {
  /** `timeout`, `laws/correlated-failure`, `pillars/work`. */
  id: string;
  kind: TopicKind;
  slug: string;
  href: string;
  title: string;
  summary: string;
  /** Pattern lessons only. */
  meta: LessonMeta | null;
  /** Case studies only. */
  caseStudy: CaseStudyMeta | null;
  /** Domain overviews only. */
  domain: DomainMeta | null;
  lawNumber: number | null;
  enhanced: boolean;
  intro: string;
  sections: Section[];
  anchors: Set<string>;
  cards: TopicCard[];
  questions: TopicQuestion[];
}

export interface Problem {
  id: string;
  title: string;
  description: string;
}

export interface Library {
  topics: Map<string, Topic>;
  patterns: Topic[];
  laws: Topic[];
  pillars: Topic[];
  /** Real systems told as stories of patterns, by level. */
  caseStudies: Topic[];
  /** The specialized subgroups' overviews, in the catalog's subgroup order. */
  domains: Topic[];
  /** Drills on patterns that get confused; their questions enter reviews once every lesson in them is read. */
  contrasts: Contrast[];
  /** Patterns that work together (synergy) or against each other (conflict); cards enter reviews once marked read. */
  combinations: Combination[];
  paths: PathContent[];
  collections: CollectionQuiz[];
  problems: Problem[];
  catalog: CatalogEntry[];
  /** Every flashcard and question by item id. */
  items: Map<string, { topic: Topic; kind: 'card' | 'question'; card?: TopicCard; question?: TopicQuestion }>;
}

/** One thing wrong with the content, printed as `file: field: message`. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}

class Problems {
  list: ContentProblem[] = [];
  constructor(private root: string) {}
  add(file: string, field: string, message: string) {
    this.list.push({ file: path.relative(this.root, file) || file, field, message });
  }
  zod(file: string, error: z.ZodError, prefix = '') {
    for (const issue of error.issues) {
      const field = issue.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
        prefix,
      );
      this.add(file, field || '(file)', issue.message);
    }
  }
}

function readText(file: string, problems: Problems): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    problems.add(file, '(file)', 'is missing');
    return null;
  }
}

function readYaml(file: string, problems: Problems): unknown {
  const raw = readText(file, problems);
  if (raw === null) return undefined;
  try {
    return YAML.parse(raw);
  } catch (e) {
    problems.add(file, '(yaml)', (e as Error).message.split('\n')[0] ?? 'invalid YAML');
    return undefined;
  }
}

function listDirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

const YES_NO = /^(is|are|does|do|did|can|could|should|will|would|was|were|has|have|must)\b/i;

/** Reads one topic folder (lesson.md, cards.yaml, quiz.yaml) and checks it in isolation. */
function readTopic(dir: string, kind: TopicKind, slug: string, problems: Problems): Topic | null {
  const lessonFile = path.join(/* turbopackIgnore: true */ dir, 'lesson.md');
  const raw = readText(lessonFile, problems);
  if (raw === null) return null;
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object per call keeps gray-matter from serving a cached parse.
    parsed = matter(raw, {});
  } catch (e) {
    problems.add(lessonFile, '(front matter)', (e as Error).message.split('\n')[0] ?? 'invalid front matter');
    return null;
  }
  const id = kind === 'pattern' ? slug : `${TOPIC_FOLDERS[kind]}/${slug}`;
  /** The front matter checked against its kind's schema; a problem is reported and the topic skipped. */
  const frontMatter = <T extends { title: string; summary: string }>(schema: z.ZodType<T>): T | null => {
    const fm = schema.safeParse(parsed.data);
    if (fm.success) return fm.data;
    problems.zod(lessonFile, fm.error);
    return null;
  };
  const meta = kind === 'pattern' ? frontMatter(lessonFrontMatter) : null;
  const caseStudy = kind === 'case-study' ? frontMatter(caseStudyFrontMatter) : null;
  const domain = kind === 'domain' ? frontMatter(domainFrontMatter) : null;
  const foundation = kind === 'law' ? frontMatter(lawFrontMatter) : kind === 'pillar' ? frontMatter(pillarFrontMatter) : null;
  const fm = meta ?? caseStudy ?? domain ?? foundation;
  if (!fm) return null;
  const { title, summary } = fm;
  const lawNumber = foundation && 'number' in foundation ? (foundation.number as number) : null;
  const enhanced = meta?.enhanced ?? false;
  const { intro, sections } = splitSections(parsed.content);
  const expected: readonly string[] =
    kind === 'case-study'
      ? CASE_STUDY_SECTIONS
      : kind === 'domain'
        ? DOMAIN_SECTIONS
        : kind !== 'pattern'
          ? FOUNDATION_SECTIONS
          : enhanced
            ? ENHANCED_SECTIONS
            : STANDARD_SECTIONS;
  const actual = sections.map((s) => s.title);
  if (actual.join('\n') !== expected.join('\n')) {
    const firstDiff = expected.findIndex((t, i) => actual[i] !== t);
    const at = firstDiff === -1 ? expected.length : firstDiff;
    problems.add(
      lessonFile,
      'sections',
      `expected "## ${expected[at] ?? '(end)'}" as section ${at + 1}, found "${actual[at] ? `## ${actual[at]}` : '(end)'}" (order: ${expected.join(' / ')})`,
    );
  }
  for (const s of sections) {
    if (s.markdown.length === 0) problems.add(lessonFile, `sections.${s.title}`, 'is empty');
  }
  if (kind === 'pattern' && !enhanced) {
    const words = wordCount([intro, ...sections.map((s) => s.markdown)].join('\n'));
    if (words < STANDARD_WORDS[0] || words > STANDARD_WORDS[1]) {
      problems.add(lessonFile, '(body)', `has ${words} words; a standard lesson has ${STANDARD_WORDS[0]}-${STANDARD_WORDS[1]}`);
    }
    const how = sections.find((s) => s.title === 'How it works');
    if (how && !/```(mermaid|ts|typescript)\b/.test(how.markdown)) {
      problems.add(lessonFile, 'sections.How it works', 'needs a Mermaid diagram or a TypeScript sketch');
    }
  }

  const cardsPath = path.join(/* turbopackIgnore: true */ dir, 'cards.yaml');
  const quizPath = path.join(/* turbopackIgnore: true */ dir, 'quiz.yaml');
  const cardsRaw = readYaml(cardsPath, problems);
  const quizRaw = readYaml(quizPath, problems);
  const cardsParsed = cardsRaw === undefined ? null : cardsFile.safeParse(cardsRaw);
  const quizParsed = quizRaw === undefined ? null : quizFile.safeParse(quizRaw);
  if (cardsParsed && !cardsParsed.success) problems.zod(cardsPath, cardsParsed.error);
  if (quizParsed && !quizParsed.success) problems.zod(quizPath, quizParsed.error);
  const cards = cardsParsed?.success ? cardsParsed.data : [];
  const questions = quizParsed?.success ? quizParsed.data : [];

  const countKind = kind === 'case-study' ? 'case study' : kind === 'domain' ? 'domain' : kind !== 'pattern' ? 'foundation' : enhanced ? 'enhanced' : 'standard';
  const limits = COUNTS[countKind];
  if (cardsParsed?.success && (cards.length < limits.cards[0] || cards.length > limits.cards[1])) {
    problems.add(cardsPath, '(file)', `has ${cards.length} cards; a ${countKind} lesson needs ${limits.cards[0]}-${limits.cards[1]}`);
  }
  if (quizParsed?.success && questions.length < limits.questions) {
    problems.add(quizPath, '(file)', `has ${questions.length} questions; a ${countKind} lesson needs at least ${limits.questions}`);
  }

  const keys = new Map<string, string>();
  cards.forEach((c, i) => {
    const where = `[${i}]`;
    if (keys.has(c.key)) problems.add(cardsPath, `${where}.key`, `"${c.key}" is used twice in ${id} (also ${keys.get(c.key)})`);
    keys.set(c.key, `cards.yaml${where}`);
    const words = wordCount(c.back);
    if (words > MAX_BACK_WORDS) problems.add(cardsPath, `${where}.back`, `has ${words} words; at most ${MAX_BACK_WORDS}`);
    if (YES_NO.test(c.front.trim()) && !/\bor\b/i.test(c.front)) {
      problems.add(cardsPath, `${where}.front`, 'reads as a yes/no question; ask for the fact itself');
    }
    if (enhanced && c.level === undefined) problems.add(cardsPath, `${where}.level`, 'is required in an enhanced lesson');
    if (!enhanced && c.level !== undefined) problems.add(cardsPath, `${where}.level`, 'is only for enhanced lessons');
  });
  const cardKeys = new Set(cards.map((c) => c.key));
  let scenarios = 0;
  questions.forEach((q, i) => {
    const where = `[${i}]`;
    if (keys.has(q.key)) problems.add(quizPath, `${where}.key`, `"${q.key}" is used twice in ${id} (also ${keys.get(q.key)})`);
    keys.set(q.key, `quiz.yaml${where}`);
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) problems.add(quizPath, `${where}.options`, `has ${correct} correct options; exactly one must be correct`);
    const texts = new Set<string>();
    q.options.forEach((o, j) => {
      if (texts.has(o.text)) problems.add(quizPath, `${where}.options[${j}].text`, 'repeats another option');
      texts.add(o.text);
    });
    q.cards.forEach((k, j) => {
      if (cardsParsed?.success && !cardKeys.has(k)) problems.add(quizPath, `${where}.cards[${j}]`, `"${k}" is not a card key in ${id}/cards.yaml`);
    });
    if (q.scenario) scenarios += 1;
  });
  if (quizParsed?.success && kind === 'domain' && scenarios < questions.length) {
    problems.add(quizPath, '(file)', 'a domain quiz asks scenario questions only (scenario: true on every question)');
  }
  if (quizParsed?.success && kind === 'case-study') {
    const firstPlain = questions.findIndex((q) => !q.scenario);
    if (firstPlain !== -1 && questions.slice(firstPlain).some((q) => q.scenario)) {
      problems.add(quizPath, '(file)', 'a case study lists its scenario questions first');
    }
  }
  if (quizParsed?.success && scenarios < MIN_SCENARIOS) {
    problems.add(quizPath, '(file)', `has ${scenarios} scenario questions (scenario: true); at least ${MIN_SCENARIOS} are needed`);
  }

  const href = kind === 'pattern' ? `/patterns/${slug}` : `/${id}`;
  return {
    id,
    kind,
    slug,
    href,
    title,
    summary,
    meta,
    caseStudy,
    domain,
    lawNumber,
    enhanced,
    intro,
    sections,
    anchors: headingAnchors(parsed.content),
    cards: cards.map((c) => ({ ...c, id: `${id}/${c.key}` })),
    questions: questions.map((q) => ({
      ...q,
      id: `${id}/${q.key}`,
      cards: q.cards.map((k) => `${id}/${k}`),
      patterns: kind === 'pattern' ? [slug] : [],
    })),
  };
}

const LINK = /\]\((\/[^)\s]*)\)/g;

/** Reads and validates everything under `root`. Topics with errors are left out of the library. */
export function readLibrary(root: string): { library: Library; problems: ContentProblem[] } {
  const problems = new Problems(root);
  const catalogPath = path.join(/* turbopackIgnore: true */ root, 'catalog.tsv');
  const catalogRaw = readText(catalogPath, problems);
  let catalog: CatalogEntry[] = [];
  try {
    catalog = catalogRaw ? parseCatalog(catalogRaw) : [];
  } catch (e) {
    problems.add(catalogPath, '(file)', (e as Error).message);
  }
  const problemsPath = path.join(/* turbopackIgnore: true */ root, 'problems.yaml');
  const problemsRaw = readYaml(problemsPath, problems);
  const problemsParsed = problemsRaw === undefined ? null : problemsFile.safeParse(problemsRaw);
  if (problemsParsed && !problemsParsed.success) problems.zod(problemsPath, problemsParsed.error);
  const problemList = problemsParsed?.success ? problemsParsed.data : [];

  const topics = new Map<string, Topic>();
  const kinds: TopicKind[] = ['pattern', 'law', 'pillar', 'case-study', 'domain'];
  for (const kind of kinds) {
    const folder = TOPIC_FOLDERS[kind];
    for (const slug of listDirs(path.join(/* turbopackIgnore: true */ root, folder))) {
      const topic = readTopic(path.join(/* turbopackIgnore: true */ root, folder, slug), kind, slug, problems);
      if (topic) topics.set(topic.id, topic);
    }
  }

  const paths: PathContent[] = [];
  const pathsDir = path.join(/* turbopackIgnore: true */ root, 'paths');
  const pathFiles = fs.existsSync(pathsDir) ? fs.readdirSync(pathsDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const f of pathFiles) {
    const file = path.join(/* turbopackIgnore: true */ pathsDir, f);
    const raw = readYaml(file, problems);
    if (raw === undefined) continue;
    const parsed = pathSchema.safeParse(raw);
    if (!parsed.success) {
      problems.zod(file, parsed.error);
      continue;
    }
    if (`${parsed.data.id}.yaml` !== f) problems.add(file, 'id', `"${parsed.data.id}" does not match the file name`);
    paths.push(parsed.data);
  }
  const pathOrder = ['beginner', 'intermediate', 'advanced'];
  paths.sort((a, b) => pathOrder.indexOf(a.id) - pathOrder.indexOf(b.id));

  crossCheck(root, { topics, catalog, problemList, paths }, problems);
  const collections = readCollections(root, topics, problems);
  const contrasts = readContrasts(root, topics, problems);
  for (const c of contrasts) topics.set(c.topic.id, c.topic);
  const combinations = readCombinations(root, topics, problems);
  for (const c of combinations) topics.set(c.topic.id, c.topic);

  const all = [...topics.values()].filter((t) => t.kind !== 'contrast' && t.kind !== 'combination');
  const library: Library = {
    topics,
    patterns: all.filter((t) => t.kind === 'pattern').sort((a, b) => a.title.localeCompare(b.title)),
    laws: all.filter((t) => t.kind === 'law').sort((a, b) => (a.lawNumber ?? 0) - (b.lawNumber ?? 0)),
    pillars: all.filter((t) => t.kind === 'pillar'),
    caseStudies: all
      .filter((t) => t.kind === 'case-study')
      .sort((a, b) => LEVEL_ORDER.indexOf(a.caseStudy!.level) - LEVEL_ORDER.indexOf(b.caseStudy!.level) || a.title.localeCompare(b.title)),
    domains: all.filter((t) => t.kind === 'domain').sort((a, b) => SUBGROUPS.indexOf(a.domain!.subgroup) - SUBGROUPS.indexOf(b.domain!.subgroup)),
    contrasts,
    combinations,
    paths,
    collections,
    problems: problemList,
    catalog,
    items: new Map(),
  };
  const pillarOrder = ['work', 'state', 'truth', 'control', 'intelligence'];
  library.pillars.sort((a, b) => pillarOrder.indexOf(a.slug) - pillarOrder.indexOf(b.slug));
  for (const topic of [...all, ...collections.map((c) => c.topic), ...contrasts.map((c) => c.topic), ...combinations.map((c) => c.topic)]) {
    for (const card of topic.cards) library.items.set(card.id, { topic, kind: 'card', card });
    for (const question of topic.questions) library.items.set(question.id, { topic, kind: 'question', question });
  }
  for (const p of optionFormProblems(quizFiles(library))) problems.list.push(p);
  return { library, problems: problems.list };
}

/** Every quiz file's questions, named by their file relative to the content root. */
export function quizFiles(library: Library): FormFile[] {
  const topics = [
    ...library.patterns,
    ...library.laws,
    ...library.pillars,
    ...library.caseStudies,
    ...library.domains,
    ...library.collections.map((c) => c.topic),
  ];
  const files = topics.map((t) => ({
    file: t.kind === 'quiz' ? `quizzes/${t.slug}.yaml` : `${TOPIC_FOLDERS[t.kind]}/${t.slug}/quiz.yaml`,
    questions: t.questions,
  }));
  if (library.contrasts.length) files.push({ file: 'contrasts.yaml', questions: library.contrasts.flatMap((c) => c.topic.questions) });
  if (library.combinations.length) files.push({ file: 'combinations.yaml', questions: library.combinations.flatMap((c) => c.topic.questions) });
  return files;
}

function crossCheck(
  root: string,
  lib: { topics: Map<string, Topic>; catalog: CatalogEntry[]; problemList: Problem[]; paths: PathContent[] },
  problems: Problems,
) {
  const catalogBySlug = new Map(lib.catalog.map((c) => [c.slug, c]));
  const patternExists = (slug: string) => catalogBySlug.has(slug) || lib.topics.has(slug);
  const tags = new Set(lib.problemList.map((p) => p.id));

  // Every pattern of the catalog has its lesson (the tool pages are not patterns).
  for (const entry of lib.catalog) {
    // A lesson that exists but fails validation has its own problems already.
    const file = path.join(/* turbopackIgnore: true */ root, 'patterns', entry.slug, 'lesson.md');
    if (isPatternCategory(entry.category) && !lib.topics.has(entry.slug) && !fs.existsSync(file)) {
      problems.add(path.join(/* turbopackIgnore: true */ root, 'catalog.tsv'), entry.slug, `has no lesson in content/patterns/${entry.slug}`);
    }
  }

  for (const topic of lib.topics.values()) {
    const folder = TOPIC_FOLDERS[topic.kind];
    const lessonFile = path.join(/* turbopackIgnore: true */ root, folder, topic.slug, 'lesson.md');
    if (topic.meta) {
      const entry = catalogBySlug.get(topic.slug);
      if (entry && entry.category !== topic.meta.category) {
        problems.add(lessonFile, 'category', `is "${topic.meta.category}" but the catalog says "${entry.category}"`);
      }
      if (entry && entry.enhanced !== topic.meta.enhanced) {
        problems.add(lessonFile, 'enhanced', `is ${topic.meta.enhanced} but the catalog says ${entry.enhanced ? 'yes' : 'no'}`);
      }
      if ((topic.meta.category === 'specialized') !== (topic.meta.subgroup !== null)) {
        problems.add(lessonFile, 'subgroup', 'is required for specialized patterns and must be null otherwise');
      }
      for (const field of ['prerequisites', 'related'] as const) {
        topic.meta[field].forEach((s, i) => {
          if (!patternExists(s)) problems.add(lessonFile, `${field}[${i}]`, `"${s}" is not a pattern in the catalog or content/patterns`);
          if (s === topic.slug) problems.add(lessonFile, `${field}[${i}]`, 'names the lesson itself');
        });
      }
      topic.meta.solves.forEach((t, i) => {
        if (!tags.has(t)) problems.add(lessonFile, `solves[${i}]`, `"${t}" is not a tag in content/problems.yaml`);
      });
      if (!topic.meta.glance) problems.add(lessonFile, 'glance', 'is required: the row this pattern gets in the comparison tool (see CONTENT.md)');
      if (topic.meta.laws.length && new Set(topic.meta.laws).size !== topic.meta.laws.length) {
        problems.add(lessonFile, 'laws', 'names a law twice');
      }
    }
    if (topic.caseStudy) {
      topic.caseStudy.patterns.forEach((p, i) => {
        if (!lib.topics.has(p)) problems.add(lessonFile, `patterns[${i}]`, `"${p}" has no lesson in content/patterns`);
      });
    }
    if (topic.domain) {
      const members = lib.catalog.filter((c) => c.subgroup === topic.domain!.subgroup).map((c) => c.slug);
      topic.domain.order.forEach((p, i) => {
        if (!members.includes(p)) problems.add(lessonFile, `order[${i}]`, `"${p}" is not a ${topic.domain!.subgroup} pattern in the catalog`);
      });
      const missing = members.filter((m) => !topic.domain!.order.includes(m));
      if (missing.length) problems.add(lessonFile, 'order', `leaves out ${missing.join(', ')}`);
    }
    const body = [topic.intro, ...topic.sections.map((s) => s.markdown)].join('\n');
    for (const m of body.matchAll(LINK)) {
      const href = m[1]!;
      const problem = checkInternalLink(href, lib.topics, lib.paths);
      if (problem) problems.add(lessonFile, 'links', `${href}: ${problem}`);
    }
  }

  for (const p of lib.paths) {
    const file = path.join(/* turbopackIgnore: true */ root, 'paths', `${p.id}.yaml`);
    const seen = new Set<string>();
    p.stages.forEach((stage, i) =>
      stage.patterns.forEach((ref, j) => {
        const [slug = '', anchor] = ref.split('#');
        const topic = lib.topics.get(slug);
        if (!topic) problems.add(file, `stages[${i}].patterns[${j}]`, `"${slug}" has no lesson in content/patterns`);
        else if (anchor && !topic.anchors.has(anchor)) {
          problems.add(file, `stages[${i}].patterns[${j}]`, `"${slug}" has no section with the anchor #${anchor}`);
        }
        if (seen.has(ref)) problems.add(file, `stages[${i}].patterns[${j}]`, `"${ref}" appears twice in the path`);
        seen.add(ref);
      }),
    );
  }
}

function checkInternalLink(href: string, topics: Map<string, Topic>, paths: PathContent[]): string | null {
  const [pathname = '', anchor] = href.split('#');
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'patterns' && parts.length === 2) {
    const t = topics.get(parts[1]!);
    if (!t) return 'no lesson with that slug';
    if (anchor && !t.anchors.has(anchor)) return `no section #${anchor} in that lesson`;
    return null;
  }
  if (['laws', 'pillars', 'case-studies', 'domains'].includes(parts[0]!) && parts.length === 2) {
    return topics.has(`${parts[0]}/${parts[1]}`) ? null : `no ${parts[0]!.replace(/s$/, '').replace(/ie$/, 'y')} with that id`;
  }
  if (parts[0] === 'paths' && parts.length === 2) {
    return paths.some((p) => p.id === parts[1]) ? null : 'no path with that id';
  }
  if (parts.length === 1 && ['patterns', 'paths', 'review', 'dashboard', 'case-studies', 'quiz'].includes(parts[0]!)) return null;
  return 'not a page of this app';
}

/** Cross-pattern quizzes: content/quizzes/<id>.yaml. Their questions link cards of any pattern. */
function readCollections(root: string, topics: Map<string, Topic>, problems: Problems): CollectionQuiz[] {
  const dir = path.join(/* turbopackIgnore: true */ root, 'quizzes');
  if (!fs.existsSync(dir)) return [];
  const out: CollectionQuiz[] = [];
  const cardIds = new Set([...topics.values()].flatMap((t) => t.cards.map((c) => c.id)));
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const file = path.join(/* turbopackIgnore: true */ dir, f);
    const raw = readYaml(file, problems);
    if (raw === undefined) continue;
    const parsed = collectionQuizFile.safeParse(raw);
    if (!parsed.success) {
      problems.zod(file, parsed.error);
      continue;
    }
    const quiz = parsed.data;
    if (`${quiz.id}.yaml` !== f) problems.add(file, 'id', `"${quiz.id}" does not match the file name`);
    const keys = new Set<string>();
    quiz.questions.forEach((q, i) => {
      const where = `questions[${i}]`;
      if (keys.has(q.key)) problems.add(file, `${where}.key`, `"${q.key}" is used twice`);
      keys.add(q.key);
      const correct = q.options.filter((o) => o.correct).length;
      if (correct !== 1) problems.add(file, `${where}.options`, `has ${correct} correct options; exactly one must be correct`);
      q.patterns.forEach((s, j) => {
        if (!topics.has(s)) problems.add(file, `${where}.patterns[${j}]`, `"${s}" has no lesson in content/patterns`);
      });
      q.cards.forEach((c, j) => {
        if (!cardIds.has(c)) problems.add(file, `${where}.cards[${j}]`, `"${c}" is not a flashcard id`);
      });
    });
    if (quiz.id === 'pattern-quiz' && quiz.questions.length !== 20) {
      problems.add(file, 'questions', `has ${quiz.questions.length} questions; the Pattern Quiz has exactly 20`);
    }
    quiz.bands.forEach((b, i) => {
      if (b.min > quiz.questions.length) problems.add(file, `bands[${i}].min`, `${b.min} is more than the ${quiz.questions.length} questions`);
    });
    const id = `quizzes/${quiz.id}`;
    const topic = fileTopic({
      id,
      kind: 'quiz',
      slug: quiz.id,
      href: `/quiz/${quiz.id}`,
      title: quiz.title,
      summary: quiz.description,
      intro: '',
      cards: [],
      questions: quiz.questions.map((q) => ({ ...q, id: `${id}/${q.key}`, scenario: true })),
    });
    out.push({ id: quiz.id, topic, title: quiz.title, description: quiz.description, pass: quiz.pass, bands: quiz.bands });
  }
  return out;
}

/** An entry of contrasts.yaml or combinations.yaml: its id is unique in the file and each pattern it names has a lesson. */
function checkEntry(file: string, where: string, entry: { id: string; patterns: string[] }, ids: Set<string>, topics: Map<string, Topic>, problems: Problems): void {
  if (ids.has(entry.id)) problems.add(file, `${where}.id`, `"${entry.id}" is used twice`);
  ids.add(entry.id);
  entry.patterns.forEach((p, j) => {
    if (!topics.get(p)?.meta) problems.add(file, `${where}.patterns[${j}]`, `"${p}" has no lesson in content/patterns`);
  });
}

/** A scenario question of such an entry: its key is unique in the entry and exactly one option is correct. */
function checkQuestion(file: string, qw: string, q: { key: string; options: { correct?: boolean }[] }, keys: Set<string>, owner: string, problems: Problems): void {
  if (keys.has(q.key)) problems.add(file, `${qw}.key`, `"${q.key}" is used twice in ${owner}`);
  keys.add(q.key);
  const correct = q.options.filter((o) => o.correct).length;
  if (correct !== 1) problems.add(file, `${qw}.options`, `has ${correct} correct options; exactly one must be correct`);
}

/** content/contrasts.yaml: each contrast becomes a topic (`contrasts/<id>`) whose questions are scenarios. */
function readContrasts(root: string, topics: Map<string, Topic>, problems: Problems): Contrast[] {
  const file = path.join(/* turbopackIgnore: true */ root, 'contrasts.yaml');
  const data = readOptionalFile(file, contrastsFile, problems);
  if (!data) return [];
  const cardIds = new Set([...topics.values()].flatMap((t) => t.cards.map((c) => c.id)));
  const ids = new Set<string>();
  const out: Contrast[] = [];
  data.forEach((c, i) => {
    const where = `[${i}]`;
    checkEntry(file, where, c, ids, topics, problems);
    const keys = new Set<string>();
    c.questions.forEach((q, j) => {
      const qw = `${where}.questions[${j}]`;
      checkQuestion(file, qw, q, keys, c.id, problems);
      q.cards.forEach((card, k) => {
        if (!cardIds.has(card)) problems.add(file, `${qw}.cards[${k}]`, `"${card}" is not a flashcard id`);
      });
    });
    const id = `contrasts/${c.id}`;
    const topic = fileTopic({
      id,
      kind: 'contrast',
      slug: c.id,
      href: `/practice/contrasts#${c.id}`,
      title: c.title,
      summary: c.tell,
      intro: c.explanation,
      cards: [],
      questions: c.questions.map((q) => ({ ...q, id: `${id}/${q.key}`, scenario: true, patterns: c.patterns })),
    });
    out.push({ id: c.id, title: c.title, patterns: c.patterns, tell: c.tell, explanation: c.explanation, topic });
  });
  return out;
}

/**
 * content/combinations.yaml: each combination becomes a topic (`combinations/<id>`) with its
 * own cards and scenario questions, which enter reviews once the learner marks it read.
 */
function readCombinations(root: string, topics: Map<string, Topic>, problems: Problems): Combination[] {
  const file = path.join(/* turbopackIgnore: true */ root, 'combinations.yaml');
  const data = readOptionalFile(file, combinationsFile, problems);
  if (!data) return [];
  const ids = new Set<string>();
  const sets = new Map<string, string>();
  const out: Combination[] = [];
  data.forEach((c, i) => {
    const where = `[${i}]`;
    checkEntry(file, where, c, ids, topics, problems);
    if (new Set(c.patterns).size !== c.patterns.length) problems.add(file, `${where}.patterns`, 'names a pattern twice');
    const set = `${c.kind}:${[...c.patterns].sort().join(',')}`;
    if (sets.has(set)) problems.add(file, `${where}.patterns`, `the same ${c.kind} of patterns as "${sets.get(set)}"`);
    sets.set(set, c.id);
    const keys = new Set<string>();
    c.cards.forEach((card, j) => {
      if (keys.has(card.key)) problems.add(file, `${where}.cards[${j}].key`, `"${card.key}" is used twice in ${c.id}`);
      keys.add(card.key);
      const words = wordCount(card.back);
      if (words > MAX_BACK_WORDS) problems.add(file, `${where}.cards[${j}].back`, `has ${words} words; at most ${MAX_BACK_WORDS}`);
      if (YES_NO.test(card.front.trim()) && !/\bor\b/i.test(card.front)) {
        problems.add(file, `${where}.cards[${j}].front`, 'reads as a yes/no question; ask for the fact itself');
      }
    });
    const cardKeys = new Set(c.cards.map((x) => x.key));
    c.questions.forEach((q, j) => {
      const qw = `${where}.questions[${j}]`;
      checkQuestion(file, qw, q, keys, c.id, problems);
      q.cards.forEach((k, m) => {
        if (!cardKeys.has(k)) problems.add(file, `${qw}.cards[${m}]`, `"${k}" is not a card key of ${c.id}`);
      });
    });
    const id = `combinations/${c.id}`;
    const topic = fileTopic({
      id,
      kind: 'combination',
      slug: c.id,
      href: `/tools/combinations#${c.id}`,
      title: c.title,
      summary: c.why,
      intro: c.why,
      cards: c.cards.map((card) => ({ ...card, id: `${id}/${card.key}` })),
      questions: c.questions.map((q) => ({ ...q, id: `${id}/${q.key}`, scenario: true, cards: q.cards.map((k) => `${id}/${k}`), patterns: c.patterns })),
    });
    out.push({ id: c.id, title: c.title, kind: c.kind, patterns: c.patterns, why: c.why, order: c.order, diagram: c.diagram ?? null, topic });
  });
  for (const kind of ['synergy', 'conflict'] as const) {
    const n = out.filter((c) => c.kind === kind).length;
    if (n < MIN_COMBINATIONS[kind]) problems.add(file, '(file)', `has ${n} ${kind} combinations; at least ${MIN_COMBINATIONS[kind]} are needed`);
  }
  return out;
}

/** A library-level content file that may be absent (contrasts, combinations), validated with its schema. */
function readOptionalFile<T extends z.ZodType>(file: string, schema: T, problems: Problems): z.infer<T> | null {
  if (!fs.existsSync(file)) return null;
  const raw = readYaml(file, problems);
  if (raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.zod(file, parsed.error);
    return null;
  }
  return parsed.data;
}

/** A topic made from a library-level file: no lesson front matter, sections or anchors of its own. */
function fileTopic(t: Pick<Topic, 'id' | 'kind' | 'slug' | 'href' | 'title' | 'summary' | 'intro' | 'cards' | 'questions'>): Topic {
  return { ...t, meta: null, caseStudy: null, domain: null, lawNumber: null, enhanced: false, sections: [], anchors: new Set() };
}
