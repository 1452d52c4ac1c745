// The what-if panel turns a scorecard line into a rulebook example in one click (issue 11, LANGUAGE.md §9.14):
// the line's events as `given`, what the draft gives for them as `expect`, appended to the draft; the example
// gutter then shows it passing — and failing once the rule it pins down changes.
import { expect } from '@esm-bundle/chai';
import { compile } from '@rulecard/dsl';
import { openStore, type RulecardStore } from '@rulecard/store';
import '../src/editor/index.js';
import type { RulecardEditor } from '../src/editor/index.js';
import { shownExampleMarks } from '../src/editor/examples.js';
import { checked, until, viewOf } from './editor-helpers.js';

async function department(): Promise<{ store: RulecardStore; database: string }> {
  const database = `line-example-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ name: database });
  await store.putTeam({ id: 'net', name: '网络咨询组' });
  await store.putMember({ id: 'li', name: '李娜', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'm01', name: '张经理', teamId: 'net', role: 'manager', joinedOn: '2026-01-01' });
  for (const [i, hour] of ['09', '10', '11'].entries())
    await store.recordEvent({ id: `r${i}`, type: 'rude_attitude', consultant: 'li', at: `2026-10-09T${hour}:00:00+08:00` }, { by: 'm01' });
  await store.recordEvent(
    { id: 's1', type: 'surgery', consultant: 'li', at: '2026-10-12T15:30:00+08:00', amount: 8000, attrs: { booked: true, source: '网络' } },
    { by: 'm01' },
  );
  const v1 = 'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12\n';
  await store.publishRulebook({
    source: v1,
    compiled: compile(v1).rulebook!,
    author: 'm01',
    effectiveFrom: '2026-10-01',
    confirmPastDate: true,
  });
  return { store, database };
}

const DRAFT = [
  'rude_attitude "态度无礼": -10 per; >2 per month => personal -12, team -12',
  'surgery "手术提成" on surgery where booked = true: 2% of amount',
  '',
].join('\n');

async function whatIfCard(lang: string): Promise<RulecardEditor> {
  const { store, database } = await department();
  const el = document.createElement('rulecard-editor');
  for (const [k, v] of Object.entries({ consultant: 'm01', role: 'manager', database, lang })) el.setAttribute(k, v);
  el.store = store;
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('.cm-content')?.getAttribute('aria-readonly') === 'false', 'the text', 20_000);
  el.value = DRAFT;
  await checked(el);
  await until(() => el.shadowRoot?.querySelector('.rule-table')?.textContent?.includes('-10'), 'the draft checked', 20_000);
  el.shadowRoot!.querySelector<HTMLButtonElement>('[data-tab="what-if"]')!.click();
  await el.updateComplete;
  const month = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="month"]')!;
  month.value = '2026-10';
  month.dispatchEvent(new Event('change'));
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('.compare button')!.click();
  // Only the open preview renders its card: open li's, then wait for the card.
  await until(
    () => el.shadowRoot?.querySelector('tr[data-detail-of="li"] details[part="what-if-preview"] summary'),
    'the row of li',
    20_000,
  );
  el.shadowRoot!.querySelector<HTMLElement>('tr[data-detail-of="li"] details[part="what-if-preview"] summary')!.click();
  await until(() => el.shadowRoot?.querySelector('tr[data-detail-of="li"] [part="what-if-card"]'), 'the card under the draft', 20_000);
  return el;
}

/** The example blocks of the editor's text (from `example` to the next blank line). */
const blocks = (el: RulecardEditor) => el.value.split(/\n\s*\n/).filter((b) => b.startsWith('example'));

describe('<rulecard-editor> a what-if line as an example', function () {
  this.timeout(90_000);
  afterEach(() => document.body.replaceChildren());

  it('one click: the line’s events and the draft’s outcome as an example at the end; the gutter shows it passing', async () => {
    const el = await whatIfCard('zh-CN');
    const card = el.shadowRoot!.querySelector('tr[data-detail-of="li"] [part="what-if-card"]')!;
    // the monthly clause's line (three rudes in October)
    const rows = [...card.querySelectorAll<HTMLTableRowElement>('tr[data-rule="rude_attitude"]')];
    const monthly = rows.find((r) => r.textContent!.includes('2026年10月') && !r.textContent!.includes('9日'))!;
    expect(monthly.querySelector('[data-to-example]')!.textContent!.trim()).to.equal('转为示例');
    monthly.querySelector<HTMLButtonElement>('[data-to-example]')!.click();
    await until(() => blocks(el).length === 1, 'the example in the text');
    expect(blocks(el)[0]).to.equal(
      [
        'example "态度无礼 · 李娜 · 2026年10月":',
        '  period 2026-10-01..2026-10-31',
        '  given rude_attitude on 2026-10-09 at 09:00 by li',
        '  given rude_attitude on 2026-10-09 at 10:00 by li',
        '  given rude_attitude on 2026-10-09 at 11:00 by li',
        // 3 × −10 − 12 points, a point worth ¥1 (the default)
        '  expect li points -42, money -42',
      ].join('\n') + '\n',
    );
    // the draft's rules are untouched, above the example
    expect(el.value.startsWith(DRAFT.trimEnd())).to.equal(true);
    const view = viewOf(el);
    const exampleLine = el.value.split('\n').findIndex((l) => l.startsWith('example')) + 1;
    await until(() => shownExampleMarks(view).length === 1 && shownExampleMarks(view)[0].status === 'pass', 'the example passes', 20_000);
    expect(shownExampleMarks(view)[0].line).to.equal(exampleLine);
    // it pins the rule down: −8 per event fails it
    el.value = el.value.replace('-10 per;', '-8 per;');
    await checked(el);
    await until(() => shownExampleMarks(view)[0]?.status === 'fail', 'the example fails after the rule changed', 20_000);
  });

  it('a line with an amount and attributes (English): they are given as they were recorded', async () => {
    const el = await whatIfCard('en');
    const card = el.shadowRoot!.querySelector('tr[data-detail-of="li"] [part="what-if-card"]')!;
    const surgery = card.querySelector<HTMLTableRowElement>('tr[data-rule="surgery"]')!;
    const button = surgery.querySelector<HTMLButtonElement>('[data-to-example]')!;
    expect(button.textContent!.trim()).to.equal('Make an example');
    button.click();
    await until(() => blocks(el).length === 1, 'the example in the text');
    const block = blocks(el)[0].split('\n');
    expect(block[0]).to.match(/^example "Surgery · 李娜 · .*2026":$/);
    expect(block.slice(1)).to.deep.equal([
      '  period 2026-10-12..2026-10-12',
      '  given surgery on 2026-10-12 at 15:30 by li amount 8000 booked = true source = "网络"',
      // 2% of ¥8,000
      '  expect li points 0, money 160',
      '',
    ]);
    await until(() => shownExampleMarks(viewOf(el))[0]?.status === 'pass', 'the example passes', 20_000);
  });
});
