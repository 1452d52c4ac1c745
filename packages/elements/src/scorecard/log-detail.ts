/**
 * The call-log entry behind a derived event, in people's words: when the
 * consultation was, with whom, and for `call_not_fully_registered` which
 * fields were left empty — "3日 14:05 张先生 · 未填 年龄、来源" /
 * "Dec 3 14:05 Mr Zhang · missing Age, Source".
 *
 * Loaded by the scorecard when an expanded line shows events derived from
 * call logs (their `sourceId`); the logs are read through the store's masked
 * reads (`getCallLog`: contacts masked, and no contact is shown here).
 */
import type { RulecardStore, StoredEvent } from '@rulecard/store';
import type { Locale } from '../shared/i18n.js';

const TEXT = {
  'zh-CN': { missing: '未填', join: '、', noName: '（未填姓名）' },
  en: { missing: 'missing', join: ', ', noName: '(no name)' },
} as const;

/** `3日 14:05` / `Dec 3 14:05`: the day of the month and the time, in the clinic's zone. */
function when(iso: string, locale: Locale, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
  const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', opts).format(d);
  const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    ...(locale === 'en' ? { month: 'short' } : {}),
    day: 'numeric',
    timeZone,
  }).format(d);
  return `${day} ${time}`;
}

/** The fields a `call_not_fully_registered` event names (`attrs.missing`), as the form labels them. */
export function missingFields(ev: StoredEvent, locale: Locale, labels: Record<string, Record<Locale, string> | undefined>): string[] {
  const missing = ev.attrs?.missing;
  if (typeof missing !== 'string' || !missing) return [];
  return missing.split(',').map((f) => labels[f]?.[locale] ?? f);
}

/** Event id → the entry behind it, for the derived events among `events` (logs read once each). */
export async function logDetails(
  store: RulecardStore,
  events: readonly StoredEvent[],
  locale: Locale,
  timeZone: string,
): Promise<Map<string, string>> {
  const t = TEXT[locale];
  // The store's own module (the chunk the element opens its store with): the form's field labels.
  const labels: Record<string, Record<Locale, string> | undefined> = (await import('@rulecard/store/call-log-rules')).CALL_LOG_FIELD_LABELS;
  const derived = events.filter((e) => e.sourceId);
  const ids = [...new Set(derived.map((e) => e.sourceId!))];
  const logs = new Map((await Promise.all(ids.map((id) => store.getCallLog(id)))).flatMap((log) => (log ? [[log.id, log] as const] : [])));
  const out = new Map<string, string>();
  for (const ev of derived) {
    const log = logs.get(ev.sourceId!);
    if (!log) continue;
    const fields = missingFields(ev, locale, labels);
    out.set(
      ev.id,
      `${when(log.at, locale, timeZone)} ${log.customerName || t.noName}${fields.length ? ` · ${t.missing} ${fields.join(t.join)}` : ''}`,
    );
  }
  return out;
}
