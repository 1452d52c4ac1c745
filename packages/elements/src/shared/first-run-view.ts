/**
 * The first-run view every element shows while the store is not set up (see
 * `first-run.ts`, which loads this module only then): for a manager the two
 * setup steps — the roster, then a rulebook in effect — each with its state
 * and a button (`rulecard-setup`, for the portal to open the page with the
 * roster or the editor); for anyone else, what to ask their manager for.
 * Its strings live here, in both languages, so they load with it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SetupStatus } from '@rulecard/store';
import type { Role } from './context.js';
import type { Locale } from './i18n.js';
import type { SetupNeed } from './first-run.js';

/** The view's styles, adopted into the element's shadow root when this module loads (allowed under a strict CSP). */
export const firstRunStyles = css`
  .first-run {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 2);
    background: var(--_surface-alt);
  }
  .first-run h2 {
    margin: 0 0 var(--_space);
    font-size: 1.1em;
  }
  .first-run ol {
    margin: 0;
    padding-inline-start: 1.4em;
    display: grid;
    gap: var(--_space);
  }
  .first-run .step-done {
    color: var(--_positive);
  }
  .first-run .step-text {
    display: block;
    margin: 2px 0 4px;
  }
`;

/** Adds the view's styles to `root` (once). */
export function adoptFirstRunStyles(root: Element | ShadowRoot | DocumentFragment): void {
  const sheet = firstRunStyles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

const zhCN = {
  managerTitle: '开始使用：先完成设置',
  managerIntro: '完成下面的步骤后，这里会自动显示内容。',
  othersTitle: '系统还没有设置好',
  othersIntro: '请联系管理者完成以下设置：',
  roster: '花名册',
  rosterTodo: '还没有咨询员。添加小组、组长和咨询员（姓名、岗位、入职日期、薪资项和指标），也可以从 Excel 或 CSV 导入。',
  rosterDone: (n: number) => `已有 ${n} 名咨询员和组长`,
  rosterAction: '打开花名册',
  rulebook: '考评规则',
  rulebookTodo: '今天还没有生效的考评规则。在规则编辑器中选用起步规则集（依据诊所的考评制度编写），检查后发布。',
  rulebookScheduled: (version: number, date: string) => `版本 ${version} 将于 ${date} 生效；在那之前没有生效的规则。`,
  rulebookDone: (version: number) => `版本 ${version} 已生效`,
  rulebookAction: '打开规则编辑器',
  done: '已完成',
  askRoster: '花名册为空：请管理者添加小组和咨询员。',
  askPerson: (id: string) => `您（工号 ${id}）不在花名册中：请管理者把您加入花名册。`,
  askRulebook: '今天没有生效的考评规则：请管理者发布考评规则。',
};
const en: typeof zhCN = {
  managerTitle: 'Getting started: set up first',
  managerIntro: 'Once the steps below are done, this shows its content by itself.',
  othersTitle: 'Not set up yet',
  othersIntro: 'Ask your manager to:',
  roster: 'Roster',
  rosterTodo:
    'No consultants yet. Add teams, leads and consultants (name, role, join date, pay items and targets), or import them from Excel or CSV.',
  rosterDone: (n) => `${n} consultants and leads on the roster`,
  rosterAction: 'Open the roster',
  rulebook: 'Rulebook',
  rulebookTodo:
    'No rulebook is in effect today. In the rulebook editor, start from the starter rulebook (written from the clinic’s own rules), check it and publish it.',
  rulebookScheduled: (version, date) => `Version ${version} takes effect on ${date}; until then no rulebook is in effect.`,
  rulebookDone: (version) => `Version ${version} is in effect`,
  rulebookAction: 'Open the rulebook editor',
  done: 'done',
  askRoster: 'The roster is empty: ask your manager to add the teams and consultants.',
  askPerson: (id) => `You (id ${id}) are not on the roster: ask your manager to add you.`,
  askRulebook: 'No rulebook is in effect today: ask your manager to publish one.',
};
const MESSAGES: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

export interface FirstRunViewOptions {
  status: SetupStatus;
  missing: readonly SetupNeed[];
  /** What the element needs (a manager sees these steps, done or not). */
  needs: readonly SetupNeed[];
  role: Role;
  person: string;
  locale: Locale;
  onStep: (step: 'roster' | 'rulebook') => void;
}

export function firstRunView(o: FirstRunViewOptions): TemplateResult {
  const m = MESSAGES[o.locale];
  if (o.role !== 'manager') {
    const asks = o.missing.map((need) => (need === 'roster' ? m.askRoster : need === 'person' ? m.askPerson(o.person) : m.askRulebook));
    return html`<section class="first-run" part="first-run" aria-labelledby="first-run-title" role="status">
      <h2 id="first-run-title">${m.othersTitle}</h2>
      <p>${m.othersIntro}</p>
      <ul>
        ${asks.map((text) => html`<li>${text}</li>`)}
      </ul>
    </section>`;
  }
  const s = o.status;
  const step = (key: 'roster' | 'rulebook', name: string, done: boolean, text: string, action: string) =>
    html`<li data-step=${key} data-done=${done ? 'true' : 'false'}>
      <strong class="step-name">${name}</strong>
      ${done ? html`<span class="step-done">✓ ${m.done}</span>` : nothing}
      <span class="step-text">${text}</span>
      ${done ? nothing : html`<button type="button" class="primary" part="button first-run-action" @click=${() => o.onStep(key)}>${action}</button>`}
    </li>`;
  return html`<section class="first-run" part="first-run" aria-labelledby="first-run-title">
    <h2 id="first-run-title">${m.managerTitle}</h2>
    <p>${m.managerIntro}</p>
    <ol>
      ${step('roster', m.roster, s.scored > 0, s.scored > 0 ? m.rosterDone(s.scored) : m.rosterTodo, m.rosterAction)}
      ${
        o.needs.includes('rulebook') || o.missing.includes('rulebook') || !s.rulebook
          ? step(
              'rulebook',
              m.rulebook,
              !!s.rulebook,
              s.rulebook
                ? m.rulebookDone(s.rulebook.version)
                : s.scheduled
                  ? m.rulebookScheduled(s.scheduled.version, s.scheduled.effectiveFrom)
                  : m.rulebookTodo,
              m.rulebookAction,
            )
          : nothing
      }
    </ol>
  </section>`;
}
