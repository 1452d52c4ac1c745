/**
 * The fuzzer (issue 14 "The harness") in its bounded form: 10,000 inputs
 * from a fixed seed through compile() and, every 100th, the CLI's check and
 * test. `npm run fuzz` runs 1,000,000 (figures in the README).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, fuzz, input, rng, seedFiles } from './fuzz/fuzzer.mjs';

describe('fuzzing compile() and the CLI', () => {
  it('10,000 inputs: no crash, every range in the file and agreeing with its offset, warm == cold, none under 100 KB over 100 ms', async () => {
    const stats = await fuzz({ count: 10_000, seed: 20261103, cliEvery: 100 });
    expect(stats.failures).toEqual([]);
    expect(stats.inputs).toBe(10_000);
    expect(stats.cliRuns).toBe(100);
  }, 120_000);

  it('the fuzzer is reproducible from its seed and reaches the hostile inputs it is meant to', () => {
    const seeds = seedFiles();
    const a = rng(7);
    const b = rng(7);
    const inputs = Array.from({ length: 2000 }, () => input(a, seeds));
    expect(Array.from({ length: 2000 }, () => input(b, seeds))).toEqual(inputs);
    const all = inputs.join('');
    for (const needle of ['\r', '\r\n', '\u0000', '\uD800', '－', '扣', '、', '每天', 'example'])
      expect(all, JSON.stringify(needle)).toContain(needle);
  });

  it('checks what it claims: a lone CR case and a huge line hold', () => {
    expect(check('a: -8 per\rbb\n').problems).toEqual([]);
    const huge = check(`x: ${'-8 per, '.repeat(10_000)}`);
    expect(huge.problems).toEqual([]);
  });

  it("what the million-input run found: a statement given up at its end-of-input check kept Chevrotain's EOF padding, and a fix range ended at NaN", () => {
    // input 957172 of `npm run fuzz` (seed 20261103): a rule head without its `:` running into an example
    const source = readFileSync(path.join(__dirname, 'fixtures/fuzz-957172.rules'), 'utf8');
    expect(check(source).problems).toEqual([]);
  });
});
