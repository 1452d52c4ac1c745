/**
 * Events derived from call logs. A log's derived events are a pure function
 * of the log (and, for a pending follow-up, of the clock); they are replaced
 * — never duplicated — whenever the log is written. Ids are
 * `${logId}~${type}`, so a rulebook line's event ids point back at the log.
 *
 * Storage: the types that always fall on the log's own day
 * (`consultation`, `call_not_fully_registered`, `booking`:
 * {@link ON_READ_TYPES}) are computed when the log is read — every read of a
 * consultant's days reads their logs anyway — so an import of 10,000 logs
 * writes ~12,000 records instead of ~25,000. The others (`follow_up_overdue`,
 * `visit`, `surgery`) can fall on another day or month than the log and are
 * stored in the events store, indexed by their own day.
 *
 * @module
 */
import { yuanOf } from '@rulecard/dsl/money';
import { FOLLOW_UP_MINUTES, mediumOf, missingRegistrationFields } from './call-log-basics.js';
import { addMinutes, dayOf, minutesBetween, parseInstant } from '@rulecard/dsl/calendar';
import type { DERIVED_TYPES } from './line-rules.js';
import type { CallLog, LocalizedText, StoredEvent } from './types.js';

/**
 * The event types the store derives from call logs, for rulebook authors to
 * bind rules to (`rule_id on booking where medium = "phone": …`).
 * Every derived event has `attrs.channel` (a {@link CallChannel}),
 * `attrs.medium` (`phone` | `online` | `walk_in`); `sourceId` is the log id.
 */
export const DERIVED_EVENT_TYPES = {
  consultation: {
    label: { 'zh-CN': '咨询登记', en: 'Consultation registered' },
    meaning: {
      'zh-CN': '每条登记表一个事件，时间为咨询时间（用于统计咨询量与转化率）',
      en: 'One per call log, at the consultation time (volume, conversion ratios)',
    },
  },
  call_not_fully_registered: {
    label: { 'zh-CN': '咨询未详细登记', en: 'Consultation not fully registered' },
    meaning: {
      'zh-CN':
        '登记表缺少必填项（姓名、联系方式、年龄、地区、来源、项目、内容、答复；已预约时还有预约时间和专家）；attrs.missing 列出缺少的字段，attrs.missingCount 为个数',
      en: 'The log misses registration fields (name, contact, age, region, source, project, question, answer; booking time and expert when booked); attrs.missing lists them, attrs.missingCount counts them',
    },
  },
  follow_up_overdue: {
    label: { 'zh-CN': '回访超时', en: 'Follow-up overdue' },
    meaning: {
      'zh-CN': '承诺的回访未在咨询后 30 分钟内完成；时间为截止时刻；attrs.done 是否已回访，attrs.minutes 为超时分钟数（已回访时）',
      en: 'A promised follow-up not done within 30 minutes of the consultation; at the deadline; attrs.done, attrs.minutes late (when done)',
    },
  },
  booking: {
    label: { 'zh-CN': '预约', en: 'Booking' },
    meaning: {
      'zh-CN': '登记表标记已预约；时间为咨询时间；attrs.expert 预约专家',
      en: 'The log is marked booked; at the consultation time; attrs.expert',
    },
  },
  visit: {
    label: { 'zh-CN': '到院', en: 'Visit' },
    meaning: {
      'zh-CN': '顾客到院挂号就诊；时间为到院时间；attrs.booked 是否曾预约',
      en: 'The customer came to the clinic; at the visit time; attrs.booked',
    },
  },
  surgery: {
    label: { 'zh-CN': '整形就诊', en: 'Surgery' },
    meaning: {
      'zh-CN': '手术收费；amount 为费用（元），用于“2% of amount”提成；时间为手术时间（缺省为到院时间）',
      en: 'A surgery fee; amount is the fee in yuan (for `2% of amount`); at the surgery time (default: the visit)',
    },
  },
} as const satisfies Record<(typeof DERIVED_TYPES)[number], { label: LocalizedText; meaning: LocalizedText }>;

export type DerivedEventType = keyof typeof DERIVED_EVENT_TYPES;

/** Derived types computed on read from the log (always on the log's day). */
export const ON_READ_TYPES: ReadonlySet<string> = new Set<DerivedEventType>(['consultation', 'call_not_fully_registered', 'booking']);

/** Which derived events: all, the stored ones, or the ones computed on read. */
export type DerivedSelection = 'all' | 'stored' | 'on-read';

/** `{ logId, type }` when `id` names a derived event. */
export function parseDerivedId(id: string): { logId: string; type: DerivedEventType } | undefined {
  const i = id.lastIndexOf('~');
  if (i <= 0) return undefined;
  const type = id.slice(i + 1);
  return type in DERIVED_EVENT_TYPES ? { logId: id.slice(0, i), type: type as DerivedEventType } : undefined;
}

export function derivedEventId(logId: string, type: DerivedEventType): string {
  return `${logId}~${type}`;
}

/** Every id a log's *stored* derived events can have (they are found by key, without an index). */
export function storedDerivedIds(logId: string): string[] {
  return (Object.keys(DERIVED_EVENT_TYPES) as DerivedEventType[]).filter((t) => !ON_READ_TYPES.has(t)).map((t) => derivedEventId(logId, t));
}

/** The events a log stands for, at the instant `now` (which decides pending follow-ups). */
export function deriveEvents(log: CallLog, options: { timezone: string; now: Date; select?: DerivedSelection }): StoredEvent[] {
  const tz = options.timezone;
  const select = options.select ?? 'all';
  const onRead = select !== 'stored';
  const stored = select !== 'on-read';
  const base = { channel: log.channel, medium: mediumOf(log.channel) };
  const out: StoredEvent[] = [];
  const make = (type: DerivedEventType, at: string, attrs: Record<string, string | number | boolean> = {}, amount?: number): void => {
    const ev: StoredEvent = {
      id: derivedEventId(log.id, type),
      type,
      consultant: log.consultant,
      at,
      attrs: { ...base, ...attrs },
      day: dayOf(at, tz),
      origin: 'call-log',
      sourceId: log.id,
      rev: log.rev,
      recordedBy: log.updatedBy,
      createdAt: log.createdAt,
      updatedAt: log.updatedAt,
    };
    if (amount !== undefined) ev.amount = amount;
    out.push(ev);
  };

  if (onRead) {
    make('consultation', log.at);
    const missing = missingRegistrationFields(log);
    if (missing.length) make('call_not_fully_registered', log.at, { missing: missing.join(','), missingCount: missing.length });
    if (log.booked) {
      const attrs: Record<string, string> = {};
      if (log.bookingExpert) attrs.expert = log.bookingExpert;
      if (log.bookingAt) attrs.bookingAt = log.bookingAt;
      make('booking', log.at, attrs);
    }
  }
  if (!stored) return out;

  if (log.followUpPromised) {
    const due = addMinutes(log.at, FOLLOW_UP_MINUTES, tz);
    if (log.followUpDoneAt) {
      const late = minutesBetween(due, log.followUpDoneAt);
      if (late > 0) make('follow_up_overdue', due, { done: true, minutes: Math.ceil(late) });
    } else if (options.now.getTime() >= parseInstant(due)) {
      make('follow_up_overdue', due, { done: false });
    }
  }

  if (log.visitedAt) make('visit', log.visitedAt, { booked: log.booked });
  if (log.surgeryFeeFen !== undefined && log.surgeryFeeFen > 0) {
    make('surgery', log.surgeryAt ?? log.visitedAt ?? log.at, {}, yuanOf(log.surgeryFeeFen));
  }
  return out;
}
