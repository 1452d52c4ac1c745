/**
 * Store benchmark, run in a real browser (see run.mjs). With `logs` call logs
 * and `events` events in the store (40 consultants in 4 teams, a year of
 * data), it measures:
 * 1. reading one consultant's month (events and call logs, range reads);
 * 2. scoring one team's month straight from the store with the department's
 *    rulebook (and, as a breakdown, the reads alone and `evaluate()` alone);
 * 3. importing 10,000 call logs in one go (validation + derived events + one transaction).
 *
 * `phase: 'seed'` fills a fresh database; run.mjs then closes the browser and
 * reopens it on the same profile (a user coming back to the portal) for
 * `phase: 'measure'`.
 */
import { compile } from '@rulecard/dsl';
import { evaluate } from '@rulecard/dsl/evaluate';
import {
  openStore,
  openIdbAdapter,
  type CallLogInput,
  type StoredEvent,
  type CallLog,
  type WriteOp,
  type RuleEvent,
} from '../src/index.js';
import { buildCallLog } from '../src/call-logs.js';
import { deriveEvents } from '../src/derive.js';
import { toRuleEvent } from '../src/events.js';
import { addDays, dayOf, instantOf } from '@rulecard/dsl/calendar';

export interface BenchFigure {
  name: string;
  /** Median over the runs, ms. */
  median: number;
  max: number;
  runs: number;
  budget: number;
  detail?: string;
}

export interface BenchResult {
  seeded: { callLogs: number; events: number; seedMs: number };
  figures: BenchFigure[];
}

/** The department's rulebook (seeds 000 / 003 篇7). */
export const BENCH_RULEBOOK = `rulebook "咨询组绩效考评"
point = 1 yuan
impolite "礼貌用语不规范": -2 per; >=2 => personal -5, team -5
rude_attitude "态度无礼或粗暴": -8 per; >2 => personal -12, team -12
late "迟到早退旷工": -2 per; >=3 => personal -5, team -5
praise "客户表扬": +6 per
spot_fail "抽查不合格" on spot_check where passed = false: -5 per
spot_pass "抽查合格" on spot_check where passed = true: +2 per
not_registered "咨询未详细登记" on call_not_fully_registered: -2 per; >=2 => personal -5, team -5
overdue "回访超时" on follow_up_overdue: -2 per
online_visit "网络咨询到院" on visit where medium = "online": 15 yuan per
phone_visit "电话咨询到院" on visit where medium = "phone": 10 yuan per, team 5 yuan per
online_booking "网络预约" on booking where medium = "online": 1 yuan per
phone_booking "电话预约" on booking where medium = "phone": 0.5 yuan per, team 0.5 yuan per
surgery "整形就诊" on surgery: 2% of amount, team 1% of amount
base_bonus "基本奖金" on visit: tiers per month; >30 => 50 yuan per; 20..30 => 40 yuan per; 10..19 => 30 yuan per; else => 10 yuan per
team_bonus "团队奖金" on visit: all >= 20 per month => 200 yuan
forfeit "扣除当月绩效金": deductions >= 50 per month => flag forfeit_performance_bonus
dept "部门罚分": team deductions >= 50 per month => flag supervisor_allowance_withheld
`;

const TZ = 'Asia/Shanghai';
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const CHANNELS = ['phone', 'business_chat', 'qq', 'wechat', 'website_booking', 'message_board', 'email', 'walk_in'] as const;
const MANUAL_TYPES = ['impolite', 'late', 'rude_attitude', 'praise', 'spot_check'] as const;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const consultantId = (i: number): string => `c${pad(i)}`;

/** A plausible consultation: 30% booked, a third of those visit, some pay a surgery fee. */
function randomLog(r: () => number, consultant: string, month: number, day: number, n: number): CallLogInput {
  const channel = CHANNELS[Math.floor(r() * CHANNELS.length)];
  const booked = r() < 0.3;
  const visited = booked && r() < 0.35;
  const date = `2026-${pad(month)}-${pad(day)}`;
  const time = `${pad(8 + Math.floor(r() * 10))}:${pad(Math.floor(r() * 60))}`;
  const log: CallLogInput = {
    date,
    time,
    consultant,
    channel,
    customerName: `顾客${n}`,
    contact: `13${Math.floor(r() * 10)}${pad(Math.floor(r() * 1e8), 8)}`,
    age: 18 + Math.floor(r() * 40),
    region: r() < 0.9 ? '广州' : '',
    source: '百度',
    project: '双眼皮',
    question: '价格和恢复期',
    answer: '已介绍，建议面诊',
    booked,
    followUpPromised: r() < 0.2,
  };
  if (booked) {
    log.bookingAt = instantOf(addDays(date, 1), '15:00', TZ); // the next day: a booking is after the consultation
    log.bookingExpert = '张医生';
  }
  if (log.followUpPromised) {
    // Done on time (same hour) or an hour late.
    const late = r() < 0.2 ? 1 : 0;
    const [h, m] = time.split(':').map(Number);
    log.followUpDoneAt = instantOf(date, `${pad(Math.min(23, h + late))}:${pad(m)}`, TZ);
  }
  if (visited) log.visitedAt = instantOf(addDays(date, 1), '16:00', TZ);
  if (visited && r() < 0.3) log.surgeryFeeFen = 100000 + Math.floor(r() * 2000000);
  return log;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function runBench(options: {
  phase: 'seed' | 'measure';
  logs?: number;
  events?: number;
  dbName?: string;
}): Promise<BenchResult> {
  const name = options.dbName ?? 'rulecard-bench';
  if (options.phase === 'seed') return { seeded: await seed(name, options.logs ?? 100_000, options.events ?? 500_000), figures: [] };
  return measure(name);
}

async function seed(name: string, totalLogs: number, totalEvents: number): Promise<BenchResult['seeded']> {
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  const store = await openStore({ name, timezone: TZ });
  const adapter = await openIdbAdapter({ name, timezone: TZ });
  const t0 = performance.now();

  // Roster: 4 teams of 10 consultants.
  for (let t = 1; t <= 4; t++) await store.putTeam({ id: `t${t}`, name: `咨询${t}组` });
  for (let i = 1; i <= 40; i++) {
    await store.putMember({
      id: consultantId(i),
      name: `咨询员${i}`,
      teamId: `t${Math.ceil(i / 10)}`,
      role: 'consultant',
      joinedOn: '2025-01-01',
    });
  }
  const { rulebook, diagnostics } = compile(BENCH_RULEBOOK);
  if (!rulebook) throw new Error(`bench rulebook: ${diagnostics.map((d) => d.message).join('; ')}`);
  await store.publishRulebook({
    source: BENCH_RULEBOOK,
    compiled: rulebook,
    author: 'bench',
    effectiveFrom: '2025-01-01',
    confirmPastDate: true,
  });

  // A year of call logs with their stored derived events, then manual events up to the total.
  const r = rng(42);
  const now = new Date('2027-01-01T00:00:00+08:00');
  const meta = {
    rev: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'bench',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'bench',
  };
  let ops: WriteOp[] = [];
  let events = 0;
  const flush = async (force = false): Promise<void> => {
    if (ops.length >= 20_000 || (force && ops.length)) {
      await adapter.commit(ops);
      ops = [];
    }
  };
  for (let n = 0; n < totalLogs; n++) {
    const month = 1 + Math.floor((n / totalLogs) * 12);
    const input = randomLog(r, consultantId(1 + (n % 40)), month, 1 + Math.floor(r() * 28), n);
    const log: CallLog = buildCallLog(`seed-${n}`, { ...input, region: input.region || undefined } as CallLog, meta, TZ);
    ops.push({ kind: 'callLogs', op: 'put', record: log, fresh: true });
    for (const ev of deriveEvents(log, { timezone: TZ, now, select: 'stored' })) {
      ops.push({ kind: 'events', op: 'put', record: ev, fresh: true });
      events++;
    }
    await flush();
  }
  const manualCount = Math.max(0, totalEvents - events);
  for (let n = 0; n < manualCount; n++) {
    const month = 1 + Math.floor((n / manualCount) * 12);
    const at = instantOf(
      `2026-${pad(month)}-${pad(1 + Math.floor(r() * 28))}`,
      `${pad(8 + Math.floor(r() * 10))}:${pad(Math.floor(r() * 60))}`,
      TZ,
    );
    const type = MANUAL_TYPES[Math.floor(r() * MANUAL_TYPES.length)];
    const ev: StoredEvent = {
      id: `m-${n}`,
      type,
      consultant: consultantId(1 + Math.floor(r() * 40)),
      at,
      day: dayOf(at, TZ),
      origin: 'manual',
      rev: 1,
      recordedBy: 'bench',
      createdAt: meta.createdAt,
      updatedAt: meta.createdAt,
    };
    if (type === 'spot_check') ev.attrs = { passed: r() < 0.7 };
    ops.push({ kind: 'events', op: 'put', record: ev, fresh: true });
    await flush();
  }
  await flush(true);
  const seeded = {
    callLogs: await adapter.count('callLogs'),
    events: await adapter.count('events'),
    seedMs: Math.round(performance.now() - t0),
  };
  adapter.close();
  store.close();
  return seeded;
}

async function measure(name: string): Promise<BenchResult> {
  const store = await openStore({ name, timezone: TZ });
  const adapter = await openIdbAdapter({ name, timezone: TZ });
  const seeded = { callLogs: await adapter.count('callLogs'), events: await adapter.count('events'), seedMs: 0 };
  adapter.close();
  const rulebook = (await store.rulebookInEffect('2026-11-01'))!.compiled;
  const r = rng(7);
  const figures: BenchFigure[] = [];

  // 1. One consultant's month: events + call logs.
  let counts = '';
  const readRuns: number[] = [];
  for (let run = 0; run < 11; run++) {
    const who = consultantId(1 + ((run * 7) % 40));
    readRuns.push(
      await time(async () => {
        const [evs, logs] = await Promise.all([store.listEvents({ consultant: who }, NOV), store.listCallLogs({ consultant: who }, NOV)]);
        counts = `${evs.length} events + ${logs.length} call logs`;
      }),
    );
  }
  figures.push({
    name: "read one consultant's month",
    median: median(readRuns.slice(1)),
    max: Math.max(...readRuns.slice(1)),
    runs: readRuns.length - 1,
    budget: 20,
    detail: counts,
  });

  // 2. Score one team's month from the store.
  const scoreRuns: number[] = [];
  let scoreDetail = '';
  for (let run = 0; run < 9; run++) {
    const team = `t${1 + (run % 4)}`;
    scoreRuns.push(
      await time(async () => {
        const res = await store.score({ team }, NOV);
        const lines = Object.values(res.scorecards.consultants).reduce((s, l) => s + l.lines.length, 0);
        scoreDetail = `${Object.keys(res.scorecards.consultants).length} consultants, ${lines} lines`;
      }),
    );
  }
  const teamEvents = (await store.listEvents({ team: 't1' }, NOV)).length;
  figures.push({
    name: "score a team's month from the store",
    median: median(scoreRuns.slice(1)),
    max: Math.max(...scoreRuns.slice(1)),
    runs: scoreRuns.length - 1,
    budget: 150,
    detail: `${teamEvents} events in t1's month; ${scoreDetail}`,
  });

  // Breakdown of (2): the range reads alone, and the evaluator alone on the same events.
  const readTeamRuns: number[] = [];
  let teamEventsList: RuleEvent[] = [];
  for (let run = 0; run < 6; run++) {
    readTeamRuns.push(
      await time(async () => {
        teamEventsList = (await store.listEvents({ team: 't1' }, NOV)).map(toRuleEvent);
      }),
    );
  }
  figures.push({
    name: "  of which: read a team's month",
    median: median(readTeamRuns.slice(1)),
    max: Math.max(...readTeamRuns.slice(1)),
    runs: readTeamRuns.length - 1,
    budget: 150,
    detail: `${teamEventsList.length} events (stored + computed from call logs)`,
  });
  const roster = await store.getRoster(NOV);
  const evalRuns: number[] = [];
  for (let run = 0; run < 6; run++) {
    evalRuns.push(
      await time(async () =>
        evaluate(rulebook, { events: teamEventsList, roster: { teams: roster.teams.filter((t) => t.id === 't1') }, period: NOV }),
      ),
    );
  }
  figures.push({
    name: '  of which: evaluate() alone',
    median: median(evalRuns.slice(1)),
    max: Math.max(...evalRuns.slice(1)),
    runs: evalRuns.length - 1,
    budget: 150,
    detail: 'DSL evaluator on the same events',
  });

  // 3. Import 10,000 call logs in one go, as from a spreadsheet (no ids; 3 runs, each a fresh batch).
  const importRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const batch = Array.from({ length: 10_000 }, (_, i) => randomLog(r, consultantId(1 + (i % 40)), 12, 1 + (i % 28), i));
    importRuns.push(await time(() => store.importCallLogs(batch, { by: 'bench' })));
  }
  figures.push({
    name: 'import 10,000 call logs',
    median: median(importRuns),
    max: Math.max(...importRuns),
    runs: importRuns.length,
    budget: 1500,
  });

  store.close();
  return { seeded, figures };
}
