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
    const v1 = await store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true });
    expect(v1.compiled).to.deep.equal(compiled(SOURCE));
    expect(v1.compiled.pointFen).to.equal(1000);
    const same = reversedKeys(compiled(SOURCE)) as CompiledRulebook;
    const v2 = await store.publishRulebook({
      source: SOURCE,
      compiled: same,
      author: 'm1',
      effectiveFrom: '2026-12-01',
      confirmPastDate: true,
    });
    expect(v2.compiled).to.deep.equal(compiled(SOURCE));
  });

  it('deletes the draft it completes in the same commit, and keeps a newer one (typed in another tab meanwhile)', async () => {
    const at = { author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true };
    const draft = await store.saveDraft({ editor: 'm1', source: SOURCE });
    await store.publishRulebook({ source: SOURCE, ...at, draftRev: draft.rev });
    expect(await store.getDraft('m1')).to.equal(undefined);
    // the editor saved rev 1, another tab of the same manager saved rev 2 since: that draft stays
    const mine = await store.saveDraft({
      editor: 'm1',
      source: `${SOURCE}
# mine`,
    });
    const newer = await store.saveDraft({
      editor: 'm1',
      source: `${SOURCE}
# newer`,
      expectedRev: mine.rev,
    });
    const v2 = await store.publishRulebook({
      source: `${SOURCE}
# mine`,
      ...at,
      draftRev: mine.rev,
    });
    expect(v2.version).to.equal(2);
    expect(await store.getDraft('m1')).to.deep.include({
      rev: newer.rev,
      source: `${SOURCE}
# newer`,
    });
    // a draft deleted meanwhile: published all the same
    await store.deleteDraft('m1');
    expect((await store.publishRulebook({ source: SOURCE, ...at, draftRev: 5 })).version).to.equal(3);
    const bad = await expectError(store.publishRulebook({ source: SOURCE, ...at, draftRev: 'x' as never }), 'validation');
    expect(bad.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['draftRev:type']);
  });

  it('refuses a program that does not match its source (source: 1 point = 10 yuan, program: 1,000 yuan)', async () => {
    const forged = { ...compiled(SOURCE), pointFen: 100000 };
    const err = await expectError(
      store.publishRulebook({ source: SOURCE, compiled: forged, author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['compiled:compiled-mismatch']);
    expect(err.text('en')).to.contain('does not match the source');
    expect(await store.listRulebookVersions()).to.deep.equal([]);
  });

  it('refuses a source with errors, with its diagnostics', async () => {
    const err = await expectError(
      store.publishRulebook({
        source: 'rude_attitude: -8 per\nrude_attitude: -9 per',
        author: 'm1',
        effectiveFrom: '2026-11-01',
        confirmPastDate: true,
      }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['source:rulebook-errors']);
    const diagnostics = err.details.diagnostics as { code: string; severity: string; range: { start: { line: number } } }[];
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).to.deep.equal([['duplicate-rule', 'error', 2]]);
    expect(await store.listRulebookVersions()).to.deep.equal([]);
  });

  // Issue 11 (LANGUAGE.md §9.14): the store publishes what `rulecard check` accepts — the whole language, and the rulebook's
  // own examples must hold.
  const WITH_EXAMPLE = (expected: number) =>
    [
      'rude_attitude "态度粗暴": -8 per',
      'example "两次无礼":',
      '  given rude_attitude x2 on 2026-11-03 by c01',
      `  expect c01 points ${expected}`,
    ].join('\n');

  it('a rulebook whose own example holds is published; one whose example fails is refused with example-failed', async () => {
    const v1 = await store.publishRulebook({ source: WITH_EXAMPLE(-16), author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true });
    expect(v1.compiled.rules.map((r) => r.id)).to.deep.equal(['rude_attitude']);
    const err = await expectError(
      store.publishRulebook({ source: WITH_EXAMPLE(-10), author: 'm1', effectiveFrom: '2026-12-01', confirmPastDate: true }),
      'validation',
    );
    const diagnostics = err.details.diagnostics as { code: string; range: { start: { line: number } } }[];
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).to.deep.equal([['example-failed', 4]]);
    expect((await store.listRulebookVersions()).map((v) => v.version)).to.deep.equal([1]);
  });

  it('a rulebook in the language of version 2 (a pay item, a lead effect) is published as a rulecard/2 program', async () => {
    const source = ['pay base "基本工资"', 'absent "旷工": 50% of base per, lead -2 per'].join('\n');
    const v = await store.publishRulebook({ source, author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true });
    expect(v.compiled.format).to.equal('rulecard/2');
    expect(v.compiled.pay).to.deep.equal([{ name: 'base', label: '基本工资' }]);
  });
});

// Issue 12 problem 2: publishing you cannot get wrong. The store's clock says it is 10 November 2026, 10:00 in Shanghai.
describe('publishing: the effective date, the note, withdrawing a version not yet in effect', () => {
  const NOW = new Date('2026-11-10T02:00:00Z');
  /** The store's clock: NOW, moved only to record an event after it happened. */
  let clock = NOW;
  const manager = { by: 'm1', role: 'manager' as const };
  let store: RulecardStore;
  beforeEach(async () => {
    clock = NOW;
    ({ store } = await freshStore({ now: () => clock }));
    await seedRoster(store);
  });
  afterEach(() => store.close());

  it('refuses an empty, invalid or (unconfirmed) past effective date; today and later publish with their note', async () => {
    const reasons = async (effectiveFrom: string, confirmPastDate?: boolean) =>
      (await expectError(store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom, confirmPastDate }), 'validation')).fields.map(
        (f) => `${f.field}:${f.reason}`,
      );
    expect(await reasons('')).to.deep.equal(['effectiveFrom:required']);
    expect(await reasons('2026-11-3')).to.deep.equal(['effectiveFrom:date']);
    expect(await reasons('2026-02-30')).to.deep.equal(['effectiveFrom:date']);
    expect(await reasons('2026-11-09')).to.deep.equal(['effectiveFrom:past-date']);
    expect(await store.listRulebookVersions()).to.deep.equal([]);
    const today = await store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom: '2026-11-10', note: ' 态度扣分 ' });
    expect([today.version, today.effectiveFrom, today.note, today.publishedAt]).to.deep.equal([
      1,
      '2026-11-10',
      '态度扣分',
      NOW.toISOString(),
    ]);
    const backdated = await store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true });
    expect(backdated.version).to.equal(2);
    const long = await expectError(
      store.publishRulebook({ source: SOURCE, author: 'm1', effectiveFrom: '2026-12-01', note: '长'.repeat(501) }),
      'validation',
    );
    expect(long.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['note:too-long']);
  });

  it('withdraws a scheduled version (kept in the history, never in effect, not scored); one in effect cannot be', async () => {
    const v1 = 'rude_attitude "态度粗暴": -8 per';
    const v2 = 'rude_attitude "态度粗暴": -20 per';
    await store.publishRulebook({ source: v1, author: 'm1', effectiveFrom: '2026-11-01', confirmPastDate: true });
    await store.publishRulebook({ source: v2, author: 'm1', effectiveFrom: '2026-11-20', note: '加重' });
    // an incident of the 25th, recorded after it happened (a store refuses events later than its now)
    clock = new Date('2026-11-26T02:00:00Z');
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-25T10:00:00+08:00' }, { by: 'm1' });
    clock = NOW;
    expect((await store.rulebookHistory()).versions.map((v) => [v.version.version, v.state])).to.deep.equal([
      [1, 'in-force'],
      [2, 'scheduled'],
    ]);
    expect(await store.setupStatus()).to.deep.equal({
      today: '2026-11-10',
      teams: 2,
      members: 5,
      scored: 4,
      rulebook: { version: 1, effectiveFrom: '2026-11-01' },
      scheduled: { version: 2, effectiveFrom: '2026-11-20' },
    });
    const before = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(before.scorecards.consultants.c1.points).to.equal(-20);

    await expectError(store.withdrawRulebook('default', 2, { reason: '' }, manager), 'validation');
    await expectError(store.withdrawRulebook('default', 2, { reason: '再议' }, { by: 'l1', role: 'lead' }), 'forbidden');
    const withdrawn = await store.withdrawRulebook('default', 2, { reason: '再议' }, manager);
    expect(withdrawn.withdrawn).to.deep.equal({ at: NOW.toISOString(), by: 'm1', reason: '再议' });
    const inEffect = await expectError(store.withdrawRulebook('default', 1, { reason: '错' }, manager), 'validation');
    expect(inEffect.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['version:in-effect']);
    const again = await expectError(store.withdrawRulebook('default', 2, { reason: '再议' }, manager), 'validation');
    expect(again.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['version:withdrawn']);
    await expectError(store.withdrawRulebook('default', 9, { reason: '无' }, manager), 'not-found');

    expect((await store.rulebookHistory()).versions.map((v) => [v.version.version, v.state])).to.deep.equal([
      [1, 'in-force'],
      [2, 'withdrawn'],
    ]);
    expect((await store.rulebookInEffect('2026-11-25'))?.version).to.equal(1);
    const after = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(after.scorecards.consultants.c1.points).to.equal(-8);
    expect(after.versions.map((v) => v.version)).to.deep.equal([1]);
  });
});
