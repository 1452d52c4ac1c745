/**
 * Call logs and score results as CSV (see `csv-core.ts` for the format).
 * Loaded on demand by the CSV methods of the store.
 *
 * @module
 */
import { decimalToHundredths, formatFen, pointsOf, yuanOf } from '@rulecard/dsl/money';
import { CALL_CHANNELS, CALL_LOG_FIELD_LABELS } from './call-log-rules.js';
import { toCsv, parseCsv, type CsvCell } from './csv-core.js';
import { type FieldError, type RecordError } from './errors.js';
import { fieldError } from './field-reasons.js';
import type { CallLog, CallLogFields, CallLogInput, ScoreResult } from './types.js';

export { toCsv, parseCsv, type CsvCell };

type Locale = 'zh-CN' | 'en';

/** The columns of a call-log CSV: every field of the form, but the contact kind (inferred again on import). */
const LOG_COLUMNS = (Object.keys(CALL_LOG_FIELD_LABELS) as (keyof CallLogFields | 'id')[]).filter((c) => c !== 'contactKind');

const FEE_LABEL = { 'zh-CN': '手术费用（元）', en: 'Surgery fee (yuan)' };
const EXTRA = {
  consultantName: { 'zh-CN': '咨询员姓名', en: 'Consultant name' },
  updatedAt: { 'zh-CN': '最后修改时间', en: 'Updated at' },
  updatedBy: { 'zh-CN': '最后修改人', en: 'Updated by' },
};
const YES = { 'zh-CN': '是', en: 'yes' };
const NO = { 'zh-CN': '否', en: 'no' };

function header(col: keyof CallLogFields | 'id', locale: Locale): string {
  return col === 'surgeryFeeFen' ? FEE_LABEL[locale] : CALL_LOG_FIELD_LABELS[col][locale];
}

/** Call logs as CSV (columns labelled in `locale`; the consultant's name after the id). */
export function callLogsToCsv(logs: CallLog[], names: Map<string, string>, locale: Locale): string {
  const head = LOG_COLUMNS.map((c) => header(c, locale));
  head.splice(4, 0, EXTRA.consultantName[locale]);
  head.push(EXTRA.updatedAt[locale], EXTRA.updatedBy[locale]);
  const rows: CsvCell[][] = [head];
  for (const log of logs) {
    const row: CsvCell[] = LOG_COLUMNS.map((c) => {
      const v = (log as unknown as Record<string, unknown>)[c];
      if (c === 'channel') return CALL_CHANNELS.find((ch) => ch.id === v)?.label[locale] ?? String(v);
      if (c === 'booked' || c === 'followUpPromised') return v ? YES[locale] : NO[locale];
      if (c === 'surgeryFeeFen') return typeof v === 'number' ? formatFen(v) : '';
      return v as CsvCell;
    });
    row.splice(4, 0, names.get(log.consultant) ?? '');
    row.push(log.updatedAt, log.updatedBy);
    rows.push(row);
  }
  return toCsv(rows);
}

/** Parse call-log CSV (either locale's headers) into inputs; rows are 1-based in errors. */
export function csvToCallLogInputs(text: string): { inputs: CallLogInput[]; errors: RecordError[] } {
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const errors: RecordError[] = [];
  if (rows.length === 0) return { inputs: [], errors };
  const byHeader = new Map<string, keyof CallLogFields | 'id'>();
  for (const c of LOG_COLUMNS) for (const l of ['zh-CN', 'en'] as const) byHeader.set(header(c, l), c);
  const cols = rows[0].map((h) => byHeader.get(h.trim()));
  const channelOf = new Map<string, string>();
  for (const ch of CALL_CHANNELS) for (const v of [ch.id, ch.label['zh-CN'], ch.label.en]) channelOf.set(v, ch.id);
  const inputs: CallLogInput[] = [];
  rows.slice(1).forEach((row, i) => {
    const rec: Record<string, unknown> = {};
    const fields: FieldError[] = [];
    cols.forEach((col, j) => {
      if (!col) return;
      const raw = (row[j] ?? '').trim();
      if (raw === '') return;
      if (col === 'channel') rec.channel = channelOf.get(raw) ?? raw;
      else if (col === 'booked' || col === 'followUpPromised') {
        const v = raw.toLowerCase();
        if (['是', 'yes', 'true', 'y', '1'].includes(v)) rec[col] = true;
        else if (['否', 'no', 'false', 'n', '0'].includes(v)) rec[col] = false;
        else fields.push(fieldError(col, 'type'));
      } else if (col === 'age') rec.age = /^\d+$/.test(raw) ? Number(raw) : raw;
      else if (col === 'surgeryFeeFen') {
        const fen = /^\d+(\.\d{1,2})?$/.test(raw) ? decimalToHundredths(raw) : undefined;
        if (fen === undefined || !Number.isSafeInteger(fen)) fields.push(fieldError('surgeryFeeFen', 'fen'));
        else rec.surgeryFeeFen = fen;
      } else rec[col] = raw;
    });
    if (rec.booked === undefined && !fields.some((f) => f.field === 'booked')) rec.booked = false;
    if (rec.followUpPromised === undefined && !fields.some((f) => f.field === 'followUpPromised')) rec.followUpPromised = false;
    if (fields.length) errors.push({ kind: 'callLog', index: i + 1, id: rec.id as string | undefined, fields });
    inputs.push(rec as unknown as CallLogInput);
  });
  return { inputs, errors };
}

const SCORE_HEAD = {
  'zh-CN': ['类型', '编号', '姓名/小组', '规则', '说明', '窗口', '次数', '分', '金额（元）', '标记', '事件'],
  en: ['Kind', 'ID', 'Name', 'Rule', 'Label', 'Window', 'Count', 'Points', 'Money (yuan)', 'Flags', 'Events'],
};

/** A score result as CSV: a total row per ledger followed by its lines. */
export function scoreToCsv(result: ScoreResult, names: Map<string, string>, locale: Locale): string {
  const rows: CsvCell[][] = [SCORE_HEAD[locale]];
  const kinds = [
    ['consultants', locale === 'zh-CN' ? '个人' : 'Consultant'],
    ['teams', locale === 'zh-CN' ? '集体' : 'Team'],
  ] as const;
  const total = locale === 'zh-CN' ? '合计' : 'Total';
  for (const [key, label] of kinds) {
    for (const [id, ledger] of Object.entries(result.scorecards[key])) {
      rows.push([
        label,
        id,
        names.get(id) ?? '',
        total,
        '',
        `${result.period.from}~${result.period.to}`,
        '',
        pointsOf(ledger.centipoints),
        yuanOf(ledger.fen),
        // Payroll pays ended windows only: a projected line (scored with `asOf`) is neither a row nor a flag here.
        ledger.flags.filter((f) => ledger.lines.some((l) => l.flag === f && !l.projected)).join(' '),
        '',
      ]);
      for (const l of ledger.lines) {
        if (l.projected) continue;
        rows.push([
          label,
          id,
          names.get(id) ?? '',
          l.rule,
          l.label ?? '',
          l.window ?? '',
          l.count,
          pointsOf(l.centipoints),
          yuanOf(l.fen),
          l.flag ?? '',
          l.events.join(' '),
        ]);
      }
    }
  }
  return toCsv(rows);
}
