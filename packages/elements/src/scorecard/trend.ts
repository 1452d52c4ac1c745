/**
 * The month trend: daily bars and a cumulative line as clean SVG (a Lit `svg` template) over a labelled zero
 * line, dates under the axis, and a table for screen readers.
 */
import { css, html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { styleProps } from '../shared/style-props.js';
import { formatCentipoints, formatDayShort } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { ScorecardText } from './messages/index.js';
import type { ScorecardModel } from './model.js';

const W = 320;
const H = 100;
const PAD = 6;

/** The chart's styles: adopted by the card's shadow root with the chart (`adoptTrendStyles`), not in the element's first download. */
const trendStyles = css`
  svg {
    /* fills its container; the viewBox is stretched horizontally (strokes keep their width) */
    width: 100%;
    height: var(--rulecard-chart-height, 160px);
    display: block;
  }
  svg .axis,
  svg .cumulative {
    vector-effect: non-scaling-stroke;
  }
  svg .axis {
    stroke: var(--_border);
    stroke-width: 1;
  }
  svg .zero {
    stroke: var(--_muted);
  }
  /* the chart and its axis labels (positioned in percent of the chart, see trend.ts) */
  .plot {
    position: relative;
    margin-bottom: 1.6em;
  }
  .trend-axis {
    position: absolute;
    inset: 0;
    pointer-events: none;
    color: var(--_muted);
    font-size: 0.8em;
    line-height: 1.2;
  }
  .trend-axis .zero-label {
    position: absolute;
    left: 0;
    transform: translateY(-50%);
    padding: 0 2px;
    background: var(--_surface);
  }
  .trend-axis .tick {
    position: absolute;
    top: 100%;
    padding-top: 2px;
    white-space: nowrap;
    transform: translateX(-50%);
  }
  .trend-axis .tick.first {
    transform: none;
  }
  .trend-axis .tick.last {
    transform: translateX(-100%);
  }
`;

/** Adds the chart's styles to `root` (once). */
export function adoptTrendStyles(root: Element | DocumentFragment): void {
  const sheet = trendStyles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export type Trend = NonNullable<ScorecardModel['trend']>;

/** Where the chart puts a value (y) and a day's bar (x), in viewBox units. */
function scales(trend: Trend): { x: (i: number) => number; y: (v: number) => number; step: number } {
  const n = Math.max(trend.length, 1);
  const values = trend.flatMap((t) => [t.centipoints, t.cumulative, 0]);
  const max = Math.max(...values, 100);
  const min = Math.min(...values, -100);
  const step = (W - 2 * PAD) / n;
  return { x: (i) => PAD + step * i + step / 2, y: (v) => PAD + ((max - v) / (max - min)) * (H - 2 * PAD), step };
}

/** The days labelled under the axis: weekly from the first, and the last (a short period: its first and last). */
function tickDays(count: number): number[] {
  if (count <= 10) return count > 1 ? [0, count - 1] : [0];
  const ticks: number[] = [];
  for (let i = 0; i < count - 4; i += 7) ticks.push(i);
  return [...ticks, count - 1];
}

export function trendSvg(trend: Trend): SVGTemplateResult {
  const { x, y, step } = scales(trend);
  const zero = y(0);
  const line = trend.map((t, i) => `${x(i).toFixed(1)},${y(t.cumulative).toFixed(1)}`).join(' ');
  return svg`
    <line class="axis zero" x1=${PAD} x2=${W - PAD} y1=${zero} y2=${zero}></line>
    ${trend.map((t, i) => {
      const top = Math.min(y(t.centipoints), zero);
      const h = Math.abs(y(t.centipoints) - zero);
      return t.centipoints
        ? svg`<rect class=${t.centipoints < 0 ? 'bar neg' : 'bar pos'} x=${(x(i) - step * 0.35).toFixed(1)} y=${top.toFixed(1)} width=${(step * 0.7).toFixed(1)} height=${Math.max(h, 0.5).toFixed(1)}></rect>`
        : null;
    })}
    <polyline class="cumulative" points=${line}></polyline>
  `;
}

export const TREND_VIEWBOX = `0 0 ${W} ${H}`;

/** The trend section: its heading, the chart (or a loading status while the events load) and the table behind it. */
export function trendView(trend: Trend | undefined, m: ScorecardText, locale: Locale): TemplateResult {
  if (!trend)
    return html`<h3 id="trend-title">${m.trend}</h3>
      <p class="status" role="status">${m.loading}</p>`;
  const last = trend[trend.length - 1]?.cumulative ?? 0;
  return html`<h3 id="trend-title">${m.trend}</h3>
    <div class="plot">
      <svg
        part="trend"
        viewBox=${TREND_VIEWBOX}
        width="100%"
        role="img"
        aria-labelledby="trend-svg-title trend-desc"
        preserveAspectRatio="none"
      >
        ${svg`<title id="trend-svg-title">${m.trend}</title><desc id="trend-desc">${m.trendLabel(trend.length, formatCentipoints(last, locale))}</desc>`}
        ${trendSvg(trend)}
      </svg>
      ${axisLabels(trend, locale)}
    </div>
    <table class="visually-hidden">
      <caption>
        ${m.trendTable}
      </caption>
      <thead>
        <tr>
          <th scope="col">${m.day}</th>
          <th scope="col">${m.daily}</th>
          <th scope="col">${m.cumulative}</th>
        </tr>
      </thead>
      <tbody>
        ${trend
          .filter((t) => t.centipoints)
          .map(
            (t) =>
              html`<tr>
                <td>${t.day}</td>
                <td>${formatCentipoints(t.centipoints, locale)}</td>
                <td>${formatCentipoints(t.cumulative, locale)}</td>
              </tr>`,
          )}
      </tbody>
    </table>`;
}

/**
 * The axis in words, over the chart (hidden from screen readers: the table says it): `0` at the zero line, and
 * the dates under the bars of their days. Placed in percent of the chart (which stretches to any width) through
 * the CSSOM (`styleProps`: allowed under a strict CSP).
 */
function axisLabels(trend: Trend, locale: Locale): TemplateResult {
  const { x, y } = scales(trend);
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(2)}%`;
  const ticks = tickDays(trend.length);
  return html`<div part="trend-axis" class="trend-axis" aria-hidden="true">
    <span class="zero-label" ${styleProps({ top: pct(y(0), H) })}>0</span>
    ${ticks.map(
      (i, k) =>
        html`<span class="tick ${k === 0 ? 'first' : k === ticks.length - 1 ? 'last' : ''}" ${styleProps({ left: pct(x(i), W) })}
          >${formatDayShort(trend[i].day, locale)}</span
        >`,
    )}
  </div>`;
}
