import { expect } from '@esm-bundle/chai';
import { maskContact, DERIVED_EVENT_TYPES, type RulecardStore } from '../src/index.js';
import { freshStore, fullLog, seedRoster, expectError, settableClock } from './helpers.js';

describe('call logs', () => {
  let store: RulecardStore;
  const clock = settableClock();
  beforeEach(async () => {
    clock.set();
    ({ store } = await freshStore({ now: clock.now }));
    await seedRoster(store);
  });
  afterEach(() => store.close());

  it('round-trips every field of the form, masked for display and full on request', async () => {
    const input = fullLog({
      booked: true,
      bookingAt: '2026-11-05T10:00',
      bookingExpert: '张医生',
      followUpPromised: true,
      followUpDoneAt: '2026-11-03T09:50+08:00',
      visitedAt: '2026-11-05T10:20:00+08:00',
      surgeryFeeFen: 1234567,
      surgeryAt: '2026-11-05T15:00:00+08:00',
      recordingRef: 'REC-2026-11-03-001',
      note: '老客户介绍',
      channel: 'wechat',
    });
    clock.set('2026-11-03T09:40:00+08:00'); // registered right after the consultation
    const view = await store.createCallLog(input, { by: 'c1' });
    expect(view.contact).to.equal('138****5678');
    expect(view.contactMasked).to.equal(true);
    expect(view.rev).to.equal(1);
    expect(view.at).to.equal('2026-11-03T09:30:00+08:00');
    const full = await store.getCallLogUnmasked(view.id);
    expect(full).to.deep.include({
      ...input,
      bookingAt: '2026-11-05T10:00:00+08:00',
      contactKind: 'mobile',
      createdBy: 'c1',
      updatedBy: 'c1',
    });
    expect(await store.revealContact(view.id)).to.equal('13812345678');
    expect((await store.getCallLog(view.id))!.contact).to.equal('138****5678');
    const listed = await store.listCallLogs({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(listed.map((l) => l.contact)).to.deep.equal(['138****5678']);
  });

  it('masks other contact kinds', () => {
    expect(maskContact('13812345678')).to.equal('138****5678');
    expect(maskContact('020-87654321', 'landline')).to.equal('020-****4321');
    expect(maskContact('wxid_abcdef', 'wechat')).to.equal('wx*******ef');
    expect(maskContact('name@example.com', 'email')).to.equal('n***@example.com');
  });

  it('refuses bad records with field-level reasons in zh-CN and en', async () => {
    const err = await expectError(
      store.createCallLog(
        {
          ...fullLog(),
          date: '2026-02-30',
          time: '25:00',
          consultant: 'nobody',
          channel: 'fax' as never,
          contact: '12345678901',
          age: 300,
        },
        { by: 'c1' },
      ),
      'validation',
    );
    const byField = Object.fromEntries(err.fields.map((f) => [f.field, f]));
    expect(byField.date.reason).to.equal('date');
    expect(byField.time.reason).to.equal('time');
    expect(byField.consultant.reason).to.equal('unknown-consultant');
    expect(byField.channel.reason).to.equal('enum');
    expect(byField.contact.reason).to.equal('mobile');
    expect(byField.age.reason).to.equal('age');
    expect(byField.contact.message['zh-CN']).to.contain('11 位');
    expect(byField.contact.message.en).to.contain('mobile');
    expect(err.text('zh-CN')).to.contain('花名册中没有该咨询员');
    expect(err.text('en')).to.contain('not a consultant on the roster');
    const missing = await expectError(store.createCallLog({ consultant: 'c1' } as never, { by: 'c1' }), 'validation');
    expect(missing.fields.map((f) => `${f.field}:${f.reason}`)).to.include.members([
      'date:required',
      'time:required',
      'channel:required',
      'booked:required',
    ]);
    expect(await store.listCallLogs({ all: true }, { from: '2026-01-01', to: '2026-12-31' })).to.have.length(0);
  });

  it('accepts a mobile with +86 and spaces, WeChat ids and emails', async () => {
    const a = await store.createCallLog(fullLog({ contact: '+86 138 1234 5678' }), { by: 'c1' });
    expect(await store.revealContact(a.id)).to.equal('13812345678');
    const b = await store.createCallLog(fullLog({ contact: 'lina_2026' }), { by: 'c1' });
    expect((await store.getCallLogUnmasked(b.id))!.contactKind).to.equal('wechat');
    const c = await store.createCallLog(fullLog({ contact: 'a@b.cn' }), { by: 'c1' });
    expect((await store.getCallLogUnmasked(c.id))!.contactKind).to.equal('email');
  });

  it('keeps the history of edits: who changed what, when (contact masked)', async () => {
    const v1 = await store.createCallLog(fullLog(), { by: 'c1' });
    const v2 = await store.updateCallLog(v1.id, { answer: '已预约面诊', contact: '13900001111' }, { by: 'l1', expectedRev: 1 });
    expect(v2.rev).to.equal(2);
    const v3 = await store.updateCallLog(v1.id, { age: undefined }, { by: 'c1', expectedRev: 2 });
    expect((await store.getCallLogUnmasked(v3.id))!.age).to.equal(undefined);
    const history = await store.callLogHistory(v1.id);
    expect(history.map((h) => [h.rev, h.by])).to.deep.equal([
      [2, 'l1'],
      [3, 'c1'],
    ]);
    const contactChange = history[0].changes.find((c) => c.field === 'contact')!;
    expect(contactChange).to.deep.equal({ field: 'contact', before: '138****5678', after: '139****1111' });
    expect(history[0].changes.find((c) => c.field === 'answer')).to.deep.equal({
      field: 'answer',
      before: '已介绍价格，建议面诊',
      after: '已预约面诊',
    });
    expect(history[1].changes).to.deep.equal([{ field: 'age', before: 28 }]);
  });

  it('refuses a stale revision and tells the loser', async () => {
    const v1 = await store.createCallLog(fullLog(), { by: 'c1' });
    await store.updateCallLog(v1.id, { answer: 'A' }, { by: 'c1', expectedRev: 1 });
    const err = await expectError(store.updateCallLog(v1.id, { answer: 'B' }, { by: 'c2', expectedRev: 1 }), 'conflict');
    expect((err.details.current as { answer: string }).answer).to.equal('A');
    expect((await store.getCallLog(v1.id))!.answer).to.equal('A');
    await expectError(store.deleteCallLog(v1.id, { by: 'c1', expectedRev: 1 }), 'conflict');
  });

  it('derives events and recomputes them (never duplicates) when the log is edited', async () => {
    const types = async (): Promise<string[]> =>
      (await store.listEvents({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' })).map((e) => e.type).sort();
    const log = await store.createCallLog(fullLog({ region: undefined, age: undefined }), { by: 'c1' });
    expect(await types()).to.deep.equal(['call_not_fully_registered', 'consultation']);
    const nf = await store.getEvent(`${log.id}~call_not_fully_registered`);
    expect(nf!.attrs).to.deep.include({ missing: 'age,region', missingCount: 2, channel: 'phone', medium: 'phone' });
    expect(nf!.sourceId).to.equal(log.id);

    await store.updateCallLog(
      log.id,
      { region: '深圳', age: 30, booked: true, bookingAt: '2026-11-06T09:00', bookingExpert: '张医生' },
      { by: 'c1', expectedRev: 1 },
    );
    expect(await types()).to.deep.equal(['booking', 'consultation']);

    await store.updateCallLog(log.id, { visitedAt: '2026-11-06T09:10', surgeryFeeFen: 880000 }, { by: 'c1', expectedRev: 2 });
    expect(await types()).to.deep.equal(['booking', 'consultation', 'surgery', 'visit']);
    const surgery = await store.getEvent(`${log.id}~surgery`);
    expect(surgery!.amount).to.equal(8800);
    expect(surgery!.day).to.equal('2026-11-06');

    // Moving the log to another consultant moves its events.
    await store.updateCallLog(log.id, { consultant: 'c2' }, { by: 'l1', expectedRev: 3 });
    expect(await types()).to.deep.equal([]);
    expect((await store.listEvents({ consultant: 'c2' }, { from: '2026-11-01', to: '2026-11-30' })).length).to.equal(4);

    await store.deleteCallLog(log.id, { by: 'l1', expectedRev: 4 });
    expect(await store.listEvents({ all: true }, { from: '2026-11-01', to: '2026-11-30' })).to.deep.equal([]);
    const history = await store.callLogHistory(log.id);
    expect(history.at(-1)!.action).to.equal('delete');
  });

  it('refuses to edit a derived event directly', async () => {
    const log = await store.createCallLog(fullLog(), { by: 'c1' });
    await expectError(store.deleteEvent(`${log.id}~consultation`, { by: 'm1', expectedRev: 1 }), 'derived-readonly');
  });

  it('derives overdue follow-ups: late when done, and pending past the deadline on refresh', async () => {
    const late = await store.createCallLog(fullLog({ followUpPromised: true, followUpDoneAt: '2026-11-03T10:45+08:00' }), { by: 'c1' });
    const ev = await store.getEvent(`${late.id}~follow_up_overdue`);
    expect(ev!.attrs).to.deep.include({ done: true, minutes: 45 });
    expect(ev!.at).to.equal('2026-11-03T10:00:00+08:00');

    const onTime = await store.createCallLog(fullLog({ followUpPromised: true, followUpDoneAt: '2026-11-03T09:55+08:00' }), { by: 'c1' });
    expect(await store.getEvent(`${onTime.id}~follow_up_overdue`)).to.equal(undefined);

    // Pending: registered "now" = 09:35, so not overdue yet.
    const { store: s2 } = await freshStore({ now: () => new Date('2026-11-03T09:35:00+08:00') });
    await seedRoster(s2);
    const pending = await s2.createCallLog(fullLog({ followUpPromised: true }), { by: 'c1' });
    expect(await s2.getEvent(`${pending.id}~follow_up_overdue`)).to.equal(undefined);
    expect(await s2.refreshOverdueFollowUps(new Date('2026-11-03T09:59:00+08:00'))).to.equal(0);
    expect(await s2.refreshOverdueFollowUps(new Date('2026-11-03T10:01:00+08:00'))).to.equal(1);
    expect(await s2.refreshOverdueFollowUps(new Date('2026-11-03T10:02:00+08:00'))).to.equal(0);
    expect((await s2.getEvent(`${pending.id}~follow_up_overdue`))!.attrs).to.deep.include({ done: false });
    // Done later: recomputed as done, 20 minutes late, still one event.
    await s2.updateCallLog(pending.id, { followUpDoneAt: '2026-11-03T10:20+08:00' }, { by: 'c1', expectedRev: 1 });
    const events = await s2.listEvents({ consultant: 'c1' }, { from: '2026-11-03', to: '2026-11-03' }, ['follow_up_overdue']);
    expect(events).to.have.length(1);
    expect(events[0].attrs).to.deep.include({ done: true, minutes: 20 });
    s2.close();
  });

  it('documents every derived event type in both locales', () => {
    expect(Object.keys(DERIVED_EVENT_TYPES)).to.deep.equal([
      'consultation',
      'call_not_fully_registered',
      'follow_up_overdue',
      'booking',
      'visit',
      'surgery',
    ]);
    for (const t of Object.values(DERIVED_EVENT_TYPES)) {
      expect(t.label['zh-CN']).to.be.a('string').and.not.equal('');
      expect(t.meaning.en).to.be.a('string').and.not.equal('');
    }
  });

  it('imports many logs in one transaction; one bad record imports nothing and says which', async () => {
    const good = Array.from({ length: 50 }, (_, i) => fullLog({ id: `L${i}`, time: `10:${String(i).padStart(2, '0')}` }));
    const bad = [...good.slice(0, 20), fullLog({ id: 'BAD', contact: '123' }), ...good.slice(20)];
    const err = await expectError(store.importCallLogs(bad, { by: 'm1' }), 'import-invalid');
    expect(err.records).to.have.length(1);
    expect(err.records[0]).to.deep.include({ index: 20, id: 'BAD' });
    expect(await store.listCallLogs({ all: true }, { from: '2026-11-01', to: '2026-11-30' })).to.have.length(0);
    await store.importCallLogs(good, { by: 'm1' });
    expect(await store.listCallLogs({ team: 't1' }, { from: '2026-11-03', to: '2026-11-03' })).to.have.length(50);
  });
});
