/**
 * `ClockController`: the minute the call log shows. Every minute it moves
 * `now` on (the list's overdue marks, "today" after midnight) and asks the
 * store to record the promised follow-ups that have fallen due.
 *
 * @example
 * ```ts
 * private readonly clock = new ClockController(this);
 * render() { return html`${this.clock.now.toISOString()}`; }
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RulecardStore } from '@rulecard/store';

const MINUTE_MS = 60_000;

export class ClockController implements ReactiveController {
  private readonly host: ReactiveControllerHost & { readonly activeStore: RulecardStore | undefined };
  private timer?: ReturnType<typeof setInterval>;
  /** The current minute. */
  now = new Date();

  constructor(host: ReactiveControllerHost & { readonly activeStore: RulecardStore | undefined }) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      this.now = new Date();
      this.host.requestUpdate();
      void this.host.activeStore?.refreshOverdueFollowUps(this.now).catch(() => undefined);
    }, MINUTE_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
