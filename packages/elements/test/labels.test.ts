// English labels everywhere (issue 12, "explanations in people's words"): every place a rule, an event type or a
// member is named takes the name from shared/labels.ts — the scorecard's lines, its events, the consultant's
// appeals, the manager's board (its appeals), the what-if panel (editor-what-if.test.ts) — English readers get
// the rule's `en "…"` label, Chinese readers its label.
import { expect } from '@esm-bundle/chai';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { openAppeal } from '../src/scorecard/appeals.js';
import { eventTypeName, humanizeId, memberName, ruleName, ruleNameOf, ruleNamesOf } from '../src/shared/labels.js';
import { $, $$, freshStore, mount, waitFor } from './helpers.js';

const MONTH = '2026-11';
const SOURCE = ['rude_attitude "态度无礼" en "Rude attitude": -8 per; >2 => personal -12, team -12', 'praise "客户表扬": +6 per'].join(
  '\n',
);

describe('shared/labels.ts', () => {
  it('a rule: its English label in English (the label as the tooltip), its label in Chinese; without one, the id as words', () => {
    const labels = { label: '态度无礼', en: 'Rude attitude' };
    expect(ruleName('rude_attitude', labels, 'en')).to.deep.equal({ text: 'Rude attitude', title: '态度无礼' });
    expect(ruleName('rude_attitude', labels, 'zh-CN')).to.deep.equal({ text: '态度无礼' });
    expect(ruleName('praise', { label: '客户表扬' }, 'en')).to.deep.equal({ text: 'Praise', title: '客户表扬' });
    expect(ruleName('praise', { label: 'Customer praise' }, 'en')).to.deep.equal({ text: 'Customer praise' });
    expect(ruleName('late_minor', undefined, 'zh-CN')).to.deep.equal({ text: 'late_minor', title: 'late_minor' });
    expect(ruleName('late_minor', { label: 'late_minor' }, 'en').text).to.equal('Late minor');
    expect(humanizeId('spot-check_fail')).to.equal('Spot check fail');
  });

  it("a record's kept label with the rulebooks' English one; event types named by their rule; members by the roster", () => {
    const names = ruleNamesOf(
      { rules: [{ id: 'rude_attitude', label: '态度无礼', labels: { en: 'Rude attitude' } }] },
      {
        rules: [
          { id: 'rude_attitude', label: '旧标签', labels: { en: 'Old' } },
          { id: 'praise', label: '客户表扬' },
        ],
      },
    );
    expect(names.get('rude_attitude')).to.deep.equal({ label: '态度无礼', en: 'Rude attitude' });
    expect(ruleNameOf('rude_attitude', '对待顾客态度无礼', names, 'en').text).to.equal('Rude attitude');
    expect(ruleNameOf('rude_attitude', '对待顾客态度无礼', names, 'zh-CN').text).to.equal('对待顾客态度无礼');
    expect(ruleNameOf('gone', undefined, names, 'en').text).to.equal('Gone');
    expect(eventTypeName('rude_attitude', names, 'en').text).to.equal('Rude attitude');
    expect(eventTypeName('rude_attitude', names, 'zh-CN').text).to.equal('态度无礼');
    expect(eventTypeName('booking', names, 'en')).to.deep.equal({ text: 'Booking', title: 'booking' });
    expect(eventTypeName('booking', names, 'zh-CN')).to.deep.equal({ text: 'booking' });
    expect(memberName('c01', new Map([['c01', '王芳']]))).to.equal('王芳');
    expect(memberName('c09', new Map())).to.equal('c09');
  });
});

async function appealed() {
  const s = await freshStore();
  await s.store.publishRulebook({ source: SOURCE, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
  await s.store.recordEvent({ type: 'rude_attitude', consultant: 'c01', at: `${MONTH}-03T10:00:00+08:00` }, { by: 'm01' });
  const period = { from: `${MONTH}-01`, to: `${MONTH}-30` };
  const live = await s.store.score({ consultant: 'c01' }, period);
  const line = live.scorecards.consultants.c01.lines.find((l) => l.rule === 'rude_attitude')!;
  const appeal = await openAppeal(s.store, { consultant: 'c01', line, period, reason: '顾客认错了人', by: 'c01' });
  return { ...s, appeal };
}

const LANGS = [
  { lang: 'en', rule: 'Rude attitude' },
  { lang: 'zh-CN', rule: '态度无礼' },
] as const;

describe('<rulecard-scorecard>: rule names in the reader’s language', () => {
  // The store's code and the compiler load (and, in a cold dev server, compile) on first use: not within a test's time.
  before(async function () {
    this.timeout(120_000);
    await appealed();
  });
  afterEach(() => document.body.replaceChildren());

  for (const { lang, rule } of LANGS) {
    it(`the card's line, the events behind it and the consultant's own appeals (lang=${lang})`, async () => {
      const { name, appeal } = await appealed();
      const el = mount<RulecardScorecard>('rulecard-scorecard', {
        consultant: 'c01',
        role: 'consultant',
        month: MONTH,
        database: name,
        lang,
      });
      const group = await waitFor(() => $(el, 'details[data-rule=rude_attitude]') as HTMLDetailsElement | null, 'the line');
      expect(group.querySelector('summary .rule')!.textContent).to.equal(rule);
      const mine = await waitFor(() => $(el, `[part=appeals] .appeal[data-appeal="${appeal.id}"]`), 'the appeal');
      expect(mine.querySelector('strong')!.textContent!.trim()).to.equal(rule);
      // the events behind the line: the event type named by its rule
      group.open = true;
      (group.querySelector('button[aria-expanded]') as HTMLButtonElement).click();
      const type = await waitFor(() => group.querySelector('table.events [data-type=rude_attitude]'), 'the event type');
      expect(type.textContent).to.equal(rule);
      expect(group.querySelector('table.events')!.getAttribute('aria-label')).to.contain(rule);
    });

    it(`the manager's board: the appeals to decide (lang=${lang})`, async () => {
      const { name, appeal } = await appealed();
      const el = mount<RulecardScorecard>('rulecard-scorecard', {
        consultant: 'm01',
        role: 'manager',
        team: 't1',
        month: MONTH,
        database: name,
        lang,
      });
      const open = await waitFor(() => $(el, `[part=appeals] .appeal[data-appeal="${appeal.id}"][data-status=open]`), 'the open appeal');
      expect(open.querySelector('strong')!.textContent!.trim()).to.equal(rule);
      // the leaderboard names the consultants by the roster's names
      await waitFor(() => $(el, '[part=leaderboard] tr[data-consultant=c01]'), 'the leaderboard');
      expect($$(el, '[part=leaderboard] tr[data-consultant=c01] td')[1].textContent).to.equal('王芳');
    });
  }
});
