/**
 * Formatting for display only. Money is integer fen and points integer
 * centipoints everywhere else; these functions are the one place they become
 * yuan and points text (and typed yuan becomes fen).
 */
import { decimalToHundredths, yuanToFen } from '@rulecard/dsl/money';
import { messagesOf, type Locale } from './i18n.js';
import { sharedCatalog } from './messages/index.js';
import { flagName, labelsOf, ruleName } from './labels.js';

/**
 * `Intl` formatters are costly to build (tens of microseconds each) and a
 * scorecard formats hundreds of numbers per render: one per locale and options.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

const tag = (locale: Locale): string => (locale === 'en' ? 'en-US' : 'zh-CN');

function moneyFormat(locale: Locale, signed: boolean): Intl.NumberFormat {
  return cached(
    `money|${locale}|${signed}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: signed ? 'exceptZero' : 'auto',
      }),
  );
}

/** Integer fen → `¥1,234.50` (`signed`: `+¥5.00` / `-¥5.00`). */
export function formatFen(fen: number, locale: Locale, signed = false): string {
  return moneyFormat(locale, signed).format(Math.round(fen) / 100);
}

/** Integer fen → the yuan amount without a currency sign: `1,234.50` (`signed`: `+5.00` / `-5.00`). */
export function formatFenAmount(fen: number, locale: Locale, signed = false): string {
  return cached(
    `amount|${locale}|${signed}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: signed ? 'exceptZero' : 'auto',
      }),
  ).format(Math.round(fen) / 100);
}

/** Yuan exact to the fen (an event's `amount`, as `RuleEvent.amount` is written) → text, through the language's `yuanToFen`. */
export function formatYuan(yuan: number, locale: Locale, signed = false): string {
  return formatFen(yuanToFen(yuan), locale, signed);
}

/** Parses text typed as yuan (`1234.5`, `1,234.50`, `¥12`) into integer fen; `null` when it is not a money amount. */
export function parseYuanToFen(text: string): number | null {
  const t = text.replace(/[¥￥,\s]/g, '');
  return t.startsWith('+') ? null : (decimalToHundredths(t) ?? null);
}

/** Points with an explicit sign: `+6`, `-12`, `0`. */
export function formatPoints(points: number, locale: Locale): string {
  return cached(
    `points|${locale}`,
    () => new Intl.NumberFormat(tag(locale), { signDisplay: 'exceptZero', maximumFractionDigits: 2 }),
  ).format(points);
}

/** Integer centipoints (hundredths of a point, as ledgers carry them) → `+6`, `-12.5`, `0`. */
export function formatCentipoints(centipoints: number, locale: Locale): string {
  return formatPoints(centipoints / 100, locale);
}

/** A window name from the evaluator (`2026-11-03`, `2026-W45`, `2026-11`) → `2026年11月3日` / `3 November 2026`… Unknown shapes are returned as is. */
export function formatWindow(window: string, locale: Locale): string {
  const w = messagesOf(sharedCatalog, locale).window;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(window);
  if (m) return w.day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-W(\d{2})$/.exec(window);
  if (m) return w.week(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})$/.exec(window);
  if (m) return w.month(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(window);
  if (m) return w.quarter(Number(m[1]), Number(m[2]));
  if (/^\d{4}$/.test(window)) return w.year(Number(window));
  return window;
}

/** A calendar day `2026-11-03` → its short name without the year: `11月3日` / `Nov 3` (a chart's axis). */
export function formatDayShort(day: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const midnight = new Date(`${day}T00:00:00Z`);
  const format = cached(
    `dayShort|${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' }),
  );
  return format.format(midnight);
}

/** An ISO instant → local date and time, e.g. `2026/11/3 14:05` / `11/3/2026, 2:05 PM`. */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const format = cached(
    `datetime|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
      }),
  );
  return format.format(d);
}

/** Masks a phone number outside the form (保密规范): `13812345678` → `138****5678`. Other contacts keep their first and last 2 characters. */
export function maskContact(contact: string): string {
  const digits = contact.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (contact.length <= 4) return '*'.repeat(contact.length);
  return `${contact.slice(0, 2)}${'*'.repeat(Math.min(contact.length - 4, 6))}${contact.slice(-2)}`;
}

/** A flag's label in the user's language (known flags of the clinic rulebook), else its id as words; `title` is the id. */
export function flagLabel(flag: string, locale: Locale): { text: string; title: string } {
  return flagName(flag, messagesOf(sharedCatalog, locale).flagLabels);
}

/** A rule's name from one label (and its English one): `ruleName` of `labels.ts`. */
export function ruleLabel(id: string, label: string | undefined, locale: Locale, en?: string): { text: string; title?: string } {
  return ruleName(id, labelsOf(label, en), locale);
}

/** A percentage's number, up to two decimals (`12.5`), in the user's language. */
export function formatPercent(value: number, locale: Locale): string {
  return cached(`percent|${locale}`, () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 })).format(value);
}
