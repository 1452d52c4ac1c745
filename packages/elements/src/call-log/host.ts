/**
 * What the call log's feature controllers (the form, the list, the
 * statistics, an entry's history) read from `<rulecard-call-log>`: the element
 * implements this.
 */
import type { ReactiveControllerHost } from 'lit';
import type { RulecardStore, Subject } from '@rulecard/store';
import type { SignedInUser } from '../shared/context.js';
import type { LocaleController } from '../shared/i18n.js';
import type { FormField } from './form.js';
import type { CallLogText } from './messages/index.js';

export interface CallLogHost extends ReactiveControllerHost, HTMLElement {
  readonly activeStore: RulecardStore | undefined;
  readonly user: SignedInUser | undefined;
  readonly database: string;
  readonly timeZone: string;
  readonly i18n: LocaleController<CallLogText>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Whose entries are shown: the consultant's own, or everyone's for leads and managers. */
  readonly subject: Subject | undefined;
  /** Bumped on every committed call-log write (here, in another element or tab): tasks take it to re-run. */
  readonly revision: number;
  /** Now, to the minute (overdue follow-ups), and today in the store's zone. */
  readonly now: Date;
  readonly today: string;
  /** A roster member's name (their id until the roster is read). */
  nameOf(id: string): string;
  /** Short names of `fields`, as one list in the user's language. */
  fieldList(fields: readonly FormField[]): string;
  /** Opens the entry `id` in the form. */
  edit(id: string): Promise<void>;
  /** Shows the edit history of the entry `id`. */
  showHistory(id: string): void;
}
