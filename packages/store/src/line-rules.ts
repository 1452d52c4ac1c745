/**
 * Rule ids of the lines the store itself adds to ledgers, and the event types
 * behind them (small constants, so the package entry does not load the
 * evaluator; the scoring itself is in `scoring.ts`, loaded by `score()`).
 *
 * @module
 */

/** The rule id of adjustment lines (changes to closed months). */
export const ADJUSTMENT_RULE = 'adjustment';
/** Event type of an appeal (申诉) the scorecard element records on a disputed line. */
export const APPEAL_TYPE = 'rulecard_appeal';
/** Event type of the correction recorded when an appeal is accepted; also the rule id of its score line. */
export const CORRECTION_TYPE = 'rulecard_correction';
/** The rule id of correction lines (accepted appeals): window = the correction's day, count 1, events = [correction, appealed events…]. */
export const CORRECTION_RULE = CORRECTION_TYPE;
