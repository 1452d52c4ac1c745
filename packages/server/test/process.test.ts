// The real server process (`node packages/server`): --help, a SIGKILL during a 500-log import, the
// crash points before and after COMMIT (RULECARD_CRASH), --new-epoch — then restart, retry: every
// mutation exactly once. PGlite in a temporary data folder; PostgreSQL in a fresh schema when DATABASE_URL is set.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MutationResult } from '../src/sync/push.js';
import type { PullResponse } from '../src/sync/pull.js';
import { DATABASE_URL, fullLog } from './helpers.js';

const root = path.resolve(__dirname, '../../..');
const entry = path.join(root, 'packages/server');

interface Running {
  child: ChildProcess;
  url: string;
  out: () => string;
  exited: Promise<number | null>;
}

/** Start `node packages/server --demo --port 0 …` and wait for its address line. */
function start(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [entry, '--demo', '--port', '0', '--log-level', 'info', ...args], {
    cwd: root,
    env: { ...process.env, JWT_SECRET: 'process-test-secret-process-test-secret', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /rulecard server: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], out: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}:\n${out}`));
    });
  });
}

async function stop(s: Running): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await s.exited;
}

async function demoToken(url: string, member: string): Promise<string> {
  const res = await fetch(`${url}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ member }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function call(url: string, route: string, tok: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Call-log ids in the manager's full pull. */
async function logIds(url: string): Promise<string[]> {
  const tok = await demoToken(url, 'm01');
  const { json } = await call(url, '/pull', tok, { clientGroupID: `count-${randomBytes(4).toString('hex')}`, cookie: null });
  return (json as PullResponse).patch.flatMap((p) => (p.op === 'put' && p.kind === 'callLogs' ? [String(p.key)] : [])).sort();
}

interface Target {
  name: string;
  /** Server arguments selecting a fresh database of this backend. */
  args(): string[];
  /** Environment of the server process (PGlite: no DATABASE_URL inherited from the test run). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

const targets: Target[] = [
  (() => {
    const dirs: string[] = [];
    return {
      name: 'pglite',
      env: { DATABASE_URL: '', DATABASE_SCHEMA: '' },
      args() {
        const dir = mkdtempSync(path.join(tmpdir(), 'rulecard-server-'));
        dirs.push(dir);
        return ['--data', dir];
      },
      async cleanup() {
        for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
      },
    };
  })(),
  ...(DATABASE_URL
    ? [
        (() => {
          const schemas: string[] = [];
          return {
            name: 'postgres',
            env: {},
            args() {
              const schema = `rc_proc_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
              schemas.push(schema);
              return ['--database-url', DATABASE_URL!, '--database-schema', schema];
            },
            async cleanup() {
              const client = new pg.Client({ connectionString: DATABASE_URL });
              await client.connect();
              for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
              await client.end();
            },
          };
        })(),
      ]
    : []),
];

describe('node packages/server', () => {
  it('--help documents every setting, as a flag and as an environment variable', () => {
    const res = spawnSync(process.execPath, [entry, '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    for (const s of [
      '--port',
      'PORT',
      '--host',
      'HOST',
      '--data',
      'RULECARD_DATA',
      '--database-url',
      'DATABASE_URL',
      '--database-schema',
      'DATABASE_SCHEMA',
      '--new-epoch',
      '--jwt-issuer',
      'JWT_ISSUER',
      '--jwt-audience',
      'JWT_AUDIENCE',
      '--jwt-algorithm',
      'JWT_ALGORITHM',
      '--jwt-secret',
      'JWT_SECRET',
      '--jwks-url',
      'JWKS_URL',
      '--demo',
      'RULECARD_DEMO',
      '--log-level',
      'LOG_LEVEL',
      'RULECARD_CRASH',
    ]) {
      expect(res.stdout).toContain(s);
    }
  });

  it('refuses to start without auth settings, or with a demo and a JWKS URL (exit 2)', () => {
    const env = { ...process.env, JWT_SECRET: '', JWT_ISSUER: '', DATABASE_URL: '' };
    const none = spawnSync(process.execPath, [entry, '--data', path.join(tmpdir(), 'rc-never')], { encoding: 'utf8', env });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('issuer and audience are required');
    const both = spawnSync(process.execPath, [entry, '--demo', '--jwks-url', 'http://127.0.0.1:1/jwks'], { encoding: 'utf8', env });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--demo signs its own tokens');
  });
});

describe.each(targets)('the server process on $name', (target) => {
  afterAll(() => target.cleanup());

  it('survives a SIGKILL during a 500-log import: after a restart and a retry, each log exists once', async () => {
    const db = target.args();
    let s = await start(db, target.env);
    const tok = await demoToken(s.url, 'c02');
    const inputs = Array.from({ length: 500 }, (_, i) =>
      fullLog({ id: `IMP${i}`, date: '2026-12-01', time: `${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}` }),
    );
    const body = {
      clientGroupID: 'import-group',
      mutations: [{ clientID: 'import-client', id: 1, name: 'importCallLogs', args: { inputs } }],
    };
    // Kill the process while it imports (the push is logged as the server starts on it).
    const killed = new Promise<void>((resolve) => {
      const watch = () => {
        if (/"msg":"push"/.test(s.out())) {
          setTimeout(() => {
            s.child.kill('SIGKILL');
            resolve();
          }, 50);
        } else setTimeout(watch, 1);
      };
      watch();
    });
    const lost = await call(s.url, '/push', tok, body).catch((e: unknown) => e);
    await killed;
    await s.exited;
    expect(s.child.signalCode).toBe('SIGKILL');
    expect(lost).toBeInstanceOf(Error); // the response never came

    s = await start(db, target.env);
    try {
      // All of the import or none of it (the kill may land before or after COMMIT).
      const survived = (await logIds(s.url)).length;
      expect([0, 500]).toContain(survived);
      console.log(`SIGKILL landed ${survived ? 'after' : 'before'} COMMIT`);
      const retry = await call(s.url, '/push', tok, body);
      expect(retry).toEqual({ status: 200, json: { results: [{ clientID: 'import-client', id: 1, status: 'applied' }] } });
      const again = await call(s.url, '/push', tok, body);
      expect(again).toEqual(retry);
      const ids = await logIds(s.url);
      expect(ids).toHaveLength(500);
      expect(new Set(ids).size).toBe(500);
    } finally {
      await stop(s);
    }
  });

  it('killed before COMMIT, then (with --new-epoch) after COMMIT: clients reset, and after a retry every mutation exists once', async () => {
    const db = target.args();
    let s = await start(db, { ...target.env, RULECARD_CRASH: 'before-commit' });
    const tok = await demoToken(s.url, 'c03');
    const cookie = ((await call(s.url, '/pull', tok, { clientGroupID: 'crash-group', cookie: null })).json as PullResponse).cookie;
    const mutations = [1, 2, 3].map((id) => ({
      clientID: 'cr',
      id,
      name: 'createCallLog',
      args: { input: fullLog({ id: `CR${id}`, consultant: 'c03' }) },
    }));
    const body = { clientGroupID: 'crash-group', mutations };
    expect(await call(s.url, '/push', tok, body).catch((e: unknown) => e)).toBeInstanceOf(Error);
    await s.exited;
    expect(s.child.signalCode).toBe('SIGKILL');

    s = await start([...db, '--new-epoch'], { ...target.env, RULECARD_CRASH: 'after-commit' });
    const reset = (await call(s.url, '/pull', tok, { clientGroupID: 'crash-group', cookie })).json as PullResponse;
    expect(reset.reset).toBe(true);
    expect(reset.cookie.version).toBe(cookie.version);
    expect(await logIds(s.url)).toEqual([]);
    expect(await call(s.url, '/push', tok, body).catch((e: unknown) => e)).toBeInstanceOf(Error);
    await s.exited;
    expect(s.child.signalCode).toBe('SIGKILL');

    s = await start(db, target.env);
    try {
      expect(await logIds(s.url)).toEqual(['CR1', 'CR2', 'CR3']);
      const retry = await call(s.url, '/push', tok, body);
      expect(retry.status).toBe(200);
      expect((retry.json as { results: MutationResult[] }).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(await logIds(s.url)).toEqual(['CR1', 'CR2', 'CR3']);
      const pulled = (await call(s.url, '/pull', tok, { clientGroupID: 'crash-group', cookie: reset.cookie })).json as PullResponse;
      expect(pulled.lastMutationIDChanges).toEqual({ cr: 3 });
    } finally {
      await stop(s);
    }
  });
});
