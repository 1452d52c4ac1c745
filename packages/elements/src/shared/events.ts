/**
 * Typed DOM events. Every rulecard event bubbles and is composed (crosses
 * shadow roots), so a portal listens on `document` or any ancestor:
 *
 * @example
 * ```ts
 * document.addEventListener('rulecard-saved', (e) => console.log(e.detail.kind, e.detail.id));
 * ```
 *
 * To add an event from another folder, augment the map (declaration merging):
 * ```ts
 * declare module '../shared/events.js' {
 *   interface RulecardEventMap { 'rulecard-diagnostics': { errors: number } }
 * }
 * ```
 */

/** What was saved. */
export type SavedKind = 'call-log' | 'incident' | 'rulebook' | 'appeal' | 'team' | 'member' | 'roster-import';

export interface RulecardEventMap {
  /** A record was saved to the store (not a draft). */
  'rulecard-saved': { kind: SavedKind; id: string };
  /** A form's draft was written (after each change, debounced). */
  'rulecard-draft-saved': { kind: SavedKind; key: string };
  /** A rulebook version was published. */
  'rulecard-published': { rulebookId: string; version: number; effectiveFrom: string };
  /** An appeal changed state. */
  'rulecard-appeal': { action: 'opened' | 'accepted' | 'rejected'; appealId: string; rule: string; consultant: string };
  /**
   * A manager exported a scorecard for payroll (CSV, UTF-8 with BOM, opens in Excel). Cancelable: a portal that
   * calls `preventDefault()` takes the `csv` itself (e.g. uploads it) and the element downloads nothing.
   */
  'rulecard-export': { kind: 'score-csv'; filename: string; csv: string; period: { from: string; to: string }; team?: string };
  /** A manager closed (结账: scores frozen as paid) or reopened a month. */
  'rulecard-month': { action: 'closed' | 'reopened'; month: string };
  /**
   * First run (nothing set up yet): a manager asked to go to a setup step — `roster` (the roster element) or
   * `rulebook` (the rulebook editor). The portal shows the page that holds that element.
   */
  'rulecard-setup': { step: 'roster' | 'rulebook' };
  /** Something failed that the user was told about in the element. */
  'rulecard-error': { kind: string; message: string };
}

export type RulecardEventName = keyof RulecardEventMap;
export type RulecardEvent<K extends RulecardEventName> = CustomEvent<RulecardEventMap[K]>;

/** Dispatches a bubbling, composed, typed CustomEvent from `host`. Returns `false` if a listener called `preventDefault()`. */
export function fire<K extends RulecardEventName>(host: EventTarget, type: K, detail: RulecardEventMap[K], cancelable = false): boolean {
  return host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** Every rulecard event as the DOM sees it (the element maps below extend it, so they never drift from `RulecardEventMap`). */
export type RulecardDomEvents = { [K in RulecardEventName]: RulecardEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging into the DOM's map
  interface HTMLElementEventMap extends RulecardDomEvents {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging into the DOM's map
  interface DocumentEventMap extends RulecardDomEvents {}
}
