import { expect } from '@esm-bundle/chai';
import { isStoreError, type RulecardStore } from '../src/index.js';
import { freshStore, fullLog, publish, seedRoster, settableClock } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };

describe('scoring from the store', () => {
  let store: RulecardStore;
  const clock = settableClock();
  beforeEach(async () => {
    clock.set();
    ({ store } = await freshStore({ now: clock.now }));
    await seedRoster(store);
  });
  afterEach(() => store.close());

  const rude = (consultant: string, at: string) => store.recordEvent({ type: 'rude_attitude', consultant, at }, { by: 'm1' });

  it('refuses to score without a rulebook', async () => {
    try {
      await store.score({ team: 't1' }, NOV);
      throw new Error('should fail');
    } catch (e) {
      expect(isStoreError(e, 'no-rulebook'), String(e)).to.equal(true);
    }
  });

  it("scores a team's month straight from the store", async () => {
    await publish(store, 'rude_attitude "态度粗暴": -8 per; >2 => personal -12, team -12', '2026-01-01');
    for (const t of ['09:00', '10:00', '11:00']) await rude('c1', `2026-11-03T${t}`);
    await rude('c2', '2026-11-04T09:00');
    await rude('c3', '2026-11-04T09:00'); // other team
    const { scorecards, versions, frozen } = await store.score({ team: 't1' }, NOV);
    expect(frozen).to.equal(false);
    expect(Object.keys(scorecards.consultants).sort()).to.deep.equal(['c1', 'c2']);
    expect(Object.keys(scorecards.teams)).to.deep.equal(['t1']);
    expect(scorecards.consultants.c1.points).to.equal(-36);
    expect(scorecards.consultants.c1.money).to.equal(-36);
    expect(scorecards.consultants.c2.points).to.equal(-8);
    expect(scorecards.teams.t1.points).to.equal(-12);
    expect(versions).to.deep.equal([{ rulebookId: 'default', version: 1, effectiveFrom: '2026-01-01', days: NOV, windows: [] }]);
    // One consultant: same numbers.
    const one = await store.score({ consultant: 'c1' }, NOV);
    expect(Object.keys(one.scorecards.consultants)).to.deep.equal(['c1']);
    expect(one.scorecards.consultants.c1.points).to.equal(-36);
  });

  it('uses the version in effect on each day (a change on the 15th scores the 1st–14th by the old book)', async () => {
    await publish(store, 'rude_attitude: -8 per', '2026-10-01');
    await publish(store, 'rude_attitude: -2 per', '2026-11-15');
    await rude('c1', '2026-11-10T09:00');
    await rude('c1', '2026-11-14T23:59');
    await rude('c1', '2026-11-15T00:00');
    await rude('c1', '2026-11-20T09:00');
    const result = await store.score({ consultant: 'c1' }, NOV);
    expect(result.scorecards.consultants.c1.points).to.equal(-8 - 8 - 2 - 2);
    expect(result.versions.map((v) => [v.version, v.days])).to.deep.equal([
      [1, { from: '2026-11-01', to: '2026-11-14' }],
      [2, { from: '2026-11-15', to: '2026-11-30' }],
    ]);
    expect((await store.rulebookInEffect('2026-11-14'))!.version).to.equal(1);
    expect((await store.rulebookInEffect('2026-11-15'))!.version).to.equal(2);
    // A later, backdated publication supersedes from its effective date.
    await publish(store, 'rude_attitude: -1 per', '2026-11-01');
    expect((await store.rulebookInEffect('2026-11-20'))!.version).to.equal(3);
    expect((await store.score({ consultant: 'c1' }, NOV)).scorecards.consultants.c1.points).to.equal(-4);
  });

  it("decides a month window straddling a version change by the version in effect on the window's first day", async () => {
    const book = (perVisit: number, tierHigh: number) =>
      `visit_fee "到院" on visit: ${perVisit} yuan per\nbase_bonus "基本奖金" on visit: tiers per month; >=3 => ${tierHigh} yuan per; else => 1 yuan per`;
    await publish(store, book(10, 30), '2026-10-01');
    await publish(store, book(20, 50), '2026-11-15');
    clock.set('2027-01-01T09:00:00+08:00'); // recorded after they happened
    for (const day of ['05', '10', '16', '20']) {
      await store.recordEvent({ type: 'visit', consultant: 'c1', at: `2026-11-${day}T10:00` }, { by: 'm1' });
    }
    for (const day of ['02', '03', '04']) {
      await store.recordEvent({ type: 'visit', consultant: 'c1', at: `2026-12-${day}T10:00` }, { by: 'm1' });
    }
    const nov = await store.score({ consultant: 'c1' }, NOV);
    const ledger = nov.scorecards.consultants.c1;
    // Per-event: 2 × 10 (old) + 2 × 20 (new); tier of the whole month (4 visits ≥ 3) by the old book: 4 × 30.
    expect(ledger.money).to.equal(20 + 40 + 120);
    const tier = ledger.lines.find((l) => l.rule === 'base_bonus')!;
    expect(tier).to.deep.include({ window: '2026-11', money: 120 });
    expect(nov.versions.map((v) => [v.version, v.windows])).to.deep.equal([
      [1, ['2026-11']],
      [2, []],
    ]);
    // December: the new book from its first day.
    const dec = await store.score({ consultant: 'c1' }, { from: '2026-12-01', to: '2026-12-31' });
    expect(dec.scorecards.consultants.c1.money).to.equal(3 * 20 + 3 * 50);
    // Two months at once: each month window by its own first day.
    const both = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-12-31' });
    expect(both.scorecards.consultants.c1.money).to.equal(180 + 210);
  });

  it('follows edits of call logs through their derived events', async () => {
    await publish(
      store,
      [
        'not_registered "咨询未详细登记" on call_not_fully_registered: -2 per; >=2 => personal -5, team -5',
        'phone_booking "电话预约" on booking where medium = "phone": 0.5 yuan per, team 0.5 yuan per',
        'surgery_fee "整形就诊" on surgery: 2% of amount, team 1% of amount',
      ].join('\n'),
      '2026-01-01',
    );
    const a = await store.createCallLog(fullLog({ region: undefined }), { by: 'c1' });
    await store.createCallLog(fullLog({ age: undefined, time: '10:00' }), { by: 'c1' });
    let c1 = (await store.score({ consultant: 'c1' }, NOV)).scorecards.consultants.c1;
    expect(c1.points).to.equal(-2 - 2 - 5);
    await store.updateCallLog(
      a.id,
      { region: '广州', booked: true, bookingAt: '2026-11-05T10:00', bookingExpert: '张医生' },
      { by: 'c1', expectedRev: 1 },
    );
    const result = await store.score({ team: 't1' }, NOV);
    c1 = result.scorecards.consultants.c1;
    expect(c1.points).to.equal(-2);
    expect(c1.money).to.equal(-2 + 0.5);
    expect(result.scorecards.teams.t1.money).to.equal(0.5);
    await store.updateCallLog(a.id, { visitedAt: '2026-11-05T10:00', surgeryFeeFen: 1234567 }, { by: 'c1', expectedRev: 2 });
    c1 = (await store.score({ consultant: 'c1' }, NOV)).scorecards.consultants.c1;
    expect(c1.money).to.equal(-2 + 0.5 + 246.91);
    const line = c1.lines.find((l) => l.rule === 'surgery_fee')!;
    expect(line.events).to.deep.equal([`${a.id}~surgery`]);
  });

  it('returns the events it read on request, exactly what listEvents returns, read once', async () => {
    await publish(store, 'rude_attitude "态度粗暴": -8 per\nnot_registered on call_not_fully_registered: -2 per', '2026-01-01');
    await rude('c1', '2026-10-31T23:00'); // outside, a day before
    await rude('c1', '2026-11-01T00:00');
    await rude('c2', '2026-11-30T23:59');
    await rude('c3', '2026-11-15T09:00'); // other team
    await rude('c1', '2026-12-01T00:00'); // outside, a day after
    await store.createCallLog(fullLog({ region: undefined, date: '2026-11-30', time: '23:30' }), { by: 'c1' }); // on-read derived
    clock.set('2026-11-12T09:40:00+08:00'); // registered right after the consultation
    await store.createCallLog(
      fullLog({ date: '2026-11-12', booked: true, bookingAt: '2026-11-20T10:00', bookingExpert: '张医生', visitedAt: '2026-12-01T10:00' }),
      { by: 'c2' },
    ); // a visit stored on Dec 1
    clock.set();
    const ids = (events: { id: string }[] | undefined) => (events ?? []).map((e) => e.id).sort();
    for (const subject of [{ consultant: 'c1' }, { consultant: 'c2' }, { team: 't1' }, { all: true as const }]) {
      const withEvents = await store.score(subject, NOV, { events: true });
      const listed = await store.listEvents(subject, NOV);
      expect(ids(withEvents.events), JSON.stringify(subject)).to.deep.equal(ids(listed));
      expect(withEvents.events!.length, JSON.stringify(subject)).to.be.greaterThan(0);
      const plain = await store.score(subject, NOV);
      expect(plain.events).to.equal(undefined);
      expect(withEvents.scorecards).to.deep.equal(plain.scorecards);
    }
    // A consultant no longer on the roster for the period: the score reads no events of theirs, the events still come.
    await store.putMember(
      { id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01', leftOn: '2026-10-01' },
      { expectedRev: 1 },
    );
    const former = await store.score({ consultant: 'c1' }, NOV, { events: true });
    expect(ids(former.events)).to.deep.equal(ids(await store.listEvents({ consultant: 'c1' }, NOV)));
    expect(former.events!.length).to.be.greaterThan(0);
    // A frozen month serves its events too.
    await store.closeMonth('2026-11', { by: 'm1' });
    const frozen = await store.score({ team: 't1' }, NOV, { events: true });
    expect(frozen.frozen).to.equal(true);
    expect(ids(frozen.events)).to.deep.equal(ids(await store.listEvents({ team: 't1' }, NOV)));
  });

  it('exports a score result as CSV with a total row per ledger', async () => {
    await publish(store, 'rude_attitude "态度粗暴": -8 per', '2026-01-01');
    await rude('c1', '2026-11-03T09:00');
    const csv = await store.exportScoreCsv(await store.score({ team: 't1' }, NOV));
    expect(csv.startsWith('\uFEFF类型,编号,姓名/小组')).to.equal(true);
    expect(csv).to.contain('个人,c1,王芳,合计,,2026-11-01~2026-11-30,,-8,-8,');
    expect(csv).to.contain('个人,c1,王芳,rude_attitude,态度粗暴,2026-11-03,1,-8,-8,');
  });
});

describe('closed months', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
    await publish(store, 'rude_attitude "态度粗暴": -8 per\npraise "表扬": +6 per', '2026-01-01');
  });
  afterEach(() => store.close());

  const OCT = { from: '2026-10-01', to: '2026-10-31' };

  it('freezes a closed month; later edits become adjustment lines in the next open month', async () => {
    const e1 = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-10T10:00' }, { by: 'm1' });
    const closed = await store.closeMonth('2026-10', { by: 'm1', reason: '10 月工资已发' });
    expect(closed.status).to.equal('closed');
    expect(closed.snapshot!.versions.map((v) => v.version)).to.deep.equal([1]);
    expect(closed.snapshot!.scorecards.consultants.c1.points).to.equal(-8);
    try {
      await store.closeMonth('2026-10', { by: 'm1' });
      throw new Error('should fail');
    } catch (e) {
      expect(isStoreError(e, 'period-state')).to.equal(true);
    }

    // Later edits to October.
    const late = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-20T10:00' }, { by: 'm1' });
    await store.deleteEvent(e1.id, { by: 'm1', expectedRev: 1 });
    const log = await store.createCallLog(fullLog({ date: '2026-10-25', consultant: 'c2' }), { by: 'c2' });

    // October stays as paid.
    const oct = await store.score({ all: true }, OCT);
    expect(oct.frozen).to.equal(true);
    expect(oct.scorecards.consultants.c1.points).to.equal(-8);
    const changes = await store.listChanges('2026-10');
    expect(changes.map((c) => c.recordId).sort()).to.deep.equal([e1.id, late.id, log.id].sort());

    // November carries the adjustment, pointing at what changed.
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-02T10:00' }, { by: 'm1' });
    const nov = await store.score({ all: true }, { from: '2026-11-01', to: '2026-11-30' });
    // e1 deleted and `late` added: October's totals did not move, so no adjustment yet.
    expect(nov.adjustedMonths).to.deep.equal([]);
    expect(nov.scorecards.consultants.c1.points).to.equal(6);
    const lateMove = await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-10-28T10:00' }, { by: 'm1' });
    const nov2 = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(nov2.adjustedMonths).to.deep.equal(['2026-10']);
    const adj = nov2.scorecards.consultants.c1.lines.find((l) => l.rule === 'adjustment')!;
    expect(adj).to.deep.include({ window: '2026-10', points: 6, money: 6, centipoints: 600, fen: 600 });
    expect(adj.events.sort()).to.deep.equal([e1.id, late.id, lateMove.id].sort());
    expect(nov2.scorecards.consultants.c1.points).to.equal(12);

    // Closing November freezes the adjustment; December does not repeat it.
    await store.closeMonth('2026-11', { by: 'm1' });
    const dec = await store.score({ consultant: 'c1' }, { from: '2026-12-01', to: '2026-12-31' });
    expect(dec.scorecards.consultants.c1.lines.filter((l) => l.rule === 'adjustment')).to.deep.equal([]);
    // A change to October after November closed: in December.
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-29T10:00' }, { by: 'm1' });
    const dec2 = await store.score({ consultant: 'c1' }, { from: '2026-12-01', to: '2026-12-31' });
    const adjDec = dec2.scorecards.consultants.c1.lines.filter((l) => l.rule === 'adjustment');
    expect(adjDec.map((l) => [l.window, l.points])).to.deep.equal([['2026-10', -8]]);
  });

  it('reads a snapshot closed before ledgers carried integers with them, and adjusts from them', async () => {
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-10T10:00' }, { by: 'm1' });
    await store.closeMonth('2026-10', { by: 'm1' });
    // The snapshot as an older store wrote it: points and money only.
    const data = await store.exportJson();
    for (const p of data.records.periods)
      for (const side of [p.snapshot!.scorecards.consultants, p.snapshot!.scorecards.teams])
        for (const ledger of Object.values(side) as unknown as Record<string, unknown>[]) {
          delete ledger.fen;
          delete ledger.centipoints;
          for (const line of ledger.lines as Record<string, unknown>[]) {
            delete line.fen;
            delete line.centipoints;
          }
        }
    await store.importJson(data);
    const oct = await store.score({ consultant: 'c1' }, OCT);
    expect(oct.frozen).to.equal(true);
    expect(oct.scorecards.consultants.c1).to.deep.include({ points: -8, money: -8, centipoints: -800, fen: -800 });
    expect(oct.scorecards.consultants.c1.lines.map((l) => [l.rule, l.centipoints, l.fen])).to.deep.equal([['rude_attitude', -800, -800]]);
    expect((await store.getMonth('2026-10'))!.snapshot!.scorecards.consultants.c1).to.deep.include({ centipoints: -800, fen: -800 });
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-10-28T10:00' }, { by: 'm1' });
    const nov = await store.score({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    const adj = nov.scorecards.consultants.c1.lines.find((l) => l.rule === 'adjustment')!;
    expect(adj).to.deep.include({ window: '2026-10', points: 6, money: 6, centipoints: 600, fen: 600 });
    expect(nov.scorecards.consultants.c1).to.deep.include({ centipoints: 600, fen: 600 });
  });

  it('reopening is an explicit, recorded act', async () => {
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-10T10:00' }, { by: 'm1' });
    await store.closeMonth('2026-10', { by: 'm1' });
    try {
      await store.reopenMonth('2026-10', { by: 'm1', reason: ' ' });
      throw new Error('a reason is required');
    } catch (e) {
      expect(isStoreError(e, 'validation')).to.equal(true);
    }
    const reopened = await store.reopenMonth('2026-10', { by: 'm1', reason: '漏记一次表扬' });
    expect(reopened.status).to.equal('open');
    expect(reopened.history.map((h) => [h.action, h.by])).to.deep.equal([
      ['close', 'm1'],
      ['reopen', 'm1'],
    ]);
    expect(reopened.history[1].snapshot!.scorecards.consultants.c1.points).to.equal(-8);
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-10-11T10:00' }, { by: 'm1' });
    const oct = await store.score({ consultant: 'c1' }, OCT);
    expect(oct.frozen).to.equal(false);
    expect(oct.scorecards.consultants.c1.points).to.equal(-2);
    const again = await store.closeMonth('2026-10', { by: 'm1' });
    expect(again.history.map((h) => h.action)).to.deep.equal(['close', 'reopen', 'close']);
    expect(again.snapshot!.scorecards.consultants.c1.points).to.equal(-2);
  });

  it('warns about an event type no rule binds when it was typed in, not about the types the store writes itself', async () => {
    // a version-2 rulebook (a lead's share): its evaluator gives the data warnings of LANGUAGE.md §9.13
    await publish(store, 'rude_attitude "态度粗暴": -8 per, lead -1 per', '2026-01-01');
    await store.createCallLog(fullLog(), { by: 'c1' }); // a consultation event the rulebook does not score
    await store.recordEvent({ type: 'rude_atitude', consultant: 'c1', at: '2026-11-03T10:00' }, { by: 'm1' }); // a typo
    const { warnings } = (await store.score({ consultant: 'c1' }, NOV)).scorecards;
    expect(warnings.filter((w) => w.code === 'unused-event-type').map((w) => w.params?.type)).to.deep.equal(['rude_atitude']);
  });
});
