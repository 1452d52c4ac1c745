/**
 * An entry's edit history says what changed in people's words (issue 12, problem 6): channel labels, not
 * codes; money in yuan, not fen; instants as a local date and time, not ISO text.
 */
import { expect } from '@esm-bundle/chai';
import '../src/call-log/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import { $, $$, freshStore, logCall, mount, todayShanghai, waitFor } from './helpers.js';

describe('<rulecard-call-log>: edit history', () => {
  afterEach(() => document.body.replaceChildren());

  async function changedEntry() {
    const s = await freshStore();
    const log = await logCall(s.store, { time: '09:30', channel: 'wechat', customerName: '赵敏', contact: 'zhaomin_88' });
    await s.store.updateCallLog(
      log.id,
      { channel: 'phone', surgeryFeeFen: 1234550, visitedAt: `${todayShanghai()}T06:30:00.000Z` },
      { by: 'c01', expectedRev: log.rev },
    );
    return { ...s, log };
  }

  async function historyOf(el: RulecardCallLog, id: string): Promise<string[]> {
    (await waitFor(() => $(el, `button[aria-label="${el.lang === 'en' ? 'History' : '修改记录'} ${id}"]`), 'history button')).click();
    await waitFor(() => $(el, '.history li li'), 'the changes');
    return $$(el, '.history li li').map((li) => li.textContent!.trim());
  }

  it('names the channel, shows money in yuan and instants in local time (zh-CN)', async () => {
    const { name, log } = await changedEntry();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    const changes = await historyOf(el, log.id);
    expect(changes).to.include('咨询方式：微信 → 电话');
    expect(changes).to.include('整形就诊金额（元）：（空） → ¥12,345.50');
    const visited = changes.find((c) => c.startsWith('到院时间'));
    expect(visited, 'the visit').to.be.a('string');
    expect(visited).to.match(/（空） → \d{4}\/\d{1,2}\/\d{1,2} 14:30$/);
  });

  it('in English too', async () => {
    const { name, log } = await changedEntry();
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name, lang: 'en' });
    const changes = await historyOf(el, log.id);
    expect(changes).to.include('Channel: WeChat → Phone');
    expect(changes).to.include('Surgery fee (yuan): (empty) → ¥12,345.50');
  });
});
