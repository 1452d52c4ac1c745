import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/call-log/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import { lastMonth, lastWeek } from '@rulecard/dsl/calendar';
import { $, $$, callLogReady, freshStore, mount, textOf, todayShanghai, waitFor } from './helpers.js';

const ready = callLogReady;

async function typeInto(el: Element, id: string, text: string): Promise<void> {
  const input = $(el, `#${id}`) as HTMLInputElement;
  input.focus();
  await sendKeys({ type: text });
}

/** Chooses 咨询方式 as a person does with the picker (the select's own change event). */
function chooseChannel(el: RulecardCallLog, channel: string): void {
  const select = $(el, '#f-channel') as HTMLSelectElement;
  select.value = channel;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Fills every registration field by keyboard: focus the first, then type and Tab through the form (咨询方式 is chosen apart). */
async function fillRequired(el: RulecardCallLog, name = '张三', contact = '13812345678'): Promise<void> {
  await typeInto(el, 'f-customerName', name);
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: contact });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '28' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '深圳' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '百度' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '双眼皮' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '费用多少' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '已介绍价格' });
}

describe('<rulecard-call-log>', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('speaks zh-CN by default with sensible defaults, and English when an ancestor says lang="en"', async () => {
    const { name } = await freshStore();
    const wrap = document.createElement('div');
    document.body.append(wrap);
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', role: 'consultant', database: name }, wrap);
    await ready(el);
    expect($(el, '#form-title')!.textContent).to.equal('咨询登记表');
    expect(($(el, '#f-date') as HTMLInputElement).value).to.equal(todayShanghai());
    expect(($(el, '#f-time') as HTMLInputElement).value).to.match(/^\d{2}:\d{2}$/);
    expect(($(el, '#f-channel') as HTMLSelectElement).value).to.equal(''); // chosen for each entry
    await waitFor(() => $(el, 'output')!.textContent === '王芳', 'the consultant by name');
    expect($(el, 'output')!.getAttribute('title')).to.equal('c01');
    expect($(el, 'label[for=f-contact]')!.textContent).to.contain('（必填）');
    wrap.setAttribute('lang', 'en');
    await waitFor(() => $(el, '#form-title')!.textContent === 'Consultation log', 'English title');
    expect($(el, 'label[for=f-contact]')!.textContent).to.contain('(required)');
    // once the form is being filled in, leaving a registration field empty warns (in English) that the entry
    // will count as not fully registered
    ($(el, '#f-region') as HTMLInputElement).focus();
    await sendKeys({ type: '深圳' });
    ($(el, '#f-customerName') as HTMLInputElement).focus();
    await sendKeys({ press: 'Tab' });
    await waitFor(
      () => $(el, '#w-customerName')?.textContent === "Not filled in: the entry will count as 'not fully registered'",
      'English warning',
    );
    expect($(el, '#f-customerName')!.getAttribute('aria-describedby')).to.equal('e-customerName w-customerName');
    // a present but invalid value blocks, with the reason in English
    await sendKeys({ type: 'abc' });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(
      () => $(el, '#e-contact')!.textContent === 'Enter a mobile or landline number, a WeChat id, a QQ number or an email',
      'English reason',
    );
    // the list's period tabs are a keyboard tablist (arrow keys move and select)
    ($(el, '#tab-today') as HTMLButtonElement).focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => $(el, '#tab-week')!.getAttribute('aria-selected') === 'true', 'week tab selected');
    expect(el.shadowRoot!.activeElement!.id).to.equal('tab-week');
  });

  it('blocks invalid values with each reason next to its field, in the user language, and focuses the first bad field', async () => {
    const { name } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    chooseChannel(el, 'phone');
    await typeInto(el, 'f-contact', '1381234567'); // 10 digits
    await typeInto(el, 'f-age', '130');
    ($(el, '#f-booked') as HTMLInputElement).click();
    await el.updateComplete;
    const booking = $(el, '#f-bookingAt') as HTMLInputElement; // a date picker: set as the picker does
    booking.value = '2020-01-01T09:30';
    booking.dispatchEvent(new Event('input', { bubbles: true }));
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.summary'), 'error summary');
    expect($(el, '#e-contact')!.textContent).to.equal('手机号应为 11 位数字，以 13–19 开头');
    expect($(el, '#e-age')!.textContent).to.equal('年龄应为 1–120 的整数');
    expect($(el, '#e-bookingAt')!.textContent).to.equal('预约时间应晚于现在');
    expect($(el, '.summary')!.textContent).to.equal('有 3 处需要修改，请查看标出的字段');
    // a merely missing field is not an error
    expect($(el, '#e-customerName')!.textContent).to.equal('');
    expect($(el, '#f-customerName')!.getAttribute('aria-invalid')).to.equal('false');
    const contact = $(el, '#f-contact')!;
    expect(contact.getAttribute('aria-invalid')).to.equal('true');
    expect(contact.getAttribute('aria-describedby')).to.match(/^e-contact\b/);
    expect(el.shadowRoot!.activeElement).to.equal(contact);
    // nothing stored
    const { store } = await freshStoreFor(name);
    expect(await store.listCallLogs({ all: true }, { from: '2000-01-01', to: '2100-01-01' })).to.have.length(0);
  });

  it('saves an entry typed by keyboard: stored, event fired, listed with the contact masked', async () => {
    const { name, store } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    const saved = new Promise<CustomEvent>((resolve) => document.addEventListener('rulecard-saved', (e) => resolve(e), { once: true }));
    chooseChannel(el, 'phone');
    await fillRequired(el);
    await sendKeys({ down: 'Control' }); // Ctrl+Enter submits from the textarea
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const ev = await saved;
    expect(ev.detail.kind).to.equal('call-log');
    expect(ev.composed && ev.bubbles).to.equal(true);
    const logs = await store.listCallLogs({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() });
    expect(logs).to.have.length(1);
    expect(logs[0].customerName).to.equal('张三');
    expect(logs[0].age).to.equal(28);
    expect(logs[0].channel).to.equal('phone');
    const full = await store.getCallLogUnmasked(logs[0].id);
    expect(full!.contact).to.equal('13812345678');
    await waitFor(() => $(el, 'td.customer'), 'the new row');
    expect(textOf(el)).to.contain('138****5678');
    expect(textOf(el)).not.to.contain('13812345678');
    expect($(el, '.notice')!.textContent).to.equal('已保存');
    // form reset for the next consultation
    expect(($(el, '#f-customerName') as HTMLInputElement).value).to.equal('');
  });

  it('saves an entry with missing registration fields at once, warns, and the store counts it as not fully registered', async () => {
    const { name, store } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    const saved = new Promise<CustomEvent>((resolve) => document.addEventListener('rulecard-saved', (e) => resolve(e), { once: true }));
    chooseChannel(el, 'phone');
    await typeInto(el, 'f-customerName', '王女士');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '13900001111' });
    await sendKeys({ press: 'Tab' }); // age left empty
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '深圳' });
    await sendKeys({ press: 'Tab' }); // source left empty
    await sendKeys({ press: 'Tab' });
    await waitFor(() => $(el, '#w-age') && $(el, '#w-source'), 'warnings next to the empty fields');
    expect($(el, '#w-age')!.textContent).to.equal('未填写：保存后将记为咨询未详细登记');
    expect($(el, '#w-region')).to.equal(null);
    expect($(el, '.incomplete')!.textContent).to.contain('将记为咨询未详细登记');
    await sendKeys({ type: '玻尿酸' });
    await typeInto(el, 'f-question', '能维持多久');
    await typeInto(el, 'f-answer', '约六到十二个月');
    ($(el, 'button[type=submit]') as HTMLButtonElement).click(); // one click: saved, no confirmation step
    const ev = await saved;
    const logs = await store.listCallLogs({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() });
    expect(logs).to.have.length(1);
    expect(logs[0].id).to.equal(ev.detail.id);
    expect(logs[0].age).to.equal(undefined);
    const events = await store.listEvents({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() }, [
      'call_not_fully_registered',
    ]);
    expect(events).to.have.length(1);
    expect(events[0].sourceId).to.equal(logs[0].id);
    expect(events[0].attrs?.missing).to.equal('age,source');
    await waitFor(() => $(el, '.notice.warn'), 'the saved-but-incomplete notice');
    expect($(el, '.notice')!.textContent).to.contain('已保存。缺少 年龄、来源，已记为咨询未详细登记');
    expect($(el, '.summary')).to.equal(null);
    const badge = await waitFor(() => $(el, '[data-incomplete]'), 'the list badge');
    expect(badge.getAttribute('title')).to.equal('缺少：年龄、来源');
    // completing it removes the event
    ($(el, '[data-complete]') as HTMLButtonElement).click();
    await waitFor(() => ($(el, '#f-customerName') as HTMLInputElement).value === '王女士', 'form loaded for completion');
    await waitFor(() => $(el, '#w-age'), 'missing fields marked');
    await typeInto(el, 'f-age', '31');
    await typeInto(el, 'f-source', '抖音');
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.notice')?.textContent?.trim() === '已保存', 'saved complete');
    expect(
      await store.listEvents({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() }, ['call_not_fully_registered']),
    ).to.have.length(0);
  });

  it('咨询方式 starts empty for every entry and must be chosen; it never carries over from the previous entry', async () => {
    const { name, store } = await freshStore();
    let el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    const channel = () => $(el, '#f-channel') as HTMLSelectElement;
    expect(channel().value).to.equal('');
    expect(channel().selectedOptions[0].textContent!.trim()).to.equal('请选择咨询方式');
    // not chosen: the save is refused, with the reason next to the field
    await fillRequired(el, '钱七', 'qianqi_2026');
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '#e-channel')?.textContent === '此项必填', 'channel required');
    expect(channel().getAttribute('aria-invalid')).to.equal('true');
    expect(await store.listCallLogs({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() })).to.have.length(0);
    // chosen by keyboard: saved as chosen
    channel().focus();
    await sendKeys({ press: 'ArrowDown' }); // → 电话
    await sendKeys({ press: 'ArrowDown' }); // → 商务通
    await sendKeys({ press: 'ArrowDown' }); // → QQ
    await sendKeys({ press: 'ArrowDown' }); // → 微信
    expect(channel().value).to.equal('wechat');
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.notice')?.textContent === '已保存', 'saved');
    expect((await store.listCallLogs({ consultant: 'c01' }, { from: todayShanghai(), to: todayShanghai() }))[0].channel).to.equal('wechat');
    // the next entry starts empty again, here and after a reload
    expect(channel().value).to.equal('');
    el.remove();
    el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    expect(channel().value).to.equal('');
    // in English too
    el.setAttribute('lang', 'en');
    await waitFor(() => channel().selectedOptions[0].textContent!.trim() === 'Choose how the customer got in touch', 'English placeholder');
  });

  it('keeps a draft as the user types: a re-mount on the same IndexedDB restores it', async () => {
    const { name } = await freshStore();
    let el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    const drafted = new Promise<void>((resolve) => el.addEventListener('rulecard-draft-saved', () => resolve()));
    await typeInto(el, 'f-customerName', '草稿客户');
    await typeInto(el, 'f-question', '想了解隆鼻');
    await drafted;
    await new Promise((r) => setTimeout(r, 100));
    el.remove();
    el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    await waitFor(() => ($(el, '#f-question') as HTMLTextAreaElement).value === '想了解隆鼻', 'restored question');
    expect(($(el, '#f-customerName') as HTMLInputElement).value).to.equal('草稿客户');
    expect($(el, '.notice')!.textContent).to.equal('已恢复未保存的草稿');
  });

  it('edits an entry and shows who changed what in its history', async () => {
    const { name, store } = await freshStore();
    const log = await store.createCallLog(
      {
        date: todayShanghai(),
        time: '09:30',
        consultant: 'c01',
        channel: 'wechat',
        customerName: '赵敏',
        contact: 'zhaomin_88',
        age: 33,
        region: '广州',
        source: '朋友介绍',
        project: '隆鼻',
        question: '恢复期多久',
        answer: '约一周',
        booked: false,
        followUpPromised: false,
      },
      { by: 'c01' },
    );
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    (await waitFor(() => $(el, `button[aria-label="编辑 ${log.id}"]`), 'edit button')).click();
    await waitFor(() => ($(el, '#f-project') as HTMLInputElement).value === '隆鼻', 'form loaded');
    const project = $(el, '#f-project') as HTMLInputElement;
    project.select();
    await sendKeys({ type: '鼻综合' });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.notice')?.textContent === '已保存', 'saved');
    expect((await store.getCallLog(log.id))!.project).to.equal('鼻综合');
    (await waitFor(() => $(el, `button[aria-label="修改记录 ${log.id}"]`), 'history button')).click();
    await waitFor(() => $(el, '.history li'), 'history');
    expect(textOf(el)).to.contain('咨询项目：隆鼻 → 鼻综合');
    expect(textOf(el)).to.contain('王芳 于');
  });

  it('shows the follow-up reminder of the 30-minute rule', async () => {
    const { name } = await freshStore();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await ready(el);
    const time = $(el, '#f-time') as HTMLInputElement;
    time.value = '09:40';
    time.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    ($(el, '#f-followUpPromised') as HTMLInputElement).click();
    await waitFor(() => $(el, '[part=reminder]'), 'reminder');
    expect($(el, '[part=reminder]')!.textContent).to.equal('请在 10:10 前完成回访（30 分钟规则）');
  });

  it('flags an overdue promised follow-up in the list and records it done with one click', async () => {
    const { name, store } = await freshStore();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const wall = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(twoHoursAgo);
    const get = (t: string) => wall.find((p) => p.type === t)!.value;
    const log = await store.createCallLog(
      {
        date: `${get('year')}-${get('month')}-${get('day')}`,
        time: `${get('hour')}:${get('minute')}`,
        consultant: 'c01',
        channel: 'phone',
        customerName: '孙丽',
        contact: '13700000000',
        booked: false,
        followUpPromised: true,
      },
      { by: 'c01' },
    );
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    const badge = await waitFor(() => $(el, '.badge.neg'), 'overdue badge');
    expect(badge.textContent).to.match(/^回访已超时（应于 .+ 前完成）$/);
    const done = $$(el, 'button').find((b) => b.textContent!.trim() === '标记回访已完成')!;
    done.click();
    await waitFor(() => !$(el, '.badge:not([data-incomplete])'), 'badge gone');
    expect((await store.getCallLog(log.id))!.followUpDoneAt).to.be.a('string');
  });

  it("keeps yesterday's entry with an open follow-up in today's list (a callback promised at 23:50 is due after midnight)", async () => {
    const { name, store } = await freshStore();
    const yesterday = new Date(Date.parse(`${todayShanghai()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const base = { consultant: 'c01', channel: 'phone' as const, booked: false, contact: '13700000000' };
    await store.createCallLog({ ...base, date: yesterday, time: '23:50', customerName: '钱女士', followUpPromised: true }, { by: 'c01' });
    await store.createCallLog({ ...base, date: yesterday, time: '10:00', customerName: '李先生', followUpPromised: false }, { by: 'c01' });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    await waitFor(() => textOf(el).includes('钱女士'), 'open follow-up from yesterday listed');
    expect(textOf(el)).not.to.include('李先生');
  });

  it('counts the week and the month by age band, content, region and source; consultants see only their own entries', async () => {
    const { name, store } = await freshStore();
    const base = {
      date: todayShanghai(),
      time: '08:00',
      channel: 'phone' as const,
      contact: '13900000000',
      question: 'q',
      answer: 'a',
      booked: false,
      followUpPromised: false,
    };
    await store.createCallLog(
      { ...base, consultant: 'c01', customerName: 'A', age: 25, region: '深圳', source: '百度', project: '双眼皮' },
      { by: 'c01' },
    );
    await store.createCallLog(
      { ...base, consultant: 'c01', customerName: 'B', age: 27, region: '深圳', source: '抖音', project: '双眼皮' },
      { by: 'c01' },
    );
    await store.createCallLog(
      { ...base, consultant: 'c02', customerName: 'C', age: 45, region: '广州', source: '百度', project: '隆鼻' },
      { by: 'c02' },
    );
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', role: 'consultant', database: name });
    await ready(el);
    await waitFor(() => $(el, '#w-total'), 'stats');
    expect($(el, '#w-total')!.textContent).to.equal('登记总数：2');
    const rows = (key: string) =>
      $$(el, `#stats-title ~ .stats tbody[data-stat=${key}] tr`).map((tr) => tr.textContent!.replace(/\s+/g, ''));
    expect(rows('age')).to.include('20–29岁2');
    expect(rows('region')).to.include('深圳2');
    expect(rows('source')).to.include.members(['百度1', '抖音1']);
    expect(rows('project')).to.include('双眼皮2');

    // The Tuesday statistics of the seeds cover last week, the summary of the 30th a whole month: both can be chosen.
    const today = todayShanghai();
    const week = lastWeek(today);
    const month = lastMonth(today);
    for (const date of [week.from, week.to, month.from]) {
      await store.createCallLog(
        { ...base, date, consultant: 'c01', customerName: 'D', age: 61, region: '北京', source: '朋友' },
        { by: 'c01' },
      );
    }
    const inSpan = (span: { from: string; to: string }) =>
      [week.from, week.to, month.from].filter((d) => d >= span.from && d <= span.to).length;
    $(el, '[data-span=last]')!.click(); // the week's
    const dayText = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
    await waitFor(() => $(el, '#w-span')?.textContent?.includes(dayText(week.from)), 'last week shown');
    expect($(el, '#w-span')!.textContent).to.contain(dayText(week.to));
    expect($(el, '#w-total')!.textContent).to.equal(`登记总数：${inSpan(week)}`);
    expect($(el, '[data-span=last]')!.getAttribute('aria-pressed')).to.equal('true');
    expect($$(el, '#w-total + .stats tbody[data-stat=region] tr').map((tr) => tr.textContent!.replace(/\s+/g, ''))).to.deep.equal([
      `北京${inSpan(week)}`,
    ]);
    $$(el, '[data-span=last]')[1].click(); // the month's
    await waitFor(() => $(el, '#m-span')?.textContent?.includes(dayText(month.from)), 'last month shown');
    expect($(el, '#m-span')!.textContent).to.contain(dayText(month.to));
    expect($(el, '#m-total')!.textContent).to.equal(`登记总数：${inSpan(month)}`);
    $(el, '[data-span=this]')!.click();
    await waitFor(() => $(el, '#w-span')?.textContent?.includes(dayText(today)), 'back to this week');
    expect($(el, '#w-total')!.textContent).to.equal('登记总数：2');
    await waitFor(() => $$(el, 'td.customer').length === 2, 'two own rows');
    expect($$(el, 'td.customer').map((td) => td.textContent)).to.have.members(['A', 'B']);
    // search narrows the list
    ($(el, '#search') as HTMLInputElement).focus();
    await sendKeys({ type: '抖音' });
    await waitFor(() => $$(el, 'td.customer').length === 1, 'search result');
    expect($(el, 'td.customer')!.textContent).to.equal('B');

    const manager = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'm01', role: 'manager', database: name });
    await ready(manager);
    await waitFor(() => $$(manager, 'td.customer').length === 3, 'all rows for the manager');
    expect($(manager, '#list-title')!.textContent).to.equal('全部登记');
  });

  it('keeps the list current while the form is typed in: search, language, a change stored elsewhere', async () => {
    const { name, store } = await freshStore();
    const base = { date: todayShanghai(), consultant: 'c01', channel: 'phone' as const, booked: false, followUpPromised: false };
    const zhao = await store.createCallLog({ ...base, time: '09:30', customerName: '赵敏', project: '隆鼻' }, { by: 'c01' });
    await store.createCallLog({ ...base, time: '10:00', customerName: '钱女士', project: '双眼皮' }, { by: 'c01' });
    const wrap = document.createElement('div');
    document.body.append(wrap);
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name }, wrap);
    await ready(el);
    const rows = () => $$(el, '[part=list] tbody tr').map((tr) => tr.querySelector('.customer')!.textContent);
    await waitFor(() => rows().length === 2, 'both entries');
    expect(rows()).to.deep.equal(['钱女士', '赵敏']); // newest first
    await typeInto(el, 'f-customerName', '孙');
    await el.updateComplete;
    expect(rows()).to.deep.equal(['钱女士', '赵敏']);
    // the search narrows the list, and widens it again
    await typeInto(el, 'search', '隆鼻');
    await waitFor(() => rows().length === 1, 'search result');
    expect(rows()).to.deep.equal(['赵敏']);
    expect($(el, '#entries [role=status]')!.textContent).to.equal('共 1 条');
    ($(el, '#search') as HTMLInputElement).select();
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => rows().length === 2, 'search cleared');
    // the language changes the rows too
    wrap.setAttribute('lang', 'en');
    await waitFor(() => $(el, '#entries [role=status]')?.textContent === '2 entries', 'English count');
    expect($(el, '[part=list] thead th')!.textContent).to.equal('When');
    expect($$(el, '[part=list] tbody tr')[1].textContent).to.contain('Phone');
    // a change stored by someone else shows without a reload, with the form's typing kept
    await store.updateCallLog(zhao.id, { project: '鼻综合' }, { by: 'm01', expectedRev: zhao.rev });
    await waitFor(() => textOf(el).includes('鼻综合'), 'the changed project');
    expect(textOf(el)).not.to.contain('隆鼻');
    expect(($(el, '#f-customerName') as HTMLInputElement).value).to.equal('孙');
  });
});

async function freshStoreFor(name: string) {
  const { openDefaultStore } = await import('../src/shared/store.js');
  return { store: await openDefaultStore(name) };
}
