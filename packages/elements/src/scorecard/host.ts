/**
 * What the scorecard's feature controllers (appeals, the manager's board, month
 * closing) read from `<rulecard-scorecard>`: the element implements this.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Period } from '@rulecard/dsl';
import type { RulebookVersion, RulecardStore, ScoreResult, Subject } from '@rulecard/store';
import type { RuleInfo } from './model.js';
import type { SignedInUser } from '../shared/context.js';
import type { LocaleController } from '../shared/i18n.js';
import type { ScorecardText } from './messages/index.js';

export interface ScorecardHost extends ReactiveControllerHost, HTMLElement {
  readonly activeStore: RulecardStore | undefined;
  readonly user: SignedInUser | undefined;
  readonly timeZone: string;
  readonly i18n: LocaleController<ScorecardText>;
  /** The period shown. */
  readonly period: Period;
  /** `YYYY-MM-DD` when one day is shown, else ''. */
  readonly day: string;
  /** The team shown (leads and managers), else ''. */
  readonly team: string;
  readonly rulebook: string;
  /** Bumped on every store change that can change a score: tasks take it as an argument to re-run. */
  readonly revision: number;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The last failed action's message, shown on the card and next to the appeal and decision forms. */
  failure: string;
  /** The card's score once its current read is done, if the card shows exactly `subject` in `period`. */
  cardScore(subject: Subject, period: Period): Promise<ScoreResult | undefined>;
  /** Rule id → labels and text of the versions `result` used (or `inEffect`): the names of rules in lines and appeals. */
  ruleTexts(store: RulecardStore, result: ScoreResult, inEffect: RulebookVersion | undefined): Promise<Map<string, RuleInfo>>;
  /** A team's name, when the card shows that team. */
  teamName(team: string): string | undefined;
}
