/**
 * Closed months (结账): closing a month freezes its scorecards with the
 * versions used; reopening is an explicit, recorded act. Every write that
 * touches a month carries `journal` ops for it, which the adapter resolves
 * inside the write's own transaction: a change record is written only if the
 * month is closed at that moment, and becomes an adjustment line in the next
 * open month (see `score.ts`).
 *
 * Known limit: a write committed between the score `closeMonth` reads and its
 * own commit is in neither the snapshot nor the journal (the month was still
 * open). Closing is a manager's act on a finished month; the window is the
 * duration of one score.
 *
 * @module
 */
import type { JournalOp } from './adapter.js';
import { StoreError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { monthPeriod, newId, type StoreCore } from './internal.js';
import { requireActor } from './actor.js';
import { dateInZone, isMonth, lastDayOfMonth, monthOf, nowIso } from '@rulecard/dsl/calendar';
import type { Actor, ChangeRecord, PeriodRecord, StoredEvent } from './types.js';

/** One record a write touches, in one month. */
export interface Touch {
  month: string;
  kind: ChangeRecord['kind'];
  recordId: string;
  action: ChangeRecord['action'];
  consultant: string;
}

/** The touch of an event (by its day). */
export function eventTouch(ev: Pick<StoredEvent, 'id' | 'day' | 'consultant'>, action: Touch['action']): Touch {
  return { month: monthOf(ev.day), kind: 'event', recordId: ev.id, action, consultant: ev.consultant };
}

/** Journal ops for `touches` (one per month and record): the adapter writes those whose month is closed. */
export function journal(touches: readonly Touch[], by: string): JournalOp[] {
  const at = nowIso();
  const seen = new Set<string>();
  const ops: JournalOp[] = [];
  for (const t of touches) {
    const key = `${t.month}|${t.kind}|${t.recordId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const record: ChangeRecord = {
      id: newId('chg'),
      month: t.month,
      kind: t.kind,
      recordId: t.recordId,
      action: t.action,
      at,
      by,
      consultant: t.consultant,
    };
    ops.push({ kind: 'changes', op: 'journal', record });
  }
  return ops;
}

function requireMonth(month: string): void {
  if (!isMonth(month)) throw new StoreError('validation', { fields: [fieldError('month', 'month')] });
}

/** Whether a month may be closed now, and from which day (see {@link canCloseMonth}). */
export interface MonthClosable {
  month: string;
  /** Open and over (its last day has come in the store's time zone). */
  closable: boolean;
  /** The first day it may be closed: its last day. */
  from: string;
}

const NOT_OVER = {
  'zh-CN': '该月份尚未结束（最后一天起才能结账）',
  en: 'The month is not over yet (it can be closed from its last day on)',
};

/**
 * Whether `month` may be closed now: it is open, and over — closing is a
 * manager's act on a finished month, allowed from its last day on (in the
 * store's time zone). `closeMonth` refuses any other.
 */
export async function canCloseMonth(core: StoreCore, month: string): Promise<MonthClosable> {
  requireMonth(month);
  const existing = await core.adapter.get('periods', month);
  const from = lastDayOfMonth(month);
  return { month, closable: existing?.status !== 'closed' && dateInZone(core.clock(), core.timezone) >= from, from };
}

/** Freeze a month's scorecards (everyone's) with the versions used; `period-state` when it is closed or not over. */
export async function closeMonth(core: StoreCore, month: string, actor: Actor & { reason?: string }): Promise<PeriodRecord> {
  requireActor(actor);
  requireMonth(month);
  const existing = await core.adapter.get('periods', month);
  if (existing?.status === 'closed') throw new StoreError('period-state', { details: { month, status: 'closed' } });
  const from = lastDayOfMonth(month);
  if (dateInZone(core.clock(), core.timezone) < from) {
    throw new StoreError('period-state', { texts: NOT_OVER, details: { month, status: 'not-over', from } });
  }
  const period = monthPeriod(month);
  const result = await core.score({ all: true }, period);
  const at = nowIso();
  const record: PeriodRecord = {
    month,
    status: 'closed',
    snapshot: { closedAt: at, closedBy: actor.by, period, scorecards: result.scorecards, versions: result.versions },
    history: [...(existing?.history ?? []), { action: 'close', at, by: actor.by, ...(actor.reason ? { reason: actor.reason } : {}) }],
    rev: (existing?.rev ?? 0) + 1,
  };
  await core.adapter.commit([{ kind: 'periods', op: 'put', record, expectRev: existing ? existing.rev : null }]);
  return record;
}

/** Reopen a closed month; the retired snapshot is kept in its history. */
export async function reopenMonth(core: StoreCore, month: string, actor: Actor & { reason: string }): Promise<PeriodRecord> {
  requireActor(actor);
  requireMonth(month);
  if (typeof actor.reason !== 'string' || !actor.reason.trim()) {
    throw new StoreError('validation', { fields: [fieldError('reason', 'required')] });
  }
  const existing = await core.adapter.get('periods', month);
  if (!existing || existing.status !== 'closed') throw new StoreError('period-state', { details: { month, status: 'open' } });
  const record: PeriodRecord = {
    month,
    status: 'open',
    history: [
      ...existing.history,
      {
        action: 'reopen',
        at: nowIso(),
        by: actor.by,
        reason: actor.reason,
        ...(existing.snapshot ? { snapshot: existing.snapshot } : {}),
      },
    ],
    rev: existing.rev + 1,
  };
  await core.adapter.commit([{ kind: 'periods', op: 'put', record, expectRev: existing.rev }]);
  return record;
}
