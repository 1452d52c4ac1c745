// The outbox (issue 10): each write's call recorded in the same IndexedDB transaction as its effect, and
// pulls that never overwrite a record a pending call touched. Real IndexedDB in Chromium.
import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import { applyPull, readOutbox, settle } from '../src/idb-sync.js';
import type { IdbAdapter } from '../src/idb-adapter.js';
import { openIdbAdapter } from '../src/idb-adapter.js';
import type { OutboxEntry } from '../src/outbox.js';
import { deleteDb, expectError, freshName, freshStore, fullLog, seedRoster } from './helpers.js';

async function rawOutbox(name: string): Promise<OutboxEntry[]> {
  const db = await openDB(name);
  const rows = (await db.getAll('outbox')) as OutboxEntry[];
  db.close();
  return rows;
}

async function rawMeta(name: string, key: string): Promise<unknown> {
  const db = await openDB(name);
  const row = (await db.get('syncMeta', key)) as { value: unknown } | undefined;
  db.close();
  return row?.value;
}

describe('outbox', () => {
  it('records nothing until the page connects (offline-only as before)', async () => {
    const { store, name } = await freshStore();
    await seedRoster(store);
    await store.createCallLog(fullLog(), { by: 'c1' });
    expect(await rawOutbox(name)).to.deep.equal([]);
    expect((await store.syncState()).pending).to.equal(0);
    store.close();
    await deleteDb(name);
  });

  it('records each write as { clientID, id, name, args } with ids 1, 2, 3 and the record ids it created', async () => {
    const { store, name } = await freshStore({ outbox: true });
    await seedRoster(store);
    const log = await store.createCallLog(fullLog(), { by: 'c1', role: 'consultant' });
    await store.updateCallLog(log.id, { region: '深圳' }, { by: 'c1', expectedRev: 1 });
    const rows = await rawOutbox(name);
    const c1 = rows.filter((r) => r.member === 'c1');
    expect(c1.map((r) => [r.id, r.name])).to.deep.equal([
      [1, 'createCallLog'],
      [2, 'updateCallLog'],
    ]);
    expect(c1[0].clientID).to.match(/^c1\.dev-/);
    expect((c1[0].args.input as { id: string }).id).to.equal(log.id);
    expect(c1[0].args).to.not.have.property('by');
    expect(c1[1].args).to.deep.equal({ id: log.id, patch: { region: '深圳' }, expectedRev: 1 });
    expect(c1[0].touched).to.include(`callLogs|${JSON.stringify(log.id)}`);
    // The roster writes were recorded too (member '' is refused: a write needs its actor).
    const state = await store.syncState();
    expect(state.pending).to.equal(rows.length);
    expect(state.oldestPendingAt).to.be.a('string');
    store.close();
    await deleteDb(name);
  });

  it('a write that fails in its transaction leaves no outbox entry and no gap in the ids', async () => {
    const { store, name } = await freshStore({ outbox: true });
    await seedRoster(store);
    const log = await store.createCallLog(fullLog(), { by: 'c1' });
    // The same id again: the add fails inside the commit's transaction.
    await expectError(store.createCallLog(fullLog({ id: log.id }), { by: 'c1' }), 'duplicate');
    await store.createCallLog(fullLog({ time: '10:00' }), { by: 'c1' });
    const c1 = (await rawOutbox(name)).filter((r) => r.member === 'c1');
    expect(c1.map((r) => r.id)).to.deep.equal([1, 2]);
    expect(c1.map((r) => r.name)).to.deep.equal(['createCallLog', 'createCallLog']);
    store.close();
    await deleteDb(name);
  });

  it('an outbox entry that cannot be written leaves no record (the same transaction)', async () => {
    const { store, name } = await freshStore({ outbox: true });
    await seedRoster(store);
    const device = await rawMeta(name, 'device');
    store.close();
    // Poison the client's last id: the next entry's key is invalid, so its put fails inside the transaction.
    const db = await openDB(name);
    await db.put('syncMeta', { key: `c1.${String(device)}`.replace(/^/, 'client:'), value: Number.NaN });
    db.close();
    const { store: again } = await freshStore({ name, outbox: true });
    const before = (await again.listCallLogs({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' })).length;
    let failed = false;
    try {
      await again.createCallLog(fullLog({ id: 'log-poisoned' }), { by: 'c1' });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await again.getCallLog('log-poisoned')).to.equal(undefined);
    expect((await again.listCallLogs({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' })).length).to.equal(before);
    expect((await rawOutbox(name)).filter((r) => r.member === 'c1')).to.deep.equal([]);
    again.close();
    await deleteDb(name);
  });

  it('a pull never overwrites a record a pending call touched; once answered, the next pull does', async () => {
    const name = await freshName('rc-outbox');
    const { store } = await freshStore({ name, outbox: true });
    await seedRoster(store);
    const log = await store.createCallLog(fullLog({ region: '广州' }), { by: 'c1' });
    const edited = await store.updateCallLog(log.id, { region: '深圳' }, { by: 'c1', expectedRev: 1 });
    const server = { ...(await store.getCallLogUnmasked(log.id))!, region: '佛山', rev: 7 };
    const adapter: IdbAdapter = await openIdbAdapter({ name });
    const db = adapter.database();
    const patch = [
      { op: 'put' as const, kind: 'callLogs' as const, key: log.id, value: server },
      { op: 'put' as const, kind: 'teams' as const, key: 't9', value: { id: 't9', name: '新组', rev: 1 } },
    ];
    await applyPull(db, patch, { lastSyncedAt: 'x' });
    expect((await store.getCallLogUnmasked(log.id))!.region).to.equal('深圳');
    expect(edited.rev).to.equal(2);
    expect((await store.listTeams()).map((t) => t.id)).to.include('t9');
    // A reset keeps the pending record as it is here, and drops the rest.
    await applyPull(db, [{ op: 'clear' }, { op: 'put', kind: 'teams', key: 't1', value: { id: 't1', name: '网络咨询组', rev: 1 } }], {});
    expect((await store.getCallLogUnmasked(log.id))!.region).to.equal('深圳');
    // t9 (the server's, not pending) is gone; t2 stays: its putTeam is still pending here.
    expect((await store.listTeams()).map((t) => t.id).sort()).to.deep.equal(['t1', 't2']);
    // The server answers every call: the marks go, and the next pull writes the log.
    const entries = await readOutbox(db);
    expect(
      await settle(
        db,
        entries.map((e) => ({ clientID: e.clientID, id: e.id, status: 'applied' as const })),
        'now',
      ),
    ).to.equal(0);
    expect(await readOutbox(db)).to.deep.equal([]);
    await applyPull(db, patch, {});
    expect((await store.getCallLogUnmasked(log.id))!.region).to.equal('佛山');
    expect((await store.syncState()).pending).to.equal(0);
    adapter.close();
    store.close();
    await deleteDb(name);
  });

  it('a conflict is kept with the losing edit and the server record, and asks for a reset pull', async () => {
    const { store, name } = await freshStore({ outbox: true });
    await seedRoster(store);
    const log = await store.createCallLog(fullLog(), { by: 'c1' });
    await store.updateCallLog(log.id, { region: '深圳' }, { by: 'c1', expectedRev: 1 });
    const adapter = await openIdbAdapter({ name });
    const db = adapter.database();
    const [create, update] = (await readOutbox(db)).filter((e) => e.member === 'c1');
    const server = { id: log.id, rev: 2, region: '佛山' };
    await settle(
      db,
      [
        { clientID: create.clientID, id: create.id, status: 'applied' },
        { clientID: update.clientID, id: update.id, status: 'conflict', code: 'conflict', server },
      ],
      'now',
    );
    const issues = await store.syncIssues();
    expect(issues).to.have.length(1);
    expect(issues[0].args).to.deep.equal({ id: log.id, patch: { region: '深圳' }, expectedRev: 1 });
    expect(issues[0].server).to.deep.equal(server);
    expect((await store.syncState()).conflicts).to.equal(1);
    const meta = await openDB(name);
    expect(((await meta.get('syncMeta', 'needsReset')) as { value: unknown }).value).to.equal(true);
    meta.close();
    await store.dismissSyncIssue(issues[0].clientID, issues[0].id);
    expect(await store.syncIssues()).to.deep.equal([]);
    adapter.close();
    store.close();
    await deleteDb(name);
  });
});
