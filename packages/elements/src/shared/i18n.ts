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
 * // call-log.ts (English loads on demand: its own chunk, fetched when the element first renders in `en`)
 * private i18n = new LocaleController(this, { 'zh-CN': zhCN, en: () => import('./messages/en.js').then((m) => m.en) });
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

/**
 * A catalog whose English table loads on demand: zh-CN (the default) is in the element's bundle, English is
 * its own chunk (`() => import('./en.js').then((m) => m.en)`), fetched when an element first renders in `en`.
 * An element waits for it before rendering (`RulecardElement.scheduleUpdate`), so it never shows the wrong
 * language; a page in zh-CN never downloads it.
 */
export interface LazyCatalog<M> {
  readonly 'zh-CN': M;
  readonly en: () => Promise<M>;
}

/** Either kind of catalog. */
export type AnyCatalog<M> = Catalog<M> | LazyCatalog<M>;

/** English tables loaded so far, per catalog (shared by every element using the catalog). */
const loadedEn = new WeakMap<object, unknown>();
/** English tables being loaded, per catalog. */
const loadingEn = new WeakMap<object, Promise<unknown>>();

/**
 * The table of `locale` if it is at hand (zh-CN always; English once loaded, or at once for an eager catalog),
 * else `undefined`.
 */
export function loadedMessages<M>(catalog: AnyCatalog<M>, locale: Locale): M | undefined {
  if (locale === 'zh-CN') return catalog['zh-CN'];
  if (typeof catalog.en !== 'function') return catalog.en;
  return loadedEn.get(catalog) as M | undefined;
}

/** The table of `locale`, or zh-CN while (or if) English is not loaded: for formatting outside a render. */
export function messagesOf<M>(catalog: AnyCatalog<M>, locale: Locale): M {
  return loadedMessages(catalog, locale) ?? catalog['zh-CN'];
}

/** Loads the table of `locale` (once per catalog); zh-CN when the English chunk cannot be loaded. */
export function loadMessages<M>(catalog: AnyCatalog<M>, locale: Locale): Promise<M> {
  const at = loadedMessages(catalog, locale);
  if (at) return Promise.resolve(at);
  const lazy = catalog as LazyCatalog<M>;
  let p = loadingEn.get(catalog) as Promise<M> | undefined;
  if (!p) {
    p = lazy.en().then(
      (m) => {
        loadedEn.set(catalog, m);
        return m;
      },
      () => {
        loadingEn.delete(catalog);
        return catalog['zh-CN'];
      },
    );
    loadingEn.set(catalog, p);
  }
  return p;
}

/** Merges the shared catalog with an element's own: `LazyCatalog<Shared & Own>`. Own keys win. */
export function extendCatalog<S extends object, O extends object>(shared: AnyCatalog<S>, own: AnyCatalog<O>): LazyCatalog<S & O> {
  return {
    'zh-CN': { ...shared['zh-CN'], ...own['zh-CN'] },
    en: () => Promise.all([loadMessages(shared, 'en'), loadMessages(own, 'en')]).then(([s, o]) => ({ ...s, ...o })),
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

/** The locale controllers of each host. */
const controllers = new WeakMap<object, Set<LocaleController<unknown>>>();

/**
 * Reactive controller: `msg` is the catalog of the host's locale.
 * Watches `lang` on the host and each ancestor (MutationObserver), so switching
 * `<html lang="en">` re-renders every element beneath it.
 */
export class LocaleController<M> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly catalog: AnyCatalog<M>;
  private observer?: MutationObserver;
  private current: Locale = DEFAULT_LOCALE;
  /** The English table being loaded, while it is. */
  private loading?: Promise<unknown>;

  constructor(host: ReactiveControllerHost & HTMLElement, catalog: AnyCatalog<M>) {
    this.host = host;
    this.catalog = catalog;
    host.addController(this);
    let set = controllers.get(host);
    if (!set) controllers.set(host, (set = new Set()));
    set.add(this);
  }

  /** Settles when the table of the host's locale is loaded; `undefined` when it already is. */
  get ready(): Promise<unknown> | undefined {
    return this.loading;
  }

  /** The host's locale, resolved from the closest `lang`. */
  get locale(): Locale {
    return this.current;
  }

  /** Messages in the host's locale. */
  get msg(): M {
    return messagesOf(this.catalog, this.current);
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
      if (!loadedMessages(this.catalog, next)) {
        const p = loadMessages(this.catalog, next).then(() => {
          if (this.loading === p) this.loading = undefined;
        });
        this.loading = p;
      } else this.loading = undefined;
      this.host.requestUpdate();
    }
  }
}

/**
 * Settles when every locale controller of `host` has its table loaded; `undefined` when they all have (an
 * element awaits it before each update, so it renders in its language from the first frame).
 */
export function localeReady(host: object): Promise<unknown> | undefined {
  const waits = [...(controllers.get(host) ?? [])].flatMap((c) => c.ready ?? []);
  return waits.length ? Promise.all(waits) : undefined;
}
