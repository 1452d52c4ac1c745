// Over 500 lines because it is the editor's whole behaviour suite (check, fixes, drafts, what-if, history, publishing) sharing one set-up.
/**
 * `<rulecard-editor>` in a real browser on a real IndexedDB: mount, type,
 * assert what a manager sees.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { toggleComment } from '@codemirror/commands';
import { foldable } from '@codemirror/language';
import { currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { diagnosticCount } from '@codemirror/lint';
import { compile } from '@rulecard/dsl';
import '../src/editor/index.js';
import { fullHighlight, tokenHighlighter } from '../src/editor/language.js';
import type { RulecardEditor } from '../src/editor/index.js';

const TYPO = 'rude_attitude: -8 per; >2 => personel -12';
import { checked, content, editorDiagnostics, mount, openStoreFor, typeInto, uniqueDb, until, viewOf } from './editor-helpers.js';

describe('<rulecard-editor>', () => {
  it('mounts CodeMirror inside its shadow root and takes typed text', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    expect(el.shadowRoot?.querySelector('.cm-editor')).to.not.equal(null);
    expect(document.querySelector('.cm-editor'), 'nothing leaks into the page').to.equal(null);
    await typeInto(el, 'rude_attitude: -8 per; >2 => personal -12, team -12');
    expect(el.value).to.equal('rude_attitude: -8 per; >2 => personal -12, team -12');
    await checked(el);
    expect(el.diagnostics).to.have.length(0);
    expect(el.rulebook?.rules.map((r) => r.id)).to.deep.equal(['rude_attitude']);
    expect(el.shadowRoot?.querySelector('.problems')?.textContent).to.contain('没有问题');
  });

  it('highlights keywords, numbers and comments with the DSL tokens', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    el.value = '# 态度\nrude_attitude: -8 per; >2 => personal -12';
    await until(() => el.shadowRoot?.querySelector('.rc-tok-keyword'), 'highlighting');
    const keywords = [...el.shadowRoot!.querySelectorAll('.rc-tok-keyword')].map((n) => n.textContent);
    expect(keywords).to.include.members(['per', 'personal']);
    expect(el.shadowRoot!.querySelector('.rc-tok-comment')?.textContent).to.equal('# 态度');
    expect([...el.shadowRoot!.querySelectorAll('.rc-tok-number')].map((n) => n.textContent)).to.include('-8');

    // Edits re-highlight the touched lines only, and correctly.
    const view = viewOf(el);
    const line2 = view.state.doc.line(2).from;
    view.dispatch({ changes: { from: line2, insert: '# ' } });
    const comments = () => [...el.shadowRoot!.querySelectorAll('.rc-tok-comment')].map((n) => n.textContent);
    expect(comments()).to.deep.equal(['# 态度', '# rude_attitude: -8 per; >2 => personal -12']);
    expect(el.shadowRoot!.querySelectorAll('.rc-tok-keyword')).to.have.length(0);
    view.dispatch({ changes: { from: line2, to: line2 + 2 } });
    view.dispatch({ changes: { from: view.state.doc.length, insert: ', team -5\nx: +6 per' } });
    expect(comments()).to.deep.equal(['# 态度']);
    const keywordsAfter = [...el.shadowRoot!.querySelectorAll('.rc-tok-keyword')].map((n) => n.textContent);
    expect(keywordsAfter).to.deep.equal(['per', 'personal', 'team', 'per']);
    expect([...el.shadowRoot!.querySelectorAll('.rc-tok-number')].map((n) => n.textContent)).to.deep.equal(['-8', '2', '-12', '-5', '+6']);
  });

  it('keeps the highlighting of the screen equal to a full rebuild through random edits', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    const rules = Array.from({ length: 60 }, (_, i) => `rude_${i} "态度${i}": -${i % 9} per; >2 => personal -12, team -12  # 注释`);
    el.value = rules.join('\n');
    const view = viewOf(el);
    await until(() => el.shadowRoot?.querySelector('.rc-tok-keyword'), 'highlighting');
    const marks = (set: ReturnType<typeof fullHighlight>) => {
      const out: string[] = [];
      set.between(0, view.state.doc.length, (from, to, value) => void out.push(`${from}-${to}:${String(value.spec.class)}`));
      return out;
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['x', ' ', '-', '8', ' per', '\n', '#', '"', '；', 'personal', '态'];
    for (let i = 0; i < 400; i++) {
      const len = view.state.doc.length;
      const at = random(len + 1);
      const change =
        random(3) === 0 && at < len
          ? { from: at, to: Math.min(len, at + 1 + random(4)) }
          : { from: at, insert: pieces[random(pieces.length)] };
      view.dispatch({ changes: change, userEvent: 'input.type' });
      const plugin = view.plugin(tokenHighlighter)!;
      expect(marks(plugin.decorations), `edit ${i}`).to.deep.equal(marks(fullHighlight(view)));
    }
  });

  it('shows a diagnostic for a typo in zh-CN, with a one-click fix', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    await typeInto(el, TYPO);
    await checked(el);
    const view = viewOf(el);
    expect(diagnosticCount(view.state)).to.be.greaterThan(0);
    const typo = el.diagnostics.find((d) => d.range.start.line === 1 && d.severity === 'error');
    expect(typo, 'an error on line 1').to.not.equal(undefined);
    expect(typo!.message).to.match(/[\u4e00-\u9fff]/, 'the message is in Chinese');
    expect(typo!.message).to.contain('personel');
    await until(() => el.shadowRoot?.querySelector('.cm-lintRange-error'), 'a squiggle');
    expect(el.shadowRoot!.querySelector('.problems')?.textContent).to.match(/1 个错误/);

    const withFix = editorDiagnostics(view).find((d) => d.actions?.length);
    expect(withFix, 'the did-you-mean fix is offered').to.not.equal(undefined);
    withFix!.actions![0].apply(view, withFix!.from, withFix!.to);
    expect(el.value).to.equal('rude_attitude: -8 per; >2 => personal -12');
    await checked(el);
    expect(el.diagnostics.filter((d) => d.severity === 'error')).to.have.length(0);
  });

  it('shows the same typo in English on lang="en", and switches language live', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    await typeInto(el, TYPO);
    await checked(el);
    const typo = el.diagnostics.find((d) => d.range.start.line === 1 && d.severity === 'error');
    expect(typo).to.not.equal(undefined);
    expect(typo!.message).to.not.match(/[\u4e00-\u9fff]/);
    expect(typo!.message).to.contain('personel');
    expect(typo!.message).to.contain('personal');
    expect(el.shadowRoot!.querySelector('.problems')?.textContent).to.contain('1 error');

    el.setAttribute('lang', 'zh-CN');
    await until(() => el.diagnostics.some((d) => /[\u4e00-\u9fff]/.test(d.message)), 'Chinese diagnostics after lang changes');
  });

  it('completes keywords in both languages, and the rulebook’s own names', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    el.value = 'rude_attitude: -8 per; >2 => personal -12, flag written_warning\nphone_visit on visit: 10 yuan per\n';
    await checked(el);
    expect(el.diagnostics).to.deep.equal([]);
    const view = viewOf(el);
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    content(el).focus();
    await sendKeys({ type: 'pers' });
    await until(() => currentCompletions(view.state).length > 0, 'completions');
    expect(currentCompletions(view.state).map((c) => c.label)).to.include('personal');

    await sendKeys({ press: 'Escape' });
    view.dispatch({ changes: { from: view.state.doc.length - 4, to: view.state.doc.length, insert: '个' } });
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    startCompletion(view);
    await until(() => currentCompletions(view.state).some((c) => c.label === '个人'), 'Chinese keyword completion');

    view.dispatch({ changes: { from: view.state.doc.length - 1, to: view.state.doc.length, insert: 'ru' } });
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    startCompletion(view);
    await until(() => currentCompletions(view.state).some((c) => c.label === 'rude_attitude'), 'rule name completion');

    view.dispatch({ changes: { from: view.state.doc.length - 2, to: view.state.doc.length, insert: 'x: 0 per; >1 => flag wr' } });
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    startCompletion(view);
    await until(
      () => currentCompletions(view.state)[0]?.label === 'written_warning',
      () =>
        `flag completion first after \`flag\`: ${currentCompletions(view.state)
          .map((c) => c.label)
          .join(' ')} in ${view.state.doc.toString()}`,
    );
  });

  it('toggles # comments and folds a rule that spans several lines', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    el.value = 'base_bonus on visit: tiers per month;\n  >30 => 50 yuan per;\n  else => 10 yuan per\nrude_attitude: -8 per';
    const view = viewOf(el);
    view.dispatch({ selection: { anchor: view.state.doc.line(4).from } });
    toggleComment(view);
    expect(view.state.doc.line(4).text).to.equal('# rude_attitude: -8 per');
    const first = view.state.doc.line(1);
    // Folding comes with the typing aids, loaded once the view shows.
    await until(() => foldable(view.state, first.from, first.to) !== null, 'folding');
    expect(foldable(view.state, first.from, first.to)).to.deep.equal({ from: first.to, to: view.state.doc.line(3).to });
  });

  it('shows the compiled rulebook as a table and jumps to a rule', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    el.value =
      'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12\nphone_visit on visit where channel = "phone": 10 yuan per, team 5 yuan per\n';
    await checked(el);
    const rows = [...el.shadowRoot!.querySelectorAll('table.rule-table tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-rule'))).to.deep.equal(['rude_attitude', 'phone_visit']);
    expect(rows[0].textContent).to.contain('态度无礼');
    expect(rows[0].textContent).to.contain('-8 pts per event');
    expect(rows[0].textContent).to.contain('> 2 per day ⇒ personal -12 pts, team -12 pts');
    expect(rows[1].textContent).to.contain('event visit (channel = "phone")');
    expect(rows[1].textContent).to.contain('team +5.00 yuan per event');
    // the table scrolls sideways inside the panel (focusable, named) instead of clipping the conditions column
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('.table-scroll')!;
    expect(scroller.getAttribute('tabindex')).to.equal('0');
    expect(scroller.getAttribute('aria-label')).to.equal('The compiled rulebook (2 rules)');
    expect(getComputedStyle(scroller).overflowX).to.equal('auto');
    expect(scroller.querySelector('table.rule-table')).to.not.equal(null);

    rows[1].querySelector('button')!.click();
    expect(viewOf(el).state.selection.main.head).to.equal(el.value.indexOf('phone_visit'));

    // Editing a rule updates its row.
    el.value = el.value.replace('-8 per', '-9 per');
    await checked(el);
    expect(el.shadowRoot!.querySelector('tr[data-rule="rude_attitude"]')?.textContent).to.contain('-9 pts per event');

    // While the text has errors the table keeps the last good compile and says so.
    el.value = el.value + 'broken: -8 persnal\n';
    await checked(el);
    expect(el.shadowRoot!.querySelectorAll('table.rule-table tbody tr')).to.have.length(2);
    expect(el.shadowRoot!.querySelector('[role="note"]')?.textContent).to.contain('last version that compiled');
  });

  it("shows a clause without its own window in the rulebook's window, and follows a change of that setting", async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    el.value = 'window day\nrude_attitude: -8 per; >2 => personal -12\n';
    await checked(el);
    const row = () => el.shadowRoot!.querySelector('tr[data-rule="rude_attitude"]')?.textContent ?? '';
    expect(row()).to.contain('> 2 per day');
    // Same rule text on the same line: only the setting changed.
    el.value = el.value.replace('window day', 'window week');
    await checked(el);
    expect(row()).to.contain('> 2 per week');
    expect(row()).to.not.contain('per day');
  });

  it('side panel tabs work from the keyboard', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    const tab = (name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[role="tab"][data-tab="${name}"]`)!;
    tab('table').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(tab('what-if').getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(tab('what-if'));
    expect(el.shadowRoot!.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).to.equal('tab-what-if');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(tab('history').getAttribute('aria-selected')).to.equal('true');
    expect(tab('table').tabIndex).to.equal(-1);
  });

  it('autosaves the draft, which survives a reload on the same IndexedDB', async () => {
    const database = uniqueDb();
    const el = await mount({ consultant: 'm01', role: 'manager', database, 'autosave-delay': '50' });
    const saved = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-draft-saved', (e) => resolve(e), { once: true }));
    await typeInto(el, '礼貌用语不规范: -2 每次; >=2 => 个人 -5, 集体 -5');
    const event = await saved;
    expect(event.detail).to.deep.equal({ kind: 'rulebook', key: 'default:m01' });
    expect(event.bubbles && event.composed).to.equal(true);
    await el.flushDraft();
    el.remove();

    // A fresh connection to the same database, as after a page reload.
    const again = await mount({ consultant: 'm01', role: 'manager', database }, await openStoreFor(database));
    expect(again.value).to.equal('礼貌用语不规范: -2 每次; >=2 => 个人 -5, 集体 -5');
    expect(again.shadowRoot!.querySelector('.draft')?.textContent).to.contain('已恢复');

    // Another editor does not see m01's draft.
    const other = await mount({ consultant: 'm02', role: 'manager', database });
    expect(other.value).to.equal('');
  });

  it('is read-only for a consultant, and a lead may edit but not publish', async () => {
    const database = uniqueDb();
    const consultant = await mount({ consultant: 'c01', role: 'consultant', database });
    await until(() => consultant.shadowRoot?.querySelector('.toolbar')?.textContent?.includes('只读'), 'read-only note');
    expect(content(consultant).getAttribute('aria-readonly')).to.equal('true');
    expect(consultant.shadowRoot!.querySelector('[part="publish-button"]')).to.equal(null);

    const lead = await mount({ consultant: 'l01', role: 'lead', database });
    lead.value = 'rude_attitude: -8 per';
    await checked(lead);
    const publish = lead.shadowRoot!.querySelector<HTMLButtonElement>('[part="publish-button"]');
    expect(publish?.disabled).to.equal(true);
  });

  it('publishes with an effective date, lists versions and diffs them', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    el.value = 'rude_attitude: -8 per; >2 => personal -12, team -12\n';
    await checked(el);
    const date = el.shadowRoot!.querySelector<HTMLInputElement>('[part="effective-date"]')!;
    date.value = '2026-12-01';
    date.dispatchEvent(new Event('change'));
    await el.updateComplete;

    const published = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-published', (e) => resolve(e), { once: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="publish-button"]')!.click();
    // The confirmation: 1 December is before any day this test runs, so it publishes once the backdating is confirmed.
    const confirm = await until(() => el.shadowRoot?.querySelector<HTMLButtonElement>('[part="confirm-publish"]'), 'the confirmation');
    expect(confirm.disabled).to.equal(true);
    el.shadowRoot!.querySelector<HTMLInputElement>('#confirm-past')!.click();
    await el.updateComplete;
    confirm.click();
    expect((await published).detail).to.deep.equal({ rulebookId: 'default', version: 1, effectiveFrom: '2026-12-01' });
    const versions = await store.listRulebookVersions('default');
    expect(versions.map((v) => [v.version, v.effectiveFrom, v.author])).to.deep.equal([[1, '2026-12-01', 'm01']]);
    expect(await store.getDraft('m01', 'default')).to.equal(undefined);

    const edited = 'rude_attitude: -10 per; >2 => personal -12, team -12\n';
    el.value = edited;
    await checked(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="history"]')!.click();
    await until(() => el.shadowRoot?.querySelector('.versions li[data-version="1"]'), 'version 1 in the history');
    const diff = await until(() => el.shadowRoot?.querySelector('.diff'), 'the diff');
    expect(diff.querySelector('.removed')?.textContent).to.contain('rude_attitude: -8 per');
    expect(diff.querySelector('.added')?.textContent).to.contain('rude_attitude: -10 per');
  });

  it('history: the diff follows the text, the compared versions and the language', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    const v1 = 'rude_attitude: -8 per; >2 => personal -12, team -12\n';
    await store.publishRulebook({
      source: v1,
      compiled: compile(v1).rulebook!,
      author: 'm01',
      effectiveFrom: '2026-10-01',
      confirmPastDate: true,
    });
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    el.value = 'rude_attitude: -10 per; >2 => personal -12, team -12\n';
    await checked(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="history"]')!.click();
    const added = () => el.shadowRoot?.querySelector('.diff .added')?.textContent ?? '';
    await until(() => added().includes('-10 per'), 'the diff against v1');
    // typing changes the draft side of the diff
    el.value = 'rude_attitude: -20 per; >2 => personal -12, team -12\n';
    await checked(el);
    await until(() => added().includes('-20 per'), 'the diff of the new text');
    // the language
    el.setAttribute('lang', 'en');
    await until(
      () => el.shadowRoot?.querySelector('.diff')?.getAttribute('aria-label') === 'Changes from Version 1 to Current draft',
      () => String(el.shadowRoot?.querySelector('.diff')?.getAttribute('aria-label')),
    );
    // comparing v1 with itself
    const to = el.shadowRoot!.querySelector<HTMLSelectElement>('select[data-compare="to"]')!;
    to.value = 'v1';
    to.dispatchEvent(new Event('change'));
    await until(() => el.shadowRoot?.querySelector('.note[role="status"]')?.textContent === 'The two versions are identical.', 'no diff');
    // editing goes on while the draft is not compared: the history still shows v1 = v1
    el.value = 'rude_attitude: -30 per; >2 => personal -12, team -12\n';
    await checked(el);
    expect(el.shadowRoot!.querySelector('.diff')).to.equal(null);
  });

  it('what-if: scores a month with the draft and the published book, per consultant and team', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    await store.putTeam({ id: 'net', name: '网络咨询组' });
    await store.putMember({ id: 'li', name: '李', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
    await store.putMember({ id: 'wang', name: '王', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
    for (const [i, hour] of ['09', '10', '11'].entries()) {
      await store.recordEvent(
        { id: `r${i}`, type: 'rude_attitude', consultant: 'li', at: `2026-10-09T${hour}:00:00+08:00` },
        { by: 'm01' },
      );
    }
    const v1 = 'rude_attitude: -8 per; >2 => personal -12, team -12\n';
    await store.publishRulebook({
      source: v1,
      compiled: compile(v1).rulebook!,
      author: 'm01',
      effectiveFrom: '2026-10-01',
      confirmPastDate: true,
    });

    const el = await mount({ consultant: 'm01', role: 'manager', database, lang: 'en' }, store);
    el.value = 'rude_attitude: -10 per; >2 => personal -12, team -12\n';
    await checked(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="what-if"]')!.click();
    await el.updateComplete;
    const month = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="month"]')!;
    month.value = '2026-10';
    month.dispatchEvent(new Event('change'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.compare button')!.click();
    const li = await until(() => el.shadowRoot?.querySelector('table[data-kind="consultants"] tr[data-id="li"]'), 'the what-if table');
    const cells = [...li.querySelectorAll('td')].map((td) => td.textContent?.trim());
    // published: 3 × -8 - 12 = -36; draft: 3 × -10 - 12 = -42
    expect(cells.slice(0, 3)).to.deep.equal(['-36', '-42', '-6']);
    const wang = el.shadowRoot!.querySelector('table[data-kind="consultants"] tr[data-id="wang"]')!;
    expect([...wang.querySelectorAll('td')][2].textContent?.trim()).to.equal('0');
    const team = el.shadowRoot!.querySelector('table[data-kind="teams"] tr[data-id="net"]')!;
    expect(team.querySelector('th')?.textContent).to.equal('网络咨询组');
    expect([...team.querySelectorAll('td')][2].textContent?.trim()).to.equal('0');
    expect(el.shadowRoot!.querySelector('.summary')?.textContent).to.contain('1 of 3 ledgers change');
  });
});

/** Today in Shanghai, and a day relative to it (`YYYY-MM-DD`). */
function shanghaiDay(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

async function setEffectiveDate(el: RulecardEditor, value: string): Promise<void> {
  const date = el.shadowRoot!.querySelector<HTMLInputElement>('[part="effective-date"]')!;
  date.value = value;
  date.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

// Issue 12 problem 2: publishing you cannot get wrong.
describe('<rulecard-editor> publishing', () => {
  it('an empty effective date is an error on the field: nothing is published, nothing is asked', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    el.value = 'rude_attitude: -8 per\n';
    await checked(el);
    await setEffectiveDate(el, '');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="publish-button"]')!.click();
    const date = await until(
      () => el.shadowRoot?.querySelector<HTMLInputElement>('[part="effective-date"][aria-invalid="true"]'),
      'the date error',
    );
    expect(el.shadowRoot!.querySelector('#effective-date-error')!.textContent).to.equal('请填写生效日期');
    expect(el.shadowRoot!.activeElement).to.equal(date);
    expect(el.shadowRoot!.querySelector('[part="publish-confirm"]')).to.equal(null);
    expect(await store.listRulebookVersions()).to.deep.equal([]);
  });

  it('confirms the date, takes the version note and shows the what-if summary before publishing', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    await store.putTeam({ id: 'net', name: '网络咨询组' });
    await store.putMember({ id: 'wang', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'wang', at: `${shanghaiDay()}T00:05:00+08:00` }, { by: 'm01' });
    const v1 = 'rude_attitude: -8 per\n';
    await store.publishRulebook({ source: v1, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    el.value = 'rude_attitude: -10 per\n';
    await checked(el);
    const tomorrow = shanghaiDay(1);
    await setEffectiveDate(el, tomorrow);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="publish-button"]')!.click();
    const dialog = await until(() => el.shadowRoot?.querySelector<HTMLElement>('[part="publish-confirm"]'), 'the confirmation');
    expect(dialog.getAttribute('role')).to.equal('dialog');
    expect(dialog.querySelector('h3')!.textContent).to.equal('发布版本 2');
    expect(dialog.querySelector('.confirm-date')!.textContent).to.equal(`生效日期：${tomorrow}`);
    expect(el.shadowRoot!.activeElement?.id).to.equal('publish-note');
    const summary = await until(
      () =>
        dialog.querySelector('[part="publish-summary"]')!.textContent?.includes('1 名咨询员')
          ? dialog.querySelector('[part="publish-summary"]')
          : null,
      'the what-if summary',
    );
    expect(summary.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `试算 ${Number(shanghaiDay().slice(0, 4))}年${Number(shanghaiDay().slice(5, 7))}月（草稿对比已发布规则） 1 名咨询员中 1 人结果变化；合计 -2 分，-¥2.00`,
    );
    await sendKeys({ type: '态度无礼加重' });
    const published = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-published', (e) => resolve(e), { once: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-publish"]')!.click();
    expect((await published).detail).to.deep.equal({ rulebookId: 'default', version: 2, effectiveFrom: tomorrow });
    expect((await store.getRulebookVersion('default', 2))?.note).to.equal('态度无礼加重');
    await until(() => !el.shadowRoot?.querySelector('[part="publish-confirm"]'), 'the confirmation to close');
    // Focus returns to the publish button (once the editor's update, rule table included, is complete).
    await until(() => el.shadowRoot?.activeElement?.getAttribute('part') === 'publish-button', 'focus on the publish button');
  });

  it('marks the version in force and the scheduled one, withdraws the scheduled one, asks before loading over a draft', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    const v1 = 'rude_attitude: -8 per\n';
    const v2 = 'rude_attitude: -9 per\n';
    await store.publishRulebook({ source: v1, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true, note: '首版' });
    await store.publishRulebook({ source: v2, author: 'm01', effectiveFrom: shanghaiDay(10) });
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    el.value = 'rude_attitude: -12 per\n';
    await checked(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="history"]')!.click();
    await until(() => el.shadowRoot?.querySelector('.versions li[data-version="2"]'), 'the versions');
    const marks = () =>
      [...el.shadowRoot!.querySelectorAll<HTMLElement>('.versions li')].map((li) => [
        li.dataset.version,
        li.querySelector('[part="version-mark"]')?.textContent,
      ]);
    expect(marks()).to.deep.equal([
      ['2', '待生效'],
      ['1', '现行'],
    ]);
    expect(el.shadowRoot!.querySelector('.versions li[data-version="1"] .version-note')!.textContent).to.equal('说明：首版');
    expect(el.shadowRoot!.querySelector('.versions li[data-version="1"] [data-withdraw]')).to.equal(null);

    // Loading version 1 over the unpublished text asks first; cancelling keeps the text.
    el.shadowRoot!.querySelector<HTMLButtonElement>('.versions li[data-version="1"] button[aria-label="把版本 1 载入编辑器"]')!.click();
    const replace = await until(() => el.shadowRoot?.querySelector<HTMLButtonElement>('[data-confirm-load]'), 'the question');
    expect(el.shadowRoot!.querySelector('.versions li[data-version="1"] [role="alert"]')!.textContent).to.equal(
      '编辑器中有尚未发布的草稿，载入版本 1 会替换它。',
    );
    expect(el.value).to.equal('rude_attitude: -12 per\n');
    replace.click();
    await until(() => el.value === v1, 'version 1 in the editor');

    // Withdrawing version 2, with a reason.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-withdraw="2"]')!.click();
    await until(() => el.shadowRoot?.activeElement?.id === 'withdraw-reason', 'the reason field');
    await sendKeys({ type: '再议' });
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.withdraw-form button')]
      .find((b) => b.textContent?.trim() === '确认撤回')!
      .click();
    await until(() => el.shadowRoot?.querySelector('.versions li[data-version="2"][data-state="withdrawn"]'), 'version 2 withdrawn');
    expect(marks()).to.deep.equal([
      ['2', '已撤回'],
      ['1', '现行'],
    ]);
    expect((await store.getRulebookVersion('default', 2))?.withdrawn?.reason).to.equal('再议');
    expect((await store.rulebookInEffect(shanghaiDay(20)))?.version).to.equal(1);
  });

  it('first run: offers the clinic rulebook to start from, and the roster first', async () => {
    const database = uniqueDb();
    const store = await openStoreFor(database);
    const el = await mount({ consultant: 'm01', role: 'manager', database }, store);
    const starter = await until(() => el.shadowRoot?.querySelector<HTMLElement>('[part="starter"]'), 'the starter rulebook');
    const setup = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-setup', (e) => resolve(e), { once: true }));
    [...starter.querySelectorAll('button')].find((b) => b.textContent?.trim() === '打开花名册')!.click();
    expect((await setup).detail).to.deep.equal({ step: 'roster' });
    starter.querySelector<HTMLButtonElement>('[data-starter="zh-CN"]')!.click();
    const clinic = await (await fetch('/examples/rulebooks/clinic.rules')).text();
    await until(() => el.value === clinic, 'clinic.rules in the editor');
    await checked(el);
    expect(el.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    await until(() => !el.shadowRoot?.querySelector('[part="starter"]'), 'the starter offer gone');
  });
});
