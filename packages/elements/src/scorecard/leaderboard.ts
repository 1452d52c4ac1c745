/**
 * The leaderboard (leads and managers): consultants by net points, then money,
 * with a button that exports the board's lines for payroll. Loaded with the
 * manager's board (`board.ts`), never by a consultant's scorecard.
 */
import { html, type TemplateResult } from 'lit';
import type { Ledger } from '@rulecard/dsl';
import { formatCentipoints, formatFen } from '../shared/format.js';
import { memberName } from '../shared/labels.js';
import type { Locale } from '../shared/i18n.js';
import type { BoardMessages } from './messages/board.js';
import type { ScorecardText } from './messages/index.js';
import { flagView } from './parts.js';

export interface LeaderRow {
  consultant: string;
  name: string;
  /** Integer hundredths of a point. */
  centipoints: number;
  /** Integer fen. */
  fen: number;
  flags: string[];
}

/** Consultants by net points (then money), highest first. The store's totals (corrections are already on the ledgers). */
export function leaderboard(consultants: Record<string, Ledger>, names: ReadonlyMap<string, string>): LeaderRow[] {
  const rows = Object.entries(consultants).map(([id, l]) => ({
    consultant: id,
    name: memberName(id, names),
    centipoints: l.centipoints,
    fen: l.fen,
    flags: l.flags,
  }));
  return rows.sort((a, b) => b.centipoints - a.centipoints || b.fen - a.fen || a.consultant.localeCompare(b.consultant));
}

/** The leaderboard's heading with the export button, and its table. */
export function leaderboardView(
  rows: LeaderRow[],
  m: ScorecardText,
  b: BoardMessages,
  locale: Locale,
  onExport: () => void,
): TemplateResult {
  return html`<div class="board-head">
      <h3 id="board-title">${b.leaderboard}</h3>
      <button part="button" data-action="export" @click=${onExport}>${b.exportCsv}</button>
    </div>
    <table part="leaderboard" aria-labelledby="board-title">
      <thead>
        <tr>
          <th scope="col" class="num">${b.rank}</th>
          <th scope="col">${b.consultant}</th>
          <th scope="col" class="num">${m.points}</th>
          <th scope="col" class="num">${m.money}</th>
          <th scope="col">${m.flags}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r, i) =>
            html`<tr data-consultant=${r.consultant}>
              <td class="num">${i + 1}</td>
              <td>${r.name}</td>
              <td class="num ${r.centipoints < 0 ? 'neg' : ''}">${formatCentipoints(r.centipoints, locale)}</td>
              <td class="num">${formatFen(r.fen, locale)}</td>
              <td>${r.flags.map((f) => flagView(f, locale))}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
