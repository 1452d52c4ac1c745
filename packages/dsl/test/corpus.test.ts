/**
 * The corpus `grammar/corpus/`: `valid/*.rules` check with no error (their
 * examples pass), and
 * `invalid/<code>/*.rules` yield exactly their code — one directory per
 * diagnostic code, every code of `messages.ts`. The directives a file may
 * carry are read by corpus/corpus.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, type Diagnostic } from '../src/index.js';
import { checkRulebook } from '../src/examples.js';
import { checkCorpusFile, corpusDir as corpus, rulesIn as rulesOf } from './corpus/corpus.mjs';

const rulesIn = (dir: string) => rulesOf(path.relative(corpus, dir));
const check = (file: string) => checkCorpusFile(file);

/** Every range inside the file, its line/column agreeing with its offset. */
function rangesAgree(source: string, ds: Diagnostic[]): void {
  for (const d of ds)
    for (const p of [d.range.start, d.range.end]) {
      expect(p.offset).toBeGreaterThanOrEqual(0);
      expect(p.offset).toBeLessThanOrEqual(source.length);
      const before = source.slice(0, p.offset).split('\n');
      expect([p.line, p.column], `${d.code} at ${p.offset}`).toEqual([before.length, before[before.length - 1].length + 1]);
    }
}

describe('grammar/corpus/invalid: each file yields exactly its code', () => {
  const codes = readdirSync(path.join(corpus, 'invalid')).sort();

  it('there is a directory for every diagnostic code, and no other', () => {
    expect(codes).toEqual(
      Object.keys(MESSAGES)
        .filter((c) => c !== 'fix-replace')
        .sort(),
    );
  });

  for (const code of codes)
    for (const name of rulesIn(path.join(corpus, 'invalid', code)))
      it(`${code}/${name}`, () => {
        const file = path.join(corpus, 'invalid', code, name);
        const { diagnostics, tolerated } = check(file);
        expect(diagnostics.length).toBeGreaterThan(0);
        // `# corpus: with CODE`: a code that cannot come alone (too-many-errors needs other errors first)
        expect([...new Set(diagnostics.map((d) => d.code).filter((c) => c !== tolerated))]).toEqual([code]);
        rangesAgree(readFileSync(file, 'utf8'), diagnostics);
      });
});

describe('grammar/corpus/valid: no error or warning, examples pass', () => {
  for (const name of rulesIn(path.join(corpus, 'valid')))
    it(name, () => {
      const { diagnostics, statuses, format } = check(path.join(corpus, 'valid', name));
      // infos (`same-binding`: two rules counting the same events, usually meant) are not problems
      expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}@${d.range.start.line}: ${d.message}`)).toEqual([]);
      expect(statuses.length).toBeGreaterThan(0);
      expect(format).toMatch(/^rulecard\/[12]$/);
      expect(statuses).toEqual(statuses.map(() => 'pass'));
    });
});

describe('grammar/README.md: the rulebooks it shows compile', () => {
  const readme = readFileSync(path.join(corpus, '../README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('both screens (English and Chinese keywords), with no error and no warning', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks.slice(0, 2))
      expect(
        checkRulebook(block, { locale: 'en' })
          .diagnostics.filter((d) => d.code !== 'example-not-run' && d.severity !== 'info')
          .map((d) => `${d.code}@${d.range.start.line}`),
      ).toEqual([]);
  });
});
