/**
 * Version 2 of the language (LANGUAGE.md §9): every form parses, checks and
 * compiles, in English and in Chinese keywords (the same program), and the
 * checker's version-2 diagnostics. Their evaluation: test/v2/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, evaluationOrder, featuresOf, gateCycles, type v2 } from '../src/index.js';
import { lex } from '../src/tokens.js';
import { PAIRS } from './v2/pairs.js';

function program(source: string): v2.CompiledRulebook {
  const { rulebook, diagnostics } = compile(source, { locale: 'en', version: 2 });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!rulebook)
    throw new Error(
      `does not compile:\n${errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`).join('\n')}`,
    );
  return rulebook;
}

/** A program without what only the source's wording decides (ranges, rule text, labels). */
function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'range' && k !== 'text' && k !== 'label') out[k] = meaning(v);
    return out;
  }
  return value;
}

const codes = (src: string, version: 1 | 2 = 2) =>
  compile(src, { locale: 'en', version: version as 2 }).diagnostics.map((d) => `${d.severity}:${d.code}@${d.range.start.line}`);

describe('every §9 form, in English and Chinese keywords', () => {
  for (const [name, en, zh] of PAIRS)
    it(name, () => {
      const a = program(en);
      expect(meaning(program(zh))).toEqual(meaning(a));
      // plain JSON: a round trip changes nothing
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    });
});

describe('compiled programs of the version-2 forms', () => {
  it('lead target and several types (the conformance rulebook)', () => {
    const rb = program('point = 1 yuan\ndiscipline on late, early_leave: -2 per; >= 3 => personal -5, lead -10 yuan');
    expect(rb.format).toBe('rulecard/2');
    expect(rb.rules[0]).toMatchObject({
      eventType: 'late',
      eventTypes: ['late', 'early_leave'],
      effects: [{ target: 'personal', kind: 'points', value: -2 }],
      measure: { kind: 'count' },
      clauses: [
        {
          test: { kind: 'cmp', op: '>=', value: 3 },
          effects: [
            { target: 'personal', kind: 'points', value: -5 },
            { target: 'lead', kind: 'fen', value: -1000 },
          ],
        },
      ],
    });
  });

  it('settings: pay items, workdays, grace', () => {
    const rb = program('pay bonus "月度绩效奖金"\npay base\nworkdays = 21.5\ngrace 2 months\nx: -50% of bonus per, -1% of daily base per');
    expect(rb).toMatchObject({
      format: 'rulecard/2',
      pay: [{ name: 'bonus', label: '月度绩效奖金' }, { name: 'base' }],
      workdays: 21.5,
      graceMonths: 2,
    });
    expect(rb.rules[0].effects).toEqual([
      { target: 'personal', kind: 'pay', value: -50, pay: 'bonus' },
      { target: 'personal', kind: 'pay', value: -1, pay: 'base', daily: true },
    ]);
  });

  it('for, every, unless', () => {
    const rb = program(
      'a for role = "lead" and team != "net": every quarter => 500 yuan, team flag x\nb unless flag x, y: -1 per\nc: -1 per; >1 => flag y',
    );
    expect(rb.rules[0]).toMatchObject({
      for: [
        { field: 'role', op: '=', value: 'lead' },
        { field: 'team', op: '!=', value: 'net' },
      ],
      measure: { kind: 'every' },
      clauses: [
        {
          test: { kind: 'else' },
          window: 'quarter',
          effects: [
            { kind: 'fen', value: 50000 },
            { target: 'team', kind: 'flag', flag: 'x' },
          ],
        },
      ],
    });
    expect(rb.rules[0].eventType).toBeUndefined();
    expect(rb.rules[1].unless).toEqual(['x', 'y']);
  });

  it('measures: sum, avg, awards, ratio sides, ranks, targets, running, ever, top', () => {
    const rb = program(
      [
        'a on surgery: sum(amount) < target sales per month running 2 => -100 yuan',
        'b on exam: avg(score) >= 90 per year => 1% of bonus per',
        'c: awards > 0 per year => 10 yuan per',
        'd: ratio(survey where satisfied = true / survey where valid = true) per quarter < 90% each 1% => -1',
        'e on exam: rank avg(score) per month by team => top 10% 300 yuan, 1st 100 yuan',
        'f: 0 per; >= 2 per ever each => flag again',
      ].join('\n') + '\npay bonus',
    );
    expect(rb.rules.map((r) => r.measure)).toEqual([
      { kind: 'sum', field: 'amount' },
      { kind: 'avg', field: 'score' },
      { kind: 'ledger', ledger: 'personal', quantity: 'awards' },
      {
        kind: 'ratio',
        numerator: 'survey',
        denominator: 'survey',
        numeratorWhere: [{ field: 'satisfied', op: '=', value: true }],
        denominatorWhere: [{ field: 'valid', op: '=', value: true }],
      },
      { kind: 'rank', by: 'avg', field: 'score', byTeam: true },
      { kind: 'count' },
    ]);
    expect(rb.rules[0].clauses[0]).toMatchObject({ test: { kind: 'target', op: '<', target: 'sales' }, window: 'month', running: 2 });
    expect(rb.rules[1].clauses[0].effects).toEqual([{ target: 'personal', kind: 'pay', value: 1, pay: 'bonus', perCount: true }]);
    expect(rb.rules[4].clauses[0].effects).toEqual([
      { target: 'personal', kind: 'fen', value: 30000, top: 10 },
      { target: 'personal', kind: 'fen', value: 10000, place: 1 },
    ]);
    expect(rb.rules[5].clauses[0]).toMatchObject({ window: 'ever', each: true });
    expect(featuresOf(rb).map((u) => u.feature)).toEqual([
      'pay',
      'sum',
      'running',
      'target',
      'avg',
      'year',
      'pay',
      'awards',
      'year',
      'ratio-filter',
      'quarter',
      'rank-measure',
      'rank-by-team',
      'top',
      'ever',
    ]);
  });

  it('Chinese ordinals up to 第十名 and beyond name their places', () => {
    const rb = program(
      'b on vote: rank per month => 第一名 1 yuan, 第二名 2 yuan, 第十名 10 yuan, 第十二名 12 yuan, 第二十名 20 yuan, 第３名 3 yuan',
    );
    expect(rb.rules[0].clauses[0].effects.map((e) => e.place)).toEqual([1, 2, 10, 12, 20, 3]);
  });

  it('a version-1 rulebook written with Chinese phrasings stays a rulecard/1 program', () => {
    const rb = program('窗口 天\n礼貌用语 对应 impolite: -2 分/次; 达到 2 => 个人 扣 5 分, 集体 扣 5 分');
    expect(rb.format).toBe('rulecard/1');
    expect(featuresOf(rb)).toEqual([]);
  });

  it('version-1 rulebooks compile to the very programs version 1 wrote (golden, made with the version-1 compiler)', () => {
    const golden = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/v1-programs.golden.json'), 'utf8')) as Record<string, unknown>;
    // The example rulebooks as they stood in version 1 (examples/rulebooks/ now use version 2), frozen beside the golden.
    for (const [file, expected] of Object.entries(golden)) {
      const source = readFileSync(path.join(__dirname, 'fixtures/v1-rulebooks', path.basename(file)), 'utf8');
      expect(JSON.stringify(compile(source, { locale: 'en' }).rulebook), file).toBe(JSON.stringify(expected));
      expect(JSON.stringify(compile(source, { locale: 'en', version: 2 }).rulebook), file).toBe(JSON.stringify(expected));
    }
  });

  it('version-2 keywords stay names where a name is expected (a version-1 book may use them)', () => {
    const rb = program('target on target: -1 per; >2 => flag top\nx on pay where top = 1 and sum = 2: -1 per');
    expect(rb.rules.map((r) => [r.id, r.eventType])).toEqual([
      ['target', 'target'],
      ['x', 'pay'],
    ]);
    expect(rb.rules[1].where.map((c) => c.field)).toEqual(['top', 'sum']);
  });

  it('`每天` and `各组` lex as two keywords, each with its own span', () => {
    const src = 'x 每天 各组';
    expect(lex(src).tokens.map((t) => `${t.tokenType.name}:${t.image}@${t.startOffset}:${t.startColumn}`)).toEqual([
      'Identifier:x@0:1',
      'Per:每@2:3',
      'Day:天@3:4',
      'By:各@5:6',
      'Team:组@6:7',
    ]);
  });

  it('a Chinese word before a number is cut from it (`扣5分`, `超过2次`, `前10%`)', () => {
    const names = (s: string) => lex(s).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    expect(names('扣5分 超过2次 前10%')).toEqual([
      'Minus:扣',
      'NumberLiteral:5',
      'Points:分',
      'Over:超过',
      'NumberLiteral:2',
      'Times:次',
      'Top:前',
      'Percent:10%',
    ]);
    // a name that merely contains such a word stays a name
    expect(names('加班 扣款2')).toEqual(['Identifier:加班', 'Identifier:扣款2']);
  });
});

describe('version-2 diagnostics', () => {
  it('ratio-where, gate-cycle, team-pay-item', () => {
    expect(codes('window month\nconv where booked = true: ratio(surgery / visit) per month < 40% => -60 yuan')).toEqual([
      'error:ratio-where@2',
    ]);
    // a rank paying money only does not feed `deductions`: no cycle …
    expect(codes('forfeit: deductions >= 50 per month => flag f\nbest on vote unless flag f: rank per month => 1st 150 yuan')).toEqual([]);
    // … paying points, it does
    expect(codes('forfeit: deductions >= 50 per month => flag f\nbest on vote unless flag f: rank per month => 1st 15 points')).toEqual([
      'error:gate-cycle@1',
      'error:gate-cycle@2',
    ]);
    // a rule gated by a flag it raises itself
    expect(codes('x unless flag f: -1 per; > 2 => flag f')).toEqual(['error:gate-cycle@1']);
    expect(codes('pay bonus\nx: -1 per; >2 => team -10% of bonus')).toEqual(['error:team-pay-item@2']);
    expect(codes('pay bonus\nx: team -10% of bonus per')).toEqual(['error:team-pay-item@2']);
  });

  it("per-below is a warning with a fix to `each`, in the clause's language", () => {
    const en = compile('x: 0 per; < 10 per month => -5 yuan per', { locale: 'en', version: 2 }).diagnostics;
    expect(en.map((d) => [d.severity, d.code, d.fix?.replacement])).toEqual([['warning', 'per-below', '< 10 per month each => -5 yuan']]);
    const zh = compile('x: 0 每次; 不足 10 每月 => -5 元 每次', { version: 2 }).diagnostics;
    expect(zh.map((d) => [d.code, d.fix?.replacement])).toEqual([['per-below', '不足 10 每月 逐次 => -5 元']]);
  });

  it('running and ever: what they cannot go with', () => {
    expect(codes('x: -1 per; > 3 per month running 2 each => -1')).toEqual(['error:bad-running@1']);
    expect(codes('x: -1 per; > 3 per ever running 2 => -1')).toEqual(['error:bad-running@1']);
    expect(codes('x: tiers per month; > 3 running 2 => -1; else => 0')).toEqual(['error:bad-running@1']);
    expect(codes('x: -1 per; < 3 per ever => -1')).toEqual(['error:ever-below@1']);
    expect(codes('x: -1 per; <= 3 per ever => -1')).toEqual(['error:ever-below@1']);
    expect(codes('x: avg(amount) > 3 per ever => -1')).toEqual(['error:bad-ever@1']);
    expect(codes('x: tiers per ever; > 3 => -1; else => 0')).toEqual(['error:bad-ever@1']);
    expect(codes('window ever')).toEqual(['error:bad-ever@1']);
    expect(codes('x: -1 per; > 3 per month running 0 => -1')).toEqual(['error:bad-number@1']);
  });

  it('unknown pay items, flags and member fields get the probable name', () => {
    const ds = compile(
      'pay bonus\nx: -10% of bonsu per\ny unless flag forfiet: -1 per\nz: deductions > 5 per month => flag forfeit\nw for rol = "lead": every month => 1 yuan',
      {
        locale: 'en',
        version: 2,
      },
    ).diagnostics;
    expect(ds.map((d) => [d.code, d.range.start.line, d.fix?.replacement])).toEqual([
      ['unknown-pay-item', 2, 'bonus'],
      ['unknown-flag', 3, 'forfeit'],
      ['for-field', 5, 'role'],
    ]);
    expect(codes('x for joined >= "2026-13-01": every month => 1 yuan')).toEqual(['error:bad-date@1']);
    expect(codes('pay bonus\nx: -1 per')).toEqual(['warning:unused-pay-item@1']);
  });

  it('clause shapes: a missing comparison, two windows, 每人 out of place, a percentage of amount in a clause', () => {
    expect(codes('x: deductions per month => flag y')).toEqual(['error:missing-test@1']);
    expect(codes('x: -1 per; per month > 2 per week => -1')).toEqual(['error:two-windows@1']);
    expect(codes('x: -1 per; > 2 => 每人 -1')).toEqual(['error:everyone-misplaced@1']);
    expect(codes('x: -1 per; > 2 => 1% of amount')).toEqual(['error:percent-of-amount@1']);
  });

  it('a misplaced or unknown word names the form meant (§9.12)', () => {
    const fix = (src: string) => compile(src, { locale: 'en', version: 2 }).diagnostics.map((d) => [d.code, d.fix?.replacement]);
    expect(fix('x: -2 per; 大于 2 => -5')).toEqual([['unknown-keyword', '>']]);
    expect(fix('x: -2 per; at least 2 => -5')).toEqual([['unknown-keyword', 'at_least']]);
    expect(fix('x: 0 per; < 10 per month 每少一个 => -5 yuan')).toEqual([['unknown-keyword', '逐次']]);
    expect(fix('x: -2 per; >= 2 => 罚款 50 元')).toEqual([['unknown-keyword', '扣']]);
    expect(fix('x unless flag f on visit: -1 per; >1 => flag f')).toEqual([['head-order', 'on visit unless flag f']]);
    expect(fix('x where a = 1 for role = "lead": -1 per')).toEqual([['head-order', 'for role = "lead" where a = 1']]);
    expect(fix('x: -2 per; >= 2 => 扣 -5')).toEqual([['bad-number', undefined]]);
  });

  it('the default (version-1) compile refuses version-2 semantics, one diagnostic per rule and feature', () => {
    expect(codes('x on a, b: -1 per; > 2 => lead -5', 1)).toEqual(['error:needs-version-2@1', 'error:needs-version-2@1']);
    expect(codes('pay bonus\nx: -1% of bonus per', 1)).toEqual(['error:needs-version-2@1', 'error:needs-version-2@2']);
    // Chinese phrasings of version-1 forms are fine
    expect(codes('礼貌用语 对应 impolite: -2 分/次; 达到 2 => 个人 扣 5 分, 集体 扣 5 分', 1)).toEqual([]);
  });
});

describe('evaluation order and gates', () => {
  it('a rule gated by a flag runs after the rules that raise it, even a ledger rule', () => {
    const rb = program(
      [
        'best on vote unless flag forfeit: rank per month => 1st 150 yuan',
        'rude: -30 per',
        'forfeit: deductions >= 50 per month => flag forfeit',
        'top: rank points per month => 1st 5 yuan',
      ].join('\n'),
    );
    expect(gateCycles(rb)).toEqual([]);
    expect(evaluationOrder(rb).map((i) => rb.rules[i].id)).toEqual(['rude', 'top', 'forfeit', 'best']);
  });

  it("a version-1 program keeps version 1's order: event rules, rank by points, ledger rules", () => {
    const rb = program(
      [
        'forfeit: deductions >= 50 per month => flag f',
        'top: rank points per month => 1st 5 points',
        'rude: -30 per',
        'r on vote: rank per month => 1st 1 yuan',
      ].join('\n'),
    );
    expect(evaluationOrder(rb).map((i) => rb.rules[i].id)).toEqual(['rude', 'r', 'top', 'forfeit']);
  });

  it('streaks come last', () => {
    const rb = program(
      ['s on task: < 1 per month running 2 => -500 yuan', 'd: deductions > 1 per month => flag d', 'x: -1 per'].join('\n'),
    );
    expect(evaluationOrder(rb).map((i) => rb.rules[i].id)).toEqual(['x', 'd', 's']);
  });
});

describe('evaluate scores rulecard/2 programs', () => {
  it('two types share one count', () => {
    const rb = program('x on a, b: -1 per; >= 2 => personal -3');
    const cards = evaluate(rb, {
      events: [
        { id: '1', type: 'a', consultant: 'c', at: '2026-11-03T10:00:00+08:00' },
        { id: '2', type: 'b', consultant: 'c', at: '2026-11-03T11:00:00+08:00' },
      ],
      roster: { teams: [{ id: 't', members: ['c'] }] },
      period: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(cards.consultants.c.centipoints).toBe(-500);
  });
});
