// Form drafts through the adapter: one per tab, deleted in the save's own transaction, kept when storage is full.
import { expect } from '@esm-bundle/chai';
import type { RulecardStore } from '../src/index.js';
import { expectError, fullLog, twoTabs } from './helpers.js';

const c1 = { by: 'c1' };

describe('form drafts', () => {
  let tabA: RulecardStore;
  let tabB: RulecardStore;
  let close: () => Promise<void>;
  beforeEach(async () => ({ tabA, tabB, close } = await twoTabs('rc-drafts')));
  afterEach(() => close());

  it('keeps one draft per tab: typing in one tab never overwrites, and saving never deletes, the other tab’s draft', async () => {
    const a = await tabA.saveFormDraft({ id: 'draft-tab-a', form: 'call-log', value: { form: { customerName: '李女士' } } }, c1);
    expect(a).to.deep.include({ id: 'draft-tab-a', form: 'call-log', owner: 'c1', value: { form: { customerName: '李女士' } } });
    await tabB.saveFormDraft({ id: 'draft-tab-b', form: 'call-log', value: { form: { customerName: '王先生' } } }, c1);
    await tabB.saveFormDraft({ id: 'draft-tab-b', form: 'call-log', value: { form: { customerName: '王先生', age: '35' } } }, c1);
    expect((await tabA.getFormDraft('draft-tab-a'))!.value).to.deep.equal({ form: { customerName: '李女士' } });
    expect((await tabA.getFormDraft('draft-tab-b'))!.value).to.deep.equal({ form: { customerName: '王先生', age: '35' } });
    expect((await tabA.listFormDrafts('c1', 'call-log')).map((d) => d.id)).to.deep.equal(['draft-tab-a', 'draft-tab-b']);
    expect(await tabA.listFormDrafts('c2')).to.deep.equal([]);

    const log = await tabA.createCallLog(fullLog(), c1, { draftId: 'draft-tab-a' });
    expect(await tabA.getFormDraft('draft-tab-a')).to.equal(undefined);
    expect((await tabB.getFormDraft('draft-tab-b'))!.value).to.deep.equal({ form: { customerName: '王先生', age: '35' } });
    // An edit completes its own draft the same way; a discarded draft is gone.
    await tabB.saveFormDraft({ id: 'draft-tab-b', form: 'call-log', value: { answer: '已回复' }, target: { id: log.id, rev: 1 } }, c1);
    expect((await tabB.getFormDraft('draft-tab-b'))!.target).to.deep.equal({ id: log.id, rev: 1 });
    await tabB.updateCallLog(log.id, { answer: '已回复' }, { by: 'c1', expectedRev: 1 }, { draftId: 'draft-tab-b' });
    expect(await tabB.listFormDrafts('c1')).to.deep.equal([]);
    await tabB.saveFormDraft({ id: 'draft-tab-b', form: 'call-log', value: {} }, c1);
    await tabB.deleteFormDraft('draft-tab-b', c1);
    expect(await tabB.getFormDraft('draft-tab-b')).to.equal(undefined);
  });

  it('deletes the draft in the transaction of the save: a save that fails keeps it, one that succeeds never leaves it', async () => {
    await tabA.createCallLog(fullLog({ id: 'LOG-1' }), c1);
    await tabA.saveFormDraft({ id: 'tab-a', form: 'call-log', value: { id: 'LOG-1' } }, c1);
    // The log write is refused inside the transaction (the id exists): the draft delete of that same transaction is undone.
    await expectError(tabA.createCallLog(fullLog({ id: 'LOG-1' }), c1, { draftId: 'tab-a' }), 'duplicate');
    expect(await tabA.getFormDraft('tab-a')).to.not.equal(undefined);
    await expectError(tabA.createCallLog(fullLog({ age: 0 }), c1, { draftId: 'tab-a' }), 'validation');
    expect(await tabA.getFormDraft('tab-a')).to.not.equal(undefined);
    // Saves racing a second tab's read: whenever the log is visible, the draft is already gone.
    const saving = tabA.createCallLog(fullLog({ id: 'LOG-2' }), c1, { draftId: 'tab-a' });
    const seen: [boolean, boolean][] = [];
    for (let i = 0; i < 20; i++) {
      const [log, draft] = await Promise.all([tabB.getCallLog('LOG-2'), tabB.getFormDraft('tab-a')]);
      seen.push([log !== undefined, draft !== undefined]);
    }
    await saving;
    expect(seen.filter(([log, draft]) => log && draft)).to.deep.equal([]);
    expect(await tabB.getFormDraft('tab-a')).to.equal(undefined);
  });

  it('refuses malformed drafts with field reasons', async () => {
    const err = await expectError(
      tabA.saveFormDraft({ id: 'bad id', form: '', value: { big: 'x'.repeat(200_001) }, target: { id: 'L', rev: 'one' as never } }, c1),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['id:id', 'form:required', 'value:too-long', 'target:type']);
    await expectError(tabA.saveFormDraft({ id: 'ok', form: 'call-log', value: {} }, { by: '' }), 'validation');
  });
});
