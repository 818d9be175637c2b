import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { formatProblem, readLibrary } from './load';
import { MIN_COMBINATIONS } from './schema';
import { topicsInStudyOrder } from '@/lib/study/session';

const { library, problems } = readLibrary(path.resolve('content'));

describe('content/combinations.yaml', () => {
  it('passes its checks and has enough of each kind', () => {
    expect(problems.filter((p) => p.file === 'combinations.yaml').map(formatProblem)).toEqual([]);
    expect(library.combinations.filter((c) => c.kind === 'synergy').length).toBeGreaterThanOrEqual(MIN_COMBINATIONS.synergy);
    expect(library.combinations.filter((c) => c.kind === 'conflict').length).toBeGreaterThanOrEqual(MIN_COMBINATIONS.conflict);
  });

  it('makes each combination a topic whose cards and scenario questions are library items', () => {
    for (const c of library.combinations) {
      expect(library.topics.get(`combinations/${c.id}`)).toBe(c.topic);
      expect(c.topic.cards.length).toBeGreaterThanOrEqual(1);
      expect(c.topic.cards.length).toBeLessThanOrEqual(3);
      for (const card of c.topic.cards) expect(library.items.get(card.id)?.kind).toBe('card');
      for (const q of c.topic.questions) {
        expect(q.scenario).toBe(true);
        expect(q.patterns).toEqual(c.patterns);
        for (const card of q.cards) expect(card.startsWith(`combinations/${c.id}/`)).toBe(true);
      }
      for (const p of c.patterns) expect(library.topics.get(p)?.kind).toBe('pattern');
    }
    // Combinations are not lessons: they stay out of the catalog's lists.
    expect(library.patterns.some((t) => t.kind !== 'pattern')).toBe(false);
  });

  it('keeps the key from being the strictly longest option in more than a quarter of its questions', () => {
    const questions = library.combinations.flatMap((c) => c.topic.questions);
    const longest = questions.filter((q) => {
      const key = q.options.find((o) => o.correct)!.text.length;
      return q.options.every((o) => o.correct || o.text.length < key);
    });
    expect(longest.length / questions.length).toBeLessThanOrEqual(0.25);
  });

  it('introduces a combination’s cards once it is marked read', () => {
    const c = library.combinations[0]!;
    expect(topicsInStudyOrder(library, [{ topicId: 'timeout', readAt: new Date(1) }]).map((t) => t.id)).not.toContain(c.topic.id);
    const order = topicsInStudyOrder(library, [
      { topicId: 'timeout', readAt: new Date(1) },
      { topicId: c.topic.id, readAt: new Date(2) },
    ]);
    expect(order.map((t) => t.id)).toContain(c.topic.id);
  });
});

describe('combination checks', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const option = (text: string, correct = false) => ({ text, ...(correct ? { correct: true } : {}), why: `Because ${text}.` });
  const entry = (id: string, patterns: string[]) => ({
    id,
    title: id,
    kind: 'synergy',
    patterns,
    why: 'They help each other.',
    order: 'One, then the other.',
    cards: [{ key: 'fact', front: 'What is the fact?', back: 'The fact.' }],
    questions: [{ key: 'q', prompt: 'Which?', options: [option('A', true), option('BB'), option('CC'), option('DD')], cards: ['fact'] }],
  });
  function check(entries: unknown[]): string[] {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-combos-'));
    dirs.push(root);
    fs.writeFileSync(path.join(root, 'catalog.tsv'), 'slug\ttitle\tcategory\tsubgroup\tenhanced\ttagline\n');
    fs.writeFileSync(path.join(root, 'problems.yaml'), '[]\n');
    fs.writeFileSync(path.join(root, 'combinations.yaml'), YAML.stringify(entries));
    return readLibrary(root).problems.filter((p) => p.file === 'combinations.yaml').map(formatProblem);
  }

  it('reports unknown patterns, repeated ids, unknown card keys, wrong correct counts and too few combinations', () => {
    const bad = entry('a', ['timeout', 'timeout']);
    bad.questions[0]!.cards = ['nope'];
    bad.questions[0]!.options = [option('A', true), option('B', true), option('C')];
    const found = check([bad, entry('a', ['x', 'y'])]);
    expect(found).toEqual(
      expect.arrayContaining([
        'combinations.yaml: [0].patterns[0]: "timeout" has no lesson in content/patterns',
        'combinations.yaml: [0].patterns: names a pattern twice',
        'combinations.yaml: [0].questions[0].options: has 2 correct options; exactly one must be correct',
        'combinations.yaml: [0].questions[0].cards[0]: "nope" is not a card key of a',
        'combinations.yaml: [1].id: "a" is used twice',
        `combinations.yaml: (file): has 2 synergy combinations; at least ${MIN_COMBINATIONS.synergy} are needed`,
        `combinations.yaml: (file): has 0 conflict combinations; at least ${MIN_COMBINATIONS.conflict} are needed`,
      ]),
    );
  });

  it('reports schema errors with the field name', () => {
    const e = { ...entry('a', ['x']), kind: 'maybe' };
    expect(check([e])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^combinations\.yaml: \[0\]\.kind: /),
        'combinations.yaml: [0].patterns: a combination has at least two patterns',
      ]),
    );
  });
});
