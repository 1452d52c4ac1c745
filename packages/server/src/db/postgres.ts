/**
 * {@link Db} over a real PostgreSQL (`DATABASE_URL`) through `pg`: a pool of
 * connections for queries and transactions, one more connection for
 * `LISTEN` (re-established when it drops).
 *
 * @module
 */
import pg from 'pg';
import { isIdentifier, transactionMode, type Db, type Row, type Tx } from './db.js';

export interface PostgresOptions {
  /** `postgres://user@host:port/database`. */
  url: string;
  /** Schema for every table (created when missing); default `public`. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const INT8 = 20;

/** Connect to PostgreSQL (creating the schema when missing). */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const schema = options.schema ?? 'public';
  if (!isIdentifier(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  const config: pg.PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    // Versions and mutation ids are bigint columns; they stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
    options: `-c search_path=${schema}`,
  };
  const pool = new pg.Pool(config);
  pool.on('error', () => {
    // An idle connection dropped (the server restarted): the pool replaces it on next use.
  });
  if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  else await pool.query('SELECT 1');
  return new PostgresDb(pool, config);
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private listener: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
  ) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params as unknown[])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, options = {}): Promise<T> {
    const client = await this.pool.connect();
    const mode = transactionMode(options);
    let broken: Error | undefined;
    try {
      await client.query(mode ? `BEGIN ${mode}` : 'BEGIN');
      // One connection runs one statement at a time: queue them (the store reads in parallel with Promise.all).
      let queue: Promise<unknown> = Promise.resolve();
      const serial = <T>(run: () => Promise<T>): Promise<T> => {
        const next = queue.then(run, run);
        queue = next.catch(() => undefined);
        return next;
      };
      const tx: Tx = {
        query: <R extends Row = Row>(sql: string, params: readonly unknown[] = []) =>
          serial(async () => (await client.query<R>(sql, params as unknown[])).rows),
        exec: (sql: string) =>
          serial(async () => {
            await client.query(sql);
          }),
      };
      try {
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  private connectListener(): Promise<pg.Client> {
    if (this.listener) return Promise.resolve(this.listener);
    this.connecting ??= (async () => {
      const client = new pg.Client(this.config);
      client.on('notification', (msg) => {
        for (const h of this.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
      });
      const reconnect = (): void => {
        if (this.listener !== client) return;
        this.listener = null;
        client.removeAllListeners('end');
        if (this.closed) return;
        // Pokes are a hint (clients also pull on a timer): retry in the background.
        setTimeout(() => void this.relisten().catch(() => undefined), 1000).unref();
      };
      client.on('error', reconnect);
      client.on('end', reconnect);
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.listener = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async relisten(): Promise<void> {
    if (!this.closed && this.handlers.size) await this.connectListener();
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    if (!isIdentifier(channel)) throw new Error(`invalid channel name ${JSON.stringify(channel)}`);
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    const client = await this.connectListener();
    if (first && this.listener === client) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(channel);
        await this.listener?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
    await this.pool.end();
  }
}
