/** "本月进度 / Month so far": month-end targets of the month so far are projected, apart from the totals (issue 12, #5). */
import { expect } from '@esm-bundle/chai';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { $, $$, freshStore, mount, RULEBOOK, waitFor } from './helpers.js';

const TARGET = 'appointment "有效客户预约" on booking: 5 yuan per; <25 per month each => -20 yuan';

/** A store with the test rulebook and a month-end booking target; two bookings of c01 a minute and two minutes ago. */
async function twoBookingsSoFar() {
  const s = await freshStore();
  await s.store.publishRulebook({
    source: [...RULEBOOK.rules.map((r) => r.text), TARGET].join('\n'),
    author: 'm01',
    effectiveFrom: '2026-01-01',
    confirmPastDate: true,
  });
  for (const minutes of [2, 1])
    await s.store.recordEvent(
      { type: 'booking', consultant: 'c01', at: new Date(Date.now() - minutes * 60_000).toISOString() },
      { by: 'm01' },
    );
  return s;
}

const total = (el: Element, which: string) => $(el, `[data-total=${which}]`)?.textContent?.trim();

describe('<rulecard-scorecard> month so far', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the target as progress (2/25) and what it would cost if the month ended today, outside the totals', async () => {
    const { name } = await twoBookingsSoFar();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', database: name });
    const section = await waitFor(() => $(el, '[part=month-so-far]'), 'month so far');
    expect(section.querySelector('h3')!.textContent).to.equal('本月进度');
    const item = section.querySelector('li[data-rule=appointment]')!;
    expect(item.querySelector('[data-progress]')!.textContent).to.equal('2/25');
    expect(item.textContent).to.contain('有效客户预约');
    expect(item.querySelector('[data-if-ended]')!.textContent!.replace(/\s+/g, '')).to.equal('若本月今天结束：-¥460.00');
    // The totals are the confirmed lines' (2 × ¥5); the projected ones beside them.
    expect(total(el, 'money')).to.equal('¥10.00');
    expect(section.querySelector('[data-so-far=confirmed]')!.textContent).to.contain('¥10.00');
    expect(section.querySelector('[data-so-far=projected]')!.textContent).to.contain('-¥460.00');
    // The rule's group lists only the confirmed (per-event) lines; the trend ends at the confirmed +0 points.
    const group = $(el, 'details[data-rule=appointment]')!;
    expect(group.querySelectorAll('tbody tr[part=line]').length).to.be.greaterThan(0);
    expect(group.querySelector('summary')!.textContent).to.contain('¥10.00');
  });

  it('in English, and not at all for a month that has ended', async () => {
    const { name } = await twoBookingsSoFar();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name, lang: 'en' });
    const section = await waitFor(() => $(el, '[part=month-so-far]'), 'month so far');
    expect(section.querySelector('h3')!.textContent).to.equal('Month so far');
    expect(section.querySelector('[data-if-ended]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'If the month ended today: -¥460.00',
    );
    const past = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', database: name, month: '2026-01' });
    await waitFor(() => total(past, 'money'), 'past month totals');
    expect($$(past, '[part=month-so-far]')).to.have.length(0);
  });
});
