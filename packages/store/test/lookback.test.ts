/**
 * Rules that look back before the period (LANGUAGE.md §9.5, §9.6): `store.score` reads the span the
 * compiled program needs — the N−1 earlier windows of a `running N` streak, every earlier event for `ever` —
 * and scores exactly as `evaluate` does on the same events.
 */
import { expect } from '@esm-bundle/chai';
import { evaluate, lookbackFrom } from '@rulecard/dsl/evaluate-v2';
import type { Roster, RuleEvent } from '@rulecard/dsl';
import type { RulecardStore, StoredEvent } from '../src/index.js';
import { compiled, freshStore, publish, seedRoster } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
const RULES = [
  'point = 10 yuan',
  'late_streak "连续两个月迟到" on late: >= 2 per month running 2 => -500 yuan',
  'fraud "累计两次虚报" on fraud: >= 2 per ever => -3, flag dismissal',
  'quiet "连续两个月无投诉" on complaint: < 1 per month running 2 => 2',
].join('\n');

/** The events a RuleEvent list gets from the store's records (as the CLI reads them from a file). */
function ruleEvents(stored: StoredEvent[]): RuleEvent[] {
  return stored.map((e) => ({ id: e.id, type: e.type, consultant: e.consultant, at: e.at }));
}

describe('score: windows that look back before the period', () => {
  let store: RulecardStore;
  let recorded: StoredEvent[];
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
    await publish(store, RULES, '2026-01-01');
    recorded = [];
    const add = async (type: string, consultant: string, at: string) =>
      recorded.push(await store.recordEvent({ type, consultant, at }, { by: 'm1' }));
    // c1: late twice in October and twice in November (a streak of two months), fraud once in each month (ever: 2nd in November)
    for (const at of ['2026-10-06T09:10:00+08:00', '2026-10-20T09:20:00+08:00', '2026-11-03T09:05:00+08:00', '2026-11-17T09:15:00+08:00'])
      await add('late', 'c1', at);
    await add('fraud', 'c1', '2026-10-09T15:00:00+08:00');
    await add('fraud', 'c1', '2026-11-12T15:00:00+08:00');
    // c2: late twice in November only (no streak), a complaint in October (no quiet streak in November)
    await add('late', 'c2', '2026-11-04T09:05:00+08:00');
    await add('late', 'c2', '2026-11-05T09:05:00+08:00');
    await add('complaint', 'c2', '2026-10-15T11:00:00+08:00');
  });
  afterEach(() => store.close());

  it('the program says how far back it reads', () => {
    const program = compiled(RULES);
    expect(lookbackFrom(program, NOV.from) < '2026-10-01').to.equal(true); // `ever`: years back
    expect(lookbackFrom(compiled('late_streak on late: >= 2 per month running 2 => -500 yuan'), NOV.from)).to.equal('2026-10-01');
    expect(lookbackFrom(compiled('q on late: >= 2 per quarter running 3 => -1'), NOV.from)).to.equal('2026-04-01');
    expect(lookbackFrom(compiled('late: -1 per; >= 2 per quarter => -1'), NOV.from)).to.equal(NOV.from);
  });

  it('a running 2 streak and an ever count scored for November equal evaluate on the same events', async () => {
    const result = await store.score({ all: true }, NOV);
    const c1 = result.scorecards.consultants.c1;
    const c2 = result.scorecards.consultants.c2;
    // October's events are read: the streak fires in November, the 2nd fraud is counted, the quiet months too
    const byRule = (rule: string) => c1.lines.filter((l) => l.rule === rule);
    expect(byRule('late_streak').map((l) => [l.window, l.fen])).to.deep.equal([['2026-11', -50000]]);
    expect(byRule('fraud').map((l) => [l.window, l.centipoints, l.flag ?? null])).to.deep.equal([
      ['2026-11-12', -300, null],
      ['2026-11-12', 0, 'dismissal'],
    ]);
    expect(c1.flags).to.deep.equal(['dismissal']);
    expect(byRule('quiet').map((l) => l.window)).to.deep.equal(['2026-11']);
    expect(c2.lines.map((l) => l.rule)).to.deep.equal([]);

    // The same events and roster through evaluate (as `rulecard score` does): identical ledgers.
    const roster: Roster = {
      teams: [
        { id: 't1', members: ['c1', 'c2'] },
        { id: 't2', members: ['c3', 'l1', 'm1'] },
      ],
    };
    const direct = evaluate(compiled(RULES), { events: ruleEvents(recorded), roster, period: NOV });
    for (const id of ['c1', 'c2', 'c3']) {
      const mine = result.scorecards.consultants[id];
      const theirs = direct.consultants[id];
      expect({ fen: mine.fen, centipoints: mine.centipoints, flags: mine.flags }, id).to.deep.equal({
        fen: theirs.fen,
        centipoints: theirs.centipoints,
        flags: theirs.flags,
      });
      expect(
        mine.lines.map((l) => ({ ...l, range: undefined })),
        id,
      ).to.deep.equal(theirs.lines.map((l) => ({ ...l, range: undefined })));
    }
    expect(c1.fen).to.equal(-50000 - 3000 + 2000);
  });

  it('a closed month keeps the lines’ explanations (streak windows, pay shares, gated rules) through export and import', async () => {
    const source = [RULES, 'pay bonus "奖金"', 'absence: -50% of bonus per', 'praise on praise unless flag dismissal: 10 yuan per'].join(
      '\n',
    );
    await publish(store, source, '2026-11-01');
    const c1 = (await store.getMember('c1'))!;
    await store.putMember({ ...c1, payFen: { bonus: 300000 } }, { expectedRev: c1.rev });
    await store.recordEvent({ type: 'absence', consultant: 'c1', at: '2026-11-20T09:00:00+08:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-21T09:00:00+08:00' }, { by: 'm1' });
    await store.closeMonth('2026-11', { by: 'm1' });
    const frozen = (await store.score({ consultant: 'c1' }, NOV)).scorecards.consultants.c1;
    expect(frozen.lines.find((l) => l.rule === 'late_streak')?.streak).to.deep.equal(['2026-10', '2026-11']);
    expect(frozen.lines.find((l) => l.rule === 'absence')?.pay?.[0]).to.include({ item: 'bonus', baseFen: 300000, fen: -150000 });
    expect(frozen.gated?.map((g) => [g.rule, g.window, g.flags, g.by])).to.deep.equal([['praise', '2026-11-21', ['dismissal'], ['fraud']]]);
    const exported = await store.exportJson();
    const { store: other } = await freshStore();
    await other.importJson(JSON.parse(JSON.stringify(exported)));
    const again = (await other.score({ consultant: 'c1' }, NOV)).scorecards.consultants.c1;
    expect(again).to.deep.equal(frozen);
    other.close();
  });
});
