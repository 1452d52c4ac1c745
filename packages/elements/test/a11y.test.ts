/**
 * Accessibility of the four elements in real headless Chromium: axe-core's
 * WCAG 2.0 / 2.1 / 2.2 A and AA rules (colour contrast included) over each
 * element's open shadow root, in zh-CN and in English, with realistic state
 * on screen (errors after an invalid submit, expanded lines, a diagnostic);
 * and the keyboard paths the rules cannot see (tab order, expand/collapse).
 *
 * Failure output names rule ids, CSS selectors and axe's own summaries only:
 * never the HTML of a node, so no customer data can reach the log.
 */
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
// axe-core ships a UMD bundle; imported as an ES module it installs itself as `window.axe`.
import 'axe-core';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import '../src/call-log/index.js';
import '../src/scorecard/index.js';
import '../src/incident/index.js';
import '../src/editor/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import type { RulecardIncident } from '../src/incident/incident.js';
import type { RulecardEditor } from '../src/editor/index.js';
import { $, $$, callLogReady, freshStore, mount, publish, todayShanghai, waitFor } from './helpers.js';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

/** A node of Chromium's accessibility tree as puppeteer serialises it (the fields used here). */
interface AxNode {
  role?: string;
  name?: string;
  description?: string;
  invalid?: string;
  children?: AxNode[];
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGS = ['zh-CN', 'en'] as const;

/** One line per failing node: rule id, impact, selector path (through shadow roots) and axe's summary. */
function report(violations: Result[]): string {
  return violations
    .map((v) =>
      [
        `${v.id} [${v.impact ?? 'n/a'}] ${v.help}`,
        ...v.nodes.map((n) => `  at ${JSON.stringify(n.target)}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Runs axe over `el` (its open shadow root included) with the WCAG A/AA tags; fails with a report of every violation. */
async function expectNoViolations(el: Element, what: string): Promise<void> {
  expect(window.axe, 'axe-core loaded').to.be.an('object');
  const results: AxeResults = await window.axe.run(el, {
    runOnly: { type: 'tag', values: WCAG_TAGS },
    resultTypes: ['violations', 'incomplete'],
  });
  const ran = [...results.passes, ...results.violations].map((r) => r.id);
  expect(ran, `${what}: colour contrast was checked`).to.include('color-contrast');
  const violations = results.violations.map(withoutKnownExceptions).filter((v) => v.nodes.length > 0);
  expect(
    violations.map((v) => v.id),
    `${what}: axe found\n${report(violations)}`,
  ).to.deep.equal([]);
  // "needs review" is a finding too (e.g. aria-label on an element that cannot be named), except what has been
  // reviewed: a contrast axe cannot compute (text over CodeMirror's wavy-underline background image), and the
  // label of a button whose only visible text is the symbol × (CodeMirror's "close": a symbol is not text
  // for WCAG 2.5.3 Label in Name).
  const reviewed = (r: Result, n: NodeResult) =>
    r.id === 'color-contrast' || (r.id === 'label-content-name-mismatch' && />\s*×\s*<\/button>$/.test(n.html));
  const review = results.incomplete.map((r) => ({ ...r, nodes: r.nodes.filter((n) => !reviewed(r, n)) })).filter((r) => r.nodes.length);
  expect(
    review.map((r) => r.id),
    `${what}: axe needs review of\n${report(review)}`,
  ).to.deep.equal([]);
}

/**
 * The known exceptions, each limited to exactly the nodes it is about:
 *
 * - `aria-roles` on the host: the portal contract names the signed-in user's role with the host's `role`
 *   attribute (`role="manager"`, see shared/base.ts). It is the embedding page's markup, and Chromium
 *   ignores a role token it does not know.
 * - `nested-interactive` in CodeMirror's lint panel (@codemirror/lint 6.9.8, the latest): each diagnostic is
 *   a listbox option holding its fix buttons. The panel is usable by keyboard (arrows select, the underlined
 *   letter applies a fix, and the option's name carries the button's label); the structure is upstream's.
 *   (Matched on axe's copy of the nodes: CodeMirror rebuilds the panel's items, with new ids, on every check.)
 */
function withoutKnownExceptions(v: Result): Result {
  const excused = (n: NodeResult): boolean => {
    if (v.id === 'aria-roles') {
      const host = n.target.length === 1 && typeof n.target[0] === 'string' ? document.querySelector(n.target[0]) : null;
      return !!host && /^rulecard-/.test(host.localName) && ['consultant', 'lead', 'manager'].includes(host.getAttribute('role') ?? '');
    }
    if (v.id === 'nested-interactive') {
      const related = n.any.flatMap((c) => c.relatedNodes ?? []);
      return (
        /^<li class="cm-diagnostic cm-diagnostic-\w+"[^>]* role="option"/.test(n.html) &&
        related.length > 0 &&
        related.every((r) => /^<button type="button" class="cm-diagnosticAction"/.test(r.html))
      );
    }
    return false;
  };
  return { ...v, nodes: v.nodes.filter((n) => !excused(n)) };
}

/** Mounts `tag` inside a wrapper carrying `lang` (the elements inherit the closest ancestor's language). */
function mountIn<T extends HTMLElement>(lang: string, tag: string, attrs: Record<string, string>): T {
  const wrap = document.createElement('div');
  wrap.setAttribute('lang', lang);
  document.body.append(wrap);
  return mount<T>(tag, attrs, wrap);
}

// ------------------------------------------------------------------ data (no real-looking personal data)

/** Last month (Shanghai): every seeded event is in the past whatever the time of day. */
const MONTH = (() => {
  const [y, m] = todayShanghai().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const at = (day: number, hm = '10:00') => `${MONTH}-${String(day).padStart(2, '0')}T${hm}:00+08:00`;

async function seededScores() {
  const s = await freshStore();
  await publish(s.store);
  const rec = (type: string, consultant: string, when: string, note?: string) =>
    s.store.recordEvent({ type, consultant, at: when, note }, { by: 'm01' });
  await rec('rude_attitude', 'c01', at(1, '09:00'), '测试备注一');
  await rec('rude_attitude', 'c01', at(1, '11:00'));
  await rec('rude_attitude', 'c01', at(1, '15:00'));
  await rec('praise', 'c01', at(1, '16:00'), '测试备注二');
  await rec('praise', 'c02', at(1, '17:00'));
  return s;
}

async function seededCallLogs() {
  const s = await freshStore();
  const base = { date: todayShanghai(), consultant: 'c01', booked: false };
  await s.store.createCallLog(
    {
      ...base,
      time: '00:00',
      channel: 'wechat',
      customerName: '测试客户甲',
      contact: 'test_user_01',
      age: 30,
      region: '测试区',
      source: '测试来源',
      project: '测试项目',
      question: '测试问题',
      answer: '测试回答',
      followUpPromised: true,
    },
    { by: 'c01' },
  );
  await s.store.createCallLog(
    { ...base, time: '00:00', channel: 'phone', customerName: '测试客户乙', followUpPromised: false },
    { by: 'c01' },
  );
  return s;
}

/** Call log with the form as the user sees it after an invalid submit: errors, warnings, the summary; the list and stats. */
async function callLogWithErrors(lang: string): Promise<RulecardCallLog> {
  const { name } = await seededCallLogs();
  const el = mountIn<RulecardCallLog>(lang, 'rulecard-call-log', { consultant: 'c01', role: 'consultant', database: name });
  await callLogReady(el);
  ($(el, '#f-customerName') as HTMLInputElement).focus();
  await sendKeys({ type: '测试' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: 'abc' }); // not a contact
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '200' }); // not an age
  await sendKeys({ press: 'Tab' }); // region left empty: a warning
  await sendKeys({ press: 'Tab' });
  ($(el, '#f-booked') as HTMLInputElement).click();
  ($(el, '#f-followUpPromised') as HTMLInputElement).click();
  await el.updateComplete;
  ($(el, 'button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '.summary'), 'the error summary');
  await waitFor(() => $(el, '#w-region'), 'the missing-field warning');
  await waitFor(() => $$(el, 'td.customer').length === 2 && $(el, '[id=w-total]'), 'the list and the stats');
  await waitFor(() => $(el, '[part=reminder]'), 'the follow-up reminder');
  // an entry's edit history open below the list
  $$(el, 'td button')
    .find((b) => b.getAttribute('aria-label')?.startsWith(lang === 'en' ? 'History' : '修改记录'))!
    .click();
  await waitFor(() => $(el, '[part=history] li, [part=history] p.status:not([role])'), 'the history');
  return el;
}

const total = (el: Element) => $(el, '[data-total=points]')?.textContent?.trim();

/** A consultant's card: every group open, a line's events expanded, one appeal filed and another refused for lack of a reason. */
async function consultantCard(lang: string): Promise<RulecardScorecard> {
  const { name } = await seededScores();
  const el = mountIn<RulecardScorecard>(lang, 'rulecard-scorecard', {
    consultant: 'c01',
    role: 'consultant',
    month: MONTH,
    database: name,
  });
  await waitFor(() => total(el), 'totals');
  await waitFor(() => $(el, 'svg[part=trend]'), 'the trend');
  for (const d of $$(el, 'details')) (d as HTMLDetailsElement).open = true;
  // file an appeal on the praise line
  const appealOn = (rule: string) =>
    [...$(el, `details[data-rule=${rule}]`)!.querySelectorAll('button')].find((b) => !b.hasAttribute('aria-expanded'))!;
  appealOn('praise').click();
  const reason = await waitFor(() => $(el, '#appeal-reason') as HTMLTextAreaElement, 'the appeal form');
  reason.value = '测试理由';
  ($(el, '.appeal-form button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '.appeal[data-status=open]'), 'the appeal listed');
  // start another and submit it empty: the reason's error is on screen
  await waitFor(() => !$(el, '#appeal-reason'), 'the first appeal form closed');
  appealOn('rude_attitude').click();
  await waitFor(() => $(el, '#appeal-reason'), 'the second appeal form');
  ($(el, '.appeal-form button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '#appeal-error')?.textContent, 'the reason error');
  for (const b of $$(el, 'button[aria-expanded=false]')) b.click();
  await waitFor(() => $(el, 'table.events tbody tr'), 'the events of the lines');
  await el.updateComplete;
  return el;
}

/** A manager's view of the team: the card, the leaderboard, an accepted and an open appeal. */
async function managerCard(lang: string): Promise<RulecardScorecard> {
  const { name } = await seededScores();
  const mine = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
  await waitFor(() => total(mine), 'consultant totals');
  for (const [i, rule] of ['praise', 'rude_attitude'].entries()) {
    const group = await waitFor(() => $(mine, `details[data-rule=${rule}]`) as HTMLDetailsElement, rule);
    group.open = true;
    [...group.querySelectorAll('button')].find((b) => !b.hasAttribute('aria-expanded'))!.click();
    const reason = await waitFor(() => $(mine, '#appeal-reason') as HTMLTextAreaElement, 'the appeal form');
    reason.value = '测试理由';
    ($(mine, '.appeal-form button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $$(mine, '.appeal[data-status=open]').length === i + 1, 'the appeal filed');
  }
  mine.remove();
  const el = mountIn<RulecardScorecard>(lang, 'rulecard-scorecard', {
    consultant: 'm01',
    role: 'manager',
    team: 't1',
    month: MONTH,
    database: name,
  });
  await waitFor(() => total(el), 'team totals');
  const first = await waitFor(() => $(el, '[part=appeals] .appeal[data-status=open]'), 'the open appeals');
  [...first.querySelectorAll('button')][0].click(); // accept: a correction line
  await waitFor(() => $(el, '[part=appeals] .appeal[data-status=accepted]'), 'the accepted appeal');
  const open = $(el, '[part=appeals] .appeal[data-status=open]')!;
  [...open.querySelectorAll('button')][1].click(); // reject without a reason: the error shows
  await waitFor(() => $(el, '#decision-error')?.textContent, 'the decision error');
  for (const d of $$(el, 'details')) (d as HTMLDetailsElement).open = true;
  await el.updateComplete;
  return el;
}

/** The incident form after a save and a second, incomplete submit: the effect preview, an error, the recent list. */
async function incidentWithError(lang: string): Promise<RulecardIncident> {
  const { name, store } = await freshStore();
  await publish(store);
  const el = mountIn<RulecardIncident>(lang, 'rulecard-incident', { consultant: 'm01', role: 'manager', database: name });
  const type = await waitFor(() => $(el, '#f-type') as HTMLSelectElement, 'the form');
  const choose = (select: HTMLSelectElement, value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };
  choose(type, 'praise');
  choose($(el, '#f-consultant') as HTMLSelectElement, 'c02');
  ($(el, 'button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '[part=recent] li'), 'the recent list');
  choose(type, 'rude_attitude');
  choose($(el, '#f-consultant') as HTMLSelectElement, '');
  ($(el, 'button[type=submit]') as HTMLButtonElement).click();
  await waitFor(() => $(el, '#e-consultant')?.textContent, 'the consultant error');
  await el.updateComplete;
  return el;
}

/** The editor with a rulebook that has a typo (an error diagnostic with its squiggle, the lint panel open by keyboard). */
async function editorWithDiagnostic(lang: string): Promise<RulecardEditor> {
  const el = mountIn<RulecardEditor>(lang, 'rulecard-editor', {
    consultant: 'm01',
    role: 'manager',
    database: `a11y-editor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
  });
  await waitFor(() => $(el, '.cm-content')?.getAttribute('aria-readonly') === 'false', 'the text to load');
  el.value = ['# 测试规则', 'praise "客户表扬": +6 per', 'rude_attitude: -8 per; >2 => personel -12'].join('\n');
  await waitFor(() => $(el, '.cm-lintRange-error'), 'the squiggle');
  await waitFor(() => !/检查中|Checking/.test($(el, '.problems')?.textContent ?? ''), 'the check');
  $(el, '.cm-content')!.focus();
  await sendKeys({ down: 'Control' }); // Ctrl+Shift+M: CodeMirror's lint panel
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'KeyM' });
  await sendKeys({ up: 'Shift' });
  await sendKeys({ up: 'Control' });
  await waitFor(() => $(el, '.cm-panel.cm-panel-lint li'), 'the lint panel');
  await el.updateComplete;
  return el;
}

describe('accessibility (axe-core, WCAG 2.2 A/AA)', function () {
  this.timeout(60000);
  afterEach(() => document.body.replaceChildren());

  for (const lang of LANGS) {
    it(`<rulecard-call-log> with validation errors, warnings, list and stats (${lang})`, async () => {
      const el = await callLogWithErrors(lang);
      await expectNoViolations(el, `call-log ${lang}`);
    });

    it(`<rulecard-scorecard> of a consultant: lines, events, appeals (${lang})`, async () => {
      const el = await consultantCard(lang);
      await expectNoViolations(el, `scorecard ${lang}`);
    });

    it(`<rulecard-scorecard> of a team for a manager: leaderboard, open appeal (${lang})`, async () => {
      const el = await managerCard(lang);
      await expectNoViolations(el, `scorecard (manager) ${lang}`);
    });

    it(`<rulecard-incident> with an error and the effect preview (${lang})`, async () => {
      const el = await incidentWithError(lang);
      await expectNoViolations(el, `incident ${lang}`);
    });

    it(`<rulecard-editor> with a diagnostic (${lang})`, async () => {
      const el = await editorWithDiagnostic(lang);
      await expectNoViolations(el, `editor ${lang}`);
      for (const tab of ['what-if', 'history']) {
        ($(el, `[data-tab=${tab}]`) as HTMLButtonElement).click();
        await waitFor(() => $(el, `#panel-${tab}`) && !$(el, `#panel-${tab} [role=status]`), `the ${tab} tab`);
        await expectNoViolations(el, `editor ${lang}, ${tab} tab`);
      }
    });
  }
});

describe('keyboard and screen reader paths', function () {
  this.timeout(30000);
  afterEach(() => document.body.replaceChildren());

  it('call log: Tab walks the form fields in visual order (top to bottom, then left to right within a row)', async () => {
    const { name } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    ($(el, '#f-booked') as HTMLInputElement).click(); // booking fields shown too
    await el.updateComplete;
    const form = $(el, 'form')!;
    const first = form.querySelector<HTMLElement>('input, select, textarea, button')!;
    first.focus();
    const visited: HTMLElement[] = [];
    for (let i = 0; i < 80; i++) {
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!active || !form.contains(active)) break;
      if (visited[visited.length - 1] !== active) visited.push(active); // date/time inputs take a Tab per segment
      await sendKeys({ press: 'Tab' });
    }
    const ids = visited.map((v) => v.id || `${v.localName}${v.getAttribute('type') ? `[type=${v.getAttribute('type')}]` : ''}`);
    // every field is reached, each once
    expect(ids).to.deep.equal([
      'f-date',
      'f-time',
      'f-channel',
      'f-customerName',
      'f-contact',
      'f-age',
      'f-region',
      'f-source',
      'f-project',
      'f-question',
      'f-answer',
      'f-booked',
      'f-bookingAt',
      'f-bookingExpert',
      'f-followUpPromised',
      'f-visitedAt',
      'f-surgeryFee',
      'f-recordingRef',
      'f-note',
      'button[type=submit]',
      'button[type=button]',
    ]);
    // and in the order they are laid out: each field below the previous one, or on the same row to its right
    const boxes = visited.map((v) => (v.closest('.field') ?? v).getBoundingClientRect());
    for (let i = 1; i < boxes.length; i++) {
      const [a, b] = [boxes[i - 1], boxes[i]];
      const sameRow = Math.abs(a.top - b.top) < 2;
      expect(sameRow ? b.left > a.left : b.top > a.top, `${ids[i]} comes after ${ids[i - 1]} on screen`).to.equal(true);
    }
  });

  it('call log: each invalid field is aria-invalid and described by its error text, as Chromium exposes it to screen readers', async () => {
    const { name } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await callLogReady(el);
    const channel = $(el, '#f-channel') as HTMLSelectElement; // chosen: the invalid fields are the three below
    channel.value = 'phone';
    channel.dispatchEvent(new Event('change', { bubbles: true }));
    ($(el, '#f-contact') as HTMLInputElement).focus();
    await sendKeys({ type: 'abc' });
    ($(el, '#f-surgeryFee') as HTMLInputElement).focus();
    await sendKeys({ type: '-5' });
    const time = $(el, '#f-time') as HTMLInputElement;
    time.value = '';
    time.dispatchEvent(new Event('input', { bubbles: true }));
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.summary'), 'the error summary');
    const invalid = $$(el, '[aria-invalid=true]');
    expect(invalid.map((f) => f.id)).to.deep.equal(['f-time', 'f-contact', 'f-surgeryFee']);
    const root = el.shadowRoot!;
    for (const field of invalid) {
      const name = field.id.slice(2);
      const error = root.getElementById(`e-${name}`)!;
      expect(error.textContent, `${field.id} has error text`).to.not.equal('');
      // every id it refers to exists in its own shadow root (IDREFs do not cross roots)
      const refs = field.getAttribute('aria-describedby')!.split(/\s+/);
      expect(refs[0], `${field.id} is described by its error first`).to.equal(`e-${name}`);
      for (const ref of refs.filter((r) => root.getElementById(r) === null)) {
        expect(ref, `${field.id}: a missing description is only the optional warning`).to.equal(`w-${name}`);
      }
    }
    // Chromium's accessibility tree: the error text is the field's description, the field is invalid
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode & { children: AxNode[] };
    const squash = (t: string) => t.replace(/\s+/g, '');
    for (const field of invalid) {
      const errorText = el.shadowRoot!.getElementById(`e-${field.id.slice(2)}`)!.textContent!;
      const label = el.shadowRoot!.querySelector(`label[for=${field.id}]`)!.cloneNode(true) as HTMLElement;
      for (const hidden of label.querySelectorAll('[aria-hidden=true]')) hidden.remove();
      const node = findAccessibilityNode<AxNode>(
        snapshot,
        (n) => n.role !== 'StaticText' && typeof n.name === 'string' && squash(n.name) === squash(label.textContent!),
      );
      expect(node, `${field.id} in the accessibility tree by its label`).to.not.equal(null);
      expect(node!.description, `${field.id}'s accessible description`).to.contain(errorText);
      expect(node!.invalid, `${field.id} exposed as invalid`).to.equal('true');
    }
    // the read-only consultant is named by its caption, not by its roster id
    const consultant = findAccessibilityNode<AxNode>(snapshot, (n) => n.role === 'status' && n.name === '咨询员');
    expect(consultant, 'the consultant output labelled 咨询员').to.not.equal(null);
  });

  it('scorecard: a line’s events open and close with Space and Enter on a button that reports aria-expanded', async () => {
    const { name } = await seededScores();
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', role: 'consultant', month: MONTH, database: name });
    await waitFor(() => total(el), 'totals');
    const group = $(el, 'details[data-rule=rude_attitude]') as HTMLDetailsElement;
    const summary = group.querySelector('summary')!;
    summary.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => group.open, 'the group opened with Space');
    const button = group.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    const controlled = () => el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(controlled()).to.equal(null);
    button.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => button.getAttribute('aria-expanded') === 'true', 'expanded with Space');
    expect(controlled()!.querySelectorAll(':scope > tbody > tr').length, 'the three events').to.equal(3);
    expect(el.shadowRoot!.activeElement, 'focus stays on the button').to.equal(button);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => button.getAttribute('aria-expanded') === 'false', 'collapsed with Enter');
    expect(controlled()).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    await sendKeys({ press: 'Space' });
    await waitFor(() => button.getAttribute('aria-expanded') === 'true', 'expanded again with Space');
    await sendKeys({ press: 'Space' });
    await waitFor(() => button.getAttribute('aria-expanded') === 'false', 'collapsed with Space');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !group.open, 'the group closed with Enter');
  });
});
