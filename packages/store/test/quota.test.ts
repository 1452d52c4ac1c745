// Storage full while a draft is saved: the browser's real QuotaExceededError, through a quota the DevTools protocol
// sets (web-test-runner command `storage-quota`). Own file: IndexedDB takes the origin's quota when it first opens
// the origin's storage in a page, so the quota is set before anything here touches IndexedDB.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { openStore } from '../src/index.js';
import { deleteDb, expectError, freshName, seedRoster } from './helpers.js';

/** Text that does not compress (IndexedDB compresses values): `n` characters of a pseudo-random sequence. */
function noise(n: number): string {
  let x = 2463534242;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode(0x4e00 + ((x >>> 0) % 20000));
  }
  return out;
}

describe('storage full', () => {
  before(() => executeServerCommand('storage-quota', { bytes: 256 * 1024, clear: true }));
  after(() => executeServerCommand('storage-quota', {}));

  it('saving a draft that does not fit: a typed quota-exceeded error, and the draft saved before is kept', async () => {
    const name = await freshName('rc-quota');
    const store = await openStore({ name });
    await seedRoster(store);
    const c1 = { by: 'c1' };
    await store.saveFormDraft({ id: 'tab-a', form: 'call-log', value: { form: { customerName: '李女士' } } }, c1);
    const err = await expectError(
      store.saveFormDraft({ id: 'tab-a', form: 'call-log', value: { form: { customerName: '李女士', note: noise(150_000) } } }, c1),
      'quota-exceeded',
    );
    expect(err.text('zh-CN')).to.contain('存储空间已满');
    expect(err.text('en')).to.contain('nothing was saved');
    expect((await store.getFormDraft('tab-a'))!.value).to.deep.equal({ form: { customerName: '李女士' } });
    store.close();
    await deleteDb(name);
  });
});
