/**
 * The rule that a quiz option's form gives nothing away (CONTENT.md): a learner who always
 * picks the longest (or the shortest) option must do no better than chance. Pure: it takes
 * the quiz files' questions and returns the problems and the figures.
 */

export const MAX_LONGEST_LIBRARY = 0.3;
export const MAX_LONGEST_FILE = 0.4;
export const MAX_SHORTEST_LIBRARY = 0.35;

export interface FormQuestion {
  key: string;
  options: { text: string; correct?: boolean }[];
}

export interface FormFile {
  /** The quiz file, relative to the content root (`patterns/timeout/quiz.yaml`). */
  file: string;
  questions: FormQuestion[];
}

export interface FormProblem {
  file: string;
  field: string;
  message: string;
}

export interface FileFigures {
  file: string;
  questions: number;
  longest: number;
  shortest: number;
  /** The score of always picking the longest option (ties split evenly). */
  longestPickScore: number;
}

export interface FormFigures {
  questions: number;
  longest: number;
  shortest: number;
  longestPickScore: number;
  /** Files that always picking the longest option would pass at 80%. */
  filesPassedByLongest: number;
  files: FileFigures[];
}

type Shape = 'longest' | 'shortest' | 'neither';

function lengths(q: FormQuestion): { key: number; others: number[] } | null {
  const correct = q.options.find((o) => o.correct);
  if (!correct) return null;
  return { key: correct.text.length, others: q.options.filter((o) => o !== correct).map((o) => o.text.length) };
}

function shape(q: FormQuestion): { shape: Shape; key: number; other: number } {
  const l = lengths(q);
  if (!l || l.others.length === 0) return { shape: 'neither', key: 0, other: 0 };
  const max = Math.max(...l.others);
  const min = Math.min(...l.others);
  if (l.key > max) return { shape: 'longest', key: l.key, other: max };
  if (l.key < min) return { shape: 'shortest', key: l.key, other: min };
  return { shape: 'neither', key: l.key, other: max };
}

/** Expected score of a learner who picks the longest option, choosing at random among ties. */
function longestPick(q: FormQuestion): number {
  const max = Math.max(...q.options.map((o) => o.text.length));
  const tied = q.options.filter((o) => o.text.length === max);
  return tied.some((o) => o.correct) ? 1 / tied.length : 0;
}

export function optionFormFigures(files: FormFile[]): FormFigures {
  const out: FormFigures = { questions: 0, longest: 0, shortest: 0, longestPickScore: 0, filesPassedByLongest: 0, files: [] };
  for (const f of files) {
    const fig: FileFigures = { file: f.file, questions: f.questions.length, longest: 0, shortest: 0, longestPickScore: 0 };
    for (const q of f.questions) {
      const s = shape(q).shape;
      if (s === 'longest') fig.longest += 1;
      if (s === 'shortest') fig.shortest += 1;
      fig.longestPickScore += longestPick(q);
    }
    out.questions += fig.questions;
    out.longest += fig.longest;
    out.shortest += fig.shortest;
    out.longestPickScore += fig.longestPickScore;
    if (fig.questions > 0 && fig.longestPickScore / fig.questions >= 0.8) out.filesPassedByLongest += 1;
    out.files.push(fig);
  }
  return out;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Every breach of the rule, with the questions that make it up. */
export function optionFormProblems(files: FormFile[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const figures = optionFormFigures(files);
  const libraryLongest = figures.questions > 0 && figures.longest / figures.questions > MAX_LONGEST_LIBRARY;
  const libraryShortest = figures.questions > 0 && figures.shortest / figures.questions > MAX_SHORTEST_LIBRARY;
  for (const f of files) {
    const fig = figures.files.find((x) => x.file === f.file)!;
    const fileLongest = fig.questions > 0 && fig.longest / fig.questions > MAX_LONGEST_FILE;
    if (fileLongest) {
      problems.push({
        file: f.file,
        field: '(file)',
        message: `the correct option is the longest in ${fig.longest} of ${fig.questions} questions (${pct(fig.longest / fig.questions)}; at most ${pct(MAX_LONGEST_FILE)} in one file)`,
      });
    }
    for (const q of f.questions) {
      const s = shape(q);
      if (s.shape === 'longest' && (fileLongest || libraryLongest)) {
        problems.push({ file: f.file, field: q.key, message: `the correct option is the longest (${s.key} chars vs ${s.other})` });
      }
      if (s.shape === 'shortest' && libraryShortest) {
        problems.push({ file: f.file, field: q.key, message: `the correct option is the shortest (${s.key} chars vs ${s.other})` });
      }
    }
  }
  if (libraryLongest) {
    problems.push({
      file: '(library)',
      field: 'quizzes',
      message: `the correct option is the longest in ${figures.longest} of ${figures.questions} questions (${pct(figures.longest / figures.questions)}; at most ${pct(MAX_LONGEST_LIBRARY)})`,
    });
  }
  if (libraryShortest) {
    problems.push({
      file: '(library)',
      field: 'quizzes',
      message: `the correct option is the shortest in ${figures.shortest} of ${figures.questions} questions (${pct(figures.shortest / figures.questions)}; at most ${pct(MAX_SHORTEST_LIBRARY)})`,
    });
  }
  return problems;
}
