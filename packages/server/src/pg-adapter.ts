/**
 * The store's {@link StoreAdapter} over PostgreSQL, inside one open
 * transaction of one branch: `createStore(new PgAdapter(tx, { branch, version }))`
 * runs the store's own validation, derived events, history and month
 * journals on the server, and every record it writes lands in the caller's
 * transaction (committed, or rolled back, with the client's mutation id).
 *
 * - Each `commit(ops)` is atomic on its own too (a savepoint): a failed
 *   revision check leaves nothing of that commit, so the store may catch it
 *   (e.g. `publishRulebook` retrying a taken version number).
 * - Writes stamp `row_version` (the push's branch version); deletes leave a
 *   tombstone with it: that is what `/pull` reads.
 * - Range reads follow the contract of `adapter.ts`: inclusive bounds, ordered
 *   by the (index) key, text compared bytewise like IndexedDB keys.
 *
 * @module
 */
import { sqlState, type Tx } from './db/db.js';
import { TABLES, columnType, keyJsonSql, type ColumnContext, type TableSpec } from './records.js';
import { byOwnerRanges } from './owner-ranges.js';
import { StoreError } from './store.js';
import type {
  ChangeRecord,
  CommitHint,
  JournalOp,
  KeyValue,
  RecordOp,
  Query,
  RecordKeys,
  RecordKind,
  RecordTypes,
  StoreAdapter,
  StoreListener,
  WriteOp,
} from './store.js';

export interface PgAdapterOptions {
  /** The branch (tenant) every row belongs to. */
  branch: string;
  /** The branch version this transaction writes (`row_version`); absent: read-only. */
  version?: number;
  /**
   * Honour reads' `omit` hints with the records' narrow copies (default true): scoring's read of a branch-month
   * of events (docs/scaling.md). False reads whole records (the bench's comparison).
   */
  narrow?: boolean;
}

type Json = Record<string, unknown>;

/** A statement under construction: SQL text with `$n` placeholders and their values. */
class Sql {
  readonly params: unknown[] = [];
  param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.params.length}::${cast}`;
  }
}

const castOf = (type: 'text' | 'int'): string => (type === 'int' ? 'bigint' : 'text');

function keyParts(spec: TableSpec, cols: string[], value: KeyValue): (string | number)[] {
  const parts = Array.isArray(value) ? value : [value];
  if (parts.length > cols.length) throw new StoreError('aborted', { details: { reason: 'key-shape', kind: spec.kind } });
  return parts;
}

/**
 * `(a, b) >= (x, y)` with IndexedDB's array-key semantics for a bound shorter
 * than the key: a key is greater than its own prefix.
 */
function bound(sql: Sql, spec: TableSpec, cols: string[], value: KeyValue, op: '>=' | '<=' | '='): string {
  const parts = keyParts(spec, cols, value);
  const used = cols.slice(0, parts.length);
  const lhs = `(${used.join(', ')})`;
  const rhs = `(${parts.map((p, i) => sql.param(p, castOf(columnType(spec, used[i])))).join(', ')})`;
  if (op === '=') return parts.length === cols.length ? `${lhs} = ${rhs}` : 'false';
  if (op === '<=' && parts.length < cols.length) return `${lhs} < ${rhs}`;
  return `${lhs} ${op} ${rhs}`;
}

function whereOf(sql: Sql, spec: TableSpec, branch: string, q: Query<RecordKind>): { where: string; order: string } {
  const cols = q.index ? spec.indexes[q.index as string] : spec.key.map((c) => c.name);
  if (!cols) throw new StoreError('aborted', { details: { reason: 'unknown-index', kind: spec.kind, index: q.index } });
  const conds = [`branch_id = ${sql.param(branch, 'text')}`];
  if (q.index === 'by-follow-up-due') conds.push('follow_up_due_at IS NOT NULL');
  if (q.only !== undefined) conds.push(bound(sql, spec, cols, q.only, '='));
  else {
    if (q.lower !== undefined) conds.push(bound(sql, spec, cols, q.lower, '>='));
    if (q.upper !== undefined) conds.push(bound(sql, spec, cols, q.upper, '<='));
  }
  const order = [...new Set([...cols, ...spec.key.map((c) => c.name)])].join(', ');
  return { where: conds.join(' AND '), order };
}

/** See the module documentation. */
export class PgAdapter implements StoreAdapter {
  readonly branch: string = this.options.branch;
  readonly version: number | undefined = this.options.version;
  private savepoints = 0;
  /** Commits that wrote (a caller rolling one back to its own savepoint sets this back). */
  commits = 0;
  /**
   * Reads of the small kinds every mutation reads again (the roster, months, rulebook versions),
   * kept for this transaction until a commit touches their kind (the branch is locked by the push:
   * nobody else writes it meanwhile). Handed out as copies.
   */
  private readonly cache = new Map<string, unknown[]>();

  constructor(
    private readonly tx: Tx,
    private readonly options: PgAdapterOptions,
  ) {}

  async get<K extends RecordKind>(kind: K, key: RecordKeys[K]): Promise<RecordTypes[K] | undefined> {
    return (await this.query(kind, { only: key as KeyValue }))[0];
  }

  async query<K extends RecordKind>(kind: K, q: Query<K>): Promise<RecordTypes[K][]> {
    return this.queryMany(kind, [q]);
  }

  /** Several ranges in one statement, their records concatenated in query order. */
  async queryMany<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]> {
    if (queries.length === 0) return [];
    if (!CACHED.has(kind)) return this.read(kind, queries);
    const key = `${kind}\u0000${JSON.stringify(queries)}`;
    let rows = this.cache.get(key) as RecordTypes[K][] | undefined;
    if (!rows) this.cache.set(key, (rows = await this.read(kind, queries)));
    return structuredClone(rows);
  }

  /** Drop the read cache (after a rollback to a savepoint). */
  forget(): void {
    this.cache.clear();
  }

  private async read<K extends RecordKind>(kind: K, queries: Query<K>[]): Promise<RecordTypes[K][]> {
    const spec = TABLES[kind];
    const fast =
      (await this.byKeys(spec, queries as Query<RecordKind>[])) ??
      (await byOwnerRanges(this.tx, this.branch, this.options.narrow !== false, spec, queries as Query<RecordKind>[]));
    if (fast) return fast as RecordTypes[K][];
    const sql = new Sql();
    const parts = queries.map((q, i) => {
      const { where, order } = whereOf(sql, spec, this.branch, q as Query<RecordKind>);
      return `SELECT ${i} AS q, data, ${order} FROM ${spec.table} WHERE ${where}`;
    });
    const { order } = whereOf(new Sql(), spec, this.branch, queries[0] as Query<RecordKind>);
    // Each part has its own order columns; when parts differ (not the case in the store), order by q only.
    const sameShape = queries.every((q) => (q.index ?? null) === (queries[0].index ?? null));
    const text =
      parts.length === 1
        ? `${parts[0]} ORDER BY ${order}`
        : `SELECT data FROM (${parts.join(' UNION ALL ')}) u ORDER BY q${sameShape ? `, ${order}` : ''}`;
    const rows = await this.tx.query<{ data: RecordTypes[K] }>(text, sql.params);
    return rows.map((r) => r.data);
  }

  /** Point reads of a one-column primary key (`{ only: id }`, e.g. a log's derived events): one `= ANY`. */
  private async byKeys(spec: TableSpec, queries: Query<RecordKind>[]): Promise<unknown[] | undefined> {
    if (spec.key.length !== 1 || spec.key[0].type !== 'text' || queries.length < 2) return undefined;
    if (!queries.every((q) => q.index === undefined && typeof q.only === 'string')) return undefined;
    const ids = queries.map((q) => q.only as string);
    const rows = await this.tx.query<{ k: string; data: unknown }>(
      `SELECT ${spec.key[0].name} AS k, data FROM ${spec.table} WHERE branch_id = $1 AND ${spec.key[0].name} = ANY($2::text[])`,
      [this.branch, ids],
    );
    const byId = new Map(rows.map((r) => [r.k, r.data]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)] : []));
  }

  async readTogether<A extends RecordKind, B extends RecordKind>(
    a: { kind: A; queries: Query<A>[] },
    b: { kind: B; queries: Query<B>[] },
  ): Promise<[RecordTypes[A][], RecordTypes[B][]]> {
    // One transaction already: the two reads see the same data (the branch is locked by the push, or the read is repeatable).
    const ra = await this.queryMany(a.kind, a.queries);
    const rb = await this.queryMany(b.kind, b.queries);
    return [ra, rb];
  }

  getAll<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    return this.query(kind, {});
  }

  async count<K extends RecordKind>(kind: K, q: Query<K> = {}): Promise<number> {
    const spec = TABLES[kind];
    const sql = new Sql();
    const { where } = whereOf(sql, spec, this.branch, q as Query<RecordKind>);
    const [row] = await this.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${spec.table} WHERE ${where}`, sql.params);
    return row.n;
  }

  subscribe(_listener: StoreListener): () => void {
    // Server side, a commit is announced by the push that owns the transaction (a poke after COMMIT).
    return () => undefined;
  }

  close(): void {
    // The transaction belongs to the caller.
  }

  async commit(ops: WriteOp[], _hint?: CommitHint): Promise<void> {
    if (ops.length === 0) return;
    if (this.version === undefined) throw new StoreError('aborted', { details: { reason: 'read-only' } });
    const touched = new Set<string>(ops.map((o) => o.kind));
    for (const key of this.cache.keys()) if (touched.has(key.slice(0, key.indexOf('\u0000')))) this.cache.delete(key);
    // One op is one statement, atomic by itself; several get a savepoint, so a failed commit leaves nothing.
    const name = ops.length > 1 ? `commit_${++this.savepoints}` : undefined;
    if (name) await this.tx.query(`SAVEPOINT ${name}`);
    try {
      await this.apply(ops, this.version);
      if (name) await this.tx.query(`RELEASE SAVEPOINT ${name}`);
      this.commits++;
    } catch (e) {
      if (name) await this.tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
      if (sqlState(e) === '23505') throw new StoreError('duplicate', { cause: e });
      throw e;
    }
  }

  // ------------------------------------------------------------------ writes

  private async apply(ops: WriteOp[], version: number): Promise<void> {
    const logOwners = new Map<string, string>();
    for (const op of ops) if (op.kind === 'callLogs' && op.op === 'put') logOwners.set(op.record.id, op.record.consultant);
    const ctx: ColumnContext = { ownerOfLog: (id) => logOwners.get(id) ?? null };
    // History of logs neither written nor deleted here: their consultant from the stored log (or its earlier history).
    const unknownLogs = [
      ...new Set(
        ops.flatMap((op) => (op.kind === 'callLogHistory' && op.op === 'put' && !logOwners.has(op.record.logId) ? [op.record.logId] : [])),
      ),
    ];
    // Runs of consecutive unchecked ops of one kind and verb become one statement each.
    for (let i = 0; i < ops.length;) {
      const op = ops[i];
      if (op.op === 'journal') {
        let j = i;
        while (j < ops.length && ops[j].op === 'journal') j++;
        await this.journal(
          ops.slice(i, j).map((o) => (o as JournalOp).record),
          version,
          ctx,
        );
        i = j;
        continue;
      }
      if (op.op === 'clear') {
        await this.deleteRows(TABLES[op.kind], null, version, logOwners);
        i++;
        continue;
      }
      const checked = op.op === 'put' ? op.expectRev !== undefined && op.expectRev !== null : op.expectRev !== undefined;
      if (checked) {
        await this.checked(op, version, ctx, logOwners);
        i++;
        continue;
      }
      // A fresh id (no such record) is added like `expectRev: null`: a clash is `duplicate`, never an SQL error.
      const mode = op.op === 'delete' ? 'delete' : op.expectRev === null || op.fresh ? 'add' : 'upsert';
      let j = i;
      const batch: WriteOp[] = [];
      while (j < ops.length) {
        const o = ops[j];
        if (o.op === 'journal') break;
        const m = o.op === 'delete' ? 'delete' : o.op === 'clear' ? 'clear' : o.expectRev === null || o.fresh ? 'add' : 'upsert';
        const oChecked =
          o.op === 'put' ? o.expectRev !== undefined && o.expectRev !== null : o.op === 'delete' && o.expectRev !== undefined;
        if (o.kind !== op.kind || m !== mode || oChecked) break;
        batch.push(o);
        j++;
      }
      if (unknownLogs.length && batch.some((o) => o.kind === 'callLogHistory')) await this.loadLogOwners(unknownLogs.splice(0), logOwners);
      const spec = TABLES[op.kind];
      if (mode === 'delete') {
        const keys = batch.map((o) =>
          o.op === 'delete'
            ? keyParts(
                spec,
                spec.key.map((c) => c.name),
                o.key as KeyValue,
              )
            : [],
        );
        await this.deleteRows(spec, keys, version, logOwners);
      } else {
        await this.insertRows(
          spec,
          batch.map((o) => (o as unknown as { record: Json }).record),
          mode,
          version,
          ctx,
        );
      }
      i = j;
    }
  }

  /**
   * Journal ops: each change record is written if, and only if, its month is closed now — the month's
   * `periods` row read in this transaction and locked (`FOR SHARE`) until it ends, so a write and a
   * month closing cannot interleave.
   */
  private async journal(records: ChangeRecord[], version: number, ctx: ColumnContext): Promise<void> {
    const months = [...new Set(records.map((r) => r.month))];
    const closed = await this.tx.query<{ month: string }>(
      `SELECT month FROM periods WHERE branch_id = $1 AND month = ANY($2::text[]) AND data->>'status' = 'closed' FOR SHARE`,
      [this.branch, months],
    );
    const isClosed = new Set(closed.map((r) => r.month));
    const kept = records.filter((r) => isClosed.has(r.month));
    if (kept.length) await this.insertRows(TABLES.changes, kept as unknown as Json[], 'upsert', version, ctx);
  }

  private async loadLogOwners(ids: string[], into: Map<string, string>): Promise<void> {
    const rows = await this.tx.query<{ id: string; consultant: string }>(
      `SELECT id, consultant FROM call_logs WHERE branch_id = $1 AND id = ANY($2::text[])
       UNION ALL SELECT DISTINCT log_id, consultant FROM call_log_history WHERE branch_id = $1 AND log_id = ANY($2::text[]) AND consultant IS NOT NULL`,
      [this.branch, ids],
    );
    for (const r of rows) if (!into.has(r.id)) into.set(r.id, r.consultant);
  }

  /** The column list and, per record, its values: key columns, index columns, then the record. */
  private rowsOf(spec: TableSpec, records: Json[], ctx: ColumnContext): { cols: TableSpecColumn[]; json: string } {
    const cols: TableSpecColumn[] = [...spec.key, ...spec.columns.map((c) => c.column)];
    const rows = records.map((r) => [...spec.keyOf(r), ...spec.columns.map((c) => c.of(r, ctx)), r]);
    return { cols, json: JSON.stringify(rows) };
  }

  private async insertRows(
    spec: TableSpec,
    records: Json[],
    mode: 'add' | 'fresh' | 'upsert',
    version: number,
    ctx: ColumnContext,
  ): Promise<void> {
    let list = records;
    if (mode === 'upsert') {
      // One statement cannot write a row twice: the last put of a key wins, as it would one by one.
      const last = new Map<string, Json>();
      for (const r of records) last.set(JSON.stringify(spec.keyOf(r)), r);
      list = [...last.values()];
    } else if (mode === 'add') {
      const seen = new Set<string>();
      for (const r of records) {
        const k = JSON.stringify(spec.keyOf(r));
        if (seen.has(k)) throw new StoreError('duplicate', { details: { kind: spec.kind, id: spec.keyOf(r).join('@') } });
        seen.add(k);
      }
    }
    const { cols, json } = this.rowsOf(spec, list, ctx);
    const names = cols.map((c) => c.name);
    const values = cols.map((c, i) => (c.type === 'int' ? `(e->>${i})::int` : `e->>${i}`));
    const keyNames = spec.key.map((c) => c.name).join(', ');
    let text = `INSERT INTO ${spec.table} (branch_id, row_version, ${names.join(', ')}, data)
      SELECT $1, $2, ${values.join(', ')}, e->${cols.length} FROM json_array_elements($3::json) AS e`;
    if (mode === 'upsert') {
      const set = [...spec.columns.map((c) => c.column.name), 'data', 'row_version'].map((n) => `${n} = excluded.${n}`);
      text += ` ON CONFLICT (branch_id, ${keyNames}) DO UPDATE SET ${set.join(', ')}`;
    } else if (mode === 'add') text += ` ON CONFLICT (branch_id, ${keyNames}) DO NOTHING RETURNING ${keyJsonSql(spec)} AS key`;
    const rows = await this.tx.query<{ key: string }>(text, [this.branch, version, json]);
    if (mode === 'add' && rows.length < list.length) {
      const written = new Set(rows.map((r) => JSON.stringify(JSON.parse(r.key))));
      const taken = list.find((r) => !written.has(JSON.stringify(spec.keyOf(r).length === 1 ? spec.keyOf(r)[0] : spec.keyOf(r))));
      throw new StoreError('duplicate', { details: { kind: spec.kind, id: taken ? spec.keyOf(taken).join('@') : undefined } });
    }
  }

  /** Delete rows by key (all of the branch's rows of the kind when `keys` is null), leaving tombstones. */
  private async deleteRows(
    spec: TableSpec,
    keys: (string | number)[][] | null,
    version: number,
    logOwners: Map<string, string>,
    rev?: number,
  ): Promise<{ key: string; owner: string | null }[]> {
    const sql = new Sql();
    const conds = [`branch_id = ${sql.param(this.branch, 'text')}`];
    if (keys) {
      if (keys.length === 0) return [];
      const cols = spec.key.map((c, i) => (c.type === 'int' ? `(e->>${i})::int` : `e->>${i}`));
      conds.push(
        `(${spec.key.map((c) => c.name).join(', ')}) IN (SELECT ${cols.join(', ')} FROM json_array_elements(${sql.param(JSON.stringify(keys), 'json')}) AS e)`,
      );
    }
    if (rev !== undefined) conds.push(`(data->>'rev')::int = ${sql.param(rev, 'int')}`);
    const owner = spec.owner ?? 'NULL';
    const text = `WITH gone AS (DELETE FROM ${spec.table} WHERE ${conds.join(' AND ')} RETURNING ${keyJsonSql(spec)} AS key, ${owner}::text AS owner)
      INSERT INTO tombstones (branch_id, kind, key, owner, version)
      SELECT ${sql.param(this.branch, 'text')}, ${sql.param(spec.kind, 'text')}, key, owner, ${sql.param(version, 'bigint')} FROM gone
      ON CONFLICT (branch_id, kind, key) DO UPDATE SET owner = excluded.owner, version = excluded.version
      RETURNING key, owner`;
    const gone = await this.tx.query<{ key: string; owner: string | null }>(text, sql.params);
    if (spec.kind === 'callLogs') for (const g of gone) if (g.owner) logOwners.set(JSON.parse(g.key) as string, g.owner);
    return gone;
  }

  /** A put or delete with a revision check (`expectRev` a number): not-found / conflict inside the transaction. */
  private async checked(op: RecordOp, version: number, ctx: ColumnContext, logOwners: Map<string, string>): Promise<void> {
    const spec = TABLES[op.kind];
    const expected = op.op === 'clear' ? 0 : (op.expectRev as number);
    const key =
      op.op === 'put'
        ? spec.keyOf(op.record as unknown as Json)
        : keyParts(
            spec,
            spec.key.map((c) => c.name),
            (op as { key: KeyValue }).key,
          );
    let done: boolean;
    if (op.op === 'delete') {
      done = (await this.deleteRows(spec, [key], version, logOwners, expected)).length > 0;
    } else {
      const record = (op as unknown as { record: Json }).record;
      const sql = new Sql();
      const set = spec.columns.map((c) => `${c.column.name} = ${sql.param(c.of(record, ctx), castOf(c.column.type))}`);
      set.push(`data = ${sql.param(JSON.stringify(record), 'json')}`, `row_version = ${sql.param(version, 'bigint')}`);
      const where = [
        `branch_id = ${sql.param(this.branch, 'text')}`,
        ...spec.key.map((c, i) => `${c.name} = ${sql.param(key[i], castOf(c.type))}`),
        `(data->>'rev')::int = ${sql.param(expected, 'int')}`,
      ];
      const rows = await this.tx.query(
        `UPDATE ${spec.table} SET ${set.join(', ')} WHERE ${where.join(' AND ')} RETURNING 1 AS ok`,
        sql.params,
      );
      done = rows.length > 0;
    }
    if (done) return;
    const current = await this.get(op.kind, (key.length === 1 ? key[0] : key) as RecordKeys[typeof op.kind]);
    const id = key.join('@');
    if (current === undefined) throw new StoreError('not-found', { details: { kind: op.kind, id } });
    throw new StoreError('conflict', {
      details: { kind: op.kind, id, expected, actual: (current as { rev?: number }).rev, current },
    });
  }
}

type TableSpecColumn = TableSpec['key'][number];

/** Kinds read again by nearly every mutation and small: cached for the transaction (see `PgAdapter.cache`). */
const CACHED = new Set<RecordKind>(['teams', 'members', 'periods', 'rulebookVersions']);
