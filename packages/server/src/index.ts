/**
 * `@rulecard/server` — the department's server of record: PostgreSQL (or
 * embedded PGlite), push/pull sync of the store's domain mutations, roles
 * enforced where the data lives. Run it with `node packages/server --help`.
 *
 * @packageDocumentation
 */
export { buildServer, type ServerOptions } from './app.js';
export { authPlugin, signToken, tokenVerifier, type AuthOptions } from './auth.js';
export type { Db, Tx, Queryable, Row, TransactionOptions } from './db/db.js';
export { openPglite, type PgliteOptions } from './db/pglite.js';
export { openPostgres, type PostgresOptions } from './db/postgres.js';
export { migrate, loadMigrations, schemaVersion, SchemaTooNewError } from './db/migrate.js';
export { dbPlugin } from './db-plugin.js';
export { PgAdapter, type PgAdapterOptions } from './pg-adapter.js';
export { eventCopy } from './records.js';
export type { Actor, Viewer } from './policy.js';
export { MUTATIONS, type MutationName, type MutationDef } from './sync/registry.js';
export {
  push,
  serverRead,
  serverWrite,
  PushRefused,
  type PushRequest,
  type PushResponse,
  type MutationResult,
  type PushHooks,
} from './sync/push.js';
export { pull, type PullRequest, type PullResponse, type PatchOp, type Cookie } from './sync/pull.js';
export { seedDemo, demoExport, DEMO_BRANCH } from './demo.js';
export { main, parseSettings, pokeChannel, HELP } from './cli.js';
