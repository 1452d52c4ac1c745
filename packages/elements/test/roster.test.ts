/**
 * `<rulecard-roster>` (issue 12 problem 1): a manager sets up a clinic's roster in a real browser on a real
 * IndexedDB — a team, then a person with pay items and targets through the form (field errors from the element and
 * from the store), a whole list imported from an Excel file or a CSV file all or nothing (each bad row and column
 * named), the list downloaded as the import's template. Leads read it; consultants do not see it.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/roster/index.js';
import type { RulecardRoster } from '../src/roster/roster.js';
import { $, $$, emptyStore, mount, textOf, waitFor } from './helpers.js';
import { xlsxFile } from './xlsx.js';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

async function roster(attrs: Record<string, string>): Promise<RulecardRoster> {
  const el = mount<RulecardRoster>('rulecard-roster', attrs);
  mounted.push(el);
  await waitFor(() => $(el, 'h3#teams-title') || $(el, '.status[role="alert"]'), 'the roster');
  return el;
}

/** Types `text` into the form field `#rf-<id>` (replacing what it holds), as a person does. */
async function type(el: RulecardRoster, id: string, text: string): Promise<void> {
  const input = $(el, `#rf-${id}`) as HTMLInputElement;
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

async function choose(el: RulecardRoster, id: string, value: string): Promise<void> {
  const select = $(el, `#rf-${id}`) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function setDate(el: RulecardRoster, id: string, value: string): Promise<void> {
  const input = $(el, `#rf-${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('<rulecard-roster>', () => {
  it('a manager adds a team and a person with pay items and targets; errors are shown on their fields', async () => {
    const { name, store } = await emptyStore();
    const el = await roster({ consultant: 'm01', role: 'manager', database: name });
    expect(($(el, '[data-action="add-member"]') as HTMLButtonElement).disabled).to.equal(true);

    $(el, '[data-action="add-team"]')!.click();
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'rf-id', 'focus in the team form');
    await sendKeys({ type: 'net' });
    await type(el, 'name', '网络咨询组');
    $(el, '[part="save-button"]')!.click();
    await waitFor(() => $(el, 'tr[data-team="net"]'), 'the team in the list');
    expect(await store.listTeams()).to.deep.equal([{ id: 'net', name: '网络咨询组', rev: 1 }]);
    // Focus is back on the button that opened the form.
    expect(el.shadowRoot!.activeElement?.getAttribute('data-action')).to.equal('add-team');

    $(el, '[data-action="add-member"]')!.click();
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'rf-id', 'focus in the person form');
    await sendKeys({ type: 'c01' });
    await type(el, 'name', '王芳');
    await choose(el, 'teamId', 'net');
    await choose(el, 'role', 'lead');
    await setDate(el, 'joinedOn', '2026-10-15');
    await setDate(el, 'leftOn', '2026-10-01');
    $(el, '[data-add="pay"]')!.click();
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'rf-pay-0-key', 'the new pay row');
    await sendKeys({ type: 'bonus' });
    await type(el, 'pay-0-value', '1,200.5x');
    $(el, '[data-add="targets"]')!.click();
    await waitFor(() => $(el, '#rf-targets-0-key'), 'the new target row');
    await type(el, 'targets-0-key', 'visits');
    await type(el, 'targets-0-value', '25');

    // The element's own check: the amount cannot be read.
    $(el, '[part="save-button"]')!.click();
    await waitFor(() => $(el, '#rf-pay-0-value[aria-invalid="true"]'), 'the amount error');
    expect($(el, '#rf-pay-0-value-error')!.textContent).to.equal('金额应为不小于 0 的数字，最多两位小数');
    expect(el.shadowRoot!.activeElement?.id).to.equal('rf-pay-0-value');
    await type(el, 'pay-0-value', '1,200.50');

    // The store's check: leaving before joining.
    $(el, '[part="save-button"]')!.click();
    await waitFor(() => $(el, '#rf-leftOn[aria-invalid="true"]'), 'the leave-date error');
    expect($(el, '#rf-leftOn-error')!.textContent).to.equal('离职日期不能早于入职日期');
    expect($(el, '#rf-leftOn')!.getAttribute('aria-describedby')).to.equal('rf-leftOn-hint rf-leftOn-error');
    await setDate(el, 'leftOn', '');

    const saved = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-saved', (e) => resolve(e), { once: true }));
    $(el, '[part="save-button"]')!.click();
    expect((await saved).detail).to.deep.equal({ kind: 'member', id: 'c01' });
    expect(await store.getMember('c01')).to.deep.equal({
      id: 'c01',
      name: '王芳',
      teamId: 'net',
      role: 'lead',
      joinedOn: '2026-10-15',
      payFen: { bonus: 120050 },
      targets: { visits: 25 },
      rev: 1,
    });
    const row = await waitFor(() => $(el, 'tr[data-member="c01"]'), 'the person in the list');
    expect(row.querySelector('[data-pay]')!.textContent).to.equal('bonus ¥1,200.50');
    expect(row.querySelector('[data-targets]')!.textContent).to.equal('visits 25');

    // The team's lead.
    ($(el, 'tr[data-team="net"] button') as HTMLButtonElement).click();
    await waitFor(() => $(el, '#rf-lead'), 'the team form');
    await choose(el, 'lead', 'c01');
    $(el, '[part="save-button"]')!.click();
    await waitFor(() => $(el, 'tr[data-team="net"]')?.textContent?.includes('王芳'), 'the lead in the list');
    expect((await store.listTeams())[0]).to.deep.equal({ id: 'net', name: '网络咨询组', lead: 'c01', rev: 2 });
  });

  it('imports an Excel file all or nothing: bad rows named by row and column, then the whole list', async () => {
    const { name, store } = await emptyStore();
    const el = await roster({ consultant: 'm01', role: 'manager', database: name });
    const header = ['工号', '姓名', '小组', '岗位', '入职日期', '薪资:bonus', '指标:visits'];
    await el.importFile(
      xlsxFile([
        header,
        ['c01', '王芳', '网络咨询组', '组长', { date: '2026-01-05' }, 1200.5, 25],
        ['c02', '李娜', '网络咨询组', '护士', { date: '2026-02-01' }, '一千', 20],
      ]),
    );
    const errors = await waitFor(() => $(el, '[part="import-errors"]'), 'the import errors');
    expect(errors.getAttribute('role')).to.equal('alert');
    expect($$(el, '[part="import-errors"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '第 3 行（c02） 薪资:bonus 薪资应为不小于 0 的金额（元，最多两位小数） 岗位 岗位应为 咨询员、组长 或 管理者',
    ]);
    expect(await store.listMembers()).to.deep.equal([]);

    await el.importFile(
      xlsxFile([
        header,
        ['c01', '王芳', '网络咨询组', '组长', { date: '2026-01-05' }, 1200.5, 25],
        ['c02', '李娜', '网络咨询组', '咨询员', { date: '2026-02-01' }, 800, 20],
      ]),
    );
    await waitFor(() => $(el, 'tr[data-member="c02"]'), 'the imported people');
    expect(textOf(el)).to.contain('已导入 2 人，新建 1 个小组');
    expect((await store.listMembers()).map((m) => [m.id, m.teamId, m.role, m.joinedOn, m.payFen, m.targets])).to.deep.equal([
      ['c01', '网络咨询组', 'lead', '2026-01-05', { bonus: 120050 }, { visits: 25 }],
      ['c02', '网络咨询组', 'consultant', '2026-02-01', { bonus: 80000 }, { visits: 20 }],
    ]);
    expect((await store.listTeams())[0].lead).to.equal('c01');
  });

  it('imports a CSV file saved by Excel in Chinese (GB 18030) and one in UTF-8, in English', async () => {
    const { name, store } = await emptyStore();
    const wrap = document.createElement('div');
    wrap.lang = 'en';
    document.body.append(wrap);
    mounted.push(wrap);
    const el = mount<RulecardRoster>('rulecard-roster', { consultant: 'm01', role: 'manager', database: name }, wrap);
    await waitFor(() => $(el, 'h3#teams-title'), 'the roster');
    const csv = 'id,name,team,role,joined,left\r\nc03,张伟,phone,consultant,2026/3/1,2026-02-01\r\n';
    await el.importFile(new File([csv], 'roster.csv', { type: 'text/csv' }));
    await waitFor(() => $(el, '[part="import-errors"]'), 'the import errors');
    expect($$(el, '[part="import-errors"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Row 2 (c03) left cannot be before the join date',
    ]);
    // GB 18030 bytes of "c03,张伟,电话组,咨询员,2026-03-01" under Chinese headers (as Excel on a Chinese Windows saves CSV).
    const gb = new Uint8Array([
      0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd0, 0xa1, 0xd7, 0xe9, 0x2c, 0xb8, 0xda, 0xce, 0xbb, 0x2c, 0xc8, 0xeb,
      0xd6, 0xb0, 0xc8, 0xd5, 0xc6, 0xda, 0x0d, 0x0a, 0x63, 0x30, 0x33, 0x2c, 0xd5, 0xc5, 0xce, 0xb0, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0xd7,
      0xe9, 0x2c, 0xd7, 0xc9, 0xd1, 0xaf, 0xd4, 0xb1, 0x2c, 0x32, 0x30, 0x32, 0x36, 0x2d, 0x30, 0x33, 0x2d, 0x30, 0x31, 0x0d, 0x0a,
    ]);
    await el.importFile(new File([gb], 'roster.csv', { type: 'text/csv' }));
    await waitFor(() => $(el, 'tr[data-member="c03"]'), 'the imported person');
    expect(await store.getMember('c03')).to.deep.equal({
      id: 'c03',
      name: '张伟',
      teamId: '电话组',
      role: 'consultant',
      joinedOn: '2026-03-01',
      rev: 1,
    });
    expect(textOf(el)).to.contain('Imported 1 person, 1 new team');
  });

  it('is read-only for a lead and closed to consultants', async () => {
    const { name, store } = await emptyStore();
    await store.putTeam({ id: 'net', name: '网络咨询组' });
    await store.putMember({ id: 'c01', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-05' });
    const lead = await roster({ consultant: 'l01', role: 'lead', database: name });
    await waitFor(() => $(lead, 'tr[data-member="c01"]'), 'the list');
    expect($(lead, '[part="toolbar"]')).to.equal(null);
    expect($$(lead, 'tr[data-member="c01"] button')).to.deep.equal([]);
    expect(textOf(lead)).to.contain('只读：只有管理者可以修改花名册');
    const consultant = await roster({ consultant: 'c01', role: 'consultant', database: name });
    expect(textOf(consultant)).to.equal('您没有查看此内容的权限');
  });

  it('points a manager to the rulebook once the roster has people and no rulebook is in effect', async () => {
    const { name, store } = await emptyStore();
    await store.putTeam({ id: 'net', name: '网络咨询组' });
    await store.putMember({ id: 'c01', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-05' });
    const el = await roster({ consultant: 'm01', role: 'manager', database: name });
    const next = await waitFor(() => $(el, '[part="next-step"] button'), 'the next step');
    const setup = new Promise<CustomEvent>((resolve) => el.addEventListener('rulecard-setup', (e) => resolve(e), { once: true }));
    next.click();
    expect((await setup).detail).to.deep.equal({ step: 'rulebook' });
  });
});
