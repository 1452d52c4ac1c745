// Issue 14: the editor's rulebook draft and its publishing in two tabs of one browser — two editors on one page,
// each with its own store on one IndexedDB database (two tabs' connections). A draft saved meanwhile by the other
// tab is never overwritten silently: both texts stay recoverable and the manager chooses; a publish made meanwhile
// refuses the second one with a message saying which version, in zh-CN and en.
import { expect } from '@esm-bundle/chai';
import type { RulecardStore } from '@rulecard/store';
import type { RulecardEditor } from '../src/editor/index.js';
import { DRAFT_COPY_FORM, type DraftCopy } from '../src/editor/draft-conflict.js';
import { checked, mount, openStoreFor, uniqueDb, until, viewOf } from './editor-helpers.js';

const V1 = 'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12\n';
const TEXT_A = 'rude_attitude "态度无礼": -9 per; >2 => personal -12, team -12\n';
const TEXT_B = 'rude_attitude "态度无礼": -10 per; >2 => personal -12, team -12\n';

/** Two tabs of the manager m01 on one database with version 1 published, both editors loaded. */
async function twoTabs(lang: string): Promise<{ a: RulecardEditor; b: RulecardEditor; storeA: RulecardStore; storeB: RulecardStore }> {
  const database = uniqueDb();
  const storeA = await openStoreFor(database);
  const storeB = await openStoreFor(database);
  await storeA.publishRulebook({ source: V1, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
  const attrs = { consultant: 'm01', role: 'manager', database, lang, 'autosave-delay': '0' };
  const a = await mount(attrs, storeA);
  const b = await mount(attrs, storeB);
  await until(() => a.value === V1 && b.value === V1, 'both tabs showing version 1');
  return { a, b, storeA, storeB };
}

/** Types `text` (as the user: autosaved) and waits for the autosave to settle. */
async function type(el: RulecardEditor, text: string): Promise<void> {
  // `value` is programmatic (not autosaved): a user change goes through the view.
  const view = viewOf(el);
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  await el.flushDraft();
}

/** Polls an asynchronous probe (the store's state) until it holds. */
async function eventually(probe: () => Promise<boolean>, what: string): Promise<void> {
  const end = performance.now() + 8000;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const copies = async (store: RulecardStore) =>
  (await store.listFormDrafts('m01', DRAFT_COPY_FORM)).map((d) => d.value as unknown as DraftCopy).map((c) => [c.kind, c.source]);

const notice = (el: RulecardEditor) => el.shadowRoot!.querySelector<HTMLElement>('[part="draft-conflict"]');
const button = (el: RulecardEditor, action: string) => notice(el)!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;

describe('<rulecard-editor> in two tabs: the draft', () => {
  it('a save made meanwhile in the other tab is not overwritten: a notice, both texts kept; "keep the text here" (en)', async () => {
    const { a, b, storeB } = await twoTabs('en');
    await type(a, TEXT_A);
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_A);
    await type(b, TEXT_B);
    // B did not overwrite A's draft; B's text is in the editor and in B's copy; the notice says so.
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_A);
    expect(b.value).to.equal(TEXT_B);
    expect(await copies(storeB)).to.deep.equal([['mine', TEXT_B]]);
    const alert = await until(() => notice(b), 'the notice');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.querySelector('p')!.textContent).to.match(
      /^This draft was changed in another tab at .+\. The text here did not overwrite it; it is kept as this tab’s copy\.$/,
    );
    // Typing on while the notice is open goes to B's copy, never to the draft.
    await type(b, TEXT_B + '# more\n');
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_A);
    expect(await copies(storeB)).to.deep.equal([['mine', TEXT_B + '# more\n']]);
    // Keep the text here: it becomes the draft; A's text is kept as a copy.
    button(b, 'keep-mine').click();
    await until(() => notice(b)?.getAttribute('role') === 'status', 'kept');
    expect(notice(b)!.textContent!.trim()).to.equal('The text here is now the draft; the other tab’s text is kept as a copy.');
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_B + '# more\n');
    expect(await copies(storeB)).to.deep.equal([['replaced', TEXT_A]]);
    // Now A is the tab behind: its next save does not overwrite B's either.
    await type(a, TEXT_A + '# a again\n');
    await until(() => notice(a), "A's notice");
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_B + '# more\n');
  });

  it('"load the other tab’s text" keeps the text here in the copy and can put it back (zh-CN); a reload brings the copy back', async () => {
    const { a, b, storeB } = await twoTabs('zh-CN');
    await type(a, TEXT_A);
    await type(b, TEXT_B);
    await until(() => notice(b), 'the notice');
    expect(notice(b)!.querySelector('p')!.textContent).to.match(
      /^另一个标签页在 .+ 修改了这份草稿。此处的文本没有覆盖它，已另存为本标签页的副本。$/,
    );
    expect(button(b, 'keep-mine').textContent!.trim()).to.equal('以此处的文本作为草稿');
    button(b, 'load-theirs').click();
    await until(() => b.value === TEXT_A, "A's text in B");
    expect(notice(b)!.querySelector('p')!.textContent).to.equal('已载入另一个标签页的文本；此处原来的文本保存在本标签页的副本中。');
    expect(await copies(storeB)).to.deep.equal([['mine', TEXT_B]]);
    // Put back: B's text again, saved as the draft over A's (which B has now seen).
    button(b, 'restore-mine').click();
    await until(() => b.value === TEXT_B, "B's text back");
    await b.flushDraft();
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_B);
    expect(await copies(storeB)).to.deep.equal([]);

    // A reload while the notice is open: the copy comes back into the editor with the notice.
    await type(a, TEXT_A + '# a\n');
    await until(() => notice(a), "A's notice");
    const database = a.getAttribute('database')!;
    a.remove();
    const reloaded = await mount({ consultant: 'm01', role: 'manager', database, lang: 'zh-CN' }, await openStoreFor(database));
    await until(() => reloaded.value === TEXT_A + '# a\n' && notice(reloaded), 'the copy restored with its notice');
    expect((await storeB.getDraft('m01'))?.source).to.equal(TEXT_B);
  });
});

describe('<rulecard-editor> in two tabs: publishing', () => {
  /** Publishes the text (effective 2026-01-01, backdating confirmed); after a refusal the confirmation is still open. */
  async function publish(el: RulecardEditor): Promise<void> {
    const root = el.shadowRoot!;
    if (!root.querySelector('[part="publish-confirm"]')) {
      const date = root.querySelector<HTMLInputElement>('[part="effective-date"]')!;
      date.value = '2026-01-01';
      date.dispatchEvent(new Event('change'));
      await checked(el);
      root.querySelector<HTMLButtonElement>('[part="publish-button"]')!.click();
    }
    const confirm = await until(() => root.querySelector<HTMLButtonElement>('[part="confirm-publish"]'), 'the confirmation');
    await el.updateComplete;
    const past = root.querySelector<HTMLInputElement>('#confirm-past')!;
    if (!past.checked) past.click();
    await el.updateComplete;
    await until(() => !confirm.disabled, 'the confirmation enabled');
    confirm.click();
  }

  for (const [lang, message] of [
    ['zh-CN', '已有人发布了第 2 版（2026-01-01 起生效），本次未发布：请先查看该版本再发布。'],
    ['en', 'Version 2 (effective 2026-01-01) was published meanwhile; nothing was published. Review it, then publish again.'],
  ] as const)
    it(`the second tab's publish is refused and says which version was published meanwhile (${lang}); publishing again then works`, async () => {
      const { a, b, storeB } = await twoTabs(lang);
      await type(b, TEXT_B);
      await publish(a);
      await eventually(async () => (await storeB.listRulebookVersions()).length === 2, 'version 2 from tab A');
      // B still shows what it loaded (version 1 the latest): its publish expects 1 and is refused.
      await publish(b);
      const status = await until(() => b.shadowRoot!.querySelector('.publish.error'), 'the refusal');
      expect(status.textContent).to.contain(message);
      expect((await storeB.listRulebookVersions()).map((v) => v.version)).to.deep.equal([1, 2]);
      // Told of version 2 (the history shows it), the manager confirms again: version 3.
      expect(b.value).to.equal(TEXT_B);
      await publish(b);
      await eventually(async () => (await storeB.listRulebookVersions()).length === 3, 'version 3 from tab B');
      expect((await storeB.listRulebookVersions()).at(-1)!.source).to.equal(TEXT_B);
    });
});
