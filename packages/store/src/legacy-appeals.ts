/**
 * Appeals as the first releases kept them — generic events written by the
 * scorecard element — converted to {@link Appeal} records (schema v3
 * migration, and `importJson` of a file exported before v3):
 *
 * - a `rulecard_appeal` event (`attrs`: `rule`, `label`, `window`, `points`,
 *   `fen`, comma-joined `events`, `reason`, `status`, `openedBy`, `openedAt`,
 *   `decidedBy`, `decidedAt`, `decision`) becomes an appeal with the same id,
 *   consultant, instant and revision, and leaves the events;
 * - a `rulecard_correction` event whose `attrs.appeal` names one of them
 *   becomes that appeal's correction (origin `appeal`, `sourceId`), and the
 *   appeal is `accepted`: the correction is what payroll counted, whatever
 *   status a half-done two-step decision left on the appeal (the defect the
 *   typed appeals fix);
 * - a correction without an appeal on record stays as it is (still scored).
 *
 * @module
 */
import { CORRECTION_TYPE, APPEAL_TYPE } from './line-rules.js';
import type { Appeal, AppealStatus, StoredEvent } from './types.js';

export interface LegacyAppeals {
  appeals: Appeal[];
  /** Ids of the appeal events to remove from the events. */
  removed: string[];
  /** Correction events rewritten as their appeal's derived events. */
  corrections: StoredEvent[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const number = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
};

function appealOf(ev: StoredEvent): Appeal {
  const a = ev.attrs ?? {};
  const status: AppealStatus = a.status === 'accepted' || a.status === 'rejected' ? a.status : 'open';
  const appeal: Appeal = {
    id: ev.id,
    consultant: ev.consultant,
    at: ev.at,
    day: ev.day,
    rule: text(a.rule),
    label: text(a.label) || text(a.rule),
    points: number(a.points),
    fen: Math.round(number(a.fen)),
    events: text(a.events)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    reason: text(a.reason),
    status,
    openedBy: text(a.openedBy) || ev.recordedBy,
    openedAt: text(a.openedAt) || ev.createdAt,
    rev: ev.rev,
  };
  if (text(a.window)) appeal.window = text(a.window);
  if (text(a.decidedBy)) appeal.decidedBy = text(a.decidedBy);
  if (text(a.decidedAt)) appeal.decidedAt = text(a.decidedAt);
  if (text(a.decision)) appeal.note = text(a.decision);
  return appeal;
}

/** Convert the legacy appeal and correction events among `events` (see the module doc). */
export function convertLegacyAppeals(events: readonly StoredEvent[]): LegacyAppeals {
  const byId = new Map<string, Appeal>();
  for (const ev of events) if (ev.type === APPEAL_TYPE) byId.set(ev.id, appealOf(ev));
  const corrections: StoredEvent[] = [];
  for (const ev of events) {
    if (ev.type !== CORRECTION_TYPE || ev.origin === 'appeal') continue;
    const appeal = byId.get(text(ev.attrs?.appeal));
    if (!appeal) continue;
    appeal.correctionId = ev.id;
    if (appeal.status !== 'accepted') {
      appeal.status = 'accepted';
      appeal.decidedBy = appeal.decidedBy ?? ev.recordedBy;
      appeal.decidedAt = appeal.decidedAt ?? ev.createdAt;
    }
    corrections.push({ ...ev, origin: 'appeal', sourceId: appeal.id });
  }
  return { appeals: [...byId.values()], removed: [...byId.keys()], corrections };
}
