/**
 * The one thin database interface the server is written against, with two
 * implementations sharing the same SQL (see `migrations/`):
 *
 * - {@link openPglite}: PostgreSQL in WebAssembly (`@electric-sql/pglite`) in
 *   a data folder, so the server needs nothing installed;
 * - {@link openPostgres}: a real PostgreSQL through `pg` (`DATABASE_URL`).
 *
 * Only `query` and `transaction` are used by the domain; `listen` carries the
 * pokes between server nodes (PostgreSQL `LISTEN/NOTIFY`, in-process on
 * PGlite). SQL is limited to what PostgreSQL 15 supports.
 *
 * @module
 */

/** A result row: column name → value (json columns parsed, bigint as number). */
export type Row = Record<string, unknown>;

/** Something that runs parameterised SQL (`$1`, `$2`…). */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Run a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The connection of one open transaction. */
export type Tx = Queryable;

export interface TransactionOptions {
  /** Default `read committed`. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

export interface Db extends Queryable {
  /** `pglite` or `postgres`. */
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Receive `NOTIFY channel, payload` (from this node and every other one on the same database). */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The `BEGIN` options as a `SET TRANSACTION` statement, or undefined for the defaults. */
export function transactionMode(options: TransactionOptions = {}): string | undefined {
  const parts: string[] = [];
  if (options.isolation && options.isolation !== 'read committed') parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options.readOnly) parts.push('READ ONLY');
  return parts.length ? parts.join(', ') : undefined;
}

/** A PostgreSQL error code (SQLSTATE) of an error from either driver, if it has one. */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A schema or channel name safe to splice into SQL (letters, digits, `_`; at most 63 bytes). */
export function isIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}
