/**
 * Warm scoring in the store (warm-scoring.ts): after each saved, edited or
 * deleted call log and incident, `score` brings its warm evaluation up to
 * date instead of scoring the month again — and gives what a cold store (a
 * second store on the same database, which has no warm evaluation) scores.
 */
import { expect } from '@esm-bundle/chai';
import { openStore, type RulecardStore, type ScoreResult } from '../src/index.js';
import { warmScoringOf } from '../src/warm-scoring.js';
import { deleteDb, freshName, fullLog, publish, seedRoster, settableClock } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
const NOW = '2026-11-20T18:00:00+08:00';
// clinic.rules' kinds of rule, small: per event with team effects, a day threshold, a month target, a ranking gated by a
// ledger rule's flag, a team-wide rule, a lead's pay item
const RULES = [
  'rulebook "warm"',
  'point = 10 yuan',
  'window day',
  'pay bonus "bonus"',
  'call_not_fully_registered "incomplete": -2 per; >=2 => personal -5, team -5',
  'follow_up_overdue "late reply": -2 per; >=2 => personal -5, team -5',
  'rude_attitude "rude": -8 per; >2 => personal -12, team -12',
  'booking "booking": 5 yuan per; <3 per month each => -20 yuan',
  'team_bonus "team bonus" on visit: all >= 2 per month => 200 yuan',
  'best "best" on vote unless flag no_award: rank per month => 1st 150 yuan, 2nd 100 yuan',
  'forfeit "forfeit": deductions >= 20 per month => -100% of bonus, flag no_award',
].join('\n');

describe('warm scoring: score after a save equals a fresh full score', () => {
  let name: string;
  let store: RulecardStore;
  let cold: RulecardStore | undefined;
  const clock = settableClock();

  beforeEach(async () => {
    clock.set(NOW);
    name = await freshName('rc-warm');
    store = await openStore({ name, now: clock.now });
    await seedRoster(store);
    await publish(store, RULES, '2026-01-01');
    for (const [consultant, date] of [
      ['c1', '2026-11-02'],
      ['c2', '2026-11-03'],
      ['c3', '2026-11-03'],
    ])
      await store.createCallLog(fullLog({ consultant, date, age: undefined }), { by: consultant });
    await store.recordEvent({ type: 'vote', consultant: 'c1', at: '2026-11-05T10:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'vote', consultant: 'c3', at: '2026-11-05T10:00' }, { by: 'm1' });
  });
  afterEach(async () => {
    store.close();
    cold?.close();
    cold = undefined;
    await deleteDb(name);
  });

  const scoreOf = (s: RulecardStore): Promise<ScoreResult> =>
    s.score({ all: true }, NOV, { events: true, asOf: clock.now().toISOString() });
  /** The warm store's score equals a cold store's on the same database; returns the warm store's bookkeeping. */
  async function same(): Promise<{ warm: boolean; changed: number }> {
    const warm = await scoreOf(store);
    const stats = { ...warmScoringOf(store).last };
    cold?.close();
    cold = await openStore({ name, now: clock.now });
    const fresh = await scoreOf(cold);
    expect(warmScoringOf(cold).last.warm).to.equal(false);
    expect(warm).to.deep.equal(fresh);
    return stats;
  }

  it('saved, edited and deleted call logs and incidents', async () => {
    expect((await same()).warm).to.equal(false); // the first score builds the evaluation
    expect(await same()).to.deep.equal({ warm: true, changed: 0 });

    // a saved call log (incomplete: its derived events too)
    const log = await store.createCallLog(fullLog({ consultant: 'c2', date: '2026-11-03', time: '15:00', age: undefined }), { by: 'c2' });
    let stats = await same();
    expect(stats.warm).to.equal(true);
    expect(stats.changed).to.be.greaterThan(0).and.lessThan(5);

    // edited: now complete (the derived `call_not_fully_registered` goes)
    const edited = await store.updateCallLog(log.id, { age: 30 }, { by: 'c2', expectedRev: log.rev });
    stats = await same();
    expect(stats.warm).to.equal(true);

    // a booked one, then deleted
    const booked = await store.createCallLog(fullLog({ consultant: 'c3', date: '2026-11-10', booked: true }), { by: 'c3' });
    expect((await same()).warm).to.equal(true);
    await store.deleteCallLog(booked.id, { by: 'c3', expectedRev: booked.rev });
    expect((await same()).warm).to.equal(true);
    await store.deleteCallLog(edited.id, { by: 'c2', expectedRev: edited.rev });
    expect((await same()).warm).to.equal(true);

    // incidents: three rude ones in a day (a threshold, the team's ledger, the forfeit that gates the ranking)
    const rude = [];
    for (const t of ['09:00', '10:00', '11:00'])
      rude.push(await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: `2026-11-06T${t}` }, { by: 'm1' }));
    expect((await same()).warm).to.equal(true);
    const moved = await store.updateEvent(rude[0].id, { at: '2026-11-07T09:00' }, { by: 'm1', expectedRev: rude[0].rev });
    expect((await same()).warm).to.equal(true);
    await store.deleteEvent(moved.id, { by: 'm1', expectedRev: moved.rev });
    expect((await same()).warm).to.equal(true);
    await store.recordEvent({ type: 'visit', consultant: 'c1', at: '2026-11-08T10:00' }, { by: 'm1' });
    expect((await same()).warm).to.equal(true);
  });

  it('month-to-date: a later instant of the same day stays warm; the next day is scored anew (other windows have ended)', async () => {
    await same();
    clock.set('2026-11-20T23:00:00+08:00');
    expect(await same()).to.deep.equal({ warm: true, changed: 0 });
    clock.set('2026-11-21T09:00:00+08:00');
    expect((await same()).warm).to.equal(false);
  });
});
