import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const incidentStyles = [
  themeStyles,
  css`
    h2,
    h3 {
      margin: 0 0 var(--_space);
      font-size: 1.1em;
    }
    form {
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
    .field.wide,
    .actions,
    .summary,
    .notice,
    .effect {
      grid-column: 1 / -1;
    }
    .req {
      color: var(--_danger);
    }
    .field-error {
      color: var(--_danger);
      font-size: 0.9em;
    }
    .summary {
      color: var(--_danger);
    }
    .notice {
      color: var(--_positive);
    }
    .effect {
      display: grid;
      gap: 4px;
      background: var(--_surface-alt);
      padding: 4px var(--_space);
      border-radius: var(--_radius);
    }
    .effect[hidden] {
      display: none;
    }
    .effect-cost {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
    }
    .effect-text {
      margin: 0;
      white-space: pre-wrap;
      font-family: ui-monospace, monospace;
      font-size: 0.9em;
    }
    ul {
      padding-inline-start: 1.2em;
    }
  `,
];
