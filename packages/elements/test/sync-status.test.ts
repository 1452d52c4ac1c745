// <rulecard-sync-status> (issue 10): what it says of the store's sync state, in zh-CN and English. The store is
// a real IndexedDB store recording its writes (openStore({ outbox: true })); no server here (the e2e test
// test/e2e/sync.e2e.mjs runs one).
import { expect } from '@esm-bundle/chai';
import { openStore } from '@rulecard/store';
import '../src/sync-status/index.js';
import type { RulecardSyncStatus } from '../src/sync-status/sync-status.js';
import { $, freshStore, mount, textOf, waitFor } from './helpers.js';

describe('<rulecard-sync-status>', () => {
  afterEach(() => document.body.replaceChildren());

  it('says a store that never connected keeps its data in this browser only', async () => {
    const { store } = await freshStore();
    const el = mount<RulecardSyncStatus>('rulecard-sync-status', {});
    el.store = store;
    await waitFor(() => $(el, '[data-fact="local"]'), 'the status');
    expect(textOf(el)).to.include('仅保存在本浏览器');
    // Headless Chromium does not grant persistent storage: the element says the copy may be evicted.
    expect($(el, '[data-fact="storage"]')!.textContent).to.include('存储未设为持久');
    store.close();
  });

  it('counts the changes waiting for the server and follows new ones, in English too', async () => {
    const { name, store: plain } = await freshStore();
    plain.close();
    const store = await openStore({ name, outbox: true });
    const el = mount<RulecardSyncStatus>('rulecard-sync-status', { lang: 'en' });
    el.store = store;
    await waitFor(() => $(el, '[data-fact="local"]'), 'the status');
    expect($(el, '[data-fact="pending"]')).to.equal(null);
    await store.recordEvent({ type: 'praise', consultant: 'c01', at: '2026-11-03T10:00' }, { by: 'm01', role: 'manager' });
    await store.recordEvent({ type: 'praise', consultant: 'c02', at: '2026-11-03T10:00' }, { by: 'm01', role: 'manager' });
    const pending = await waitFor(
      () => $(el, '[data-fact="pending"]')?.textContent?.includes('2 changes') && $(el, '[data-fact="pending"]'),
      'two pending',
    );
    expect(pending!.textContent).to.match(/^2 changes waiting to be sent \(oldest .+\)$/);
    el.setAttribute('lang', 'zh-CN');
    await waitFor(() => $(el, '[data-fact="pending"]')?.textContent?.startsWith('2 条修改待上传'), 'zh-CN');
    store.close();
  });
});
