import { z } from 'zod';

export const CATEGORIES = [
  'resilience',
  'data',
  'coordination',
  'architecture',
  'performance',
  'specialized',
  'theory',
] as const;
export const CATEGORY_TITLES: Record<(typeof CATEGORIES)[number], string> = {
  resilience: 'Resilience & Reliability',
  data: 'Data Management',
  coordination: 'Coordination & Consensus',
  architecture: 'Architecture',
  performance: 'Performance & Scaling',
  specialized: 'Specialized Domains',
  theory: 'Theory & Selection',
};
export const SUBGROUPS = ['Location & Mapping', 'Search & Analytics', 'Security & Privacy', 'Operations & Management'] as const;
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const LAW_IDS = [
  'correlated-failure',
  'asynchronous-reality',
  'emergent-chaos',
  'multidimensional-optimization',
  'distributed-knowledge',
  'cognitive-load',
  'economic-reality',
] as const;
export const PILLAR_IDS = ['work', 'state', 'truth', 'control', 'intelligence'] as const;

export const STANDARD_SECTIONS = [
  'The problem',
  'The solution',
  'How it works',
  'Trade-offs',
  'When to use it',
  'When not to use it',
  'In production',
  'Related patterns',
] as const;
export const ENHANCED_SECTIONS = [
  'Level 1: Intuition',
  'Level 2: Foundation',
  'Level 3: Deep dive',
  'Level 4: Expert',
  'Level 5: Mastery',
  'Quick reference',
] as const;
export const FOUNDATION_SECTIONS = ['The idea', 'Why it holds', 'How it shows up', 'Designing with it'] as const;
export const CASE_STUDY_SECTIONS = [
  'Context',
  'Requirements',
  'Architecture',
  'Patterns at work',
  'What went wrong and what changed',
  'Lessons',
] as const;
export const DOMAIN_SECTIONS = ['The system', 'How the patterns fit', 'The order to learn them'] as const;

export const COUNTS = {
  enhanced: { cards: [12, 20], questions: 8 },
  standard: { cards: [6, 12], questions: 5 },
  foundation: { cards: [5, 12], questions: 5 },
  'case study': { cards: [8, 20], questions: 6 },
  domain: { cards: [0, 12], questions: 6 },
} as const;
export const MIN_SCENARIOS = 2;
export const MAX_BACK_WORDS = 40;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug');
const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case key');
const text = z.string().trim().min(1, 'must not be empty');

/** A pattern's row in the comparison tool: one short line each, in the lesson's own words. */
export const glanceSchema = z.strictObject({
  problem: text.max(160, 'keep it to one short line (160 characters at most)'),
  mechanism: text.max(160, 'keep it to one short line (160 characters at most)'),
  cost: text.max(160, 'keep it to one short line (160 characters at most)'),
  complexity: z.enum(['low', 'medium', 'high']),
  use_when: text.max(160, 'keep it to one short line (160 characters at most)'),
  avoid_when: text.max(160, 'keep it to one short line (160 characters at most)'),
});
export type Glance = z.infer<typeof glanceSchema>;

/** A standard lesson is a real lesson: this many words of body. */
export const STANDARD_WORDS = [1200, 2500] as const;

export const lessonFrontMatter = z.strictObject({
  title: text,
  summary: text,
  category: z.enum(CATEGORIES),
  subgroup: z.enum(SUBGROUPS).nullable().default(null),
  level: z.enum(LEVELS),
  enhanced: z.boolean(),
  laws: z.array(z.enum(LAW_IDS)).min(1, 'name at least one law'),
  pillars: z.array(z.enum(PILLAR_IDS)).default([]),
  prerequisites: z.array(slug).default([]),
  related: z.array(slug).default([]),
  solves: z.array(slug).min(1, 'name at least one problem tag'),
  reading_minutes: z.number().int().positive().max(120),
  glance: glanceSchema.optional(),
});
export type LessonMeta = z.infer<typeof lessonFrontMatter>;

export const lawFrontMatter = z.strictObject({
  title: text,
  summary: text,
  number: z.number().int().min(1).max(7),
});
/** A real system told as a story of patterns (content/case-studies/<id>/lesson.md). */
export const caseStudyFrontMatter = z.strictObject({
  title: text,
  summary: text,
  level: z.enum(LEVELS),
  /** The pattern lessons it shows at work; each of them links back ("Seen in"). */
  patterns: z.array(slug).min(2, 'name at least two patterns the system uses'),
  /** The system's own papers, talks and engineering posts the story rests on. */
  sources: z.array(z.strictObject({ title: text, url: z.url({ error: 'must be a full URL' }) })).min(1, 'name at least one source'),
  reading_minutes: z.number().int().positive().max(120),
});
export type CaseStudyMeta = z.infer<typeof caseStudyFrontMatter>;

/** A specialized subgroup's overview (content/domains/<id>/lesson.md): the system and its patterns in order. */
export const domainFrontMatter = z.strictObject({
  title: text,
  summary: text,
  subgroup: z.enum(SUBGROUPS),
  /** The system it serves, in a phrase ("a map and location service"). */
  system: text,
  /** The subgroup's patterns in the order to learn them. */
  order: z.array(slug).min(2),
  reading_minutes: z.number().int().positive().max(120),
});
export type DomainMeta = z.infer<typeof domainFrontMatter>;

export const pillarFrontMatter = z.strictObject({
  title: text,
  summary: text,
});

export const cardSchema = z.strictObject({
  key,
  front: text,
  back: text,
  level: z.number().int().min(1).max(5).optional(),
});
export type CardContent = z.infer<typeof cardSchema>;

export const optionSchema = z.strictObject({
  text,
  correct: z.boolean().optional().default(false),
  why: text,
});

export const questionSchema = z.strictObject({
  key,
  scenario: z.boolean().optional().default(false),
  prompt: text,
  options: z.array(optionSchema).min(3, 'needs at least 3 options').max(5, 'has more than 5 options'),
  cards: z.array(key).min(1, 'name at least one flashcard this question exercises'),
});
export type QuestionContent = z.infer<typeof questionSchema>;

export const cardsFile = z.array(cardSchema);
export const quizFile = z.array(questionSchema);

/** A path step: a pattern slug, optionally pointing at a section (`caching-strategies#cdn-strategies`). */
const stepRef = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9-]+)?$/, 'must be a slug, optionally with #section');

export const pathSchema = z.strictObject({
  id: z.enum(LEVELS),
  title: text,
  audience: text,
  description: text.optional(),
  stages: z
    .array(z.strictObject({ title: text, patterns: z.array(stepRef).min(1) }))
    .min(1),
});
export type PathContent = z.infer<typeof pathSchema>;

export const problemsFile = z.array(z.strictObject({ id: slug, title: text, description: text }));

const itemRef = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a flashcard id <slug>/<key>');

export const collectionQuestionSchema = z.strictObject({
  key,
  prompt: text,
  options: z.array(optionSchema).min(3, 'needs at least 3 options').max(5, 'has more than 5 options'),
  patterns: z.array(slug).min(1, 'name the pattern(s) whose lessons teach the answer').max(4),
  cards: z.array(itemRef).min(1, 'name at least one flashcard this question exercises').max(5),
});

export const collectionQuizFile = z.strictObject({
  id: slug,
  title: text,
  description: text,
  pass: z.number().min(0.5).max(1).default(0.8),
  bands: z
    .array(z.strictObject({ min: z.number().int().min(0), title: text, message: text }))
    .min(2, 'give at least two score bands')
    .refine((b) => b.some((x) => x.min === 0), 'one band must start at 0'),
  questions: z.array(collectionQuestionSchema).min(5, 'needs at least 5 questions'),
});
export type CollectionQuizContent = z.infer<typeof collectionQuizFile>;

/** A question of a contrast drill: always a scenario; its cards are flashcards of the patterns it contrasts. */
export const contrastQuestionSchema = z.strictObject({
  key,
  prompt: text,
  options: z.array(optionSchema).min(3, 'needs at least 3 options').max(5, 'has more than 5 options'),
  cards: z.array(itemRef).min(1, 'name at least one flashcard this question exercises').max(5),
});

/** Patterns learners confuse (content/contrasts.yaml): the one question that tells them apart, and drills. */
export const contrastSchema = z.strictObject({
  id: slug,
  title: text,
  patterns: z.array(slug).min(2, 'a contrast sets at least two patterns apart').max(3, 'a contrast sets at most three patterns apart'),
  /** The one question whose answer tells them apart. */
  tell: text,
  /** How the answer to `tell` separates them (Markdown, a short paragraph or a small table). */
  explanation: text,
  questions: z.array(contrastQuestionSchema).min(4, 'a contrast needs at least 4 scenario questions'),
});
export const contrastsFile = z.array(contrastSchema).min(1);
export type ContrastContent = z.infer<typeof contrastSchema>;

/** A question of a combination: always a scenario; its cards are the combination's own card keys. */
export const combinationQuestionSchema = z.strictObject({
  key,
  prompt: text,
  options: z.array(optionSchema).min(3, 'needs at least 3 options').max(5, 'has more than 5 options'),
  cards: z.array(key).min(1, 'name at least one of this combination’s cards that the question exercises').max(3),
});

/** Patterns that work together, or against each other (content/combinations.yaml). */
export const combinationSchema = z.strictObject({
  id: slug,
  title: text,
  /** `synergy`: they work together; `conflict`: combined carelessly, they work against each other. */
  kind: z.enum(['synergy', 'conflict']),
  patterns: z.array(slug).min(2, 'a combination has at least two patterns').max(4, 'a combination has at most four patterns'),
  /** Why they belong together (or clash): Markdown, a short paragraph. */
  why: text,
  /** In what order they act, or how they interact: Markdown, a short paragraph or a list. */
  order: text,
  /** Optional Mermaid source (without the fence). */
  diagram: text.optional(),
  cards: z.array(cardSchema.omit({ level: true })).min(1, 'a combination has 1-3 cards').max(3, 'a combination has 1-3 cards'),
  questions: z.array(combinationQuestionSchema).min(1, 'a combination has 1-2 scenario questions').max(2, 'a combination has 1-2 scenario questions'),
});
export const combinationsFile = z.array(combinationSchema).min(1);
export type CombinationContent = z.infer<typeof combinationSchema>;
/** At least this many of each kind (issue 15). */
export const MIN_COMBINATIONS = { synergy: 20, conflict: 8 } as const;
