/**
 * First run: while the store has no roster or no rulebook in effect (or the
 * signed-in person is not on the roster), an element shows what is missing
 * instead of an error or an empty widget — a manager the setup steps (the
 * roster, a starter rulebook) with a button for each, anyone else what to ask
 * their manager for. Every element shows the same view (`first-run-view.ts`,
 * loaded only when something is missing: a set-up store never downloads it).
 *
 * @example
 * ```ts
 * private readonly firstRun = new FirstRunController(this, { needs: ['roster', 'person'] });
 * render() { return this.firstRun.blocking ? this.firstRun.render() : html`…`; }
 * ```
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SetupStatus } from '@rulecard/store';
import type { Role, SignedInUser } from './context.js';
import type { RulecardEventMap } from './events.js';
import type { Locale } from './i18n.js';
import { LiveController } from './live.js';
import type { RulecardStore } from './store.js';

/** What an element needs set up: scored people on the roster, a rulebook in effect today, the signed-in person on the roster. */
export type SetupNeed = 'roster' | 'rulebook' | 'person';

/** What the first-run controller reads from its element. */
export interface FirstRunHost extends ReactiveControllerHost {
  readonly activeStore: RulecardStore | undefined;
  readonly user: SignedInUser | undefined;
  readonly renderRoot: Element | ShadowRoot | DocumentFragment;
}

/** What the first-run check found. */
interface FirstRunState {
  status: SetupStatus;
  missing: SetupNeed[];
}

export interface FirstRunOptions {
  /** What this element cannot work without. */
  needs: readonly SetupNeed[];
  /** The element's language. */
  locale: () => Locale;
  /** The rulebook id it reads (default `default`). */
  rulebook?: () => string;
  /** Dispatches `rulecard-setup` (the element's `emit`). */
  emit: (detail: RulecardEventMap['rulecard-setup']) => void;
}

/** The setup steps still missing for `user`, from a store's `setupStatus` (in the order they are done). */
export function missingSetup(status: SetupStatus, needs: readonly SetupNeed[], role: Role | undefined): SetupNeed[] {
  const missing: SetupNeed[] = [];
  if (needs.includes('roster') && status.scored === 0) missing.push('roster');
  // Managers are not scored: only consultants and leads must be on the roster themselves.
  if (needs.includes('person') && role !== 'manager' && status.scored > 0 && status.person && !status.person.onRoster)
    missing.push('person');
  if (needs.includes('rulebook') && !status.rulebook) missing.push('rulebook');
  return missing;
}

export class FirstRunController implements ReactiveController {
  private readonly host: FirstRunHost;
  private readonly options: FirstRunOptions;
  /** The last answer: what is set up, what is missing. */
  private state?: FirstRunState;
  private view?: typeof import('./first-run-view.js');
  /** The store and person of the last check (checked again when either changes, and on roster or rulebook writes). */
  private checkedFor: unknown[] = [];
  private readonly live: LiveController;

  constructor(host: FirstRunHost, options: FirstRunOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
    this.live = new LiveController(host, (change) => {
      if (change.type === 'changed' && change.kinds.some((k) => k === 'members' || k === 'teams' || k === 'rulebookVersions'))
        void this.check();
    });
  }

  hostUpdate(): void {
    const key = [this.host.activeStore, this.host.user?.consultant, this.options.rulebook?.()];
    if (key.some((k, i) => k !== this.checkedFor[i])) {
      this.checkedFor = key;
      void this.check();
    }
  }

  private async check(): Promise<void> {
    const [store, person, rulebookId] = this.checkedFor as [RulecardStore | undefined, string | undefined, string | undefined];
    if (!store) return;
    const status = await store.setupStatus({ rulebookId, person });
    const missing = missingSetup(status, this.options.needs, this.host.user?.role);
    if (missing.length && !this.view) {
      this.view = await import('./first-run-view.js');
      this.view.adoptFirstRunStyles(this.host.renderRoot);
    }
    this.state = { status, missing };
    this.host.requestUpdate();
  }

  /** The element should show the first-run view instead of its content. */
  get blocking(): boolean {
    return !!this.state?.missing.length && !!this.view;
  }

  render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s?.missing.length || !this.view) return nothing;
    return this.view.firstRunView({
      ...s,
      needs: this.options.needs,
      role: this.host.user?.role ?? 'consultant',
      person: this.host.user?.consultant ?? '',
      locale: this.options.locale(),
      onStep: (step) => this.options.emit({ step }),
    });
  }
}
