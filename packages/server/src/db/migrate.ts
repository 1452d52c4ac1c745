/**
 * Numbered SQL migrations (`packages/server/migrations/NNN_name.sql`), run at
 * start in order, each in its own transaction under an advisory lock (two
 * nodes starting at once apply each file once). A database migrated by newer
 * code (a version this code does not know) is refused and left untouched.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The package folder (holding `migrations/`), found from this module in `src/` or in `dist/`. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@rulecard/server') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('packages/server not found above the server module');
    dir = up;
  }
}

/** Every migration file, in order. */
export function loadMigrations(dir = path.join(packageRoot(), 'migrations')): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2], sql: readFileSync(path.join(dir, file), 'utf8') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 001, 002… without gaps (found ${m.version} at ${i + 1})`);
  });
  return out;
}

/** Raised when the database was migrated by newer code. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the database schema is at version ${found}; this server knows up to ${known}: run the newer server`);
    this.name = 'SchemaTooNewError';
  }
}

const LOCK = 4_242_001;

/** The schema version of the database (0: empty). */
export async function schemaVersion(db: Db): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const [row] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

/**
 * Bring the database up to the latest migration (or `target`).
 * @returns the version before and after, and the migrations applied.
 */
export async function migrate(
  db: Db,
  options: { target?: number; migrations?: Migration[] } = {},
): Promise<{ from: number; to: number; applied: string[] }> {
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.length;
  const target = options.target ?? latest;
  const from = await schemaVersion(db);
  if (from > latest) throw new SchemaTooNewError(from, latest);
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.version > target) break;
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations WHERE version = $1', [m.version]);
      if (row.n > 0) return;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(`${String(m.version).padStart(3, '0')}_${m.name}`);
    });
  }
  return { from, to: Math.max(from, Math.min(target, latest)), applied };
}
