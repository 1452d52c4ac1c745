import { expect } from '@esm-bundle/chai';
import { openIdbAdapter, isStoreError, type StoreChange, type RulecardStore } from '../src/index.js';
import { fullLog, twoTabs } from './helpers.js';

function nextChange(store: RulecardStore, pred: (c: StoreChange) => boolean): Promise<StoreChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change notification')), 5000);
    const stop = store.subscribe((c) => {
      if (!pred(c)) return;
      clearTimeout(timer);
      stop();
      resolve(c);
    });
  });
}

describe('several tabs', () => {
  let name: string;
  let tabA: RulecardStore;
  let tabB: RulecardStore;
  let close: () => Promise<void>;
  beforeEach(async () => ({ name, tabA, tabB, close } = await twoTabs('rc-tabs')));
  afterEach(() => close());

  it('shows a write of one tab in the other (and in its own listeners)', async () => {
    const inB = nextChange(tabB, (c) => c.type === 'changed' && c.kinds.includes('callLogs'));
    const inA = nextChange(tabA, (c) => c.type === 'changed' && c.kinds.includes('callLogs'));
    const log = await tabA.createCallLog(fullLog(), { by: 'c1' });
    const [a, b] = await Promise.all([inA, inB]);
    expect(a).to.deep.include({ type: 'changed', origin: 'this-tab' });
    expect(b).to.deep.include({ type: 'changed', origin: 'other-tab' });
    if (b.type !== 'changed') throw new Error('unreachable');
    expect(b.kinds).to.include('callLogs');
    expect(b.ids).to.include(log.id);
    expect(b.consultants).to.deep.equal(['c1']);
    expect(b.days).to.deep.equal(['2026-11-03']);
    expect((await tabB.getCallLog(log.id))!.answer).to.equal(log.answer);
  });

  it('two tabs editing the same record: the second save is refused, nothing is overwritten', async () => {
    const log = await tabA.createCallLog(fullLog(), { by: 'c1' });
    const inA = (await tabA.getCallLog(log.id))!;
    const inB = (await tabB.getCallLog(log.id))!;
    const results = await Promise.allSettled([
      tabA.updateCallLog(log.id, { answer: 'from A' }, { by: 'c1', expectedRev: inA.rev }),
      tabB.updateCallLog(log.id, { answer: 'from B' }, { by: 'l1', expectedRev: inB.rev }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).to.have.length(1);
    expect(failed).to.have.length(1);
    expect(isStoreError(failed[0].reason, 'conflict'), String(failed[0].reason)).to.equal(true);
    // The loser can keep its edit: what the winner changed, and the log as it is now (contact masked).
    expect(failed[0].reason.details.changedFields).to.deep.equal(['answer']);
    expect(failed[0].reason.details.current).to.deep.include({ rev: 2, contact: '138****5678' });
    const final = (await tabB.getCallLog(log.id))!;
    expect(final.rev).to.equal(2);
    expect(['from A', 'from B']).to.include(final.answer);
    expect(await tabA.callLogHistory(log.id)).to.have.length(1);
  });

  it('a lost call-log edit can be kept: which fields it changes, which the other tab changed, and applied again on top', async () => {
    const log = await tabA.createCallLog(fullLog(), { by: 'c1' });
    // Tab A changes the region and the answer; tab B, still on revision 1, sends its whole form (answer and project edited).
    await tabA.updateCallLog(log.id, { region: '深圳', answer: 'A 的答复' }, { by: 'l1', expectedRev: 1 });
    const mine = { ...fullLog(), answer: 'B 的答复', project: '隆鼻', contact: '13812345678' };
    let refused: unknown;
    await tabB.updateCallLog(log.id, mine, { by: 'c1', expectedRev: 1 }).catch((e: unknown) => (refused = e));
    expect(isStoreError(refused, 'conflict'), String(refused)).to.equal(true);
    const details = (refused as { details: Record<string, unknown> }).details;
    expect(details.changedFields).to.deep.equal(['answer', 'region']);
    expect(details.yourFields).to.deep.equal(['project', 'answer']);
    expect(details.bothChanged).to.deep.equal(['answer']);
    // no customer value in the error (the contact stays masked)
    expect(JSON.stringify(details)).not.to.include('13812345678');
    // Applied again on the newest revision: B's fields on top of A's edit.
    const again = Object.fromEntries((details.yourFields as string[]).map((f) => [f, (mine as Record<string, unknown>)[f]]));
    const saved = await tabB.updateCallLog(log.id, again, { by: 'c1', expectedRev: 2 });
    expect(saved).to.deep.include({ rev: 3, region: '深圳', answer: 'B 的答复', project: '隆鼻' });
    // Marking a follow-up done on a stale revision names the one field it would change.
    await tabA.updateCallLog(log.id, { followUpPromised: true }, { by: 'c1', expectedRev: 3 });
    const done = await tabB.markFollowUpDone(log.id, { expectedRev: 3 }, { by: 'c1' }).catch((e: unknown) => e);
    expect(isStoreError(done, 'conflict')).to.equal(true);
    expect((done as { details: Record<string, unknown> }).details).to.deep.include({ changedFields: ['followUpPromised'] });
  });

  it('the revision check runs inside the write transaction (adapter level)', async () => {
    // Two raw adapters = two tabs that both read rev 1 before either writes.
    const a = await openIdbAdapter({ name });
    const b = await openIdbAdapter({ name });
    const team = (await a.get('teams', 't1'))!;
    const writes = await Promise.allSettled([
      a.commit([{ kind: 'teams', op: 'put', record: { ...team, name: 'A', rev: 2 }, expectRev: 1 }]),
      b.commit([{ kind: 'teams', op: 'put', record: { ...team, name: 'B', rev: 2 }, expectRev: 1 }]),
    ]);
    expect(writes.map((w) => w.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const rejected = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected')!;
    expect(isStoreError(rejected.reason, 'conflict')).to.equal(true);
    a.close();
    b.close();
  });

  it('a transaction aborted halfway leaves nothing behind', async () => {
    await tabA.createCallLog(fullLog({ id: 'EXISTING' }), { by: 'c1' });
    // 300 new logs, the 200th reusing an existing id: the database refuses it mid-transaction.
    const batch = Array.from({ length: 300 }, (_, i) => fullLog({ id: i === 199 ? 'EXISTING' : `N${i}`, date: '2026-11-10' }));
    try {
      await tabB.importCallLogs(batch, { by: 'm1' });
      throw new Error('should fail');
    } catch (e) {
      expect(isStoreError(e, 'duplicate'), String(e)).to.equal(true);
    }
    expect(await tabA.listCallLogs({ all: true }, { from: '2026-11-10', to: '2026-11-10' })).to.deep.equal([]);
    expect(await tabA.listEvents({ all: true }, { from: '2026-11-10', to: '2026-11-10' })).to.deep.equal([]);
    expect((await tabA.getCallLogUnmasked('EXISTING'))!.date).to.equal('2026-11-03');
  });
});
