// Appeals (申诉) as records: opened on a ledger line, decided once in one commit with their correction; corrections in
// score(), the payroll CSV and closed months.
import { expect } from '@esm-bundle/chai';
import { CORRECTION_RULE, type Appeal, type RulecardStore, type StoredEvent } from '../src/index.js';
import { expectError, freshStore, publish, seedRoster, twoTabs } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
const OCT = { from: '2026-10-01', to: '2026-10-31' };
const RULES = 'rude_attitude "态度粗暴": -8 per\npraise "表扬": +6 per';
const c1 = { by: 'c1', role: 'consultant' } as const;
const manager = { by: 'm1', role: 'manager' } as const;

/** The per-event line of one event, as the scorecard shows it. */
const lineOf = (ev: StoredEvent) => ({ rule: ev.type, window: ev.day, events: [ev.id] });

describe('appeals', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
    await publish(store, RULES, '2026-01-01');
  });
  afterEach(() => store.close());

  it('opens an appeal on a ledger line with the points and fen the store scored, not the ones sent', async () => {
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    const forged = { ...lineOf(rude), points: 1000, fen: 100000, label: 'forged' };
    const appeal = await store.openAppeal({ id: 'ap-1', consultant: 'c1', period: NOV, line: forged, reason: '客户投诉不实' }, c1);
    expect(appeal).to.deep.include({
      id: 'ap-1',
      consultant: 'c1',
      at: '2026-11-03T09:00:00+08:00',
      day: '2026-11-03',
      rule: 'rude_attitude',
      label: '态度粗暴',
      window: '2026-11-03',
      points: -8,
      fen: -800,
      events: [rude.id],
      reason: '客户投诉不实',
      status: 'open',
      openedBy: 'c1',
      rev: 1,
    });
    expect(await store.getAppeal('ap-1')).to.deep.equal(appeal);
    // Without a period: the line's own window is scored.
    const praise = await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-04T10:00' }, { by: 'm1' });
    const second = await store.openAppeal({ consultant: 'c1', line: lineOf(praise), reason: '表扬记错了人' }, c1);
    expect([second.points, second.fen, second.day]).to.deep.equal([6, 600, '2026-11-04']);
    expect((await store.listAppeals({ consultant: 'c1' }, NOV)).map((a) => a.id)).to.deep.equal(['ap-1', second.id]);
    expect(await store.listAppeals({ team: 't2' }, NOV)).to.deep.equal([]);
  });

  it('refuses appeals of lines not on the ledger, twice the same line, corrections, and other consultants’ lines', async () => {
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    const missing = await expectError(
      store.openAppeal({ consultant: 'c1', period: NOV, line: { ...lineOf(rude), events: ['ev-none'] }, reason: '不实' }, c1),
      'validation',
    );
    expect(missing.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['line:not-on-ledger']);
    const shape = await expectError(
      store.openAppeal({ consultant: 'c1', line: { rule: '', window: 'soon', events: 'x' as never }, reason: ' ' }, c1),
      'validation',
    );
    expect(shape.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal([
      'reason:required',
      'line.rule:required',
      'line.window:format',
      'line.events:type',
    ]);
    const other = await expectError(
      store.openAppeal({ consultant: 'c2', period: NOV, line: lineOf(rude), reason: '不实' }, c1),
      'forbidden',
    );
    expect(other.details.reason).to.equal('own-ledger-only');
    await store.openAppeal({ consultant: 'c1', period: NOV, line: lineOf(rude), reason: '不实' }, c1);
    await expectError(store.openAppeal({ consultant: 'c1', period: NOV, line: lineOf(rude), reason: '再次申诉' }, c1), 'duplicate');
    const correction = await expectError(
      store.openAppeal(
        { consultant: 'c1', period: NOV, line: { rule: CORRECTION_RULE, window: '2026-11-03', events: [] }, reason: 'x' },
        c1,
      ),
      'validation',
    );
    expect(correction.fields.map((f) => f.reason)).to.deep.equal(['not-appealable']);
  });

  it('accepts in one commit: the appeal and its correction; the correction is an explained line of score, CSV and team view', async () => {
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-04T09:00' }, { by: 'm1' });
    const before = await store.score({ consultant: 'c1' }, NOV);
    expect(before.scorecards.consultants.c1).to.deep.include({ points: -2, money: -2 });
    const appeal = await store.openAppeal({ consultant: 'c1', period: NOV, line: lineOf(rude), reason: '客户投诉不实' }, c1);
    const decided = await store.decideAppeal(appeal.id, { decision: 'accept', note: '录音核实，撤销', expectedRev: 1 }, manager);
    expect(decided).to.deep.include({
      status: 'accepted',
      decidedBy: 'm1',
      note: '录音核实，撤销',
      correctionId: `${appeal.id}.correction`,
      rev: 2,
    });
    expect(await store.getAppeal(appeal.id)).to.deep.equal(decided);
    const correction = (await store.getEvent(`${appeal.id}.correction`))!;
    expect(correction).to.deep.include({
      type: 'rulecard_correction',
      origin: 'appeal',
      sourceId: appeal.id,
      consultant: 'c1',
      day: '2026-11-03',
    });
    expect(correction.attrs).to.deep.equal({
      appeal: appeal.id,
      rule: 'rude_attitude',
      label: '态度粗暴',
      window: '2026-11-03',
      points: 8,
      fen: 800,
    });

    const after = await store.score({ consultant: 'c1' }, NOV, { events: true });
    const ledger = after.scorecards.consultants.c1;
    expect(ledger).to.deep.include({ points: 6, money: 6 });
    expect(ledger.lines.filter((l) => l.rule === CORRECTION_RULE)).to.deep.equal([
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
    // The disputed line stays (explained, not erased); the appeals come with the score.
    expect(ledger.lines.some((l) => l.rule === 'rude_attitude' && l.points === -8)).to.equal(true);
    expect(after.appeals).to.deep.equal([decided]);
    const team = await store.score({ team: 't1' }, NOV);
    expect(team.scorecards.consultants.c1.points).to.equal(6);
    expect(team.scorecards.teams.t1.lines.filter((l) => l.rule === CORRECTION_RULE)).to.deep.equal([]);
    const csv = await store.exportScoreCsv(after);
    expect(csv).to.contain('个人,c1,王芳,合计,,2026-11-01~2026-11-30,,6,6,');
    expect(csv).to.contain(
      `个人,c1,王芳,rulecard_correction,更正：态度粗暴 / Correction: 态度粗暴,2026-11-03,1,8,8,,${correction.id} ${rude.id}`,
    );
    // A correction is the appeal's: never edited or recorded as a plain event.
    await expectError(store.deleteEvent(correction.id, { by: 'm1', expectedRev: 1 }), 'derived-readonly');
    const reserved = await expectError(
      store.recordEvent(
        { type: 'rulecard_correction', consultant: 'c2', at: '2026-11-10T12:00', attrs: { points: 2.5, fen: 1234 } },
        { by: 'm1' },
      ),
      'validation',
    );
    expect(reserved.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['type:reserved-type']);
  });

  it('rejects with a note only; decisions are the deciders’ and checked against the revision they saw', async () => {
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'l1', at: '2026-11-03T09:00' }, { by: 'm1' });
    const appeal = await store.openAppeal(
      { consultant: 'l1', period: NOV, line: lineOf(rude), reason: '不实' },
      { by: 'l1', role: 'lead' },
    );
    const noNote = await expectError(
      store.decideAppeal(appeal.id, { decision: 'reject', note: ' ', expectedRev: 1 }, manager),
      'validation',
    );
    expect(noNote.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['note:required']);
    expect(
      (await expectError(store.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 1 }, c1), 'forbidden')).details.reason,
    ).to.equal('deciders-only');
    expect(
      (await expectError(store.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 1 }, { by: 'l1', role: 'lead' }), 'forbidden'))
        .details.reason,
    ).to.equal('own-appeal');
    await expectError(store.decideAppeal('nope', { decision: 'accept', expectedRev: 1 }, manager), 'not-found');
    const rejected = await store.decideAppeal(appeal.id, { decision: 'reject', note: '录音属实', expectedRev: 1 }, manager);
    expect(rejected).to.deep.include({ status: 'rejected', note: '录音属实', rev: 2 });
    expect(rejected.correctionId).to.equal(undefined);
    const again = await expectError(store.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 2 }, manager), 'conflict');
    expect((again.details.current as Appeal).status).to.equal('rejected');
    await expectError(store.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 1 }, manager), 'conflict');
    expect(await store.listEvents({ consultant: 'l1' }, NOV, ['rulecard_correction'])).to.deep.equal([]);
    // A rejected appeal may be filed again.
    await store.openAppeal({ consultant: 'l1', period: NOV, line: lineOf(rude), reason: '有新证据' }, { by: 'l1' });
  });

  it('freezes corrections in closed months; a correction to a closed month becomes an adjustment of the next', async () => {
    const r1 = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-10T10:00' }, { by: 'm1' });
    const r2 = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-12T10:00' }, { by: 'm1' });
    const a1 = await store.openAppeal({ consultant: 'c1', period: OCT, line: lineOf(r1), reason: '不实' }, c1);
    await store.decideAppeal(a1.id, { decision: 'accept', expectedRev: 1 }, manager);
    const a2 = await store.openAppeal({ consultant: 'c1', period: OCT, line: lineOf(r2), reason: '不实' }, c1);
    const closed = await store.closeMonth('2026-10', { by: 'm1' });
    const snap = closed.snapshot!.scorecards.consultants.c1;
    expect(snap).to.deep.include({ points: -8, money: -8 });
    expect(snap.lines.filter((l) => l.rule === CORRECTION_RULE).map((l) => [l.window, l.points])).to.deep.equal([['2026-10-10', 8]]);
    // October was paid; the second appeal is accepted in November: October stays frozen, November adjusts.
    const late = await store.decideAppeal(a2.id, { decision: 'accept', expectedRev: 1 }, manager);
    expect((await store.listChanges('2026-10')).map((c) => [c.kind, c.recordId, c.action])).to.deep.equal([
      ['event', late.correctionId, 'create'],
    ]);
    const oct = await store.score({ consultant: 'c1' }, OCT);
    expect([oct.frozen, oct.scorecards.consultants.c1.points]).to.deep.equal([true, -8]);
    const nov = await store.score({ consultant: 'c1' }, NOV);
    expect(nov.adjustedMonths).to.deep.equal(['2026-10']);
    const adj = nov.scorecards.consultants.c1.lines.find((l) => l.rule === 'adjustment')!;
    expect(adj).to.deep.include({ window: '2026-10', points: 8, money: 8, events: [late.correctionId] });
    expect(nov.scorecards.consultants.c1.points).to.equal(8);
  });
});

describe('appeals decided in two tabs at once', () => {
  let tabA: RulecardStore;
  let tabB: RulecardStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ tabA, tabB, close } = await twoTabs('rc-appeal-tabs'));
    await publish(tabA, RULES, '2026-01-01');
  });
  afterEach(() => close());

  it('accept in one tab and reject in the other: one decision wins, the loser gets conflict, never a rejected appeal with a correction', async () => {
    const outcomes: string[] = [];
    for (let run = 0; run < 6; run++) {
      const ev = await tabA.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: `2026-11-0${run + 1}T09:00` }, { by: 'm1' });
      const appeal = await tabA.openAppeal({ consultant: 'c1', period: NOV, line: lineOf(ev), reason: '不实' }, c1);
      // Both managers saw rev 1; the order the two start in alternates.
      const accept = () => tabA.decideAppeal(appeal.id, { decision: 'accept', note: '属实', expectedRev: 1 }, manager);
      const reject = () => tabB.decideAppeal(appeal.id, { decision: 'reject', note: '不属实', expectedRev: 1 }, { by: 'l1', role: 'lead' });
      const settled = run % 2 ? await Promise.allSettled([reject(), accept()]) : await Promise.allSettled([accept(), reject()]);
      const won = settled.filter((s): s is PromiseFulfilledResult<Appeal> => s.status === 'fulfilled');
      const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect([won.length, lost.length]).to.deep.equal([1, 1]);
      expect(lost[0].reason.code).to.equal('conflict');
      expect((lost[0].reason.details.current as Appeal).status).to.equal(won[0].value.status);
      const final = (await tabB.getAppeal(appeal.id))!;
      const corrections = await tabB.listEvents({ consultant: 'c1' }, NOV, ['rulecard_correction']);
      const mine = corrections.filter((c) => c.sourceId === appeal.id);
      expect(mine.length).to.equal(final.status === 'accepted' ? 1 : 0);
      outcomes.push(final.status);
    }
    expect(outcomes.every((s) => s === 'accepted' || s === 'rejected')).to.equal(true);
  });
});
