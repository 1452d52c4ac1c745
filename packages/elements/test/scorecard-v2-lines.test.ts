/**
 * The scorecard explains the version-2 lines in people's words (issue 11): a pay-item line says which pay
 * item, which share and the amount it was taken from; a streak line names its windows; a rule a closed
 * `unless flag` gate kept from applying says so, with the flag and the rule that raised it. zh-CN and en.
 */
import { expect } from '@esm-bundle/chai';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { $, $$, freshStore, mount, waitFor } from './helpers.js';

const SOURCE = [
  'pay bonus "奖金"',
  'absence "扣半个月奖金": -50% of bonus per',
  'task_missed "未完成" on task: < 1 per month running 2 => -500 yuan',
  'low_spend "客单价低" on surgery: avg(amount) < 10000 per month => flag forfeit_performance_pay',
  'base_bonus "基础奖金" on visit unless flag forfeit_performance_pay: 10 yuan per',
].join('\n');

/** c01 (bonus ¥3,000.00): half a day's absence, a low-spend surgery, a visit, no task in October or November. */
async function november() {
  const s = await freshStore();
  const c01 = (await s.store.getMember('c01'))!;
  await s.store.putMember({ ...c01, payFen: { bonus: 300000 } }, { expectedRev: c01.rev });
  await s.store.publishRulebook({ source: SOURCE, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
  const at = (type: string, when: string, amount?: number) =>
    s.store.recordEvent({ type, consultant: 'c01', at: `${when}:00+08:00`, ...(amount === undefined ? {} : { amount }) }, { by: 'm01' });
  await at('absence', '2026-11-03T09:00');
  await at('surgery', '2026-11-02T10:00', 5000);
  await at('visit', '2026-11-04T10:00');
  return s;
}

const words = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const explained = (el: HTMLElement, rule: string, kind: string) =>
  $$(el, kind === 'gate' ? `[data-gated=${rule}] [data-explain=gate]` : `details[data-rule=${rule}] [data-explain=${kind}]`).map((x) =>
    words(x),
  );

describe('<rulecard-scorecard> version-2 lines in words', function () {
  // the first test loads the compiler (publishing) and the version-2 evaluator on a shared machine
  this.timeout(60_000);
  afterEach(() => document.body.replaceChildren());

  it('zh-CN: the pay item, share and amount; the streak’s months; the gate’s flag and the rule that raised it', async () => {
    const { name } = await november();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name, month: '2026-11' });
    await waitFor(() => $(el, 'details[data-rule=absence] [data-explain=pay]'), 'the pay-item line explained', 40_000);
    expect(explained(el, 'absence', 'pay')).to.deep.equal(['扣半个月奖金：奖金 ¥3,000.00 × 50% = -¥1,500.00']);
    expect(explained(el, 'task_missed', 'streak')).to.deep.equal(['连续 2 个月未完成：2026年10月、2026年11月']);
    expect(explained(el, 'base_bonus', 'gate')).to.deep.equal(['未计：持有标记「扣除当月绩效金」（由「客单价低」标记）']);
    // the gated rule is listed apart, with its day and count: it moved nothing
    const row = $(el, 'details[data-rule=gated] tr[data-gated=base_bonus]')!;
    expect([...row.querySelectorAll('td')].slice(1).map((td) => words(td))).to.deep.equal(['2026年11月4日', '1']);
    expect(words($(el, 'details[data-rule=gated] summary'))).to.equal('未计的规则（标记所致）');
    expect(words($(el, '[data-total=money]'))).to.equal('-¥2,000.00');
  });

  it('en: the same in English', async () => {
    const { name } = await november();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name, month: '2026-11', lang: 'en' });
    await waitFor(() => $(el, 'details[data-rule=absence] [data-explain=pay]'), 'the pay-item line explained', 40_000);
    expect(explained(el, 'absence', 'pay')).to.deep.equal(['Absence: Bonus ¥3,000.00 × 50% = -¥1,500.00']);
    expect(explained(el, 'task_missed', 'streak')).to.deep.equal(['Task missed, 2 months running: October 2026, November 2026']);
    expect(explained(el, 'base_bonus', 'gate')).to.deep.equal([
      "Not applied: flag “Forfeits the month's performance pay” held (raised by “Low spend”)",
    ]);
  });

  it('a version-1 card has no explanations (and does not load them)', async () => {
    const s = await freshStore();
    await s.store.publishRulebook({ source: 'late "迟到": -2 per', author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
    await s.store.recordEvent({ type: 'late', consultant: 'c01', at: '2026-11-03T09:10:00+08:00' }, { by: 'm01' });
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: s.name, month: '2026-11' });
    await waitFor(() => $(el, 'details[data-rule=late] tr[part=line]'), 'the line');
    expect($$(el, '[data-explain]')).to.have.length(0);
  });
});
