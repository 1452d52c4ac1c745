import { expect } from '@esm-bundle/chai';
import { LitElement } from 'lit';
import { AutosaveController, type AutosaveOptions } from '../src/shared/autosave.js';

/** A bare host for the controller. */
class AutosaveHost extends LitElement {
  autosave?: AutosaveController<number>;
}
customElements.define('autosave-host', AutosaveHost);

function mountWith(options: AutosaveOptions<number>): AutosaveHost {
  const host = document.createElement('autosave-host') as AutosaveHost;
  host.autosave = new AutosaveController(host, options);
  document.body.append(host);
  return host;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AutosaveController', () => {
  afterEach(() => document.body.replaceChildren());

  it('debounces: three changes within the delay make one save, after the delay', async () => {
    let saves = 0;
    const host = mountWith({ delay: () => 50, save: async () => ++saves });
    host.autosave!.schedule();
    await sleep(20);
    host.autosave!.schedule();
    await sleep(20);
    host.autosave!.schedule();
    expect(saves).to.equal(0);
    await sleep(80);
    await host.autosave!.settled;
    expect(saves).to.equal(1);
    expect(host.autosave!.status).to.deep.equal({ kind: 'saved', result: 1 });
  });

  it('orders saves: a second save starts only once the first has settled', async () => {
    const log: string[] = [];
    let n = 0;
    const host = mountWith({
      delay: () => 0,
      save: async () => {
        const i = ++n;
        log.push(`start ${i}`);
        await sleep(i === 1 ? 60 : 0);
        log.push(`end ${i}`);
        return i;
      },
    });
    host.autosave!.schedule();
    await sleep(10); // the first save is running
    host.autosave!.schedule();
    await host.autosave!.flush();
    expect(log).to.deep.equal(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('flushes a pending save when the host is disconnected', async () => {
    let saves = 0;
    const host = mountWith({ delay: () => 10_000, save: async () => ++saves });
    host.autosave!.schedule();
    host.remove();
    await host.autosave!.settled;
    expect(saves).to.equal(1);
  });

  it('flushes a pending save on pagehide', async () => {
    let saves = 0;
    const host = mountWith({ delay: () => 10_000, save: async () => ++saves });
    host.autosave!.schedule();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await host.autosave!.settled;
    expect(saves).to.equal(1);
  });

  it('surfaces a failed save (status and onError) and saves again on the next change', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const boom = new Error('disk full');
    const host = mountWith({
      delay: () => 0,
      save: async () => {
        if (fail) throw boom;
        return 7;
      },
      onError: (e) => errors.push(e),
    });
    host.autosave!.schedule();
    await host.autosave!.flush();
    await sleep(5);
    await host.autosave!.settled;
    expect(host.autosave!.status).to.deep.equal({ kind: 'failed', error: boom });
    expect(errors).to.deep.equal([boom]);
    fail = false;
    host.autosave!.schedule();
    await sleep(5);
    await host.autosave!.settled;
    expect(host.autosave!.status).to.deep.equal({ kind: 'saved', result: 7 });
  });
});
