/**
 * Importing the roster from a file (CSV or Excel `.xlsx`, read by
 * `read-table.ts`, loaded with the first file chosen) through
 * `store.importRoster`, all or nothing: on any bad row nothing is written and
 * the element lists each row (by its number in the spreadsheet) and column
 * at fault; and downloading the roster as CSV (the template of an import).
 *
 * @example
 * ```ts
 * private readonly importer = new RosterImport(this);
 * html`${this.importer.render()}`;
 * ```
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { RecordError } from '@rulecard/store';
import { errorText, storeErrorOf } from '../shared/store.js';
import type { RosterHost } from './host.js';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'importing' }
  | { kind: 'done'; members: number; teams: number }
  | { kind: 'invalid'; records: RecordError[] }
  | { kind: 'failed'; message: string };

export class RosterImport implements ReactiveController {
  private readonly host: RosterHost;
  private state: ImportState = { kind: 'idle' };

  constructor(host: RosterHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Reads `file` and imports it; resolves when the result is shown. */
  async importFile(file: File): Promise<void> {
    const store = this.host.activeStore;
    const user = this.host.user;
    if (!store || !user) return;
    const m = this.host.i18n.msg;
    const locale = this.host.i18n.locale;
    this.set({ kind: 'importing' });
    try {
      const { readRosterFile, UnsupportedFileError } = await import('./read-table.js');
      let table: string[][];
      try {
        table = await readRosterFile(file);
      } catch (err) {
        const message = err instanceof UnsupportedFileError ? m.importWrongType : m.importUnreadable(errorText(err, locale));
        this.set({ kind: 'failed', message });
        this.host.fire('rulecard-error', { kind: 'roster-import', message });
        return;
      }
      const result = await store.importRoster(table, { by: user.consultant, role: user.role });
      const newTeams = result.teams.filter((t) => t.rev === 1).length;
      this.set({ kind: 'done', members: result.members.length, teams: newTeams });
      this.host.announce(m.imported(result.members.length, newTeams));
      this.host.fire('rulecard-saved', { kind: 'roster-import', id: file.name });
    } catch (err) {
      const invalid = storeErrorOf(err, 'import-invalid');
      if (invalid) this.set({ kind: 'invalid', records: invalid.records });
      else this.set({ kind: 'failed', message: errorText(err, locale) });
      this.host.fire('rulecard-error', { kind: 'roster-import', message: errorText(err, locale) });
    }
  }

  /** The roster as CSV, downloaded (the same format an import reads). */
  async download(today: string): Promise<void> {
    const store = this.host.activeStore;
    if (!store) return;
    const locale = this.host.i18n.locale;
    try {
      const csv = await store.exportRosterCsv({ locale });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = this.host.i18n.msg.exportName(today);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      this.set({ kind: 'failed', message: errorText(err, locale) });
    }
  }

  private set(state: ImportState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private async onFile(ev: Event): Promise<void> {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await this.importFile(file);
    input.value = '';
  }

  render(accept: string): TemplateResult {
    const m = this.host.i18n.msg;
    return html`<div class="import" part="import">
      <label class="file">
        <span>${m.importFile}</span>
        <input
          type="file"
          accept=${accept}
          aria-describedby="import-hint"
          ?disabled=${this.state.kind === 'importing'}
          @change=${(ev: Event) => void this.onFile(ev)}
        />
      </label>
      <p class="hint muted" id="import-hint">${m.importHint}</p>
      ${this.renderState()}
    </div>`;
  }

  private renderState(): TemplateResult | typeof nothing {
    const m = this.host.i18n.msg;
    const locale = this.host.i18n.locale;
    const s = this.state;
    switch (s.kind) {
      case 'idle':
        return nothing;
      case 'importing':
        return html`<p class="status" role="status">${m.importing}</p>`;
      case 'done':
        return html`<p class="notice" role="status">${m.imported(s.members, s.teams)}</p>`;
      case 'failed':
        return html`<p class="error" role="alert">${s.message}</p>`;
      case 'invalid':
        return html`<div class="import-errors" part="import-errors" role="alert">
          <p>${m.importFailed}</p>
          <ul>
            ${s.records.map(
              (r) =>
                html`<li data-row=${r.index}>
                  <strong
                    >${r.kind === 'row' ? m.importRow(r.index, r.id ?? '') : r.kind === 'header' ? m.importHeader : m.importFileError}</strong
                  >
                  ${r.fields.map((f) => html` <span class="import-field"><b>${f.field}</b> ${f.message[locale]}</span>`)}
                </li>`,
            )}
          </ul>
        </div>`;
    }
  }
}
