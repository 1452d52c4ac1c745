// Two tabs editing one entry (issue 14, #7): the edit that lost to a save made meanwhile is kept, compared field by
// field with the newest version, and applied again on top or discarded — in the real browser, on IndexedDB.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/call-log/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import { $, callLogReady as ready, freshStore, mount, todayShanghai, waitFor } from './helpers.js';

describe('<rulecard-call-log> edit conflicts', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  /** An entry of c01 opened for editing in the element while "another tab" (the store) edits it too. */
  async function editedMeanwhile(lang?: string) {
    const { name, store } = await freshStore();
    const log = await store.createCallLog(
      {
        date: todayShanghai(),
        time: '09:30',
        consultant: 'c01',
        channel: 'phone',
        customerName: '周杰',
        contact: '13600000000',
        age: 40,
        region: '北京',
        source: '百度',
        project: '除皱',
        question: 'q',
        answer: 'a',
        booked: false,
        followUpPromised: false,
      },
      { by: 'c01' },
    );
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name, ...(lang ? { lang } : {}) });
    await ready(el);
    const edit = lang === 'en' ? 'Edit' : '编辑';
    (await waitFor(() => $(el, `button[aria-label="${edit} ${log.id}"]`), 'edit button')).click();
    await waitFor(() => ($(el, '#f-project') as HTMLInputElement).value === '除皱', 'form loaded');
    return { store, el, log };
  }

  const rowOf = (el: RulecardCallLog, field: string) =>
    [...el.shadowRoot!.querySelectorAll(`.conflict tr[data-field=${field}] > *`)].map((c) => c.textContent!.trim());

  it('on an edit conflict keeps the edit, shows the newest values next to it, and applies it again on top', async () => {
    const { store, el, log } = await editedMeanwhile();
    await store.updateCallLog(log.id, { region: '天津' }, { by: 'm01', expectedRev: log.rev }); // the other tab
    const project = $(el, '#f-project') as HTMLInputElement;
    project.select();
    await sendKeys({ type: '玻尿酸' });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.conflict'), 'the conflict, compared');
    expect($(el, '.summary')!.textContent).to.equal(
      '您编辑期间该登记已被他人修改，本次修改未保存。您的修改仍在表单中：请对照下表，在最新内容上重新应用或放弃。',
    );
    // nothing typed is lost: the form still holds the edit
    expect(($(el, '#f-project') as HTMLInputElement).value).to.equal('玻尿酸');
    expect(rowOf(el, 'project')).to.deep.equal(['咨询项目', '除皱', '玻尿酸', '您修改']);
    expect(rowOf(el, 'region')).to.deep.equal(['地区', '天津', '北京', '他人修改（保留）']);
    expect(el.shadowRoot!.querySelectorAll('.conflict tbody tr')).to.have.length(2);
    expect((await store.getCallLog(log.id))!).to.deep.include({ rev: 2, project: '除皱' });
    ($(el, '.conflict button[data-action=reapply]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.notice')?.textContent?.trim() === '已保存', 'saved on top');
    expect((await store.getCallLog(log.id))!).to.deep.include({ rev: 3, project: '玻尿酸', region: '天津', updatedBy: 'c01' });
    expect($(el, '.conflict')).to.equal(null);
  });

  it('on an edit conflict over the same field (in English) shows both values and can discard the own edit', async () => {
    const { store, el, log } = await editedMeanwhile('en');
    const project = $(el, '#f-project') as HTMLInputElement;
    project.select();
    await sendKeys({ type: 'fillers' });
    await store.updateCallLog(log.id, { project: 'botox' }, { by: 'm01', expectedRev: log.rev }); // the other tab, after the typing
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.conflict'), 'the conflict, compared');
    expect($(el, '#conflict-title')!.textContent).to.equal('Your edit and the other change');
    expect(rowOf(el, 'project')).to.deep.equal(['Project of interest', 'botox', 'fillers', 'Changed by both']);
    expect($(el, '.conflict button[data-action=reapply]')!.textContent).to.equal('Apply my edit again on top');
    // typed while the conflict shows: part of the own edit
    const answer = $(el, '#f-answer') as HTMLTextAreaElement;
    answer.select();
    await sendKeys({ type: 'told the price' });
    await waitFor(() => rowOf(el, 'answer').length === 4, 'the answer compared too');
    expect(rowOf(el, 'answer')).to.deep.equal(['Answer / result', 'a', 'told the price', 'Changed by you']);
    ($(el, '.conflict button[data-action=discard]') as HTMLButtonElement).click();
    await waitFor(
      () => $(el, '.notice')?.textContent?.trim() === 'Your edit was discarded; the form shows the latest version',
      'discarded',
    );
    expect(($(el, '#f-project') as HTMLInputElement).value).to.equal('botox');
    expect(($(el, '#f-answer') as HTMLTextAreaElement).value).to.equal('a');
    // the form is on the newest revision now: a change saves
    project.select();
    await sendKeys({ type: 'botox 2' });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.notice')?.textContent?.trim() === 'Saved', 'saved on the newest revision');
    expect((await store.getCallLog(log.id))!).to.deep.include({ rev: 3, project: 'botox 2' });
  });

  it('an edit lost to another tab survives a reload (kept in the draft) and is compared again', async () => {
    const { store, el, log } = await editedMeanwhile();
    const region = $(el, '#f-region') as HTMLInputElement;
    region.select();
    await sendKeys({ type: '上海' });
    await store.updateCallLog(log.id, { answer: '他人的答复' }, { by: 'm01', expectedRev: log.rev });
    ($(el, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '.conflict'), 'the conflict');
    // "reload": a new element on the same store and tab
    const db = el.getAttribute('database')!;
    document.body.replaceChildren();
    const again = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: db });
    await ready(again);
    await again.draftRestored;
    await waitFor(() => ($(again, '#f-region') as HTMLInputElement | null)?.value === '上海', 'the edit restored');
    ($(again, 'button[type=submit]') as HTMLButtonElement).click();
    await waitFor(() => $(again, '.conflict'), 'compared again');
    expect(rowOf(again, 'region')).to.deep.equal(['地区', '北京', '上海', '您修改']);
    expect(rowOf(again, 'answer')).to.deep.equal(['答复 / 结果', '他人的答复', 'a', '他人修改（保留）']);
    ($(again, '.conflict button[data-action=reapply]') as HTMLButtonElement).click();
    await waitFor(() => $(again, '.notice')?.textContent?.trim() === '已保存', 'saved on top');
    expect((await store.getCallLog(log.id))!).to.deep.include({ rev: 3, region: '上海', answer: '他人的答复' });
  });
});
