import { describe, expect, it } from 'vitest';
import { compile, tokenize, KEYWORDS, type Diagnostic } from '../src/index.js';
import { lex, tokenName } from '../src/tokens.js';
import { book } from './helpers.js';

const codes = (src: string, locale: 'en' | 'zh-CN' = 'en') =>
  compile(src, { locale }).diagnostics.map((d) => `${d.severity}:${d.code}@${d.range.start.line}`);
const errorsOf = (src: string): Diagnostic[] => compile(src, { locale: 'en' }).diagnostics.filter((d) => d.severity === 'error');

describe('lexing', () => {
  it('keeps snake_case and Chinese identifiers whole', () => {
    const names = (s: string) => lex(s).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    expect(names('rude_attitude')).toEqual(['Identifier:rude_attitude']);
    expect(names('礼貌用语不规范 visit2 _x')).toEqual(['Identifier:礼貌用语不规范', 'Identifier:visit2', 'Identifier:_x']);
    // a name that starts with a keyword alias stays one name
    expect(names('当月扣分 periods points')).toEqual(['Identifier:当月扣分', 'Identifier:periods', 'Points:points']);
    expect(names('-8 +6 0.5 2% 12.5%')).toEqual([
      'NumberLiteral:-8',
      'NumberLiteral:+6',
      'NumberLiteral:0.5',
      'Percent:2%',
      'Percent:12.5%',
    ]);
  });

  it('every keyword alias lexes as its keyword', () => {
    for (const k of KEYWORDS)
      for (const w of [k.canonical, ...k.aliases]) {
        const [t] = lex(w).tokens;
        expect(t.tokenType.name, w).toBe(tokenName(k.canonical));
      }
  });

  it('tokenize() gives highlighting kinds, comments included', () => {
    const src = 'x: -8 per # 注释\n';
    expect(tokenize(src).map((t) => `${t.kind}:${src.slice(t.start, t.end)}`)).toEqual([
      'identifier:x',
      'punctuation::',
      'number:-8',
      'keyword:per',
      'comment:# 注释',
    ]);
  });
});

describe('parsing every form', () => {
  it('the canonical line verbatim', () => {
    const rb = book('rude_attitude: -8 per; >2 => personal -12, team -12');
    expect(rb.rules[0]).toMatchObject({
      id: 'rude_attitude',
      eventType: 'rude_attitude',
      effects: [{ target: 'personal', kind: 'points', value: -8 }],
      clauses: [
        {
          test: { kind: 'cmp', op: '>', value: 2 },
          window: 'day',
          each: false,
          effects: [
            { target: 'personal', kind: 'points', value: -12 },
            { target: 'team', kind: 'points', value: -12 },
          ],
        },
      ],
    });
    expect(rb.rules[0].text).toBe('rude_attitude: -8 per; >2 => personal -12, team -12');
  });

  it('settings', () => {
    const rb = book('rulebook "咨询组绩效考评"\npoint = 10 yuan\nwindow week\ntimezone "Asia/Shanghai"\nx: -1 per');
    expect(rb).toMatchObject({ format: 'rulecard/1', title: '咨询组绩效考评', pointFen: 1000, window: 'week', timezone: 'Asia/Shanghai' });
    expect(rb.rules[0].clauses).toEqual([]);
    expect(book('分值 = 0.5 元\n窗口 月\nx: -1 每次; >1 => 标记 f').rules[0].clauses[0].window).toBe('month');
  });

  it('a rule spanning several lines, labels, on, where', () => {
    const rb = book(`phone_visit "电话咨询到院"
  on visit
  where channel = "phone" and minutes >= 3:
  10 yuan per,
  team 5 yuan per`);
    expect(rb.rules[0]).toMatchObject({
      label: '电话咨询到院',
      eventType: 'visit',
      where: [
        { field: 'channel', op: '=', value: 'phone' },
        { field: 'minutes', op: '>=', value: 3 },
      ],
      effects: [
        { target: 'personal', kind: 'fen', value: 1000 },
        { target: 'team', kind: 'fen', value: 500 },
      ],
    });
  });

  it('the same rulebook in Chinese keywords compiles to the same program', () => {
    const en = book(`point = 10 yuan
base "基本奖金" on visit where channel != "walk_in": tiers per month; >30 => 50 yuan per; 20..30 => 40 yuan per; else => 10 yuan per
team_bonus on visit: all >= 20 per month => 200 yuan
forfeit: deductions >= 50 per month => flag forfeit
best on vote: rank per month => 1st 150 yuan, 2nd 100 yuan
conv: ratio(paid / visit) per month < 60% each 5% => -50 yuan
surgery: 2% of amount, team 1% of amount
x: -2 per; >=3 each => personal -5, team -5`);
    const zh = book(`分值 = 10 元
base "基本奖金" 对应 visit 当 channel != "walk_in": 分档 每 月; >30 => 50 元 每次; 20..30 => 40 元 每次; 其他 => 10 元 每次
team_bonus 对应 visit: 全员 >= 20 每 月 => 200 元
forfeit: 扣分 >= 50 每 月 => 标记 forfeit
best 对应 vote: 排名 每 月 => 第1名 150 元, 第2名 100 元
conv: 比率(paid / visit) 每 月 < 60% 逐次 5% => -50 元
surgery: 2% 的 金额, 集体 1% 的 金额
x: -2 每次; >=3 逐次 => 个人 -5, 集体 -5`);
    const strip = (rb: typeof en) =>
      rb.rules.map(({ range: _range, text: _text, clauses, ...r }) => ({ ...r, clauses: clauses.map(({ range: _r, ...c }) => c) }));
    expect(strip(zh)).toEqual(strip(en));
  });

  it('accepts full-width punctuation a Chinese keyboard types', () => {
    const rb = book('礼貌用语不规范：-2 每次；>=2 => 个人 -5，集体 -5');
    expect(rb.rules[0].clauses[0].effects).toHaveLength(2);
  });

  it('rank, ratio, ledger and all measures', () => {
    const rb = book(`a on vote: rank points per week => 1st 10 yuan
b: ratio(x / y) per month >= 80% each 5% => 20 yuan
c: team points < 0 per month => team flag neg
d on visit: all >= 1 => 1 yuan`);
    expect(rb.rules.map((r) => r.measure)).toEqual([
      { kind: 'rank', by: 'points' },
      { kind: 'ratio', numerator: 'x', denominator: 'y' },
      { kind: 'ledger', ledger: 'team', quantity: 'points' },
      { kind: 'all' },
    ]);
    expect(rb.rules[1].clauses[0]).toMatchObject({ each: true, eachStep: 5 });
    expect(rb.rules[1].eventType).toBeUndefined();
  });
});

describe('diagnostics', () => {
  it('a typo gets unknown-keyword with a one-click fix (en and zh-CN)', () => {
    const src = 'rude_attitude: -8 per; >2 => personel -12';
    const [en] = compile(src, { locale: 'en' }).diagnostics;
    expect(en).toMatchObject({
      code: 'unknown-keyword',
      severity: 'error',
      range: { start: { line: 1, column: 30, offset: 29 }, end: { line: 1, column: 38, offset: 37 } },
    });
    expect(en.message).toBe('unknown keyword `personel` — did you mean `personal`?');
    expect(en.fix).toMatchObject({ replacement: 'personal' });
    const [zh] = compile(src, { locale: 'zh-CN' }).diagnostics;
    expect(zh.message).toBe('未知关键字 “personel” — 是否应为 “personal”?');
    expect(compile(src).rulebook).toBeNull();
  });

  it('recovers: one bad line never hides the errors of the next', () => {
    const src = `a: -2 per; >= => -5
b: -2 pr
c: -1 per
d: -8 per; >2 => persnal -12`;
    const errs = errorsOf(src);
    expect(errs.map((d) => d.range.start.line)).toEqual([1, 2, 4]);
    expect(errs[2].fix?.replacement).toBe('personal');
  });

  it('an unfinished line does not swallow the next rule', () => {
    expect(codes('b: -2 per; >=2 =>\nc: -1 per')).toEqual(['error:syntax@1']);
  });

  it('keywords run together get a fix that separates them', () => {
    const [d] = errorsOf('x: -5 元每次');
    expect(d).toMatchObject({ code: 'missing-space', fix: { replacement: '元 每次' } });
  });

  it('duplicate rules and settings', () => {
    expect(codes('window day\nwindow week\nx: -1 per\nx: -2 per')).toEqual(['error:duplicate-setting@2', 'error:duplicate-rule@4']);
  });

  it('tier overlaps, gaps and unreachable tiers are warned about', () => {
    expect(
      codes('b on visit: tiers per month; >30 => 50 yuan per; 20..30 => 40 yuan per; 10..20 => 30 yuan per; else => 10 yuan per'),
    ).toEqual(['warning:tier-overlap@1']);
    expect(codes('b on visit: tiers per month; >=20 => 1 yuan; 5..10 => 2 yuan')).toEqual(['warning:tier-gap@1']);
    expect(codes('b on visit: tiers per month; >=10 => 1 yuan; >20 => 2 yuan; else => 0 yuan')).toEqual(['warning:tier-unreachable@1']);
    expect(codes('b on visit: tiers; else => 1 yuan; >2 => 2 yuan')).toEqual(['error:else-not-last@1']);
  });

  it('a threshold that can never fire', () => {
    expect(codes('x: -1 per; < 0 => flag never')).toEqual(['warning:never-fires@1']);
    expect(codes('x: -1 per; 5..2 => flag never')).toEqual(['error:range-empty@1']);
  });

  it('`each` with = or a range is an error', () => {
    expect(codes('x: -1 per; = 3 each => -1 yuan')).toEqual(['error:bad-each@1']);
    expect(codes('x: -1 per; 1..3 each => -1 yuan')).toEqual(['error:bad-each@1']);
  });

  it('a where attribute compared as number here and string there', () => {
    expect(codes('a on late where minutes > 30: -1 per\nb on late where minutes = "long": -1 per')).toEqual([
      'warning:where-type-mismatch@2',
    ]);
  });

  it('money beyond the fen, unknown zone, percent misuse, mixed measures', () => {
    expect(codes('x: -2.555 yuan per')).toEqual(['error:bad-number@1']);
    expect(codes('timezone "Mars/Olympus"')).toEqual(['error:unknown-timezone@1']);
    expect(codes('x: -1 per; > 20% => flag y')).toEqual(['error:percent-unexpected@1']);
    expect(codes('r: ratio(a / b) per month < 60 => -1 yuan')).toEqual(['error:percent-expected@1']);
    expect(codes('x on visit: all >= 2 => 1 yuan; deductions > 3 => flag f')).toEqual(['error:mixed-measures@1']);
  });

  it('a rule-level where on a ratio rule is ratio-where (it would filter both sides: issue 11)', () => {
    const src = 'conv where booked = true: ratio(surgery / visit) per month < 40% each 5% => -60 yuan';
    const result = compile(src, { locale: 'en' });
    expect(result.rulebook).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.range.start.offset, d.range.end.offset])).toEqual([
      ['ratio-where', 'error', 11, 24],
    ]);
    expect(src.slice(11, 24)).toBe('booked = true');
    expect(compile(src, { locale: 'zh-CN' }).diagnostics[0].message).toContain('比率');
  });

  it('suggests a flag or event type that is probably misspelled', () => {
    const ds = compile(
      'a: -1 per; >1 => flag written_warning\nb: -1 per; >2 => flag written_warning\nc: -1 per; >3 => flag writen_warning',
      { locale: 'en' },
    ).diagnostics;
    expect(ds).toEqual([
      expect.objectContaining({
        code: 'similar-name',
        severity: 'warning',
        fix: expect.objectContaining({ replacement: 'written_warning' }),
      }),
    ]);
  });

  it('unknown effect target', () => {
    expect(codes('x: -1 per; >2 => manager -12')).toEqual(['error:unknown-flag-target@1']);
  });

  it('bad characters and unterminated strings', () => {
    expect(codes('x "label: -1 per')).toContain('error:unterminated-string@1');
    expect(codes('x: -1 per $')).toContain('error:bad-character@1');
  });

  it('re-compiling after an edit moves the ranges of unchanged rules (statement cache)', () => {
    const body = 'a: -1 per; >2 => persnal -1\nb "标签": -2 per';
    const before = compile(body, { locale: 'en' });
    expect(before.diagnostics[0].range.start).toEqual({ line: 1, column: 18, offset: 17 });
    const after = compile(`# a new first line\n\n${body}`, { locale: 'en' });
    expect(after.diagnostics[0].range.start).toEqual({ line: 3, column: 18, offset: 17 + 20 });
    expect(after.diagnostics[0].fix?.range.start.line).toBe(3);
    const ok = compile(`x: 1 per\n${body.replace('persnal', 'personal')}`, { locale: 'en' }).rulebook;
    expect(ok?.rules.map((r) => [r.id, r.range.start.line, r.range.start.offset])).toEqual([
      ['x', 1, 0],
      ['a', 2, 9],
      ['b', 3, 38],
    ]);
    expect(ok?.rules[2].text).toBe('b "标签": -2 per');
  });

  it('never throws and returns null exactly when there is an error', () => {
    for (const src of ['', '\n\n', ':::', 'x:', '=> => =>', '"', '#', 'rank', 'x: rank per month =>', '第1名', '1st', '((((']) {
      const r = compile(src);
      expect(r.rulebook === null).toBe(r.diagnostics.some((d) => d.severity === 'error'));
    }
    expect(compile('').rulebook?.rules).toEqual([]);
  });
});
