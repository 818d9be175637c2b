import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { formatProblem, readLibrary } from './load';
import { STANDARD_SECTIONS } from './schema';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Fixture {
  front?: Record<string, unknown>;
  sections?: string[];
  cards?: Record<string, unknown>[];
  quiz?: Record<string, unknown>[];
  body?: string;
}

const baseFront = {
  title: 'Timeout',
  summary: 'Bound every wait.',
  category: 'resilience',
  subgroup: null,
  level: 'beginner',
  enhanced: false,
  laws: ['asynchronous-reality'],
  pillars: ['control'],
  prerequisites: [],
  related: [],
  solves: ['slow-dependency'],
  reading_minutes: 8,
  glance: {
    problem: 'Slow calls pile up and take the caller down.',
    mechanism: 'Bound every wait and give up when it runs out.',
    cost: 'Choosing the value; callers must handle the give-up.',
    complexity: 'low',
    use_when: 'Any call that crosses a network.',
    avoid_when: 'Work that is local and cannot hang.',
  },
};
const baseCards = Array.from({ length: 6 }, (_, i) => ({ key: `card-${i}`, front: `What is fact ${i}?`, back: `Fact ${i}.` }));
const option = (text: string, correct = false) => ({ text, ...(correct ? { correct: true } : {}), why: `Because ${text}.` });
const baseQuiz = Array.from({ length: 5 }, (_, i) => ({
  key: `question-${i}`,
  ...(i < 2 ? { scenario: true } : {}),
  prompt: `Which answer ${i}?`,
  options: [option('A', true), option('B'), option('C'), option('D')],
  cards: [`card-${i}`],
}));

function makeContent(fx: Fixture = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-content-'));
  dirs.push(root);
  fs.writeFileSync(
    path.join(root, 'catalog.tsv'),
    'slug\ttitle\tcategory\tsubgroup\tenhanced\ttagline\ntimeout\tTimeout\tresilience\t\tno\tBounded\n',
  );
  fs.writeFileSync(path.join(root, 'problems.yaml'), YAML.stringify([{ id: 'slow-dependency', title: 'Slow', description: 'Slow.' }]));
  const dir = path.join(root, 'patterns', 'timeout');
  fs.mkdirSync(dir, { recursive: true });
  const sections = fx.sections ?? [...STANDARD_SECTIONS];
  // A standard lesson needs 1,200-2,500 words and a diagram or sketch under How it works.
  const filler = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
  const sectionBody = (t: string) => `Text about ${t}. ${filler}\n${t === 'How it works' ? '\n```mermaid\nflowchart LR\n  A --> B\n```\n' : ''}`;
  const body = fx.body ?? sections.map((s) => `## ${s}\n\n${sectionBody(s)}`).join('\n');
  fs.writeFileSync(path.join(dir, 'lesson.md'), `---\n${YAML.stringify({ ...baseFront, ...fx.front })}---\n\n${body}`);
  fs.writeFileSync(path.join(dir, 'cards.yaml'), YAML.stringify(fx.cards ?? baseCards));
  fs.writeFileSync(path.join(dir, 'quiz.yaml'), YAML.stringify(fx.quiz ?? baseQuiz));
  return root;
}

function problems(fx: Fixture): string[] {
  return readLibrary(makeContent(fx)).problems.map(formatProblem);
}

describe('content validation', () => {
  it('accepts a valid standard lesson and gives items stable ids', () => {
    const { library, problems: p } = readLibrary(makeContent());
    expect(p).toEqual([]);
    expect(library.patterns.map((t) => t.id)).toEqual(['timeout']);
    expect([...library.items.keys()]).toContain('timeout/card-0');
    expect([...library.items.keys()]).toContain('timeout/question-4');
  });

  it('reports a section out of order', () => {
    const sections = [...STANDARD_SECTIONS];
    [sections[1], sections[2]] = [sections[2]!, sections[1]!];
    expect(problems({ sections })).toEqual([
      expect.stringMatching(/^patterns\/timeout\/lesson\.md: sections: expected "## The solution" as section 2, found "## How it works"/),
    ]);
  });

  it('reports front matter errors with the field name', () => {
    expect(problems({ front: { level: 'expert', laws: [] } })).toEqual([
      expect.stringMatching(/^patterns\/timeout\/lesson\.md: level: /),
      'patterns/timeout/lesson.md: laws: name at least one law',
    ]);
  });

  it('reports unknown slugs and problem tags', () => {
    expect(problems({ front: { related: ['no-such-pattern'], solves: ['made-up'] } })).toEqual([
      'patterns/timeout/lesson.md: related[0]: "no-such-pattern" is not a pattern in the catalog or content/patterns',
      'patterns/timeout/lesson.md: solves[0]: "made-up" is not a tag in content/problems.yaml',
    ]);
  });

  it('requires exactly one correct option', () => {
    const quiz = structuredClone(baseQuiz);
    quiz[0]!.options = [option('A', true), option('B', true), option('C'), option('D')];
    quiz[1]!.options = [option('A'), option('B'), option('C'), option('D')];
    expect(problems({ quiz })).toEqual([
      'patterns/timeout/quiz.yaml: [0].options: has 2 correct options; exactly one must be correct',
      'patterns/timeout/quiz.yaml: [1].options: has 0 correct options; exactly one must be correct',
    ]);
  });

  it('fails a quiz whose correct option is the longest too often, naming each question', () => {
    const quiz = structuredClone(baseQuiz);
    // Three of five keys are the longest option: 60%, over the 40% a file may have.
    for (const i of [0, 1, 2]) {
      quiz[i]!.options = [option('A bounded wait with a fallback', true), option('No wait'), option('Retry'), option('Bigger pool')];
    }
    expect(problems({ quiz })).toEqual([
      'patterns/timeout/quiz.yaml: (file): the correct option is the longest in 3 of 5 questions (60%; at most 40% in one file)',
      'patterns/timeout/quiz.yaml: question-0: the correct option is the longest (30 chars vs 11)',
      'patterns/timeout/quiz.yaml: question-1: the correct option is the longest (30 chars vs 11)',
      'patterns/timeout/quiz.yaml: question-2: the correct option is the longest (30 chars vs 11)',
      '(library): quizzes: the correct option is the longest in 3 of 5 questions (60%; at most 30%)',
    ]);
  });

  it('accepts a quiz whose key is the longest in a share of questions chance allows', () => {
    const quiz = structuredClone(baseQuiz);
    quiz[0]!.options = [option('A bounded wait with a fallback', true), option('No wait'), option('Retry'), option('Bigger pool')];
    quiz[1]!.options = [option('Bound it', true), option('Retry every call at once'), option('A larger thread pool'), option('Wait forever')];
    expect(problems({ quiz })).toEqual([]);
  });

  it('holds a standard lesson to its length and asks for a diagram or sketch under How it works', () => {
    const short = STANDARD_SECTIONS.map((t) => `## ${t}\n\nA few words about ${t}.\n`).join('\n');
    expect(problems({ body: short })).toEqual([
      expect.stringMatching(/^patterns\/timeout\/lesson\.md: \(body\): has \d+ words; a standard lesson has 1200-2500$/),
      'patterns/timeout/lesson.md: sections.How it works: needs a Mermaid diagram or a TypeScript sketch',
    ]);
  });

  it('requires a lesson for every pattern in the catalog, and a glance block on every lesson', () => {
    const root = makeContent();
    fs.appendFileSync(path.join(root, 'catalog.tsv'), 'bloom-filter\tBloom Filter\tdata\t\tno\tProbabilistic\ntool-x\tTool\ttools\t\tno\tA page\n');
    expect(readLibrary(root).problems.map(formatProblem)).toEqual(['catalog.tsv: bloom-filter: has no lesson in content/patterns/bloom-filter']);
    const { glance: _g, ...noGlance } = baseFront;
    expect(problems({ front: { ...noGlance, glance: undefined } })).toEqual([
      'patterns/timeout/lesson.md: glance: is required: the row this pattern gets in the comparison tool (see CONTENT.md)',
    ]);
  });

  it('validates the glance block', () => {
    const glance = { problem: 'Slow calls pile up.', mechanism: 'Bound every wait.', cost: 'Picking the value.', complexity: 'low', use_when: 'Any remote call.', avoid_when: 'Never.' };
    expect(problems({ front: { glance } })).toEqual([]);
    expect(problems({ front: { glance: { ...glance, complexity: 'tiny', cost: 'x'.repeat(200) } } })).toEqual([
      expect.stringMatching(/^patterns\/timeout\/lesson\.md: glance\.cost: keep it to one short line/),
      expect.stringMatching(/^patterns\/timeout\/lesson\.md: glance\.complexity: /),
    ]);
  });

  it('reports duplicate keys across cards and questions, and unknown card references', () => {
    const quiz = structuredClone(baseQuiz);
    quiz[0]!.key = 'card-3';
    quiz[1]!.cards = ['nope'];
    expect(problems({ quiz })).toEqual([
      'patterns/timeout/quiz.yaml: [0].key: "card-3" is used twice in timeout (also cards.yaml[3])',
      'patterns/timeout/quiz.yaml: [1].cards[0]: "nope" is not a card key in timeout/cards.yaml',
    ]);
  });

  it('enforces card and question counts, scenarios, back length and yes/no fronts', () => {
    const cards = baseCards.slice(0, 5).map((c) => ({ ...c }));
    cards[0]!.back = Array.from({ length: 41 }, () => 'word').join(' ');
    cards[1]!.front = 'Is a timeout a good idea?';
    const quiz = baseQuiz.slice(0, 4).map((q) => ({ ...q, scenario: false }));
    expect(problems({ cards, quiz })).toEqual([
      'patterns/timeout/cards.yaml: (file): has 5 cards; a standard lesson needs 6-12',
      'patterns/timeout/quiz.yaml: (file): has 4 questions; a standard lesson needs at least 5',
      'patterns/timeout/cards.yaml: [0].back: has 41 words; at most 40',
      'patterns/timeout/cards.yaml: [1].front: reads as a yes/no question; ask for the fact itself',
      'patterns/timeout/quiz.yaml: (file): has 0 scenario questions (scenario: true); at least 2 are needed',
    ]);
  });

  it('reports broken internal links and missing files', () => {
    const body = STANDARD_SECTIONS.map((s) => `## ${s}\n\nSee [x](/patterns/nowhere) and [y](/laws/none).\n`).join('\n');
    const root = makeContent({ body });
    fs.rmSync(path.join(root, 'patterns', 'timeout', 'quiz.yaml'));
    const p = readLibrary(root).problems.map(formatProblem);
    expect(p).toContain('patterns/timeout/quiz.yaml: (file): is missing');
    expect(p).toContain('patterns/timeout/lesson.md: links: /patterns/nowhere: no lesson with that slug');
    expect(p).toContain('patterns/timeout/lesson.md: links: /laws/none: no law with that id');
  });

  it('reports invalid YAML with its file', () => {
    const root = makeContent();
    fs.writeFileSync(path.join(root, 'patterns', 'timeout', 'cards.yaml'), '- key: a\n  front: [unclosed\n');
    expect(readLibrary(root).problems.map(formatProblem)).toEqual([expect.stringMatching(/^patterns\/timeout\/cards\.yaml: \(yaml\): /)]);
  });

  it('checks path steps, including section anchors', () => {
    const root = makeContent();
    fs.mkdirSync(path.join(root, 'paths'));
    fs.writeFileSync(
      path.join(root, 'paths', 'beginner.yaml'),
      YAML.stringify({ id: 'beginner', title: 'Beginner', audience: 'new', stages: [{ title: 'One', patterns: ['timeout#the-problem', 'timeout#nope', 'saga'] }] }),
    );
    expect(readLibrary(root).problems.map(formatProblem)).toEqual([
      'paths/beginner.yaml: stages[0].patterns[1]: "timeout" has no section with the anchor #nope',
      'paths/beginner.yaml: stages[0].patterns[2]: "saga" has no lesson in content/patterns',
    ]);
  });
});

describe('the shipped library', () => {
  it('passes every check', () => {
    const { problems: p, library } = readLibrary(path.resolve('content'));
    expect(p.map(formatProblem)).toEqual([]);
    expect(library.paths.map((x) => x.id)).toEqual(['beginner', 'intermediate', 'advanced']);
  });
});
