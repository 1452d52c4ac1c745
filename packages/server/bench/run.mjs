#!/usr/bin/env node
// Server figures (docs/scaling.md): a real server process over real HTTP, on PostgreSQL (DATABASE_URL,
// else postgres://root@127.0.0.1:5432/test when it answers) and on PGlite.
//   node packages/server/bench/run.mjs            all figures, both databases
//   node packages/server/bench/run.mjs --quick    fewer mutations, 100k events instead of 1M
//   node packages/server/bench/run.mjs --only postgres|pglite
//   node packages/server/bench/run.mjs --score-only   the branch-month score alone (the events' narrow copies vs whole records)
// Needs the built server (npm run build:server). Each run makes its own schema / data folder and drops it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const server = await import(path.join(root, 'packages/server/dist/index.js'));
const { createStore } = await import('@rulecard/store');

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean' }, only: { type: 'string' }, 'score-only': { type: 'boolean' } },
});
const QUICK = !!opts.quick;
const SECRET = randomBytes(24).toString('base64url');
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const SCORE_RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function reachable(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * CPU time (user + system, ms) of processes, from /proc (Linux): the machine is shared, so wall-clock
 * figures move with its load; CPU time per unit of work does much less.
 */
function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
function postgresPids() {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d) && readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres');
  } catch {
    return [];
  }
}

/** Start `node packages/server --demo` on a free port; resolves with its URL. */
function startServer(args, env = {}) {
  const child = spawn(process.execPath, [path.join(root, 'packages/server'), '--demo', '--port', '0', '--log-level', 'warn', ...args], {
    cwd: root,
    env: { ...process.env, JWT_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /rulecard server: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid, stop: () => new Promise((r) => (child.on('exit', r), child.kill('SIGTERM'))) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(url, method, tok, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(tok ? { authorization: `Bearer ${tok}` } : {}),
          ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve({ text, bytes: text.length });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
const post = async (url, tok, body) => JSON.parse((await request(url, 'POST', tok, body)).text);
const demoToken = async (base, member) => (await post(`${base}/demo/token`, undefined, { member })).token;

function log(i, consultant, day = '2026-12-02') {
  return {
    id: `b${i}-${randomBytes(4).toString('hex')}`,
    date: day,
    time: `${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    consultant,
    channel: i % 3 ? 'wechat' : 'phone',
    customerName: '测试',
    contact: `138${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
    age: 20 + (i % 40),
    region: '广州',
    source: '百度',
    project: '双眼皮',
    question: '价格',
    answer: '已介绍',
    booked: i % 4 === 0,
    ...(i % 4 === 0 ? { bookingAt: `${day}T16:00`, bookingExpert: '张医生' } : {}),
    followUpPromised: false,
  };
}

/** Mutations per second: `clients` consultants push `total` createCallLog mutations in pushes of `batch`. */
async function pushThroughput(base, { total, batch, clients }) {
  const members = ['c02', 'c03', 'c04', 'c05', 'c06', 'c08', 'c09', 'c10', 'c11', 'c12'].slice(0, clients);
  const callers = await Promise.all(
    members.map(async (m) => ({
      m,
      tok: await demoToken(base, m),
      group: `g-${m}-${randomBytes(4).toString('hex')}`,
      client: `c-${randomBytes(4).toString('hex')}`,
      next: 1,
    })),
  );
  const perClient = Math.ceil(total / clients / batch);
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    callers.map(async (c) => {
      for (let p = 0; p < perClient; p++) {
        const mutations = Array.from({ length: batch }, () => ({
          clientID: c.client,
          id: c.next,
          name: 'createCallLog',
          args: { input: log(c.next++, c.m) },
        }));
        const { results } = await post(`${base}/push`, c.tok, { clientGroupID: c.group, mutations });
        if (results.some((r) => r.status !== 'applied')) throw new Error(JSON.stringify(results.find((r) => r.status !== 'applied')));
        done += batch;
      }
    }),
  );
  return (done / (performance.now() - t0)) * 1000;
}

/** Push by one consultant → poke → the lead's pull with her cookie has it: milliseconds, per sample. */
async function visibleElsewhere(base, samples) {
  const writer = { tok: await demoToken(base, 'c02'), group: `w-${randomBytes(4).toString('hex')}`, client: 'w', next: 1 };
  const readerTok = await demoToken(base, 'c01');
  const readerGroup = `r-${randomBytes(4).toString('hex')}`;
  let cookie = (await post(`${base}/pull`, readerTok, { clientGroupID: readerGroup, cookie: null })).cookie;
  let onPoke = null;
  const stream = await new Promise((resolve, reject) => {
    const req = http.get(`${base}/poke?access_token=${encodeURIComponent(readerTok)}`, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (chunk.includes('event: poke') && onPoke) onPoke();
      });
      resolve(req);
    });
    req.on('error', reject);
  });
  const times = [];
  for (let i = 0; i < samples; i++) {
    const id = `vis-${i}-${randomBytes(3).toString('hex')}`;
    const poked = new Promise((r) => (onPoke = r));
    const t0 = performance.now();
    await post(`${base}/push`, writer.tok, {
      clientGroupID: writer.group,
      mutations: [{ clientID: writer.client, id: writer.next++, name: 'createCallLog', args: { input: { ...log(i, 'c02'), id } } }],
    });
    await poked;
    const res = await post(`${base}/pull`, readerTok, { clientGroupID: readerGroup, cookie });
    if (!res.patch.some((p) => p.key === id)) throw new Error('the pull after the poke misses the write');
    cookie = res.cookie;
    times.push(performance.now() - t0);
  }
  stream.destroy();
  return times;
}

/** A consultant's month of `n` records (half call logs, half events), then her first pull: ms and bytes. */
async function firstPull(base, n, runs) {
  const c = { tok: await demoToken(base, 'c05'), group: `s-${randomBytes(4).toString('hex')}` };
  const logs = Array.from({ length: n / 2 }, (_, i) => log(i, 'c05', `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`));
  await post(`${base}/push`, c.tok, {
    clientGroupID: c.group,
    mutations: [{ clientID: 's', id: 1, name: 'importCallLogs', args: { inputs: logs } }],
  });
  const m = { tok: await demoToken(base, 'm01'), group: `sm-${randomBytes(4).toString('hex')}`, next: 1 };
  for (let k = 0; k < n / 2; k += 500) {
    const mutations = Array.from({ length: Math.min(500, n / 2 - k) }, (_, j) => ({
      clientID: 'm',
      id: m.next++,
      name: 'recordEvent',
      args: { input: { type: 'spot_check_pass', consultant: 'c05', at: `2026-11-${String(1 + ((k + j) % 30)).padStart(2, '0')}T10:00` } },
    }));
    await post(`${base}/push`, m.tok, { clientGroupID: m.group, mutations });
  }
  const times = [];
  let bytes = 0;
  let records = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const res = await request(`${base}/pull`, 'POST', c.tok, { clientGroupID: `${c.group}-${r}`, cookie: null });
    times.push(performance.now() - t0);
    bytes = res.bytes;
    records = JSON.parse(res.text).patch.length - 1;
  }
  return { ms: median(times), bytes, records };
}

/** A branch-month of `count` events (120 consultants), scored by the server library in one snapshot. */
async function scoreMillion(db, count, runs) {
  const branch = `m${randomBytes(4).toString('hex')}`;
  // The demo department as of December 1st: its November (the previous month, complete) is the template month.
  const file = await server.demoExport(new Date('2026-12-01T12:00:00+08:00'));
  const generated = file.records.events.filter((e) => e.day >= NOV.from && e.day <= NOV.to);
  // Ten copies of each team: 20 teams, 120 scored members (+ the managers).
  const copies = 10;
  const teams = [];
  const members = [];
  for (let k = 0; k < copies; k++) {
    for (const t of file.records.teams)
      if (t.id !== 'office') teams.push({ ...t, id: `${t.id}${k}`, name: `${t.name}${k}`, ...(t.lead ? { lead: `${t.lead}-${k}` } : {}) });
    for (const m of file.records.members) if (m.role !== 'manager') members.push({ ...m, id: `${m.id}-${k}`, teamId: `${m.teamId}${k}` });
  }
  teams.push(file.records.teams.find((t) => t.id === 'office'));
  members.push(...file.records.members.filter((m) => m.role === 'manager'));
  await server.serverWrite({ db, channel: 'bench' }, branch, (store) =>
    store.importJson({ ...file, records: { ...file.records, teams, members, events: [] } }, { mode: 'replace' }),
  );
  const t0 = performance.now();
  const perCopy = Math.ceil(count / (generated.length * copies));
  let written = 0;
  let chunk = [];
  const flush = async () => {
    if (!chunk.length) return;
    await db.query(
      `INSERT INTO events (branch_id, row_version, id, consultant, day, data, scored)
         SELECT $1, 1, e->'d'->>'id', e->'d'->>'consultant', e->'d'->>'day', e->'d', e->>'s' FROM json_array_elements($2::json) AS e`,
      // each event with its narrow copy, as the server writes them
      [branch, JSON.stringify(chunk.map((d) => ({ d, s: server.eventCopy(d) })))],
    );
    written += chunk.length;
    chunk = [];
  };
  outer: for (let r = 0; r < perCopy; r++) {
    for (let k = 0; k < copies; k++) {
      for (const e of generated) {
        if (written + chunk.length >= count) break outer;
        chunk.push({ ...e, id: `${e.id}-${k}-${r}`, consultant: `${e.consultant}-${k}` });
        if (chunk.length === 20_000) await flush();
      }
    }
  }
  await flush();
  await db.query('ANALYZE events');
  const loadMs = performance.now() - t0;
  /** One score of the month in a read transaction, the events read from their narrow copies (the server's way) or whole. */
  const scoreOnce = (narrow) =>
    db.transaction((tx) => createStore(new server.PgAdapter(tx, { branch, narrow }), { incremental: false }).score({ all: true }, NOV), {
      isolation: 'repeatable read',
      readOnly: true,
    });
  const measure = async (fn) => {
    const pg0 = cpuMs(postgresPids());
    const own0 = process.cpuUsage();
    const t = performance.now();
    const result = await fn();
    const own = process.cpuUsage(own0);
    return { ms: performance.now() - t, cpu: (own.user + own.system) / 1000 + cpuMs(postgresPids()) - pg0, result };
  };
  const times = [];
  const cpus = [];
  const wholeTimes = [];
  const wholeCpus = [];
  const ratios = [];
  const reads = [];
  let lines = 0;
  // Interleaved, alternating which goes first: the narrow copies (the server's default) and whole records.
  for (let r = 0; r < runs; r++) {
    const pair = {};
    for (const narrow of r % 2 ? [false, true] : [true, false]) pair[narrow ? 'narrow' : 'whole'] = await measure(() => scoreOnce(narrow));
    times.push(pair.narrow.ms);
    cpus.push(pair.narrow.cpu);
    wholeTimes.push(pair.whole.ms);
    wholeCpus.push(pair.whole.cpu);
    ratios.push(pair.whole.ms / pair.narrow.ms);
    lines = Object.values(pair.narrow.result.scorecards.consultants).reduce((n, l) => n + l.lines.length, 0);
    const wholeLines = Object.values(pair.whole.result.scorecards.consultants).reduce((n, l) => n + l.lines.length, 0);
    if (lines !== wholeLines) throw new Error(`narrow and whole reads score differently: ${lines} vs ${wholeLines} lines`);
    const t2 = performance.now();
    await server.serverRead(db, branch, (store) => store.listEvents({ all: true }, NOV));
    reads.push(performance.now() - t2);
  }
  return {
    events: written,
    loadMs,
    scoreMs: median(times),
    cpuMs: median(cpus),
    wholeMs: median(wholeTimes),
    wholeCpuMs: median(wholeCpus),
    ratio: median(ratios),
    readMs: median(reads),
    lines,
  };
}

const rows = [];
const row = (db, figure, value, target) => {
  rows.push({ db, figure, value, target });
  console.log(`${db.padEnd(10)} ${figure.padEnd(62)} ${value.padStart(16)}   ${target}`);
};

/** Pushes, visibility and the first pull, through a real server process. */
async function pushFigures(name, args) {
  const srv = await startServer(args, name === 'pglite' ? { DATABASE_URL: '' } : {});
  try {
    // Warm-up (JIT, the demo seed, connections).
    await pushThroughput(srv.url, { total: 40, batch: 10, clients: 2 });
    const batched = [];
    const single = [];
    const cpuPer = [];
    for (let r = 0; r < 3; r++) {
      const total = QUICK || name === 'pglite' ? 1000 : 4000;
      const pids = [srv.pid, ...postgresPids()];
      const cpu0 = cpuMs(pids);
      batched.push(await pushThroughput(srv.url, { total, batch: 20, clients: 8 }));
      cpuPer.push((cpuMs(pids) - cpu0) / total);
      single.push(await pushThroughput(srv.url, { total: QUICK || name === 'pglite' ? 200 : 800, batch: 1, clients: 8 }));
    }
    row(name, 'mutations/s, one node, 8 clients, pushes of 20 (median of 3)', fmt(median(batched)), '≥ 500/s');
    row(name, '— CPU per mutation (server process + PostgreSQL), median', `${fmt(median(cpuPer), 2)} ms`, '');
    row(name, 'mutations/s, one node, 8 clients, one mutation per push', fmt(median(single)), '');
    const vis = await visibleElsewhere(srv.url, QUICK ? 20 : 50);
    row(name, `write visible on another client (push→poke→pull), p50`, `${fmt(median(vis), 1)} ms`, '≤ 300 ms');
    row(name, `write visible on another client, p95 (${vis.length} samples)`, `${fmt(pct(vis, 95), 1)} ms`, '≤ 1 s');
    const fp = await firstPull(srv.url, 10_000, 5);
    row(name, `first pull of a consultant's month (${fmt(fp.records)} records, ${fmt(fp.bytes / 1e6, 1)} MB)`, `${fmt(fp.ms)} ms`, '≤ 3 s');
  } finally {
    await srv.stop();
  }
}

async function benchBackend(name, args, openDb) {
  console.log(`\n--- ${name}`);
  if (!opts['score-only']) await pushFigures(name, args);
  const db = await openDb();
  try {
    await server.migrate(db);
    const count = QUICK ? 100_000 : name === 'pglite' ? 200_000 : 1_000_000;
    const s = { ...(await scoreMillion(db, count, SCORE_RUNS)), runs: SCORE_RUNS };
    row(
      name,
      `score a branch-month of ${fmt(s.events)} events, 120 consultants (median of ${s.runs})`,
      `${fmt(s.scoreMs)} ms`,
      count === 1_000_000 ? '≤ 5 s' : '',
    );
    row(name, '— CPU time (this process + PostgreSQL), median', `${fmt(s.cpuMs)} ms`, '');
    row(name, '— the same reading whole records (not the events.scored copies), median', `${fmt(s.wholeMs)} ms`, '');
    row(name, '— — its CPU time, median', `${fmt(s.wholeCpuMs)} ms`, '');
    row(name, `— whole / narrow, median of ${s.runs} interleaved pairs`, fmt(s.ratio, 2), '');
    row(name, `— reading the events alone (listEvents, all), median`, `${fmt(s.readMs)} ms`, '');
    row(name, `— loading them (bulk insert, not a figure of the server)`, `${fmt(s.loadMs)} ms`, '');
  } finally {
    await db.close();
  }
}

const url = process.env.DATABASE_URL || ((await reachable(5432)) ? 'postgres://root@127.0.0.1:5432/test' : undefined);
console.log(
  `rulecard server bench${QUICK ? ' (quick)' : ''} — Node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
if (opts.only !== 'pglite') {
  if (!url) console.log('\n--- postgres: no DATABASE_URL and nothing on 127.0.0.1:5432: skipped');
  else {
    const schema = `rc_bench_${Date.now().toString(36)}`;
    try {
      await benchBackend('postgres', ['--database-url', url, '--database-schema', schema], () => server.openPostgres({ url, schema }));
    } finally {
      const db = await server.openPostgres({ url });
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }
}
if (opts.only !== 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulecard-bench-'));
  try {
    await benchBackend('pglite', ['--data', dir], () => server.openPglite({ dataDir: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
agent.destroy();
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
