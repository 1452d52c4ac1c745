/**
 * `SplitController`: a movable split between two panes, as a WAI-ARIA window
 * splitter (`role="separator"`, focusable, with its value in percent of the
 * first pane's share). ArrowLeft / ArrowRight move it by `step`, Home / End to
 * its minimum / maximum; a pointer drags it.
 *
 * The share is set as the CSS custom property `--_split` on the element that
 * holds both panes (through the CSSOM: no `style` attribute under a strict CSP);
 * the panes' CSS reads it.
 *
 * @example
 * ```ts
 * private readonly split = new SplitController(this, { min: 30, max: 80, initial: 60, step: 5 });
 * render() {
 *   return html`<div class="layout" ${this.split.layout()}>
 *     <section id="main" class="main">…</section>
 *     ${this.split.separator({ label: msg.resize, controls: 'main' })}
 *     <section class="side">…</section>
 *   </div>`;
 * }
 * ```
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { styleProps } from '../shared/style-props.js';

export interface SplitOptions {
  /** Smallest share of the first pane, in percent (default 30). */
  min?: number;
  /** Largest share of the first pane, in percent (default 80). */
  max?: number;
  /** The share at first, in percent (default 60). */
  initial?: number;
  /** How far one arrow key moves it, in percent (default 5). */
  step?: number;
}

export class SplitController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly min: number;
  private readonly max: number;
  private readonly step: number;
  /** The first pane's share, in percent. */
  share: number;

  constructor(host: ReactiveControllerHost, options: SplitOptions = {}) {
    this.host = host;
    this.min = options.min ?? 30;
    this.max = options.max ?? 80;
    this.step = options.step ?? 5;
    this.share = options.initial ?? 60;
    host.addController(this);
  }

  hostConnected(): void {}

  /** On the element that holds both panes: its `--_split` share. */
  layout(): DirectiveResult {
    return styleProps({ '--_split': `${this.share}%` });
  }

  /** The separator between the panes; `controls` is the id of the first pane. */
  separator(o: { label: string; controls: string }): TemplateResult {
    return html`<div
      class="splitter"
      part="splitter"
      role="separator"
      tabindex="0"
      aria-orientation="vertical"
      aria-label=${o.label}
      aria-controls=${o.controls}
      aria-valuemin=${this.min}
      aria-valuemax=${this.max}
      aria-valuenow=${this.share}
      @keydown=${this.onKey}
      @pointerdown=${this.onPointerDown}
    ></div>`;
  }

  private set(share: number): void {
    const next = Math.min(this.max, Math.max(this.min, Math.round(share)));
    if (next === this.share) return;
    this.share = next;
    this.host.requestUpdate();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const to =
      e.key === 'ArrowLeft'
        ? this.share - this.step
        : e.key === 'ArrowRight'
          ? this.share + this.step
          : e.key === 'Home'
            ? this.min
            : e.key === 'End'
              ? this.max
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    this.set(to);
  };

  private readonly onPointerDown = (e: PointerEvent): void => {
    const splitter = e.currentTarget as HTMLElement;
    const layout = splitter.parentElement;
    if (!layout || e.button !== 0) return;
    e.preventDefault();
    splitter.focus();
    splitter.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      const box = layout.getBoundingClientRect();
      if (box.width > 0) this.set(((m.clientX - box.left) / box.width) * 100);
    };
    const stop = () => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', stop);
      splitter.removeEventListener('pointercancel', stop);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', stop);
    splitter.addEventListener('pointercancel', stop);
  };
}
