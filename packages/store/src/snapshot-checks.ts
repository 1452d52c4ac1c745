/**
 * Validation of imported period records: a closed month's snapshot holds the
 * scorecards payroll was paid from, so an import checks it down to every
 * line (types, finite numbers, ids that are not reserved names) before the
 * scoring code ever reads it.
 *
 * @module
 */
import { isRecordId, isStoredId } from './call-log-rules.js';
import { type FieldError } from './errors.js';
import { fieldError } from './field-reasons.js';
import { isDate, isInstant, isMonth } from '@rulecard/dsl/calendar';

const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e12;
const strings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
const only = (r: Record<string, unknown>, keys: readonly string[]): boolean => Object.keys(r).every((k) => keys.includes(k));

// `pay`, `streak` (lines) and `gated` (ledgers): what a version-2 line says about itself (LANGUAGE.md §9.4, §9.6, §9.10)
const LINE_KEYS = ['rule', 'label', 'window', 'count', 'points', 'money', 'fen', 'centipoints', 'events', 'flag', 'range', 'pay', 'streak'];
const LEDGER_KEYS = ['points', 'money', 'fen', 'centipoints', 'flags', 'lines', 'gated'];
const PAY_KEYS = ['item', 'label', 'percent', 'daily', 'monthlyFen', 'baseFen', 'fen', 'times'];
const GATED_KEYS = ['rule', 'label', 'window', 'count', 'events', 'flags', 'by', 'range'];
const fen = (v: unknown): boolean => Number.isSafeInteger(v) && Math.abs(v as number) <= 1e14;

/** A pay-item share of a line: its item, share, amounts in fen. */
function payOk(p: unknown): boolean {
  return (
    obj(p) &&
    only(p, PAY_KEYS) &&
    typeof p.item === 'string' &&
    ['undefined', 'string'].includes(typeof p.label) &&
    (p.daily === undefined || p.daily === true) &&
    finite(p.percent) &&
    finite(p.times) &&
    fen(p.monthlyFen) &&
    fen(p.baseFen) &&
    fen(p.fen)
  );
}

/** A rule a closed gate kept from applying. */
function gatedOk(g: unknown): boolean {
  return (
    obj(g) &&
    only(g, GATED_KEYS) &&
    typeof g.rule === 'string' &&
    ['undefined', 'string'].includes(typeof g.label) &&
    typeof g.window === 'string' &&
    Number.isSafeInteger(g.count) &&
    Array.isArray(g.events) &&
    g.events.every(isStoredId) &&
    strings(g.flags) &&
    strings(g.by) &&
    (g.range === undefined || obj(g.range))
  );
}
/** The exact integers a ledger or line carries (absent in snapshots written before they existed). */
const integers = (r: Record<string, unknown>): boolean =>
  (r.fen === undefined || (Number.isSafeInteger(r.fen) && Math.abs(r.fen as number) <= 1e14)) &&
  (r.centipoints === undefined || (Number.isSafeInteger(r.centipoints) && Math.abs(r.centipoints as number) <= 1e14));

function lineOk(l: unknown): boolean {
  return (
    obj(l) &&
    only(l, LINE_KEYS) &&
    typeof l.rule === 'string' &&
    ['undefined', 'string'].includes(typeof l.label) &&
    ['undefined', 'string'].includes(typeof l.window) &&
    ['undefined', 'string'].includes(typeof l.flag) &&
    (l.range === undefined || obj(l.range)) &&
    typeof l.count === 'number' &&
    Number.isSafeInteger(l.count) &&
    finite(l.points) &&
    finite(l.money) &&
    integers(l) &&
    Array.isArray(l.events) &&
    l.events.every(isStoredId) &&
    (l.pay === undefined || (Array.isArray(l.pay) && l.pay.every(payOk))) &&
    (l.streak === undefined || strings(l.streak))
  );
}

function ledgersErrors(v: unknown, field: string): FieldError[] {
  if (!obj(v)) return [fieldError(field, 'type')];
  for (const [id, ledger] of Object.entries(v)) {
    if (!isRecordId(id)) return [fieldError(`${field}.${id}`, 'reserved-id')];
    if (
      !obj(ledger) ||
      !only(ledger, LEDGER_KEYS) ||
      !finite(ledger.points) ||
      !finite(ledger.money) ||
      !integers(ledger) ||
      !strings(ledger.flags)
    ) {
      return [fieldError(`${field}.${id}`, 'type')];
    }
    if (!Array.isArray(ledger.lines)) return [fieldError(`${field}.${id}.lines`, 'type')];
    const bad = ledger.lines.findIndex((l) => !lineOk(l));
    if (bad >= 0) return [fieldError(`${field}.${id}.lines[${bad}]`, 'type')];
    if (ledger.gated !== undefined && !(Array.isArray(ledger.gated) && ledger.gated.every(gatedOk)))
      return [fieldError(`${field}.${id}.gated`, 'type')];
  }
  return [];
}

function versionUseOk(u: unknown): boolean {
  return (
    obj(u) &&
    only(u, ['rulebookId', 'version', 'effectiveFrom', 'days', 'windows', 'draft']) &&
    isRecordId(u.rulebookId) &&
    typeof u.version === 'number' &&
    Number.isSafeInteger(u.version) &&
    isDate(u.effectiveFrom) &&
    (u.days === null || (obj(u.days) && isDate(u.days.from) && isDate(u.days.to))) &&
    strings(u.windows)
  );
}

/** Field errors of a snapshot (`field`: its path, e.g. `snapshot` or `history[0].snapshot`). */
export function snapshotErrors(s: unknown, field: string): FieldError[] {
  if (!obj(s) || !only(s, ['closedAt', 'closedBy', 'period', 'scorecards', 'versions'])) return [fieldError(field, 'type')];
  const f: FieldError[] = [];
  if (!isInstant(s.closedAt)) f.push(fieldError(`${field}.closedAt`, 'instant'));
  if (typeof s.closedBy !== 'string' || !s.closedBy) f.push(fieldError(`${field}.closedBy`, 'required'));
  if (!obj(s.period) || !isDate(s.period.from) || !isDate(s.period.to)) f.push(fieldError(`${field}.period`, 'date'));
  const sc = s.scorecards;
  if (!obj(sc) || !only(sc, ['consultants', 'teams', 'warnings']) || !Array.isArray(sc.warnings))
    f.push(fieldError(`${field}.scorecards`, 'type'));
  else f.push(...ledgersErrors(sc.consultants, `${field}.scorecards.consultants`), ...ledgersErrors(sc.teams, `${field}.scorecards.teams`));
  if (!Array.isArray(s.versions) || !s.versions.every(versionUseOk)) f.push(fieldError(`${field}.versions`, 'type'));
  return f;
}

/** Field errors of an imported period record. */
export function validatePeriod(r: Record<string, unknown>): FieldError[] {
  const f: FieldError[] = [];
  if (!isMonth(r.month)) f.push(fieldError('month', 'month'));
  if (r.status !== 'open' && r.status !== 'closed') f.push(fieldError('status', 'enum'));
  if (r.status === 'closed' && r.snapshot === undefined) f.push(fieldError('snapshot', 'required'));
  if (r.snapshot !== undefined) f.push(...snapshotErrors(r.snapshot, 'snapshot'));
  if (!Array.isArray(r.history)) f.push(fieldError('history', 'type'));
  else {
    r.history.forEach((h, i) => {
      if (!obj(h) || !only(h, ['action', 'at', 'by', 'reason', 'snapshot']) || (h.action !== 'close' && h.action !== 'reopen')) {
        f.push(fieldError(`history[${i}]`, 'type'));
      } else {
        if (!isInstant(h.at)) f.push(fieldError(`history[${i}].at`, 'instant'));
        if (typeof h.by !== 'string' || !h.by) f.push(fieldError(`history[${i}].by`, 'required'));
        if (h.reason !== undefined && typeof h.reason !== 'string') f.push(fieldError(`history[${i}].reason`, 'type'));
        if (h.snapshot !== undefined) f.push(...snapshotErrors(h.snapshot, `history[${i}].snapshot`));
      }
    });
  }
  if (typeof r.rev !== 'number' || !Number.isSafeInteger(r.rev) || r.rev < 1) f.push(fieldError('rev', 'type'));
  return f;
}
