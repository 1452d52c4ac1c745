import { expect } from '@esm-bundle/chai';
import '../src/call-log/index.js';
import '../src/scorecard/index.js';
import '../src/incident/index.js';
import type { RulecardCallLog } from '../src/call-log/call-log.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { $, $$, freshStore, mount, publish, textOf, todayShanghai, waitFor } from './helpers.js';

const XSS = '<img src=x onerror=alert(1)>';
const XSS_FLAG = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe('security', () => {
  afterEach(() => document.body.replaceChildren());

  it('renders a customer named <img src=x onerror=alert(1)> as those characters (call log list, history, stats)', async () => {
    const { name, store } = await freshStore();
    const log = await store.createCallLog(
      {
        date: todayShanghai(),
        time: '09:00',
        consultant: 'c01',
        channel: 'phone',
        customerName: XSS,
        contact: '13812345678',
        age: 30,
        region: XSS_FLAG,
        source: XSS,
        project: XSS,
        question: XSS,
        answer: XSS,
        booked: false,
        followUpPromised: false,
      },
      { by: 'c01' },
    );
    await store.updateCallLog(log.id, { customerName: XSS_FLAG }, { by: 'c01', expectedRev: log.rev });
    const el = mount<RulecardCallLog>('rulecard-call-log', { consultant: 'c01', database: name });
    const cell = await waitFor(() => $(el, 'td.customer'), 'row');
    expect(cell.textContent).to.equal(XSS_FLAG);
    (await waitFor(() => $(el, `button[aria-label="修改记录 ${log.id}"]`), 'history button')).click();
    await waitFor(() => $(el, '.history li'), 'history');
    expect(textOf(el)).to.contain(`客户姓名：${XSS} → ${XSS_FLAG}`);
    await waitFor(() => $(el, 'tbody[data-stat=region]'), 'stats');
    expect($$(el, 'tbody[data-stat=region] th')[0].textContent).to.equal(XSS_FLAG);
    expect(el.shadowRoot!.querySelectorAll('img, script:not([type])').length).to.equal(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('renders event notes, appeal reasons and rule labels as text in the scorecard', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const month = todayShanghai().slice(0, 7);
    await store.recordEvent({ type: 'rude_attitude', consultant: 'c01', at: new Date().toISOString(), note: XSS_FLAG }, { by: 'm01' });
    const el = mount<RulecardScorecard>('rulecard-scorecard', { consultant: 'c01', month, database: name });
    await waitFor(() => $(el, 'details[data-rule=rude_attitude]'), 'group');
    const group = $(el, 'details[data-rule=rude_attitude]') as HTMLDetailsElement;
    group.open = true;
    (group.querySelector('button[aria-expanded]') as HTMLButtonElement).click();
    await waitFor(() => group.querySelector('table.events'), 'events');
    expect(group.querySelector('table.events tbody td:nth-child(3)')!.textContent).to.contain(XSS_FLAG);
    expect(el.shadowRoot!.querySelectorAll('img, script').length).to.equal(0);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('works under a strict CSP header (script-src self, no unsafe-eval, no unsafe-inline styles)', async () => {
    const { name, store } = await freshStore();
    await publish(store);
    const month = todayShanghai().slice(0, 7);
    await store.recordEvent({ type: 'praise', consultant: 'c01', at: new Date().toISOString(), note: XSS }, { by: 'm01' });
    await store.createCallLog(
      {
        date: todayShanghai(),
        time: '08:00',
        consultant: 'c01',
        channel: 'qq',
        customerName: XSS,
        contact: '12345678',
        booked: false,
        followUpPromised: false,
      },
      { by: 'c01' },
    );
    const url = `/packages/elements/test/csp/page.html?db=${encodeURIComponent(name)}&month=${month}`;
    const head = await fetch(url);
    const csp = head.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-eval');
    expect(csp).not.to.contain('unsafe-inline');

    const frame = document.createElement('iframe');
    frame.src = url;
    document.body.append(frame);
    const win = () =>
      frame.contentWindow as (Window & { __csp?: { violations: string[]; ready: boolean }; inlineScriptRan?: boolean }) | null;
    await waitFor(() => win()?.__csp?.ready, 'page script', 15000);
    const doc = frame.contentDocument!;
    const card = doc.querySelector('rulecard-scorecard')!;
    const log = doc.querySelector('rulecard-call-log')!;
    const incident = doc.querySelector('rulecard-incident')!;
    await waitFor(() => log.shadowRoot?.querySelector('td.customer'), 'call log rendered under CSP', 15000);
    await waitFor(() => incident.shadowRoot?.querySelector('#f-type'), 'incident rendered under CSP', 15000);
    await waitFor(() => card.shadowRoot?.querySelector('[data-total=points]')?.textContent === '+6', 'scorecard rendered under CSP', 15000);
    expect(log.shadowRoot!.querySelector('td.customer')!.textContent).to.equal(XSS);
    // styles apply (adopted stylesheets are allowed by the policy)
    const button = log.shadowRoot!.querySelector('button.primary')!;
    expect(frame.contentWindow!.getComputedStyle(button).backgroundColor).to.equal('rgb(11, 92, 173)');
    // the policy is really enforced: the page's inline script was blocked…
    expect(win()!.inlineScriptRan).to.equal(undefined);
    // …and the elements caused no violation
    expect(win()!.__csp!.violations).to.deep.equal([]);
  });
});
