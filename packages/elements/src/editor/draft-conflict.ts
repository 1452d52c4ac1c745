/**
 * The rulebook draft is one per (rulebook, editor), autosaved with the
 * revision this tab last saved (`saveDraft`'s `expectedRev`). When another
 * tab saved it since, this tab never overwrites it silently (issue 14): as the
 * call log's drafts, each tab keeps what it typed in a draft of its own
 * (`saveFormDraft`, form `rulebook-draft`), and a notice says what happened
 * and lets the manager choose:
 *
 * - keep the text here as the draft: the other tab's text is kept as a copy
 *   first (nothing typed anywhere is lost), then the draft is saved over the
 *   revision just seen (another save meanwhile opens the notice again);
 * - load the other tab's text: the text here stays in this tab's copy and can
 *   be put back.
 *
 * While the notice is open, typing here is saved to this tab's copy; a reload
 * restores it (and the notice) from there.
 *
 * @example
 * ```ts
 * private readonly conflict = new DraftConflict(this, this.i18n, { text: () => this.value, load: (s, rev) => … });
 * // saveDraft(): on a `conflict`: await this.conflict.open(target, current, text, effectiveFrom);
 * render() { return html`${this.conflict.render()}`; }
 * ```
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { RulebookDraft, RulecardStore } from '@rulecard/store';
import { formatDateTime } from '../shared/format.js';
import type { LocaleController } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import { errorText, storeErrorOf } from '../shared/store.js';
import { tabDraftId } from '../shared/drafts.js';
import type { EditorMessages } from './messages/index.js';

/** The form name of the copies in the store (`listFormDrafts(editor, DRAFT_COPY_FORM)` lists them). */
export const DRAFT_COPY_FORM = 'rulebook-draft';

/** What a copy keeps. */
export interface DraftCopy {
  rulebookId: string;
  source: string;
  effectiveFrom?: string;
  /** `mine`: this tab's text; `replaced`: the other tab's draft that "keep the text here" replaced. */
  kind: 'mine' | 'replaced';
}

/** Where the draft lives: the store, the rulebook, the editor (its owner). */
export interface DraftTarget {
  store: RulecardStore;
  rulebookId: string;
  editor: string;
}

export interface DraftConflictHost extends ReactiveControllerHost {
  readonly timeZone: string;
}

/** What the controller does to the editor. */
export interface DraftConflictEditor {
  /** The text in the editor now. */
  text: () => string;
  effectiveFrom: () => string;
  /** Shows `source` without autosaving it; the draft's revision is now `rev` (`undefined`: no draft). */
  load: (source: string, rev: number | undefined, effectiveFrom?: string) => void;
  /** Shows `source` as typed by the user (autosaved as the draft over the revision loaded). */
  type: (source: string) => void;
  /** The draft was saved by this controller (revision `rev`). */
  saved: (draft: RulebookDraft) => void;
}

type State =
  | { kind: 'none' }
  /** Another tab's draft `theirs` is in the store; the text here is in this tab's copy. */
  | { kind: 'open'; target: DraftTarget; theirs: RulebookDraft; error?: string }
  /** The other tab's text was loaded here; this tab's text is still in its copy. */
  | { kind: 'theirs-loaded'; target: DraftTarget; mine: string }
  | { kind: 'mine-kept' };

/** Slots of the editors connected on this page: the lowest free one is taken (a reload numbers them again from 0). */
const slots = new Set<number>();

export class DraftConflict implements ReactiveController {
  private state: State = { kind: 'none' };
  /** Tells two editors of one page apart: the lowest slot free when it connected (the same after a reload). */
  private slot = 0;

  constructor(
    private readonly host: DraftConflictHost,
    private readonly i18n: LocaleController<SharedMessages & EditorMessages>,
    private readonly editor: DraftConflictEditor,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    while (slots.has(this.slot)) this.slot++;
    slots.add(this.slot);
  }

  hostDisconnected(): void {
    slots.delete(this.slot);
    this.slot = 0;
  }

  /** True while the notice waits for a choice: autosaves go to this tab's copy ({@link saveCopy}). */
  get open(): boolean {
    return this.state.kind === 'open';
  }

  /** The id of this tab's copy of `target`'s draft. */
  copyId(target: DraftTarget, kind: DraftCopy['kind'] = 'mine'): string {
    return `rulebook:${target.rulebookId}:${target.editor}:${tabDraftId()}:${this.slot}${kind === 'mine' ? '' : ':replaced'}`;
  }

  /** Another tab saved `theirs` since this tab's last save: keep `source` (the text here) as this tab's copy and ask. */
  async conflict(target: DraftTarget, theirs: RulebookDraft, source: string, effectiveFrom?: string): Promise<void> {
    await this.writeCopy(target, { rulebookId: target.rulebookId, source, ...(effectiveFrom ? { effectiveFrom } : {}), kind: 'mine' });
    this.state = { kind: 'open', target, theirs };
    this.host.requestUpdate();
  }

  /** While the notice is open: what is typed here goes to this tab's copy. */
  async saveCopy(source: string, effectiveFrom?: string): Promise<void> {
    if (this.state.kind !== 'open') return;
    const { target } = this.state;
    await this.writeCopy(target, { rulebookId: target.rulebookId, source, ...(effectiveFrom ? { effectiveFrom } : {}), kind: 'mine' });
  }

  /**
   * After loading `draft` for `target`: this tab's copy left by a conflict (a reload while the notice was open)
   * comes back into the editor, with the notice when the draft differs from it.
   */
  async restore(target: DraftTarget, draft: RulebookDraft | undefined): Promise<void> {
    this.state = { kind: 'none' };
    const copy = (await target.store.getFormDraft(this.copyId(target)).catch(() => undefined))?.value as DraftCopy | undefined;
    if (!copy || copy.rulebookId !== target.rulebookId) return;
    if (draft && draft.source !== copy.source) {
      this.editor.load(copy.source, draft.rev, copy.effectiveFrom);
      this.state = { kind: 'open', target, theirs: draft };
    } else {
      await this.dropCopy(target);
    }
    this.host.requestUpdate();
  }

  /** Forget the notice (a new document was loaded, or the draft was published). */
  reset(): void {
    this.state = { kind: 'none' };
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    const { msg, locale } = this.i18n;
    const s = this.state;
    if (s.kind === 'none') return nothing;
    if (s.kind === 'mine-kept') return html`<p class="note" part="draft-conflict" role="status">${msg.draftMineKept}</p>`;
    if (s.kind === 'theirs-loaded')
      return html`<div class="draft-conflict" part="draft-conflict" role="status">
        <p>${msg.draftTheirsLoaded}</p>
        <button type="button" data-action="restore-mine" @click=${() => void this.restoreMine()}>${msg.draftRestoreMine}</button>
      </div>`;
    return html`<div class="draft-conflict" part="draft-conflict" role="alert">
      <p>${msg.draftConflict(formatDateTime(s.theirs.updatedAt, locale, this.host.timeZone))}</p>
      ${s.error ? html`<p class="error">${s.error}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" data-action="keep-mine" @click=${() => void this.keepMine()}>${msg.draftKeepMine}</button>
        <button type="button" data-action="load-theirs" @click=${() => this.loadTheirs()}>${msg.draftLoadTheirs}</button>
      </div>
    </div>`;
  }

  /** The text here becomes the draft; the other tab's text is kept as a copy first. */
  private async keepMine(): Promise<void> {
    if (this.state.kind !== 'open') return;
    const { target, theirs } = this.state;
    const source = this.editor.text();
    const effectiveFrom = this.editor.effectiveFrom() || undefined;
    await this.writeCopy(
      target,
      {
        rulebookId: target.rulebookId,
        source: theirs.source,
        ...(theirs.effectiveFrom ? { effectiveFrom: theirs.effectiveFrom } : {}),
        kind: 'replaced',
      },
      'replaced',
    );
    try {
      const draft = await this.saveOver(target, source, effectiveFrom, theirs.rev);
      if (draft) {
        this.editor.saved(draft);
        await this.dropCopy(target);
        this.state = { kind: 'mine-kept' };
      } else {
        // Saved again meanwhile: ask again, about that text.
        const current = await target.store.getDraft(target.editor, target.rulebookId);
        if (current) this.state = { kind: 'open', target, theirs: current };
      }
    } catch (error) {
      // Not saved (storage full…): the notice stays, both texts are in their copies; say why.
      this.state = { kind: 'open', target, theirs, error: errorText(error, this.i18n.locale) };
    }
    this.host.requestUpdate();
  }

  /**
   * Saves `source` as the draft over revision `rev`; `undefined` when the draft was saved again since. A draft gone
   * meanwhile (published in the other tab) is simply written anew.
   */
  private async saveOver(
    target: DraftTarget,
    source: string,
    effectiveFrom: string | undefined,
    rev: number,
  ): Promise<RulebookDraft | undefined> {
    const input = { rulebookId: target.rulebookId, editor: target.editor, source, effectiveFrom };
    try {
      return await target.store.saveDraft({ ...input, expectedRev: rev });
    } catch (error) {
      if (!storeErrorOf(error, 'conflict') && !storeErrorOf(error, 'duplicate') && !storeErrorOf(error, 'not-found')) throw error;
      if (await target.store.getDraft(target.editor, target.rulebookId)) return undefined;
      return target.store.saveDraft(input);
    }
  }

  /** Shows the other tab's text here (this tab's stays in its copy). */
  private loadTheirs(): void {
    if (this.state.kind !== 'open') return;
    const { target, theirs } = this.state;
    const mine = this.editor.text();
    this.editor.load(theirs.source, theirs.rev, theirs.effectiveFrom);
    this.state = { kind: 'theirs-loaded', target, mine };
    this.host.requestUpdate();
  }

  /** Puts back the text that was here: typed again, so it autosaves over the draft now loaded. */
  private async restoreMine(): Promise<void> {
    if (this.state.kind !== 'theirs-loaded') return;
    const { target, mine } = this.state;
    this.state = { kind: 'none' };
    this.editor.type(mine);
    await this.dropCopy(target);
    this.host.requestUpdate();
  }

  private async writeCopy(target: DraftTarget, value: DraftCopy, kind: DraftCopy['kind'] = 'mine'): Promise<void> {
    await target.store.saveFormDraft({ id: this.copyId(target, kind), form: DRAFT_COPY_FORM, value }, { by: target.editor });
  }

  private async dropCopy(target: DraftTarget): Promise<void> {
    await target.store.deleteFormDraft(this.copyId(target), { by: target.editor }).catch(() => undefined);
  }
}
