/**
 * `node packages/server [options]`: every setting as a flag or an
 * environment variable (`--help` lists them).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from './app.js';
import { checkAuthOptions, type AuthOptions } from './auth.js';
import type { Db } from './db/db.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import type { PushHooks } from './sync/push.js';

export const HELP = `rulecard server — the department's server of record (push/pull sync, roles enforced here)

Usage: node packages/server [options]

Every option can also be set by the environment variable named after it.

Network
  --port N                PORT             port to listen on (default 8787; 0: any free port)
  --host ADDRESS          HOST             address to listen on (default 127.0.0.1)

Database (the same SQL migrations run at start on either)
  --data DIR              RULECARD_DATA    embedded PostgreSQL (PGlite) data folder, used when no
                                           DATABASE_URL is given (default .data, created when missing)
  --database-url URL      DATABASE_URL     a real PostgreSQL, e.g. postgres://user@host:5432/rulecard
  --database-schema NAME  DATABASE_SCHEMA  schema of the tables (default public; created when missing)
  --new-epoch                              give every branch a new epoch at start: every client resets
                                           and pulls everything again (run once after restoring a backup)

Auth (bearer JWT verified with jose; claims: sub = member id, role = consultant | lead | manager,
branch = branch id)
  --jwt-issuer ISS        JWT_ISSUER       the required "iss"
  --jwt-audience AUD      JWT_AUDIENCE     the required "aud"
  --jwt-algorithm ALG     JWT_ALGORITHM    the one accepted "alg" (default HS256 with a secret,
                                           RS256 with a JWKS URL)
  --jwt-secret SECRET     JWT_SECRET       shared secret of HS256/384/512 (at least 32 characters)
  --jwks-url URL          JWKS_URL         the identity provider's JSON Web Key Set (RS*, PS*, ES*, EdDSA)

Demo (never in production)
  --demo                  RULECARD_DEMO=1  seed the demo department into branch "demo" (roster, the clinic
                                           rulebook, a month of events) and serve POST /demo/token
                                           {"member":"c02"} for the portal's role switcher; tokens are
                                           signed with JWT_SECRET, or a random secret (issuer
                                           rulecard-demo, audience rulecard unless given)

Other
  --log-level LEVEL       LOG_LEVEL        fatal | error | warn | info | debug (default info); JSON lines
                                           on stdout, never a token, a customer name or a phone number
  --help                                   this text

Testing only: RULECARD_CRASH=before-commit | after-commit kills this process (SIGKILL) inside the
next push, before its COMMIT or after it but before the response.

Endpoints: POST /push, POST /pull, GET /poke (server-sent events), GET /payroll/YYYY-MM.csv
(managers), GET /health; see docs/sync.md.
`;

export interface CliSettings {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  newEpoch: boolean;
  auth: AuthOptions;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  crash?: 'before-commit' | 'after-commit';
}

/** Settings from flags over environment variables over defaults; `help` when asked. */
export function parseSettings(argv: string[], env: NodeJS.ProcessEnv): CliSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'database-schema': { type: 'string' },
      'new-epoch': { type: 'boolean' },
      'jwt-issuer': { type: 'string' },
      'jwt-audience': { type: 'string' },
      'jwt-algorithm': { type: 'string' },
      'jwt-secret': { type: 'string' },
      'jwks-url': { type: 'string' },
      demo: { type: 'boolean' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  // An empty variable counts as unset.
  const e = (name: string): string | undefined => env[name] || undefined;
  const demo = values.demo ?? e('RULECARD_DEMO') === '1';
  const port = Number(values.port ?? e('PORT') ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port ?? e('PORT')}`);
  const logLevel = (values['log-level'] ?? e('LOG_LEVEL') ?? 'info') as CliSettings['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug'].includes(logLevel)) throw new Error(`--log-level: ${logLevel}?`);
  const jwksUrl = values['jwks-url'] ?? e('JWKS_URL');
  let secret = values['jwt-secret'] ?? e('JWT_SECRET');
  if (demo && jwksUrl) throw new Error('--demo signs its own tokens: use --jwt-secret (or none), not --jwks-url');
  if (demo && !secret) secret = randomBytes(32).toString('base64url');
  const crash = e('RULECARD_CRASH');
  if (crash !== undefined && crash !== 'before-commit' && crash !== 'after-commit') throw new Error(`RULECARD_CRASH: ${crash}?`);
  return {
    port,
    host: values.host ?? e('HOST') ?? '127.0.0.1',
    dataDir: path.resolve(values.data ?? e('RULECARD_DATA') ?? '.data'),
    databaseUrl: values['database-url'] ?? e('DATABASE_URL') ?? undefined,
    databaseSchema: values['database-schema'] ?? e('DATABASE_SCHEMA') ?? undefined,
    newEpoch: values['new-epoch'] ?? false,
    auth: {
      issuer: values['jwt-issuer'] ?? e('JWT_ISSUER') ?? (demo ? 'rulecard-demo' : ''),
      audience: values['jwt-audience'] ?? e('JWT_AUDIENCE') ?? (demo ? 'rulecard' : ''),
      algorithm: values['jwt-algorithm'] ?? e('JWT_ALGORITHM') ?? undefined,
      secret: secret || undefined,
      jwksUrl: jwksUrl || undefined,
    },
    demo,
    logLevel,
    crash,
  };
}

/** The poke channel of a schema (nodes on one database and schema share it). */
export function pokeChannel(schema: string | undefined): string {
  return !schema || schema === 'public' ? 'rulecard_poke' : `rulecard_poke_${schema}`.slice(0, 63);
}

export async function main(argv = process.argv.slice(2), env = process.env): Promise<void> {
  let settings: CliSettings | 'help';
  try {
    settings = parseSettings(argv, env);
  } catch (e) {
    console.error(`rulecard server: ${(e as Error).message}\nSee --help.`);
    process.exit(2);
  }
  if (settings === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const s = settings;
  try {
    checkAuthOptions(s.auth);
  } catch (e) {
    console.error(`rulecard server: ${(e as Error).message}\nSee --help.`);
    process.exit(2);
  }
  let db: Db;
  try {
    db = s.databaseUrl
      ? await openPostgres({ url: s.databaseUrl, schema: s.databaseSchema })
      : await openPglite({ dataDir: s.dataDir, schema: s.databaseSchema });
  } catch (e) {
    console.error(`rulecard server: cannot open the database: ${(e as Error).message}`);
    process.exit(2);
  }
  const kill = (): void => {
    process.kill(process.pid, 'SIGKILL');
  };
  const hooks: PushHooks | undefined =
    s.crash === 'before-commit' ? { beforeCommit: kill } : s.crash === 'after-commit' ? { afterCommit: kill } : undefined;
  let app;
  try {
    app = await buildServer({ db, auth: s.auth, demo: s.demo, pokeChannel: pokeChannel(s.databaseSchema), hooks, logLevel: s.logLevel });
  } catch (e) {
    await db.close().catch(() => undefined);
    console.error(`rulecard server: ${(e as Error).message}`);
    process.exit(2);
  }
  if (s.newEpoch) {
    const rows = await db.query('UPDATE branches SET epoch = gen_random_uuid()::text RETURNING id');
    app.log.info({ branches: rows.length }, 'new epoch: every client resets');
  }
  const address = await app.listen({ port: s.port, host: s.host });
  console.log(`rulecard server: ${address} (${db.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${s.dataDir}`}${s.demo ? ', demo' : ''})`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
