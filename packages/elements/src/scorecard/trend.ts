/** The month trend as clean SVG (a Lit `svg` template): daily bars and a cumulative line. */
import { svg, type SVGTemplateResult } from 'lit';

const W = 320;
const H = 100;
const PAD = 6;

export function trendSvg(trend: { day: string; points: number; cumulative: number }[]): SVGTemplateResult {
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
