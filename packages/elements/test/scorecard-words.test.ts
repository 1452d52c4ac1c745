/** Explanations in people's words (issue 12, #6): English rule labels, names, the call-log entry behind a derived event. */
import { expect } from '@esm-bundle/chai';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { $, freshStore, logCall, mount, todayShanghai, waitFor } from './helpers.js';

const SOURCE = [
  'rude_attitude "态度无礼" en "Rude attitude": -8 per; >2 => personal -12, team -12',
  'call_not_fully_registered "咨询未详细登记" en "Consultation not fully registered": -2 per',
].join('\n');

async function incompleteLog() {
  const s = await freshStore();
  await s.store.publishRulebook({ source: SOURCE, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
  // Age and source left empty.
  await logCall(s.store, {
    time: '00:00', // today at midnight: never later than now, whatever the hour the test runs at
    customerName: '张先生',
    contact: '13812345678',
    region: '北京',
    project: '双眼皮',
    question: '价格',
    answer: '已介绍',
  });
  return s;
}

async function openEvents(el: RulecardScorecard, rule: string): Promise<HTMLTableElement> {
  const group = await waitFor(() => $(el, `details[data-rule=${rule}]`) as HTMLDetailsElement | null, rule);
  group.open = true;
  (group.querySelector('button[aria-expanded]') as HTMLButtonElement).click();
  return waitFor(() => group.querySelector('table.events') as HTMLTableElement | null, 'events');
}

describe('<rulecard-scorecard> in people’s words', () => {
  afterEach(() => document.body.replaceChildren());

  it('a 咨询未详细登记 line shows the entry behind it (day, time, customer, the empty fields) and who recorded it by name', async () => {
    const { name } = await incompleteLog();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name });
    const table = await openEvents(el, 'call_not_fully_registered');
    const day = Number(todayShanghai().slice(8));
    const row = await waitFor(() => {
      const cells = table.querySelectorAll('tbody tr td');
      return cells[2]?.textContent?.includes('张先生') ? cells : undefined;
    }, `the entry behind the event in ${table.textContent}`);
    expect(row[2].textContent!.trim()).to.equal(`${day}日 00:00 张先生 · 未填 年龄、来源`);
    expect(row[3].textContent!.trim()).to.equal('王芳');
    // no contact, masked or not, in the explanation
    expect(table.textContent).not.to.contain('138');
  });

  it('in English: the rule’s English label from the rulebook, the fields as the form names them', async () => {
    const { name } = await incompleteLog();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name, lang: 'en' });
    const table = await openEvents(el, 'call_not_fully_registered');
    const summary = $(el, 'details[data-rule=call_not_fully_registered] summary')!;
    expect(summary.textContent).to.contain('Consultation not fully registered');
    const cell = await waitFor(() => {
      const c = table.querySelectorAll('tbody tr td')[2];
      return c?.textContent?.includes('Mr') || c?.textContent?.includes('张先生') ? c : undefined;
    }, 'the entry');
    expect(cell.textContent!.trim()).to.match(/^[A-Z][a-z]{2} \d{1,2} 00:00 张先生 · missing Age, Source$/);
  });
});
