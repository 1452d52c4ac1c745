/** The month trend: daily bars and a cumulative line as clean SVG (a Lit `svg` template), with a table for screen readers. */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { formatPoints } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { ScorecardText } from './messages/index.js';
import type { ScorecardModel } from './model.js';

const W = 320;
const H = 100;
const PAD = 6;

export type Trend = NonNullable<ScorecardModel['trend']>;

export function trendSvg(trend: Trend): SVGTemplateResult {
  const n = Math.max(trend.length, 1);
  const values = trend.flatMap((t) => [t.points, t.cumulative, 0]);
  const max = Math.max(...values, 1);
  const min = Math.min(...values, -1);
  const y = (v: number) => PAD + ((max - v) / (max - min)) * (H - 2 * PAD);
  const step = (W - 2 * PAD) / n;
  const x = (i: number) => PAD + step * i + step / 2;
  const zero = y(0);
  const line = trend.map((t, i) => `${x(i).toFixed(1)},${y(t.cumulative).toFixed(1)}`).join(' ');
  return svg`
    <line class="axis" x1=${PAD} x2=${W - PAD} y1=${zero} y2=${zero}></line>
    ${trend.map((t, i) => {
      const top = Math.min(y(t.points), zero);
      const h = Math.abs(y(t.points) - zero);
      return t.points
        ? svg`<rect class=${t.points < 0 ? 'bar neg' : 'bar pos'} x=${(x(i) - step * 0.35).toFixed(1)} y=${top.toFixed(1)} width=${(step * 0.7).toFixed(1)} height=${Math.max(h, 0.5).toFixed(1)}></rect>`
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
    <svg
      part="trend"
      viewBox=${TREND_VIEWBOX}
      width="100%"
      role="img"
      aria-labelledby="trend-svg-title trend-desc"
      preserveAspectRatio="none"
    >
      ${svg`<title id="trend-svg-title">${m.trend}</title><desc id="trend-desc">${m.trendLabel(trend.length, formatPoints(last, locale))}</desc>`}
      ${trendSvg(trend)}
    </svg>
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
          .filter((t) => t.points)
          .map(
            (t) =>
              html`<tr>
                <td>${t.day}</td>
                <td>${formatPoints(t.points, locale)}</td>
                <td>${formatPoints(t.cumulative, locale)}</td>
              </tr>`,
          )}
      </tbody>
    </table>`;
}
