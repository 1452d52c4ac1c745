import { expect } from '@esm-bundle/chai';
import { openStore, isStoreError, SCHEMA_VERSION, CORRECTION_RULE, type StoreChange, type StoredEvent } from '../src/index.js';
import { compiled, databaseAt, deleteDb, freshName, fullLog, seedRoster } from './helpers.js';

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

  it('converts the appeals of a v2 database (generic events) into appeal records, their corrections into derived events', async () => {
    const name = await freshName('rc-v2');
    // A database exactly as the v2 code left it: its own migrations, run up to version 2.
    const v2 = await databaseAt(name, 2);
    v2.close();
    const raw = await rawOpen(name, 2);
    const source = 'rude_attitude "态度粗暴": -8 per';
    await rawPut(raw, 'rulebookVersions', [
      {
        rulebookId: 'default',
        version: 1,
        source,
        compiled: compiled(source),
        author: 'm1',
        publishedAt: '2026-10-01T00:00:00Z',
        effectiveFrom: '2026-01-01',
      },
    ]);
    await rawPut(raw, 'teams', [{ id: 't1', name: '网络组', rev: 1 }]);
    await rawPut(raw, 'members', [
      { id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01', rev: 1 },
      { id: 'm1', name: '陈经理', teamId: 't1', role: 'manager', joinedOn: '2026-01-01', rev: 1 },
    ]);
    const stamp = '2026-11-10T02:00:00.000Z';
    const event = (id: string, type: string, day: string, attrs?: Record<string, string | number>, rev = 1): StoredEvent => ({
      id,
      type,
      consultant: 'c1',
      at: `${day}T09:00:00+08:00`,
      day,
      origin: 'manual',
      rev,
      recordedBy: type === 'rulecard_appeal' ? 'c1' : 'm1',
      createdAt: stamp,
      updatedAt: stamp,
      ...(attrs ? { attrs } : {}),
    });
    const appealAttrs = (rude: string, day: string, status: string) => ({
      rule: 'rude_attitude',
      label: '态度粗暴',
      window: day,
      points: -8,
      fen: -800,
      events: rude,
      reason: '客户投诉不实',
      status,
      openedBy: 'c1',
      openedAt: stamp,
      ...(status === 'open' ? {} : { decidedBy: 'm1', decidedAt: stamp, decision: '录音核实' }),
    });
    const correctionAttrs = (appeal: string, day: string) => ({
      appeal,
      rule: 'rude_attitude',
      label: '态度粗暴',
      window: day,
      points: 8,
      fen: 800,
    });
    const events: StoredEvent[] = [
      event('r3', 'rude_attitude', '2026-11-03'),
      event('r4', 'rude_attitude', '2026-11-04'),
      event('r5', 'rude_attitude', '2026-11-05'),
      event('r6', 'rude_attitude', '2026-11-06'),
      // Open, no decision.
      event('apA', 'rulecard_appeal', '2026-11-03', appealAttrs('r3', '2026-11-03', 'open')),
      // Half-done two-step decision: the correction was written, the status not.
      event('apB', 'rulecard_appeal', '2026-11-04', appealAttrs('r4', '2026-11-04', 'open')),
      event('apB.correction', 'rulecard_correction', '2026-11-04', correctionAttrs('apB', '2026-11-04')),
      // The two-tab defect: rejected, with the correction of the other tab's accept on the ledger.
      event('apC', 'rulecard_appeal', '2026-11-05', appealAttrs('r5', '2026-11-05', 'rejected'), 2),
      event('apC.correction', 'rulecard_correction', '2026-11-05', correctionAttrs('apC', '2026-11-05')),
      // Accepted properly.
      event('apD', 'rulecard_appeal', '2026-11-06', appealAttrs('r6', '2026-11-06', 'accepted'), 2),
      event('apD.correction', 'rulecard_correction', '2026-11-06', correctionAttrs('apD', '2026-11-06')),
      // A correction recorded without any appeal: kept as it is.
      event('orphan', 'rulecard_correction', '2026-11-07', { points: 2.5, fen: 1234, events: 'r3' }),
    ];
    await rawPut(raw, 'events', events);
    const days = new Map<string, { consultant: string; day: string; events: Record<string, StoredEvent> }>();
    for (const e of events) {
      const d = days.get(e.day) ?? { consultant: e.consultant, day: e.day, events: {} };
      d.events[e.id] = e;
      days.set(e.day, d);
    }
    await rawPut(raw, 'eventDays', [...days.values()]);
    raw.close();

    const store = await openStore({ name });
    const appeals = await store.listAppeals({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(appeals.map((a) => [a.id, a.status, a.correctionId ?? '', a.events.join(' '), a.rev])).to.deep.equal([
      ['apA', 'open', '', 'r3', 1],
      ['apB', 'accepted', 'apB.correction', 'r4', 1],
      ['apC', 'accepted', 'apC.correction', 'r5', 2],
      ['apD', 'accepted', 'apD.correction', 'r6', 2],
    ]);
    expect(appeals[3]).to.deep.include({
      fen: -800,
      points: -8,
      window: '2026-11-06',
      note: '录音核实',
      decidedBy: 'm1',
      reason: '客户投诉不实',
    });
    const nov = { from: '2026-11-01', to: '2026-11-30' };
    const all = await store.listEvents({ consultant: 'c1' }, nov);
    expect(all.filter((e) => e.type === 'rulecard_appeal')).to.deep.equal([]);
    expect(all.filter((e) => e.type === 'rulecard_correction').map((e) => [e.id, e.origin, e.sourceId ?? ''])).to.deep.equal([
      ['apB.correction', 'appeal', 'apB'],
      ['apC.correction', 'appeal', 'apC'],
      ['apD.correction', 'appeal', 'apD'],
      ['orphan', 'manual', ''],
    ]);
    expect(await store.getEvent('apA')).to.equal(undefined);
    const { scorecards } = await store.score({ consultant: 'c1' }, nov);
    expect(
      scorecards.consultants.c1.lines
        .filter((l) => l.rule === CORRECTION_RULE)
        .map((l) => [l.window, l.points, l.money, l.events.join(' ')]),
    ).to.deep.equal([
      ['2026-11-04', 8, 8, 'apB.correction r4'],
      ['2026-11-05', 8, 8, 'apC.correction r5'],
      ['2026-11-06', 8, 8, 'apD.correction r6'],
      ['2026-11-07', 2.5, 12.34, 'orphan r3'],
    ]);
    expect(scorecards.consultants.c1).to.deep.include({ points: -32 + 24 + 2.5, money: -8 + 12.34 });
    // The converted appeal is decided like a new one.
    await store.decideAppeal('apA', { decision: 'reject', note: '录音属实', expectedRev: 1 }, { by: 'm1', role: 'manager' });
    store.close();
    await deleteDb(name);
  });
});
