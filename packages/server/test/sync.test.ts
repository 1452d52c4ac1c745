// The sync plugin over real HTTP: push idempotency and gaps, client-group ownership, pull cookies,
// filtering and resets, crash points around COMMIT, and pokes (server-sent events) across nodes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/db.js';
import { refreshOverdue, serverRead, type MutationResult } from '../src/sync/push.js';
import type { PatchOp } from '../src/sync/pull.js';
import {
  BACKENDS,
  caller,
  count,
  dumpBranch,
  fullLog,
  MANAGER,
  newBranch,
  post,
  pullAs,
  pushAs,
  pushBody,
  seedDepartment,
  server,
} from './helpers.js';
import type { PushHooks } from '../src/sync/push.js';

const create = (over = {}) => ({ name: 'createCallLog', args: { input: fullLog(over) } });

function kinds(patch: PatchOp[]): string[] {
  return patch.map((p) => (p.op === 'clear' ? 'clear' : `${p.op} ${p.kind} ${JSON.stringify(p.key)}`));
}

/** A server-sent-event stream: the events received so far, and a wait for the next one matching. */
function sse(
  port: number,
  tok: string,
): Promise<{ events: { event: string; data: unknown }[]; next(event: string): Promise<unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const waiters: { event: string; resolve(d: unknown): void; from: number }[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: `/poke?access_token=${encodeURIComponent(tok)}` }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`poke ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event) continue;
          events.push({ event, data: data ? JSON.parse(data) : undefined });
          for (const w of [...waiters]) {
            const hit = events.slice(w.from).find((e) => e.event === w.event);
            if (hit) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(hit.data);
            }
          }
        }
      });
      const stream = {
        events,
        next: (event: string) =>
          new Promise((res2, rej2) => {
            const have = events.find((e) => e.event === event && event === 'hello');
            if (have) return res2(have.data);
            waiters.push({ event, resolve: res2, from: events.length });
            setTimeout(() => rej2(new Error(`no ${event} within 5 s`)), 5000).unref();
          }),
        close: () => req.destroy(),
      };
      // Ready once the server said hello (the stream is registered).
      void stream.next('hello').then(() => resolve(stream), reject);
    });
    req.on('error', reject);
  });
}

describe.each(BACKENDS)('sync on $name', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let hooks: PushHooks;
  let channel: string;
  beforeAll(async () => {
    db = await backend.open();
    // The day after the consultations the tests register (on 2026-11-03): their bookings (11-05) still ahead.
    ({ app, hooks, channel } = await server(db, { clock: () => new Date('2026-11-04T12:00:00+08:00') }));
  });
  afterAll(async () => {
    await app.close();
    await backend.cleanup();
  });

  async function department(): Promise<string> {
    const branch = newBranch();
    await seedDepartment(db, branch);
    return branch;
  }

  it('answers the same push sent 5 times at once, and again later, with identical results, writing once', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const body = pushBody(c02, [
      create({ id: 'L1' }),
      create({ id: 'L2', consultant: 'c03' }), // not hers: rejected
      { name: 'createCallLog', args: { input: fullLog({ id: 'L3', date: '2026-02-30' }) } }, // invalid date: rejected
      { name: 'recordEvent', args: { input: { type: 'praise', consultant: 'c02', at: '2026-11-03T10:00' } } }, // not an appeal: forbidden
      { name: 'updateCallLog', args: { id: 'L1', patch: { visitedAt: '2026-11-04T10:00' }, expectedRev: 1 } },
    ]);
    const before = await db.query<{ version: number }>('SELECT version FROM branches WHERE id = $1', [branch]);
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(app, '/push', c02.token, body)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const first = responses[0].json() as { results: MutationResult[] };
    expect(first.results.map((r) => `${r.id} ${r.status} ${r.code ?? ''}`.trim())).toEqual([
      '1 applied',
      '2 rejected forbidden',
      '3 rejected validation',
      '4 rejected forbidden',
      '5 applied',
    ]);
    for (const r of responses) expect(r.body).toBe(responses[0].body);
    const dump = await dumpBranch(db, branch);
    expect(await count(db, 'call_logs', branch)).toBe(1);
    expect(await count(db, 'call_log_history', branch)).toBe(1);
    expect(await db.query('SELECT version FROM branches WHERE id = $1', [branch])).toEqual([{ version: before[0].version + 1 }]);

    await new Promise((r) => setTimeout(r, 50));
    const later = await post(app, '/push', c02.token, body);
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe(responses[0].body);
    expect(await dumpBranch(db, branch)).toBe(dump);
  });

  it('refuses a gap in mutation ids as a whole (409), writing nothing', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    await pushAs(app, c02, [create({ id: 'G1' })]);
    const dump = await dumpBranch(db, branch);
    const skip = await post(app, '/push', c02.token, pushBody(c02, [create({ id: 'G3' })], [3]));
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toEqual({ error: 'mutation-gap', clientID: c02.client, expected: 2, got: 3 });
    const partly = await post(app, '/push', c02.token, pushBody(c02, [create({ id: 'G2' }), create({ id: 'G4' })], [2, 4]));
    expect(partly.statusCode).toBe(409);
    expect(partly.json()).toEqual({ error: 'mutation-gap', clientID: c02.client, expected: 3, got: 4 });
    expect(await dumpBranch(db, branch)).toBe(dump);
  });

  it("refuses another user's client group (403) on push and pull, writing nothing", async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    await pushAs(app, c02, [create({ id: 'O1' })]);
    const dump = await dumpBranch(db, branch);
    const intruders = [
      await caller('c03', 'consultant', branch, c02.group),
      await caller(MANAGER, 'manager', branch, c02.group),
      await caller('c02', 'consultant', await department(), c02.group), // the same member id in another branch
    ];
    for (const who of intruders) {
      const p = await post(app, '/push', who.token, pushBody(who, [create({ id: `X-${who.actor.member}`, consultant: who.actor.member })]));
      expect(p.statusCode).toBe(403);
      expect(p.json()).toEqual({ error: 'client-group-owner' });
      const q = await post(app, '/pull', who.token, { clientGroupID: c02.group, cookie: null });
      expect(q.statusCode).toBe(403);
    }
    expect(await dumpBranch(db, branch)).toBe(dump);
  });

  it('returns a conflict with the server row, and keeps revisions straight', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    await pushAs(app, c02, [
      create({ id: 'C1' }),
      { name: 'updateCallLog', args: { id: 'C1', patch: { region: '深圳' }, expectedRev: 1 } },
    ]);
    const [stale] = await pushAs(app, c02, [{ name: 'updateCallLog', args: { id: 'C1', patch: { region: '佛山' }, expectedRev: 1 } }]);
    expect(stale.status).toBe('conflict');
    expect(stale.code).toBe('conflict');
    expect(stale.server).toMatchObject({ id: 'C1', rev: 2, region: '深圳', consultant: 'c02' });
    // An edit of another field made on revision 1 merges (revision 3, both edits kept); the same field again conflicts.
    const [merged] = await pushAs(app, c02, [{ name: 'updateCallLog', args: { id: 'C1', patch: { project: '隆鼻' }, expectedRev: 1 } }]);
    expect(merged.status).toBe('applied');
    const [again] = await pushAs(app, c02, [
      { name: 'updateCallLog', args: { id: 'C1', patch: { project: '祛斑', age: 30 }, expectedRev: 2 } },
    ]);
    expect(again).toMatchObject({ status: 'conflict', server: { rev: 3, region: '深圳', project: '隆鼻' } });
    // A whole form sent back from revision 3: the region it carries is rev 3's, so only its new age applies.
    await pushAs(app, c02, [{ name: 'updateCallLog', args: { id: 'C1', patch: { region: '广州' }, expectedRev: 3 } }]);
    const [form] = await pushAs(app, c02, [
      { name: 'updateCallLog', args: { id: 'C1', patch: { region: '深圳', project: '隆鼻', age: 33 }, expectedRev: 3 } },
    ]);
    expect(form.status).toBe('applied');
    const row = (await pullAs(app, c02)).patch.find((p) => p.op === 'put' && p.kind === 'callLogs' && p.key === 'C1');
    expect(row).toMatchObject({ value: { rev: 5, region: '广州', project: '隆鼻', age: 33 } });
    const [gone] = await pushAs(app, c02, [{ name: 'deleteCallLog', args: { id: 'nope', expectedRev: 1 } }]);
    expect(gone).toMatchObject({ status: 'rejected', code: 'not-found' });
    expect(gone.server).toBeUndefined();
  });

  it('refuses a publish made on an older latest version (two managers, two computers), publishing nothing', async () => {
    const branch = await department();
    // Two devices of managers: each saw version 1 (the demo's) as the latest.
    const office = await caller(MANAGER, 'manager', branch);
    const laptop = await caller(MANAGER, 'manager', branch);
    const publish = (source: string) => ({
      name: 'publishRulebook',
      args: { source, effectiveFrom: '2100-12-01', expectedVersion: 1 },
    });
    const [first] = await pushAs(app, office, [publish('late: -2 per')]);
    expect(first.status).toBe('applied');
    const [second] = await pushAs(app, laptop, [publish('late: -3 per')]);
    expect(second).toMatchObject({ status: 'conflict', code: 'conflict' });
    const versions = (await pullAs(app, laptop)).patch.filter((p) => p.op === 'put' && p.kind === 'rulebookVersions');
    expect(versions.map((p) => (p.op === 'put' ? (p.value as { version: number }).version : 0)).sort()).toEqual([1, 2]);
    // A wrong type is refused by the schema before the store.
    const [bad] = await pushAs(app, office, [
      { name: 'publishRulebook', args: { source: 'x: -1 per', effectiveFrom: '2100-12-01', expectedVersion: -1 } },
    ]);
    expect(bad).toMatchObject({ status: 'rejected', code: 'invalid-args' });
  });

  it('pulls what changed since the cookie: puts, deletes, and the last mutation ids', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const first = await pullAs(app, c02);
    expect(first.reset).toBe(true);
    expect(first.patch[0]).toEqual({ op: 'clear' });
    expect(first.lastMutationIDChanges).toEqual({});
    expect(kinds(first.patch).filter((k) => k.startsWith('put members'))).toHaveLength(14);

    await pushAs(app, c02, [
      create({ id: 'P1' }),
      create({ id: 'P2', booked: true, bookingAt: '2026-11-05T10:00', bookingExpert: '张医生' }),
    ]);
    const second = await pullAs(app, c02, first.cookie);
    expect(second.reset).toBe(false);
    expect(second.cookie.version).toBe(first.cookie.version + 1);
    expect(kinds(second.patch)).toEqual(['put callLogs "P1"', 'put callLogs "P2"']);
    expect(second.lastMutationIDChanges).toEqual({ [c02.client]: 2 });

    await pushAs(app, c02, [{ name: 'deleteCallLog', args: { id: 'P1', expectedRev: 1 } }]);
    const third = await pullAs(app, c02, second.cookie);
    expect(kinds(third.patch)).toEqual(['del callLogs "P1"', 'put callLogHistory "P1@2"']);
    expect(third.lastMutationIDChanges).toEqual({ [c02.client]: 3 });

    const idle = await pullAs(app, c02, third.cookie);
    expect(idle).toEqual({ cookie: third.cookie, reset: false, lastMutationIDChanges: {}, patch: [] });
  });

  it("never sends a consultant another's call logs, their history or contacts: their events instead, without notes", async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const c03 = await caller('c03', 'consultant', branch);
    const lead = await caller('c01', 'lead', branch); // c02's lead
    const otherLead = await caller('c07', 'lead', branch);
    const manager = await caller(MANAGER, 'manager', branch);
    await pushAs(app, c02, [
      create({
        id: 'F1',
        contact: '13911112222',
        customerName: '赵女士',
        booked: true,
        bookingAt: '2026-11-05T10:00',
        bookingExpert: '张医生',
      }),
      { name: 'updateCallLog', args: { id: 'F1', patch: { contact: '13933334444' }, expectedRev: 1 } },
    ]);
    expect(
      await pushAs(app, lead, [
        {
          name: 'recordEvent',
          args: { input: { id: 'N1', type: 'rude_attitude', consultant: 'c02', at: '2026-11-03T11:00', note: '顾客赵女士投诉' } },
        },
      ]),
    ).toMatchObject([{ status: 'applied' }]);

    for (const who of [c03, otherLead]) {
      const res = await post(app, '/pull', who.token, { clientGroupID: who.group, cookie: null });
      expect(res.body).not.toContain('1391111');
      expect(res.body).not.toContain('1393333');
      expect(res.body).not.toContain('赵女士');
      const patch = (res.json() as { patch: PatchOp[] }).patch;
      expect(kinds(patch).filter((k) => /callLogs|callLogHistory/.test(k))).toEqual([]);
      expect(kinds(patch).filter((k) => k.includes('F1'))).toEqual(['put events "F1~consultation"', 'put events "F1~booking"']);
      const n1 = patch.find((p) => p.op === 'put' && p.key === 'N1') as { value: Record<string, unknown> };
      expect(n1.value.type).toBe('rude_attitude');
      expect(n1.value.note).toBeUndefined();
    }
    for (const who of [c02, lead, manager]) {
      const patch = (await pullAs(app, who)).patch;
      expect(kinds(patch).filter((k) => k.includes('F1'))).toEqual(['put callLogs "F1"', 'put callLogHistory "F1@2"']);
      const log = patch.find((p) => p.op === 'put' && p.key === 'F1') as { value: Record<string, unknown> };
      expect(log.value.contact).toBe('13933334444');
      const n1 = patch.find((p) => p.op === 'put' && p.key === 'N1') as { value: Record<string, unknown> };
      expect(n1.value.note).toBe('顾客赵女士投诉');
    }

    // Incremental: a deleted log becomes deletes of its events for those who never had it.
    const c03First = await pullAs(app, c03);
    const c02First = await pullAs(app, c02);
    await pushAs(app, c02, [
      { name: 'updateCallLog', args: { id: 'F1', patch: { booked: false, bookingAt: null, bookingExpert: null }, expectedRev: 2 } },
    ]);
    const c03Second = await pullAs(app, c03, c03First.cookie);
    // Still fully registered, no longer booked: its booking event goes (deletes first, then puts).
    expect(kinds(c03Second.patch)).toEqual([
      'del events "F1~call_not_fully_registered"',
      'del events "F1~booking"',
      'put events "F1~consultation"',
    ]);
    await pushAs(app, c02, [{ name: 'deleteCallLog', args: { id: 'F1', expectedRev: 3 } }]);
    const c03Third = await pullAs(app, c03, c03Second.cookie);
    expect(kinds(c03Third.patch)).toEqual([
      'del events "F1~consultation"',
      'del events "F1~call_not_fully_registered"',
      'del events "F1~booking"',
    ]);
    const c02Second = await pullAs(app, c02, c02First.cookie);
    expect(kinds(c02Second.patch)).toEqual(['del callLogs "F1"', 'put callLogHistory "F1@3"', 'put callLogHistory "F1@4"']);
  });

  it("keeps appeals within the consultant's team and form drafts with their owner", async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const manager = await caller(MANAGER, 'manager', branch);
    await pushAs(app, manager, [
      { name: 'recordEvent', args: { input: { id: 'AP-E', type: 'praise', consultant: 'c02', at: '2026-11-03T10:00' } } },
    ]);
    const score = await serverRead(db, branch, (store) => store.score({ consultant: 'c02' }, { from: '2026-11-01', to: '2026-11-30' }));
    const line = score.scorecards.consultants.c02.lines.find((l) => l.events.includes('AP-E'))!;
    expect(
      await pushAs(app, c02, [
        {
          name: 'openAppeal',
          args: {
            input: {
              id: 'AP1',
              consultant: 'c02',
              line: { rule: line.rule, window: line.window, events: line.events },
              reason: '赵女士的表扬信',
            },
          },
        },
        { name: 'saveFormDraft', args: { input: { id: 'FD-c02', form: 'call-log', value: { customerName: '赵女士' } } } },
      ]),
    ).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    for (const [member, role, sees] of [
      ['c03', 'consultant', []],
      ['c07', 'lead', []],
      ['c01', 'lead', ['put appeals "AP1"']],
      [MANAGER, 'manager', ['put appeals "AP1"']],
      ['c02', 'consultant', ['put formDrafts "FD-c02"', 'put appeals "AP1"']],
    ] as const) {
      const who = await caller(member, role, branch);
      const res = await post(app, '/pull', who.token, { clientGroupID: who.group, cookie: null });
      expect(kinds((res.json() as { patch: PatchOp[] }).patch).filter((k) => /appeals|formDrafts/.test(k))).toEqual(sees);
      if (sees.length < 2) expect(res.body.includes('赵女士')).toBe(sees.length === 1);
    }
  });

  it('resets a client when the epoch changes (a restored backup) or its scope does (a team change)', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const lead = await caller('c01', 'lead', branch);
    const manager = await caller(MANAGER, 'manager', branch);
    await pushAs(app, c02, [create({ id: 'E1' })]);
    const before = await pullAs(app, c02);
    const leadBefore = await pullAs(app, lead);
    expect((await pullAs(app, c02, before.cookie)).reset).toBe(false);

    await db.query('UPDATE branches SET epoch = gen_random_uuid()::text WHERE id = $1', [branch]);
    const after = await pullAs(app, c02, before.cookie);
    expect(after.reset).toBe(true);
    expect(after.cookie.epoch).not.toBe(before.cookie.epoch);
    expect(after.cookie.version).toBe(before.cookie.version);
    expect(after.patch[0]).toEqual({ op: 'clear' });
    expect(kinds(after.patch)).toContain('put callLogs "E1"');
    expect(after.lastMutationIDChanges).toEqual({ [c02.client]: 1 });

    // c03 moves to the phone team: the net lead's view of private data changes, so she resets.
    const leadMid = await pullAs(app, lead, leadBefore.cookie);
    expect(leadMid.reset).toBe(true);
    await pushAs(app, manager, [
      {
        name: 'putMember',
        args: { member: { id: 'c03', name: '王雨桐', teamId: 'phone', role: 'consultant', joinedOn: '2024-02-19' }, expectedRev: 1 },
      },
    ]);
    const leadAfter = await pullAs(app, lead, leadMid.cookie);
    expect(leadAfter.reset).toBe(true);
    // …and a cookie from the future (a restore to an older version) resets too.
    const ahead = await pullAs(app, c02, { epoch: after.cookie.epoch, version: after.cookie.version + 100 });
    expect(ahead.reset).toBe(true);
  });

  it('rolls everything back when the server dies before COMMIT, and applies it once after COMMIT without a response', async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    await pushAs(app, c02, [create({ id: 'K0' })]);
    const dump = await dumpBranch(db, branch);
    const body = pushBody(c02, [create({ id: 'K1' }), create({ id: 'K2' }), { name: 'deleteCallLog', args: { id: 'K0', expectedRev: 1 } }]);

    hooks.beforeCommit = () => {
      throw new Error('killed before COMMIT');
    };
    const dead = await post(app, '/push', c02.token, body);
    delete hooks.beforeCommit;
    expect(dead.statusCode).toBe(500);
    expect(await dumpBranch(db, branch)).toBe(dump);

    hooks.afterCommit = () => {
      throw new Error('killed after COMMIT');
    };
    const lost = await post(app, '/push', c02.token, body);
    delete hooks.afterCommit;
    expect(lost.statusCode).toBe(500);
    const committed = await dumpBranch(db, branch);
    expect(committed).not.toBe(dump);

    const retry = await post(app, '/push', c02.token, body);
    expect(retry.statusCode).toBe(200);
    expect((retry.json() as { results: MutationResult[] }).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await dumpBranch(db, branch)).toBe(committed);
    expect(
      (await db.query<{ id: string }>('SELECT id FROM call_logs WHERE branch_id = $1 ORDER BY id', [branch])).map((r) => r.id),
    ).toEqual(['K1', 'K2']);
  });

  it('derives follow-ups that came due without a browser, and a run with nothing due changes nothing', async () => {
    const branch = await department();
    let now = new Date('2026-11-03T09:40:00+08:00');
    const clock = () => now;
    const timed = await server(db, { clock, pokeChannel: channel });
    try {
      const c02 = await caller('c02', 'consultant', branch);
      await pushAs(timed.app, c02, [create({ id: 'FU1', time: '09:30', followUpPromised: true })]);
      const version = async () => (await db.query<{ version: number }>('SELECT version FROM branches WHERE id = $1', [branch]))[0].version;
      const before = await version();
      expect(await refreshOverdue({ db, channel, clock })).toBe(0);
      expect(await version()).toBe(before);
      now = new Date('2026-11-03T10:01:00+08:00');
      expect(await refreshOverdue({ db, channel, clock })).toBe(1);
      expect(await version()).toBe(before + 1);
      expect(await db.query(`SELECT id FROM events WHERE branch_id = $1 AND id LIKE 'FU1~%'`, [branch])).toEqual([
        { id: 'FU1~follow_up_overdue' },
      ]);
      expect(await refreshOverdue({ db, channel, clock })).toBe(0);
      expect(await version()).toBe(before + 1);
    } finally {
      await timed.app.close();
    }
  });

  it("pokes a branch's event streams after each push, on this node and another one on the same database", async () => {
    const branch = await department();
    const c02 = await caller('c02', 'consultant', branch);
    const c03 = await caller('c03', 'consultant', branch);
    const stranger = await caller('c02', 'consultant', await department());
    const second = await server(await backend.reopen(db), { pokeChannel: channel });
    await app.listen({ port: 0, host: '127.0.0.1' });
    await second.app.listen({ port: 0, host: '127.0.0.1' });
    const here = await sse((app.server.address() as AddressInfo).port, c03.token);
    const there = await sse((second.app.server.address() as AddressInfo).port, c03.token);
    try {
      expect(here.events[0]).toEqual({ event: 'hello', data: { version: expect.any(Number) } });
      await pushAs(app, stranger, [create({ id: 'S1' })]); // another branch: no poke here
      expect(await pushAs(app, c03, [create({ id: 'S0', consultant: 'c02' })])).toMatchObject([{ status: 'rejected' }]); // nothing written: no poke
      const pokeHere = here.next('poke');
      const pokeThere = there.next('poke');
      await pushAs(app, c02, [create({ id: 'S2' })]);
      const [version] = await db.query<{ version: number }>('SELECT version FROM branches WHERE id = $1', [branch]);
      expect(await pokeHere).toEqual({ version: version.version });
      expect(await pokeThere).toEqual({ version: version.version });
      expect(here.events.filter((e) => e.event === 'poke')).toHaveLength(1);

      const noToken = await app.inject({ method: 'GET', url: '/poke' });
      expect(noToken.statusCode).toBe(401);
    } finally {
      here.close();
      there.close();
      await second.app.close();
    }
  });
});
