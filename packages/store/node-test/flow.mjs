// A department's month through the built package in Node (no browser): the calls a server of record replays by name
// with JSON arguments, run once on one store and replayed from their JSON on another. Prints a JSON summary.
import { createStore } from '@rulecard/store';
import { MemoryAdapter } from '@rulecard/store/memory';
import { validateCallLogInput, followUpDueAt } from '@rulecard/store/call-log-rules';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
const manager = { by: 'm1', role: 'manager' };
const calls = [
  ['putTeam', [{ id: 't1', name: '网络咨询组' }]],
  ['putMember', [{ id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' }]],
  ['putMember', [{ id: 'm1', name: '陈经理', teamId: 't1', role: 'manager', joinedOn: '2026-01-01' }]],
  // A spreadsheet's rows: a lead with a pay item (yuan in the file, fen in the store) becomes the team's lead.
  [
    'importRoster',
    [
      [
        ['工号', '姓名', '小组', '岗位', '入职日期', '薪资:bonus'],
        ['c2', '李娜', '网络咨询组', '组长', '2026-02-01', '1,200.50'],
      ],
      manager,
    ],
  ],
  [
    'publishRulebook',
    [
      {
        source: 'rulebook "考评"\npoint = 10 yuan\nrude_attitude "态度粗暴": -8 per\nbooking: +1 per',
        author: 'm1',
        effectiveFrom: '2026-11-01',
        confirmPastDate: true,
      },
    ],
  ],
  [
    'createCallLog',
    [
      {
        id: 'L1',
        date: '2026-11-03',
        time: '09:30',
        consultant: 'c1',
        channel: 'phone',
        contact: '13812345678',
        booked: true,
        followUpPromised: true,
      },
      { by: 'c1', role: 'consultant' },
    ],
  ],
  ['markFollowUpDone', ['L1', { at: '2026-11-03T09:50', expectedRev: 1 }, { by: 'c1', role: 'consultant' }]],
  ['recordEvent', [{ id: 'E1', type: 'rude_attitude', consultant: 'c1', at: '2026-11-04T10:00' }, manager]],
  [
    'openAppeal',
    [
      { id: 'A1', consultant: 'c1', line: { rule: 'rude_attitude', window: '2026-11-04', events: ['E1'] }, reason: '客户投诉不实' },
      { by: 'c1', role: 'consultant' },
    ],
  ],
  ['decideAppeal', ['A1', { decision: 'accept', note: '录音核实', expectedRev: 1 }, manager]],
  ['closeMonth', ['2026-11', manager]],
  // A version scheduled far ahead, withdrawn before it takes effect (it stays in the history).
  ['publishRulebook', [{ source: 'rude_attitude: -9 per', author: 'm1', effectiveFrom: '2099-01-01', note: '试行' }]],
  ['withdrawRulebook', ['default', 2, { reason: '发布错了' }, manager]],
];

async function run(store, list) {
  for (const [name, args] of list) await store[name](...args);
  return store;
}

const first = await run(createStore(new MemoryAdapter(), { timezone: 'Asia/Shanghai' }), calls);
const replayed = await run(createStore(new MemoryAdapter(), { timezone: 'Asia/Shanghai' }), JSON.parse(JSON.stringify(calls)));
const score = await first.score({ consultant: 'c1' }, NOV);
const again = await replayed.score({ consultant: 'c1' }, NOV);
const ids = async (store) => {
  const { records } = await store.exportJson();
  return Object.fromEntries(
    Object.entries(records).map(([kind, list]) => [kind, list.map((r) => r.id ?? r.month ?? `${r.rulebookId}@${r.version}`).sort()]),
  );
};
const exported = await first.exportJson();
const restored = createStore(new MemoryAdapter());
await restored.importJson(JSON.parse(JSON.stringify(exported)));
const ledger = score.scorecards.consultants.c1;
console.log(
  JSON.stringify({
    frozen: score.frozen,
    c1: [ledger.points, ledger.money],
    lines: ledger.lines.map((l) => [l.rule, l.points, l.money, l.events.join(' ')]),
    sameScore: JSON.stringify(again.scorecards) === JSON.stringify(score.scorecards),
    sameIds: JSON.stringify(await ids(first)) === JSON.stringify(await ids(replayed)),
    ids: await ids(first),
    restored: JSON.stringify(await ids(restored)) === JSON.stringify(await ids(first)),
    contact: (await first.getCallLog('L1')).contact,
    due: followUpDueAt({ date: '2026-11-03', time: '09:30' }, 'Asia/Shanghai'),
    formAge0: validateCallLogInput(
      { date: '2026-11-03', time: '09:30', consultant: 'c1', channel: 'phone', age: 0, booked: false, followUpPromised: false },
      { timezone: 'Asia/Shanghai' },
    ).errors.map((e) => e.field),
    persistence: await first.persistence(),
    roster: await replayed.getRoster(NOV),
    history: (await replayed.rulebookHistory()).versions.map((v) => [v.version.version, v.state, v.version.withdrawn?.reason ?? null]),
  }),
);
