// Accepted appeals (`rulecard_correction` events, as the scorecard element records them) in score(), CSV and closed months.
import { expect } from '@esm-bundle/chai';
import { CORRECTION_RULE, type RulecardStore, type StoredEvent } from '../src/index.js';
import { freshStore, publish, seedRoster } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
const OCT = { from: '2026-10-01', to: '2026-10-31' };

describe('corrections (accepted appeals) in scoring', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
    await publish(store, 'rude_attitude "态度粗暴": -8 per\npraise "表扬": +6 per', '2026-01-01');
  });
  afterEach(() => store.close());

  /** What the scorecard element writes: an appeal on a line, then (accepted) its reversing correction. */
  async function appealAndAccept(
    consultant: string,
    line: { rule: string; label: string; window: string; points: number; fen: number; events: string[] },
    at: string,
  ): Promise<StoredEvent> {
    const appeal = await store.recordEvent(
      {
        type: 'rulecard_appeal',
        consultant,
        at,
        attrs: {
          rule: line.rule,
          label: line.label,
          window: line.window,
          points: line.points,
          fen: line.fen,
          events: line.events.join(','),
          reason: '客户投诉不实',
          status: 'open',
          openedBy: consultant,
        },
      },
      { by: consultant },
    );
    const correction = await store.recordEvent(
      {
        id: `${appeal.id}.correction`,
        type: 'rulecard_correction',
        consultant,
        at,
        attrs: { appeal: appeal.id, rule: line.rule, label: line.label, window: line.window, points: -line.points, fen: -line.fen },
        note: '录音核实，撤销',
      },
      { by: 'm1' },
    );
    await store.updateEvent(appeal.id, { attrs: { ...appeal.attrs, status: 'accepted', decidedBy: 'm1' } }, { by: 'm1', expectedRev: 1 });
    return correction;
  }

  it('adds an explained correction line to the consultant ledger and its totals', async () => {
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-04T09:00' }, { by: 'm1' });
    const before = await store.score({ consultant: 'c1' }, NOV);
    expect(before.scorecards.consultants.c1).to.deep.include({ points: -2, money: -2 });

    const correction = await appealAndAccept(
      'c1',
      { rule: 'rude_attitude', label: '态度粗暴', window: '2026-11-03', points: -8, fen: -800, events: [rude.id] },
      rude.at,
    );
    const after = await store.score({ consultant: 'c1' }, NOV);
    const ledger = after.scorecards.consultants.c1;
    expect(ledger).to.deep.include({ points: 6, money: 6 });
    const lines = ledger.lines.filter((l) => l.rule === CORRECTION_RULE);
    expect(lines).to.deep.equal([
      {
        rule: 'rulecard_correction',
        label: '更正：态度粗暴 / Correction: 态度粗暴',
        window: '2026-11-03',
        count: 1,
        points: 8,
        money: 8,
        events: [correction.id, rude.id],
      },
    ]);
    // The disputed line itself stays (it is explained, not erased), and the team ledger is untouched.
    expect(ledger.lines.some((l) => l.rule === 'rude_attitude' && l.points === -8)).to.equal(true);
    const team = await store.score({ team: 't1' }, NOV);
    expect(team.scorecards.consultants.c1.points).to.equal(6);
    expect(team.scorecards.consultants.c2.lines.filter((l) => l.rule === CORRECTION_RULE)).to.deep.equal([]);
    // Outside the correction's day range: not applied.
    const dec = await store.score({ consultant: 'c1' }, { from: '2026-12-01', to: '2026-12-31' });
    expect(dec.scorecards.consultants.c1?.lines.filter((l) => l.rule === CORRECTION_RULE) ?? []).to.deep.equal([]);

    // The CSV (payroll) shows the same line and total.
    const csv = await store.exportScoreCsv(after);
    expect(csv).to.contain('个人,c1,王芳,合计,,2026-11-01~2026-11-30,,6,6,');
    expect(csv).to.contain(
      `个人,c1,王芳,rulecard_correction,更正：态度粗暴 / Correction: 态度粗暴,2026-11-03,1,8,8,,${correction.id} ${rude.id}`,
    );
  });

  it('reads fen exactly and tolerates a correction without an appeal on record', async () => {
    const ev = await store.recordEvent(
      { type: 'rulecard_correction', consultant: 'c2', at: '2026-11-10T12:00', attrs: { points: 2.5, fen: 1234 } },
      { by: 'm1' },
    );
    const { scorecards } = await store.score({ consultant: 'c2' }, NOV);
    expect(scorecards.consultants.c2).to.deep.include({ points: 2.5, money: 12.34 });
    expect(scorecards.consultants.c2.lines).to.deep.equal([
      {
        rule: 'rulecard_correction',
        label: '更正 / Correction',
        window: '2026-11-10',
        count: 1,
        points: 2.5,
        money: 12.34,
        events: [ev.id],
      },
    ]);
  });

  it('freezes corrections in closed months; a correction to a closed month becomes an adjustment', async () => {
    const r1 = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-10T10:00' }, { by: 'm1' });
    const r2 = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-12T10:00' }, { by: 'm1' });
    const line = (ev: StoredEvent) => ({
      rule: 'rude_attitude',
      label: '态度粗暴',
      window: ev.day,
      points: -8,
      fen: -800,
      events: [ev.id],
    });
    await appealAndAccept('c1', line(r1), r1.at);
    const closed = await store.closeMonth('2026-10', { by: 'm1' });
    const snap = closed.snapshot!.scorecards.consultants.c1;
    expect(snap).to.deep.include({ points: -8, money: -8 });
    expect(snap.lines.filter((l) => l.rule === CORRECTION_RULE).map((l) => [l.window, l.points])).to.deep.equal([['2026-10-10', 8]]);
    const oct = await store.score({ consultant: 'c1' }, OCT);
    expect(oct.frozen).to.equal(true);
    expect(oct.scorecards.consultants.c1.points).to.equal(-8);

    // October was paid; an appeal on r2 accepted in November shows as an adjustment to October.
    const late = await appealAndAccept('c1', line(r2), r2.at);
    const nov = await store.score({ consultant: 'c1' }, NOV);
    expect(nov.adjustedMonths).to.deep.equal(['2026-10']);
    const adj = nov.scorecards.consultants.c1.lines.find((l) => l.rule === 'adjustment')!;
    expect(adj).to.deep.include({ window: '2026-10', points: 8, money: 8 });
    expect(adj.events).to.include(late.id);
    expect(nov.scorecards.consultants.c1.points).to.equal(8);
  });
});
