/**
 * Rule ids of the lines the store itself adds to ledgers, the event types
 * behind them, and how a correction event and a ledger's correction lines
 * read: small and pure (also the subpath `@rulecard/store/line-rules`, so an
 * element can tell a correction line without loading the store; the scoring
 * itself is in `scoring.ts`, loaded by `score()`).
 *
 * @module
 */
import type { ScoreLine } from '@rulecard/dsl';
import { toHundredths } from '@rulecard/dsl/money';
import type { StoredEvent } from './types.js';

/**
 * The event types the store derives from call logs (documented in `derive.ts`,
 * `DERIVED_EVENT_TYPES`): never recorded by hand.
 */
export const DERIVED_TYPES = ['consultation', 'call_not_fully_registered', 'follow_up_overdue', 'booking', 'visit', 'surgery'] as const;

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

/** A correction event (`rulecard_correction`) as it reads: the appealed line it reverses. */
export interface Correction {
  /** The correction event's id (`<appealId>.correction`). */
  id: string;
  consultant: string;
  /** The appeal it was written for ('' for a legacy correction without one). */
  appeal: string;
  /** The appealed line's rule, label ('' when none) and window ('' for a per-event line). */
  rule: string;
  label: string;
  window: string;
  /** What it adds to the ledger, in hundredths of a point and in fen (the appealed line's, reversed). */
  centipoints: number;
  fen: number;
}

type AttrValue = string | number | boolean | undefined;
const attrNumber = (v: AttrValue): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
};
const attrText = (v: AttrValue): string => (typeof v === 'string' ? v : '');

/** The appeal a correction event reverses (its `sourceId`, or `attrs.appeal` of a legacy correction). */
export function appealIdOf(ev: StoredEvent): string | undefined {
  if (ev.origin === 'appeal' && ev.sourceId) return ev.sourceId;
  const a = ev.attrs?.appeal;
  return typeof a === 'string' && a ? a : undefined;
}

/** A correction event read: `attrs.points` (exact to the hundredth) and `attrs.fen` as integers, the line it reverses. */
export function correctionOf(ev: StoredEvent): Correction {
  const a = ev.attrs ?? {};
  return {
    id: ev.id,
    consultant: ev.consultant,
    appeal: appealIdOf(ev) ?? '',
    rule: attrText(a.rule),
    label: attrText(a.label) || attrText(a.rule),
    window: attrText(a.window),
    centipoints: toHundredths(attrNumber(a.points)),
    fen: Math.round(attrNumber(a.fen)),
  };
}

/** A correction line of a ledger and its correction event (once the events are read). */
export interface CorrectionOnLedger {
  line: ScoreLine;
  /** The correction's id: the line's first event. */
  id: string;
  correction?: Correction;
}

/**
 * The correction lines among `lines`, each with its correction from
 * `corrections`, and the corrections that are not on the ledger: on a closed
 * month's frozen ledger, those accepted after it was closed — not in its
 * totals, counted in the next open month's `adjustment` line instead.
 */
export function correctionsOfLedger(
  lines: readonly ScoreLine[],
  corrections: readonly Correction[],
): { onLedger: CorrectionOnLedger[]; pending: Correction[] } {
  const byId = new Map(corrections.map((c) => [c.id, c]));
  const onLedger: CorrectionOnLedger[] = [];
  for (const line of lines) {
    if (line.rule !== CORRECTION_RULE) continue;
    const id = line.events[0] ?? '';
    onLedger.push({ line, id, correction: byId.get(id) });
    byId.delete(id);
  }
  return { onLedger, pending: [...byId.values()] };
}

/** What ties an appeal to a score line. */
type LineOfAppeal = { rule: string; window?: string; events: readonly string[] };

/** True when an appeal is about `line`: the same rule, window and events (in any order). */
export function isAppealOf(appeal: LineOfAppeal, line: LineOfAppeal): boolean {
  if (appeal.rule !== line.rule || (appeal.window ?? '') !== (line.window ?? '') || appeal.events.length !== line.events.length)
    return false;
  const ids = new Set(appeal.events);
  return line.events.every((id) => ids.has(id));
}
