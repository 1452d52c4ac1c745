/**
 * Hostile data for scoring (issue 14, items 8–12 and the period limit of
 * 17): the real `rulecard score` binary on each case — exit codes, and the
 * record and field named in both locales — and the API where it applies.
 */
import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRoster, evaluate, inputProblemText, LIMITS, type InputProblemCode, type Roster, type RuleEvent } from '../src/index.js';
import { cli, scratch } from './cli-helpers.js';
import { book, roster } from './helpers.js';

const { file } = scratch('rulecard-hostile-');
const RULES = file('canonical.rules', 'rude_attitude: -8 per; >2 => personal -12, team -12\n');
const SALES = file('sales.rules', 'surgery: 2% of amount\n');
const ROSTER = file('roster.json', JSON.stringify(roster));
const NOV = ['--from', '2026-11-01', '--to', '2026-11-30'];

let n = 0;
const rude = (consultant: string, at = '2026-11-09T09:00:00+08:00', extra: Record<string, unknown> = {}) => ({
  id: `h${++n}`,
  type: 'rude_attitude',
  consultant,
  at,
  ...extra,
});

/** `rulecard score` on events and a roster given as values (written to files), in a locale. */
async function score(events: unknown[] | string, rosterValue: unknown = roster, locale = 'en', rules = RULES, period = NOV) {
  const ev = file(`e${++n}.json`, typeof events === 'string' ? events : JSON.stringify(events));
  const ro = file(`r${++n}.json`, typeof rosterValue === 'string' ? rosterValue : JSON.stringify(rosterValue));
  return cli('score', rules, '--events', ev, '--roster', ro, ...period, '--json', '--locale', locale);
}

describe('8: timestamps are strict ISO 8601 with an offset, every field in range', () => {
  const bad = [
    '2026-11-03T-1:00:00+08:00', // hour −1: was read as Nov 1, 11:00 UTC
    '2026-11-0:T09:00:00+08:00', // day "0:": was read as Nov 10
    '0026-11-03T09:00:00+08:00', // year 0026: was 1926
    '0026-11-03T09:00:00.000Z', // year 0026 the other way: was 26
    '2026-11-03T09:00:00+0800',
    '2026-02-30T09:00:00Z',
    '2026-11-03T24:00:00Z',
    '2026-11-03T09:00:60+08:00',
  ];
  const events = [rude('li'), ...bad.map((at) => rude('li', at))];

  it('each bad `at` is named by record and field, exit 1, nothing scored (en)', async () => {
    const r = await score(events);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    bad.forEach((at, i) =>
      expect(r.err).toContain(`record ${i + 1}, field "at": must be ISO 8601 with an offset: YYYY-MM-DDTHH:MM[:SS[.fff]] then Z or ±HH:MM`),
    );
    expect(r.err).not.toContain('record 0,');
    expect(r.err).toContain(`${bad.length} bad event record(s); nothing scored`);
  });

  it('the same in Chinese, NDJSON lines named', async () => {
    const r = await score(events.map((e) => JSON.stringify(e)).join('\n'), roster, 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.err).toContain('第 2 行(记录 1), 字段 "at": 应为带时区的 ISO 8601 时间');
    expect(r.err).toContain(`${bad.length} 条事件记录有误,未计分`);
  });

  it('Z, offsets and fractions that are right are scored at their instant', async () => {
    const good = ['2026-11-09T01:00:00Z', '2026-11-09T09:30+08:00', '2026-11-08T20:00:00.5-05:00'].map((at) => rude('li', at));
    const r = await score(good);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).consultants.li.lines.map((l: { window: string; count: number }) => [l.window, l.count])).toEqual([
      ['2026-11-09', 3],
      ['2026-11-09', 1],
    ]);
  });
});

describe('9: `__proto__` never becomes a prototype; `constructor`, `toString`, `hasOwnProperty` are ids like any other', () => {
  it('the CLI rejects `__proto__` as a member, a team and an event consultant, naming record and field', async () => {
    const r = await score([rude('__proto__')], { teams: [{ id: '__proto__', members: ['li', '__proto__'] }] });
    expect(r.code).toBe(1);
    expect(r.err).toContain('teams[0], field "id": `__proto__` cannot be an id or a key');
    expect(r.err).toContain('teams[0], field "members[1]": `__proto__` cannot be an id or a key');
    expect(r.err).toContain('2 bad roster record(s); nothing scored');
    const e = await score([rude('li'), rude('__proto__')], roster, 'zh-CN');
    expect(e.code).toBe(1);
    expect(e.err).toContain('记录 1, 字段 "consultant": “__proto__” 不能用作 id 或字段名');
    const attrs = await score([rude('li', undefined, { attrs: JSON.parse('{"__proto__": "x"}') })]);
    expect(attrs.err).toContain('record 0, field "attrs.__proto__": `__proto__` cannot be an id or a key');
  });

  it('ids named after Object.prototype members score as themselves; a name nobody has reads nothing', async () => {
    const ids = ['constructor', 'toString', 'hasOwnProperty'];
    const r = await score([rude('toString')], {
      teams: [
        { id: 'constructor', members: ids },
        { id: 'valueOf', members: [] },
      ],
    });
    expect(r.code).toBe(0);
    const cards = JSON.parse(r.out);
    expect(Object.keys(cards.consultants)).toEqual(ids);
    expect(Object.keys(cards.teams)).toEqual(['constructor', 'valueOf']);
    expect([cards.consultants.toString.points, cards.consultants.constructor.points, cards.consultants.hasOwnProperty.points]).toEqual([
      -8, 0, 0,
    ]);
  });

  it('the API: result maps have no prototype, so `__proto__` is an own key and JSON keeps its ledger', () => {
    const out = evaluate(book('rude_attitude: -8 per'), {
      events: [rude('__proto__') as RuleEvent],
      roster: { teams: [{ id: 'net', members: ['__proto__', 'li'] }] },
      period: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect([Object.getPrototypeOf(out.consultants), Object.getPrototypeOf(out.teams)]).toEqual([null, null]);
    expect(Object.keys(out.consultants)).toEqual(['__proto__', 'li']);
    expect(Object.getOwnPropertyDescriptor(out.consultants, '__proto__')?.value.points).toBe(-8);
    expect(JSON.stringify(out.consultants).startsWith('{"__proto__":{"points":-8,')).toBe(true);
    // a consultant who is not there reads nothing (it used to read the −8 through the prototype)
    expect((out.consultants as Record<string, unknown>).points).toBe(undefined);
  });
});

describe('10: duplicate teams, and a member twice in a team, are bad rosters', () => {
  it('duplicate team ids are named (exit 1), in both locales', async () => {
    const teams = { teams: [...roster.teams, { id: 'net', members: ['zz'] }] };
    const en = await score([rude('li')], teams);
    expect(en.code).toBe(1);
    expect(en.err).toContain('teams[2], field "id": duplicate team id net (also teams[0])');
    const zh = await score([rude('li')], teams, 'zh-CN');
    expect(zh.err).toContain('teams[2], 字段 "id": 小组 id net 重复(teams[0] 也是)');
    expect(zh.err).toContain('名单有 1 处错误,未计分');
  });

  it('a member listed twice in one team is named; one member in two teams stays valid', async () => {
    const r = await score([rude('li')], { teams: [{ id: 'net', members: ['li', 'wang', 'li'] }] });
    expect(r.code).toBe(1);
    expect(r.err).toContain('teams[0], field "members[2]": li is listed twice in this team (also members[0])');
    const two = await score([rude('li')], {
      teams: [
        { id: 'net', members: ['li'] },
        { id: 'phone', members: ['li'] },
      ],
    });
    expect(two.code).toBe(0);
  });
});

describe('11: amounts that are not finite or beyond ±1e10 yuan are bad data, never a silent skip', () => {
  it('each is named with record and field `amount`, exit 1', async () => {
    const sale = (amount: unknown) => ({ id: `s${++n}`, type: 'surgery', consultant: 'li', at: '2026-11-09T10:00:00+08:00', amount });
    // 1e400 is Infinity once parsed: written by hand, as a file may hold it
    const text = `[${[sale(100), sale(1e12), sale(1e308), sale(-1e11), sale('12'), sale(10000000000)].map((e) => JSON.stringify(e)).join(',')},${JSON.stringify(sale(0)).replace('"amount":0', '"amount":1e400')}]`;
    const r = await score(text, roster, 'en', SALES);
    expect(r.code).toBe(1);
    expect(r.err).toContain('record 1, field "amount": must be at most 10000000000 yuan either side of zero (got 1000000000000)');
    expect(r.err).toContain('record 2, field "amount": must be at most 10000000000 yuan either side of zero (got 1e+308)');
    expect(r.err).toContain('record 3, field "amount": must be at most 10000000000 yuan either side of zero (got -100000000000)');
    expect(r.err).toContain('record 4, field "amount": must be a number (yuan)');
    expect(r.err).toContain('record 6, field "amount": must be a number (yuan)');
    expect(r.err).toContain('5 bad event record(s); nothing scored');
    const zh = await score(text, roster, 'zh-CN', SALES);
    expect(zh.err).toContain('记录 1, 字段 "amount": 绝对值不得超过 10000000000 元(实际为 1000000000000)');
  });

  it('more than two decimals are rounded half away from zero to the fen: 2% of 12,345.675 yuan is 246.91', async () => {
    const r = await score(
      [{ id: 'x', type: 'surgery', consultant: 'li', at: '2026-11-09T10:00:00+08:00', amount: 12345.675 }],
      roster,
      'en',
      SALES,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).consultants.li.money).toBe(246.91);
  });
});

describe('12: `where` reads only the event’s own attrs', () => {
  const rules = file('where.rules', 'odd on visit where constructor != "x": 1 per\nodd2 on visit where toString = "y": 1 per\n');
  const visit = (id: string, attrs?: Record<string, string>) => ({
    id,
    type: 'visit',
    consultant: 'li',
    at: '2026-11-09T10:00:00+08:00',
    attrs,
  });

  it('an event without the attribute does not match, `!=` included; one that has it does', async () => {
    const r = await score([visit('a'), visit('b', {}), visit('c', { constructor: 'z', toString: 'y' })], roster, 'en', rules);
    expect(r.code).toBe(0);
    const lines = JSON.parse(r.out).consultants.li.lines;
    expect(lines.map((l: { rule: string; events: string[] }) => [l.rule, l.events])).toEqual([
      ['odd', ['c']],
      ['odd2', ['c']],
    ]);
  });
});

describe('17: limits on the period, the files and the events', () => {
  it('--from 1000-01-01 --to 9999-12-31 fails at once as a usage error (exit 2), in both locales', async () => {
    const started = Date.now();
    const r = await score([rude('li')], roster, 'en', RULES, ['--from', '1000-01-01', '--to', '9999-12-31']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the period must be at most 366 days (--from … --to is 3287182 days)');
    expect(Date.now() - started).toBeLessThan(20000); // it used to run past 90 s; this bounds a hang, not a speed
    const zh = await score([rude('li')], roster, 'zh-CN', RULES, ['--from', '2024-01-01', '--to', '2025-01-01']);
    expect([zh.code, zh.err.includes('期间不得超过 366 天(--from 到 --to 共 367 天)')]).toEqual([2, true]);
    const leap = await score([rude('li')], roster, 'en', RULES, ['--from', '2024-01-01', '--to', '2024-12-31']);
    expect(leap.code).toBe(0);
  });

  it('the API throws a RangeError past 366 days, before building any day', () => {
    const input = (to: string) => ({ events: [], roster, period: { from: '2024-01-01', to } });
    expect(() => evaluate(book('x: 1 per'), input('2025-01-01'))).toThrow(RangeError);
    expect(Object.keys(evaluate(book('x: 1 per'), input('2024-12-31')).consultants)).toEqual(['li', 'wang', 'zhao']);
  });

  it('an events file over 256 MiB is refused before it is read (exit 1)', async () => {
    const big = file('big.json', '[]');
    truncateSync(big, LIMITS.eventsFileBytes + 1); // sparse: no disk used
    const r = await cli('score', RULES, '--events', big, '--roster', ROSTER, ...NOV, '--locale', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${big}: ${LIMITS.eventsFileBytes + 1} bytes, more than the limit of ${LIMITS.eventsFileBytes} bytes`);
  });

  it('more than 2,000,000 events is refused (exit 1), NDJSON and JSON alike', async () => {
    // the count is checked before any record is (these are not even events)
    const nd = file('many.ndjson', '0\n'.repeat(LIMITS.events + 1));
    const r = await cli('score', RULES, '--events', nd, '--roster', ROSTER, ...NOV, '--locale', 'en');
    expect([r.code, r.err.trim()]).toEqual([1, `${nd}: more than 2000000 events`]);
    const arr = file('many.json', `[${'0,'.repeat(LIMITS.events)}0]`);
    const a = await cli('score', RULES, '--events', arr, '--roster', ROSTER, ...NOV);
    expect([a.code, a.err.trim()]).toEqual([1, `${arr}: 事件超过 2000000 条`]);
  });
});

describe('roster v2 (LANGUAGE.md §9.1): loaded and checked like events', () => {
  const v2: Roster = {
    teams: [
      { id: 'net', name: '网络咨询组', members: ['li', 'wang'], lead: 'li' },
      { id: 'phone', name: '电话咨询组', members: ['zhao'], lead: 'boss' },
    ],
    members: [
      {
        id: 'li',
        name: '王芳',
        role: 'lead',
        joined: '2026-10-15',
        left: null,
        pay: { bonus: 1200, base: 3500.5 },
        targets: { sales: 50000 },
      },
      { id: 'boss', role: 'manager', joined: '2020-01-01' },
    ],
  };

  it('a v2 roster is valid and scores as its teams do', async () => {
    const r = await score([rude('li'), rude('li'), rude('li')], v2);
    expect(r.code).toBe(0);
    const cards = JSON.parse(r.out);
    expect([cards.consultants.li.points, cards.teams.net.points]).toEqual([-36, -12]);
    expect(checkRoster(v2).problems).toEqual([]);
  });

  it('bad people and leads are named by record and field, all of them, exit 1', async () => {
    const bad = {
      teams: [{ id: 'net', members: ['li'], lead: 'nobody' }],
      members: [
        { id: 'li', pay: { bonus: 12.345, base: -1 }, targets: { sales: '50000' }, joined: '2026-13-01' },
        { id: 'wang', joined: '2026-11-10', left: '2026-11-01', team: 'net' },
        { id: 'li' },
        'zhao',
      ],
      member: [],
    };
    const r = await score([rude('li')], bad);
    expect(r.code).toBe(1);
    for (const line of [
      '*, field "member": unknown field',
      'members[0], field "joined": must be a date YYYY-MM-DD or null',
      'members[0], field "pay.bonus": must be yuan per month: 0 to 10000000000 with at most two decimals',
      'members[0], field "pay.base": must be yuan per month: 0 to 10000000000 with at most two decimals',
      'members[0], field "targets.sales": must be a number within ±10000000000',
      'members[1], field "team": unknown field',
      'members[1], field "left": "left" is before "joined"',
      'members[2], field "id": duplicate member id li (also members[0])',
      'members[3], field "*": not an object',
      'teams[0], field "lead": lead nobody is neither a member of the team nor on "members"',
      '10 bad roster record(s); nothing scored',
    ])
      expect(r.err).toContain(line);
    const zh = await score([rude('li')], bad, 'zh-CN');
    expect(zh.err).toContain('members[0], 字段 "pay.bonus": 应为每月金额(元):0 到 10000000000,最多两位小数');
  });

  it('a roster that is not one: exit 1 with its shape', async () => {
    const r = await score([rude('li')], { teams: {} });
    expect([r.code, r.err.includes('*, field "*": expected { "teams": [ { "id", "members": [...] } ], "members"?: [...] }')]).toEqual([
      1,
      true,
    ]);
    const people = { teams: [{ id: 'all', members: Array.from({ length: LIMITS.people + 1 }, (_, i) => `p${i}`) }] };
    expect(checkRoster(people).problems).toEqual([{ record: '*', field: '*', code: 'too-many-people', params: { max: 5000 } }]);
  });
});

describe('every input problem reads in both locales', () => {
  const codes: InputProblemCode[] = [
    'bad-json',
    'not-object',
    'required-string',
    'string',
    'bad-instant',
    'bad-amount',
    'amount-range',
    'attr-value',
    'unknown-field',
    'duplicate-id',
    'reserved-id',
    'roster-shape',
    'list',
    'members-list',
    'duplicate-team',
    'duplicate-member',
    'duplicate-person',
    'unknown-lead',
    'bad-date',
    'left-before-joined',
    'object',
    'pay-value',
    'target-value',
    'too-many-people',
  ];
  it('zh-CN and en texts exist and differ for each code', () => {
    const texts = codes.map((code) => {
      const p = { record: 0, field: 'x', code, params: { got: 'g', max: 1, first: 0, id: 'i' } };
      return [inputProblemText(p, 'zh-CN'), inputProblemText(p, 'en')];
    });
    expect(texts.filter(([zh, en]) => !zh || !en || zh === en)).toEqual([]);
    expect(new Set(texts.map(([, en]) => en)).size).toBe(codes.length);
  });
});
