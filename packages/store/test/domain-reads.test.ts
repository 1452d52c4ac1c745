// The domain rules the elements ask the store for instead of computing them: bookings (after the consultation,
// and later than now for a new registration), pending and overdue follow-ups on the next day's list, the call-log
// statistics, when a month may be closed, events not later than now.
import { expect } from '@esm-bundle/chai';
import { followUpState, validateCallLogInput } from '../src/call-log-rules.js';
import type { RulecardStore } from '../src/index.js';
import { expectError, freshStore, fullLog, publish, seedRoster, settableClock } from './helpers.js';

describe('domain rules the elements ask the store for', () => {
  let store: RulecardStore;
  const clock = settableClock();
  beforeEach(async () => {
    clock.set('2026-11-03T09:40:00+08:00');
    ({ store } = await freshStore({ now: clock.now }));
    await seedRoster(store);
  });
  afterEach(() => store.close());

  const booked = (bookingAt: string) => fullLog({ booked: true, bookingAt, bookingExpert: '张医生' });

  it('a booking is after the consultation; a new registration books later than now, an edit or an import need not', async () => {
    const reasons = (input: object, now?: Date) =>
      validateCallLogInput(input, { timezone: 'Asia/Shanghai', ...(now ? { now } : {}) }).errors.map((e) => `${e.field}:${e.reason}`);
    const now = new Date('2026-11-03T09:40:00+08:00');
    expect(reasons(booked('2026-11-03T09:30'))).to.deep.equal(['bookingAt:after-consultation']);
    expect(reasons(booked('2026-11-03T09:20+08:00'))).to.deep.equal(['bookingAt:after-consultation']);
    expect(reasons(booked('2026-11-03T09:31'))).to.deep.equal([]);
    expect(reasons(booked('2026-11-03T09:35'), now)).to.deep.equal(['bookingAt:in-the-past']);
    expect(reasons(booked('2026-11-03T09:41'), now)).to.deep.equal([]);
    expect(reasons({ ...booked('2026-11-03T09:00'), booked: false })).to.deep.equal([]);

    const err = await expectError(store.createCallLog(booked('2026-11-03T09:35'), { by: 'c1' }), 'validation');
    expect(err.fields.map((f) => [f.field, f.reason, f.message.en])).to.deep.equal([
      ['bookingAt', 'in-the-past', 'must be later than now'],
    ]);
    const log = await store.createCallLog(booked('2026-11-05T10:00'), { by: 'c1' });
    clock.set('2026-11-06T09:00:00+08:00');
    const edited = await store.updateCallLog(log.id, { answer: '已到院' }, { by: 'c1', expectedRev: 1 });
    expect(edited.bookingAt).to.equal('2026-11-05T10:00:00+08:00');
    const [imported] = await store.importCallLogs([{ ...booked('2026-11-04T10:00'), date: '2026-11-02' }], { by: 'm1' });
    expect(imported.bookingAt).to.equal('2026-11-04T10:00:00+08:00');
    await expectError(store.updateCallLog(log.id, { bookingAt: '2026-11-03T09:00' }, { by: 'c1', expectedRev: 2 }), 'validation');
  });

  it("lists the day before's logs whose follow-up is pending; open until 30 minutes after, overdue from then", async () => {
    clock.set('2026-11-02T23:55:00+08:00');
    const late = await store.createCallLog(fullLog({ date: '2026-11-02', time: '23:50', followUpPromised: true }), { by: 'c1' });
    const done = await store.createCallLog(
      fullLog({ date: '2026-11-02', time: '22:00', followUpPromised: true, followUpDoneAt: '2026-11-02T22:10' }),
      { by: 'c1' },
    );
    await store.createCallLog(fullLog({ date: '2026-11-02', time: '21:00' }), { by: 'c1' });
    clock.set('2026-11-03T09:40:00+08:00');
    const today = await store.createCallLog(fullLog({ time: '09:35' }), { by: 'c1' });
    const day = { from: '2026-11-03', to: '2026-11-03' };
    const ids = (logs: { id: string }[]) => logs.map((l) => l.id);
    expect(ids(await store.listCallLogs({ consultant: 'c1' }, day))).to.deep.equal([today.id]);
    expect(ids(await store.listCallLogs({ consultant: 'c1' }, day, { pendingFollowUps: true }))).to.deep.equal([late.id, today.id]);
    expect(ids(await store.listCallLogs({ all: true }, day, { pendingFollowUps: true }))).to.deep.equal([late.id, today.id]);
    expect([
      followUpState(late, new Date('2026-11-03T00:19:00+08:00')),
      followUpState(late, new Date('2026-11-03T00:21:00+08:00')),
      followUpState(done, new Date('2026-11-03T00:21:00+08:00')),
      followUpState(today, new Date('2026-11-03T00:21:00+08:00')),
    ]).to.deep.equal(['open', 'overdue', 'done', 'none']);
  });

  it('counts the logs of a range by age band, project, region, source and channel', async () => {
    await store.importCallLogs(
      [
        fullLog({ age: 19, project: '双眼皮', region: '广州', source: '百度', channel: 'phone' }),
        fullLog({ age: 20, project: '双眼皮', region: '深圳', source: '百度', channel: 'wechat' }),
        fullLog({ age: 50, project: '隆鼻', region: '广州', source: '', channel: 'wechat' }),
        fullLog({ age: undefined, project: '双眼皮', region: '广州', source: '朋友介绍', channel: 'wechat', consultant: 'c2' }),
        fullLog({ date: '2026-11-10', age: 33 }),
      ],
      { by: 'm1' },
    );
    const nov3 = { from: '2026-11-03', to: '2026-11-03' };
    expect(await store.callLogStats({ team: 't1' }, nov3)).to.deep.equal({
      total: 4,
      age: [
        ['under20', 1],
        ['20s', 1],
        ['30s', 0],
        ['40s', 0],
        ['50plus', 1],
        ['unknown', 1],
      ],
      project: [
        ['双眼皮', 3],
        ['隆鼻', 1],
      ],
      region: [
        ['广州', 3],
        ['深圳', 1],
      ],
      source: [
        ['百度', 2],
        ['', 1],
        ['朋友介绍', 1],
      ],
      channel: [
        ['wechat', 3],
        ['phone', 1],
      ],
    });
    expect((await store.callLogStats({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' })).total).to.equal(4);
  });

  it('closes a month from its last day on, and says so before', async () => {
    clock.set('2026-11-29T23:59:00+08:00');
    expect(await store.canCloseMonth('2026-11')).to.deep.equal({ month: '2026-11', closable: false, from: '2026-11-30' });
    const err = await expectError(store.closeMonth('2026-11', { by: 'm1' }), 'period-state');
    expect([err.details, err.text('en')]).to.deep.equal([
      { month: '2026-11', status: 'not-over', from: '2026-11-30' },
      'The month is not over yet (it can be closed from its last day on)',
    ]);
    expect(await store.getMonth('2026-11')).to.equal(undefined);
    clock.set('2026-11-30T00:00:00+08:00');
    expect(await store.canCloseMonth('2026-11')).to.deep.equal({ month: '2026-11', closable: true, from: '2026-11-30' });
    await publish(store, 'rude_attitude: -8 per', '2026-01-01');
    await store.closeMonth('2026-11', { by: 'm1' });
    expect(await store.canCloseMonth('2026-11')).to.deep.equal({ month: '2026-11', closable: false, from: '2026-11-30' });
    await expectError(store.canCloseMonth('2026-13'), 'validation');
  });

  it('records an event that happened (a minute of leeway), not one later than now', async () => {
    const err = await expectError(
      store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-03T09:42' }, { by: 'm1' }),
      'validation',
    );
    expect(err.fields.map((f) => [f.field, f.reason])).to.deep.equal([['at', 'in-the-future']]);
    const ev = await store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-03T09:41' }, { by: 'm1' });
    await expectError(store.updateEvent(ev.id, { at: '2026-11-04T09:00' }, { by: 'm1', expectedRev: 1 }), 'validation');
    expect(ev.at).to.equal('2026-11-03T09:41:00+08:00');
  });
});
