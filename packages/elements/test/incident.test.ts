import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/incident/index.js';
import type { RulecardIncident } from '../src/incident/incident.js';
import { $, freshStore, mount, publish, textOf, todayShanghai, waitFor } from './helpers.js';

describe('<rulecard-incident>', () => {
  afterEach(() => document.body.replaceChildren());

  it('offers the event types of the published rulebook and the roster, and stores what the manager records', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const el = mount<RulecardIncident>('rulecard-incident', { consultant: 'm01', role: 'manager', database: name });
    const type = await waitFor(() => $(el, '#f-type') as HTMLSelectElement, 'form');
    expect([...type.options].map((o) => o.value)).to.deep.equal(['', 'rude_attitude', 'praise', 'spot_check_failed']);
    expect([...type.options][2].textContent).to.equal('客户表扬 (praise)');
    const who = $(el, '#f-consultant') as HTMLSelectElement;
    expect([...who.options].map((o) => o.value)).to.include.members(['c01', 'c02']);
    // submit empty: reasons next to the fields, focus on the first
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '#e-type')!.textContent === '此项必填', 'type required');
    expect($(el, '#e-consultant')!.textContent).to.equal('此项必填');
    expect(el.shadowRoot!.activeElement).to.equal(type);
    // keyboard: arrow through the pickers
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(type.value).to.equal('praise');
    expect(who.value).to.equal('c01');
    ($(el, '#f-note') as HTMLTextAreaElement).focus();
    await sendKeys({ type: '顾客送锦旗' });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    // the preview says what the event will earn, per event, in points and money (1 point = ¥1 here)
    const effect = $(el, '[part=effect]')!;
    expect(effect.querySelector('[data-cost]')!.textContent).to.equal('每次 +6 分（+¥6.00）');
    expect(effect.querySelector('pre')!.textContent).to.equal('praise "客户表扬": +6 per');
    await waitFor(() => textOf(el).includes('已记录：王芳 · 客户表扬'), 'saved notice');
    const events = await store.listEvents({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() });
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ type: 'praise', consultant: 'c01', note: '顾客送锦旗', recordedBy: 'm01' });
  });

  it('is for leads and managers only, and English on lang="en"', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const c = mount<RulecardIncident>('rulecard-incident', { consultant: 'c01', role: 'consultant', database: name });
    await c.updateComplete;
    expect(textOf(c)).to.equal('您没有查看此内容的权限');
    const en = mount<RulecardIncident>('rulecard-incident', { consultant: 'm01', role: 'lead', database: name, lang: 'en' });
    await waitFor(() => $(en, '#f-type'), 'form');
    expect($(en, 'h2')!.textContent).to.equal('Record an event');
    expect($(en, 'label[for=f-type]')!.textContent).to.contain('Event type');
    // English names for the Chinese-labelled rules, and the per-event cost in English
    const type = $(en, '#f-type') as HTMLSelectElement;
    expect([...type.options][1].textContent).to.equal('Rude attitude (rude_attitude)');
    type.value = 'rude_attitude';
    type.dispatchEvent(new Event('change'));
    await en.updateComplete;
    const effect = $(en, '[part=effect]')!;
    expect(effect.querySelector('strong')!.textContent).to.equal('Rude attitude');
    expect(effect.querySelector('strong')!.getAttribute('title')).to.equal('态度无礼');
    expect(effect.querySelector('[data-cost]')!.textContent).to.equal('-8 points (-¥8.00) each time');
  });

  it('refuses a time in the future with the reason next to the field', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const el = mount<RulecardIncident>('rulecard-incident', { consultant: 'm01', role: 'manager', database: name });
    const type = await waitFor(() => $(el, '#f-type') as HTMLSelectElement, 'form');
    type.value = 'praise';
    type.dispatchEvent(new Event('change'));
    const who = $(el, '#f-consultant') as HTMLSelectElement;
    who.value = 'c02';
    who.dispatchEvent(new Event('change'));
    const when = $(el, '#f-at') as HTMLInputElement;
    when.value = '2099-01-01T10:00';
    when.dispatchEvent(new Event('input'));
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '#e-at')!.textContent === '发生时间不能晚于现在', 'future refused');
    expect(when.getAttribute('aria-describedby')).to.equal('e-at');
    expect(await store.listEvents({ all: true }, { from: '2000-01-01', to: '2100-12-31' })).to.have.length(0);
  });
});
