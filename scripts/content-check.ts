/**
 * Validates everything under content/ and prints each problem as `file: field: what is wrong`.
 * Exits 1 on any problem.
 */
import path from 'node:path';
import { formatProblem, readLibrary } from '../lib/content/load';

const root = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? 'content');
const { library, problems } = readLibrary(root);
for (const p of problems) console.log(formatProblem(p));
const cards = [...library.items.values()].filter((i) => i.kind === 'card').length;
const questions = library.items.size - cards;
const summary = `${library.patterns.length} patterns, ${library.laws.length} laws, ${library.pillars.length} pillars, ${library.paths.length} paths, ${cards} cards, ${questions} questions`;
if (problems.length) {
  console.log(`\ncontent:check: ${problems.length} problem(s) (${summary})`);
  process.exit(1);
}
console.log(`content:check: ok (${summary})`);
