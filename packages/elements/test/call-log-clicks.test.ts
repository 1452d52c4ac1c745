/**
 * The call log's form and list do not fight (issue 12, problem 3): a click in
 * the list right after a save acts on the first try, because leaving the
 * empty form neither shows its "not filled in" notices nor moves the list.
 * Clicks are real pointer events through Chromium (`sendMouse`), so focus
 * leaves the form on the press exactly as it does for a person.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../src/call-log/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import { $, $$, callLogReady, freshStore, logCall, mount, todayShanghai, waitFor } from './helpers.js';

/**
 * Clicks the middle of `target` with the mouse (press, then release where the pointer is). The page is not
 * scrolled (a tall viewport shows the whole element), as on a portal's screen: no scroll anchoring hides a shift.
 */
async function click(target: HTMLElement): Promise<void> {
  const r = target.getBoundingClientRect();
  expect(r.bottom <= window.innerHeight && window.scrollY === 0, 'the target in view without scrolling').to.equal(true);
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Saves a complete entry typed by keyboard, and waits for it in the list. */
async function saveOne(el: RulecardCallLog, name: string): Promise<void> {
  const channel = $(el, '#f-channel') as HTMLSelectElement;
  channel.value = 'phone';
  channel.dispatchEvent(new Event('change', { bubbles: true }));
  const values: [string, string][] = [
    ['customerName', name],
    ['contact', '13812345678'],
    ['age', '28'],
    ['region', '深圳'],
    ['source', '百度'],
    ['project', '双眼皮'],
    ['question', '费用多少'],
    ['answer', '已介绍价格'],
  ];
  for (const [field, value] of values) {
    ($(el, `#f-${field}`) as HTMLInputElement).focus();
    await sendKeys({ type: value });
  }
  ($(el, 'button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '.notice')?.textContent === '已保存', 'saved');
  await waitFor(() => $$(el, 'td.customer').some((td) => td.textContent === name), 'the new row');
}

describe('<rulecard-call-log>: a click in the list right after a save', () => {
  before(() => setViewport({ width: 1280, height: 2400 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => document.body.replaceChildren());

  it('编辑 acts on the first click: the entry opens in the form', async () => {
    const { name, store } = await freshStore();
    const earlier = await logCall(store, { channel: 'wechat', customerName: '赵敏', contact: 'zhaomin_88' });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    await saveOne(el, '张三');
    expect(el.shadowRoot!.activeElement?.id, 'focus back in the empty form').to.equal('f-customerName');
    await click(await waitFor(() => $(el, `button[aria-label="编辑 ${earlier.id}"]`), 'the edit button'));
    await waitFor(() => ($(el, '#f-customerName') as HTMLInputElement).value === '赵敏', 'the entry in the form', 3000);
    expect($(el, '#form-title')!.textContent).to.equal(`正在编辑登记 ${earlier.id}`);
    expect((await store.listCallLogs({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() })).length).to.equal(2);
  });

  it('标记回访已完成 acts on the first click', async () => {
    const { name, store } = await freshStore();
    // at midnight: a consultation later than now could not have its follow-up done yet (the test runs at any hour)
    const promised = await logCall(store, { time: '00:00', customerName: '孙丽', contact: '13700000000', followUpPromised: true });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    await saveOne(el, '张三');
    const done = await waitFor(() => $$(el, 'td button').find((b) => b.textContent!.trim() === '标记回访已完成'), 'the follow-up button');
    await click(done);
    const pending = () => $$(el, 'td button').some((b) => b.textContent!.trim() === '标记回访已完成');
    await waitFor(() => !pending(), 'the follow-up marked done', 3000);
    expect((await store.getCallLog(promised.id))!.followUpDoneAt).to.be.a('string');
  });

  it('leaving the pristine empty form shows no notice and does not move the list', async () => {
    const { name, store } = await freshStore();
    await logCall(store, { customerName: '赵敏' });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    const row = await waitFor(() => $(el, '[part=list] tbody tr'), 'the row');
    const before = row.getBoundingClientRect().top;
    ($(el, '#f-customerName') as HTMLInputElement).focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await click($(el, '#search')!);
    await el.updateComplete;
    expect($$(el, '[part=warning]').filter((w) => w.textContent!.trim() !== '')).to.deep.equal([]);
    expect(row.getBoundingClientRect().top).to.equal(before);
  });

  it('a click in the list acts even when leaving a field that now shows its notice', async () => {
    const { name, store } = await freshStore();
    const earlier = await logCall(store, { customerName: '赵敏' });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    ($(el, '#f-region') as HTMLInputElement).focus();
    await sendKeys({ type: '深圳' }); // the form is being worked on: leaving an empty field will warn
    ($(el, '#f-customerName') as HTMLInputElement).focus();
    await click(await waitFor(() => $(el, `button[aria-label="编辑 ${earlier.id}"]`), 'the edit button'));
    await waitFor(() => ($(el, '#f-customerName') as HTMLInputElement).value === '赵敏', 'the entry in the form', 3000);
  });
});
