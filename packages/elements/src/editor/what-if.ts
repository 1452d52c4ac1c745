/**
 * What-if: score one month as the scorecard does (the published versions in
 * effect, corrections, closed months) and with the draft as if it were
 * published for the whole month — both through `store.score`, so the
 * "published" column is exactly what the scorecard and payroll show — and
 * show the difference per consultant and per team.
 *
 * @example
 * ```ts
 * const comparison = await scoreWhatIf(store, { draft: rulebook, month: '2026-11' });
 * render(whatIfView(comparison, msg, 'zh-CN'), host);
 * ```
 */
import type { Ledger, Locale, Period, ScoreLine, Scorecards, v2 } from '@rulecard/dsl';

type CompiledRulebook = v2.CompiledRulebook;
import type { RulecardStore, StoredEvent } from '@rulecard/store';
import { html, nothing, type TemplateResult } from 'lit';
import { dateInZone, periodOf } from '@rulecard/dsl/calendar';
import { formatCentipoints, formatFen, formatWindow } from '../shared/format.js';
import { ruleNamesOf, type RuleNames } from '../shared/labels.js';
import type { EditorMessages } from './messages/index.js';
import { draftCardView, ruleDeltas, ruleDeltaView, type RuleDelta } from './what-if-detail.js';

/** A ledger's totals as integers: hundredths of a point, fen. */
export interface Totals {
  centipoints: number;
  fen: number;
}

/** Before/after of one ledger. */
export interface LedgerDelta {
  id: string;
  name: string;
  published: Totals | null;
  draft: Totals;
  delta: Totals;
  /** The rules whose totals differ (what the row opens onto). */
  rules: RuleDelta[];
  /** The draft's ledger (a consultant's card under the draft). */
  draftLedger?: Ledger;
}

export interface WhatIfComparison {
  month: string;
  period: Period;
  /** The published version compared against, if any. */
  publishedVersion: number | null;
  eventCount: number;
  consultants: LedgerDelta[];
  teams: LedgerDelta[];
  /** Teams left out: nobody in them is scored (a managers' office), by name. */
  leftOut: string[];
  /** The draft scored, and the events the score read by id (a line made into an example traces to them). */
  draft?: CompiledRulebook;
  events?: ReadonlyMap<string, StoredEvent>;
  /** The labels of the draft's rules and the published ones (English labels too): the rows' rule names. */
  rules: RuleNames;
}

/** Turns a line of a consultant's card under the draft into a rulebook example (line-example.ts). */
export type ToExample = (row: LedgerDelta, line: ScoreLine) => void;

const totals = (ledger: Ledger | undefined): Totals => ({ centipoints: ledger?.centipoints ?? 0, fen: ledger?.fen ?? 0 });

/** Compares two evaluations ledger by ledger (`published` null: nothing published). */
export function compareScorecards(
  published: Scorecards | null,
  draft: Scorecards,
  names: { consultants: Map<string, string>; teams: Map<string, string> },
): { consultants: LedgerDelta[]; teams: LedgerDelta[] } {
  const rows = (
    draftLedgers: Record<string, Ledger>,
    publishedLedgers: Record<string, Ledger> | undefined,
    nameOf: Map<string, string>,
  ): LedgerDelta[] => {
    const ids = new Set([...Object.keys(draftLedgers), ...Object.keys(publishedLedgers ?? {})]);
    return [...ids]
      .map((id) => {
        const after = totals(draftLedgers[id]);
        const before = publishedLedgers ? totals(publishedLedgers[id]) : null;
        return {
          id,
          name: nameOf.get(id) ?? id,
          published: before,
          draft: after,
          delta: { centipoints: after.centipoints - (before?.centipoints ?? 0), fen: after.fen - (before?.fen ?? 0) },
          rules: ruleDeltas(publishedLedgers?.[id], draftLedgers[id]),
          draftLedger: draftLedgers[id],
        };
      })
      .sort((a, b) => Math.abs(b.delta.fen) - Math.abs(a.delta.fen) || a.id.localeCompare(b.id));
  };
  return {
    consultants: rows(draft.consultants, published?.consultants, names.consultants),
    teams: rows(draft.teams, published?.teams, names.teams),
  };
}

/** Scores the month through the store twice: as published, and with the draft in effect from the month's first day. */
export async function scoreWhatIf(
  store: RulecardStore,
  options: { draft: CompiledRulebook; month: string; rulebookId?: string; now?: Date },
): Promise<WhatIfComparison> {
  const period = periodOf(options.month);
  const today = dateInZone(options.now ?? new Date(), store.timezone);
  const day = today < period.to ? (today < period.from ? period.from : today) : period.to;
  const rulebookId = options.rulebookId;
  const [whatIf, teams, members, version, versions] = await Promise.all([
    store.score({ all: true }, period, { rulebookId, events: true, rulebook: { compiled: options.draft } }),
    store.listTeams(),
    store.listMembers(),
    store.rulebookInEffect(day, rulebookId),
    store.listRulebookVersions(rulebookId),
  ]);
  const published = version ? (await store.score({ all: true }, period, { rulebookId })).scorecards : null;
  const draft = whatIf.scorecards;
  const events = whatIf.events ?? [];
  const names = {
    consultants: new Map(members.map((m) => [m.id, m.name])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  };
  const compared = compareScorecards(published, draft, names);
  // Teams nobody in them is scored (a managers' office): not rows of zeros.
  const scoredTeams = new Set(members.filter((m) => m.role !== 'manager').map((m) => m.teamId));
  const unscored = (row: LedgerDelta) => !scoredTeams.has(row.id) && row.delta.fen === 0 && row.delta.centipoints === 0;
  return {
    month: options.month,
    period,
    publishedVersion: version?.version ?? null,
    eventCount: events.length,
    consultants: compared.consultants,
    teams: compared.teams.filter((t) => !unscored(t)),
    leftOut: compared.teams.filter(unscored).map((t) => t.name),
    draft: options.draft,
    events: new Map(events.map((e) => [e.id, e])),
    // The draft's names first, then the published versions' (newest first: a rule the draft dropped keeps its name).
    rules: ruleNamesOf(options.draft, ...versions.map((v) => v.compiled).reverse()),
  };
}

/** Whose card under the draft is shown (one consultant at a time, `null`: none), and how a row's preview opens or closes. */
export interface PreviewChoice {
  consultant: string | null;
  toggle: (consultant: string, open: boolean) => void;
}

/** The comparison as two tables (consultants, teams); `preview`: the one consultant whose card under the draft is shown. */
export function whatIfView(
  comparison: WhatIfComparison,
  msg: EditorMessages,
  locale: Locale,
  preview: PreviewChoice = { consultant: null, toggle: () => undefined },
  toExample?: ToExample,
): TemplateResult {
  const changed = [...comparison.consultants, ...comparison.teams].filter((r) => r.delta.centipoints !== 0 || r.delta.fen !== 0);
  const total = comparison.consultants.length + comparison.teams.length;
  return html`
    <p class="note">${msg.whatIfTitle(formatWindow(comparison.month, locale))} · ${msg.whatIfEvents(comparison.eventCount)}</p>
    ${comparison.publishedVersion === null ? html`<p class="note" role="note">${msg.whatIfNoPublished}</p>` : nothing}
    <p class="summary" role="status">
      ${changed.length === 0 && comparison.publishedVersion !== null ? msg.whatIfUnchanged : msg.whatIfSummary(changed.length, total)}
    </p>
    ${deltaTable(msg.whatIfConsultants, comparison.consultants, msg, locale, 'consultants', comparison.month, preview, comparison.rules, toExample)}
    ${deltaTable(msg.whatIfTeams, comparison.teams, msg, locale, 'teams', comparison.month, preview, comparison.rules)}
    ${comparison.leftOut.length ? html`<p class="note" data-left-out>${msg.whatIfLeftOut(comparison.leftOut.join('、'))}</p>` : nothing}
  `;
}

function deltaTable(
  caption: string,
  rows: LedgerDelta[],
  msg: EditorMessages,
  locale: Locale,
  kind: string,
  month: string,
  preview: PreviewChoice,
  names: RuleNames,
  toExample?: ToExample,
): TemplateResult {
  const sign = (n: number) => (n < 0 ? 'neg' : n > 0 ? 'pos' : '');
  return html`<table part="what-if-table" data-kind=${kind}>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${msg.colName}</th>
        <th scope="col" class="num">${msg.colPublishedPoints}</th>
        <th scope="col" class="num">${msg.colDraftPoints}</th>
        <th scope="col" class="num">${msg.colDeltaPoints}</th>
        <th scope="col" class="num">${msg.colPublishedMoney}</th>
        <th scope="col" class="num">${msg.colDraftMoney}</th>
        <th scope="col" class="num">${msg.colDeltaMoney}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr data-id=${row.id}>
              <th scope="row">${row.name}</th>
              <td class="num">${row.published ? formatCentipoints(row.published.centipoints, locale) : msg.none}</td>
              <td class="num">${formatCentipoints(row.draft.centipoints, locale)}</td>
              <td class="num delta-points ${sign(row.delta.centipoints)}">${formatCentipoints(row.delta.centipoints, locale)}</td>
              <td class="num">${row.published ? formatFen(row.published.fen, locale) : msg.none}</td>
              <td class="num">${formatFen(row.draft.fen, locale)}</td>
              <td class="num delta-money ${sign(row.delta.fen)}">${formatFen(row.delta.fen, locale, true)}</td>
            </tr>
            ${
              row.rules.length || kind === 'consultants'
                ? html`<tr class="row-detail" data-detail-of=${row.id}>
                    <td colspan="7">
                      <details part="what-if-row">
                        <summary>${msg.whatIfRules(row.rules.length)}</summary>
                        ${ruleDeltaView(row.rules, msg, locale, names)}
                      </details>
                      ${
                        kind === 'consultants'
                          ? html`<details
                              part="what-if-preview"
                              .open=${preview.consultant === row.id}
                              @toggle=${(e: Event) => preview.toggle(row.id, (e.currentTarget as HTMLDetailsElement).open)}
                            >
                              <summary>${msg.whatIfPreview}</summary>
                              ${
                                /* Only the chosen consultant's card is rendered (opening another row's preview closes this one). */
                                preview.consultant === row.id
                                  ? draftCardView(
                                      row.name,
                                      month,
                                      row.draftLedger,
                                      msg,
                                      locale,
                                      names,
                                      toExample && ((line) => toExample(row, line)),
                                    )
                                  : nothing
                              }
                            </details>`
                          : nothing
                      }
                    </td>
                  </tr>`
                : nothing
            }`,
      )}
    </tbody>
  </table>`;
}
