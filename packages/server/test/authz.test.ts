// The authorization matrix: every mutation × role × whose record, plus forged arguments and a forged
// `by`. Each attempt runs on records made for it; an allowed one changes the records, a refused one
// leaves every record row exactly as it was (only the mutation log and the client's id move).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/db.js';
import { serverRead } from '../src/sync/push.js';
import { MUTATIONS } from '../src/sync/registry.js';
import { RECORDED_METHODS } from '../src/store.js';
import {
  BACKENDS,
  caller,
  dumpRecords,
  fullLog,
  MANAGER,
  newBranch,
  pushAs,
  seedDepartment,
  server,
  type Caller,
  type Mutation,
} from './helpers.js';

type Who = 'consultant' | 'lead' | 'manager';
type Whose = 'own' | 'team' | 'other';

/** Members by caller: the caller, a member of her team, one of the other team. */
const PEOPLE: Record<Who, { me: string; own: string; team: string; other: string }> = {
  consultant: { me: 'c02', own: 'c02', team: 'c03', other: 'c08' },
  lead: { me: 'c01', own: 'c01', team: 'c03', other: 'c08' },
  manager: { me: MANAGER, own: 'c03', team: 'c03', other: 'c08' },
};

interface Case {
  title: string;
  who: Who;
  /** Made by the manager (or, `setupBy: 'self'`, the caller) before the attempt. */
  setup?: (ids: { n: string; owner: string }) => Mutation[];
  /** More set-up, after the first (it may read what that made). */
  setupAfter?: (ids: { n: string; owner: string }) => Promise<Mutation[]>;
  setupBy?: 'self';
  attempt: (ids: { n: string; owner: string; me: string }) => Mutation | Promise<Mutation>;
  whose?: Whose;
  allowed: boolean;
  /** The refusal code when not allowed (default forbidden). */
  code?: string;
}

const R = (whose: Whose, allowed: Record<Who, boolean>): [Who, Whose, boolean][] =>
  (Object.keys(allowed) as Who[]).map((who) => [who, whose, allowed[who]]);

const log = (n: string, owner: string, over = {}) => ({
  name: 'createCallLog',
  args: { input: fullLog({ id: `L${n}`, consultant: owner, ...over }) },
});
const praise = (n: string, owner: string) => ({
  name: 'recordEvent',
  args: { input: { id: `E${n}`, type: 'customer_praise', consultant: owner, at: '2026-11-03T10:00', note: '顾客表扬' } },
});
/** An event the clinic rulebook scores (a line to appeal). */
const scored = (n: string, owner: string) => ({
  name: 'recordEvent',
  args: { input: { id: `P${n}`, type: 'praise', consultant: owner, at: '2026-11-03T10:00' } },
});

/** Set in beforeAll: the score line of an event on a consultant's November ledger. */
let lineOf: (consultant: string, eventId: string) => Promise<{ rule: string; window?: string; events: string[] }>;

/** A month of its own for case `n` (the rulebook is in effect from 2026-11). */
const monthAfter = (n: string): string => `${2027 + Math.floor(Number(n) / 12)}-${String((Number(n) % 12) + 1).padStart(2, '0')}`;

const CASES: Case[] = [
  // ---------------------------------------------------------------- call logs
  ...(['own', 'team', 'other'] as Whose[]).flatMap((whose) =>
    R(whose, { consultant: whose === 'own', lead: whose === 'own', manager: true }).flatMap(([who, w, allowed]): Case[] => [
      { title: 'createCallLog', who, whose: w, allowed, attempt: ({ n, owner }) => log(n, owner) },
      {
        title: 'updateCallLog',
        who,
        whose: w,
        allowed,
        setup: ({ n, owner }) => [log(n, owner)],
        attempt: ({ n }) => ({ name: 'updateCallLog', args: { id: `L${n}`, patch: { region: '深圳' }, expectedRev: 1 } }),
      },
      {
        title: 'deleteCallLog',
        who,
        whose: w,
        allowed,
        setup: ({ n, owner }) => [log(n, owner)],
        attempt: ({ n }) => ({ name: 'deleteCallLog', args: { id: `L${n}`, expectedRev: 1 } }),
      },
      {
        title: 'importCallLogs',
        who,
        whose: w,
        allowed,
        attempt: ({ n, owner, me }) => ({
          name: 'importCallLogs',
          args: {
            inputs: [fullLog({ id: `L${n}a`, consultant: who === 'manager' ? owner : me }), fullLog({ id: `L${n}b`, consultant: owner })],
          },
        }),
      },
    ]),
  ),
  // Forged: moving one's own log to someone else.
  ...(['consultant', 'lead'] as Who[]).map((who): Case => ({
    title: 'updateCallLog to another consultant',
    who,
    whose: 'own',
    allowed: false,
    setup: ({ n, owner }) => [log(n, owner)],
    attempt: ({ n }) => ({ name: 'updateCallLog', args: { id: `L${n}`, patch: { consultant: 'c03' }, expectedRev: 1 } }),
  })),
  // ---------------------------------------------------------------- events (incidents, praise) and appeals
  ...(['own', 'team', 'other'] as Whose[]).flatMap((whose) =>
    R(whose, { consultant: false, lead: whose === 'team', manager: true }).flatMap(([who, w, allowed]): Case[] => [
      { title: 'recordEvent', who, whose: w, allowed, attempt: ({ n, owner }) => praise(n, owner) },
      {
        title: 'updateEvent',
        who,
        whose: w,
        allowed,
        setup: ({ n, owner }) => [praise(n, owner)],
        attempt: ({ n }) => ({ name: 'updateEvent', args: { id: `E${n}`, patch: { note: '改' }, expectedRev: 1 } }),
      },
      {
        title: 'deleteEvent',
        who,
        whose: w,
        allowed,
        setup: ({ n, owner }) => [praise(n, owner)],
        attempt: ({ n }) => ({ name: 'deleteEvent', args: { id: `E${n}`, expectedRev: 1 } }),
      },
    ]),
  ),
  // Appeals: opened on one's own line (a manager: anyone's); decided by the lead of the team (not her own) or a manager.
  ...(['own', 'team', 'other'] as Whose[]).flatMap((whose) =>
    R(whose, { consultant: whose === 'own', lead: whose === 'own', manager: true }).map(([who, w, allowed]): Case => ({
      title: 'openAppeal',
      who,
      whose: w,
      allowed,
      setup: ({ n, owner }) => [scored(n, owner)],
      attempt: async ({ n, owner }) => ({
        name: 'openAppeal',
        args: { input: { id: `A${n}`, consultant: owner, line: await lineOf(owner, `P${n}`), reason: '系统故障' } },
      }),
    })),
  ),
  ...(['own', 'team', 'other'] as Whose[]).flatMap((whose) =>
    R(whose, { consultant: false, lead: whose === 'team', manager: true }).map(([who, w, allowed]): Case => ({
      title: 'decideAppeal',
      who,
      whose: w,
      allowed,
      setup: ({ n, owner }) => [scored(n, owner)],
      setupAfter: async ({ n, owner }) => [
        { name: 'openAppeal', args: { input: { id: `A${n}`, consultant: owner, line: await lineOf(owner, `P${n}`), reason: '系统故障' } } },
      ],
      attempt: ({ n }) => ({ name: 'decideAppeal', args: { id: `A${n}`, decision: { decision: 'accept', expectedRev: 1 } } }),
    })),
  ),
  // Follow-ups: like any edit of a call log.
  ...(['own', 'team', 'other'] as Whose[]).flatMap((whose) =>
    R(whose, { consultant: whose === 'own', lead: whose === 'own', manager: true }).map(([who, w, allowed]): Case => ({
      title: 'markFollowUpDone',
      who,
      whose: w,
      allowed,
      setup: ({ n, owner }) => [log(n, owner, { followUpPromised: true })],
      attempt: ({ n }) => ({ name: 'markFollowUpDone', args: { id: `L${n}`, at: '2026-11-03T09:45', expectedRev: 1 } }),
    })),
  ),
  // Form drafts: anyone's own; never another's.
  ...(['consultant', 'lead', 'manager'] as Who[]).flatMap((who): Case[] => [
    {
      title: 'saveFormDraft',
      who,
      allowed: true,
      attempt: ({ n }) => ({ name: 'saveFormDraft', args: { input: { id: `FD${n}`, form: 'call-log', value: { region: '广州' } } } }),
    },
    {
      title: 'deleteFormDraft',
      who,
      allowed: true,
      setupBy: 'self',
      setup: ({ n }) => [{ name: 'saveFormDraft', args: { input: { id: `FD${n}`, form: 'call-log', value: {} } } }],
      attempt: ({ n }) => ({ name: 'deleteFormDraft', args: { id: `FD${n}` } }),
    },
  ]),
  ...(['consultant', 'lead'] as Who[]).flatMap((who): Case[] => [
    {
      title: "saveFormDraft over the manager's draft",
      who,
      allowed: false,
      setup: ({ n }) => [{ name: 'saveFormDraft', args: { input: { id: `FD${n}`, form: 'call-log', value: {} } } }],
      attempt: ({ n }) => ({ name: 'saveFormDraft', args: { input: { id: `FD${n}`, form: 'call-log', value: { x: 1 } } } }),
    },
    {
      title: "deleteFormDraft of the manager's draft",
      who,
      allowed: false,
      setup: ({ n }) => [{ name: 'saveFormDraft', args: { input: { id: `FD${n}`, form: 'call-log', value: {} } } }],
      attempt: ({ n }) => ({ name: 'deleteFormDraft', args: { id: `FD${n}` } }),
    },
  ]),
  // A lead moving her team's event to the other team.
  {
    title: 'updateEvent to the other team',
    who: 'lead',
    whose: 'team',
    allowed: false,
    setup: ({ n, owner }) => [praise(n, owner)],
    attempt: ({ n }) => ({ name: 'updateEvent', args: { id: `E${n}`, patch: { consultant: 'c08' }, expectedRev: 1 } }),
  },
  // ---------------------------------------------------------------- manager-only
  ...(['consultant', 'lead', 'manager'] as Who[]).flatMap((who): Case[] => {
    const allowed = who === 'manager';
    return [
      {
        title: 'publishRulebook',
        who,
        allowed,
        // A day after any day these tests run: the store refuses a past effective date unless confirmed.
        attempt: () => ({ name: 'publishRulebook', args: { source: 'late: -2 per', effectiveFrom: '2100-12-01' } }),
      },
      { title: 'saveDraft', who, allowed, attempt: () => ({ name: 'saveDraft', args: { source: 'late: -3 per' } }) },
      {
        title: 'deleteDraft',
        who,
        allowed,
        // m01's draft exists; the others are refused before the store looks for theirs.
        setup: ({ n }) => [{ name: 'saveDraft', args: { source: 'late: -3 per', rulebookId: `d${n}` } }],
        attempt: ({ n }) => ({ name: 'deleteDraft', args: { rulebookId: `d${n}` } }),
      },
      { title: 'putTeam', who, allowed, attempt: ({ n }) => ({ name: 'putTeam', args: { team: { id: `T${n}`, name: '新组' } } }) },
      {
        title: 'putMember',
        who,
        allowed,
        attempt: ({ n }) => ({
          name: 'putMember',
          args: { member: { id: `M${n}`, name: '新人', teamId: 'net', role: 'consultant', joinedOn: '2026-11-01' } },
        }),
      },
      {
        title: 'publishRulebook',
        who,
        allowed,
        // A past effective date, confirmed (the test server's clock is 2100).
        attempt: ({ n }) => ({
          name: 'publishRulebook',
          args: { rulebookId: `past${n}`, source: 'late: -2 per', effectiveFrom: '2026-11-01', confirmPastDate: true },
        }),
      },
      {
        title: 'withdrawRulebook',
        who,
        allowed,
        setup: ({ n }) => [{ name: 'publishRulebook', args: { rulebookId: `w${n}`, source: 'late: -2 per', effectiveFrom: '2100-12-01' } }],
        attempt: ({ n }) => ({ name: 'withdrawRulebook', args: { rulebookId: `w${n}`, version: 1, reason: '规则写错了' } }),
      },
      {
        title: 'removeMember',
        who,
        allowed,
        setup: ({ n }) => [
          {
            name: 'putMember',
            args: { member: { id: `RM${n}`, name: '误录', teamId: 'net', role: 'consultant', joinedOn: '2026-11-01' } },
          },
        ],
        attempt: ({ n }) => ({ name: 'removeMember', args: { id: `RM${n}`, expectedRev: 1 } }),
      },
      {
        title: 'removeTeam',
        who,
        allowed,
        setup: ({ n }) => [{ name: 'putTeam', args: { team: { id: `RT${n}`, name: `空组${n}` } } }],
        attempt: ({ n }) => ({ name: 'removeTeam', args: { id: `RT${n}`, expectedRev: 1 } }),
      },
      {
        title: 'importRoster',
        who,
        allowed,
        attempt: ({ n }) => ({
          name: 'importRoster',
          args: {
            table: [
              ['工号', '姓名', '小组', '岗位', '入职日期', '薪资:bonus'],
              [`IM${n}`, '新同事', `导入组${n}`, '咨询员', '2026-11-02', '1,200'],
            ],
          },
        }),
      },
      { title: 'closeMonth', who, allowed, attempt: ({ n }) => ({ name: 'closeMonth', args: { month: monthAfter(n) } }) },
      {
        title: 'reopenMonth',
        who,
        allowed,
        setup: ({ n }) => [{ name: 'closeMonth', args: { month: monthAfter(n) } }],
        attempt: ({ n }) => ({ name: 'reopenMonth', args: { month: monthAfter(n), reason: '更正' } }),
      },
    ];
  }),
  // ---------------------------------------------------------------- anyone
  ...(['consultant', 'lead', 'manager'] as Who[]).map((who): Case => ({
    title: 'refreshOverdueFollowUps',
    who,
    allowed: true,
    setup: ({ n }) => [log(n, 'c05', { followUpPromised: true, date: '2026-11-02' })],
    attempt: () => ({ name: 'refreshOverdueFollowUps', args: {} }),
  })),
  // ---------------------------------------------------------------- forged arguments: refused for everyone
  ...(['consultant', 'lead', 'manager'] as Who[]).flatMap((who): Case[] => [
    {
      title: 'publishRulebook with a compiled program',
      who,
      allowed: false,
      code: 'invalid-args',
      attempt: () => ({
        name: 'publishRulebook',
        args: {
          source: 'late: -2 per',
          effectiveFrom: '2026-12-01',
          compiled: { format: 'rulecard/1', rules: [], pointFen: 100, window: 'month', timezone: 'Asia/Shanghai' },
        },
      }),
    },
    {
      title: 'saveDraft as another editor',
      who,
      allowed: false,
      code: 'invalid-args',
      attempt: () => ({ name: 'saveDraft', args: { source: 'x', editor: 'm02' } }),
    },
    {
      title: 'createCallLog with a forged createdBy',
      who,
      allowed: false,
      code: 'invalid-args',
      attempt: ({ n, me }) => ({
        name: 'createCallLog',
        args: { input: { ...fullLog({ id: `L${n}`, consultant: who === 'manager' ? 'c03' : me }), createdBy: 'm02' } },
      }),
    },
    {
      title: 'a mutation that does not exist',
      who,
      allowed: false,
      code: 'unknown-mutation',
      attempt: () => ({ name: 'importJson', args: {} }),
    },
    {
      title: 'a prototype property as a name',
      who,
      allowed: false,
      code: 'unknown-mutation',
      attempt: () => ({ name: 'constructor', args: {} }),
    },
  ]),
];

/** Every registered mutation, each with a forged `by`, for every role: refused (invalid-args), nothing written. */
for (const name of Object.keys(MUTATIONS)) {
  for (const who of ['consultant', 'lead', 'manager'] as Who[]) {
    CASES.push({
      title: `${name} with a forged by`,
      who,
      allowed: false,
      code: 'invalid-args',
      attempt: ({ n, me }) => {
        const base: Record<string, Mutation> = {
          createCallLog: log(n, me),
          recordEvent: scored(n, me),
          importCallLogs: { name, args: { inputs: [] } },
        };
        const args = { ...((base[name]?.args as object) ?? {}), by: MANAGER };
        return { name, args };
      },
    });
  }
}

describe.each(BACKENDS)('authorization on $name', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let branch: string;
  const callers = {} as Record<Who, Caller>;
  let manager: Caller;

  beforeAll(async () => {
    db = await backend.open();
    // Months are closed from their last day on: the cases close months of 2027 and later (see monthAfter).
    ({ app } = await server(db, { clock: () => new Date('2100-01-01T00:00:00+08:00') }));
    branch = newBranch('authz');
    await seedDepartment(db, branch);
    manager = await caller(MANAGER, 'manager', branch);
    callers.consultant = await caller('c02', 'consultant', branch);
    callers.lead = await caller('c01', 'lead', branch);
    callers.manager = await caller(MANAGER, 'manager', branch);
    lineOf = async (consultant, eventId) => {
      const result = await serverRead(db, branch, (store) => store.score({ consultant }, { from: '2026-11-01', to: '2026-11-30' }));
      const line = result.scorecards.consultants[consultant].lines.find((l) => l.events.includes(eventId))!;
      return { rule: line.rule, window: line.window, events: line.events };
    };
  });
  afterAll(async () => {
    await app.close();
    await backend.cleanup();
  });

  /** Every record row of the branch (not the mutation log, not the clients' ids). */
  const records = () => dumpRecords(db, branch);

  it('covers every registered mutation', () => {
    const covered = new Set(CASES.filter((c) => !c.title.includes('forged by')).map((c) => c.title.split(' ')[0]));
    expect([...covered].filter((n) => n in MUTATIONS).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it('has a mutation for every store write the browser records in its outbox', () => {
    expect(RECORDED_METHODS.filter((name) => !(name in MUTATIONS))).toEqual([]);
  });

  let n = 0;
  it.each(
    CASES.map(
      (c) => [`${c.title} by a ${c.who}${c.whose ? ` (${c.whose})` : ''}: ${c.allowed ? 'applied' : (c.code ?? 'forbidden')}`, c] as const,
    ),
  )('%s', async (_title, c) => {
    const ids = { n: String(++n), owner: PEOPLE[c.who][c.whose ?? 'own'], me: PEOPLE[c.who].me };
    // Set up by the manager (m01: also the editor of the draft the manager's case deletes).
    for (const step of [() => c.setup?.(ids) ?? [], async () => (await c.setupAfter?.(ids)) ?? []]) {
      const setup = await step();
      if (!setup.length) continue;
      const made = await pushAs(app, c.setupBy === 'self' ? callers[c.who] : manager, setup);
      expect(made.map((r) => r.status)).toEqual(setup.map(() => 'applied'));
    }
    const attempt = await c.attempt(ids);
    const before = await records();
    const [result] = await pushAs(app, callers[c.who], [attempt]);
    const after = await records();
    if (c.allowed) {
      expect(result).toMatchObject({ status: 'applied' });
      if (c.title !== 'refreshOverdueFollowUps') expect(after).not.toBe(before);
    } else {
      expect({ status: result.status, code: result.code }).toEqual({ status: 'rejected', code: c.code ?? 'forbidden' });
      expect(after).toBe(before);
    }
  });

  it('records the token’s member as the author, whoever the record is for', async () => {
    await pushAs(app, manager, [log('by1', 'c03')]);
    await pushAs(app, callers.lead, [praise('by2', 'c03')]);
    const [logRow] = await db.query<{ data: { createdBy: string; updatedBy: string } }>(
      `SELECT data FROM call_logs WHERE branch_id = $1 AND id = 'Lby1'`,
      [branch],
    );
    expect([logRow.data.createdBy, logRow.data.updatedBy]).toEqual([MANAGER, MANAGER]);
    const [ev] = await db.query<{ data: { recordedBy: string } }>(`SELECT data FROM events WHERE branch_id = $1 AND id = 'Eby2'`, [branch]);
    expect(ev.data.recordedBy).toBe('c01');
  });
});
