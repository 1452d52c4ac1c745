// The call-log rules a form imports (`@rulecard/store/call-log-rules`, no IndexedDB code), the store's own checks with
// them, and "follow-up done" clicked in two tabs. Own file: a fresh page, so the modules it loads can be listed.
import { expect } from '@esm-bundle/chai';

performance.setResourceTimingBufferSize(100_000);
const fetched = (): string[] => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);

describe('call-log rules', () => {
  it('load without idb or the store', async () => {
    const rules = await import('../src/call-log-rules.js');
    expect(typeof rules.validateCallLogInput).to.equal('function');
    expect(fetched().filter((p) => p.includes('/idb/') || p.endsWith('/store.ts') || p.endsWith('/idb-adapter.ts'))).to.deep.equal([]);
  });

  it('are the ones the store checks: ages 1–120, the follow-up deadline, the channels, the registration fields', async () => {
    const { validateCallLogInput, followUpDueAt, CALL_CHANNELS, REGISTRATION_FIELDS, FOLLOW_UP_MINUTES, MIN_AGE, MAX_AGE } =
      await import('../src/call-log-rules.js');
    const base = { date: '2026-11-03', time: '09:30', consultant: 'anyone', channel: 'phone', booked: false, followUpPromised: false };
    const reasons = (input: object) =>
      validateCallLogInput(input, { timezone: 'Asia/Shanghai' }).errors.map((e) => `${e.field}:${e.reason}`);
    expect([MIN_AGE, MAX_AGE, FOLLOW_UP_MINUTES]).to.deep.equal([1, 120, 30]);
    expect(reasons({ ...base, age: 0 })).to.deep.equal(['age:age']);
    expect(reasons({ ...base, age: 1 })).to.deep.equal([]);
    expect(reasons({ ...base, age: '120' })).to.deep.equal([]);
    expect(reasons({ ...base, age: 121 })).to.deep.equal(['age:age']);
    expect(reasons({ ...base, contact: '12812345678' })).to.deep.equal(['contact:mobile']);
    // Ten digits from 1: a mistyped mobile, not a QQ number (unless said so).
    expect(reasons({ ...base, contact: '1381234567' })).to.deep.equal(['contact:mobile']);
    expect(reasons({ ...base, contact: '1381234567', contactKind: 'qq' })).to.deep.equal([]);
    expect(reasons({ ...base, channel: 'fax' })).to.deep.equal(['channel:enum']);
    // Without a roster check any consultant id passes here; the store checks the roster.
    expect(validateCallLogInput(base, { timezone: 'Asia/Shanghai', isConsultant: () => false }).errors.map((e) => e.reason)).to.deep.equal([
      'unknown-consultant',
    ]);
    expect(followUpDueAt({ date: '2026-11-03', time: '09:30' }, 'Asia/Shanghai')).to.equal('2026-11-03T10:00:00+08:00');
    expect(followUpDueAt({ date: '2026-11-03', time: '23:50' }, 'Asia/Shanghai')).to.equal('2026-11-04T00:20:00+08:00');
    expect(followUpDueAt({ date: '2026-03-29', time: '01:45' }, 'Europe/Berlin')).to.equal('2026-03-29T03:15:00+02:00');
    expect(CALL_CHANNELS.map((c) => c.id)).to.deep.equal([
      'phone',
      'business_chat',
      'qq',
      'wechat',
      'website_booking',
      'message_board',
      'email',
      'walk_in',
    ]);
    expect(REGISTRATION_FIELDS).to.deep.equal(['customerName', 'contact', 'age', 'region', 'source', 'project', 'question', 'answer']);

    const { freshStore, fullLog, seedRoster, expectError } = await import('./helpers.js');
    const { store } = await freshStore();
    await seedRoster(store);
    const err = await expectError(store.createCallLog(fullLog({ age: 0 }), { by: 'c1' }), 'validation');
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['age:age']);
    const log = await store.createCallLog(fullLog({ time: '23:50', followUpPromised: true }), { by: 'c1' });
    expect(log.followUpDueAt).to.equal(followUpDueAt(log, store.timezone));
    store.close();
  });
});

describe('follow-up done', () => {
  it('clicked in two tabs: one write, the other tab gets a conflict it can show', async () => {
    const { openStore } = await import('../src/index.js');
    const { deleteDb, expectError, freshName, fullLog, seedRoster } = await import('./helpers.js');
    const name = await freshName('rc-follow');
    const now = () => new Date('2026-11-03T09:50:00+08:00');
    const tabA = await openStore({ name, now });
    const tabB = await openStore({ name, now });
    await seedRoster(tabA);
    const log = await tabA.createCallLog(fullLog({ followUpPromised: true }), { by: 'c1' });
    const results = await Promise.allSettled([
      tabA.markFollowUpDone(log.id, { expectedRev: 1 }, { by: 'c1' }),
      tabB.markFollowUpDone(log.id, { expectedRev: 1 }, { by: 'c1' }),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect([done.length, lost.length]).to.deep.equal([1, 1]);
    expect(lost[0].reason.code).to.equal('conflict');
    expect(lost[0].reason.details.current.followUpDoneAt).to.equal('2026-11-03T09:50:00+08:00');
    const stored = (await tabB.getCallLog(log.id))!;
    expect([stored.rev, stored.followUpDoneAt, stored.followUpDueAt]).to.deep.equal([2, '2026-11-03T09:50:00+08:00', undefined]);
    expect(await tabB.callLogHistory(log.id)).to.have.length(1);
    // Done already (the current revision): unchanged, no second write.
    expect((await tabB.markFollowUpDone(log.id, { expectedRev: 2, at: '2026-11-03T09:55' }, { by: 'c1' })).rev).to.equal(2);
    const plain = await tabA.createCallLog(fullLog(), { by: 'c1' });
    const none = await expectError(tabA.markFollowUpDone(plain.id, { expectedRev: 1 }, { by: 'c1' }), 'validation');
    expect(none.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['followUpPromised:no-follow-up']);
    await expectError(tabA.markFollowUpDone(plain.id, { expectedRev: 1, at: 'soon' }, { by: 'c1' }), 'validation');
    tabA.close();
    tabB.close();
    await deleteDb(name);
  });
});
