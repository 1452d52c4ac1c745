/** What the roster's controllers read from `<rulecard-roster>`. */
import type { ReactiveControllerHost } from 'lit';
import type { RulecardEventMap, RulecardEventName } from '../shared/events.js';
import type { LocaleController } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import type { RulecardStore } from '../shared/store.js';
import type { SignedInUser } from '../shared/context.js';
import type { RosterMessages } from './messages/index.js';

export interface RosterHost extends ReactiveControllerHost, HTMLElement {
  readonly activeStore: RulecardStore | undefined;
  readonly user: SignedInUser | undefined;
  readonly i18n: LocaleController<SharedMessages & RosterMessages>;
  /** Only a manager edits. */
  readonly canEdit: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Dispatches a typed rulecard event from the element. */
  fire<K extends RulecardEventName>(type: K, detail: RulecardEventMap[K]): void;
  /** A line for the status region (saved, imported, deleted). */
  announce(text: string): void;
}
