// The windows a scorecard line may carry (LANGUAGE.md §9.5 adds quarters and years), in both languages.
import { expect } from '@esm-bundle/chai';
import { flagLabel, formatWindow } from '../src/shared/format.js';
import { loadMessages } from '../src/shared/i18n.js';
import { sharedCatalog } from '../src/shared/messages/index.js';

// English strings load on demand (an element waits for them before it draws): load them first.
before(() => loadMessages(sharedCatalog, 'en'));

describe('formatWindow', () => {
  it('names a day, a week, a month, a quarter and a year in zh-CN and en', () => {
    const windows = ['2026-11-03', '2026-W45', '2026-11', '2026-Q4', '2026'];
    expect(windows.map((w) => formatWindow(w, 'zh-CN'))).to.deep.equal([
      '2026年11月3日',
      '2026年第45周',
      '2026年11月',
      '2026年第4季度',
      '2026年',
    ]);
    expect(windows.map((w) => formatWindow(w, 'en'))).to.deep.equal([
      '3 November 2026',
      'Week 45, 2026',
      'November 2026',
      'Q4 2026',
      '2026',
    ]);
  });

  it('labels the flags of the clinic rulebook, and humanises an unknown one', () => {
    expect(flagLabel('low_average_spend', 'zh-CN').text).to.equal('人均消费不足，不发基本奖金');
    expect(flagLabel('remove_supervisor', 'en').text).to.equal('Removed as supervisor (three months over 50 points)');
    expect(flagLabel('some_new_flag', 'en').title).to.equal('some_new_flag');
  });
});
