// Publishing compiles from the source: a program the client sends is never stored, and one that differs is refused.
import { expect } from '@esm-bundle/chai';
import type { CompiledRulebook } from '@rulecard/dsl';
import type { RulecardStore } from '../src/index.js';
import { compiled, expectError, freshStore, seedRoster } from './helpers.js';

const SOURCE = 'rulebook "考评"\npoint = 10 yuan\nrude_attitude "态度粗暴": -8 per';

/** The same object with its keys in reverse order, recursively (the same program, serialised differently). */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .reverse()
      .map((k) => [k, reversedKeys((v as Record<string, unknown>)[k])]),
  );
}

describe('publishRulebook compiles the source itself', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
  });
  afterEach(() => store.close());

  it('stores its own compile of the source; a program sent along must be that program', async () => {
    const v1 = await store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom: '2026-11-01' });
    expect(v1.compiled).to.deep.equal(compiled(SOURCE));
    expect(v1.compiled.pointFen).to.equal(1000);
    const same = reversedKeys(compiled(SOURCE)) as CompiledRulebook;
    const v2 = await store.publishRulebook({ source: SOURCE, compiled: same, author: 'm1', effectiveFrom: '2026-12-01' });
    expect(v2.compiled).to.deep.equal(compiled(SOURCE));
  });

  it('refuses a program that does not match its source (source: 1 point = 10 yuan, program: 1,000 yuan)', async () => {
    const forged = { ...compiled(SOURCE), pointFen: 100000 };
    const err = await expectError(
      store.publishRulebook({ source: SOURCE, compiled: forged, author: 'm1', effectiveFrom: '2026-11-01' }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['compiled:compiled-mismatch']);
    expect(err.text('en')).to.contain('does not match the source');
    expect(await store.listRulebookVersions()).to.deep.equal([]);
  });

  it('refuses a source with errors, with its diagnostics', async () => {
    const err = await expectError(
      store.publishRulebook({ source: 'rude_attitude: -8 per\nrude_attitude: -9 per', author: 'm1', effectiveFrom: '2026-11-01' }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['source:rulebook-errors']);
    const diagnostics = err.details.diagnostics as { code: string; severity: string; range: { start: { line: number } } }[];
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).to.deep.equal([['duplicate-rule', 'error', 2]]);
    expect(await store.listRulebookVersions()).to.deep.equal([]);
  });
});
