/**
 * {@link Db} over PGlite: real PostgreSQL compiled to WebAssembly, in a data
 * folder (or in memory). One connection: transactions run one at a time,
 * `LISTEN/NOTIFY` works inside the process.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { isIdentifier, transactionMode, type Db, type Row, type Tx } from './db.js';

export interface PgliteOptions {
  /** Data folder (created when missing); omit for an in-memory database. */
  dataDir?: string;
  /**
   * Use this already open instance instead of opening one (tests share one
   * per file; the wrapper does not close it). It must not be used by two
   * wrappers with different schemas at once.
   */
  instance?: PGlite;
  /** Schema for every table (created when missing); default `public`. */
  schema?: string;
}

/** Open (creating when needed) a PGlite database. Opening takes a few seconds (the WebAssembly module). */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  let pg = options.instance;
  const owned = !pg;
  if (!pg) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    pg = new PGlite(options.dataDir);
  }
  await pg.waitReady;
  const schema = options.schema ?? 'public';
  if (!isIdentifier(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  if (schema !== 'public') await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return new PgliteDb(pg, owned, schema);
}

/** The schema each instance's connection is set to (one connection per instance). */
const current = new WeakMap<PGlite, string>();

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly pg: PGlite,
    private readonly owned: boolean,
    private readonly schema: string,
  ) {}

  /** Point the shared connection at this wrapper's schema (instances shared by tests, one wrapper at a time). */
  private async use(): Promise<void> {
    if (current.get(this.pg) === this.schema) return;
    await this.pg.exec(`SET search_path TO ${this.schema}`);
    current.set(this.pg, this.schema);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    await this.use();
    return (await this.pg.query<R>(sql, params as unknown[])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.use();
    await this.pg.exec(sql);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, options = {}): Promise<T> {
    await this.use();
    const mode = transactionMode(options);
    return this.pg.transaction(async (t) => {
      if (mode) await t.query(`SET TRANSACTION ${mode}`);
      const tx: Tx = {
        query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) =>
          (await t.query<R>(sql, params as unknown[])).rows,
        exec: async (sql: string) => {
          await t.exec(sql);
        },
      };
      return fn(tx);
    });
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    if (!isIdentifier(channel)) throw new Error(`invalid channel name ${JSON.stringify(channel)}`);
    const stop = await this.pg.listen(channel, handler);
    return () => stop();
  }

  async close(): Promise<void> {
    if (this.owned) await this.pg.close();
  }
}
