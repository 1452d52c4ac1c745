/**
 * Per-element localisation: a typed message catalog per locale and a reactive
 * controller that picks the catalog from the element's `lang` (or the closest
 * ancestor's, across shadow roots) and re-renders when any of those change.
 *
 * Why not `@lit/localize`'s runtime mode: it has one global locale per page,
 * while our elements must follow their own `lang` attribute (a zh-CN portal may
 * embed one English widget). The catalog below keeps the same discipline —
 * one table per locale, same keys enforced by the compiler, parameterised
 * messages as functions, no concatenation of translated fragments.
 *
 * @example
 * ```ts
 * // call-log/messages/zh-CN.ts
 * export const zhCN = { title: '咨询登记', saved: (n: number) => `已保存 ${n} 条` };
 * export type CallLogMessages = typeof zhCN;
 * // call-log/messages/en.ts
 * export const en: CallLogMessages = { title: 'Consultation log', saved: (n) => `${n} saved` };
 * // call-log.ts
 * private i18n = new LocaleController(this, { 'zh-CN': zhCN, en });
 * render() { return html`<h2>${this.i18n.msg.title}</h2>`; }
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Same as `Locale` in `@rulecard/dsl` (kept here so the i18n layer has no dependency). */
export type Locale = 'zh-CN' | 'en';

/** zh-CN is the default; English is the second locale. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A message is a plain string or a function of typed parameters (any parameter list: `never[]` accepts them all). */
export type Message = string | ((...args: never[]) => string);

/** One table of messages per locale. `M` is the zh-CN table's type, so `en` must have exactly its keys. */
export type Catalog<M> = { readonly [L in Locale]: M };

/** Merges the shared catalog with an element's own: `Catalog<Shared & Own>`. Own keys win. */
export function extendCatalog<S extends object, O extends object>(shared: Catalog<S>, own: Catalog<O>): Catalog<S & O> {
  return {
    'zh-CN': { ...shared['zh-CN'], ...own['zh-CN'] },
    en: { ...shared.en, ...own.en },
  };
}

/** Maps a BCP 47 tag to one of our locales: `en`, `en-US`, `en-GB` → `en`; everything else → zh-CN. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^en(-|$)/i.test(tag.trim()) ? 'en' : DEFAULT_LOCALE;
}

/** The nearest `lang` attribute at or above `el`, crossing shadow-root boundaries. */
export function langOf(el: Element): string | null {
  for (const node of ancestorsOf(el)) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
  }
  return null;
}

/** `el` and its ancestors up to the document element, stepping out of shadow roots through their hosts. */
function ancestorsOf(el: Element): Element[] {
  const chain: Element[] = [];
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) chain.push(node);
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return chain;
}

/**
 * Reactive controller: `msg` is the catalog of the host's locale.
 * Watches `lang` on the host and each ancestor (MutationObserver), so switching
 * `<html lang="en">` re-renders every element beneath it.
 */
export class LocaleController<M> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly catalog: Catalog<M>;
  private observer?: MutationObserver;
  private current: Locale = DEFAULT_LOCALE;

  constructor(host: ReactiveControllerHost & HTMLElement, catalog: Catalog<M>) {
    this.host = host;
    this.catalog = catalog;
    host.addController(this);
  }

  /** The host's locale, resolved from the closest `lang`. */
  get locale(): Locale {
    return this.current;
  }

  /** Messages in the host's locale. */
  get msg(): M {
    return this.catalog[this.current];
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.refresh());
    for (const el of ancestorsOf(this.host)) {
      this.observer.observe(el, { attributes: true, attributeFilter: ['lang'] });
    }
    this.refresh();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private refresh(): void {
    const next = toLocale(langOf(this.host));
    if (next !== this.current) {
      this.current = next;
      this.host.requestUpdate();
    }
  }
}
