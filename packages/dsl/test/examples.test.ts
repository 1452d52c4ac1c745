/**
 * Rulebook examples (LANGUAGE.md §9.14, §9.15): parsed from the rulebook,
 * scored with the real evaluator, failing items reported on their own line;
 * `rulecard test` and `rulecard check` run them.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { examplePeriod, exampleRoster, runExamples } from '../src/examples.js';
import { cli, scratch } from './cli-helpers.js';

function run(source: string, options: Parameters<typeof runExamples>[2] = {}) {
  const { rulebook, examples, diagnostics } = compile(source, { locale: 'en', version: 2 });
  if (!rulebook) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return runExamples(rulebook, examples, { locale: 'en', ...options });
}

const RUDE = 'rude_attitude: -8 per; >2 => personal -12, team -12\n';

describe('examples', () => {
  it('parse: events with repeats, times, amounts and attributes; subjects carried over after a comma', () => {
    const { examples } = compile(
      RUDE +
        'example "three":\n  given rude_attitude x3 on 2026-11-03 by c01, visit on 2026-11-04 at 9:30 by c02 amount 1200.5 channel = "phone" booked = 是\n  expect c01 points -36, money -36, team points -12, team net money 0, c02 no flag f, flag g\n  period 2026-11-01..2026-11-15',
      { locale: 'en', version: 2 },
    );
    expect(examples).toHaveLength(1);
    const [e] = examples;
    expect(e.name).toBe('three');
    expect(e.period).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(e.given.map(({ range, ...g }) => (void range, g))).toEqual([
      { type: 'rude_attitude', count: 3, date: '2026-11-03', member: 'c01' },
      {
        type: 'visit',
        count: 1,
        date: '2026-11-04',
        time: '09:30',
        member: 'c02',
        amount: 1200.5,
        attrs: { channel: 'phone', booked: true },
      },
    ]);
    expect(e.expect.map(({ range, ...x }) => (void range, x))).toEqual([
      { subject: { kind: 'member', id: 'c01' }, what: 'points', value: -36 },
      { subject: { kind: 'member', id: 'c01' }, what: 'money', value: -36 },
      { subject: { kind: 'team' }, what: 'points', value: -12 },
      { subject: { kind: 'team', id: 'net' }, what: 'money', value: 0 },
      { subject: { kind: 'member', id: 'c02' }, what: 'no-flag', flag: 'f' },
      { subject: { kind: 'member', id: 'c02' }, what: 'flag', flag: 'g' },
    ]);
  });

  it('the same example in Chinese keywords', () => {
    const en = compile(
      RUDE + 'example "x":\n  given rude_attitude x3 on 2026-11-03 at 09:00 by c01\n  expect c01 points -36, money -36, team points -12',
      { version: 2 },
    );
    const zh = compile(
      RUDE + '示例 "x":\n  已知 rude_attitude 3 次 对应 2026-11-03 在 09:00 由 c01\n  预期 c01 分 -36, 金额 -36, 集体 分 -12',
      { version: 2 },
    );
    const strip = (xs: typeof en.examples) => JSON.parse(JSON.stringify(xs, (k, v) => (k === 'range' ? undefined : v)));
    expect(strip(zh.examples)).toEqual(strip(en.examples));
  });

  it('a passing example and a failing one: example-failed on the failing expect line, expected and actual', () => {
    const r = run(
      RUDE +
        'example "passes":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -36, team points -12\n' +
        'example "fails":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -36,\n    money -30\n',
    );
    expect(r.results.map((x) => x.status)).toEqual(['pass', 'fail']);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message])).toEqual([
      ['example-failed', 'error', 8, 'example `fails` fails: expected c01 money -30, got -36'],
    ]);
    const zh = runExamples(
      compile(RUDE + 'example "x":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -30', { version: 2 }).rulebook!,
      compile(RUDE + 'example "x":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -30', { version: 2 }).examples,
    );
    expect(zh.diagnostics.map((d) => d.message)).toEqual(['示例 “x” 未通过:预期 c01 分 -30,实际 -36']);
  });

  it('flags, no flags, and the team of the members named', () => {
    const src =
      'window month\nfraud: -200 yuan per; >= 2 per month => flag dismissal_review\n' +
      'example "two frauds":\n  given fraud x2 on 2026-11-03 by li, fraud on 2026-11-20 by wang\n  expect li flag dismissal_review, money -400, wang no flag dismissal_review, team money 0\n' +
      'example "wrongly expected":\n  given fraud on 2026-11-03 by li\n  expect li flag dismissal_review\n';
    const r = run(src);
    expect(r.results.map((x) => x.status)).toEqual(['pass', 'fail']);
    expect(r.diagnostics[0].message).toBe('example `wrongly expected` fails: expected li flag dismissal_review, got not raised');
  });

  it('the roster given to check: members in other teams, a member not on it', () => {
    const roster = {
      teams: [
        { id: 'net', members: ['li', 'wang'] },
        { id: 'phone', members: ['zhao'] },
      ],
    };
    const r = run(
      RUDE +
        'example "x":\n  given rude_attitude x3 on 2026-11-03 by li, rude_attitude on 2026-11-04 by zhao\n  expect team net points -12, zhao points -8, team points -12, nobody points 0\n',
      { roster },
    );
    expect(r.results[0].results.map((x) => [x.pass, x.actual])).toEqual([
      [true, '-12'],
      [true, '-8'],
      [false, 'the members named are in different teams'],
      [false, 'not on the roster'],
    ]);
  });

  it('period: the whole months of the events unless given; roster: the members named, in one team', () => {
    const { examples } = compile(
      RUDE +
        'example "a":\n  given x on 2026-11-30 by b, x on 2026-12-01 by a\n  expect team t points 0\nexample "b":\n  expect a points 0\n  period 2026-02-01..2026-02-28\n',
      { version: 2 },
    );
    expect(examplePeriod(examples[0])).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(exampleRoster(examples[0])).toEqual({ teams: [{ id: 't', members: ['b', 'a'] }] });
    expect(examplePeriod(examples[1])).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('an event at 23:30 local time counts on its own day in the rulebook’s zone', () => {
    const src =
      'timezone "America/New_York"\nx: -1 per; >= 2 per day => -10\n' +
      'example "late evening":\n  given x on 2026-11-03 at 23:30 by a, x on 2026-11-03 at 00:10 by a, x on 2026-11-04 at 00:10 by a\n  expect a points -13\n';
    expect(run(src).results[0].status).toBe('pass');
  });

  it('a program using version-2 semantics runs its examples (two types, one count)', () => {
    const r = run(
      'x on a, b: -1 per; >= 2 => personal -3\nexample "e":\n  given a on 2026-11-03 by c, b on 2026-11-03 by c\n  expect c points -5\n',
    );
    expect(r.results.map((x) => x.status)).toEqual(['pass']);
    expect(r.diagnostics).toEqual([]);
  });

  it('an example the evaluator cannot score is example-not-run, with the reason', () => {
    const r = run('x: -1 per\nexample "e":\n  period 2026-01-01..2027-12-31\n  given x on 2026-11-03 by c\n  expect c points -1\n');
    expect(r.results.map((x) => x.status)).toEqual(['not-run']);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['example-not-run', 'warning']]);
    expect(r.diagnostics[0].message).toMatch(/period longer than 366 days/);
  });

  it('examples never affect the compiled program', () => {
    const a = compile(RUDE, { locale: 'en', version: 2 }).rulebook;
    const b = compile(RUDE + 'example "e":\n  given rude_attitude on 2026-11-03 by c\n  expect c points -8\n', {
      locale: 'en',
      version: 2,
    }).rulebook;
    expect(b).toEqual(a);
  });

  it('example diagnostics: a missing subject, no expectations, no events and no period, bad dates', () => {
    const codes = (src: string) =>
      compile(RUDE + src, { locale: 'en', version: 2 }).diagnostics.map((d) => `${d.severity}:${d.code}@${d.range.start.line}`);
    expect(codes('example "e":\n  given rude_attitude on 2026-11-03 by c\n  expect points -8\n')).toEqual(['error:example-subject@4']);
    expect(codes('example "e":\n  given rude_attitude on 2026-11-03 by c\n')).toEqual(['warning:example-empty@2']);
    expect(codes('example "e":\n  expect c points 0\n')).toEqual(['error:example-no-period@2']);
    expect(codes('example "e":\n  given rude_attitude on 2026-02-30 at 25:00 by c\n  expect c points 0\n')).toEqual([
      'error:bad-date@3',
      'error:bad-date@3',
    ]);
  });
});

describe('rulecard test / check with examples (the real binary)', () => {
  const { file } = scratch('rulecard-examples-');
  const PASS = file(
    'pass.rules',
    RUDE + 'example "three":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -36, team points -12\n',
  );
  const FAIL = file(
    'fail.rules',
    RUDE + 'example "three in a day":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points -30\n',
  );

  it('test: exit 0 when every example passes, 1 when one fails, 2 on a file or usage error', async () => {
    const ok = await cli('test', PASS, '--locale', 'en');
    expect([ok.code, ok.out.trim().split('\n')]).toEqual([0, ['✓ example three', 'examples: 1 passed, 0 failed']]);
    const bad = await cli('test', FAIL, '--locale', 'en');
    expect([bad.code, bad.out.trim().split('\n')]).toEqual([
      1,
      ['✗ example three in a day', `    ${FAIL}:4: expected c01 points -30, got -36`, 'examples: 0 passed, 1 failed'],
    ]);
    expect((await cli('test', file('none.rules', RUDE))).code).toBe(0);
    expect((await cli('test', `${FAIL}.missing`)).code).toBe(2);
    expect((await cli('test')).code).toBe(2);
    const json = JSON.parse((await cli('test', FAIL, '--json', '--locale', 'en')).out);
    expect(json.examples).toEqual([
      { name: 'three in a day', line: 2, status: 'fail', failures: [{ line: 4, expected: 'c01 points -30', actual: '-36' }] },
    ]);
  });

  it('check runs the examples: a failing one is an error on its expect line (exit 1)', async () => {
    expect((await cli('check', PASS)).code).toBe(0);
    const r = await cli('check', FAIL, '--json', '--locale', 'en');
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.out).diagnostics.map((d: { code: string; range: { start: { line: number } } }) => [d.code, d.range.start.line]),
    ).toEqual([['example-failed', 4]]);
  });

  it('check --roster: examples use it; a target no member has is a warning', async () => {
    const roster = file(
      'roster.json',
      JSON.stringify({ teams: [{ id: 'net', members: ['c01'] }], members: [{ id: 'c01', targets: { sales: 1000 } }] }),
    );
    const rules = file('t.rules', 'x on surgery: sum(amount) < target salse per month => -1 yuan\n');
    const r = await cli('check', rules, '--roster', roster, '--json', '--locale', 'en');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).diagnostics.map((d: { code: string; message: string }) => [d.code, d.message])).toEqual([
      ['unknown-target', 'no member of the roster has the target `salse` — did you mean `sales`?'],
    ]);
    expect((await cli('check', PASS, '--roster', roster)).code).toBe(0);
    const other = file('other.json', JSON.stringify({ teams: [{ id: 'net', members: ['c02'] }] }));
    const offRoster = await cli('check', PASS, '--roster', other, '--locale', 'en');
    expect(offRoster.code).toBe(1);
    expect(offRoster.out).toContain('expected c01 points -36, got not on the roster');
  });
});
