/**
 * Theme tokens. A portal themes every rulecard element by setting these on any
 * ancestor (they inherit through shadow roots); the defaults meet WCAG 2.2 AA
 * on the default surface (#ffffff): text 15.8:1, muted 6.4:1, accent 6.7:1,
 * danger 6.6:1, positive 5.1:1, border 3.0:1 (non-text).
 *
 * | property | default |
 * |---|---|
 * | `--rulecard-font` | system UI stack with PingFang SC / Microsoft YaHei |
 * | `--rulecard-color-surface` | `#ffffff` |
 * | `--rulecard-color-surface-alt` | `#f6f8fa` |
 * | `--rulecard-color-text` | `#1f2328` |
 * | `--rulecard-color-muted` | `#57606a` |
 * | `--rulecard-color-border` | `#8c959f` |
 * | `--rulecard-color-accent` | `#0b5cad` (also button background; text on it is `--rulecard-color-on-accent`) |
 * | `--rulecard-color-on-accent` | `#ffffff` |
 * | `--rulecard-color-danger` | `#b42318` |
 * | `--rulecard-color-positive` | `#1a7f37` |
 * | `--rulecard-radius` | `6px` |
 * | `--rulecard-space` | `8px` (base spacing unit) |
 * | `--rulecard-focus-ring` | `2px solid var(--rulecard-color-accent)` |
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_font: var(--rulecard-font, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    --_surface: var(--rulecard-color-surface, #ffffff);
    --_surface-alt: var(--rulecard-color-surface-alt, #f6f8fa);
    --_text: var(--rulecard-color-text, #1f2328);
    --_muted: var(--rulecard-color-muted, #57606a);
    --_border: var(--rulecard-color-border, #8c959f);
    --_accent: var(--rulecard-color-accent, #0b5cad);
    --_on-accent: var(--rulecard-color-on-accent, #ffffff);
    --_danger: var(--rulecard-color-danger, #b42318);
    --_positive: var(--rulecard-color-positive, #1a7f37);
    --_radius: var(--rulecard-radius, 6px);
    --_space: var(--rulecard-space, 8px);
    --_focus: var(--rulecard-focus-ring, 2px solid var(--_accent));
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: 14px;
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    min-height: 32px;
    padding: 0 calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 4px var(--_space);
    min-height: 32px;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  .neg {
    color: var(--_danger);
  }
  .pos {
    color: var(--_positive);
  }
  .status {
    padding: var(--_space);
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
