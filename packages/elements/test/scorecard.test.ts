import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { openStore } from '@rulecard/store';
import '../src/scorecard/index.js';
import '../src/incident/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import type { RulecardIncident } from '../src/incident/incident.js';
import { openAppeal } from '../src/scorecard/appeals.js';
import type { RulecardEvent, RulecardEventMap } from '../src/shared/events.js';
import { $, $$, freshStore, mount, publish, RULEBOOK, textOf, todayShanghai, waitFor } from './helpers.js';

const MONTH = '2026-11';
const at = (day: number, hm = '10:00') => `${MONTH}-${String(day).padStart(2, '0')}T${hm}:00+08:00`;

async function seeded() {
  const s = await freshStore();
  await publish(s.store);
  const rec = (type: string, consultant: string, when: string, note?: string) =>
    s.store.recordEvent({ type, consultant, at: when, note }, { by: 'm01' });
  await rec('rude_attitude', 'c01', at(3, '09:00'), '顾客投诉语气生硬');
  await rec('rude_attitude', 'c01', at(3, '11:00'));
  await rec('rude_attitude', 'c01', at(3, '15:00'));
  await rec('praise', 'c01', at(10), '锦旗');
  await rec('praise', 'c02', at(11));
  await rec('praise', 'c02', at(12));
  return s;
}

const total = (el: Element, which: string) => $(el, `[data-total=${which}]`)?.textContent?.trim();

describe('<rulecard-scorecard>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows a consultant month: points, money, lines grouped by rule with the rule text and the events behind each line', async () => {
    const { name } = await seeded();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
    await waitFor(() => total(el, 'points'), 'totals');
    // 3 × −8, > 2 on the 3rd: −12, praise +6 → −30 points; 1 point = 1 yuan
    expect(total(el, 'points')).to.equal('-30');
    expect(total(el, 'money')).to.equal('-¥30.00');
    expect($(el, 'h2')!.textContent).to.equal('王芳 · 2026年11月 绩效');
    const rude = $(el, 'details[data-rule=rude_attitude]') as HTMLDetailsElement;
    expect(rude.querySelector('summary')!.textContent).to.contain('态度无礼');
    expect(rude.querySelector('summary')!.textContent).to.contain('-36');
    expect(rude.querySelector('pre.rule-text')!.textContent).to.equal('rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12');
    // keyboard: open the group, then the first line's events
    rude.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(rude.open).to.equal(true);
    const show = rude.querySelector('button[aria-expanded]') as HTMLButtonElement;
    expect(show.textContent!.trim()).to.equal('查看 3 个事件');
    show.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => rude.querySelector('table.events'), 'events table');
    expect(show.getAttribute('aria-expanded')).to.equal('true');
    expect(rude.querySelector('table.events')!.textContent).to.contain('顾客投诉语气生硬');
    expect(rude.querySelectorAll('table.events tbody tr')).to.have.length(3);
    // the window line names its day
    expect(rude.textContent).to.contain('2026年11月3日');
  });

  it('draws the month trend as SVG (no canvas) with a text alternative', async () => {
    const { name } = await seeded();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name, lang: 'en' });
    await waitFor(() => $(el, 'svg[part=trend]'), 'trend');
    const svg = $(el, 'svg[part=trend]')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.querySelectorAll('rect.bar.neg')).to.have.length(1);
    expect(svg.querySelectorAll('rect.bar.pos')).to.have.length(1);
    expect(svg.querySelector('polyline')!.getAttribute('points')!.split(' ')).to.have.length(30);
    expect(svg.querySelector('desc')!.textContent).to.equal('Cumulative points over 30 days; -30 at the end');
    expect(svg.querySelector('title')!.textContent).to.equal('Trend this month');
    expect(svg.getAttribute('aria-labelledby')).to.equal('trend-svg-title trend-desc');
    // responsive: as wide as the card's content box (not a fixed 640px)
    el.style.width = '1100px';
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector('h2')!.getBoundingClientRect().width;
    expect(Math.abs(svg.getBoundingClientRect().width - box)).to.be.lessThan(2);
    expect(el.shadowRoot!.querySelector('canvas')).to.equal(null);
    expect(total(el, 'money')).to.equal('-¥30.00');
  });

  it('updates live when an incident is saved in the incident element, and when another tab records an event', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const month = todayShanghai().slice(0, 7);
    const card = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month, database: name });
    await waitFor(() => total(card, 'points') === '0', 'empty card');
    const incident = mount<RulecardIncident>('rulecard-incident', { consultant: 'm01', role: 'manager', database: name });
    const type = await waitFor(() => $(incident, '#f-type') as HTMLSelectElement, 'incident form');
    // drive it by keyboard: choose the type and the consultant, then save
    type.focus();
    type.value = 'praise';
    type.dispatchEvent(new Event('change', { bubbles: true }));
    await incident.updateComplete;
    expect($(incident, '[part=effect]')!.textContent).to.contain('praise "客户表扬": +6 per');
    expect($(incident, '[part=effect] [data-cost]')!.textContent).to.equal('每次 +6 分（+¥6.00）');
    const who = $(incident, '#f-consultant') as HTMLSelectElement;
    who.value = 'c01';
    who.dispatchEvent(new Event('change', { bubbles: true }));
    await typeNote(incident, '顾客来电表扬');
    const saved = new Promise<CustomEvent>((r) => document.addEventListener('rulecard-saved', (e) => r(e), { once: true }));
    ($(incident, 'button[type=submit]') as HTMLButtonElement).click();
    expect((await saved).detail.kind).to.equal('incident');
    await waitFor(() => total(card, 'points') === '+6', 'scorecard after the incident');
    expect(textOf(incident)).to.contain('已记录：王芳 · 客户表扬');

    // another tab: a second connection to the same database
    const otherTab = await openStore({ name });
    await otherTab.recordEvent({ type: 'spot_check_failed', consultant: 'c01', at: new Date().toISOString() }, { by: 'm01' });
    await waitFor(() => total(card, 'points') === '+1', 'scorecard after the other tab');
    otherTab.close();
  });

  it('appeal: the consultant disputes a line, the manager rejects without reason (refused), then accepts; the line is reversed and both see the history', async () => {
    const { name, store } = await seeded();
    const mine = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
    await waitFor(() => total(mine, 'points') === '-30', 'consultant card');
    const group = $(mine, 'details[data-rule=praise]') as HTMLDetailsElement;
    group.open = true;
    const appealBtn = [...group.querySelectorAll('button')].find((b) => b.textContent!.trim() === '申诉')!;
    appealBtn.click();
    const reason = await waitFor(() => $(mine, '#appeal-reason') as HTMLTextAreaElement, 'appeal form');
    await waitFor(() => mine.shadowRoot!.activeElement === reason, 'focus in the reason');
    // empty reason is refused with the reason next to the field
    ($(mine, '.appeal-form button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(mine, '#appeal-error')!.textContent === '请填写申诉理由', 'reason required');
    await sendKeys({ type: '表扬记错了人' });
    const opened = new Promise<CustomEvent>((r) => document.addEventListener('rulecard-appeal', (e) => r(e), { once: true }));
    ($(mine, '.appeal-form button[type=submit]') as HTMLButtonElement).click();
    const ev = await opened;
    expect(ev.detail).to.include({ action: 'opened', rule: 'praise', consultant: 'c01' });
    await waitFor(() => $(mine, '.appeal[data-status=open]'), 'own appeal listed');
    expect(textOf(mine)).to.contain('理由：表扬记错了人');

    const manager = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'm01',
      role: 'manager',
      team: 't1',
      month: MONTH,
      database: name,
    });
    const open = await waitFor(() => $(manager, `[part=appeals] .appeal[data-status=open]`), 'open appeal for the manager');
    expect($(manager, '[part=appeals] h3')!.textContent).to.contain('待处理申诉 1 条');
    const [accept, reject] = [...open.querySelectorAll('button')];
    reject.click();
    await waitFor(() => $(manager, '#decision-error')!.textContent === '驳回时必须填写理由', 'rejection needs a reason');
    accept.click();
    await waitFor(() => $(manager, '.appeal[data-status=accepted]'), 'accepted');
    // the correction is a recorded event; the consultant's line is reversed
    const corrections = await store.listEvents({ consultant: 'c01' }, { from: `${MONTH}-01`, to: `${MONTH}-30` }, ['rulecard_correction']);
    expect(corrections).to.have.length(1);
    expect(corrections[0].attrs).to.include({ rule: 'praise', points: -6 });
    await waitFor(() => total(mine, 'points') === '-36', 'consultant card reversed');
    expect($(mine, 'details[data-rule=correction]')!.textContent).to.contain('更正：客户表扬');
    expect($(mine, '.appeal[data-status=accepted]')!.textContent).to.contain('张经理 于');
    // leaderboard (manager only): c02 +12 first, c01 −36 after the correction
    const rows = $$(manager, '[part=leaderboard] tbody tr').map((tr) => tr.dataset.consultant);
    expect(rows.slice(0, 2)).to.deep.equal(['c02', 'c01']);
  });

  it('closed month: an appeal accepted after the close leaves the frozen totals as they are and shows a note; the next month adjusts', async () => {
    const { name, store } = await seeded();
    // the consultant appeals the praise line, the manager closes November, then accepts the appeal
    const live = await store.score({ consultant: 'c01' }, { from: `${MONTH}-01`, to: `${MONTH}-30` });
    const praise = live.scorecards.consultants.c01.lines.find((l) => l.rule === 'praise')!;
    const appeal = await openAppeal(store, {
      consultant: 'c01',
      line: praise,
      period: { from: `${MONTH}-01`, to: `${MONTH}-30` },
      reason: '表扬记错了人',
      by: 'c01',
    });
    await store.closeMonth(MONTH, { by: 'm01' });
    const mine = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
    const manager = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'm01',
      role: 'manager',
      team: 't1',
      month: MONTH,
      database: name,
    });
    const open = await waitFor(() => $(manager, `[part=appeals] .appeal[data-appeal="${appeal.id}"][data-status=open]`), 'open appeal');
    (open.querySelector('button.primary') as HTMLButtonElement).click();
    await waitFor(() => $(mine, '.appeal[data-status=accepted]'), 'accepted, seen by the consultant');
    const frozen = await store.score({ consultant: 'c01' }, { from: `${MONTH}-01`, to: `${MONTH}-30` });
    expect(frozen.frozen).to.equal(true);
    expect(frozen.scorecards.consultants.c01.points).to.equal(-30);
    // the frozen totals are the snapshot's; the correction is a note, not a change
    const note = await waitFor(() => $(mine, '[data-note=pending-correction]'), 'pending-correction note');
    expect(note.textContent!.trim()).to.equal('已更正，计入下月调整');
    expect(total(mine, 'points')).to.equal('-30');
    expect(total(mine, 'money')).to.equal('-¥30.00');
    expect(textOf(mine)).to.contain('本月已结账');
    expect($(mine, 'details[data-rule=correction]')!.textContent).to.contain('更正：客户表扬');
    const cumulative = $$(mine, 'table.visually-hidden tbody tr').map((tr) => tr.lastElementChild!.textContent!.trim());
    expect(cumulative[cumulative.length - 1]).to.equal('-30');
    // leaderboard of the closed month: c01 still −30 (c02 +12, c01 −30)
    await waitFor(() => $(manager, '[part=leaderboard] tr[data-consultant=c01]'), 'leaderboard');
    expect($(manager, '[part=leaderboard] tr[data-consultant=c01] td:nth-child(3)')!.textContent!.trim()).to.equal('-30');
    // English
    const en = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name, lang: 'en' });
    const enNote = await waitFor(() => $(en, '[data-note=pending-correction]'), 'English note');
    expect(enNote.textContent!.trim()).to.equal("Corrected; counted in next month's adjustment");
    expect(total(en, 'points')).to.equal('-30');
    // payroll: December's adjustment line carries the correction
    const december = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: '2026-12', database: name });
    await waitFor(() => total(december, 'points') === '-6', 'December adjusted by the correction');
    expect($(december, '[data-note=pending-correction]')).to.equal(null);
  });

  it('month closing: a manager closes a past month (frozen), reopens it only with a reason; leads and unfinished months cannot', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c01', at: '2026-10-08T10:00:00+08:00' }, { by: 'm01' });
    const months: RulecardEventMap['rulecard-month'][] = [];
    const listen = (e: RulecardEvent<'rulecard-month'>) => months.push(e.detail);
    document.addEventListener('rulecard-month', listen);
    try {
      const manager = mount<RulecardScorecard>('rulecard-scorecard', {
        consultant: 'm01',
        role: 'manager',
        team: 't1',
        month: '2026-10',
        database: name,
      });
      const status = () => $(manager, '[part=closing] [data-month-status]');
      await waitFor(() => status()?.getAttribute('data-month-status') === 'open', 'open month');
      expect(status()!.textContent).to.contain('2026年10月尚未结账');
      ($(manager, 'button[data-action=close]') as HTMLButtonElement).click();
      const note = await waitFor(() => $(manager, '#closing-reason') as HTMLTextAreaElement, 'closing form');
      expect(manager.shadowRoot!.activeElement).to.equal(note);
      note.value = '10 月工资已发';
      ($(manager, '.closing-form button.primary') as HTMLButtonElement).click();
      await waitFor(() => status()?.getAttribute('data-month-status') === 'closed', 'closed');
      expect(status()!.textContent).to.contain('由 张经理 结账');
      await waitFor(() => textOf(manager).includes('本月已结账'), 'the card shows the snapshot');
      const record = await store.getMonth('2026-10');
      expect(record?.status).to.equal('closed');
      expect(record?.history.at(-1)).to.deep.include({ action: 'close', by: 'm01', reason: '10 月工资已发' });
      expect(months).to.deep.equal([{ action: 'closed', month: '2026-10' }]);

      // Reopening needs a reason, said next to the field.
      ($(manager, 'button[data-action=reopen]') as HTMLButtonElement).click();
      await waitFor(() => $(manager, '#closing-reason'), 'reopen form');
      ($(manager, '.closing-form button.primary') as HTMLButtonElement).click();
      await waitFor(() => $(manager, '#closing-error')?.textContent === '请填写重新打开的原因', 'reason required');
      expect($(manager, '#closing-reason')!.getAttribute('aria-invalid')).to.equal('true');
      expect((await store.getMonth('2026-10'))?.status).to.equal('closed');
      ($(manager, '#closing-reason') as HTMLTextAreaElement).value = '漏记一次表扬';
      ($(manager, '.closing-form button.primary') as HTMLButtonElement).click();
      await waitFor(() => status()?.getAttribute('data-month-status') === 'open', 'reopened');
      expect((await store.getMonth('2026-10'))?.history.at(-1)).to.deep.include({ action: 'reopen', by: 'm01', reason: '漏记一次表扬' });
      expect(months.at(-1)).to.deep.equal({ action: 'reopened', month: '2026-10' });

      // A lead sees the board but not the closing; a month not over cannot be closed yet.
      const lead = mount<RulecardScorecard>('rulecard-scorecard', {
        consultant: 'm01',
        role: 'lead',
        team: 't1',
        month: '2026-10',
        database: name,
      });
      await waitFor(() => $(lead, '[part=leaderboard]'), 'lead board');
      expect($(lead, '[part=closing]')).to.equal(null);
      const today = todayShanghai();
      const current = mount<RulecardScorecard>('rulecard-scorecard', {
        consultant: 'm01',
        role: 'manager',
        team: 't1',
        month: today.slice(0, 7),
        database: name,
      });
      const button = await waitFor(() => $(current, 'button[data-action=close]') as HTMLButtonElement, 'close button of this month');
      const lastDay = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
      expect(button.disabled).to.equal(today < lastDay);
      if (today < lastDay) expect($(current, '[data-month-status]')!.textContent).to.contain('起可以结账');
    } finally {
      document.removeEventListener('rulecard-month', listen);
    }
  });

  it('role checks: a consultant sees only their own scorecard and no leaderboard', async () => {
    const { name } = await seeded();
    const other = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'c01',
      role: 'consultant',
      'for-consultant': 'c02',
      month: MONTH,
      database: name,
    });
    const teamOfConsultant = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'c01',
      role: 'consultant',
      team: 't1',
      month: MONTH,
      database: name,
    });
    await other.updateComplete;
    await teamOfConsultant.updateComplete;
    expect(textOf(other)).to.equal('您没有查看此内容的权限');
    expect(textOf(teamOfConsultant)).to.equal('您没有查看此内容的权限');
    const own = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
    await waitFor(() => total(own, 'points'), 'own card');
    expect($(own, '[part=leaderboard]')).to.equal(null);
    const lead = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'm01',
      role: 'manager',
      'for-consultant': 'c02',
      month: MONTH,
      database: name,
    });
    await waitFor(() => total(lead, 'points') === '+12', 'manager sees c02');
    await waitFor(() => $(lead, '[part=leaderboard]'), 'leaderboard');
    const team = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'm01',
      role: 'manager',
      team: 't1',
      month: MONTH,
      database: name,
    });
    await waitFor(() => total(team, 'points') === '-12', 'team ledger (the rude threshold)');
    expect($(team, 'h2')!.textContent).to.equal('网络咨询组 · 2026年11月 绩效');
    // the team card reads the events behind a line when it is expanded
    const rude = $(team, 'details[data-rule=rude_attitude]') as HTMLDetailsElement;
    rude.open = true;
    (rude.querySelector('button[aria-expanded]') as HTMLButtonElement).click();
    await waitFor(() => rude.querySelector('table.events')?.textContent?.includes('顾客投诉语气生硬'), 'team line events');
    expect(rude.querySelectorAll('table.events tbody tr')).to.have.length(3);
    expect(rude.querySelector('table.events')!.textContent).to.contain('态度无礼'); // the event type named by its rule
    expect(rude.querySelector('table.events [data-type=rude_attitude]')!.getAttribute('title')).to.equal(null);
  });

  it("exports the team's lines for payroll as CSV; the page may take the file instead of a download", async () => {
    const { name } = await seeded();
    const team = mount<RulecardScorecard>('rulecard-scorecard', {
      consultant: 'm01',
      role: 'manager',
      team: 't1',
      month: MONTH,
      database: name,
    });
    await waitFor(() => total(team, 'points') === '-12', 'team card');
    const button = await waitFor(
      () => $(team, '[part=leaderboard]') && ($(team, 'button[data-action=export]') as HTMLButtonElement),
      'export button',
    );
    expect(button.textContent!.trim()).to.equal('导出明细（CSV，用于工资核算）');
    const taken: RulecardEventMap['rulecard-export'][] = [];
    const take = (e: RulecardEvent<'rulecard-export'>) => {
      e.preventDefault(); // the page keeps the file: no download
      taken.push(e.detail);
    };
    document.addEventListener('rulecard-export', take);
    try {
      button.click();
      await waitFor(() => taken.length === 1, 'export event');
    } finally {
      document.removeEventListener('rulecard-export', take);
    }
    const [detail] = taken;
    expect(detail.kind).to.equal('score-csv');
    expect(detail.filename).to.equal(`绩效明细-网络咨询组-${MONTH}.csv`);
    expect(detail.team).to.equal('t1');
    expect(detail.period).to.deep.equal({ from: `${MONTH}-01`, to: `${MONTH}-30` });
    expect(detail.csv.startsWith('\uFEFF类型,编号,姓名/小组')).to.equal(true);
    // every ledger of the board with its total and its lines, the team's too
    expect(detail.csv).to.contain('集体,t1,网络咨询组,合计');
    expect(detail.csv).to.contain('个人,c01,');
    expect(detail.csv).to.contain(',rude_attitude,');
  });

  it('shows flags by label (id in a tooltip), a dash for the points of money-only lines, and English names for Chinese-labelled rules', async () => {
    const { compile } = await import('@rulecard/dsl');
    const { name, store } = await freshStore();
    const source = [
      'rude_attitude "态度无礼": -8 per; >=1 => flag written_warning, flag late_for_training',
      'phone_visit "电话咨询到院挂号就诊" on visit: 10 yuan per',
    ].join('\n');
    const { rulebook, diagnostics } = compile(source);
    expect(diagnostics).to.deep.equal([]);
    await store.publishRulebook({ source, compiled: rulebook!, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c01', at: at(3) }, { by: 'm01' });
    await store.recordEvent({ type: 'visit', consultant: 'c01', at: at(4) }, { by: 'm01' });
    const zh = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name });
    await waitFor(() => total(zh, 'points') === '-8', 'zh card');
    const flags = $$(zh, '[data-total=flags] .flag');
    expect(flags.map((f) => f.textContent)).to.deep.equal(['书面警告', 'Late for training']);
    expect(flags.map((f) => f.getAttribute('title'))).to.deep.equal(['written_warning', 'late_for_training']);
    const visit = $(zh, 'details[data-rule=phone_visit] summary')!;
    expect(visit.querySelector('.rule')!.textContent).to.equal('电话咨询到院挂号就诊');
    expect(visit.querySelector('.points [aria-hidden=true]')!.textContent).to.equal('—');
    expect(visit.querySelector('.points .visually-hidden')!.textContent).to.equal('不计分');
    expect(visit.querySelector('.money')!.textContent).to.equal('+¥10.00');
    expect($(zh, 'details[data-rule=rude_attitude] summary .points')!.textContent).to.equal('-8');

    const en = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month: MONTH, database: name, lang: 'en' });
    await waitFor(() => total(en, 'points') === '-8', 'en card');
    const rule = $(en, 'details[data-rule=phone_visit] summary .rule')!;
    expect(rule.textContent).to.equal('Phone visit');
    expect(rule.getAttribute('title')).to.equal('电话咨询到院挂号就诊');
    expect($$(en, '[data-total=flags] .flag').map((f) => f.textContent)).to.deep.equal(['Written warning', 'Late for training']);
  });

  it('test fixture: the compiled JSON these tests use is exactly what the compiler emits for its source', async () => {
    const { compile } = await import('@rulecard/dsl'); // tests only: the scorecard itself never loads the parser
    const { rulebook, diagnostics } = compile(RULEBOOK.rules.map((r) => r.text).join('\n'));
    expect(diagnostics).to.deep.equal([]);
    const strip = (rules: typeof RULEBOOK.rules) =>
      rules.map(({ range: _r, clauses, ...rest }) => ({ ...rest, clauses: clauses.map(({ range: _c, ...c }) => c) }));
    expect(strip(rulebook!.rules)).to.deep.equal(strip(RULEBOOK.rules));
  });

  it('tells a consultant to ask for a rulebook while none is in effect (first run), then shows a day', async () => {
    const { name, store } = await freshStore();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', day: '2026-11-03', database: name });
    await waitFor(() => $(el, '[part="first-run"]'), 'the first-run guidance');
    expect(textOf(el)).to.equal('系统还没有设置好 请联系管理者完成以下设置： 今天没有生效的考评规则：请管理者发布考评规则。');
    await publish(store);
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c01', at: at(3) }, { by: 'm01' });
    await waitFor(() => total(el, 'points') === '-8', 'day card after publishing');
    expect($(el, 'h2')!.textContent).to.equal('王芳 · 2026年11月3日 绩效');
  });
});

async function typeNote(el: Element, text: string): Promise<void> {
  ($(el, '#f-note') as HTMLTextAreaElement).focus();
  await sendKeys({ type: text });
}
