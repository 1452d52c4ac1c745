/** A rule's label in English (`rude_attitude "态度无礼" en "Rude attitude"`) and the info on rules that bind the same events. */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';

const codes = (source: string) => compile(source, { locale: 'en' }).diagnostics.map((d) => `${d.code}:${d.severity}`);

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
  it('two rules on the same type and filters: an info naming the first, in both languages', () => {
    const src = 'fee "预约提成" on booking: 5 yuan per\ntarget "有效预约" on booking: <25 per month each => -20 yuan';
    const [d] = compile(src, { locale: 'en' }).diagnostics;
    expect(d).toMatchObject({ code: 'same-binding', severity: 'info', range: { start: { line: 2, column: 1 } } });
    expect(d.message).toBe(
      'rule `target` scores the same events as rule `fee` on line 1 (booking, same filters): each such event counts under both',
    );
    expect(compile(src, { locale: 'zh-CN' }).diagnostics[0].message).toContain('与第 1 行的规则 “fee” 计同样的事件');
    // An info is not an error: the rulebook compiles.
    expect(compile(src).rulebook).not.toBeNull();
  });

  it('different filters, different types, or a rule named by its type and another `on` it', () => {
    expect(codes('a on late where minutes > 60: -1 per\nb on late: >=3 per month => flag warned')).toEqual([]);
    expect(codes('a on late where minutes > 60: -1 per\nb on late where minutes > 30: -1 per')).toEqual([]);
    expect(codes('late: -1 per\nb on late: >=3 per month => flag warned')).toEqual(['same-binding:info']);
    const v2 = compile('a on x, y: -1 per\nb on y, x: -2 per', { locale: 'en', version: 2 }).diagnostics;
    expect(v2.map((d) => d.code)).toEqual(['same-binding']);
  });
});
