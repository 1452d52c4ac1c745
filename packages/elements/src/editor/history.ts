/**
 * Version history: the published versions (newest first) and a line diff
 * between any two of them or the current draft.
 *
 * @example
 * ```ts
 * render(historyView({ versions, draft: source, from: 'v1', to: 'draft', msg, locale, onCompare, onLoad }), host);
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '@rulecard/dsl';
import type { RulebookVersion, VersionState } from '@rulecard/store';
import { formatDateTime } from '../shared/format.js';
import { diffLines, hunks } from './line-diff.js';
import type { EditorMessages } from './messages/index.js';

/** `draft`, or `v<number>` for a published version. */
export type VersionKey = 'draft' | `v${number}`;

export interface HistoryOptions {
  versions: RulebookVersion[];
  /** The editor's current text. */
  draft: string;
  from: VersionKey;
  to: VersionKey;
  msg: EditorMessages & { cancel: string };
  locale: Locale;
  timezone: string;
  onCompare: (from: VersionKey, to: VersionKey) => void;
  /** Loads a version's text into the editor (absent when read-only). */
  onLoad?: (version: RulebookVersion) => void;
  /** Where each version stands today (by version number). */
  states: ReadonlyMap<number, VersionState>;
  /** The version whose loading waits for the manager to confirm replacing the draft. */
  confirmLoad?: number;
  onConfirmLoad?: (version: RulebookVersion) => void;
  onCancelLoad?: () => void;
  /** Withdraws a scheduled version (absent when the user may not). */
  withdraw?: {
    /** The version whose reason is being typed. */
    open?: number;
    reason: string;
    /** What the last withdrawal said (done or failed). */
    message: string;
    onOpen: (version: number) => void;
    onReason: (text: string) => void;
    onConfirm: (version: number) => void;
    onCancel: () => void;
  };
}

/** Text of a version key. */
export function sourceOf(key: VersionKey, versions: RulebookVersion[], draft: string): string {
  if (key === 'draft') return draft;
  const number = Number(key.slice(1));
  return versions.find((v) => v.version === number)?.source ?? '';
}

export function historyView(options: HistoryOptions): TemplateResult {
  const { versions, msg, locale } = options;
  if (versions.length === 0) return html`<p class="note">${msg.historyEmpty}</p>`;
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const label = (key: VersionKey) => (key === 'draft' ? msg.draft : msg.version(Number(key.slice(1))));
  const choices: VersionKey[] = ['draft', ...newestFirst.map((v) => `v${v.version}` as VersionKey)];
  const picker = (which: 'from' | 'to', caption: string) =>
    html`<label>
      ${caption}
      <select
        part="compare-select"
        data-compare=${which}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value as VersionKey;
          if (which === 'from') options.onCompare(value, options.to);
          else options.onCompare(options.from, value);
        }}
      >
        ${choices.map((key) => html`<option value=${key} ?selected=${key === options[which]}>${label(key)}</option>`)}
      </select>
    </label>`;

  const oldText = sourceOf(options.from, versions, options.draft);
  const newText = sourceOf(options.to, versions, options.draft);
  const diff = diffLines(oldText, newText);
  const parts = hunks(diff);

  const marks: Partial<Record<VersionState, string>> = { 'in-force': msg.inForce, scheduled: msg.scheduled, withdrawn: msg.withdrawnMark };
  const w = options.withdraw;
  return html`
    ${w?.message ? html`<p class="note" role="status">${w.message}</p>` : nothing}
    <ol class="versions" aria-label=${msg.historyCaption}>
      ${newestFirst.map((v) => {
        const state = options.states.get(v.version) ?? 'past';
        const mark = marks[state];
        return html`<li data-version=${v.version} data-state=${state}>
          <strong>${msg.version(v.version)}</strong>
          ${mark ? html`<span class="mark mark-${state}" part="version-mark">${mark}</span>` : nothing}
          <span class="muted">${msg.versionMeta(v.effectiveFrom, v.author, formatDateTime(v.publishedAt, locale, options.timezone))}</span>
          ${v.note ? html`<span class="version-note">${msg.versionNote(v.note)}</span>` : nothing}
          ${v.withdrawn ? html`<span class="version-note">${msg.withdrawnBy(v.withdrawn.by, formatDateTime(v.withdrawn.at, locale, options.timezone), v.withdrawn.reason)}</span>` : nothing}
          ${
            options.onLoad && options.confirmLoad !== v.version
              ? html`<button type="button" aria-label=${msg.loadVersionLabel(v.version)} @click=${() => options.onLoad?.(v)}>
                  ${msg.loadVersion}
                </button>`
              : nothing
          }
          ${
            options.confirmLoad === v.version
              ? html`<span class="confirm" role="alert">${msg.loadConfirm(v.version)}</span>
                  <button type="button" class="primary" data-confirm-load @click=${() => options.onConfirmLoad?.(v)}>
                    ${msg.loadReplace}
                  </button>
                  <button type="button" @click=${() => options.onCancelLoad?.()}>${msg.cancel}</button>`
              : nothing
          }
          ${
            w && state === 'scheduled' && w.open !== v.version
              ? html`<button
                  type="button"
                  aria-label=${msg.withdrawLabel(v.version)}
                  data-withdraw=${v.version}
                  @click=${() => w.onOpen(v.version)}
                >
                  ${msg.withdraw}
                </button>`
              : nothing
          }
          ${
            w && w.open === v.version
              ? html`<span class="withdraw-form">
                  <label
                    >${msg.withdrawReason}
                    <input
                      id="withdraw-reason"
                      .value=${w.reason}
                      @input=${(e: Event) => w.onReason((e.target as HTMLInputElement).value)}
                      @keydown=${(e: KeyboardEvent) => {
                        if (e.key === 'Escape') w.onCancel();
                      }}
                  /></label>
                  <button type="button" class="primary" ?disabled=${!w.reason.trim()} @click=${() => w.onConfirm(v.version)}>
                    ${msg.withdrawConfirm}
                  </button>
                  <button type="button" @click=${() => w.onCancel()}>${msg.cancel}</button>
                </span>`
              : nothing
          }
        </li>`;
      })}
    </ol>
    <div class="compare">${picker('from', msg.compareFrom)} ${picker('to', msg.compareTo)}</div>
    ${
      parts.length === 0
        ? html`<p class="note" role="status">${msg.diffSame}</p>`
        : html`<ul class="diff" part="diff" aria-label=${msg.diffCaption(label(options.from), label(options.to))}>
            ${parts.map(
              (hunk) =>
                html`${hunk.skippedBefore > 0 ? html`<li class="skipped">${msg.diffSkipped(hunk.skippedBefore)}</li>` : nothing}
                ${hunk.lines.map(
                  (line) =>
                    html`<li class=${line.kind}>
                      <span class="gutter" aria-hidden="true"
                        >${line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}${line.kind === 'added' ? line.newLine : line.oldLine}</span
                      >${line.kind === 'same' ? nothing : html`<span class="visually-hidden">${line.kind === 'added' ? msg.diffAdded : msg.diffRemoved}: </span>`}${line.text}
                    </li>`,
                )}`,
            )}
          </ul>`
    }
  `;
}
