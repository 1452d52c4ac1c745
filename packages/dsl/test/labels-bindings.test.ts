/** A rule's label in English (`rude_attitude "态度无礼" en "Rude attitude"`) and the info on rules that bind the same events. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';

const codes = (source: string) => compile(source, { locale: 'en', version: 2 }).diagnostics.map((d) => `${d.code}:${d.severity}`);

describe('rule labels per language', () => {
  it('`en "…"` (or `英文 "…"`) after the label: compiled as labels.en, presentation only (still a version-1 program)', () => {
    for (const word of ['en', '英文']) {
      const { rulebook, diagnostics } = compile(`rude_attitude "态度无礼" ${word} "Rude attitude": -8 per; >2 => -12`);
      expect(diagnostics).toEqual([]);
      expect(rulebook!.format).toBe('rulecard/1');
      expect(rulebook!.rules[0]).toMatchObject({ label: '态度无礼', labels: { en: 'Rude attitude' } });
      expect(rulebook!.rules[0].text).toBe(`rude_attitude "态度无礼" ${word} "Rude attitude": -8 per; >2 => -12`);
    }
    // Without it, the program is as before (no `labels` key at all).
    expect(Object.keys(compile('rude_attitude "态度无礼": -8 per').rulebook!.rules[0])).not.toContain('labels');
  });

  it('an unknown language is an error with a fix to `en`; the same language twice is an error', () => {
    const fr = compile('x "甲" fr "Un": -1 per', { locale: 'zh-CN' }).diagnostics;
    expect(fr).toHaveLength(1);
    expect(fr[0]).toMatchObject({ code: 'label-locale', severity: 'error', fix: { replacement: 'en' } });
    expect(fr[0].message).toContain('未知的标签语言 “fr”');
    expect(codes('x "甲" en "A" en "B": -1 per')).toEqual(['label-locale:error']);
  });
});

describe('rules binding the same events (info)', () => {
  it('two rules on the same type and filters that score them the same way: an info naming the first, in both languages', () => {
    const src = 'fee "预约提成" on booking: 5 yuan per\nbonus "预约奖励" on booking: 2 yuan per';
    const [d] = compile(src, { locale: 'en' }).diagnostics;
    expect(d).toMatchObject({ code: 'same-binding', severity: 'info', range: { start: { line: 2, column: 1 } } });
    expect(d.message).toBe(
      'rule `bonus` scores the same events the same way as rule `fee` on line 1 (booking, same filters): each such event counts under both — a duplicate?',
    );
    expect(compile(src, { locale: 'zh-CN' }).diagnostics[0].message).toContain('与第 1 行的规则 “fee” 以同样方式计同样的事件');
    // An info is not an error: the rulebook compiles.
    expect(compile(src).rulebook).not.toBeNull();
    // The same measure in the same window twice (two monthly counts of bookings) is the same way too.
    expect(codes('a on booking: <25 per month each => -20 yuan\nb on booking: >=40 per month => 100 yuan')).toEqual(['same-binding:info']);
    // A rule pasted twice with its clauses.
    expect(codes('late: -1 per; >=3 per month => flag warned\nb on late: -1 per; >=3 per month => flag warned')).toEqual([
      'same-binding:info',
    ]);
  });

  it('rules meant to stack are quiet: the same events scored another way (per event vs a window, another measure or window)', () => {
    // A commission per booking and a monthly target on bookings (issue 12's example, clinic.rules' appointment pair).
    expect(codes('fee on booking: 5 yuan per\ntarget on booking: <25 per month each => -20 yuan')).toEqual([]);
    // A percentage per surgery and the month's average amount / the month's total against a target.
    expect(codes('surgery: 2% of amount\nlow on surgery: avg(amount) < 10000 per month => flag low')).toEqual([]);
    // Tiers of the month's visits and a bonus when everyone reaches 20.
    expect(
      codes(
        'base on visit: tiers per month; >=30 => 50 yuan per; else => 10 yuan per\nteam_bonus on visit: all >= 20 per month => 200 yuan',
      ),
    ).toEqual([]);
    // A count per day and a count per month; a per-event penalty and a monthly flag.
    expect(codes('a on late: >=2 per day => -5\nb on late: >=3 per month => flag warned')).toEqual([]);
    expect(codes('late: -1 per\nb on late: >=3 per month => flag warned')).toEqual([]);
    // A rule that scores nothing per event (`0 per`) only counts for its clause.
    expect(codes('late: -1 per\nb on late: 0 per; >=3 per month => flag warned')).toEqual([]);
  });

  it('different filters or different types: quiet whatever the scoring', () => {
    expect(codes('a on late where minutes > 60: -1 per\nb on late: -1 per')).toEqual([]);
    expect(codes('a on late where minutes > 60: -1 per\nb on late where minutes > 30: -1 per')).toEqual([]);
    expect(codes('late: -1 per\nb on late, absence: -1 per')).toEqual([]);
    const v2 = compile('a on x, y: -1 per\nb on y, x: -2 per', { locale: 'en', version: 2 }).diagnostics;
    expect(v2.map((d) => d.code)).toEqual(['same-binding']);
  });

  it('names the first earlier rule of another id sharing a scoring, with ids repeated (a block pasted twice)', () => {
    const src = [
      'x on booking: 5 yuan per',
      'x on booking: 5 yuan per',
      'z on booking: >=3 per month => flag f',
      'y on booking: 2 yuan per',
      'x on booking: 5 yuan per',
      'w on booking: 1 yuan per; >=3 per month => flag g',
      'v on booking: >=5 per month => flag h',
    ].join('\n');
    const infos = compile(src, { locale: 'en', version: 2 })
      .diagnostics.filter((d) => d.code === 'same-binding')
      .map((d) => [d.range.start.line, /rule `(\w+)` scores .* as rule `(\w+)` on line (\d+)/.exec(d.message)?.slice(1).join(' ')]);
    expect(infos).toEqual([
      [4, 'y x 1'],
      [5, 'x y 4'],
      [6, 'w x 1'],
      [7, 'v z 3'],
    ]);
  });

  it('the example rulebooks: no same-binding info (their pairs on one binding score differently)', () => {
    for (const file of ['clinic.rules', 'clinic-en.rules', 'center.rules']) {
      const source = readFileSync(new URL(`../../../examples/rulebooks/${file}`, import.meta.url), 'utf8');
      const { diagnostics } = compile(source, { locale: 'en', version: 2 });
      expect(
        diagnostics.filter((d) => d.code === 'same-binding').map((d) => d.message),
        file,
      ).toEqual([]);
    }
  });
});
