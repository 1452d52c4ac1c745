/**
 * First run (issue 12 problem 1): on an empty store no element ends in an error. A manager sees the setup steps
 * with a button for each (`rulecard-setup`); anyone else sees what to ask their manager for, in their language;
 * once the roster and a rulebook are there, the element shows its content by itself.
 */
import { expect } from '@esm-bundle/chai';
import '../src/scorecard/index.js';
import '../src/call-log/index.js';
import '../src/incident/index.js';
import { $, $$, emptyStore, mount, publish, textOf, waitFor } from './helpers.js';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

function place(tag: string, attrs: Record<string, string>, lang = 'zh-CN'): HTMLElement {
  const wrap = document.createElement('div');
  wrap.lang = lang;
  document.body.append(wrap);
  mounted.push(wrap);
  return mount(tag, attrs, wrap);
}

const firstRun = (el: HTMLElement) => waitFor(() => $(el, '[part="first-run"]'), 'the first-run view');

describe('first run: an empty store', () => {
  it('leads a manager through the roster and the rulebook, from the scorecard, the call log and the incident form', async () => {
    const { name } = await emptyStore();
    for (const tag of ['rulecard-scorecard', 'rulecard-call-log', 'rulecard-incident']) {
      const el = place(tag, { consultant: 'm01', role: 'manager', team: 'net', database: name });
      const view = await firstRun(el);
      expect(view.querySelector('h2')!.textContent, tag).to.equal('开始使用：先完成设置');
      expect(
        $$(el, '[part="first-run"] li').map((li) => [li.dataset.step, li.dataset.done]),
        tag,
      ).to.deep.equal([
        ['roster', 'false'],
        ['rulebook', 'false'],
      ]);
      const setup = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-setup', (e) => resolve(e), { once: true }));
      ($(el, 'li[data-step="roster"] button') as HTMLButtonElement).click();
      expect((await setup).detail, tag).to.deep.equal({ step: 'roster' });
      expect(textOf(el), tag).not.to.contain('该期间没有生效的考评规则');
    }
  });

  it('tells a consultant what to ask for (never "该期间没有生效的考评规则" or "花名册中没有该咨询员"), then shows the scorecard', async () => {
    const { name, store } = await emptyStore();
    const card = place('rulecard-scorecard', { consultant: 'c02', role: 'consultant', database: name });
    const log = place('rulecard-call-log', { consultant: 'c02', role: 'consultant', database: name });
    await firstRun(card);
    await firstRun(log);
    expect($$(card, '[part="first-run"] li').map((li) => li.textContent)).to.deep.equal([
      '花名册为空：请管理者添加小组和咨询员。',
      '今天没有生效的考评规则：请管理者发布考评规则。',
    ]);
    expect($$(log, '[part="first-run"] li').map((li) => li.textContent)).to.deep.equal(['花名册为空：请管理者添加小组和咨询员。']);

    // The manager adds a roster without c02: the call log now says that c02 is not on it.
    await store.putTeam({ id: 'net', name: '网络咨询组' });
    await store.putMember({ id: 'c01', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-05' });
    await waitFor(
      () => $(log, '[part="first-run"] li')?.textContent === '您（工号 c02）不在花名册中：请管理者把您加入花名册。',
      'the call log asking for c02',
    );
    // c02 added: the call log shows its form at once (no rulebook needed to register a consultation).
    await store.putMember({ id: 'c02', name: '李娜', teamId: 'net', role: 'consultant', joinedOn: '2026-01-05' });
    await waitFor(() => $(log, 'form[part="form"]'), 'the call-log form');
    expect($$(card, '[part="first-run"] li').map((li) => li.textContent)).to.deep.equal(['今天没有生效的考评规则：请管理者发布考评规则。']);
    // A rulebook in effect: the scorecard shows itself.
    await publish(store);
    await waitFor(() => $(card, '[part="totals"]'), 'the scorecard');
    expect($(card, '[part="first-run"]')).to.equal(null);
  });

  it('speaks English', async () => {
    const { name } = await emptyStore();
    const el = place('rulecard-incident', { consultant: 'l01', role: 'lead', database: name }, 'en');
    await firstRun(el);
    expect($(el, '[part="first-run"] h2')!.textContent).to.equal('Not set up yet');
    expect($$(el, '[part="first-run"] li').map((li) => li.textContent)).to.deep.equal([
      'The roster is empty: ask your manager to add the teams and consultants.',
      'No rulebook is in effect today: ask your manager to publish one.',
    ]);
  });
});
