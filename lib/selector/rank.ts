import { CATEGORIES, CATEGORY_TITLES, type LessonMeta } from '@/lib/content/schema';

/**
 * The Pattern Selector's ranking: problems + constraints -> ranked patterns with reasons.
 * Pure: it reads plain pattern data (front matter) and returns plain objects. The weights
 * and why they are what they are: docs/decisions/014-selector-ranking.md.
 */

export const CONSTRAINTS = {
  consistency: ['strong', 'eventual'],
  latency: ['tight', 'moderate', 'relaxed'],
  maturity: ['low', 'medium', 'high'],
  scale: ['small', 'large', 'very-large'],
  cost: ['low', 'high'],
} as const;
export type Constraints = { [K in keyof typeof CONSTRAINTS]: (typeof CONSTRAINTS)[K][number] | null };
export const NO_CONSTRAINTS: Constraints = { consistency: null, latency: null, maturity: null, scale: null, cost: null };

export const CONSTRAINT_LABELS: { [K in keyof typeof CONSTRAINTS]: { title: string; values: Record<(typeof CONSTRAINTS)[K][number], string> } } = {
  consistency: { title: 'Consistency needed', values: { strong: 'Strong', eventual: 'Eventual is fine' } },
  latency: { title: 'Latency budget', values: { tight: 'Tight', moderate: 'Moderate', relaxed: 'Relaxed' } },
  maturity: { title: "Team's operational maturity", values: { low: 'Low', medium: 'Medium', high: 'High' } },
  scale: { title: 'Scale', values: { small: 'Small', large: 'Large', 'very-large': 'Very large' } },
  cost: { title: 'Cost sensitivity', values: { low: 'Low', high: 'High' } },
};

/** What the ranking reads of a pattern: its front matter, nothing else. */
export interface SelectorPattern {
  slug: string;
  title: string;
  meta: Pick<LessonMeta, 'category' | 'level' | 'laws' | 'related' | 'solves'> & {
    glance?: { cost: string; complexity: 'low' | 'medium' | 'high'; avoid_when: string } | undefined;
  };
}

export interface ProblemTag {
  id: string;
  title: string;
  description: string;
}

/** Problem tags whose presence in `solves:` says what a pattern is for, used by the constraints. */
const SCALE_TAGS = new Set(['data-growth', 'hot-spots', 'write-heavy-load', 'read-heavy-load', 'uneven-load', 'traffic-spikes', 'variable-load', 'global-latency', 'large-graph', 'metadata-bottleneck']);
const CONSISTENCY_TAGS = new Set(['data-inconsistency', 'concurrent-updates', 'distributed-transaction', 'dual-write', 'data-integrity', 'event-ordering', 'network-partition']);
const LATENCY_TAGS = new Set(['high-latency', 'global-latency', 'slow-dependency']);
const COST_TAGS = new Set(['cloud-cost', 'wasted-lookups', 'redundant-transfer', 'server-render-cost', 'heavy-downloads', 'large-transfers']);
/** Words in a glance's cost or avoid-when line that mark a pattern as giving up fresh reads. */
const RELAXES_CONSISTENCY = /\b(stale(ness)?|eventual(ly)?|latest (write|commit)|old values|invalidat\w*)\b/i;
/** ... or as adding a hop, a round trip or a wait of its own. */
const ADDS_LATENCY = /\b(latency|round[- ]trips?|extra hop|hops?)\b/i;

export const WEIGHTS = {
  /** Each selected problem the pattern solves; the lesson lists its main problem first. */
  solves: 10,
  /** Lost per position after the first in `solves:` (a side effect counts less than the main job). */
  solvesPosition: 1.5,
  complexity: {
    low: { low: 3, medium: -2, high: -8 },
    medium: { low: 1, medium: 0, high: -3 },
    high: { low: 0, medium: 0, high: 0 },
  },
  advancedWithLowMaturity: -3,
  scale: { small: { tags: -3, high: -3 }, large: { tags: 2, high: 0 }, 'very-large': { tags: 4, high: 1 } },
  consistency: { strong: { relaxes: -5, tags: 3 }, eventual: { relaxes: 1, tags: 0 } },
  latency: { tight: { adds: -3, tags: 3 }, moderate: { adds: -1, tags: 1 }, relaxed: { adds: 0, tags: 0 } },
  cost: { high: { tags: 3, economic: -2, high: -2 }, low: { tags: 0, economic: 0, high: 0 } },
  /** Related to another pattern in the top of the list: they are meant to be used together. */
  synergy: 1,
} as const;

export interface Reason {
  /** Plus or minus, for the page's wording. */
  effect: 'for' | 'against';
  text: string;
}

export interface RankedPattern {
  slug: string;
  title: string;
  score: number;
  /** The selected problems it solves, in the order the learner picked them. */
  solves: ProblemTag[];
  reasons: Reason[];
  complexity: 'low' | 'medium' | 'high' | null;
  cost: string | null;
  /** Related patterns (ones also in the results first). */
  combineWith: string[];
}

/** More than this many problems at once is not a question the selector can answer well. */
export const MAX_PROBLEMS = 12;

export interface Selection {
  problems: string[];
  constraints: Constraints;
}

/** Reads `?problem=a,b&maturity=low…` leniently: unknown values are dropped, never an error. */
export function parseSelection(params: Record<string, string | string[] | undefined>, known: Set<string>): Selection {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  // A shared link says `problems=a,b`; the page's own form sends `problems=a&problems=b`.
  const raw = [params.problems ?? []].flat().flatMap((v) => v.split(','));
  const problems = [...new Set(raw.map((s) => s.trim()).filter((s) => known.has(s)))].slice(0, MAX_PROBLEMS);
  const constraints = { ...NO_CONSTRAINTS };
  for (const key of Object.keys(CONSTRAINTS) as (keyof Constraints)[]) {
    const v = one(params[key]);
    if (v && (CONSTRAINTS[key] as readonly string[]).includes(v)) (constraints as Record<string, string | null>)[key] = v;
  }
  return { problems, constraints };
}

/** The URL query for a selection (the inverse of parseSelection). */
export function selectionQuery(s: Selection): string {
  const q = new URLSearchParams();
  if (s.problems.length) q.set('problems', s.problems.join(','));
  for (const [k, v] of Object.entries(s.constraints)) if (v) q.set(k, v);
  return q.toString().replace(/%2C/g, ',');
}

/** Each tag's group: the category of most lessons that solve it (ties: the catalog's order). */
export function groupProblems(problems: ProblemTag[], patterns: SelectorPattern[]): { id: string; title: string; problems: ProblemTag[] }[] {
  const groupOf = new Map<string, string>();
  for (const p of problems) {
    const counts = new Map<string, number>();
    for (const pattern of patterns) if (pattern.meta.solves.includes(p.id)) counts.set(pattern.meta.category, (counts.get(pattern.meta.category) ?? 0) + 1);
    let best: string | null = null;
    for (const c of CATEGORIES) if ((counts.get(c) ?? 0) > (best ? counts.get(best)! : 0)) best = c;
    if (best) groupOf.set(p.id, best);
  }
  return CATEGORIES.map((c) => ({ id: c, title: CATEGORY_TITLES[c], problems: problems.filter((p) => groupOf.get(p.id) === c) })).filter(
    (g) => g.problems.length > 0,
  );
}

/**
 * Ranks every pattern that solves at least one selected problem. Deterministic: equal scores
 * fall back to more problems solved, then lower complexity, then title.
 */
export function rankPatterns(patterns: SelectorPattern[], problems: ProblemTag[], selection: Selection, limit = 10): RankedPattern[] {
  const byId = new Map(problems.map((p) => [p.id, p]));
  const chosen = selection.problems.filter((p) => byId.has(p));
  const c = selection.constraints;
  const scored = patterns
    .map((p) => {
      const solved = chosen.filter((t) => p.meta.solves.includes(t));
      if (solved.length === 0) return null;
      const reasons: Reason[] = [];
      let score = 0;
      for (const t of solved) score += WEIGHTS.solves - WEIGHTS.solvesPosition * p.meta.solves.indexOf(t);
      const complexity = p.meta.glance?.complexity ?? null;
      const costLine = `${p.meta.glance?.cost ?? ''} ${p.meta.glance?.avoid_when ?? ''}`;
      const add = (points: number, text: string) => {
        if (points === 0) return;
        score += points;
        reasons.push({ effect: points > 0 ? 'for' : 'against', text });
      };
      if (c.maturity && complexity) {
        add(WEIGHTS.complexity[c.maturity][complexity], `${cap(complexity)} complexity to build and run, for a team of ${c.maturity} operational maturity.`);
      }
      if (c.maturity === 'low' && p.meta.level === 'advanced') add(WEIGHTS.advancedWithLowMaturity, 'An advanced pattern: hard to run well without experience.');
      const scaleTags = p.meta.solves.some((t) => SCALE_TAGS.has(t));
      if (c.scale) {
        const w = WEIGHTS.scale[c.scale];
        if (scaleTags) add(w.tags, c.scale === 'small' ? 'Solves a problem of scale you may not have yet.' : 'Built for growth in data or load.');
        if (complexity === 'high') add(w.high, c.scale === 'small' ? 'High complexity is hard to justify at small scale.' : 'Its complexity pays off at this scale.');
      }
      if (c.consistency) {
        const w = WEIGHTS.consistency[c.consistency];
        if (RELAXES_CONSISTENCY.test(costLine)) {
          add(w.relaxes, c.consistency === 'strong' ? 'It trades freshness for speed or availability: readers may see stale data.' : 'It can serve slightly stale data, which is fine here.');
        }
        if (p.meta.solves.some((t) => CONSISTENCY_TAGS.has(t))) add(w.tags, 'Keeps data correct across components.');
      }
      if (c.latency) {
        const w = WEIGHTS.latency[c.latency];
        if (ADDS_LATENCY.test(p.meta.glance?.cost ?? '')) add(w.adds, 'Its cost includes added latency.');
        if (p.meta.solves.some((t) => LATENCY_TAGS.has(t))) add(w.tags, 'Cuts or bounds response time.');
      }
      if (c.cost) {
        const w = WEIGHTS.cost[c.cost];
        const savesCost = p.meta.solves.some((t) => COST_TAGS.has(t));
        if (savesCost) add(w.tags, 'Saves money or resources.');
        else if (p.meta.laws.includes('economic-reality')) add(w.economic, 'Money is one of its main trade-offs (economic reality).');
        if (complexity === 'high') add(w.high, 'High complexity costs engineering time.');
      }
      return {
        slug: p.slug,
        title: p.title,
        score,
        solves: solved.map((t) => byId.get(t)!),
        reasons,
        complexity,
        cost: p.meta.glance?.cost ?? null,
        related: p.meta.related,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);

  // Synergy: a pattern related to others that rank well is meant to be combined with them.
  const top = new Set(sortRanked(scored).slice(0, limit).map((r) => r.slug));
  for (const r of scored) {
    const partners = r.related.filter((s) => top.has(s)).length;
    r.score += WEIGHTS.synergy * Math.min(partners, 3);
  }
  const ranked = sortRanked(scored).slice(0, limit);
  const inResults = new Set(ranked.map((r) => r.slug));
  return ranked.map(({ related, ...r }) => ({
    ...r,
    score: Math.round(r.score * 10) / 10,
    combineWith: [...related.filter((s) => inResults.has(s)), ...related.filter((s) => !inResults.has(s))].slice(0, 4),
  }));
}

const COMPLEXITY_ORDER = { low: 0, medium: 1, high: 2 } as const;

function sortRanked<T extends { score: number; solves: unknown[]; complexity: 'low' | 'medium' | 'high' | null; title: string }>(xs: T[]): T[] {
  return [...xs].sort(
    (a, b) =>
      b.score - a.score ||
      b.solves.length - a.solves.length ||
      COMPLEXITY_ORDER[a.complexity ?? 'high'] - COMPLEXITY_ORDER[b.complexity ?? 'high'] ||
      a.title.localeCompare(b.title),
  );
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
