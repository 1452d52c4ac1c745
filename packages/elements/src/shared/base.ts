/**
 * `RulecardElement`: the base every rulecard element extends.
 *
 * - attributes `consultant` and `role` (`consultant` | `lead` | `manager`) name
 *   the signed-in user; without them, the user comes from `userContext`;
 * - `store` property (or `storeContext`, or else the IndexedDB database named
 *   by the `database` attribute, default `rulecard`, synced with the server at
 *   `sync-url` when given);
 * - `emit(type, detail)` dispatches a typed, bubbling, composed event;
 * - `themeStyles` included: subclasses write `static styles = [...super.styles ?? [], own]`
 *   or simply `[themeStyles, own]`.
 *
 * Note on `role`: the clinic portal contract names this attribute `role`; on a
 * custom element host it is not a valid ARIA role, so assistive technology
 * ignores it (treats the host as generic) — the element's content carries its
 * own landmarks and labels.
 *
 * @example
 * ```ts
 * export class RulecardThing extends RulecardElement {
 *   private i18n = new LocaleController(this, catalog);
 *   render() { return html`${this.user?.consultant}`; }
 * }
 * ```
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { storeContext, toRole, userContext, type Role, type SignedInUser } from './context.js';
import { fire, type RulecardEventMap, type RulecardEventName } from './events.js';
import { openDefaultStore, type RulecardStore } from './store.js';
import { themeStyles } from './theme.js';
import { localeReady } from './i18n.js';

/**
 * @attr sync-url - The department's server (`/api`, or a full URL): the store the element opens itself syncs
 * with it (`store.connect`, the token from `configureSync` of `@rulecard/store`); read when the store opens.
 * Ignored when the page gives the store.
 */
export class RulecardElement extends LitElement {
  static override styles = [themeStyles];

  /** Roster id of the signed-in user. Overrides `userContext`. */
  @property() consultant = '';

  /** Role of the signed-in user: `consultant` (default), `lead` or `manager`. Overrides `userContext`. */
  @property() override role: string | null = null;

  /** IndexedDB database opened when no store is given by property or context. */
  @property() database = 'rulecard';

  /** The store; set it directly, or provide it with `storeContext`. */
  @property({ attribute: false }) store?: RulecardStore;

  @consume({ context: storeContext, subscribe: true })
  @state()
  protected contextStore?: RulecardStore;

  @consume({ context: userContext, subscribe: true })
  @state()
  protected contextUser?: SignedInUser;

  @state() private openedStore?: RulecardStore;

  /** The signed-in user: attributes first, then context; `undefined` when neither names a consultant. */
  get user(): SignedInUser | undefined {
    if (this.consultant) return { consultant: this.consultant, role: toRole(this.role ?? this.contextUser?.role) };
    if (this.contextUser) return { consultant: this.contextUser.consultant, role: toRole(this.role ?? this.contextUser.role) };
    return undefined;
  }

  /** The role in effect (least privilege when unknown). */
  get userRole(): Role {
    return this.user?.role ?? 'consultant';
  }

  /** The store in effect: property, then context, then the default database (opened on first update). */
  get activeStore(): RulecardStore | undefined {
    return this.store ?? this.contextStore ?? this.openedStore;
  }

  /** The rulebook's time zone as the store keeps it (Asia/Shanghai until a store is there). */
  get timeZone(): string {
    return this.activeStore?.timezone ?? 'Asia/Shanghai';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.store && !this.contextStore && (!this.openedStore || changed.has('database'))) {
      const name = this.database;
      void openDefaultStore(name, this.getAttribute('sync-url')).then((s) => {
        if (this.database === name) this.openedStore = s;
      });
    }
  }

  /**
   * Waits for the element's English strings when they are being loaded (they load on demand, see
   * `LazyCatalog`), so the first frame is in the element's language; `updateComplete` includes the wait.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = localeReady(this);
    return wait ? wait.then(() => this.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Dispatches a typed, bubbling, composed event from this element; `false` when a listener canceled a `cancelable` one. */
  protected emit<K extends RulecardEventName>(type: K, detail: RulecardEventMap[K], cancelable = false): boolean {
    return fire(this, type, detail, cancelable);
  }
}
