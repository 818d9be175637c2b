/**
 * Validates everything under content/ and prints each problem as `file: field: what is wrong`.
 * Exits 1 on any problem. `--figures` also prints, per quiz file, how often the correct option
 * is the longest or the shortest, and what always picking the longest option would score.
 */
import path from 'node:path';
import { formatProblem, quizFiles, readLibrary } from '../lib/content/load';
import { optionFormFigures } from '../lib/content/option-form';

const args = process.argv.slice(2);
const figures = args.includes('--figures');
const rootArg = args.find((a) => !a.startsWith('--'));
const root = path.resolve(rootArg ?? process.env.CONTENT_DIR ?? 'content');
const { library, problems } = readLibrary(root);
for (const p of problems) console.log(formatProblem(p));
if (figures) {
  const f = optionFormFigures(quizFiles(library));
  const pct = (n: number, d: number) => `${d ? Math.round((n / d) * 100) : 0}%`.padStart(4);
  console.log('\nfile                                              questions longest shortest longest-pick');
  for (const x of f.files) {
    console.log(`${x.file.padEnd(50)} ${String(x.questions).padStart(9)} ${pct(x.longest, x.questions).padStart(7)} ${pct(x.shortest, x.questions).padStart(8)} ${pct(x.longestPickScore, x.questions).padStart(12)}`);
  }
  console.log(
    `${'library'.padEnd(50)} ${String(f.questions).padStart(9)} ${pct(f.longest, f.questions).padStart(7)} ${pct(f.shortest, f.questions).padStart(8)} ${pct(f.longestPickScore, f.questions).padStart(12)}; files passed by always picking the longest: ${f.filesPassedByLongest}`,
  );
}
const cards = [...library.items.values()].filter((i) => i.kind === 'card').length;
const questions = library.items.size - cards;
const summary = `${library.patterns.length} patterns, ${library.laws.length} laws, ${library.pillars.length} pillars, ${library.paths.length} paths, ${cards} cards, ${questions} questions`;
if (problems.length) {
  console.log(`\ncontent:check: ${problems.length} problem(s) (${summary})`);
  process.exit(1);
}
console.log(`content:check: ok (${summary})`);
