import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const callLogStyles = [
  themeStyles,
  css`
    :host {
      --_warning: var(--rulecard-color-warning, #9a6700);
    }
    h2,
    h3 {
      margin: 0 0 var(--_space);
      font-size: 1.15em;
    }
    h3 {
      font-size: 1em;
    }
    section {
      margin-block: calc(var(--_space) * 2);
    }
    form {
      display: grid;
      gap: var(--_space);
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
      margin: 0;
      display: grid;
      gap: var(--_space);
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
    }
    legend {
      font-weight: 600;
      padding: 0 4px;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .field.wide {
      grid-column: 1 / -1;
    }
    .field.check {
      flex-direction: row;
      align-items: center;
      gap: var(--_space);
    }
    label {
      font-weight: 500;
    }
    .req {
      color: var(--_danger);
    }
    textarea {
      min-height: 4em;
      resize: vertical;
    }
    .field-error {
      color: var(--_danger);
      font-size: 0.9em;
    }
    .field-warning {
      color: var(--_text);
      font-size: 0.9em;
      border-inline-start: 3px solid var(--_warning);
      padding-inline-start: 6px;
    }
    .incomplete.idle {
      padding: 0;
      border: 0;
      background: none;
    }
    .incomplete,
    .notice.warn {
      margin: 0;
      color: var(--_text);
      background: var(--_surface-alt);
      border-inline-start: 4px solid var(--_warning);
      padding: 4px var(--_space);
    }
    .notice.warn {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .badge.warn {
      border-color: var(--_warning);
      margin-inline-end: 4px;
    }
    .reminder {
      color: var(--_text);
      background: var(--_surface-alt);
      border-left: 4px solid var(--_accent);
      padding: 4px var(--_space);
    }
    .reminder.overdue {
      border-left-color: var(--_danger);
      color: var(--_danger);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .summary {
      color: var(--_danger);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      padding: var(--_space);
    }
    .notice {
      color: var(--_positive);
    }
    .conflict {
      margin: 0;
      display: grid;
      gap: var(--_space);
    }
    .conflict td.mine {
      font-weight: 600;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin-bottom: var(--_space);
    }
    .toolbar input[type='search'] {
      flex: 1 1 14em;
    }
    [role='tablist'] {
      display: inline-flex;
      gap: 2px;
    }
    .stats-head {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: baseline;
      margin-top: calc(var(--_space) * 2);
    }
    .stats-head h3 {
      margin: 0;
    }
    .segmented {
      display: inline-flex;
      gap: 2px;
    }
    [role='tab'][aria-selected='true'],
    .segmented [aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: var(--_accent);
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 4px var(--_space);
      border-bottom: 1px solid var(--_border);
      vertical-align: top;
    }
    th {
      background: var(--_surface-alt);
      font-weight: 600;
    }
    .stats {
      display: grid;
      gap: var(--_space);
      grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
    }
    .stats table {
      align-self: start;
      font-size: 0.95em;
    }
    .history {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    .badge {
      display: inline-block;
      padding: 0 6px;
      border-radius: 10px;
      border: 1px solid currentColor;
      font-size: 0.85em;
    }
  `,
];
