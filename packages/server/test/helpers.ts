// Shared set-up of the server tests: real databases (PGlite always, PostgreSQL when DATABASE_URL is
// set, each run in a fresh schema), a real server (fastify.inject or a real port), real tokens.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer, type ServerOptions } from '../src/app.js';
import { signToken, type AuthOptions } from '../src/auth.js';
import type { Db } from '../src/db/db.js';
import { TABLES } from '../src/records.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { demoExport } from '../src/demo.js';
import type { Actor } from '../src/policy.js';
import { serverWrite, type MutationResult, type PushHooks } from '../src/sync/push.js';
import type { PullResponse } from '../src/sync/pull.js';
import type { CallLogInput, Role } from '../src/store.js';

export const DATABASE_URL = process.env.DATABASE_URL || undefined;

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database (a new schema) of this backend. */
  open(): Promise<Db>;
  /** Another connection to the database `db` was opened as (a second server node). */
  reopen(db: Db): Promise<Db>;
  /** Drop what `open` made (the PGlite instance stays for the next file's tests). */
  cleanup(): Promise<void>;
}

let sharedPglite: PGlite | null = null;

function pgliteBackend(): Backend {
  const made: Db[] = [];
  let n = 0;
  return {
    name: 'pglite',
    async open() {
      sharedPglite ??= new PGlite();
      // One instance per test file (opening takes seconds); a schema per database.
      const db = await openPglite({ instance: sharedPglite, schema: `t${process.pid}_${n++}` });
      made.push(db);
      return db;
    },
    // PGlite is one connection in this process: a second node on it is the same database object.
    async reopen(db) {
      return db;
    },
    async cleanup() {
      await Promise.all(made.splice(0).map((d) => d.close()));
    },
  };
}

function postgresBackend(url: string): Backend {
  const made: { db: Db; schema: string }[] = [];
  const extra: Db[] = [];
  return {
    name: 'postgres',
    async open() {
      const schema = `rc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      const db = await openPostgres({ url, schema, max: 6 });
      made.push({ db, schema });
      return db;
    },
    async reopen(db) {
      const schema = made.find((m) => m.db === db)!.schema;
      const other = await openPostgres({ url, schema, max: 4 });
      extra.push(other);
      return other;
    },
    async cleanup() {
      await Promise.all(extra.splice(0).map((d) => d.close()));
      for (const { db, schema } of made.splice(0)) {
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      }
    },
  };
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export const BACKENDS: Backend[] = [pgliteBackend(), ...(DATABASE_URL ? [postgresBackend(DATABASE_URL)] : [])];

export const AUTH: AuthOptions = {
  issuer: 'https://portal.test',
  audience: 'rulecard',
  secret: 'test-secret-test-secret-test-secret-0123456789',
};

export function token(member: string, role: Role, branch: string): Promise<string> {
  return signToken(AUTH, { member, role, branch });
}

/** A server over `db` (kept open), with mutable test hooks. */
export async function server(
  db: Db,
  options: Partial<ServerOptions> = {},
): Promise<{ app: FastifyInstance; hooks: PushHooks; channel: string }> {
  const hooks: PushHooks = {};
  const channel = options.pokeChannel ?? `poke_${Math.random().toString(36).slice(2, 10)}`;
  const app = await buildServer({
    db,
    closeDb: false,
    auth: AUTH,
    pokeChannel: channel,
    overdueEveryMs: 0,
    hooks: {
      beforeCommit: (info) => hooks.beforeCommit?.(info),
      afterCommit: (info) => hooks.afterCommit?.(info),
    },
    ...options,
  });
  await app.ready();
  return { app, hooks, channel };
}

let branchCounter = 0;
/** A branch id no other test uses. */
export function newBranch(prefix = 'b'): string {
  return `${prefix}${process.pid}-${branchCounter++}-${Date.now().toString(36)}`;
}

/** The demo's "now" in the server tests: its events are the whole of November 2026 (the previous month) and December 1st. */
export const DEMO_NOW = new Date('2026-12-01T12:00:00+08:00');

/** The demo department (2 teams of 6 with a lead each, 2 managers, the clinic rulebook), its events when asked. */
export async function seedDepartment(db: Db, branch: string, options: { events?: boolean } = {}): Promise<void> {
  const file = await demoExport(DEMO_NOW);
  if (!options.events) file.records.events = [];
  await serverWrite({ db, channel: 'seed' }, branch, (store) => store.importJson(file, { mode: 'replace' }));
}

/** People of the demo department. */
export const NET = { lead: 'c01', consultants: ['c02', 'c03', 'c04', 'c05', 'c06'] };
export const PHONE = { lead: 'c07', consultants: ['c08', 'c09', 'c10', 'c11', 'c12'] };
export const MANAGER = 'm01';

export interface Caller {
  actor: Actor;
  token: string;
  group: string;
  client: string;
  nextId: number;
}

export async function caller(member: string, role: Role, branch: string, group?: string): Promise<Caller> {
  return {
    actor: { member, role, branch },
    token: await token(member, role, branch),
    group: group ?? `g-${member}-${randomBytes(4).toString('hex')}`,
    client: `cl-${member}-${randomBytes(4).toString('hex')}`,
    nextId: 1,
  };
}

export interface Mutation {
  name: string;
  args?: unknown;
}

export function pushBody(c: Caller, mutations: Mutation[], ids?: number[]) {
  return {
    clientGroupID: c.group,
    mutations: mutations.map((m, i) => ({ clientID: c.client, id: ids ? ids[i] : c.nextId++, name: m.name, args: m.args })),
  };
}

export function post(app: FastifyInstance, url: string, tok: string, body: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tok}` }, payload: body as object });
}

/** Push mutations as `c` (next ids); 200 expected. */
export async function pushAs(app: FastifyInstance, c: Caller, mutations: Mutation[]): Promise<MutationResult[]> {
  const res = await post(app, '/push', c.token, pushBody(c, mutations));
  if (res.statusCode !== 200) throw new Error(`push ${res.statusCode}: ${res.body}`);
  return (res.json() as { results: MutationResult[] }).results;
}

export async function pullAs(app: FastifyInstance, c: Caller, cookie: PullResponse['cookie'] | null = null): Promise<PullResponse> {
  const res = await post(app, '/pull', c.token, { clientGroupID: c.group, cookie });
  if (res.statusCode !== 200) throw new Error(`pull ${res.statusCode}: ${res.body}`);
  return res.json() as PullResponse;
}

/** A fully registered phone consultation of November 2026. */
export function fullLog(over: Partial<CallLogInput> = {}): CallLogInput {
  return {
    date: '2026-11-03',
    time: '09:30',
    consultant: 'c02',
    channel: 'phone',
    customerName: '李女士',
    contact: '13812345678',
    age: 28,
    region: '广州',
    source: '百度',
    project: '双眼皮',
    question: '价格和恢复期',
    answer: '已介绍价格，建议面诊',
    booked: false,
    followUpPromised: false,
    ...over,
  };
}

/** The tables holding a branch's records (one per record kind) and their tombstones. */
export const RECORD_TABLES = [...Object.values(TABLES).map((t) => t.table), 'tombstones'];

/** Every record row of a branch, as text (not the sync bookkeeping). */
export async function dumpRecords(db: Db, branch: string): Promise<string> {
  const parts: string[] = [];
  for (const t of RECORD_TABLES) {
    parts.push(...(await db.query(`SELECT * FROM ${t} WHERE branch_id = $1`, [branch])).map((r) => `${t} ${JSON.stringify(r)}`).sort());
  }
  return parts.join('\n');
}

/** Every row of a branch (records, tombstones, the branch row, its client groups, clients and mutation log), as text. */
export async function dumpBranch(db: Db, branch: string): Promise<string> {
  const out: Record<string, unknown> = { records: await dumpRecords(db, branch) };
  out.branch = await db.query('SELECT id, epoch, version FROM branches WHERE id = $1', [branch]);
  out.groups = (await db.query('SELECT id, member_id FROM client_groups WHERE branch_id = $1 ORDER BY id', [branch])).map((r) =>
    JSON.stringify(r),
  );
  out.clients = (
    await db.query(
      'SELECT c.client_group_id, c.id, c.last_mutation_id, c.version FROM clients c JOIN client_groups g ON g.id = c.client_group_id WHERE g.branch_id = $1',
      [branch],
    )
  )
    .map((r) => JSON.stringify(r))
    .sort();
  out.mutations = (
    await db.query(
      'SELECT client_group_id, client_id, id, name, status, result::text AS result, version FROM mutations WHERE branch_id = $1',
      [branch],
    )
  )
    .map((r) => JSON.stringify(r))
    .sort();
  return JSON.stringify(out);
}

/** Count rows of a table in a branch (with an optional extra condition on `$2`). */
export async function count(db: Db, table: string, branch: string, where = '', param?: unknown): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE branch_id = $1${where ? ` AND ${where}` : ''}`,
    param === undefined ? [branch] : [branch, param],
  );
  return r.n;
}
