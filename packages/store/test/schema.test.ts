import { expect } from '@esm-bundle/chai';
import { openStore, isStoreError, SCHEMA_VERSION, type StoreChange } from '../src/index.js';
import { compiled, deleteDb, freshName, fullLog, seedRoster } from './helpers.js';

/** Raw IndexedDB open (the test plays an old release / another tab). */
function rawOpen(name: string, version: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawPut(db: IDBDatabase, store: string, records: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    for (const r of records) tx.objectStore(store).put(r);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** The first release's layout. */
function v1Layout(db: IDBDatabase): void {
  db.createObjectStore('rulebooks', { keyPath: 'id' });
  db.createObjectStore('callLogs', { keyPath: 'id' }).createIndex('by-consultant', 'consultant');
  db.createObjectStore('events', { keyPath: 'id' }).createIndex('by-consultant', 'consultant');
  db.createObjectStore('roster', { keyPath: 'id' });
}

describe('schema and migrations', () => {
  it('upgrades a v1 database created by the first release, keeping every record', async () => {
    const name = await freshName('rc-v1');
    const v1 = await rawOpen(name, 1, v1Layout);
    const rb = compiled('rude_attitude: -8 per; >2 => personal -12, team -12');
    await rawPut(v1, 'rulebooks', [
      { id: 'rb-b', source: 'B', compiled: rb, author: 'm1', publishedAt: '2026-10-15T08:00:00Z', effectiveFrom: '2026-10-15' },
      { id: 'rb-a', source: 'A', compiled: rb, author: 'm1', publishedAt: '2026-09-01T08:00:00Z', effectiveFrom: '2026-09-01' },
    ]);
    await rawPut(v1, 'roster', [
      { id: 'c1', name: '王芳', team: '网络组', role: 'consultant', joinedOn: '2026-01-01' },
      { id: 'c2', name: '李娜', team: '网络组', role: 'consultant', joinedOn: '2026-02-01' },
      { id: 'm1', name: '陈经理', team: '管理', role: 'manager', joinedOn: '2025-01-01' },
    ]);
    await rawPut(v1, 'events', [
      {
        id: 'e1',
        type: 'rude_attitude',
        consultant: 'c1',
        at: '2026-10-31T23:30:00+08:00',
        recordedBy: 'm1',
        createdAt: '2026-10-31T16:00:00Z',
      },
      {
        id: 'e2',
        type: 'praise',
        consultant: 'c2',
        at: '2026-10-31T16:30:00Z',
        attrs: { from: 'customer' },
        recordedBy: 'm1',
        createdAt: '2026-11-01T00:00:00Z',
      },
    ]);
    const v1Log = {
      ...fullLog({ region: undefined }),
      id: 'log1',
      booked: true,
      bookingExpert: '张医生',
      bookingAt: '2026-10-20T10:00:00+08:00',
      createdAt: '2026-10-10T02:00:00Z',
      author: 'c1',
    };
    delete (v1Log as Record<string, unknown>).region;
    await rawPut(v1, 'callLogs', [{ ...v1Log, date: '2026-10-10' }]);
    v1.close();

    const store = await openStore({ name });
    const versions = await store.listRulebookVersions();
    expect(versions.map((v) => [v.version, v.source, v.effectiveFrom])).to.deep.equal([
      [1, 'A', '2026-09-01'],
      [2, 'B', '2026-10-15'],
    ]);
    expect(await store.listTeams()).to.deep.equal([
      { id: '管理', name: '管理', rev: 1 },
      { id: '网络组', name: '网络组', rev: 1 },
    ]);
    expect((await store.getMember('c2'))!).to.deep.include({ teamId: '网络组', joinedOn: '2026-02-01', rev: 1 });
    // Events got their local day (e2 is 00:30 on Nov 1 in Shanghai) and are range-readable.
    expect((await store.getEvent('e2'))!).to.deep.include({ day: '2026-11-01', origin: 'manual', rev: 1, attrs: { from: 'customer' } });
    const c1Oct = await store.listEvents({ consultant: 'c1' }, { from: '2026-10-01', to: '2026-10-31' });
    expect(c1Oct.map((e) => e.id).sort()).to.deep.equal(['e1', 'log1~booking', 'log1~call_not_fully_registered', 'log1~consultation']);
    const log = (await store.getCallLogUnmasked('log1'))!;
    expect(log).to.deep.include({
      rev: 1,
      createdBy: 'c1',
      updatedBy: 'c1',
      at: '2026-10-10T09:30:00+08:00',
      contact: '13812345678',
      bookingExpert: '张医生',
    });
    expect('author' in log).to.equal(false);
    // The migrated log is editable with revisions.
    await store.updateCallLog('log1', { region: '广州' }, { by: 'c1', expectedRev: 1 });
    expect(await store.getEvent('log1~call_not_fully_registered')).to.equal(undefined);
    store.close();
    await deleteDb(name);
  });

  it('refuses a database written by newer code, without touching it', async () => {
    const name = await freshName('rc-new');
    const future = await rawOpen(name, SCHEMA_VERSION + 5, (db) => db.createObjectStore('somethingNew', { keyPath: 'k' }));
    await rawPut(future, 'somethingNew', [{ k: 1, v: 'keep me' }]);
    future.close();
    try {
      await openStore({ name });
      throw new Error('should have been refused');
    } catch (e) {
      expect(isStoreError(e, 'version-too-new'), String(e)).to.equal(true);
      expect((e as { text(l: string): string }).text('zh-CN')).to.contain('更新版本');
    }
    const again = await rawOpen(name, SCHEMA_VERSION + 5);
    expect(again.version).to.equal(SCHEMA_VERSION + 5);
    const value = await new Promise((resolve) => {
      const req = again.transaction('somethingNew').objectStore('somethingNew').get(1);
      req.onsuccess = () => resolve(req.result);
    });
    expect(value).to.deep.equal({ k: 1, v: 'keep me' });
    again.close();
    await deleteDb(name);
  });

  it('closes cleanly and tells the user when another tab upgrades', async () => {
    const name = await freshName('rc-vc');
    const store = await openStore({ name });
    await seedRoster(store);
    const seen: StoreChange[] = [];
    store.subscribe((c) => seen.push(c));
    // "Another tab" with newer code opens a higher version: must not be blocked.
    const newer = await rawOpen(name, SCHEMA_VERSION + 1);
    expect(newer.version).to.equal(SCHEMA_VERSION + 1);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ type: 'closed', reason: 'versionchange' });
    expect((seen[0] as { message: { en: string } }).message.en).to.contain('reload');
    try {
      await store.listTeams();
      throw new Error('should fail');
    } catch (e) {
      expect(isStoreError(e, 'connection-closed'), String(e)).to.equal(true);
    }
    newer.close();
    await deleteDb(name);
  });

  it('surfaces an upgrade blocked by an old tab that does not let go as a typed error', async () => {
    const name = await freshName('rc-blocked');
    const oldTab = await rawOpen(name, 1, v1Layout);
    // The old tab ignores versionchange (old code without a handler).
    try {
      await openStore({ name });
      throw new Error('should be blocked');
    } catch (e) {
      expect(isStoreError(e, 'upgrade-blocked'), String(e)).to.equal(true);
    }
    oldTab.close();
    // Once the old tab is gone, the upgrade goes through.
    await new Promise((r) => setTimeout(r, 50));
    const store = await openStore({ name });
    expect(await store.listTeams()).to.deep.equal([]);
    store.close();
    await deleteDb(name);
  });
});
