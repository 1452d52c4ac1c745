// GET /payroll/YYYY-MM.csv: scored on the server with the evaluator and the versions in effect (checked
// against the DSL's evaluate run directly on the demo department's November), managers only, frozen once closed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { compile, evaluate, type RuleEvent } from '@rulecard/dsl';
import { parseCsv } from '@rulecard/store/csv';
import type { Db } from '../src/db/db.js';
import { PgAdapter } from '../src/pg-adapter.js';
import { createStore } from '../src/store.js';
import { demoExport } from '../src/demo.js';
import { BACKENDS, caller, DEMO_NOW, fullLog, MANAGER, newBranch, pushAs, seedDepartment, server, token } from './helpers.js';

const root = new URL('../../../', import.meta.url);
const people = JSON.parse(readFileSync(new URL('examples/data/people.json', root), 'utf8')) as {
  people: {
    id: string;
    name: string;
    role: string;
    team?: string;
    joined: string;
    pay?: Record<string, number>;
    targets?: Record<string, number>;
  }[];
};
/** The demo department's events (the shared module's, as the server seeds them): November 2026 whole, and December 1st. */
const generated: RuleEvent[] = (await demoExport(DEMO_NOW)).records.events.map(({ id, type, consultant, at, amount, attrs }) => ({
  id,
  type,
  consultant,
  at,
  ...(amount === undefined ? {} : { amount }),
  ...(attrs === undefined ? {} : { attrs }),
}));
const rules = compile(readFileSync(new URL('examples/rulebooks/clinic.rules', root), 'utf8'), { version: 2 }).rulebook!;
const NOV = { from: '2026-11-01', to: '2026-11-30' };

/** The demo's November scored by the DSL alone (no store, no server). */
function expected(asOf?: string) {
  const team = (id: string) => people.people.filter((p) => p.team === id && p.role !== 'manager').map((p) => p.id);
  const lead = (id: string) => people.people.find((p) => p.team === id && p.role === 'lead')?.id;
  return evaluate(
    rules,
    {
      events: generated,
      // The roster as the store gives it (language v2): each team's lead, and the people with role, join date, pay, targets.
      roster: {
        teams: [
          { id: 'net', name: '网络咨询组', members: team('net'), lead: lead('net') },
          { id: 'office', name: '客户服务中心', members: [] },
          { id: 'phone', name: '电话咨询组', members: team('phone'), lead: lead('phone') },
        ],
        members: people.people
          .filter((p) => p.team && p.role !== 'manager')
          .map((p) => ({ id: p.id, name: p.name, role: p.role, joined: p.joined, left: null, pay: p.pay, targets: p.targets })),
      },
      period: NOV,
    },
    asOf === undefined ? undefined : { asOf },
  );
}

describe.each(BACKENDS)('payroll on $name', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let branch: string;
  let managerToken: string;
  beforeAll(async () => {
    db = await backend.open();
    ({ app } = await server(db));
    branch = newBranch('pay');
    await seedDepartment(db, branch, { events: true });
    managerToken = await token(MANAGER, 'manager', branch);
  });
  afterAll(async () => {
    await app.close();
    await backend.cleanup();
  });

  const get = (url: string, tok = managerToken) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tok}` } });

  it('is the month scored with the rulebook in effect: every ledger total as the evaluator computes it', async () => {
    const res = await get('/payroll/2026-11.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="payroll-2026-11.csv"');
    expect(res.body.startsWith('\uFEFF类型,编号,姓名/小组,规则,说明,窗口,次数,分,金额（元）,标记,事件\r\n')).toBe(true);
    const rows = parseCsv(res.body.slice(1)).filter((r) => r.length > 1);
    const totals = rows.filter((r) => r[3] === '合计').map((r) => [r[0], r[1], r[2], Number(r[7]), Number(r[8])]);
    const cards = expected();
    const names = new Map(people.people.map((p) => [p.id, (p as { name?: string }).name]));
    expect(totals).toEqual([
      ...Object.entries(cards.consultants).map(([id, l]) => ['个人', id, names.get(id), l.points, l.money]),
      ...Object.entries(cards.teams).map(([id, l]) => [
        '集体',
        id,
        id === 'net' ? '网络咨询组' : id === 'phone' ? '电话咨询组' : '客户服务中心',
        l.points,
        l.money,
      ]),
    ]);
    expect(totals.length).toBeGreaterThan(12);
    const en = await get('/payroll/2026-11.csv?locale=en');
    expect(en.body.startsWith('\uFEFFKind,ID,Name,Rule,Label,Window,Count,Points,Money (yuan),Flags,Events\r\n')).toBe(true);
  });

  it('of a month not over pays its ended windows only: month-end targets are left out (scored as of the export)', async () => {
    const asOf = '2026-11-20T12:00:00+08:00';
    const cards = expected(asOf);
    // The demo's November has month-end lines that are projected on the 20th (targets, tiers, ratios).
    expect(Object.values(cards.consultants).some((l) => l.projected)).toBe(true);
    const midMonth = await server(db, { clock: () => new Date(asOf) });
    try {
      const res = await midMonth.app.inject({
        method: 'GET',
        url: '/payroll/2026-11.csv',
        headers: { authorization: `Bearer ${managerToken}` },
      });
      expect(res.statusCode).toBe(200);
      const rows = parseCsv(res.body.slice(1)).filter((r) => r.length > 1);
      const totals = new Map(rows.filter((r) => r[0] === '个人' && r[3] === '合计').map((r) => [r[1], Number(r[8])]));
      for (const [id, ledger] of Object.entries(cards.consultants)) expect([id, totals.get(id)]).toEqual([id, ledger.money]);
      // A row for each confirmed line, none for the projected ones.
      const confirmed = Object.values(cards.consultants).flatMap((l) => l.lines.filter((x) => !x.projected));
      expect(rows.filter((r) => r[0] === '个人' && r[3] !== '合计')).toHaveLength(confirmed.length);
    } finally {
      await midMonth.app.close();
    }
  });

  it('narrow event reads (the events.scored copy): the events without their bookkeeping, scored exactly as whole records', async () => {
    const BOOKKEEPING = ['rev', 'recordedBy', 'createdAt', 'updatedAt', 'note'];
    const range = (c: string, omit?: string[]) => ({
      index: 'by-consultant-day' as const,
      lower: [c, NOV.from],
      upper: [c, NOV.to],
      ...(omit ? { omit } : {}),
    });
    const read = (narrow: boolean) =>
      db.transaction(
        async (tx) => {
          const adapter = new PgAdapter(tx, { branch, narrow });
          const events = await adapter.queryMany('events', [range('c02', BOOKKEEPING), range('c03', BOOKKEEPING)]);
          const store = createStore(adapter, { timezone: 'Asia/Shanghai', incremental: false });
          return { events, score: await store.score({ all: true }, NOV, { asOf: '2026-12-02T00:00:00+08:00', adjustments: false }) };
        },
        { isolation: 'repeatable read', readOnly: true },
      );
    const [narrow, whole] = [await read(true), await read(false)];
    expect(narrow.events.length).toBeGreaterThan(100);
    // The hint honoured: the same records, in the same order, without the fields named.
    expect(narrow.events.some((e) => BOOKKEEPING.some((f) => f in e))).toBe(false);
    expect(whole.events.every((e) => e.rev === 1 && typeof e.createdAt === 'string')).toBe(true);
    const strip = (e: object) => Object.fromEntries(Object.entries(e).filter(([k]) => !BOOKKEEPING.includes(k)));
    expect(narrow.events).toEqual(whole.events.map(strip));
    expect(narrow.events.some((e) => e.amount !== undefined) && narrow.events.some((e) => e.attrs !== undefined)).toBe(true);
    expect(narrow.score.scorecards).toEqual(whole.score.scorecards);
    // A hint that leaves some bookkeeping wanted gets whole records.
    const partial = await db.transaction((tx) => new PgAdapter(tx, { branch }).queryMany('events', [range('c02', ['rev'])]), {
      readOnly: true,
    });
    expect(partial.every((e) => e.rev === 1 && typeof e.createdAt === 'string')).toBe(true);
    // Rows without their copy (written before migration 004 and not back-filled) read the same, from `data`.
    const rollback = new Error('rollback');
    const fallback = await db
      .transaction(async (tx) => {
        await tx.query(`UPDATE events SET scored = NULL WHERE branch_id = $1 AND consultant = 'c03'`, [branch]);
        const events = await new PgAdapter(tx, { branch }).queryMany('events', [range('c02', BOOKKEEPING), range('c03', BOOKKEEPING)]);
        throw Object.assign(rollback, { events });
      })
      .catch((e: unknown) => (e === rollback ? (rollback as Error & { events: unknown[] }).events : Promise.reject(e)));
    expect(fallback).toEqual(narrow.events);
  });

  it('counts a call log a consultant pushed, and stays frozen once the month is closed', async () => {
    const c02 = await caller('c02', 'consultant', branch);
    const before = (await get('/payroll/2026-11.csv')).body;
    await pushAs(app, c02, [
      { name: 'createCallLog', args: { input: fullLog({ id: 'PAY1', customerName: undefined, date: '2026-11-12' }) } },
    ]);
    const after = (await get('/payroll/2026-11.csv')).body;
    expect(after).not.toBe(before);
    expect(after).toContain('PAY1~call_not_fully_registered');

    const manager = await caller(MANAGER, 'manager', branch);
    expect(await pushAs(app, manager, [{ name: 'closeMonth', args: { month: '2026-11', reason: '发薪' } }])).toMatchObject([
      { status: 'applied' },
    ]);
    expect((await get('/payroll/2026-11.csv')).body).toBe(after);
    // A late write to the closed month: November stays as paid; December carries the adjustment.
    await pushAs(app, c02, [
      { name: 'createCallLog', args: { input: fullLog({ id: 'PAY2', customerName: undefined, date: '2026-11-13' }) } },
    ]);
    expect((await get('/payroll/2026-11.csv')).body).toBe(after);
    const december = (await get('/payroll/2026-12.csv')).body;
    expect(december).toMatch(/个人,c02,陈思远,adjustment,调整 2026-11 \/ Adjustment to 2026-11,2026-11,1,-?\d/);
  });

  it('is for managers only, for a well-formed month with a rulebook in effect', async () => {
    for (const [member, role] of [
      ['c02', 'consultant'],
      ['c01', 'lead'],
    ] as const) {
      const res = await get('/payroll/2026-11.csv', await token(member, role, branch));
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'forbidden' });
    }
    expect((await get('/payroll/2026-13.csv')).statusCode).toBe(400);
    expect((await get('/payroll/2026-11.json')).statusCode).toBe(400);
    expect((await get('/payroll/2026-11.csv?locale=fr')).statusCode).toBe(400);
    const none = await get('/payroll/2025-01.csv');
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ error: 'no-rulebook' });
    expect((await app.inject({ method: 'GET', url: '/payroll/2026-11.csv' })).statusCode).toBe(401);
  });
});
