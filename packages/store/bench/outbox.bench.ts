// The cost of the outbox (issue 10: "the local write with its outbox entry < 2 ms more than today"): the same
// writes on two stores of the same content, one recording every call in its outbox (openStore({ outbox: true }):
// the outbox entry, the client's id and the pending marks in the write's own IndexedDB transaction), one not (as
// before). Runs alternate between the two, so both see the same browser and disk state. Real IndexedDB.
import { openStore, type CallLogInput, type RulecardStore } from '../src/index.js';

interface Figure {
  name: string;
  median: number;
  p95: number;
  runs: number;
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function roster(store: RulecardStore): Promise<void> {
  await store.putTeam({ id: 't1', name: '网络咨询组' });
  for (const id of ['c01', 'c02', 'c03']) await store.putMember({ id, name: id, teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' });
}

const input = (i: number): CallLogInput => ({
  date: '2026-11-03',
  time: `${String(9 + (Math.floor(i / 60) % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
  consultant: ['c01', 'c02', 'c03'][i % 3],
  channel: 'phone',
  customerName: '李女士',
  contact: '13812345678',
  age: 28,
  region: '广州',
  source: '百度',
  project: '双眼皮',
  question: '价格',
  answer: '已介绍',
  booked: false,
  followUpPromised: false,
});

export async function runOutboxBench({ runs = 200 }: { runs?: number } = {}): Promise<{ figures: Figure[] }> {
  const stamp = Date.now();
  const before = await openStore({ name: `bench-outbox-off-${stamp}` });
  const after = await openStore({ name: `bench-outbox-on-${stamp}`, outbox: true });
  await roster(before);
  await roster(after);
  const times = { create: { off: [] as number[], on: [] as number[] }, update: { off: [] as number[], on: [] as number[] } };
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  for (let i = 0; i < runs; i++) {
    const pair: [RulecardStore, 'off' | 'on'][] =
      i % 2
        ? [
            [before, 'off'],
            [after, 'on'],
          ]
        : [
            [after, 'on'],
            [before, 'off'],
          ];
    for (const [store, which] of pair) {
      let id = '';
      times.create[which].push(await time(async () => (id = (await store.createCallLog(input(i), { by: 'c01' })).id)));
      times.update[which].push(await time(() => store.updateCallLog(id, { region: '深圳' }, { by: 'c01', expectedRev: 1 })));
    }
  }
  const figures: Figure[] = [];
  for (const op of ['create', 'update'] as const) {
    for (const which of ['off', 'on'] as const) {
      const xs = times[op][which].slice(10); // the first runs warm the code and the database up
      figures.push({ name: `${op}CallLog, outbox ${which}`, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), runs: xs.length });
    }
  }
  before.close();
  after.close();
  return { figures };
}
