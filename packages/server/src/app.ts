/**
 * The server: Fastify with the database, auth and sync plugins, payroll, and
 * (demo mode only) the demo department and its token endpoint.
 *
 * @example
 * ```ts
 * const db = await openPglite({ dataDir: '.data' });
 * const app = await buildServer({ db, auth: { issuer: 'https://portal.example', audience: 'rulecard', secret } });
 * await app.listen({ port: 8787 });
 * ```
 *
 * @module
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { authPlugin, type AuthOptions } from './auth.js';
import type { Db } from './db/db.js';
import { dbPlugin } from './db-plugin.js';
import { demoPlugin } from './demo.js';
import { payrollPlugin } from './payroll.js';
import { syncPlugin } from './sync/plugin.js';
import type { PushHooks } from './sync/push.js';

export interface ServerOptions {
  db: Db;
  /** Close `db` with the server (default true). */
  closeDb?: boolean;
  auth: AuthOptions;
  /** Seed the demo department and serve `POST /demo/token` (never in production). */
  demo?: boolean;
  /** NOTIFY channel of pokes: nodes sharing a database (and schema) must share it. Default `rulecard_poke`. */
  pokeChannel?: string;
  /** Test hooks around a push's COMMIT. */
  hooks?: PushHooks;
  /** The clock (tests): follow-up deadlines, the demo's month. */
  clock?: () => Date;
  /** How often to derive follow-ups that came due (ms; default 60 s; 0: never). */
  overdueEveryMs?: number;
  /** Log JSON lines to stdout at this level (default: no logging). Requests are logged without their query string (tokens). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const channel = options.pokeChannel ?? 'rulecard_poke';
  const app = Fastify({
    logger: options.logLevel
      ? {
          level: options.logLevel,
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.replace(/\?.*$/, '') }),
          },
        }
      : false,
    // Validation is the schemas' job: refuse what they do not allow (no silent removal, no coercion).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    // Starting runs the migrations and, in demo mode, seeds two months of the demo department in one transaction:
    // seconds on a loaded machine, over Fastify's default 10 s per plugin.
    pluginTimeout: 120_000,
  });
  await app.register(dbPlugin, { db: options.db, close: options.closeDb });
  await app.register(authPlugin, options.auth);
  await app.register(syncPlugin, { channel, hooks: options.hooks, clock: options.clock, overdueEveryMs: options.overdueEveryMs });
  await app.register(payrollPlugin, { clock: options.clock });
  if (options.demo) await app.register(demoPlugin, { auth: options.auth, channel, now: options.clock });
  app.get('/health', async () => {
    await app.db.query('SELECT 1');
    return { ok: true };
  });
  return app;
}
