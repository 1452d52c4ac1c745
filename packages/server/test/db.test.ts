// The database plugin: migrations on an empty and on the previous version's database, the Db
// interface (transactions, NOTIFY), and the PgAdapter's StoreAdapter contract.
import { afterAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { Db } from '../src/db/db.js';
import { loadMigrations, migrate, schemaVersion, SchemaTooNewError } from '../src/db/migrate.js';
import { dbPlugin } from '../src/db-plugin.js';
import { PgAdapter } from '../src/pg-adapter.js';
import { createStore, StoreError, type RecordKind, type StoredEvent } from '../src/store.js';
import { BACKENDS, caller, pullAs, RECORD_TABLES, server } from './helpers.js';

const TABLES = [...RECORD_TABLES, 'branches', 'client_groups', 'clients', 'mutations'];

async function tables(db: Db): Promise<string[]> {
  const rows = await db.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.t);
}

/** A write transaction of a branch at a version, through the adapter. */
async function write<T>(db: Db, branch: string, version: number, fn: (a: PgAdapter) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(new PgAdapter(tx, { branch, version })));
}

function ev(id: string, consultant: string, day: string, rev = 1): StoredEvent {
  return {
    id,
    type: 'praise',
    consultant,
    at: `${day}T10:00:00+08:00`,
    day,
    origin: 'manual',
    rev,
    recordedBy: 'm1',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

describe.each(BACKENDS)('database on $name', (backend) => {
  afterAll(() => backend.cleanup());

  it('migrates an empty database to the latest version, every table present, and again is a no-op', async () => {
    const db = await backend.open();
    expect(await schemaVersion(db)).toBe(0);
    const first = await migrate(db);
    expect(first).toEqual({ from: 0, to: 4, applied: ['001_records', '002_sync', '003_appeals_form_drafts', '004_event_scored'] });
    expect(await tables(db)).toEqual([...TABLES, 'schema_migrations'].sort());
    expect(await migrate(db)).toEqual({ from: 4, to: 4, applied: [] });
  });

  it("migrates the previous version's database keeping its records, which a first pull then returns", async () => {
    const db = await backend.open();
    expect((await migrate(db, { target: 1 })).applied).toEqual(['001_records']);
    expect(await tables(db)).not.toContain('tombstones');
    // A version-1 database with a department in it.
    await db.query(`INSERT INTO branches (id) VALUES ('old')`);
    await db.query(`INSERT INTO teams (branch_id, id, data) VALUES ('old', 't1', $1::json)`, [
      JSON.stringify({ id: 't1', name: '网络咨询组', rev: 1 }),
    ]);
    const member = { id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-05', rev: 1 };
    await db.query(`INSERT INTO members (branch_id, id, team_id, data) VALUES ('old', 'c1', 't1', $1::json)`, [JSON.stringify(member)]);
    await db.query(`INSERT INTO events (branch_id, id, consultant, day, data) VALUES ('old', 'e1', 'c1', '2026-11-02', $1::json)`, [
      JSON.stringify(ev('e1', 'c1', '2026-11-02')),
    ]);

    expect(await migrate(db)).toEqual({ from: 1, to: 4, applied: ['002_sync', '003_appeals_form_drafts', '004_event_scored'] });
    const [branch] = await db.query<{ version: number; epoch: string }>(`SELECT version, epoch FROM branches WHERE id = 'old'`);
    expect(branch.version).toBe(1);
    expect(branch.epoch).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.query(`SELECT id, row_version FROM events WHERE branch_id = 'old'`)).toEqual([{ id: 'e1', row_version: 1 }]);

    const { app } = await server(db);
    try {
      const c1 = await caller('c1', 'consultant', 'old');
      const res = await pullAs(app, c1);
      expect(res.cookie.version).toBe(1);
      expect(res.patch).toEqual([
        { op: 'clear' },
        { op: 'put', kind: 'teams', key: 't1', value: { id: 't1', name: '网络咨询组', rev: 1 } },
        { op: 'put', kind: 'members', key: 'c1', value: member },
        { op: 'put', kind: 'events', key: 'e1', value: ev('e1', 'c1', '2026-11-02') },
      ]);
    } finally {
      await app.close();
    }
  });

  it('refuses a database migrated by newer code and leaves it untouched', async () => {
    const db = await backend.open();
    await migrate(db);
    await db.query(`INSERT INTO schema_migrations (version, name) VALUES (5, 'from_the_future')`);
    const error = await migrate(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as SchemaTooNewError).found).toBe(5);
    expect(await schemaVersion(db)).toBe(5);
    // The plugin refuses to start on it.
    const app = Fastify();
    await expect(app.register(dbPlugin, { db, close: false }).ready()).rejects.toThrow(/schema is at version 5/);
  });

  it('numbers its migration files without gaps', () => {
    expect(loadMigrations().map((m) => m.version)).toEqual([1, 2, 3, 4]);
  });

  it('rolls a transaction back when it throws, and delivers a NOTIFY only on COMMIT', async () => {
    const db = await backend.open();
    await migrate(db);
    const got: string[] = [];
    const stop = await db.listen('rc_test_channel', (p) => got.push(p));
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO branches (id) VALUES ('gone')`);
        await tx.query(`SELECT pg_notify('rc_test_channel', 'rolled-back')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO branches (id) VALUES ('kept')`);
      await tx.query(`SELECT pg_notify('rc_test_channel', 'committed')`);
    });
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['committed']);
    expect((await db.query<{ id: string }>(`SELECT id FROM branches ORDER BY id`)).map((r) => r.id)).toEqual(['kept']);
    await stop();
  });

  describe('PgAdapter (the StoreAdapter contract)', () => {
    let db: Db;
    const B = 'adapter';

    it('reads ranges on an index inclusively, ordered by the index key, only its own branch', async () => {
      db = await backend.open();
      await migrate(db);
      await db.query(`INSERT INTO branches (id) VALUES ($1), ('other')`, [B]);
      await write(db, B, 1, (a) =>
        a.commit([
          { kind: 'events', op: 'put', record: ev('e3', 'c2', '2026-11-03'), fresh: true },
          { kind: 'events', op: 'put', record: ev('e1', 'c1', '2026-11-02'), fresh: true },
          { kind: 'events', op: 'put', record: ev('e2', 'c1', '2026-11-03'), fresh: true },
          { kind: 'events', op: 'put', record: ev('e0', 'c1', '2026-11-04'), fresh: true },
        ]),
      );
      await write(db, 'other', 1, (a) => a.commit([{ kind: 'events', op: 'put', record: ev('x1', 'c1', '2026-11-03'), fresh: true }]));
      const ids = await db.transaction(async (tx) => {
        const a = new PgAdapter(tx, { branch: B });
        const range = await a.query('events', { index: 'by-consultant-day', lower: ['c1', '2026-11-02'], upper: ['c1', '2026-11-03'] });
        const many = await a.queryMany('events', [
          { index: 'by-consultant-day', lower: ['c2', '2026-11-01'], upper: ['c2', '2026-11-30'] },
          { index: 'by-consultant-day', lower: ['c1', '2026-11-04'], upper: ['c1', '2026-11-30'] },
        ]);
        const owners = await a.queryMany('events', [
          { index: 'by-consultant-day', lower: ['c2', '2026-11-01'], upper: ['c2', '2026-11-30'] },
          { index: 'by-consultant-day', lower: ['nobody', '2026-11-01'], upper: ['nobody', '2026-11-30'] },
          { index: 'by-consultant-day', lower: ['c1', '2026-11-01'], upper: ['c1', '2026-11-30'] },
        ]);
        const points = await a.queryMany('events', [{ only: 'e2' }, { only: 'nope' }, { only: 'e3' }]);
        const prefix = await a.query('events', { index: 'by-consultant-day', lower: ['c1'], upper: ['c1'] });
        const all = await a.getAll('events');
        return {
          range: range.map((e) => e.id),
          many: many.map((e) => e.id),
          owners: owners.map((e) => e.id),
          points: points.map((e) => e.id),
          prefix: prefix.map((e) => e.id),
          all: all.map((e) => e.id),
          count: await a.count('events', { index: 'by-consultant-day', lower: ['c1', ''], upper: ['c1', '9'] }),
        };
      });
      // An upper bound shorter than the key excludes the keys it prefixes (IndexedDB: [c1, d] > [c1]).
      expect(ids).toEqual({
        range: ['e1', 'e2'],
        many: ['e3', 'e0'],
        owners: ['e3', 'e1', 'e2', 'e0'],
        points: ['e2', 'e3'],
        prefix: [],
        all: ['e0', 'e1', 'e2', 'e3'],
        count: 3,
      });
    });

    it('checks revisions inside the commit (conflict, not-found, duplicate); a failed commit writes nothing of itself', async () => {
      const failing = [
        { kind: 'events', op: 'put', record: ev('e1', 'c1', '2026-11-02', 2), expectRev: 7 },
        { kind: 'events', op: 'delete', key: 'nope', expectRev: 1 },
        { kind: 'events', op: 'put', record: ev('e1', 'c1', '2026-11-02'), expectRev: null },
        { kind: 'events', op: 'put', record: ev('e2', 'c1', '2026-11-02'), fresh: true },
      ];
      const outcome = await write(db, B, 2, async (a) => {
        const out: string[] = [];
        for (const op of failing) {
          // The first put of the same commit must vanish with it.
          const code = await a
            .commit([{ kind: 'events', op: 'put', record: ev('new', 'c1', '2026-11-05'), fresh: true }, op as never])
            .then(
              () => 'ok',
              (e: StoreError) => e.code,
            );
          out.push(`${code}, ${(await a.get('events', 'new')) === undefined ? 'nothing written' : 'written'}`);
        }
        return out;
      });
      expect(outcome).toEqual([
        'conflict, nothing written',
        'not-found, nothing written',
        'duplicate, nothing written',
        'duplicate, nothing written',
      ]);
    });

    it('stamps writes with the push version and leaves tombstones for deletes', async () => {
      await write(db, B, 3, (a) =>
        a.commit([
          { kind: 'events', op: 'put', record: ev('e1', 'c1', '2026-11-06', 2), expectRev: 1 },
          { kind: 'events', op: 'delete', key: 'e2', expectRev: 1 },
          { kind: 'events', op: 'delete', key: 'e3' },
        ]),
      );
      expect(await db.query(`SELECT id, day, row_version FROM events WHERE branch_id = $1 ORDER BY id`, [B])).toEqual([
        { id: 'e0', day: '2026-11-04', row_version: 1 },
        { id: 'e1', day: '2026-11-06', row_version: 3 },
      ]);
      expect(await db.query(`SELECT kind, key, owner, version FROM tombstones WHERE branch_id = $1 ORDER BY key`, [B])).toEqual([
        { kind: 'events', key: '"e2"', owner: 'c1', version: 3 },
        { kind: 'events', key: '"e3"', owner: 'c2', version: 3 },
      ]);
    });

    it('runs the store on top: its validation, derived events and history land in the same transaction', async () => {
      await db.query(`INSERT INTO branches (id) VALUES ('store')`);
      const kinds = await write(db, 'store', 1, async (a) => {
        const store = createStore(a);
        await store.putTeam({ id: 't1', name: '网络咨询组' });
        await store.putMember({ id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' });
        const log = await store.createCallLog(
          { date: '2026-11-03', time: '09:30', consultant: 'c1', channel: 'phone', booked: false, followUpPromised: true },
          { by: 'c1' },
        );
        await store.updateCallLog(log.id, { visitedAt: '2026-11-04T10:00' }, { by: 'c1', expectedRev: 1 });
        const invalid = await store
          .createCallLog(
            { date: '2026-13-40', time: '09:30', consultant: 'c1', channel: 'phone', booked: false, followUpPromised: false },
            { by: 'c1' },
          )
          .catch((e: StoreError) => e.fields.map((f) => `${f.field}:${f.reason}`));
        const history = await store.callLogHistory(log.id);
        const events = await store.listEvents({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
        return { invalid, history: history.map((h) => h.changes.map((c) => c.field)), events: events.map((e) => e.type).sort() };
      });
      expect(kinds).toEqual({
        invalid: ['date:date'],
        history: [['visitedAt']],
        events: ['call_not_fully_registered', 'consultation', 'follow_up_overdue', 'visit'],
      });
      const owners = await db.query(`SELECT consultant FROM call_log_history WHERE branch_id = 'store'`);
      expect(owners).toEqual([{ consultant: 'c1' }]);
      const kindsStored = (await db.query<{ kind: RecordKind }>(`SELECT 'events' AS kind FROM events WHERE branch_id = 'store'`)).length;
      expect(kindsStored).toBe(2); // follow_up_overdue and visit are stored; the others are computed on read
    });
  });
});
