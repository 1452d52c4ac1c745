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
import type { CompiledRulebook, EvaluateInput, Scorecards, Warning } from './types.js';
import { evaluateV1 } from './evaluate/index.js';
import { evaluateV2 } from './evaluate/v2/index.js';
import type { EvaluateOptions } from './evaluate/as-of.js';
import { watchData } from './evaluate/v2/data-warnings.js';

/**
 * Scores a program of either version. A version-1 scorecard gets the data
 * warnings of LANGUAGE.md §9.13 too (`unused-event-type`,
 * `where-type-mismatch`), after version 1's own.
 */
/** `options.asOf` (LANGUAGE.md §9.16): lines of windows not ended by then that could still change are projected. */
export function evaluate(rulebook: CompiledRulebook | ProgramV2, input: EvaluateInput, options?: EvaluateOptions): Scorecards {
  if (rulebook.format === 'rulecard/2') return evaluateV2(rulebook, input, options);
  let dataWarnings: () => Warning[] = () => [];
  const format: unknown = rulebook.format;
  if (format !== undefined && format !== 'rulecard/1') throw new RangeError(`evaluate: cannot score a ${String(format)} program`);
  const cards = evaluateV1(
    rulebook as CompiledRulebook,
    input,
    (registry, { starts }) => {
      dataWarnings = watchData(registry, rulebook, input.period, starts[0], starts[starts.length - 1]);
    },
    options,
  );
  cards.warnings.push(...dataWarnings());
  return cards;
}

export { evaluateV2 };
export { lookbackFrom, MAX_LOOKBACK_DAYS } from './evaluate/v2/setup.js';
export { firings, ratioFirings } from './evaluate/compare.js';
export type { Calendar } from './calendar.js';
