import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const scorecardStyles = [
  themeStyles,
  css`
    :host {
      padding: calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    h2 {
      margin: 0 0 var(--_space);
      font-size: 1.15em;
    }
    h3 {
      margin: calc(var(--_space) * 2) 0 var(--_space);
      font-size: 1em;
    }
    .totals {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 3);
      margin: 0 0 var(--_space);
    }
    .totals div {
      display: flex;
      flex-direction: column;
    }
    .totals dt {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .totals dd {
      margin: 0;
      font-size: 1.4em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .flag {
      display: inline-block;
      padding: 0 6px;
      margin-inline-end: 4px;
      border: 1px solid var(--_danger);
      color: var(--_danger);
      border-radius: 10px;
      font-size: 0.85em;
    }
    .totals .flag {
      font-size: 0.6em;
      font-weight: 500;
      vertical-align: middle;
    }
    details {
      border-top: 1px solid var(--_border);
    }
    summary {
      cursor: pointer;
      padding: 6px 0;
      display: flex;
      gap: var(--_space);
      align-items: baseline;
    }
    summary .rule {
      flex: 1;
      font-weight: 500;
    }
    summary .num.points {
      min-width: 4em;
    }
    summary .num.money {
      min-width: 8em;
    }
    .num {
      font-variant-numeric: tabular-nums;
      text-align: end;
      white-space: nowrap;
    }
    pre.rule-text {
      white-space: pre-wrap;
      background: var(--_surface-alt);
      padding: var(--_space);
      border-radius: var(--_radius);
      margin: 0 0 var(--_space);
      font-size: 0.9em;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 3px var(--_space);
      border-bottom: 1px solid var(--_border);
      vertical-align: top;
    }
    th {
      background: var(--_surface-alt);
      font-weight: 600;
    }
    td.num,
    th.num {
      text-align: end;
    }
    .events {
      margin: 4px 0 var(--_space) calc(var(--_space) * 2);
    }
    /* rows that open: a chevron that turns */
    .chevron {
      display: inline-block;
      flex: none;
      width: 0.45em;
      height: 0.45em;
      margin: 0 0.35em 0.15em 0.1em;
      border-right: 2px solid currentColor;
      border-bottom: 2px solid currentColor;
      transform: rotate(-45deg);
    }
    details[open] > summary .chevron,
    button[aria-expanded='true'] .chevron {
      transform: rotate(45deg);
    }
    svg .bar.pos {
      fill: var(--rulecard-chart-positive, var(--_positive));
    }
    svg .bar.neg {
      fill: var(--rulecard-chart-negative, var(--_danger));
    }
    svg .cumulative {
      fill: none;
      stroke: var(--rulecard-chart-line, var(--_accent));
      stroke-width: 2;
    }
    .appeal-form {
      display: grid;
      gap: 4px;
      margin: 4px 0 var(--_space);
      max-width: 36em;
    }
    .row-actions {
      display: flex;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    .appeal {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      margin-bottom: var(--_space);
    }
    .appeal p {
      margin: 2px 0;
    }
    textarea {
      min-height: 3em;
    }
  `,
];
