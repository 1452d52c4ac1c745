import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { RulecardElement } from '../src/shared/base.js';
import { extendCatalog, loadMessages, LocaleController, messagesOf, type LazyCatalog } from '../src/shared/i18n.js';
import { emptyStore } from './helpers.js';

interface Words {
  hello: string;
  count: (n: number) => string;
}
const zhWords: Words = { hello: '你好', count: (n) => `${n} 条` };
const enWords: Words = { hello: 'Hello', count: (n) => `${n} items` };

/** A lazy catalog whose English table comes after `delay` ms, counting how often it is asked for. */
function slowCatalog(delay: number, fail = false): { catalog: LazyCatalog<Words>; loads: () => number } {
  let loads = 0;
  const catalog: LazyCatalog<Words> = {
    'zh-CN': zhWords,
    en: () => {
      loads++;
      return new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('offline')) : resolve(enWords)), delay));
    },
  };
  return { catalog, loads: () => loads };
}

const slow = slowCatalog(50);

class I18nProbe extends RulecardElement {
  readonly i18n = new LocaleController(this, slow.catalog);
  /** The texts of every render, in order. */
  renders: string[] = [];
  override render() {
    const text = `${this.i18n.msg.hello} ${this.i18n.msg.count(2)}`;
    this.renders.push(text);
    return html`<p>${text}</p>`;
  }
}
customElements.define('i18n-probe', I18nProbe);

describe('message catalogs loaded on demand', () => {
  afterEach(() => document.body.replaceChildren());

  it('renders an English element in English from its first frame, after loading the English table once', async () => {
    const { name } = await emptyStore();
    const a = document.createElement('i18n-probe') as I18nProbe;
    a.lang = 'en';
    a.database = name;
    const b = document.createElement('i18n-probe') as I18nProbe;
    b.lang = 'en';
    b.database = name;
    document.body.append(a, b);
    await a.updateComplete;
    await b.updateComplete;
    expect(a.renders[0]).to.equal('Hello 2 items');
    expect(b.renders[0]).to.equal('Hello 2 items');
    expect(a.shadowRoot?.querySelector('p')?.textContent).to.equal('Hello 2 items');
    expect(slow.loads()).to.equal(1);
  });

  it('renders zh-CN at once and switches to English when an ancestor`s lang changes', async () => {
    const { name } = await emptyStore();
    const wrapper = document.createElement('div');
    wrapper.lang = 'zh-CN';
    const el = document.createElement('i18n-probe') as I18nProbe;
    el.database = name;
    wrapper.append(el);
    document.body.append(wrapper);
    await el.updateComplete;
    expect(el.renders[0]).to.equal('你好 2 条');
    wrapper.lang = 'en-GB';
    await new Promise((r) => setTimeout(r, 0)); // the MutationObserver's callback
    await el.updateComplete;
    expect(el.renders.at(-1)).to.equal('Hello 2 items');
    expect(el.renders.every((t) => t === '你好 2 条' || t === 'Hello 2 items')).to.equal(true);
  });

  it('loads a catalog`s English once, merges extended catalogs, and falls back to zh-CN when English cannot load', async () => {
    const own = slowCatalog(5);
    const shared: LazyCatalog<{ bye: string }> = { 'zh-CN': { bye: '再见' }, en: () => Promise.resolve({ bye: 'Bye' }) };
    const both = extendCatalog(shared, own.catalog);
    expect(both['zh-CN']).to.include({ hello: '你好', bye: '再见' });
    expect(messagesOf(both, 'en').hello).to.equal('你好'); // not loaded yet: zh-CN
    const [x, y] = await Promise.all([loadMessages(both, 'en'), loadMessages(both, 'en')]);
    expect(x).to.equal(y);
    expect(x).to.include({ hello: 'Hello', bye: 'Bye' });
    expect(messagesOf(both, 'en').hello).to.equal('Hello');
    expect(messagesOf(shared, 'en').bye).to.equal('Bye'); // the shared table is cached under its own catalog
    expect(own.loads()).to.equal(1);

    const offline = slowCatalog(1, true);
    expect((await loadMessages(offline.catalog, 'en')).hello).to.equal('你好');
    await loadMessages(offline.catalog, 'en'); // tried again, not cached as a failure
    expect(offline.loads()).to.equal(2);
  });
});
