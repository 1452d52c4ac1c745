/**
 * Rule ids of the lines the store itself adds to ledgers, and the event types
 * behind them: small constants (also the subpath `@rulecard/store/line-rules`,
 * so an element can tell a correction line without loading the store; the
 * scoring itself is in `scoring.ts`, loaded by `score()`).
 *
 * @module
 */

/** The rule id of adjustment lines (changes to closed months). */
export const ADJUSTMENT_RULE = 'adjustment';
/**
 * Event type appeals (申诉) had before they became records of their own
 * (schema v3); reserved: the store converts such events and refuses new ones.
 */
export const APPEAL_TYPE = 'rulecard_appeal';
/**
 * Event type of the correction written with an accepted appeal (origin
 * `appeal`, id `<appealId>.correction`); also the rule id of its score line.
 * Reserved: only `decideAppeal` writes it.
 */
export const CORRECTION_TYPE = 'rulecard_correction';
/** The rule id of correction lines (accepted appeals): window = the correction's day, count 1, events = [correction, appealed events…]. */
export const CORRECTION_RULE = CORRECTION_TYPE;
