// The heavy parts of the store load only when their methods are called (own file: a fresh page).
import { expect } from '@esm-bundle/chai';
import type { RulecardStore } from '../src/index.js';

// The test page loads hundreds of modules: keep every resource timing entry (the default buffer holds 250),
// raised before the store and the DSL are imported (dynamically, below).
const entriesAtStart = performance.getEntriesByType('resource').length;
performance.setResourceTimingBufferSize(100_000);

const fetched = (): string[] => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
/** Store modules this page has fetched so far (module requests show in resource timing). */
const loaded = (): string[] =>
  fetched()
    .filter((p) => p.includes('/packages/store/src/'))
    .map((p) => p.slice(p.lastIndexOf('/') + 1).replace(/\.js$/, '.ts'));
/** The rulebook compiler: the DSL's parser and compiler, and Chevrotain. */
const parser = (): string[] => fetched().filter((p) => /packages\/dsl\/src\/(parser|compile|check|tokens)\.ts$|\/chevrotain\//.test(p));

describe('loading on demand', () => {
  let store: RulecardStore;
  afterEach(() => store.close());

  // First in this file (mocha runs in order): nothing has written yet, so this page has fetched no write code.
  it('a page that only reads loads no write path, sync or scoring code; the migrations only for a new database', async () => {
    expect(entriesAtStart).to.be.lessThan(250);
    const { openStore } = await import('../src/open.js');
    const name = `rc-lazy-read-${Date.now()}`;
    store = await openStore({ name });
    // A new database: opening loaded the migrations (they created every object store).
    expect(loaded()).to.include('migrations.ts');
    store.close();
    store = await openStore({ name });
    const month = { from: '2026-11-01', to: '2026-11-30' };
    expect(await store.listCallLogs({ consultant: 'c1' }, month)).to.deep.equal([]);
    expect(await store.listEvents({ team: 't1' }, month)).to.deep.equal([]);
    expect(await store.listAppeals({ team: 't1' }, month)).to.deep.equal([]);
    expect(await store.listMembers()).to.deep.equal([]);
    expect(await store.getMember('c1')).to.equal(undefined);
    expect((await store.setupStatus()).teams).to.equal(0);
    expect(await store.rulebookInEffect('2026-11-03')).to.equal(undefined);
    // A malformed range is refused with the same field reason as the validation's, without loading it.
    const refused = await store.listCallLogs({ consultant: 'c1' }, { from: '2026-11', to: '2026-11-30' }).catch((e: unknown) => e);
    expect((refused as { fields: { field: string; reason: string }[] }).fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal([
      'from:date',
    ]);
    const writeCode = ['writes.ts', 'call-logs.ts', 'events.ts', 'appeals.ts', 'periods.ts', 'roster-writes.ts', 'rulebook-writes.ts'];
    const commitCode = ['idb-commit.ts', 'log-days.ts', 'event-days.ts'];
    const validation = ['field-reasons.ts', 'call-log-rules.ts', 'setup-reasons.ts'];
    const elsewhere = ['synced-store.ts', 'idb-sync.ts', 'outbox.ts', 'sync-client.ts', 'score.ts', 'io.ts', 'index.ts'];
    for (const m of [...writeCode, ...commitCode, ...validation, ...elsewhere]) expect(loaded(), m).not.to.include(m);
    // The first write loads them; the sync code still waits for a sync call.
    await store.putTeam({ id: 't1', name: '网络咨询组' });
    expect(loaded()).to.include.members(['writes.ts', 'roster-writes.ts', 'idb-commit.ts']);
    expect(loaded()).not.to.include('synced-store.ts');
    expect((await store.syncState()).connected).to.equal(false);
    expect(loaded()).to.include('synced-store.ts');
  });

  it('reads, writes and subscriptions do not load scoring, CSV or JSON import; their methods do', async () => {
    // Nothing was dropped before the buffer was raised, so an absent module was really not fetched.
    expect(entriesAtStart).to.be.lessThan(250);
    // Not the shared helpers: they compile rulebooks for other tests (and would load the parser here).
    const { openStore } = await import('../src/index.js');
    store = await openStore({ name: `rc-lazy-${Date.now()}` });
    const seedRoster = async (s: RulecardStore): Promise<void> => {
      await s.putTeam({ id: 't1', name: '网络咨询组' });
      await s.putMember({ id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' });
    };
    const fullLog = () => ({
      date: '2026-11-03',
      time: '09:30',
      consultant: 'c1',
      channel: 'phone' as const,
      booked: false,
      followUpPromised: false,
    });
    const seen: unknown[] = [];
    const stop = store.subscribe((c) => seen.push(c));
    await seedRoster(store);
    const log = await store.createCallLog(fullLog(), { by: 'c1' });
    await store.updateCallLog(log.id, { visitedAt: '2026-11-05T10:20' }, { by: 'c1', expectedRev: log.rev });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T10:00' }, { by: 'm1' });
    await store.listEvents({ team: 't1' }, { from: '2026-11-01', to: '2026-11-30' });
    await store.listCallLogs({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    await store.listAppeals({ team: 't1' }, { from: '2026-11-01', to: '2026-11-30' });
    await store.saveFormDraft({ id: 'tab', form: 'call-log', value: {} }, { by: 'c1' });
    stop();
    expect(seen.length).to.be.greaterThan(0);
    expect(loaded()).to.include('store.ts');
    for (const lazy of ['score.ts', 'scoring.ts', 'io.ts', 'csv.ts', 'export.ts']) expect(loaded()).not.to.include(lazy);
    expect(parser()).to.deep.equal([]);

    // Publishing compiles the source: the compiler loads then, and only then.
    await store.publishRulebook({ source: 'rude_attitude: -8 per', author: 'm1', effectiveFrom: '2026-01-01', confirmPastDate: true });
    expect(parser().length).to.be.greaterThan(0);
    expect(loaded()).not.to.include('score.ts');
    const { scorecards } = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(scorecards.consultants.c1.points).to.equal(-8);
    expect(loaded()).to.include.members(['score.ts', 'scoring.ts']);
    expect(loaded()).not.to.include('io.ts');

    const csv = await store.exportCallLogsCsv({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(loaded()).to.include.members(['io.ts', 'csv.ts', 'export.ts']);
  });
});
