/**
 * `AutosaveController`: saves what the user is typing a moment after they
 * pause, one save at a time, and never loses the last keystrokes.
 *
 * - debounced: `schedule()` on every change; the save runs `delay()` ms after
 *   the last one;
 * - ordered: saves run one after the other (each can name the revision the
 *   previous one produced), never two at once;
 * - flushed: a pending save runs at once on `flush()`, when the host leaves
 *   the page (`pagehide`) and when it is disconnected;
 * - errors surface: a failed save sets `status` to `failed` (the host
 *   re-renders) and calls `onError`; the next change tries again.
 *
 * @example
 * ```ts
 * private readonly autosave = new AutosaveController(this, {
 *   delay: () => this.autosaveDelay,
 *   save: () => store.saveDraft({ source: this.value }),
 *   onError: (e) => this.emit('rulecard-error', { kind: 'draft', message: errorText(e, locale) }),
 * });
 * // on input:
 * this.autosave.schedule();
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the autosave stands. `saved` carries what the last save returned. */
export type AutosaveStatus<T> = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; result: T } | { kind: 'failed'; error: unknown };

export interface AutosaveOptions<T> {
  /** Milliseconds after the last `schedule()` before saving (read at each call). */
  delay: () => number;
  /** Writes the current state; `undefined` when there was nothing to save (the status is left as it was). */
  save: () => Promise<T | undefined>;
  /** Called with the error of a failed save, after `status` says so. Default: none. */
  onError?: (error: unknown) => void;
}

export class AutosaveController<T> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: AutosaveOptions<T>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private current: AutosaveStatus<T> = { kind: 'idle' };

  constructor(host: ReactiveControllerHost, options: AutosaveOptions<T>) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The last save's outcome (`saving` while one runs). */
  get status(): AutosaveStatus<T> {
    return this.current;
  }

  /** True while a save waits for its delay. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Settles when every save started so far has settled. */
  get settled(): Promise<void> {
    return this.chain;
  }

  /** A change: saves `delay()` ms from now, unless another change comes first. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue();
    }, this.options.delay());
  }

  /** Saves now if a save is pending; resolves when every save has settled. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.enqueue();
    }
    return this.chain;
  }

  /** Drops a pending save (one already running finishes). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Drops a pending save and forgets the status (a new document was loaded, or the draft was published). */
  reset(): void {
    this.cancel();
    this.set({ kind: 'idle' });
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    void this.flush();
  }

  private readonly onPageHide = (): void => void this.flush();

  private enqueue(): void {
    this.chain = this.chain.then(() => this.run());
  }

  private async run(): Promise<void> {
    const before = this.current;
    this.set({ kind: 'saving' });
    try {
      const result = await this.options.save();
      this.set(result === undefined ? before : { kind: 'saved', result });
    } catch (error) {
      this.set({ kind: 'failed', error });
      this.options.onError?.(error);
    }
  }

  private set(status: AutosaveStatus<T>): void {
    this.current = status;
    this.host.requestUpdate();
  }
}
