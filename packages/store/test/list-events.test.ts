// listEvents with a type filter (stored-only reads when no on-read type is asked for) and refreshOverdueFollowUps over several logs.
import { expect } from '@esm-bundle/chai';
import type { RulecardStore, Subject } from '../src/index.js';
import { freshStore, fullLog, seedRoster } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };

describe('listEvents with types', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
    // Call logs: on-read derived events (consultation, call_not_fully_registered, booking) and stored ones (visit, surgery, follow_up_overdue).
    await store.createCallLog(
      fullLog({ booked: true, bookingExpert: '王医生', bookingAt: '2026-11-05T10:00', visitedAt: '2026-11-05T10:10+08:00' }),
      { by: 'c1' },
    );
    await store.createCallLog(
      fullLog({ consultant: 'c2', time: '11:00', age: undefined, followUpPromised: true, followUpDoneAt: '2026-11-03T12:00+08:00' }),
      {
        by: 'c2',
      },
    );
    await store.createCallLog(
      fullLog({ consultant: 'c3', date: '2026-11-10', visitedAt: '2026-11-12T09:00+08:00', surgeryFeeFen: 800000 }),
      {
        by: 'c3',
      },
    );
    // Manual events.
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-04T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c2', at: '2026-11-06T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c3', at: '2026-11-07T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-10-31T09:00' }, { by: 'm1' });
    await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-08T09:00', attrs: { from: 'customer' } }, { by: 'm1' });
  });
  afterEach(() => store.close());

  const subjects: Subject[] = [{ consultant: 'c1' }, { consultant: 'c2' }, { team: 't1' }, { team: 't2' }, { all: true }];
  const typeLists = [
    ['praise'],
    ['rude_attitude'],
    ['rude_attitude', 'praise'],
    ['visit', 'surgery', 'follow_up_overdue'],
    ['consultation'],
    ['booking', 'rude_attitude'],
    ['call_not_fully_registered'],
    ['no_such_type'],
    [],
  ];

  it('returns exactly what filtering the unfiltered list gives, in the same order', async () => {
    for (const subject of subjects) {
      const all = await store.listEvents(subject, NOV);
      for (const types of typeLists) {
        const got = await store.listEvents(subject, NOV, types);
        expect(got, `${JSON.stringify(subject)} ${types.join(',')}`).to.deep.equal(all.filter((e) => types.includes(e.type)));
      }
    }
  });

  it('finds stored manual events without reading call logs, and on-read types from the logs', async () => {
    const ids = (events: { id: string }[]): string[] => events.map((e) => e.id);
    const rude = await store.listEvents({ all: true }, NOV, ['rude_attitude']);
    expect(rude.map((e) => e.consultant).sort()).to.deep.equal(['c1', 'c2', 'c3']);
    expect(await store.listEvents({ consultant: 'c1' }, NOV, ['praise'])).to.have.length(1);
    const consultations = await store.listEvents({ team: 't1' }, NOV, ['consultation']);
    expect(consultations.map((e) => e.consultant).sort()).to.deep.equal(['c1', 'c2']);
    expect(ids(await store.listEvents({ consultant: 'c2' }, NOV, ['call_not_fully_registered']))).to.have.length(1);
    const mixed = await store.listEvents({ consultant: 'c1' }, NOV, ['booking', 'rude_attitude']);
    expect(mixed.map((e) => e.type).sort()).to.deep.equal(['booking', 'rude_attitude']);
    expect((await store.listEvents({ consultant: 'c3' }, NOV, ['surgery']))[0].amount).to.equal(8000);
  });
});

describe('refreshOverdueFollowUps over several logs', () => {
  it('stores each newly overdue follow-up once, skipping those already stored', async () => {
    const { store } = await freshStore({ now: () => new Date('2026-11-03T08:58:00+08:00') });
    await seedRoster(store);
    await store.createCallLog(fullLog({ time: '08:30', followUpPromised: true }), { by: 'c1' });
    await store.createCallLog(fullLog({ consultant: 'c2', time: '08:40', followUpPromised: true }), { by: 'c2' });
    await store.createCallLog(fullLog({ consultant: 'c3', time: '08:55', followUpPromised: true }), { by: 'c3' });
    await store.createCallLog(
      fullLog({ consultant: 'c3', time: '08:50', followUpPromised: true, followUpDoneAt: '2026-11-03T09:10+08:00' }),
      {
        by: 'c3',
      },
    );
    const overdue = (): Promise<string[]> =>
      store
        .listEvents({ all: true }, { from: '2026-11-03', to: '2026-11-03' }, ['follow_up_overdue'])
        .then((es) => es.map((e) => e.consultant).sort());
    expect(await overdue()).to.deep.equal([]);
    expect(await store.refreshOverdueFollowUps(new Date('2026-11-03T08:59:00+08:00'))).to.equal(0);
    expect(await store.refreshOverdueFollowUps(new Date('2026-11-03T09:12:00+08:00'))).to.equal(2);
    expect(await overdue()).to.deep.equal(['c1', 'c2']);
    expect(await store.refreshOverdueFollowUps(new Date('2026-11-03T09:30:00+08:00'))).to.equal(1);
    expect(await store.refreshOverdueFollowUps(new Date('2026-11-03T09:40:00+08:00'))).to.equal(0);
    expect(await overdue()).to.deep.equal(['c1', 'c2', 'c3']);
    store.close();
  });
});
