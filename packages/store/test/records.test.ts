import { expect } from '@esm-bundle/chai';
import { isStoreError, toStoreError, type RulecardStore } from '../src/index.js';
import { compiled, freshStore, seedRoster, expectError } from './helpers.js';

describe('records: roster, rulebooks, drafts, events', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await seedRoster(store);
  });
  afterEach(() => store.close());

  it('round-trips teams and members; revisions guard updates', async () => {
    expect(await store.listTeams()).to.deep.equal([
      { id: 't1', name: '网络咨询组', rev: 1 },
      { id: 't2', name: '电话咨询组', rev: 1 },
    ]);
    expect(await store.getMember('l1')).to.deep.equal({
      id: 'l1',
      name: '刘组长',
      teamId: 't2',
      role: 'lead',
      joinedOn: '2026-01-01',
      rev: 1,
    });
    expect((await store.listMembers('t1')).map((m) => m.id)).to.deep.equal(['c1', 'c2']);
    await expectError(store.putTeam({ id: 't1', name: '重复' }), 'duplicate');
    const renamed = await store.putTeam({ id: 't1', name: '网络一组' }, { expectedRev: 1 });
    expect(renamed.rev).to.equal(2);
    await expectError(store.putTeam({ id: 't1', name: '旧页面' }, { expectedRev: 1 }), 'conflict');
    const err = await expectError(
      store.putMember({ id: 'x', name: '', teamId: 'nope', role: 'boss' as never, joinedOn: '2026-1-1' }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal([
      'name:required',
      'teamId:unknown-team',
      'role:enum',
      'joinedOn:date',
    ]);
    // A member who left is not on the roster of later periods; managers are never scored.
    await store.putMember(
      { id: 'c2', name: '李娜', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01', leftOn: '2026-10-31' },
      { expectedRev: 1 },
    );
    const roster = await store.getRoster({ from: '2026-11-01', to: '2026-11-30' });
    expect(roster.teams).to.deep.equal([
      { id: 't1', name: '网络一组', members: ['c1'] },
      { id: 't2', name: '电话咨询组', members: ['c3', 'l1'] },
    ]);
    expect((await store.getRoster({ from: '2026-10-01', to: '2026-10-31' })).teams[0].members).to.deep.equal(['c1', 'c2']);
  });

  it('keeps every published rulebook version, immutable, with its source, program, author and dates', async () => {
    const src1 = 'rude_attitude "态度粗暴": -8 per; >2 => personal -12, team -12';
    const src2 = 'rude_attitude "态度粗暴": -10 per';
    const v1 = await store.publishRulebook({
      source: src1,
      compiled: compiled(src1),
      author: 'm1',
      effectiveFrom: '2026-10-01',
      note: '首版',
      confirmPastDate: true,
    });
    const v2 = await store.publishRulebook({
      source: src2,
      compiled: compiled(src2),
      author: 'm1',
      effectiveFrom: '2026-11-15',
      confirmPastDate: true,
    });
    expect([v1.version, v2.version]).to.deep.equal([1, 2]);
    const stored = await store.getRulebookVersion('default', 1);
    expect(stored).to.deep.equal(v1);
    expect(stored!.compiled).to.deep.equal(compiled(src1));
    expect(Date.parse(stored!.publishedAt)).to.be.a('number').and.not.NaN;
    expect((await store.listRulebookVersions()).map((v) => v.version)).to.deep.equal([1, 2]);
    // Another rulebook id is independent.
    await store.publishRulebook({
      rulebookId: 'phone',
      source: src2,
      compiled: compiled(src2),
      author: 'm1',
      effectiveFrom: '2026-01-01',
      confirmPastDate: true,
    });
    expect((await store.listRulebookVersions('phone')).map((v) => v.version)).to.deep.equal([1]);
    const bad = await expectError(
      store.publishRulebook({ source: '', compiled: { format: 'other/9' } as never, author: '', effectiveFrom: 'soon' }),
      'validation',
    );
    expect(bad.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['source:required', 'author:required', 'effectiveFrom:date']);
  });

  it("autosaves an editor's draft; two tabs of the same editor cannot overwrite each other", async () => {
    const d1 = await store.saveDraft({ editor: 'm1', source: 'praise: +6 per' });
    expect(d1.rev).to.equal(1);
    const d2 = await store.saveDraft({ editor: 'm1', source: 'praise: +6 per\nlate: -2 per', expectedRev: 1, effectiveFrom: '2026-12-01' });
    expect((await store.getDraft('m1'))!).to.deep.include({ source: 'praise: +6 per\nlate: -2 per', rev: 2, effectiveFrom: '2026-12-01' });
    const err = await expectError(store.saveDraft({ editor: 'm1', source: 'stale tab', expectedRev: 1 }), 'conflict');
    expect((err.details.current as { rev: number }).rev).to.equal(d2.rev);
    await expectError(store.saveDraft({ editor: 'm1', source: 'second first save' }), 'conflict');
    expect(await store.getDraft('l1')).to.equal(undefined);
    await store.deleteDraft('m1');
    expect(await store.getDraft('m1')).to.equal(undefined);
  });

  it('round-trips manager events with revisions, and refuses bad ones with field reasons', async () => {
    const ev = await store.recordEvent(
      {
        type: 'spot_check',
        consultant: 'c3',
        at: '2026-11-03T23:30',
        amount: 0,
        attrs: { passed: false, item: '录音抽查' },
        note: '未使用礼貌用语',
      },
      { by: 'l1' },
    );
    expect(ev).to.deep.include({
      type: 'spot_check',
      consultant: 'c3',
      at: '2026-11-03T23:30:00+08:00',
      day: '2026-11-03',
      origin: 'manual',
      rev: 1,
      recordedBy: 'l1',
    });
    expect(await store.getEvent(ev.id)).to.deep.equal(ev);
    const moved = await store.updateEvent(ev.id, { at: '2026-11-04T00:30+08:00' }, { by: 'm1', expectedRev: 1 });
    expect(moved).to.deep.include({ day: '2026-11-04', rev: 2, recordedBy: 'm1', note: '未使用礼貌用语' });
    expect(await store.listEvents({ consultant: 'c3' }, { from: '2026-11-03', to: '2026-11-03' })).to.deep.equal([]);
    expect((await store.listEvents({ team: 't2' }, { from: '2026-11-04', to: '2026-11-04' })).map((e) => e.id)).to.deep.equal([ev.id]);
    await expectError(store.updateEvent(ev.id, { amount: 1 }, { by: 'm1', expectedRev: 1 }), 'conflict');
    await expectError(store.deleteEvent(ev.id, { by: 'm1', expectedRev: 1 }), 'conflict');
    await store.deleteEvent(ev.id, { by: 'm1', expectedRev: 2 });
    expect(await store.getEvent(ev.id)).to.equal(undefined);

    const err = await expectError(
      store.recordEvent({ type: '1bad', consultant: 'm1', at: 'yesterday', amount: Number.NaN, attrs: { x: [1] as never } }, { by: 'm1' }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal([
      'type:event-type',
      'consultant:unknown-consultant',
      'at:instant',
      'amount:number',
      'attrs:attrs',
    ]);
    await expectError(store.recordEvent({ type: 'praise', consultant: 'c1', at: '2026-11-03T10:00' }, { by: '' }), 'validation');
  });

  it('maps browser storage failures to typed, bilingual errors', () => {
    const quota = toStoreError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(quota.code).to.equal('quota-exceeded');
    expect(quota.text('zh-CN')).to.contain('存储空间已满');
    expect(quota.text('en')).to.contain('nothing was saved');
    expect(toStoreError(new DOMException('x', 'VersionError')).code).to.equal('version-too-new');
    expect(toStoreError(new DOMException('x', 'ConstraintError')).code).to.equal('duplicate');
    expect(toStoreError(new DOMException('x', 'InvalidStateError')).code).to.equal('connection-closed');
  });

  it('keeps the per-day read projection equal to the events store through edits, moves, deletes and aborts', async () => {
    const a = await store.recordEvent({ type: 'late', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    const b = await store.recordEvent({ type: 'late', consultant: 'c1', at: '2026-11-03T09:05' }, { by: 'm1' });
    await store.recordEvent({ type: 'late', consultant: 'c2', at: '2026-11-04T09:00' }, { by: 'm1' });
    await store.updateEvent(a.id, { consultant: 'c2', at: '2026-11-05T09:00' }, { by: 'm1', expectedRev: 1 });
    await store.deleteEvent(b.id, { by: 'm1', expectedRev: 1 });
    try {
      await store.recordEvent({ id: a.id, type: 'late', consultant: 'c3', at: '2026-11-06T09:00' }, { by: 'm1' });
    } catch (e) {
      expect(isStoreError(e, 'duplicate')).to.equal(true);
    }
    const range = { from: '2026-11-01', to: '2026-11-30' };
    const viaDays = (await store.listEvents({ all: true }, range)).map((e) => `${e.id}@${e.consultant}/${e.day}#${e.rev}`).sort();
    const stored = (await store.exportJson()).records.events.map((e) => `${e.id}@${e.consultant}/${e.day}#${e.rev}`).sort();
    expect(viaDays).to.deep.equal(stored);
    expect(stored).to.have.length(2);
    expect((await store.listEvents({ consultant: 'c2' }, { from: '2026-11-05', to: '2026-11-05' })).map((e) => e.id)).to.deep.equal([a.id]);
    expect(await store.listEvents({ consultant: 'c1' }, range)).to.deep.equal([]);
  });
});
