/**
 * @rulecard/dsl — the rulebook language: compile text to a plain-JSON
 * program, evaluate it over events.
 *
 * @example
 * ```ts
 * import { compile, evaluate } from '@rulecard/dsl';
 * const { rulebook, diagnostics } = compile('rude_attitude: -8 per; >2 => personal -12, team -12', { locale: 'en' });
 * if (rulebook) {
 *   const cards = evaluate(rulebook, { events, roster, period: { from: '2026-11-01', to: '2026-11-30' } });
 * }
 * ```
 */
export * from './types.js';
export { compile, clearStatementCache, RULEBOOK_LIMITS } from './compile.js';
export { evaluate } from './evaluate-v2.js';
export type { EvaluateOptions } from './evaluate/as-of.js';
export type * as v2 from './program.js';
export {
  runExamples,
  checkRulebook,
  checkWithRoster,
  exampleEvents,
  examplePeriod,
  exampleRoster,
  type CheckResult,
  type ExampleResult,
  type ExampleRun,
  type ExpectationResult,
} from './examples.js';
export { featuresOf, evaluationOrder, dependencies, gateCycles, phaseOf, type Feature, type FeatureUse } from './plan.js';
export { KEYWORDS, PHRASES, tokenize, type KeywordSpec, type HighlightToken, type TokenKind } from './tokens.js';
export { MESSAGES, message, type MessageCode } from './messages.js';
export { WARNINGS, warningText, type WarningCode } from './warnings.js';
export { formatFen } from './money.js';
export { windowsOf, windowKey } from './calendar.js';
export {
  checkEvents,
  checkRoster,
  checkPeriod,
  inputProblemText,
  LIMITS,
  type InputProblem,
  type InputProblemCode,
  type InputRecord,
} from './input.js';
