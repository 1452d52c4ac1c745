import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const rosterStyles = [
  themeStyles,
  css`
    h2,
    h3 {
      margin: 0 0 var(--_space);
      font-size: 1.1em;
    }
    section {
      margin-top: calc(var(--_space) * 2);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: flex-start;
    }
    .import {
      display: grid;
      gap: 2px;
      flex: 1 1 20em;
    }
    .import .file {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .hint {
      margin: 0;
      font-size: 0.9em;
    }
    .notice {
      color: var(--_positive);
      margin: 0;
      min-height: 1.2em;
    }
    .next-step {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      padding: var(--_space);
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
    }
    .import-errors {
      color: var(--_danger);
    }
    .import-errors li {
      margin-bottom: 2px;
    }
    .import-field {
      margin-inline-start: var(--_space);
    }
    .scroll {
      overflow-x: auto;
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
    tbody th {
      font-weight: 600;
    }
    .num {
      text-align: end;
    }
    .check {
      display: inline-flex;
      gap: 4px;
      align-items: center;
      margin-bottom: var(--_space);
    }
    .roster-form {
      margin-top: var(--_space);
      padding: var(--_space) calc(var(--_space) * 2);
      background: var(--_surface-alt);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .fields {
      display: grid;
      gap: var(--_space);
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
      align-items: start;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    fieldset.items {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      display: grid;
      gap: 4px;
      justify-items: start;
    }
    .item-row {
      display: grid;
      grid-template-columns: minmax(8em, 14em) minmax(8em, 14em) auto;
      gap: 2px var(--_space);
      align-items: end;
    }
    .item-row label {
      display: flex;
      flex-direction: column;
    }
    .item-row .field-error {
      grid-column: span 1;
    }
    .req,
    .field-error {
      color: var(--_danger);
    }
    .field-error {
      font-size: 0.9em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin-top: var(--_space);
    }
    .grow {
      flex: 1;
    }
    button.danger {
      color: var(--_danger);
      border-color: var(--_danger);
    }
    .confirm {
      color: var(--_danger);
    }
  `,
];
