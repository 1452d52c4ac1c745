/**
 * `POST /push`: replay a client group's mutations (store domain methods from
 * the registry) inside ONE transaction of the branch:
 *
 * 1. lock the branch row (pushes of a branch are serialised; the version is bumped once);
 * 2. the client group must be the caller's (else 403); per client, a mutation id at or
 *    below its last one is a repeat (answered from the mutation log, nothing run), the next
 *    must be last + 1 (a gap refuses the whole push, 409, nothing written);
 * 3. each new mutation runs in a savepoint: arguments checked against its schema, the
 *    caller's right checked, then `createStore(new PgAdapter(tx)).<name>(…)`; its result
 *    (`applied`, `conflict` with the server's row, `rejected` with a code) goes to the
 *    mutation log and each client's last mutation id moves — all in the same transaction
 *    as the effects, so a crash before COMMIT loses all of it and a crash after loses none;
 * 4. `NOTIFY` (delivered on COMMIT) pokes every node's listeners.
 *
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { sqlState, type Db, type Tx } from '../db/db.js';
import { PgAdapter } from '../pg-adapter.js';
import { viewerOf, visibleRecord, type Actor, type Viewer } from '../policy.js';
import { createStore, StoreError, type FieldError, type RulecardStore } from '../store.js';
import { mutationDef } from './registry.js';

export interface PushMutation {
  clientID: string;
  id: number;
  name: string;
  args?: unknown;
}

export interface PushRequest {
  clientGroupID: string;
  mutations: PushMutation[];
}

export type MutationStatus = 'applied' | 'conflict' | 'rejected';

/** What happened to one mutation (also what the mutation log keeps). */
export interface MutationResult {
  clientID: string;
  id: number;
  status: MutationStatus;
  /** `conflict`, `forbidden`, `invalid-args`, `unknown-mutation`, or a store error code (`validation`, `not-found`…). */
  code?: string;
  message?: { 'zh-CN': string; en: string };
  fields?: FieldError[];
  /** The server's current row of the record concerned, as the caller may see it. */
  server?: unknown;
  /** Extra facts (compiler diagnostics, the refused argument paths). */
  details?: unknown;
}

export interface PushResponse {
  results: MutationResult[];
}

/** A push refused as a whole (nothing written): HTTP status and a stable code. */
export class PushRefused extends Error {
  constructor(
    readonly status: 403 | 409,
    readonly code: 'client-group-owner' | 'mutation-gap',
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'PushRefused';
  }
}

/** Points where a test may stop the server (see `--help`, RULECARD_CRASH). */
export interface PushHooks {
  /** Inside the transaction, after every write, before COMMIT (throwing rolls it back). */
  beforeCommit?: (info: { branch: string; version: number }) => Promise<void> | void;
  /** After COMMIT, before the response is sent. */
  afterCommit?: (info: { branch: string; version: number }) => Promise<void> | void;
}

export interface PushContext {
  db: Db;
  /** NOTIFY channel of pokes. */
  channel: string;
  hooks?: PushHooks;
  clock?: () => Date;
  /** Told about a mutation that failed with an unexpected (non-store) error; never given its arguments. */
  onInternalError?: (name: string, error: unknown) => void;
}

/** Mutations after which the caller's team (the rules' view of her) is read again. */
const ROSTER_WRITES = new Set(['putMember', 'putTeam', 'removeMember', 'removeTeam', 'importRoster']);

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
const validators = new Map<string, ValidateFunction>();

function validatorOf(name: string, schema: object): ValidateFunction {
  let v = validators.get(name);
  if (!v) validators.set(name, (v = ajv.compile(schema)));
  return v;
}

const TEXTS = {
  forbidden: { 'zh-CN': '无权执行此操作', en: 'You may not do this' },
  'invalid-args': { 'zh-CN': '请求参数有误', en: 'The arguments are invalid' },
  'unknown-mutation': { 'zh-CN': '未知的操作', en: 'Unknown operation' },
  internal: { 'zh-CN': '服务器处理出错，未保存', en: 'The server failed to process this; nothing was saved' },
};

/** Make sure the branch exists (a new one starts at version 0 with a fresh epoch). */
export async function ensureBranch(q: Pick<Tx, 'query'>, branch: string): Promise<void> {
  await q.query('INSERT INTO branches (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [branch]);
}

/** A 403 when the client group belongs to someone else (another member, or another branch). */
export async function checkClientGroup(tx: Tx, actor: Actor, clientGroupID: string): Promise<void> {
  const [group] = await tx.query<{ branch_id: string; member_id: string }>('SELECT branch_id, member_id FROM client_groups WHERE id = $1', [
    clientGroupID,
  ]);
  if (group && (group.branch_id !== actor.branch || group.member_id !== actor.member)) throw new PushRefused(403, 'client-group-owner');
}

/** Lock the branch row (creating the branch on its first write): pushes of a branch run one at a time. */
async function lockBranch(tx: Tx, branch: string): Promise<{ version: number; timezone: string }> {
  const lock = () =>
    tx.query<{ version: number; timezone: string }>('SELECT version, timezone FROM branches WHERE id = $1 FOR UPDATE', [branch]);
  const [row] = await lock();
  if (row) return row;
  await ensureBranch(tx, branch);
  return (await lock())[0];
}

export async function push(ctx: PushContext, actor: Actor, req: PushRequest): Promise<PushResponse> {
  let committed: { version: number } | null = null;
  const results = await ctx.db.transaction(async (tx) => {
    const branch = await lockBranch(tx, actor.branch);
    // The group's owner and its clients' last mutation ids, in one statement.
    const clientIDs = [...new Set(req.mutations.map((mu) => mu.clientID))];
    const [group] = await tx.query<{ branch_id: string | null; member_id: string | null; clients: [string, number][] | null }>(
      `SELECT g.branch_id, g.member_id,
              (SELECT json_agg(json_build_array(c.id, c.last_mutation_id)) FROM clients c
                WHERE c.client_group_id = $1 AND c.id = ANY($2::text[])) AS clients
         FROM (SELECT 1) AS one LEFT JOIN client_groups g ON g.id = $1`,
      [req.clientGroupID, clientIDs],
    );
    if (group.branch_id === null) {
      await tx.query('INSERT INTO client_groups (id, branch_id, member_id) VALUES ($1, $2, $3)', [
        req.clientGroupID,
        actor.branch,
        actor.member,
      ]);
    } else if (group.branch_id !== actor.branch || group.member_id !== actor.member) throw new PushRefused(403, 'client-group-owner');

    // Repeats and gaps, per client.
    const last = new Map(group.clients ?? []);
    const next = new Map(clientIDs.map((c) => [c, (last.get(c) ?? 0) + 1]));
    const fresh: PushMutation[] = [];
    const repeats: PushMutation[] = [];
    for (const mu of req.mutations) {
      const expected = next.get(mu.clientID)!;
      if (mu.id < expected) repeats.push(mu);
      else if (mu.id === expected) {
        fresh.push(mu);
        next.set(mu.clientID, expected + 1);
      } else throw new PushRefused(409, 'mutation-gap', { clientID: mu.clientID, expected, got: mu.id });
    }

    const logged = new Map<string, MutationResult>();
    if (repeats.length) {
      const rows = await tx.query<{ client_id: string; id: number; result: MutationResult }>(
        `SELECT client_id, id, result FROM mutations WHERE client_group_id = $1
           AND (client_id, id) IN (SELECT e->>0, (e->>1)::bigint FROM json_array_elements($2::json) AS e)`,
        [req.clientGroupID, JSON.stringify(repeats.map((mu) => [mu.clientID, mu.id]))],
      );
      for (const r of rows) logged.set(`${r.client_id}\u0000${r.id}`, r.result);
    }
    if (fresh.length === 0) return req.mutations.map((mu) => logged.get(`${mu.clientID}\u0000${mu.id}`) ?? notLogged(mu));

    const version = branch.version + 1;
    const adapter = new PgAdapter(tx, { branch: actor.branch, version });
    const clock = ctx.clock ?? (() => new Date());
    const store = createStore(adapter, { timezone: branch.timezone, now: clock, incremental: false });
    let viewer = await viewerOf(actor, adapter);
    const done = new Map<string, MutationResult>();
    for (const [i, mu] of fresh.entries()) {
      // Each mutation in its own savepoint (released and set again in one round trip).
      await tx.exec(i === 0 ? 'SAVEPOINT mutation' : 'RELEASE SAVEPOINT mutation; SAVEPOINT mutation');
      done.set(`${mu.clientID}\u0000${mu.id}`, await runOne(ctx, tx, { store, adapter, viewer }, mu, clock()));
      if (ROSTER_WRITES.has(mu.name)) viewer = await viewerOf(actor, adapter);
    }
    await tx.exec('RELEASE SAVEPOINT mutation');

    const newResults = fresh.map((mu) => done.get(`${mu.clientID}\u0000${mu.id}`)!);
    const lastByClient = new Map<string, number>();
    for (const mu of fresh) lastByClient.set(mu.clientID, mu.id);
    // The clients' last ids, then the mutation log (it references them), then the version and the poke.
    await tx.query(
      `INSERT INTO clients (client_group_id, id, last_mutation_id, version)
         SELECT $1, e->>0, (e->>1)::bigint, $2 FROM json_array_elements($3::json) AS e
       ON CONFLICT (client_group_id, id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, version = excluded.version, updated_at = now()`,
      [req.clientGroupID, version, JSON.stringify([...lastByClient])],
    );
    // Pokes only when records changed (a push of only refused mutations, or of a refresh with nothing due, moves ids alone).
    const poke = adapter.commits > 0;
    await tx.query(
      `WITH m AS (
         INSERT INTO mutations (client_group_id, client_id, id, branch_id, name, status, result, version)
           SELECT $1, e->>'clientID', (e->>'id')::bigint, $2, e->>'name', e->'result'->>'status', e->'result', $3
           FROM json_array_elements($4::json) AS e)
       UPDATE branches SET version = $3 WHERE id = $2${poke ? ' RETURNING pg_notify($5, $6)' : ''}`,
      [
        req.clientGroupID,
        actor.branch,
        version,
        JSON.stringify(fresh.map((mu, i) => ({ clientID: mu.clientID, id: mu.id, name: mu.name.slice(0, 100), result: newResults[i] }))),
        ...(poke ? [ctx.channel, JSON.stringify({ branch: actor.branch, version })] : []),
      ],
    );
    await ctx.hooks?.beforeCommit?.({ branch: actor.branch, version });
    committed = { version };
    return req.mutations.map(
      (mu) => done.get(`${mu.clientID}\u0000${mu.id}`) ?? logged.get(`${mu.clientID}\u0000${mu.id}`) ?? notLogged(mu),
    );
  });
  if (committed) await ctx.hooks?.afterCommit?.({ branch: actor.branch, version: (committed as { version: number }).version });
  return { results };
}

function notLogged(mu: PushMutation): MutationResult {
  // A mutation id at or below the client's last one that the log does not hold: it was
  // processed by this server, but the log row is gone (never the case unless trimmed by hand).
  return { clientID: mu.clientID, id: mu.id, status: 'rejected', code: 'not-logged' };
}

/** One mutation, inside the savepoint the caller set: its effects, or (rolled back to the savepoint) none and the reason. */
async function runOne(
  ctx: PushContext,
  tx: Tx,
  { store, adapter, viewer }: { store: RulecardStore; adapter: PgAdapter; viewer: Viewer },
  mu: PushMutation,
  now: Date,
): Promise<MutationResult> {
  const base = { clientID: mu.clientID, id: mu.id };
  const def = mutationDef(mu.name);
  if (!def) return { ...base, status: 'rejected', code: 'unknown-mutation', message: TEXTS['unknown-mutation'] };
  const args = mu.args ?? {};
  const validate = validatorOf(mu.name, def.args);
  const commits = adapter.commits;
  if (!validate(args)) {
    return { ...base, status: 'rejected', code: 'invalid-args', message: TEXTS['invalid-args'], details: argErrors(validate.errors) };
  }
  const serverRow = async (): Promise<unknown> => {
    const t = def.target?.(args);
    if (!t) return undefined;
    const row = t.kind === 'events' ? await store.getEvent(t.key) : await adapter.get(t.kind, t.key as never);
    return visibleRecord(viewer, t.kind, row);
  };
  try {
    const reason = await def.allow({ viewer, store }, args);
    if (reason) {
      return { ...base, status: 'rejected', code: 'forbidden', message: TEXTS.forbidden, details: { reason }, server: await serverRow() };
    }
    await def.run(store, args, { by: viewer.member, role: viewer.role }, now);
    return { ...base, status: 'applied' };
  } catch (e) {
    if (!(e instanceof StoreError) && sqlState(e) !== undefined) throw e; // the database failed: the whole push fails, nothing written
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    adapter.forget();
    adapter.commits = commits;
    if (!(e instanceof StoreError)) {
      ctx.onInternalError?.(mu.name, e);
      return { ...base, status: 'rejected', code: 'internal', message: TEXTS.internal };
    }
    const server = await serverRow();
    const result: MutationResult = {
      ...base,
      status: e.code === 'conflict' ? 'conflict' : 'rejected',
      code: e.code,
      message: e.texts,
    };
    if (e.fields.length) result.fields = e.fields;
    if (e.records.length) result.details = { records: e.records };
    else if (e.details.diagnostics) result.details = { diagnostics: e.details.diagnostics };
    if (server !== undefined) result.server = server;
    return result;
  }
}

function argErrors(errors: ErrorObject[] | null | undefined): { path: string; keyword: string; property?: string }[] {
  return (errors ?? []).map((er) => ({
    path: er.instancePath || '/',
    keyword: er.keyword,
    ...(er.keyword === 'additionalProperties'
      ? { property: String((er.params as { additionalProperty?: unknown }).additionalProperty) }
      : {}),
  }));
}

/**
 * A write the server makes itself (the demo seed, maintenance): one
 * transaction of the branch, version bumped once and poked like a push when
 * it wrote anything.
 */
export async function serverWrite<T>(
  ctx: Pick<PushContext, 'db' | 'channel' | 'clock'>,
  branchId: string,
  fn: (store: RulecardStore) => Promise<T>,
): Promise<T> {
  await ensureBranch(ctx.db, branchId);
  return ctx.db.transaction(async (tx) => {
    const [branch] = await tx.query<{ version: number; timezone: string }>(
      'SELECT version, timezone FROM branches WHERE id = $1 FOR UPDATE',
      [branchId],
    );
    const version = branch.version + 1;
    const adapter = new PgAdapter(tx, { branch: branchId, version });
    const result = await fn(createStore(adapter, { timezone: branch.timezone, now: ctx.clock, incremental: false }));
    // Nothing written: the version stays (no pull has anything to fetch).
    if (adapter.commits === 0) return result;
    await tx.query('UPDATE branches SET version = $2 WHERE id = $1 RETURNING pg_notify($3, $4)', [
      branchId,
      version,
      ctx.channel,
      JSON.stringify({ branch: branchId, version }),
    ]);
    return result;
  });
}

/**
 * Derive the `follow_up_overdue` events that came due since the last run, in
 * every branch with a pending follow-up (each node may run it: the events'
 * ids are fixed, a second run finds them). Returns the events added.
 */
export async function refreshOverdue(ctx: Pick<PushContext, 'db' | 'channel' | 'clock'>): Promise<number> {
  const branches = await ctx.db.query<{ branch_id: string }>('SELECT DISTINCT branch_id FROM call_logs WHERE follow_up_due_at IS NOT NULL');
  let added = 0;
  for (const { branch_id } of branches) {
    added += await serverWrite(ctx, branch_id, (store) => store.refreshOverdueFollowUps((ctx.clock ?? (() => new Date()))()));
  }
  return added;
}

/** Read through the store in one repeatable-read snapshot of a branch (scoring, exports). */
export async function serverRead<T>(db: Db, branchId: string, fn: (store: RulecardStore) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const [branch] = await tx.query<{ timezone: string }>('SELECT timezone FROM branches WHERE id = $1', [branchId]);
      return fn(
        createStore(new PgAdapter(tx, { branch: branchId }), { timezone: branch?.timezone ?? 'Asia/Shanghai', incremental: false }),
      );
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}
