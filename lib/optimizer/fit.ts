import { createRequire } from 'node:module';
import { hasLongTermReview, type TrainingItem } from './items';

/** Fewer reviews than this give parameters no better than the defaults. */
export const MIN_REVIEWS = 400;

interface Binding {
  FSRSBindingItem: new (reviews: unknown[]) => unknown;
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
  FSRSBinding: new (parameters?: number[]) => { evaluate(items: unknown[]): { logLoss: number; rmseBins: number } };
  computeParameters(
    items: unknown[],
    options: { enableShortTerm: boolean; numRelearningSteps?: number; progress?: (current: number, total: number) => boolean | void; timeout?: number },
  ): Promise<number[]>;
}

let cached: Binding | null | undefined;

/**
 * The native FSRS optimizer (fsrs-rs through napi). We depend on the linux-x64 build
 * directly because the wrapper package cannot be installed from this registry; elsewhere
 * it is missing and the optimizer says so instead of failing.
 */
export function loadOptimizer(): Binding | null {
  if (cached !== undefined) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = require('@open-spaced-repetition/binding-linux-x64-gnu') as Binding;
  } catch {
    cached = null;
  }
  return cached;
}

export const OPTIMIZER_MISSING =
  'The parameter optimizer is not available on this server (it ships for Linux x64 only). Your reviews use the default FSRS parameters.';

export interface FitResult {
  params: number[];
  logLossDefault: number;
  logLossFitted: number;
  rmseDefault: number;
  rmseFitted: number;
  items: number;
}

function toBinding(b: Binding, items: TrainingItem[]): unknown[] {
  return items.map((i) => new b.FSRSBindingItem(i.reviews.map(([r, dt]) => new b.FSRSBindingReview(r, dt))));
}

/** Log loss and RMSE of a parameter set on the learner's own items (default parameters when none). */
export function evaluate(items: TrainingItem[], params?: number[]): { logLoss: number; rmseBins: number } {
  const b = loadOptimizer();
  if (!b) throw new Error(OPTIMIZER_MISSING);
  return new b.FSRSBinding(params).evaluate(toBinding(b, items.filter(hasLongTermReview)));
}

/** Fits the 21 FSRS-6 parameters to the items and compares them with the defaults on the same items. */
export async function fitParameters(
  items: TrainingItem[],
  options: { relearningSteps: number; onProgress?: (fraction: number) => void },
): Promise<FitResult> {
  const b = loadOptimizer();
  if (!b) throw new Error(OPTIMIZER_MISSING);
  const train = items.filter(hasLongTermReview);
  // The native calls take ownership of the items they are given: build a fresh set for each.
  const params = await b.computeParameters(toBinding(b, train), {
    enableShortTerm: true,
    numRelearningSteps: options.relearningSteps,
    progress: (current, total) => {
      options.onProgress?.(total > 0 ? current / total : 0);
    },
  });
  const fitted = new b.FSRSBinding(params).evaluate(toBinding(b, train));
  const defaults = new b.FSRSBinding().evaluate(toBinding(b, train));
  return {
    params,
    logLossDefault: defaults.logLoss,
    logLossFitted: fitted.logLoss,
    rmseDefault: defaults.rmseBins,
    rmseFitted: fitted.rmseBins,
    items: train.length,
  };
}
