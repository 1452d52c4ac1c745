/**
 * The editor's room to write (issue 12, problem 8): long rules wrap instead of running out of the pane, and
 * the split between the editor and its side panel can be moved, by keyboard and by pointer.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../src/editor/index.js';
import type { RulecardEditor } from '../src/editor/index.js';
import { $, waitFor } from './helpers.js';

const LONG = `phone_visit "电话咨询到院挂号就诊的顾客，按到院挂号的次数计算，每一位到院顾客都计入本人的业绩" on visit: 10 yuan per; >=20 => personal +50, team +20 # ${'很长的注释'.repeat(12)}`;

async function mountEditor(lang?: string): Promise<RulecardEditor> {
  const el = document.createElement('rulecard-editor');
  el.setAttribute('consultant', 'm01');
  el.setAttribute('role', 'manager');
  el.setAttribute('database', `editor-layout-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  if (lang) el.setAttribute('lang', lang);
  document.body.append(el);
  await waitFor(() => $(el, '.cm-content')?.getAttribute('aria-readonly') === 'false', 'the text to load');
  return el;
}

const width = (el: Element, selector: string) => $(el, selector)!.getBoundingClientRect().width;

describe('<rulecard-editor>: room to write', () => {
  before(() => setViewport({ width: 1280, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => document.body.replaceChildren());

  it('wraps a long rule inside the pane instead of scrolling it out of sight', async () => {
    const el = await mountEditor();
    el.value = LONG;
    await el.updateComplete;
    const scroller = $(el, '.cm-scroller')!;
    await waitFor(() => $(el, '.cm-line'), 'the line');
    expect(scroller.scrollWidth, 'no horizontal scroll').to.be.at.most(scroller.clientWidth + 1);
    const line = $(el, '.cm-line')!;
    const lineHeight = parseFloat(getComputedStyle(line).lineHeight);
    expect(line.getBoundingClientRect().height, 'the rule takes several lines').to.be.greaterThan(lineHeight * 1.5);
  });

  it('moves the split between editor and side panel with the arrow keys, Home and End', async () => {
    const el = await mountEditor();
    const splitter = $(el, '[role=separator]')!;
    expect(splitter.getAttribute('aria-orientation')).to.equal('vertical');
    expect(splitter.getAttribute('aria-label')).to.equal('调整编辑区与侧栏的宽度');
    expect(splitter.getAttribute('aria-controls')).to.equal('editor-main');
    expect([
      splitter.getAttribute('aria-valuemin'),
      splitter.getAttribute('aria-valuenow'),
      splitter.getAttribute('aria-valuemax'),
    ]).to.deep.equal(['30', '60', '80']);
    const before = width(el, '.main');
    splitter.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => splitter.getAttribute('aria-valuenow') === '65', '65');
    expect(width(el, '.main')).to.be.greaterThan(before);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => splitter.getAttribute('aria-valuenow') === '55', '55');
    expect(width(el, '.main')).to.be.lessThan(before);
    await sendKeys({ press: 'Home' });
    await waitFor(() => splitter.getAttribute('aria-valuenow') === '30', 'the minimum');
    await sendKeys({ press: 'End' });
    await waitFor(() => splitter.getAttribute('aria-valuenow') === '80', 'the maximum');
    el.setAttribute('lang', 'en');
    await waitFor(() => splitter.getAttribute('aria-label') === 'Resize the editor and the side panel', 'English label');
  });

  it('moves the split by dragging it', async () => {
    const el = await mountEditor();
    const splitter = $(el, '[role=separator]')!;
    const layout = $(el, '.layout')!.getBoundingClientRect();
    const s = splitter.getBoundingClientRect();
    const y = Math.round(s.top + s.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(s.left + s.width / 2), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(layout.left + layout.width * 0.4), y] });
    await sendMouse({ type: 'up' });
    await waitFor(() => Math.abs(Number(splitter.getAttribute('aria-valuenow')) - 40) <= 1, 'dragged to 40%');
    const main = $(el, '.main')!.getBoundingClientRect();
    expect(Math.abs(main.right - (layout.left + layout.width * 0.4)), 'the editor ends at the pointer').to.be.lessThan(layout.width * 0.03);
  });
});
