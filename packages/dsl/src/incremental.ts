/**
 * `@rulecard/dsl/incremental`: scoring kept up to date one event at a time
 * (`createEvaluation`; see incremental/evaluation.ts). Loads the evaluator of
 * both versions (`@rulecard/dsl/evaluate-v2`).
 */
export { createEvaluation } from './incremental/evaluation.js';
export type { Evaluation, EvaluationInput, EvaluationStats } from './incremental/evaluation.js';
