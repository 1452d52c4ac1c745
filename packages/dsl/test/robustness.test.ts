/**
 * Issue 14 items 16 and 17 (front end): a lone CR is a line break for the
 * lexer and for the line map alike, the statement cache never carries a shift
 * into a later file, the tier check agrees with the pairwise reference it
 * replaced, and rulebooks beyond the limits are refused with `too-large`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type Diagnostic } from '../src/index.js';
import { clearStatementCache, RULEBOOK_LIMITS } from '../src/compile.js';

const shape = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, fix: d.fix }));
const v2 = (src: string) => compile(src, { locale: 'en', version: 2 }).diagnostics;

/** Line/column of an offset, counting `\r\n`, `\r` and `\n` as line breaks (as editors do). */
function lineColumn(source: string, offset: number): [number, number] {
  const lines = source.slice(0, offset).split(/\r\n|\r|\n/);
  return [lines.length, lines[lines.length - 1].length + 1];
}

describe('a lone CR (issue 14 item 16)', () => {
  it('is a line break for the lexer and the line map alike: the fuzzed case', () => {
    clearStatementCache();
    const src = 'a: -8 per\rbb\n';
    const ds = v2(src);
    expect(ds.map((d) => [d.code, d.range.start.line, d.range.start.column, d.range.start.offset])).toEqual([['syntax', 2, 3, 12]]);
    for (const d of ds) for (const p of [d.range.start, d.range.end]) expect([p.line, p.column]).toEqual(lineColumn(src, p.offset));
  });

  it('the statement cache never carries a shift into a later, clean file (warm == cold)', () => {
    clearStatementCache();
    v2('a: -8 per\rbb\n');
    const clean = 'a: -8 per\nbb\n';
    const warm = shape(v2(clean));
    clearStatementCache();
    expect(warm).toEqual(shape(v2(clean)));
    expect(warm.map((d) => [d.range.start.line, d.range.start.column])).toEqual([[2, 3]]);
  });

  it('CR, LF and CRLF give the same diagnostics line for line', () => {
    const lines = ['x: -8 per; >2 => personel -12', 'y "unterminated: -1 per', 'z: -1 per $'];
    const by = (eol: string) => v2(lines.join(eol) + eol).map((d) => [d.code, d.range.start.line, d.range.start.column]);
    expect(by('\r')).toEqual(by('\n'));
    expect(by('\r\n')).toEqual(by('\n'));
  });

  it('any mix of line breaks: ranges agree with their offsets, warm == cold', () => {
    const piece = fc.constantFrom('a: -8 per', 'bb', '; >2 => personal -12', 'x "l', ' ', '\r', '\n', '\r\n', '扣5分', '#c', 'rank', '=>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(piece, { maxLength: 30 }), (a, b) => {
        const first = a.join('');
        const second = b.join('');
        v2(first);
        const warm = shape(v2(second));
        for (const d of warm)
          for (const p of [d.range.start, d.range.end]) expect([p.line, p.column]).toEqual(lineColumn(second, p.offset));
        clearStatementCache();
        expect(warm).toEqual(shape(v2(second)));
      }),
      { numRuns: 300 },
    );
  });
});

/** The pairwise tier check the segment tree replaced (O(n² log n)), as the reference. */
function referenceTiers(ivs: [number, number][]): string[] {
  const out: string[] = [];
  const seen: { iv: [number, number]; n: number }[] = [];
  const covered = (iv: [number, number], others: [number, number][]) => {
    let lo = iv[0];
    for (const o of [...others].sort((x, y) => x[0] - y[0])) {
      if (o[0] > lo) break;
      if (o[1] >= iv[1]) return true;
      if (o[1] >= lo) lo = o[1] + 1;
      if (lo > iv[1]) return true;
    }
    return lo > iv[1];
  };
  ivs.forEach((iv, i) => {
    if (iv[0] > iv[1]) return;
    for (const prev of seen) {
      const lo = Math.max(prev.iv[0], iv[0]);
      if (lo <= Math.min(prev.iv[1], iv[1])) {
        if (
          covered(
            iv,
            seen.map((s) => s.iv),
          )
        )
          out.push(`tier-unreachable ${i + 1}`);
        else out.push(`tier-overlap ${lo} ${prev.n} ${i + 1}`);
        break;
      }
    }
    seen.push({ iv, n: i + 1 });
  });
  return out;
}

describe('tier overlaps in O(n log n) (issue 14 item 17)', () => {
  it('agrees with the pairwise check it replaced, on random tiers', () => {
    const tier = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(fc.array(tier, { minLength: 1, maxLength: 12 }), (raw) => {
        const ivs = raw.map(([lo, len]) => [lo, lo + len] as [number, number]);
        const src = `x: tiers per month; ${ivs.map(([lo, hi]) => `${lo}..${hi} => 1 yuan per`).join('; ')}; else => 0 yuan`;
        const got = v2(src)
          .filter((d) => d.code === 'tier-overlap' || d.code === 'tier-unreachable')
          .map((d) =>
            d.code === 'tier-unreachable'
              ? d.message.replace(/^tier (\d+) can never apply.*$/, 'tier-unreachable $1')
              : d.message.replace(/^tiers overlap: (\d+) falls in tier (\d+) and tier (\d+).*$/, 'tier-overlap $1 $2 $3'),
          );
        expect(got).toEqual(referenceTiers(ivs));
      }),
      { numRuns: 400 },
    );
  });

  it('open-ended tiers (`> N`) and a gap', () => {
    expect(v2('x: tiers per month; > 5 => 1 yuan per; > 10 => 2 yuan per; 3..7 => 3 yuan per').map((d) => d.message)).toEqual([
      'tiers leave a gap: 0 matches no tier and there is no `else`',
      'tier 2 can never apply: earlier tiers cover it',
      'tiers overlap: 6 falls in tier 1 and tier 3 (only the first applies)',
    ]);
  });
});

describe('limits (too-large)', () => {
  it('a rulebook longer than the limit is refused without being parsed', () => {
    const src = `x: -1 per\n${'#'.repeat(RULEBOOK_LIMITS.characters)}`;
    const r = compile(src, { locale: 'en', version: 2 });
    expect(r.rulebook).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['too-large', `the length of the rulebook in characters exceeds the limit of 200000 (${src.length})`],
    ]);
  });

  it('a rule with more clauses than the limit', () => {
    const src = `x: -1 per; ${Array.from({ length: RULEBOOK_LIMITS.clauses }, (_, i) => `> ${i} => -1`).join('; ')}\ny: -1 per\n`;
    expect(v2(src).map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'too-large',
        1,
        `the number of clauses (tiers) of a rule exceeds the limit of ${RULEBOOK_LIMITS.clauses} (${RULEBOOK_LIMITS.clauses + 1})`,
      ],
    ]);
  });

  it('more statements than the limit', () => {
    const src = Array.from({ length: RULEBOOK_LIMITS.statements + 1 }, (_, i) => `r${i}: -1 per`).join('\n');
    expect(v2(src).map((d) => [d.code, d.range.start.line])).toEqual([['too-large', RULEBOOK_LIMITS.statements + 1]]);
  });

  it('a statement of more words than the limit', () => {
    const src = `x on a where ${Array.from({ length: RULEBOOK_LIMITS.statementTokens / 4 + 1 }, (_, i) => `f${i} = 1`).join(' and ')}: -1 per\n`;
    expect(v2(src).map((d) => d.code)).toEqual(['too-large']);
  });
});
