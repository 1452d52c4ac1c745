// What-if you can judge by (issue 12, #7): rows open onto per-rule differences, one click previews a
// consultant's card under the draft, teams nobody is scored in are left out.
import { expect } from '@esm-bundle/chai';
import { compile } from '@rulecard/dsl';
import { openStore, type RulecardStore } from '@rulecard/store';
import '../src/editor/index.js';
import type { RulecardEditor } from '../src/editor/index.js';

async function until<T>(probe: () => T | undefined | null | false, what: string, timeout = 8000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function department(): Promise<{ store: RulecardStore; database: string }> {
  const database = `what-if-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ name: database });
  await store.putTeam({ id: 'net', name: '网络咨询组' });
  await store.putTeam({ id: 'office', name: '主管办公室' });
  await store.putMember({ id: 'li', name: '李娜', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'wang', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'm01', name: '张经理', teamId: 'office', role: 'manager', joinedOn: '2026-01-01' });
  for (const [i, hour] of ['09', '10', '11'].entries())
    await store.recordEvent({ id: `r${i}`, type: 'rude_attitude', consultant: 'li', at: `2026-10-09T${hour}:00:00+08:00` }, { by: 'm01' });
  await store.recordEvent({ id: 'p1', type: 'praise', consultant: 'li', at: '2026-10-10T10:00:00+08:00' }, { by: 'm01' });
  for (const [i, day] of ['12', '13'].entries())
    await store.recordEvent({ id: `w${i}`, type: 'praise', consultant: 'wang', at: `2026-10-${day}T10:00:00+08:00` }, { by: 'm01' });
  const v1 = 'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12\npraise "客户表扬": +6 per\n';
  await store.publishRulebook({
    source: v1,
    compiled: compile(v1).rulebook!,
    author: 'm01',
    effectiveFrom: '2026-10-01',
    confirmPastDate: true,
  });
  return { store, database };
}

const DRAFT = 'rude_attitude "态度无礼": -10 per; >2 => personal -12, team -12\npraise "客户表扬": +6 per\n';

async function whatIf(lang: string, draft = DRAFT): Promise<RulecardEditor> {
  const { store, database } = await department();
  const el = document.createElement('rulecard-editor');
  for (const [k, v] of Object.entries({ consultant: 'm01', role: 'manager', database, lang })) el.setAttribute(k, v);
  el.store = store;
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('.cm-content')?.getAttribute('aria-readonly') === 'false', 'the text');
  el.value = draft;
  await until(
    () => el.shadowRoot?.querySelector('.problems') && !el.shadowRoot.querySelector('.problems')!.textContent!.match(/检查中|Checking/),
    'check',
  );
  // the draft checked: the rules table shows its -10
  await until(() => el.shadowRoot?.querySelector('.rule-table')?.textContent?.includes('-10'), 'the draft checked');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="what-if"]')!.click();
  await el.updateComplete;
  const month = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="month"]')!;
  month.value = '2026-10';
  month.dispatchEvent(new Event('change'));
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('.compare button')!.click();
  await until(() => el.shadowRoot?.querySelector('table[data-kind="consultants"] tr[data-id="li"]'), 'the what-if table');
  return el;
}

describe('<rulecard-editor> what-if rows', () => {
  afterEach(() => document.body.replaceChildren());

  it('a row opens onto the rules that change; one click shows the card under the draft; the office is left out', async () => {
    const el = await whatIf('en');
    const root = el.shadowRoot!;
    const detail = root.querySelector('tr[data-detail-of="li"]')!;
    const rules = detail.querySelector<HTMLDetailsElement>('details[part="what-if-row"]')!;
    expect(rules.querySelector('summary')!.textContent!.trim()).to.equal('Differences by rule (1 rule)');
    rules.querySelector('summary')!.click();
    expect(rules.open).to.equal(true);
    const row = rules.querySelector('tr[data-rule="rude_attitude"]')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent!.trim())).to.deep.equal(['-¥36.00', '-¥42.00', '-¥6.00', '-6']);
    // Praise does not change: not listed.
    expect(rules.querySelector('tr[data-rule="praise"]')).to.equal(null);
    // No card is rendered until one is chosen.
    expect(root.querySelectorAll('[part="what-if-card"]')).to.have.length(0);
    // One click: li's card under the draft, and only li's.
    const preview = detail.querySelector<HTMLDetailsElement>('details[part="what-if-preview"]')!;
    preview.querySelector('summary')!.click();
    expect(preview.open).to.equal(true);
    const card = await until(() => preview.querySelector('[part="what-if-card"]'), "li's card");
    expect(root.querySelectorAll('[part="what-if-card"]')).to.have.length(1);
    expect(card.getAttribute('aria-label')).to.equal('李娜 · October 2026 (draft)');
    expect(card.querySelector('[data-card-total="money"]')!.textContent).to.equal('-¥36.00');
    const rows = [...card.querySelectorAll('table > tbody > tr')];
    expect(rows).to.have.length(3);
    // li's lines: 3 rude-attitude lines (−10 ×3, the day's −12) and one praise (+6); none of wang's two praises (+12).
    expect(rows.map((r) => r.getAttribute('data-rule'))).to.deep.equal(['rude_attitude', 'rude_attitude', 'praise']);
    expect(rows.map((r) => r.querySelectorAll('td')[1].textContent!.trim())).to.deep.equal(['3', '1', '1']);
    expect(card.textContent).to.contain('Rude attitude');
    // Choosing wang closes li's: one card again, wang's two praises.
    const wangPreview = root.querySelector<HTMLDetailsElement>('tr[data-detail-of="wang"] details[part="what-if-preview"]')!;
    wangPreview.querySelector('summary')!.click();
    const wangCard = await until(() => wangPreview.querySelector('[part="what-if-card"]'), "wang's card");
    await until(() => !preview.open && root.querySelectorAll('[part="what-if-card"]').length === 1, "li's card closed");
    expect(wangCard.getAttribute('aria-label')).to.equal('王芳 · October 2026 (draft)');
    expect([...wangCard.querySelectorAll('table > tbody > tr')].map((r) => r.getAttribute('data-rule'))).to.deep.equal([
      'praise',
      'praise',
    ]);
    expect(wangCard.querySelector('[data-card-total="points"]')!.textContent).to.equal('+12');
    // Teams: the office (a manager only) is no row of zeros, but named as left out.
    expect(root.querySelector('table[data-kind="teams"] tr[data-id="office"]')).to.equal(null);
    expect(root.querySelector('table[data-kind="teams"] tr[data-id="net"]')).not.to.equal(null);
    expect(root.querySelector('[data-left-out]')!.textContent).to.equal('Teams with nobody scored are left out: 主管办公室');
  });

  it('in Chinese', async () => {
    const el = await whatIf('zh-CN');
    const detail = el.shadowRoot!.querySelector('tr[data-detail-of="li"]')!;
    expect(detail.querySelector('details[part="what-if-row"] summary')!.textContent!.trim()).to.equal('按规则的差异（1 条规则）');
    expect(detail.querySelector('details[part="what-if-preview"] summary')!.textContent!.trim()).to.equal('预览草案下的绩效卡');
    detail.querySelector<HTMLElement>('details[part="what-if-preview"] summary')!.click();
    const card = await until(() => detail.querySelector('[part="what-if-card"]'), "li's card");
    expect(card.getAttribute('aria-label')).to.equal('李娜 · 2026年10月（按草案）');
  });

  for (const [lang, name] of [
    ['en', 'Rude attitude'],
    ['zh-CN', '态度无礼'],
  ] as const)
    it(`a rule's English label in the rows and the card (lang=${lang})`, async () => {
      const el = await whatIf(lang, DRAFT.replace('"态度无礼":', '"态度无礼" en "Rude attitude":'));
      const detail = el.shadowRoot!.querySelector('tr[data-detail-of="li"]')!;
      expect(detail.querySelector('details[part="what-if-row"] tr[data-rule="rude_attitude"] th')!.textContent).to.equal(name);
      detail.querySelector<HTMLElement>('details[part="what-if-preview"] summary')!.click();
      const card = await until(() => detail.querySelector('[part="what-if-card"]'), "li's card");
      expect(card.querySelector('tr[data-rule="rude_attitude"] th')!.textContent).to.equal(name);
    });
});
