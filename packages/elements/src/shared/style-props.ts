/**
 * `styleProps({ left: '12.5%' })`: sets inline style properties through the
 * CSSOM (`element.style.setProperty`) on every render — never a `style`
 * attribute, which a strict CSP (`style-src 'self'`, no `'unsafe-inline'`)
 * blocks. Lit's `styleMap` writes the attribute on its first render, so it
 * cannot be used under such a policy.
 *
 * @example
 * ```ts
 * html`<span class="tick" ${styleProps({ left: `${pct}%` })}>${label}</span>`;
 * ```
 */
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class StylePropsDirective extends Directive {
  private applied = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() belongs on an element: <span ${styleProps(…)}>');
  }

  render(_props: Readonly<Record<string, string>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof nothing {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const name of this.applied) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.applied = new Set(Object.keys(props));
    return nothing;
  }
}

export const styleProps = directive(StylePropsDirective);
