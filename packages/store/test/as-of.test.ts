/** Month-to-date in the store: `score(…, { asOf })` (LANGUAGE.md §9.16), the payroll CSV, closed months. */
import { expect } from '@esm-bundle/chai';
import type { RulecardStore } from '../src/index.js';
import { expectError, freshStore, publish, seedRoster, settableClock } from './helpers.js';

const DEC = { from: '2026-12-01', to: '2026-12-31' };
const DEC3 = '2026-12-03T10:00:00+08:00';
const TARGET = 'appointment "有效客户预约" on booking: 5 yuan per; <25 per month each => -20 yuan';

describe('score as of an instant (month-to-date)', () => {
  let store: RulecardStore;
  const clock = settableClock();
  beforeEach(async () => {
    clock.set(DEC3);
    ({ store } = await freshStore({ now: clock.now }));
    await seedRoster(store);
    await publish(store, TARGET, '2026-01-01');
    for (const at of ['2026-12-01T10:00', '2026-12-02T15:00'])
      await store.recordEvent({ type: 'booking', consultant: 'c1', at }, { by: 'm1' });
  });
  afterEach(() => store.close());

  it('a month-end target on Dec 3 is projected, outside the totals; the per-event lines are confirmed', async () => {
    const { scorecards } = await store.score({ consultant: 'c1' }, DEC, { asOf: DEC3 });
    const c1 = scorecards.consultants.c1;
    const target = c1.lines.find((l) => l.window === '2026-12');
    expect(target).to.include({ count: 23, fen: -46000, projected: true });
    expect(c1.fen).to.equal(1000);
    expect(c1.projected).to.deep.equal({ points: 0, money: -460, centipoints: 0, fen: -46000 });
    // Without asOf (as before): every window counts as ended, the target is charged.
    const plain = (await store.score({ consultant: 'c1' }, DEC)).scorecards.consultants.c1;
    expect(plain.fen).to.equal(1000 - 46000);
    expect(plain.projected).to.equal(undefined);
  });

  it('merges projected lines of two versions apart from the totals (a change inside the period)', async () => {
    await publish(store, TARGET.replace('5 yuan per', '6 yuan per'), '2026-12-02');
    const c1 = (await store.score({ consultant: 'c1' }, DEC, { asOf: DEC3 })).scorecards.consultants.c1;
    expect(c1.fen).to.equal(500 + 600);
    expect(c1.projected?.fen).to.equal(-46000);
    expect(c1.lines.filter((l) => l.projected).map((l) => l.window)).to.deep.equal(['2026-12']);
  });

  it('the payroll CSV leaves projected lines out; a closed month is frozen with every window ended', async () => {
    const result = await store.score({ all: true }, DEC, { asOf: DEC3 });
    const csv = await store.exportScoreCsv(result, { locale: 'en' });
    expect(csv).to.contain('appointment');
    expect(csv).not.to.contain('2026-12,23');
    expect(csv.split('\r\n').filter((row) => row.includes(',c1,') && row.includes('Total'))[0]).to.contain(',10,');
    // Closing after the month: the snapshot has the month's target, confirmed.
    clock.set('2027-01-01T09:00:00+08:00');
    await store.closeMonth('2026-12', { by: 'm1' });
    const closed = await store.score({ consultant: 'c1' }, DEC, { asOf: '2027-01-01T09:00:00+08:00' });
    expect(closed.frozen).to.equal(true);
    expect(closed.scorecards.consultants.c1.fen).to.equal(1000 - 46000);
    expect(closed.scorecards.consultants.c1.lines.some((l) => l.projected)).to.equal(false);
  });

  it('refuses an asOf that is not an instant', async () => {
    const e = await expectError(store.score({ consultant: 'c1' }, DEC, { asOf: '2026-12-03' }), 'validation');
    expect(e.fields?.[0]).to.include({ field: 'asOf', reason: 'instant' });
  });
});
