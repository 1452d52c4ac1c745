/**
 * Appeals (申诉) and their corrections, kept as store events so they sync,
 * export and show in history like everything else:
 *
 * - `rulecard_appeal`: a consultant disputes one score line (`attrs.rule`,
 *   `attrs.window`, the line's points and fen, its event ids, the reason).
 *   Its `at` is the disputed line's last event, so it lives in the period it
 *   is about. A decision updates its attrs (`status`, `decision`, `decidedBy`,
 *   `decidedAt`); the store keeps the revision.
 * - `rulecard_correction`: recorded when an appeal is accepted; carries the
 *   reversing `points` and `fen`. The scorecard adds it as a correction line.
 */
import type { ScoreLine } from '@rulecard/dsl';
import type { RulecardStore, StoredEvent } from '@rulecard/store';
import { storeErrorOf } from '../shared/store.js';

export const APPEAL_TYPE = 'rulecard_appeal';
export const CORRECTION_TYPE = 'rulecard_correction';

export type AppealStatus = 'open' | 'accepted' | 'rejected';

export interface Appeal {
  id: string;
  rev: number;
  consultant: string;
  at: string;
  rule: string;
  label: string;
  window: string;
  points: number;
  fen: number;
  events: string[];
  reason: string;
  status: AppealStatus;
  openedBy: string;
  openedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decision?: string;
}

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

/** The key that ties an appeal to a score line. */
export function lineKey(consultant: string, rule: string, window: string | undefined): string {
  return `${consultant}|${rule}|${window ?? ''}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);

export function appealOf(ev: StoredEvent): Appeal {
  const a = ev.attrs ?? {};
  const status = a.status === 'accepted' || a.status === 'rejected' ? a.status : 'open';
  return {
    id: ev.id,
    rev: ev.rev,
    consultant: ev.consultant,
    at: ev.at,
    rule: str(a.rule),
    label: str(a.label) || str(a.rule),
    window: str(a.window),
    points: num(a.points),
    fen: num(a.fen),
    events: str(a.events).split(',').filter(Boolean),
    reason: str(a.reason),
    status,
    openedBy: str(a.openedBy) || ev.recordedBy,
    openedAt: str(a.openedAt) || ev.createdAt,
    decidedBy: a.decidedBy === undefined ? undefined : str(a.decidedBy),
    decidedAt: a.decidedAt === undefined ? undefined : str(a.decidedAt),
    decision: a.decision === undefined ? undefined : str(a.decision),
  };
}

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

/** Opens an appeal on `line` of `consultant`'s ledger. `at` is the line's last event instant. */
export async function openAppeal(
  store: RulecardStore,
  input: { consultant: string; line: ScoreLine; at: string; reason: string; by: string },
): Promise<Appeal> {
  const { line } = input;
  const ev = await store.recordEvent(
    {
      type: APPEAL_TYPE,
      consultant: input.consultant,
      at: input.at,
      attrs: {
        rule: line.rule,
        label: line.label ?? line.rule,
        window: line.window ?? '',
        points: line.points,
        fen: Math.round(line.money * 100),
        events: line.events.join(','),
        reason: input.reason,
        status: 'open',
        openedBy: input.by,
        openedAt: new Date().toISOString(),
      },
    },
    { by: input.by },
  );
  return appealOf(ev);
}

/** Accepts (recording the reversing correction first) or rejects an appeal. */
export async function decideAppeal(
  store: RulecardStore,
  appeal: Appeal,
  decision: { accept: boolean; reason: string; by: string },
): Promise<Appeal> {
  if (decision.accept) {
    try {
      await store.recordEvent(
        {
          id: `${appeal.id}.correction`,
          type: CORRECTION_TYPE,
          consultant: appeal.consultant,
          at: appeal.at,
          attrs: {
            appeal: appeal.id,
            rule: appeal.rule,
            label: appeal.label,
            window: appeal.window,
            points: -appeal.points,
            fen: -appeal.fen,
          },
          note: decision.reason,
        },
        { by: decision.by },
      );
    } catch (e) {
      if (!storeErrorOf(e, 'duplicate')) throw e; // a retry after a half-done decision
    }
  }
  const current = await store.getEvent(appeal.id);
  const ev = await store.updateEvent(
    appeal.id,
    {
      attrs: {
        ...(current?.attrs ?? {}),
        status: decision.accept ? 'accepted' : 'rejected',
        decision: decision.reason,
        decidedBy: decision.by,
        decidedAt: new Date().toISOString(),
      },
    },
    { by: decision.by, expectedRev: current?.rev ?? appeal.rev },
  );
  return appealOf(ev);
}
