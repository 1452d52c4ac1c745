/**
 * The scorecard's appeal (申诉) actions: a thin layer over the store's domain
 * methods. The store finds the appealed line in its own score, keeps its
 * points and fen, files it on the line's last event, and decides an appeal in
 * one commit with its correction; nothing here computes a domain rule.
 *
 * - {@link openAppeal} → `store.openAppeal`, {@link decideAppeal} →
 *   `store.decideAppeal` (checked against the revision shown: a decision made
 *   meanwhile in another tab comes back as a `conflict` error);
 * - {@link correctionOf}: how a correction event (`rulecard_correction`,
 *   written by the store) reads in the card.
 */
import type { Period, ScoreLine } from '@rulecard/dsl';
import type { Appeal, RulecardStore, StoredEvent } from '@rulecard/store';
import type { Role } from '../shared/context.js';

export type { Appeal, AppealStatus } from '@rulecard/store';
export { APPEAL_TYPE, CORRECTION_TYPE } from '@rulecard/store/line-rules';

/** A correction event as the card shows it (the line it reverses). */
export interface Correction {
  id: string;
  consultant: string;
  appeal: string;
  rule: string;
  label: string;
  window: string;
  points: number;
  fen: number;
}

/** The key that ties an appeal to a score line in the card. */
export function lineKey(consultant: string, rule: string, window: string | undefined): string {
  return `${consultant}|${rule}|${window ?? ''}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);

export function correctionOf(ev: StoredEvent): Correction {
  const a = ev.attrs ?? {};
  return {
    id: ev.id,
    consultant: ev.consultant,
    appeal: str(a.appeal),
    rule: str(a.rule),
    label: str(a.label) || str(a.rule),
    window: str(a.window),
    points: num(a.points),
    fen: num(a.fen),
  };
}

/** Appeals `line` of `consultant`'s ledger, as shown for `period`. */
export function openAppeal(
  store: RulecardStore,
  input: { consultant: string; line: ScoreLine; period?: Period; reason: string; by: string; role?: Role },
): Promise<Appeal> {
  const { line } = input;
  return store.openAppeal(
    {
      consultant: input.consultant,
      ...(input.period ? { period: input.period } : {}),
      line: { rule: line.rule, ...(line.window === undefined ? {} : { window: line.window }), events: line.events },
      reason: input.reason,
    },
    { by: input.by, ...(input.role ? { role: input.role } : {}) },
  );
}

/** Accepts or rejects `appeal` as shown (its revision). */
export function decideAppeal(
  store: RulecardStore,
  appeal: Appeal,
  decision: { accept: boolean; reason: string; by: string; role?: Role },
): Promise<Appeal> {
  return store.decideAppeal(
    appeal.id,
    { decision: decision.accept ? 'accept' : 'reject', ...(decision.reason ? { note: decision.reason } : {}), expectedRev: appeal.rev },
    { by: decision.by, ...(decision.role ? { role: decision.role } : {}) },
  );
}
