/**
 * `LiveController`: calls `onChange` when the store reports a committed write
 * (this tab or another — the store relays through BroadcastChannel) and when
 * the connection closes. Re-subscribes when the host's store changes.
 *
 * @example
 * ```ts
 * private live = new LiveController(this, () => this.scoreTask.run());
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreChange } from '@rulecard/store';
import type { RulecardStore } from './store.js';

export class LiveController implements ReactiveController {
  private readonly host: ReactiveControllerHost & { readonly activeStore: RulecardStore | undefined };
  private readonly onChange: (change: StoreChange) => void;
  private subscribed?: RulecardStore;
  private unsubscribe?: () => void;
  private connected = false;

  constructor(host: ReactiveControllerHost & { readonly activeStore: RulecardStore | undefined }, onChange: (change: StoreChange) => void) {
    this.host = host;
    this.onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribed = undefined;
  }

  private sync(): void {
    const store = this.connected ? this.host.activeStore : undefined;
    if (store === this.subscribed) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribed = store;
    if (store) this.unsubscribe = store.subscribe((change) => this.onChange(change));
  }
}
