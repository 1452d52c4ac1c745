// Calendar spans of the call-log's lists and statistics (pure functions; run in the browser with the other element tests).
import { expect } from '@esm-bundle/chai';
import { lastMonth, lastWeek, monthSoFar, weekSoFar } from '../src/shared/time.js';

describe('calendar spans', () => {
  it('this week starts on Monday; last week is the whole Monday–Sunday before', () => {
    // 2026-11-26 is a Thursday.
    expect(weekSoFar('2026-11-26')).to.deep.equal({ from: '2026-11-23', to: '2026-11-26' });
    expect(lastWeek('2026-11-26')).to.deep.equal({ from: '2026-11-16', to: '2026-11-22' });
    // On a Monday and on a Sunday.
    expect(lastWeek('2026-11-23')).to.deep.equal({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastWeek('2026-11-29')).to.deep.equal({ from: '2026-11-16', to: '2026-11-22' });
    // Across a year.
    expect(lastWeek('2027-01-02')).to.deep.equal({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('this month so far; last month whole, February and the year boundary included', () => {
    expect(monthSoFar('2026-11-26')).to.deep.equal({ from: '2026-11-01', to: '2026-11-26' });
    expect(lastMonth('2026-11-26')).to.deep.equal({ from: '2026-10-01', to: '2026-10-31' });
    expect(lastMonth('2026-03-01')).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastMonth('2028-03-31')).to.deep.equal({ from: '2028-02-01', to: '2028-02-29' });
    expect(lastMonth('2027-01-15')).to.deep.equal({ from: '2026-12-01', to: '2026-12-31' });
  });
});
