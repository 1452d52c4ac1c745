/**
 * What the scorecard shows without words (issue 12, problem 6): rows that open say so with a disclosure
 * chevron and an expanded state; the trend chart has dates on its axis and a labelled zero line.
 */
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { $, $$, freshStore, mount, publish, waitFor } from './helpers.js';

const MONTH = '2026-11';

async function seeded() {
  const s = await freshStore();
  await publish(s.store);
  for (const [type, day] of [
    ['rude_attitude', 3],
    ['rude_attitude', 3],
    ['rude_attitude', 3],
    ['praise', 10],
  ] as const)
    await s.store.recordEvent({ type, consultant: 'c01', at: `${MONTH}-${String(day).padStart(2, '0')}T10:00:00+08:00` }, { by: 'm01' });
  return s;
}

interface AxNode {
  role?: string;
  name?: string;
  expanded?: boolean;
  children?: AxNode[];
}

describe('<rulecard-scorecard>: what opens, and the trend axis', () => {
  afterEach(() => document.body.replaceChildren());

  it('each rule group shows a chevron that turns when it opens, and reports whether it is expanded', async () => {
    const { name } = await seeded();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name });
    const group = await waitFor(() => $(el, 'details[data-rule=rude_attitude]') as HTMLDetailsElement, 'the group');
    const chevron = group.querySelector<HTMLElement>('summary .chevron')!;
    expect(chevron.getAttribute('aria-hidden')).to.equal('true');
    const box = chevron.getBoundingClientRect();
    expect(box.width > 4 && box.height > 4, 'the chevron is visible').to.equal(true);
    const closed = getComputedStyle(chevron).transform;
    const node = async () =>
      findAccessibilityNode<AxNode>(
        (await a11ySnapshot({})) as unknown as AxNode & { children: AxNode[] },
        (n) => n.role === 'DisclosureTriangle' && (n.name ?? '').includes('态度无礼'),
      );
    expect((await node())?.expanded ?? false, 'collapsed').to.equal(false);
    group.open = true;
    await waitFor(() => getComputedStyle(chevron).transform !== closed, 'the chevron turned');
    expect((await node())?.expanded, 'expanded').to.equal(true);
    // a line's events: the button carries its chevron and aria-expanded
    const show = group.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(show.querySelector('.chevron')?.getAttribute('aria-hidden')).to.equal('true');
  });

  it('the trend has dates under its axis (zh-CN and en) and a labelled zero line', async () => {
    const { name } = await seeded();
    const zh = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name });
    await waitFor(() => $(zh, 'svg[part=trend]'), 'the trend');
    const ticks = (el: Element) => $$(el, '[part=trend-axis] .tick').map((t) => t.textContent!.trim());
    expect(ticks(zh)).to.deep.equal(['11月1日', '11月8日', '11月15日', '11月22日', '11月30日']);
    const zero = $(zh, 'svg line.zero')!;
    expect(zero.getAttribute('y1')).to.equal(zero.getAttribute('y2'));
    const label = $(zh, '[part=trend-axis] .zero-label')!;
    expect(label.textContent!.trim()).to.equal('0');
    const lineY = zero.getBoundingClientRect().top;
    const labelBox = label.getBoundingClientRect();
    expect(Math.abs(labelBox.top + labelBox.height / 2 - lineY), 'the 0 beside its line').to.be.lessThan(3);
    // the first tick starts under the first day's bar, the last ends under the last day's
    const svgBox = $(zh, 'svg[part=trend]')!.getBoundingClientRect();
    const [first, , , , last] = $$(zh, '[part=trend-axis] .tick').map((t) => t.getBoundingClientRect());
    expect(first.left).to.be.at.least(svgBox.left - 1);
    expect(last.right).to.be.at.most(svgBox.right + 1);
    const en = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name, lang: 'en' });
    await waitFor(() => $(en, 'svg[part=trend]'), 'the English trend');
    expect(ticks(en)).to.deep.equal(['Nov 1', 'Nov 8', 'Nov 15', 'Nov 22', 'Nov 30']);
  });
});
