/**
 * The data `evaluate` scores, checked before scoring: events, a roster (v1,
 * and the v2 fields of LANGUAGE.md §9.1) and a period. Every problem names
 * its record and field with a stable code; `inputProblemText` words it in
 * zh-CN or en. `rulecard score` scores nothing when there is one (exit 1).
 *
 * The rules (and the limits in `LIMITS`):
 * - an event is `{ id, type, consultant, at, amount?, attrs? }` and nothing
 *   else; `id`, `type`, `consultant` non-empty strings, ids unique; `at` an
 *   instant as `parseInstant` reads it (ISO 8601 with `Z` or `±HH:MM`, every
 *   field range-checked); `amount` a finite number of yuan, |amount| ≤
 *   `LIMITS.amountYuan`, rounded half away from zero to the fen when it has
 *   more decimals; `attrs` an object of strings, numbers and booleans;
 * - a roster is `{ teams, members? }`: team ids unique, a team lists a
 *   member once, its `lead` is one of its members or on `members`; people on
 *   `members` have unique ids, `joined`/`left` dates (or null, `left` not
 *   before `joined`), `pay` yuan per month (0 … `LIMITS.amountYuan`, at most
 *   two decimals), `targets` finite numbers; unknown fields are errors;
 * - `__proto__` is never an id or a key (it would become a prototype in the
 *   JavaScript that reads the output); `constructor`, `toString` … are fine.
 */
import { decimalToHundredths, MAX_AMOUNT_YUAN } from './money.js';
import { daysBetween, isDate, MAX_PERIOD_DAYS, parseInstant } from './calendar.js';
import type { Locale, Roster, RuleEvent } from './types.js';

/** The limits on what is scored. */
export const LIMITS = {
  /** Longest period, in days: a year, a leap year too (`evaluate` throws past it). */
  periodDays: MAX_PERIOD_DAYS,
  /** Largest |amount| of an event, and largest pay item, in yuan. */
  amountYuan: MAX_AMOUNT_YUAN,
  /** Events in one run of `rulecard score`. */
  events: 2_000_000,
  /** Size of an events file (JSON or NDJSON). */
  eventsFileBytes: 256 * 1024 * 1024,
  /** Size of a roster file. */
  rosterFileBytes: 32 * 1024 * 1024,
  /** Distinct people on a roster (team members and `members`). */
  people: 5_000,
} as const;

export type InputProblemCode =
  | 'bad-json'
  | 'not-object'
  | 'required-string'
  | 'string'
  | 'bad-instant'
  | 'bad-amount'
  | 'amount-range'
  | 'attr-value'
  | 'unknown-field'
  | 'duplicate-id'
  | 'reserved-id'
  | 'roster-shape'
  | 'list'
  | 'members-list'
  | 'duplicate-team'
  | 'duplicate-member'
  | 'duplicate-person'
  | 'unknown-lead'
  | 'bad-date'
  | 'left-before-joined'
  | 'object'
  | 'pay-value'
  | 'target-value'
  | 'too-many-people';

export interface InputProblem {
  /** An event's index in the input, or a roster record: `teams[1]`, `members[0]`, `*` (the whole roster). */
  record: number | string;
  /** The event's line in an NDJSON file (1-based). */
  line?: number;
  /** The field: `at`, `attrs.channel`, `members[2]`, `pay.bonus`, `*` (the record itself). */
  field: string;
  code: InputProblemCode;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const TEXTS: Record<InputProblemCode, Record<Locale, Text>> = {
  'bad-json': { 'zh-CN': () => '不是有效的 JSON', en: () => 'not valid JSON' },
  'not-object': { 'zh-CN': () => '不是对象', en: () => 'not an object' },
  'required-string': { 'zh-CN': () => '必填,应为非空字符串', en: () => 'required, a non-empty string' },
  string: { 'zh-CN': () => '应为字符串', en: () => 'must be a string' },
  'bad-instant': {
    'zh-CN': (p) =>
      `应为带时区的 ISO 8601 时间:YYYY-MM-DDTHH:MM[:SS[.fff]] 加 Z 或 ±HH:MM,日期和时间真实有效,年份 1000–9999(实际为 ${p.got})`,
    en: (p) =>
      `must be ISO 8601 with an offset: YYYY-MM-DDTHH:MM[:SS[.fff]] then Z or ±HH:MM, a real date and time, year 1000–9999 (got ${p.got})`,
  },
  'bad-amount': { 'zh-CN': () => '应为数字(元)', en: () => 'must be a number (yuan)' },
  'amount-range': {
    'zh-CN': (p) => `绝对值不得超过 ${p.max} 元(实际为 ${p.got})`,
    en: (p) => `must be at most ${p.max} yuan either side of zero (got ${p.got})`,
  },
  'attr-value': { 'zh-CN': () => '应为字符串、数字或布尔值', en: () => 'must be a string, number or boolean' },
  'unknown-field': { 'zh-CN': () => '未知字段', en: () => 'unknown field' },
  'duplicate-id': { 'zh-CN': (p) => `id 重复(记录 ${p.first} 也是)`, en: (p) => `duplicate id (also record ${p.first})` },
  'reserved-id': {
    'zh-CN': () => '“__proto__” 不能用作 id 或字段名',
    en: () => '`__proto__` cannot be an id or a key',
  },
  'roster-shape': {
    'zh-CN': () => '应为 { "teams": [ { "id", "members": [...] } ], "members"?: [...] }',
    en: () => 'expected { "teams": [ { "id", "members": [...] } ], "members"?: [...] }',
  },
  list: { 'zh-CN': () => '应为列表', en: () => 'must be a list' },
  'members-list': { 'zh-CN': () => '应为成员 id(非空字符串)', en: () => 'must be a member id (a non-empty string)' },
  'duplicate-team': {
    'zh-CN': (p) => `小组 id ${p.id} 重复(teams[${p.first}] 也是)`,
    en: (p) => `duplicate team id ${p.id} (also teams[${p.first}])`,
  },
  'duplicate-member': {
    'zh-CN': (p) => `${p.id} 在本组列了两次(也在 members[${p.first}])`,
    en: (p) => `${p.id} is listed twice in this team (also members[${p.first}])`,
  },
  'duplicate-person': {
    'zh-CN': (p) => `人员 id ${p.id} 重复(members[${p.first}] 也是)`,
    en: (p) => `duplicate member id ${p.id} (also members[${p.first}])`,
  },
  'unknown-lead': {
    'zh-CN': (p) => `组长 ${p.id} 既不是本组成员,也不在 "members" 中`,
    en: (p) => `lead ${p.id} is neither a member of the team nor on "members"`,
  },
  'bad-date': { 'zh-CN': () => '应为日期 YYYY-MM-DD 或 null', en: () => 'must be a date YYYY-MM-DD or null' },
  'left-before-joined': { 'zh-CN': () => '"left" 早于 "joined"', en: () => '"left" is before "joined"' },
  object: { 'zh-CN': () => '应为对象', en: () => 'must be an object' },
  'pay-value': {
    'zh-CN': (p) => `应为每月金额(元):0 到 ${p.max},最多两位小数`,
    en: (p) => `must be yuan per month: 0 to ${p.max} with at most two decimals`,
  },
  'target-value': { 'zh-CN': (p) => `应为数字,绝对值不超过 ${p.max}`, en: (p) => `must be a number within ±${p.max}` },
  'too-many-people': { 'zh-CN': (p) => `人员超过 ${p.max} 人`, en: (p) => `more than ${p.max} people` },
};

/** A problem's text in a locale (without its record and field). */
export function inputProblemText(p: InputProblem, locale: Locale): string {
  return TEXTS[p.code][locale](p.params ?? {});
}

const RESERVED = '__proto__';
const EVENT_FIELDS = new Set(['id', 'type', 'consultant', 'at', 'amount', 'attrs']);
const TEAM_FIELDS = new Set(['id', 'name', 'members', 'lead']);
const MEMBER_FIELDS = new Set(['id', 'name', 'role', 'joined', 'left', 'pay', 'targets']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** An input record: its parsed JSON (`undefined` when the line was not JSON), its index, and its NDJSON line. */
export interface InputRecord {
  value: unknown;
  /** False when the line did not parse as JSON. */
  json?: boolean;
  index: number;
  line?: number;
}

/** Checks events; returns the good ones (when there is no problem, all of them) and every problem. */
export function checkEvents(records: Iterable<InputRecord>): { events: RuleEvent[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const events: RuleEvent[] = [];
  const seen = new Map<string, number>();
  for (const { value, json, index, line } of records) {
    const before = problems.length;
    const bad = (field: string, code: InputProblemCode, params?: Params) =>
      problems.push(line === undefined ? { record: index, field, code, params } : { record: index, line, field, code, params });
    if (json === false) {
      bad('*', 'bad-json');
      continue;
    }
    if (!isObject(value)) {
      bad('*', 'not-object');
      continue;
    }
    for (const f of ['id', 'type', 'consultant'] as const) {
      const v = value[f];
      if (!isId(v)) bad(f, 'required-string');
      else if (v === RESERVED) bad(f, 'reserved-id');
    }
    if (Number.isNaN(parseInstant(value.at))) bad('at', 'bad-instant', { got: JSON.stringify(value.at) ?? 'undefined' });
    const amount = value.amount;
    if (amount !== undefined) {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) bad('amount', 'bad-amount');
      else if (Math.abs(amount) > MAX_AMOUNT_YUAN) bad('amount', 'amount-range', { max: MAX_AMOUNT_YUAN, got: amount });
    }
    const attrs = value.attrs;
    if (attrs !== undefined) {
      if (!isObject(attrs)) bad('attrs', 'object');
      else
        for (const [k, v] of Object.entries(attrs)) {
          if (k === RESERVED) bad(`attrs.${k}`, 'reserved-id');
          else if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad(`attrs.${k}`, 'attr-value');
        }
    }
    for (const k of Object.keys(value)) if (!EVENT_FIELDS.has(k)) bad(k, k === RESERVED ? 'reserved-id' : 'unknown-field');
    if (typeof value.id === 'string') {
      const first = seen.get(value.id);
      if (first !== undefined) bad('id', 'duplicate-id', { first });
      else seen.set(value.id, index);
    }
    if (problems.length === before) events.push(value as unknown as RuleEvent);
  }
  return { events, problems };
}

/** Checks a roster (v1 or v2); `roster` is the input itself, typed, when there is no problem. */
export function checkRoster(value: unknown): { roster: Roster; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const bad = (record: string, field: string, code: InputProblemCode, params?: Params) => problems.push({ record, field, code, params });
  const roster = value as Roster;
  if (!isObject(value) || !Array.isArray(value.teams) || (value.members !== undefined && !Array.isArray(value.members))) {
    bad('*', '*', 'roster-shape');
    return { roster, problems };
  }
  for (const k of Object.keys(value)) if (k !== 'teams' && k !== 'members') bad('*', k, k === RESERVED ? 'reserved-id' : 'unknown-field');
  const people = new Set<string>();
  const id = (record: string, field: string, v: unknown, required = true): v is string => {
    if (v === undefined && !required) return false;
    if (!isId(v)) bad(record, field, 'required-string');
    else if (v === RESERVED) bad(record, field, 'reserved-id');
    else return true;
    return false;
  };
  const optionalString = (record: string, field: string, v: unknown) => {
    if (v !== undefined && typeof v !== 'string') bad(record, field, 'string');
  };
  /** Each object of a list as `prefix[i]`, its unknown fields reported; anything else reported as not an object. */
  const eachRecord = (
    list: unknown[],
    prefix: string,
    known: Set<string>,
    check: (r: Record<string, unknown>, record: string, i: number) => void,
  ) =>
    list.forEach((r, i) => {
      const record = `${prefix}[${i}]`;
      if (!isObject(r)) return void bad(record, '*', 'not-object');
      for (const k of Object.keys(r)) if (!known.has(k)) bad(record, k, k === RESERVED ? 'reserved-id' : 'unknown-field');
      check(r, record, i);
    });
  /** Notes `key` as first seen at `at` in `seen`, or reports it as a duplicate of the first. */
  const once = (seen: Map<string, number>, key: string, at: number, record: string, field: string, code: InputProblemCode) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, at);
    else bad(record, field, code, { id: key, first });
  };

  // people on `members` (v2)
  const listed = new Map<string, number>();
  eachRecord((value.members ?? []) as unknown[], 'members', MEMBER_FIELDS, (m, record, i) => {
    if (id(record, 'id', m.id)) {
      once(listed, m.id, i, record, 'id', 'duplicate-person');
      people.add(m.id);
    }
    optionalString(record, 'name', m.name);
    optionalString(record, 'role', m.role);
    for (const f of ['joined', 'left'] as const) if (m[f] !== undefined && m[f] !== null && !isDate(m[f])) bad(record, f, 'bad-date');
    if (isDate(m.joined) && isDate(m.left) && daysBetween(m.joined, m.left) < 0) bad(record, 'left', 'left-before-joined');
    for (const f of ['pay', 'targets'] as const) {
      const map = m[f];
      if (map === undefined) continue;
      if (!isObject(map)) {
        bad(record, f, 'object');
        continue;
      }
      for (const [k, v] of Object.entries(map)) {
        if (k === RESERVED) bad(record, `${f}.${k}`, 'reserved-id');
        else if (f === 'pay' ? !isPay(v) : !(typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_AMOUNT_YUAN))
          bad(record, `${f}.${k}`, f === 'pay' ? 'pay-value' : 'target-value', { max: MAX_AMOUNT_YUAN });
      }
    }
  });

  const teamIds = new Map<string, number>();
  eachRecord(value.teams as unknown[], 'teams', TEAM_FIELDS, (t, record, i) => {
    if (id(record, 'id', t.id)) once(teamIds, t.id, i, record, 'id', 'duplicate-team');
    optionalString(record, 'name', t.name);
    const inTeam = new Map<string, number>();
    if (!Array.isArray(t.members)) bad(record, 'members', 'list');
    else
      (t.members as unknown[]).forEach((member, j) => {
        const field = `members[${j}]`;
        if (!isId(member)) return void bad(record, field, 'members-list');
        if (member === RESERVED) return void bad(record, field, 'reserved-id');
        once(inTeam, member, j, record, field, 'duplicate-member');
        people.add(member);
      });
    if (id(record, 'lead', t.lead, false) && !inTeam.has(t.lead) && !listed.has(t.lead))
      bad(record, 'lead', 'unknown-lead', { id: t.lead });
  });
  if (people.size > LIMITS.people) bad('*', '*', 'too-many-people', { max: LIMITS.people });
  return { roster, problems };
}

/** Pay: yuan per month, 0 … the amount bound, at most two decimals. */
function isPay(v: unknown): boolean {
  return typeof v === 'number' && v >= 0 && v <= MAX_AMOUNT_YUAN && decimalToHundredths(String(v)) !== undefined;
}

/** Why a period cannot be scored, or undefined: `from`/`to` not dates, `from` after `to`, or longer than `LIMITS.periodDays`. */
export function checkPeriod(from: string, to: string): 'from' | 'to' | 'order' | 'too-long' | undefined {
  if (!isDate(from)) return 'from';
  if (!isDate(to)) return 'to';
  const days = daysBetween(from, to) + 1;
  if (days < 1) return 'order';
  return days > LIMITS.periodDays ? 'too-long' : undefined;
}
