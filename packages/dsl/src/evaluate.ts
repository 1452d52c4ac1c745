/**
 * `@rulecard/dsl/evaluate`: the evaluator alone (what a scorecard bundles),
 * split by feature under `./evaluate/` — see evaluate/index.ts.
 */
export { evaluate } from './evaluate/index.js';
export { firings, ratioFirings } from './evaluate/compare.js';
export type { Calendar } from './calendar.js';
export type { EvaluateOptions } from './evaluate/as-of.js';
