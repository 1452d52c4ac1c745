/**
 * A keyboard tablist (WAI-ARIA tabs pattern, automatic activation): one Lit
 * template for the editor's side panel and the call log's periods.
 *
 * The tab of value `t` gets the id `tab-<t>` and `data-tab=<t>`; only the
 * selected tab is in the Tab order (`tabindex` 0, the others −1); ArrowRight /
 * ArrowLeft move to the next / previous tab (wrapping), Home / End to the first
 * / last, and select it at once; focus follows the selection once the host has
 * re-rendered.
 *
 * @example
 * ```ts
 * render() {
 *   return html`${tablist({
 *     label: msg.sidePanel,
 *     tabs: ['table', 'history'],
 *     selected: this.tab,
 *     text: (t) => msg.tabs[t],
 *     controls: (t) => `panel-${t}`,
 *     onSelect: (t) => (this.tab = t),
 *     updated: () => this.updateComplete,
 *   })}
 *   <div role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}">…</div>`;
 * }
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';

export interface TablistOptions<T extends string> {
  /** The tablist's accessible name. */
  label: string;
  /** The tabs, in order. */
  tabs: readonly T[];
  /** The selected tab. */
  selected: T;
  /** A tab's visible text. */
  text: (tab: T) => string;
  /** The id of the panel a tab controls. */
  controls: (tab: T) => string;
  /** Called when a tab is chosen (click or arrow keys). */
  onSelect: (tab: T) => void;
  /** Settles once the host has rendered the new selection (`() => this.updateComplete`); focus moves then. */
  updated: () => Promise<unknown>;
  /** `part` of each tab (default: none). */
  part?: string;
}

/** The tab a key moves to from `index` among `count` tabs, or `undefined` when the key is not a tablist key. */
export function tabKeyTarget(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index + count - 1) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** The tablist (`role="tablist"`) with one `role="tab"` button per tab. */
export function tablist<T extends string>(o: TablistOptions<T>): TemplateResult {
  const onKeydown = (e: KeyboardEvent): void => {
    const next = tabKeyTarget(e.key, o.tabs.indexOf(o.selected), o.tabs.length);
    if (next === undefined) return;
    e.preventDefault();
    const list = e.currentTarget as HTMLElement;
    const tab = o.tabs[next];
    o.onSelect(tab);
    void o.updated().then(() => list.querySelector<HTMLElement>(`[role="tab"][data-tab="${tab}"]`)?.focus());
  };
  return html`<div role="tablist" aria-label=${o.label} @keydown=${onKeydown}>
    ${o.tabs.map(
      (tab) =>
        html`<button
          type="button"
          role="tab"
          part=${o.part ?? nothing}
          id="tab-${tab}"
          data-tab=${tab}
          aria-selected=${tab === o.selected ? 'true' : 'false'}
          aria-controls=${o.controls(tab)}
          tabindex=${tab === o.selected ? '0' : '-1'}
          @click=${() => o.onSelect(tab)}
        >
          ${o.text(tab)}
        </button>`,
    )}
  </div>`;
}
