/**
 * The editor's toolbar (effective date, publish) and status line (problems,
 * draft, publishing, loading). Views: the element passes its state in.
 *
 * @example
 * ```ts
 * html`${toolbarView({ msg, canEdit, canPublish, … })} <div class="cm-host"></div> ${statusView({ msg, … })}`;
 * ```
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RulebookDraft } from '@rulecard/store';
import type { AutosaveStatus } from '../shared/autosave.js';
import { formatDateTime } from '../shared/format.js';
import type { Locale } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import type { EditorMessages } from './messages/index.js';

type Messages = SharedMessages & EditorMessages;

export type PublishStatus =
  { kind: 'idle' } | { kind: 'publishing' } | { kind: 'done'; version: number; effectiveFrom: string } | { kind: 'failed'; reason: string };

export interface ToolbarOptions {
  msg: Messages;
  /** The text has been loaded (before that, nothing is offered). */
  loaded: boolean;
  canEdit: boolean;
  canPublish: boolean;
  /** The text has errors (or has not been checked yet). */
  hasErrors: boolean;
  checking: boolean;
  publish: PublishStatus;
  effectiveFrom: string;
  onEffectiveDate: (e: Event) => void;
  onPublish: () => void;
}

export function toolbarView(o: ToolbarOptions): TemplateResult {
  const { msg } = o;
  const publishing = o.publish.kind === 'publishing';
  const blockedReason = !o.canPublish ? msg.publishNotAllowed : o.hasErrors ? msg.publishBlocked : '';
  return html`<div class="toolbar" part="toolbar">
    ${o.loaded && !o.canEdit ? html`<span class="muted">${msg.readOnly}</span>` : nothing}
    <span class="grow"></span>
    ${o.canEdit && !o.canPublish ? html`<span class="muted" id="publish-note">${msg.publishNotAllowed}</span>` : nothing}
    ${
      o.canEdit
        ? html`<label>
              ${msg.effectiveDate}
              <input type="date" part="effective-date" .value=${o.effectiveFrom} ?disabled=${!o.canPublish} @change=${o.onEffectiveDate} />
            </label>
            <button
              type="button"
              class="primary"
              part="publish-button"
              ?disabled=${Boolean(blockedReason) || publishing || o.checking}
              title=${blockedReason || nothing}
              aria-describedby=${o.canPublish ? nothing : 'publish-note'}
              @click=${o.onPublish}
            >
              ${publishing ? msg.publishing : msg.publish}
            </button>`
        : nothing
    }
  </div>`;
}

export interface StatusOptions {
  msg: Messages;
  locale: Locale;
  timeZone: string;
  checking: boolean;
  problems: { errors: number; warnings: number };
  draft: AutosaveStatus<RulebookDraft>;
  /** The draft shown was restored from the store. */
  restored: boolean;
  publish: PublishStatus;
  /** What the load says (loading, failed), or ''. */
  loading: string;
  errorText: (error: unknown) => string;
}

export function statusView(o: StatusOptions): TemplateResult {
  const { msg, draft, publish } = o;
  const { errors, warnings } = o.problems;
  const problems = o.checking ? msg.checking : errors + warnings === 0 ? msg.noProblems : msg.problems(errors, warnings);
  const draftText =
    draft.kind === 'saving'
      ? msg.draftSaving
      : draft.kind === 'saved'
        ? msg.draftSaved(formatDateTime(draft.result.updatedAt, o.locale, o.timeZone))
        : draft.kind === 'failed'
          ? msg.draftSaveFailed(o.errorText(draft.error))
          : o.restored
            ? msg.draftRestored
            : '';
  const publishText =
    publish.kind === 'done'
      ? msg.published(publish.version, publish.effectiveFrom)
      : publish.kind === 'failed'
        ? msg.publishFailed(publish.reason)
        : '';
  return html`<div class="statusbar" part="status">
    <span class="problems ${errors ? 'has-errors' : ''}" role="status">${problems}</span>
    <span class="draft ${draft.kind === 'failed' ? 'error' : ''}" role="status">${draftText}</span>
    <span class="publish ${publish.kind === 'failed' ? 'error' : ''}" role="status">${publishText}</span>
    <span class="loading" role="status">${o.loading}</span>
  </div>`;
}
