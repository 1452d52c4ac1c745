/**
 * `<rulecard-sync-status>`: where this browser's copy stands against the
 * department's server — last synced, how many changes wait to be sent and
 * the oldest one's age, offline, conflicts and refusals, storage that the
 * browser may evict, and a device clock more than 5 minutes off the
 * server's. It reads `store.syncState()` and follows `store.subscribeSync()`;
 * the store computes everything, the element only words it.
 *
 * @example
 * ```html
 * <rulecard-sync-status lang="en"></rulecard-sync-status>
 * ```
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { RulecardStore, SyncState } from '@rulecard/store';
import { RulecardElement } from '../shared/base.js';
import { LocaleController } from '../shared/i18n.js';
import { themeStyles } from '../shared/theme.js';
import { en } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

/** A device clock further than this from the server's is shown. */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/**
 * @summary Sync status of this browser's copy of the department's data.
 * @csspart status - the list of facts
 * @csspart warning - a fact that needs the user (offline, conflicts, refusals, storage, clock)
 */
export class RulecardSyncStatus extends RulecardElement {
  static override styles = [
    themeStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
        font-size: 0.9em;
      }
      li.warning {
        color: var(--_danger, #b42318);
      }
    `,
  ];

  private i18n = new LocaleController(this, { 'zh-CN': zhCN, en });

  @state() private sync?: SyncState;

  private unsubscribe?: () => void;
  private watched?: RulecardStore;
  private tick?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    // Ages ("3 minutes ago") move on by themselves.
    this.tick = setInterval(() => this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.tick);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watched = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const store = this.activeStore;
    if (store === this.watched) return;
    this.unsubscribe?.();
    this.watched = store;
    if (!store) return;
    this.unsubscribe = store.subscribeSync((s) => (this.sync = s));
    void store.syncState().then((s) => {
      if (this.watched === store) this.sync = s;
    });
  }

  private ago(iso: string): string {
    const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    const fmt = new Intl.RelativeTimeFormat(this.i18n.locale, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return fmt.format(Math.min(0, seconds), 'second');
    if (abs < 3600) return fmt.format(Math.round(seconds / 60), 'minute');
    if (abs < 86400) return fmt.format(Math.round(seconds / 3600), 'hour');
    return fmt.format(Math.round(seconds / 86400), 'day');
  }

  override render() {
    const m = this.i18n.msg;
    const s = this.sync;
    if (!s) return nothing;
    const facts: { text: string; warn?: boolean; key: string }[] = [];
    if (!s.connected) facts.push({ key: 'local', text: m.notConnected });
    else {
      facts.push(s.online ? { key: 'online', text: m.online } : { key: 'offline', text: m.offline, warn: true });
      facts.push({ key: 'synced', text: s.lastSyncedAt ? m.syncedAgo(this.ago(s.lastSyncedAt)) : m.neverSynced });
      if (s.error && s.error !== 'offline') {
        const text = s.error in m.error ? m.error[s.error as keyof typeof m.error] : m.error.other;
        facts.push({ key: 'error', text, warn: true });
      }
    }
    if (s.pending) facts.push({ key: 'pending', text: m.pending(s.pending, this.ago(s.oldestPendingAt ?? new Date().toISOString())) });
    else if (s.connected) facts.push({ key: 'pending', text: m.allSent });
    if (s.conflicts) facts.push({ key: 'conflicts', text: m.conflicts(s.conflicts), warn: true });
    if (s.rejected) facts.push({ key: 'rejected', text: m.rejected(s.rejected), warn: true });
    if (!s.persisted) facts.push({ key: 'storage', text: m.notPersistent, warn: true });
    if (s.clockSkewMs !== undefined && Math.abs(s.clockSkewMs) > CLOCK_SKEW_LIMIT_MS) {
      facts.push({ key: 'clock', text: m.clockSkew(Math.round(Math.abs(s.clockSkewMs) / 60_000)), warn: true });
    }
    return html`<ul part="status" aria-label=${m.label} role="status">
      ${facts.map((f) => html`<li data-fact=${f.key} class=${f.warn ? 'warning' : ''} part=${f.warn ? 'warning' : 'fact'}>${f.text}</li>`)}
    </ul>`;
  }
}
