/**
 * `@rulecard/dsl/evaluate-v2`: the evaluator of both versions of the
 * language — `rulecard/1` programs by the version-1 pipeline, `rulecard/2`
 * ones (LANGUAGE.md §9) by `evaluate/v2/`. Apart from
 * `@rulecard/dsl/evaluate` (version 1 only) so that a scorecard of a
 * version-1 rulebook does not load version 2: a caller holding a
 * `rulecard/2` program imports this module (`await import(…)`). The CLI, the
 * examples and `@rulecard/dsl` use it.
 */
import type { CompiledRulebook as ProgramV2 } from './program.js';
import type { CompiledRulebook, EvaluateInput, Scorecards } from './types.js';
import { evaluate as evaluateV1 } from './evaluate/index.js';
import { evaluateV2 } from './evaluate/v2/index.js';

export function evaluate(rulebook: CompiledRulebook | ProgramV2, input: EvaluateInput): Scorecards {
  return rulebook.format === 'rulecard/2' ? evaluateV2(rulebook, input) : evaluateV1(rulebook, input);
}

export { evaluateV2 };
export { firings, ratioFirings } from './evaluate/compare.js';
export type { Calendar } from './calendar.js';
